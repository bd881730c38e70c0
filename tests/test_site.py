"""Real builds: the pages of site-map.md, their figures, links, escaping and share metadata."""

from __future__ import annotations

import html as htmllib
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PIL import Image

from helpers.plans import LORONG_GARAM, RICH_NAME, make_rich, plan
from helpers.sitebuild import (
    build_site,
    meta,
    page,
    write_plan,
    write_site,
)

pytestmark = pytest.mark.slow  # real site builds


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("portal")
    make_rich(root / "plans")
    write_plan(root / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(root, repo_url="https://github.com/contoh/portal")
    return build_site(root)


@pytest.fixture(scope="module")
def single(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("single")
    make_rich(root / "plans")
    write_site(root)
    return build_site(root)


KAWASAN_PAGES = ["", "gagasan", "rencana", "rencana/jalan-rw03", "rencana/kerja-bakti", "rencana/olahan-ikan",
                 "kemitraan", "kabar", "kabar/awal", "kabar/gotong-royong", "dokumen", "galeri", "cetak"]


def test_portal_has_every_page_of_the_site_map(portal: Path) -> None:
    for path in KAWASAN_PAGES:
        assert (portal / "tambak-sari" / path / "index.html").is_file(), path
    for path in ["", "gagasan", "rencana", "rencana/p1", "rencana/p2", "cetak"]:
        assert (portal / "lorong-garam" / path / "index.html").is_file(), path
    for empty in ["kabar", "galeri"]:
        assert not (portal / "lorong-garam" / empty).exists(), empty
        assert f'href="{empty}/"' not in page(portal, "lorong-garam")
    # no documents, but Dokumen offers the plan itself as the investment matrix
    assert 'href="../rencana-investasi.xlsx"' in page(portal, "lorong-garam/dokumen")
    assert (portal / "lorong-garam" / "rencana-investasi.xlsx").is_file()
    assert 'href="kemitraan/"' in page(portal, "lorong-garam")  # Kemitraan for every kawasan, calls or not
    home = page(portal, "")
    assert 'href="tambak-sari/"' in home and 'href="lorong-garam/"' in home
    assert "Kampung kecil di Makassar" in home


def test_single_site_root_is_beranda(single: Path) -> None:
    home = page(single, "")
    assert "<h1>Kampung &#34;Nelayan&#34; &amp; &lt;Tambak&gt;</h1>" in home
    for path in KAWASAN_PAGES[1:]:
        assert (single / path / "index.html").is_file(), path
    assert not (single / "tambak-sari").exists()


def test_project_figures_follow_the_contract(portal: Path) -> None:
    html = page(portal, "tambak-sari/rencana/jalan-rw03")
    # secured = 200.000 committed + 100.000 received; pledged 300.000 does not count; gap = 700.000
    figures = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]+)</dd>", html))
    assert figures["Biaya"] == "Rp1.000.000"
    assert figures["Dana terhimpun"] == "Rp300.000"
    assert figures["Dijanjikan"] == "Rp300.000"
    assert figures["Kekurangan dana"] == "Rp700.000"
    over = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]+)</dd>", page(portal, "tambak-sari/rencana/olahan-ikan")))
    assert over["Kekurangan dana"] == "Rp0"
    zero = dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>([^<]+)</dd>", page(portal, "tambak-sari/rencana/kerja-bakti")))
    assert zero["Biaya"] == "Rp0" and zero["Kekurangan dana"] == "Rp0"


def test_rencana_lists_every_project_with_totals(portal: Path) -> None:
    html = page(portal, "tambak-sari/rencana")
    for title in ["Peninggian jalan RW 03", "Kerja bakti bulanan", "Rumah produksi olahan ikan"]:
        assert title in html
    # totals: cost 1.500.000, secured 300.000 + 650.000, gap 700.000 + 0 + 0
    assert "Rp1.500.000" in html and "Rp950.000" in html and "Rp700.000" in html
    assert 'data-status="seeking_partners"' in html and 'id="status-funded"' in html


def test_calls_show_amount_sought(portal: Path) -> None:
    html = page(portal, "tambak-sari/kemitraan")
    first = html.split('id="ajakan-mitra-jalan"')[1].split("</article>")[0]
    assert "Rp700.000" in first  # default: gaps of jalan-rw03 (700.000) and olahan-ikan (0)
    second = html.split('id="ajakan-relawan"')[1].split("</article>")[0]
    assert "Rp12.345" in second
    assert "PT Laut" in html and "Bibit mangrove" in html and "Perda rob" in html


