"""The Riwayat page in Debian's Chromium: the chart draws without JavaScript and fits a phone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from helpers import quality_kit as kit
from helpers.ledger_repo import ledger_repo
from helpers.quality_kit import serve
from helpers.sitebuild import build_site, write_site

pytestmark = pytest.mark.browser
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = ledger_repo(tmp_path_factory.mktemp("riwayat") / "situs", other="kampung-lain")
    write_site(repo.root, plugin={"languages": ["id", "en"]}, repo_url="https://github.com/bkm-tambak-sari/situs")
    return build_site(repo.root)


@pytest.mark.parametrize("size", SIZES)
def test_chart_draws_without_javascript_and_fits(browser: Any, site: Path, size: str, tmp_path: Path) -> None:
    width, height = SIZES[size]
    with serve(site, "/portal/") as base:
        visitor = browser.new_context(viewport={"width": width, "height": height})
        tab = visitor.new_page()
        tab.goto(base + "tambak-sari/riwayat/", wait_until="load")
        overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        visitor.close()
        # the chart is static: it draws the same without JavaScript (Material's header title alone overflows then)
        static = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
        page = static.new_page()
        failed: list[str] = []
        page.on("response", lambda res: failed.append(f"{res.status}: {res.url}") if res.status >= 400 else None)
        page.goto(base + "tambak-sari/riwayat/", wait_until="load")
        svg = page.locator("svg.plpbk-chart-svg").bounding_box()
        content = page.locator("article").bounding_box()
        lines = page.evaluate(
            "[...document.querySelectorAll('svg.plpbk-chart-svg path')].map(p => [p.getAttribute('class'),"
            " p.getTotalLength(), getComputedStyle(p).stroke])"
        )
        entries = page.locator("ol.plpbk-ledger > li").count()
        page.screenshot(path=str(tmp_path / f"riwayat-{size}.png"), full_page=True)
        static.close()
    assert overflow <= 0, f"the page overflows by {overflow}px"
    assert svg and content and svg["width"] >= 0.9 * content["width"] - 40 and svg["height"] > 100, (svg, content)
    drawn = {name: (length, stroke) for name, length, stroke in lines}
    assert drawn["plpbk-chart-secured"][0] > 0 and drawn["plpbk-chart-gap"][0] > 0
    assert drawn["plpbk-chart-secured"][1] != drawn["plpbk-chart-gap"][1], "the two lines differ in colour"
    assert entries == 3 and not failed, failed


WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"}


@pytest.mark.parametrize("size", SIZES)
def test_axe_finds_no_violation_on_riwayat(browser: Any, site: Path, size: str) -> None:
    try:
        kit.require(kit.AXE_JS, "axe-core (npm)")
    except kit.ToolMissing as missing:
        pytest.fail(str(missing))
    width, height = SIZES[size]
    with serve(site, "/portal/") as base:
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        found = []
        for path in ("tambak-sari/riwayat/", "en/tambak-sari/riwayat/", "tambak-sari/"):
            page.goto(base + path, wait_until="load")
            page.add_script_tag(path=str(kit.AXE_JS))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            found += [
                f"{path}: {v['id']} [{v['impact']}]: {v['nodes'][0]['target']}"
                for v in result["violations"] if set(v["tags"]) & WCAG_A_AA or v["impact"] in {"serious", "critical"}
            ]
        context.close()
    assert not found, found


def test_nu_html_checker_finds_no_error_on_riwayat(site: Path) -> None:
    try:
        kit.require(kit.VNU_JAR, "the Nu HTML Checker (npm vnu-jar)")
        java = kit.java()
    except kit.ToolMissing as missing:
        pytest.fail(str(missing))
    files = [str(site / "tambak-sari" / "riwayat" / "index.html"), str(site / "tambak-sari" / "index.html")]
    result = kit.run([java, "-Xss1m", "-jar", str(kit.VNU_JAR), "--format", "json", "--errors-only", *files], timeout=300)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('lastLine')}: {m.get('message')}" for m in messages if m.get("type") in {"error", "non-document-error"}]
    assert not errors, errors


def test_the_flyer_says_when_its_figures_changed_and_still_prints_on_one_page(browser: Any, tmp_path: Path) -> None:
    """The worst-case plan of the print tests, committed: the flyer gains its date and keeps to one A4 page."""
    from helpers import pdfcheck
    from helpers.gitrepo import GitRepo
    from helpers.longplan import write_long_plan

    repo = GitRepo(tmp_path / "situs")
    folder = write_long_plan(repo.root / "plans")
    write_site(repo.root)
    repo.commit("Rencana", "2026-10-02T09:00:00+07:00")
    site = build_site(repo.root)
    with serve(site, "/portal/") as base:
        page = browser.new_page()
        page.goto(base + "cetak/", wait_until="networkidle")  # one kawasan: its microsite is the site
        pdf = tmp_path / f"{folder.name}.pdf"
        page.pdf(path=str(pdf), format="A4")
        page.close()
    assert int(pdfcheck.info(pdf)["Pages"]) == 1
    assert "Diperbarui 2 Oktober 2026" in pdfcheck.text(pdf)
