"""Fuzzed plans: whatever an editor (or a bad merge) writes ends in a valid model or a clean error.

Three layers:

- property-based figure invariants on generated plans (hypothesis, no disk);
- hypothesis-mutated plans (deleted keys, wrong types, huge and tiny numbers, odd Unicode,
  invalid dates, duplicate ids) through the loader: a plan or problems, never an
  "unexpected error" (the loader's net for a bug) and never an exception;
- 25 seeded random mutations of the demo plan ``tambak-sari``, each through ``load_plans``
  *and* a real MkDocs build: success, or MkDocs' clean abort on the plugin's error, within a
  time bound; a successful build still lets no plan code through.

Every test is reproducible: hypothesis is derandomized, the mutations are seeded.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort
from PIL import ImageDraw

from helpers.mutations import BENIGN, MUTATIONS, dump, mutate, rich_base, text_mutation
from helpers.plans import DROP, plan, write_jpeg
from helpers.sitebuild import REPO, isolated_build, small_copy, write_site
from plpbk_plugin.plan.figures import SECURED_STATUSES, amount_sought, kawasan_totals, project_money
from plpbk_plugin.plan.model import Kawasan
from plpbk_plugin.plan.problems import Problem
from plpbk_plugin.plan.reading.loading import LoadResult, load_plan, load_plans
from plpbk_plugin.plan.vocabulary import FUNDING_STATUSES, PROJECT_STATUSES, SECTORS, SOURCES

pytestmark = pytest.mark.slow  # real site builds

FUZZ = settings(
    max_examples=75, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
"""Reproducible in CI: a fixed sequence of examples, no example database written into the checkout."""
UNEXPECTED = ("Unexpected error", "tak terduga")


def assert_clean(problems: tuple[Problem, ...] | list[Problem]) -> None:
    """Problems are sentences for editors, not the loader's net for a crash."""
    for problem in problems:
        text = str(problem)
        assert not any(word in text for word in UNEXPECTED), text
        assert isinstance(problem.file, Path) and (problem.line is None or problem.line >= 1), text


# --- figure invariants -----------------------------------------------------------------------------

amounts = st.one_of(st.integers(0, 10**15), st.sampled_from([0, 1, 10**15]))
funding_lines = st.lists(
    st.fixed_dictionaries(
        {"source": st.sampled_from(SOURCES), "amount": amounts},
        optional={"status": st.sampled_from(FUNDING_STATUSES), "partner": st.text(min_size=1, max_size=20).filter(str.strip)},
    ),
    max_size=6,
)


@st.composite
def generated_plans(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 8))
    projects = [
        {
            "id": f"p-{i}",
            "title": f"Proyek {i}",
            "summary": "Satu kalimat.",
            "sector": draw(st.sampled_from(SECTORS)),
            "cost": draw(amounts),
            "status": draw(st.sampled_from(PROJECT_STATUSES)),
            "funding": draw(funding_lines),
        }
        for i in range(count)
    ]
    ids = [p["id"] for p in projects]
    calls = [
        {"id": f"c-{i}", "title": "Ajakan", "description": "Ajak.", "projects": draw(st.lists(st.sampled_from(ids), max_size=4))}
        for i in range(draw(st.integers(0, 3)))
    ]
    households = draw(st.one_of(st.none(), st.integers(0, 10**9)))
    return {
        **plan(photos=DROP),
        "projects": projects,
        "calls": calls,
        "profile": {"households": households},
    }


