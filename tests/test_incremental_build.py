"""Warm rebuilds are byte-identical to cold builds, and render again exactly what changed.

The demo site (small photos) is built cold, then again on its cache; then one plan is edited,
then a template override is added. After each change the warm build is compared, file by file,
with a cold build of a fresh copy of the same sources, and the plugin reports which microsites
(and portal homes) it rendered rather than read from the cache.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from helpers.sitebuild import REPO, comparable, small_copy

pytestmark = pytest.mark.slow
SOURCES = ("mkdocs.yml", "docs", "overrides", "plans")


def copy_sources(source: Path, target: Path) -> Path:
    """The site's sources without its output or cache (the demo's plans with small photos)."""
    target.mkdir(parents=True)
    for part in SOURCES:
        if part == "plans" and source == REPO:
            for plan in sorted(p for p in (REPO / "plans").iterdir() if p.is_dir()):
                small_copy(plan, target / "plans" / plan.name)
        elif (source / part).is_dir():
            shutil.copytree(source / part, target / part)
        else:
            shutil.copy2(source / part, target / part)
    return target


def build_site(root: Path, site: str) -> tuple[dict[str, bytes], set[str]]:
    """Build with a fresh plugin instance (a new process); the files made, and the entries rendered."""
    MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    try:
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / site))
        build(config)
        rendered = set(config.plugins["plpbk"].build.jobs.page_cache.rendered)
    finally:
        MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    out = root / site
    return comparable({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}), rendered


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    found = [f"only in one build: {name}" for name in sorted(set(a) ^ set(b))]
    return found + [f"{name} differs" for name in sorted(set(a) & set(b)) if a[name] != b[name]]


def cold_twin(root: Path, tmp: Path, name: str) -> dict[str, bytes]:
    return build_site(copy_sources(root, tmp / name), "site")[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("incremental")
    root = copy_sources(REPO, tmp / "demo")
    slugs = sorted(p.name for p in (root / "plans").iterdir() if p.is_dir())
    return {"tmp": tmp, "root": root, "slugs": slugs}


def entries(slugs: list[str], languages: list[str]) -> set[str]:
    """The cache entries of these microsites and of the portal homes (which show every kawasan)."""
    return {f"{slug}.{lang}" for slug in slugs for lang in languages} | {f"portal.{lang}" for lang in languages}


def test_cold_warm_and_edited_builds_are_byte_identical(demo: dict[str, Any]) -> None:
    root, tmp, slugs = demo["root"], demo["tmp"], demo["slugs"]
    languages = ["id", "en"]
    cold, rendered = build_site(root, "site-cold")
    assert rendered == entries(slugs, languages) and len(cold) > 100

    warm, rendered = build_site(root, "site-warm")
    assert rendered == set(), "a rebuild with nothing changed renders nothing"
    problems = differences(cold, warm)
    assert not problems, "\n".join(problems[:20])

    edited = slugs[0]
    plan = root / "plans" / edited / "kawasan.yml"
    data = yaml.safe_load(plan.read_text(encoding="utf-8"))
    plan.write_text(yaml.safe_dump({**data, "tagline": "Diubah hari ini"}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after_edit, rendered = build_site(root, "site-edited")
    assert rendered == entries([edited], languages)
    assert "Diubah hari ini" in after_edit[f"{edited}/index.html"].decode()
    problems = differences(after_edit, cold_twin(root, tmp, "edited-cold"))
    assert not problems, "\n".join(problems[:20])


def test_a_template_override_renders_every_page_again(demo: dict[str, Any]) -> None:
    root, tmp, slugs = demo["root"], demo["tmp"], demo["slugs"]
    build_site(root, "site-before")
    override = root / "overrides" / "plpbk" / "body" / "gagasan.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    package = REPO / "plpbk_plugin" / "templates" / "plpbk" / "body" / "gagasan.html"
    override.write_text(package.read_text(encoding="utf-8") + '\n<p class="tanda-komunitas">Versi komunitas</p>\n', encoding="utf-8")
    files, rendered = build_site(root, "site-override")
    assert rendered == entries(slugs, ["id", "en"])
    assert all("tanda-komunitas" in files[f"{slug}/gagasan/index.html"].decode() for slug in slugs)
    problems = differences(files, cold_twin(root, tmp, "override-cold"))
    assert not problems, "\n".join(problems[:20])
