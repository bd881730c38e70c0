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
    """Set ``key``: in place when present, else after the nearest key that ``order`` puts before it.

    What followed that key (blank lines, the comment heading the next section) then follows the new
    one; between two keys, a blank line that separated them separates the new one too.
    """
    if key in node:
        node[key] = value
        return
    earlier = order[: order.index(key)] if key in order else order
    position = max((i + 1 for i, k in enumerate(node) if k in earlier), default=0)
    before = _deepest(node, list(node)[position - 1]) if position else None
    rest = _take_rest(before) if before else None
    if before and rest is not None and rest.value.startswith("\n\n") and position < len(node):  # between two keys
        _give_rest(before, _with(rest, "\n\n"))
    node.insert(position, key, value)
    _give_rest(_deepest(node, key), rest)


def drop(node: CommentedMap, key: str) -> None:
    """Remove ``key``; what followed it (a blank line, the comment heading the next key) stays in its place."""
    if key not in node:
        return
    keys = list(node)
    position = keys.index(key)
    rest = _take_rest(_deepest(node, key))
    del node[key]
    node.ca.items.pop(key, None)
    if position:
        before = _deepest(node, keys[position - 1])
        if position < len(keys) - 1 and rest is not None:
            _take_rest(before)  # the blank line that separated it from the removed key
        _give_rest(before, rest)


def append(seq: CommentedSeq, item: Any) -> None:
    """Add an item at the end of a list, after the same blank line as the items before it."""
    if seq:
        before = _deepest(seq, len(seq) - 1)
        rest = _take_rest(before)
        if rest is not None and rest.value.startswith("\n\n"):
            _give_rest(before, _with(rest, "\n\n"))
        seq.append(item)
        _give_rest(_deepest(seq, len(seq) - 1), rest)
    else:
        seq.append(item)


def remove(seq: CommentedSeq, index: int) -> None:
    """Remove an item; what followed the last item stays at the end of the list."""
    last = index == len(seq) - 1
    rest = _take_rest(_deepest(seq, index)) if last else None
    del seq[index]
    if last and seq:
        _take_rest(_deepest(seq, len(seq) - 1))  # the blank line that separated it from the removed item
        _give_rest(_deepest(seq, len(seq) - 1), rest)


Slot = tuple[Any, Any]
"""A container and a key in it: where ruamel.yaml keeps the comment written after that value."""


def _deepest(container: Any, key: Any) -> Slot:
    """The slot of the last value written under ``container[key]`` (itself, for a plain value)."""
    value = container[key]
    if isinstance(value, CommentedMap) and len(value):
        return _deepest(value, list(value)[-1])
    if isinstance(value, CommentedSeq) and len(value):
        return _deepest(value, len(value) - 1)
    return container, key


def _index(container: Any) -> int:
    return 2 if isinstance(container, CommentedMap) else 0


def _take_rest(slot: Slot) -> Any:
    """Cut the lines after the value's own line (blank lines, comment lines) from its comment; return them.

    A comment at the end of the value's line stays where it is.
    """
    container, key = slot
    entry = container.ca.items.get(key)
    token = entry[_index(container)] if entry else None
    if token is None:
        return None
    own, newline, rest = token.value.partition("\n")
    if not rest:
        return None
    entry[_index(container)] = _with(token, own + newline) if own.strip() else None
    return _with(token, "\n" + rest)


def _give_rest(slot: Slot, rest: Any) -> None:
    """Write ``rest`` (from :func:`_take_rest`) after the value's own line."""
    if rest is None:
        return
    container, key = slot
    size = 4 if isinstance(container, CommentedMap) else 2
    entry = container.ca.items.setdefault(key, [None] * size)
    token = entry[_index(container)]
    entry[_index(container)] = rest if token is None else _with(token, token.value + rest.value[1:])


def _with(token: Any, value: str) -> Any:
    """A copy of a comment token holding other text."""
    found = copy.copy(token)
    found.value = value
    return found
