"""Translations of a plan's text: an overlay such as ``kawasan.en.yml`` beside ``kawasan.yml``.

The overlay repeats the plan's shape but holds only text: projects and calls are
matched by ``id``, other lists by position. Whatever it leaves out stays in the
plan's own language and is marked as such on the page (:class:`Fallback`).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel

from ...i18n import translator
from ..fields import TRANSLATABLE
from ..model import Kawasan
from ..rules import Finding, nearest

OVERLAY_PATTERN = "kawasan.{lang}.yml"
KEYED_LISTS = frozenset({"projects", "calls"})


class Fallback(str):
    """Plan text shown untranslated on a page of another language."""

    __slots__ = ()


@dataclass(frozen=True)
class Slot:
    """How a field of a plan object can be translated."""

    kind: str  # "text", "texts" (a list of text), "object", "objects"
    model: type[BaseModel] | None = None

    @property
    def nested(self) -> type[BaseModel]:
        """The model of an ``object`` or ``objects`` slot."""
        assert self.model is not None, self.kind
        return self.model


def _is_text(annotation: Any) -> bool:
    return typing.get_origin(annotation) is Annotated and TRANSLATABLE in annotation.__metadata__


def _slot(annotation: Any) -> Slot | None:
    """The translatable shape of a field's type, if any."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                return _slot(arg)
        return None
    if _is_text(annotation):
        return Slot("text")
    if origin is Annotated:
        return _slot(typing.get_args(annotation)[0])
    if origin is list:
        inner = _slot(typing.get_args(annotation)[0])
        if inner and inner.kind == "text":
            return Slot("texts")
        if inner and inner.kind == "object":
            return Slot("objects", inner.model)
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and slots(annotation):
        return Slot("object", annotation)
    return None


def slots(model: type[BaseModel]) -> dict[str, Slot]:
    """The translatable fields of a plan object, by their YAML key."""
    found = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if info.metadata and TRANSLATABLE in info.metadata:
            slot: Slot | None = Slot("text")
        else:
            slot = _slot(annotation)
        if slot:
            found[info.alias or name] = slot
    return found


def check_overlay(data: Any, base: Kawasan, lang: str) -> list[Finding]:
    """Problems of an overlay: unknown keys, non-text values, projects or calls the plan lacks."""
    findings: list[Finding] = []
    _check(data, Kawasan, base.model_dump(by_alias=True), "", findings, translator(lang).gettext)
    return findings


def _check(data: Any, model: type[BaseModel], base: Any, path: str, out: list[Finding], _: Any) -> None:
    if not isinstance(data, dict):
        out.append(Finding(path, _("Expected a mapping of translated fields here."), None))
        return
    allowed = slots(model)
    for key, value in data.items():
        where = f"{path}.{key}" if path else key
        slot = allowed.get(key)
        if slot is None:
            hint = nearest(key, list(allowed))
            out.append(Finding(where, _("`%(key)s` cannot be translated here: only text fields can.") % {"key": key}, hint))
        elif slot.kind == "text":
            if not isinstance(value, str) or not value.strip():
                out.append(Finding(where, _("Write the translated text here."), None))
        elif slot.kind == "texts":
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                out.append(Finding(where, _("Write a list of translated texts here."), None))
        elif slot.kind == "object":
            if base.get(key) is None:
                out.append(Finding(where, _("The plan has no `%(key)s` to translate.") % {"key": key}, None))
            else:
                _check(value, slot.nested, base[key], where, out, _)
        else:
            _check_list(key, value, slot.nested, base.get(key) or [], where, out, _)


