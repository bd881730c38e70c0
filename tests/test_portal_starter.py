"""`plpbk init --portal`, and Pages workflows that refresh daily and keep the community sources' cache."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from benchmarks.loopback import Loopback
from helpers.sources import community_data
from plpbk_plugin.cli import main
from plpbk_plugin.cli.init import PORTAL_STARTER, SITE_STARTER
from plpbk_plugin.cli.site_reading import read_site

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "project": REPO / ".github" / "workflows" / "pages.yml",
    "starter": SITE_STARTER / "dot-github" / "workflows" / "pages.yml",
}
ENV = {key: value for key, value in os.environ.items() if key != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


@pytest.mark.parametrize("name", PAGES)
def test_pages_workflows_rebuild_daily_and_on_demand(name: str) -> None:
    on = workflow(PAGES[name])["on"]
    assert "workflow_dispatch" in on and on["push"]["branches"] == ["main"]
    [schedule] = on["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"] and 0 <= int(minute) < 60 and 0 <= int(hour) < 24  # once a day


@pytest.mark.parametrize("name", PAGES)
def test_pages_workflows_keep_the_cache_between_runs_with_a_daily_key(name: str) -> None:
    steps = workflow(PAGES[name])["jobs"]["build"]["steps"]
    today = next(i for i, step in enumerate(steps) if step.get("id") == "today")
    assert 'date=$(date -u +%Y-%m-%d)' in steps[today]["run"] and '"$GITHUB_OUTPUT"' in steps[today]["run"]
    install = next(i for i, step in enumerate(steps) if "pip install" in step.get("run", ""))
    assert today < install  # before the install: not one of the commands a site build runs (see demobuild)
    [cache] = [step for step in steps if step.get("uses", "").startswith("actions/cache@")]
    assert cache["with"]["path"] == ".cache/plpbk"  # photos, share cards, pages and communities/
    key = cache["with"]["key"]
    assert key.endswith("-${{ steps.today.outputs.date }}")
    restore = cache["with"]["restore-keys"].splitlines()
    assert restore == [key.removesuffix("${{ steps.today.outputs.date }}"), "plpbk-"]  # yesterday's, else any


def test_init_portal_lays_out_a_portal_of_communities(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "portal-semarang"
    url = "https://bkm-tambak-sari.github.io/kampung-tambak-sari/data.json"
    assert main(["init", str(root), "--portal", "--name", "Portal Kota Semarang", "--github", "kota-smg/portal",
                 "--community", url]) == 0
    assert "Portal `Portal Kota Semarang` dibuat" in capsys.readouterr().out
    assert not (root / "plans").exists()  # no plan is required
    site = read_site(root)
    assert (site.mode, site.communities, site.site_name) == ("portal", (url,), "Portal Kota Semarang")
    assert 'site_url: !ENV [SITE_URL, "https://kota-smg.github.io/portal/"]' in (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "communities:" in (root / "README.md").read_text(encoding="utf-8")
    assert (root / "docs" / "tentang.md").read_text(encoding="utf-8") == (PORTAL_STARTER / "docs" / "tentang.md").read_text(encoding="utf-8")
    for name in ("pages.yml", "periksa.yml"):
        steps = workflow(root / ".github" / "workflows" / name)["jobs"]["build" if name == "pages.yml" else "periksa"]["steps"]
        runs = [step["run"] for step in steps if "run" in step]
        build = runs.index("mkdocs build")  # not --strict: a broken community must not stop the portal's daily refresh
        assert [run for run in runs if "mkdocs build" in run] == ["mkdocs build"], name
        assert runs[build + 1] == "plpbk check-site site", name  # but a portal built without plpbk is never published
    assert "schedule" in workflow(root / ".github" / "workflows" / "pages.yml")["on"]
    assert "mkdocs build --strict" in (SITE_STARTER / "dot-github" / "workflows" / "pages.yml").read_text(encoding="utf-8")


def test_init_portal_without_communities_lists_an_example_and_refuses_plain_http(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "portal"
    assert main(["init", str(root), "--portal"]) == 0
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^      communities: \[\]$", text, re.M) and "#   - https://" in text
    assert read_site(root).communities == ()
    assert main(["init", str(tmp_path / "other"), "--portal", "--community", "http://bkm.github.io/data.json"]) == 2
    assert "http://bkm.github.io/data.json" in capsys.readouterr().err


@pytest.mark.slow
def test_the_portal_starter_validates_and_builds_strict_with_a_community(tmp_path: Path) -> None:
    doc = community_data("lorong-garam", "https://bkm-lorong.github.io/")
    with Loopback() as server:
        url = server.route("/lorong/data.json", body=json.dumps(doc).encode())
        root = tmp_path / "portal"
        assert main(["init", str(root), "--portal", "--community", url]) == 0
        for command in (["-m", "plpbk_plugin.cli", "validate"], ["-m", "mkdocs", "build", "--strict"],
                        ["-m", "plpbk_plugin.cli", "check-site", "site"]):
            done = subprocess.run([sys.executable, *command], cwd=root, env=ENV, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr[-3000:]
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert '<a href="https://bkm-lorong.github.io/">Lorong Garam</a>' in home
    assert (root / ".cache" / "plpbk" / "communities").is_dir()  # the copy the workflow's cache keeps
