"""Open data of a kawasan and of a portal: data.json, rencana.csv, kawasan.geojson.

Every money figure comes from :mod:`plpbk_plugin.figures`; nothing is summed
or subtracted here beyond adding up the figures it returns. Output is
deterministic (stable order, sorted keys, no build timestamps), so an
unchanged plan gives byte-identical files and clean diffs on GitHub Pages.

URLs: a ``url_of``/``site_url_of`` callable gets a page path *inside the
kawasan* (``""`` for Beranda, ``"rencana/<id>"`` for a project) and returns
its URL, or ``None`` when the site has no public address.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin

from ...plan.figures import Totals, amount_sought, kawasan_totals, phases, project_money, total_money
from ...plan.history.commits import PlanHistory
from ...plan.model import Coordinates, Plan, Project
from ...plan.vocabulary import PROJECT_STATUSES
from ..pages.history import history_rows
from ..sources.communities import FORMAT_KAWASAN, Community
from ..sources.community_summary import ProjectFigures, Summary

FORMAT_PORTAL = "plpbk-portal"
VERSION = 1
DATA_FILE = "data.json"
PLAN_CSV = "rencana.csv"
GEOJSON_FILE = "kawasan.geojson"
MATRIX_FILE = "rencana-investasi.xlsx"
"""The plan as the investment-matrix workbook (the form of ``plpbk template``)."""

CSV_COLUMNS = (
    "id", "title", "sector", "aspect", "status", "progress", "cost", "secured", "pledged", "gap", "start", "end",
    "volume", "unit", "place", "years", "planned",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PageUrl = Callable[[str], str | None]
"""Page path inside a kawasan ("" = Beranda, "rencana/<id>") → its URL, or ``None``."""
PlanPageUrl = Callable[[Plan, str], str | None]
"""The same for any kawasan of a portal."""


# --- JSON -------------------------------------------------------------------------------------


def json_bytes(data: Any) -> bytes:
    """UTF-8 JSON, indented, keys sorted, Indonesian text unescaped, with a trailing newline."""
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")


def project_url(project: Project) -> str:
    """The page path of a project inside its kawasan."""
    return f"rencana/{project.id}"


def project_row(project: Project, url: str | None) -> dict[str, Any]:
    """One project as an open-data record (figures from :func:`figures.project_money`)."""
    money = project_money(project)
    return {
        "id": project.id,
        "title": project.title,
        "sector": project.sector,
        "aspect": project.aspect,
        "status": project.status,
        "progress": project.progress,
        **money.as_dict(),
        "start": project.start,
        "end": project.end,
        "volume": project.volume.amount if project.volume else None,
        "unit": project.volume.unit if project.volume else None,
        "place": project.place,
        "years": sorted({phase.year for phase in phases(project) if phase.year is not None}),
        "url": url,
    }


def totals_dict(totals: Totals) -> dict[str, Any]:
    """A kawasan's totals as JSON: money (gap = sum of project gaps), swadaya share, project counts."""
    share = totals.swadaya_share
    return {
        **totals.money.as_dict(),
        "swadaya_share": None if share is None else round(share, 4),
        "projects": totals.project_count,
        "projects_by_status": {status: totals.projects_by_status.get(status, 0) for status in PROJECT_STATUSES},
    }


def kawasan_data(
    plan: Plan, *, site_url_of: PageUrl, history: PlanHistory | None = None, commit_url_of: PageUrl = lambda sha: None,
    feed: Mapping[str, str | None] | None = None,
) -> dict[str, Any]:
    """The content of ``<slug>/data.json``: the whole plan, per-project figures, totals and calls; the date of
    the last change and the figures after each change when the site is built from its Git history; the news
    feed beside it (see :func:`feed_announcement`), or ``None`` when the kawasan has none."""
    k = plan.kawasan
    return {
        "format": FORMAT_KAWASAN,
        "version": VERSION,
        "slug": plan.slug,
        "url": site_url_of(""),
        "kawasan": k.model_dump(mode="json", by_alias=True, exclude_none=True),
        "projects": [project_row(p, site_url_of(project_url(p))) for p in k.projects],
        "totals": totals_dict(kawasan_totals(k)),
        "calls": [
            {
                "id": call.id,
                "title": call.title,
                "projects": list(call.projects),
                "amount_sought": amount_sought(call, k),
                "deadline": call.deadline,
            }
            for call in k.calls
        ],
        "last_updated": history.last_updated.isoformat() if history and history.last_updated else None,
        "history": history_rows(history, commit_url_of),
        "feed": feed,
    }


def feed_announcement(url: str | None, feed: bytes | None) -> dict[str, str | None] | None:
    """What data.json says of the feed beside it: its address and a hash of its bytes, so that a portal
    gathering this kawasan fetches the feed only when it changed (``None``: no feed)."""
    if feed is None:
        return None
    return {"url": url, "sha256": hashlib.sha256(feed).hexdigest()}


def _sum_totals(all_totals: Sequence[Totals]) -> dict[str, Any]:
    """Totals over several kawasan: sums of the kawasan figures (gap = sum of their gaps)."""
    money = total_money(t.money for t in all_totals)
    swadaya = sum(t.secured_by_source.get("swadaya", 0) for t in all_totals)
    return {
        **money.as_dict(),
        "swadaya_share": round(swadaya / money.secured, 4) if money.secured else None,
        "projects": sum(t.project_count for t in all_totals),
        "projects_by_status": {s: sum(t.projects_by_status.get(s, 0) for t in all_totals) for s in PROJECT_STATUSES},
        "kawasan": len(all_totals),
    }


