"""``plpbk import <file> --kawasan <slug>``: the investment matrix a BKM already keeps, into its plan.

Reads an ``.xlsx`` or ``.csv`` matrix (:mod:`plpbk_plugin.plan.matrix.reading`), puts its projects
and slum indicators into ``plans/<slug>/kawasan.yml`` (:mod:`plpbk_plugin.plan.matrix.merge`:
comments and key order kept), checks the result with the loader, and only then writes it. With
any problem in the sheet, or a result the loader refuses, every problem is printed and the file
stays byte for byte as it was (exit 1). ``--dry-run`` says what would change and writes nothing;
``--prune`` removes the projects (and indicators) the sheet no longer has, naming them.
"""

from __future__ import annotations

import argparse
import codecs
import sys
from pathlib import Path

from ..filesystem import write_atomic
from ..i18n import Translator, translator
from ..plan.matrix.importing import import_tables
from ..plan.matrix.merge import Merge, merge
from ..plan.matrix.reading import read_matrix
from ..plan.problems import display
from ..plan.reading.loading import PLAN_FILE, load_plan
from ..plan.rules import nearest
from .site_reading import CliError, language, read_site


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("import", parents=[common], help="read an investment matrix (.xlsx or .csv) into a kawasan's plan")
    parser.add_argument("file", type=Path, help="the matrix: .xlsx (sheets Rencana Investasi, Profil Kumuh) or .csv")
    parser.add_argument("--kawasan", metavar="SLUG", help="the kawasan folder under plans/ (not needed when there is only one)")
    parser.add_argument("--prune", action="store_true", help="remove the projects and indicators the sheet does not have")
    parser.add_argument("--dry-run", action="store_true", help="say what would change, write nothing")
    parser.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    site = read_site(args.site)
    t = translator(language(args, site))
    _ = t.gettext
    folder = kawasan_folder(site.plans_dir, args.kawasan, t)
    plan, errors, _warnings = load_plan(folder, lang=t.lang)
    if plan is None:
        for problem in errors:
            print(problem, file=sys.stderr)
        print(_("Fix the plan first (plpbk validate shows where); nothing was imported."), file=sys.stderr)
        return 1
    raw = plan.source.read_bytes()
    text = raw.removeprefix(codecs.BOM_UTF8).decode("utf-8").replace("\r\n", "\n")
    imported = import_tables(read_matrix(args.file, t.lang), t.lang)
    result = merge(text, plan.kawasan, imported, prune=args.prune, lang=t.lang)
    problems = imported.problems + result.problems
    for warning in imported.warnings + ([] if problems else result.warnings):  # a sheet read in part misleads the merge
        print(_("warning: %(problem)s") % {"problem": warning}, file=sys.stderr)
    if problems:
        for sheet_problem in problems:
            print(sheet_problem, file=sys.stderr)
        count = t.ngettext("%(count)d problem in %(file)s; %(plan)s was not changed.",
                           "%(count)d problems in %(file)s; %(plan)s was not changed.", len(problems))
        print(count % {"count": len(problems), "file": display(args.file), "plan": display(plan.source)}, file=sys.stderr)
        return 1
    if result.text != text:
        checked, refused, _cautions = load_plan(folder, lang=t.lang, text=result.text)
        if checked is None:
            print(_("After the import the plan would not be valid, so %(plan)s was not changed:") % {"plan": display(plan.source)},
                  file=sys.stderr)
            for problem in refused:
                print(f"  {problem.field}: {problem.explanation}" if problem.field else f"  {problem.explanation}", file=sys.stderr)
            return 1
    for line in summary(result, t):
        print(line)
    if result.text == text:
        print(_("Nothing changes: %(plan)s stays as it is.") % {"plan": display(plan.source)})
    elif args.dry_run:
        print(_("--dry-run: nothing was written."))
    else:
        new = result.text.replace("\n", "\r\n") if b"\r\n" in raw else result.text
        write_atomic(plan.source, (codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b"") + new.encode("utf-8"))
        print(_("Wrote %(plan)s; check it with plpbk validate and mkdocs serve.") % {"plan": display(plan.source)})
    return 0


def kawasan_folder(plans_dir: Path, slug: str | None, t: Translator) -> Path:
    """The folder of the kawasan to import into; without a slug, the only kawasan there is."""
    _ = t.gettext
    slugs = sorted(p.parent.name for p in plans_dir.glob(f"*/{PLAN_FILE}") if not p.parent.name.startswith((".", "_")))
    if slug is None:
        if len(slugs) == 1:
            return plans_dir / slugs[0]
        raise CliError(_("Name the kawasan to import into with --kawasan: %(slugs)s.") % {"slugs": ", ".join(slugs) or "–"}, 2)
    if slug not in slugs:
        message = _("There is no kawasan `%(slug)s` in %(folder)s (start one with plpbk new %(slug)s); the kawasan are: %(slugs)s.")
        message %= {"slug": slug, "folder": display(plans_dir), "slugs": ", ".join(slugs) or "–"}
        near = nearest(slug, slugs)
        if near:
            message += " " + _("Did you mean `%(suggestion)s`?") % {"suggestion": near}
        raise CliError(message, 1)
    return plans_dir / slug


def summary(result: Merge, t: Translator) -> list[str]:
    """What the import changes, in a few lines."""
    lines = []
    if result.added:
        lines.append(t.ngettext("Added %(n)d project: %(ids)s.", "Added %(n)d projects: %(ids)s.", len(result.added))
                     % {"n": len(result.added), "ids": ", ".join(result.added)})
    if result.changed:
        what = "; ".join(f"{pid} ({', '.join(dict.fromkeys(columns))})" for pid, columns in result.changed.items())
        lines.append(t.ngettext("Changed %(n)d project: %(what)s.", "Changed %(n)d projects: %(what)s.", len(result.changed))
                     % {"n": len(result.changed), "what": what})
    if result.unchanged:
        lines.append(t.ngettext("%(n)d project is as the sheet says.", "%(n)d projects are as the sheet says.", len(result.unchanged))
                     % {"n": len(result.unchanged)})
    if result.kept:
        lines.append(t.ngettext("Left as it is, not in the sheet (--prune removes it): %(ids)s.",
                                "Left as they are, not in the sheet (--prune removes them): %(ids)s.", len(result.kept))
                     % {"ids": ", ".join(result.kept)})
    if result.removed:
        lines.append(t.ngettext("Removed %(n)d project (--prune): %(ids)s.", "Removed %(n)d projects (--prune): %(ids)s.",
                                len(result.removed)) % {"n": len(result.removed), "ids": ", ".join(result.removed)})
    counts = result.indicators
    if any(counts.values()):
        lines.append(t.gettext("Slum profile: %(added)d criteria added, %(changed)d changed, %(removed)d removed.") % counts)
    return lines
