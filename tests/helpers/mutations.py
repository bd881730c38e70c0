"""The fuzzers' mutation engine: random damage to a plan's data (deleted keys, wrong types, huge and
tiny numbers, odd Unicode, invalid dates, duplicate ids, typos, bad file paths) and to its YAML
text (as a careless edit in the GitHub web editor would), each seeded and reproducible.

``mutate`` applies one mutation that fits the data and names it; ``BENIGN`` ones keep the plan
valid (they exercise the build, not the loader); ``rich_base`` is a small plan with a little of
everything for them to damage.
"""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Callable, Iterator
from typing import Any

import yaml

from plpbk_plugin.plan.reading.yaml_source import INVISIBLE

from .plans import plan

Path_ = tuple[str | int, ...]

JUNK_TEXT = (
    "\u202eterbalik\u202c",
    "\u200f\u200e\u2066kanan\u2069",
    "\u200b\u200c\u200d\ufeff",
    "Z\u0351\u0352\u0357\u0358\u0359\u035a\u035b\u035c\u035d\u035e\u035f\u0360" * 40,
    "😀🏳️‍🌈👩‍👩‍👧‍👦" * 50,
    "\x00nul",
    "bel\x07",
    "\ud800lone",
    "\ufffe",
    "x" * 6000,
    "y" * 60_000,
    " ",
    "",
    "\t\n",
    "---\n...",
    "&amp;&lt;&#0;",
    "</script><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
    "%(name)s %s %d {0}",
    "Kampung\u2028Baris\u2029",
    "ﷺ" * 300,
    "ß" * 5000,
)
HUGE_AND_TINY = (10**15, 10**15 + 1, 10**30, 2**63, -1, -(10**30), 0, 1e308, -1e308, 1e-300, 5e-324, -0.0, 0.5,
                 math.inf, -math.inf, math.nan, True, False)
BAD_DATES = ("2026-02-30", "2026-13-01", "2026-00-10", "0000-01-01", "10000-01-01", "31/12/2026", "kemarin",
             "2026-1-1", "2026-02-29T25:00", "", 20261301, -2026, 2026.5, "2027-03-31 junk", "9999-99")
FILE_VALUES = ("../kawasan.yml", "/etc/passwd", "photos/../../luar.jpg", "photos/tidak-ada.jpg", "photos",
               "photos/\x00.jpg", "C:\\photos\\a.jpg", "photos/a:b.jpg", "kawasan.yml", "documents/", "  ")
TYPOS = {"projects": "project", "funding": "fundng", "status": "stauts", "cost": "biaya", "title": "judul",
         "organization": "organisation", "deadline": "dedline", "summary": "sumary"}


