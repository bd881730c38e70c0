"""The gallery's lightbox in real headless Chromium: its close button is named in the page's language (the catalogues)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from helpers.quality_kit import serve
from helpers.sitebuild import build_site, copy_demo_plans, write_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root: Path = tmp_path_factory.mktemp("lightbox")
    copy_demo_plans(root)
    write_site(root, plugin={"languages": ["id", "en"], "search": False}, site_url="http://127.0.0.1/demo/")
    with serve(build_site(root), "/demo/") as url:
        yield url


@pytest.mark.parametrize(("path", "close"), [("tambak-sari/galeri/", "Tutup"), ("en/tambak-sari/galeri/", "Close")])
def test_a_photo_opens_large_and_closes(browser: Any, base_url: str, path: str, close: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + path, wait_until="networkidle")
    assert page.locator("ul.plpbk-gallery").get_attribute("data-plpbk-close") == close
    first = page.locator("a.plpbk-lightbox").first
    caption = (page.locator("ul.plpbk-gallery figcaption").first.text_content() or "").strip()
    first.click()
    dialog = page.locator("dialog.plpbk-lightbox-dialog")
    assert dialog.evaluate("d => d.open")
    button = dialog.locator("button")
    assert button.get_attribute("aria-label") == close
    assert button.evaluate("b => b === document.activeElement")
    assert dialog.locator("img").evaluate("i => i.src") == first.evaluate("a => a.href")
    assert (dialog.locator("p").text_content() or "").strip() == caption
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    first.click()
    button.click()
    assert not dialog.evaluate("d => d.open")
    assert not errors, errors
    page.close()
