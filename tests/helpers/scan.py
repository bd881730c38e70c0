"""Scanning built pages for live code: scripts, event handlers, dangerous URLs, plan text as markup."""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

URL_ATTRIBUTES = frozenset(
    {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "lowsrc", "dynsrc",
     "cite", "codebase", "longdesc", "usemap", "manifest", "ping", "srcdoc"}
)
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "livescript:", "mocha:")
RASTER_IMAGE = re.compile(r"data:image/(?:webp|png|jpeg|gif);base64,[a-z0-9+/=]*")
"""A raster picture inline (a card to embed carries its photo so): an <img> shows it and runs nothing."""
FORBIDDEN_ELEMENTS = frozenset(
    {"iframe", "frame", "frameset", "object", "embed", "applet", "base", "bgsound", "xss", "isindex", "keygen",
     "set", "animate", "animatemotion", "animatetransform", "handler", "listener", "import", "xmp", "plaintext"}
)
JSON_TYPES = frozenset({"application/ld+json", "application/json"})
PLAN_MARKERS = re.compile(r"alert|msgbox|xss|document\.cookie", re.IGNORECASE)
_STRIPPED = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


def url_scheme(value: str) -> str:
    """What a browser would take as the scheme: entities already decoded, controls and spaces dropped, folded."""
    return _STRIPPED.sub("", value).casefold()


class Scanner(HTMLParser):
    """Collects what makes a page run code: script elements, event handlers, dangerous URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.metas: list[dict[str, str | None]] = []
        self._script: dict[str, str | None] | None = None
        self._script_text: list[str] = []
        self.start_tags = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start_tags += 1
        attributes = dict(attrs)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: event handler")
            if name in URL_ATTRIBUTES or name.endswith(":href"):
                candidates = [part.strip().split(" ")[0] for part in value.split(",")] if name == "srcset" else [value]
                for candidate in candidates:
                    if tag == "img" and name == "src" and RASTER_IMAGE.fullmatch(url_scheme(candidate)):
                        continue
                    if url_scheme(candidate).startswith(BAD_SCHEMES):
                        self.problems.append(f"<{tag} {name}={value!r}>: dangerous scheme")
            if name == "srcset":
                for part in value.split(","):
                    if url_scheme(part.strip()).startswith(BAD_SCHEMES):
                        self.problems.append(f"<{tag} srcset={value!r}>: dangerous scheme")
            if name == "style" and re.search(r"javascript:|expression\(|behavior:|url\(\s*['\"]?\s*data:", url_scheme(value)):
                self.problems.append(f"<{tag} style={value!r}>: script in style")
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}>: element that loads or runs code")
        if tag == "meta":
            self.metas.append(attributes)
            if (attributes.get("http-equiv") or "").lower() == "refresh":
                self.problems.append(f"<meta http-equiv=refresh content={attributes.get('content')!r}>")
        if tag == "link" and (attributes.get("rel") or "").lower() in ("import", "stylesheet") and PLAN_MARKERS.search(attributes.get("href") or ""):
            self.problems.append(f"<link href={attributes.get('href')!r}>: plan-controlled stylesheet or import")
        if tag == "script":
            self._script, self._script_text = attributes, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag == "script":
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._script_text)))
            self._script = None


def scan_page(html: str, page: str, site: Path, base: str = "/") -> list[str]:
    """Every way ``html`` could run code that did not come from the theme or the plugin's own assets.

    ``base`` is the site's path under its domain (404.html links its scripts absolutely).
    """
    scanner = Scanner()
    scanner.feed(html)
    scanner.close()
    problems = [f"{page}: {p}" for p in scanner.problems]
    folder = posixpath.dirname(page)
    for attributes, text in scanner.scripts:
        kind = (attributes.get("type") or "").strip().lower()
        src = attributes.get("src")
        if src is not None:
            target = src[len(base):] if src.startswith(base) else posixpath.normpath(posixpath.join(folder, src))
            if "//" in src or ":" in src or not (site / target).is_file() or not target.startswith("assets/"):
                problems.append(f"{page}: <script src={src!r}> is not one of the site's own assets")
        elif kind in JSON_TYPES:
            try:
                json.loads(text)
            except ValueError as exc:
                problems.append(f"{page}: <script type={kind}> is not JSON ({exc}): {text[:120]!r}")
            if re.search(r"</script|<!--", text, re.IGNORECASE):
                problems.append(f"{page}: <script type={kind}> holds raw </script or <!--")
        elif PLAN_MARKERS.search(text):
            problems.append(f"{page}: inline script with plan text: {text[:120]!r}")
    raw_scripts = len(re.findall(r"<script\b", html, re.IGNORECASE))
    if raw_scripts != len(scanner.scripts):
        problems.append(f"{page}: {raw_scripts} `<script` in the text but {len(scanner.scripts)} script elements")
    return problems


def scan_site(site: Path, base: str = "/") -> list[str]:
    """Problems of every HTML page of a built site."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        problems += scan_page(path.read_text(encoding="utf-8"), page, site, base)
    return problems


def metas(html: str) -> dict[str, str]:
    scanner = Scanner()
    scanner.feed(html)
    return {(m.get("property") or m.get("name") or ""): (m.get("content") or "") for m in scanner.metas}


def jsonld_blocks(html: str) -> list[Any]:
    scanner = Scanner()
    scanner.feed(html)
    return [json.loads(text) for attrs, text in scanner.scripts if (attrs.get("type") or "") == "application/ld+json"]
