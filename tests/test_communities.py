"""Community sources: checked as untrusted input, kept as a last good copy, reported by URL."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks.loopback import Loopback
from helpers.sources import community_data, rss
from plpbk_plugin.i18n import translator
from plpbk_plugin.site.sources.communities import Community, SourceProblem, gather, read_document, unique_slug

NOW = dt.datetime(2026, 12, 1, 5, 0, tzinfo=dt.UTC)
T = translator("id")


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    return community_data("tambak-sari", "https://bkm-tambak-sari.github.io/")


@pytest.fixture
def server():
    with Loopback() as running:
        yield running


def body(data: Any) -> bytes:
    return json.dumps(data).encode("utf-8")  # \u escapes: a lone surrogate travels as a server would send it


def read(data: Any, source: str = "https://bkm-tambak-sari.github.io/data.json") -> Community | SourceProblem:
    return read_document(data if isinstance(data, bytes) else body(data), source, NOW)


def test_a_published_data_json_becomes_a_community(doc: dict[str, Any]) -> None:
    found = read(doc)
    assert isinstance(found, Community)
    assert found.kawasan.name == "Kampung Nelayan Tambak Sari" and found.slug == "tambak-sari"
    assert found.home == "https://bkm-tambak-sari.github.io/"
    first = doc["projects"][0]
    assert found.url(f"rencana/{first['id']}") == first["url"]
    assert found.totals.money.cost == doc["totals"]["cost"] and found.totals.money.gap == doc["totals"]["gap"]
    assert found.refreshed == NOW and not found.stale


def changed(doc: dict[str, Any], edit: Any) -> dict[str, Any]:
    data = copy.deepcopy(doc)
    edit(data)
    return data


@pytest.mark.parametrize(
    ("edit", "reason", "words"),
    [
        (lambda d: d.update(format="plpbk-portal"), "portal", "data.json sebuah portal"),
        (lambda d: d.update(format="geojson"), "format", '"geojson"'),
        (lambda d: d.update(version=2), "version", "versi 2"),
        (lambda d: d.pop("totals"), "schema", "totals"),
        (lambda d: d["projects"][0].update(cost=-5), "schema", "projects/0/cost"),
        (lambda d: d.update(url="javascript:alert(1)"), "schema", "url"),
        (lambda d: d["projects"][0].update(url="javascript:alert(1)"), "schema", "projects/0/url"),
        (lambda d: d["kawasan"].update(tagline="x" * 100_000), "schema", "kawasan/tagline"),
        (lambda d: d["kawasan"]["organization"]["contact"].update(email="<svg onload=x>"), "schema", "kawasan"),
        (lambda d: d["kawasan"].update(name="Kampung\u001b[2J"), "invisible", "U+001B"),
        (lambda d: d["kawasan"].update(name="\ud800"), "invisible", "U+D800"),
        (lambda d: d.update(projects=d["projects"] * 100), "projects", "lebih dari 500"),
    ],
)
def test_documents_that_cannot_be_used_say_why(doc: dict[str, Any], edit: Any, reason: str, words: str) -> None:
    found = read(changed(doc, edit))
    assert isinstance(found, SourceProblem) and found.reason == reason
    assert words in found.text(T)
    assert len(found.text(T)) < 400  # a huge value is never repeated in full


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"{not json", "bukan JSON"),
        (b"[" * 100_000, "bersarang terlalu dalam"),
        (b"1" * 5000, "bukan JSON"),
        (b'{"format": "plpbk-kawasan", "version": NaN}', "bukan JSON"),
        (b"\xff\xfe\x00", "bukan teks UTF-8"),
        (b'{"name": "Kamp\xffung"}', "bukan teks UTF-8 (ada bita tidak sah di posisi 14)"),
        (b"[]", "bukan data.json"),
    ],
)
def test_broken_json_says_so(data: bytes, words: str) -> None:
    found = read(data)
    assert isinstance(found, SourceProblem) and words in found.text(T)


def test_a_community_without_site_url_links_to_the_folder_of_its_data_json(doc: dict[str, Any]) -> None:
    found = read(changed(doc, lambda d: d.update(url=None)), "https://bkm.github.io/situs/data.json")
    assert isinstance(found, Community) and found.home == "https://bkm.github.io/situs/"
    other = read(changed(doc, lambda d: d.update(url=None)), "https://bkm.github.io/api?kawasan=1")
    assert isinstance(other, Community) and other.home is None  # shown unlinked


def test_hostile_text_is_kept_as_text_for_the_templates_to_escape(doc: dict[str, Any]) -> None:
    found = read(changed(doc, lambda d: d["kawasan"].update(name="<script>alert(1)</script>")))
    assert isinstance(found, Community) and found.kawasan.name == "<script>alert(1)</script>"


def test_slugs_are_made_unique_on_the_portal(doc: dict[str, Any]) -> None:
    found = read(doc)
    assert isinstance(found, Community)
    taken = {"tambak-sari"}
    assert unique_slug(found, taken).slug == "tambak-sari-2"
    assert unique_slug(found, taken).slug == "tambak-sari-3"


# -- gathering: fetch, check, keep, fall back --------------------------------------------------------


def test_good_sources_are_kept_then_asked_conditionally(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    url = server.route("/tambak-sari/data.json", body=body(doc), etag='"v1"')
    [first] = gather([url], tmp_path, now=lambda: NOW)
    assert first.state == "fresh" and first.community is not None and first.messages(T) == []
    later = NOW + dt.timedelta(days=1)
    [second] = gather([url], tmp_path, now=lambda: later)
    assert second.state == "unchanged" and second.community.refreshed == later
    asked = [r.headers for r in server.requests if r.path == "/tambak-sari/data.json"]
    assert "if-none-match" not in asked[0] and asked[1]["if-none-match"] == '"v1"'


def test_a_broken_source_falls_back_to_its_last_good_copy_with_its_date(
    server: Loopback, doc: dict[str, Any], tmp_path: Path
) -> None:
    url = server.route("/k/data.json", body=body(doc))
    gather([url], tmp_path, now=lambda: NOW)
    for broken in ({"status": 500}, {"body": b"<html>maintenance</html>"}, {"body": body(changed(doc, lambda d: d.update(version=9)))}):
        server.route("/k/data.json", **broken)
        [found] = gather([url], tmp_path, now=lambda: NOW + dt.timedelta(days=3))
        assert found.state == "cached" and found.community is not None and found.community.stale
        assert found.community.refreshed == NOW
        [message] = found.messages(T)
        assert url in message and "salinan baik terakhir" in message and "1 Desember 2026" in message


def test_a_broken_source_without_a_copy_is_left_out(server: Loopback, tmp_path: Path) -> None:
    url = server.route("/k/data.json", status=404)
    [found] = gather([url], tmp_path, now=lambda: NOW)
    assert found.state == "missing" and found.community is None
    [message] = found.messages(T)
    assert url in message and "HTTP 404" in message and "tidak ditampilkan" in message


def test_check_mode_reads_and_writes_no_copy(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    url = server.route("/k/data.json", body=body(doc), etag='"v1"')
    gather([url], None, now=lambda: NOW)
    gather([url], None, now=lambda: NOW)
    assert all("if-none-match" not in r.headers for r in server.requests)


def test_news_from_the_feed_beside_data_json(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    url = server.route("/k/data.json", body=body(doc))
    server.route("/k/feed.xml", body=rss([
        ("Kerja <b>bakti</b> pantai", "https://bkm.github.io/kabar/kerja-bakti/", "Mon, 02 Nov 2026 00:00:00 +0700",
         "<script>alert(1)</script>Warga <em>membersihkan</em> pantai."),
        ("Tautan jahat", "javascript:alert(1)", "Tue, 03 Nov 2026 00:00:00 +0700", "x"),
        ("Tanpa tanggal", "https://bkm.github.io/kabar/x/", "", "x"),
    ]))
    [found] = gather([url], tmp_path, now=lambda: NOW)
    assert found.community is not None and found.messages(T) == []
    [entry] = found.community.news
    assert (entry.title, entry.published.date().isoformat(), entry.url) == ("Kerja bakti pantai", "2026-11-02", "https://bkm.github.io/kabar/kerja-bakti/")
    assert entry.summary == "Warga membersihkan pantai."


def test_a_hostile_feed_is_refused_and_named(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    url = server.route("/k/data.json", body=body(doc))
    bomb = b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss><channel><item><title>&b;</title></item></channel></rss>'
    server.route("/k/feed.xml", body=bomb)
    [found] = gather([url], tmp_path, now=lambda: NOW)
    assert found.state == "fresh" and found.community is not None and found.community.news == ()
    [message] = found.messages(T)
    assert url in message and "kabar" in message


def test_a_cache_that_cannot_be_written_does_not_stop_the_build(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    url = server.route("/k/data.json", body=body(doc))
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be")
    [found] = gather([url], blocked, now=lambda: NOW)
    assert found.state == "fresh" and found.community is not None and found.messages(T) == []


def test_an_unchanged_source_is_not_read_again(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    """A 304 costs no parsing or checking: the portal uses what it read from the copy before (the body is not opened)."""
    url = server.route("/k/data.json", body=body(doc), etag='"v1"')
    [first] = gather([url], tmp_path, now=lambda: NOW)
    for kept in (tmp_path / "communities").glob("*.body"):
        kept.write_bytes(b"not read again")
    [second] = gather([url], tmp_path, now=lambda: NOW + dt.timedelta(days=1))
    assert second.state == "unchanged" and second.community is not None
    assert second.community.kawasan == first.community.kawasan and second.community.digest == first.community.digest
    assert second.community.refreshed == NOW + dt.timedelta(days=1)


def test_the_portal_keeps_a_summary_with_the_calls(doc: dict[str, Any]) -> None:
    found = read(doc)
    assert isinstance(found, Community)
    summary = found.kawasan
    assert [p.id for p in summary.projects] == [p["id"] for p in doc["projects"]]
    assert [(p.cost, p.gap) for p in summary.projects] == [(p["cost"], p["gap"]) for p in doc["projects"]]
    call = summary.calls[0]
    published = doc["calls"][0]
    assert (call.id, call.title, call.amount_sought, call.deadline) == (
        published["id"], published["title"], published["amount_sought"], published["deadline"])
    assert call.partner_types and call.sectors and call.url == f"https://bkm-tambak-sari.github.io/kemitraan/{call.id}/"
    assert not hasattr(summary, "transformation")  # the plan's texts stay on the community's site


def test_a_second_confirmation_on_the_same_day_writes_nothing(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    """Hourly rebuilds: a source that answers 304 again the same day leaves its kept files as they are."""
    url = server.route("/k/data.json", body=body(doc), etag='"v1"')
    gather([url], tmp_path, now=lambda: NOW)
    written = {p: p.stat().st_mtime_ns for p in (tmp_path / "communities").iterdir()}
    [again] = gather([url], tmp_path, now=lambda: NOW + dt.timedelta(hours=3))
    assert again.state == "unchanged" and again.community is not None
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "communities").iterdir()} == written


NEWS = rss([("Kerja bakti pantai", "https://bkm.github.io/kabar/kerja-bakti/", "Mon, 02 Nov 2026 00:00:00 +0700", "Warga.")])


def test_a_feed_that_data_json_says_is_unchanged_is_not_fetched_again(server: Loopback, tmp_path: Path) -> None:
    """data.json names the sha256 of its feed: a daily rebuild asks only for data.json (a 304), not for the feed."""
    announced = community_data("tambak-sari", "https://bkm-tambak-sari.github.io/", feed=NEWS)
    url = server.route("/k/data.json", body=body(announced), etag='"v1"')
    server.route("/k/feed.xml", body=NEWS, etag='"f1"')
    [first] = gather([url], tmp_path, now=lambda: NOW)
    assert server.paths() == ["/k/data.json", "/k/feed.xml"]
    [second] = gather([url], tmp_path, now=lambda: NOW + dt.timedelta(days=1))
    assert server.paths()[2:] == ["/k/data.json"]  # the feed is known: not asked for
    assert second.state == "unchanged" and second.community is not None and second.messages(T) == []
    assert second.community.news == first.community.news and [e.title for e in second.community.news] == ["Kerja bakti pantai"]


def test_a_feed_whose_announced_hash_changed_is_fetched(server: Loopback, tmp_path: Path) -> None:
    url = server.route("/k/data.json", body=body(community_data("tambak-sari", "https://bkm-tambak-sari.github.io/", feed=NEWS)))
    server.route("/k/feed.xml", body=NEWS)
    gather([url], tmp_path, now=lambda: NOW)
    newer = rss([("Pompa selesai", "https://bkm.github.io/kabar/pompa/", "Tue, 03 Nov 2026 00:00:00 +0700", "Pompa.")])
    server.route("/k/data.json", body=body(community_data("tambak-sari", "https://bkm-tambak-sari.github.io/", feed=newer)))
    server.route("/k/feed.xml", body=newer)
    [found] = gather([url], tmp_path, now=lambda: NOW + dt.timedelta(days=1))
    assert server.paths().count("/k/feed.xml") == 2
    assert found.community is not None and [e.title for e in found.community.news] == ["Pompa selesai"]


def test_a_data_json_that_says_it_has_no_feed_costs_no_feed_request(server: Loopback, tmp_path: Path) -> None:
    url = server.route("/k/data.json", body=body(community_data("tambak-sari", "https://bkm-tambak-sari.github.io/", feed=None)))
    [found] = gather([url], tmp_path, now=lambda: NOW)
    assert server.paths() == ["/k/data.json"]
    assert found.community is not None and found.community.news == () and found.messages(T) == []


def test_an_earlier_data_json_without_feed_news_still_gets_its_feed_fetched(server: Loopback, doc: dict[str, Any], tmp_path: Path) -> None:
    assert "feed" not in doc
    url = server.route("/k/data.json", body=body(doc), etag='"v1"')
    server.route("/k/feed.xml", body=NEWS, etag='"f1"')
    gather([url], tmp_path, now=lambda: NOW)
    [again] = gather([url], tmp_path, now=lambda: NOW + dt.timedelta(days=1))
    assert server.paths() == ["/k/data.json", "/k/feed.xml"] * 2
    assert again.community is not None and [e.title for e in again.community.news] == ["Kerja bakti pantai"]
