"""Walking the plan model: each field with its YAML key, its type and its bounds.

The field reference and the form editor both describe every field of the model; they read it
through these helpers, so both see the same keys, in the same order, with the same limits.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from typing import Any, Union

from pydantic import BaseModel
from pydantic.fields import FieldInfo

BOUNDS = ("ge", "gt", "le", "lt", "min_length", "max_length")


def model_fields(cls: type[BaseModel]) -> Iterator[tuple[str, Any, FieldInfo]]:
    """``(key as written in YAML, type hint with its annotations, field info)`` in declaration order."""
    hints = typing.get_type_hints(cls, include_extras=True)
    for attribute, info in cls.model_fields.items():
        yield info.alias or attribute, hints[attribute], info


def strip_optional(hint: Any) -> Any:
    """``X`` for ``X | None``; any other type unchanged."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        if len(args) == 1:
            return args[0]
    return hint


def unannotated(hint: Any) -> Any:
    """The type inside ``Annotated[...]``."""
    return typing.get_args(hint)[0] if typing.get_origin(hint) is typing.Annotated else hint


def is_list(hint: Any) -> bool:
    return typing.get_origin(unannotated(strip_optional(hint))) is list


def models_in(hint: Any) -> list[type[BaseModel]]:
    """The plan object a field holds, directly or as the items of its list."""
    hint = unannotated(strip_optional(hint))
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return [hint]
    if typing.get_origin(hint) is list:
        return models_in(typing.get_args(hint)[0])
    return []


def bounds(metadata: typing.Iterable[Any]) -> dict[str, int | float]:
    """The limits in a type's annotations: ``ge``/``gt``/``le``/``lt`` and ``min_length``/``max_length``."""
    found: dict[str, int | float] = {}
    for item in metadata:
        # annotated-types' Ge/Gt/Le/Lt (inside a Field's metadata) and StringConstraints' lengths
        for inner in [item, *(getattr(item, "metadata", None) or [])]:
            for key in BOUNDS:
                value = getattr(inner, key, None)
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    found[key] = value
    return found
