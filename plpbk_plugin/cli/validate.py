"""``plpbk validate``: every problem of every plan, then a one-line summary; exit 1 on errors.

``--format github`` prints each problem as a GitHub Actions workflow command
(``::error file=…,line=…,title=…::message``), so GitHub shows it on the file and line of the
commit or pull request; the paths are from the repository root (``git rev-parse
--show-toplevel``, else the site's folder).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import translator
from ..plan.problems import Problem
from ..plan.reading.loading import PLAN_FILE, load_plans
from ..site.editor.repository import relative_to_repository, repository_root
from .site_reading import language, read_site


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("validate", parents=[common], help="check every plan; exit 1 on any error")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (default), or github: GitHub Actions annotations on the files and lines of a commit",
    )
    parser.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem of every plan, then a one-line summary."""
    site = read_site(args.site)
    t = translator(language(args, site))
    _ = t.gettext
    result = load_plans(site.plans_dir, lang=t.lang, required=not site.communities)
    if args.format == "github":
        root = repository_root(site.root)
        for problem in result.problems:
            print(workflow_command("error", problem, root))
        for warning in result.warnings:
            print(workflow_command("warning", warning, root))
    else:
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
    if not result.plans and site.communities:
        message = _("No local plans: this portal gathers %(count)d communities (check them with `plpbk communities check`).")
        print(message % {"count": len(site.communities)})
        return 0
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


def workflow_command(kind: str, problem: Problem, root: Path) -> str:
    """``::error file=…,line=…,title=…::message`` for one problem (``kind``: error or warning).

    ``file`` is the problem's file from the repository root: a folder's problem is shown on its
    ``kawasan.yml`` when it has one, else it has no file (GitHub shows it on the run).
    """
    target = problem.file
    if target.is_dir() and (target / PLAN_FILE).is_file():
        target = target / PLAN_FILE
    path = relative_to_repository(target, root) if target.is_file() else None
    properties: list[tuple[str, str]] = []
    if path is not None:
        properties.append(("file", path))
        if problem.line:
            properties.append(("line", str(problem.line)))
    properties.append(("title", problem.field or path or problem.file.name))
    message = problem.explanation if path is not None else str(problem)
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{kind} {joined}::{escape_data(message)}"


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF escaped, as GitHub's runner unescapes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
