"""Cross-field rules: errors that stop a build and warnings that only --strict turns into failures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from helpers.plans import plan
from plpbk_plugin.plan.model import Kawasan
from plpbk_plugin.plan.reading.loading import load_plans
from plpbk_plugin.plan.rules import Finding, _before, build_date, find_errors, find_warnings, nearest

TODAY = dt.date(2026, 11, 28)


def project(pid: str, **fields: Any) -> dict[str, Any]:
    return {"id": pid, "title": pid, "summary": "s", "sector": "sosial", "cost": 1000, "status": "planned", **fields}


def call(cid: str, *projects: str, **fields: Any) -> dict[str, Any]:
    return {"id": cid, "title": cid, "description": "d", "projects": list(projects), **fields}


def errors(data: dict[str, Any], lang: str = "id") -> list[Finding]:
    return find_errors(Kawasan.model_validate(data), lang)


def warnings(data: dict[str, Any], lang: str = "id") -> list[Finding]:
    return find_warnings(Kawasan.model_validate(data), lang, today=TODAY)


def test_the_minimal_plan_breaks_no_rule() -> None:
    assert errors(plan()) == [] and warnings(plan()) == []


def test_duplicate_ids() -> None:
    data = plan(
        projects=[project("a"), project("b"), project("a")],
        calls=[call("c", "a"), call("c", "b")],
    )
    assert [(f.path, f.suggestion) for f in errors(data)] == [("projects[2].id", None), ("calls[1].id", None)]
    assert "projects[0]" in errors(data)[0].message


def test_calls_must_name_projects_of_the_kawasan() -> None:
    data = plan(
        projects=[project("jalan-rw-03"), project("bank-sampah")],
        calls=[call("c", "bank-sampah", "jalan-rw03", "zzz")],
    )
    found = errors(data)
    assert [(f.path, f.suggestion) for f in found] == [
        ("calls[0].projects[1]", "jalan-rw-03"),
        ("calls[0].projects[2]", None),
    ]
    assert "jalan-rw-03, bank-sampah" in found[0].message


@pytest.mark.parametrize(
    ("end", "start", "before"),
    [
        ("2026-05", "2026-05-10", False),  # the month is all that is known
        ("2026-05-10", "2026-05", False),
        ("2026", "2026-12-31", False),
        ("2026-05-09", "2026-05-10", True),
        ("2026-04-30", "2026-05", True),
        ("2025-12", "2026", True),
        ("2026-05-10", "2026-05-10", False),
    ],
)
def test_partial_dates_compare_at_the_coarser_precision(end: str, start: str, before: bool) -> None:
    assert _before(end, start) is before


def test_end_before_start() -> None:
    data = plan(projects=[project("a", start="2026-05-10", end="2026-05"), project("b", start=2027, end="2026-12")])
    (finding,) = errors(data)
    assert finding.path == "projects[1].end" and "2026-12" in finding.message and "2027" in finding.message


@pytest.mark.parametrize(
    ("households", "poor", "ok"), [(10, 20, False), (10, 10, True), (None, 20, True), (10, None, True)]
)
def test_poor_households_cannot_exceed_households(households: int | None, poor: int | None, ok: bool) -> None:
    found = errors(plan(profile={"households": households, "poor_households": poor}))
    assert (found == []) is ok
    assert ok or found[0].path == "profile.poor_households"


def test_warnings() -> None:
    data = plan(
        projects=[
            project("lebih", funding=[{"source": "swadaya", "amount": 1500}]),  # secured 1.500 > cost 1.000
            project("selesai", status="completed", progress=80),
            project("selesai-penuh", status="completed"),  # no progress written: fine
            project("cari", status="seeking_partners"),  # gap 1.000, no call names it
            project("dicari", status="seeking_partners"),  # named by a call
            project("lunas", status="seeking_partners", funding=[{"source": "csr", "amount": 1000}]),  # no gap
        ],
        calls=[call("lewat", "dicari", deadline="2026-11-27"), call("hari-ini", deadline="2026-11-28")],
    )
    found = warnings(data)
    assert [f.path for f in found] == [
        "projects[0].funding",
        "projects[1].progress",
        "projects[3].status",
        "calls[0].deadline",
    ]
    assert "Rp1.500" in found[0].message and "Rp1.000" in found[0].message
    assert "80%" in found[1].message
    assert "27 November 2026" in found[3].message
    english = find_warnings(Kawasan.model_validate(data), "en", today=TODAY)
    assert english[3].message == "The deadline 27 November 2026 has passed; update it or remove the call."


def test_build_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1798761600")  # 2027-01-01 00:00 UTC
    assert build_date() == dt.date(2027, 1, 1)
    data = plan(calls=[call("c", deadline="2026-12-31")])
    assert [f.path for f in find_warnings(Kawasan.model_validate(data))] == ["calls[0].deadline"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "bukan-angka")
    assert build_date() == dt.date.today()


def test_rule_problems_carry_lines(make_plan) -> None:
    data = plan(projects=[project("a"), project("a", status="completed", progress=50)], calls=[call("c", "b")])
    folder = make_plan(data)
    result = load_plans(folder.parent)
    text = (folder / "kawasan.yml").read_text().split("\n")
    assert [(p.field, text[p.line - 1].strip()) for p in result.problems] == [
        ("projects[1].id", "- id: a"),
        ("calls[0].projects[0]", "- b"),
    ]
    assert [p.field for p in result.warnings] == ["projects[1].progress"]


def test_warnings_do_not_stop_a_plan(make_plan) -> None:
    folder = make_plan(plan(calls=[call("c", deadline="2020-01-31")]))
    result = load_plans(folder.parent)
    assert len(result.plans) == 1 and result.problems == ()
    (warning,) = result.warnings
    text = (folder / "kawasan.yml").read_text().split("\n")
    assert warning.field == "calls[0].deadline" and "deadline" in text[warning.line - 1]


def test_nearest() -> None:
    assert nearest("Lingkugan", ["lingkungan", "sosial"]) == "lingkungan"
    assert nearest("fundng", ["funding", "cost"]) == "funding"
    assert nearest("xyz", ["lingkungan", "sosial"]) is None



def test_the_fields_of_real_plans_are_optional_and_checked() -> None:
    # A project of the investment matrix: 3.950 m of pipe in two yearly phases, planned money, upkeep, beneficiaries.
    pipe = project(
        "pipa", sector="lingkungan", aspect="air_minum", kind="baru", volume={"amount": 3950, "unit": "m"}, place="RW 01–RW 03",
        cost=575_000_000, schedule=[{"year": 2026, "cost": 325_000_000}, {"year": 2027, "cost": 250_000_000}],
        funding=[{"source": "apbd_kota", "amount": 500_000_000, "status": "planned"},
                 {"source": "swadaya", "amount": 75_000_000, "status": "committed", "in_kind": "120 HOK tenaga kerja"}],
        executor="KSM Tirta", upkeep={"by": "KPP Tirta", "yearly_cost": 12_000_000}, start="2026-03", end="2027-12",
        beneficiaries={"people": 610, "women": 305, "households": 150, "poor_households": 61, "low_income": 120},
    )
    slum = {"area_ha": 12.4, "indicators": [
        {"aspect": "air_minum", "criterion": "Kebutuhan air minum tidak terpenuhi", "amount": 31, "unit": "KK", "percent": 100,
         "target_percent": 0, "target_year": 2029, "now_percent": 40, "measured": "2026-10"}]}
    assert errors(plan(projects=[pipe], slum=slum)) == [] and warnings(plan(projects=[pipe], slum=slum)) == []


def test_schedule_adds_up_to_the_cost_one_phase_a_year() -> None:
    # 325.000.000 + 200.000.000 = 525.000.000, not the cost 575.000.000; 2026 twice
    data = plan(projects=[project("pipa", cost=575_000_000, schedule=[
        {"year": 2026, "cost": 325_000_000}, {"year": 2026, "cost": 200_000_000}])])
    found = errors(data)
    assert [f.path for f in found] == ["projects[0].schedule[1].year", "projects[0].schedule"]
    assert "2026" in found[0].message
    assert "Rp525.000.000" in found[1].message and "Rp575.000.000" in found[1].message
    assert "`schedule`" in found[1].message and "`cost`" in found[1].message
    assert "schedule" in errors(data, "en")[1].message and "cost" in errors(data, "en")[1].message


def test_schedule_outside_start_and_end_is_a_warning() -> None:
    data = plan(projects=[project("p", start="2026", end="2026-12", schedule=[{"year": 2026, "cost": 600}, {"year": 2027, "cost": 400}])])
    assert errors(data) == []
    (found,) = warnings(data)
    assert found.path == "projects[0].schedule" and "2027" in found.message


def test_parts_cannot_exceed_their_whole() -> None:
    data = plan(projects=[project("p", beneficiaries={"people": 10, "women": 11, "households": 4, "poor_households": 5})],
                slum={"indicators": [{"aspect": "jalan", "criterion": "Jalan rusak", "amount": 850, "unit": "m", "percent": 54,
                                      "target_percent": 10, "target_year": 2029, "measured": "2026-10"}]})
    assert [f.path for f in errors(data)] == [
        "projects[0].beneficiaries.poor_households", "projects[0].beneficiaries.women", "slum.indicators[0].measured"]


def test_rules_of_real_plans_carry_lines(make_plan) -> None:
    data = plan(projects=[project("pipa", cost=575, schedule=[{"year": 2026, "cost": 500}])])
    folder = make_plan(data)
    (problem,) = load_plans(folder.parent).problems
    text = (folder / "kawasan.yml").read_text().split("\n")
    assert problem.field == "projects[0].schedule" and text[problem.line - 1].strip() == "schedule:"
    assert str(problem).endswith("projects[0].schedule: Biaya tahapan di `schedule` berjumlah Rp500, padahal `cost` Rp575; samakan keduanya.")
