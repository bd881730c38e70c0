"""The loader: the broken-plan corpus, YAML details, news, boundary, and messages in two languages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from helpers.broken import CASES, Case, alias_bomb, build, dump, expected_line
from helpers.plans import MINIMAL_PLAN, write_jpeg
from plpbk_plugin.filesystem import PACKAGE_DIR
from plpbk_plugin.plan.problems import Problem
from plpbk_plugin.plan.reading import loading as loader
from plpbk_plugin.plan.reading.attachments import Limits
from plpbk_plugin.plan.reading.loading import load_plan, load_plans
from plpbk_plugin.plan.reading.yaml_source import read_yaml
from plpbk_plugin.plan.slugs import is_slug, slugify

PACKAGE = PACKAGE_DIR


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_broken_plan_names_file_line_field(case: Case, plans_dir: Path) -> None:
    folder = build(case, plans_dir)
    result = load_plans(plans_dir, limits=case.limits)
    assert result.plans == ()
    file = folder / case.file if case.file else folder
    found = [p for p in result.problems if p.file == file and p.field == case.field]
    assert found, "\n".join(map(str, result.problems))
    problem = found[0]
    if case.line is ...:
        assert isinstance(problem.line, int)
    else:
        assert problem.line == expected_line(case, folder), str(problem)
    assert problem.suggestion == case.suggestion or case.suggestion is None, str(problem)
    assert case.says is None or case.says in problem.message, str(problem)
    text = str(problem)
    assert case.field in text and (f":{problem.line}: " in text if problem.line else True)


def test_there_are_enough_broken_cases() -> None:
    assert len(CASES) >= 24
    assert len({case.slug for case in CASES}) == len(CASES)


def test_every_broken_plan_is_reported_in_one_run(plans_dir: Path) -> None:
    cases = [case for case in CASES if case.limits == Limits()]
    folders = [build(case, plans_dir) for case in cases]
    result = load_plans(plans_dir)
    assert result.plans == ()
    for folder in folders:
        assert any(folder == p.file or folder in p.file.parents for p in result.problems), folder
    assert [p.file for p in result.problems] == sorted((p.file for p in result.problems), key=str)


def test_two_broken_kawasan_both_reported(make_plan, plan_data) -> None:
    plan_data["projects"][0]["sector"] = "lingkugan"
    first = make_plan(plan_data, "kampung-a")
    plan_data["tagline"] = ""
    second = make_plan(plan_data, "kampung-b")
    make_plan(slug="kampung-c")
    result = load_plans(first.parent)
    assert [plan.slug for plan in result.plans] == ["kampung-c"]
    assert {p.file.parent for p in result.problems} == {first, second}
    assert len(result.problems) == 3


def test_valid_plan_has_no_problem(valid_plan: Path) -> None:
    result = load_plans(valid_plan.parent)
    assert result.problems == () and result.warnings == ()
    (plan,) = result.plans
    assert (plan.slug, plan.folder, plan.source) == ("tambak-sari", valid_plan, valid_plan / "kawasan.yml")
    assert plan.kawasan.projects[0].cost == 1000
    text = plan.source.read_text(encoding="utf-8").split("\n")
    assert text[plan.lines["projects[0].cost"] - 1].strip() == "cost: 1000"
    assert plan.news == () and plan.boundary is None


def test_missing_and_empty_plans_dir(tmp_path: Path) -> None:
    (missing,) = load_plans(tmp_path / "nowhere").problems
    assert missing.file == tmp_path / "nowhere" and "plpbk new" in missing.message
    (tmp_path / "plans").mkdir()
    (empty,) = load_plans(tmp_path / "plans").problems
    assert "plpbk new" in empty.message


def test_hidden_folders_and_loose_files_are_ignored(valid_plan: Path) -> None:
    plans = valid_plan.parent
    (plans / ".git").mkdir()
    (plans / "_arsip").mkdir()
    (plans / "kawasan.schema.json").write_text("{}", encoding="utf-8")
    (plans / "README.md").write_text("# Rencana", encoding="utf-8")
    result = load_plans(plans)
    assert result.problems == () and len(result.plans) == 1


def test_messages_follow_the_language(make_plan, plan_data) -> None:
    plan_data["projects"][0]["fundng"] = []
    folder = make_plan(plan_data)
    (indonesian,) = load_plans(folder.parent).problems
    (english,) = load_plans(folder.parent, lang="en").problems
    assert str(indonesian).endswith("Mungkin maksud Anda `funding`?")
    assert "Kunci `fundng` tidak dikenal" in indonesian.message
    assert english.message.startswith("Unknown key `fundng`")
    assert str(english).endswith("Did you mean `funding`?")


def test_problem_paths_are_relative_to_the_working_directory(make_plan, plan_data, monkeypatch) -> None:
    plan_data["projects"][0]["cost"] = -1
    folder = make_plan(plan_data)
    monkeypatch.chdir(folder.parent.parent)
    (problem,) = load_plans(folder.parent).problems
    assert str(problem).startswith(f"plans/tambak-sari/kawasan.yml:{problem.line}: projects[0].cost: ")
    assert str(Problem(Path("/elsewhere/x.yml"), None, "", "Pesan.")) == "/elsewhere/x.yml: Pesan."


def test_union_errors_collapse_to_one_message(make_plan, plan_data) -> None:
    plan_data["location"]["coordinates"] = {"lat": "enam", "lon": 110}
    plan_data["location"]["area_ha"] = "12,5"
    folder = make_plan(plan_data)
    problems = load_plans(folder.parent).problems
    assert [p.field for p in problems] == ["location.coordinates.lat", "location.area_ha"]
    assert all("angka" in p.message for p in problems)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("1.250.000", "1250000"),
        ("Rp 1.250.000,-", "1250000"),
        ("5000", "5000"),
        (1250000.5, "bilangan bulat"),
        (True, "true"),
        (None, "kosong"),
    ],
)
def test_money_messages_show_what_was_written(make_plan, plan_data, value, says) -> None:
    plan_data["projects"][0]["cost"] = value
    (problem,) = load_plans(make_plan(plan_data).parent).problems
    assert problem.field == "projects[0].cost" and says in problem.message


def test_a_yaml_number_with_a_thousands_dot_is_explained(make_plan) -> None:
    text = dump(MINIMAL_PLAN).replace("cost: 1000", "cost: 1.250")
    (problem,) = load_plans(make_plan(text=text).parent).problems
    assert "1.250" in problem.message and "1250" in problem.message


def test_slug_errors_suggest_a_slug(make_plan, plan_data) -> None:
    plan_data["projects"][0]["id"] = "Jalan RW 03"
    (problem,) = load_plans(make_plan(plan_data).parent).problems
    assert (problem.field, problem.suggestion) == ("projects[0].id", "jalan-rw-03")


def test_aliases_and_merge_keys(make_plan) -> None:
    text = dump(MINIMAL_PLAN).replace(
        "projects:\n",
        "x-dasar: &dasar\n  sector: sosial\n  status: planned\n  cost: 500\n" "projects:\n",
    )
    text = text.replace("- id: jalan-rw-03\n", "- <<: *dasar\n  id: jalan-rw-03\n")
    document, problems = read_yaml(text, Path("kawasan.yml"), Limits(), "id")
    assert problems == [] and document is not None
    project = document.data["projects"][0]
    assert project["cost"] == 1000 and project["sector"] == "lingkungan"  # explicit keys win
    assert document.data["x-dasar"] == {"sector": "sosial", "status": "planned", "cost": 500}


def test_merge_key_bomb_fails_fast() -> None:
    """9¹⁰ merged mappings: only the loader's node budget lets this test end, with the problem named."""
    lines = ["m0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}"]
    lines += [f"m{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 9)}]}}" for i in range(1, 10)]
    document, (problem,) = read_yaml("\n".join(lines), Path("k.yml"), Limits(), "id")
    assert document is None and "bom alias" in problem.message


