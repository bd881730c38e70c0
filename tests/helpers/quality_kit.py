"""Helpers for tests/test_quality.py: build a site, serve it like GitHub Pages, find the npm tools.

GitHub Pages serves a project site under its ``site_url`` path, gzips text, answers a
missing page with the site's ``404.html`` and status 404, and keeps up with parallel
requests. The server here does the same: Python's default listen queue of 5 makes link
checkers report false broken links, and Lighthouse loses points without compression.
"""

from __future__ import annotations

import gzip
import mimetypes
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from .sitebuild import REPO, build_site

NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKINATOR = NODE_MODULES / "linkinator" / "build" / "src" / "cli.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
COMPRESSED = {"text/html", "text/css", "text/javascript", "application/javascript", "application/json",
              "image/svg+xml", "application/xml", "text/xml", "text/csv", "application/geo+json", "text/plain"}
mimetypes.add_type("application/geo+json", ".geojson")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/webp", ".webp")


class ToolMissing(RuntimeError):
    """A checker is not installed: scripts/dev test installs every one of them."""


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise ToolMissing(f"{what} is missing ({path}): run `scripts/dev test`, which installs the "
                          "project's pinned npm tools (npm ci --ignore-scripts), Debian's chromium and Java")
    return path


def require_command(name: str, what: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ToolMissing(f"{what} is missing (`{name}` not on PATH): run `scripts/dev test`")
    return found


def java() -> str:
    exe = require_command("java", "Java (17 or newer, to run the Nu HTML Checker)")
    return exe


def node() -> str:
    return require_command("node", "Node.js (20, for linkinator and Lighthouse)")


class Handler(BaseHTTPRequestHandler):
    """Static files under ``prefix`` with gzip, ``index.html`` for folders and the site's 404 page."""

    site: Path
    prefix: str
    protocol_version = "HTTP/1.1"
    cache_control = "max-age=600"  # GitHub Pages'

    def log_message(self, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def do_GET(self) -> None:
        self._serve(head=False)

    def _serve(self, *, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        target: Path | None = None
        if path.startswith(self.prefix):
            relative = path[len(self.prefix):]
            candidate = (self.site / relative).resolve()
            if candidate.is_relative_to(self.site):
                if candidate.is_dir():
                    if not path.endswith("/"):
                        self.send_response(301)
                        self.send_header("Location", path + "/")
                        self.send_header("Content-Length", "0")
                        self.end_headers()
                        return
                    candidate = candidate / "index.html"
                if candidate.is_file():
                    target = candidate
        status = 200
        if target is None:
            status, target = 404, self.site / "404.html"
        body = target.read_bytes() if target.is_file() else b"Not found"
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") or kind.endswith(("json", "xml")) else ""))
        self.send_header("Cache-Control", self.cache_control)
        if kind in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head:
            self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    request_queue_size = 128
    daemon_threads = True


@contextmanager
def serve(site: Path, prefix: str, server: _Server | None = None, handler: type[BaseHTTPRequestHandler] | None = None) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:<port><prefix>`` (``prefix`` like ``/demo/``); yield that URL.
    ``handler``: a subclass of this module's handler (a server that holds some answers back, say)."""
    server = server or bind()
    server.RequestHandlerClass = type("Handler", (handler or Handler,), {"site": site.resolve(), "prefix": prefix})
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def bind() -> _Server:
    """A server bound to a free port, not yet serving: its port goes into ``site_url`` before the build."""
    return _Server(("127.0.0.1", 0), Handler)


def build(root: Path, site_url: str, *, plpbk: dict[str, Any] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """Build ``root/mkdocs.yml`` with its ``site_url`` replaced, ``plpbk`` merged into the plugin's
    options and the ``drop`` settings removed."""
    path = root / "mkdocs.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["site_url"] = site_url
    for key in drop:
        data.pop(key, None)
    plugins = []
    for entry in data.get("plugins") or []:
        if entry == "plpbk" or (isinstance(entry, dict) and "plpbk" in entry):
            options = dict((entry["plpbk"] or {}) if isinstance(entry, dict) else {})
            entry = {"plpbk": {**options, **(plpbk or {})}}
        plugins.append(entry)
    data["plugins"] = plugins
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(root)


def run(args: list[str], *, timeout: float, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
