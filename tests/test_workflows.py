"""The GitHub workflows: plans checked with annotations before every build, pull requests checked, releases."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement

from helpers.starter import starter_requirements
from plpbk_plugin.cli.init import SITE_STARTER

REPO = Path(__file__).resolve().parent.parent
PYPROJECT = REPO / "pyproject.toml"
PAGES = {
    "project": REPO / ".github" / "workflows" / "pages.yml",
    "starter": SITE_STARTER / "dot-github" / "workflows" / "pages.yml",
}
PULL_REQUEST = SITE_STARTER / "dot-github" / "workflows" / "periksa.yml"
VALIDATE = "plpbk validate --format github"
CHECK_SITE = "plpbk check-site site"


def workflow(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


@pytest.mark.parametrize("name", PAGES)
def test_pages_workflows_validate_with_annotations_before_building(name: str) -> None:
    commands = runs(workflow(PAGES[name])["jobs"]["build"])
    assert VALIDATE in commands
    assert commands.index(VALIDATE) < commands.index("mkdocs build --strict")


@pytest.mark.parametrize("name", PAGES)
def test_pages_workflows_check_the_built_site_before_uploading_it(name: str) -> None:
    """A site built without plpbk (another engine, a deleted plugin line) never replaces a good one."""
    steps = workflow(PAGES[name])["jobs"]["build"]["steps"]
    build = next(i for i, step in enumerate(steps) if step.get("run", "").startswith("mkdocs build"))
    upload = next(i for i, step in enumerate(steps) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert steps[build + 1]["run"] == CHECK_SITE and build + 1 < upload
    assert steps[upload]["with"]["path"] == CHECK_SITE.split()[-1]  # the folder checked is the folder published


def test_the_starter_checks_pull_requests_without_deploying() -> None:
    data = workflow(PULL_REQUEST)
    assert list(data["on"]) == ["pull_request"] and data["on"]["pull_request"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}
    [job] = data["jobs"].values()
    commands = runs(job)
    install = next(i for i, command in enumerate(commands) if "pip install" in command)
    assert commands[install] == "python -m pip install -r requirements.txt"
    assert commands[install + 1 :] == [VALIDATE, "mkdocs build --strict", CHECK_SITE]
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert not [action for action in uses if "pages" in action]
    assert not [action for action in uses if action.startswith("actions/cache@")]  # restore only: no cache writes from PRs


def test_dependabot_proposes_new_versions_for_the_pull_request_check() -> None:
    data = yaml.safe_load((SITE_STARTER / "dot-github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in data["updates"]} == {"pip", "github-actions"}


def test_dependabot_ignores_the_major_versions_the_starter_pins_exclude() -> None:
    """MkDocs 2 has no plugins; Material 10 is untested: the starter's pins stop below them, and so does Dependabot."""
    data = yaml.safe_load((SITE_STARTER / "dot-github" / "dependabot.yml").read_text(encoding="utf-8"))
    [pip] = [update for update in data["updates"] if update["package-ecosystem"] == "pip"]
    ignored = {rule["dependency-name"]: rule["versions"] for rule in pip["ignore"]}
    assert ignored == {"mkdocs": [">=2"], "mkdocs-material": [">=10"], "properdocs": [">=2"]}
    pins = {name: req.specifier for name, req in starter_requirements().items()}
    for name, [versions] in ignored.items():
        first_ignored = versions.removeprefix(">=")
        assert not pins[name].contains(first_ignored) and pins[name].contains(str(int(first_ignored) - 1) + ".9")


def test_the_starter_pins_the_engines_as_plpbk_itself_does() -> None:
    own = {req.name: req.specifier for req in map(Requirement, tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"])}
    pins = {name: req.specifier for name, req in starter_requirements().items()}
    assert pins["mkdocs"] == own["mkdocs"] and pins["mkdocs-material"] == own["mkdocs-material"]