def portal_data(plans: Sequence[Plan], *, site_url_of: PlanPageUrl, communities: Sequence[Community] = ()) -> dict[str, Any]:
    """The content of the portal's ``/data.json``: every kawasan with its totals, and the grand totals.

    ``data`` is the address of each kawasan's own data.json (beside its Beranda); a kawasan
    gathered from a community's site also says when the portal last ``refreshed`` it.
    """
    entries = []
    all_totals = []
    for plan in plans:
        k = plan.kawasan
        totals = kawasan_totals(k)
        all_totals.append(totals)
        home = site_url_of(plan, "")
        entries.append(
            {
                "slug": plan.slug,
                "name": k.name,
                "tagline": k.tagline,
                "city": k.location.city,
                "province": k.location.province,
                "url": home,
                "data": urljoin(home, DATA_FILE) if home else None,
                "totals": totals_dict(totals),
            }
        )
    for community in communities:
        summary = community.kawasan
        totals = community.totals
        all_totals.append(totals)
        entries.append(
            {
                "slug": community.slug,
                "name": summary.name,
                "tagline": summary.tagline,
                "city": summary.location.city,
                "province": summary.location.province,
                "url": community.home,
                "data": community.source,
                "refreshed": community.refreshed.date().isoformat(),
                "totals": totals_dict(totals),
            }
        )
    return {"format": FORMAT_PORTAL, "version": VERSION, "kawasan": entries, "totals": _sum_totals(all_totals)}


# --- CSV --------------------------------------------------------------------------------------


def _cell(value: Any) -> Any:
    """A CSV cell: empty for ``None``; text that a spreadsheet would run as a formula gets a leading '."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_file(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A CSV file as partners' spreadsheets open it: UTF-8 with BOM, CRLF, cells that cannot run as formulas."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def rencana_csv(plans_or_plan: Plan | Iterable[Plan | Community]) -> bytes:
    """``rencana.csv``: one row per project, UTF-8 with BOM (for Excel) and CRLF line ends.

    One plan: the columns of :data:`CSV_COLUMNS`. Several plans (the portal): a
    leading ``kawasan`` column with the slug.
    """
    portal = not isinstance(plans_or_plan, Plan)
    plans: list[Plan | Community] = [plans_or_plan] if isinstance(plans_or_plan, Plan) else list(plans_or_plan)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((("kawasan",) if portal else ()) + CSV_COLUMNS)
    for plan in plans:
        for project in plan.kawasan.projects:  # a gathered kawasan's summary has its projects' figures
            row = vars(project) if isinstance(project, ProjectFigures) else project_row(project, None)
            row = {**row, "years": " ".join(map(str, row["years"]))}
            cells = [row[column] for column in CSV_COLUMNS]
            writer.writerow([_cell(v) for v in ([plan.slug] if portal else []) + cells])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- GeoJSON ----------------------------------------------------------------------------------


def _position(point: Coordinates) -> list[float]:
    """RFC 7946 position: ``[lon, lat]``, 6 decimals (about 10 cm)."""
    return [round(float(point.lon), 6), round(float(point.lat), 6)]


def _round_coordinates(value: Any) -> Any:
    if isinstance(value, list):
        return [_round_coordinates(v) for v in value]
    return round(float(value), 6)


def _point(position: list[float], properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": position}, "properties": properties}


def kawasan_feature(plan: Plan | Community, url: str | None) -> dict[str, Any] | None:
    """The kawasan's centre as a Point feature, or ``None`` without coordinates."""
    k = plan.kawasan
    if k.location.coordinates is None:
        return None
    properties = {
        "kind": "kawasan",
        "slug": plan.slug,
        "name": k.name,
        "tagline": k.tagline,
        "url": url,
        "totals": totals_dict(k.totals if isinstance(k, Summary) else kawasan_totals(k)),
    }
    return _point(_position(k.location.coordinates), properties)


def kawasan_geojson(plan: Plan, *, url_of: PageUrl) -> dict[str, Any]:
    """``kawasan.geojson``: the boundary (if any), the kawasan centre and every located project.

    Order: boundary, centre, projects (plan order), so markers draw above the area.
    """
    features: list[dict[str, Any]] = []
    if plan.boundary:
        geometry = {"type": plan.boundary["type"], "coordinates": _round_coordinates(plan.boundary["coordinates"])}
        features.append(
            {"type": "Feature", "geometry": geometry, "properties": {"kind": "boundary", "name": plan.kawasan.name, "url": url_of("")}}
        )
    centre = kawasan_feature(plan, url_of(""))
    if centre:
        features.append(centre)
    for project in plan.kawasan.projects:
        if project.location is None:
            continue
        money = project_money(project)
        properties = {
            "kind": "project",
            "id": project.id,
            "title": project.title,
            "status": project.status,
            "sector": project.sector,
            "cost": money.cost,
            "secured": money.secured,
            "gap": money.gap,
            "url": url_of(project_url(project)),
        }
        features.append(_point(_position(project.location), properties))
    return {"type": "FeatureCollection", "features": features}


def portal_geojson(plans: Sequence[Plan | Community], *, url_of: Callable[[Any, str], str | None]) -> dict[str, Any]:
    """Every kawasan that has coordinates, as a Point (for the portal map)."""
    features = [kawasan_feature(plan, url_of(plan, "")) for plan in plans]
    return {"type": "FeatureCollection", "features": [f for f in features if f]}
