"""Tables of the investment matrix → projects and slum indicators, every bad cell named.

Rows sharing an ``Id`` (or, without that column, a ``Kegiatan``) are the yearly phases of one
project: their costs add up, one phase per year; volumes (in one unit) and beneficiaries add up;
the other columns must agree (an empty cell repeats the phase above). A row's cost is its
``Biaya`` cell, else the sum of its money columns. Total rows are checked against the rows above
them: a total that disagrees is a warning. Nothing here knows the plan: :mod:`.matrix_merge`
puts the result into ``kawasan.yml``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...i18n import Translator, translator
from ..figures import YearCost
from ..labels import ASPECT
from ..slugs import is_slug, slugify
from ..vocabulary import ASPECTS
from . import cells
from .columns import COUNTS, PLAN_COLUMNS, PROFILE_COLUMNS, SOURCE_COLUMNS, Column, SheetProblem, SheetProject
from .reading import Cell, Reading, Row, Table

MAX_PROJECTS = 500
PER_PROJECT = ("title", "summary", "sector", "aspect", "kind", "executor", "unit")
"""Columns whose cells the phases of one project must agree on."""
PLAN = {column.key: column for column in PLAN_COLUMNS}
PROFILE = {column.key: column for column in PROFILE_COLUMNS}


def aspect_names() -> dict[str, str]:
    """Each aspect's name as the sheet writes it: in Indonesian, the language of the matrix."""
    t = translator("id")
    return {a: t.gettext(ASPECT[a]) for a in ASPECTS}


@dataclass
class Imported:
    """What an investment matrix says: its projects, its indicators, and what is wrong with it."""

    file: Path = Path()
    sheet: str | None = None  # the plan's sheet (None: a CSV file)
    projects: list[SheetProject] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)  # project id → the cell of its first Kegiatan
    undated: dict[str, str] = field(default_factory=dict)  # project id → the empty Tahun cell of a phase
    columns: dict[str, str] = field(default_factory=dict)  # the plan sheet's columns: key → header as written
    indicators: list[dict[str, Any]] | None = None  # None: no profile sheet
    profile_columns: frozenset[str] = frozenset()
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)


@dataclass
class _Project:
    """A project while its rows are read."""

    where: str
    sector_where: str  # its first Jenis cell (required in one of its rows)
    sector_written: bool = False  # a Jenis cell of one of its rows is not empty (right or wrong)
    values: dict[str, tuple[Any, str]] = field(default_factory=dict)  # per-project column → (value, cell)
    places: list[str] = field(default_factory=list)
    volume: int | float | None = None
    phases: dict[int | None, int] = field(default_factory=dict)
    money: dict[str, int] = field(default_factory=dict)
    counts: dict[str, tuple[int, str]] = field(default_factory=dict)


def import_tables(reading: Reading, lang: str = "id") -> Imported:
    """The projects and indicators of a file's tables, with the reading's problems and the cells' own."""
    found = Imported(problems=list(reading.problems), warnings=list(reading.warnings))
    t = translator(lang)
    if reading.plan is not None:
        found.file, found.sheet = reading.plan.file, reading.plan.sheet
        _plan(reading.plan, found, t)
    if reading.profile is not None:
        found.profile_columns = frozenset(reading.profile.columns)
        found.indicators = _indicators(reading.profile, found, t)
    return found


class _Reader:
    """Reads a table's cells by the kind of their column, each problem reported at its cell."""

    def __init__(self, table: Table, found: Imported, t: Translator) -> None:
        self.table, self.found, self.t = table, found, t
        self.names = aspect_names()

    def problem(self, where: str, key: str, message: str, suggestion: str | None = None, *, warn: bool = False) -> None:
        header = self.table.columns.get(key) or (PLAN.get(key) or PROFILE[key]).header
        problem = SheetProblem(self.table.file, self.table.sheet, where, header, message, suggestion, self.t.lang)
        (self.found.warnings if warn else self.found.problems).append(problem)

    def value(self, row: Row, column: Column, *, required: bool = False) -> Any:
        """The cell's value as the plan holds it, ``None`` when empty or wrong (then a problem is reported)."""
        cell: Cell | None = row.cells.get(column.key)
        if cell is None:
            if required and column.required:
                self.problem(self.table.where(row, column.key), column.key, self.t.gettext("Required: this cell is empty."))
            return None
        readers: dict[str, Callable[[Any], Any]] = {
            "text": cells.text, "slug": cells.text, "year": cells.year, "date": cells.date, "sector": cells.sector,
            "aspect": lambda v: cells.aspect(v, self.names), "kind": cells.kind, "decimal": cells.decimal,
            "money": cells.money, "count": cells.count, "percent": lambda v: cells.percent(v, formatted=cell.percent),
        }
        try:
            value = readers[column.kind](cell.value)
        except cells.CellError as error:
            self.problem(cell.where, column.key, self.t.gettext(error.message) % error.values, error.suggestion)
            return None
        if column.kind == "slug" and value is not None and not is_slug(value):
            message = self.t.gettext("%(found)s is not a valid id: use lowercase letters, digits and hyphens.")
            self.problem(cell.where, column.key, message % {"found": cells.found(value)}, slugify(value) or None)
            return None
        return value


