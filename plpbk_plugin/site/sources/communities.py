"""Community sites gathered by a portal: their published ``data.json``, checked and kept.

A portal lists the ``data.json`` of community sites (option ``communities:``). Each is fetched
(:mod:`.fetching`), read as untrusted input — JSON of at most a few MB, the ``plpbk-kawasan``
format of a version this plpbk reads, valid against the published ``data.schema.json`` and
the plan model, at most :data:`MAX_PROJECTS` projects, links only http(s) — and its last good
copy kept (:mod:`.source_cache`). A source that fails now falls back to that copy, saying so;
without one it is left out. Either way the reason is a message naming the source.

What a portal shows of a community is a :class:`Community`: a summary of the kawasan
(:mod:`.community_summary`: escaped by the templates like any plan text), the links to its own
pages, and when the portal last confirmed it. The summary is kept beside the copy: a source that
answers 304 is not read or checked again. The portal never re-hosts the community's pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urljoin, urlsplit

import jsonschema
import jsonschema_rs
from pydantic import ValidationError
from referencing import Registry, Resource

from ...i18n import N_, Translator
from ...plan.figures import Totals
from ...plan.model import Kawasan
from ...plan.reading.yaml_source import INVISIBLE
from .community_news import FEED_FILE, NewsEntry, read_feed
from .community_summary import Summary, summarize, summary_from_record, summary_record
from .fetching import MAX_BYTES, TIMEOUT, Failure, Response, fetch_each
from .source_cache import Copy, SourceCache

FORMAT_KAWASAN = "plpbk-kawasan"
"""The format a kawasan's data.json declares (written by :mod:`..opendata.datasets`, checked here)."""
VERSION = 1
MAX_PROJECTS = 500
"""Projects one source may hold (a real RPLP has tens)."""
CACHE_FOLDER = "communities"
State = Literal["fresh", "unchanged", "cached", "missing"]



REASONS = {
    "scheme": N_("only https addresses can be gathered (plain http only on this computer: localhost, 127.0.0.1)"),
    "status": N_("the server answered HTTP %(status)s"),
    "not_found": N_("there is no file at this address (HTTP %(status)s): check the address, or whether the site is still published"),
    "server_error": N_("the server has a fault (HTTP %(status)s); it may work again later"),
    "busy": N_("the server is busy (HTTP %(status)s) and asks to come back in %(after)s seconds"),
    "timeout": N_("no complete answer within %(seconds)s seconds"),
    "dns": N_("the name %(host)s cannot be found: check the address"),
    "certificate": N_("the security certificate of %(host)s cannot be trusted (%(error)s)"),
    "certificates": N_("the certificates named by SSL_CERT_FILE or SSL_CERT_DIR cannot be read (%(error)s)"),
    "proxy": N_("the proxy (HTTPS_PROXY) does not let the request through (%(error)s)"),
    "connection": N_("cannot connect to %(host)s (%(error)s)"),
    "protocol": N_("the server's answer is not valid HTTP (%(error)s)"),
    "incomplete": N_("the connection broke off before the whole file arrived (%(error)s)"),
    "compressed": N_("the server's compressed file is broken (%(error)s)"),
    "too_large": N_("the file is larger than %(limit)s"),
    "redirects": N_("more than %(count)s redirects"),
    "redirect_scheme": N_("it redirects to %(url)s, which is neither https nor this computer"),
    "encoding": N_("the server compressed the file as %(encoding)s, which plpbk does not read"),
    "html": N_("the address gives a web page, not a data.json: check that it ends in data.json (or the site shows a maintenance page)"),
    "utf8": N_("the file is not UTF-8 text (an invalid byte at position %(position)s)"),
    "nesting": N_("the JSON is nested too deeply to be a data.json"),
    "invisible": N_("the text at %(path)s holds the invisible character %(code)s"),
    "json": N_("the file is not valid JSON (%(error)s)"),
    "portal": N_("this is the data.json of a portal: list the data.json of each of its kawasan instead"),
    "format": N_("this is not the data.json of a kawasan published by plpbk (format %(found)s)"),
    "version": N_("data.json version %(found)s is not one this plpbk reads (version %(version)s): update plpbk"),
    "schema": N_("it does not follow data.schema.json at %(path)s: %(error)s"),
    "feed": N_("the feed is not valid RSS (%(error)s)"),
    "projects": N_("it lists %(count)s projects, more than the %(limit)s a source may have"),
}


