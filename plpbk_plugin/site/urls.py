"""Site URLs: where each page lives, and relative links between pages and files."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Urls:
    """URL rules of one site (MkDocs' ``use_directory_urls`` and ``site_url``)."""

    directory_urls: bool = True
    site_url: str | None = None

    def page(self, path: str) -> str:
        """Site-relative URL of the page at ``path`` ("" for the root, "a/b/" for a folder page)."""
        path = path.strip("/")
        if self.directory_urls:
            return f"{path}/" if path else ""
        return f"{path}/index.html" if path else "index.html"

    @staticmethod
    def src_uri(path: str) -> str:
        """The virtual Markdown source of the page at ``path``."""
        path = path.strip("/")
        return f"{path}/index.md" if path else "index.md"

    @staticmethod
    def built_file(path: str) -> str:
        """The file a build writes for the page at ``path``: its source is an ``index.md``, so the
        page is the folder's ``index.html`` with or without ``use_directory_urls``."""
        path = path.strip("/")
        return f"{path}/index.html" if path else "index.html"

    @staticmethod
    @lru_cache(maxsize=1 << 16)  # every page links to the same few pages of its kawasan, many times
    def relative(from_url: str, to_url: str) -> str:
        """Link from the page at ``from_url`` to the site-relative ``to_url``."""
        base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
        target = to_url
        rel = posixpath.relpath(target or ".", base.rstrip("/") or ".")
        if to_url.endswith("/") or not to_url:
            rel = "./" if rel == "." else rel + "/"
        if ":" in rel.split("/", 1)[0]:  # `javascript:x.pdf` would read as a scheme (RFC 3986, 4.2)
            rel = "./" + rel
        return rel

    def absolute(self, to_url: str) -> str | None:
        """Absolute URL under ``site_url`` (``None`` when the site has no ``site_url``)."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + to_url.lstrip("/")
