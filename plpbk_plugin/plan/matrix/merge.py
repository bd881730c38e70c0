"""An imported investment matrix → the new text of ``kawasan.yml``.

The sheet's columns win for the fields they carry, and only where what the sheet says differs
from what the plan says in the sheet's terms (:func:`.matrix.sheet_project`): a sheet made from
the plan changes nothing. Every other field stays (description, photos, status, progress,
updates, calls). The money columns are the plan's intended mix per source: what the plan already
records as pledged, committed or received from a source counts toward it, and the rest becomes a
funding line with status ``planned``; those lines are the only funding lines an import touches.
Projects absent from the sheet stay unless ``prune``. A new project gets status ``planned`` and,
without a ``Ringkasan``, a summary made from its activity, volume and place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ...i18n import Translator, translator
from ..figures import YearCost
from ..model import Beneficiaries, Indicator, Kawasan, Project, Slum
from . import yaml_edit
from .cells import key as words
from .columns import COUNTS, COVERS, PLAN_COLUMNS, SOURCE_COLUMNS, SheetProblem, SheetProject, sheet_project
from .importing import Imported, summary_of

PROJECT_KEYS = tuple(info.alias or name for name, info in Project.model_fields.items())
KAWASAN_KEYS = tuple(Kawasan.model_fields)
HEADER = {column.key: column.header for column in PLAN_COLUMNS}
SIMPLE = ("title", "summary", "sector", "aspect", "place", "kind", "executor")


@dataclass
class Merge:
    """The new ``kawasan.yml`` and what changed, in the words of the sheet's columns."""

    text: str
    added: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # project id → the columns that changed it
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # in the plan, not in the sheet
    removed: list[str] = field(default_factory=list)
    indicators: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("added", "changed", "removed"), 0))
    problems: list[SheetProblem] = field(default_factory=list)
    warnings: list[SheetProblem] = field(default_factory=list)


def merge(text: str, kawasan: Kawasan, imported: Imported, *, prune: bool = False, lang: str = "id") -> Merge:
    """``text`` (the valid plan ``kawasan``) with the sheet's projects and indicators put in."""
    t = translator(lang)
    yaml, doc = yaml_edit.load(text)
    report = Merge(text)
    existing = {project.id: (index, project) for index, project in enumerate(kawasan.projects)}
    projects: CommentedSeq = doc["projects"]
    for sheet in imported.projects:
        if sheet.id in existing:
            index, project = existing[sheet.id]
            changed = _update(projects[index], project, sheet, imported, report, t)
            if changed:
                report.changed[sheet.id] = changed
            else:
                report.unchanged.append(sheet.id)
        else:
            node = _new(sheet, imported, report, t)
            if node is not None:
                yaml_edit.append(projects, node)
                report.added.append(sheet.id)
    named = {sheet.id for sheet in imported.projects}
    for index, project in reversed(list(enumerate(kawasan.projects))):
        if project.id not in named:
            if prune:
                yaml_edit.remove(projects, index)
                report.removed.insert(0, project.id)
            else:
                report.kept.insert(0, project.id)
    if imported.indicators is not None:
        _indicators(doc, kawasan.slum, imported, report, prune)
    if not (report.problems or report.added or report.changed or report.removed or any(report.indicators.values())):
        return report  # nothing to say: the file stays byte for byte as it was
    report.text = yaml_edit.dump(yaml, doc)
    return report


def _problem(report: Merge, imported: Imported, where: str, column: str, message: str, *, warn: bool = False) -> None:
    problem = SheetProblem(imported.file, imported.sheet, where, column, message)
    (report.warnings if warn else report.problems).append(problem)


def _update(node: CommentedMap, project: Project, sheet: SheetProject, imported: Imported, report: Merge, t: Translator) -> list[str]:
    """Change a project where the sheet says otherwise; the columns that changed it."""
    have = sheet_project(project)
    columns = imported.columns  # key → the header as the sheet writes it
    changed: list[str] = []
    for name in SIMPLE:
        want = getattr(sheet, name)
        if name in columns and want != getattr(have, name) and not (name == "summary" and want is None):
            _set(node, name, want)
            changed.append(columns[name])
    if "volume" in columns and (sheet.volume, sheet.unit) != (have.volume, have.unit):
        _set(node, "volume", yaml_edit.mapping([("amount", sheet.volume), ("unit", sheet.unit)]) if sheet.volume else None)
        changed.append(columns["volume"])
    costs = "cost" in columns or any(column in columns for column in SOURCE_COLUMNS)  # else the sheet says no cost
    if sheet.id in imported.undated and any(phase.year is not None for phase in have.phases):
        _undated(report, imported, sheet.id, t)
    elif costs and sheet.phases != have.phases:
        derived = have.phases[0].year if not project.schedule else None
        single = len(sheet.phases) == 1 and sheet.phases[0].year in (None, derived) and not project.schedule
        _set(node, "schedule", None if single else _schedule(sheet.phases))
        _set(node, "cost", sum(phase.cost for phase in sheet.phases))
        changed += [columns[k] for k in ("year", "cost") if k in columns]
    for column in SOURCE_COLUMNS:
        if column in columns and sheet.money.get(column, 0) != have.money.get(column, 0):
            _plan_source(node, project, column, sheet.money.get(column, 0), imported, report, t)
            changed.append(columns[column])
    if any(name in columns and sheet.counts.get(name) != have.counts.get(name) for name in COUNTS):
        counts = {**have.counts, **{name: sheet.counts.get(name) for name in COUNTS if name in columns}}
        beneficiaries = node.get("beneficiaries")
        if not isinstance(beneficiaries, CommentedMap):
            beneficiaries = yaml_edit.mapping([])
        for name in Beneficiaries.model_fields:
            if counts.get(name) is None:
                yaml_edit.drop(beneficiaries, name)
            else:
                yaml_edit.put(beneficiaries, name, counts[name], tuple(Beneficiaries.model_fields))
        _set(node, "beneficiaries", beneficiaries or None)
        changed += [columns[name] for name in COUNTS if name in columns and sheet.counts.get(name) != have.counts.get(name)]
    return changed


