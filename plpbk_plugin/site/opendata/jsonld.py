"""schema.org JSON-LD for kawasan and project pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ...plan.figures import project_money
from ...plan.model import Kawasan, Project

AbsoluteUrl = Callable[..., str | None]
"""The absolute URL of a kawasan page from its path parts (``url_of("rencana", id)``), if known."""


def dumps(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/ld+json">``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _place(kawasan: Kawasan) -> dict[str, Any]:
    loc = kawasan.location
    place: dict[str, Any] = {
        "@type": "Place",
        "name": kawasan.name,
        "address": {
            "@type": "PostalAddress",
            "addressLocality": loc.kelurahan + ", " + loc.kecamatan,
            "addressRegion": loc.city + ", " + loc.province,
            "addressCountry": "ID",
        },
    }
    if loc.coordinates:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": loc.coordinates.lat, "longitude": loc.coordinates.lon}
    return place


def _organization(kawasan: Kawasan) -> dict[str, Any]:
    org = kawasan.organization
    data: dict[str, Any] = {"@type": "NGO", "name": org.name, "areaServed": _place(kawasan)}
    if org.contact.email:
        data["email"] = org.contact.email
    if org.contact.phone or org.contact.whatsapp:
        data["telephone"] = org.contact.phone or org.contact.whatsapp
    if org.people:
        data["member"] = [{"@type": "Person", "name": p.name, **({"jobTitle": p.role} if p.role else {})} for p in org.people]
    return data


def _project(kawasan: Kawasan, project: Project, url_of: AbsoluteUrl) -> dict[str, Any]:
    money = project_money(project)
    data: dict[str, Any] = {
        "@type": "Project",
        "name": project.title,
        "description": project.summary,
        "url": url_of("rencana", project.id),
        "location": _place(kawasan),
        "funder": [{"@type": "Organization", "name": line.partner} for line in project.funding if line.partner and line.status != "planned"],
        "additionalProperty": [
            {"@type": "PropertyValue", "name": "status", "value": project.status},
            {"@type": "PropertyValue", "name": "sector", "value": project.sector},
            {"@type": "MonetaryAmount", "name": "cost", "currency": "IDR", "value": money.cost},
            {"@type": "MonetaryAmount", "name": "secured", "currency": "IDR", "value": money.secured},
            {"@type": "MonetaryAmount", "name": "gap", "currency": "IDR", "value": money.gap},
        ],
    }
    if project.start:
        data["startDate"] = project.start
    if project.end:
        data["endDate"] = project.end
    return _without_empty(data)


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, [])}


def kawasan_jsonld(kawasan: Kawasan, url_of: AbsoluteUrl) -> str:
    """The kawasan as a schema.org Place with its organisation and projects."""
    data = {
        "@context": "https://schema.org",
        "@graph": [
            _without_empty({**_place(kawasan), "description": kawasan.tagline, "url": url_of()}),
            _organization(kawasan),
            *(_project(kawasan, p, url_of) for p in kawasan.projects),
        ],
    }
    return dumps(data)


def project_jsonld(kawasan: Kawasan, project: Project, url_of: AbsoluteUrl) -> str:
    """One project with the organisation that runs it."""
    data = {"@context": "https://schema.org", **_project(kawasan, project, url_of), "sponsor": _organization(kawasan)}
    return dumps(data)
