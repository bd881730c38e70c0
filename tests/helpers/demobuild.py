"""The demo portal built the way the GitHub Pages workflow builds it, once per test run.

A temporary copy of the demo (mkdocs.yml, docs/, plans/, overrides/) runs the `run:` steps of
.github/workflows/pages.yml that come after the install step (`plpbk validate`,
`mkdocs build --strict`); nothing is ever written into the repository. The copy keeps its
image cache, so a second build of the same copy (e.g. by ProperDocs) is quick.
"""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
DEMO_PARTS = ("mkdocs.yml", "docs", "plans", "overrides")


@dataclass(frozen=True)
class DemoBuild:
    root: Path  # the copy of the demo
    site: Path  # what `mkdocs build --strict` made
    commands: tuple[str, ...]  # the workflow's commands that were run
    output: str


def workflow_build_commands(workflow: Path = WORKFLOW) -> list[str]:
    """The shell commands of the build job after `pip install`: what the workflow runs on the site."""
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    runs = [step["run"] for step in data["jobs"]["build"]["steps"] if "run" in step]
    installs = [i for i, command in enumerate(runs) if "pip install" in command]
    return [command.strip() for command in runs[installs[-1] + 1 :]] if installs else [c.strip() for c in runs]


def copy_demo(target: Path) -> Path:
    """The demo's sources, plus a copy of the repository's image cache when a developer has one."""
    target.mkdir(parents=True, exist_ok=True)
    for part in DEMO_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    cache = REPO / ".cache" / "plpbk"
    if cache.is_dir():  # content-keyed: a copy only saves time
        shutil.copytree(cache, target / ".cache" / "plpbk")
    return target


def run_here(command: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A workflow command with this test run's Python: `mkdocs …`/`plpbk …` become `python -m …`."""
    program, *rest = command.split()
    module = {"mkdocs": "mkdocs", "plpbk": "plpbk_plugin.cli"}[program]
    return subprocess.run(
        [sys.executable, "-m", module, *rest], cwd=cwd, capture_output=True, text=True, timeout=900,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
    )


@functools.cache
def demo_build() -> DemoBuild:
    """Copy the demo and run the workflow's build commands in it; raises with the output on failure."""
    root = Path(tempfile.mkdtemp(prefix="plpbk-demo-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    copy_demo(root)
    commands = workflow_build_commands()
    output = []
    for command in commands:
        done = run_here(command, root)
        output.append(f"$ {command}\n{done.stdout}{done.stderr}")
        if done.returncode != 0:
            raise AssertionError(f"`{command}` failed on the demo:\n{done.stdout}{done.stderr}"[-6000:])
    return DemoBuild(root, root / "site", tuple(commands), "\n".join(output))
