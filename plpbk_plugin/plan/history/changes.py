"""What changed between two versions of a plan, as structured records (no wording here).

A :class:`Snapshot` keeps what the history compares of a parsed plan: each project's title,
status, cost, progress, funding lines with their figures and progress notes, the calls, the partners and
the policy asks, and the kawasan's totals (figures from :mod:`.figures`, one formula each). It is
plain data, so the history can cache it as JSON. :func:`compare` turns two snapshots into
:class:`Change` records: funding that moved (a pledge that became a commitment, new money),
project statuses, cost revisions, progress, new or closed calls, new partners, policy asks
that moved, new and removed projects. The site words them in the visitor's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from ..figures import kawasan_totals, project_money
from ..model import Kawasan

KINDS = (
    "plan_started",
    "project_added",
    "project_removed",
    "project_renamed",
    "project_status",
    "project_cost",
    "project_progress",
    "project_funding",
    "project_update",
    "call_opened",
    "call_closed",
    "partner_added",
    "partner_removed",
    "policy_added",
    "policy_status",
    "policy_removed",
)
"""Every kind of change, in the order a commit's changes are listed."""


@dataclass(frozen=True)
class Line:
    """A funding line as the history compares it."""

    source: str
    partner: str | None
    amount: int
    status: str


@dataclass(frozen=True)
class Note:
    """A progress note as the history compares it: its date, text and photo files."""

    date: str
    text: str
    photos: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProjectState:
    id: str
    title: str
    status: str
    cost: int
    progress: int | None
    secured: int
    pledged: int
    lines: tuple[Line, ...]
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class Figures:
    """A kawasan's money at one version: cost, secured, pledged, gap (as :mod:`.figures` sums them)."""

    cost: int
    secured: int
    pledged: int
    gap: int


@dataclass(frozen=True)
class Snapshot:
    """What the history keeps of one version of a plan."""

    name: str
    projects: tuple[ProjectState, ...]
    calls: tuple[tuple[str, str], ...]  # (id, title)
    partners: tuple[str, ...]
    policy: tuple[tuple[str, str], ...]  # (title, status)
    totals: Figures

    @classmethod
    def of(cls, kawasan: Kawasan) -> Snapshot:
        projects = []
        for p in kawasan.projects:
            money = project_money(p)
            lines = tuple(Line(f.source, f.partner, f.amount, f.status) for f in p.funding)
            notes = tuple(Note(str(u.date), u.text, tuple(photo.file for photo in u.photos)) for u in p.updates)
            projects.append(ProjectState(p.id, p.title, p.status, p.cost, p.progress, money.secured, money.pledged, lines, notes))
        money = kawasan_totals(kawasan).money
        return cls(
            name=kawasan.name,
            projects=tuple(projects),
            calls=tuple((c.id, c.title) for c in kawasan.calls),
            partners=tuple(p.name for p in kawasan.partners),
            policy=tuple((p.title, p.status) for p in kawasan.policy),
            totals=Figures(money.cost, money.secured, money.pledged, money.gap),
        )

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Snapshot:
        projects = tuple(
            ProjectState(**{**p, "lines": tuple(Line(**line) for line in p["lines"]),
                            "notes": tuple(Note(n["date"], n["text"], tuple(n["photos"])) for n in p.get("notes", ()))})
            for p in data["projects"]
        )
        return cls(
            name=data["name"],
            projects=projects,
            calls=tuple((c[0], c[1]) for c in data["calls"]),
            partners=tuple(data["partners"]),
            policy=tuple((p[0], p[1]) for p in data["policy"]),
            totals=Figures(**data["totals"]),
        )


@dataclass(frozen=True)
class LineChange:
    """One funding line that appeared, went, or changed its status or amount (``None``: absent)."""

    source: str
    partner: str | None
    old_status: str | None
    new_status: str | None
    old_amount: int | None
    new_amount: int | None


@dataclass(frozen=True)
class Change:
    """One change of a plan: ``kind`` (one of :data:`KINDS`), what it is about, before and after.

    ``project_funding`` carries the project's secured money in ``old``/``new``, its pledged money
    in ``pledged`` and the lines that changed in ``lines``. ``project_update`` carries the note's date in
    ``new`` (and in ``old`` when the note was there before and only gained photos), its text in ``note``
    and its new photo files in ``photos``.
    """

    kind: str
    title: str = ""  # the project, call, partner or policy ask
    id: str | None = None  # the project's or call's id
    old: int | str | None = None
    new: int | str | None = None
    pledged: tuple[int, int] | None = None
    lines: tuple[LineChange, ...] = field(default=())
    note: str | None = None
    photos: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["pledged"] = list(self.pledged) if self.pledged else None
        data["photos"] = list(self.photos)
        return data


