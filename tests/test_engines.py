"""plpbk's line after Material's end-of-life notice: shown exactly when Material's notice is shown.

Material prints its notice when `mkdocs` loads its theme and NO_MKDOCS_2_WARNING is unset; then
it sets the variable itself. The fast tests walk every case of `material_notice_shown` with
stand-ins for Material's module; the slow ones run real `mkdocs build`s and read what an editor's
terminal shows (ProperDocs, where Material prints nothing: tests/test_properdocs.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from helpers.demobuild import DemoBuild
from helpers.plans import MINIMAL_PLAN, write_jpeg
from helpers.sitebuild import write_plan, write_site
from plpbk_plugin.i18n import translator
from plpbk_plugin.site.engines import GUIDE_URL, NOTICE_MODULE, engine_note, initial_environment, material_notice_shown

NOTICE = "Material for MkDocs reaches end of life"
LINE_ID = f"  plpbk: arti pemberitahuan ini bagi situs plpbk, dan mesin yang bisa membangunnya: {GUIDE_URL}"
LINE_EN = f"  plpbk: what this notice means for a plpbk site, and which engines build one: {GUIDE_URL}"


def notice_module(run_as_mkdocs: bool = True, *, marker: bool = False, rule: bool = True) -> dict[str, ModuleType]:
    """A stand-in for Material's notice module after its import (``marker``: as 9.8 leaves it when it printed)."""
    module = ModuleType(NOTICE_MODULE)
    if rule:
        module.is_mkdocs = lambda: run_as_mkdocs  # type: ignore[attr-defined]
    if marker:
        module.properdocs_notice = ""  # type: ignore[attr-defined]
    return {NOTICE_MODULE: module}


@pytest.mark.parametrize(
    ("modules", "started", "shown"),
    [
        ({}, {}, False),  # Material not loaded
        (notice_module(rule=False), {}, False),  # a Material without the notice (before 9.7.6)
        (notice_module(run_as_mkdocs=False), {}, False),  # properdocs, or plpbk's own commands
        (notice_module(marker=True), {"NO_MKDOCS_2_WARNING": "1"}, True),  # Material 9.8 says it printed
        (notice_module(), {}, True),  # started without the variable: Material printed
        (notice_module(), {"NO_MKDOCS_2_WARNING": "1"}, False),  # the editor silenced it
        (notice_module(), {"NO_MKDOCS_2_WARNING": ""}, True),  # empty is unset, as Material reads it
        (notice_module(), None, False),  # neither answers (no /proc): never a line of ours alone
    ],
)
def test_the_line_follows_materials_rule(modules, started, shown) -> None:
    assert material_notice_shown(modules, lambda: started) is shown


def test_the_environment_the_process_started_with_ignores_later_changes(monkeypatch) -> None:
    if not Path("/proc/self/environ").is_file():
        pytest.skip("the system keeps no record of the starting environment")
    monkeypatch.setenv("PLPBK_SET_LATER", "1")
    started = initial_environment()
    assert started is not None and "PLPBK_SET_LATER" not in started
    assert started.get("PATH") == os.environ["PATH"]


def test_the_line_is_indonesian_first_and_english_on_an_english_site() -> None:
    assert engine_note(translator("id"), lambda: True) == LINE_ID
    assert engine_note(translator("en"), lambda: True) == LINE_EN
    assert engine_note(translator("id"), lambda: False) is None


def mkdocs_build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` as an editor runs it (Material's rule reads the program's name)."""
    clean = {key: value for key, value in os.environ.items() if key not in ("NO_MKDOCS_2_WARNING", "SITE_URL")}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=root, env={**clean, **env},
                          capture_output=True, text=True, timeout=300)


def one_kawasan_site(root: Path, language: str = "id") -> Path:
    write_site(root, plugin={"history": False, "search": False}, language=language)
    write_jpeg(write_plan(root / "plans", "tambak-sari", MINIMAL_PLAN) / "photos" / "hero.jpg")
    return root


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return one_kawasan_site(tmp_path_factory.mktemp("notice"))


@pytest.mark.slow
def test_mkdocs_shows_materials_notice_then_plpbks_line(small_site: Path) -> None:
    built = mkdocs_build(small_site)
    assert built.returncode == 0, built.stderr[-3000:]
    lines = built.stderr.splitlines()
    notice = next(i for i, line in enumerate(lines) if NOTICE in line)
    silencer = next(i for i, line in enumerate(lines) if "set NO_MKDOCS_2_WARNING=1" in line)
    ours = lines.index(LINE_ID)
    assert notice < silencer < ours and not [line for line in lines[silencer + 1 : ours] if line.strip()]
    assert built.stderr.count("plpbk: arti pemberitahuan") == 1


@pytest.mark.slow
def test_no_line_when_the_notice_is_silenced(small_site: Path) -> None:
    built = mkdocs_build(small_site, NO_MKDOCS_2_WARNING="1")
    assert built.returncode == 0, built.stderr[-3000:]
    assert NOTICE not in built.stderr and GUIDE_URL not in built.stderr


@pytest.mark.slow
def test_an_english_site_gets_the_line_in_english(tmp_path: Path) -> None:
    built = mkdocs_build(one_kawasan_site(tmp_path, "en"))
    assert built.returncode == 0, built.stderr[-3000:]
    assert NOTICE in built.stderr and LINE_EN in built.stderr.splitlines()


@pytest.mark.slow
def test_the_demos_guide_has_the_mesin_situs_page_and_its_workflow_checks_the_site(demo_site: DemoBuild) -> None:
    demo = demo_site  # the Pages workflow's commands, check-site included
    assert "plpbk check-site site" in demo.commands and "✓ `site` memuat setiap halaman 3 kawasan" in demo.output
    page = (demo.site / "panduan" / "mesin-situs" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Mesin situs" in page
    for words in ("ProperDocs", "Zensical", "MkDocs 2", "properdocs build -f mkdocs.yml", "plpbk check-site", "NO_MKDOCS_2_WARNING"):
        assert words in page, words
    for source in ("https://zensical.org/docs/compatibility/mkdocs/plugins/", "https://zensical.org/docs/compatibility/mkdocs/migration/",
                   "https://zensical.org/docs/community/faqs/", "https://pypi.org/project/properdocs/",
                   "https://github.com/ProperDocs/properdocs/releases/tag/v1.6.5",
                   "https://squidfunk.github.io/mkdocs-material/blog/2026/02/18/mkdocs-2.0/",
                   "https://github.com/squidfunk/mkdocs-material/issues/8523"):
        assert f'href="{source}"' in page, source
    guide = (demo.site / "panduan" / "index.html").read_text(encoding="utf-8")
    assert 'href="mesin-situs/"' in guide  # listed in the guide, and in its navigation
    assert GUIDE_URL.removeprefix("https://plpbk-demo.github.io/plpbk/") == "panduan/mesin-situs/"  # where plpbk's line points
