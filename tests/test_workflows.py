"""The GitHub workflows: plans checked with annotations before every build, pull requests checked, releases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from plpbk_plugin.cli.init import SITE_STARTER

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "project": REPO / ".github" / "workflows" / "pages.yml",
    "starter": SITE_STARTER / "dot-github" / "workflows" / "pages.yml",
}
PULL_REQUEST = SITE_STARTER / "dot-github" / "workflows" / "periksa.yml"
VALIDATE = "plpbk validate --format github"


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


def test_the_starter_checks_pull_requests_without_deploying() -> None:
    data = workflow(PULL_REQUEST)
    assert list(data["on"]) == ["pull_request"] and data["on"]["pull_request"]["branches"] == ["main"]
    assert data["permissions"] == {"contents": "read"}
    [job] = data["jobs"].values()
    commands = runs(job)
    install = next(i for i, command in enumerate(commands) if "pip install" in command)
    assert commands[install] == "python -m pip install -r requirements.txt"
    assert commands[install + 1 :] == [VALIDATE, "mkdocs build --strict"]
    uses = [step["uses"] for step in job["steps"] if "uses" in step]
    assert not [action for action in uses if "pages" in action]
    assert not [action for action in uses if action.startswith("actions/cache@")]  # restore only: no cache writes from PRs


def test_dependabot_proposes_new_versions_for_the_pull_request_check() -> None:
    data = yaml.safe_load((SITE_STARTER / "dot-github" / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in data["updates"]} == {"pip", "github-actions"}