def _check_list(key: str, value: Any, model: type[BaseModel], base: list[Any], path: str, out: list[Finding], _: Any) -> None:
    if not isinstance(value, list):
        out.append(Finding(path, _("Expected a list here."), None))
        return
    ids = [item.get("id") for item in base]
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        if key in KEYED_LISTS:
            item_id = item.get("id") if isinstance(item, dict) else None
            if item_id not in ids:
                message = _("Name the `id` of one of the plan's %(list)s.") % {"list": key}
                out.append(Finding(f"{where}.id", message, nearest(str(item_id), [str(i) for i in ids])))
                continue
            rest = {k: v for k, v in item.items() if k != "id"}
            _check(rest, model, base[ids.index(item_id)], where, out, _)
        elif index >= len(base):
            out.append(Finding(where, _("The plan has only %(n)d item(s) here.") % {"n": len(base)}, None))
        else:
            _check(item, model, base[index], where, out, _)


def merge(base: dict[str, Any], overlay: dict[str, Any]) -> dict[str, Any]:
    """The plan's data with the overlay's texts in place (the overlay already checked)."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict):
            merged[key] = merge(base.get(key) or {}, value)
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            items = [dict(item) for item in base.get(key) or []]
            for index, item in enumerate(value):
                if key in KEYED_LISTS:
                    index = next(i for i, old in enumerate(items) if old.get("id") == item.get("id"))
                items[index] = merge(items[index], item)
            merged[key] = items
        else:
            merged[key] = value
    return merged


def mark_fallbacks(model: BaseModel, overlay: dict[str, Any] | None) -> Any:
    """A copy of ``model`` whose texts the overlay did not give are :class:`Fallback`."""
    overlay = overlay or {}
    update: dict[str, Any] = {}
    for key, slot in slots(type(model)).items():
        name = _field_name(type(model), key)
        value = getattr(model, name)
        given = overlay.get(key)
        if value is None:
            continue
        if slot.kind == "text":
            update[name] = value if given is not None else Fallback(value)
        elif slot.kind == "texts":
            update[name] = value if given is not None else [Fallback(v) for v in value]
        elif slot.kind == "object":
            update[name] = mark_fallbacks(value, given if isinstance(given, dict) else None)
        else:
            update[name] = [mark_fallbacks(item, part) for item, part in _pair(key, value, given)]
    return model.model_copy(update=update)


def _pair(key: str, items: list[BaseModel], given: Any) -> Iterator[tuple[BaseModel, dict[str, Any] | None]]:
    given = given if isinstance(given, list) else []
    for index, item in enumerate(items):
        if key in KEYED_LISTS:
            part = next((g for g in given if isinstance(g, dict) and g.get("id") == getattr(item, "id", None)), None)
        else:
            part = given[index] if index < len(given) and isinstance(given[index], dict) else None
        yield item, part


def _field_name(model: type[BaseModel], key: str) -> str:
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return name
    return key


def overlay_schema() -> dict[str, Any]:
    """JSON Schema of an overlay (``kawasan.en.yml``): the plan's text fields, nothing required."""
    defs: dict[str, Any] = {}

    def ref(model: type[BaseModel]) -> dict[str, str]:
        name = model.__name__
        if name not in defs:
            defs[name] = {}
            properties: dict[str, Any] = {"id": {"type": "string"}} if name in ("Project", "Call") else {}
            for key, slot in slots(model).items():
                description = model.model_fields[_field_name(model, key)].description or ""
                if slot.kind == "text":
                    properties[key] = {"type": "string", "minLength": 1, "description": description}
                elif slot.kind == "texts":
                    properties[key] = {"type": "array", "items": {"type": "string"}, "description": description}
                elif slot.kind == "object":
                    properties[key] = {**ref(slot.nested), "description": description}
                else:
                    properties[key] = {"type": "array", "items": ref(slot.nested), "description": description}
            defs[name] = {
                "type": "object",
                "additionalProperties": False,
                "properties": properties,
                **({"required": ["id"]} if name in ("Project", "Call") else {}),
            }
        return {"$ref": f"#/$defs/{name}"}

    root = ref(Kawasan)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "kawasan.<lang>.yml",
        "description": "Terjemahan teks rencana (misalnya kawasan.en.yml): proyek dan ajakan dicocokkan lewat id, daftar lain lewat urutan.",
        **root,
        "$defs": dict(sorted(defs.items())),
    }
