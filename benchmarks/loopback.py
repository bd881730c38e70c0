"""One loopback HTTP server for every test that talks to the network, speaking HTTP at the socket level.

It serves what a test or a benchmark sets: a :class:`Reply` per path (community sources, counters
of what a program asked for) and built sites as GitHub Pages serves them (:meth:`Loopback.site`),
and keeps what it answered (:attr:`Loopback.answers`: the bytes each visit cost on the wire). Because
it writes the bytes itself, a reply can misbehave as real servers do: HTTP/1.0, ``Connection:
close``, chunked bodies, no ``Content-Length``, gzip, a body trickled byte by byte, a reset in
the middle of the body, headers that never end, a request never answered, TLS with a
self-signed certificate (:func:`self_signed`). Slow replies wait on the server's stop event, so
a test never waits for them beyond its own deadline. :class:`Proxy` is an HTTPS proxy
(``CONNECT``) that sends every tunnel to this computer.

    with Loopback() as server:
        url = server.route("/k/data.json", Reply(body=b"{}", version="HTTP/1.0"))
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import select
import socket
import ssl
import struct
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import trustme

COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "image/svg+xml", "application/xml", "text/xml", "text/csv", "application/geo+json", "text/plain"}
mimetypes.add_type("application/geo+json", ".geojson")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/webp", ".webp")


@dataclass
class Reply:
    """What a path answers, and how."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # a request with this If-None-Match gets 304
    last_modified: str | None = None  # a request with this If-Modified-Since (and no ETag set) gets 304
    location: str | None = None  # a redirect (302 unless status is another 3xx)
    version: str = "HTTP/1.1"  # "HTTP/1.0": no keep-alive
    close: bool = False  # Connection: close after the answer
    length: bool = True  # False: no Content-Length, the body ends when the connection closes
    chunked: bool = False  # Transfer-Encoding: chunked
    gzip: bool = False  # the body gzip-compressed, with Content-Encoding: gzip
    trickle: float = 0.0  # seconds between the body's bytes (with endless_headers: between header lines)
    reset_after: int | None = None  # bytes of the body sent before the connection is reset
    endless_headers: bool = False  # a status line, then header lines without end
    hang: bool = False  # read the request, never answer


@dataclass(frozen=True)
class Site:
    """A built site served under a prefix."""

    prefix: str
    folder: Path
    cache_control: str
    hold: Callable[[str], None] | None
    etags: bool


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Answer:
    """What the server wrote for one request: its status and its bytes, headers included."""

    path: str
    status: int
    size: int


