"""What a built site must hold: every kawasan's pages and open data, by the plugin's own URL rules.

An engine that ignores plpbk's plugin (Zensical, MkDocs 2), a plugin line deleted from
mkdocs.yml or an indentation slip under ``plugins:`` builds a site without a single kawasan page,
and says nothing. ``plpbk check-site`` compares a built folder with :func:`required_files`
before the folder is published, and :func:`likely_cause` says why files are missing.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..plan.model import Plan
from .opendata.datasets import DATA_FILE
from .settings import Mode, is_single, kawasan_path, kawasan_root, language_prefix
from .specs import join
from .urls import Urls

Kind = Literal["portal", "beranda", "rencana", "proyek", "kemitraan", "data"]
Cause = Literal["not-listed", "not-run", "stale"]
"""Why a built site lacks files: the plugin is not in mkdocs.yml; it is, but did not run (another
engine); or it ran on other plans than these (an older build, files removed after it)."""


@dataclass(frozen=True)
class Required:
    """One file a built site must hold."""

    path: str  # relative to the built folder
    kind: Kind
    slug: str | None = None  # the kawasan's folder; None for the portal's own files
    lang: str = "id"
    project: str = ""  # the id of a project's page


def required_files(plans: Sequence[Plan], languages: Sequence[str], mode: Mode = "auto", gathers: bool = False) -> list[Required]:
    """A portal's home (in every language) and data.json; then each kawasan's Beranda, Rencana,
    project pages and Kemitraan in every language, and its data.json.

    ``gathers``: the site gathers community sites (always a portal, perhaps without plans).
    """
    single = is_single(plans, mode, gathers)
    files = []
    if not single:
        files += [Required(Urls.built_file(language_prefix(lang, languages)), "portal", lang=lang) for lang in languages]
        files.append(Required(DATA_FILE, "data", lang=languages[0]))
    for plan in plans:
        files += _kawasan_files(plan, kawasan_root(plan, single), languages)
    return files


def _kawasan_files(plan: Plan, home: str, languages: Sequence[str]) -> list[Required]:
    files = []
    for lang in languages:
        pages: list[tuple[Kind, tuple[str, ...], str]] = [
            ("beranda", (), ""),
            ("rencana", ("rencana",), ""),
            *(("proyek", ("rencana", project.id), project.id) for project in plan.kawasan.projects),
            ("kemitraan", ("kemitraan",), ""),
        ]
        files += [
            Required(Urls.built_file(kawasan_path(lang, languages, home, *parts)), kind, plan.slug, lang, project)
            for kind, parts, project in pages
        ]
    files.append(Required(join(home, DATA_FILE), "data", plan.slug, languages[0]))  # open data: once, in the first language's place
    return files


def missing_files(required: Sequence[Required], built: Path) -> list[Required]:
    """The required files the built folder lacks."""
    return [item for item in required if not (built / item.path).is_file()]


def likely_cause(required: Sequence[Required], missing: Collection[Required], listed: bool) -> Cause:
    """Why files are missing (``missing`` is not empty): ``listed`` says whether mkdocs.yml lists the plugin.

    Only plpbk writes ``data.json``: none at all means the plugin did not run; some means it ran
    on other plans than those the site has now.
    """
    if not listed:
        return "not-listed"
    if all(item in missing for item in required if item.kind == "data"):
        return "not-run"
    return "stale"
