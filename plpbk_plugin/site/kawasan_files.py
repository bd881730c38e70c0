"""The files a kawasan publishes beside its pages: its open data and its news feed.

``data.json``, ``rencana.csv``, ``kawasan.geojson`` and the investment matrix always; ``riwayat.csv`` from a
Git history; ``feed.xml`` when there are news, progress photos or (where the site asks) the plan's changes.
They live with the pages of the site's first language (:meth:`Microsite.data_path`).
"""

from __future__ import annotations

import datetime as dt

from ..plan.matrix_workbook import TEMPLATE_DATE, workbook_bytes
from .feeds import kawasan_feed
from .ledger import CSV_FILE as LEDGER_CSV
from .ledger import commit_url, riwayat_csv
from .microsite import Microsite
from .opendata import MATRIX_FILE, json_bytes, kawasan_data, kawasan_geojson, rencana_csv


def open_data(site: Microsite) -> dict[str, bytes]:
    """The kawasan's open data files and news feed, by site-relative URL."""
    urls, plan, t = site.settings.urls, site.plan, site.translator

    def page(path: str) -> str | None:
        return urls.absolute(site.url(path))

    def address(path: str) -> str:
        return page(path) or site.url(path)

    files = {
        site.data_path("data.json"): json_bytes(kawasan_data(
            plan, site_url_of=page, history=site.history, commit_url_of=lambda sha: commit_url(site.settings.repo_url, sha))),
        site.data_path("rencana.csv"): rencana_csv(plan),
        site.data_path("kawasan.geojson"): json_bytes(kawasan_geojson(plan, url_of=page)),
    }
    changed = site.history.last_updated if site.history else None
    modified = dt.datetime.combine(changed, dt.time()) if changed else TEMPLATE_DATE
    files[site.data_path(MATRIX_FILE)] = workbook_bytes(plan.kawasan, lang=t.lang, modified=modified)
    if site.history and site.history.entries:
        files[site.data_path(LEDGER_CSV)] = riwayat_csv(site.history)
    if site.has_feed():
        files[site.data_path("feed.xml")] = kawasan_feed(
            plan,
            title=t.gettext("News from %(name)s") % {"name": site.kawasan.name},
            link=address("kabar" if plan.news else "riwayat" if site.ledger_feed() else "rencana"),
            self_url=urls.absolute(site.data_path("feed.xml")) or site.data_path("feed.xml"),
            item_url=lambda post: address(f"kabar/{post.slug}"),
            lang=t.lang,
            extra=[*site.ledger_feed(), *site.progress_feed()],
        )
    return files
