"""The form editor at ``/admin/``: Sveltia CMS, configured from the plan model.

:func:`cms_config` walks :mod:`plpbk_plugin.plan.model` (the source of the JSON Schema and of
the field reference too): every field becomes a form field with the model's Indonesian title as
its label and its description as the hint; lists of objects become repeatable groups, enums
selects with their visitor-facing names, dates date pickers, files uploads into the kawasan's
own ``photos/``, ``logos/`` or ``documents/`` folder. Collections: every ``kawasan.yml`` (one
entry per kawasan folder), the translation overlays ``kawasan.<lang>.yml`` of the site's other
languages (their text fields only, as :mod:`plpbk_plugin.plan.reading.overlays` allows), and the news
posts of each kawasan.

Sveltia CMS (vendored under ``assets/plpbk/cms/``) runs in the editor's browser and commits to
the GitHub repository with the editor's own access token: no server of ours is involved. Why
Sveltia and not Decap CMS: README.md, section "Form editor".
"""

from __future__ import annotations

import html
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, TypeAdapter

from ...i18n import Translator, language_name
from ...plan import fields as f
from ...plan import model as m
from ...plan.labels import table_of
from ...plan.reading.attachments import DOCUMENT_EXTENSIONS, FILE_FIELDS, Limits
from ...plan.reading.overlays import KEYED_LISTS, slots
from ...plan.walk import bounds, model_fields, strip_optional
from .repository import github_repo, relative_to_repository, repository_root

CMS_DIR = "assets/plpbk/cms"
"""Where the vendored CMS lives in the package's assets, and in the built site."""
CMS_SCRIPT = f"{CMS_DIR}/sveltia-cms.js"
FILE_KINDS = dict(FILE_FIELDS)
MEDIA_FOLDERS = {"photo": "photos", "logo": "logos", "document": "documents"}
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-three", "quote", "bulleted-list", "numbered-list"]
SUMMARY_KEYS = ("title", "name", "source", "date", "file")
"""The subfield that names a collapsed list item, first found first."""
PHOTO_SIZE = 2400
"""Uploaded photos are scaled down in the browser to at most this many pixels a side (as WebP)."""


@dataclass(frozen=True)
class FormSite:
    """What the form editor needs to know of a site."""

    repo: str
    """The GitHub repository, ``owner/name``."""
    plans_path: str
    """The plans folder from the repository root, e.g. ``plans`` or ``situs/plans``."""
    kawasan: tuple[tuple[str, str], ...]
    """``(slug, name)`` of each kawasan: each gets its news collection."""
    languages: tuple[str, ...] = ("id",)
    site_name: str = ""
    site_url: str = ""
    single: bool = False
    """One kawasan is the whole site: the form then offers no new kawasan."""


def form_site(
    repo_url: str | None,
    site_root: Path,
    plans_dir: Path,
    kawasan: Sequence[tuple[str, str]],
    *,
    languages: Sequence[str] = ("id",),
    site_name: str = "",
    site_url: str = "",
    single: bool = False,
) -> FormSite | None:
    """The form editor of a site whose ``repo_url`` is a GitHub repository holding ``plans_dir``, else ``None``.

    ``site_root`` is the folder of mkdocs.yml: the plans' path starts from the top of its Git work
    tree, or from the site's folder outside Git.
    """
    repo = github_repo(repo_url)
    plans_path = relative_to_repository(plans_dir, repository_root(site_root)) if repo else None
    if repo is None or plans_path is None:
        return None
    return FormSite(repo, plans_path, tuple(kawasan), tuple(languages), site_name, site_url, single)


def admin_files(site: FormSite, t: Translator) -> dict[str, str]:
    """The editor's two files in the built site: ``admin/index.html`` and ``admin/config.yml``."""
    return {
        "admin/index.html": admin_page(site, t, f"../{CMS_SCRIPT}"),
        "admin/config.yml": config_yaml(cms_config(site, t)),
    }


