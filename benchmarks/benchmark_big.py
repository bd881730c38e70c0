#!/usr/bin/env python3
"""Big inputs: one kawasan with 1500 projects, and a portal of 500 kawasan (prints figures; not a test).

    .venv/bin/python benchmarks/benchmark_big.py                 # both, cold cache
    .venv/bin/python benchmarks/benchmark_big.py --only kawasan  # the 1500-project kawasan only
    .venv/bin/python benchmarks/benchmark_big.py --projects 3000 --kawasan 1000 --warm

Each site is generated in a temporary folder and built by `mkdocs build` in a fresh process
(the plugin's cache in that folder: cold, every share card rendered on all cores; `--warm`
adds a second build on that cache). For every build it prints the wall time, the CPU time
(user + system, the build's worker processes included) and the peak resident memory of the
largest process of the build (``ru_maxrss`` from wait4, like /usr/bin/time's "Maximum
resident set size"), the number of pages and the size of the site. The machine's load average
is printed too: on a shared machine wall time grows with the load, CPU time does not.

The same generators make the inputs of tests/test_big.py.
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

from benchmarks.common import ENV, machine
from benchmarks.synthetic import big_portal, one_big_kawasan


def measure_build(root: Path, *, strict: bool = False, timeout: float = 3600) -> dict[str, Any]:
    """`mkdocs build` of ``root`` in a fresh process: wall and CPU seconds, peak RSS (MiB), pages, size."""
    site = root / "site"
    command = [str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    if strict:
        command.append("--strict")
    start = time.monotonic()
    process = subprocess.Popen(command, cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
            raise TimeoutError(f"build of {root} took more than {timeout} s")
        time.sleep(0.05)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode != 0:
        raise RuntimeError(f"build failed ({process.returncode}):\n{stderr[-3000:]}")
    pages = sum(1 for _ in site.rglob("index.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mib": round(usage.ru_maxrss / 1024),
        "pages": pages,
        "site_mib": round(size / 1024 / 1024, 1),
    }


def _report(label: str, figures: dict[str, Any]) -> None:
    print(
        f"{label:<38} {figures['wall_s']:>7.1f} s wall {figures['cpu_s']:>7.1f} s CPU "
        f"{figures['peak_rss_mib']:>6} MiB peak RSS {figures['pages']:>6} pages {figures['site_mib']:>7.1f} MiB site",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("kawasan", "portal"), help="run one of the two")
    parser.add_argument("--projects", type=int, default=1500, help="projects of the big kawasan (1500)")
    parser.add_argument("--kawasan", type=int, default=500, help="kawasan of the big portal (500)")
    parser.add_argument("--portal-projects", type=int, default=6, help="projects per kawasan of the portal (6)")
    parser.add_argument("--no-photos", action="store_true", help="portal kawasan without a hero photo")
    parser.add_argument("--warm", action="store_true", help="also build a second time on the warm cache")
    parser.add_argument("--keep", action="store_true", help="keep the generated folders")
    args = parser.parse_args()
    print("plpbk big-input benchmark", machine(), sep="\n", flush=True)
    work = Path(tempfile.mkdtemp(prefix="plpbk-big-"))
    try:
        if args.only in (None, "kawasan"):
            root = one_big_kawasan(work / "kawasan", args.projects)
            _report(f"1 kawasan × {args.projects} projects, cold", measure_build(root))
            if args.warm:
                _report(f"1 kawasan × {args.projects} projects, warm", measure_build(root))
        if args.only in (None, "portal"):
            root = big_portal(work / "portal", args.kawasan, args.portal_projects, photos=not args.no_photos)
            label = f"{args.kawasan} kawasan × {args.portal_projects} projects"
            _report(label + ", cold", measure_build(root))
            if args.warm:
                _report(label + ", warm", measure_build(root))
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
