"""Fetching community sources over HTTP with httpx: bounded, conditional, and careful with what comes back.

Sources are fetched by :data:`WORKERS` tasks at once, each with an :class:`httpx.AsyncClient`:
https with certificate checks (the system's CA bundle when ``SSL_CERT_FILE`` or ``SSL_CERT_DIR``
names one), plain http only to a loopback address (how tests and local previews serve sources),
proxies from the environment (``HTTPS_PROXY``, ``ALL_PROXY``, ``NO_PROXY``, as offices and
government networks require; never for loopback addresses), no cookies. Each fetch has one hard
deadline for the name lookup, connecting, every redirect and the whole body, so a server that
answers byte by byte, or sends headers without end, cannot hold a build longer than its timeout.
Bodies over the size cap are refused while reading, and gzip is inflated by this module under
the same cap (a small bomb cannot swell in memory). Conditional requests (``If-None-Match``,
``If-Modified-Since``) let an unchanged source answer ``304`` with no body. A ``429`` or ``503``
whose ``Retry-After`` falls within the deadline is asked once more.

Failures are :class:`Failure` values with a reason code and details, never exceptions: the
caller words them in the site's language.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ipaddress
import os
import socket
import ssl
import zlib
from collections.abc import Awaitable, Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

MAX_BYTES = 4 * 1024 * 1024
"""A community's data.json is tens of KB; a few MB is far beyond any real plan."""
TIMEOUT = 15.0
"""Seconds for one source: the name lookup, connecting, every redirect and the whole body."""
MAX_REDIRECTS = 5
WORKERS = 32
USER_AGENT = "plpbk (+https://github.com/plpbk-demo/plpbk)"
REDIRECTS = frozenset({301, 302, 303, 307, 308})
BUSY = frozenset({429, 503})
SMALL = 64 * 1024
"""Bytes of an unused answer (an error page) read anyway, to keep its connection for the next request."""
DIRECT = {"all://127.0.0.1": None, "all://localhost": None, "all://[::1]": None}
"""Loopback addresses are never sent through a proxy (a proxy cannot reach this computer's servers)."""
T = TypeVar("T")


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
    content_type: str = ""  # the media type, without parameters ("application/json")


@dataclass(frozen=True)
class Failure:
    """Why a source could not be fetched: a reason code (a key of ``communities.REASONS``), and what the message needs."""

    reason: str
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
    return fetch_all([(url, validators)], timeout=timeout, max_bytes=max_bytes)[0]


def fetch_all(
    requests: Iterable[tuple[str, Validators | None]],
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    workers: int = WORKERS,
    budget: float | None = None,
    together: int = 1,
) -> list[Response | Failure]:
    """Every request's outcome, in order; at most ``workers`` at once (see :func:`fetch_each`)."""
    return fetch_each(requests, _outcome, timeout=timeout, max_bytes=max_bytes, workers=workers, budget=budget, together=together)


def _outcome(index: int, outcome: Response | Failure) -> Response | Failure:
    return outcome


def fetch_each(
    requests: Iterable[tuple[str, Validators | None]],
    keep: Callable[[int, Response | Failure], T],
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    workers: int = WORKERS,
    budget: float | None = None,
    together: int = 1,
    known: Callable[[int], T | None] = lambda index: None,
) -> list[T]:
    """What ``keep(index, outcome)`` makes of every request's outcome, in order, as each arrives (so that a body
    need not outlive its reading); at most ``workers`` at once. ``known(index)``, asked just before a request
    is sent (after the requests before it in its turn were kept), gives what to keep without fetching it,
    or ``None`` to fetch it (a feed that its data.json says is unchanged).

    ``together``: consecutive requests fetched one after the other by the same worker, on the same
    connection when they go to the same host (a community's data.json and its feed.xml).
    With many sources that never answer, the waves of timeouts add up: ``budget`` (default four
    timeouts) is the time a worker may lose to fetches that end in a timeout; then it takes no
    more, and what no worker takes fails as a timeout. A network that answers nothing costs about
    ``budget``, however many sources; sources that answer cost what they take, however many.
    """
    requests = list(requests)
    if not requests:
        return []
    budget = 4 * timeout if budget is None else budget
    return _run(_fetch_all(requests, keep, known, timeout, max_bytes, workers, budget, max(1, together)))