def test_alias_bomb_fails_fast() -> None:
    """3.4 billion strings if expanded: the node budget stops it first."""
    document, (problem,) = read_yaml(alias_bomb(), Path("k.yml"), Limits(), "en")
    assert document is None and "alias bomb" in problem.message


@pytest.mark.parametrize("depth", [80, 5000])
def test_deep_nesting_is_a_problem(depth: int) -> None:
    document, (problem,) = read_yaml("a: " + "[" * depth + "]" * depth, Path("k.yml"), Limits(), "id")
    assert document is None and "tingkat" in problem.message


def test_yaml_dates_and_lines(make_plan, plan_data) -> None:
    plan_data["projects"][0].update(start="2026-05-10", end="2026-05")
    text = dump(plan_data).replace("'2026-05-10'", "2026-05-10")
    plan = load_plans(make_plan(text=text).parent).plans[0]
    assert (plan.kawasan.projects[0].start, plan.kawasan.projects[0].end) == ("2026-05-10", "2026-05")


def test_a_date_that_does_not_exist_is_explained(make_plan) -> None:
    text = dump(MINIMAL_PLAN).replace("status: planned", "status: planned\n  start: 2026-13-45")
    (problem,) = load_plans(make_plan(text=text).parent).problems
    assert problem.field == "projects[0].start" and '"2026-13-45"' in problem.message


