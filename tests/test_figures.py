"""Derived money figures, checked against hand-worked examples (the arithmetic is in the comments)."""

from __future__ import annotations

from typing import Any

import pytest

from helpers.plans import plan
from plpbk_plugin.plan.figures import (
    YearCost,
    YearFigures,
    amount_sought,
    by_year,
    kawasan_totals,
    phases,
    project_money,
    unit_cost,
)
from plpbk_plugin.plan.model import Kawasan, Project


def project(cost: int, *funding: tuple[str, int, str], pid: str = "p", status: str = "planned", **extra: Any) -> dict:
    return {
        "id": pid,
        "title": pid,
        "summary": "s",
        "sector": "lingkungan",
        "cost": cost,
        "status": status,
        "funding": [{"source": source, "amount": amount, "status": state} for source, amount, state in funding],
        **extra,
    }


def kawasan(*projects: dict, calls: list[dict] | None = None) -> Kawasan:
    return Kawasan.model_validate(plan(projects=list(projects), calls=calls or []))


def test_pledged_money_is_not_secured() -> None:
    # cost 1.000.000; swadaya 200.000 received, CSR 300.000 only pledged
    # secured = 200.000; pledged = 300.000; gap = 1.000.000 − 200.000 = 800.000 (pledges do not close it)
    data = project(1_000_000, ("swadaya", 200_000, "received"), ("csr", 300_000, "pledged"))
    money = project_money(Project.model_validate(data))
    assert (money.secured, money.pledged, money.gap) == (200_000, 300_000, 800_000)
    assert money.secured_ratio == 0.2  # 200.000 ÷ 1.000.000


def test_planned_money_is_neither_secured_nor_pledged() -> None:
    # cost 1.000.000; BLM 250.000 received; APBD 400.000 and swadaya 100.000 only named in the investment plan
    # secured = 250.000; pledged = 0; planned = 400.000 + 100.000 = 500.000; gap = 1.000.000 − 250.000 = 750.000
    data = project(1_000_000, ("blm", 250_000, "received"), ("apbd_kota", 400_000, "planned"), ("swadaya", 100_000, "planned"))
    money = project_money(Project.model_validate(data))
    assert (money.secured, money.pledged, money.planned, money.gap) == (250_000, 0, 500_000, 750_000)
    totals = kawasan_totals(kawasan(data, project(200, ("csr", 50, "planned"), pid="b")))
    assert (totals.money.planned, totals.money.gap) == (500_050, 750_200)  # the sums; planned closes no gap
    assert totals.secured_by_source["apbd_kota"] == 0


def test_phases_unit_cost_and_years() -> None:
    # pipe: 3.950 m for 575.000.000 in 2026 (350.000.000) and 2027 (225.000.000), 400.000.000 secured
    # unit cost 575.000.000 ÷ 3.950 = 145.569,6 → Rp145.570 per m
    # secured pays the earliest phase first: 2026 gets 350.000.000, 2027 the other 50.000.000 (gap 175.000.000)
    pipe = project(575_000_000, ("apbd_kota", 400_000_000, "committed"), pid="pipa", volume={"amount": 3950, "unit": "m"},
                   schedule=[{"year": 2026, "cost": 350_000_000}, {"year": 2027, "cost": 225_000_000}])
    # road: no schedule, starts 2027-03: all of its cost in 2027; over-funded by 20 (counts in its only year)
    road = project(100, ("swadaya", 120, "received"), pid="jalan", start="2027-03")
    # school: no dates at all
    school = project(30, pid="kelas")
    k = kawasan(pipe, road, school)
    assert phases(k.projects[0]) == (YearCost(2026, 350_000_000), YearCost(2027, 225_000_000))
    assert phases(k.projects[1]) == (YearCost(2027, 100),) and phases(k.projects[2]) == (YearCost(None, 30),)
    assert unit_cost(k.projects[0]) == 145_570 and unit_cost(k.projects[1]) is None
    assert by_year(k) == [
        YearFigures(2026, ("pipa",), 350_000_000, 350_000_000, 0),
        YearFigures(2027, ("pipa", "jalan"), 225_000_100, 50_000_120, 175_000_000),
        YearFigures(None, ("kelas",), 30, 0, 30),
    ]
    years = by_year(k)
    totals = kawasan_totals(k).money
    assert (sum(y.cost for y in years), sum(y.secured for y in years), sum(y.gap for y in years)) == (totals.cost, totals.secured, totals.gap)


