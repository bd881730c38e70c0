"""The plans' history in Git: which commits changed each kawasan, and its plan at each of them.

Read once per build with the ``git`` command: one ``git log`` over the plans folder (first
parent only, so a merged branch is one change, dated when it reached the published branch;
``--raw`` gives the blob of every changed file), then one ``git cat-file --batch`` for the
``kawasan.yml`` blobs the cache does not know yet. Each blob is parsed with the plan loader's
own reading and model, without the file checks (photos of an old version may be gone), and
cached as a :class:`~.changes.Snapshot` keyed by its blob id, so a rebuild parses only the
plans of new commits. A version that does not parse is skipped, with a note.

Authors are kept by name only; e-mail addresses are never read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...i18n import translator
from ..reading.attachments import Limits
from ..reading.loading import PLAN_FILE, parse_kawasan
from .changes import Change, Figures, Snapshot, compare, started

CACHE_VERSION = 2
_NO_BLOB = "0" * 40
_TIMEOUT = 120


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime  # when the commit reached the branch (committer date, in the committer's time zone)
    author: str  # the author's name, never the e-mail

    @property
    def short(self) -> str:
        return self.sha[:7]


@dataclass(frozen=True)
class Entry:
    """One commit that changed a plan: its changes and the kawasan's figures after it."""

    commit: Commit
    changes: tuple[Change, ...]
    totals: Figures


@dataclass(frozen=True)
class Skipped:
    """A commit whose plan did not parse (why: the first problem, located)."""

    commit: Commit
    reason: str


@dataclass(frozen=True)
class PlanHistory:
    """The history of one kawasan."""

    slug: str
    entries: tuple[Entry, ...]  # oldest first; commits without a change that matters are left out
    skipped: tuple[Skipped, ...]
    last_commit: Commit | None  # the newest commit that touched anything in the kawasan's folder

    @property
    def last_updated(self) -> dt.date | None:
        return self.last_commit.date.date() if self.last_commit else None


@dataclass(frozen=True)
class History:
    """Every kawasan's history, or why there is none (``state``: ``ok``, ``no-git``, ``no-repo``, ``shallow``)."""

    state: str
    plans: Mapping[str, PlanHistory]
    detail: str = ""

    def of(self, slug: str) -> PlanHistory | None:
        return self.plans.get(slug)

    def notes(self, lang: str) -> list[tuple[str, str]]:
        """What the build log says about the history: ``(level, message)``, level ``info`` or ``warning``."""
        _ = translator(lang).gettext
        if self.state == "no-git":
            return [("info", _("Git is not installed: the site is built without the plans' history (no Riwayat pages)."))]
        if self.state == "no-repo":
            message = _("The plans are not in a Git repository: the site is built without their history (no Riwayat pages).")
            return [("info", message + (f" ({self.detail})" if self.detail else ""))]
        if self.state == "shallow":
            return [("warning", _(
                "This is a shallow Git clone: the plans' history is incomplete, so the site is built without it (no "
                "Riwayat pages, no last-change dates). Fetch the whole history: in GitHub Actions, give "
                "actions/checkout `with: fetch-depth: 0`; elsewhere run `git fetch --unshallow`."))]
        notes = []
        for plan in self.plans.values():
            for skipped in plan.skipped:
                message = _("Commit %(commit)s (%(date)s) is left out of the history of %(slug)s: its kawasan.yml does not load (%(reason)s).")
                notes.append(("info", message % {
                    "commit": skipped.commit.short, "date": skipped.commit.date.date().isoformat(),
                    "slug": plan.slug, "reason": skipped.reason}))
        return notes


NO_HISTORY = History("no-repo", {})


def read_history(plans_dir: Path, cache_dir: Path | None, *, lang: str = "id", limits: Limits = Limits()) -> History:
    """The history of every kawasan folder under ``plans_dir`` from Git (never raises for a missing history)."""
    if shutil.which("git") is None:
        return History("no-git", {})
    try:
        probe = _git(["rev-parse", "--is-shallow-repository", "--show-prefix"], plans_dir)
    except _GitError as exc:
        return History("no-repo", {}, exc.message)
    shallow, prefix = (probe.decode("utf-8", "replace").split("\n") + [""])[:2]
    if shallow.strip() == "true":
        return History("shallow", {})
    try:
        log = _git(["log", "--first-parent", "--no-renames", "--no-color", "--raw", "--no-abbrev", "-z",
                    "--format=%x1e%H%x1f%cI%x1f%aN", "--", "."], plans_dir)
    except _GitError as exc:  # e.g. a repository without any commit yet
        return History("no-repo", {}, exc.message)
    commits = _parse_log(log, prefix.strip())
    cache = _Cache(cache_dir, lang)
    wanted = [blob for _, changed, _ in commits for blob in changed.values() if blob and blob not in cache]
    if wanted:
        try:
            found = _read_blobs(list(dict.fromkeys(wanted)), plans_dir)
        except _GitError as exc:
            return History("no-repo", {}, exc.message)
        for blob, data in found.items():
            cache.put(blob, _parse(data, limits, lang))
        cache.save()
    return History("ok", _plan_histories(commits, cache, translator(lang).gettext("the file cannot be read from Git")))


# -- git ------------------------------------------------------------------------------------------


