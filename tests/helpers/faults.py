"""Every way a community's server can answer, good or bad, as loopback replies with what the portal must make of them.

A :class:`Fault` is served at its own path of a :class:`~benchmarks.loopback.Loopback` (``serve``)
or is an address of its own (self-signed https, a name that does not resolve, a closed port).
``reason`` is the reason code the portal reports (``None``: the source works) and ``words`` a
piece of its Indonesian message. Tests give sources a deadline of :data:`DEADLINE` seconds;
slow replies stall for longer (a byte a second) but never make a test wait beyond that deadline.
"""

from __future__ import annotations

import gzip
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from benchmarks.loopback import Loopback, Reply

DEADLINE = 1.0
BIG = 30 * 1024 * 1024


@cache
def big_body() -> bytes:
    return b"[" + b"0," * (BIG // 2) + b"0]"


@cache
def gzip_bomb() -> bytes:
    return gzip.compress(b" " * (64 * 1024 * 1024), 9)  # 64 MB of spaces in about 64 KB


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


GEOJSON = json.dumps({"type": "FeatureCollection", "features": []}).encode()


@dataclass(frozen=True)
class Fault:
    name: str
    reason: str | None  # None: the portal reads the source
    words: str = ""
    replies: Callable[[bytes], list[Reply]] = field(default=lambda doc: [Reply(doc)])

    def serve(self, server: Loopback, doc: bytes) -> str:
        """Set the fault's path on ``server`` to answer with ``doc`` (the community's data.json) its way; the source's URL."""
        return server.route(f"/{self.name}/data.json", *self.replies(doc))


def _replies(**options: Any) -> Callable[[bytes], list[Reply]]:
    return lambda doc: [Reply(doc, **options)]


FAULTS = [
    Fault("http-1-0", None, replies=_replies(version="HTTP/1.0", length=False)),
    Fault("connection-close", None, replies=_replies(close=True)),
    Fault("chunked", None, replies=_replies(chunked=True)),
    Fault("gzip", None, replies=_replies(gzip=True)),
    Fault("json-as-html", None, replies=_replies(content_type="text/html")),
    Fault("retry-after-now", None, replies=lambda doc: [Reply(b"", 503, headers={"Retry-After": "0"}), Reply(doc)]),
    Fault("trickle", "timeout", f"dalam {DEADLINE:g} detik", _replies(trickle=1.0)),
    Fault("reset", "incomplete", "sambungan terputus", _replies(reset_after=2000)),
    Fault("endless-headers", "protocol", "bukan HTTP yang sah", _replies(endless_headers=True)),
    Fault("endless-headers-slowly", "timeout", "tidak ada jawaban lengkap", _replies(endless_headers=True, trickle=0.2)),
    Fault("redirect-loop", "redirects", "lebih dari 5 kali pengalihan", lambda doc: [Reply(location="/redirect-loop/data.json")]),
    Fault("redirect-to-http", "redirect_scheme", "dialihkan ke http://bkm.example.org/data.json",
          lambda doc: [Reply(location="http://bkm.example.org/data.json", status=301)]),
    Fault("huge", "too_large", "lebih besar dari 4 MB", lambda doc: [Reply(big_body())]),
    Fault("huge-undeclared", "too_large", "lebih besar dari 4 MB", lambda doc: [Reply(big_body(), length=False)]),
    Fault("gzip-bomb", "too_large", "lebih besar dari 4 MB",
          lambda doc: [Reply(gzip_bomb(), headers={"Content-Encoding": "gzip"})]),
    Fault("html-page", "html", "halaman web, bukan data.json",
          lambda doc: [Reply(b"<!doctype html><title>Sedang perbaikan</title><p>Situs sedang perbaikan.", content_type="text/html")]),
    Fault("invalid-utf-8", "utf8", "bukan teks UTF-8", lambda doc: [Reply(doc.replace(b"Kampung", b"Kamp\xffung", 1))]),
    Fault("deep-json", "nesting", "bersarang terlalu dalam", lambda doc: [Reply(b"[" * 100_000 + b"]" * 100_000)]),
    Fault("another-format", "format", "bukan data.json kawasan terbitan plpbk", lambda doc: [Reply(GEOJSON)]),
    Fault("not-found", "not_found", "tidak ada berkas di alamat ini (HTTP 404)", _replies(status=404)),
    Fault("server-error", "server_error", "server sedang bermasalah (HTTP 500)", _replies(status=500)),
    Fault("too-many-requests", "busy", "sibuk (HTTP 429)", _replies(status=429, headers={"Retry-After": "3600"})),
    Fault("unavailable", "busy", "sibuk (HTTP 503)", _replies(status=503, headers={"Retry-After": "3600"})),
]
"""Faults served on a plain loopback server; :func:`addresses` adds those that need an address of their own."""


def addresses(tls_server: Loopback) -> dict[str, tuple[str, str, str]]:
    """Faults of an address: name → (URL, reason, words). ``tls_server`` runs with a self-signed certificate."""
    return {
        "self-signed": (tls_server.url("/self-signed/data.json"), "certificate", "sertifikat keamanan 127.0.0.1 tidak bisa dipercaya"),
        "no-such-name": ("https://bkm-tidak-ada.invalid/data.json", "dns", "nama bkm-tidak-ada.invalid tidak ditemukan"),
        "closed-port": (f"http://127.0.0.1:{closed_port()}/data.json", "connection", "tidak bisa terhubung ke 127.0.0.1"),
    }
