#!/usr/bin/env python3
"""Generate the demo media (photos, partner logos, PDFs) for the example plans.

Every photo, logo and PDF referenced by ``plans/*/kawasan.yml`` and ``plans/*/news/*.md``
of the three fictional demo kawasan is drawn here, procedurally, with Pillow only.
The output is deterministic: each image has its own fixed random seed, and the PDFs
carry fixed dates, so re-running the script reproduces the same bytes (for the same
Pillow/libjpeg build).

    python scripts/make_demo_media.py            # (re)write every file
    python scripts/make_demo_media.py --check    # only report missing files

Photos are 2400x1600 JPEG (quality 85) flat illustrations. One of them,
``tambak-sari/photos/rapat-warga.jpg``, is deliberately stored sideways with EXIF
Orientation = 6 and carries a GPS IFD, so that an image pipeline must rotate it upright
and strip the location. Logos are 600x300 RGBA PNG with a transparent background.
PDFs are small multi-page A4 documents rendered as images.
"""

from __future__ import annotations

import argparse
import functools
import math
import random
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PIL import ExifTags, Image, ImageDraw, ImageFont, ImageOps
from PIL.TiffImagePlugin import IFDRational

from plpbk_plugin.plan.model import Project
from plpbk_plugin.plan.reading.loading import load_plans

ROOT = Path(__file__).resolve().parents[1]
PLANS = ROOT / "plans"
FONT_DIR = ROOT / "plpbk_plugin" / "fonts"

PHOTO_W, PHOTO_H = 2400, 1600
SUPERSAMPLE = 2  # draw at 2x and downscale: cheap anti-aliasing
JPEG_QUALITY = 85

Color = tuple[int, int, int]
Point = tuple[float, float]


# ---------------------------------------------------------------------------
# small helpers
# ---------------------------------------------------------------------------


def seed_for(name: str) -> int:
    """A stable seed per file name (``hash()`` of a str is randomised per process)."""
    return zlib.crc32(name.encode("utf-8"))


def mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))  # type: ignore[return-value]


def shade(c: Color, f: float) -> Color:
    """f < 1 darkens, f > 1 lightens (towards white)."""
    if f <= 1:
        return tuple(round(v * f) for v in c)  # type: ignore[return-value]
    return mix(c, (255, 255, 255), min(1.0, f - 1))


_FONTS: dict[tuple[int, bool], ImageFont.FreeTypeFont] = {}


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    key = (max(1, int(size)), bold)
    if key not in _FONTS:
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        _FONTS[key] = ImageFont.truetype(str(FONT_DIR / name), key[0])
    return _FONTS[key]


def rupiah(n: int) -> str:
    return "Rp" + f"{n:,}".replace(",", ".")


# ---------------------------------------------------------------------------
# a canvas in logical pixels, drawn supersampled
# ---------------------------------------------------------------------------


class Canvas:
    def __init__(self, w: int, h: int, bg: Color = (255, 255, 255), ss: int = SUPERSAMPLE):
        self.w, self.h, self.ss = w, h, ss
        self.img = Image.new("RGB", (w * ss, h * ss), bg)
        self.d = ImageDraw.Draw(self.img)

    # coordinate conversion
    def s(self, v: float) -> int:
        return round(v * self.ss)

    def pts(self, pts: Iterable[Point]) -> list[tuple[int, int]]:
        return [(self.s(x), self.s(y)) for x, y in pts]

    # primitives
    def rect(self, x0, y0, x1, y1, fill, outline=None, width=0, radius=0):
        box = [self.s(min(x0, x1)), self.s(min(y0, y1)), self.s(max(x0, x1)), self.s(max(y0, y1))]
        if radius:
            self.d.rounded_rectangle(box, self.s(radius), fill=fill, outline=outline, width=self.s(width))
        else:
            self.d.rectangle(box, fill=fill, outline=outline, width=self.s(width))

    def poly(self, pts: Sequence[Point], fill, outline=None, width=0):
        self.d.polygon(self.pts(pts), fill=fill, outline=outline, width=self.s(width) if outline else 1)

    def ellipse(self, cx, cy, rx, ry, fill, outline=None, width=0):
        self.d.ellipse(
            [self.s(cx - rx), self.s(cy - ry), self.s(cx + rx), self.s(cy + ry)],
            fill=fill,
            outline=outline,
            width=self.s(width),
        )

    def pie(self, cx, cy, rx, ry, start, end, fill):
        self.d.pieslice(
            [self.s(cx - rx), self.s(cy - ry), self.s(cx + rx), self.s(cy + ry)], start, end, fill=fill
        )

    def line(self, pts: Sequence[Point], fill, width=2, joint="curve"):
        self.d.line(self.pts(pts), fill=fill, width=max(1, self.s(width)), joint=joint)

    def text(self, x, y, s, size, fill, bold=True, anchor="mm"):
        self.d.text((self.s(x), self.s(y)), s, font=font(self.s(size), bold), fill=fill, anchor=anchor)

    def text_width(self, s, size, bold=True) -> float:
        return self.d.textlength(s, font=font(self.s(size), bold)) / self.ss

    def vgrad(self, x0, y0, x1, y1, c0: Color, c1: Color):
        a, b = self.s(y0), self.s(y1)
        for row in range(a, b):
            t = (row - a) / max(1, b - a - 1)
            self.d.line([(self.s(x0), row), (self.s(x1) - 1, row)], fill=mix(c0, c1, t))

    def blend_poly(self, pts: Sequence[Point], color: Color, alpha: float):
        """A translucent polygon (water, shadows, glow)."""
        xs = [p[0] for p in pts]
        ys = [p[1] for p in pts]
        x0, y0 = max(0, self.s(min(xs)) - 2), max(0, self.s(min(ys)) - 2)
        x1, y1 = min(self.img.width, self.s(max(xs)) + 2), min(self.img.height, self.s(max(ys)) + 2)
        if x1 <= x0 or y1 <= y0:
            return
        mask = Image.new("L", (x1 - x0, y1 - y0), 0)
        ImageDraw.Draw(mask).polygon(
            [(self.s(x) - x0, self.s(y) - y0) for x, y in pts], fill=round(255 * alpha)
        )
        self.img.paste(color, (x0, y0, x1, y1), mask)

    def blend_ellipse(self, cx, cy, rx, ry, color: Color, alpha: float):
        n = 48
        self.blend_poly(
            [(cx + rx * math.cos(2 * math.pi * i / n), cy + ry * math.sin(2 * math.pi * i / n)) for i in range(n)],
            color,
            alpha,
        )

    def finish(self) -> Image.Image:
        return self.img.resize((self.w, self.h), Image.Resampling.LANCZOS)


# ---------------------------------------------------------------------------
# palettes
# ---------------------------------------------------------------------------

ROOFS: list[Color] = [
    (196, 92, 62), (170, 70, 55), (84, 122, 163), (66, 128, 101), (121, 121, 134),
    (222, 132, 62), (178, 52, 52), (40, 128, 140), (150, 96, 150), (205, 160, 60),
]
WALLS: list[Color] = [
    (246, 236, 212), (241, 221, 180), (201, 226, 220), (236, 202, 190), (250, 246, 236),
    (212, 222, 242), (242, 212, 150), (192, 216, 172), (247, 200, 170), (225, 232, 200),
]
SKINS: list[Color] = [(141, 96, 66), (170, 121, 86), (121, 82, 56), (190, 141, 101), (155, 108, 74)]
CLOTHES: list[Color] = [
    (220, 70, 70), (60, 120, 200), (250, 190, 60), (60, 160, 110), (240, 120, 40),
    (150, 80, 170), (40, 170, 180), (230, 100, 150), (90, 90, 110), (245, 245, 240),
    (120, 170, 60), (200, 60, 110),
]
PANTS: list[Color] = [(50, 55, 70), (70, 80, 110), (110, 85, 60), (40, 40, 45), (90, 100, 120)]
HIJABS: list[Color] = [(240, 240, 235), (70, 110, 160), (200, 80, 110), (60, 130, 110), (235, 190, 90), (120, 70, 130)]

SKY_DAY = ((112, 182, 232), (214, 236, 247))
SKY_MORNING = ((120, 170, 220), (252, 222, 180))
SKY_CLOUDY = ((140, 154, 170), (210, 214, 218))
SKY_SUNSET = ((82, 92, 160), (250, 178, 118))
SKY_HIGHLAND = ((98, 170, 225), (226, 240, 240))

GREEN = (74, 146, 84)
DARK_GREEN = (46, 108, 66)


# ---------------------------------------------------------------------------
# scene elements
# ---------------------------------------------------------------------------


def sky(cv: Canvas, colors: tuple[Color, Color], bottom: float):
    cv.vgrad(0, 0, cv.w, bottom, colors[0], colors[1])


def sun(cv: Canvas, x, y, r, color=(255, 240, 190)):
    for k, a in ((3.2, 0.10), (2.3, 0.14), (1.6, 0.2)):
        cv.blend_ellipse(x, y, r * k, r * k, color, a)
    cv.ellipse(x, y, r, r, color)


def cloud(cv: Canvas, x, y, size, color=(255, 255, 255), alpha=0.92):
    parts = [(-0.55, 0.05, 0.42), (-0.15, -0.18, 0.55), (0.3, -0.05, 0.45), (0.65, 0.1, 0.32)]
    for dx, dy, r in parts:
        cv.blend_ellipse(x + dx * size, y + dy * size, r * size, r * size * 0.8, color, alpha)
    cv.blend_poly(
        [(x - 0.9 * size, y + 0.1 * size), (x + 0.95 * size, y + 0.1 * size),
         (x + 0.95 * size, y + 0.32 * size), (x - 0.9 * size, y + 0.32 * size)],
        color, alpha,
    )


def clouds(cv: Canvas, rng: random.Random, n, y0, y1, smin=90, smax=200, color=(255, 255, 255)):
    for _ in range(n):
        cloud(cv, rng.uniform(0, cv.w), rng.uniform(y0, y1), rng.uniform(smin, smax), color, rng.uniform(0.75, 0.95))


def sea(cv: Canvas, rng: random.Random, y0, y1, c0=(64, 142, 186), c1=(112, 186, 204), waves=70):
    cv.vgrad(0, y0, cv.w, y1, c0, c1)
    for _ in range(waves):
        y = rng.uniform(y0 + 8, y1 - 4)
        t = (y - y0) / (y1 - y0)
        length = 20 + 90 * t
        x = rng.uniform(0, cv.w)
        cv.line([(x, y), (x + length, y)], shade(mix(c0, c1, t), 1.35), width=2 + 3 * t)


def hills(cv: Canvas, rng: random.Random, base, amp, color, bottom=None, bumps=3, phase=None):
    phase = rng.uniform(0, 6.28) if phase is None else phase
    freq = [rng.uniform(0.6, 1.4) * bumps for _ in range(3)]
    pts = [(0.0, float(bottom if bottom is not None else cv.h))]
    for i in range(101):
        x = cv.w * i / 100
        y = base - amp * (
            0.6 * math.sin(phase + x / cv.w * math.pi * freq[0])
            + 0.3 * math.sin(phase * 1.7 + x / cv.w * math.pi * freq[1] * 2)
            + 0.1 * math.sin(x / cv.w * math.pi * freq[2] * 5)
        )
        pts.append((x, y))
    pts.append((float(cv.w), float(bottom if bottom is not None else cv.h)))
    cv.poly(pts, color)
    return pts


def hill_y(pts: list[Point], x: float) -> float:
    """Height of a hill outline (from ``hills``) at x."""
    line = pts[1:-1]
    for (xa, ya), (xb, yb) in zip(line, line[1:]):
        if xa <= x <= xb:
            t = (x - xa) / max(1e-6, xb - xa)
            return ya + (yb - ya) * t
    return line[-1][1]