class Loopback:
    """A threaded server on 127.0.0.1 (https when given a TLS context); routes and sites can change while it runs."""

    def __init__(self, *, tls: ssl.SSLContext | None = None, host: str = "127.0.0.1") -> None:
        self.listener = socket.create_server((host, 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.base = f"{'https' if tls else 'http'}://{host}:{self.port}"
        self.tls = tls
        self.routes: dict[str, list[Reply]] = {}
        self.sites: list[Site] = []
        self.requests: list[Request] = []
        self.answers: list[Answer] = []
        self.sent: dict[str, int] = {}  # bytes of body written per path (what a trickle got out)
        self.connections = 0  # accepted so far
        self.stopping = threading.Event()
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    # -- what it serves ----------------------------------------------------------------------------

    def route(self, path: str, *replies: Reply, **reply: Any) -> str:
        """Set what ``path`` answers (several replies: one per request, the last repeated); its full URL."""
        self.routes[path] = list(replies) or [Reply(**reply)]
        return self.url(path)

    def site(self, prefix: str, folder: Path, *, cache_control: str = "max-age=600",
             hold: Callable[[str], None] | None = None, etags: bool = False) -> str:
        """Serve a built site under ``prefix`` (``/portal/``) as GitHub Pages does (its ``Cache-Control``); its URL.
        ``hold(path)`` is called before a file is answered (a test holds some back while it needs);
        ``etags``: each file with an ``ETag`` of its content, a copy checked again answered 304."""
        self.sites.append(Site(prefix, folder.resolve(), cache_control, hold, etags))
        return self.url(prefix)

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]

    def __enter__(self) -> Loopback:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        """Stop: wake the threads (a socket is closed only by the thread using it, so its number is never reused under it)."""
        self.stopping.set()
        _stop_listening(self.listener, self._thread)
        with self._lock:
            for conn in list(self._open):
                _shutdown(conn)

    # -- the connection ----------------------------------------------------------------------------

    def _accept(self) -> None:
        while not self.stopping.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        with self._lock:
            self._open.add(conn)
            self.connections += 1
        try:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.tls is not None:
                conn.settimeout(10)
                conn = self.tls.wrap_socket(conn, server_side=True)  # a client refusing the certificate ends it here
                conn.settimeout(None)
                with self._lock:
                    self._open.add(conn)
            reader = conn.makefile("rb")
            while not self.stopping.is_set() and (request := _read_request(reader)) is not None:
                self.requests.append(request)
                if not self._answer(conn, request):
                    break
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(conn)
            _shutdown(conn)
            conn.close()

    def _answer(self, conn: socket.socket, request: Request) -> bool:
        """Write the answer to ``request``; whether the connection stays open for another."""
        path = request.path.split("?", 1)[0]
        replies = self.routes.get(path)
        if replies:
            reply = replies.pop(0) if len(replies) > 1 else replies[0]
        else:
            reply = self._file(path, request)
        if reply.hang:
            self.stopping.wait()
            return False
        status = reply.status if reply.location is None or 300 <= reply.status < 400 else 302
        headers = {"Content-Type": reply.content_type, **reply.headers}
        if reply.location is not None:
            headers["Location"] = reply.location
        if reply.etag:
            headers["ETag"] = reply.etag
        if reply.last_modified:
            headers["Last-Modified"] = reply.last_modified
        fresh = (reply.etag and request.headers.get("if-none-match") == reply.etag) or (
            reply.last_modified and not reply.etag and request.headers.get("if-modified-since") == reply.last_modified)
        body = reply.body
        if fresh and status == 200:
            status, body = 304, b""
            headers = {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}
        elif reply.gzip:
            body = gzip.compress(body, 6)
            headers["Content-Encoding"] = "gzip"
        keep = reply.version == "HTTP/1.1" and not reply.close and reply.length and request.headers.get("connection") != "close"
        if reply.chunked:
            headers["Transfer-Encoding"] = "chunked"
        elif reply.length and status != 304:
            headers["Content-Length"] = str(len(body))
        if not keep and reply.version == "HTTP/1.1":
            headers["Connection"] = "close"
        head = f"{reply.version} {status} {_phrase(status)}\r\n"
        if reply.endless_headers:
            return self._endless(conn, head, reply.trickle)
        head_bytes = (head + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode("latin-1")
        conn.sendall(head_bytes)
        if request.method == "HEAD" or status == 304:
            self.answers.append(Answer(path, status, len(head_bytes)))
            return keep
        if reply.chunked:
            body = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in _pieces(body, 1000)) + b"0\r\n\r\n"
        if reply.reset_after is not None:
            conn.sendall(body[: reply.reset_after])
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close with RST
            return False
        if reply.trickle:
            for i in range(len(body)):
                if self.stopping.wait(reply.trickle):
                    return False
                conn.sendall(body[i:i + 1])
                self.sent[path] = self.sent.get(path, 0) + 1
            return keep
        conn.sendall(body)
        self.sent[path] = self.sent.get(path, 0) + len(body)
        self.answers.append(Answer(path, status, len(head_bytes) + len(body)))
        return keep

    def _endless(self, conn: socket.socket, head: str, pause: float) -> bool:
        conn.sendall(head.encode("latin-1"))
        n = 0
        while not self.stopping.wait(pause):
            conn.sendall(f"X-Noch-Mehr-{n}: {'x' * 60}\r\n".encode())
            n += 1
        return False

    def _file(self, path: str, request: Request) -> Reply:
        """A file of a served site: folders by their index.html, a missing one by the site's 404.html."""
        path = unquote(urlsplit(path).path)
        for site in self.sites:
            if not path.startswith(site.prefix):
                continue
            if site.hold is not None:
                site.hold(path)
            target = (site.folder / path[len(site.prefix):]).resolve()
            if not target.is_relative_to(site.folder):
                break
            if target.is_dir():
                if not path.endswith("/"):
                    return Reply(status=301, location=path + "/", content_type="text/html")
                target = target / "index.html"
            if target.is_file():
                return _static(target, request, 200, site)
            if (site.folder / "404.html").is_file():
                return _static(site.folder / "404.html", request, 404, site)
        return Reply(b"not found", 404, "text/plain")


def _static(file: Path, request: Request, status: int, site: Site) -> Reply:
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else ""
    squeeze = kind in COMPRESSED and "gzip" in request.headers.get("accept-encoding", "")
    headers = {"Cache-Control": site.cache_control, **({"Vary": "Accept-Encoding"} if squeeze else {})}
    body = file.read_bytes()
    etag = f'"{hashlib.sha256(body).hexdigest()[:16]}"' if site.etags else None
    return Reply(body, status, kind + charset, headers, etag=etag, gzip=squeeze)


def _read_request(reader: Any) -> Request | None:
    line = reader.readline(65537)
    if not line:
        return None
    method, target, *_ = line.decode("latin-1").split() + ["", ""]
    headers: dict[str, str] = {}
    while (header := reader.readline(65537)) not in (b"\r\n", b"\n", b""):
        name, _, value = header.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return Request(method, target, headers)


def _pieces(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start:start + size]


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


def _shutdown(conn: socket.socket) -> None:
    try:
        conn.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _stop_listening(listener: socket.socket, thread: threading.Thread) -> None:
    """Wake the thread waiting in accept() (shutdown does, close does not), let it end, then close the socket."""
    _shutdown(listener)
    if thread.is_alive():
        thread.join(5)
    listener.close()


# -- TLS -------------------------------------------------------------------------------------------


@cache
def _authority() -> trustme.CA:
    return trustme.CA(organization_name="plpbk tests")


def self_signed() -> ssl.SSLContext:
    """A server context whose certificate signs itself (a CA's own certificate, which no client trusts)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca = _authority()
    with ca.cert_pem.tempfile() as cert, ca.private_key_pem.tempfile() as key:
        context.load_cert_chain(cert, key)
    return context


def trusted(*names: str) -> tuple[ssl.SSLContext, Path]:
    """A server context with a certificate for ``names``, and the CA file a client must trust (``SSL_CERT_FILE``)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca = _authority()
    ca.issue_cert(*names).configure_cert(context)
    path = _ca_file()
    return context, path


@cache
def _ca_file() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="plpbk-ca-"))
    _authority().cert_pem.write_to_path(str(folder / "ca.pem"))
    return folder / "ca.pem"


