"""The partner's pack: a page, a card and a proposal PDF for every call; Kemitraan for every kawasan.

Real builds of a small portal: one kawasan with calls (one with its own contact, one closed), one
without any call. The proposals are read like a partner's office would: their text, their A4 pages,
their fonts, and their QR code scanned from the rendered page.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from PIL import Image, ImageStat

from benchmarks.loopback import Loopback
from helpers import pdfcheck
from helpers.gitrepo import GitRepo
from helpers.sitebuild import build_site, meta, page, write_photo, write_plan, write_site

pytestmark = pytest.mark.slow  # real site builds

SITE_URL = "https://contoh.github.io/portal/"
SLUG = "tambak-sari"
QUIET = "lorong-sepi"


def plan_with_calls() -> dict:
    return {
        "name": "Kampung Nelayan Tambak Sari",
        "tagline": "Kampung nelayan yang menata diri melawan rob",
        "summary": "Warga menyusun rencana.",
        "location": {"kelurahan": "Tambaksari", "kecamatan": "Gayamsari", "city": "Kota Semarang", "province": "Jawa Tengah"},
        "organization": {
            "name": "BKM Sari Bahari",
            "description": "Laporan keuangan dibacakan setiap triwulan.",
            "contact": {"whatsapp": "0812-3456-7890", "email": "bkm@contoh.id", "address": "Balai Warga RW 03"},
            "people": [{"name": "Siti Aminah", "role": "Koordinator"}, {"name": "Dwi Lestari", "role": "Bendahara"}],
        },
        "transformation": {"idea": "Dari warga yang menunggu menjadi warga yang **berdaya**.", "vision": "Kampung aman dari rob."},
        "projects": [
            {
                "id": "rumah-pompa", "title": "Rumah pompa pengendali rob", "summary": "Pompa 500 liter per detik.",
                "sector": "lingkungan", "cost": 2_400_000_000, "status": "in_progress",
                "funding": [
                    {"source": "apbd_kota", "amount": 1_500_000_000, "partner": "Pemerintah Kota Semarang"},
                    {"source": "swadaya", "amount": 120_000_000, "status": "received", "partner": "Warga RW 01"},
                    {"source": "csr", "amount": 200_000_000, "status": "pledged", "partner": "PT Samudra Energi"},
                ],
                "needs": ["Genset cadangan 30 kVA"],
                "photos": [{"file": "photos/pompa.jpg", "caption": "Rumah pompa"}],
            },
            {
                "id": "hidran", "title": "Hidran kampung", "summary": "Enam hidran.", "sector": "lingkungan",
                "cost": 1_250_000, "status": "planned", "needs": ["Pelatihan relawan pemadam"],
            },
            {
                "id": "kelas", "title": "Kelas belajar anak pesisir", "summary": "Kelas sore.", "sector": "sosial",
                "cost": 180_000_000, "status": "seeking_partners",
                "description": "Lihat [rencana kelas](javascript:alert(1)) bersama warga.",
            },
        ],
        "calls": [
            {
                "id": "mitra-rob", "title": "Menuntaskan pengendalian rob", "description": "Kami mengajak **dunia usaha**.",
                "partner_types": ["pemerintah", "swasta"], "projects": ["rumah-pompa", "hidran"], "deadline": "2099-06-30",
            },
            {
                "id": "mitra-kelas", "title": "Relawan kelas pesisir",
                "description": "Bantu 120 anak belajar. [Tautan](javascript:alert(2)) ![foto](http://127.0.0.1:9/jauh.png)",
                "projects": ["kelas"], "amount_sought": 1_250_000, "deadline": "2099-01-31",
                "contact": {"whatsapp": "0813-0000-5522", "email": "kelas@contoh.id"},
            },
            {"id": "ajakan-lama", "title": "Ajakan yang sudah lewat", "description": "Sudah ditutup.", "deadline": "2020-01-31"},
        ],
        "documents": [{"title": "RPLP Tambak Sari 2025", "file": "documents/rplp.pdf", "kind": "rplp", "year": 2025}],
        "photos": {"hero": "photos/hero.jpg"},
    }


def plan_without_calls() -> dict:
    return {
        "name": "Lorong Sepi",
        "tagline": "Lorong kecil yang mulai menata diri",
        "summary": "Rencana muda.",
        "location": {"kelurahan": "A", "kecamatan": "B", "city": "Kota Makassar", "province": "Sulawesi Selatan"},
        "organization": {"name": "LKM Lorong Sepi", "contact": {"phone": "0411-400-0002", "email": "lkm@contoh.id"}},
        "transformation": {"idea": "Bersama."},
        "projects": [
            {"id": "kecil", "title": "Lampu lorong", "summary": "Lampu.", "sector": "lingkungan", "cost": 5_000_000, "status": "planned"},
            {"id": "besar", "title": "Saluran lorong", "summary": "Saluran.", "sector": "lingkungan", "cost": 380_000_000,
             "status": "seeking_partners", "needs": ["Pendampingan teknis"],
             "funding": [{"source": "swadaya", "amount": 20_000_000}]},
            {"id": "lunas", "title": "Jamban sehat", "summary": "Jamban.", "sector": "sosial", "cost": 10_000_000, "status": "funded",
             "funding": [{"source": "blm", "amount": 10_000_000}]},
        ],
    }


def _write(root: Path, *, overrides: dict[str, str] | None = None, plugin: dict | None = None) -> Path:
    folder = write_plan(root / "plans", SLUG, plan_with_calls())
    write_photo(folder / "photos" / "hero.jpg", (1600, 1000))
    write_photo(folder / "photos" / "pompa.jpg", (1200, 800), "#264653")
    (folder / "documents").mkdir()
    (folder / "documents" / "rplp.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    write_plan(root / "plans", QUIET, plan_without_calls())
    extra = {}
    if overrides:
        extra["theme"] = {"name": "material", "language": "id", "font": False, "custom_dir": "overrides"}
        for name, content in overrides.items():
            target = root / "overrides" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
    return write_site(root, plugin=plugin, site_url=SITE_URL, **extra)


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(_write(tmp_path_factory.mktemp("partners")))


# --------------------------------------------------------------------------- call pages


def test_every_call_has_its_page_listed_and_linked_from_kemitraan(portal: Path) -> None:
    kemitraan = page(portal, f"{SLUG}/kemitraan")
    for call in ("mitra-rob", "mitra-kelas", "ajakan-lama"):
        assert (portal / SLUG / "kemitraan" / call / "index.html").is_file(), call
    for call in ("mitra-rob", "mitra-kelas"):
        assert f'href="{call}/"' in kemitraan and f'href="{call}/proposal.pdf"' in kemitraan
    closed = kemitraan.split('id="ajakan-selesai"')[1]
    assert 'href="ajakan-lama/"' in closed and "31 Januari 2020" in closed
    assert 'id="ajakan-ajakan-lama"' not in kemitraan  # a closed call is not shown as open


def test_call_page_shows_the_ask_its_projects_figures_and_how_to_respond(portal: Path) -> None:
    html = page(portal, f"{SLUG}/kemitraan/mitra-rob")
    assert "<h1>Menuntaskan pengendalian rob</h1>" in html
    assert "<strong>dunia usaha</strong>" in html
    # amount sought defaults to the projects' gaps: 2.400.000.000 − 1.620.000.000 + 1.250.000
    assert "Rp781.250.000" in html and "30 Juni 2099" in html and "Pemerintah" in html and "Swasta" in html
    for title, figure in (("Rumah pompa pengendali rob", "Rp780.000.000"), ("Hidran kampung", "Rp1.250.000")):
        assert title in html and figure in html
    assert "Genset cadangan 30 kVA" in html and "Pelatihan relawan pemadam" in html  # what partners can bring
    assert 'href="../../rencana/rumah-pompa/"' in html
    assert 'href="proposal.pdf"' in html
    assert 'aria-current="page">Kemitraan<' in html


def test_call_contact_comes_first(portal: Path) -> None:
    html = page(portal, f"{SLUG}/kemitraan/mitra-kelas")
    links = [unquote(htmllib.unescape(h)) for h in re.findall(r'href="(https://wa\.me/[^"]+)"', html)]
    assert urlsplit(links[0]).path == "/6281300005522" and "Relawan kelas pesisir" in links[0]
    assert "/6281234567890" in links[-1]  # the BKM's own, below


def test_closed_call_page_says_so(portal: Path) -> None:
    html = page(portal, f"{SLUG}/kemitraan/ajakan-lama")
    assert "Ajakan ini sudah ditutup pada 31 Januari 2020." in html


def test_call_page_has_its_own_share_card(portal: Path) -> None:
    html = page(portal, f"{SLUG}/kemitraan/mitra-rob")
    image = meta(html, "og:image")
    assert image == SITE_URL + f"{SLUG}/kemitraan/mitra-rob/og.jpg"
    assert meta(html, "og:url") == SITE_URL + f"{SLUG}/kemitraan/mitra-rob/"
    assert meta(html, "og:title") == "Menuntaskan pengendalian rob · Kampung Nelayan Tambak Sari"
    with Image.open(portal / urlsplit(image).path.removeprefix("/portal/")) as card:
        assert card.size == (1200, 630)
    assert meta(page(portal, f"{SLUG}/kemitraan/mitra-kelas"), "og:image") != image


# --------------------------------------------------------------------------- Kemitraan without calls


def test_kawasan_without_calls_has_kemitraan_with_projects_by_gap_and_contact(portal: Path) -> None:
    assert 'href="kemitraan/"' in page(portal, QUIET)  # in the local navigation
    html = page(portal, f"{QUIET}/kemitraan")
    main = html.split("<h1>Kemitraan</h1>")[1]
    assert main.index("Saluran lorong") < main.index("Lampu lorong")  # the largest gap first
    assert "Jamban sehat" not in main.split('id="bkm"')[0]  # funded: no gap
    assert "Rp360.000.000" in main and "Rp5.000.000" in main and "Pendampingan teknis" in main
    assert 'href="tel:+624114000002"' in main and "mailto:lkm@contoh.id" in main
    assert 'href="../proposal.pdf"' in main
    assert meta(html, "description") == "Kegiatan Lorong Sepi yang mencari mitra"


# --------------------------------------------------------------------------- proposals


def _proposals(site: Path) -> list[Path]:
    return sorted(site.rglob("proposal.pdf"))


def test_every_kawasan_and_call_has_a_proposal(portal: Path) -> None:
    found = {p.relative_to(portal).as_posix() for p in _proposals(portal)}
    assert found == {
        f"{SLUG}/proposal.pdf", f"{QUIET}/proposal.pdf",
        *(f"{SLUG}/kemitraan/{c}/proposal.pdf" for c in ("mitra-rob", "mitra-kelas", "ajakan-lama")),
    }


@pytest.mark.parametrize("which", [f"{SLUG}/proposal.pdf", f"{QUIET}/proposal.pdf", f"{SLUG}/kemitraan/mitra-rob/proposal.pdf"])
def test_proposals_are_a4_with_embedded_dejavu_and_small(portal: Path, which: str) -> None:
    pdf = portal / which
    assert pdf.stat().st_size <= 1.5 * 1024 * 1024
    width, height = pdfcheck.page_size(pdf)
    assert (round(width), round(height)) == (595, 842)  # A4 portrait, in points
    fonts = pdfcheck.fonts(pdf)
    assert fonts and all(f["emb"] == "yes" and f["uni"] == "yes" for f in fonts), fonts
    assert all("DejaVu" in f["name"] for f in fonts), fonts


def test_call_proposal_says_what_a_partner_needs_and_scans_to_the_call(portal: Path) -> None:
    pdf = portal / SLUG / "kemitraan" / "mitra-kelas" / "proposal.pdf"
    text = " ".join(pdfcheck.text(pdf).split())
    for expected in ("Relawan kelas pesisir", "Kampung Nelayan Tambak Sari", "Kelas belajar anak pesisir",
                     "Rp1.250.000", "Rp180.000.000", "0813-0000-5522", "kelas@contoh.id", "BKM Sari Bahari",
                     "Siti Aminah", "Balai Warga RW 03", "RPLP Tambak Sari 2025", "PROPOSAL KEMITRAAN"):
        assert expected in text, expected
    assert "javascript" not in text and "Tautan" in text  # the unsafe link's text stays, as text
    assert pdfcheck.qr_codes(pdf) == [SITE_URL + f"{SLUG}/kemitraan/mitra-kelas/"]
    assert pdfcheck.info(pdf)["Title"] == "Relawan kelas pesisir"
    rob = " ".join(pdfcheck.text(portal / SLUG / "kemitraan" / "mitra-rob" / "proposal.pdf").split())
    for expected in ("Rumah pompa pengendali rob", "Hidran kampung", "Pemerintah Kota Semarang", "Rp1.500.000.000",
                     "PT Samudra Energi", "Rp200.000.000", "Rp780.000.000", "Rp781.250.000", "0812-3456-7890"):
        assert expected in rob, expected


def test_kawasan_proposal_has_figures_projects_calls_and_scans_home(portal: Path) -> None:
    pdf = portal / SLUG / "proposal.pdf"
    text = " ".join(pdfcheck.text(pdf).split())
    for expected in ("Kampung Nelayan Tambak Sari", "PROFIL DAN PROPOSAL KEMITRAAN", "Rp2.581.250.000",  # total cost
                     "Rp961.250.000",  # total gap: 780.000.000 + 1.250.000 + 180.000.000
                     "Rumah pompa pengendali rob", "Hidran kampung", "Kelas belajar anak pesisir",
                     "Menuntaskan pengendalian rob", "Relawan kelas pesisir", "0812-3456-7890"):
        assert expected in text, expected
    assert "Ajakan yang sudah lewat" not in text  # only open calls
    assert pdfcheck.qr_codes(pdf) == [SITE_URL + f"{SLUG}/"]
    quiet = " ".join(pdfcheck.text(portal / QUIET / "proposal.pdf").split())
    assert "Lorong Sepi" in quiet and "Rp395.000.000" in quiet and "Rp360.000.000" in quiet and "0411-400-0002" in quiet
    assert pdfcheck.qr_codes(portal / QUIET / "proposal.pdf") == [SITE_URL + f"{QUIET}/"]


def test_proposal_cover_shows_the_kawasan_photo(portal: Path) -> None:
    cover = pdfcheck.pages_as_images(portal / SLUG / "proposal.pdf", dpi=40, last=1)[0].convert("RGB")
    # the hero photo is flat #2a9d8f: its colour fills the top of the cover
    top = cover.crop((cover.width // 4, cover.height // 8, cover.width * 3 // 4, cover.height // 4))
    r, g, b = ImageStat.Stat(top).mean
    assert abs(r - 0x2A) < 12 and abs(g - 0x9D) < 12 and abs(b - 0x8F) < 12


def test_proposals_are_linked_from_the_flyer(portal: Path) -> None:
    html = page(portal, f"{SLUG}/cetak")
    assert 'href="../proposal.pdf"' in html and SITE_URL + f"{SLUG}/proposal.pdf" in html


# --------------------------------------------------------------------------- printing: cache, overrides, network


def test_proposals_come_from_the_cache_follow_overrides_and_never_fetch_the_web(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    with Loopback() as server:
        server.route("/x.png", content_type="image/png")
        root = _write(tmp_path / "site", plugin={"cache_dir": str(cache)},
                      overrides={"plpbk/proposal/bkm.html": "<section><h2>Laporan kami: {{ kawasan.organization.name }}</h2></section>"})
        yml = root / "plans" / SLUG / "kawasan.yml"
        yml.write_text(yml.read_text(encoding="utf-8").replace("127.0.0.1:9/", f"127.0.0.1:{server.port}/"), encoding="utf-8")
        site = build_site(root)
    assert server.requests == []  # a web image in a call's Markdown is never fetched by the printer
    assert "Laporan kami: BKM Sari Bahari" in pdfcheck.text(site / SLUG / "proposal.pdf")  # the site's overrides/ win
    printed = {p.name: p.stat().st_mtime_ns for p in (cache / "proposals").iterdir()}
    assert len(printed) == 5
    before = {p.relative_to(site): p.read_bytes() for p in _proposals(site)}
    build_site(root)  # nothing changed: every proposal comes from the cache
    assert {p.name: p.stat().st_mtime_ns for p in (cache / "proposals").iterdir()} == printed
    assert {p.relative_to(site): p.read_bytes() for p in _proposals(site)} == before
    yml.write_text(yml.read_text(encoding="utf-8").replace("Relawan kelas pesisir", "Relawan kelas pesisir 2027"), encoding="utf-8")
    build_site(root)
    changed = {p.relative_to(site) for p in _proposals(site) if p.read_bytes() != before[p.relative_to(site)]}
    # the call's own proposal, and the kawasan's (which lists the open calls)
    assert changed == {Path(SLUG, "kemitraan", "mitra-kelas", "proposal.pdf"), Path(SLUG, "proposal.pdf")}
    assert "Relawan kelas pesisir 2027" in pdfcheck.text(site / SLUG / "kemitraan" / "mitra-kelas" / "proposal.pdf")


def test_proposals_are_dated_by_the_plans_last_change_and_stay_the_same_from_day_to_day(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    root = tmp_path / "site"
    repo = GitRepo(root)
    _write(root, plugin={"cache_dir": str(cache)})
    repo.commit("Rencana Tambak Sari", "2026-09-30T10:00:00+07:00")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # 18 November 2026
    site = build_site(root)
    assert "Disusun oleh BKM Sari Bahari, 30 September 2026" in pdfcheck.text(site / SLUG / "proposal.pdf")
    printed = {p.name: p.stat().st_mtime_ns for p in (cache / "proposals").iterdir()}
    before = {p.relative_to(site): p.read_bytes() for p in _proposals(site)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1795000000 + 86400))  # the next day's build
    site = build_site(root)
    assert {p.name: p.stat().st_mtime_ns for p in (cache / "proposals").iterdir()} == printed  # nothing printed again
    assert {p.relative_to(site): p.read_bytes() for p in _proposals(site)} == before


def test_without_git_a_proposal_is_dated_by_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    site = build_site(_write(tmp_path))
    assert "Disusun oleh BKM Sari Bahari, 18 November 2026" in pdfcheck.text(site / SLUG / "proposal.pdf")


# --------------------------------------------------------------------------- sanitizing, flyer, languages


def test_a_link_whose_address_is_removed_becomes_plain_text(portal: Path) -> None:
    html = page(portal, f"{SLUG}/rencana/kelas")
    assert "Lihat rencana kelas bersama warga." in html
    assert "javascript:" not in html
    assert not re.search(r"<a(?=[\s>])(?![^>]*\shref=)[^>]*>", html)  # no link without an address (the Nu checker's error)


def test_flyer_lists_the_first_calls_and_counts_the_others(tmp_path: Path) -> None:
    root = _write(tmp_path)
    yml = root / "plans" / SLUG / "kawasan.yml"
    data = yaml.safe_load(yml.read_text(encoding="utf-8"))
    data["calls"] += [{"id": f"tambahan-{i}", "title": f"Ajakan tambahan {i}", "description": "Ayo.", "amount_sought": 1_000 * i}
                      for i in range(1, 5)]
    yml.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    html = page(build_site(root), f"{SLUG}/cetak")
    listed = re.findall(r"<li><strong>([^<]+)</strong>", html.split('class="plpbk-flyer-calls"')[1].split("</ul>")[0])
    assert listed == ["Menuntaskan pengendalian rob", "Relawan kelas pesisir", "Ajakan tambahan 1"]
    assert "dan 3 ajakan lainnya di situs" in html
    assert '<span class="plpbk-nowrap">Rp781.250.000</span>' in html


def test_other_languages_are_in_the_sitemap_not_in_the_head(tmp_path: Path) -> None:
    root = _write(tmp_path, plugin={"languages": ["id", "en"]})
    site = build_site(root)
    html = page(site, f"{SLUG}/kemitraan/mitra-rob")
    alternates = re.findall(r'<link rel="alternate"[^>]*>', html)  # Material fetches a sitemap beside each one its script sees:
    assert alternates == [alternates[0]] and 'type="application/json+oembed"' in alternates[0]  # only oEmbed's,
    assert 'data-plpbk-oembed><script>document.querySelectorAll("link[data-plpbk-oembed]")' in html  # which is removed first
    assert 'hreflang="en"' in html  # the language switcher
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = sitemap.split(f"<loc>{SITE_URL}en/{SLUG}/kemitraan/mitra-rob/</loc>")[1].split("</url>")[0]
    assert f'<xhtml:link rel="alternate" hreflang="id" href="{SITE_URL}{SLUG}/kemitraan/mitra-rob/"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}en/{SLUG}/kemitraan/mitra-rob/"/>' in entry
    assert f'<xhtml:link rel="alternate" hreflang="x-default" href="{SITE_URL}{SLUG}/kemitraan/mitra-rob/"/>' in entry
    assert 'xmlns:xhtml="http://www.w3.org/1999/xhtml"' in sitemap
    english = page(site, f"en/{SLUG}/kemitraan/mitra-rob")
    assert '<a href="proposal.pdf" type="application/pdf">Download the proposal (PDF)</a>' in english  # its own, in English


def test_a_bilingual_site_has_english_proposals_and_the_indonesian_ones_stay_the_same(portal: Path, tmp_path: Path) -> None:
    site = build_site(_write(tmp_path, plugin={"languages": ["id", "en"]}))
    assert {p.relative_to(site).as_posix() for p in _proposals(site)} == {
        f"{prefix}{path}" for prefix in ("", "en/") for path in (p.relative_to(portal).as_posix() for p in _proposals(portal))}
    for path in (f"{SLUG}/proposal.pdf", f"{SLUG}/kemitraan/mitra-kelas/proposal.pdf", f"{QUIET}/proposal.pdf"):
        assert (site / path).read_bytes() == (portal / path).read_bytes(), f"{path}: the Indonesian proposal is byte for byte the same"
    call = " ".join(pdfcheck.text(site / "en" / SLUG / "kemitraan" / "mitra-kelas" / "proposal.pdf").split())
    for expected in ("PARTNERSHIP PROPOSAL", "Amount sought", "Rp1.250.000", "Rp180.000.000", "Relawan kelas pesisir", "kelas@contoh.id"):
        assert expected in call, expected
    assert "PROPOSAL KEMITRAAN" not in call and "Dana yang dicari" not in call
    assert pdfcheck.qr_codes(site / "en" / SLUG / "kemitraan" / "mitra-kelas" / "proposal.pdf") == [SITE_URL + f"en/{SLUG}/kemitraan/mitra-kelas/"]
    whole = " ".join(pdfcheck.text(site / "en" / SLUG / "proposal.pdf").split())
    assert "PROFILE AND PARTNERSHIP PROPOSAL" in whole and "Rp961.250.000" in whole and "Funding gap" in whole
    assert pdfcheck.info(site / "en" / SLUG / "proposal.pdf")["Title"] == "Kampung Nelayan Tambak Sari"
    kemitraan = page(site, f"en/{SLUG}/kemitraan")
    assert '<a href="../proposal.pdf" type="application/pdf">the proposal of Kampung Nelayan Tambak Sari (PDF)</a>' in kemitraan
    assert 'href="mitra-rob/proposal.pdf" type="application/pdf">Proposal (PDF)</a>' in kemitraan
