"""Benchmarks (scripts that print figures, never tests) and what they share with the tests.

Run one as ``.venv/bin/python benchmarks/benchmark.py --help``. The loopback server
(:mod:`benchmarks.loopback`), the synthetic phone photos (:mod:`benchmarks.photos`) and the
synthetic big plans (:mod:`benchmarks.synthetic`) live here because the tests use them too: tests
may import this package, nothing here imports ``tests/``.
"""
