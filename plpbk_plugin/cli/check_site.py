"""``plpbk check-site [FOLDER]``: does a built site hold every kawasan's pages and its open data?

The plans that mkdocs.yml points to say which files the site must hold (``site/built.py``: a
portal's home and ``data.json``; each kawasan's Beranda, Rencana, project pages and Kemitraan in
every language, and its ``data.json``). The Pages workflows run this between the build and the
upload, so that a site built without plpbk (another engine, a plugin line deleted from
mkdocs.yml) never replaces a good one. Exit codes: 0 the site is complete; 1 files are missing,
or the plans have errors (which pages they make cannot be known); 2 no such folder, or no mkdocs.yml.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ..i18n import Translator, translator
from ..plan.model import Plan
from ..plan.reading.loading import load_plans
from ..site.built import Cause, Required, likely_cause, missing_files, required_files
from ..site.engines import GUIDE_URL
from .site_reading import CliError, language, read_site

SHOWN = 8
"""Missing files listed per kawasan; the rest are counted."""


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "check-site", parents=[common],
        help="check that a built site holds every kawasan's pages and data.json; exit 1 when any is missing",
    )
    parser.add_argument("built", nargs="?", type=Path, metavar="FOLDER",
                        help="the built site (default: site_dir of mkdocs.yml, else site)")
    parser.set_defaults(run=run_check_site)


def run_check_site(args: argparse.Namespace) -> int:
    """A report per kawasan that lacks files, the likely cause, a summary; 0 when nothing is missing."""
    site = read_site(args.site)
    t = translator(language(args, site))
    _ = t.gettext
    if site.config_file is None:
        raise CliError(_("No mkdocs.yml in `%(folder)s`: run this in the site's folder, or give it with --site.") % {"folder": site.root})
    built: Path = args.built or site.site_dir or site.root / "site"
    if not built.is_dir():
        raise CliError(_("`%(folder)s` is not a folder: build the site first (`mkdocs build`), then check the folder it wrote.")
                       % {"folder": built})
    result = load_plans(site.plans_dir, lang=t.lang, required=not site.communities)
    if result.problems:
        for problem in result.problems:
            print(problem, file=sys.stderr)
        print(_("The plans have errors, so the pages the site must hold are not known: fix them first "
                "(`plpbk validate` names each one), then build and check again."), file=sys.stderr)
        return 1
    required = required_files(result.plans, site.languages, site.mode, gathers=bool(site.communities))
    missing = missing_files(required, built)
    if not missing:
        print(_complete(built, result.plans, site.languages, t))
        return 0
    names = {plan.slug: str(plan.kawasan.name) for plan in result.plans}
    for slug in dict.fromkeys(item.slug for item in missing):
        place = _("The portal") if slug is None else f"{names[slug]} ({site.plans_dir.name}/{slug})"
        files = [item for item in missing if item.slug == slug]
        print(f"✗ {place}: " + t.ngettext("%(count)d file missing", "%(count)d files missing", len(files)) % {"count": len(files)},
              file=sys.stderr)
        for item in files[:SHOWN]:
            print(f"    {item.path} ({_label(item, t)})", file=sys.stderr)
        if len(files) > SHOWN:
            print("    " + _("… and %(count)d more") % {"count": len(files) - SHOWN}, file=sys.stderr)
    print(_cause(likely_cause(required, set(missing), site.plugin_listed), t), file=sys.stderr)
    print(_("Engines that run plpbk, and how to move a site: %(url)s") % {"url": GUIDE_URL}, file=sys.stderr)
    kawasan = len({item.slug for item in missing} - {None})
    summary = t.ngettext(
        "`%(folder)s` is incomplete: %(missing)d of %(total)d required files is missing (%(kawasan)d kawasan). Do not publish it.",
        "`%(folder)s` is incomplete: %(missing)d of %(total)d required files are missing (%(kawasan)d kawasan). Do not publish it.",
        len(missing),
    )
    print(summary % {"folder": built, "missing": len(missing), "total": len(required), "kawasan": kawasan})
    return 1


def _label(item: Required, t: Translator) -> str:
    """What a missing file is, in the visitor's words."""
    _ = t.gettext
    return {
        "portal": _("the portal's home"),
        "beranda": _("Home"),
        "rencana": _("Projects"),
        "proyek": _("project %(id)s") % {"id": item.project},
        "kemitraan": _("Partnership"),
        "data": _("open data"),
    }[item.kind]


def _cause(cause: Cause, t: Translator) -> str:
    _ = t.gettext
    if cause == "not-listed":
        return _("Likely cause: mkdocs.yml does not list the plpbk plugin under `plugins:` (a deleted line, or an "
                 "indentation slip), so the site was built without it. Write it back:\n  plugins:\n    - plpbk")
    if cause == "not-run":
        return _("Likely cause: mkdocs.yml lists the plpbk plugin, but it did not run: the site was built by an engine "
                 "that does not run MkDocs plugins (Zensical skips the plugins it does not support; MkDocs 2 has none). "
                 "Build with `mkdocs build` (MkDocs 1.6 with Material for MkDocs 9) or `properdocs build -f mkdocs.yml`.")
    return _("Likely cause: the folder holds a build of other plans (made before the plans changed, or from another "
             "folder), or files were removed after the build. Build again with `mkdocs build`, then check again.")


def _complete(built: Path, plans: Sequence[Plan], languages: Sequence[str], t: Translator) -> str:
    if not plans:
        return t.gettext("✓ `%(folder)s` holds the portal's home and data.json (its kawasan are on the community sites).") % {
            "folder": built}
    projects = sum(len(plan.kawasan.projects) for plan in plans)
    text = t.ngettext(
        "✓ `%(folder)s` holds every page of %(count)d kawasan (%(projects)d projects; languages: %(languages)s) and its data.json.",
        "✓ `%(folder)s` holds every page of %(count)d kawasan (%(projects)d projects; languages: %(languages)s) and their data.json.",
        len(plans),
    )
    return text % {"folder": built, "count": len(plans), "projects": projects, "languages": ", ".join(languages)}
