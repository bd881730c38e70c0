"""MkDocs' future: the demo also builds with ProperDocs (the continuation of MkDocs 1.x), page for page,
and so do both starters, through their own Pages workflow with `properdocs build` (as their
README and requirements.txt say to switch), passing `plpbk check-site`.

ProperDocs runs in its own virtual environment, kept between runs in `.cache/properdocs-venv/`
(ignored by Git) and rebuilt when pyproject.toml or the pins change: the ProperDocs and Material
lines of the starter's requirements.txt, so the test installs what a site is told to. It loads
plugins from the `mkdocs.plugins` entry point group and redirects `mkdocs.*` imports to
`properdocs.*`, so plpbk and Material run unchanged. Set PLPBK_SKIP_PROPERDOCS=1 to skip this
(e.g. offline).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.loopback import Loopback
from helpers.demobuild import DemoBuild, workflow_build_commands
from helpers.sitebuild import PAGEFIND_UNSTABLE
from helpers.sources import community_data
from helpers.starter import TO_PROPERDOCS, starter_requirements
from plpbk_plugin.cli import main

pytestmark = pytest.mark.slow  # real site builds

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".cache" / "properdocs-venv"
PINS = tuple(str(starter_requirements()[name]) for name in ("properdocs", "mkdocs-material"))
ADAPTER = {"plugin.py", "config.py"}  # the only modules that may speak MkDocs
# Material's own bundles are named by content hash and may differ between the two environments.
THEME_ASSETS = ("assets/javascripts/", "assets/stylesheets/", "assets/images/")


def _venv_key() -> str:
    digest = hashlib.sha256((REPO / "pyproject.toml").read_bytes())
    digest.update("\n".join((*PINS, sys.version, str(REPO))).encode())
    return digest.hexdigest()


def _python() -> Path:
    return VENV / "bin" / "python"


@pytest.fixture(scope="module")
def properdocs() -> Path:
    """The `properdocs` command of a cached environment with ProperDocs, Material and this package."""
    if os.environ.get("PLPBK_SKIP_PROPERDOCS") == "1":
        pytest.skip("PLPBK_SKIP_PROPERDOCS=1")
    stamp = VENV / ".plpbk-key"
    if not (stamp.is_file() and stamp.read_text() == _venv_key() and (VENV / "bin" / "properdocs").is_file()):
        shutil.rmtree(VENV, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True, timeout=300)
        done = subprocess.run(
            [str(_python()), "-m", "pip", "install", "-q", "--disable-pip-version-check", *PINS, "-e", str(REPO)],
            capture_output=True, text=True, timeout=900,
        )
        assert done.returncode == 0, f"installing ProperDocs failed:\n{done.stdout}{done.stderr}"[-4000:]
        stamp.write_text(_venv_key())
    return VENV / "bin" / "properdocs"


def _files(site: Path) -> set[str]:
    """The site's files, without the names Pagefind gives its run-dependent chunks."""
    return {name for p in site.rglob("*") if p.is_file() and not PAGEFIND_UNSTABLE.match(name := p.relative_to(site).as_posix())}


def test_the_demo_builds_with_properdocs_into_the_same_pages(properdocs: Path, demo_site: DemoBuild, tmp_path: Path) -> None:
    demo = demo_site  # `mkdocs build --strict`, as the Pages workflow runs it
    target = tmp_path / "site-properdocs"
    done = subprocess.run(
        [str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "-d", str(target)],
        cwd=demo.root, capture_output=True, text=True, timeout=900,
    )
    assert done.returncode == 0, f"properdocs build --strict failed:\n{done.stdout}{done.stderr}"[-6000:]
    assert "Traceback" not in done.stderr
    mkdocs_files, properdocs_files = _files(demo.site), _files(target)
    html = {f for f in mkdocs_files if f.endswith(".html")}
    assert len(html) > 30 and html == {f for f in properdocs_files if f.endswith(".html")}
    ours = {f for f in mkdocs_files if not f.startswith(THEME_ASSETS)}
    assert ours == {f for f in properdocs_files if not f.startswith(THEME_ASSETS)}
    for page in ("tambak-sari/rencana/index.html", "panduan/referensi/index.html"):
        text = (target / page).read_text(encoding="utf-8")
        assert 'property="og:url"' in text and "plpbk" in text, page


def test_properdocs_is_what_ran(properdocs: Path) -> None:
    """In that environment `mkdocs` imports resolve to ProperDocs, and plpbk's plugin is found."""
    code = (
        "import properdocs.__main__, mkdocs.plugins, properdocs.plugins;"
        "assert mkdocs.plugins is properdocs.plugins;"
        "from properdocs.plugins import get_plugins;"
        "from plpbk_plugin.plugin import PlpbkPlugin;"
        "assert get_plugins()['plpbk'].load() is PlpbkPlugin;"
        "assert issubclass(PlpbkPlugin, properdocs.plugins.BasePlugin)"
    )
    done = subprocess.run([str(_python()), "-c", code], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("kind", ["situs", "portal"])
def test_the_starters_pages_workflow_passes_with_properdocs(properdocs: Path, tmp_path: Path, kind: str) -> None:
    """`plpbk init`, then the Pages workflow's commands with `properdocs build -f mkdocs.yml` for `mkdocs build`."""
    root = tmp_path / "situs"
    with Loopback() as server:
        community = server.route("/lorong/data.json", body=json.dumps(community_data("lorong-garam", "https://bkm-lorong.github.io/")).encode())
        assert main(["init", str(root), *(["--portal", "--community", community] if kind == "portal" else [])]) == 0
        commands = workflow_build_commands(root / ".github" / "workflows" / "pages.yml")
        assert [c.split()[:2] for c in commands] == [["plpbk", "validate"], ["mkdocs", "build"], ["plpbk", "check-site"]]
        env = {key: value for key, value in os.environ.items() if key not in ("NO_MKDOCS_2_WARNING", "SITE_URL")}
        output = ""
        for command in commands:
            program, *rest = command.replace(*TO_PROPERDOCS).split()
            done = subprocess.run([str(VENV / "bin" / program), *rest], cwd=root, env=env, capture_output=True, text=True, timeout=900)
            output += done.stdout + done.stderr
            assert done.returncode == 0, f"`{command}` failed with ProperDocs:\n{done.stdout}{done.stderr}"[-6000:]
    assert "✓ `site` memuat" in output and "properdocs.yml" not in output  # no advice to rename mkdocs.yml
    assert "Material for MkDocs reaches end of life" not in output and "mesin-situs" not in output  # Material is silent here, so plpbk is too
