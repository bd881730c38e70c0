#!/usr/bin/env python3
"""Benchmark the image pipeline and share cards on realistic phone photos (prints figures; not a test).

    python benchmarks/benchmark_images.py              # 12 photos
    python benchmarks/benchmark_images.py --photos 4   # quicker

Generates N 4000×3000 JPEGs (gradients, colour clouds, shapes, sensor grain, EXIF with GPS;
4–6 MB each, like a phone's) in a temporary folder, then measures per photo:

  (a) a bare Pillow decode (Image.open + load) — the baseline;
  (b) ImagePipeline.prepare with a fresh cache (1 worker, then all cores), as a ratio to (a);
  (c) prepare with a warm disk cache in a new pipeline after clearing the in-memory memo
      (images._MEMO), i.e. what a second `mkdocs build` process does;
  (d) a second prepare in the same process (memo hit, as in `mkdocs serve` rebuilds);
  (e) bytes published per photo (all variants) against the source's bytes;
  (f) share cards: CardMaker.make cold, then cached (new CardMaker, same cache folder), per card.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from PIL import Image

from benchmarks.common import machine
from benchmarks.photos import make_photos
from plpbk_plugin.media import images
from plpbk_plugin.media.cards import CardMaker, ShareCard
from plpbk_plugin.media.images import ImagePipeline, ImageRequest

SIZE = (4000, 3000)


def timed(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=12, metavar="N", help="number of 4000×3000 photos (default 12)")
    args = parser.parse_args(argv)
    n = max(1, args.photos)
    cores = os.cpu_count() or 1

    with tempfile.TemporaryDirectory(prefix="plpbk-bench-") as tmp:
        tmp_path = Path(tmp)
        seconds, photos = timed(make_photos, tmp_path / "photos", n, SIZE)
        source_bytes = sum(p.stat().st_size for p in photos)
        print(f"plpbk image benchmark: {n} photos {SIZE[0]}×{SIZE[1]}, {source_bytes / n / 1e6:.1f} MB each "
              f"(generated in {seconds:.1f} s)")
        print(machine())
        requests = [ImageRequest(p, "photo") for p in photos]

        def decode_all() -> None:
            for path in photos:
                with Image.open(path) as im:
                    im.load()

        decode, _ = timed(decode_all)

        def prepare(cache: Path, workers: int | None):
            pipeline = ImagePipeline(cache, workers=workers)
            pictures, errors = pipeline.prepare(requests)
            if errors:
                raise SystemExit(f"pipeline errors: {errors}")
            return pipeline, pictures

        images._MEMO.clear()
        cold1, _ = timed(prepare, tmp_path / "cache-1", 1)
        images._MEMO.clear()
        cold, (pipeline, pictures) = timed(prepare, tmp_path / "cache", None)
        images._MEMO.clear()  # a new `mkdocs build` process: only the disk cache is left
        warm, _ = timed(prepare, tmp_path / "cache", None)
        again, _ = timed(prepare, tmp_path / "cache", None)  # same process: memo hit

        site = tmp_path / "site"
        pipeline.publish(site)
        out_bytes = sum((site / v.url).stat().st_size for pic in pictures.values() for v in pic.modern + pic.fallback)
        variants = sum(len(pic.modern) + len(pic.fallback) for pic in pictures.values())
        largest = max((site / v.url).stat().st_size for pic in pictures.values() for v in pic.modern + pic.fallback)

        cards = {
            f"kawasan-{i}/og": ShareCard(f"Kampung uji nomor {i}", "Dari kampung rob menjadi kampung bahari", "Kota Uji",
                                     "Kekurangan dana", f"Rp{i + 1}.250.000.000", "Portal Uji", photo)
            for i, photo in enumerate(photos)
        }
        cards_cold, _ = timed(lambda: CardMaker(tmp_path / "cache").make(cards))
        cards_warm, _ = timed(lambda: CardMaker(tmp_path / "cache").make(cards))

    per = 1000 / n
    rows = [
        ("(a) bare decode (Image.open + load)", decode * per, 1.0),
        ("(b) prepare, cold cache, 1 worker", cold1 * per, cold1 / decode),
        (f"(b) prepare, cold cache, {cores} workers (wall)", cold * per, cold / decode),
        ("(c) prepare, warm disk cache, memo cleared", warm * per, warm / decode),
        ("(d) prepare, same process again (memo)", again * per, again / decode),
    ]
    print()
    print(f"{'measure':<48} {'ms/photo':>10} {'× decode':>10}")
    print("-" * 70)
    for name, ms, ratio in rows:
        print(f"{name:<48} {ms:>10.1f} {ratio:>10.3f}")
    print()
    print(f"(e) bytes per photo: source {source_bytes / n / 1024:,.0f} KB -> published {out_bytes / n / 1024:,.0f} KB "
          f"in {variants // n} variants ({out_bytes / source_bytes:.1%} of source; largest file {largest / 1024:,.0f} KB)")
    print(f"(f) share cards (1200×630, with photo): cold {cards_cold * per:.1f} ms/card, "
          f"cached {cards_warm * per:.1f} ms/card ({cards_warm / cards_cold:.3f} × cold)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
