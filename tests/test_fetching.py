"""Fetching community sources: only https (or loopback http), bounded in time and size, conditional."""

from __future__ import annotations

import threading
import time

import pytest

from helpers.sources import SourceServer
from plpbk_plugin.site import fetching
from plpbk_plugin.site.fetching import Failure, Response, Validators, allowed, fetch, fetch_all


@pytest.fixture
def server():
    with SourceServer() as running:
        yield running


def test_a_good_source_then_a_conditional_request_by_etag(server: SourceServer) -> None:
    url = server.route("/k/data.json", body=b'{"ok": true}', etag='"v1"')
    first = fetch(url)
    assert isinstance(first, Response) and (first.status, first.body, first.validators.etag) == (200, b'{"ok": true}', '"v1"')
    again = fetch(url, first.validators)
    assert isinstance(again, Response) and (again.status, again.body) == (304, b"")
    assert server.requests[-1][1].get("If-None-Match") == '"v1"'
    server.route("/k/data.json", body=b'{"ok": 2}', etag='"v2"')
    changed = fetch(url, first.validators)
    assert isinstance(changed, Response) and (changed.status, changed.body) == (200, b'{"ok": 2}')


def test_a_conditional_request_by_last_modified(server: SourceServer) -> None:
    stamp = "Tue, 01 Dec 2026 10:00:00 GMT"
    url = server.route("/k/data.json", body=b"{}", last_modified=stamp)
    first = fetch(url)
    assert isinstance(first, Response) and first.validators.last_modified == stamp
    again = fetch(url, first.validators)
    assert isinstance(again, Response) and again.status == 304
    assert server.requests[-1][1].get("If-Modified-Since") == stamp


@pytest.mark.parametrize("status", [404, 500, 403])
def test_an_error_status_is_a_failure(server: SourceServer, status: int) -> None:
    assert fetch(server.route("/x", status=status, body=b"no")) == Failure("status", {"status": status})


def test_a_source_that_never_answers_costs_its_timeout_and_no_more(server: SourceServer) -> None:
    started = time.monotonic()
    assert fetch(server.route("/hang", hang=True), timeout=1.0).reason == "timeout"
    assert time.monotonic() - started < 2.0


def test_a_body_dripping_byte_by_byte_cannot_outlast_the_timeout(server: SourceServer) -> None:
    started = time.monotonic()
    assert fetch(server.route("/drip", body=b"x" * 200, drip=0.05), timeout=1.0).reason == "timeout"
    assert time.monotonic() - started < 2.0


def test_oversized_bodies_are_refused_declared_or_not_compressed_or_not(server: SourceServer) -> None:
    big = b"[" + b"0," * (600 * 1024) + b"0]"
    assert fetch(server.route("/big", body=big), max_bytes=1024 * 1024).reason == "too_large"
    bomb = server.route("/bomb", body=b" " * (64 * 1024 * 1024), gzip=True)  # 64 MB in about 64 KB
    assert fetch(bomb, max_bytes=1024 * 1024) == Failure("too_large", {"limit": 1024 * 1024})
    small = fetch(server.route("/small", body=b'{"z": 1}', gzip=True))
    assert isinstance(small, Response) and small.body == b'{"z": 1}'


def test_redirects_stay_on_https_or_loopback_and_are_limited(server: SourceServer) -> None:
    server.route("/real/data.json", body=b"{}")
    moved = fetch(server.route("/old/data.json", location="/real/data.json", status=301))
    assert isinstance(moved, Response) and moved.url == server.url("/real/data.json")
    away = fetch(server.route("/away", location="http://example.org/data.json"))
    assert away == Failure("redirect_scheme", {"url": "http://example.org/data.json"})
    assert fetch(server.route("/loop", location="/loop")).reason == "redirects"
    assert len([path for path, _ in server.requests if path == "/loop"]) == 6


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://bkm.github.io/data.json", True),
        ("http://127.0.0.1:8000/data.json", True),
        ("http://localhost/data.json", True),
        ("http://[::1]:8000/data.json", True),
        ("http://bkm.github.io/data.json", False),
        ("http://10.0.0.1/data.json", False),
        ("ftp://bkm.github.io/data.json", False),
        ("javascript:alert(1)", False),
        ("https://user:secret@bkm.github.io/data.json", False),
        ("https://bkm.github.io:http/data.json", False),
        ("data.json", False),
    ],
)
def test_only_https_or_loopback_http(url: str, ok: bool) -> None:
    assert allowed(url) is ok
    if not ok:
        assert fetch(url) == Failure("scheme", {"url": url})  # refused before any connection


def test_many_silent_sources_are_bounded_by_the_budget(server: SourceServer) -> None:
    hang = server.route("/hang", hang=True)
    good = server.route("/good", body=b"{}")
    started = time.monotonic()
    outcomes = fetch_all([(hang, None)] * 12 + [(good, Validators())], timeout=1.0, workers=4, budget=1.5)
    assert time.monotonic() - started < 3.5
    assert [o.reason for o in outcomes[:12] if isinstance(o, Failure)] == ["timeout"] * 12
    assert isinstance(outcomes[-1], Failure)  # its turn came after the budget


def test_a_fetch_stuck_beyond_its_deadline_is_not_waited_for(monkeypatch: pytest.MonkeyPatch) -> None:
    """A name lookup that hangs is not bounded by socket timeouts: the pool stops waiting for it."""
    release = threading.Event()

    def stuck(url: str, validators: Validators | None = None, *, timeout: float, max_bytes: int) -> Response:
        release.wait(30)
        return Response(url, 200, b"{}")

    monkeypatch.setattr(fetching, "fetch", stuck)
    started = time.monotonic()
    outcomes = fetch_all([("https://macet.example/data.json", None)], timeout=0.5, budget=0.5)
    elapsed = time.monotonic() - started
    release.set()
    assert outcomes == [Failure("timeout", {"seconds": 0.5})]
    assert elapsed < 0.5 + 0.5 + fetching.GRACE + 1.0