def _plan(table: Table, found: Imported, t: Translator) -> None:
    read = _Reader(table, found, t)
    _ = t.gettext
    found.columns = dict(table.columns)
    projects: dict[str, _Project] = {}
    costs: list[dict[str, int]] = []  # each row's money by column, and its cost
    for row in table.rows:
        values = {column.key: read.value(row, column) for column in PLAN_COLUMNS if column.key in table.columns}
        money = {key: values[key] for key in SOURCE_COLUMNS if values.get(key)}
        cost = values.get("cost")
        if cost is not None and sum(money.values()) > cost:
            message = _("The sources add up to %(sum)s, more than the cost %(cost)s.")
            read.problem(table.where(row, "cost"), "cost", message % {"sum": t.money(sum(money.values())), "cost": t.money(cost)}, warn=True)
        cost = sum(money.values()) if cost is None else cost
        costs.append({**money, "cost": cost})
        title = values.get("title")
        pid = values.get("id") or slugify(title or "")
        if title is None and pid not in projects:  # a later phase may leave it to the first
            if "title" not in row.cells:
                read.problem(table.where(row, "title"), "title", _("Required: this cell is empty."))
            continue
        if not pid:
            read.problem(table.where(row, "title"), "title", _("An id cannot be made from this text: write one in the Id column."))
            continue
        project = projects.setdefault(pid, _Project(table.where(row, "title"), table.where(row, "sector")))
        _phase(project, row, values, money, cost, read, pid)
    for total_at, row in table.totals:
        _check_total(table, row, costs[:total_at], costs[_previous(table, total_at):total_at], read)
    if len(projects) > MAX_PROJECTS:
        read.problem(table.anchor, "title", _("The sheet holds %(count)s projects; a plan may have at most %(limit)s.")
                     % {"count": len(projects), "limit": MAX_PROJECTS})
    for pid, project in projects.items():
        if not project.sector_written and "sector" in table.columns:
            read.problem(project.sector_where, "sector", _("Required: write L, S or E."))
        _counts_agree(project, read)
        if not {"title", "sector"} <= set(project.values):
            continue  # its cells are reported
        found.where[pid] = project.where
        found.projects.append(_finish(pid, project, read))


def _phase(project: _Project, row: Row, values: dict[str, Any], money: dict[str, int], cost: int, read: _Reader, pid: str) -> None:
    """Add one row to its project: a phase, money, volume and beneficiaries; the other columns must agree."""
    t, table = read.t, read.table
    project.sector_written |= "sector" in row.cells
    for key in PER_PROJECT:
        value = values.get(key)
        if value is None:
            continue
        first = project.values.setdefault(key, (value, table.where(row, key)))
        if first[0] != value:
            message = t.gettext("Rows with the same id are the phases of one project and must agree: %(cell)s says %(other)s.")
            read.problem(table.where(row, key), key, message % {"cell": first[1], "other": cells.found(str(first[0]))})
    if values.get("place") and values["place"] not in project.places:
        project.places.append(values["place"])
    year = values.get("year")
    if year is None and "year" not in row.cells:  # empty (a wrong year is reported already)
        read.found.undated.setdefault(pid, table.where(row, "year"))
    project.phases[year] = project.phases.get(year, 0) + cost
    for key, amount in money.items():
        project.money[key] = project.money.get(key, 0) + amount
    if values.get("volume") is not None:
        if values.get("unit") is None and "unit" not in project.values:
            read.problem(table.where(row, "volume"), "volume", t.gettext("A volume needs its unit: write it in Satuan."))
        project.volume = (project.volume or 0) + values["volume"]
    for key in COUNTS:
        if values.get(key) is not None:
            before = project.counts.get(key, (0, table.where(row, key)))
            project.counts[key] = (before[0] + values[key], before[1])


