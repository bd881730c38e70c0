"""Shared fixtures: a minimal valid plan in a temporary ``plans/`` folder, the demo built once per run, and Debian's Chromium."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import sync_playwright

from helpers import quality_kit as kit
from helpers.demobuild import DemoBuild, demo_build
from helpers.plans import MINIMAL_PLAN, plan, write_jpeg


@pytest.fixture
def plan_data() -> dict[str, Any]:
    """A fresh copy of the minimal valid plan, to mutate."""
    return plan()


@pytest.fixture
def plans_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "plans"
    folder.mkdir()
    return folder


@pytest.fixture
def make_plan(plans_dir: Path) -> Callable[..., Path]:
    """``make_plan(data=None, slug="tambak-sari", text=None)`` → the kawasan folder (with photos/hero.jpg)."""

    def write(data: dict[str, Any] | None = None, slug: str = "tambak-sari", *, text: str | None = None) -> Path:
        folder = plans_dir / slug
        write_jpeg(folder / "photos" / "hero.jpg")
        if text is None:
            text = yaml.safe_dump(MINIMAL_PLAN if data is None else data, allow_unicode=True, sort_keys=False)
        (folder / "kawasan.yml").write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def valid_plan(make_plan: Callable[..., Path]) -> Path:
    """The folder of a minimal valid plan."""
    return make_plan()


@pytest.fixture(scope="session")
def demo_site() -> DemoBuild:
    """The demo portal built once per run as the GitHub Pages workflow builds it (helpers.demobuild):
    tests read its ``site``, none writes into it."""
    return demo_build()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's headless Chromium through Playwright, one per test module; each test opens its own
    contexts (viewport, JavaScript off, scale) rather than launching a browser: Playwright's sync API
    allows one running instance at a time."""
    try:
        kit.require(kit.CHROMIUM, "Debian's chromium")
    except kit.ToolMissing as missing:
        pytest.fail(str(missing))
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(kit.CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield chromium
        chromium.close()
