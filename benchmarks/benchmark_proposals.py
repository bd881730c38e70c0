#!/usr/bin/env python3
"""Benchmark the proposal PDFs of the demo plans (prints figures; not a test).

    python benchmarks/benchmark_proposals.py            # 3 runs
    python benchmarks/benchmark_proposals.py --runs 5

For every proposal of the demo (each kawasan's and each call's), with the kawasan's photo as the
cover (the variant the image pipeline makes for print): the time WeasyPrint takes to print it
(median of --runs, in this process), its size and its page count (pdfinfo). Then the whole set
through ProposalMaker: cold (every PDF printed, on all cores) against cached (a new maker on the
same cache folder, as in the next `mkdocs build`), medians of interleaved runs.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, machine, median
from plpbk_plugin.i18n import translator
from plpbk_plugin.media.images import ImagePipeline, ImageRequest
from plpbk_plugin.media.printing import print_pdf
from plpbk_plugin.media.proposal import ProposalMaker
from plpbk_plugin.plan.reading.loading import load_plans
from plpbk_plugin.site.pages.microsite import Microsite
from plpbk_plugin.site.pages.proposals import proposals
from plpbk_plugin.site.rendering.markup import MarkdownRenderer
from plpbk_plugin.site.rendering.render import Renderer
from plpbk_plugin.site.settings import Settings
from plpbk_plugin.site.urls import Urls


def pages(pdf: bytes, folder: Path) -> str:
    if not shutil.which("pdfinfo"):
        return "?"
    path = folder / "count.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(line.split()[-1] for line in out.splitlines() if line.startswith("Pages:"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(machine(), f"{args.runs} runs", sep="\n")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        result = load_plans(ROOT / "plans", lang="id")
        pipeline = ImagePipeline(folder / "cache")
        heroes = [(p.folder / p.kawasan.photos.hero).resolve() for p in result.plans if p.kawasan.photos and p.kawasan.photos.hero]
        pictures, _ = pipeline.prepare([ImageRequest(path, "photo") for path in heroes])
        prints = {path: pipeline.print_file(picture) for path, picture in pictures.items()}
        t = translator("id")
        settings = Settings(site_name="Demo", urls=Urls(directory_urls=True, site_url="https://plpbk-demo.github.io/plpbk/"),
                            translator=t, markdown=MarkdownRenderer(), renderer=Renderer(t))
        docs = {url: doc for plan in result.plans for url, doc in proposals(Microsite(plan, settings, pictures, False, prints)).items()}
        print(f"\n{'proposal':58} {'print s':>8} {'KB':>6} {'pages':>5}")
        for url, doc in docs.items():
            times, pdf = [], b""
            for _ in range(args.runs):
                start = time.perf_counter()
                pdf = print_pdf(doc.html)
                times.append(time.perf_counter() - start)
            print(f"{url:58} {median(times):8.2f} {len(pdf) / 1024:6.0f} {pages(pdf, folder):>5}")
        cold, warm = [], []
        for run in range(args.runs):
            cache = folder / f"set-{run}"
            start = time.perf_counter()
            ProposalMaker(cache).make(docs)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            ProposalMaker(cache).make(docs)
            warm.append(time.perf_counter() - start)
        print(f"\nall {len(docs)} proposals: cold {median(cold):.2f} s (all cores), "
              f"cached {median(warm) * 1000:.0f} ms, ratio {median(cold) / median(warm):.0f}×")


if __name__ == "__main__":
    main()