def test_contact_links_work_on_a_phone(portal: Path) -> None:
    html = page(portal, "tambak-sari/kemitraan")
    first = html.split('id="ajakan-mitra-jalan"')[1].split("</article>")[0]
    wa = htmllib.unescape(re.search(r'href="(https://wa\.me/[^"]+)"', first).group(1))
    parts = urlsplit(wa)
    assert parts.path == "/62811222333"  # the call's own contact overrides the BKM's
    text = parse_qs(parts.query)["text"][0]
    assert RICH_NAME in text and "Mitra jalan & drainase" in text
    mail = htmllib.unescape(re.search(r'href="(mailto:[^"]+)"', first).group(1))
    assert mail.startswith("mailto:jalan@contoh.id?") and "Mitra jalan & drainase" in unquote(mail)
    project = page(portal, "tambak-sari/rencana/jalan-rw03")
    wa = htmllib.unescape(re.search(r'href="(https://wa\.me/[^"]+)"', project).group(1))
    assert urlsplit(wa).path == "/6281234567890"
    assert "Peninggian jalan RW 03" in parse_qs(urlsplit(wa).query)["text"][0]
    assert 'href="tel:+62247654321"' in project
    assert "https://github.com/contoh/portal/issues/new?" in project


def test_no_plan_text_becomes_markup(portal: Path) -> None:
    for path in KAWASAN_PAGES:
        html = page(portal, f"tambak-sari/{path}")
        assert "<script>alert" not in html, path
        assert "javascript:" not in html, path
        assert "onerror" not in html, path
        assert "<Tambak>" not in html, path


def test_every_page_has_share_metadata(portal: Path) -> None:
    for path in [""] + [f"tambak-sari/{p}" for p in KAWASAN_PAGES] + ["lorong-garam"]:
        html = page(portal, path)
        for prop in ["og:title", "og:description", "og:url", "og:image", "description"]:
            assert meta(html, prop), (path, prop)
        image = meta(html, "og:image")
        assert image.startswith("https://contoh.github.io/portal/")
        local = portal / image.removeprefix("https://contoh.github.io/portal/")
        assert local.is_file(), image
        with Image.open(local) as im:
            assert im.size == (1200, 630)
        expected = "https://contoh.github.io/portal/" + "/".join(part for part in path.split("/") if part)
        assert meta(html, "og:url") == (expected + "/" if path else expected)


def test_jsonld_on_beranda_and_project_pages(portal: Path) -> None:
    import json

    for path in ["tambak-sari", "tambak-sari/rencana/jalan-rw03"]:
        html = page(portal, path)
        block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
        data = json.loads(block)
        assert "schema.org" in data["@context"]


def test_kawasan_pages_do_not_link_into_other_kawasan(portal: Path) -> None:
    for path in KAWASAN_PAGES:
        html = page(portal, f"tambak-sari/{path}")
        assert "lorong-garam/rencana" not in html, path


def test_search_index_covers_project_text(portal: Path) -> None:
    html = page(portal, "tambak-sari/rencana/jalan-rw03")
    indexed = html[html.index("data-pagefind-body"):html.index("</article>")]
    assert "Jalan setinggi 60 cm agar gang tidak terendam." in indexed
    entry = json.loads((portal / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["id"]["page_count"] >= 10


def test_documents_and_photos_are_published(portal: Path) -> None:
    html = page(portal, "tambak-sari/dokumen")
    assert 'href="rplp.pdf"' in html and "RPLP 2025" in html and "2025" in html
    assert (portal / "tambak-sari" / "dokumen" / "rplp.pdf").is_file()
    home = page(portal, "tambak-sari")
    src = re.search(r'<img src="([^"]+)"', home).group(1)
    assert (portal / "tambak-sari" / src).resolve().is_file()
    assert 'type="image/webp"' in home and re.search(r'<img [^>]*width="\d+" height="\d+"', home)


def test_news_newest_first(portal: Path) -> None:
    html = page(portal, "tambak-sari/kabar")
    assert html.index("Gotong royong") < html.index("Awal")
    assert "2 November 2026" in html


def test_edit_link_points_at_the_plan(portal: Path) -> None:
    html = page(portal, "tambak-sari/rencana")
    assert "https://github.com/contoh/portal/edit/master/plans/tambak-sari/kawasan.yml" in html


def test_forced_portal_mode_for_one_kawasan(tmp_path: Path) -> None:
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(tmp_path, plugin={"mode": "portal"})
    site = build_site(tmp_path)
    assert (site / "lorong-garam" / "rencana" / "p1" / "index.html").is_file()
    assert 'href="lorong-garam/"' in page(site, "")