class _GitError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _git(args: Sequence[str], cwd: Path, stdin: bytes | None = None) -> bytes:
    """Run git in ``cwd`` with a neutral environment; raise :class:`_GitError` with its first message line."""
    env = {k: v for k, v in os.environ.items() if k not in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE")}
    env.update(LC_ALL="C", GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")
    command = ["git", "-c", "core.quotepath=off", "-c", "log.showSignature=false", "-c", "i18n.logOutputEncoding=UTF-8", *args]
    try:
        done = subprocess.run(command, cwd=cwd, input=stdin, capture_output=True, env=env, timeout=_TIMEOUT, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise _GitError(str(exc)) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitError(lines[0] if lines else f"git exited with {done.returncode}")
    return done.stdout


# (commit, {slug: kawasan.yml blob, or "" when it was deleted}, slugs whose folder the commit touched)
_LogRecord = tuple[Commit, dict[str, str], set[str]]


def _parse_log(output: bytes, prefix: str) -> list[_LogRecord]:
    """``git log -z --raw`` records, oldest first."""
    records: list[_LogRecord] = []
    for chunk in output.decode("utf-8", "replace").split("\x1e")[1:]:
        header, _, raw = chunk.partition("\0")
        sha, date, author = (header.split("\x1f") + ["", ""])[:3]
        commit = Commit(sha, dt.datetime.fromisoformat(date.strip()), author.strip())
        changed: dict[str, str] = {}
        touched: set[str] = set()
        tokens = raw.lstrip("\n").split("\0")
        for meta, path in zip(tokens[::2], tokens[1::2]):
            if not meta.startswith(":") or not path.startswith(prefix):
                continue
            parts = path[len(prefix):].split("/")
            if len(parts) < 2:
                continue
            touched.add(parts[0])
            if parts[1:] == [PLAN_FILE]:
                fields = meta.split()
                blob = fields[3] if len(fields) >= 5 and not fields[1].startswith("16") else _NO_BLOB
                changed[parts[0]] = "" if blob == _NO_BLOB else blob
        records.append((commit, changed, touched))
    records.reverse()
    return records


def _read_blobs(blobs: Sequence[str], cwd: Path) -> dict[str, bytes]:
    """The content of each blob, by one ``git cat-file --batch``."""
    output = _git(["cat-file", "--batch"], cwd, stdin="".join(f"{blob}\n" for blob in blobs).encode())
    found: dict[str, bytes] = {}
    at = 0
    for blob in blobs:
        end = output.index(b"\n", at)
        header = output[at:end].split()
        at = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[blob] = output[at:at + size]
            at += size + 1
    return found


# -- plans at each commit -------------------------------------------------------------------------


def _parse(data: bytes, limits: Limits, lang: str) -> dict[str, Any]:
    """A cached parse: ``{"snapshot": …}`` or ``{"error": …}``."""
    _ = translator(lang).gettext
    if len(data) > limits.max_yaml_bytes:
        return {"error": _("larger than %(size)s bytes") % {"size": limits.max_yaml_bytes}}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"error": _("not UTF-8 text")}
    try:
        kawasan, problems = parse_kawasan(text, Path(PLAN_FILE), lang=lang, limits=limits)
    except Exception as exc:
        return {"error": _("unexpected error: %(error)s") % {"error": f"{type(exc).__name__}: {exc}"}}
    if kawasan is None:
        first = problems[0] if problems else None
        where = f"{PLAN_FILE}:{first.line}: " if first and first.line else ""
        return {"error": where + (f"{first.field}: {first.message}" if first and first.field else first.message if first else "?")}
    return {"snapshot": Snapshot.of(kawasan).to_json()}


def _plan_histories(commits: list[_LogRecord], cache: _Cache, unreadable: str) -> dict[str, PlanHistory]:
    """Each kawasan's entries: every parsed version compared with the previous one that parsed."""
    entries: dict[str, list[Entry]] = {}
    skipped: dict[str, list[Skipped]] = {}
    last: dict[str, Snapshot] = {}
    last_commit: dict[str, Commit] = {}
    for commit, changed, touched in commits:
        for slug in touched:
            last_commit[slug] = commit
        for slug, blob in sorted(changed.items()):
            if not blob:  # kawasan.yml deleted: the next version is compared with the last one there was
                continue
            parsed = cache.get(blob) or {"error": unreadable}
            if "error" in parsed:
                skipped.setdefault(slug, []).append(Skipped(commit, parsed["error"]))
                continue
            snapshot = Snapshot.from_json(parsed["snapshot"])
            before = last.get(slug)
            changes = [started(snapshot)] if before is None else compare(before, snapshot)
            last[slug] = snapshot
            if changes:
                entries.setdefault(slug, []).append(Entry(commit, tuple(changes), snapshot.totals))
    return {
        slug: PlanHistory(slug, tuple(entries.get(slug, ())), tuple(skipped.get(slug, ())), commit)
        for slug, commit in last_commit.items()
    }


class _Cache:
    """Parsed ``kawasan.yml`` blobs, by blob id, in one JSON file of the cache folder."""

    def __init__(self, folder: Path | None, lang: str) -> None:
        self.path = folder / "history" / f"plans-v{CACHE_VERSION}-{lang}.json" if folder else None
        self.data: dict[str, Any] = {}
        if self.path and self.path.is_file():
            try:
                self.data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.data = {}

    def __contains__(self, blob: str) -> bool:
        return blob in self.data

    def get(self, blob: str) -> dict[str, Any] | None:
        return self.data.get(blob)

    def put(self, blob: str, parsed: dict[str, Any]) -> None:
        self.data[blob] = parsed

    def save(self) -> None:
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(f".{os.getpid()}.tmp")
            temporary.write_text(json.dumps(self.data, ensure_ascii=False, sort_keys=True), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs time
