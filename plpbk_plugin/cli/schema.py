"""``plpbk schema``: the JSON Schema of kawasan.yml, for editors' YAML tools."""

from __future__ import annotations

import argparse
import json
import sys

from ..plan.model import json_schema


def schema_text() -> str:
    """The JSON Schema of kawasan.yml, as committed and as ``plpbk schema`` prints it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def add_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of kawasan.yml")
    parser.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0
