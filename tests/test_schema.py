"""The committed JSON Schema: in step with the model, and accepting the plans the loader accepts."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from helpers.plans import plan
from plpbk_plugin.cli.new import STARTER
from plpbk_plugin.cli.schema import schema_text
from plpbk_plugin.plan.reading.attachments import Limits
from plpbk_plugin.plan.reading.yaml_source import read_yaml

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "plpbk_plugin" / "schema" / "kawasan.schema.json"
PLANS = sorted([STARTER / "kawasan.yml", *REPO.glob("plans/*/kawasan.yml")])


def test_committed_schema_matches_the_model() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "The JSON Schema is out of date; regenerate it with: "
        "plpbk schema > plpbk_plugin/schema/kawasan.schema.json"
    )


def as_editors_see_it(value: Any) -> Any:
    """YAML 1.2 editors read 2027-03-31 as text, not as a date."""
    if isinstance(value, dict):
        return {key: as_editors_see_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_editors_see_it(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", PLANS, ids=lambda path: path.parent.name)
def test_schema_accepts_the_starter_and_the_demo_plans(path: Path, validator) -> None:
    document, problems = read_yaml(path.read_text(encoding="utf-8"), path, Limits(), "id")
    assert problems == [] and document is not None
    data = as_editors_see_it(document.data)
    errors = [f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_schema_accepts_a_bare_year_and_rejects_what_the_model_rejects(validator) -> None:
    data = plan()
    data["projects"][0].update(start=2027, end="2027-06")
    assert validator.is_valid(data)
    for change in ({"fundng": []}, {"sector": "lingkugan"}, {"cost": "1.250.000"}, {"cost": -1}):
        broken = copy.deepcopy(data)
        broken["projects"][0].update(change)
        assert not validator.is_valid(broken), change
