"""The ``plpbk`` command line: ``validate``, ``schema``, ``new``, ``init``, ``export``, ``communities``,
``import``, ``template`` and ``check-site``.

Each subcommand is a module here whose ``add_command`` adds its parser and sets
``run``; adding a subcommand is adding such a module to :data:`COMMANDS`. Errors are printed as
messages (exit 1 for invalid plans, 2 for usage and configuration errors),
never as tracebacks. Nothing here imports MkDocs: ``mkdocs.yml`` is read as
plain YAML to find the plugin's ``plans_dir`` and the theme's language.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from .. import __version__
from . import check_site, communities, export, importing, init, new, schema, template, validate
from .site_reading import CliError, site_options

COMMANDS: list[Callable[[argparse._SubParsersAction[argparse.ArgumentParser], argparse.ArgumentParser], None]] = [
    validate.add_command,
    schema.add_command,
    new.add_command,
    init.add_command,
    export.add_command,
    communities.add_command,
    importing.add_command,
    template.add_command,
    check_site.add_command,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plpbk", description="Community settlement plans as microsites.")
    parser.add_argument("--version", action="version", version=f"plpbk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = site_options()
    for add in COMMANDS:
        add(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit code is returned (argparse exits 2 on bad usage)."""
    args = build_parser().parse_args(argv)
    try:
        run: Callable[[argparse.Namespace], int] = args.run
        return run(args)
    except CliError as exc:
        print(f"plpbk: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"plpbk: {exc}", file=sys.stderr)
        return 1

