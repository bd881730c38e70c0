"""The last good copy of each community source, kept between builds (in the site's cache folder).

One entry per URL: the body as it was fetched, and a small JSON record of its validators
(``ETag``, ``Last-Modified``), when it was fetched, when the portal last confirmed it (a 200 or
a 304), and what the portal derived from it (its summary), so an unchanged source is not read
again. Only copies that passed validation are stored, so a source that breaks
leaves its last good copy in place. Writes go through a temporary file and a rename: a build
stopped half-way never leaves a torn copy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ...filesystem import write_atomic
from .fetching import Validators


@dataclass(frozen=True)
class Copy:
    """A stored copy of a source: its body (read from the cache only when needed) and what was derived from it."""

    content: bytes | Path  # the body, or the file that holds it
    validators: Validators
    fetched: dt.datetime  # when this body was downloaded
    checked: dt.datetime  # when the source last confirmed it (a 200 with this body, or a 304)
    stamp: str = ""  # what the body was checked against (a later plpbk with other rules checks it again)
    derived: Mapping[str, Any] | None = None  # what the portal read from it (JSON), valid under the same stamp

    @cached_property
    def body(self) -> bytes:
        if isinstance(self.content, bytes):
            return self.content
        try:
            return self.content.read_bytes()
        except OSError:
            return b""


class SourceCache:
    """Copies by URL under ``folder`` (created on first write)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:32]
        return self.folder / f"{key}.json", self.folder / f"{key}.body"

    def get(self, url: str) -> Copy | None:
        record_path, body_path = self._paths(url)
        try:
            record = json.loads(record_path.read_text(encoding="utf-8"))
            if record.get("url") != url:
                return None
            derived = record.get("derived")
            if not body_path.is_file():
                return None
            return Copy(
                content=body_path,
                validators=Validators(etag=record.get("etag"), last_modified=record.get("last_modified")),
                fetched=dt.datetime.fromisoformat(record["fetched"]),
                checked=dt.datetime.fromisoformat(record["checked"]),
                stamp=str(record.get("stamp", "")),
                derived=derived if isinstance(derived, dict) else None,
            )
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None

    def put(self, url: str, copy: Copy, *, body_changed: bool = True) -> bool:
        """Store ``copy`` (the body is rewritten only when it changed); ``False`` when the folder cannot be written."""
        try:
            self._put(url, copy, body_changed)
        except OSError:  # a read-only or full disk: this build goes on, the next one fetches again
            return False
        return True

    def _put(self, url: str, copy: Copy, body_changed: bool) -> None:
        record_path, body_path = self._paths(url)
        self.folder.mkdir(parents=True, exist_ok=True)
        if body_changed or not body_path.is_file():
            write_atomic(body_path, copy.body)
        record = {
            "url": url,
            "etag": copy.validators.etag,
            "last_modified": copy.validators.last_modified,
            "fetched": copy.fetched.isoformat(),
            "checked": copy.checked.isoformat(),
            "stamp": copy.stamp,
            "derived": copy.derived,
        }
        write_atomic(record_path, (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8"))
