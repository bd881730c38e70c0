"""Big inputs: a kawasan with 1500 projects builds, every page and open-data row of it.

How long it takes, and the 500-kawasan portal with its memory figures, are measured by
benchmarks/benchmark_big.py, not here (timings belong to the benchmark, not to tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.synthetic import one_big_kawasan
from helpers.sitebuild import isolated_build

pytestmark = pytest.mark.slow


def test_a_kawasan_with_1500_projects_builds(tmp_path: Path) -> None:
    site = isolated_build(one_big_kawasan(tmp_path / "besar", 1500))
    pages = list((site / "rencana").glob("*/index.html"))
    assert len(pages) == 1500
    assert (site / "rencana" / "proyek-01499" / "index.html").is_file()
    assert (site / "data.json").stat().st_size > 1500 * 200
