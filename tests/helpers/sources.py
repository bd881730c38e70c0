"""A loopback HTTP server for community sources in tests: good, broken, slow, hostile, huge.

Each route answers as the test sets it: a body with a status and headers, an ETag and
Last-Modified that make conditional requests answer 304, a redirect, a delay, or a connection
that never answers (until the server stops). Every request is logged with its headers.
"""

from __future__ import annotations

import gzip
import html
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from plpbk_plugin.plan.loading import load_plan
from plpbk_plugin.site.opendata import kawasan_data

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None  # a redirect (status 302 unless set)
    delay: float = 0.0
    hang: bool = False  # accept the request, never answer
    gzip: bool = False
    drip: float = 0.0  # seconds between bytes of the body


class SourceServer:
    """``with SourceServer() as server: server.route("/a/data.json", body=...); server.url("/a/data.json")``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server.requests.append((self.path, dict(self.headers.items())))
                route = server.routes.get(self.path.split("?", 1)[0])
                if route is None:
                    return self._answer(404, b"not found", {"Content-Type": "text/plain"})
                if route.hang:
                    server.stopping.wait(120)
                    return None
                if route.delay:
                    server.stopping.wait(route.delay)
                if route.location is not None:
                    return self._answer(route.status if route.status in (301, 302, 303, 307, 308) else 302, b"",
                                        {"Location": route.location})
                headers = {"Content-Type": "application/json", **route.headers}
                if route.etag:
                    headers["ETag"] = route.etag
                if route.last_modified:
                    headers["Last-Modified"] = route.last_modified
                fresh = (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                    route.last_modified and not route.etag and self.headers.get("If-Modified-Since") == route.last_modified)
                if fresh and route.status == 200:
                    return self._answer(304, b"", {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")})
                body = route.body
                if route.gzip:
                    body = gzip.compress(body)
                    headers["Content-Encoding"] = "gzip"
                return self._answer(route.status, body, headers, drip=route.drip)

            def _answer(self, status: int, body: bytes, headers: dict[str, str], drip: float = 0.0) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    if status != 304:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if drip:
                        for i in range(len(body)):
                            if server.stopping.wait(drip):
                                return
                            self.wfile.write(body[i:i + 1])
                            self.wfile.flush()
                    elif status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args: Any) -> None:
                pass

        ThreadingHTTPServer.daemon_threads = True
        self.httpd = ThreadingHTTPServer((host, 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://{host}:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    def route(self, path: str, **options: Any) -> str:
        """Set what ``path`` answers; returns its full URL."""
        self.routes[path] = Route(**options)
        return self.url(path)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> SourceServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()


@cache
def _demo_plan(slug: str) -> Any:
    plan, problems, _warnings = load_plan(REPO / "plans" / slug)
    assert plan is not None, problems
    return plan


def community_data(slug: str, home: str) -> dict[str, Any]:
    """The data.json a community site publishes for a demo kawasan, its own site at ``home``."""
    return kawasan_data(_demo_plan(slug), site_url_of=lambda path: home + (path + "/" if path else ""))


def rss(items: Sequence[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed of ``(title, link, pubDate, description)`` items, text escaped as feeds do."""
    entries = "".join(
        f"<item><title>{html.escape(title)}</title><link>{html.escape(link)}</link>"
        f"<pubDate>{date}</pubDate><description>{html.escape(text)}</description></item>"
        for title, link, date, text in items
    )
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Kabar</title>{entries}</channel></rss>'.encode()