def house(cv: Canvas, x, base, w, h, wall: Color, roof: Color, rng: random.Random, *,
          kind="gable", stilts=0.0, fade: tuple[Color, float] | None = None, detail=True):
    f = (lambda c: mix(c, fade[0], fade[1])) if fade else (lambda c: c)
    floor = base - stilts
    top = floor - h
    if stilts:
        for i in range(5):
            sx = x + w * (0.06 + 0.22 * i)
            cv.rect(sx - w * 0.018, floor, sx + w * 0.018, base, f((104, 78, 54)))
        cv.rect(x - w * 0.03, floor - h * 0.04, x + w * 1.03, floor + h * 0.02, f((124, 94, 64)))
    cv.rect(x, top, x + w, floor, f(wall))
    cv.rect(x + w * 0.86, top, x + w, floor, f(shade(wall, 0.9)))
    ov = w * 0.08
    rh = h * rng.uniform(0.45, 0.7)
    if kind == "gable":
        cv.poly([(x - ov, top + 2), (x + w / 2, top - rh), (x + w + ov, top + 2)], f(roof))
        cv.poly([(x + w / 2, top - rh), (x + w + ov, top + 2), (x + w / 2, top + 2)], f(shade(roof, 0.84)))
        if detail:
            cv.ellipse(x + w / 2, top - rh * 0.42, w * 0.06, w * 0.06, f(shade(wall, 0.8)))
    elif kind == "steep":  # rumah panggung Bugis-Makassar: tall gable with a timpalaja
        rh = h * 0.95
        cv.poly([(x - ov, top + 2), (x + w / 2, top - rh), (x + w + ov, top + 2)], f(roof))
        cv.poly([(x + w * 0.22, top), (x + w / 2, top - rh * 0.6), (x + w * 0.78, top)], f(shade(wall, 0.92)))
        for k in range(1, 3):
            yy = top - rh * 0.6 * k / 3
            cv.line([(x + w * 0.5 - w * 0.28 * (1 - k / 3), yy), (x + w * 0.5 + w * 0.28 * (1 - k / 3), yy)],
                    f(shade(wall, 0.7)), width=max(2, w * 0.012))
    elif kind == "hip":
        cv.poly([(x - ov, top + 2), (x + w * 0.18, top - rh * 0.7), (x + w * 0.82, top - rh * 0.7),
                 (x + w + ov, top + 2)], f(roof))
        cv.poly([(x + w * 0.82, top - rh * 0.7), (x + w + ov, top + 2), (x + w * 0.7, top + 2)],
                f(shade(roof, 0.84)))
    else:  # flat slab (two-storey concrete)
        cv.rect(x - ov * 0.5, top - h * 0.08, x + w + ov * 0.5, top + 2, f(roof))
    if not detail:
        return
    # door and windows
    dw, dh = w * 0.2, h * 0.62
    door_left = rng.random() < 0.5
    dx = x + (w * 0.14 if door_left else w * 0.62)
    cv.rect(dx, floor - dh, dx + dw, floor, f(shade(roof, 0.6)))
    cv.rect(dx + dw * 0.75, floor - dh * 0.5, dx + dw * 0.85, floor - dh * 0.45, f((230, 200, 90)))
    wx = x + (w * 0.5 if door_left else w * 0.14)
    ww, wh = w * 0.26, h * 0.3
    wy = floor - h * 0.72
    glass = f((72, 96, 118)) if rng.random() < 0.6 else f((150, 190, 210))
    cv.rect(wx, wy, wx + ww, wy + wh, f(shade(wall, 0.7)))
    cv.rect(wx + ww * 0.08, wy + wh * 0.1, wx + ww * 0.92, wy + wh * 0.9, glass)
    cv.rect(wx + ww * 0.47, wy + wh * 0.1, wx + ww * 0.53, wy + wh * 0.9, f(shade(wall, 0.7)))
    if rng.random() < 0.35:  # potted plant
        px = x + w * (0.05 if not door_left else 0.88)
        cv.rect(px - w * 0.03, floor - h * 0.08, px + w * 0.03, floor, f((170, 90, 60)))
        cv.ellipse(px, floor - h * 0.13, w * 0.05, h * 0.07, f(GREEN))


def house_row(cv: Canvas, rng: random.Random, x0, x1, base, hmin, hmax, *, fade=None, stilts=0.0,
              kinds=("gable", "gable", "hip", "flat"), gap=(-10, 16), detail=True, between=None):
    x = x0
    while x < x1:
        h = rng.uniform(hmin, hmax)
        w = h * rng.uniform(1.0, 1.5)
        kind = rng.choice(kinds)
        if kind == "flat":
            h *= 1.35
        house(cv, x, base, w, h, rng.choice(WALLS), rng.choice(ROOFS), rng, kind=kind,
              stilts=stilts * rng.uniform(0.85, 1.15) if stilts else 0, fade=fade, detail=detail)
        x += w + rng.uniform(*gap)
        if between and rng.random() < 0.35:
            between(x - 4, base)
            x += hmin * 0.4


def tree(cv: Canvas, x, base, size, color=GREEN, fade=None):
    f = (lambda c: mix(c, fade[0], fade[1])) if fade else (lambda c: c)
    cv.rect(x - size * 0.06, base - size * 0.55, x + size * 0.06, base, f((112, 80, 56)))
    for dx, dy, r in ((-0.22, -0.62, 0.3), (0.22, -0.64, 0.3), (0, -0.86, 0.34), (0, -0.6, 0.3)):
        cv.ellipse(x + dx * size, base + dy * size, r * size, r * size * 0.92, f(color))
    cv.ellipse(x - 0.1 * size, base - 0.92 * size, 0.12 * size, 0.1 * size, f(shade(color, 1.18)))


def palm(cv: Canvas, x, base, size, lean=0.15, fade=None):
    f = (lambda c: mix(c, fade[0], fade[1])) if fade else (lambda c: c)
    pts = []
    for i in range(11):
        t = i / 10
        pts.append((x + lean * size * t * t, base - size * t))
    for (xa, ya), (xb, yb) in zip(pts, pts[1:]):
        cv.line([(xa, ya), (xb, yb)], f((128, 96, 62)), width=size * 0.05)
    cx, cy = pts[-1]
    for k in range(9):
        ang = math.pi * (0.05 + 0.9 * k / 8) + math.pi
        tip = (cx + math.cos(ang) * size * 0.45, cy + math.sin(ang) * size * 0.25 + size * 0.18)
        mid = (cx + math.cos(ang) * size * 0.25, cy + math.sin(ang) * size * 0.2 - size * 0.02)
        nx, ny = -math.sin(ang) * size * 0.04, math.cos(ang) * size * 0.04
        cv.poly([(cx, cy), (mid[0] + nx, mid[1] + ny), tip, (mid[0] - nx, mid[1] - ny)],
                f(DARK_GREEN if k % 2 else GREEN))
    cv.ellipse(cx, cy + size * 0.02, size * 0.05, size * 0.05, f((150, 110, 60)))


def mangrove(cv: Canvas, x, water, size, fade=None):
    f = (lambda c: mix(c, fade[0], fade[1])) if fade else (lambda c: c)
    root = f((96, 74, 56))
    for k in range(-3, 4):
        cv.line([(x + k * size * 0.08, water), (x + k * size * 0.03, water - size * 0.3), (x, water - size * 0.42)],
                root, width=size * 0.02)
    cv.line([(x, water - size * 0.4), (x, water - size * 0.62)], root, width=size * 0.04)
    for dx, dy, r in ((-0.25, -0.72, 0.28), (0.25, -0.74, 0.28), (0, -0.9, 0.32)):
        cv.ellipse(x + dx * size, water + dy * size, r * size, r * size * 0.7, f((48, 118, 70)))


def seedling(cv: Canvas, x, ground, size):
    cv.line([(x, ground - size * 0.9), (x, ground + size * 0.1)], (200, 170, 110), width=size * 0.05)  # ajir
    cv.line([(x + size * 0.08, ground), (x + size * 0.08, ground - size * 0.55)], (98, 78, 52), width=size * 0.06)
    for a in (-0.9, -0.3, 0.3, 0.9):
        cv.ellipse(x + size * 0.08 + a * size * 0.18, ground - size * (0.55 + 0.1 * abs(a)),
                   size * 0.12, size * 0.05, (64, 150, 80))


def person(cv: Canvas, x, base, size, rng: random.Random, *, head=None, shirt=None, skirt=None,
           arm="down", tool=None, skin=None, fade=None):
    """A standing person, ``size`` tall. head: None|'hijab'|'peci'|'caping'|'helmet'|'cap'."""
    f = (lambda c: mix(c, fade[0], fade[1])) if fade else (lambda c: c)
    skin = skin or rng.choice(SKINS)
    shirt = shirt or rng.choice(CLOTHES)
    if head is None:
        head = rng.choice(["hijab", "hijab", "peci", None, "cap", None])
    if skirt is None:
        skirt = head == "hijab" and rng.random() < 0.7
    pants = rng.choice(PANTS)
    s = size
    leg_h, body_h, head_r = s * 0.44, s * 0.34, s * 0.085
    hip = base - leg_h
    shoulder = hip - body_h
    if skirt:
        cv.poly([(x - s * 0.1, hip), (x + s * 0.1, hip), (x + s * 0.13, base), (x - s * 0.13, base)],
                f(rng.choice(CLOTHES)))
    else:
        cv.rect(x - s * 0.085, hip - 2, x - s * 0.01, base, f(pants))
        cv.rect(x + s * 0.01, hip - 2, x + s * 0.085, base, f(pants))
    cv.ellipse(x - s * 0.05, base, s * 0.05, s * 0.02, f((50, 40, 40)))
    cv.ellipse(x + s * 0.05, base, s * 0.05, s * 0.02, f((50, 40, 40)))
    cv.rect(x - s * 0.11, shoulder, x + s * 0.11, hip + s * 0.03, f(shirt), radius=s * 0.05)
    # arms
    aw = s * 0.045
    left = [(x - s * 0.1, shoulder + s * 0.04), (x - s * 0.15, shoulder + s * 0.2), (x - s * 0.14, hip)]
    if arm == "up":
        right = [(x + s * 0.1, shoulder + s * 0.04), (x + s * 0.2, shoulder - s * 0.08), (x + s * 0.24, shoulder - s * 0.22)]
    elif arm == "forward":
        right = [(x + s * 0.1, shoulder + s * 0.04), (x + s * 0.2, shoulder + s * 0.16), (x + s * 0.3, shoulder + s * 0.15)]
    elif arm == "work":
        left = [(x - s * 0.1, shoulder + s * 0.04), (x + s * 0.02, shoulder + s * 0.22), (x + s * 0.16, shoulder + s * 0.3)]
        right = [(x + s * 0.1, shoulder + s * 0.04), (x + s * 0.2, shoulder + s * 0.18), (x + s * 0.26, shoulder + s * 0.3)]
    else:
        right = [(x + s * 0.1, shoulder + s * 0.04), (x + s * 0.15, shoulder + s * 0.2), (x + s * 0.14, hip)]
    for arm_pts in (left, right):
        cv.line(arm_pts, f(shirt), width=aw * 1.25)
        cv.ellipse(arm_pts[-1][0], arm_pts[-1][1], aw * 0.6, aw * 0.6, f(skin))
    if tool == "shovel":
        hx, hy = right[-1]
        cv.line([(hx - s * 0.02, hy - s * 0.25), (hx + s * 0.1, hy + s * 0.35)], f((150, 110, 70)), width=s * 0.02)
        cv.poly([(hx + s * 0.06, hy + s * 0.33), (hx + s * 0.16, hy + s * 0.31), (hx + s * 0.17, hy + s * 0.45),
                 (hx + s * 0.09, hy + s * 0.47)], f((150, 150, 160)))
    elif tool == "basket":
        hx, hy = right[-1]
        cv.pie(hx, hy, s * 0.1, s * 0.09, 0, 180, f((196, 156, 90)))
    elif tool == "paper":
        hx, hy = right[-1]
        cv.rect(hx - s * 0.02, hy - s * 0.1, hx + s * 0.08, hy + s * 0.02, f((250, 250, 250)))
    # neck and head
    hy = shoulder - head_r * 0.95
    cv.rect(x - s * 0.03, shoulder - s * 0.04, x + s * 0.03, shoulder + s * 0.02, f(skin))
    if head == "hijab":
        hc = f(rng.choice(HIJABS))
        cv.poly([(x - s * 0.13, shoulder + s * 0.1), (x + s * 0.13, shoulder + s * 0.1), (x, hy)], hc)
        cv.ellipse(x, hy, head_r * 1.28, head_r * 1.32, hc)
        cv.ellipse(x, hy + head_r * 0.12, head_r * 0.82, head_r * 0.9, f(skin))
    else:
        cv.ellipse(x, hy, head_r, head_r * 1.08, f(skin))
        hair = f((36, 30, 28))
        cv.pie(x, hy, head_r * 1.02, head_r * 1.1, 180, 360, hair)
        if head == "peci":
            cv.rect(x - head_r * 0.95, hy - head_r * 1.35, x + head_r * 0.95, hy - head_r * 0.55, f((30, 30, 36)),
                    radius=head_r * 0.15)
        elif head == "caping":
            cv.poly([(x - head_r * 2.6, hy - head_r * 0.45), (x, hy - head_r * 1.9), (x + head_r * 2.6, hy - head_r * 0.45)],
                    f((214, 180, 112)))
        elif head == "helmet":
            cv.pie(x, hy - head_r * 0.2, head_r * 1.2, head_r * 1.2, 180, 360, f((250, 200, 40)))
            cv.rect(x - head_r * 1.35, hy - head_r * 0.28, x + head_r * 1.35, hy - head_r * 0.12, f((250, 200, 40)))
        elif head == "cap":
            cv.pie(x, hy - head_r * 0.15, head_r * 1.05, head_r * 1.05, 180, 360, f(rng.choice(CLOTHES)))
            cv.rect(x, hy - head_r * 0.3, x + head_r * 1.6, hy - head_r * 0.12, f((40, 40, 50)))


