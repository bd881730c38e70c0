"""``plpbk schema``: the JSON Schema of kawasan.yml, for editors' YAML tools."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..plan.model import Kawasan


def json_schema() -> dict[str, Any]:
    """The JSON Schema editors' YAML tools use for kawasan.yml."""
    schema = Kawasan.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://plpbk.github.io/schema/kawasan.schema.json",
        "title": "kawasan.yml",
        **schema,
    }


def schema_text() -> str:
    """The JSON Schema of kawasan.yml, as committed and as ``plpbk schema`` prints it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of kawasan.yml")
    parser.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0