@FUZZ
@given(generated_plans())
def test_figure_invariants(data: dict[str, Any]) -> None:
    kawasan = Kawasan.model_validate(data)
    gaps = secured_total = pledged_total = planned_total = 0
    for project, raw in zip(kawasan.projects, data["projects"]):
        money = project_money(project)
        secured = sum(line["amount"] for line in raw["funding"] if line.get("status", "committed") in SECURED_STATUSES)
        pledged = sum(line["amount"] for line in raw["funding"] if line.get("status") == "pledged")
        planned = sum(line["amount"] for line in raw["funding"] if line.get("status") == "planned")
        assert (money.cost, money.secured, money.pledged, money.planned) == (raw["cost"], secured, pledged, planned)
        assert money.gap == max(0, raw["cost"] - secured) >= 0
        assert money.surplus == max(0, secured - raw["cost"]) and money.gap * money.surplus == 0
        assert 0 <= money.secured_ratio <= 1
        assert money.as_dict() == {"cost": money.cost, "secured": secured, "pledged": pledged, "planned": planned, "gap": money.gap}
        gaps += money.gap
        planned_total += planned
        secured_total += secured
        pledged_total += pledged
    totals = kawasan_totals(kawasan)
    assert totals.money.cost == sum(p["cost"] for p in data["projects"])
    assert (totals.money.secured, totals.money.pledged, totals.money.gap) == (secured_total, pledged_total, gaps)
    assert totals.money.planned == planned_total  # planned money changes neither secured nor the gap
    assert totals.money.gap >= max(0, totals.money.cost - totals.money.secured), "a surplus never fills another gap"
    assert sum(totals.secured_by_source.values()) == totals.money.secured
    assert set(totals.secured_by_source) == set(SOURCES) and min(totals.secured_by_source.values()) >= 0
    assert totals.project_count == len(kawasan.projects) == sum(totals.projects_by_status.values())
    share = totals.swadaya_share
    assert (share is None) == (totals.money.secured == 0)
    assert share is None or 0 <= share <= 1
    assert totals.households == data["profile"]["households"]
    for call in kawasan.calls:
        sought = amount_sought(call, kawasan)
        expected = sum(project_money(next(p for p in kawasan.projects if p.id == pid)).gap for pid in dict.fromkeys(call.projects))
        assert sought == (expected if call.projects else None)




# --- hypothesis: mutated plans through the loader ---------------------------------------------------