def seated_back(cv: Canvas, x, base, size, rng: random.Random):
    """Someone sitting on the floor, seen from behind (for meetings)."""
    s = size
    head = rng.choice(["hijab", "hijab", "peci", None, None])
    body = rng.choice(CLOTHES)
    cv.ellipse(x, base - s * 0.05, s * 0.32, s * 0.1, shade(body, 0.8))
    cv.poly([(x - s * 0.28, base - s * 0.05), (x - s * 0.22, base - s * 0.55), (x + s * 0.22, base - s * 0.55),
             (x + s * 0.28, base - s * 0.05)], body)
    cv.ellipse(x, base - s * 0.55, s * 0.22, s * 0.08, body)
    hy = base - s * 0.72
    if head == "hijab":
        hc = rng.choice(HIJABS)
        cv.poly([(x - s * 0.25, base - s * 0.42), (x + s * 0.25, base - s * 0.42), (x, hy)], hc)
        cv.ellipse(x, hy, s * 0.16, s * 0.18, hc)
    else:
        cv.rect(x - s * 0.05, base - s * 0.62, x + s * 0.05, base - s * 0.55, rng.choice(SKINS))
        cv.ellipse(x, hy, s * 0.13, s * 0.15, (34, 28, 26))
        if head == "peci":
            cv.rect(x - s * 0.13, hy - s * 0.19, x + s * 0.13, hy - s * 0.06, (28, 28, 34), radius=s * 0.02)


def boat(cv: Canvas, x, y, L, rng: random.Random, *, color=None, fade=None, reflection=True):
    f = (lambda c: mix(c, fade[0], fade[1])) if fade else (lambda c: c)
    color = color or rng.choice([(40, 110, 180), (210, 60, 60), (40, 150, 110), (240, 180, 40), (250, 250, 245)])
    accent = rng.choice([(250, 250, 245), (230, 60, 60), (40, 80, 150), (250, 200, 40)])
    h = L * 0.15
    if reflection:
        cv.blend_ellipse(x, y + h * 0.35, L * 0.48, h * 0.35, (30, 70, 100), 0.25)
    hull = [(x - L / 2, y - h * 1.15), (x - L / 2 + L * 0.07, y), (x + L / 2 - L * 0.14, y), (x + L / 2, y - h * 1.7)]
    cv.poly(hull, f(color))
    band = [(x - L / 2, y - h * 1.15), (x + L / 2, y - h * 1.7), (x + L / 2 - L * 0.02, y - h * 1.35),
            (x - L / 2 + L * 0.015, y - h * 0.85)]
    cv.poly(band, f(accent))
    cv.line([(x - L / 2 + L * 0.06, y - h * 0.3), (x + L / 2 - L * 0.12, y - h * 0.3)], f(shade(color, 0.75)), width=h * 0.12)
    # cabin
    cx0 = x - L * 0.3
    cv.rect(cx0, y - h * 2.6, cx0 + L * 0.22, y - h * 1.2, f((245, 240, 225)))
    cv.rect(cx0 - L * 0.02, y - h * 2.8, cx0 + L * 0.24, y - h * 2.55, f(shade(color, 0.8)))
    cv.rect(cx0 + L * 0.04, y - h * 2.3, cx0 + L * 0.1, y - h * 1.8, f((70, 90, 110)))
    # mast and pennant
    mx = x + L * 0.12
    cv.line([(mx, y - h * 1.4), (mx, y - h * 5.2)], f((120, 90, 60)), width=max(2, L * 0.012))
    cv.poly([(mx, y - h * 5.2), (mx + L * 0.12, y - h * 4.95), (mx, y - h * 4.7)], f((220, 40, 40)))
    cv.line([(mx, y - h * 5.0), (x + L / 2 - L * 0.02, y - h * 1.7)], f((90, 80, 70)), width=1.5)


def jetty(cv: Canvas, x0, x1, y, depth=40):
    cv.rect(x0, y - 12, x1, y, (170, 128, 86))
    for i in range(int((x1 - x0) / 26)):
        xx = x0 + i * 26
        cv.line([(xx, y - 12), (xx, y)], (140, 104, 70), width=2)
    for i in range(int((x1 - x0) / 120) + 1):
        xx = x0 + 10 + i * 120
        cv.rect(xx - 6, y, xx + 6, y + depth, (120, 90, 60))


def sign(cv: Canvas, cx, cy, text, size, bg=(250, 250, 245), fg=(40, 40, 50), pad=0.5, bold=True):
    tw = cv.text_width(text, size, bold)
    w, h = tw + size * pad * 2, size * 1.7
    cv.rect(cx - w / 2 + 6, cy - h / 2 + 6, cx + w / 2 + 6, cy + h / 2 + 6, (0, 0, 0))
    cv.rect(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, bg, outline=shade(bg, 0.7), width=3)
    cv.text(cx, cy, text, size, fg, bold=bold)


def hall(cv: Canvas, x, base, w, h, wall, roof, label, rng, *, label_bg=(36, 98, 160), label_fg=(255, 255, 255)):
    house(cv, x, base, w, h, wall, roof, rng, kind="hip", detail=False)
    top = base - h
    # pillars and openings
    for i in range(5):
        px = x + w * (0.08 + 0.21 * i)
        cv.rect(px, top + h * 0.3, px + w * 0.05, base, shade(wall, 0.82))
    for i in range(4):
        px = x + w * (0.16 + 0.21 * i)
        cv.rect(px, top + h * 0.42, px + w * 0.1, base - h * 0.12, (86, 104, 120))
    cv.rect(x - w * 0.02, base - h * 0.04, x + w * 1.02, base + h * 0.03, (190, 190, 185))
    size = min(h * 0.12, w * 0.8 / max(1, len(label)) * 1.6)
    sign(cv, x + w / 2, top + h * 0.16, label, size, label_bg, label_fg)


def road(cv: Canvas, y0, y1, color=(176, 176, 170), edge=(210, 210, 200), dashes=False):
    cv.rect(0, y0, cv.w, y1, color)
    cv.rect(0, y0, cv.w, y0 + 10, edge)
    cv.rect(0, y1 - 10, cv.w, y1, shade(color, 0.85))
    if dashes:
        for i in range(0, cv.w, 160):
            cv.rect(i, (y0 + y1) / 2 - 4, i + 80, (y0 + y1) / 2 + 4, (240, 240, 230))


def channel(cv: Canvas, rng, y0, y1, x0=0, x1=None, water=(86, 140, 160), lip=(196, 196, 188), dirty=False):
    x1 = cv.w if x1 is None else x1
    cv.rect(x0, y0, x1, y0 + 18, lip)
    cv.rect(x0, y0 + 18, x1, y1 - 14, shade(lip, 0.7))
    cv.rect(x0, y0 + 40, x1, y1 - 14, water)
    cv.rect(x0, y1 - 14, x1, y1, lip)
    for _ in range(int((x1 - x0) / 60)):
        x = rng.uniform(x0, x1 - 60)
        y = rng.uniform(y0 + 50, y1 - 24)
        cv.line([(x, y), (x + rng.uniform(20, 60), y)], shade(water, 1.3), width=3)
    if dirty:
        for _ in range(int((x1 - x0) / 90)):
            x = rng.uniform(x0, x1)
            y = rng.uniform(y0 + 45, y1 - 22)
            cv.ellipse(x, y, rng.uniform(8, 18), rng.uniform(4, 8), rng.choice(CLOTHES))


def sacks(cv: Canvas, rng, x0, x1, base, size):
    x = x0
    while x < x1:
        c = rng.choice([(236, 228, 206), (210, 220, 236), (240, 214, 160), (222, 236, 212)])
        s = size * rng.uniform(0.8, 1.15)
        cv.rect(x, base - s, x + s * 0.8, base, c, radius=s * 0.2)
        cv.rect(x + s * 0.25, base - s * 1.1, x + s * 0.55, base - s * 0.9, shade(c, 0.8), radius=s * 0.05)
        x += s * 0.75


def waste_bin(cv: Canvas, x, base, size, color, label):
    cv.rect(x - size * 0.3, base - size, x + size * 0.3, base, color, radius=size * 0.06)
    cv.rect(x - size * 0.34, base - size * 1.08, x + size * 0.34, base - size * 0.96, shade(color, 0.8), radius=size * 0.04)
    fsize = size * 0.16
    while fsize > 6 and cv.text_width(label, fsize) > size * 0.52:
        fsize *= 0.92
    cv.text(x, base - size * 0.5, label, fsize, (255, 255, 255))


def drying_rack(cv: Canvas, rng, x0, x1, top, height):
    wood = (150, 112, 70)
    for x in (x0, x1):
        cv.line([(x, top), (x, top + height)], wood, width=10)
    cv.poly([(x0 - 20, top), (x1 + 20, top), (x1, top + 40), (x0, top + 40)], (182, 150, 100))
    for row in range(2):
        for i in range(int((x1 - x0) / 46)):
            fx = x0 + 24 + i * 46 + rng.uniform(-3, 3)
            fy = top + 10 + row * 16
            cv.ellipse(fx, fy, 17, 6, rng.choice([(196, 196, 204), (214, 200, 170), (176, 178, 190)]))


def wheelbarrow(cv: Canvas, x, base, size, color=(40, 140, 120)):
    cv.ellipse(x + size * 0.45, base - size * 0.16, size * 0.16, size * 0.16, (40, 40, 40))
    cv.poly([(x - size * 0.4, base - size * 0.55), (x + size * 0.5, base - size * 0.55), (x + size * 0.35, base - size * 0.25),
             (x - size * 0.25, base - size * 0.25)], color)
    cv.line([(x - size * 0.3, base - size * 0.3), (x - size * 0.75, base - size * 0.55)], (90, 70, 50), width=size * 0.04)
    cv.line([(x - size * 0.2, base - size * 0.25), (x - size * 0.25, base)], (90, 70, 50), width=size * 0.04)


def grass_tufts(cv: Canvas, rng, x0, x1, y0, y1, n, color=DARK_GREEN):
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        s = rng.uniform(10, 26)
        for dx in (-0.5, 0, 0.5):
            cv.line([(x, y), (x + dx * s, y - s)], color, width=3)


# ---------------------------------------------------------------------------
# photo scenes (each returns an RGB image 2400x1600, upright)
# ---------------------------------------------------------------------------


def coastal_backdrop(cv: Canvas, rng, *, sky_colors=SKY_MORNING, horizon=600, shore=780, boats=4, sun_at=(1880, 250)):
    sky(cv, sky_colors, horizon)
    if sun_at:
        sun(cv, *sun_at, 70)
    clouds(cv, rng, 5, 80, horizon - 220)
    sea(cv, rng, horizon, shore)
    for _ in range(boats):
        boat(cv, rng.uniform(100, cv.w - 100), rng.uniform(horizon + 40, shore - 30), rng.uniform(90, 150), rng,
             fade=(sky_colors[1], 0.35))


