"""The plans' history from Git: reading, caching, comparing versions, and the history's wording."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers.gitrepo import GitRepo
from helpers.ledger_repo import BASE
from helpers.ledger_repo import ledger_repo as make_ledger_repo
from plpbk_plugin.i18n import translator
from plpbk_plugin.plan.history import commits as history_module
from plpbk_plugin.plan.history.changes import Snapshot, compare
from plpbk_plugin.plan.history.commits import read_history
from plpbk_plugin.plan.reading.loading import parse_kawasan
from plpbk_plugin.site.pages.history import HistoryView, Words, chart, commit_url, history_rows, riwayat_csv

FUNDED = BASE["projects"][0]


def plan_with(plan_data: dict[str, Any], *projects: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(plan_data)
    data.pop("photos", None)
    data["projects"] = [copy.deepcopy(p) for p in projects]
    return data


@pytest.fixture
def ledger_repo(tmp_path: Path) -> GitRepo:
    """Three dated commits: the plan, a pledge that became a commitment, then a status and a cost revision."""
    return make_ledger_repo(tmp_path / "situs")


def test_each_change_in_indonesian_words_newest_first(ledger_repo: GitRepo) -> None:
    history = read_history(ledger_repo.root / "plans", None)
    assert history.state == "ok" and history.notes("id") == []
    plan = history.of("tambak-sari")
    assert plan is not None and plan.last_updated.isoformat() == "2026-09-30"
    items = HistoryView(plan, translator("id")).items()
    assert [item.date for item in items] == ["30 September 2026", "15 Juni 2026", "2 Maret 2026"]
    newest, middle, first = ([s.text for s in item.sentences] for item in items)
    assert newest == [
        "Status “Air bersih”: mencari mitra → berjalan",
        "Biaya “Air bersih” direvisi dari Rp1.000 menjadi Rp1.250.000",
    ]
    assert middle == [
        "Dana terhimpun “Tanggul penahan rob” naik dari Rp992.500.000 menjadi Rp1.292.500.000 "
        "(janji “PT Samudra Energi” menjadi komitmen)"
    ]
    assert first == ["Rencana pertama kali dicatat: 2 proyek, biaya Rp1.500.001.000, terhimpun Rp992.500.000"]
    html = str(items[1].sentences[0].html)
    assert "<em>Tanggul penahan rob</em>" in html and "<em>PT Samudra Energi</em>" in html


def test_english_wording_marks_plan_text_as_indonesian(ledger_repo: GitRepo) -> None:
    plan = read_history(ledger_repo.root / "plans", None).of("tambak-sari")
    newest = HistoryView(plan, translator("en")).items()[0]
    assert newest.date == "30 September 2026"
    assert newest.sentences[0].text == "Status of “Air bersih”: seeking partners → in progress"
    assert '<em lang="id">Air bersih</em>' in str(newest.sentences[0].html)


def test_plan_text_is_escaped(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    repo = GitRepo(tmp_path / "situs")
    data = plan_with(plan_data, FUNDED)
    repo.write_plan("k", data)
    repo.commit("a", "2026-01-01T10:00:00+07:00")
    data["projects"][0]["title"] = "<script>alert(1)</script>"
    data["projects"][0]["status"] = "funded"
    repo.write_plan("k", data)
    repo.commit("b", "2026-01-02T10:00:00+07:00")
    items = HistoryView(read_history(repo.root / "plans", None).of("k"), translator("id")).items()
    html = "".join(str(s.html) for s in items[0].sentences)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_authors_by_name_only_when_asked(ledger_repo: GitRepo) -> None:
    plan = read_history(ledger_repo.root / "plans", None).of("tambak-sari")
    assert all(item.author is None for item in HistoryView(plan, translator("id")).items())
    named = HistoryView(plan, translator("id"), authors=True).items()
    assert {item.author for item in named} == {"Siti Aminah"}
    dumped = json.dumps(history_rows(plan, lambda sha: None)) + riwayat_csv(plan).decode("utf-8-sig")
    assert "@" not in dumped and "Siti" not in dumped


def test_a_version_that_does_not_load_is_skipped_with_a_note(ledger_repo: GitRepo) -> None:
    path = ledger_repo.root / "plans" / "tambak-sari" / "kawasan.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("status: in_progress", "status: berjalan"), encoding="utf-8")
    ledger_repo.commit("Rusak", "2026-10-01T08:00:00+07:00")
    path.write_text(good.replace("cost: 1250000", "cost: 2000000"), encoding="utf-8")
    ledger_repo.commit("Diperbaiki", "2026-10-02T08:00:00+07:00")
    history = read_history(ledger_repo.root / "plans", None)
    plan = history.of("tambak-sari")
    assert [s.commit.date.date().isoformat() for s in plan.skipped] == ["2026-10-01"]
    (note,) = history.notes("id")
    assert note[0] == "info" and "2026-10-01" in note[1] and "tambak-sari" in note[1] and "projects[1].status" in note[1]
    newest = HistoryView(plan, translator("id")).items()[0]  # compared with the last version that loaded
    assert [s.text for s in newest.sentences] == ["Biaya “Air bersih” direvisi dari Rp1.250.000 menjadi Rp2.000.000"]


def test_a_rebuild_parses_only_new_commits(ledger_repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first = read_history(ledger_repo.root / "plans", cache)
    read: list[int] = []
    original = history_module._read_blobs
    monkeypatch.setattr(history_module, "_read_blobs", lambda blobs, cwd: read.append(len(blobs)) or original(blobs, cwd))
    assert read_history(ledger_repo.root / "plans", cache) == first
    assert read == []
    data = (ledger_repo.root / "plans" / "tambak-sari" / "kawasan.yml").read_text(encoding="utf-8")
    (ledger_repo.root / "plans" / "tambak-sari" / "kawasan.yml").write_text(data.replace("in_progress", "completed"))
    ledger_repo.commit("Selesai", "2026-11-01T08:00:00+07:00")
    again = read_history(ledger_repo.root / "plans", cache)
    assert read == [1] and len(again.of("tambak-sari").entries) == 4


def test_the_last_change_counts_any_file_of_the_folder(ledger_repo: GitRepo) -> None:
    news = ledger_repo.root / "plans" / "tambak-sari" / "news" / "2026-11-20-kerja-bakti.md"
    news.parent.mkdir()
    news.write_text("---\ntitle: Kerja bakti\ndate: 2026-11-20\n---\nWarga bekerja bersama.\n", encoding="utf-8")
    ledger_repo.commit("Kabar", "2026-11-20T07:00:00+07:00")
    plan = read_history(ledger_repo.root / "plans", None).of("tambak-sari")
    assert plan.last_updated.isoformat() == "2026-11-20" and len(plan.entries) == 3


def test_without_a_repository_or_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plans").mkdir()
    outside = read_history(tmp_path / "plans", None)
    assert outside.state == "no-repo" and outside.plans == {}
    assert [level for level, _ in outside.notes("id")] == ["info"]
    monkeypatch.setattr(history_module.shutil, "which", lambda name: None)
    assert read_history(tmp_path / "plans", None).state == "no-git"


def test_a_shallow_clone_names_fetch_depth(ledger_repo: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{ledger_repo.root}", str(clone)], check=True)
    history = read_history(clone / "plans", None)
    assert history.state == "shallow" and history.plans == {}
    ((level, message),) = history.notes("id")
    assert level == "warning" and "fetch-depth: 0" in message and "actions/checkout" in message


def test_merged_branches_count_once_on_the_published_branch(ledger_repo: GitRepo) -> None:
    ledger_repo.git("checkout", "-q", "-b", "usulan")
    path = ledger_repo.root / "plans" / "tambak-sari" / "kawasan.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("in_progress", "completed"), encoding="utf-8")
    ledger_repo.commit("Selesai", "2026-10-05T08:00:00+07:00")
    ledger_repo.git("checkout", "-q", "main")
    env = {"GIT_COMMITTER_DATE": "2026-10-09T08:00:00+07:00", "GIT_AUTHOR_DATE": "2026-10-09T08:00:00+07:00",
           "GIT_AUTHOR_NAME": "Budi", "GIT_AUTHOR_EMAIL": "budi@example.org",
           "GIT_COMMITTER_NAME": "Budi", "GIT_COMMITTER_EMAIL": "budi@example.org"}
    ledger_repo.git("merge", "-q", "--no-ff", "--no-edit", "usulan", env=env)
    plan = read_history(ledger_repo.root / "plans", None).of("tambak-sari")
    assert plan.entries[-1].commit.date.date().isoformat() == "2026-10-09"
    assert [c.kind for c in plan.entries[-1].changes] == ["project_status"]


def test_history_yaml_is_checked_against_the_model_without_files(plan_data: dict[str, Any]) -> None:
    text = yaml.safe_dump(plan_data, allow_unicode=True)  # names photos/hero.jpg, which does not exist
    kawasan, problems = parse_kawasan(text, Path("kawasan.yml"))
    assert kawasan is not None and problems == []
    broken = text.replace("status: planned", "status: direncanakan")
    kawasan, problems = parse_kawasan(broken, Path("kawasan.yml"))
    assert kawasan is None and problems[0].field == "projects[0].status" and problems[0].line


def test_funding_lines_matched_by_source_and_partner(plan_data: dict[str, Any]) -> None:
    before = parse_kawasan(_yaml(plan_with(plan_data, FUNDED)), Path("k.yml"))[0]
    changed = copy.deepcopy(FUNDED)
    changed["funding"][0]["amount"] = 100_000_000  # swadaya grew
    changed["funding"][1]["status"] = "received"  # the city's money arrived
    changed["funding"].append({"source": "donor", "amount": 50_000_000, "status": "pledged", "partner": "Yayasan Pesisir"})
    after = parse_kawasan(_yaml(plan_with(plan_data, changed)), Path("k.yml"))[0]
    (change,) = compare(Snapshot.of(before), Snapshot.of(after))
    assert change.kind == "project_funding" and (change.old, change.new) == (992_500_000, 1_000_000_000)
    assert change.pledged == (300_000_000, 350_000_000)
    text = Words(translator("id")).describe(change).text
    assert text == (
        "Dana terhimpun “Tanggul penahan rob” naik dari Rp992.500.000 menjadi Rp1.000.000.000 "
        "(swadaya masyarakat: Rp92.500.000 → Rp100.000.000; komitmen “Pemerintah Kota Semarang” sudah diterima; "
        "baru: Rp50.000.000 dari “Yayasan Pesisir”, dijanjikan)"
    )


def test_planned_money_in_words(plan_data: dict[str, Any]) -> None:
    # the investment plan names APBD Provinsi for 200.000.000; then the province pledges it, a planned CSR line appears
    planned = copy.deepcopy(FUNDED)
    planned["funding"].append({"source": "apbd_provinsi", "amount": 200_000_000, "status": "planned"})
    pledged = copy.deepcopy(planned)
    pledged["funding"][-1]["status"] = "pledged"
    pledged["funding"].append({"source": "swasta", "amount": 50_000_000, "status": "planned"})
    before, after = (parse_kawasan(_yaml(plan_with(plan_data, p)), Path("k.yml"))[0] for p in (planned, pledged))
    (change,) = compare(Snapshot.of(before), Snapshot.of(after))
    assert change.pledged == (300_000_000, 500_000_000) and change.old == change.new  # planned money is never secured
    assert Words(translator("id")).describe(change).text == (
        "Janji dana “Tanggul penahan rob” naik dari Rp300.000.000 menjadi Rp500.000.000 "
        "(APBD provinsi menjanjikan jumlah yang direncanakan; baru: Rp50.000.000 dari swasta, direncanakan)"
    )


def test_calls_partners_policy_and_projects(plan_data: dict[str, Any]) -> None:
    old = copy.deepcopy(plan_data)
    old["calls"] = [{"id": "ajakan-lama", "title": "Ajakan lama", "description": "x"}]
    old["policy"] = [{"title": "Perda sempadan", "status": "proposed"}]
    new = copy.deepcopy(plan_data)
    new["calls"] = [{"id": "ajakan-baru", "title": "Ajakan baru", "description": "x"}]
    new["partners"] = [{"name": "Universitas Diponegoro"}]
    new["policy"] = [{"title": "Perda sempadan", "status": "in_discussion"}]
    new["projects"].append({**FUNDED})
    snapshots = [Snapshot.of(parse_kawasan(_yaml(d), Path("k.yml"))[0]) for d in (old, new)]
    texts = [Words(translator("id")).describe(c).text for c in compare(*snapshots)]
    assert texts == [
        "Proyek baru: “Tanggul penahan rob”, biaya Rp1.500.000.000",
        "Ajakan kemitraan baru: “Ajakan baru”",
        "Ajakan kemitraan ditutup: “Ajakan lama”",
        "Mitra baru: “Universitas Diponegoro”",
        "Usulan kebijakan “Perda sempadan”: diusulkan → dibahas",
    ]
    assert Snapshot.from_json(json.loads(json.dumps(snapshots[1].to_json()))) == snapshots[1]


@pytest.mark.parametrize(
    ("repo_url", "expected"),
    [
        ("https://github.com/bkm/situs", "https://github.com/bkm/situs/commit/abc123"),
        ("https://github.com/bkm/situs.git/", "https://github.com/bkm/situs/commit/abc123"),
        ("https://gitlab.com/bkm/situs", "https://gitlab.com/bkm/situs/-/commit/abc123"),
        ("https://codeberg.org/bkm/situs", "https://codeberg.org/bkm/situs/commit/abc123"),
        ("https://bitbucket.org/bkm/situs", "https://bitbucket.org/bkm/situs/commits/abc123"),
        (None, None),
        ("javascript:alert(1)", None),
    ],
)
def test_commit_links_on_each_host(repo_url: str | None, expected: str | None) -> None:
    assert commit_url(repo_url, "abc123") == expected


def test_chart_is_static_svg_with_its_words(ledger_repo: GitRepo) -> None:
    plan = read_history(ledger_repo.root / "plans", None).of("tambak-sari")
    drawn = chart(plan, translator("id"))
    svg = str(drawn["svg"])
    assert svg.startswith("<svg") and "<script" not in svg and svg.count("<path") == 3
    assert drawn["first"] == "2 Maret 2026" and drawn["last"] == "30 September 2026"
    assert "Rp992.500.000" in drawn["summary"] and "Rp1.292.500.000" in drawn["summary"]


def _yaml(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True)


def test_every_workflow_that_builds_fetches_the_whole_history() -> None:
    """A shallow checkout warns, and `mkdocs build --strict` fails on warnings."""
    root = Path(__file__).resolve().parent.parent
    workflows = [*(root / ".github/workflows").glob("*.yml"), *(root / "plpbk_plugin/starter/situs/dot-github/workflows").glob("*.yml")]
    building = 0
    for workflow in workflows:
        for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
            steps = job.get("steps", [])
            if not any("mkdocs build" in str(step.get("run", "")) for step in steps):
                continue
            building += 1
            checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout"))
            assert checkout.get("with", {}).get("fetch-depth") == 0, workflow
    assert building >= 3  # the project's Pages workflow, the starter's Pages workflow and its pull-request check


def test_titles_link_to_the_pages_that_still_exist() -> None:
    from plpbk_plugin.plan.history.changes import Change

    pages = {"rencana": {"air-bersih"}, "kemitraan": {"ajakan-baru"}}
    words = Words(translator("id"), lambda section, key: f"../{section}/{key}/" if key in pages[section] else None)
    changes = [Change("project_status", "Judul", "air-bersih", "planned", "funded"), Change("call_opened", "Judul", "ajakan-baru"),
               Change("project_removed", "Judul", "jalan", 1000), Change("call_closed", "Judul", "ajakan-baru")]
    html = {change.kind: str(words.describe(change).html) for change in changes}
    assert '<a href="../rencana/air-bersih/"><em>Judul</em></a>' in html["project_status"]
    assert '<a href="../kemitraan/ajakan-baru/"><em>Judul</em></a>' in html["call_opened"]
    assert "<a " not in html["project_removed"] and "<a " not in html["call_closed"]
