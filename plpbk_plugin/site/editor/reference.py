"""The field reference of ``kawasan.yml``, generated from the model (never copied by hand).

:func:`field_reference_markdown` walks :mod:`plpbk_plugin.model`: one section per
object, in the order an editor meets them in ``kawasan.yml``, each with a table
``kolom | wajib | jenis | arti``; allowed values are listed, nested objects are
linked to their own section. The meanings are the model's Indonesian field
descriptions, the same text the JSON Schema gives to editors' YAML tools, so the
reference, the schema and the validator cannot drift apart.

:func:`reference_file_content` is the whole page (front matter included), for the
MkDocs adapter to add as a generated file; :func:`guide_files` gives it with the other file the
guide takes from the code, the empty investment matrix (``plpbk template``). The page uses Markdown tables and
``{#id}`` heading anchors: the site needs the ``tables`` and ``attr_list``
extensions (both part of Material's recommended setup).

Pure Python: nothing here imports MkDocs.
"""

from __future__ import annotations

import html
import json
import typing
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ...i18n import N_, translator
from ...plan import fields, walk
from ...plan import model as m
from ...plan.matrix.workbook import workbook_bytes
from ...plan.walk import is_list, model_fields, models_in, strip_optional

_WORDS: dict[str, str] = {
    "title": N_("kawasan.yml field reference"),
    "description": N_("Every field of a kawasan plan file: required or not, its type and its meaning."),
    "intro": N_("This page is generated from the plpbk plan model, the same source as the JSON Schema (`plpbk schema`) and the checks of `plpbk validate`; the meanings are written in Indonesian. Keys are written exactly as in the tables. Money is whole rupiah, dates are ISO (`2027-03-31`, `2027-03` or `2027`). Fields of type *Markdown* may use Markdown; other text is shown as written."),
    "field": N_("field"),
    "required": N_("required"),
    "type": N_("type"),
    "meaning": N_("meaning"),
    "yes": N_("yes"),
    "no": N_("no"),
    "at_least": N_("yes, at least {n}"),
    "default": N_("no (default {value})"),
    "used_also": N_("Also used in"),
    "file_kawasan": N_("File: `plans/<slug>/kawasan.yml`; the fields below sit at the top level of the file."),
    "file_news": N_("File: `plans/<slug>/news/*.md`, the front matter between two `---` lines."),
    "news_title": N_("News: news/*.md"),
    "text": N_("text"),
    "markdown": N_("Markdown"),
    "slug": N_("identifier (lowercase letters, digits, hyphens)"),
    "money": N_("rupiah (whole number ≥ 0)"),
    "count": N_("whole number ≥ 0"),
    "integer": N_("whole number"),
    "number": N_("number"),
    "partial_date": N_("ISO date: year, month or day"),
    "full_date": N_("full ISO date"),
    "url": N_("web address (http/https)"),
    "file": N_("file in the kawasan folder"),
    "email": N_("email address"),
    "phone": N_("phone number"),
    "one_of": N_("one of: {values}"),
    "list_of": N_("list of {item}"),
    "list_of_values": N_("list of: {values}"),
    "object": N_("object {link}"),
    "max_chars": N_("≤ {n} characters"),
    "range": N_("{low} to {high}"),
    "at_least_value": N_("≥ {n}"),
    "more_than": N_("> {n}"),
    "at_most": N_("≤ {n}"),
    "less_than": N_("< {n}"),
}
"""The words of the page (English message ids, translated through the site catalogue)."""


def _labels(lang: str) -> dict[str, str]:
    t = translator(lang)
    return {key: t.gettext(message) for key, message in _WORDS.items()}

# The model's named field types, each with the label key that describes it.
_NAMED_TYPES: list[tuple[Any, str]] = [
    (fields.Markdown, "markdown"),
    (fields.Text, "text"),
    (fields.Slug, "slug"),
    (fields.Rupiah, "money"),
    (fields.Count, "count"),
    (fields.PartialDate, "partial_date"),
    (fields.FullDate, "full_date"),
    (fields.Url, "url"),
    (fields.FileRef, "file"),
    (fields.Email, "email"),
    (fields.Phone, "phone"),
    (fields.Number, "number"),
]