def test_an_unexpected_error_in_one_plan_does_not_stop_the_others(make_plan, monkeypatch) -> None:
    make_plan(slug="kampung-a")
    make_plan(slug="kampung-b")
    calls = []

    def broken_rules(kawasan, lang="id"):
        calls.append(kawasan)
        if len(calls) == 1:
            raise RuntimeError("bug")
        return []

    monkeypatch.setattr(loader, "find_errors", broken_rules)
    result = load_plans(make_plan(slug="kampung-a").parent)
    assert [plan.slug for plan in result.plans] == ["kampung-b"]
    (problem,) = result.problems
    assert "RuntimeError: bug" in problem.message


def test_news_posts(valid_plan: Path) -> None:
    news = valid_plan / "news"
    news.mkdir()
    (news / "2026-03-02-jalan-diresmikan.md").write_text(
        "---\ntitle: Jalan diresmikan\ndate: 2026-03-02\nimage: photos/hero.jpg\n---\n\nIsi **kabar**.\n",
        encoding="utf-8",
    )
    (news / "2026-11-02-gotong-royong.md").write_text("---\ntitle: Gotong royong\ndate: 2026-11-02\n---\nIsi.\n")
    (news / "_draft.md").write_text("belum jadi")
    (news / "foto.jpg").write_bytes(b"")
    plan = load_plans(valid_plan.parent).plans[0]
    assert [item.slug for item in plan.news] == ["gotong-royong", "jalan-diresmikan"]
    assert plan.news[1].body == "Isi **kabar**.\n" and plan.news[1].meta.image == "photos/hero.jpg"
    assert plan.news[1].source == news / "2026-03-02-jalan-diresmikan.md"


def test_news_problems_name_the_post_and_its_line(valid_plan: Path) -> None:
    news = valid_plan / "news"
    news.mkdir()
    (news / "2026-11-02-a.md").write_text("---\ntitle: A\ndate: 2026-11-02\nimage: photos/tidak-ada.jpg\n---\n")
    (news / "2026-11-03-a.md").write_text("---\ntitle: A\ndate: 2026-11-03\n---\n")
    (news / "2026-11-04-b.md").write_text("Tanpa front matter.\n")
    problems = load_plans(valid_plan.parent).problems
    assert [(p.file.name, p.line, p.field) for p in problems] == [
        ("2026-11-02-a.md", 4, "image"),
        ("2026-11-04-b.md", 1, ""),
    ]
    news.joinpath("2026-11-02-a.md").write_text("---\ntitle: A\ndate: 2026-11-02\n---\n")
    news.joinpath("2026-11-04-b.md").unlink()
    (problem,) = load_plans(valid_plan.parent).problems
    assert problem.file.name == "2026-11-03-a.md" and "2026-11-02-a.md" in problem.message