def _run(work: Awaitable[T]) -> T:
    """Run ``work`` on an event loop of its own: in this thread, or beside the loop already running in it (a notebook,
    a browser driven by Playwright)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return _on_new_loop(work)
    with ThreadPoolExecutor(1, thread_name_prefix="plpbk-fetch") as beside:
        return beside.submit(_on_new_loop, work).result()


def _on_new_loop(work: Awaitable[T]) -> T:
    """Run ``work`` on a new event loop, without waiting for name lookups it gave up (their threads end alone)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(work)
    finally:
        loop.run_until_complete(loop.shutdown_asyncgens())
        loop.close()


async def _fetch_all(
    requests: list[tuple[str, Validators | None]],
    keep: Callable[[int, Response | Failure], T],
    known: Callable[[int], T | None],
    timeout: float, max_bytes: int, workers: int, budget: float, together: int,
) -> list[T]:
    """``workers`` tasks, each with a client (and its connections) of its own, take the requests in turn."""
    loop = asyncio.get_running_loop()
    kept: dict[int, T] = {}
    numbered = list(enumerate(requests))
    turns = iter([numbered[i:i + together] for i in range(0, len(numbered), together)])  # shared: one event loop, no lock
    try:
        tls = httpx.create_ssl_context()  # once: loading the CA bundle takes 30 ms
    except (OSError, ssl.SSLError) as exc:  # SSL_CERT_FILE or SSL_CERT_DIR names what cannot be read
        return [keep(i, Failure("certificates", {"error": _error_text(exc)})) for i in range(len(requests))]

    async def worker() -> None:
        lost = 0.0  # seconds spent on fetches that ended in a timeout
        async with _client(tls) as client:
            for turn in turns:
                for index, (url, validators) in turn:
                    if (already := known(index)) is not None:
                        kept[index] = already
                        continue
                    outcome: Response | Failure = Failure("timeout", {"seconds": timeout})
                    if not allowed(url):
                        outcome = Failure("scheme", {"url": url})
                    elif lost < budget:
                        started = loop.time()
                        try:
                            async with asyncio.timeout_at(started + timeout):
                                outcome = await _fetch(client, url, validators or Validators(), max_bytes, started + timeout)
                        except TimeoutError:
                            lost += loop.time() - started  # the outcome stays a timeout
                    kept[index] = keep(index, outcome)
                if lost >= budget:
                    return

    await asyncio.gather(*(worker() for _ in range(max(1, min(workers, -(-len(requests) // together))))))
    return [kept[i] if i in kept else keep(i, Failure("timeout", {"seconds": timeout})) for i in range(len(requests))]


def _client(tls: ssl.SSLContext) -> httpx.AsyncClient:
    """A client as every source is fetched: plpbk's headers, no cookies, proxies from the environment but not for loopback."""
    return httpx.AsyncClient(
        verify=tls,
        headers={"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": "gzip"},
        timeout=None,  # the deadline of each fetch bounds everything (see ``worker``)
        cookies=CookieJar(DefaultCookiePolicy(allowed_domains=[])),
        mounts=DIRECT,
    )


async def _fetch(client: httpx.AsyncClient, url: str, validators: Validators, max_bytes: int, deadline: float) -> Response | Failure:
    """One source: requests until an answer, following redirects and one ``Retry-After`` that fits before ``deadline``."""
    hops, retried = 0, False
    while True:
        try:
            response = await client.send(client.build_request("GET", url, headers=validators.headers()), stream=True)
        except httpx.HTTPError as exc:
            return _network_failure(exc, url)
        try:
            if response.status_code in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    return Failure("status", {"status": response.status_code})
                target = urljoin(url, location)
                if not allowed(target):
                    return Failure("redirect_scheme", {"url": target})
                hops += 1
                if hops > MAX_REDIRECTS:
                    return Failure("redirects", {"count": MAX_REDIRECTS})
                url = target
                continue
            if response.status_code == 304 and (validators.etag or validators.last_modified):
                return Response(url, 304, validators=validators)
            if response.status_code in BUSY:
                after = retry_after(response.headers.get("Retry-After"), dt.datetime.now(dt.UTC))
                if after is not None and not retried and asyncio.get_running_loop().time() + after < deadline:
                    retried = True
                    await asyncio.sleep(after)
                    continue
                return Failure("busy" if after is not None else "status", {"status": response.status_code, "after": after})
            if response.status_code != 200:
                return Failure("status", {"status": response.status_code})
            body = await _read(response, max_bytes)
            if isinstance(body, Failure):
                return body
            return Response(
                url,
                200,
                body,
                Validators(etag=response.headers.get("ETag"), last_modified=response.headers.get("Last-Modified")),
                response.headers.get("Content-Type", "").split(";", 1)[0].strip().lower(),
            )
        finally:
            await _release(response)


async def _release(response: httpx.Response) -> None:
    """Close ``response``, first reading what is left of a small body (a 304, a 404 page, a redirect), so that
    its connection can carry the client's next request instead of being closed."""
    length = response.headers.get("Content-Length", "")
    small = response.status_code == 304 or (length.isdigit() and int(length) <= SMALL)
    if small and not response.is_stream_consumed:
        try:
            await response.aread()
        except httpx.HTTPError:
            pass
    await response.aclose()


async def _read(response: httpx.Response, max_bytes: int) -> bytes | Failure:
    """The body, inflated, chunk by chunk; a failure once it passes ``max_bytes`` (declared, sent or inflated)."""
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        return Failure("too_large", {"limit": max_bytes})
    encoding = response.headers.get("Content-Encoding", "identity").strip().lower() or "identity"
    if encoding not in ("identity", "gzip", "x-gzip"):
        return Failure("encoding", {"encoding": encoding})
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding != "identity" else None
    parts: list[bytes] = []
    size = 0
    try:
        async for chunk in response.aiter_raw():
            if inflate is not None:
                chunk = inflate.decompress(chunk, max_bytes + 1 - size)
                if inflate.unconsumed_tail:  # more output is waiting than the cap allows
                    return Failure("too_large", {"limit": max_bytes})
            size += len(chunk)
            if size > max_bytes:
                return Failure("too_large", {"limit": max_bytes})
            parts.append(chunk)
    except zlib.error as exc:
        return Failure("compressed", {"error": str(exc)})
    except httpx.HTTPError as exc:  # reset, closed early, a broken chunk
        return Failure("incomplete", {"error": _error_text(exc)})
    if inflate is not None and not inflate.eof:
        return Failure("incomplete", {"error": "gzip stream ends early"})
    return b"".join(parts)


def retry_after(value: str | None, now: dt.datetime) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (a number of seconds or an HTTP date); ``None`` when absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - now).total_seconds())


def _network_failure(exc: httpx.HTTPError, url: str) -> Failure:
    """What went wrong before an answer came: the name, the certificate, the proxy, the connection or the answer's form."""
    host = urlsplit(url).hostname or url
    causes = _causes(exc)
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return Failure("dns", {"host": host})
    if certificate := next((c for c in causes if isinstance(c, ssl.SSLCertVerificationError)), None):
        return Failure("certificate", {"host": host, "error": certificate.verify_message or str(certificate)})
    if tls := next((c for c in causes if isinstance(c, ssl.SSLError)), None):
        return Failure("certificate", {"host": host, "error": tls.reason or str(tls)})
    if isinstance(exc, httpx.ProxyError):
        return Failure("proxy", {"error": _error_text(exc)})
    if isinstance(exc, httpx.RemoteProtocolError):
        return Failure("protocol", {"error": _error_text(exc)})
    return Failure("connection", {"host": host, "error": _error_text(exc)})


def _causes(exc: BaseException) -> list[BaseException]:
    """``exc`` and what it was raised from, innermost last."""
    found: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in found:
        found.append(current)
        current = current.__cause__ or current.__context__
    return found


def _error_text(exc: BaseException) -> str:
    """What the system said (``Connection refused``), else what httpx said."""
    for cause in reversed(_causes(exc)):
        if isinstance(cause, OSError) and cause.errno:
            return os.strerror(cause.errno)
    return str(exc) or type(exc).__name__
