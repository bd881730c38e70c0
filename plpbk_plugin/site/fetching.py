"""Fetching community sources over HTTP: bounded, conditional, and careful with what comes back.

A source is fetched with ``http.client`` (no proxy, no cookies): https with the system's
certificate checks, plain http only to a loopback address (how tests and local previews serve
sources). Each fetch has one deadline for connecting, redirects and the whole body, so a server
that answers byte by byte cannot hold a build longer than its timeout; bodies over the size cap
are refused while reading, compressed or not. Conditional requests (``If-None-Match``,
``If-Modified-Since``) let an unchanged source answer ``304`` with no body. Several sources are
fetched at once by a bounded thread pool.

Failures are :class:`Failure` values with a reason code and details, never exceptions: the
caller words them in the site's language.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

MAX_BYTES = 4 * 1024 * 1024
"""A community's data.json is tens of KB; a few MB is far beyond any real plan."""
TIMEOUT = 15.0
"""Seconds for one source: connecting, every redirect and the whole body."""
MAX_REDIRECTS = 5
WORKERS = 32
USER_AGENT = "plpbk (+https://github.com/plpbk-demo/plpbk)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
GRACE = 1.0
"""Seconds past the last deadline before a fetch that ignores it is given up."""


@dataclass(frozen=True)
class Validators:
    """What a previous response said about its version, for a conditional request."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found


@dataclass(frozen=True)
class Response:
    """A body (``status`` 200) or the news that the copy we hold is current (``status`` 304)."""

    url: str  # the address that answered, after redirects
    status: int
    body: bytes = b""
    validators: Validators = field(default_factory=Validators)


@dataclass(frozen=True)
class Failure:
    """Why a source could not be fetched: a reason code, and what the message needs."""

    reason: str  # scheme, status, timeout, connection, too_large, redirects, redirect_scheme, encoding
    details: Mapping[str, object] = field(default_factory=dict)


def allowed(url: str) -> bool:
    """https anywhere; http only to a loopback address (``localhost``, 127.0.0.0/8, ``::1``)."""
    try:
        parts = urlsplit(url)
        port = parts.port  # raises ValueError on a port that is not a number
    except ValueError:
        return False
    del port
    if not parts.hostname or parts.username or parts.password:
        return False
    if parts.scheme == "https":
        return True
    return parts.scheme == "http" and is_loopback(parts.hostname)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def fetch(url: str, validators: Validators | None = None, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Response | Failure:
    """GET ``url`` (following at most :data:`MAX_REDIRECTS` allowed redirects) within ``timeout`` seconds."""
    if not allowed(url):
        return Failure("scheme", {"url": url})
    deadline = time.monotonic() + timeout
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            answer = _get(url, validators or Validators(), deadline, max_bytes)
            if not isinstance(answer, str):
                return answer
            target = urljoin(url, answer)
            if not allowed(target):
                return Failure("redirect_scheme", {"url": target})
            url = target
        return Failure("redirects", {"count": MAX_REDIRECTS})
    except TimeoutError:
        return Failure("timeout", {"seconds": timeout})
    except ssl.SSLError as exc:
        return Failure("connection", {"error": exc.reason or str(exc)})
    except (OSError, http.client.HTTPException, ValueError) as exc:
        return Failure("connection", {"error": _error_text(exc)})


def _get(url: str, validators: Validators, deadline: float, max_bytes: int) -> Response | Failure | str:
    """One request: the response, a failure, or the (relative) target of a redirect."""
    parts = urlsplit(url)
    remaining = _remaining(deadline)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname, parts.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=remaining)
    try:
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": "gzip", **validators.headers()}
        conn.request("GET", path, headers=headers)
        conn.sock.settimeout(_remaining(deadline))
        response = conn.getresponse()
        if response.status in REDIRECTS:
            location = response.getheader("Location")
            if not location:
                return Failure("status", {"status": response.status})
            return location
        if response.status == 304 and (validators.etag or validators.last_modified):
            return Response(url, 304, validators=validators)
        if response.status != 200:
            return Failure("status", {"status": response.status})
        length = response.getheader("Content-Length")
        if length and length.isdigit() and int(length) > max_bytes:
            return Failure("too_large", {"limit": max_bytes})
        body = _read(conn, response, deadline, max_bytes)
        if isinstance(body, Failure):
            return body
        return Response(
            url,
            200,
            body,
            Validators(etag=response.getheader("ETag"), last_modified=response.getheader("Last-Modified")),
        )
    finally:
        conn.close()


def _read(conn: http.client.HTTPConnection, response: http.client.HTTPResponse, deadline: float, max_bytes: int) -> bytes | Failure:
    """The body, decompressed, by chunks under the deadline; a failure once it passes ``max_bytes``."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip"):
        return Failure("encoding", {"encoding": encoding})
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding != "identity" else None
    parts: list[bytes] = []
    size = 0
    while True:
        conn.sock.settimeout(_remaining(deadline))
        chunk = response.read1(65536)
        if not chunk:
            break
        if inflate is not None:
            try:
                chunk = inflate.decompress(chunk, max_bytes + 1 - size)
            except zlib.error as exc:
                return Failure("connection", {"error": str(exc)})
            if inflate.unconsumed_tail:  # more output is waiting than the cap allows
                return Failure("too_large", {"limit": max_bytes})
        size += len(chunk)
        if size > max_bytes:
            return Failure("too_large", {"limit": max_bytes})
        parts.append(chunk)
    return b"".join(parts)


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, socket.gaierror):
        return exc.strerror or str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def fetch_all(
    requests: Iterable[tuple[str, Validators | None]],
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    workers: int = WORKERS,
    budget: float | None = None,
) -> list[Response | Failure]:
    """Every request's outcome, in order; at most ``workers`` at once.

    With many sources that never answer, the waves of timeouts add up: ``budget`` (default four
    timeouts) bounds the whole; a fetch that would start after it fails as a timeout. What a
    deadline cannot interrupt (a name lookup that hangs, an address tried after another) is not
    waited for either: a fetch still running one timeout after the budget counts as a timeout.
    """
    requests = list(requests)
    if not requests:
        return []
    end = time.monotonic() + (budget if budget is not None else 4 * timeout)

    def one(item: tuple[str, Validators | None]) -> Response | Failure:
        left = min(timeout, end - time.monotonic())
        if left <= 0:
            return Failure("timeout", {"seconds": timeout})
        return fetch(item[0], item[1], timeout=left, max_bytes=max_bytes)

    pool = ThreadPoolExecutor(max_workers=max(1, min(workers, len(requests))), thread_name_prefix="plpbk-fetch")
    futures = [pool.submit(one, item) for item in requests]
    wait(futures, timeout=max(0.0, end - time.monotonic()) + timeout + GRACE)
    pool.shutdown(wait=False, cancel_futures=True)
    return [f.result() if f.done() else Failure("timeout", {"seconds": timeout}) for f in futures]
