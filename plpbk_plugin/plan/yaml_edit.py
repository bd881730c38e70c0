"""Editing ``kawasan.yml`` in place: round-trip YAML (ruamel.yaml), so comments, key order, quotes and
indentation stay as the editor wrote them and only the changed values move.

New keys go where the model puts them (after the nearest earlier field present); comments and blank
lines that followed the last item of a list or mapping stay at its end when an item is added or
removed there.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.util import load_yaml_guess_indent


def round_trip(text: str) -> YAML:
    """A YAML reader and writer that writes ``text`` back as it is (same indentation, quotes, width)."""
    _data, sequence, offset = load_yaml_guess_indent(text)  # a list's items: where they start, where their dash is
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line
    yaml.indent(mapping=_mapping_indent(text), sequence=sequence or 2, offset=offset or 0)
    return yaml


def _mapping_indent(text: str) -> int:
    """How far a nested mapping's keys sit from their parent's key (the first one found; 2 if none)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    for line, following in zip(lines, lines[1:]):
        parent, child = len(line) - len(line.lstrip()), len(following) - len(following.lstrip())
        if line.rstrip().endswith(":") and not line.lstrip().startswith("- ") and not following.lstrip().startswith("- ") and child > parent:
            return child - parent
    return 2


def load(text: str) -> tuple[YAML, Any]:
    yaml = round_trip(text)
    return yaml, yaml.load(text)


def dump(yaml: YAML, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def mapping(pairs: Sequence[tuple[str, Any]]) -> CommentedMap:
    """A new mapping with its keys in this order (``None`` values left out)."""
    return CommentedMap([(key, value) for key, value in pairs if value is not None])


def put(node: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set ``key``: in place when present, else after the nearest key that ``order`` puts before it."""
    if key in node:
        node[key] = value
        return
    earlier = order[: order.index(key)] if key in order else order
    position = max((i + 1 for i, k in enumerate(node) if k in earlier), default=0)
    if position == len(node) and len(node):
        tail = pop_tail(node)
        node.insert(position, key, value)
        set_tail(node, tail)
    else:
        node.insert(position, key, value)


def drop(node: CommentedMap, key: str) -> None:
    """Remove ``key`` (what followed it, when it was last, stays at the end)."""
    if key not in node:
        return
    last = list(node)[-1] == key
    tail = pop_tail(node) if last else None
    del node[key]
    node.ca.items.pop(key, None)
    if last and len(node):
        set_tail(node, tail)


def append(seq: CommentedSeq, item: Any) -> None:
    """Add an item at the end of a list, after the same blank line as the items before it."""
    if not seq:
        seq.append(item)
        return
    tail = pop_tail(seq[-1])
    separator = _tail(seq[-2]) if len(seq) > 1 else None
    if separator is not None:
        set_tail(seq[-1], copy.copy(separator))
    seq.append(item)
    set_tail(item, tail)


def remove(seq: CommentedSeq, index: int) -> None:
    """Remove an item; what followed the last item stays at the end of the list."""
    tail = pop_tail(seq[index]) if index == len(seq) - 1 else None
    del seq[index]
    if seq and tail is not None:
        set_tail(seq[-1], tail)


def _last(node: Any) -> tuple[Any, Any] | None:
    """The innermost container holding the last value written under ``node``, and that value's key."""
    if isinstance(node, CommentedMap) and len(node):
        key = list(node)[-1]
    elif isinstance(node, CommentedSeq) and len(node):
        key = len(node) - 1
    else:
        return None
    inner = _last(node[key])
    return inner if inner is not None else (node, key)


def _slot(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _tail(node: Any) -> Any:
    found = _last(node)
    if found is None:
        return None
    container, key = found
    entry = container.ca.items.get(key)
    return entry[_slot(container)] if entry else None


def pop_tail(node: Any) -> Any:
    """Take away the comment (or blank lines) written after the last value under ``node``."""
    found = _last(node)
    if found is None:
        return None
    container, key = found
    entry = container.ca.items.get(key)
    if not entry:
        return None
    token = entry[_slot(container)]
    entry[_slot(container)] = None
    return token


def set_tail(node: Any, token: Any) -> None:
    """Write ``token`` (from :func:`pop_tail`) after the last value under ``node``."""
    found = _last(node)
    if found is None or token is None:
        return
    container, key = found
    entry = container.ca.items.setdefault(key, [None, None, None, None] if isinstance(container, CommentedMap) else [None, None])
    entry[_slot(container)] = token
