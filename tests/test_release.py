"""A release anyone can install: one version, a changelog, a publishing workflow, a wheel that works alone."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from plpbk_plugin import __version__
from plpbk_plugin.cli import main
from plpbk_plugin.site.editor.admin import CMS_SCRIPT

REPO = Path(__file__).resolve().parent.parent
RELEASE = REPO / ".github" / "workflows" / "release.yml"
MAX_WHEEL_BYTES = 3 * 1024 * 1024


def workflow() -> dict[str, Any]:
    data = yaml.safe_load(RELEASE.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def test_the_version_has_one_source() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and project["project"]["dynamic"] == ["version"]
    assert project["tool"]["hatch"]["version"]["path"] == "plpbk_plugin/__init__.py"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_has_the_version_and_the_renames() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (\S+)", changelog, re.M)
    assert headings[0] == __version__
    for renamed in ("`project` → `proyek`", "`post` → `tulisan`", "proyek.html", "tulisan.html", "plan/", "media/", "site/", "cli/"):
        assert renamed in changelog, renamed


def test_plpbk_version(capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out == f"plpbk {__version__}\n"


def test_a_new_site_names_its_version_and_how_to_upgrade(tmp_path: Path, capsys) -> None:
    assert main(["init", str(tmp_path / "situs")]) == 0
    lines = (tmp_path / "situs" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == f"plpbk-plugin=={__version__}"
    notes = "\n".join(lines[:-1])
    assert f"plpbk {__version__}" in notes and "CHANGELOG" in notes and "Dependabot" in notes
    assert "https://pypi.org/project/plpbk-plugin/" in notes


def test_tags_publish_to_pypi_with_trusted_publishing() -> None:
    data = workflow()
    assert data["on"] == {"push": {"tags": ["v*"]}}
    assert data["permissions"] == {"contents": "read"}  # id-token only where it publishes
    build, publish = data["jobs"]["build"], data["jobs"]["publish"]
    script = "\n".join(step.get("run", "") for step in build["steps"])
    assert "python -m build" in script and "twine check --strict dist/*" in script and "check-wheel-contents" in script
    assert "GITHUB_REF_NAME" in script and "CHANGELOG.md" in script  # the tag is the version, and it is dated
    assert "plpbk init" in script and "mkdocs build --strict && /tmp/fresh/bin/plpbk check-site site" in script
    assert publish["needs"] == "build" and publish["permissions"] == {"id-token": "write"}
    assert publish["environment"]["name"] == "pypi"
    uses = [step["uses"] for step in publish["steps"] if "uses" in step]
    assert "pypa/gh-action-pypi-publish@release/v1" in uses
    assert not [step for step in publish["steps"] if "password" in (step.get("with") or {})]  # no stored token


@pytest.mark.slow
def test_the_wheel_alone_installs_and_builds_a_new_site(tmp_path: Path) -> None:
    """Build the wheel, install it in a fresh virtual environment, and build `plpbk init`'s site with it."""
    dist = tmp_path / "dist"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dist), str(REPO)],
        capture_output=True, text=True, timeout=900, check=False,
    )
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    [wheel] = dist.glob("plpbk_plugin-*.whl")
    assert wheel.name == f"plpbk_plugin-{__version__}-py3-none-any.whl"
    assert wheel.stat().st_size < MAX_WHEEL_BYTES, wheel.stat().st_size
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (f"plpbk_plugin/{CMS_SCRIPT}", "plpbk_plugin/assets/plpbk/cms/LICENSE.txt",
                   "plpbk_plugin/locale/id/LC_MESSAGES/site.po", "plpbk_plugin/templates/plpbk/page.html",
                   "plpbk_plugin/starter/situs/dot-github/workflows/periksa.yml", "plpbk_plugin/schema/kawasan.schema.json"):
        assert needed in names, needed
    assert not [name for name in names if name.startswith(("tests/", "plans/", "docs/", "node_modules/"))]

    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python, binaries = env_dir / "bin" / "python", env_dir / "bin"
    clean = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    clean["NO_MKDOCS_2_WARNING"] = "1"

    def run(*args: str | Path, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([str(a) for a in args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=1200, check=False)
        assert done.returncode == 0, f"{args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
        return done

    run(python, "-m", "pip", "install", "--quiet", wheel)
    run(python, "-m", "pip", "check")
    where = run(python, "-c", "import plpbk_plugin; print(plpbk_plugin.__file__, plpbk_plugin.__version__)").stdout.split()
    assert Path(where[0]).is_relative_to(env_dir) and where[1] == __version__  # the installed copy, not the source tree
    run(binaries / "plpbk", "init", "situs", "--name", "Kampung Uji", "--github", "bkm-uji/situs-uji")
    site = tmp_path / "situs"
    assert (site / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == f"plpbk-plugin=={__version__}"
    run(binaries / "plpbk", "validate", "--format", "github", cwd=site)
    run(binaries / "mkdocs", "build", "--strict", cwd=site)
    assert "✓ `site` memuat" in run(binaries / "plpbk", "check-site", "site", cwd=site).stdout  # the wheel's plugin ran
    assert (site / "site" / "index.html").is_file() and (site / "site" / "rencana" / "index.html").is_file()
    assert (site / "site" / "admin" / "config.yml").is_file() and (site / "site" / CMS_SCRIPT).is_file()