@FUZZ
@given(st.randoms(use_true_random=False), st.integers(1, 4), st.booleans())
def test_mutated_plans_load_or_explain(tmp_path_factory: pytest.TempPathFactory, rnd: random.Random, count: int, damage_text: bool) -> None:
    data = rich_base()
    for _ in range(count):
        mutate(data, rnd)
    text = dump(data)
    if damage_text:
        _, text = text_mutation(text, rnd)
    folder = tmp_path_factory.mktemp("fuzz") / "kampung"
    write_jpeg(folder / "photos" / "hero.jpg")
    (folder / "kawasan.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    plan, errors, warnings = load_plan(folder)
    assert (plan is None) == bool(errors)
    assert_clean(errors)
    assert_clean(warnings)
    if plan is not None:
        totals = kawasan_totals(plan.kawasan)
        assert totals.money.gap >= 0 and totals.money.secured >= 0


def test_the_mutations_reach_every_kind() -> None:
    rnd = random.Random(0)
    seen = set()
    for _ in range(400):
        seen.add(mutate(rich_base(), rnd))
        seen.add(mutate(rich_base(), rnd, BENIGN))
    assert seen == set(MUTATIONS) | set(BENIGN)


# --- 25 seeded mutations of the demo plan, loaded and built ------------------------------------------

DEMO = REPO / "plans" / "tambak-sari"
SEEDS = range(25)


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small-photo copy of tambak-sari and a shared cache folder (photos processed once)."""
    base = tmp_path_factory.mktemp("demo")
    small_copy(DEMO, base / "tambak-sari")
    return base / "tambak-sari", base / "cache"


def seeded_mutation(seed: int) -> tuple[str, list[str]]:
    """The kawasan.yml text of mutation ``seed`` and the names of what was done."""
    rnd = random.Random(f"plpbk-{seed}")
    data = yaml.safe_load(DEMO.joinpath("kawasan.yml").read_text(encoding="utf-8"))
    benign = rnd.random() < 0.5
    done = [mutate(data, rnd, BENIGN if benign else MUTATIONS) for _ in range(rnd.choice([1, 1, 2, 3]))]
    text = dump(data)
    if not benign and rnd.random() < 0.3:
        name, text = text_mutation(text, rnd)
        done.append(name)
    return text, done


def test_seeded_mutations_are_reproducible() -> None:
    assert seeded_mutation(3) == seeded_mutation(3)
    kinds = {name for seed in SEEDS for name in seeded_mutation(seed)[1]}
    assert len(kinds) >= 14, kinds


@pytest.mark.parametrize("seed", SEEDS)
def test_mutated_demo_loads_and_builds_or_fails_cleanly(seed: int, demo_copy, tmp_path: Path) -> None:
    from helpers.scan import scan_site

    source, cache = demo_copy
    text, done = seeded_mutation(seed)
    root = tmp_path / "situs"
    shutil.copytree(source, root / "plans" / "tambak-sari")
    (root / "plans" / "tambak-sari" / "kawasan.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    write_site(root, plugin={"cache_dir": str(cache)})
    result: LoadResult = load_plans(root / "plans")
    assert_clean(result.problems)
    assert_clean(result.warnings)
    assert (len(result.plans) == 1) == (not result.problems), done
    try:
        site = isolated_build(root)
    except Abort:
        built = False
    else:
        built = True
    assert built == (not result.problems), (done, [str(p) for p in result.problems])
    if built:
        assert (site / "index.html").is_file() and (site / "rencana" / "index.html").is_file()
        assert not scan_site(site, base="/portal/")


# --- very long and pathological texts stay fast --------------------------------------------------------

PATHOLOGICAL_MARKDOWN = {
    "unmatched brackets": "[" * 25_000,
    "spaced brackets": "[ " * 20_000,
    "image openers": "![" * 20_000,
    "deeply nested links": "[" * 5_000 + "x" + "]" * 5_000 + "(" * 5_000,
    "link openers": "[a](" * 12_000,
    "unclosed tags": "<a " * 16_000,
    "unclosed attributes": '<a href="' * 5_000,
    "mixed": "[*_`<(" * 8_000,
    "emphasis": "*a_" * 16_000,
    "random printable": "".join(random.Random(7).choice("[]()<>*_`!#-| \nabc") for _ in range(49_000)),
}


def unmatched_openers(text: str) -> int:
    """Unescaped ``[`` and ``(`` without a partner: each makes Python-Markdown scan to the end of the text."""
    stacks: dict[str, int] = {"[": 0, "(": 0}
    unmatched, index = 0, 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in stacks:
            stacks[char] += 1
        elif char in "])":
            opener = "[" if char == "]" else "("
            stacks[opener] = max(0, stacks[opener] - 1)
        index += 1
    return unmatched + sum(stacks.values())


@pytest.mark.parametrize("name", sorted(PATHOLOGICAL_MARKDOWN))
def test_pathological_markdown_renders_in_bounded_time(name: str) -> None:
    """The cause of bounded time, counted: defusing leaves Markdown only a handful of brackets to scan ahead for."""
    from plpbk_plugin.site.rendering.markup import MarkdownRenderer, defuse

    text = PATHOLOGICAL_MARKDOWN[name]
    assert unmatched_openers(defuse(text)) <= 2 * 8, name  # at most _MAX_DEPTH of each kind
    html = MarkdownRenderer(["admonition", "attr_list", "md_in_html", "tables"])(text)
    assert "<script" not in html


def test_normal_markdown_is_not_touched_by_the_defusing() -> None:
    from plpbk_plugin.site.rendering.markup import defuse

    text = "Lihat [RPLP](https://contoh.example/rplp.pdf) (hal. 3) dan <https://contoh.example>.\n\n" * 10
    assert defuse(text) == text
    many = "[a](https://contoh.example/(x)) " * 100
    assert defuse(many) == many, "matched brackets and parentheses stay as written"
    assert defuse("[" * 40) == "\\[" * 40


def test_long_texts_make_share_cards_quickly(tmp_path: Path) -> None:
    from plpbk_plugin.media.cards import CardMaker, ShareCard

    long = " ".join(["Kampung"] * 700) + "x" * 5000
    card = ShareCard(long, long, long, long[:300], long[:300], long, None)
    measured: list[int] = []
    textlength = ImageDraw.ImageDraw.textlength

    def counted(self: ImageDraw.ImageDraw, text: str, *args: Any, **kwargs: Any) -> float:
        measured.append(len(text))
        return textlength(self, text, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ImageDraw.ImageDraw, "textlength", counted)
        urls = CardMaker(tmp_path / "cache", workers=1).make({"k/og": card})  # one card: drawn in this process
    assert urls["k/og"].startswith("k/og.")
    # the cause of a quick card, counted: text is clipped by halving, never measured word by word or at full length
    assert 0 < len(measured) < 300 and max(measured) <= 401


def extreme_plan() -> dict[str, Any]:
    """Every value at the edge of what the model accepts, in one valid plan."""
    long = "Kampung " + "\u202eterbalik\u202c 😀 " + "panjang " * 600
    data = rich_base()
    data.update(
        name=long[:5000],
        tagline=("ß" * 140),
        summary="*" * 10 + "[" * 100 + "\u200b" * 50,
        photos=None,
    )
    data.pop("photos")
    data["location"].update(coordinates={"lat": 90, "lon": -180}, area_ha=1e-300, kelurahan="ﷺ" * 300)
    data["profile"] = {"population": 10**9, "households": 10**9, "poor_households": 10**9}
    data["organization"]["people"] = [{"name": "\u200f\u200e"}]
    data["projects"] = [
        {"id": "nol", "title": "Nol", "summary": "Tanpa biaya.", "sector": "sosial", "cost": 0, "status": "completed",
         "progress": 100, "start": "0001", "end": "9999-12-31", "location": {"lat": -90, "lon": 180},
         "funding": [{"source": "donor", "amount": 10**15, "status": "received"}]},
        {"id": "besar", "title": "B" * 5000, "summary": "S" * 5000, "sector": "lingkungan", "aspect": "other",
         "cost": 10**15, "status": "seeking_partners", "progress": 0, "start": "2026-02", "end": "2026-02-28",
         "funding": [{"source": s, "amount": 10**15 // 8, "status": "pledged"} for s in SOURCES],
         "beneficiaries": {"households": 0, "people": 10**9}, "needs": [f"Kebutuhan {i}" for i in range(200)],
         "updates": [{"date": "0001-01-01", "text": "Awal."}, {"date": "9999", "text": "Akhir."}],
         "location": {"lat": 90, "lon": 180}},
    ]
    data["calls"] = [
        {"id": "lama", "title": "Lama", "description": "Lewat.", "deadline": "0001-01-01", "projects": ["besar", "besar"]},
        {"id": "jauh", "title": "Jauh", "description": "Nanti.", "deadline": "9999-12-31", "projects": ["besar", "nol"],
         "amount_sought": 0, "contact": {"phone": "+62 (21) 123-456"}},
    ]
    data["partners"] = [{"name": "M", "since": 1900}, {"name": "N", "since": 2100, "url": "http://a.b"}]
    data["documents"] = [{"title": "D", "url": "https://a.b/" + "x" * 1900, "year": 2100}]
    return data


def test_an_extreme_but_valid_plan_builds(tmp_path: Path) -> None:
    from helpers.scan import scan_site

    root = tmp_path / "situs"
    (root / "plans" / "ekstrem").mkdir(parents=True)
    (root / "plans" / "ekstrem" / "kawasan.yml").write_text(dump(extreme_plan()), encoding="utf-8")
    (root / "plans" / "biasa").mkdir()
    (root / "plans" / "biasa" / "kawasan.yml").write_text(dump(plan(photos=DROP)))
    write_site(root)  # two kawasan: the portal's home, cards, map and totals see the extremes too
    result = load_plans(root / "plans")
    assert [str(p) for p in result.problems] == []
    assert {w.field for w in result.warnings} >= {"projects[0].funding", "calls[0].deadline"}
    site = isolated_build(root)
    assert (site / "ekstrem" / "rencana" / "besar" / "index.html").is_file() and (site / "index.html").is_file()
    assert not scan_site(site, base="/portal/")
