"""``plpbk export``: the open data files of every kawasan, without building the site.

For a city that gathers many community repositories: the same files, at the same
paths, as ``mkdocs build`` publishes (``<slug>/data.json``, ``rencana.csv``,
``rencana-investasi.xlsx``, ``kawasan.geojson``, ``feed.xml`` (with the progress photos the build has processed), ``riwayat.csv`` from the Git history and ``iati.xml``
with ``iati_org_ref``; on a portal also the root ``data.json``, ``rencana.csv``, ``kemitraan.csv``, ``feed.xml``
and ``iati.xml``, with the kawasan it gathers from community sites).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import translator
from ..site.build import BuildError, Logs, SiteBuild, SiteFacts, Workshop
from .site_reading import Site, language, read_site


def export_files(site: Site, lang: str) -> dict[str, bytes]:
    """The open data files by site-relative path, as ``mkdocs build`` publishes them (``BuildError`` on a problem)."""
    t = translator(lang)
    facts = SiteFacts(root=site.config_file.parent if site.config_file else site.root, site_name=site.site_name,
                      site_url=site.site_url, language=site.language or lang, directory_urls=site.directory_urls,
                      repo_url=site.repo_url)
    warn = lambda message: print(t.gettext("warning: %(problem)s") % {"problem": message}, file=sys.stderr)  # noqa: E731
    build = SiteBuild(site.options, facts, Workshop(Logs(info=lambda message: None, warning=warn)))
    build.load()
    return build.exported_data()


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", parents=[common], help="write the open data files without building the site")
    parser.add_argument("--out", type=Path, default=Path("data"), help="folder to write into (default: data)")
    parser.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    site = read_site(args.site)
    t = translator(language(args, site))
    _ = t.gettext
    if not site.site_url:
        print(_("Set site_url in mkdocs.yml: the open data links to the public pages."), file=sys.stderr)
        return 2
    try:
        files = export_files(site, t.lang)
    except BuildError as error:
        for problem in error.problems or [str(error)]:
            print(problem, file=sys.stderr)
        return 2 if not error.problems else 1
    for path, data in sorted(files.items()):
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(t.ngettext("Wrote %(n)d file to %(out)s.", "Wrote %(n)d files to %(out)s.", len(files)) % {"n": len(files), "out": args.out})
    return 0
