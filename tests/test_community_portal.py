"""A city portal gathering community sites: real builds, sources on loopback servers (good, broken, slow, hostile)."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shutil
import urllib.request
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from benchmarks.loopback import Loopback
from helpers.quality_kit import bind, build, serve
from helpers.sitebuild import REPO, build_site, write_site
from helpers.sources import community_data, rss

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory):
    """A community's own site, built by plpbk from the demo plan tambak-sari, served on loopback like GitHub Pages."""
    root = tmp_path_factory.mktemp("bkm-tambak-sari")
    shutil.copytree(REPO / "plans" / "tambak-sari", root / "plans" / "tambak-sari")
    write_site(root, plugin={"mode": "single"})
    server = bind()
    build(root, f"http://127.0.0.1:{server.port}/bkm/")
    with serve(root / "site", "/bkm/", server) as base:
        yield base


def portal(root: Path, communities: list[str], *, plans: tuple[str, ...] = ("cigadung-hijau",), **options) -> Path:
    for slug in plans:
        shutil.copytree(REPO / "plans" / slug, root / "plans" / slug)
    return write_site(root, plugin={"communities": communities, "communities_timeout": 3, **options})


def test_a_portal_shows_a_community_site_beside_its_own_kawasan(community: str, tmp_path: Path) -> None:
    source = community + "data.json"
    published = json.loads(urllib.request.urlopen(source, timeout=5).read())
    site = build_site(portal(tmp_path, [source]))
    home = (site / "index.html").read_text(encoding="utf-8")
    # a card linking to the community's own Beranda, saying where it comes from and when it was refreshed
    assert f'<a href="{community}">Kampung Nelayan Tambak Sari</a>' in home
    assert re.search(r'class="plpbk-origin">Dari 127\.0\.0\.1:\d+, diperbarui \d{1,2} \w+ \d{4}\.</p>', home)
    assert '<a href="cigadung-hijau/">Cigadung Hijau</a>' in home
    assert "2 kawasan" in home
    assert not (site / "tambak-sari").exists()  # the portal does not re-host the community's pages
    # totals, map, open data and feed include it
    data = json.loads((site / "data.json").read_text(encoding="utf-8"))
    local = json.loads((site / "cigadung-hijau" / "data.json").read_text(encoding="utf-8"))
    entry = next(e for e in data["kawasan"] if e["slug"] == "tambak-sari")
    assert (entry["url"], entry["data"], entry["totals"]) == (community, source, published["totals"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry["refreshed"])
    assert data["totals"]["cost"] == published["totals"]["cost"] + local["totals"]["cost"]
    assert data["totals"]["kawasan"] == 2
    rows = list(csv.DictReader(io.StringIO((site / "rencana.csv").read_text(encoding="utf-8-sig"))))
    assert {r["id"] for r in rows if r["kawasan"] == "tambak-sari"} == {p["id"] for p in published["projects"]}
    # a gathered project's row carries the investment plan's columns, as the community's own rencana.csv does
    for project in published["projects"]:
        row = next(r for r in rows if r["kawasan"] == "tambak-sari" and r["id"] == project["id"])
        expected = (project["planned"], project["place"] or "", " ".join(map(str, project["years"])))
        assert (int(row["planned"]), row["place"], row["years"]) == expected
        assert row["unit"] == (project["unit"] or "")
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert f"<link>{community}kabar/gotong-royong-mangrove/</link>" in feed
    assert "<category>Kampung Nelayan Tambak Sari</category>" in feed
    assert f'<a href="{community}"><circle' in home  # the map's marker links to the community too
    total = published["totals"]["cost"] + local["totals"]["cost"]
    assert f"Rp{total:,}".replace(",", ".") in home


def test_a_portal_of_communities_only_needs_no_plans(community: str, tmp_path: Path) -> None:
    site = build_site(portal(tmp_path, [community + "data.json"], plans=()))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{community}">Kampung Nelayan Tambak Sari</a>' in home
    assert json.loads((site / "data.json").read_text(encoding="utf-8"))["totals"]["kawasan"] == 1


def test_hostile_content_is_escaped_and_unlinked(tmp_path: Path) -> None:
    doc = community_data("lorong-garam", "https://bkm-lorong.github.io/")
    doc["kawasan"]["name"] = "<script>alert('nama')</script>Lorong"
    doc["kawasan"]["tagline"] = '<img src=x onerror="alert(1)">'
    doc["kawasan"]["location"]["city"] = '"><svg onload=alert(2)>'
    evil = json.loads(json.dumps(doc))
    evil["url"] = "javascript:alert(3)"
    with Loopback() as server:
        good = server.route("/lorong/data.json", body=json.dumps(doc).encode())
        server.route("/lorong/feed.xml", body=rss([
            ("<script>alert(4)</script>Kerja bakti", "javascript:alert(5)", "Mon, 02 Nov 2026 00:00:00 +0700", "x"),
            ("Kabar <b>baik</b>", "https://bkm-lorong.github.io/kabar/baik/", "Tue, 03 Nov 2026 00:00:00 +0700",
             '<img src=x onerror="alert(6)">Warga <a href="javascript:alert(7)">senang</a>'),
        ]))
        bad = server.route("/jahat/data.json", body=json.dumps(evil).encode())
        site = build_site(portal(tmp_path, [good, bad]))
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;nama&#39;)&lt;/script&gt;Lorong" in home
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in home
    for text in (home, (site / "feed.xml").read_text(encoding="utf-8")):  # markup: escaped
        assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text
    for text in (home, (site / "feed.xml").read_text(encoding="utf-8"), (site / "data.json").read_text(encoding="utf-8")):
        assert "javascript:" not in text  # data keeps text as text, but no such link anywhere
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert "<title>Kabar baik</title>" in feed and "<description>Warga senang</description>" in feed
    assert "Kerja bakti" not in feed  # an item whose link is not http(s) is left out
    assert home.count("plpbk-origin") == 1  # the source whose own url is javascript: is refused


def test_broken_sources_warn_fall_back_to_their_last_good_copy_and_fail_strict_builds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    doc = community_data("lorong-garam", "https://bkm-lorong.github.io/")
    with Loopback() as server:
        kept = server.route("/lorong/data.json", body=json.dumps(doc).encode(), etag='"1"')
        never = server.route("/baru/data.json", status=404)
        root = portal(tmp_path, [kept, never])
        build_site(root)
        server.route("/lorong/data.json", status=503)
        with caplog.at_level(logging.WARNING):
            site = build_site(root)
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert any(kept in w and "HTTP 503" in w and "salinan baik terakhirnya" in w for w in warnings)
        assert any(never in w and "HTTP 404" in w and "tidak ditampilkan" in w for w in warnings)
        home = (site / "index.html").read_text(encoding="utf-8")
        assert "Lorong Garam" in home and "situs itu sedang tidak bisa dihubungi" in home
        slugs = [e["slug"] for e in json.loads((site / "data.json").read_text(encoding="utf-8"))["kawasan"]]
        assert slugs == ["cigadung-hijau", "lorong-garam"]
        with pytest.raises(Abort):
            build_site(root, strict=True)


def test_a_source_that_never_answers_delays_the_build_by_its_timeout_only(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The servers answer nothing, or a byte a second, until they stop after the build: only the deadline can end it."""
    with Loopback() as server:
        silent = server.route("/diam/data.json", hang=True)
        dripping = server.route("/tetes/data.json", body=b'{"format": "plpbk-kawasan"}' * 50, trickle=1.0)
        root = portal(tmp_path, [silent, dripping], communities_timeout=2)
        with caplog.at_level(logging.WARNING):
            site = build_site(root)
        assert server.sent.get("/tetes/data.json", 0) <= 3  # cut at the deadline, not at the end of the body
    assert '<a href="cigadung-hijau/">Cigadung Hijau</a>' in (site / "index.html").read_text(encoding="utf-8")
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert all(any(url in w and "dalam 2 detik" in w for w in warnings) for url in (silent, dripping))


def test_communities_need_a_portal_and_https(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    for name, options, words in (
        ("a", {"communities": ["https://bkm.github.io/data.json"], "mode": "single"}, "mode: single"),
        ("b", {"communities": ["http://bkm.github.io/data.json"]}, "http://bkm.github.io/data.json: hanya alamat https"),
        ("c", {"communities": ["https://bkm.github.io/data.json"], "communities_timeout": 0}, "paling banyak 120"),
    ):
        caplog.clear()
        with pytest.raises(Abort):
            build_site(portal(tmp_path / name, **options))
        assert any(words in r.getMessage() for r in caplog.records if r.levelno == logging.ERROR)