def field_reference_markdown(lang: str = "id") -> str:
    """The reference of every field of ``kawasan.yml`` (and of a news post's front matter), as Markdown."""
    labels = _labels(lang)
    objects = list(_objects(m.Kawasan))
    paths = _paths(m.Kawasan)
    out = [f"# {labels['title']}", "", labels["intro"], ""]
    for cls in objects:
        heading = "kawasan.yml" if cls is m.Kawasan else paths[cls][0]
        out += [f"## {_escape(heading)} {{#{_anchor(cls)}}}", "", _escape(_doc(cls)), ""]
        if cls is m.Kawasan:
            out += [labels["file_kawasan"], ""]
        elif len(paths[cls]) > 1:
            where = ", ".join(f"`{path}`" for path in paths[cls][1:])
            out += [f"{labels['used_also']}: {where}.", ""]
        out += _table(cls, labels)
    out += [f"## {_escape(labels['news_title'])} {{#{_anchor(m.NewsPost)}}}", ""]
    out += [labels["file_news"], ""]
    out += _table(m.NewsPost, labels)
    return "\n".join(out).rstrip("\n") + "\n"


def reference_file_content(lang: str = "id") -> str:
    """The generated page's Markdown source: front matter (title, description) and the reference.

    Material's left navigation is hidden on this page (``hide: [navigation]``) so the tables get
    the width; its table of contents lists every object.
    """
    labels = _labels(lang)
    front = {"title": labels["title"], "description": labels["description"], "hide": ["navigation"]}
    head = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in front.items())
    return f"---\n{head}\n---\n\n{field_reference_markdown(lang)}"


def guide_files(reference_page: str | None, matrix_template: str | None, lang: str = "id") -> dict[str, str | bytes]:
    """The files the editors' guide gets from the code, by their path in the docs: the field reference
    (option ``reference_page``) and the empty investment matrix to download (option ``matrix_template``)."""
    files: dict[str, str | bytes] = {}
    if reference_page:
        files[reference_page] = reference_file_content(lang)
    if matrix_template:
        files[matrix_template] = workbook_bytes(lang=lang)
    return files


# --- walking the model -----------------------------------------------------------------


def _objects(root: type[BaseModel]) -> Iterator[type[BaseModel]]:
    """Every object reachable from ``root``, depth first in field order: as an editor meets them."""
    seen: set[type[BaseModel]] = set()

    def visit(cls: type[BaseModel]) -> Iterator[type[BaseModel]]:
        seen.add(cls)
        yield cls
        for _name, hint, _info in model_fields(cls):
            for child in models_in(hint):
                if child not in seen:
                    yield from visit(child)

    yield from visit(root)


def _paths(root: type[BaseModel]) -> dict[type[BaseModel], list[str]]:
    """For each object, the YAML paths where it appears (``projects[].funding[]``), first met first."""
    found: dict[type[BaseModel], list[str]] = {root: []}
    queue: list[tuple[type[BaseModel], str]] = [(root, "")]
    while queue:
        cls, prefix = queue.pop(0)
        for name, hint, _info in model_fields(cls):
            for child in models_in(hint):
                path = f"{prefix}{name}{'[]' if is_list(hint) else ''}"
                if child is root or path in found.setdefault(child, []):
                    continue
                first_visit = not found[child]
                found[child].append(path)
                if first_visit:
                    queue.append((child, path + "."))
    return found


# --- writing the tables ----------------------------------------------------------------


def _table(cls: type[BaseModel], labels: dict[str, str]) -> list[str]:
    rows = [
        f"| {labels['field']} | {labels['required']} | {labels['type']} | {labels['meaning']} |",
        "| --- | --- | --- | --- |",
    ]
    for name, hint, info in model_fields(cls):
        meaning = _escape(info.description or "")
        # Bold, not code: Material lets code break mid-word, which squeezes the key column.
        rows.append(f"| **{name}** | {_required(hint, info, labels)} | {_kind(hint, labels)} | {meaning} |")
    return rows + [""]


