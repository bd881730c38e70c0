"""``plpbk template <file.xlsx>``: the empty investment matrix, ready for a BKM to fill in.

Both sheets with their headers (``Rencana Investasi``, ``Profil Kumuh``), the header row frozen,
drop-down lists for ``Jenis``, ``Aspek`` and ``Baru/Rehab``, and a ``Petunjuk`` sheet explaining
every column; ``plpbk import`` reads it back.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..i18n import translator
from ..plan.matrix.workbook import workbook_bytes
from ..plan.problems import display
from .site_reading import CliError, language, read_site


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("template", parents=[common], help="write the empty investment matrix (.xlsx) to fill in")
    parser.add_argument("file", type=Path, help="the workbook to write, e.g. rencana-investasi.xlsx")
    parser.add_argument("--force", action="store_true", help="replace the file if it exists")
    parser.set_defaults(run=run_template)


def run_template(args: argparse.Namespace) -> int:
    t = translator(language(args, read_site(args.site)))
    _ = t.gettext
    path: Path = args.file
    if path.suffix.lower() != ".xlsx":
        raise CliError(_("The template is an Excel workbook: give a file name ending in .xlsx."))
    if path.exists() and not args.force:
        raise CliError(_("`%(file)s` already exists; choose another name, or add --force to replace it.") % {"file": display(path)}, 1)
    path.write_bytes(workbook_bytes(lang=t.lang))
    print(_("Wrote %(file)s: fill it in, then run plpbk import %(file)s --kawasan <slug>.") % {"file": display(path)})
    return 0
