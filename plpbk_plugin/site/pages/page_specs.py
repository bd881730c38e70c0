"""Which pages a kawasan's microsite has, and what each shows (page specs; no MkDocs here)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ...plan.figures import amount_sought, by_year, phases, total_money, unit_cost
from ...plan.model import Call, Project
from ..opendata.datasets import kawasan_geojson
from ..opendata.jsonld import kawasan_jsonld, project_jsonld
from ..specs import PageSpec, Share, card_url
from .embeds import Embed
from .history import page_context
from .maps import map_context
from .microsite import Microsite
from .progress import timeline
from .template_context import place, template_context

FLYER_CALLS = 3  # the flyer lists the first few open calls and counts the others


def microsite_specs(site: Microsite) -> list[PageSpec]:
    """Every page of the microsite, in the order of its navigation."""
    k = site.kawasan
    specs = [*_plan_specs(site), *(_project_spec(site, project) for project in k.projects), _partnership_spec(site)]
    specs += [_call_spec(site, call) for call in k.calls]
    specs += _more_specs(site)
    flyer = {"qr": flyer_qr(site), "flyer_calls": FLYER_CALLS, "proposal_url": site.settings.urls.absolute(site.proposal_url())}
    specs.append(_spec(site, "cetak", ("cetak",), site.translator.gettext("Flyer") + " · " + k.name, k.tagline, extra=flyer))
    return specs


def _plan_specs(site: Microsite) -> list[PageSpec]:
    """Beranda, Gagasan and Rencana."""
    k, t = site.kawasan, site.translator
    where = map_context(kawasan_geojson(site.plan, url_of=site.url), site.settings.tiles, label=t.gettext("Location"), t=t)
    planned = t.ngettext("%(n)d planned project in %(place)s", "%(n)d planned projects in %(place)s", len(k.projects))
    return [
        _spec(site, "beranda", (), k.name, k.tagline, extra={"map": where}, jsonld=kawasan_jsonld(k, site.absolute_url),
              head=embed_of(site).discovery(site.settings.urls)),
        _spec(site, "gagasan", ("gagasan",), t.gettext("The idea") + " · " + k.name, _first_line(k.transformation.idea)),
        _spec(site, "rencana", ("rencana",), t.gettext("Projects") + " · " + k.name,
              planned % {"n": len(k.projects), "place": place(k)}, extra={"years": by_year(k)}),
    ]


def _partnership_spec(site: Microsite) -> PageSpec:
    """Kemitraan: the open calls, the projects still short of money, the closed calls."""
    k, t = site.kawasan, site.translator
    about = _dot(c.title for c in site.open_calls) or t.gettext("Projects of %(name)s looking for partners") % {"name": k.name}
    extra = {"with_gap": projects_with_gap(site), "closed_calls": [c for c in k.calls if c not in site.open_calls], "embed": embed_of(site)}
    return _spec(site, "kemitraan", ("kemitraan",), t.gettext("Partnership") + " · " + k.name, about, extra=extra)


def _more_specs(site: Microsite) -> list[PageSpec]:
    """Kabar and its posts, Dokumen, Galeri and Riwayat, where they have something to show."""
    k, t, plan = site.kawasan, site.translator, site.plan
    specs = []
    if site.has("kabar"):
        specs.append(_spec(site, "kabar", ("kabar",), t.gettext("News") + " · " + k.name, _first_line(plan.news[0].meta.title)))
        specs += [
            _spec(site, "tulisan", ("kabar", post.slug), post.meta.title, post.meta.summary or _first_line(post.body) or k.tagline,
                  extra={"post": post}, photo=site.file(post.meta.image) if post.meta.image else None)
            for post in plan.news
        ]
    if site.has("dokumen"):
        specs.append(_spec(site, "dokumen", ("dokumen",), t.gettext("Documents") + " · " + k.name,
                           t.gettext("Plans and reports of %(name)s") % {"name": k.name}))
    if site.has("galeri"):
        specs.append(_spec(site, "galeri", ("galeri",), t.gettext("Gallery") + " · " + k.name, t.gettext("Photos of %(name)s") % {"name": k.name}))
    if site.history_view and site.has("riwayat"):
        about = t.gettext("What changed in the plan of %(name)s, and when") % {"name": k.name}
        specs.append(_spec(site, "riwayat", ("riwayat",), t.gettext("History") + " · " + k.name, about, extra=page_context(site.history_view)))
    return specs


def _project_spec(site: Microsite, project: Project) -> PageSpec:
    t, money = site.translator, site.money[project.id]
    photo = site.file(project.photos[0].file) if project.photos else None
    return _spec(
        site,
        "proyek",
        ("rencana", project.id),
        project.title + " · " + site.kawasan.name,
        project.summary,
        extra={"project": project, "m": money, "calls": calls_for(site, project), "phases": phases(project), "unit_cost": unit_cost(project),
               "timeline": timeline(project)},
        figure=(t.gettext("Funding gap"), t.money(money.gap)) if money.gap else (t.gettext("Cost"), t.money(money.cost)),
        photo=photo,
        jsonld=project_jsonld(site.kawasan, project, site.absolute_url),
    )


def _call_spec(site: Microsite, call: Call) -> PageSpec:
    """One call for partnership: what is asked, its projects, how to respond; its own share card."""
    t, projects = site.translator, site.call_projects(call)
    sought = amount_sought(call, site.kawasan)
    return _spec(
        site,
        "ajakan",
        ("kemitraan", call.id),
        call.title + " · " + site.kawasan.name,
        _first_line(call.description) or site.kawasan.tagline,
        extra={
            "call": call,
            "projects": projects,
            "sought": sought,
            "call_money": total_money(site.money[p.id] for p in projects),
            "closed": call not in site.open_calls,
            "embed": embed_of(site, call),
        },
        figure=(t.gettext("Amount sought"), t.money(sought)) if sought else None,
        photo=call_photo(site, call),
        head=embed_of(site, call).discovery(site.settings.urls),
    )


def _spec(
    site: Microsite,
    kind: str,
    parts: tuple[str, ...],
    title: str,
    description: str,
    *,
    extra: Mapping[str, Any] | None = None,
    figure: tuple[str, str] | None = None,
    photo: Path | None = None,
    jsonld: str | None = None,
    head: str = "",
) -> PageSpec:
    """One page of the microsite: its body rendered from ``plpbk/body/<kind>.html``, its share card's text."""
    t, settings = site.translator, site.settings
    path = site.path(*parts)
    if figure is None:
        figure = (t.gettext("Funding gap"), t.money(site.totals.money.gap))
    title, description = str(title), str(description)  # plain text from here on (no Fallback marks)
    alternates = site.urls.alternates(*parts)
    share = Share(title=title, description=description, eyebrow=site.kawasan.name + " · " + site.kawasan.location.city,
                  figure_label=figure[0], figure_value=figure[1], photo=photo or site.hero_file(), card=card_url(path))
    context = {**template_context(site, settings.urls.page(path)), **(extra or {}), "kind": kind, "alternates": alternates}
    body = settings.renderer.render(f"plpbk/body/{kind}.html", context)
    overlay = site.plan.folder / f"kawasan.{t.lang}.yml"
    return PageSpec(
        path=path, kind=kind, title=title, description=description, body=body, share=share, slug=site.plan.slug,
        source=overlay if settings.prefix and overlay.is_file() else site.plan.source,
        jsonld=jsonld, head=head, lang=t.lang, alternates=alternates,
    )