def _required(hint: Any, info: FieldInfo, labels: dict[str, str]) -> str:
    if info.is_required():
        minimum = _min_length(info) if is_list(hint) else None
        return labels["at_least"].format(n=minimum) if minimum else labels["yes"]
    if info.default is not None and info.default_factory is None and isinstance(info.default, (str, int, float)):
        return labels["default"].format(value=f"`{info.default}`")
    return labels["no"]


def _min_length(info: FieldInfo) -> int | None:
    for item in info.metadata:
        min_length = getattr(item, "min_length", None)
        if isinstance(min_length, int) and min_length > 0:
            return min_length
    return None


def _kind(hint: Any, labels: dict[str, str]) -> str:
    """The type column: a named type, a list, an object link, allowed values or a number range."""
    hint = strip_optional(hint)
    for named, key in _NAMED_TYPES:
        if hint == named:
            return labels[key]
    if typing.get_origin(hint) is Literal:
        values = ", ".join(f"`{value}`" for value in typing.get_args(hint))
        return labels["one_of"].format(values=values)
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return labels["object"].format(link=f"[`{_short_name(hint)}`](#{_anchor(hint)})")
    if typing.get_origin(hint) is list:
        item = strip_optional(typing.get_args(hint)[0])
        if typing.get_origin(item) is Literal:
            values = ", ".join(f"`{value}`" for value in typing.get_args(item))
            return labels["list_of_values"].format(values=values)
        return labels["list_of"].format(item=_kind(item, labels))
    if typing.get_origin(hint) is typing.Annotated:
        base, *metadata = typing.get_args(hint)
        if typing.get_origin(base) in (list, Literal) or (isinstance(base, type) and issubclass(base, BaseModel)):
            return _kind(base, labels)  # the constraint (e.g. at least one) shows in the "wajib" column
        return _constrained(base, metadata, labels)
    return _base_label(hint, labels)


def _constrained(base: Any, metadata: list[Any], labels: dict[str, str]) -> str:
    """An inline constrained type: ``bilangan bulat 0–100``, ``teks, ≤ 140 huruf``."""
    bounds = walk.bounds(metadata)
    label = _base_label(strip_optional(base), labels)
    if "max_length" in bounds:
        return f"{label}, {labels['max_chars'].format(n=bounds['max_length'])}"
    low, high = bounds.get("ge"), bounds.get("le")
    if low is not None and high is not None:
        return f"{label} {labels['range'].format(low=_number(low), high=_number(high))}"
    parts: list[str] = []
    if low is not None:
        parts.append(labels["at_least_value"].format(n=_number(low)))
    if bounds.get("gt") is not None:
        parts.append(labels["more_than"].format(n=_number(bounds["gt"])))
    if high is not None:
        parts.append(labels["at_most"].format(n=_number(high)))
    if bounds.get("lt") is not None:
        parts.append(labels["less_than"].format(n=_number(bounds["lt"])))
    return f"{label} {', '.join(parts)}" if parts else label


def _base_label(hint: Any, labels: dict[str, str]) -> str:
    if hint == fields.Number:
        return labels["number"]
    if hint is int:
        return labels["integer"]
    if hint is float:
        return labels["number"]
    return labels["text"]


def _number(value: Any) -> str:
    """``1.000.000``, ``−90``: Indonesian grouping (numbers here are whole), a real minus sign."""
    text = f"{value:,}".replace(",", ".") if isinstance(value, int) and abs(value) >= 10_000 else str(value)
    return text.replace("-", "−")


def _short_name(cls: type[BaseModel]) -> str:
    """How a link to an object reads: its first YAML path, else its class name."""
    paths = _paths(m.Kawasan).get(cls) or []
    return paths[0] if paths else cls.__name__


def _anchor(cls: type[BaseModel]) -> str:
    return "kolom-" + cls.__name__.lower()


def _doc(cls: type[BaseModel]) -> str:
    return (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""


def _escape(text: str) -> str:
    """Plain text for Markdown: HTML escaped; pipes, brackets, stars and braces (attr_list) neutralised."""
    text = html.escape(" ".join(text.split()), quote=False)
    for char, entity in (("|", "&#124;"), ("[", "&#91;"), ("]", "&#93;"), ("*", "&#42;"), ("{", "&#123;"), ("}", "&#125;")):
        text = text.replace(char, entity)
    return text
