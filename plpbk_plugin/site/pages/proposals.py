"""What the proposal PDFs of a kawasan say: documents rendered from ``templates/plpbk/proposal/``.

The site's ``overrides/plpbk/proposal/…`` win, as for every fragment. The PDFs are printed by
``media.proposal``; here they are only written, one set per language of the site (an English page links
the English proposal, printed with the English headings and labels and the plan's English text where
``kawasan.en.yml`` gives it).
"""

from __future__ import annotations

import base64
import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from markupsafe import Markup
from pydantic import BaseModel

from ...media.proposal import Proposal
from ...plan.figures import amount_sought, total_money
from ...plan.labels import label
from ...plan.model import Call, Document, Kawasan, Project
from ...plan.reading.overlays import Fallback
from .page_specs import projects_with_gap
from .template_context import place

if TYPE_CHECKING:
    from .microsite import Microsite

TOP_NEEDS = 12  # what partners could bring besides money: the first few, from the largest gaps down
BRIEF = 800
"""The longest text a proposal quotes from the plan; the rest is on the site its QR code opens.
It also bounds the printer's work: a plan of very long texts would otherwise take minutes per PDF."""

M = TypeVar("M", bound=BaseModel)


def brief(model: M) -> M:
    """``model`` with every text of over :data:`BRIEF` characters cut at a word, with an ellipsis."""
    update: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        shorter = _brief_value(value)
        if shorter is not value:
            update[name] = shorter
    return model.model_copy(update=update) if update else model


def _brief_value(value: Any) -> Any:
    if isinstance(value, str) and len(value) > BRIEF:
        shorter = value[:BRIEF].rsplit(" ", 1)[0].rstrip() + " …"
        return Fallback(shorter) if isinstance(value, Fallback) else shorter  # an untranslated text stays marked
    if isinstance(value, BaseModel):
        return brief(value)
    if isinstance(value, list):
        items = [_brief_value(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value)) else value
    return value


def proposals(site: Microsite) -> dict[str, Proposal]:
    """The kawasan's proposal and one per call, by site-relative URL."""
    kawasan = brief(site.kawasan)  # what every proposal of the microsite quotes of the plan
    found = {site.proposal_url(): kawasan_proposal(site, kawasan)}
    for call in site.kawasan.calls:
        found[site.proposal_url(call)] = call_proposal(site, kawasan, call)
    return found


def kawasan_proposal(site: Microsite, kawasan: Kawasan) -> Proposal:
    """The kawasan's profile and proposal: the idea, figures, every project's gap, open calls, partners, policy."""
    with_gap = projects_with_gap(site)
    context = {
        **_common(site, kawasan, site.url(), site.translator.gettext("Profile and partnership proposal")),
        "doc_title": kawasan.name,
        "call": None,
        "needs": [_brief_value(need) for need in _needs(with_gap)],
        "open_calls": [
            {"call": brief(call), "sought": amount_sought(call, site.kawasan), "url": site.absolute_url("kemitraan", call.id)} for call in site.open_calls
        ],
    }
    return _proposal(site, "plpbk/proposal/kawasan.html", context)


def call_proposal(site: Microsite, kawasan: Kawasan, call: Call) -> Proposal:
    """One call's proposal: the ask, the idea, its projects with every funding line, the gap, the BKM."""
    projects = site.call_projects(call)
    quoted = brief(call)
    context = {
        **_common(site, kawasan, site.url("kemitraan", call.id), site.translator.gettext("Partnership proposal")),
        "doc_title": quoted.title,
        "call": quoted,
        "closed": call not in site.open_calls,
        "sought": amount_sought(call, site.kawasan),
        "projects": [brief(project) for project in projects],
        "call_money": total_money(site.money[p.id] for p in projects),
        "c": site.contact_for(call=call),
    }
    return _proposal(site, "plpbk/proposal/ajakan.html", context)


def _common(site: Microsite, kawasan: Kawasan, target: str, eyebrow: str) -> dict[str, Any]:
    t, urls = site.translator, site.settings.urls
    url = urls.absolute(target) or target
    caption = t.gettext("Scan to open this call on the website") if target != site.url() else t.gettext("Scan to open the website")
    return {
        "kawasan": kawasan,
        "totals": site.totals,
        "money": site.money,
        "place": place(site.kawasan),
        "eyebrow": eyebrow,
        "prepared": prepared(site),
        "site_home": urls.absolute(site.url()) or site.url(),
        "cover": None,
        "c": site.contact_for(),
        "md": site.settings.renderer.markdown(site.settings.markdown),
        "label": lambda table, value: label(t, table, value),
        "document": lambda doc: _document(site, doc),
        "qr": {"url": url, "caption": caption, "svg": Markup(site.settings.qr_codes.svg(url, title=t.gettext("QR code to %(url)s") % {"url": url}))},
    }


def prepared(site: Microsite) -> dt.date:
    """The date a proposal says it was prepared: the plan's last change (from Git), else the build date.

    A proposal of an unchanged plan then stays the same file from day to day (and in the cache).
    """
    changed = site.history.last_updated if site.history else None
    return changed or site.settings.today


def _proposal(site: Microsite, template: str, context: dict[str, Any]) -> Proposal:
    context["cover"] = _data_url(print_photo(site))
    return Proposal(html=site.settings.renderer.render(template, context))


def print_photo(site: Microsite) -> Path | None:
    """The kawasan's photo at print size (a cached JPEG variant), for the proposals' cover."""
    hero = site.hero_file()
    return site.print_photos.get(hero) if hero else None


@lru_cache(maxsize=64)
def _data_url(photo: Path | None) -> str | None:
    """A cached print-size photo as a ``data:`` URL (every proposal of a kawasan shows the same one)."""
    if photo is None:
        return None
    kind = "image/png" if photo.suffix.lower() == ".png" else "image/jpeg"
    return f"data:{kind};base64,{base64.b64encode(photo.read_bytes()).decode()}"


def _document(site: Microsite, doc: Document) -> dict[str, str | None]:
    """A supporting document's absolute address (a partner reads the PDF away from the site) and size."""
    info = site.document(doc)
    url = doc.url or (site.settings.urls.absolute(info["url"]) if info["url"] else None)
    return {"url": url, "size": info["size"]}


def _needs(projects: list[Project]) -> list[str]:
    """Everything the projects say partners could bring besides money, once each, the first few."""
    return list(dict.fromkeys(need for project in projects for need in project.needs))[:TOP_NEEDS]
