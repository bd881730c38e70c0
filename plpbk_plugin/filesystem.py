"""The project's file utilities: files written atomically, linked or copied, hashes remembered, jobs in parallel."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

PACKAGE_DIR = Path(__file__).resolve().parent
"""The installed package: its templates, assets, fonts, worker, starter, schema and catalogues."""


class StampMemo:
    """Values computed from a file's bytes (its hash), kept on disk by the file's stat stamp.

    A new `mkdocs build` process then neither reads nor hashes the photos that did not change.
    The stamp is what Git's index trusts: path, size, modification and change times (ns) and
    inode; a fresh clone (new times) is hashed once. Each ``save()`` keeps the stamps used since
    the previous one, i.e. those of the current build.
    """

    def __init__(self, file: Path) -> None:
        self._file = file
        self._stored: dict[str, str] | None = None
        self._used: dict[str, str] = {}

    @staticmethod
    def stamp(path: Path, stat: os.stat_result, tag: str) -> str:
        return f"{path}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}|{stat.st_ino}|{tag}"

    def get(self, stamp: str) -> str | None:
        if stamp in self._used:
            return self._used[stamp]
        if self._stored is None:
            self._stored = self._load()
        value = self._stored.get(stamp)
        if value is not None:
            self._used[stamp] = value
        return value

    def put(self, stamp: str, value: str) -> None:
        self._used[stamp] = value

    def save(self) -> None:
        if self._used != self._stored:
            try:
                write_atomic(self._file, json.dumps(self._used, sort_keys=True).encode())
            except OSError:  # a read-only cache still works, it just hashes again next time
                pass
        self._stored, self._used = self._used, {}

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self._file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(data, dict) else {}


def file_sha256(path: Path, memo: StampMemo) -> str | None:
    """Hex sha256 of a file's bytes (``None`` when it cannot be read), remembered in ``memo``."""
    try:
        stat = path.stat()
    except OSError:
        return None
    stamp = StampMemo.stamp(path, stat, "sha256")
    digest = memo.get(stamp)
    if digest is None:
        try:
            with path.open("rb") as f:
                digest = hashlib.file_digest(f, "sha256").hexdigest()
        except OSError:
            return None
        memo.put(stamp, digest)
    return digest


_T = TypeVar("_T")


def parallel_map(fn: Callable[..., _T], jobs: Sequence[tuple[Any, ...]], workers: int | None = None) -> list[_T]:
    """``[fn(*job) for job in jobs]``, spread over processes when there is more than one job."""
    return parallel_start(fn, jobs, workers)()


def parallel_start(fn: Callable[..., _T], jobs: Sequence[tuple[Any, ...]], workers: int | None = None) -> Callable[[], list[_T]]:
    """Start ``[fn(*job) for job in jobs]`` in worker processes; the returned function waits for the results.

    The caller goes on working meanwhile (one job, or one core: done at once, in this process).
    """
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        done = [fn(*job) for job in jobs]
        return lambda: done
    chunk = max(1, min(16, len(jobs) // (workers * 8)))  # thousands of small jobs (share cards): fewer round trips
    pool = ProcessPoolExecutor(workers)
    try:
        pending = pool.map(fn, *zip(*jobs), chunksize=chunk)  # every chunk is submitted now
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise

    def results() -> list[_T]:
        try:
            return list(pending)
        finally:
            pool.shutdown(cancel_futures=True)

    return results


def copy_into(site_dir: Path, url: str, source: Path) -> None:
    """Hard-link (or copy) ``source`` to ``site_dir/url``; refuses a ``url`` that leads outside ``site_dir``.

    The check reads the URL itself (no `..`, not absolute): resolving both paths cost more than
    the link for the thousands of share cards of a portal.
    """
    parts = PurePosixPath(url).parts
    if not parts or PurePosixPath(url).is_absolute() or ".." in parts:
        raise ValueError(f"{url!r} lies outside {site_dir}")
    target = site_dir / url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    link_or_copy(source, target)


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Hard-link ``source`` at ``target`` (a new name), or copy it where links are impossible."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary sibling, so readers never see a partial file
    (and a write that fails, a full disk say, leaves nothing behind)."""
    tmp = temp_sibling(path)
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_folder(entry: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (name -> bytes) into a temporary folder, then rename it to ``entry``; readers never
    see a folder half written. A concurrent build that stored the same entry in between wins."""
    tmp = temp_sibling(entry)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    for name, data in files.items():
        (tmp / name).write_bytes(data)
    shutil.rmtree(entry, ignore_errors=True)  # an entry that was found incomplete or unreadable
    try:
        os.replace(tmp, entry)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)


def temp_sibling(path: Path) -> Path:
    """A temporary name next to ``path`` of this process and thread (same filesystem, so os.replace is atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{path.name}")


class BackgroundFiles:
    """Files a maker writes into ``root`` in worker processes while the build goes on, then
    links into the built site: the share cards' and the proposals' common part."""

    def __init__(self, root: Path, workers: int | None) -> None:
        self._root = root
        self._workers = workers
        self._files: dict[str, Path] = {}  # site-relative URL -> cached file, from the last make()
        self._pending: Callable[[], list[Any]] | None = None  # files still being made

    def _start(self, fn: Callable[..., Any], jobs: Sequence[tuple[Any, ...]]) -> None:
        self._pending = parallel_start(fn, jobs, self._workers)

    def wait(self) -> None:
        """Wait for the files of the last ``make()`` (a worker's error is raised here)."""
        pending, self._pending = self._pending, None
        if pending is not None:
            pending()

    def publish(self, site_dir: Path) -> None:
        """Link (or copy) every file of the last ``make()`` to ``site_dir/<url>``."""
        self.wait()
        for url, source in self._files.items():
            copy_into(site_dir, url, source)