def _ring(lon: float, lat: float) -> list[list[float]]:
    return [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat]]


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ({"type": "Polygon", "coordinates": [_ring(110, -7)]}, "Polygon"),
        ({"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [_ring(110, -7)]}}, "Polygon"),
        (
            {
                "type": "FeatureCollection",
                "features": [
                    {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [_ring(110, -7)]}},
                    {"type": "Feature", "geometry": {"type": "MultiPolygon", "coordinates": [[_ring(111, -7)]]}},
                    {"type": "Feature", "geometry": {"type": "Point", "coordinates": [110, -7]}},
                ],
            },
            "MultiPolygon",
        ),
    ],
)
def test_boundary_geometry(valid_plan: Path, content: dict, kind: str) -> None:
    (valid_plan / "boundary.geojson").write_text(json.dumps(content))
    plan = load_plans(valid_plan.parent).plans[0]
    assert plan.boundary["type"] == kind
    assert len(plan.boundary["coordinates"]) == (2 if kind == "MultiPolygon" else 1)


@pytest.mark.parametrize(
    "content",
    [
        {"type": "Point", "coordinates": [110, -7]},
        {"type": "Polygon", "coordinates": [[[110, -7], [110.1, -7], [110, -7]]]},
        {"type": "Polygon", "coordinates": [[[110, -7], [110.1, -7], [110.1, -7.1], [110.2, -7]]]},
        {"type": "Polygon", "coordinates": [[[110, "x"], [110.1, -7], [110.1, -7.1], [110, "x"]]]},
        {"type": "MultiPolygon", "coordinates": []},
    ],
)
def test_bad_boundary(valid_plan: Path, content: dict) -> None:
    (valid_plan / "boundary.geojson").write_text(json.dumps(content))
    (problem,) = load_plans(valid_plan.parent).problems
    assert problem.file == valid_plan / "boundary.geojson"


