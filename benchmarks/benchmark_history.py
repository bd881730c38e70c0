#!/usr/bin/env python3
"""Build time with the plans' Git history (Riwayat) against the same tree without Git (prints figures; not a test).

    .venv/bin/python benchmarks/benchmark_history.py                  # the demo's kawasan, 240 commits, 5 runs
    .venv/bin/python benchmarks/benchmark_history.py --commits 600 --runs 3

Copies the demo site (mkdocs.yml, docs/, overrides/, plans/) into a temporary folder, makes it a
Git repository and records --commits dated commits, each editing one kawasan.yml the way editors do
(a pledge becomes a commitment, an amount or a cost is revised, progress moves, a status changes).
A second copy of the same tree has no .git. Each build is a `mkdocs build` in a fresh process on a
warm photo cache; the runs are interleaved (with Git, history cache warm · without Git · with Git,
history cache removed) and each figure is the median of --runs. Also prints the time of reading
the history alone (in this process, cold and warm cache).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from benchmarks.common import ENV, ROOT, interleaved, machine, median
from plpbk_plugin.plan.history.commits import read_history

TARGET = 1.5
DEMO_PARTS = ("mkdocs.yml", "docs", "overrides", "plans")
EDITS = ("pledge", "amount", "cost", "progress", "status")
STATUSES = ("planned", "seeking_partners", "funded", "in_progress", "completed")


def git(root: Path, *args: str, env: dict[str, str] | None = None) -> None:
    base = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    base.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, **(env or {}))
    subprocess.run(["git", *args], cwd=root, env=base, check=True, capture_output=True)


def commit(root: Path, message: str, when: int) -> None:
    stamp = f"@{when} +0700"
    who = {"GIT_AUTHOR_NAME": "Editor BKM", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor BKM", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    git(root, "add", "-A", env=who)
    git(root, "commit", "-q", "--no-gpg-sign", "-m", message, env=who)


def edit(plan: dict[str, Any], step: int) -> str:
    """One editor's change to a plan; returns what it did."""
    projects = plan["projects"]
    project = projects[step % len(projects)]
    kind = EDITS[step % len(EDITS)]
    funding = project.setdefault("funding", [])
    if kind == "pledge":
        pledged = [line for line in funding if line.get("status") == "pledged"]
        if pledged:
            pledged[0]["status"] = "committed"
        else:
            funding.append({"source": "csr", "amount": 25_000_000 + step * 1000, "status": "pledged", "partner": f"PT Mitra {step}"})
    elif kind == "amount" and funding:
        funding[0]["amount"] += 5_000_000
    elif kind == "cost":
        project["cost"] += 10_000_000
        if project.get("schedule"):  # the yearly stages must add up to the cost: the last one grows with it
            project["schedule"][-1]["cost"] += 10_000_000
    elif kind == "progress":
        project["progress"] = (project.get("progress") or 0) % 100 + 1
    else:
        project["status"] = STATUSES[(STATUSES.index(project["status"]) + 1) % len(STATUSES)]
    return f"{kind} {project['id']}"


def make_sites(folder: Path, commits: int) -> tuple[Path, Path]:
    repo = folder / "with-git"
    repo.mkdir(parents=True)
    for part in DEMO_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, repo / part)
        elif source.is_file():
            shutil.copy2(source, repo / part)
    git(repo, "init", "-q", "-b", "main")
    when = 1_767_225_600  # 2026-01-01
    commit(repo, "The demo plans", when)
    slugs = sorted(p.name for p in (repo / "plans").iterdir() if (p / "kawasan.yml").is_file())
    plans = {slug: yaml.safe_load((repo / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8")) for slug in slugs}
    for step in range(1, commits):
        slug = slugs[step % len(slugs)]
        done = edit(plans[slug], step)
        (repo / "plans" / slug / "kawasan.yml").write_text(
            yaml.safe_dump(plans[slug], allow_unicode=True, sort_keys=False), encoding="utf-8")
        when += 86_400 + step * 37
        commit(repo, f"{slug}: {done}", when)
    plain = folder / "without-git"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    return repo, plain


def build(root: Path) -> float:
    path = os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])  # this tree's plugin
    env = {**ENV, "PYTHONPATH": path}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, env=env,
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--commits", type=int, default=240)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="plpbk-history-"))
    try:
        started = time.perf_counter()
        repo, plain = make_sites(folder, args.commits)
        print(f"{args.commits} commits over {len(list((repo / 'plans').iterdir()))} kawasan made in {time.perf_counter() - started:.1f} s")
        history_cache = repo / ".cache" / "plpbk" / "history"
        for root in (repo, plain):  # warm photo caches and share cards for both
            build(root)
        def cold() -> float:
            shutil.rmtree(history_cache, ignore_errors=True)
            return build(repo)

        times = interleaved(args.runs, {"git": lambda: build(repo), "plain": lambda: build(plain), "git-cold": cold})
        medians = {name: median(values) for name, values in times.items()}
        cold, warm = _read_times(repo)
        pages = sum(1 for _ in (repo / "site").rglob("index.html"))
        ledgers = sorted(p.parent.relative_to(repo / "site").as_posix() for p in (repo / "site").rglob("riwayat/index.html"))
        print(machine(), f"{pages} pages, Riwayat pages: {', '.join(ledgers)}", sep="\n")
        print(f"median of {args.runs} interleaved runs (warm photo cache):")
        print(f"  without Git                     {medians['plain']:6.2f} s")
        print(f"  with Git, history cache warm    {medians['git']:6.2f} s   {medians['git'] / medians['plain']:.2f} ×")
        print(f"  with Git, history cache removed {medians['git-cold']:6.2f} s   {medians['git-cold'] / medians['plain']:.2f} ×")
        print(f"  reading the history alone: {cold * 1000:.0f} ms cold cache, {warm * 1000:.0f} ms warm")
        ratio = medians["git"] / medians["plain"]
        print(f"target: with Git ≤ {TARGET} × without: {'met' if ratio <= TARGET else 'NOT met'} ({ratio:.2f} ×)")
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def _read_times(repo: Path) -> tuple[float, float]:
    """Reading the history in this process: without its cache, then with it."""
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        read_history(repo / "plans", Path(cache))
        cold = time.perf_counter() - start
        start = time.perf_counter()
        read_history(repo / "plans", Path(cache))
        return cold, time.perf_counter() - start


if __name__ == "__main__":
    main()
