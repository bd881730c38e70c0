"""Money and progress figures: one place, one formula each (plan-format.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import PROJECT_STATUSES, SOURCES, Call, Kawasan, Project

SECURED_STATUSES = frozenset({"committed", "received"})


@dataclass(frozen=True)
class MoneyFigures:
    """Cost and funding of a project or of a whole kawasan, in whole rupiah."""

    cost: int
    secured: int
    pledged: int

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
        return {"cost": self.cost, "secured": self.secured, "pledged": self.pledged, "gap": self.gap}


def project_money(project: Project) -> MoneyFigures:
    """``secured`` counts committed and received lines, ``pledged`` the pledged ones."""
    secured = sum(line.amount for line in project.funding if line.status in SECURED_STATUSES)
    pledged = sum(line.amount for line in project.funding if line.status == "pledged")
    return MoneyFigures(cost=project.cost, secured=secured, pledged=pledged)


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