# -- a proxy ---------------------------------------------------------------------------------------


class Proxy:
    """An HTTPS proxy on loopback: answers ``CONNECT host:port`` by tunnelling to 127.0.0.1:port (any host name)."""

    def __init__(self, *, refuse: bool = False) -> None:
        self.refuse = refuse  # answer every CONNECT with 403, as a proxy that does not allow the address
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.tunnels: list[str] = []  # the CONNECT targets, as asked
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def __enter__(self) -> Proxy:
        self._thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        _stop_listening(self.listener, self._thread)

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(conn,), daemon=True).start()

    def _tunnel(self, conn: socket.socket) -> None:
        with conn:
            request = _read_request(conn.makefile("rb"))
            if request is None or request.method != "CONNECT":
                conn.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                return
            self.tunnels.append(request.path)
            if self.refuse:
                conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            port = int(request.path.rsplit(":", 1)[1])
            with socket.create_connection(("127.0.0.1", port)) as upstream:
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                _pipe(conn, upstream)


def _pipe(a: socket.socket, b: socket.socket) -> None:
    """Copy bytes both ways until either side closes."""
    while True:
        ready, _, _ = select.select([a, b], [], [], 30)
        if not ready:
            return
        for sock in ready:
            data = sock.recv(65536)
            if not data:
                return
            (b if sock is a else a).sendall(data)