def cms_config(site: FormSite, t: Translator) -> dict[str, Any]:
    """The CMS configuration (``admin/config.yml``) of a site."""
    _ = t.gettext
    collections = [_plans_collection(site, t)]
    collections += [_overlay_collection(site, lang, t) for lang in site.languages[1:]]
    collections += [_news_collection(site, slug, name, t) for slug, name in site.kawasan]
    config: dict[str, Any] = {
        "backend": {
            "name": "github",
            "repo": site.repo,
            "auth_methods": ["token"],  # an access token: no OAuth server of ours to run
            "commit_messages": {
                "create": _("Add {{collection}} “{{slug}}”"),
                "update": _("Update {{collection}} “{{slug}}”"),
                "delete": _("Delete {{collection}} “{{slug}}”"),
                "uploadMedia": _("Upload “{{path}}”"),
                "deleteMedia": _("Delete “{{path}}”"),
            },
        },
        "app_title": _title(site, t),
        "media_folder": site.plans_path,
        "public_folder": "/" + site.plans_path,
        "media_libraries": {
            "default": {
                "config": {
                    "max_file_size": Limits().max_document_bytes,
                    "slugify_filename": True,  # a name without spaces or `:`, as plans require
                    "transformations": {
                        "raster_image": {"format": "webp", "quality": 85, "width": PHOTO_SIZE, "height": PHOTO_SIZE}
                    },
                }
            },
            "stock_assets": {"providers": []},
        },
        "slug": {"encoding": "ascii", "clean_accents": True},
        "output": {"omit_empty_optional_fields": True},
        "editor": {"preview": False},
        "collections": collections,
    }
    if site.site_url:
        config["site_url"] = site.site_url
    return config


def config_yaml(config: dict[str, Any]) -> str:
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)


def admin_page(site: FormSite, t: Translator, script_url: str) -> str:
    """``admin/index.html``: the CMS's script from the site itself; the CMS reads ``config.yml`` beside the page."""
    _ = t.gettext
    title = html.escape(_title(site, t))
    noscript = html.escape(_("The plan editor needs JavaScript. Turn it on, or edit the plans on GitHub."))
    return (
        "<!doctype html>\n"
        f'<html lang="{t.lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{title}</title>\n"
        '<link rel="icon" href="../assets/images/favicon.png">\n'
        "</head>\n<body>\n"
        f"<noscript><p>{noscript}</p></noscript>\n"
        f'<script src="{html.escape(script_url)}"></script>\n'
        "</body>\n</html>\n"
    )


def _title(site: FormSite, t: Translator) -> str:
    """The editor's name on its sign-in screen and in the browser's tab."""
    if site.site_name:
        return t.gettext("%(site)s: plan editor") % {"site": site.site_name}
    return t.gettext("Plan editor")


# --- collections ---------------------------------------------------------------------------


def _plans_collection(site: FormSite, t: Translator) -> dict[str, Any]:
    _ = t.gettext
    return {
        "name": "rencana",
        "label": _("Kawasan plans"),
        "label_singular": _("Kawasan plan"),
        "description": _("Each kawasan's plans/<slug>/kawasan.yml: profile, idea, projects, funding, calls, partners."),
        "icon": "map",
        "folder": site.plans_path,
        "path": "{{slug}}/kawasan",
        "extension": "yml",
        "format": "yml",
        "identifier_field": "name",
        "summary": "{{name}}",
        "slug": {
            "template": "{{name}}",
            "editable": ["create"],
            "hint": _("The kawasan's folder and web address: lowercase letters, digits and hyphens."),
            "pattern": [_pattern(f.Slug), _("Use lowercase letters, digits and hyphens, e.g. tambak-sari.")],
        },
        "create": not site.single,
        "delete": False,
        "media_folder": MEDIA_FOLDERS["photo"],  # relative to the entry: plans/<slug>/photos
        "public_folder": MEDIA_FOLDERS["photo"],
        "fields": form_fields(m.Kawasan, t),
    }


def _overlay_collection(site: FormSite, lang: str, t: Translator) -> dict[str, Any]:
    _ = t.gettext
    language = language_name(lang)
    return {
        "name": f"terjemahan-{lang}",
        "label": _("Translation (%(language)s)") % {"language": language},
        "label_singular": _("Translation (%(language)s)") % {"language": language},
        "description": _(
            "plans/<slug>/kawasan.%(lang)s.yml: the plan's text in %(language)s. Projects and calls are matched by "
            "their id; what is left empty shows in the plan's own language."
        ) % {"lang": lang, "language": language},
        "icon": "translate",
        "folder": site.plans_path,
        "path": "{{slug}}/kawasan." + lang,
        "extension": "yml",
        "format": "yml",
        "identifier_field": "name",
        "summary": "{{dirname}}",
        "slug": {
            "template": "{{name}}",
            "editable": ["create"],
            "hint": _("The folder of the kawasan this translates, e.g. tambak-sari."),
            "pattern": [_pattern(f.Slug), _("Use lowercase letters, digits and hyphens, e.g. tambak-sari.")],
        },
        "fields": overlay_fields(m.Kawasan, t),
    }