def started(snapshot: Snapshot) -> Change:
    """The first recorded version: how many projects, at what cost."""
    return Change("plan_started", snapshot.name, old=None, new=len(snapshot.projects))


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """The changes from ``old`` to ``new``, grouped by kind (the order of :data:`KINDS`)."""
    changes = [*_projects(old, new), *_calls(old, new), *_partners(old, new), *_policy(old, new)]
    return sorted(changes, key=lambda change: KINDS.index(change.kind))


def _projects(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    before = _by_key((p.id, p) for p in old.projects)
    after = _by_key((p.id, p) for p in new.projects)
    for pid, project in after.items():
        was = before.get(pid)
        if was is None:
            yield Change("project_added", project.title, pid, None, project.cost)
            continue
        if was.title != project.title:
            yield Change("project_renamed", project.title, pid, was.title, project.title)
        if was.status != project.status:
            yield Change("project_status", project.title, pid, was.status, project.status)
        if was.cost != project.cost:
            yield Change("project_cost", project.title, pid, was.cost, project.cost)
        if was.progress != project.progress:
            yield Change("project_progress", project.title, pid, was.progress, project.progress)
        lines = tuple(_lines(was.lines, project.lines))
        if lines or was.secured != project.secured or was.pledged != project.pledged:
            pledged = (was.pledged, project.pledged)
            yield Change("project_funding", project.title, pid, was.secured, project.secured, pledged, lines)
        yield from _notes(project, was.notes)
    for pid, project in before.items():
        if pid not in after:
            yield Change("project_removed", project.title, pid, project.cost, None)


def _notes(project: ProjectState, before: tuple[Note, ...]) -> Iterator[Change]:
    """Notes that are new (by date and order within the day), or that gained photos."""
    known = dict(_dated(before))
    for key, note in _dated(project.notes):
        was = known.get(key)
        added = tuple(photo for photo in note.photos if was is None or photo not in was.photos)
        if was is None or added:
            yield Change("project_update", project.title, project.id, None if was is None else note.date, note.date,
                         note=note.text, photos=added)


def _dated(notes: tuple[Note, ...]) -> Iterator[tuple[tuple[str, int], Note]]:
    """Each note keyed by its date and its place among the notes of that date."""
    seen: dict[str, int] = {}
    for note in notes:
        seen[note.date] = seen.get(note.date, 0) + 1
        yield (note.date, seen[note.date]), note


def _lines(old: tuple[Line, ...], new: tuple[Line, ...]) -> Iterator[LineChange]:
    """Funding lines matched by source and partner (in order, when a project has several alike)."""
    remaining: dict[tuple[str, str | None], list[Line]] = {}
    for line in old:
        remaining.setdefault((line.source, line.partner), []).append(line)
    for line in new:
        alike = remaining.get((line.source, line.partner))
        was = alike.pop(0) if alike else None
        if was is None:
            yield LineChange(line.source, line.partner, None, line.status, None, line.amount)
        elif (was.status, was.amount) != (line.status, line.amount):
            yield LineChange(line.source, line.partner, was.status, line.status, was.amount, line.amount)
    for gone in (line for alike in remaining.values() for line in alike):
        yield LineChange(gone.source, gone.partner, gone.status, None, gone.amount, None)


def _calls(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    before, after = _by_key(old.calls), _by_key(new.calls)
    for cid, title in after.items():
        if cid not in before:
            yield Change("call_opened", title, cid)
    for cid, title in before.items():
        if cid not in after:
            yield Change("call_closed", title, cid)


def _partners(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    before, after = set(old.partners), set(new.partners)
    for name in dict.fromkeys(new.partners):
        if name not in before:
            yield Change("partner_added", name)
    for name in dict.fromkeys(old.partners):
        if name not in after:
            yield Change("partner_removed", name)


def _policy(old: Snapshot, new: Snapshot) -> Iterator[Change]:
    before, after = _by_key(old.policy), _by_key(new.policy)
    for title, status in after.items():
        if title not in before:
            yield Change("policy_added", title, new=status)
        elif before[title] != status:
            yield Change("policy_status", title, old=before[title], new=status)
    for title, status in before.items():
        if title not in after:
            yield Change("policy_removed", title, old=status)


def _by_key(pairs: Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """First item of each key (ids are unique in a valid plan; an old version may not have been)."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        found.setdefault(key, value)
    return found
