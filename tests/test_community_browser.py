"""A portal's community cards in Chromium: accessible, fitting a phone and a desktop, linking out."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from benchmarks.loopback import Loopback
from helpers import quality_kit as kit
from helpers.sitebuild import REPO, build_site, write_site
from helpers.sources import community_data

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
WCAG_A_AA = {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A portal with one kawasan of its own, one fresh community and one shown from its kept copy."""
    root = tmp_path_factory.mktemp("portal")
    shutil.copytree(REPO / "plans" / "cigadung-hijau", root / "plans" / "cigadung-hijau")
    with Loopback() as server:
        fresh = server.route("/tambak/data.json", body=json.dumps(community_data("tambak-sari", "https://bkm-tambak.github.io/")).encode())
        kept = server.route("/lorong/data.json", body=json.dumps(community_data("lorong-garam", "https://bkm-lorong.github.io/")).encode())
        write_site(root, plugin={"communities": [fresh, kept], "communities_timeout": 3})
        build_site(root)
        server.route("/lorong/data.json", status=503)
        return build_site(root)


@pytest.fixture(scope="module")
def browser(browser: Any) -> Any:
    """The run's Chromium, once axe-core is known to be there."""
    kit.require(kit.AXE_JS, "axe-core (npm)")
    return browser


@pytest.mark.parametrize("size", SIZES)
def test_community_cards_are_accessible_fit_and_link_to_the_communities(
    browser: Any, portal: Path, size: str, tmp_path: Path
) -> None:
    with kit.serve(portal, "/portal/") as base:
        context = browser.new_context(viewport=SIZES[size])
        context.route("https://**", lambda route: route.abort())  # nothing leaves this machine
        page = context.new_page()
        page.goto(base, wait_until="load")
        origins = page.locator(".plpbk-origin")
        assert origins.count() == 2
        assert origins.nth(0).inner_text().startswith("Dari 127.0.0.1:")
        assert "sedang tidak bisa dihubungi" in origins.nth(1).inner_text()
        links = page.locator(".plpbk-card h3 a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert hrefs == ["cigadung-hijau/", "https://bkm-tambak.github.io/", "https://bkm-lorong.github.io/"]
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")  # nothing wider than the screen
        origins.nth(1).scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / f"komunitas-{size}.png"))
        page.add_script_tag(path=str(kit.AXE_JS))
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        context.close()
    found = [
        f"{v['id']} [{v['impact']}]: " + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in result["violations"]
        if set(v["tags"]) & WCAG_A_AA or v["impact"] in {"serious", "critical"}
    ]
    assert not found, "\n".join(found)
