"""Cards to embed: each call's and each kawasan's sematkan/ card, its oEmbed document, and the code on the pages.

A real build of a bilingual portal of two demo kawasan; the oEmbed documents are validated against a schema
written from the oEmbed specification (tests/data/oembed.schema.json, oembed.com section 2.3.4); the card is
opened inside an <iframe> of a test page in Chromium, counting every request it makes.
"""

from __future__ import annotations

import html as htmllib
import io
import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from PIL import Image

from helpers import quality_kit as kit
from helpers.sitebuild import REPO, page, write_site
from plpbk_plugin.media.images import small_webp
from plpbk_plugin.site.pages.embeds import MAX_CARD_BYTES

SCHEMA = json.loads((Path(__file__).parent / "data" / "oembed.schema.json").read_text(encoding="utf-8"))
KAWASAN = ("tambak-sari", "cigadung-hijau")


def _calls(slug: str) -> list[str]:
    return [c["id"] for c in yaml.safe_load((REPO / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8"))["calls"]]


def _cards() -> list[str]:
    """Every page with a card: each kawasan and each call, in both languages."""
    pages = [f"{slug}" for slug in KAWASAN] + [f"{slug}/kemitraan/{call}" for slug in KAWASAN for call in _calls(slug)]
    return pages + [f"en/{p}" for p in pages]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Any:
    root = tmp_path_factory.mktemp("sematkan")
    for slug in KAWASAN:
        shutil.copytree(REPO / "plans" / slug, root / "plans" / slug)
    write_site(root, plugin={"languages": ["id", "en"]})
    server = kit.bind()
    site = kit.build(root, f"http://127.0.0.1:{server.port}/portal/")
    with kit.serve(site, "/portal/", server) as url:
        yield site, url


@pytest.mark.slow
def test_every_card_is_self_contained_small_and_not_a_page_of_the_site(served: Any) -> None:
    site, url = served
    for path in _cards():
        card = site / path / "sematkan" / "index.html"
        data = card.read_bytes()
        assert len(data) <= MAX_CARD_BYTES, f"{path}: {len(data)} bytes"
        text = data.decode()
        assert "<script" not in text and "@import" not in text, path
        sources = re.findall(r'\ssrc="([^"]*)"', text) + re.findall(r"url\(([^)]*)\)", text)
        assert all(source.startswith("data:image/webp;base64,") for source in sources), (path, sources)
        links = re.findall(r'<a ([^>]*)>', text)
        assert links == [f'class="go" href="{url}{path}/" target="_blank" rel="noopener"'], (path, links)
        assert '<meta name="robots" content="noindex">' in text and "data-pagefind-body" not in text
        assert 'class="md-' not in text, "not a Material page"
    call = page(site, "tambak-sari/kemitraan/mitra-pengendalian-rob/sematkan")
    for expected in ("Ajakan kemitraan", "Menuntaskan pengendalian rob dan proteksi kebakaran", "Kampung Nelayan Tambak Sari · Kota Semarang",
                     "Dana yang dicari", "Rp500.000.000", "Batas waktu: 30 Juni 2027", "Lihat ajakannya"):
        assert expected in call, expected
    assert re.search(r'<div class="bar" role="img" aria-label="Rp[\d.]+ terhimpun dan Rp[\d.]+ dijanjikan dari Rp[\d.]+">', call)
    assert 'src="data:image/webp;base64,' in call  # its project's photo, inline
    kawasan = page(site, "en/cigadung-hijau/sematkan")
    for expected in ("Neighbourhood plan", "Cigadung Hijau", "Total cost", "Funding gap", "open calls for partnership", "See the plan"):
        assert expected in kawasan, expected


@pytest.mark.slow
def test_every_oembed_document_is_valid_and_names_its_card(served: Any) -> None:
    site, url = served
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    for path in _cards():
        document = json.loads((site / path / "sematkan" / "oembed.json").read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(document)]
        assert not errors, (path, errors)
        assert (document["type"], document["version"], document["width"]) == ("rich", "1.0", 400)
        frame = re.fullmatch(r'<iframe src="([^"]+)" title="([^"]+)" width="400" height="(\d+)" style="border:0;max-width:100%" '
                             r'loading="lazy" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>', document["html"])
        assert frame and frame.group(1) == f"{url}{path}/sematkan/" and int(frame.group(3)) == document["height"], document["html"]
        assert document["provider_url"] == url and document["provider_name"] == "Uji Portal"
        thumbnail = document["thumbnail_url"].removeprefix(url)
        with Image.open(site / thumbnail) as image:
            assert image.size == (document["thumbnail_width"], document["thumbnail_height"]) == (1200, 630)
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert list(validator.iter_errors({"type": "rich", "version": "1.0", "html": "<p>x</p>", "width": 1}))  # the schema bites
    assert list(validator.iter_errors({"type": "link", "version": "1.0", "thumbnail_url": "https://a.example/t.png"}))


@pytest.mark.slow
def test_call_and_kawasan_pages_offer_the_code_and_announce_their_oembed(served: Any) -> None:
    site, url = served
    for path, heading in (("tambak-sari/kemitraan/mitra-kelas-pesisir", "Sematkan di situs Anda"), ("en/cigadung-hijau/kemitraan", "Embed on your site")):
        html = page(site, path)
        code = html.split('<textarea id="kode-sematkan"')[1].split("</textarea>")[0].split(">", 1)[1]
        card = path.removesuffix("/kemitraan") if path.endswith("/kemitraan") else path
        assert htmllib.unescape(code).startswith(f'<iframe src="{url}{card}/sematkan/"'), code
        assert f"<h2 id=\"sematkan\">{heading}</h2>" in html and 'data-plpbk-copy="kode-sematkan"' in html
    for path in ("tambak-sari/kemitraan/mitra-kelas-pesisir", "tambak-sari", "en/cigadung-hijau/kemitraan/mitra-maggot"):
        head = page(site, path).split("</head>")[0]
        assert (f'<link rel="alternate" type="application/json+oembed" href="{url}{path}/sematkan/oembed.json"' in head), path
        assert 'document.querySelectorAll("link[data-plpbk-oembed]")' in head


def test_a_card_s_picture_fits_its_budget_or_is_left_out(tmp_path: Path) -> None:
    calm = tmp_path / "calm.jpg"
    Image.new("RGB", (1200, 800), (42, 157, 143)).save(calm)
    picture = small_webp(calm)
    assert picture and len(picture) <= 12 * 1024 and Image.open(io.BytesIO(picture)).size == (480, 240)
    noise = tmp_path / "noise.png"
    Image.effect_noise((1200, 800), 120).convert("RGB").save(noise)
    assert small_webp(noise, budget=2048) is None
    assert small_webp(tmp_path / "missing.jpg") is None


@pytest.mark.browser
@pytest.mark.slow
def test_the_card_in_an_iframe_asks_for_nothing_but_itself(served: Any, browser: Any) -> None:
    site, url = served
    document = json.loads((site / "tambak-sari" / "kemitraan" / "mitra-pengendalian-rob" / "sematkan" / "oembed.json").read_text())
    (site / "uji-mitra.html").write_text(f'<!doctype html><html lang="id"><meta charset="utf-8"><title>Situs mitra</title>'
                                         f'<body><h1>Mitra</h1>{document["html"]}</body></html>', encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page_ = context.new_page()
    requests: list[str] = []
    page_.on("request", lambda request: requests.append(request.url))
    page_.goto(url + "uji-mitra.html", wait_until="networkidle")
    frame = next(f for f in page_.frames if f.url.endswith("/sematkan/"))
    assert [r for r in requests if r != url + "uji-mitra.html"] == [frame.url], requests
    assert frame.evaluate("document.scripts.length") == 0
    box = frame.evaluate("(() => { const b = document.querySelector('.go').getBoundingClientRect(); return [b.bottom, innerHeight]; })()")
    assert box[0] <= box[1], "the card's link is inside the frame"
    link = frame.locator("a.go")
    assert link.get_attribute("target") == "_blank" and link.get_attribute("href") == url + "tambak-sari/kemitraan/mitra-pengendalian-rob/"
    context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_the_oembed_link_does_not_send_material_after_a_sitemap(served: Any, browser: Any) -> None:
    """Material fetches a sitemap.xml beside every link[rel=alternate] (zensical/zensical#908): the link is gone before it looks."""
    site, url = served
    context = browser.new_context()
    page_ = context.new_page()
    failed: list[str] = []
    page_.on("response", lambda response: failed.append(response.url) if response.status >= 400 else None)
    asked: list[str] = []
    page_.on("request", lambda request: asked.append(request.url))
    page_.goto(url + "tambak-sari/kemitraan/mitra-pengendalian-rob/", wait_until="networkidle")
    assert not failed, failed
    assert [r for r in asked if r.endswith("sitemap.xml")] in ([], [url + "sitemap.xml"]), asked
    assert page_.evaluate("document.querySelectorAll('link[type=\"application/json+oembed\"]').length") == 0
    copy = page_.locator('[data-plpbk-copy="kode-sematkan"]')
    assert copy.is_visible()  # JavaScript shows the copy button
    context.close()