def _news_collection(site: FormSite, slug: str, name: str, t: Translator) -> dict[str, Any]:
    _ = t.gettext
    folder = f"{site.plans_path}/{slug}"
    return {
        "name": f"kabar-{slug}",
        "label": _("News") if site.single else _("News: %(kawasan)s") % {"kawasan": name},
        "label_singular": _("News post"),
        "description": _("%(folder)s/news/: dated news posts, newest first on the site.") % {"folder": folder},
        "icon": "campaign",
        "folder": f"{folder}/news",
        "extension": "md",
        "format": "frontmatter",
        "identifier_field": "title",
        "slug": "{{year}}-{{month}}-{{day}}-{{slug}}",
        "media_folder": f"/{folder}/{MEDIA_FOLDERS['photo']}",
        "public_folder": MEDIA_FOLDERS["photo"],
        "sortable_fields": {"fields": ["date", "title"], "default": {"field": "date", "direction": "descending"}},
        "fields": [
            *form_fields(m.NewsPost, t),
            {"name": "body", "label": _("Text of the post"), "widget": "markdown", **_markdown_options()},
        ],
    }


# --- fields ---------------------------------------------------------------------------------


def form_fields(model: type[BaseModel], t: Translator, prefix: str = "") -> list[dict[str, Any]]:
    """A form field for every field of ``model``, in the order of the model (and of kawasan.yml)."""
    out = []
    for key, hint, info in model_fields(model):
        field: dict[str, Any] = {"name": key, "label": info.title or key}
        field.update(_widget(hint, f"{prefix}{key}", t))
        if info.description:
            field["hint"] = info.description
        if not info.is_required():
            field["required"] = False
            if isinstance(info.default, str):
                field["default"] = info.default
        out.append(field)
    return out


def overlay_fields(model: type[BaseModel], t: Translator, prefix: str = "") -> list[dict[str, Any]]:
    """The translatable fields of ``model``, all optional; projects and calls keep their ``id``."""
    infos = {key: (hint, info) for key, hint, info in model_fields(model)}
    out = []
    for key, slot in slots(model).items():
        hint, info = infos[key]
        field: dict[str, Any] = {"name": key, "label": info.title or key, "required": False}
        if slot.kind == "text":
            field.update(_widget(hint, prefix + key, t))
        elif slot.kind == "texts":
            field.update(_text_list(info.title or key))
        elif slot.kind == "object" and slot.model is not None:
            field.update({"widget": "object", "fields": overlay_fields(slot.model, t, f"{prefix}{key}.")})
        elif slot.model is not None:
            items = overlay_fields(slot.model, t, f"{prefix}{key}[].")
            if key in KEYED_LISTS:
                id_info = slot.model.model_fields["id"]
                items.insert(0, {"name": "id", "label": id_info.title or "id", **_widget(f.Slug, "", t),
                                 "hint": t.gettext("The id of the item in kawasan.yml that this translates.")})
            field.update({"widget": "list", "collapsed": "auto", "fields": items, **_summary(items)})
        if info.description:
            field["hint"] = info.description
        out.append(field)
    return out


def _widget(hint: Any, path: str, t: Translator) -> dict[str, Any]:
    """The widget and its options for a field of type ``hint`` at ``path`` (``projects[].cost``)."""
    hint = strip_optional(hint)
    named = _named_widget(hint, path, t)
    if named is not None:
        return named
    origin = typing.get_origin(hint)
    if origin is Literal:
        return {"widget": "select", "options": _options(typing.get_args(hint), t)}
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return {"widget": "object", "fields": form_fields(hint, t, f"{path}.")}
    if origin is typing.Annotated:
        base, *metadata = typing.get_args(hint)
        limits = bounds(metadata)
        widget = _widget(base, path, t)
        if widget["widget"] == "list" and "min_length" in limits:
            widget["min"] = limits["min_length"]
        elif widget["widget"] == "number":
            widget.update({option: limits[key] for key, option in (("ge", "min"), ("le", "max")) if key in limits})
        elif widget["widget"] == "string" and "max_length" in limits:
            widget["maxlength"] = limits["max_length"]
        return widget
    if origin is list:
        item = strip_optional(typing.get_args(hint)[0])
        if typing.get_origin(item) is Literal:
            return {"widget": "select", "multiple": True, "options": _options(typing.get_args(item), t)}
        if isinstance(item, type) and issubclass(item, BaseModel):
            items = form_fields(item, t, f"{path}[].")
            return {"widget": "list", "collapsed": "auto", "fields": items, **_summary(items)}
        return {"widget": "list", "field": {"name": "item", **_widget(item, f"{path}[]", t)}}
    if hint is int:
        return {"widget": "number", "value_type": "int"}
    if hint is str:
        return {"widget": "string"}
    raise TypeError(f"The form editor has no widget for `{path}` ({hint!r}): teach plpbk_plugin/site/editor/admin.py.")


