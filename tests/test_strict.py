"""The demo site builds clean with `mkdocs build --strict` (CI runs this with the whole suite).

The repository's mkdocs.yml, docs/, overrides/ and plans/ are copied into a temporary folder
and built there by the `mkdocs` command in a fresh process, so nothing (not even the image
cache) is written into the repository. Any warning — a plan mistake such as a past deadline
or an over-funded project, a broken link in the docs, a theme complaint — fails the build.
The built site is then scanned like the XSS corpus's: no page may run code from a plan.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.scan import scan_site
from helpers.sitebuild import REPO
from plpbk_plugin.plan.reading.loading import load_plans

pytestmark = pytest.mark.slow  # real site builds

MKDOCS = Path(sys.executable).with_name("mkdocs")
TIMEOUT = 600


def demo_copy(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", target / "mkdocs.yml")
    for folder in ("docs", "overrides", "plans"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, target / folder, symlinks=True)
    return target


def ignored_files() -> set[str] | None:
    """Files Git ignores under the folders a build must not touch (None outside a git checkout)."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "--", "plans", "docs", "overrides", "plpbk_plugin"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    if status.returncode != 0:
        return None
    return {line[3:] for line in status.stdout.splitlines() if line.startswith("!!") and "__pycache__" not in line}


@pytest.fixture(scope="module")
def strict_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path, tuple]:
    root = demo_copy(tmp_path_factory.mktemp("demo") / "situs")
    site = root.parent / "keluaran"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    env.pop("SOURCE_DATE_EPOCH", None)
    before = ignored_files()
    result = subprocess.run(
        [str(MKDOCS), "build", "--strict", "--clean", "-f", str(root / "mkdocs.yml"), "-d", str(site)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    return result, site, (before, ignored_files())


def test_demo_plans_have_no_problem_and_no_warning() -> None:
    result = load_plans(REPO / "plans")
    assert [str(p) for p in result.problems] == []
    assert [str(w) for w in result.warnings] == [], "a demo warning fails `mkdocs build --strict`"
    assert len(result.plans) >= 3


def test_demo_builds_with_strict(strict_build) -> None:
    result, site, _ = strict_build
    warnings = [line for line in result.stderr.splitlines() if re.search(r"\b(WARNING|ERROR)\b", line)]
    assert result.returncode == 0, "\n".join(warnings or result.stderr.splitlines()[-30:])
    assert not warnings, "\n".join(warnings)
    assert (site / "index.html").is_file() and (site / "tambak-sari" / "index.html").is_file()


def test_demo_build_writes_nothing_into_the_repository(strict_build) -> None:
    before, after = strict_build[2]
    if before is None:
        pytest.skip("not a git checkout")
    assert after == before, sorted(after ^ before)


def test_demo_pages_run_no_plan_code(strict_build) -> None:
    result, site, _ = strict_build
    if result.returncode != 0:
        pytest.skip("the strict build failed (see test_demo_builds_with_strict)")
    problems = scan_site(site, base="/plpbk/")
    assert not problems, "\n".join(problems[:20])


# --- warnings that catch mistakes are counted by --strict ----------------------------------------


def _plan_with_every_warning() -> dict:
    from helpers.plans import DROP, plan

    data = plan(photos=DROP)
    base = {"summary": "Satu.", "sector": "sosial", "cost": 1000}
    data["projects"] = [
        {**base, "id": "lebih", "title": "Lebih", "status": "funded", "funding": [{"source": "csr", "amount": 1500}]},
        {**base, "id": "selesai", "title": "Selesai", "status": "completed", "progress": 80},
        {**base, "id": "terlupa", "title": "Terlupa", "status": "seeking_partners"},
    ]
    data["calls"] = [{"id": "lewat", "title": "Lewat", "description": "Sudah lewat.", "deadline": "2020-01-31"}]
    return data


def test_each_kind_of_warning_fails_a_strict_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    from helpers.sitebuild import isolated_build as build_site
    from helpers.sitebuild import write_plan, write_site

    write_plan(tmp_path / "plans", "kampung", _plan_with_every_warning())
    write_site(tmp_path)
    with caplog.at_level("WARNING"):
        build_site(tmp_path)  # without --strict: built, with warnings
    warned = {
        match.group(1)
        for r in caplog.records
        if r.levelname == "WARNING" and (match := re.search(r"kawasan\.yml:\d+: ([\w\[\].]+): ", r.getMessage()))
    }
    assert warned == {"projects[0].funding", "projects[1].progress", "projects[2].status", "calls[0].deadline"}, warned
    with pytest.raises(Abort, match="strict"):
        build_site(tmp_path, strict=True)