def test_documents_and_logos(valid_plan: Path, plan_data) -> None:
    (valid_plan / "documents").mkdir()
    (valid_plan / "documents" / "rplp.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    (valid_plan / "documents" / "anggaran.xlsx").write_bytes(b"PK")
    (valid_plan / "documents" / "halaman.html").write_bytes(b"<script>")
    write_jpeg(valid_plan / "logos" / "mitra.jpg")
    plan_data["documents"] = [
        {"title": "RPLP", "file": "documents/rplp.pdf", "kind": "rplp"},
        {"title": "Anggaran", "file": "documents/anggaran.xlsx"},
        {"title": "Situs", "file": "documents/halaman.html"},
        {"title": "Daring", "url": "https://example.org/rplp.pdf"},
    ]
    plan_data["partners"] = [{"name": "Mitra", "logo": "logos/mitra.jpg"}, {"name": "Lain", "logo": "documents/rplp.pdf"}]
    (valid_plan / "kawasan.yml").write_text(dump(plan_data))
    problems = load_plans(valid_plan.parent).problems
    assert [p.field for p in problems] == ["documents[2].file", "partners[1].logo"]


def test_phone_png_and_webp_photos_pass(valid_plan: Path, plan_data) -> None:
    first, second = Image.new("RGB", (40, 30), "red"), Image.new("RGB", (40, 30), "blue")
    first.save(valid_plan / "photos" / "ponsel.jpg", "MPO", save_all=True, append_images=[second])
    first.save(valid_plan / "photos" / "peta.png")
    first.save(valid_plan / "photos" / "kerja.webp")
    first.save(valid_plan / "photos" / "animasi.gif")
    plan_data["photos"]["gallery"] = [
        {"file": f"photos/{name}"} for name in ("ponsel.jpg", "peta.png", "kerja.webp", "animasi.gif")
    ]
    (valid_plan / "kawasan.yml").write_text(dump(plan_data))
    (problem,) = load_plans(valid_plan.parent).problems
    assert problem.field == "photos.gallery[3].file" and "JPEG, PNG" in problem.message


def test_a_file_named_twice_is_checked_once_and_reported_twice(valid_plan: Path, plan_data) -> None:
    (valid_plan / "photos" / "hero.jpg").write_bytes(b"rusak")
    plan_data["photos"]["gallery"] = [{"file": "photos/hero.jpg"}]
    (valid_plan / "kawasan.yml").write_text(dump(plan_data))
    problems = load_plans(valid_plan.parent).problems
    assert [p.field for p in problems] == ["photos.hero", "photos.gallery[0].file"]


def test_load_plan_of_one_folder(valid_plan: Path) -> None:
    plan, errors, warnings = load_plan(valid_plan, lang="en")
    assert plan is not None and errors == [] and warnings == []


def test_slugs() -> None:
    assert is_slug("tambak-sari") and not is_slug("Tambak Sari") and not is_slug("a--b") and not is_slug("")
    assert slugify("Kampung Kaléng — RW 03!") == "kampung-kaleng-rw-03"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_data_or_problems(text: str) -> None:
    document, problems = read_yaml(text, Path("k.yml"), Limits(max_yaml_nodes=2000), "id")
    assert document is not None or problems
    assert all(isinstance(p, Problem) for p in problems)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_problems_not_crashes(tmp_path_factory, data: bytes) -> None:
    folder = tmp_path_factory.mktemp("plans") / "kampung"
    folder.mkdir()
    (folder / "kawasan.yml").write_bytes(data)
    plan, errors, _ = load_plan(folder)
    assert plan is None and errors
    assert not any("Unexpected error" in p.message or "tak terduga" in p.message for p in errors)


# --- the catalogues of validation messages -------------------------------------------------------

SOURCES = [f"plan/reading/{name}.py" for name in ("loading", "yaml_source", "explain", "news", "attachments")] + [
    "plan/problems.py", "plan/rules.py",
    "cli/__init__.py"
]
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def _msgids() -> set[str | tuple[str, str]]:
    return {message for source in SOURCES for _, message, _, _ in extract_from_file("python", PACKAGE / source)}


def _catalogue(lang: str):
    with (PACKAGE / "locale" / lang / "LC_MESSAGES" / "validation.po").open("rb") as handle:
        return read_po(handle)


def test_every_message_has_an_indonesian_translation() -> None:
    catalogue = _catalogue("id")
    assert catalogue.plural_forms == "nplurals=1; plural=0;"
    for msgid in _msgids():
        message = catalogue.get(msgid if isinstance(msgid, str) else msgid[0])
        assert message is not None and message.string, msgid
        translations = [message.string] if isinstance(message.string, str) else list(message.string)
        source = msgid if isinstance(msgid, str) else msgid[0]
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(source)), msgid


def test_english_catalogue_holds_the_same_messages() -> None:
    english, indonesian = _catalogue("en"), _catalogue("id")
    assert english.plural_forms == "nplurals=2; plural=(n != 1);"
    assert {m.id if isinstance(m.id, str) else m.id[0] for m in english if m.id} == {
        m.id if isinstance(m.id, str) else m.id[0] for m in indonesian if m.id
    }
    assert {m if isinstance(m, str) else m[0] for m in _msgids()} <= {
        m.id if isinstance(m.id, str) else m.id[0] for m in english if m.id
    }
