"""Print and phone layouts in a real Chromium: the flyer on exactly one A4 page, figure tables on a
390 px phone, and a keyboard focus ring that stands out (3:1) whatever accent colour a site picks.

The demo portal and a synthetic worst case (very long names and texts, 30 projects, 12 calls) are
built and served under their site_url path. Screenshots and PDFs are kept in artifacts/print/.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import pdfcheck
from helpers import quality_kit as kit
from helpers.longplan import write_long_plan
from helpers.sitebuild import REPO

pytestmark = pytest.mark.browser

ARTIFACTS = REPO / "artifacts" / "print"
LONG = "kawasan-dengan-nama-yang-sangat-panjang"
ACCENTS = ["red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
           "light-green", "lime", "yellow", "amber", "orange", "deep-orange"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[str, dict[str, Any]]]]:
    """name -> (URL of the served site, {kawasan slug: its data.json})"""
    kit.require(kit.CHROMIUM, "Debian's chromium")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    demo = tmp_path_factory.mktemp("demo")
    for name in ("plans", "docs", "overrides"):
        shutil.copytree(REPO / name, demo / name)
    shutil.copy(REPO / "mkdocs.yml", demo / "mkdocs.yml")
    long = tmp_path_factory.mktemp("long")
    write_long_plan(long / "plans", LONG)
    shutil.copytree(REPO / "plans" / "lorong-garam", long / "plans" / "lorong-garam")
    (long / "docs").mkdir()
    (long / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Uji cetak", "site_url": "https://contoh.github.io/cetak/",
        "theme": {"name": "material", "language": "id", "font": False}, "plugins": ["plpbk"]}), encoding="utf-8")
    with ExitStack() as stack:
        found = {}
        for name, root in (("demo", demo), ("long", long)):
            server = kit.bind()
            folder = kit.build(root, f"http://127.0.0.1:{server.port}/{name}/")
            url = stack.enter_context(kit.serve(folder, f"/{name}/", server))
            found[name] = (url, {p.parent.name: p for p in folder.glob("*/data.json")})
        yield found


def _flyers(served: dict[str, tuple[str, dict[str, Any]]]) -> list[tuple[str, str, Path]]:
    """(site URL, kawasan slug, its data.json) of every kawasan of every served site."""
    return [(url, slug, data) for url, kawasan in served.values() for slug, data in sorted(kawasan.items())]


def test_every_flyer_prints_on_one_a4_page_with_its_qr_code_and_whole_figures(browser: Any, served: Any) -> None:
    context = browser.new_context()
    page = context.new_page()
    problems = []
    flyers = _flyers(served)
    assert LONG in [slug for _, slug, _ in flyers] and len(flyers) >= 4
    for url, slug, data_file in flyers:
        page.goto(f"{url}{slug}/cetak/", wait_until="networkidle")
        pdf = ARTIFACTS / f"cetak-{slug}.pdf"
        page.pdf(path=str(pdf), format="A4")
        pages = int(pdfcheck.info(pdf)["Pages"])
        if pages != 1:
            problems.append(f"{slug}: {pages} pages")
        pdfcheck.pages_as_images(pdf, dpi=60)[0].save(ARTIFACTS / f"cetak-{slug}.png")
        if pdfcheck.qr_codes(pdf) != [f"{url}{slug}/"]:
            problems.append(f"{slug}: QR code on the page reads {pdfcheck.qr_codes(pdf)}")
        data = json.loads(data_file.read_text(encoding="utf-8"))
        lines = pdfcheck.text(pdf).splitlines()
        for key in ("cost", "secured", "gap"):
            figure = "Rp" + f"{data['totals'][key]:,}".replace(",", ".")
            if not any(figure in line for line in lines):  # on one line: never broken mid-number
                problems.append(f"{slug}: {key} {figure} not whole on one line")
    context.close()
    assert not problems, "\n".join(problems)


def test_long_flyer_shows_the_first_calls_and_counts_the_rest(browser: Any, served: Any) -> None:
    url, _ = served["long"]
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{url}{LONG}/cetak/", wait_until="networkidle")
    page.emulate_media(media="print")
    visible = page.evaluate("""() => {
        const box = document.querySelector('.plpbk-flyer').getBoundingClientRect();
        const seen = el => { const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1; };
        return {calls: [...document.querySelectorAll('.plpbk-flyer-calls li')].filter(seen).length,
                more: [...document.querySelectorAll('.plpbk-flyer-more')].filter(seen).map(e => e.textContent.trim()),
                qr: [...document.querySelectorAll('.plpbk-flyer .plpbk-qr svg')].filter(seen).length};
    }""")
    context.close()
    assert visible == {"calls": 3, "more": ["dan 9 ajakan lainnya di situs"], "qr": 1}


def _money(amount: int) -> str:
    return "Rp" + f"{amount:,}".replace(",", ".")


def test_every_proposal_names_its_call_kawasan_projects_amount_and_contact(served: Any) -> None:
    """The acceptance of the partner's pack, on the demo and the long kawasan: every kawasan and every call."""
    problems = []
    checked = 0
    for url, slug, data_file in _flyers(served):
        data = json.loads(data_file.read_text(encoding="utf-8"))
        kawasan, folder = data["kawasan"], data_file.parent
        titles = {p["id"]: p["title"] for p in data["projects"]}
        documents = [(folder / "proposal.pdf", f"{url}{slug}/", [kawasan["name"], _money(data["totals"]["cost"]), _money(data["totals"]["gap"])],
                      kawasan["organization"]["contact"])]
        for call, listed in zip(kawasan["calls"], data["calls"]):
            expected = [call["title"], kawasan["name"], *(titles[p] for p in call.get("projects", []))]
            if listed.get("amount_sought") is not None:
                expected.append(_money(listed["amount_sought"]))
            documents.append((folder / "kemitraan" / call["id"] / "proposal.pdf", f"{url}{slug}/kemitraan/{call['id']}/", expected,
                              call.get("contact") or kawasan["organization"]["contact"]))
        for pdf, target, expected, contact in documents:
            checked += 1
            name = pdf.relative_to(folder.parent)
            text = "".join(pdfcheck.text(pdf).split())  # without spaces: a long address may wrap anywhere
            missing = [item for item in [*expected, *(str(v) for v in contact.values() if v)] if "".join(item.split()) not in text]
            if missing:
                problems.append(f"{name}: missing {missing}")
            if pdfcheck.qr_codes(pdf) != [target]:
                problems.append(f"{name}: QR code reads {pdfcheck.qr_codes(pdf)}, not {target}")
            fonts = pdfcheck.fonts(pdf)
            if pdf.stat().st_size > 1.5 * 1024 * 1024 or [round(x) for x in pdfcheck.page_size(pdf)] != [595, 842] or not all(f["emb"] == "yes" for f in fonts):
                problems.append(f"{name}: {pdf.stat().st_size} bytes, {pdfcheck.page_size(pdf)}, fonts {fonts}")
    assert checked >= 20  # 4 kawasan of the demo and the long site, 5 + 12 calls
    assert not problems, "\n".join(problems)


