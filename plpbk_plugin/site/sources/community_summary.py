"""What a portal keeps of a gathered kawasan: what it shows, not the whole plan.

A community's ``data.json`` holds its whole plan: tens of KB of text, ten times that as objects.
A national portal of 10,000 communities keeps of each only its card (name, tagline, place), its
figures, one row per project (the portal's ``rencana.csv``) and its calls for partnership (title,
amount sought, deadline, partner types, sectors, link: what a partnership market lists). The
summary is kept as JSON beside the source's copy (:mod:`.source_cache`), so a source that
answers ``304 Not Modified`` costs no parsing or checking of its document again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from pydantic import ValidationError

from ...plan.figures import MoneyFigures, Totals, amount_sought, kawasan_totals, phases, project_money, total_money
from ...plan.model import Call, Kawasan, Location


@dataclass(frozen=True)
class ProjectFigures:
    """One project as the portal's rencana.csv lists it."""

    id: str
    title: str
    sector: str
    aspect: str | None
    status: str
    progress: int | None
    cost: int
    secured: int
    pledged: int
    gap: int
    start: str | None
    end: str | None
    planned: int = 0
    volume: float | None = None
    unit: str | None = None
    place: str | None = None
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class CallSummary:
    """A call for partnership as a list of open calls shows it."""

    id: str
    title: str
    amount_sought: int | None
    deadline: str | None  # ISO date
    partner_types: tuple[str, ...]
    sectors: tuple[str, ...]  # of the projects it supports
    url: str | None  # its page on the community's site
    gap: int | None = None  # the funding gap of the projects it supports (None: it names none)


@dataclass(frozen=True)
class Summary:
    """A gathered kawasan as the portal shows it (templates read ``name``, ``tagline``, ``location``)."""

    name: str
    tagline: str
    location: Location
    totals: Totals
    projects: tuple[ProjectFigures, ...]
    calls: tuple[CallSummary, ...]


def summarize(kawasan: Kawasan, home: str | None) -> Summary:
    """The summary of a checked plan; ``home``: the community's Beranda, for the links to its calls."""
    sectors = {project.id: project.sector for project in kawasan.projects}
    projects = []
    for project in kawasan.projects:
        money = project_money(project)
        projects.append(ProjectFigures(
            project.id, project.title, project.sector, project.aspect, project.status, project.progress,
            money.cost, money.secured, money.pledged, money.gap, _text(project.start), _text(project.end),
            money.planned, project.volume.amount if project.volume else None, project.volume.unit if project.volume else None,
            project.place, tuple(sorted({phase.year for phase in phases(project) if phase.year is not None})),
        ))
    money_of = {project.id: project_money(project) for project in kawasan.projects}

    def supported(call: Call) -> list[str]:
        return [p for p in dict.fromkeys(call.projects) if p in money_of]

    calls = tuple(
        CallSummary(
            call.id, call.title, amount_sought(call, kawasan), call.deadline, tuple(call.partner_types),
            tuple(dict.fromkeys(sectors[p] for p in supported(call))),
            urljoin(home, f"kemitraan/{call.id}/") if home else None,
            total_money(money_of[p] for p in supported(call)).gap if supported(call) else None,
        )
        for call in kawasan.calls
    )
    return Summary(kawasan.name, kawasan.tagline, kawasan.location, kawasan_totals(kawasan), tuple(projects), calls)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def summary_record(summary: Summary) -> dict[str, Any]:
    """The summary as JSON, to keep beside the source's copy."""
    totals = summary.totals
    return {
        "name": summary.name,
        "tagline": summary.tagline,
        "location": summary.location.model_dump(mode="json", exclude_none=True),
        "totals": {"secured_by_source": totals.secured_by_source,  # its money: the sum of the projects'
                   "projects_by_status": totals.projects_by_status, "households": totals.households,
                   "beneficiary_households": totals.beneficiary_households},
        "projects": [vars(project) for project in summary.projects],  # flat dataclasses: their fields as they are
        "calls": [vars(call) for call in summary.calls],
    }


def summary_from_record(record: Mapping[str, Any]) -> Summary | None:
    """A kept summary, or ``None`` when it cannot be read (kept by another version: the copy is read again)."""
    try:
        totals = record["totals"]
        projects = tuple(ProjectFigures(**{**project, "years": tuple(project["years"])}) for project in record["projects"])
        money = total_money(MoneyFigures(p.cost, p.secured, p.pledged, p.planned) for p in projects)
        return Summary(
            name=str(record["name"]),
            tagline=str(record["tagline"]),
            location=Location.model_validate(record["location"]),
            totals=Totals(money, dict(totals["secured_by_source"]), dict(totals["projects_by_status"]),
                          totals["households"], int(totals["beneficiary_households"])),
            projects=projects,
            calls=tuple(
                CallSummary(**{**call, "partner_types": tuple(call["partner_types"]), "sectors": tuple(call["sectors"])})
                for call in record["calls"]
            ),
        )
    except (KeyError, TypeError, ValueError, ValidationError):
        return None
