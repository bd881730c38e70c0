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
from collections.abc import Sequence
from pathlib import Path

from ..i18n import translator
from ..media.images import ImagePipeline, plan_images
from ..plan.history.commits import read_history
from ..plan.reading.loading import load_plans
from ..site.opendata.iati import iati_publisher
from ..site.opendata.kawasan_files import open_data
from ..site.pages.microsite import Microsite
from ..site.pages.portal import portal_open_data
from ..site.rendering.markup import MarkdownRenderer
from ..site.rendering.render import Renderer
from ..site.settings import Settings, is_single
from ..site.sources.communities import Gathered, gather, portal_communities
from ..site.urls import Urls
from .site_reading import language, read_site


def export_files(
    settings: Settings, plans_dir: Path, gathered: Sequence[Gathered] = (), cache_dir: Path | None = None
) -> tuple[dict[str, bytes], list[str]]:
    """``(files by site-relative path, problems)``: nothing is exported while a plan has errors.

    ``gathered``: the community sources of a portal, as :func:`gather` found them. ``cache_dir``: where the
    build keeps its processed photos; with it, the feeds carry the progress photos as the build's do.
    """
    result = load_plans(plans_dir, lang=settings.translator.lang, required=not gathered)
    if result.problems:
        return {}, [str(problem) for problem in result.problems]
    pictures, errors = ImagePipeline(cache_dir).prepare(plan_images(result.plans)) if cache_dir else ({}, [])
    if errors:
        return {}, [f"{error.path}: {error.reason_in(settings.translator)}" for error in errors]
    single = is_single(result.plans, settings.mode, gathers=bool(gathered))
    sites = [Microsite(plan, settings, pictures, single) for plan in result.plans]
    files = {path: data for site in sites for path, data in open_data(site).items()}
    if not single:
        communities = portal_communities(gathered, {plan.slug for plan in result.plans})
        files.update(portal_open_data(sites, settings, communities))
    return files, []


def add_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
        iati = iati_publisher(*site.iati, t)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    settings = Settings(
        site_name=site.site_name,
        urls=Urls(directory_urls=site.directory_urls, site_url=site.site_url),
        translator=t,
        markdown=MarkdownRenderer(),
        renderer=Renderer(t),
        mode=site.mode,
        repo_url=site.repo_url,
        history=read_history(site.plans_dir, None, lang=t.lang).plans if site.history else {},
        history_feed=site.history_feed,
        languages=site.languages,  # the IATI files' narratives come in every language of the site
        iati=iati,
    )
    gathered = gather(site.communities, site.cache_dir, timeout=site.communities_timeout) if site.communities else []
    for item in gathered:
        for message in item.messages(t):
            print(_("warning: %(problem)s") % {"problem": message}, file=sys.stderr)
    files, problems = export_files(settings, site.plans_dir, gathered, site.cache_dir)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    for path, data in sorted(files.items()):
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(t.ngettext("Wrote %(n)d file to %(out)s.", "Wrote %(n)d files to %(out)s.", len(files)) % {"n": len(files), "out": args.out})
    return 0