def _counts_agree(project: _Project, read: _Reader) -> None:
    """A part cannot exceed its whole: poor households among households, women among people."""
    t = read.t
    counts = {key: value for key, (value, _where) in project.counts.items()}
    for part, whole, message in (
        ("poor_households", "households", t.gettext("Poor households (%(poor)s) cannot exceed households (%(households)s).")),
        ("women", "people", t.gettext("Women (%(women)s) cannot exceed people (%(people)s).")),
    ):
        if part in counts and whole in counts and counts[part] > counts[whole]:
            values = {"poor": counts[part], "women": counts[part], "households": counts[whole], "people": counts[whole]}
            read.problem(project.counts[part][1], part, message % values)


def _finish(pid: str, project: _Project, read: _Reader) -> SheetProject:
    counts = {key: value for key, (value, _where) in project.counts.items()}
    value = {key: v for key, (v, _where) in project.values.items()}
    volume = project.volume
    if isinstance(volume, float):
        volume = round(volume, 6)
        volume = int(volume) if volume.is_integer() else volume
    return SheetProject(
        id=pid,
        title=value["title"],
        sector=value["sector"],
        summary=value.get("summary"),
        aspect=value.get("aspect"),
        place="; ".join(project.places) or None,
        volume=volume or None,
        unit=value.get("unit") if volume else None,
        kind=value.get("kind"),
        executor=value.get("executor"),
        phases=tuple(YearCost(year, cost) for year, cost in sorted(project.phases.items(), key=lambda p: (p[0] is None, p[0] or 0))),
        money={key: project.money[key] for key in SOURCE_COLUMNS if project.money.get(key)},
        counts={key: counts[key] for key in COUNTS if key in counts},
    )


def _previous(table: Table, total_at: int) -> int:
    """How many data rows come before the total row preceding the one at ``total_at``."""
    return max((at for at, _row in table.totals if at < total_at), default=0)


def _check_total(table: Table, row: Row, above: list[dict[str, int]], section: list[dict[str, int]], read: _Reader) -> None:
    """A total row that matches neither its section nor everything above it is a warning."""
    t = read.t
    for key in (*SOURCE_COLUMNS, "cost"):
        cell = row.cells.get(key)
        if cell is None:
            continue
        try:
            total = cells.money(cell.value)
        except cells.CellError:
            continue  # a formula left uncalculated, a note: nothing to compare
        sums = {sum(r.get(key, 0) for r in rows) for rows in (above, section)}
        if total is not None and total not in sums:
            message = t.gettext("The total row says %(total)s, but the rows above add up to %(sum)s.")
            read.problem(cell.where, key, message % {"total": t.money(total), "sum": t.money(min(sums))}, warn=True)


def _indicators(table: Table, found: Imported, t: Translator) -> list[dict[str, Any]]:
    """The slum profile: one indicator per row, each aspect and criterion once."""
    read = _Reader(table, found, t)
    indicators: list[dict[str, Any]] = []
    seen: dict[tuple[str, str], str] = {}
    for row in table.rows:
        values = {c.key: read.value(row, c, required=True) for c in PROFILE_COLUMNS if c.key in table.columns}
        if any(values.get(c.key) is None for c in PROFILE_COLUMNS if c.required):
            continue
        same = (values["aspect"], cells.key(values["criterion"]))
        if same in seen:
            message = t.gettext("This aspect and criterion are already in %(cell)s; write each criterion once.")
            read.problem(table.where(row, "criterion"), "criterion", message % {"cell": seen[same]})
            continue
        seen[same] = table.where(row, "criterion")
        indicators.append({key: value for key, value in values.items() if value is not None})
    return indicators


def summary_of(project: SheetProject, t: Translator) -> str:
    """A one-sentence summary from the activity, its volume and place: "Jaringan pipa, 3.950 m, di RT 02."."""
    activity = project.title.rstrip(". ")
    volume = f"{t.number(project.volume)} {project.unit}" if project.volume and project.unit else None
    if volume and project.place:
        return t.gettext("%(activity)s, %(volume)s, in %(place)s.") % {"activity": activity, "volume": volume, "place": project.place}
    if volume:
        return t.gettext("%(activity)s, %(volume)s.") % {"activity": activity, "volume": volume}
    if project.place:
        return t.gettext("%(activity)s in %(place)s.") % {"activity": activity, "place": project.place}
    return activity + "."