# -- what the pages show of the plan ---------------------------------------------------------------

def embed_of(site: Microsite, call: Call | None = None) -> Embed:
    """The card of the kawasan, or of one of its calls, to embed on another site (``embeds.Embed``)."""
    t, name = site.translator, str(site.kawasan.name)
    if call is None:
        return Embed(site.path(), t.gettext("%(name)s: the plan and its calls for partnership") % {"name": name}, "kawasan")
    return Embed(site.path("kemitraan", call.id), t.gettext("Call for partnership: %(title)s (%(name)s)") % {"title": str(call.title), "name": name}, "call")


def call_photo(site: Microsite, call: Call) -> Path | None:
    """The photo of a call: the first published photo of its projects."""
    photos = (site.file(p.photos[0].file) for p in site.call_projects(call) if p.photos)
    return next((photo for photo in photos if photo in site.pictures), None)


def calls_for(site: Microsite, project: Project) -> list[Call]:
    """The open calls that name a project."""
    return [c for c in site.open_calls if project.id in c.projects]


def projects_with_gap(site: Microsite) -> list[Project]:
    """Projects still short of money, the largest gap first."""
    return sorted((p for p in site.kawasan.projects if site.money[p.id].gap), key=lambda p: -site.money[p.id].gap)


def flyer_qr(site: Microsite) -> dict[str, Any] | None:
    """The flyer's QR code to the kawasan home (needs ``site_url``)."""
    code = site.flyer_code()
    if code is None:
        return None
    target, png = code
    title = site.translator.gettext("QR code to %(url)s") % {"url": target}
    return {"url": target, "svg": Markup(site.settings.qr_codes.svg(target, title=title)), "png": png}


def _first_line(markdown_text: str) -> str:
    """A plain first sentence-ish line of a Markdown text, for descriptions."""
    for line in markdown_text.splitlines():
        line = line.strip().lstrip("#>*- ").strip()
        if line:
            return line[:200]
    return ""


def _dot(items: Iterable[str]) -> str:
    return " · ".join(items)
