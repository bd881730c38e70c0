"""``plpbk validate``: every problem of every plan, then a one-line summary; exit 1 on errors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import translator
from ..plan.loading import load_plans
from .site_reading import language, read_site


def add_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("validate", parents=[common], help="check every plan; exit 1 on any error")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem of every plan, then a one-line summary."""
    site = read_site(args.site)
    t = translator(language(args, site))
    _ = t.gettext
    result = load_plans(site.plans_dir, lang=t.lang)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    for warning in result.warnings:
        print(_("warning: %(problem)s") % {"problem": warning}, file=sys.stderr)
    if result.problems:
        faulty = {_kawasan_of(p.file, site.plans_dir) for p in result.problems} - {None}
        total = len(faulty | {plan.slug for plan in result.plans})
        count = len(result.problems)
        if total:
            summary = t.ngettext(
                "%(count)s problem in %(bad)s of %(total)s kawasan.",
                "%(count)s problems in %(bad)s of %(total)s kawasan.",
                count,
            )
        else:
            summary = t.ngettext("%(count)s problem.", "%(count)s problems.", count)
        print(summary % {"count": count, "bad": len(faulty), "total": total})
        return 1
    projects = sum(len(plan.kawasan.projects) for plan in result.plans)
    summary = _("All plans valid: %(kawasan)s kawasan, %(projects)s projects.")
    print(summary % {"kawasan": len(result.plans), "projects": projects})
    if result.warnings:
        count = len(result.warnings)
        print(t.ngettext("%(count)s warning.", "%(count)s warnings.", count) % {"count": count})
    return 1 if args.strict and result.warnings else 0


def _kawasan_of(file: Path, plans_dir: Path) -> str | None:
    """The kawasan folder a problem's file belongs to."""
    try:
        parts = file.relative_to(plans_dir).parts
    except ValueError:
        return None
    return parts[0] if parts else None
