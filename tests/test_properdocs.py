"""MkDocs' future: the demo also builds with ProperDocs (the continuation of MkDocs 1.x), page for page.

ProperDocs runs in its own virtual environment, kept between runs in `.cache/properdocs-venv/`
(ignored by Git) and rebuilt when pyproject.toml or the pins below change. It loads plugins from
the `mkdocs.plugins` entry point group and redirects `mkdocs.*` imports to `properdocs.*`, so
plpbk and Material run unchanged. Set PLPBK_SKIP_PROPERDOCS=1 to skip this (e.g. offline).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.demobuild import demo_build
from helpers.sitebuild import PAGEFIND_UNSTABLE

pytestmark = pytest.mark.slow  # real site builds

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".cache" / "properdocs-venv"
PINS = ("properdocs>=1.6.7,<2", "mkdocs-material>=9.7,<10")
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


def test_the_demo_builds_with_properdocs_into_the_same_pages(properdocs: Path) -> None:
    demo = demo_build()  # `mkdocs build --strict`, as the Pages workflow runs it
    target = demo.root / "site-properdocs"
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