def scene_kampung_tambak_sari(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    coastal_backdrop(cv, rng)
    cv.rect(0, 780, cv.w, 830, (226, 208, 170))  # sand / sea wall
    cv.rect(0, 770, cv.w, 790, (190, 186, 176))
    fade = (SKY_MORNING[1], 0.3)
    house_row(cv, rng, -40, cv.w + 40, 930, 90, 125, fade=fade, detail=False,
              between=lambda x, b: palm(cv, x, b, 230, fade=fade))
    cv.rect(0, 930, cv.w, 1170, (196, 190, 170))
    house_row(cv, rng, -60, cv.w + 60, 1170, 160, 215, between=lambda x, b: tree(cv, x, b, 200))
    road(cv, 1170, 1350, (188, 186, 178))
    channel(cv, rng, 1350, 1450)
    cv.rect(0, 1450, cv.w, 1600, (112, 166, 96))
    grass_tufts(cv, rng, 0, cv.w, 1470, 1590, 80)
    for i in range(9):
        person(cv, 150 + i * 255 + rng.uniform(-60, 60), 1300 + rng.uniform(-40, 40), rng.uniform(160, 200), rng)
    palm(cv, 120, 1560, 620, lean=0.25)
    tree(cv, 2250, 1580, 480)
    return cv.finish()


def scene_perahu_nelayan(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_SUNSET, 620)
    sun(cv, 600, 520, 90, (255, 214, 150))
    clouds(cv, rng, 4, 80, 360, color=(255, 226, 210))
    fade = (SKY_SUNSET[1], 0.45)
    cv.rect(0, 560, cv.w, 640, mix((90, 120, 110), SKY_SUNSET[1], 0.4))
    house_row(cv, rng, -30, cv.w + 30, 630, 50, 75, fade=fade, detail=False,
              between=lambda x, b: palm(cv, x, b, 140, fade=fade))
    sea(cv, rng, 630, 1600, (80, 122, 160), (40, 96, 140), waves=160)
    # sun glitter
    for _ in range(140):
        y = rng.uniform(645, 1250)
        spread = 40 + (y - 640) * 0.35
        x = 600 + rng.gauss(0, spread * 0.5)
        w = rng.uniform(10, 30) + (y - 640) * 0.06
        cv.blend_poly([(x - w, y), (x + w, y), (x + w, y + 4), (x - w, y + 4)], (255, 214, 160), 0.45)
    jetty(cv, 1300, 2400, 1010, 90)
    for x, y, L in [(350, 900, 300), (820, 960, 380), (1500, 1180, 520), (2050, 1320, 640),
                    (700, 1380, 720), (1250, 780, 200), (1900, 820, 220)]:
        boat(cv, x, y, L, rng)
    for x in (1420, 1560, 1700, 2180):
        person(cv, x, 1000, 120, rng, head=rng.choice(["caping", "cap", None]))
    return cv.finish()


def scene_jalan(rng, flooded: bool):
    cv = Canvas(PHOTO_W, PHOTO_H)
    colors = SKY_CLOUDY if flooded else SKY_DAY
    sky(cv, colors, 700)
    if not flooded:
        sun(cv, 300, 200, 70)
    clouds(cv, rng, 9 if flooded else 4, 40, 420, 120, 260, color=(226, 228, 232) if flooded else (255, 255, 255))
    fade = (colors[1], 0.35)
    house_row(cv, rng, -50, cv.w + 50, 760, 110, 150, fade=fade, detail=False,
              between=lambda x, b: palm(cv, x, b, 240, fade=fade))
    cv.rect(0, 760, cv.w, 800, (200, 196, 180))
    house_row(cv, rng, -60, cv.w + 60, 1060, 230, 300, between=lambda x, b: tree(cv, x, b, 260))
    if flooded:
        # old, low paving under murky water
        cv.rect(0, 1060, cv.w, 1600, (150, 140, 120))
        for i in range(0, cv.w, 70):
            cv.line([(i, 1060), (i - 200, 1600)], (130, 122, 106), width=3)
        for i in range(9):
            person(cv, 180 + i * 260 + rng.uniform(-50, 50), 1420 + rng.uniform(-100, 120), rng.uniform(260, 330), rng,
                   arm=rng.choice(["down", "forward"]), tool=rng.choice([None, "basket"]))
        cv.blend_poly([(0, 990), (cv.w, 990), (cv.w, 1600), (0, 1600)], (96, 120, 112), 0.62)
        for _ in range(120):
            x, y = rng.uniform(0, cv.w), rng.uniform(1000, 1590)
            cv.line([(x, y), (x + rng.uniform(30, 90), y)], (170, 190, 180), width=3)
        sign(cv, 1980, 900, "ROB 40 cm", 44, (250, 230, 80), (60, 50, 20))
    else:
        # raised concrete road with side drains
        cv.rect(0, 1060, cv.w, 1120, (190, 190, 182))
        channel(cv, rng, 1080, 1150, water=(110, 160, 176))
        cv.rect(0, 1150, cv.w, 1600, (206, 206, 198))
        for i in range(0, cv.w + 400, 300):
            cv.line([(i, 1150), (i - 260, 1600)], (180, 180, 172), width=4)
        cv.rect(0, 1150, cv.w, 1166, (230, 230, 222))
        for i in range(8):
            person(cv, 200 + i * 290 + rng.uniform(-60, 60), 1330 + rng.uniform(-80, 180), rng.uniform(260, 330), rng,
                   arm=rng.choice(["down", "forward", "down"]))
        sign(cv, 1980, 940, "JALAN RW 03", 40, (36, 98, 160), (255, 255, 255))
    return cv.finish()


def pump_site(cv: Canvas, rng, colors, sun_at, cloud_count, ground):
    """The pump site's backdrop: sky, sun and clouds, the kampung's roofs and palms, the bare ground to the channel."""
    sky(cv, colors, 760)
    sun(cv, *sun_at)
    clouds(cv, rng, cloud_count, 60, 400)
    fade = (colors[1], 0.3)
    house_row(cv, rng, -40, cv.w + 40, ground, 90, 130, fade=fade, detail=False,
              between=lambda x, b: palm(cv, x, b, 220, fade=fade))
    cv.rect(0, ground, cv.w, 1100, (204, 194, 164))


def scene_saluran_rumah_pompa(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    pump_site(cv, rng, SKY_DAY, (2100, 180, 70), 5, 840)
    # pump house under construction, with scaffold
    hx, hbase, hw, hh = 1200, 1100, 760, 330
    cv.rect(hx, hbase - hh, hx + hw, hbase, (218, 214, 204))
    for i in range(6):
        cv.rect(hx + 30 + i * 125, hbase - hh + 60, hx + 90 + i * 125, hbase - hh + 150, (120, 134, 150))
    cv.rect(hx - 30, hbase - hh - 40, hx + hw + 30, hbase - hh, (90, 96, 110))
    for i in range(9):
        sx = hx - 60 + i * 110
        cv.line([(sx, hbase), (sx, hbase - hh - 140)], (120, 100, 70), width=8)
    for j in range(3):
        cv.line([(hx - 60, hbase - 110 - j * 130), (hx - 60 + 8 * 110, hbase - 110 - j * 130)], (120, 100, 70), width=8)
    sign(cv, hx + hw / 2, hbase - hh - 90, "RUMAH POMPA", 52, (36, 98, 160), (255, 255, 255))
    # pipes into the channel
    for k in range(2):
        px = hx + 180 + k * 260
        cv.rect(px, hbase - 40, px + 60, 1250, (70, 80, 96))
    # wide channel in the foreground
    cv.poly([(0, 1100), (cv.w, 1100), (cv.w, 1160), (0, 1160)], (196, 196, 188))
    cv.poly([(0, 1160), (cv.w, 1160), (cv.w, 1480), (0, 1480)], (150, 150, 142))
    cv.vgrad(0, 1220, cv.w, 1460, (90, 140, 158), (70, 118, 140))
    for _ in range(60):
        x, y = rng.uniform(0, cv.w), rng.uniform(1240, 1450)
        cv.line([(x, y), (x + rng.uniform(30, 110), y)], (140, 186, 200), width=4)
    cv.rect(0, 1480, cv.w, 1600, (190, 178, 146))
    # sediment heap and workers
    cv.poly([(200, 1100), (420, 940), (700, 1100)], (120, 104, 82))
    cv.poly([(260, 1100), (420, 990), (560, 1100)], (140, 120, 92))
    for x in (300, 620, 860, 1050, 2060, 2240):
        person(cv, x, 1100 + rng.uniform(-10, 10), rng.uniform(190, 220), rng, head="helmet",
               arm=rng.choice(["work", "down"]), tool=rng.choice(["shovel", None]))
    wheelbarrow(cv, 780, 1100, 170)
    for x in (150, 2300):
        person(cv, x, 1570, 300, rng, head="helmet", arm="work", tool="shovel")
    return cv.finish()



def scene_rumah_pompa_atap(rng):
    """Progress photo, November 2026: the pump house gets its roof frame; segment 2 of the channel walled."""
    cv = Canvas(PHOTO_W, PHOTO_H)
    pump_site(cv, rng, SKY_MORNING, (420, 230, 80), 4, 820)
    # the pump house, walls finished, steel roof trusses going up
    hx, hbase, hw, hh = 700, 1100, 980, 360
    cv.rect(hx, hbase - hh, hx + hw, hbase, (226, 222, 212))
    for i in range(7):
        cv.rect(hx + 40 + i * 135, hbase - hh + 70, hx + 100 + i * 135, hbase - hh + 170, (120, 134, 150))
    cv.rect(hx + hw / 2 - 90, hbase - 200, hx + hw / 2 + 90, hbase, (96, 104, 118))
    ridge = hbase - hh - 190
    for i in range(9):
        tx = hx - 20 + i * (hw + 40) / 8
        cv.line([(hx - 40, hbase - hh), (hx + hw / 2, ridge), (hx + hw + 40, hbase - hh)], (70, 76, 90), width=10)
        cv.line([(tx, hbase - hh), (tx, hbase - hh - (190 - abs(tx - hx - hw / 2) * 380 / (hw + 80)))], (90, 96, 110), width=6)
    for j in range(1, 4):
        y = hbase - hh - j * 45
        cv.line([(hx - 40 + j * 110, y), (hx + hw + 40 - j * 110, y)], (110, 116, 130), width=6)
    # a few roof sheets already fixed on the left
    cv.poly([(hx - 40, hbase - hh), (hx + 240, hbase - hh - 106), (hx + 240, hbase - hh - 60), (hx, hbase - hh + 14)], (88, 126, 160))
    sign(cv, hx + hw / 2, hbase - hh + 30, "RUMAH POMPA", 50, (36, 98, 160), (255, 255, 255))
    for x, y in ((hx + 200, ridge + 70), (hx + hw - 260, ridge + 80)):
        person(cv, x, y, 180, rng, head="helmet", arm="work")
    # the walled channel in the foreground, with fresh concrete on segment 2
    cv.poly([(0, 1100), (cv.w, 1100), (cv.w, 1170), (0, 1170)], (214, 214, 206))
    cv.poly([(0, 1170), (cv.w, 1170), (cv.w, 1470), (0, 1470)], (176, 176, 168))
    cv.vgrad(0, 1230, cv.w, 1450, (92, 146, 164), (72, 122, 144))
    for i in range(0, cv.w, 240):
        cv.line([(i, 1170), (i, 1230)], (150, 150, 142), width=4)
    for _ in range(50):
        x, y = rng.uniform(0, cv.w), rng.uniform(1250, 1440)
        cv.line([(x, y), (x + rng.uniform(30, 110), y)], (146, 190, 204), width=4)
    cv.rect(0, 1470, cv.w, 1600, (190, 178, 146))
    sign(cv, 2050, 1040, "SEGMEN 2 · 400 m", 38, (250, 230, 80), (60, 50, 20))
    for x in (260, 2200):
        person(cv, x, 1580, 310, rng, head="helmet", arm="work", tool="shovel")
    wheelbarrow(cv, 480, 1100, 160)
    return cv.finish()


def scene_tps3r_pilah(rng):
    """Progress photo, October 2026: households bring sorted waste on the first day of the trial."""
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_HIGHLAND, 700)
    clouds(cv, rng, 3, 60, 340)
    hills(cv, rng, 560, 90, (104, 160, 120), bumps=2, bottom=820)
    cv.rect(0, 800, cv.w, 1600, (206, 202, 190))
    # the hall's open front, close up, with its banner
    cv.rect(0, 560, cv.w, 980, (232, 236, 224))
    cv.rect(0, 520, cv.w, 580, (84, 122, 163))
    for i in range(6):
        cv.rect(60 + i * 450, 580, 110 + i * 450, 980, (200, 204, 194))
    sign(cv, 1200, 660, "UJI COBA PILAH SAMPAH · TPS3R RW 07", 54, (40, 130, 90), (255, 255, 255))
    # sorting tables
    for x0 in (300, 1000, 1700):
        cv.rect(x0, 1080, x0 + 520, 1110, (150, 112, 70))
        for leg in (x0 + 20, x0 + 480):
            cv.rect(leg, 1110, leg + 20, 1260, (130, 96, 60))
        for _ in range(14):
            cx, cy = x0 + rng.uniform(40, 480), 1070 - rng.uniform(0, 30)
            cv.ellipse(cx, cy, rng.uniform(14, 30), rng.uniform(8, 16), rng.choice([(60, 150, 80), (230, 190, 60), (200, 70, 70), (90, 120, 200)]))
    for i, (c, label) in enumerate([((40, 140, 80), "ORGANIK"), ((240, 180, 40), "ANORGANIK"), ((200, 60, 60), "RESIDU")]):
        waste_bin(cv, 1900 + i * 170, 1500, 230, c, label)
    sacks(cv, rng, 80, 300, 1420, 90)
    for x, size, arm, tool in ((380, 330, "forward", None), (640, 320, "work", None), (1120, 340, "forward", "basket"),
                               (1420, 330, "down", None), (1800, 320, "work", None), (980, 360, "down", "paper")):
        person(cv, x, 1290 if x not in (980,) else 1560, size, rng, arm=arm, tool=tool, head=rng.choice(["hijab", "cap", None, "hijab"]))
    return cv.finish()

def scene_bank_sampah(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_DAY, 800)
    clouds(cv, rng, 5, 60, 420)
    fade = (SKY_DAY[1], 0.3)
    house_row(cv, rng, -40, cv.w + 40, 860, 100, 140, fade=fade, detail=False,
              between=lambda x, b: palm(cv, x, b, 240, fade=fade))
    cv.rect(0, 860, cv.w, 1600, (214, 206, 184))
    hall(cv, 560, 1180, 1280, 420, (246, 236, 212), (66, 128, 101), "BANK SAMPAH SARI BAHARI", rng,
         label_bg=(40, 130, 90))
    palm(cv, 300, 1190, 560, lean=-0.2)
    tree(cv, 2120, 1190, 420)
    sacks(cv, rng, 620, 1100, 1240, 110)
    sacks(cv, rng, 1380, 1820, 1240, 110)
    for i, (c, label) in enumerate([((40, 140, 80), "ORGANIK"), ((240, 180, 40), "PLASTIK"),
                                    ((40, 110, 190), "KERTAS"), ((200, 60, 60), "RESIDU")]):
        waste_bin(cv, 1000 + i * 150, 1390, 190, c, label)
    # weighing table
    cv.rect(1700, 1300, 2100, 1330, (150, 110, 70))
    cv.rect(1720, 1330, 1740, 1440, (150, 110, 70))
    cv.rect(2060, 1330, 2080, 1440, (150, 110, 70))
    cv.rect(1800, 1250, 1920, 1300, (220, 220, 230), radius=8)
    cv.rect(1830, 1262, 1890, 1284, (60, 180, 120))
    cv.rect(1960, 1190, 2060, 1300, (250, 250, 250))  # ledger
    for i in range(6):
        cv.line([(1970, 1205 + i * 15), (2050, 1205 + i * 15)], (150, 150, 170), width=2)
    for x, arm, tool in ((1640, "forward", None), (2180, "forward", "paper"), (400, "down", "basket"),
                         (560, "forward", "basket"), (230, "down", None)):
        person(cv, x, 1560 + rng.uniform(-30, 30), rng.uniform(320, 360), rng, arm=arm, tool=tool)
    return cv.finish()


def scene_kerja_bakti(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_MORNING, 620)
    sun(cv, 420, 260, 80)
    clouds(cv, rng, 4, 60, 360)
    house_row(cv, rng, -60, cv.w + 60, 1000, 230, 300, between=lambda x, b: tree(cv, x, b, 280))
    road(cv, 1000, 1160, (190, 188, 180))
    channel(cv, rng, 1160, 1420, dirty=True, water=(96, 130, 120))
    cv.rect(0, 1420, cv.w, 1600, (190, 186, 176))
    # people cleaning: some on the road, some in the channel
    for i in range(7):
        person(cv, 160 + i * 330 + rng.uniform(-40, 40), 1120 + rng.uniform(-20, 20), rng.uniform(230, 260), rng,
               arm="work", tool=rng.choice(["shovel", "shovel", "basket", None]),
               head=rng.choice(["caping", "hijab", "cap", None]))
    for x in (520, 1320, 1900):
        person(cv, x, 1395, 250, rng, arm="work", tool="shovel", head=rng.choice(["caping", None]), shirt=None)
    wheelbarrow(cv, 980, 1130, 200)
    sacks(cv, rng, 1580, 1800, 1120, 90)
    sign(cv, 1900, 760, "KERJA BAKTI  MINGGU KEDUA", 40, (250, 230, 80), (60, 50, 20))
    return cv.finish()


def scene_mangrove(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_MORNING, 640)
    sun(cv, 1500, 430, 90, (255, 232, 180))
    clouds(cv, rng, 4, 60, 330)
    sea(cv, rng, 640, 900, (96, 156, 190), (140, 186, 196))
    fade = (SKY_MORNING[1], 0.3)
    for i in range(9):  # older mangrove belt to the left
        mangrove(cv, 40 + i * 90 + rng.uniform(-20, 20), 880, rng.uniform(200, 300), fade=fade)
    # mudflat
    cv.vgrad(0, 880, cv.w, 1600, (150, 128, 100), (116, 96, 74))
    cv.blend_poly([(0, 900), (cv.w, 900), (cv.w, 1000), (0, 1060)], (150, 190, 200), 0.35)
    for _ in range(50):
        x, y = rng.uniform(0, cv.w), rng.uniform(960, 1590)
        cv.ellipse(x, y, rng.uniform(30, 90), rng.uniform(4, 10), (170, 186, 186))
    # rows of seedlings with stakes, in perspective
    for row in range(5):
        y = 1000 + row * 120 + row * row * 12
        size = 50 + row * 28
        for i in range(int(14 - row)):
            x = 900 + i * (110 + row * 34) + (row % 2) * 40
            if x < cv.w - 40:
                seedling(cv, x, y, size)
    for x, y, s in ((1100, 1100, 260), (1500, 1160, 290), (2000, 1250, 320), (700, 1420, 380), (1800, 1500, 400)):
        person(cv, x, y, s, rng, arm="work", head=rng.choice(["caping", "hijab", "cap"]), tool="basket")
    return cv.finish()


def scene_olahan_ikan(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_DAY, 700)
    sun(cv, 2050, 170, 70)
    clouds(cv, rng, 4, 60, 380)
    fade = (SKY_DAY[1], 0.3)
    house_row(cv, rng, -40, cv.w + 40, 820, 120, 160, fade=fade, detail=False,
              between=lambda x, b: palm(cv, x, b, 260, fade=fade))
    cv.rect(0, 820, cv.w, 1600, (222, 206, 172))
    # smoke house
    house(cv, 1700, 1150, 520, 300, (200, 170, 130), (120, 110, 100), rng, kind="gable", detail=False)
    cv.rect(1840, 970, 2080, 1150, (60, 40, 30))
    for i in range(4):  # fish hanging in the smoke
        for j in range(5):
            cv.ellipse(1880 + j * 45, 1010 + i * 35, 10, 16, (200, 140, 70))
    for i in range(6):
        cv.blend_ellipse(1960 + i * 35, 800 - i * 60, 80 + i * 20, 50 + i * 12, (240, 240, 240), 0.35)
    drying_rack(cv, rng, 180, 1000, 1010, 170)
    drying_rack(cv, rng, 380, 1500, 1220, 190)
    for x, y, s in ((200, 1470, 340), (620, 1500, 360), (1100, 1470, 340), (1600, 1520, 370), (2240, 1540, 360)):
        person(cv, x, y, s, rng, head="hijab", skirt=True, arm=rng.choice(["forward", "work"]), tool="basket")
    for i in range(5):  # baskets of fish
        bx = 900 + i * 130
        cv.pie(bx, 1560, 60, 50, 0, 180, (196, 156, 90))
        for k in range(4):
            cv.ellipse(bx - 30 + k * 20, 1556, 16, 7, (190, 196, 206))
    return cv.finish()


def scene_rapat_warga_upright(rng):
    """Portrait: a community meeting inside the hall, seen from the back rows."""
    cv = Canvas(1600, 2400)
    cv.vgrad(0, 0, cv.w, 1500, (246, 236, 214), (236, 220, 192))
    cv.rect(0, 1300, cv.w, 1500, (200, 176, 140))
    # windows
    for x in (40, 1320):
        cv.rect(x, 520, x + 240, 1040, (160, 130, 96))
        cv.vgrad(x + 20, 540, x + 220, 1020, (150, 200, 235), (210, 236, 240))
        cv.ellipse(x + 120, 1000, 110, 80, GREEN)
        cv.rect(x + 115, 540, x + 125, 1020, (160, 130, 96))
        cv.rect(x + 20, 775, x + 220, 785, (160, 130, 96))
    # banner
    cv.rect(140, 140, 1460, 380, (178, 40, 44))
    cv.rect(160, 160, 1440, 360, (196, 52, 54))
    cv.text(800, 225, "MUSYAWARAH WARGA RW 03", 62, (255, 255, 255))
    cv.text(800, 305, "Penyusunan RTPLP Kampung Nelayan Tambak Sari", 34, (255, 236, 200), bold=False)
    # board with a priority map
    bx0, by0, bx1, by1 = 420, 480, 1180, 1100
    cv.rect(bx0 - 16, by0 - 16, bx1 + 16, by1 + 16, (110, 90, 70))
    cv.rect(bx0, by0, bx1, by1, (252, 252, 248))
    cv.text((bx0 + bx1) / 2, by0 + 50, "PETA PRIORITAS", 40, (40, 40, 50))
    cv.rect(bx0 + 40, by0 + 100, bx1 - 40, by1 - 120, (236, 240, 230))
    cv.rect(bx0 + 40, by0 + 100, bx1 - 40, by0 + 180, (150, 200, 230))  # sea
    for i in range(5):
        for j in range(3):
            cv.rect(bx0 + 70 + i * 130, by0 + 220 + j * 120, bx0 + 160 + i * 130, by0 + 300 + j * 120,
                    rng.choice([(240, 200, 150), (230, 180, 170), (220, 220, 190)]))
    cv.line([(bx0 + 40, by0 + 560), (bx1 - 40, by0 + 200)], (60, 130, 210), width=12)
    for cx, cy in ((bx0 + 200, by0 + 340), (bx0 + 520, by0 + 440), (bx0 + 600, by0 + 240)):
        cv.ellipse(cx, cy, 40, 40, None, outline=(220, 40, 40), width=7)
    cv.text(bx0 + 200, by1 - 70, "1. Jalan  2. Pompa  3. Sampah", 30, (60, 60, 70), bold=False, anchor="lm")
    # facilitator pointing at the board
    person(cv, 1290, 1520, 720, rng, head="hijab", skirt=True, arm="up", shirt=(60, 120, 200))
    # floor mat
    cv.rect(0, 1500, cv.w, 2400, (196, 160, 108))
    for i in range(0, 2400, 36):
        cv.rect(0, 1500 + i * 1.0, cv.w, 1500 + i + 12, (182, 146, 96))
    for x in range(0, cv.w, 300):
        cv.rect(x, 1500, x + 14, 2400, (170, 130, 80))
    # seated audience, rows growing toward the viewer
    rows = [(1640, 210, 8), (1800, 270, 7), (2000, 350, 6), (2260, 460, 5), (2520, 600, 4)]
    for base, size, n in rows:
        step = cv.w / n
        for i in range(n):
            seated_back(cv, step * (i + 0.5) + rng.uniform(-25, 25), base + rng.uniform(-12, 12), size, rng)
    return cv.finish()


def scene_cigadung_lereng(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_HIGHLAND, 700)
    clouds(cv, rng, 5, 60, 360)
    hills(cv, rng, 420, 90, (120, 160, 150), bumps=2)
    hills(cv, rng, 560, 110, (92, 150, 110), bumps=3)
    fade = (SKY_HIGHLAND[1], 0.25)
    slope = hills(cv, rng, 820, 70, (108, 166, 96), bumps=2)
    # terraces of houses climbing the slope
    for k, (base_off, hmin, hmax) in enumerate([(-260, 60, 80), (-130, 85, 110), (0, 120, 150)]):
        x = -40
        while x < cv.w + 40:
            h = rng.uniform(hmin, hmax)
            w = h * rng.uniform(1.1, 1.5)
            base = hill_y(slope, min(cv.w, max(0, x + w / 2))) - base_off * -1 + 60 + k * 90
            house(cv, x, base, w, h, rng.choice(WALLS), rng.choice(ROOFS), rng,
                  kind=rng.choice(["gable", "flat", "hip"]), fade=(fade[0], 0.2 - 0.08 * k), detail=k > 0)
            x += w + rng.uniform(-8, 30)
            if rng.random() < 0.3:
                tree(cv, x, base, h * 1.7, fade=(fade[0], 0.2 - 0.08 * k))
                x += 30
    # river valley in the foreground
    cv.vgrad(0, 1180, cv.w, 1600, (96, 150, 88), (76, 128, 70))
    river = [(0, 1420), (500, 1380), (1000, 1430), (1500, 1400), (2000, 1450), (2400, 1420),
             (2400, 1560), (2000, 1600), (1500, 1550), (1000, 1590), (500, 1540), (0, 1570)]
    cv.poly(river, (96, 156, 180))
    for _ in range(60):
        x, y = rng.uniform(0, cv.w), rng.uniform(1440, 1560)
        cv.line([(x, y), (x + rng.uniform(30, 80), y)], (160, 206, 220), width=3)
    for x in (120, 420, 760, 1900, 2250):
        tree(cv, x, 1410 + rng.uniform(-20, 10), rng.uniform(260, 360), color=rng.choice([GREEN, DARK_GREEN]))
    grass_tufts(cv, rng, 0, cv.w, 1200, 1400, 90)
    # a footpath with residents
    cv.poly([(980, 1180), (1120, 1180), (1260, 1420), (1040, 1420)], (206, 190, 160))
    for y, s in ((1230, 140), (1330, 190)):
        person(cv, 1100 + (y - 1230) * 0.4, y, s, rng)
    return cv.finish()


def scene_tps3r(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_HIGHLAND, 760)
    clouds(cv, rng, 4, 60, 380)
    hills(cv, rng, 620, 100, (104, 160, 120), bumps=2, bottom=900)
    fade = (SKY_HIGHLAND[1], 0.25)
    house_row(cv, rng, -40, cv.w + 40, 880, 90, 120, fade=fade, detail=False,
              between=lambda x, b: tree(cv, x, b, 170, fade=fade))
    cv.rect(0, 880, cv.w, 1600, (200, 196, 184))
    hall(cv, 380, 1220, 1500, 420, (232, 236, 224), (84, 122, 163), "TPS3R CIGADUNG HIJAU", rng,
         label_bg=(40, 130, 90))
    # compost bays
    for i in range(4):
        x = 520 + i * 320
        cv.rect(x, 1260, x + 280, 1420, (170, 170, 164))
        cv.poly([(x + 20, 1420), (x + 140, 1290 + rng.uniform(-20, 20)), (x + 260, 1420)], (110, 84, 60))
        cv.text(x + 140, 1450, f"BAK {i + 1}", 26, (60, 60, 60))
    for i, (c, label) in enumerate([((40, 140, 80), "ORGANIK"), ((240, 180, 40), "ANORGANIK"), ((200, 60, 60), "RESIDU")]):
        waste_bin(cv, 1870 + i * 140, 1460, 190, c, label)
    # cart (gerobak) with green sacks
    cv.rect(140, 1330, 420, 1440, (60, 140, 200), radius=10)
    cv.ellipse(200, 1460, 40, 40, (40, 40, 40))
    cv.ellipse(360, 1460, 40, 40, (40, 40, 40))
    sacks(cv, rng, 160, 400, 1330, 80)
    for x, s, arm, tool in ((480, 330, "work", "shovel"), (1740, 340, "forward", None), (2320, 320, "down", "paper")):
        person(cv, x, 1560, s, rng, arm=arm, tool=tool, head=rng.choice(["cap", "hijab", None]))
    tree(cv, 2200, 1210, 420)
    return cv.finish()


def scene_drainase_gang(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_HIGHLAND, 640)
    clouds(cv, rng, 4, 40, 300)
    hills(cv, rng, 470, 80, (104, 160, 120), bumps=2, bottom=700)
    cv.rect(0, 690, cv.w, 1600, (104, 160, 120))
    # a narrow gang receding: houses on both sides in one-point perspective
    vx, vy = 1200, 640
    cv.poly([(vx - 60, vy), (vx + 60, vy), (2400, 1900), (0, 1900)], (186, 184, 176))
    # open drain along the right edge of the gang
    cv.poly([(vx + 40, vy), (vx + 44, vy), (1960, 1600), (1900, 1600)], (206, 206, 198))
    cv.poly([(vx + 44, vy), (vx + 59, vy), (2090, 1600), (1960, 1600)], (100, 130, 120))
    for _ in range(30):
        t = rng.uniform(0.1, 1)
        x = vx + 46 + (1960 - vx - 46) * t + rng.uniform(10, 110) * t
        y = vy + (1600 - vy) * t
        cv.ellipse(x, y, 12 * t + 3, 5 * t + 2, rng.choice(CLOTHES))
    for side in (-1, 1):
        for k in range(11, -1, -1):
            t0 = k / 8
            t1 = (k + 1) / 8
            def at(t, off, side=side):
                return vx + side * (60 + (900 - 60) * t) + side * off * t, vy + (1600 - vy) * t
            xa, ya = at(t0, 0)
            xb, yb = at(t1, 0)
            h0, h1 = 40 + 700 * t0, 40 + 700 * t1
            wall = rng.choice(WALLS)
            roof = rng.choice(ROOFS)
            cv.poly([(xa, ya), (xb, yb), (xb, yb - h1), (xa, ya - h0)], wall)
            cv.poly([(xa, ya - h0), (xb, yb - h1), (xb + side * 60 * t1, yb - h1 - 90 * t1),
                     (xa + side * 60 * t0, ya - h0 - 90 * t0)], roof)
            # door/window on the facade
            mx0, mx1 = xa + (xb - xa) * 0.25, xa + (xb - xa) * 0.55
            my0 = ya + (yb - ya) * 0.25
            cv.poly([(mx0, my0 - (h0 + (h1 - h0) * 0.25) * 0.6), (mx1, my0 + (yb - ya) * 0.3 - (h0 + (h1 - h0) * 0.55) * 0.6),
                     (mx1, my0 + (yb - ya) * 0.3), (mx0, my0)], shade(roof, 0.6))
    for y, s in ((900, 140), (1050, 210), (1300, 330)):
        t = (y - vy) / (1600 - vy)
        person(cv, vx - 120 * t + rng.uniform(-40, 40), y, s, rng, arm=rng.choice(["down", "forward"]))

    return cv.finish()


def scene_sekolah_sungai(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_HIGHLAND, 600)
    clouds(cv, rng, 4, 50, 320)
    hills(cv, rng, 520, 80, (100, 156, 112), bumps=2, bottom=760)
    fade = (SKY_HIGHLAND[1], 0.25)
    house_row(cv, rng, -40, cv.w + 40, 740, 70, 100, fade=fade, detail=False,
              between=lambda x, b: tree(cv, x, b, 150, fade=fade))
    cv.rect(0, 740, cv.w, 900, (110, 164, 96))
    # river with stones
    cv.vgrad(0, 900, cv.w, 1180, (110, 166, 186), (80, 140, 166))
    for _ in range(70):
        x, y = rng.uniform(0, cv.w), rng.uniform(910, 1170)
        cv.line([(x, y), (x + rng.uniform(30, 100), y)], (170, 210, 222), width=3)
    for _ in range(14):
        x, y = rng.uniform(0, cv.w), rng.uniform(940, 1160)
        cv.ellipse(x, y, rng.uniform(30, 70), rng.uniform(14, 26), (150, 146, 136))
    # near bank
    cv.vgrad(0, 1180, cv.w, 1600, (120, 172, 100), (96, 150, 82))
    grass_tufts(cv, rng, 0, cv.w, 1200, 1590, 90)
    sign(cv, 1800, 1020, "SEKOLAH SUNGAI CIKAPUNDUNG", 42, (250, 250, 245), (30, 90, 60))
    cv.rect(1792, 1050, 1808, 1260, (120, 90, 60))
    # teacher and kids with a water sample
    person(cv, 700, 1420, 400, rng, head="hijab", skirt=True, arm="forward", tool="paper", shirt=(40, 130, 90))
    for x in (950, 1120, 1290, 1460, 1630, 2050, 2240):
        person(cv, x + rng.uniform(-20, 20), 1430 + rng.uniform(-60, 60), rng.uniform(220, 260), rng,
               arm=rng.choice(["down", "forward", "up"]), head=rng.choice(["hijab", "cap", None]),
               skirt=False, shirt=rng.choice([(250, 250, 245), (220, 70, 70), (60, 120, 200)]))
    for x in (1060, 1560):
        cv.rect(x, 1445, x + 30, 1500, (200, 230, 240), outline=(120, 160, 180), width=2)  # sample jars
    tree(cv, 180, 1300, 520, color=DARK_GREEN)
    return cv.finish()


def scene_lorong_garam(rng):
    cv = Canvas(PHOTO_W, PHOTO_H)
    sky(cv, SKY_SUNSET, 800)
    sun(cv, 1200, 700, 110, (255, 210, 140))
    clouds(cv, rng, 3, 80, 360, color=(255, 226, 210))
    sea(cv, rng, 760, 860, (120, 110, 150), (200, 150, 130))
    cv.vgrad(0, 860, cv.w, 1180, (128, 118, 104), (104, 94, 82))
    # stilt houses on both sides of a narrow lorong leading to the sea
    house_row(cv, rng, -60, 900, 1180, 220, 260, stilts=110, kinds=("steep",), gap=(-6, 6))
    house_row(cv, rng, 1500, cv.w + 60, 1180, 220, 260, stilts=110, kinds=("steep",), gap=(-6, 6))
    cv.poly([(900, 1180), (1500, 1180), (1900, 1600), (500, 1600)], (176, 168, 150))
    cv.poly([(1020, 860), (1380, 860), (1500, 1180), (900, 1180)], (166, 156, 140))
    cv.rect(0, 1180, 900, 1600, (150, 140, 120))
    cv.rect(1500, 1180, cv.w, 1600, (150, 140, 120))
    # murky side drains
    cv.poly([(860, 1180), (900, 1180), (500, 1600), (420, 1600)], (96, 110, 96))
    cv.poly([(1500, 1180), (1540, 1180), (1980, 1600), (1900, 1600)], (96, 110, 96))
    # laundry line across the lorong
    cv.line([(880, 930), (1520, 950)], (60, 60, 60), width=3)
    for i in range(8):
        x = 930 + i * 72
        y = 932 + i * 2.4
        cv.rect(x, y, x + 50, y + rng.uniform(60, 100), rng.choice(CLOTHES))
    # drying fish racks in front of houses
    drying_rack(cv, rng, 80, 700, 1270, 140)
    for x, y, s in ((1000, 1300, 220), (1320, 1420, 280), (2100, 1520, 340), (300, 1560, 330)):
        person(cv, x, y, s, rng, arm=rng.choice(["down", "forward"]))
    return cv.finish()


# ---------------------------------------------------------------------------
# saving photos
# ---------------------------------------------------------------------------


def save_jpeg(img: Image.Image, path: Path, exif: Image.Exif | None = None):
    path.parent.mkdir(parents=True, exist_ok=True)
    kwargs = {"quality": JPEG_QUALITY, "optimize": True, "progressive": False}
    if exif is not None:
        kwargs["exif"] = exif
    img.save(path, "JPEG", **kwargs)


def save_rotated_with_gps(upright: Image.Image, path: Path):
    """Store a portrait picture sideways with EXIF Orientation=6 and a GPS IFD.

    Orientation 6 means "rotate 90° clockwise to display", so the stored pixels are the
    upright picture turned 90° counter-clockwise. ``ImageOps.exif_transpose`` undoes it.
    """
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.Base.Make] = "Contoh"
    exif[ExifTags.Base.Model] = "Kamera Demo"
    exif[ExifTags.Base.Software] = "make_demo_media.py"
    exif[ExifTags.Base.DateTime] = "2025:04:19 10:12:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSVersionID] = b"\x02\x03\x00\x00"
    gps[ExifTags.GPS.GPSLatitudeRef] = "S"
    gps[ExifTags.GPS.GPSLatitude] = (IFDRational(6), IFDRational(57), IFDRational(1008, 100))
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (IFDRational(110), IFDRational(25), IFDRational(5916, 100))
    save_jpeg(stored, path, exif)
    # self-check: a correct pipeline gets the upright picture back
    with Image.open(path) as im:
        assert im.getexif().get(ExifTags.Base.Orientation) == 6
        assert im.getexif().get_ifd(ExifTags.IFD.GPSInfo), "GPS IFD missing"
        assert ImageOps.exif_transpose(im).size == upright.size


