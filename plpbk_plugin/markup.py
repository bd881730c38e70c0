"""Markdown fields of a plan, rendered with the site's extensions and sanitized."""

from __future__ import annotations

import copy
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import markdown
import nh3

URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_TAGS = (set(nh3.ALLOWED_TAGS) - {"center", "map", "area", "acronym", "strike", "tt"}) | {"input", "label"}
_ATTRIBUTES: dict[str, set[str]] = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
_ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir"}
_ATTRIBUTES["img"] = {"src", "alt", "width", "height", "loading"}
_ATTRIBUTES["input"] = {"type", "checked", "disabled"}
_ATTRIBUTES["details"] = {"open"}
_ATTRIBUTES["abbr"] = {"title"}


def sanitize(html: str) -> str:
    """Remove scripts, event handlers, styles and links other than http(s), mailto, tel and relative."""
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


class MarkdownRenderer:
    """Renders plan Markdown with the site's own extensions (one converter per thread)."""

    def __init__(
        self,
        extensions: Sequence[Any] = (),
        configs: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self._extensions = [ext for ext in extensions if not _is_toc_permalink_only(ext)]
        self._configs = copy.deepcopy(dict(configs or {}))
        self._local = threading.local()
        self._memo: dict[str, str] = {}

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
            cached = sanitize(converter.reset().convert(text))
            self._memo[text] = cached
        return cached


def _is_toc_permalink_only(extension: Any) -> bool:
    """The toc extension adds permalinks and ids meant for whole pages; plan fields skip it."""
    return extension == "toc"
