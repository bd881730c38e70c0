"""Money and progress figures: one place, one formula each (plan-format.md).

``secured`` counts committed and received funding, ``pledged`` the pledges, ``planned`` what the
investment plan names but nobody has pledged yet; neither pledged nor planned money closes the gap.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .model import Call, Kawasan, Project
from .vocabulary import PROJECT_STATUSES, SOURCES

SECURED_STATUSES = frozenset({"committed", "received"})


@dataclass(frozen=True)
class MoneyFigures:
    """Cost and funding of a project or of a whole kawasan, in whole rupiah."""

    cost: int
    secured: int
    pledged: int
    planned: int = 0

    @property
    def gap(self) -> int:
        """What is still missing: never negative, pledges do not close it."""
        return max(0, self.cost - self.secured)

    @property
    def surplus(self) -> int:
        """Secured money beyond the cost (an over-funded project)."""
        return max(0, self.secured - self.cost)

    @property
    def secured_ratio(self) -> float:
        """Share of the cost secured, capped at 1 (a zero-cost project counts as covered)."""
        return 1.0 if self.cost == 0 else min(1.0, self.secured / self.cost)

    def as_dict(self) -> dict[str, int]:
        return {"cost": self.cost, "secured": self.secured, "pledged": self.pledged, "planned": self.planned, "gap": self.gap}


def project_money(project: Project) -> MoneyFigures:
    """``secured`` counts committed and received lines, ``pledged`` the pledged ones, ``planned`` the planned ones."""
    secured = sum(line.amount for line in project.funding if line.status in SECURED_STATUSES)
    pledged = sum(line.amount for line in project.funding if line.status == "pledged")
    planned = sum(line.amount for line in project.funding if line.status == "planned")
    return MoneyFigures(cost=project.cost, secured=secured, pledged=pledged, planned=planned)


@dataclass(frozen=True)
class Totals:
    """A kawasan's figures: the sums over its projects."""

    money: MoneyFigures
    secured_by_source: dict[str, int]
    projects_by_status: dict[str, int]
    households: int | None
    beneficiary_households: int

    @property
    def swadaya_share(self) -> float | None:
        """Swadaya secured ÷ total secured; ``None`` when nothing is secured yet."""
        if self.money.secured == 0:
            return None
        return self.secured_by_source.get("swadaya", 0) / self.money.secured

    @property
    def project_count(self) -> int:
        return sum(self.projects_by_status.values())


def kawasan_totals(kawasan: Kawasan) -> Totals:
    """Totals of a kawasan (gap is the sum of project gaps, never negative)."""
    per_project = [project_money(p) for p in kawasan.projects]
    by_source: Counter[str] = Counter(dict.fromkeys(SOURCES, 0))
    for project in kawasan.projects:
        for line in project.funding:
            if line.status in SECURED_STATUSES:
                by_source[line.source] += line.amount
    statuses = Counter(dict.fromkeys(PROJECT_STATUSES, 0))
    statuses.update(p.status for p in kawasan.projects)
    return Totals(
        money=total_money(per_project),
        secured_by_source=dict(by_source),
        projects_by_status=dict(statuses),
        households=kawasan.profile.households if kawasan.profile else None,
        beneficiary_households=sum(
            (p.beneficiaries.households or 0) for p in kawasan.projects if p.beneficiaries
        ),
    )


def total_money(items: Iterable[MoneyFigures]) -> MoneyFigures:
    """The sum of several projects' (or kawasan's) money; the gap is the sum of their gaps."""
    items = list(items)
    return _Sum(
        cost=sum(m.cost for m in items),
        secured=sum(m.secured for m in items),
        pledged=sum(m.pledged for m in items),
        planned=sum(m.planned for m in items),
        gap_total=sum(m.gap for m in items),
    )


@dataclass(frozen=True)
class _Sum(MoneyFigures):
    """Totals of several projects: the gap is the sum of their gaps.

    One project's surplus does not fill another's gap, so the kawasan gap is
    not ``cost - secured`` of the sums.
    """

    gap_total: int = field(default=0)

    @property
    def gap(self) -> int:
        return self.gap_total


def amount_sought(call: Call, kawasan: Kawasan) -> int | None:
    """A call's amount: as written, else the gaps of the projects it names."""
    if call.amount_sought is not None:
        return call.amount_sought
    if not call.projects:
        return None
    by_id = {p.id: p for p in kawasan.projects}
    return sum(project_money(by_id[pid]).gap for pid in dict.fromkeys(call.projects) if pid in by_id)


class YearCost(NamedTuple):
    """A project's cost in one year (``year`` ``None``: the plan does not say when)."""

    year: int | None
    cost: int


def phases(project: Project) -> tuple[YearCost, ...]:
    """The yearly phases: the ``schedule``, else the whole cost in the year of ``start`` (or ``end``)."""
    if project.schedule:
        return tuple(YearCost(phase.year, phase.cost) for phase in project.schedule)
    when = project.start or project.end
    return (YearCost(int(when[:4]) if when else None, project.cost),)


def unit_cost(project: Project) -> int | None:
    """What one unit of the volume costs (``Rp145.570`` per m), rounded to the rupiah."""
    if project.volume is None or not project.cost:
        return None
    return int(project.cost / project.volume.amount + 0.5)


@dataclass(frozen=True)
class YearFigures:
    """The projects, cost and secured money of one year of a kawasan (``year`` ``None``: undated)."""

    year: int | None
    projects: tuple[str, ...]
    cost: int
    secured: int
    gap: int


def by_year(kawasan: Kawasan) -> list[YearFigures]:
    """Each year's cost and secured money, years in order, undated projects last.

    A project's secured money pays for its earliest phases first (beyond the cost, it counts in its
    last year), so the years add up to the kawasan's cost, secured money and gap.
    """
    found: dict[int | None, tuple[list[str], list[int]]] = {}
    for project in kawasan.projects:
        left = project_money(project).secured
        steps = phases(project)
        for index, phase in enumerate(steps):
            secured = left if index == len(steps) - 1 else min(left, phase.cost)
            left -= secured
            ids, sums = found.setdefault(phase.year, ([], [0, 0, 0]))
            if project.id not in ids:
                ids.append(project.id)
            sums[0] += phase.cost
            sums[1] += secured
            sums[2] += max(0, phase.cost - secured)
    order = sorted(found, key=lambda year: (year is None, year or 0))
    return [YearFigures(year, tuple(found[year][0]), *found[year][1]) for year in order]