PHOTOS: dict[str, Callable[[random.Random], Image.Image]] = {
    "tambak-sari/photos/kampung-tambak-sari.jpg": scene_kampung_tambak_sari,
    "tambak-sari/photos/perahu-nelayan.jpg": scene_perahu_nelayan,
    "tambak-sari/photos/jalan-rw03-sebelum.jpg": lambda rng: scene_jalan(rng, flooded=True),
    "tambak-sari/photos/jalan-rw03-selesai.jpg": lambda rng: scene_jalan(rng, flooded=False),
    "tambak-sari/photos/saluran-rumah-pompa.jpg": scene_saluran_rumah_pompa,
    "tambak-sari/photos/rumah-pompa-atap.jpg": scene_rumah_pompa_atap,
    "tambak-sari/photos/bank-sampah.jpg": scene_bank_sampah,
    "tambak-sari/photos/kerja-bakti.jpg": scene_kerja_bakti,
    "tambak-sari/photos/mangrove.jpg": scene_mangrove,
    "tambak-sari/photos/olahan-ikan.jpg": scene_olahan_ikan,
    "cigadung-hijau/photos/cigadung-lereng.jpg": scene_cigadung_lereng,
    "cigadung-hijau/photos/tps3r.jpg": scene_tps3r,
    "cigadung-hijau/photos/tps3r-uji-coba.jpg": scene_tps3r_pilah,
    "cigadung-hijau/photos/drainase-gang.jpg": scene_drainase_gang,
    "cigadung-hijau/photos/sekolah-sungai.jpg": scene_sekolah_sungai,
    "lorong-garam/photos/lorong-garam.jpg": scene_lorong_garam,
}
# stored sideways (EXIF Orientation 6) and with GPS tags: the pipeline must fix both
ROTATED_PHOTOS: dict[str, Callable[[random.Random], Image.Image]] = {
    "tambak-sari/photos/rapat-warga.jpg": scene_rapat_warga_upright,
}