def paths(node: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    """Every path of a YAML tree (dict keys and list indices), the root excluded."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from paths(value, (*prefix, index))


def get(node: Any, path: Path_) -> Any:
    for part in path:
        node = node[part]
    return node


def put(node: Any, path: Path_, value: Any) -> None:
    get(node, path[:-1])[path[-1]] = value


def delete(node: Any, path: Path_) -> None:
    parent = get(node, path[:-1])
    del parent[path[-1]]


def of_kind(data: Any, predicate: Callable[[Path_, Any], bool]) -> list[Path_]:
    return [p for p in paths(data) if predicate(p, get(data, p))]


def other_type(value: Any, rnd: random.Random) -> Any:
    choices = [None, True, 0, -7, 3.25, "teks", [], ["a", 1], {}, {"kunci": "nilai"}, "2026-05-10", [[["dalam"]]]]
    return rnd.choice([c for c in choices if type(c) is not type(value)])


MUTATIONS = (
    "delete_key", "swap_type", "number", "unicode", "date", "duplicate_id", "duplicate_item", "typo",
    "file", "empty_list", "over_funding", "copy_project", "long_list",
)


BENIGN = ("odd_text", "drop_optional", "extreme_money", "over_funding", "past_deadline", "progress_edges")
"""Mutations that keep a plan valid (at most a warning): they exercise the build, not the loader."""
TEXT_KEYS = frozenset({"name", "title", "summary", "description", "caption", "text", "partner", "contribution", "role",
                       "vision", "address", "idea", "target", "product", "price", "place", "promotion", "partnership"})
OPTIONAL_KEYS = frozenset({"description", "funding", "photos", "updates", "needs", "partners", "policy", "documents", "calls",
                           "marketing_mix", "profile", "coordinates", "progress", "start", "end", "aspect", "people",
                           "beneficiaries", "location", "gallery", "hero", "logo", "contribution", "since", "caption"})
VALID_JUNK = tuple(j[:120] for j in JUNK_TEXT if j.strip() and not INVISIBLE.search(j) and not j.startswith("---"))


def mutate(data: dict[str, Any], rnd: random.Random, kinds: tuple[str, ...] = MUTATIONS) -> str:
    """One random mutation of ``data`` in place (one that applies to it); returns its name."""
    for _ in range(100):
        name = rnd.choice(kinds)
        if _apply(name, data, rnd):
            return name
    raise AssertionError("no mutation applies")


def _apply(name: str, data: dict[str, Any], rnd: random.Random) -> bool:
    def pick(predicate: Callable[[Path_, Any], bool]) -> Path_ | None:
        found = of_kind(data, predicate)
        return rnd.choice(found) if found else None

    projects = [p for p in data.get("projects") or [] if isinstance(p, dict)] if isinstance(data.get("projects"), list) else []
    if name == "delete_key" and (target := pick(lambda p, v: isinstance(p[-1], str))):
        delete(data, target)
    elif name == "swap_type" and (target := pick(lambda p, v: True)):
        put(data, target, other_type(get(data, target), rnd))
    elif name == "number" and (target := pick(lambda p, v: isinstance(v, int | float) and not isinstance(v, bool))):
        put(data, target, rnd.choice(HUGE_AND_TINY))
    elif name == "unicode" and (target := pick(lambda p, v: isinstance(v, str))):
        junk, value = rnd.choice(JUNK_TEXT), get(data, target)
        put(data, target, rnd.choice([junk, value + junk, junk + value]))
    elif name == "date" and (target := pick(lambda p, v: p[-1] in ("date", "start", "end", "deadline", "since", "year"))):
        put(data, target, rnd.choice(BAD_DATES))
    elif name == "duplicate_id" and (
        kinds := [k for k in ("projects", "calls") if isinstance(data.get(k), list) and sum(isinstance(i, dict) for i in data[k]) > 1]
    ):
        items = [i for i in data[rnd.choice(kinds)] if isinstance(i, dict)]
        first, second = rnd.sample(items, 2)
        second["id"] = first.get("id", "tanpa-id")
    elif name == "duplicate_item" and (target := pick(lambda p, v: isinstance(v, list) and v)):
        items = get(data, target)
        items.append(copy.deepcopy(rnd.choice(items)))
    elif name == "typo" and (target := pick(lambda p, v: p[-1] in TYPOS)):
        parent = get(data, target[:-1])
        parent[TYPOS[target[-1]]] = parent.pop(target[-1])
    elif name == "file" and (target := pick(lambda p, v: p[-1] in ("file", "hero", "logo"))):
        put(data, target, rnd.choice(FILE_VALUES))
    elif name == "empty_list" and (target := pick(lambda p, v: isinstance(v, list))):
        put(data, target, [])
    elif name == "over_funding" and projects:
        project = rnd.choice(projects)
        cost = project.get("cost") if isinstance(project.get("cost"), int) and not isinstance(project.get("cost"), bool) else 1000
        project.update(cost=cost, funding=[{"source": "csr", "amount": min(cost * 3 + 1, 10**15)}], status="completed", progress=40)
    elif name == "copy_project" and projects:
        clone = copy.deepcopy(rnd.choice(projects))
        clone["id"] = f"salinan-{rnd.randrange(10**6)}"
        data["projects"].append(clone)
    elif name == "long_list" and projects:
        rnd.choice(projects)["needs"] = [f"Kebutuhan {i}" for i in range(rnd.choice([0, 500, 3000]))]
    elif name == "odd_text" and (target := pick(lambda p, v: p[-1] in TEXT_KEYS and isinstance(v, str))):
        put(data, target, rnd.choice([rnd.choice(VALID_JUNK), get(data, target) + rnd.choice(VALID_JUNK)]))
    elif name == "drop_optional" and (target := pick(lambda p, v: p[-1] in OPTIONAL_KEYS and not (p[-1] == "location" and len(p) == 1))):
        delete(data, target)
    elif name == "extreme_money" and (target := pick(lambda p, v: p[-1] in ("cost", "amount", "amount_sought"))):
        put(data, target, rnd.choice([0, 1, 10**15]))
    elif name == "past_deadline" and (target := pick(lambda p, v: p[-1] == "deadline")):
        put(data, target, rnd.choice(["2000-01-01", "1999-12-31"]))
    elif name == "progress_edges" and (target := pick(lambda p, v: p[-1] == "progress")):
        put(data, target, rnd.choice([0, 100]))
    else:
        return False
    return True


def text_mutation(text: str, rnd: random.Random) -> tuple[str, str]:
    """Damage the YAML text itself, as a careless edit in the GitHub web editor would."""
    name = rnd.choice(["truncate", "tab", "colon", "quote", "dedent", "bom_and_crlf", "second_document", "alias"])
    lines = text.split("\n")
    at = rnd.randrange(1, len(lines))
    if name == "truncate":
        text = text[: rnd.randrange(len(text))]
    elif name == "tab":
        lines[at] = "\t" + lines[at]
        text = "\n".join(lines)
    elif name == "colon":
        text = text.replace(": ", ":", rnd.randrange(1, 5))
    elif name == "quote":
        lines[at] = lines[at] + ' "tidak ditutup'
        text = "\n".join(lines)
    elif name == "dedent":
        lines[at] = lines[at].lstrip()
        text = "\n".join(lines)
    elif name == "bom_and_crlf":
        text = "\ufeff" + text.replace("\n", "\r\n")
    elif name == "second_document":
        text = text + "\n---\nname: lagi\n"
    elif name == "alias":
        text = text.replace("projects:", "x-dasar: &dasar {sector: sosial}\nprojects:", 1).replace(
            "  - id:", "  - <<: *dasar\n    id:", 1
        )
    return name, text


def dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)


def rich_base() -> dict[str, Any]:
    """A minimal plan with a little of every part: coordinates, profile, funding, updates, calls, partners, documents."""
    data = plan()
    data["location"]["coordinates"] = {"lat": -6.95, "lon": 110.43}
    data["location"]["area_ha"] = 12.5
    data["profile"] = {"population": 300, "households": 100, "poor_households": 30}
    data["projects"].append(
        {
            "id": "kedua",
            "title": "Kedua",
            "summary": "Dua.",
            "sector": "ekonomi",
            "cost": 5000,
            "status": "in_progress",
            "progress": 50,
            "start": "2026-05",
            "end": "2027",
            "funding": [{"source": "swadaya", "amount": 1000}, {"source": "csr", "amount": 2000, "status": "pledged"}],
            "updates": [{"date": "2026-06-01", "text": "Mulai."}],
            "photos": [{"file": "photos/hero.jpg", "caption": "Foto"}],
        }
    )
    data["calls"] = [{"id": "ajakan", "title": "Ajakan", "description": "Ajak.", "projects": ["kedua"], "deadline": "2099-01-01"},
                     {"id": "lain", "title": "Lain", "description": "Lain."}]
    data["partners"] = [{"name": "Mitra", "url": "https://contoh.example", "since": 2025, "logo": "photos/hero.jpg"}]
    data["documents"] = [{"title": "RPLP", "url": "https://contoh.example/rplp.pdf", "year": 2025}]
    data["photos"]["gallery"] = [{"file": "photos/hero.jpg", "caption": "Galeri", "date": "2026-05"}]
    return data