TABLE_PAGES = {"funding": "tambak-sari/rencana/rumah-pompa-rob/", "summary": "tambak-sari/rencana/"}


@pytest.mark.parametrize("which", TABLE_PAGES)
def test_figure_tables_are_readable_on_a_phone(browser: Any, served: Any, which: str) -> None:
    url, _ = served["demo"]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(url + TABLE_PAGES[which], wait_until="networkidle")
    table = page.locator(".md-content table.plpbk-table-stack").first  # the tables of many columns, stacked on a phone
    table.screenshot(path=str(ARTIFACTS / f"table-{which}-390.png"))
    cells = page.evaluate("""() => {
        const table = document.querySelector('.md-content table.plpbk-table-stack');
        const width = document.documentElement.clientWidth;
        const fit = t => t.getBoundingClientRect().right <= width && t.parentElement.scrollWidth <= t.parentElement.clientWidth + 1;
        return {fits: [...document.querySelectorAll('.md-content table.plpbk-table')].every(fit),
                cells: [...table.querySelectorAll('tbody th, tbody td')].map(c => ({text: c.textContent.trim(), width: c.getBoundingClientRect().width}))};
    }""")
    context.close()
    assert cells["fits"]  # every figure table of the page (a project's cost per year too) fits without scrolling
    squeezed = [c for c in cells["cells"] if c["width"] < 250]  # 61 px title columns before: letter by letter
    assert not squeezed, squeezed[:5]


def _contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    def luminance(rgb: tuple[float, ...]) -> float:
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || !el.closest('.md-content')) return null;
    const style = getComputedStyle(el);
    const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
    let node = el.parentElement, bg = [255, 255, 255, 1];
    while (node) { const c = parse(getComputedStyle(node).backgroundColor); if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c; break; } node = node.parentElement; }
    return {label: (el.textContent || '').trim().slice(0, 30), outline: parse(style.outlineColor), width: parseFloat(style.outlineWidth),
            styleName: style.outlineStyle, background: bg};
}"""


@pytest.mark.parametrize("path", ["tambak-sari/kemitraan/", "tambak-sari/kemitraan/mitra-pengendalian-rob/", "tambak-sari/rencana/"])
def test_focus_ring_stands_out_whatever_the_accent(browser: Any, served: Any, path: str) -> None:
    url, _ = served["demo"]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    weak = []
    checked = 0
    for scheme, accents in (("default", ACCENTS), ("slate", ACCENTS[:4])):
        for accent in accents:
            page.evaluate(f"document.body.setAttribute('data-md-color-accent', '{accent}'); document.body.setAttribute('data-md-color-scheme', '{scheme}')")
            page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
            seen = 0
            for _ in range(60):
                page.keyboard.press("Tab")
                focus = page.evaluate(_FOCUS)
                if focus is None:
                    continue
                seen += 1
                ratio = _contrast(tuple(focus["outline"]), tuple(focus["background"]))
                if focus["styleName"] == "none" or focus["width"] < 2 or ratio < 3:
                    weak.append(f"{scheme}/{accent} {focus['label']!r}: {focus['styleName']} {focus['width']}px, {ratio:.2f}:1")
                if seen >= 12:
                    break
            checked += seen
    page.screenshot(path=str(ARTIFACTS / f"focus-{path.strip('/').replace('/', '-')}.png"))
    context.close()
    assert checked > 100
    assert not weak, "\n".join(weak[:20])
