"""Reading PDFs the way a reviewer would: poppler-utils (pdftotext, pdfinfo, pdffonts, pdftoppm) and zxing-cpp."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image

A4_POINTS = (595.276, 841.89)


def _run(*command: str) -> str:
    if shutil.which(command[0]) is None:
        raise RuntimeError(f"`{command[0]}` is missing: scripts/dev test installs poppler-utils")
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=120).stdout


def text(pdf: Path, *, layout: bool = False) -> str:
    """The selectable text of every page."""
    return _run("pdftotext", *(["-layout"] if layout else []), "-enc", "UTF-8", str(pdf), "-")


def info(pdf: Path) -> dict[str, str]:
    """``pdfinfo``'s fields (Pages, Page size, Title, …)."""
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in _run("pdfinfo", str(pdf)).splitlines())}


def page_size(pdf: Path) -> tuple[float, float]:
    width, _, rest = info(pdf)["Page size"].partition(" x ")
    return float(width), float(rest.split()[0])


def fonts(pdf: Path) -> list[dict[str, str]]:
    """``pdffonts``' table: name, type, emb (yes/no), sub, uni."""
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    found = []
    for line in lines:
        parts = line.split()
        # name type… encoding emb sub uni object ID: the last five columns are fixed
        found.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return found


def pages_as_images(pdf: Path, *, dpi: int = 150, first: int = 1, last: int | None = None) -> list[Image.Image]:
    """Pages rendered by poppler."""
    with tempfile.TemporaryDirectory() as folder:
        _run("pdftoppm", "-r", str(dpi), "-png", "-f", str(first), *(["-l", str(last)] if last else []), str(pdf), f"{folder}/page")
        return [Image.open(path).copy() for path in sorted(Path(folder).glob("page*.png"))]


def qr_codes(pdf: Path, *, dpi: int = 150) -> list[str]:
    """The text of every QR code on every page."""
    return [b.text for im in pages_as_images(pdf, dpi=dpi) for b in zxingcpp.read_barcodes(im) if b.format == zxingcpp.BarcodeFormat.QRCode]