def _set(node: CommentedMap, key: str, value: Any) -> None:
    if value is None:
        yaml_edit.drop(node, key)
    else:
        yaml_edit.put(node, key, value, PROJECT_KEYS)


def _schedule(phases: tuple[YearCost, ...]) -> CommentedSeq:
    return CommentedSeq(yaml_edit.mapping([("year", phase.year), ("cost", phase.cost)]) for phase in phases)


def _undated(report: Merge, imported: Imported, pid: str, t: Translator) -> None:
    message = t.gettext("Required: write the year of this phase.")
    _problem(report, imported, imported.undated[pid], HEADER["year"], message)


def _plan_source(node: CommentedMap, project: Project, column: str, amount: int, imported: Imported, report: Merge, t: Translator) -> None:
    """The planned lines of one money column: what the sheet plans beyond what the plan already records."""
    covered = COVERS[column]
    recorded = sum(line.amount for line in project.funding if line.source in covered and line.status != "planned")
    wanted = amount - recorded
    if wanted < 0:
        message = t.gettext(
            "The plan already records %(recorded)s from this source (pledged, committed or received), more than the "
            "sheet's %(amount)s; nothing more is planned from it."
        )
        _problem(report, imported, imported.where[project.id], HEADER[column],
                 message % {"recorded": t.money(recorded), "amount": t.money(amount)}, warn=True)
    funding = node.get("funding")
    if not isinstance(funding, CommentedSeq):
        funding = CommentedSeq()
    planned = [i for i, line in enumerate(project.funding) if line.source in covered and line.status == "planned"]
    if wanted > 0 and planned:
        funding[planned[0]]["amount"] = wanted
        planned = planned[1:]
    for index in reversed(planned):
        yaml_edit.remove(funding, index)
    if wanted > 0 and not any(line.source in covered and line.status == "planned" for line in project.funding):
        yaml_edit.append(funding, _planned_line(column, wanted))
    _set(node, "funding", funding or None)


def _planned_line(column: str, amount: int) -> CommentedMap:
    return yaml_edit.mapping([("source", column), ("amount", amount), ("status", "planned")])


def _new(sheet: SheetProject, imported: Imported, report: Merge, t: Translator) -> CommentedMap | None:
    """A project the plan does not have yet: status ``planned``, the sheet's money as planned lines."""
    if sheet.id in imported.undated:
        _undated(report, imported, sheet.id, t)
        return None
    funding = CommentedSeq(_planned_line(column, amount) for column, amount in sheet.money.items())
    counts = yaml_edit.mapping([(name, sheet.counts.get(name)) for name in Beneficiaries.model_fields])
    return yaml_edit.mapping([
        ("id", sheet.id),
        ("title", sheet.title),
        ("summary", sheet.summary or summary_of(sheet, t)),
        ("sector", sheet.sector),
        ("aspect", sheet.aspect),
        ("kind", sheet.kind),
        ("volume", yaml_edit.mapping([("amount", sheet.volume), ("unit", sheet.unit)]) if sheet.volume else None),
        ("place", sheet.place),
        ("cost", sum(phase.cost for phase in sheet.phases)),
        ("schedule", _schedule(sheet.phases)),
        ("funding", funding or None),
        ("status", "planned"),
        ("executor", sheet.executor),
        ("beneficiaries", counts or None),
    ])


def _indicators(doc: CommentedMap, slum: Slum | None, imported: Imported, report: Merge, prune: bool) -> None:
    """The slum profile: indicators matched by aspect and criterion; the sheet's columns win."""
    assert imported.indicators is not None
    have = list(slum.indicators) if slum else []
    index = {(i.aspect, words(i.criterion)): n for n, i in enumerate(have)}
    node = doc.get("slum")
    if not isinstance(node, CommentedMap):
        node = yaml_edit.mapping([])
    seq = node.get("indicators")
    if not isinstance(seq, CommentedSeq):
        seq = CommentedSeq()
    order = tuple(Indicator.model_fields)
    matched = set()
    for values in imported.indicators:
        found = index.get((values["aspect"], words(values["criterion"])))
        if found is None:
            yaml_edit.append(seq, yaml_edit.mapping([(k, _yaml_value(values.get(k))) for k in order]))
            report.indicators["added"] += 1
            continue
        matched.add(found)
        old = have[found].model_dump()
        keys = [k for k in order if k in imported.profile_columns and values.get(k) != old.get(k)]
        for k in keys:
            value = _yaml_value(values.get(k))
            yaml_edit.drop(seq[found], k) if value is None else yaml_edit.put(seq[found], k, value, order)
        report.indicators["changed"] += bool(keys)
    if prune:
        for n in sorted(set(range(len(have))) - matched, reverse=True):
            yaml_edit.remove(seq, n)
            report.indicators["removed"] += 1
    if report.indicators["added"] or report.indicators["changed"] or report.indicators["removed"]:
        yaml_edit.put(node, "indicators", seq, tuple(Slum.model_fields))
        yaml_edit.put(doc, "slum", node, KAWASAN_KEYS)


def _yaml_value(value: Any) -> Any:
    """A date as YAML writes it unquoted: a full date as a date, a year as a number."""
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and value.isdigit() and len(value) == 4:
        return int(value)
    return value