@dataclass(frozen=True)
class SourceProblem:
    """Why a document cannot be used: a key of :data:`REASONS` and its values."""

    reason: str
    details: Mapping[str, Any]

    def text(self, t: Translator) -> str:
        values = dict(self.details)
        if self.reason == "too_large":
            values["limit"] = t.file_size(int(values["limit"]))
        if self.reason == "timeout":
            values["seconds"] = t.number(round(float(values["seconds"]), 1))
        if self.reason == "busy":
            values["after"] = t.number(round(float(values["after"])))
        return t.gettext(REASONS[self.reason]) % values


UNANNOUNCED = "?"
"""The feed of a data.json that does not say whether it has one (published by an earlier plpbk): fetched to know."""


@dataclass(frozen=True)
class Community:
    """A kawasan published on a community's own site, as the portal shows it."""

    source: str  # the data.json address, as listed in mkdocs.yml
    slug: str  # the slug it publishes (a portal may need to make it unique)
    kawasan: Summary  # what the portal shows of its plan
    home: str | None  # its Beranda; None when it gives no usable address (shown unlinked)
    project_urls: Mapping[str, str]  # project id → its page on the community's site
    refreshed: dt.datetime  # when the portal last confirmed this copy
    digest: str = ""  # of the document it was read from (what the portal's page cache compares)
    stale: bool = False  # a kept copy, because the source fails now
    news: tuple[NewsEntry, ...] = ()  # from the feed.xml beside its data.json
    feed: str | None = UNANNOUNCED  # what its data.json says of that feed: the sha256 of its bytes, None for no feed

    @property
    def totals(self) -> Totals:
        return self.kawasan.totals

    @property
    def host(self) -> str:
        return urlsplit(self.source).netloc

    def url(self, path: str = "") -> str | None:
        """A page of the community's own site: ``""`` for its Beranda, ``rencana/<id>`` for a project."""
        if path.startswith("rencana/") and path[8:] in self.project_urls:
            return self.project_urls[path[8:]]
        return self.home if not path else None


@dataclass(frozen=True)
class Gathered:
    """What became of one source in this build."""

    source: str
    state: State  # fresh (new copy), unchanged (304), cached (fails now: kept copy), missing (fails, no copy)
    community: Community | None
    problem: SourceProblem | None = None
    copy_date: dt.datetime | None = None  # of the kept copy, when one is used because the source fails
    news_problem: SourceProblem | None = None  # its feed.xml fails (its news kept from the last good copy, if any)

    def messages(self, t: Translator) -> list[str]:
        """The warnings of a failing source (none when it is fine)."""
        found = [self._message(t)] if self.problem else []
        if self.news_problem is not None:
            values = {"url": self.source, "reason": self.news_problem.text(t)}
            found.append(t.gettext("Community %(url)s: its news feed cannot be used: %(reason)s.") % values)
        return found

    def _message(self, t: Translator) -> str:
        assert self.problem is not None
        values = {"url": self.source, "reason": self.problem.text(t)}
        if self.state == "cached" and self.copy_date is not None:
            values["date"] = t.date(self.copy_date.date())
            return t.gettext("Community %(url)s: %(reason)s. The portal shows its last good copy, of %(date)s.") % values
        return t.gettext("Community %(url)s: %(reason)s. It is left out of the portal (there is no earlier good copy).") % values


# -- reading a document --------------------------------------------------------------------------


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _clip(text: str, limit: int = 160) -> str:
    """Untrusted text for a message: no control characters (a terminal runs some), short."""
    text = _CONTROL.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


SCHEMA_FILES = ("data.schema.json", "kawasan.schema.json")
SUMMARY_VERSION = "2"
"""Part of the stamp: a plpbk that summarises differently reads kept copies again."""


