"""Markdown fields of a plan, rendered with the site's extensions and sanitized."""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import markdown
import nh3
from markdown.extensions import Extension

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TAGS = (set(nh3.ALLOWED_TAGS) - {"center", "map", "area", "acronym", "strike", "tt"}) | {"input", "label"}
_ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading"}
_ATTRIBUTES["input"] = {"type", "checked", "disabled"}
_ATTRIBUTES["details"] = {"open"}
_ATTRIBUTES["abbr"] = {"title"}


_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset", "longdesc", "xlink:href"})
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff]")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def _url_filter(tag: str, attribute: str, value: str) -> str | None:
    """Drop a URL that reads as a scheme other than ours once spaces and invisible characters are removed.

    The sanitizer judges ``java    script:x`` (a tab Markdown expanded) or ``\u200bjavascript:x``
    relative; no browser runs them today, but nothing is lost by not linking them at all.
    """
    if attribute in _URL_ATTRIBUTES:
        scheme = _SCHEME.match(_IGNORED_IN_URL.sub("", value))
        if scheme and scheme.group(1).lower() not in URL_SCHEMES:
            return None
    return value


_LINK = re.compile(r"<a(\s[^>]*)?>(.*?)</a>", re.DOTALL)  # nh3's output: quoted attributes, no nested links


def _unlink_hrefless(match: re.Match[str]) -> str:
    """A link whose address was removed is plain text (an ``a`` with ``rel`` but no ``href`` is invalid HTML)."""
    return match.group(0) if ' href="' in (match.group(1) or "") else match.group(2)


def sanitize(html: str) -> str:
    """Remove scripts, event handlers, styles and links other than http(s), mailto, tel and relative.

    A link whose address is removed keeps its text, as plain text.
    """
    return _LINK.sub(_unlink_hrefless, _clean(html))


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        attribute_filter=_url_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


_MANY = 32  # below this many brackets or angles, Python-Markdown's scans cost nothing worth avoiding
_MAX_DEPTH = 8


def defuse(text: str) -> str:
    """``text`` with the brackets and angles Python-Markdown would scan in quadratic time escaped.

    For each ``[`` (and the ``(`` after a link) it looks ahead for the matching bracket, to the end
    of the text when there is none: 20,000 unmatched ``[`` in a plan took 100 s. Here brackets
    are matched in one pass; the unmatched ones, and those nested deeper than any link needs,
    become literal (``\\[``), as does a ``<`` that cannot start a tag (no ``>`` before the next
    ``<``). Texts with few of them are returned unchanged.
    """
    if text.count("[") + text.count("(") <= _MANY and text.count("<") <= _MANY:
        return text
    escape: dict[int, str] = {}
    stacks: dict[str, list[int]] = {"[": [], "(": []}
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char in stacks:
            if len(stacks[char]) >= _MAX_DEPTH:
                escape[index] = "\\" + char
            else:
                stacks[char].append(index)
        elif char in "])":
            stack = stacks["[" if char == "]" else "("]
            if stack:
                stack.pop()
        index += 1
    for char, stack in stacks.items():
        escape.update((i, "\\" + char) for i in stack)
    angles = [i for i, char in enumerate(text) if char == "<"]
    if len(angles) > _MANY:
        for i, end in zip(angles, [*angles[1:], len(text)]):
            if text.find(">", i + 1, end) < 0:
                escape[i] = "&lt;"
    if not escape:
        return text
    return "".join(escape.get(i, char) for i, char in enumerate(text))


class MarkdownRenderer:
    """Renders plan Markdown with the site's own extensions (one converter per thread)."""

    def __init__(
        self,
        extensions: Sequence[str | Extension] = (),
        configs: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._extensions = [ext for ext in extensions if not _is_toc_permalink_only(ext)]
        self._configs = copy.deepcopy(dict(configs or {}))
        self._local = threading.local()
        self._memo: dict[str, str] = {}

    @property
    def options(self) -> tuple[tuple[Any, ...], dict[str, Any]]:
        """The extensions and their settings: what shapes the HTML of a text."""
        return tuple(self._extensions), self._configs

    def _converter(self) -> markdown.Markdown:
        converter = getattr(self._local, "converter", None)
        if converter is None:
            converter = markdown.Markdown(extensions=self._extensions, extension_configs=self._configs)
            self._local.converter = converter
        return converter

    def __call__(self, text: str | None) -> str:
        """Safe HTML for a Markdown field ("" for nothing)."""
        if not text:
            return ""
        cached = self._memo.get(text)
        if cached is None:
            converter = self._converter()
            cached = sanitize(converter.reset().convert(defuse(text)))
            self._memo[text] = cached
        return cached


def _is_toc_permalink_only(extension: str | Extension) -> bool:
    """The toc extension adds permalinks and ids meant for whole pages; plan fields skip it."""
    return extension == "toc"