# ---------------------------------------------------------------------------
# partner logos: 600x300 RGBA, transparent background
# ---------------------------------------------------------------------------

LOGO_W, LOGO_H, LOGO_SS = 600, 300, 4


def _logo_shape(d: ImageDraw.ImageDraw, shape: str, box: tuple[int, int, int, int], c1, c2):
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if shape == "wave":
        d.ellipse(box, fill=c1)
        for k in range(3):
            yy = cy + h * (0.12 + 0.12 * k)
            pts = [(x0 + w * 0.12 + w * 0.76 * i / 40,
                    yy + math.sin(i / 40 * 2 * math.pi * 2) * h * 0.035) for i in range(41)]
            d.line(pts, fill=c2, width=int(h * 0.035))
    elif shape == "shield":
        d.polygon([(x0 + w * 0.1, y0), (x1 - w * 0.1, y0), (x1 - w * 0.1, cy), (cx, y1), (x0 + w * 0.1, cy)], fill=c1)
        d.polygon([(x0 + w * 0.18, y0 + h * 0.06), (x1 - w * 0.18, y0 + h * 0.06), (x1 - w * 0.18, cy),
                   (cx, y1 - h * 0.1), (x0 + w * 0.18, cy)], outline=c2, width=int(w * 0.025))
    elif shape == "leaf":
        d.ellipse([x0, y0 + h * 0.1, x1, y1 - h * 0.1], fill=c1)
        d.polygon([(x0 + w * 0.15, y1 - h * 0.05), (cx, cy), (x0 + w * 0.3, y1 - h * 0.28)], fill=c1)
        d.line([(x0 + w * 0.2, y1 - h * 0.15), (x1 - w * 0.2, y0 + h * 0.25)], fill=c2, width=int(w * 0.025))
    elif shape == "square":
        d.rounded_rectangle(box, radius=int(w * 0.18), fill=c1)
        d.rounded_rectangle([x0 + w * 0.08, y0 + h * 0.08, x1 - w * 0.08, y1 - h * 0.08], radius=int(w * 0.12),
                            outline=c2, width=int(w * 0.02))
    elif shape == "bean":
        d.ellipse([x0 + w * 0.1, y0, x1 - w * 0.1, y1], fill=c1)
        d.arc([x0 + w * 0.3, y0 + h * 0.05, x1 - w * 0.3, y1 - h * 0.05], 250, 110, fill=c2, width=int(w * 0.03))
    elif shape == "drop":
        d.ellipse([x0 + w * 0.1, y0 + h * 0.3, x1 - w * 0.1, y1], fill=c1)
        d.polygon([(cx, y0), (x0 + w * 0.13, y0 + h * 0.58), (x1 - w * 0.13, y0 + h * 0.58)], fill=c1)
        d.arc([x0 + w * 0.22, y0 + h * 0.42, x1 - w * 0.22, y1 - h * 0.1], 20, 120, fill=c2, width=int(w * 0.03))


