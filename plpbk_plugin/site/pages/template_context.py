"""What the templates of a kawasan's pages see: the names every body template and partial can use."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ...media.images import Picture
from ...plan.figures import amount_sought
from ...plan.labels import label
from ...plan.model import Kawasan
from ...plan.vocabulary import SECTORS
from ..settings import market_path
from ..specs import NavItem
from ..urls import Urls
from .history import updated
from .microsite import Microsite


def template_context(site: Microsite, here: str) -> dict[str, Any]:
    """The context of every page of the microsite, at the site-relative URL ``here``."""
    t, settings = site.translator, site.settings
    return {
        "kawasan": site.kawasan,
        "plan": site.plan,
        "microsite": site,
        "k": site.kawasan,  # the names of plpbk 0.1, kept for sites' template overrides
        "pages": site,
        "totals": site.totals,
        "money": site.money,
        "here": here,
        "nav": nav(site),
        "open_calls": site.open_calls,
        "gallery": site.gallery,
        "contact": site.contact_for(),
        "place": place(site.kawasan),
        "sectors": SECTORS,
        "label": lambda table, value: label(t, table, value),
        "link": lambda to: settings.urls.relative(here, to),
        "picture": lambda file, **kw: picture(site, here, file, **kw),
        "md": settings.renderer.markdown(settings.markdown),
        "site": settings,
        "amount_sought": lambda call: amount_sought(call, site.kawasan),
        "issue_link": site.issue_link,
        "project_by_id": site.project_by_id,
        "map": None,
        "updated": updated(site.history, t, site.url("riwayat") if site.has("riwayat") else None),
        "market_url": settings.urls.page(market_path(t.lang, settings.languages)) if site.home else None,
    }


def nav(site: Microsite) -> list[NavItem]:
    """The microsite's own navigation."""
    _ = site.translator.gettext
    entries = [
        ("beranda", _("Home"), ()),
        ("gagasan", _("The idea"), ("gagasan",)),
        ("rencana", _("Projects"), ("rencana",)),
        ("kemitraan", _("Partnership"), ("kemitraan",)),
        ("kabar", _("News"), ("kabar",)),
        ("dokumen", _("Documents"), ("dokumen",)),
        ("galeri", _("Gallery"), ("galeri",)),
        ("riwayat", _("History"), ("riwayat",)),
    ]
    return [NavItem(text, site.url(*parts), kind) for kind, text, parts in entries if site.has(kind)]


def place(kawasan: Kawasan) -> str:
    """Kelurahan, kecamatan, city and province, as a line."""
    loc = kawasan.location
    return ", ".join((loc.kelurahan, loc.kecamatan, loc.city, loc.province))


def picture(site: Microsite, here: str, file: str | Path, **options: Any) -> dict[str, Any] | None:
    """What the picture fragment needs for one plan photo, or ``None`` if it is not published."""
    path = file if isinstance(file, Path) else site.file(file)
    return picture_context(site.pictures, site.settings.urls, here, path, **options)


def picture_context(
    pictures: Mapping[Path, Picture], urls: Urls, here: str, file: Path, **options: Any
) -> dict[str, Any] | None:
    """What ``partials/picture.html`` needs for a published photo, or ``None`` if it is not published."""
    pic = pictures.get(file)
    if pic is None:
        return None
    return {"pic": pic, "prefix": urls.relative(here, "") if here else "", **options}
