"""Publishing on GitHub Pages: the workflows, and a site served under a repository subpath."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from helpers.demobuild import WORKFLOW, DemoBuild, workflow_build_commands
from helpers.plans import plan
from helpers.quality_kit import serve
from helpers.sitebuild import (
    build_site,
    meta,
    page,
    write_photo,
    write_plan,
    write_site,
)
from plpbk_plugin.cli.init import SITE_STARTER

pytestmark = pytest.mark.slow  # real site builds

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = {"demo": WORKFLOW, "starter": SITE_STARTER / "dot-github" / "workflows" / "pages.yml"}
PAGES_ACTIONS = {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"}
SITE_URL = "https://x.github.io/repo/"


def _workflow(name: str) -> dict:
    data = yaml.safe_load(WORKFLOWS[name].read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


@pytest.mark.parametrize("name", WORKFLOWS)
def test_workflow_builds_strict_and_deploys_with_the_pages_actions(name: str) -> None:
    data = _workflow(name)
    assert data["on"]["push"]["branches"] == ["main"] and "workflow_dispatch" in data["on"]
    assert data["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert data["concurrency"]["group"] == "pages"
    build, deploy = data["jobs"]["build"], data["jobs"]["deploy"]
    uses = {step["uses"].split("@")[0]: step for job in (build, deploy) for step in job["steps"] if "uses" in step}
    assert PAGES_ACTIONS | {"actions/checkout", "actions/setup-python"} <= set(uses)
    assert all(re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]) for step in uses.values())
    commands = workflow_build_commands(WORKFLOWS[name])
    assert commands[-2:] == ["mkdocs build --strict", "plpbk check-site site"] and "plpbk validate --format github" in commands
    order = [step.get("uses", step.get("run", "")).split("@")[0] for step in build["steps"]]
    assert (order.index("actions/configure-pages") < order.index("mkdocs build --strict") < order.index("plpbk check-site site")
            < order.index("actions/upload-pages-artifact"))
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert uses["actions/deploy-pages"]["id"] == "deployment"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"


def test_each_workflow_installs_its_own_way() -> None:
    demo = [s["run"] for s in _workflow("demo")["jobs"]["build"]["steps"] if "pip install" in s.get("run", "")]
    assert demo == ["python -m pip install ."]
    starter = _workflow("starter")["jobs"]["build"]["steps"]
    assert any(s.get("run") == "python -m pip install -r requirements.txt" for s in starter)
    assert (SITE_STARTER / "requirements.txt").is_file()
    pages = next(s for s in starter if s.get("uses", "").startswith("actions/configure-pages"))
    build = next(s for s in starter if s.get("run") == "mkdocs build --strict")
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"


def test_each_workflow_installs_pango_for_the_proposals_before_plpbk() -> None:
    """WeasyPrint prints the proposal PDFs with Pango: the Debian packages scripts/dev installs, in both workflows."""
    needed = re.search(r"apt_install (libpango[^#\n]*)#", (REPO / "scripts" / "dev").read_text(encoding="utf-8")).group(1).split()
    assert "libpango-1.0-0" in needed
    for name in WORKFLOWS:
        runs = [step.get("run", "") for step in _workflow(name)["jobs"]["build"]["steps"]]
        apt = next(i for i, run in enumerate(runs) if "apt-get install" in run)
        assert all(package in runs[apt].split() for package in needed), (name, runs[apt])
        assert apt < next(i for i, run in enumerate(runs) if "pip install" in run)


def test_the_demo_builds_as_the_workflow_builds_it(demo_site: DemoBuild) -> None:
    demo = demo_site
    assert demo.commands == ("plpbk validate --format github", "mkdocs build --strict", "plpbk check-site site")
    assert (demo.site / "index.html").is_file() and (demo.site / "404.html").is_file()
    assert (demo.site / "panduan" / "index.html").is_file()


def test_gh_deploy_is_documented_as_the_alternative() -> None:
    guide = (REPO / "docs" / "panduan" / "terbit.md").read_text(encoding="utf-8")
    assert "mkdocs gh-deploy --strict" in guide and "site_url" in guide
    for workflow in WORKFLOWS.values():
        assert "gh-deploy" in workflow.read_text(encoding="utf-8")


# --- a portal served under https://x.github.io/repo/ ---------------------------------------


class _Assets(HTMLParser):
    """The stylesheets, scripts, icons and links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.css: list[str] = []
        self.js: list[str] = []
        self.icons: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "stylesheet":
            self.css.append(a["href"])
        elif tag == "link" and a.get("rel") == "icon":
            self.icons.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.js.append(a["src"])
        elif tag == "a" and a.get("href"):
            self.links.append(a["href"])


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory) -> Path:
    """A two-kawasan portal whose site_url is a project site on GitHub Pages."""
    root = tmp_path_factory.mktemp("subpath")
    write_site(root, site_url=SITE_URL)
    for slug in ("tambak-sari", "lorong-garam"):
        folder = write_plan(root / "plans", slug, plan(name=f"Kampung {slug}"))
        write_photo(folder / "photos" / "hero.jpg")
    return build_site(root)


def test_404_page_loads_its_css_and_js_from_the_subpath(subpath_site: Path) -> None:
    parser = _Assets()
    parser.feed((subpath_site / "404.html").read_text(encoding="utf-8"))
    assert parser.css and parser.js and parser.icons
    assert any(href.endswith("assets/plpbk/plpbk.css") for href in parser.css)
    for url in parser.css + parser.js + parser.icons:
        assert url.startswith("/repo/"), url
        assert (subpath_site / urlsplit(url).path.removeprefix("/repo/")).is_file(), url
    internal = [href for href in parser.links if not href.startswith(("http", "#", "mailto:", "tel:"))]
    assert internal and all(href.startswith("/repo/") for href in internal), internal


def test_share_urls_carry_the_subpath(subpath_site: Path) -> None:
    for path in ("", "tambak-sari/", "tambak-sari/rencana/jalan-rw-03/"):
        html = page(subpath_site, path)
        assert meta(html, "og:url") == SITE_URL + path
        image = meta(html, "og:image")
        assert image.startswith(SITE_URL) and (subpath_site / image.removeprefix(SITE_URL)).is_file()


@pytest.mark.browser
def test_missing_page_under_the_subpath_shows_a_styled_404(browser: Any, subpath_site: Path, tmp_path: Path) -> None:
    problems: list[str] = []
    with serve(subpath_site, "/repo/") as url:
        base = url.removesuffix("/repo/")
        tab = browser.new_page(viewport={"width": 390, "height": 844})
        tab.on("requestfailed", lambda request: problems.append(f"failed: {request.url}"))
        tab.on("response", lambda r: problems.append(f"{r.status}: {r.url}") if r.status >= 400 and r.request.resource_type != "document" else None)
        response = tab.goto(base + "/repo/tidak/ada/di/sini/", wait_until="load")
        tab.wait_for_load_state("networkidle")
        assert response is not None and response.status == 404
        sheets = tab.evaluate("[...document.styleSheets].map(s => [s.href, s.cssRules.length])")
        hrefs = [urlsplit(href).path for href, rules in sheets if href and rules > 0]
        assert any(path.startswith("/repo/assets/stylesheets/main.") for path in hrefs), sheets
        assert "/repo/assets/plpbk/plpbk.css" in hrefs, sheets
        assert tab.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert tab.evaluate("document.documentElement.classList.contains('js')")  # Material's script ran
        home = tab.evaluate("document.querySelector('a.md-header__button.md-logo').href")
        assert urlsplit(home).path == "/repo/"
        tab.close()
    assert not problems, problems