@lru_cache(maxsize=1)
def _schemas() -> tuple[str, Any, jsonschema.protocols.Validator]:
    """A stamp of the published schemas (kept copies checked against other rules are checked again), a fast
    validator (jsonschema-rs) that says whether a document is valid, and one (jsonschema) that says why not."""
    folder = files("plpbk_plugin") / "schema"
    texts = [(folder / name).read_text(encoding="utf-8") for name in SCHEMA_FILES]
    schemas = [json.loads(text) for text in texts]
    registry = Registry().with_resources((schema["$id"], Resource.from_contents(schema)) for schema in schemas)
    cls = jsonschema.validators.validator_for(schemas[0])
    stamp = hashlib.sha256("\0".join([*texts, SUMMARY_VERSION]).encode("utf-8")).hexdigest()[:16]
    fast = jsonschema_rs.validator_for(schemas[0], registry=jsonschema_rs.Registry([(x["$id"], x) for x in schemas]),
                                       validate_formats=True, offline=True)
    return stamp, fast, cls(schemas[0], registry=registry, format_checker=cls.FORMAT_CHECKER)


def _schema_problem(doc: Any) -> SourceProblem | None:
    """Why ``doc`` does not follow data.schema.json (the fast check first: most documents do)."""
    _stamp, fast, full = _schemas()
    if fast.is_valid(doc):
        return None
    error = jsonschema.exceptions.best_match(full.iter_errors(doc))
    if error is None:
        return None
    return SourceProblem("schema", {"path": "/".join(str(p) for p in error.absolute_path) or "/", "error": _clip(error.message)})


def read_document(body: bytes, source: str, refreshed: dt.datetime, *, checked: bool = False) -> Community | SourceProblem:
    """A community from a ``data.json`` body, or why it cannot be one.

    ``checked``: a kept copy that passed the same schemas before; the (slow) JSON Schema pass is
    skipped, the plan model still reads it.
    """
    try:
        doc = json.loads(body, parse_constant=_no_constant)
    except RecursionError:
        return SourceProblem("nesting", {})
    except UnicodeDecodeError as exc:
        return SourceProblem("utf8", {"position": exc.start})
    except ValueError as exc:  # JSONDecodeError, bad UTF-8, integers of thousands of digits
        return SourceProblem("json", {"error": _clip(str(exc))})
    if not checked and (hidden := _invisible(doc)):
        return SourceProblem("invisible", {"path": hidden[0], "code": f"U+{ord(hidden[1]):04X}"})
    if not isinstance(doc, dict):
        return SourceProblem("format", {"found": _clip(type(doc).__name__)})
    found = doc.get("format")
    if found == "plpbk-portal":
        return SourceProblem("portal", {})
    if found != FORMAT_KAWASAN:
        return SourceProblem("format", {"found": _clip(json.dumps(found, ensure_ascii=False))})
    if doc.get("version") != VERSION:
        return SourceProblem("version", {"found": _clip(json.dumps(doc.get("version"))), "version": VERSION})
    kawasan = doc.get("kawasan")
    counts = [len(value) for value in (doc.get("projects"), kawasan.get("projects") if isinstance(kawasan, dict) else None) if isinstance(value, list)]
    if counts and max(counts) > MAX_PROJECTS:
        return SourceProblem("projects", {"count": max(counts), "limit": MAX_PROJECTS})
    if not checked and (problem := _schema_problem(doc)):
        return problem
    try:
        model = Kawasan.model_validate(kawasan)
    except ValidationError as exc:
        first = exc.errors()[0]
        path = "/".join(["kawasan", *(str(p) for p in first["loc"])])
        return SourceProblem("schema", {"path": path, "error": _clip(first["msg"])})
    home = doc["url"] if web_link(doc["url"]) else _beside(source)
    projects = {row["id"]: row["url"] for row in doc["projects"] if web_link(row.get("url"))}
    feed = doc["feed"]["sha256"] if isinstance(doc.get("feed"), dict) else None if "feed" in doc else UNANNOUNCED
    return Community(source=source, slug=doc["slug"], kawasan=summarize(model, home), home=home, project_urls=projects,
                     refreshed=refreshed, digest=hashlib.sha256(body).hexdigest()[:32], feed=feed)


def community_record(community: Community) -> dict[str, Any]:
    """What the portal read from a document, as JSON to keep beside its copy."""
    return {"slug": community.slug, "home": community.home, "project_urls": dict(community.project_urls),
            "digest": community.digest, "feed": community.feed, "summary": summary_record(community.kawasan)}