def make_logo(initials: str, lines: Sequence[str], shape: str, c1: Color, c2: Color, text_color: Color) -> Image.Image:
    S = LOGO_SS
    img = Image.new("RGBA", (LOGO_W * S, LOGO_H * S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    box = (20 * S, 30 * S, 260 * S, 270 * S)
    _logo_shape(d, shape, box, c1 + (255,), c2 + (255,))
    cx, cy = (box[0] + box[2]) // 2, (box[1] + box[3]) // 2
    cy += {"wave": -0.12, "shield": -0.1, "drop": 0.1}.get(shape, 0) * (box[3] - box[1])
    size = 96 if len(initials) <= 2 else 76
    d.text((cx, cy), initials, font=font(size * S, True), fill=(255, 255, 255, 255), anchor="mm",
           stroke_width=S, stroke_fill=shade(c1, 0.7) + (255,))
    # name, fitted into the right-hand column
    avail = (LOGO_W - 285 - 16) * S
    fsize = 44
    while fsize > 16 and max(d.textlength(t, font=font(fsize * S, True)) for t in lines) > avail:
        fsize -= 1
    total = len(lines) * fsize * 1.2
    y = LOGO_H / 2 - total / 2 + fsize * 0.6
    for t in lines:
        d.text((285 * S, y * S), t, font=font(fsize * S, True), fill=text_color + (255,), anchor="lm")
        y += fsize * 1.2
    return img.resize((LOGO_W, LOGO_H), Image.Resampling.LANCZOS)


LOGOS: dict[str, tuple] = {
    "tambak-sari/logos/samudra-energi.png": ("SEN", ["SAMUDRA", "ENERGI", "NUSANTARA"], "wave", (20, 96, 170), (140, 210, 240), (20, 60, 110)),
    "tambak-sari/logos/universitas-pantura.png": ("UPR", ["UNIVERSITAS", "PANTURA RAYA"], "shield", (130, 30, 50), (240, 200, 90), (110, 30, 45)),
    "tambak-sari/logos/bakau-lestari.png": ("BL", ["Yayasan", "Bakau Lestari"], "leaf", (40, 140, 80), (200, 240, 200), (30, 100, 60)),
    "tambak-sari/logos/bank-pesisir.png": ("BPS", ["BANK PESISIR", "SEJAHTERA"], "square", (230, 140, 30), (255, 230, 170), (120, 70, 20)),
    "cigadung-hijau/logos/kopi-lereng.png": ("KLP", ["KOPI LERENG", "PRIANGAN"], "bean", (110, 70, 45), (230, 200, 160), (80, 50, 30)),
    "cigadung-hijau/logos/peduli-cikapundung.png": ("PC", ["Komunitas Peduli", "Cikapundung"], "drop", (30, 130, 170), (200, 240, 250), (20, 90, 120)),
}


# ---------------------------------------------------------------------------
# PDFs: small multi-page A4 documents drawn as images
# ---------------------------------------------------------------------------

PDF_DPI = 90
A4_W, A4_H = round(8.27 * PDF_DPI), round(11.69 * PDF_DPI)
PDF_DATE = time.strptime("2026-11-01 00:00:00", "%Y-%m-%d %H:%M:%S")


class Page:
    def __init__(self, header: str):
        self.img = Image.new("RGB", (A4_W, A4_H), (255, 255, 255))
        self.d = ImageDraw.Draw(self.img)
        self.y = 70
        self.m = 60
        self.d.rectangle([0, 0, A4_W, 30], fill=(36, 98, 160))
        self.d.text((self.m, 15), " ".join(header.split()), font=font(12), fill=(255, 255, 255), anchor="lm")
        self.d.text((A4_W - self.m, A4_H - 30), "CONTOH FIKTIF — untuk demonstrasi",
                    font=font(10), fill=(150, 150, 150), anchor="rm")

    def title(self, text, size=24):
        self.d.text((self.m, self.y), text, font=font(size, True), fill=(30, 40, 60), anchor="la")
        self.y += int(size * 1.8)

    def para(self, text, size=13, color=(50, 50, 60)):
        f = font(size)
        words = text.split()
        line = ""
        for w in words:
            trial = (line + " " + w).strip()
            if self.d.textlength(trial, font=f) > A4_W - 2 * self.m:
                self.d.text((self.m, self.y), line, font=f, fill=color)
                self.y += int(size * 1.55)
                line = w
            else:
                line = trial
        if line:
            self.d.text((self.m, self.y), line, font=f, fill=color)
            self.y += int(size * 1.55)
        self.y += int(size * 0.8)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float], size=12):
        x_positions = [self.m]
        for w in widths[:-1]:
            x_positions.append(x_positions[-1] + w * (A4_W - 2 * self.m))
        rh = int(size * 2.1)
        self.d.rectangle([self.m, self.y, A4_W - self.m, self.y + rh], fill=(36, 98, 160))
        for x, t in zip(x_positions, header):
            self.d.text((x + 6, self.y + rh / 2), t, font=font(size, True), fill=(255, 255, 255), anchor="lm")
        self.y += rh
        for i, row in enumerate(rows):
            bold = i == len(rows) - 1 and row[0] == ""
            if i % 2:
                self.d.rectangle([self.m, self.y, A4_W - self.m, self.y + rh], fill=(238, 243, 250))
            for j, (x, t) in enumerate(zip(x_positions, row)):
                right = j == len(row) - 1
                tx = (x_positions[j + 1] - 6) if j + 1 < len(x_positions) else (A4_W - self.m - 6)
                self.d.text((tx if right else x + 6, self.y + rh / 2), t, font=font(size, bold),
                            fill=(40, 40, 50), anchor="rm" if right else "lm")
            self.y += rh
        self.d.line([(self.m, self.y), (A4_W - self.m, self.y)], fill=(36, 98, 160), width=2)
        self.y += 24

    def bars(self, items: Sequence[tuple[str, int]], size=12):
        label_w = 0.45 * (A4_W - 2 * self.m)
        bar_w = (A4_W - 2 * self.m) - label_w - 60
        for label, pct in items:
            self.d.text((self.m, self.y + 10), label, font=font(size), fill=(40, 40, 50), anchor="lm")
            x0 = self.m + label_w
            self.d.rounded_rectangle([x0, self.y, x0 + bar_w, self.y + 20], radius=6, fill=(225, 230, 236))
            if pct:
                self.d.rounded_rectangle([x0, self.y, x0 + bar_w * pct / 100, self.y + 20], radius=6,
                                         fill=(40, 150, 100) if pct == 100 else (36, 98, 160))
            self.d.text((x0 + bar_w + 8, self.y + 10), f"{pct}%", font=font(size, True), fill=(40, 40, 50), anchor="lm")
            self.y += 36
        self.y += 16

    def picture(self, img: Image.Image, height=300):
        w = A4_W - 2 * self.m
        pic = img.copy()
        pic.thumbnail((w, height))
        self.img.paste(pic, (self.m + (w - pic.width) // 2, self.y))
        self.y += pic.height + 24

    def footer_number(self, n: int):
        self.d.text((self.m, A4_H - 30), f"Halaman {n}", font=font(10), fill=(150, 150, 150), anchor="lm")


def cover(kind_line: str, title: str, subtitle: str, org: str, year: str, hero: Image.Image | None) -> Image.Image:
    img = Image.new("RGB", (A4_W, A4_H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, A4_W, 260], fill=(36, 98, 160))
    d.text((60, 80), kind_line, font=font(16, True), fill=(200, 225, 250))
    y = 120
    for line in title.split("\n"):
        d.text((60, y), line, font=font(30, True), fill=(255, 255, 255))
        y += 42
    if hero is not None:
        pic = hero.copy()
        pic.thumbnail((A4_W - 120, 420))
        img.paste(pic, ((A4_W - pic.width) // 2, 300))
        y = 300 + pic.height + 40
    else:
        y = 320
    d.text((60, y), subtitle, font=font(16), fill=(60, 60, 70))
    d.text((60, y + 40), org, font=font(18, True), fill=(30, 40, 60))
    d.text((60, y + 72), year, font=font(16), fill=(60, 60, 70))
    d.rectangle([60, A4_H - 110, A4_W - 60, A4_H - 60], fill=(250, 236, 180))
    d.text((A4_W / 2, A4_H - 85), "CONTOH FIKTIF — DOKUMEN DEMONSTRASI", font=font(16, True),
           fill=(120, 80, 10), anchor="mm")
    return img


# The documents' programme tables and schedules: each project's short name as the documents write
# it, by id, with its sector, cost and dates read from plans/<slug>/kawasan.yml.
TS_NAMES = {
    "rumah-pompa-rob": "Rumah pompa dan normalisasi saluran",
    "jalan-rw03": "Peninggian jalan lingkungan RW 03",
    "bank-sampah-pesisir": "Bank sampah pesisir",
    "kerja-bakti-bulanan": "Kerja bakti bulanan",
    "kelas-pesisir": "Kelas belajar anak pesisir",
    "rumah-olahan-ikan": "Rumah produksi olahan ikan",
    "proteksi-kebakaran": "Hidran kampung dan APAR",
}
TS_SCHEDULE = {  # the RTPLP's schedule, in its order and words
    "jalan-rw03": "Peninggian jalan RW 03",
    "rumah-pompa-rob": "Rumah pompa dan saluran",
    "bank-sampah-pesisir": "Bank sampah pesisir",
    "kelas-pesisir": "Kelas belajar anak pesisir",
    "rumah-olahan-ikan": "Rumah produksi olahan ikan",
    "proteksi-kebakaran": "Hidran kampung dan APAR",
}
CG_NAMES = {
    "tps3r-rw07": "TPS3R dan pemilahan sampah",
    "drainase-gang-rw05": "Drainase gang RW 05",
    "sumur-resapan": "Sumur resapan dan biopori",
    "sekolah-sungai": "Sekolah Sungai Cikapundung",
    "maggot-kompos": "Usaha maggot dan kompos",
}
CG_SCHEDULE = {key: CG_NAMES[key] for key in ("sekolah-sungai", "tps3r-rw07", "drainase-gang-rw05", "sumur-resapan", "maggot-kompos")}
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")


@functools.cache
def demo_projects(slug: str) -> dict[str, Project]:
    """The projects of a demo kawasan by id, as the plugin reads them."""
    result = load_plans(PLANS)
    if result.problems:
        raise SystemExit("\n".join(str(problem) for problem in result.problems))
    plan = next(plan for plan in result.plans if plan.slug == slug)
    return {project.id: project for project in plan.kawasan.projects}


def programme(slug: str, names: dict[str, str]) -> list[tuple[str, str, int]]:
    """(name, sector, cost) of every project named in ``names``, in that order."""
    projects = demo_projects(slug)
    return [(name, projects[key].sector.capitalize(), projects[key].cost) for key, name in names.items()]


def month(value: object) -> str:
    """A plan's date (``2026``, ``2026-03`` or ``2026-03-02``) as a document writes it: ``Maret 2026``."""
    year, *rest = str(value).split("-")
    return f"{MONTHS[int(rest[0]) - 1]} {year}" if rest else year


def schedule(slug: str, names: dict[str, str]) -> list[tuple[str, str, str]]:
    projects = demo_projects(slug)
    return [(name, month(projects[key].start), month(projects[key].end)) for key, name in names.items()]


def project_table(page: Page, projects):
    rows = [(str(i + 1), t, s, rupiah(c)) for i, (t, s, c) in enumerate(projects)]
    rows.append(("", "Jumlah", "", rupiah(sum(c for _, _, c in projects))))
    page.table(["No", "Program", "Sektor", "Biaya"], rows, [0.07, 0.5, 0.18, 0.25])


def doc_rplp(name, place, org, projects, hero, profile_text, vision, problems) -> list[Image.Image]:
    pages = [cover("RENCANA PENATAAN LINGKUNGAN PERMUKIMAN (RPLP)", name, place, org, "2025", hero)]
    p = Page(f"RPLP {name}")
    p.title("Bab 1. Profil kawasan")
    p.para(profile_text)
    p.title("Bab 2. Permasalahan", 20)
    for prob in problems:
        p.para("• " + prob)
    p.footer_number(2)
    pages.append(p.img)
    p = Page(f"RPLP {name}")
    p.title("Bab 3. Visi dan gagasan")
    p.para(vision)
    p.para("Rencana ini disusun melalui rembug warga di setiap RW, pemetaan swadaya, dan diskusi "
           "kelompok terarah bersama perempuan, nelayan, pemuda, dan pelaku usaha kecil. Hasilnya "
           "disepakati dalam rembug warga tahunan dan dapat diubah bila warga menghendaki.")
    p.title("Bab 4. Program investasi", 20)
    project_table(p, projects)
    p.footer_number(3)
    pages.append(p.img)
    return pages


def doc_rtplp(name, org, projects, schedule) -> list[Image.Image]:
    pages = [cover("RENCANA TINDAK PENATAAN LINGKUNGAN PERMUKIMAN (RTPLP)", name,
                   "Rencana teknis, biaya, sumber dana, dan jadwal", org, "2025", None)]
    p = Page(f"RTPLP {name}")
    p.title("1. Rincian biaya per program")
    project_table(p, projects)
    p.title("2. Jadwal pelaksanaan", 20)
    p.table(["Program", "Mulai", "Selesai"], schedule, [0.56, 0.22, 0.22])
    p.footer_number(2)
    pages.append(p.img)
    p = Page(f"RTPLP {name}")
    p.title("3. Pengelolaan dan pemeliharaan")
    p.para("Setiap prasarana yang selesai dibangun diserahterimakan kepada kelompok pemanfaat dan "
           "pemeliharaannya dibiayai iuran warga. BKM memeriksa kondisi prasarana setiap enam bulan "
           "dan melaporkannya dalam rembug warga.")
    p.para("Laporan keuangan setiap program ditempel di papan informasi RW dan diterbitkan di situs "
           "kawasan, termasuk dana yang dijanjikan tetapi belum diterima.")
    p.footer_number(3)
    pages.append(p.img)
    return pages


def doc_report_tambak_sari(hero) -> list[Image.Image]:
    pages = [cover("LAPORAN KEMAJUAN", "Kampung Nelayan\nTambak Sari",
                   "Semester I 2026 (Januari–Juni)", "BKM Sari Bahari", "Juli 2026", hero)]
    p = Page("Laporan kemajuan semester I 2026")
    p.title("1. Kemajuan program (per 30 Juni 2026)")
    p.bars([("Jalan lingkungan RW 03", 100), ("Rumah pompa dan saluran", 20), ("Bank sampah pesisir", 0),
            ("Kelas belajar anak pesisir", 0), ("Rumah produksi olahan ikan", 0),
            ("Hidran kampung dan APAR", 0)])
    p.title("2. Dana diterima semester ini", 20)
    p.table(["Sumber", "Program", "Jumlah"], [
        ("APBD Kota", "Jalan RW 03", rupiah(140000000)),
        ("BLM PLPBK", "Rumah pompa", rupiah(350000000)),
        ("Swadaya", "Rumah pompa", rupiah(60000000)),
        ("", "Jumlah", rupiah(550000000)),
    ], [0.3, 0.42, 0.28])
    p.footer_number(2)
    pages.append(p.img)
    p = Page("Laporan kemajuan semester I 2026")
    p.title("3. Catatan dan rencana semester II")
    p.para("Jalan RW 03 selesai dan diserahterimakan pada Februari 2026. Rob purnama Maret sampai Juni "
           "tidak lagi masuk ke rumah di sepanjang jalan yang ditinggikan.")
    p.para("Pembangunan rumah pompa dimulai Maret 2026. Pada semester II, BKM akan menuntaskan "
           "pengerukan saluran, mengecor fondasi rumah pompa, dan menggalang mitra untuk kekurangan "
           "dana rumah pompa dan rumah produksi olahan ikan.")
    p.footer_number(3)
    pages.append(p.img)
    return pages


def save_pdf(pages: list[Image.Image], path: Path, title: str, author: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=PDF_DPI, quality=70,
                  title=title, author=author, subject="Contoh fiktif untuk demonstrasi",
                  creator="scripts/make_demo_media.py", producer="Pillow",
                  creationDate=PDF_DATE, modDate=PDF_DATE)


def build_pdfs(photo_cache: dict[str, Image.Image]) -> dict[str, Callable[[], None]]:
    """PDF targets; each builder looks its cover picture up in ``photo_cache`` when run."""
    ts_problems = [
        "Rob merendam gang dan rumah hingga 40 cm selama 10–15 hari setiap bulan.",
        "Saluran utama dangkal dan tersumbat sedimen serta sampah.",
        "Sampah menumpuk di pantai karena belum ada layanan pengangkutan.",
        "Hasil tangkapan dijual mentah dengan harga rendah kepada tengkulak.",
        "Belum ada sarana pemadam kebakaran di gang yang padat.",
    ]
    cg_problems = [
        "Sampah rumah tangga dibuang ke Sungai Cikapundung.",
        "Limpasan air hujan dari lereng menggerus gang dan dinding rumah.",
        "Saluran gang terbuka, sempit, dan sering meluap.",
    ]
    return {
        "tambak-sari/documents/rplp-tambak-sari-2025.pdf": lambda: save_pdf(doc_rplp(
            "Kampung Nelayan\nTambak Sari", "Kelurahan Tambaksari, Kota Semarang, Jawa Tengah", "BKM Sari Bahari",
            programme("tambak-sari", TS_NAMES), photo_cache["tambak-sari/photos/kampung-tambak-sari.jpg"],
            "Kampung Nelayan Tambak Sari meliputi RW 01 sampai RW 04 dengan luas sekitar 18,5 hektare, "
            "dihuni 3.412 jiwa dalam 1.046 rumah tangga, 389 di antaranya tergolong miskin. Sebagian besar "
            "warga bekerja sebagai nelayan, buruh tambak, dan pengolah ikan.",
            "Tambak Sari kampung nelayan yang aman dari rob, bersih, produktif, dan mandiri pada 2030.",
            ts_problems), PLANS / "tambak-sari/documents/rplp-tambak-sari-2025.pdf",
            "RPLP Kampung Nelayan Tambak Sari 2025-2030", "BKM Sari Bahari"),
        "tambak-sari/documents/rtplp-tambak-sari-2025.pdf": lambda: save_pdf(doc_rtplp(
            "Kampung Nelayan\nTambak Sari", "BKM Sari Bahari", programme("tambak-sari", TS_NAMES),
            schedule("tambak-sari", TS_SCHEDULE)), PLANS / "tambak-sari/documents/rtplp-tambak-sari-2025.pdf",
            "RTPLP Kampung Nelayan Tambak Sari 2025-2027", "BKM Sari Bahari"),
        "tambak-sari/documents/laporan-kemajuan-2026-s1.pdf": lambda: save_pdf(
            doc_report_tambak_sari(photo_cache["tambak-sari/photos/jalan-rw03-selesai.jpg"]),
            PLANS / "tambak-sari/documents/laporan-kemajuan-2026-s1.pdf",
            "Laporan kemajuan semester I 2026", "BKM Sari Bahari"),
        "cigadung-hijau/documents/rplp-cigadung-hijau-2025.pdf": lambda: save_pdf(doc_rplp(
            "Cigadung Hijau", "Kelurahan Cigadung, Kota Bandung, Jawa Barat", "BKM Cigadung Raharja",
            programme("cigadung-hijau", CG_NAMES), photo_cache["cigadung-hijau/photos/cigadung-lereng.jpg"],
            "Kawasan Cigadung Hijau meliputi RW 05 sampai RW 08 dengan luas sekitar 12,4 hektare di lereng "
            "menuju Sungai Cikapundung, dihuni 2.140 jiwa dalam 628 rumah tangga.",
            "Cigadung Hijau, kampung lereng yang bersih, teduh, dan ramah sungai.",
            cg_problems), PLANS / "cigadung-hijau/documents/rplp-cigadung-hijau-2025.pdf",
            "RPLP Cigadung Hijau 2025-2028", "BKM Cigadung Raharja"),
        "cigadung-hijau/documents/rtplp-cigadung-hijau-2025.pdf": lambda: save_pdf(doc_rtplp(
            "Cigadung Hijau", "BKM Cigadung Raharja", programme("cigadung-hijau", CG_NAMES),
            schedule("cigadung-hijau", CG_SCHEDULE)), PLANS / "cigadung-hijau/documents/rtplp-cigadung-hijau-2025.pdf",
            "RTPLP Cigadung Hijau 2025-2028", "BKM Cigadung Raharja"),
    }


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------


# photos that the PDFs reuse as cover pictures
PDF_PICTURES = (
    "tambak-sari/photos/kampung-tambak-sari.jpg",
    "tambak-sari/photos/jalan-rw03-selesai.jpg",
    "cigadung-hijau/photos/cigadung-lereng.jpg",
)


def all_targets() -> list[str]:
    return sorted([*PHOTOS, *ROTATED_PHOTOS, *LOGOS, *build_pdfs({})])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only list files that are missing")
    ap.add_argument("--only", default="", help="only (re)build targets whose path contains this text")
    args = ap.parse_args(argv)

    if args.check:
        missing = [t for t in all_targets() if not (PLANS / t).exists()]
        for t in missing:
            print("missing:", t)
        return 1 if missing else 0

    def wanted(key: str) -> bool:
        return args.only in key

    cache: dict[str, Image.Image] = {}
    for key, fn in PHOTOS.items():
        if not (wanted(key) or key in PDF_PICTURES):
            continue
        img = fn(random.Random(seed_for(key)))
        cache[key] = img
        if wanted(key):
            save_jpeg(img, PLANS / key)
            print(f"photo  {key}  {(PLANS / key).stat().st_size // 1024} KB")
    for key, fn in ROTATED_PHOTOS.items():
        if wanted(key):
            save_rotated_with_gps(fn(random.Random(seed_for(key))), PLANS / key)
            print(f"photo  {key}  {(PLANS / key).stat().st_size // 1024} KB  (EXIF Orientation 6 + GPS)")
    for key, spec in LOGOS.items():
        if wanted(key):
            path = PLANS / key
            path.parent.mkdir(parents=True, exist_ok=True)
            make_logo(*spec).save(path, "PNG", optimize=True)
            print(f"logo   {key}  {path.stat().st_size // 1024} KB")
    for key, build in build_pdfs(cache).items():
        if wanted(key):
            build()
            print(f"pdf    {key}  {(PLANS / key).stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