def _named_widget(hint: Any, path: str, t: Translator) -> dict[str, Any] | None:
    """The widget of one of the plan's named field types (``plan/fields.py``), or ``None``."""
    _ = t.gettext
    if hint == f.Markdown:
        return {"widget": "markdown", **_markdown_options()}
    if hint == f.Text:
        return {"widget": "string"}
    if hint == f.Slug:
        return {"widget": "string", "pattern": [_pattern(f.Slug), _("Use lowercase letters, digits and hyphens.")]}
    if hint in (f.Rupiah, f.Count):
        widget = {"widget": "number", "value_type": "int", "min": 0}
        return {**widget, "before_input": "Rp"} if hint == f.Rupiah else widget
    if hint == f.Number:
        return {"widget": "number", "value_type": "float"}
    if hint == f.PartialDate:
        return {"widget": "string", "pattern": [_pattern(f.PartialDate), _("A date such as 2027-03-31, 2027-03 or 2027.")]}
    if hint == f.FullDate:
        return {"widget": "datetime", "type": "date", "format": "YYYY-MM-DD"}
    if hint == f.Url:
        return {"widget": "string", "type": "url", "pattern": [_pattern(f.Url), _("A web address starting with https://.")]}
    if hint == f.Email:
        return {"widget": "string", "type": "email"}
    if hint == f.Phone:
        return {"widget": "string", "pattern": [_pattern(f.Phone), _("A number such as 0812 3456 7890.")]}
    if hint == f.FileRef:
        return _file_widget(FILE_KINDS.get(path, "photo"))
    return None


def _file_widget(kind: str) -> dict[str, Any]:
    """An upload into the kawasan's folder for its kind: photos (the collection's), logos, documents."""
    if kind == "document":
        accept = ",".join(sorted(DOCUMENT_EXTENSIONS))
        return {"widget": "file", "accept": accept, "media_folder": "documents", "public_folder": "documents"}
    widget: dict[str, Any] = {"widget": "image", "accept": "image/*"}
    if kind != "photo":
        widget.update({"media_folder": MEDIA_FOLDERS[kind], "public_folder": MEDIA_FOLDERS[kind]})
    return widget


def _markdown_options() -> dict[str, Any]:
    """Text formatting only: an image inside Markdown would not go through the site's photo pipeline."""
    return {"buttons": MARKDOWN_BUTTONS, "editor_components": [], "linked_images": False}


def _text_list(label: str) -> dict[str, Any]:
    return {"widget": "list", "field": {"name": "item", "label": label, "widget": "string"}}


def _summary(items: list[dict[str, Any]]) -> dict[str, Any]:
    """How a collapsed item reads: its title or name (and its photo as a thumbnail)."""
    names = [item["name"] for item in items]
    key = next((name for name in SUMMARY_KEYS if name in names), names[0])
    found: dict[str, Any] = {"summary": "{{fields." + key + "}}"}
    image = next((item["name"] for item in items if item.get("widget") == "image"), None)
    if image:
        found["thumbnail"] = image
    return found


def _options(values: Iterable[str], t: Translator) -> list[dict[str, str]]:
    """Select options: the value's name for visitors, and the value as written in kawasan.yml."""
    values = list(values)
    names = table_of(values) or {}
    return [
        {"label": f"{t.gettext(names[value])} ({value})" if value in names else value, "value": value}
        for value in values
    ]


def _pattern(kind: Any) -> str:
    """The regular expression of a named type, from its JSON Schema (one source with the validator)."""
    return str(TypeAdapter(kind).json_schema()["pattern"])