def test_received_and_committed_are_secured() -> None:
    # 400.000 received + 350.000 committed = 750.000 secured; gap = 1.000.000 − 750.000 = 250.000
    data = project(1_000_000, ("apbd_kota", 400_000, "received"), ("blm", 350_000, "committed"))
    data["funding"].append({"source": "donor", "amount": 50_000})  # status defaults to committed: +50.000
    money = project_money(Project.model_validate(data))
    assert (money.secured, money.pledged, money.gap) == (800_000, 0, 200_000)


def test_over_funded_project_has_no_gap() -> None:
    # cost 500.000, secured 700.000: gap = max(0, 500.000 − 700.000) = 0; surplus = 200.000
    money = project_money(Project.model_validate(project(500_000, ("apbn", 700_000, "received"))))
    assert (money.gap, money.surplus, money.secured_ratio) == (0, 200_000, 1.0)


def test_zero_cost_project() -> None:
    # cost 0, nothing secured: gap = max(0, 0 − 0) = 0; counted as fully covered
    money = project_money(Project.model_validate(project(0)))
    assert (money.cost, money.secured, money.gap, money.secured_ratio) == (0, 0, 0, 1.0)


def test_kawasan_totals_are_sums_of_projects() -> None:
    # A: cost 1.000.000, swadaya 200.000 received, CSR 300.000 pledged → gap 800.000
    # B: cost   500.000, APBD 700.000 received                        → gap 0 (surplus 200.000)
    # totals: cost 1.500.000; secured 900.000; pledged 300.000
    # gap = 800.000 + 0 = 800.000 — not 1.500.000 − 900.000 = 600.000: B's surplus does not fill A's gap
    # swadaya share = 200.000 ÷ 900.000 = 2/9
    totals = kawasan_totals(
        kawasan(
            project(1_000_000, ("swadaya", 200_000, "received"), ("csr", 300_000, "pledged"), pid="a",
                    status="seeking_partners", beneficiaries={"households": 40}),
            project(500_000, ("apbd_kota", 700_000, "received"), pid="b", status="completed",
                    beneficiaries={"households": 25, "people": 90}),
        )
    )
    assert totals.money.as_dict() == {"cost": 1_500_000, "secured": 900_000, "pledged": 300_000, "planned": 0, "gap": 800_000}
    assert totals.swadaya_share == pytest.approx(2 / 9)
    assert totals.secured_by_source["swadaya"] == 200_000 and totals.secured_by_source["apbd_kota"] == 700_000
    assert totals.secured_by_source["csr"] == 0  # pledged, not secured
    assert totals.projects_by_status["seeking_partners"] == 1 and totals.projects_by_status["completed"] == 1
    assert totals.project_count == 2
    assert totals.beneficiary_households == 65  # 40 + 25


def test_swadaya_share_needs_secured_money() -> None:
    # nothing secured: the share is undefined (None), not 0 ÷ 0
    assert kawasan_totals(kawasan(project(100, ("swadaya", 100, "pledged")))).swadaya_share is None


def test_swadaya_share_of_all_secured_money() -> None:
    # swadaya 250 received + BLM 750 committed: share = 250 ÷ (250 + 750) = 0,25
    k = kawasan(project(2_000, ("swadaya", 250, "received"), ("blm", 750, "committed")))
    assert kawasan_totals(k).swadaya_share == 0.25


def test_amount_sought_defaults_to_the_gaps_of_the_named_projects() -> None:
    # a: cost 1.000, secured 400 → gap 600;  b: cost 300, secured 500 → gap 0;  c: cost 200 → gap 200
    k = kawasan(
        project(1_000, ("swadaya", 400, "received"), pid="a"),
        project(300, ("apbn", 500, "received"), pid="b"),
        project(200, pid="c"),
        calls=[
            {"id": "ab", "title": "t", "description": "d", "projects": ["a", "b", "a"]},  # 600 + 0, "a" once
            {"id": "ac", "title": "t", "description": "d", "projects": ["a", "c"]},  # 600 + 200
            {"id": "tetap", "title": "t", "description": "d", "projects": ["a"], "amount_sought": 50},
            {"id": "umum", "title": "t", "description": "d"},
        ],
    )
    assert [amount_sought(call, k) for call in k.calls] == [600, 800, 50, None]
