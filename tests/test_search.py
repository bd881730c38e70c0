"""Search with Pagefind: the field in Material's header, the index per language, and a build that
still works (without search) when Pagefind is missing or fails."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from helpers.plans import LORONG_GARAM, plan
from helpers.sitebuild import REPO, build_site, copy_demo_plans, isolated_build, page, write_plan, write_site
from plpbk_plugin.i18n import translator
from plpbk_plugin.site.rendering.search import KEPT, add_field, build_index, find_pagefind, mark_page

HEADER = (
    '<header class="md-header" data-md-component="header"><nav class="md-header__inner md-grid" aria-label="Header">'
    '<a href="." class="md-logo">x</a>{source}</nav>{tabs}</header>'
    '<main><div class="md-content" data-md-component="content">'
    '<article class="md-content__inner md-typeset"><h1>Judul</h1></article></div></main>'
)


@pytest.mark.parametrize("source", ['<div class="md-header__source">repo</div>', ""])
def test_field_goes_where_materials_search_sits(source: str) -> None:
    page_html = HEADER.format(source=source, tabs='<nav class="md-tabs">tabs</nav>')
    out = add_field(page_html, "<FIELD>")
    header = out[out.index("<header"):out.index("</header>")]
    if source:
        assert "<FIELD>" + source in header
    else:
        assert "<FIELD></nav>" in header and header.index("<FIELD>") < header.index('<nav class="md-tabs">')
    assert add_field("<p>no theme header</p>", "<FIELD>") == "<p>no theme header</p>"


def test_marked_page_names_its_kawasan_escaped() -> None:
    out = mark_page(HEADER.format(source="", tabs=""), ("tambak-sari", 'Kampung "A" & <B>'))
    assert '<div class="md-content" data-md-component="content" data-pagefind-body data-pagefind-filter="kawasan:tambak-sari">' in out
    assert '<span hidden data-pagefind-ignore data-pagefind-meta="kawasan">Kampung &quot;A&quot; &amp; &lt;B&gt;</span>' in out
    plain = mark_page(HEADER.format(source="", tabs=""))
    assert '<div class="md-content" data-md-component="content" data-pagefind-body>' in plain and "data-pagefind-meta" not in plain


def _entry(site: Path) -> dict:
    return json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_demo_portal_has_a_pagefind_index_per_language_and_no_material_index(tmp_path: Path) -> None:
    copy_demo_plans(tmp_path)
    write_site(tmp_path, plugin={"languages": ["id", "en"]}, site_url="https://contoh.github.io/plpbk/")
    site = build_site(tmp_path)
    languages = _entry(site)["languages"]
    assert set(languages) == {"id", "en"}
    assert languages["id"]["page_count"] >= 30 and languages["en"]["page_count"] >= 30
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / f"wasm.{'id'}.pagefind").is_file()
    assert not (site / "search" / "search_index.json").exists()
    assert not (site / "pagefind" / "pagefind-ui.js").exists()  # Pagefind's own interface is not published
    project = page(site, "tambak-sari/rencana/jalan-rw03")
    header = project[project.index('<header class="md-header'):project.index("</header>")]
    assert 'name="query"' in header and 'role="dialog"' in header
    assert 'name="plpbk-scope" value="tambak-sari"' in header and "Hanya di Kampung Nelayan Tambak Sari" in header
    assert 'data-pagefind-body data-pagefind-filter="kawasan:tambak-sari"' in project
    assert "pagefind.js" not in project and not re.search(r'<script[^>]+src="[^"]*search', project)
    english = page(site, "en/tambak-sari/rencana/jalan-rw03")
    assert '<html lang="en"' in english and "Only in Kampung Nelayan Tambak Sari" in english
    home = page(site, "")
    assert 'name="query"' in home and "plpbk-scope" not in home and "data-pagefind-body" in home
    assert "data-pagefind-body" not in page(site, "tambak-sari/cetak")  # the flyer repeats the kawasan home
    assert 'name="query"' in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_single_kawasan_site_searches_without_the_kawasan_switch(tmp_path: Path) -> None:
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(tmp_path)
    site = build_site(tmp_path)
    assert _entry(site)["languages"]["id"]["page_count"] >= 3
    home = page(site, "")
    assert 'name="query"' in home and "plpbk-scope" not in home and "data-pagefind-filter" not in home


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.slow
def test_missing_pagefind_is_a_clear_warning_and_the_site_has_no_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(tmp_path)
    with caplog.at_level(logging.WARNING):
        site = isolated_build(tmp_path)
    (message,) = [w for w in _warnings(caplog) if "Pagefind" in w]
    assert "pagefind[bin]" in message and "tanpa pencarian" in message
    assert not (site / "pagefind").exists()
    home = page(site, "")
    assert "Lorong Garam" in home and 'name="query"' not in home


@pytest.mark.slow
def test_failing_pagefind_is_a_clear_warning_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: disk full while writing the index' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(tmp_path)
    with caplog.at_level(logging.WARNING):
        site = isolated_build(tmp_path)
    (message,) = [w for w in _warnings(caplog) if "Pagefind" in w]
    assert "3" in message and "disk full" in message and "tanpa pencarian" in message
    assert "Traceback" not in caplog.text
    assert (site / "index.html").is_file() and not (site / "pagefind").exists()


@pytest.mark.slow
def test_materials_own_search_plugin_is_named_and_left_in_charge(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(tmp_path)
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n- search\n", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        site = isolated_build(tmp_path)
    assert any("- search" in w for w in _warnings(caplog))
    assert (site / "search" / "search_index.json").is_file() and not (site / "pagefind").exists()
    assert page(site, "").count('name="query"') == 1  # Material's field only


@pytest.mark.slow
def test_mkdocs_serve_builds_the_index_in_the_background_under_the_subpath(tmp_path: Path) -> None:
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_site(tmp_path, site_url=f"http://127.0.0.1:{port}/portal/")
    log = tmp_path / "serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    with log.open("w") as out:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        entry = None
        for _ in range(240):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/portal/pagefind/pagefind-entry.json", timeout=2) as answer:
                    entry = json.loads(answer.read())
                break
            except (OSError, ValueError):
                time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/portal/", timeout=5) as answer:
            home = answer.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text(encoding="utf-8")
    assert entry is not None and entry["languages"]["id"]["page_count"] >= 3, text[-2000:]
    assert 'name="query"' in home
    assert "indeks pencarian dibuat di latar belakang" in text and "Indeks pencarian (Pagefind)" in text
    assert "Traceback" not in text


def _tiny_site(root: Path, words: str) -> Path:
    site = root / "site"
    for name, text in (("index.html", words), ("satu/index.html", "Rumah pompa pengendali rob")):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(f'<!doctype html><html lang="id"><head><title>{text}</title></head>'
                                 f'<body><main data-pagefind-body><h1>{text}</h1><p>{text}</p></main></body></html>', encoding="utf-8")
    return site


def _counting_pagefind(root: Path) -> tuple[Path, Path]:
    """A Pagefind that notes each run in a file, then runs the real one."""
    real = find_pagefind()
    if real is None:
        pytest.fail('Pagefind is missing: pip install "pagefind[bin]" (scripts/dev test does)')
    runs = root / "runs.txt"
    program = root / "pagefind"
    program.write_text(f'#!/bin/sh\necho run >> "{runs}"\nexec "{real}" "$@"\n', encoding="utf-8")
    program.chmod(0o755)
    return program, runs


def test_unchanged_pages_reuse_the_kept_index_and_a_changed_page_is_indexed_again(tmp_path: Path) -> None:
    program, runs = _counting_pagefind(tmp_path)
    cache = tmp_path / "cache"
    t = translator("id")
    site = _tiny_site(tmp_path, "Penghijauan lorong")
    first = build_index(site, program, t, cache_dir=cache)
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()}
    shutil.rmtree(site)  # as `mkdocs build` cleans the site folder
    site = _tiny_site(tmp_path, "Penghijauan lorong")
    again = build_index(site, program, t, cache_dir=cache)
    assert not first.cached and again.cached and again.pages == first.pages == {"id": 2}
    assert {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "pagefind").rglob("*") if p.is_file()} == files
    assert runs.read_text().count("run") == 1
    site = _tiny_site(tmp_path, "Taman baca warga")
    assert not build_index(site, program, t, cache_dir=cache).cached
    assert runs.read_text().count("run") == 2
    _tiny_site(tmp_path, "Sumur resapan")
    build_index(site, program, t, cache_dir=cache)
    assert len([p for p in (cache / "pagefind").iterdir() if not p.name.startswith(".")]) == KEPT  # older indexes let go


def test_a_cache_that_cannot_be_written_only_costs_a_pagefind_run(tmp_path: Path) -> None:
    program, runs = _counting_pagefind(tmp_path)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "pagefind").write_text("not a folder")  # nothing can be kept there, not even by root
    for _ in range(2):
        report = build_index(_tiny_site(tmp_path, "Penghijauan lorong"), program, translator("id"), cache_dir=cache)
        assert not report.cached and report.pages == {"id": 2}
    assert runs.read_text().count("run") == 2
