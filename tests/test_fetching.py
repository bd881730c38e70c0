"""Fetching community sources with httpx: only https (or loopback http), bounded in time and size, conditional, through proxies."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from benchmarks.loopback import Loopback, Proxy, Reply, trusted
from plpbk_plugin.site.sources.fetching import Failure, Response, Validators, allowed, fetch, fetch_all, retry_after


@pytest.fixture
def server():
    with Loopback() as running:
        yield running


def test_a_good_source_then_a_conditional_request_by_etag(server: Loopback) -> None:
    url = server.route("/k/data.json", body=b'{"ok": true}', etag='"v1"')
    first = fetch(url)
    assert isinstance(first, Response) and (first.status, first.body, first.validators.etag) == (200, b'{"ok": true}', '"v1"')
    assert first.content_type == "application/json"
    again = fetch(url, first.validators)
    assert isinstance(again, Response) and (again.status, again.body) == (304, b"")
    assert server.requests[-1].headers.get("if-none-match") == '"v1"'
    server.route("/k/data.json", body=b'{"ok": 2}', etag='"v2"')
    changed = fetch(url, first.validators)
    assert isinstance(changed, Response) and (changed.status, changed.body) == (200, b'{"ok": 2}')


def test_a_conditional_request_by_last_modified(server: Loopback) -> None:
    stamp = "Tue, 01 Dec 2026 10:00:00 GMT"
    url = server.route("/k/data.json", body=b"{}", last_modified=stamp)
    first = fetch(url)
    assert isinstance(first, Response) and first.validators.last_modified == stamp
    again = fetch(url, first.validators)
    assert isinstance(again, Response) and again.status == 304
    assert server.requests[-1].headers.get("if-modified-since") == stamp


def test_what_plpbk_asks_for_and_what_it_never_sends(server: Loopback) -> None:
    url = server.route("/k/data.json", body=b"{}", headers={"Set-Cookie": "sesi=rahasia; Path=/"})
    fetch_all([(url, None), (url, None)], workers=1)
    first, second = (request.headers for request in server.requests)
    assert first["accept-encoding"] == "gzip" and first["accept"] == "application/json"
    assert first["user-agent"].startswith("plpbk ")
    assert "cookie" not in second  # no cookies kept from one source to the next


def test_fetching_beside_a_running_event_loop(server: Loopback) -> None:
    """A build started where an event loop already runs (a notebook, Playwright's sync API) still fetches."""
    url = server.route("/k/data.json", body=b"{}")

    async def inside() -> Response | Failure:
        return fetch(url)

    assert isinstance(asyncio.run(inside()), Response)


@pytest.mark.parametrize("status", [404, 500, 403])
def test_an_error_status_is_a_failure(server: Loopback, status: int) -> None:
    assert fetch(server.route("/x", status=status, body=b"no")) == Failure("status", {"status": status})


def test_a_source_that_never_answers_is_given_up_at_its_deadline(server: Loopback) -> None:
    assert fetch(server.route("/hang", hang=True), timeout=1.0) == Failure("timeout", {"seconds": 1.0})


def test_the_deadline_covers_the_whole_body(server: Loopback) -> None:
    """A byte a second, 200 bytes: only the deadline can end this fetch before the server does."""
    assert fetch(server.route("/drip", body=b"x" * 200, trickle=1.0), timeout=1.0).reason == "timeout"
    assert server.sent.get("/drip", 0) <= 2


def test_the_deadline_covers_redirects(server: Loopback) -> None:
    server.route("/hang", hang=True)
    assert fetch(server.route("/moved", location="/hang"), timeout=1.0).reason == "timeout"
    assert server.paths() == ["/moved", "/hang"]


def test_oversized_bodies_are_refused_declared_or_not_compressed_or_not(server: Loopback) -> None:
    big = b"[" + b"0," * (600 * 1024) + b"0]"
    assert fetch(server.route("/big", body=big), max_bytes=1024 * 1024).reason == "too_large"
    assert fetch(server.route("/big-chunked", body=big, chunked=True), max_bytes=1024 * 1024).reason == "too_large"
    bomb = server.route("/bomb", body=b" " * (64 * 1024 * 1024), gzip=True)  # 64 MB in about 64 KB
    assert fetch(bomb, max_bytes=1024 * 1024) == Failure("too_large", {"limit": 1024 * 1024})
    small = fetch(server.route("/small", body=b'{"z": 1}', gzip=True))
    assert isinstance(small, Response) and small.body == b'{"z": 1}'


def test_a_broken_or_unknown_compression_is_named(server: Loopback) -> None:
    broken = server.route("/broken", Reply(b"\x1f\x8b\x08\x00not gzip at all", headers={"Content-Encoding": "gzip"}))
    assert fetch(broken).reason == "compressed"
    brotli = server.route("/br", Reply(b"\x0b\x02\x80{}\x03", headers={"Content-Encoding": "br"}))
    assert fetch(brotli) == Failure("encoding", {"encoding": "br"})


def test_redirects_stay_on_https_or_loopback_and_are_limited(server: Loopback) -> None:
    server.route("/real/data.json", body=b"{}")
    moved = fetch(server.route("/old/data.json", location="/real/data.json", status=301))
    assert isinstance(moved, Response) and moved.url == server.url("/real/data.json")
    away = fetch(server.route("/away", location="http://example.org/data.json"))
    assert away == Failure("redirect_scheme", {"url": "http://example.org/data.json"})
    assert fetch(server.route("/loop", location="/loop")).reason == "redirects"
    assert server.paths().count("/loop") == 6


def test_a_busy_server_is_asked_again_only_when_its_retry_after_fits_the_deadline(server: Loopback) -> None:
    url = server.route("/busy", Reply(status=503, headers={"Retry-After": "0"}), Reply(b"{}"))
    answer = fetch(url, timeout=2.0)
    assert isinstance(answer, Response) and answer.body == b"{}" and server.paths() == ["/busy", "/busy"]
    later = server.route("/later", status=429, headers={"Retry-After": "3600"})
    assert fetch(later, timeout=2.0) == Failure("busy", {"status": 429, "after": 3600.0})
    assert server.paths().count("/later") == 1  # no retry beyond the deadline
    again = server.route("/again", Reply(status=503, headers={"Retry-After": "0"}), Reply(status=503, headers={"Retry-After": "0"}))
    assert fetch(again, timeout=2.0).reason == "busy" and server.paths().count("/again") == 2  # once only


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = dt.datetime(2026, 12, 1, 10, 0, tzinfo=dt.UTC)
    assert retry_after("120", now) == 120.0
    assert retry_after("Tue, 01 Dec 2026 10:02:00 GMT", now) == 120.0
    assert retry_after("Tue, 01 Dec 2026 09:00:00 GMT", now) == 0.0
    assert retry_after("besok", now) is None and retry_after(None, now) is None


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


def test_many_silent_sources_are_bounded_by_the_budget(server: Loopback) -> None:
    hang = server.route("/hang", hang=True)
    good = server.route("/good", body=b"{}")
    outcomes = fetch_all([(hang, None)] * 12 + [(good, Validators())], timeout=1.0, workers=4, budget=1.5)
    assert [o.reason for o in outcomes[:12] if isinstance(o, Failure)] == ["timeout"] * 12
    assert isinstance(outcomes[-1], Failure)  # its turn came after the budget
    assert server.paths().count("/hang") == 8 and "/good" not in server.paths()  # two waves of four, then nothing


def test_a_community_s_two_files_share_a_connection(server: Loopback) -> None:
    """``together``: a community's data.json and feed.xml go one after the other on one connection (one TLS handshake)."""
    pairs = [(server.route(f"/{i}/data.json", body=b"{}"), None) for i in range(4)]
    pairs = [item for pair in pairs for item in (pair, (pair[0].replace("data.json", "feed.xml"), None))]
    fetch_all(pairs, workers=8, together=2)
    assert server.connections == 4 and len(server.requests) == 8
    fetch_all(pairs, workers=8)
    assert server.connections == 4 + 8


def test_at_most_the_given_number_at_once(server: Loopback) -> None:
    hang = server.route("/hang", hang=True)
    fetch_all([(hang, None)] * 40, timeout=1.0, workers=32, budget=1.0)
    assert server.paths().count("/hang") == 32


# -- proxies from the environment --------------------------------------------------------------------


@pytest.fixture
def tls_site(monkeypatch: pytest.MonkeyPatch):
    """https://bkm.test:<port>/ served on loopback with a certificate the client trusts (SSL_CERT_FILE); no proxy set."""
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    context, ca_file = trusted("bkm.test")
    monkeypatch.setenv("SSL_CERT_FILE", str(ca_file))
    with Loopback(tls=context) as running:
        running.route("/data.json", body=b'{"lewat": "proxy"}')
        yield running, f"https://bkm.test:{running.port}/data.json"


def test_https_goes_through_the_proxy_of_the_environment(tls_site: tuple[Loopback, str], monkeypatch: pytest.MonkeyPatch) -> None:
    server, url = tls_site
    assert fetch(url, timeout=2.0) == Failure("dns", {"host": "bkm.test"})  # no proxy: the name means nothing here
    with Proxy() as proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy.url)
        answer = fetch(url, timeout=2.0)
        assert isinstance(answer, Response) and answer.body == b'{"lewat": "proxy"}'
        assert proxy.tunnels == [f"bkm.test:{server.port}"]
        monkeypatch.setenv("NO_PROXY", "bkm.test")
        assert fetch(url, timeout=2.0).reason == "dns"  # NO_PROXY is honoured
        assert len(proxy.tunnels) == 1


def test_a_proxy_that_refuses_is_named(tls_site: tuple[Loopback, str], monkeypatch: pytest.MonkeyPatch) -> None:
    _server, url = tls_site
    with Proxy(refuse=True) as proxy:
        monkeypatch.setenv("https_proxy", proxy.url)
        failure = fetch(url, timeout=2.0)
    assert isinstance(failure, Failure) and failure.reason == "proxy" and "403" in str(failure.details["error"])


def test_certificates_that_cannot_be_read_are_named(server: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", "/tidak/ada/sertifikat-kantor.pem")
    failure = fetch(server.route("/k/data.json", body=b"{}"))
    assert failure == Failure("certificates", {"error": "No such file or directory"})


def test_loopback_addresses_never_go_through_a_proxy(server: Loopback, monkeypatch: pytest.MonkeyPatch) -> None:
    url = server.route("/k/data.json", body=b"{}")
    with Proxy() as proxy:
        monkeypatch.setenv("ALL_PROXY", proxy.url)
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        assert isinstance(fetch(url), Response) and proxy.tunnels == []
