"""The proposal printer, the sitemap's language links and the sanitizer's unlinked text, without a site build."""

from __future__ import annotations

import base64
import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from benchmarks.loopback import Loopback
from helpers import pdfcheck
from plpbk_plugin.media.printing import print_pdf
from plpbk_plugin.media.proposal import Proposal, ProposalMaker
from plpbk_plugin.site.opendata.sitemap import add_alternates
from plpbk_plugin.site.rendering.markup import MarkdownRenderer, sanitize


def _document(body: str) -> str:
    return f'<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Uji</title></head><body>{body}</body></html>'


def test_print_is_a4_with_embedded_dejavu_and_selectable_text(tmp_path: Path) -> None:
    pdf = tmp_path / "uji.pdf"
    pdf.write_bytes(print_pdf(_document("<h1>Proposal <b>Rp1.250.000</b></h1><p><i>miring</i> — ŋ ✓</p>")))
    assert pdfcheck.info(pdf)["Title"] == "Uji"
    assert [round(x) for x in pdfcheck.page_size(pdf)] == [595, 842]
    assert "Proposal Rp1.250.000" in pdfcheck.text(pdf) and "miring — ŋ ✓" in pdfcheck.text(pdf)
    fonts = pdfcheck.fonts(pdf)
    assert fonts and all("DejaVu" in f["name"] and f["emb"] == "yes" for f in fonts), fonts  # italic too: no system font


def test_printer_reads_only_fonts_and_data_urls(tmp_path: Path) -> None:
    photo = io.BytesIO()
    Image.new("RGB", (40, 20), "#e76f51").save(photo, "PNG")
    secret = tmp_path / "rahasia.png"
    Image.new("RGB", (40, 20), "#000000").save(secret)
    with Loopback() as server:
        web = server.url("/x.png")
        data = "data:image/png;base64," + base64.b64encode(photo.getvalue()).decode()
        html = _document(f'<img src="{data}" style="width:80mm"><img src="{secret.as_uri()}" style="width:80mm"><img src="{web}">'
                         f'<link rel="stylesheet" href="{web}">')
        pdf = tmp_path / "uji.pdf"
        pdf.write_bytes(print_pdf(html))
    assert server.requests == []  # nothing from the web
    colours = {colour for _, colour in pdfcheck.pages_as_images(pdf, dpi=30)[0].convert("RGB").getcolors(1 << 16)}
    assert any(abs(r - 0xE7) < 8 and abs(g - 0x6F) < 8 and abs(b - 0x51) < 8 for r, g, b in colours)  # the document's own picture
    assert (0, 0, 0) not in colours  # not a file of the machine


def test_maker_prints_once_per_content_and_publishes(tmp_path: Path) -> None:
    maker = ProposalMaker(tmp_path / "cache", workers=1)
    docs = {"a/proposal.pdf": Proposal(html=_document("<p>A</p>")), "b/proposal.pdf": Proposal(html=_document("<p>A</p>"))}
    maker.make(docs, wait=False)
    maker.publish(tmp_path / "site")
    cached = sorted((tmp_path / "cache" / "proposals").iterdir())
    assert len(cached) == 1  # the same document is printed once
    stamp = cached[0].stat().st_mtime_ns
    assert (tmp_path / "site" / "a" / "proposal.pdf").read_bytes() == (tmp_path / "site" / "b" / "proposal.pdf").read_bytes()
    maker.make({"a/proposal.pdf": Proposal(html=_document("<p>A</p>")), "c/proposal.pdf": Proposal(html=_document("<p>C</p>"))})
    assert cached[0].stat().st_mtime_ns == stamp and len(list((tmp_path / "cache" / "proposals").iterdir())) == 2
    maker.publish(tmp_path / "site2")
    assert "C" in pdfcheck.text(tmp_path / "site2" / "c" / "proposal.pdf")


def test_a_link_whose_address_is_removed_is_plain_text() -> None:
    md = MarkdownRenderer()
    assert md("Lihat [rencana](javascript:alert(1)) ini.") == "<p>Lihat rencana ini.</p>"
    assert md("[a](java\tscript:x) dan [b](https://b.example)") == (
        '<p>a dan <a href="https://b.example" rel="noopener noreferrer nofollow">b</a></p>')
    assert sanitize('<a title="t" href="vbscript:x"><b>tebal</b></a> <abbr title="x">X</abbr>') == "<b>tebal</b> <abbr title=\"x\">X</abbr>"


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
    <url>
         <loc>https://x.id/a/</loc>
         <lastmod>2026-12-01</lastmod>
    </url>
    <url>
         <loc>https://x.id/panduan/</loc>
         <lastmod>2026-12-01</lastmod>
    </url>
</urlset>"""


def test_sitemap_lists_each_page_in_every_language_after_its_own_fields() -> None:
    result = add_alternates(SITEMAP, {"https://x.id/a/": [("id", "https://x.id/a/"), ("en", "https://x.id/en/a/?q=1&b=2")]})
    first = result.split("<url>")[1]
    assert first.index("<lastmod>") < first.index("<xhtml:link")
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://x.id/en/a/?q=1&amp;b=2"/>' in first
    assert '<xhtml:link rel="alternate" hreflang="x-default" href="https://x.id/a/"/>' in first
    assert "xhtml" not in result.split("<url>")[2]
    assert '<urlset xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns=' in result
    assert add_alternates(SITEMAP, {}) == SITEMAP


@pytest.mark.parametrize("one_language", [[("id", "https://x.id/a/")]])
def test_sitemap_is_unchanged_for_a_single_language(one_language: list[tuple[str, str]]) -> None:
    assert add_alternates(SITEMAP, {"https://x.id/a/": one_language}) == SITEMAP


def test_a_build_that_prints_nothing_does_not_import_the_printer() -> None:
    """WeasyPrint's import costs half a second: only a job that prints a proposal loads it."""
    code = "import sys, plpbk_plugin.plugin, plpbk_plugin.media.proposal; print('weasyprint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