def _kept_community(kept: Copy, source: str, refreshed: dt.datetime) -> Community | SourceProblem:
    """A kept copy as a community: from what was read from it before when the rules are the same, else read again."""
    current = kept.stamp == _schemas()[0]
    record = kept.derived if current else None
    if record is not None and (summary := summary_from_record(record.get("summary") or {})) is not None:
        try:
            feed = record.get("feed", UNANNOUNCED)
            return Community(source=source, slug=str(record["slug"]), kawasan=summary, home=record["home"],
                             project_urls=dict(record["project_urls"]), refreshed=refreshed, digest=str(record["digest"]),
                             feed=feed if feed is None or isinstance(feed, str) else UNANNOUNCED)
        except (KeyError, TypeError, ValueError):
            pass
    return read_document(kept.body, source, refreshed, checked=current)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _invisible(value: Any, path: str = "") -> tuple[str, str] | None:
    """The first text (or key) holding a character plan text may not hold, and that character."""
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if found := INVISIBLE.search(item):
                return where or "/", found.group()
        elif isinstance(item, dict):
            for key, inner in item.items():
                stack += [(key, where), (inner, f"{where}/{key}" if where else str(key))]
        elif isinstance(item, list):
            stack += [(inner, f"{where}/{i}" if where else str(i)) for i, inner in enumerate(item)]
    return None


_NOT_IN_LINK = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"'`\\]")


def web_link(url: Any) -> bool:
    """An http(s) address a page may link to (nothing a browser would read as script or markup)."""
    if not isinstance(url, str) or len(url) > 2000 or _NOT_IN_LINK.search(url):
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _beside(source: str) -> str | None:
    """A kawasan's Beranda is the folder of its data.json: the community's home when it has no site_url."""
    if urlsplit(source).path.endswith("/data.json"):
        home = urljoin(source, "./")
        return home if web_link(home) else None
    return None


# -- gathering -----------------------------------------------------------------------------------


def gather(
    sources: Sequence[str],
    cache_dir: Path | None,
    *,
    timeout: float = TIMEOUT,
    max_bytes: int = MAX_BYTES,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
) -> list[Gathered]:
    """Fetch every source at once (conditionally, when a copy is kept), check it, keep good copies.

    ``cache_dir`` ``None``: no copies are read or written (``plpbk communities check``).
    """
    cache = SourceCache(cache_dir / CACHE_FOLDER) if cache_dir is not None else None
    sources = list(dict.fromkeys(sources))
    feeds = {url: urljoin(url, FEED_FILE) for url in sources}
    urls = [url for source in sources for url in (source, feeds[source])]  # each feed right after its data.json
    kept = {url: cache.get(url) if cache else None for url in urls}
    announced: dict[int, str | None] = {}  # a feed's index -> what its data.json, read just before, says of it

    def read(index: int, answer: Response | Failure) -> Gathered | tuple[tuple[NewsEntry, ...], SourceProblem | None]:
        """Each answer read as it arrives (the portal never holds every document at once): a data.json, then its feed."""
        url = urls[index]
        if index % 2:
            return _news(url, answer, kept[url], cache, now())
        found = _settle(url, answer, kept[url], cache, now())
        if found.community is not None and found.state in ("fresh", "unchanged") and found.community.feed != UNANNOUNCED:
            announced[index + 1] = found.community.feed
        return found

    def known(index: int) -> tuple[tuple[NewsEntry, ...], SourceProblem | None] | None:
        """A feed its data.json says it has not (no news), or whose bytes it says the kept copy has: not fetched."""
        if index not in announced:
            return None
        digest, copy = announced[index], kept[urls[index]]
        if digest is None:
            return (), None
        if copy is not None and hashlib.sha256(copy.body).hexdigest() == digest:
            return _news(urls[index], Response(urls[index], 304), copy, None, now())
        return None

    results = fetch_each([(url, held.validators if (held := kept[url]) else None) for url in urls], read,
                         timeout=timeout, max_bytes=max_bytes, together=2, known=known)
    gathered = []
    for found, feed in zip(results[::2], results[1::2]):
        assert isinstance(found, Gathered) and isinstance(feed, tuple)
        if found.community is not None:
            news, problem = feed
            found = dataclasses.replace(found, community=dataclasses.replace(found.community, news=news), news_problem=problem)
        gathered.append(found)
    return gathered


