"""Pydantic's validation errors → sentences for editors, with the nearest valid key or value."""

from __future__ import annotations

import re
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ...i18n import N_, translator
from ..problems import Problem, shorten
from ..rules import Finding, nearest
from ..slugs import slugify
from .yaml_source import YamlSource

M = TypeVar("M", bound=BaseModel)


_MESSAGES = {
    "string_too_short": N_("Must not be empty."),
    "string_too_long": N_("Too long: %(length)s characters, at most %(max_length)s."),
    "too_long": N_("Too long: %(length)s characters, at most %(max_length)s."),
    "too_short": N_("Needs at least %(min_length)s item(s), found %(actual_length)s."),
    "greater_than_equal": N_("Must be at least %(ge)s, found %(found)s."),
    "less_than_equal": N_("Must be at most %(le)s, found %(found)s."),
    "greater_than": N_("Must be more than %(gt)s, found %(found)s."),
    "list_type": N_("Expected a list (each item on its own line, starting with `- `), found %(found)s."),
    "model_type": N_("Expected `key: value` lines (keys: %(keys)s), found %(found)s."),
    "dict_type": N_("Expected `key: value` lines (keys: %(keys)s), found %(found)s."),
    "string_pattern_mismatch": N_("%(found)s is not a valid id: use lowercase letters, digits and hyphens."),
}
_VALUE_ERRORS = {
    "partial_date": N_("Expected a date such as 2027-03-31, 2027-03 or 2027, found %(found)s."),
    "full_date": N_("Expected a full date such as 2027-03-31, found %(found)s."),
    "url": N_("Expected a web address starting with https:// or http://, found %(found)s."),
    "relative_file": N_(
        "Expected a file inside the kawasan folder, such as photos/balai-warga.jpg, found %(found)s "
        "(no `..`, no path starting with /)."
    ),
    "file_name": N_(
        "The file name %(found)s holds a character that Windows file names and web addresses cannot hold "
        "(: * ? \" < > | or an invisible one); rename the file."
    ),
    "email": N_("Expected an email address such as bkm@example.org, found %(found)s."),
    "phone": N_("Expected a phone number such as 0812 3456 7890 or +62 812 3456 7890, found %(found)s."),
    "contact_required": N_("Give at least one way to reach you: `whatsapp`, `email` or `phone`."),
    "file_or_url": N_("A document needs either `file` or `url` (one of them, not both)."),
}
_NUMBER_TYPES = {"int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"}
_GROUPED_NUMBER = re.compile(r"^(?:rp\.?\s*)?(\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:,-|,00)?$", re.IGNORECASE)


