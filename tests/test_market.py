"""The partnership market of a portal (/kemitraan/ and kemitraan.csv): real builds of a portal with kawasan of
its own and a community site gathered from a loopback server."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.exceptions import Abort, PluginError

from benchmarks.loopback import Loopback
from helpers import quality_kit as kit
from helpers.sitebuild import REPO, build_site, page, write_site
from helpers.sources import community_data
from plpbk_plugin.site.pages.market import MarketCall, market_nav

COMMUNITY_HOME = "https://bkm-tambak-sari.github.io/"
SITE_URL = "https://contoh.github.io/portal/"


def _call(**changes: object) -> MarketCall:
    base = MarketCall(id="a", title="A", kawasan="K", slug="k", city="Kota Uji", province="Jawa Tengah", sought=None, gap=None,
                      partner_types=(), sectors=(), deadline=None, url=None, proposal=None)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_amount_bands_and_regions_of_a_call() -> None:
    assert [_call(sought=amount).band for amount in (None, 0, 99_999_999, 100_000_000, 499_999_999, 500_000_000, 10**9, 10**12)] == [
        "tanpa", "kecil", "kecil", "menengah", "menengah", "besar", "sangat-besar", "sangat-besar"]
    assert _call(city="Kota Semarang", province="Jawa Tengah").regions == ("jawa-tengah", "jawa-tengah--kota-semarang")
    assert _call(city="??", province="").regions == ("lainnya", "lainnya--lainnya")


def test_the_market_joins_the_nav_after_the_home_once() -> None:
    nav = ["index.md", {"Panduan": ["panduan/index.md"]}]
    added = market_nav(nav, "Pasar kemitraan")
    assert added == ["index.md", {"Pasar kemitraan": "kemitraan/index.md"}, {"Panduan": ["panduan/index.md"]}]
    assert market_nav(added, "Pasar kemitraan") == added
    own = [{"Beranda": "index.md"}, {"Mitra": [{"Semua ajakan": "kemitraan/index.md"}]}]
    assert market_nav(own, "Pasar kemitraan") == own  # a site that lists it already decides where it goes


def _portal(root: Path, source: str, *, nav: bool = True) -> Path:
    for slug in ("cigadung-hijau", "lorong-garam"):
        shutil.copytree(REPO / "plans" / slug, root / "plans" / slug)
    plan_file = root / "plans" / "lorong-garam" / "kawasan.yml"
    data = yaml.safe_load(plan_file.read_text(encoding="utf-8"))
    data["calls"] += [
        {"id": "ajakan-lama", "title": "Ajakan yang sudah lewat", "description": "Sudah ditutup.", "deadline": "2020-01-31",
         "projects": ["saluran-lorong"]},
        {"id": "rumus", "title": "=HYPERLINK(\"http://jahat.example\")", "description": "Judul seperti rumus.",
         "amount_sought": 50_000_000, "deadline": "2099-12-31", "partner_types": ["media"]},
    ]
    plan_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    extra = {"nav": ["index.md", {"Tentang": "tentang.md"}]} if nav else {}
    write_site(root, plugin={"communities": [source], "languages": ["id", "en"]}, **extra)
    (root / "docs" / "index.md").write_text("# Portal uji\n", encoding="utf-8")
    (root / "docs" / "tentang.md").write_text("# Tentang\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with Loopback() as server:
        source = server.route("/bkm/data.json", body=json.dumps(community_data("tambak-sari", COMMUNITY_HOME)).encode())
        return build_site(_portal(tmp_path_factory.mktemp("pasar"), source))


def _open_calls(html: str) -> list[str]:
    listed = html.split('class="plpbk-market-list"')[1].split("</ol>")[0]
    return re.findall(r"<h3>(?:<a [^>]*>)?([^<]+)", listed)


def _plan_calls() -> list[tuple[str | None, str, str]]:
    """(deadline, title, kawasan) of every call of the demo kawasan the portal shows, own and gathered."""
    found = []
    for slug in ("cigadung-hijau", "lorong-garam", "tambak-sari"):
        data = yaml.safe_load((REPO / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8"))
        found += [(c.get("deadline") and str(c["deadline"]), c["title"], data["name"]) for c in data.get("calls", [])]
    return found


@pytest.mark.slow
def test_every_open_call_is_listed_by_deadline_with_its_amount_and_links(built: Path) -> None:
    html = page(built, "kemitraan")
    calls = [*_plan_calls(), ("2099-12-31", '=HYPERLINK("http://jahat.example")', "Lorong Garam")]
    expected = [title for deadline, title, name in sorted(calls, key=lambda c: (c[0] is None, c[0] or "", c[2].casefold(), c[1].casefold()))]
    titles = [t.replace("&#34;", '"') for t in _open_calls(html)]
    assert titles == expected, "every open call, the soonest deadline first, calls without one last"
    assert "Ajakan yang sudah lewat" not in "".join(titles)
    closed = html.split('id="ajakan-ditutup"')[1]
    assert "Ajakan yang sudah lewat" in closed and "ditutup pada 31 Januari 2020" in closed
    # own calls link to their page and proposal; gathered ones to the community's own pages
    assert '<a href="../cigadung-hijau/kemitraan/mitra-sumur-resapan/">' in html
    assert 'href="../cigadung-hijau/kemitraan/mitra-sumur-resapan/proposal.pdf" type="application/pdf"' in html
    for call in ("mitra-pengendalian-rob", "mitra-kelas-pesisir", "mitra-rumah-produksi"):
        assert f'<a href="{COMMUNITY_HOME}kemitraan/{call}/">' in html
        assert f'href="{COMMUNITY_HOME}kemitraan/{call}/proposal.pdf"' in html
    assert not (built / "tambak-sari").exists()  # linked, never re-hosted
    rob = html.split(f'{COMMUNITY_HOME}kemitraan/mitra-pengendalian-rob/">')[1].split("</li>")[0]
    assert '<dt>Dana yang dicari</dt> <dd class="plpbk-amount">Rp500.000.000</dd>' in rob
    assert "<dt>Kekurangan dana proyeknya</dt> <dd>Rp525.000.000</dd>" in rob
    assert "Kampung Nelayan Tambak Sari · Kota Semarang, Jawa Tengah · di situs komunitasnya" in rob
    assert "Pemerintah, Swasta" in rob and '<time datetime="2027-06-30">30 Juni 2027</time>' in rob


@pytest.mark.slow
def test_the_filters_work_from_the_page_s_own_rules(built: Path) -> None:
    html = page(built, "kemitraan")
    style = re.search(r"<style>(.*?)</style>", html.split("</head>")[0]).group(1)
    items = re.findall(r'<li class="plpbk-market-call" data-s="([^"]*)" data-m="([^"]*)" data-d="([^"]*)" data-w="([^"]*)">', html)
    assert len(items) == len(_open_calls(html))
    for name, attribute, values in (("sektor", "s", {"lingkungan", "sosial", "ekonomi"}), ("mitra", "m", {"media", "donor"}),
                                    ("dana", "d", {"kecil", "menengah", "besar"}), ("wilayah", "w", {"jawa-tengah--kota-semarang"})):
        column = "smdw".index(attribute)
        for value in values:
            count = sum(value in item[column].split() for item in items)
            radio = f'value="{value}" id="pasar-{name}-{value}"'
            assert radio in html, radio
            assert re.search(rf'{re.escape(radio)}> <span class="plpbk-chip-name">[^<]+</span> <span class="plpbk-count">{count}</span>', html)
            assert (f'.plpbk-market:has(#pasar-{name}-{value}:checked) .plpbk-market-call:not([data-{attribute}~="{value}"])'
                    in style), value
    assert 'value="jawa-tengah" id="pasar-wilayah-jawa-tengah"> <span class="plpbk-chip-name">Jawa Tengah</span>' in html
    assert '<button type="reset" class="md-button">Hapus saringan</button>' in html


@pytest.mark.slow
def test_kemitraan_csv_is_for_spreadsheets_and_safe_in_them(built: Path) -> None:
    raw = (built / "kemitraan.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == len(_plan_calls()) + 2
    assert [r["status"] for r in rows].count("closed") == 1 and rows[-1]["id"] == "ajakan-lama"
    rob = next(r for r in rows if r["id"] == "mitra-pengendalian-rob")
    assert (rob["url"], rob["amount_sought"], rob["source"].endswith("/bkm/data.json")) == (
        f"{COMMUNITY_HOME}kemitraan/mitra-pengendalian-rob/", "500000000", True)
    own = next(r for r in rows if r["id"] == "mitra-sumur-resapan")
    assert own["url"] == f"{SITE_URL}cigadung-hijau/kemitraan/mitra-sumur-resapan/" and own["source"] == ""
    formula = next(r for r in rows if r["id"] == "rumus")
    assert formula["title"] == "'=HYPERLINK(\"http://jahat.example\")"  # a spreadsheet shows it, never runs it


@pytest.mark.slow
def test_the_market_is_in_the_nav_on_the_home_and_in_english(built: Path) -> None:
    home = page(built, "")
    nav = home.split('class="md-nav md-nav--primary"')[1]
    entries = re.findall(r'<span class="md-ellipsis">\s*([^<]*?)\s*</span>', nav)
    assert entries[:3] == ["Portal uji", "Pasar kemitraan", "Tentang"], "the market comes after the home in mkdocs.yml's nav"
    assert '<a class="md-button md-button--primary" href="kemitraan/">Pasar kemitraan: semua ajakan yang terbuka</a>' in home
    kawasan = page(built, "cigadung-hijau/kemitraan")
    assert '<a href="../../kemitraan/">pasar kemitraan</a>' in kawasan
    english = page(built, "en/kemitraan")
    assert "Partnership market" in english and "open calls for partnership from 3 neighbourhoods" in english
    assert '<a href="../cigadung-hijau/kemitraan/mitra-sumur-resapan/">' in english  # own calls: the English page
    assert 'href="../cigadung-hijau/kemitraan/mitra-sumur-resapan/proposal.pdf"' in english  # and its English proposal
    assert (built / "en" / "cigadung-hijau" / "kemitraan" / "mitra-sumur-resapan" / "proposal.pdf").is_file()
    assert '<span lang="id">Menuntaskan pengendalian rob dan proteksi kebakaran</span>' in english  # gathered text, marked
    assert (built / "kemitraan" / "og.jpg").is_file() or (built / "kemitraan" / "og.png").is_file()
    assert re.search(r'<meta property="og:image" content="https://contoh\.github\.io/portal/kemitraan/og\.(jpg|png)">', page(built, "kemitraan"))


@pytest.mark.slow
def test_without_a_nav_the_market_is_a_page_of_the_nav_not_a_section(tmp_path: Path) -> None:
    with Loopback() as server:
        source = server.route("/bkm/data.json", body=json.dumps(community_data("tambak-sari", COMMUNITY_HOME)).encode())
        site = build_site(_portal(tmp_path, source, nav=False))
    nav = page(site, "tentang").split('class="md-nav md-nav--primary"')[1]
    link = re.search(r'<a href="([^"]*kemitraan/)" class="md-nav__link">\s*<span class="md-ellipsis">\s*Pasar kemitraan', nav)
    assert link, "the market is an entry of the site's navigation"
    assert "md-nav__item--section" not in nav.split(link.group(0))[0].rsplit("<li", 1)[-1]


@pytest.mark.slow
def test_a_kawasan_folder_cannot_take_the_market_s_address(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for slug in ("kemitraan", "lorong-garam"):
        shutil.copytree(REPO / "plans" / "lorong-garam", tmp_path / "plans" / slug)
    write_site(tmp_path)
    with pytest.raises((PluginError, Abort)):
        build_site(tmp_path)
    assert "plans/kemitraan/: nama folder ini dipakai portal sebagai alamatnya sendiri (/kemitraan/: halaman wilayah, pasar kemitraan atau halaman offline); ganti nama folder." in caplog.text


@pytest.mark.slow
def test_a_community_s_own_site_has_no_market(tmp_path: Path) -> None:
    shutil.copytree(REPO / "plans" / "lorong-garam", tmp_path / "plans" / "lorong-garam")
    site = build_site(write_site(tmp_path))
    assert "Pasar kemitraan" not in page(site, "kemitraan") and not (site / "kemitraan.csv").exists()


@pytest.fixture(scope="module")
def served(built: Path) -> Any:
    with kit.serve(built, "/portal/") as url:
        yield url


def _visible(page: Any) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.plpbk-market-call')].filter(c => c.offsetParent !== null)"
                         ".map(c => c.querySelector('h3').textContent)")


@pytest.mark.browser
@pytest.mark.slow
def test_filters_work_without_javascript_and_with_it_keep_their_state_in_the_address(served: str, browser: Any) -> None:
    everything = None
    for script in (False, True):
        context = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=script)
        page_ = context.new_page()
        page_.goto(served + "kemitraan/", wait_until="networkidle")
        everything = everything or _visible(page_)
        page_.click("summary#saring")
        page_.check("#pasar-sektor-ekonomi")
        economic = _visible(page_)
        assert economic and len(economic) < len(everything)
        assert all(page_.locator(".plpbk-market-call", has_text=title).first.get_attribute("data-s").split().count("ekonomi")
                   for title in economic)
        page_.check("#pasar-mitra-masyarakat")
        both = _visible(page_)
        assert set(both) <= set(economic)
        if script:  # the state is in the address, counted and shown as chips that remove themselves
            assert page_.url.endswith("kemitraan/?sektor=ekonomi&mitra=masyarakat")
            assert page_.locator(".plpbk-filter-count").text_content() == f"Menampilkan {len(both)} dari {len(everything)} ajakan"
            chips = page_.locator(".plpbk-chips button")
            assert chips.all_text_contents() == ["Ekonomi ×", "Masyarakat ×"]
            chips.first.click()
            assert page_.url.endswith("kemitraan/?mitra=masyarakat") and len(_visible(page_)) >= len(both)
        page_.click(".plpbk-market-filter button[type=reset]")
        page_.wait_for_timeout(50)
        assert _visible(page_) == everything
        if script:
            assert page_.url.endswith("kemitraan/")
        context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page_ = context.new_page()
    page_.goto(served + "kemitraan/?wilayah=jawa-tengah--kota-semarang&dana=menengah", wait_until="networkidle")
    shared = _visible(page_)  # a shared, filtered address opens filtered
    assert shared and all("Kota Semarang" in page_.locator(".plpbk-market-call", has_text=t).first.text_content() for t in shared)
    assert page_.locator("details.plpbk-market-region").get_attribute("open") is not None
    page_.goto(served + "kemitraan/?sektor=tidak-ada", wait_until="networkidle")  # an unknown value is ignored
    assert _visible(page_) == everything
    context.close()
