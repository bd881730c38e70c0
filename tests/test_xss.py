"""Output safety: XSS vectors through every plan field reach no page as live markup.

A portal is built where every plain and Markdown field of every kawasan, project, call,
partner, policy ask, document, photo and news post carries the vectors of
``xss_vectors.py``; then every HTML page is parsed and checked for script elements the
theme did not put there, ``on*`` attributes, and links or sources with a
``javascript:``, ``data:`` or ``vbscript:`` scheme. Attribute values and JSON-LD must
also keep the plan's text intact (escaped, not mangled). URL fields and file names get
their own checks: the loader refuses what cannot be made safe.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers.plans import DROP, plan
from helpers.scan import (
    BAD_SCHEMES,
    jsonld_blocks,
    metas,
    scan_page,
    scan_site,
    url_scheme,
)
from helpers.sitebuild import isolated_build, write_photo, write_plan, write_site
from helpers.xss_vectors import (
    FILE_NAMES,
    HARMLESS_FILE_NAMES,
    HTML,
    MARKDOWN,
    SAFE_URLS,
    SHORT,
    URLS,
)
from plpbk_plugin.plan.reading.loading import load_plan
from plpbk_plugin.plan.reading.yaml_source import INVISIBLE
from plpbk_plugin.site.opendata.jsonld import dumps
from plpbk_plugin.site.rendering.markup import MarkdownRenderer, sanitize
from plpbk_plugin.site.urls import Urls

# --- the page scanner ---------------------------------------------------------------------------

# --- the plan full of vectors -------------------------------------------------------------------

BUILDABLE = [v for v in (*HTML, *MARKDOWN) if not INVISIBLE.search(v)]
"""Vectors a plan can hold (control characters are refused by the loader; see below)."""


def chunks(items: list[str], limit: int) -> list[str]:
    """``items`` joined with spaces into texts of at most ``limit`` characters each."""
    out = [""]
    for item in items:
        if out[-1] and len(out[-1]) + 1 + len(item) > limit:
            out.append("")
        out[-1] = f"{out[-1]} {item}".strip()
    return out


TEXTS = chunks(BUILDABLE, 4800)
"""The plain-field texts: every kawasan gets one, so every vector passes every plain field."""
ALL = "\n\n".join(BUILDABLE)
"""The Markdown-field text: every vector at once."""
TAGLINES = chunks(list(SHORT), 140)
SAFE_MARKDOWN = "[a](mailto:bkm@contoh.id) [b](tel:+6281234567) [c](https://contoh.example) [d](../rencana/) [e](#bagian)"


def vector_plan(text: str, tagline: str, index: int) -> dict[str, Any]:
    one_line = text.replace("\n", " ")
    return {
        "name": one_line,
        "tagline": tagline,
        "summary": ALL,
        "location": {
            "kelurahan": one_line,
            "kecamatan": one_line,
            "city": one_line,
            "province": one_line,
            "coordinates": {"lat": -6.95 + index / 100, "lon": 110.43},
            "area_ha": 1.5,
        },
        "profile": {"population": 100, "households": 30, "poor_households": 10},
        "organization": {
            "name": text,
            "description": ALL,
            "contact": {"whatsapp": "0812 3456 7890", "email": "bkm@contoh.id", "phone": "024 765 4321", "address": text},
            "people": [{"name": text, "role": text}],
        },
        "transformation": {"idea": ALL, "vision": text, "from": [text, *SHORT], "to": [text]},
        "marketing_mix": {
            "product": SAFE_MARKDOWN,
            **dict.fromkeys(("price", "place", "promotion", "partnership", "policy"), ALL),
        },
        "projects": [
            {
                "id": "proyek-vektor",
                "title": text,
                "summary": text,
                "description": ALL,
                "sector": "lingkungan",
                "aspect": "jalan",
                "cost": 1_000_000,
                "status": "seeking_partners",
                "progress": 10,
                "start": "2026-01",
                "end": "2027",
                "funding": [{"source": "csr", "amount": 100_000, "status": "committed", "partner": text}],
                "beneficiaries": {"households": 10, "people": 40},
                "location": {"lat": -6.951 + index / 100, "lon": 110.431},
                "needs": [text, *SHORT],
                "photos": [{"file": "photos/foto.jpg", "caption": text}],
                "updates": [{"date": "2026-06-01", "text": text}],
            },
            {
                "id": "proyek-kedua",
                "title": SHORT[index % len(SHORT)],
                "summary": SHORT[(index + 1) % len(SHORT)],
                "sector": "sosial",
                "cost": 0,
                "status": "planned",
            },
        ],
        "calls": [
            {
                "id": "ajakan-vektor",
                "title": text,
                "description": ALL,
                "partner_types": ["swasta"],
                "projects": ["proyek-vektor", "proyek-kedua"],
                "deadline": "2099-12-31",
                "contact": {"whatsapp": "+62 811 222 333", "email": "ajakan@contoh.id", "address": text},
            },
            {"id": "ajakan-kedua", "title": SHORT[index % len(SHORT)], "description": ALL},
            # one vector per Markdown field: an unclosed comment or fence cannot hide the ones after it
            *({"id": f"ajakan-{i}", "title": f"Ajakan {i}", "description": vector} for i, vector in enumerate(BUILDABLE)),
        ],
        "partners": [
            {"name": text, "type": "swasta", "url": SAFE_URLS[index % len(SAFE_URLS)], "logo": "logos/logo.png", "contribution": text},
            {"name": SHORT[index % len(SHORT)], "url": SAFE_URLS[(index + 1) % len(SAFE_URLS)]},
        ],
        "policy": [
            {"title": text, "description": ALL, "target": text, "status": "proposed"},
            *({"title": vector, "description": vector} for vector in BUILDABLE),
        ],
        "documents": [
            {"title": text, "file": "documents/rplp.pdf", "kind": "rplp", "year": 2025},
            {"title": text, "url": SAFE_URLS[index % len(SAFE_URLS)], "kind": "report"},
            {"title": "Tautan simbolik", "file": "documents/laporan.pdf", "kind": "report"},
            *(
                {"title": name, "file": f"documents/{name}", "kind": "other"}
                for name in HARMLESS_FILE_NAMES
            ),
        ],
        "photos": {"hero": "photos/foto.jpg", "gallery": [{"file": "photos/foto.jpg", "caption": text, "date": "2026-05"}]},
    }


def news_post(text: str) -> str:
    front = yaml.safe_dump({"title": text.replace("\n", " "), "date": "2026-11-02", "summary": text, "image": "photos/foto.jpg"}, allow_unicode=True)
    return f"---\n{front}---\n{ALL}\n"


@pytest.fixture(scope="module")
def vector_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    root = tmp_path_factory.mktemp("xss")
    plans = []
    for index, text in enumerate(TEXTS):
        data = vector_plan(text, TAGLINES[index % len(TAGLINES)], index)
        folder = write_plan(root / "plans", f"vektor-{index}", data, news={"2026-11-02-kabar-vektor.md": news_post(text)})
        write_photo(folder / "photos" / "foto.jpg", (320, 200))
        write_photo(folder / "logos" / "logo.png", (120, 60))
        (folder / "documents").mkdir()
        (folder / "documents" / "rplp.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        # A symlink the plan may name: its target's name (published as-is) is a scheme-like name.
        (folder / "documents" / "javascript:alert(1).pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
        os.symlink("javascript:alert(1).pdf", folder / "documents" / "laporan.pdf")
        for name in HARMLESS_FILE_NAMES:
            (folder / "documents" / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
        plans.append(data)
    write_site(
        root,
        repo_url="https://github.com/contoh/portal",
        markdown_extensions=[
            "admonition",
            "attr_list",
            "md_in_html",
            "tables",
            "def_list",
            "footnotes",
            {"toc": {"permalink": True}},
            "pymdownx.superfences",
            "pymdownx.details",
            {"pymdownx.tasklist": {"custom_checkbox": True}},
        ],
    )
    return isolated_build(root), plans


def test_the_corpus_is_big_enough() -> None:
    assert len(HTML) >= 100 and len(MARKDOWN) >= 30 and len(URLS) >= 12
    assert len(TEXTS) >= 2, "the plain-field texts are split over several kawasan"
    assert all(len(t) <= 5000 for t in TEXTS) and all(len(t) <= 140 for t in TAGLINES)
    assert len(ALL) <= 50_000


@pytest.mark.slow
def test_no_page_runs_plan_code(vector_site) -> None:
    site, _ = vector_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10 * len(TEXTS)
    assert (site / "vektor-0" / "rencana" / "proyek-vektor" / "index.html").is_file()
    problems = scan_site(site, base="/portal/")
    assert not problems, "\n".join(problems[:40])


@pytest.mark.slow
def test_plain_text_survives_escaping_in_attributes_and_jsonld(vector_site) -> None:
    site, plans = vector_site
    for index, data in enumerate(plans):
        html = (site / f"vektor-{index}" / "index.html").read_text(encoding="utf-8")
        found = metas(html)
        assert found["og:title"] == data["name"], "og:title must be the name, escaped but complete"
        assert found["og:description"] == data["tagline"]
        (graph,) = jsonld_blocks(html)
        place = next(node for node in graph["@graph"] if node["@type"] == "Place")
        assert place["name"] == data["name"] and place["description"] == data["tagline"]
        project_html = (site / f"vektor-{index}" / "rencana" / "proyek-vektor" / "index.html").read_text(encoding="utf-8")
        (project,) = jsonld_blocks(project_html)
        assert project["name"] == data["projects"][0]["title"]
        assert project["funder"] == [{"@type": "Organization", "name": data["projects"][0]["funding"][0]["partner"]}]
        assert metas(project_html)["og:description"] == data["projects"][0]["summary"]


@pytest.mark.slow
def test_plain_text_is_shown_as_text(vector_site) -> None:
    site, plans = vector_site
    html = (site / "vektor-0" / "gagasan" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;script&gt;alert(1)&lt;/script&gt;".replace("&gt;", ">") in html
    assert "<svg/onload" not in html and "<img src=x onerror" not in html


@pytest.mark.slow
def test_markdown_keeps_safe_links(vector_site) -> None:
    site, _ = vector_site
    html = (site / "vektor-0" / "gagasan" / "index.html").read_text(encoding="utf-8")
    for href in ('href="mailto:bkm@contoh.id"', 'href="tel:+6281234567"', 'href="https://contoh.example"', 'href="../rencana/"'):
        assert href in html, href


@pytest.mark.slow
def test_documents_are_linked_without_a_scheme(vector_site) -> None:
    site, _ = vector_site
    html = (site / "vektor-0" / "dokumen" / "index.html").read_text(encoding="utf-8")
    href = re.search(r'href="([^"]*alert[^"]*\.pdf)"', html).group(1)
    assert not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", href), f"a scheme-like file name must be linked as a path: {href}"
    assert (site / "vektor-0" / "dokumen" / "javascript:alert(1).pdf").is_file()
    for name in HARMLESS_FILE_NAMES:
        assert (site / "vektor-0" / "dokumen" / name).is_file(), name


@pytest.mark.slow
def test_other_outputs_parse(vector_site) -> None:
    """The open data and feeds carry the same text; they must stay well-formed."""
    import xml.etree.ElementTree as ET

    site, plans = vector_site
    parsed = {path.relative_to(site).as_posix(): json.loads(path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.json"))}
    for index, data in enumerate(plans):
        published = parsed[f"vektor-{index}/data.json"]
        kawasan = published["kawasan"]
        assert kawasan["name"] == data["name"] and kawasan["tagline"] == data["tagline"], "text survives, unaltered"
        assert [p["title"] for p in published["projects"]] == [p["title"] for p in data["projects"]]
    feeds = sorted(site.rglob("*.xml"))
    assert feeds, "the vector plans have news, so there are feeds"
    for path in feeds:
        assert ET.fromstring(path.read_bytes()).tag in ("rss", "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset")


# --- fields that must refuse what cannot be made safe -----------------------------------------


def _load(tmp_path: Path, mutate) -> tuple[Any, list[str]]:
    folder = tmp_path / "plans" / "kampung"
    data = plan(photos=DROP)
    mutate(data, folder)
    write_plan(tmp_path / "plans", "kampung", data)
    loaded, errors, _ = load_plan(folder)
    messages = [str(e) for e in errors]
    assert not any("Unexpected error" in m or "tak terduga" in m for m in messages), messages
    return loaded, errors


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("where", ["partner", "document"])
def test_url_fields_accept_only_http_and_https(tmp_path: Path, url: str, where: str) -> None:
    def mutate(data: dict, folder: Path) -> None:
        if where == "partner":
            data["partners"] = [{"name": "Mitra", "url": url}]
        else:
            data["documents"] = [{"title": "RPLP", "url": url}]

    plan, errors = _load(tmp_path, mutate)
    assert plan is None and [e.field for e in errors] == ["partners[0].url" if where == "partner" else "documents[0].url"]


@pytest.mark.parametrize("name", FILE_NAMES)
def test_file_names_that_break_links_are_refused(tmp_path: Path, name: str) -> None:
    def mutate(data: dict, folder: Path) -> None:
        (folder / "documents").mkdir(parents=True)
        try:
            (folder / "documents" / name).write_bytes(b"%PDF-1.4\n")
        except OSError:
            pass
        data["documents"] = [{"title": "RPLP", "file": f"documents/{name}"}]

    plan, errors = _load(tmp_path, mutate)
    assert plan is None and [e.field for e in errors] == ["documents[0].file"]


@pytest.mark.parametrize("vector", [v for v in (*HTML, *MARKDOWN) if INVISIBLE.search(v)] + ["a\x00b", "a\ud800b", "a\ufffeb"])
def test_control_characters_are_refused(tmp_path: Path, vector: str) -> None:
    plan, errors = _load(tmp_path, lambda data, folder: data.update(name=vector))
    assert plan is None and [e.field for e in errors] == ["name"]
    assert "U+" in errors[0].message


def test_news_body_with_a_control_character_is_refused(tmp_path: Path) -> None:
    def mutate(data: dict, folder: Path) -> None:
        (folder / "news").mkdir(parents=True)
        (folder / "news" / "2026-11-02-kabar.md").write_text("---\ntitle: Kabar\ndate: 2026-11-02\n---\nIsi\x00 kabar.\n")

    plan, errors = _load(tmp_path, mutate)
    assert plan is None and [(e.file.name, e.line) for e in errors] == [("2026-11-02-kabar.md", 5)]


# --- the building blocks ----------------------------------------------------------------------------


@pytest.mark.parametrize("vector", (*HTML, *MARKDOWN))
def test_markdown_renderer_output_is_clean(vector: str) -> None:
    render = MarkdownRenderer(["attr_list", "md_in_html", "admonition", "tables", "pymdownx.superfences"])
    html = render(vector)
    problems = scan_page(f"<div>{html}</div>", "fragment.html", Path("."))
    assert not problems, problems
    again = sanitize(html)
    assert not scan_page(f"<div>{again}</div>", "fragment.html", Path("."))


@pytest.mark.parametrize("vector", (*HTML, *SHORT))
def test_jsonld_cannot_break_out_of_its_script(vector: str) -> None:
    text = dumps({"name": vector, "list": [vector]})
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == {"name": vector, "list": [vector]}
    page = f'<html><head><script type="application/ld+json">{text}</script></head><body></body></html>'
    assert not scan_page(page, "index.html", Path("."))
    (block,) = jsonld_blocks(page)
    assert block["name"] == vector


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("k/dokumen/", "k/dokumen/javascript:alert(1).pdf", "./javascript:alert(1).pdf"),
        ("k/dokumen/", "k/dokumen/data:text,x.pdf", "./data:text,x.pdf"),
        ("", "javascript:x/", "./javascript:x/"),
        ("k/dokumen/", "k/rencana/", "../rencana/"),
        ("k/", "k/dokumen/a:b.pdf", "dokumen/a:b.pdf"),
    ],
)
def test_relative_links_never_start_with_a_scheme(here: str, target: str, link: str) -> None:
    assert Urls.relative(here, target) == link
    assert not url_scheme(Urls.relative(here, target)).startswith(BAD_SCHEMES)


@pytest.mark.parametrize(
    "html",
    [
        '<a href="java&#x09;script:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)">x</a>',
        '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
        '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
        '<img src=x onerror=alert(1)>',
        '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
        '<form><button formaction="vbscript:x">x</button></form>',
        '<script>alert(1)</script>',
        '<script src="https://xss.example/x.js"></script>',
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>',
        '<iframe src="https://contoh.example"></iframe>',
        '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
        '<div style="background:url(javascript:alert(1))">x</div>',
        '<details open ontoggle=alert(1)>x</details>',
    ],
)
def test_the_scanner_sees_live_code(html: str) -> None:
    """The checks above are only worth something if they catch what they look for."""
    assert scan_page(f"<html><head></head><body>{html}</body></html>", "index.html", Path("."))