def validate(model: type[M], document: YamlSource, file: Path, lang: str) -> tuple[M | None, list[Problem]]:
    """The model of the document, or ``None`` and one problem per faulty field."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    by_path: dict[tuple[str | int, ...], list[ErrorDetails]] = {}
    for error in errors:
        by_path.setdefault(_data_path(error, document.data), []).append(error)
    findings = []
    for parts, group in by_path.items():
        # Union members each report: keep a constraint error over "wrong type" noise.
        error = next((e for e in group if not e["type"].endswith("_type")), group[0])
        path = _format_path(parts)
        findings.append(Finding(path, *_explain(error, model, parts, document.raw.get(path), lang)))
    return None, document.problems(file, findings, lang)


def _format_path(parts: tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _data_path(error: ErrorDetails, data: Any) -> tuple[str | int, ...]:
    """The error's location in the data, without pydantic's union member tags (``int``, ``float``…)."""
    loc = error["loc"]
    parts: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in node:  # noqa: SIM114  (two branches, so mypy narrows each index)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif not (error["type"] == "missing" and index == len(loc) - 1):
            continue
        parts.append(part)
    return tuple(parts)


def _explain(
    error: ErrorDetails, model: type[BaseModel], parts: tuple[str | int, ...], raw: str | None, lang: str
) -> tuple[str, str | None]:
    """``(message, suggestion)`` for one pydantic error."""
    _ = translator(lang).gettext
    kind, value = error["type"], error.get("input")
    found = shorten(raw) if raw is not None else _found(value, lang)
    annotation = _annotation_at(model, parts)
    if kind == "missing":
        return _("Required: add `%(key)s:` here.") % {"key": parts[-1]}, None
    if kind == "extra_forbidden":
        keys = list(_fields(_annotation_at(model, parts[:-1])))
        message = _("Unknown key `%(key)s`; the keys allowed here are: %(keys)s.")
        return message % {"key": parts[-1], "keys": ", ".join(keys)}, nearest(str(parts[-1]), keys)
    if kind == "literal_error":
        choices = [str(c) for leaf in _leaves(annotation) if get_origin(leaf) is Literal for c in get_args(leaf)]
        message = _("%(found)s is not an allowed value; choose one of: %(choices)s.")
        suggestion = nearest(value, choices) if isinstance(value, str) else None
        return message % {"found": found, "choices": ", ".join(choices)}, suggestion
    if kind in _NUMBER_TYPES:
        return _number_message(value if raw is None else raw, found, annotation, lang), None
    if kind == "string_type":
        message = (
            _("Expected text, found %(found)s.")
            if isinstance(value, (list, dict))
            else _("Expected text, found %(found)s; put it in quotes to keep it as text.")
        )
        return message % {"found": found}, None
    if kind == "value_error" and str(error["ctx"]["error"]) in _VALUE_ERRORS:
        return _(_VALUE_ERRORS[str(error["ctx"]["error"])]) % {"found": found}, None
    if kind in _MESSAGES:
        params = {
            **error.get("ctx", {}),
            "found": found,
            "length": len(value) if isinstance(value, str) else error.get("ctx", {}).get("actual_length", ""),
            "keys": ", ".join(_fields(annotation)),
        }
        suggestion = (slugify(value) or None) if kind == "string_pattern_mismatch" and isinstance(value, str) else None
        return _(_MESSAGES[kind]) % params, suggestion
    return _("Invalid value %(found)s (%(detail)s).") % {"found": found, "detail": error["msg"]}, None


def _number_message(value: Any, found: str, annotation: Any, lang: str) -> str:
    _ = translator(lang).gettext
    if float in _leaves(annotation):
        return _("Expected a number (decimals with a dot, e.g. 12.5), found %(found)s.") % {"found": found}
    match = _GROUPED_NUMBER.match(str(value).strip()) if isinstance(value, (str, float)) else None
    if match:
        message = _("Expected a whole number, found %(found)s: write it without dots or quotes, e.g. %(digits)s.")
        return message % {"found": found, "digits": re.sub(r"\D", "", match.group(1))}
    return _("Expected a whole number, found %(found)s.") % {"found": found}


def _found(value: Any, lang: str) -> str:
    """A short, readable rendering of the value an editor wrote."""
    _ = translator(lang).gettext
    if isinstance(value, str):
        return f'"{shorten(value)}"'
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("`key: value` lines")
    return shorten(str(value))


def _leaves(annotation: Any) -> Iterator[Any]:
    """The types inside ``Annotated`` and unions (``X | None``), not inside lists."""
    origin = get_origin(annotation)
    if origin is Annotated:
        yield from _leaves(get_args(annotation)[0])
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            yield from _leaves(arg)
    else:
        yield annotation


def _fields(annotation: Any) -> dict[str, Any]:
    """The fields of the model in ``annotation`` by their YAML key (alias), or ``{}``."""
    model = next((t for t in _leaves(annotation) if isinstance(t, type) and issubclass(t, BaseModel)), None)
    if model is None:
        return {}
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _annotation_at(model: type[BaseModel], parts: tuple[str | int, ...]) -> Any:
    """The declared type at a field path of ``model``, or ``None`` for a path it does not have."""
    annotation: Any = model
    for part in parts:
        if isinstance(part, int):
            annotation = next((get_args(t)[0] for t in _leaves(annotation) if get_origin(t) is list), None)
        else:
            info = _fields(annotation).get(part)
            annotation = info.annotation if info else None
        if annotation is None:
            return None
    return annotation