def _news(
    url: str, answer: Response | Failure, kept: Copy | None, cache: SourceCache | None, now: dt.datetime
) -> tuple[tuple[NewsEntry, ...], SourceProblem | None]:
    """A community's news from its feed: none without a feed (404), the kept copy's while it fails."""
    if isinstance(answer, Failure) and answer.details.get("status") == 404:
        return (), None
    if isinstance(answer, Response) and answer.status == 200:
        entries = read_feed(answer.body, web_link)
        if not isinstance(entries, str):
            if cache:
                cache.put(url, Copy(answer.body, answer.validators, now, now))
            return entries, None
        problem = SourceProblem("feed", {"error": _clip(entries)})
    elif isinstance(answer, Response):  # 304: the kept copy is current
        problem = None
    else:
        problem = _failed(answer)
    if kept is not None:
        entries = read_feed(kept.body, web_link)
        if not isinstance(entries, str):
            return entries, problem
    return (), problem


def _settle(url: str, answer: Response | Failure, kept: Copy | None, cache: SourceCache | None, now: dt.datetime) -> Gathered:
    """One source's outcome: its new copy, its confirmed copy, its kept copy, or nothing."""
    if isinstance(answer, Failure):
        return _fallback(url, _failed(answer), kept)
    stamp = _schemas()[0]
    if answer.status == 304 and kept is not None:
        community = _kept_community(kept, url, now)
        if isinstance(community, SourceProblem):  # a copy kept by an older plpbk that this one reads differently
            return _fallback(url, community, None)
        same = kept.derived is not None and kept.stamp == stamp and kept.derived.get("digest") == community.digest
        if cache and not (same and kept.checked.date() == now.date()):  # confirmed today already: nothing to write
            record = kept.derived if same else community_record(community)
            cache.put(url, Copy(kept.content, kept.validators, kept.fetched, now, stamp, record), body_changed=False)
        return Gathered(url, "unchanged", community)
    community = read_document(answer.body, url, now)
    if isinstance(community, SourceProblem) and community.reason in ("json", "utf8") and answer.content_type == "text/html":
        community = SourceProblem("html", {})  # a web page where the data should be: a wrong address, a maintenance page
    if isinstance(community, SourceProblem):
        return _fallback(url, community, kept)
    if cache:
        cache.put(url, Copy(answer.body, answer.validators, now, now, stamp, community_record(community)))
    return Gathered(url, "fresh", community)


def _fallback(url: str, problem: SourceProblem, kept: Copy | None) -> Gathered:
    if kept is not None:
        community = _kept_community(kept, url, kept.checked)
        if isinstance(community, Community):
            return Gathered(url, "cached", dataclasses.replace(community, stale=True), problem, kept.checked)
    return Gathered(url, "missing", None, problem)


STATUS_REASONS = {404: "not_found", 410: "not_found", 500: "server_error", 502: "server_error", 503: "server_error", 504: "server_error"}


def _failed(failure: Failure) -> SourceProblem:
    """A failed fetch as a problem; what the server or the network said is shortened and made printable."""
    reason = STATUS_REASONS.get(int(str(failure.details["status"])), "status") if failure.reason == "status" else failure.reason
    return SourceProblem(reason, {key: _clip(v) if isinstance(v, str) else v for key, v in failure.details.items()})


def portal_communities(gathered: Sequence[Gathered], taken: set[str]) -> list[Community]:
    """The gathered kawasan a portal shows, each with a slug no other kawasan of the portal has."""
    taken = set(taken)
    return [unique_slug(item.community, taken) for item in gathered if item.community is not None]


def unique_slug(community: Community, taken: set[str]) -> Community:
    """The community with a slug no other kawasan of the portal has (``-2``, ``-3``… when needed); ``taken`` grows."""
    slug, n = community.slug, 2
    while slug in taken:
        slug, n = f"{community.slug}-{n}", n + 1
    taken.add(slug)
    return community if slug == community.slug else dataclasses.replace(community, slug=slug)
