"""Plans on disk → validated models; every problem as ``file:line: field: message``.

``load_plans`` reads each ``plans/<slug>/`` folder: kawasan.yml (YAML converted
node by node, so each value keeps its line and hostile YAML fails fast), the
news posts and the boundary. Pydantic's errors become Indonesian (or English)
sentences for a BKM volunteer, with the nearest valid key or value for a typo.
All problems of all plans come back in one result; nothing is raised.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import types
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .files import BOUNDARY_FILE, FileError, Limits, check_file, check_files, read_boundary, read_text, resolve_inside
from .i18n import DEFAULT_LANGUAGE, languages, translator
from .model import Kawasan, NewsPost, Slug
from .rules import Finding, find_errors, find_warnings, nearest
from .translations import check_overlay, mark_fallbacks, merge

__all__ = [
    "Document",
    "Limits",
    "LoadResult",
    "NewsItem",
    "Plan",
    "Problem",
    "is_slug",
    "load_plan",
    "load_plans",
    "read_yaml",
    "slugify",
    "validate",
]

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=BaseModel)

PLAN_FILE = "kawasan.yml"
NEWS_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


def N_(message: str) -> str:
    """Mark a message for translation where it is defined; it is translated where used."""
    return message


@dataclass(frozen=True)
class Problem:
    """One error or warning, located as precisely as the input allows."""

    file: Path
    line: int | None
    field: str
    message: str
    suggestion: str | None = None
    lang: str = dataclasses.field(default="id", compare=False, repr=False)

    def __str__(self) -> str:
        where = _display(self.file) + (f":{self.line}" if self.line else "")
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        if self.suggestion:
            hint = translator(self.lang).gettext("Did you mean `%(suggestion)s`?")
            text += " " + hint % {"suggestion": self.suggestion}
        return text


def _display(path: Path) -> str:
    """The path relative to the working directory when it lies below it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return str(path)


@dataclass(frozen=True)
class NewsItem:
    """A news post: ``news/2026-11-02-gotong-royong.md`` has the slug ``gotong-royong``."""

    slug: str
    meta: NewsPost
    body: str
    source: Path


@dataclass(frozen=True)
class Plan:
    """A kawasan that loaded without errors."""

    slug: str
    folder: Path
    source: Path
    kawasan: Kawasan
    news: tuple[NewsItem, ...]
    boundary: dict | None
    lines: Mapping[str, int]
    translations: Mapping[str, Kawasan] = dataclasses.field(default_factory=dict)
    """The plan in other languages (from ``kawasan.<lang>.yml``), untranslated texts as ``Fallback``."""


@dataclass(frozen=True)
class LoadResult:
    """The valid plans (by slug), and every error and warning of every plan (by file and line)."""

    plans: tuple[Plan, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


_SLUG = TypeAdapter(Slug)


def is_slug(name: str) -> bool:
    """Whether ``name`` can be a kawasan folder or id: lowercase letters, digits, hyphens."""
    try:
        _SLUG.validate_python(name)
    except ValidationError:
        return False
    return True


def slugify(text: str) -> str:
    """A slug close to ``text``: ``Tambak Sari`` → ``tambak-sari``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def load_plans(
    plans_dir: Path, *, lang: str = "id", limits: Limits = Limits(), memo: dict[Path, Any] | None = None
) -> LoadResult:
    """Every kawasan under ``plans_dir``; folders starting with ``.`` or ``_`` are ignored.

    ``memo`` (kept by the caller, e.g. across `mkdocs serve` rebuilds) reuses the result of a
    folder none of whose files changed (same names, sizes and modification times).
    """
    _ = translator(lang).gettext
    if not plans_dir.is_dir():
        message = _("The plans folder `%(folder)s` does not exist; create a kawasan with `plpbk new <slug>`.")
        return LoadResult((), (Problem(plans_dir, None, "", message % {"folder": plans_dir}, lang=lang),), ())
    plans: list[Plan] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for folder in sorted(plans_dir.iterdir()):
        if folder.name.startswith((".", "_")) or not folder.is_dir():
            continue
        if not is_slug(folder.name):
            message = _("The folder name `%(name)s` is not a valid slug: use lowercase letters, digits and hyphens.")
            problems.append(
                Problem(folder, None, "", message % {"name": folder.name}, slugify(folder.name) or None, lang)
            )
            continue
        stamp = (lang, limits, _folder_stamp(folder)) if memo is not None else None
        if memo is not None and folder in memo and memo[folder][0] == stamp:
            plan, errors, cautions = memo[folder][1]
        else:
            plan, errors, cautions = load_plan(folder, lang=lang, limits=limits)
            if memo is not None:
                memo[folder] = stamp, (plan, errors, cautions)
        plans += [plan] if plan else []
        problems += errors
        warnings += cautions
    if not plans and not problems:
        message = _("No kawasan in `%(folder)s`: create one with `plpbk new <slug>`.")
        problems.append(Problem(plans_dir, None, "", message % {"folder": plans_dir}, lang=lang))
    return LoadResult(tuple(plans), tuple(_in_order(problems)), tuple(_in_order(warnings)))


def _folder_stamp(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file under ``folder`` with its size and modification time."""
    found = []
    for root, _dirs, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                stat = None
            found.append((path, stat.st_size if stat else -1, stat.st_mtime_ns if stat else -1))
    return tuple(sorted(found))


def load_plan(
    folder: Path, *, lang: str = "id", limits: Limits = Limits()
) -> tuple[Plan | None, list[Problem], list[Problem]]:
    """One kawasan folder: ``(plan or None, errors, warnings)``; the plan only when there is no error."""
    try:
        return _load_plan(folder, lang, limits)
    except Exception as exc:  # a bug on one plan must not hide the problems of all the others
        logger.debug("Unexpected error while loading %s", folder, exc_info=True)
        message = translator(lang).gettext(
            "Unexpected error while reading this plan (%(error)s); please report it to the plpbk developers."
        )
        error = f"{type(exc).__name__}: {exc}"
        return None, [Problem(folder / PLAN_FILE, None, "", message % {"error": error}, lang=lang)], []


def _load_plan(folder: Path, lang: str, limits: Limits) -> tuple[Plan | None, list[Problem], list[Problem]]:
    source = folder / PLAN_FILE
    if not (source.exists() or source.is_symlink()):
        near = nearest(PLAN_FILE, [path.name for path in folder.iterdir() if path.is_file()] if folder.is_dir() else [])
        _ = translator(lang).gettext
        message = (
            _("This folder has no `kawasan.yml`; rename `%(near)s` to `kawasan.yml`.") % {"near": near}
            if near
            else _("This folder has no `kawasan.yml`; start one with `plpbk new %(slug)s`.") % {"slug": folder.name}
        )
        return None, [Problem(folder, None, "", message, lang=lang)], []
    try:
        text = read_text(resolve_inside(folder, PLAN_FILE, lang), limits.max_yaml_bytes, lang)
    except FileError as exc:
        return None, [Problem(source, exc.line, "", exc.message, exc.suggestion, lang)], []
    document, problems = read_yaml(text, source, limits, lang)
    if document is None:
        return None, problems, []
    kawasan, invalid = validate(Kawasan, document, source, lang)
    problems += invalid
    skip = {problem.field for problem in problems}
    problems += document.problems(source, check_files(document.data, folder, limits, lang, skip), lang)
    news, news_problems = _load_news(folder, limits, lang)
    boundary, boundary_problems = _load_boundary(folder, limits, lang)
    problems += news_problems + boundary_problems
    warnings: list[Problem] = []
    if kawasan is not None:
        problems += document.problems(source, find_errors(kawasan, lang), lang)
        warnings = document.problems(source, find_warnings(kawasan, lang), lang)
    if problems or kawasan is None:
        return None, _in_order(problems), warnings
    translations, problems = _load_translations(folder, kawasan, limits, lang)
    if problems:
        return None, _in_order(problems), warnings
    lines = types.MappingProxyType(document.lines)
    plan = Plan(folder.name, folder, source, kawasan, news, boundary, lines, types.MappingProxyType(translations))
    return plan, [], warnings


def _load_translations(
    folder: Path, kawasan: Kawasan, limits: Limits, lang: str
) -> tuple[dict[str, Kawasan], list[Problem]]:
    """Every ``kawasan.<lang>.yml`` overlay of a valid plan, merged and validated."""
    found: dict[str, Kawasan] = {}
    problems: list[Problem] = []
    known = [code for code in languages() if code != DEFAULT_LANGUAGE]
    for path in sorted(folder.glob("kawasan.*.yml")):
        code = path.name.split(".")[1]
        if code not in known:
            message = translator(lang).gettext("There is no language `%(code)s`: translations can be %(known)s.")
            problems.append(Problem(path, None, "", message % {"code": code, "known": ", ".join(known)}, nearest(code, known), lang))
            continue
        try:
            text = read_text(resolve_inside(folder, path.name, lang), limits.max_yaml_bytes, lang)
        except FileError as exc:
            problems.append(Problem(path, exc.line, "", exc.message, exc.suggestion, lang))
            continue
        document, invalid = read_yaml(text, path, limits, lang)
        if document is None:
            problems += invalid
            continue
        findings = check_overlay(document.data, kawasan, lang)
        if findings:
            problems += document.problems(path, findings, lang)
            continue
        merged = Document(merge(kawasan.model_dump(by_alias=True, exclude_none=True), document.data), document.lines, document.raw)
        translated, invalid = validate(Kawasan, merged, path, lang)
        if translated is None:
            problems += invalid
            continue
        found[code] = mark_fallbacks(translated, document.data)
    return found, problems


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (str(p.file), p.line or 0))


def _load_boundary(folder: Path, limits: Limits, lang: str) -> tuple[dict | None, list[Problem]]:
    path = folder / BOUNDARY_FILE
    if not (path.exists() or path.is_symlink()):
        return None, []
    try:
        return read_boundary(folder, limits, lang), []
    except FileError as exc:
        return None, [Problem(path, exc.line, "", exc.message, exc.suggestion, lang)]


def _load_news(folder: Path, limits: Limits, lang: str) -> tuple[tuple[NewsItem, ...], list[Problem]]:
    """The posts of ``news/`` (``_draft.md`` and hidden files ignored), newest first."""
    news_dir = folder / "news"
    if not news_dir.is_dir():
        return (), []
    items: dict[str, NewsItem] = {}
    problems: list[Problem] = []
    for path in sorted(news_dir.iterdir()):
        if path.name.startswith((".", "_")) or path.suffix.lower() != ".md":
            continue
        item, found = _load_post(folder, path, limits, lang)
        problems += found
        if item and item.slug in items:
            message = translator(lang).gettext(
                "`%(other)s` has the same name after its date; rename one of them."
            )
            problems.append(Problem(path, None, "", message % {"other": items[item.slug].source.name}, lang=lang))
        elif item:
            items[item.slug] = item
    ordered = sorted(items.values(), key=lambda item: item.slug)
    return tuple(sorted(ordered, key=lambda item: item.meta.date, reverse=True)), problems


def _load_post(folder: Path, path: Path, limits: Limits, lang: str) -> tuple[NewsItem | None, list[Problem]]:
    _ = translator(lang).gettext
    match = NEWS_NAME.match(path.name)
    if not match:
        message = _("Name news posts `YYYY-MM-DD-title.md`, for example `2026-11-02-gotong-royong.md`.")
        return None, [Problem(path, None, "", message, lang=lang)]
    try:
        text = read_text(resolve_inside(folder, f"news/{path.name}", lang), limits.max_yaml_bytes, lang)
    except FileError as exc:
        return None, [Problem(path, exc.line, "", exc.message, exc.suggestion, lang)]
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), None)
    if lines[0].rstrip() != "---" or end is None:
        message = _("A news post starts with front matter between two `---` lines, with at least `title:` and `date:`.")
        return None, [Problem(path, 1, "", message, lang=lang)]
    document, problems = read_yaml("\n".join(lines[1:end]), path, limits, lang, line_offset=1)
    if document is None:
        return None, problems
    post, invalid = validate(NewsPost, document, path, lang)
    problems += invalid
    if post is not None and post.image:
        try:
            check_file(folder, post.image, "photo", limits, lang)
        except FileError as exc:
            problems += document.problems(path, [Finding("image", exc.message, exc.suggestion)], lang)
    for number, line in enumerate(lines[end + 1 :], end + 2):
        if found := INVISIBLE.search(line):
            message = _("The invisible character U+%(code)04X is not allowed in YAML; delete it.")
            problems.append(Problem(path, number, "", message % {"code": ord(found.group())}, lang=lang))
            break
    if post is None or problems:
        return None, problems
    return NewsItem(match.group(2), post, "\n".join(lines[end + 1 :]).lstrip("\n"), path), []


# --- YAML → data, with the line of every value -------------------------------------------------


@dataclass(frozen=True)
class Document:
    """Data read from YAML, with the 1-based line of each field path and the raw text of non-text scalars."""

    data: Any
    lines: dict[str, int]
    raw: dict[str, str]

    def line_of(self, path: str) -> int | None:
        """The line of ``path``, or of its nearest ancestor (a missing field: its parent's line)."""
        while path not in self.lines:
            parent = re.sub(r"(?:\.?[^.\[\]]+|\[\d+\])$", "", path)
            if parent == path:
                return None
            path = parent
        return self.lines[path]

    def problems(self, file: Path, findings: list[Finding], lang: str) -> list[Problem]:
        return [Problem(file, self.line_of(f.path), f.path, f.message, f.suggestion, lang) for f in findings]


_MAP, _SEQ, _MERGE = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:merge"
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters a plan's text must not hold: C0/C1 controls (tab, newlines and NEL allowed), lone
surrogates (not encodable as UTF-8) and the noncharacters U+FFFE/U+FFFF (invalid in XML feeds)."""


class _Abort(Exception):
    """Stop converting: the document is hostile or broken beyond one value."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Converter:
    """Composed YAML nodes → Python data, aliases expanded within a node budget and a depth limit.

    PyYAML's own ``flatten_mapping`` copies merged pairs without bound (merge
    keys can be a bomb too), so ``<<`` is merged here, inside the budget.
    """

    def __init__(self, loader: yaml.SafeLoader, file: Path, limits: Limits, lang: str, offset: int) -> None:
        self.loader = loader
        self.file = file
        self.limits = limits
        self.lang = lang
        self._ = translator(lang).gettext
        self.offset = offset
        self.budget = limits.max_yaml_nodes
        self.active: set[int] = set()
        self.lines: dict[str, int] = {}
        self.raw: dict[str, str] = {}
        self.issues: list[Problem] = []

    def line(self, node: Node) -> int:
        return node.start_mark.line + 1 + self.offset

    def issue(self, path: str, node: Node, message: str) -> None:
        self.issues.append(Problem(self.file, self.line(node), path, message, lang=self.lang))

    def unsupported_tag(self, path: str, node: Node) -> None:
        self.issue(path, node, self._("The tag `%(tag)s` is not supported in plans; remove it.") % {"tag": node.tag})

    def convert(self, node: Node, path: str, depth: int) -> Any:
        _ = self._
        self.budget -= 1
        if self.budget < 0:
            message = _("The file expands to more than %(limit)s values (an alias bomb?); write the values out.")
            raise _Abort(self.line(node), message % {"limit": self.limits.max_yaml_nodes})
        if depth > self.limits.max_depth:
            message = _("Nested more than %(limit)s levels deep.")
            raise _Abort(self.line(node), message % {"limit": self.limits.max_depth})
        if id(node) in self.active:
            raise _Abort(self.line(node), _("An alias refers to a value that contains it (a recursive alias)."))
        self.lines.setdefault(path, self.line(node))
        if isinstance(node, ScalarNode):
            return self.visible(self.scalar(node, path), path, node)
        if node.tag not in (_MAP, _SEQ):
            self.unsupported_tag(path, node)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.convert(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node.value)]
            return self.mapping(node, path, depth)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: MappingNode, path: str, depth: int) -> dict[str, Any]:
        """Explicit keys (duplicates and non-text keys reported), then ``<<`` merges beneath them."""
        _ = self._
        explicit: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        merges: list[Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges += value_node.value if isinstance(value_node, SequenceNode) else [value_node]
                continue
            key = self.key(key_node, path)
            if key is None:
                continue
            child = f"{path}.{key}" if path else key
            if key in first_line:
                message = _("The key `%(key)s` appears twice, on lines %(first)s and %(second)s; keep one.")
                lines = {"first": first_line[key], "second": self.line(key_node)}
                self.issue(child, key_node, message % {"key": key, **lines})
            first_line.setdefault(key, self.line(key_node))
            self.lines.setdefault(child, self.line(key_node))
            explicit[key] = self.convert(value_node, child, depth + 1)
        merged: dict[str, Any] = {}
        for source in merges:
            if not isinstance(source, MappingNode):
                self.issue(path, source, _("`<<` must name a mapping, for example `<<: *base`."))
                continue
            for key, value in self.convert(source, path, depth).items():
                merged.setdefault(key, value)
        return {**merged, **explicit}

    def key(self, node: Node, path: str) -> str | None:
        value = self.scalar(node, None) if isinstance(node, ScalarNode) else None
        if isinstance(value, str):
            return self.visible(value, path, node)
        text = node.value if isinstance(node, ScalarNode) else "…"
        message = self._("The key `%(key)s` is not read as a name; put it in quotes or fix the indentation.")
        self.issue(path, node, message % {"key": text})
        return None

    def visible(self, value: Any, path: str, node: Node) -> Any:
        """Text without control characters: ``"\\0"`` or ``"\\uD800"`` escapes would break HTML, feeds and UTF-8."""
        if isinstance(value, str) and (found := INVISIBLE.search(value)):
            message = self._("The invisible character U+%(code)04X is not allowed in YAML; delete it.")
            self.issue(path, node, message % {"code": ord(found.group())})
            return INVISIBLE.sub("\ufffd", value)
        return value

    def scalar(self, node: ScalarNode, path: str | None) -> Any:
        try:
            value = self.loader.construct_object(node)
        except ValueError:  # looks like a date but is none (2026-13-01): the model explains the text
            return node.value
        except yaml.constructor.ConstructorError:
            self.unsupported_tag(path or "", node)
            return node.value
        if path is not None and not isinstance(value, str | None):  # as written: 1.250, yes, 2026-05-10
            self.raw[path] = node.value
        return value


_YAML_TIPS = (
    ("'\\t'", N_("Indent with spaces, not tabs.")),
    ("another document", N_("The file holds more than one YAML document (a second `---` line); keep one.")),
    (
        "mapping values are not allowed",
        N_("Put a space after the colon of a key, and put text containing `: ` in quotes."),
    ),
    (
        "could not find expected ':'",
        N_("Each line needs `key: value` with a space after the colon; check the line above too."),
    ),
    ("quoted scalar", N_("A quotation mark is not closed: every \" or ' needs its pair.")),
    ("undefined alias", N_("`*name` refers to an anchor `&name` that is not defined above it.")),
    ("cannot start any token", N_("A value starting with @, ` or % must be written in quotes.")),
)
_DEFAULT_TIP = N_("Check the indentation (items at one level start in the same column), the colons and the quotes.")


def _compose(text: str) -> tuple[yaml.SafeLoader, Node | None]:
    """The node tree, by libyaml when it is installed (10× faster); any error is reported by
    PyYAML's own parser, so messages and lines stay the same."""
    if _CLoader is not None:
        try:
            loader = _CLoader(text)
            return loader, loader.get_single_node()
        except Exception:  # noqa: BLE001 - PyYAML below raises the error the editor sees
            pass
    loader = yaml.SafeLoader(text)
    return loader, loader.get_single_node()


_CLoader = getattr(yaml, "CSafeLoader", None)


def read_yaml(
    text: str, file: Path, limits: Limits, lang: str, line_offset: int = 0
) -> tuple[Document | None, list[Problem]]:
    """One YAML mapping → ``(document or None, problems)``; ``line_offset`` shifts lines (front matter)."""
    _ = translator(lang).gettext

    def fatal(line: int | None, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(file, line, "", message, lang=lang)]

    try:
        loader, root = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return fatal(*_syntax_error(exc, line_offset, lang))
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1 + line_offset
        message = _("The invisible character U+%(code)04X is not allowed in YAML; delete it.")
        return fatal(line, message % {"code": exc.character})
    except RecursionError:
        return fatal(None, _("Nested more than %(limit)s levels deep.") % {"limit": limits.max_depth})
    if root is None:
        return fatal(None, _("There is nothing here but blank lines or comments."))
    if not isinstance(root, MappingNode):
        found = _("a list") if isinstance(root, SequenceNode) else f'"{_shorten(str(root.value))}"'
        message = _("The top level must be `key: value` lines (such as `name:`), found %(found)s.")
        return fatal(root.start_mark.line + 1 + line_offset, message % {"found": found})
    converter = _Converter(loader, file, limits, lang, line_offset)
    try:
        data = converter.convert(root, "", 0)
    except _Abort as exc:
        return fatal(exc.line, exc.message)
    return Document(data, converter.lines, converter.raw), converter.issues


def _syntax_error(exc: yaml.MarkedYAMLError, offset: int, lang: str) -> tuple[int | None, str]:
    _ = translator(lang).gettext
    problem = exc.problem or ""
    mark = exc.problem_mark
    if exc.context_mark and ("end of stream" in problem or "expected ':'" in problem):
        mark = exc.context_mark  # where the unclosed quote or the key without ": " starts
    tip = next((tip for needle, tip in _YAML_TIPS if needle in f"{exc.context} {problem}"), _DEFAULT_TIP)
    column = mark.column + 1 if mark else "?"
    message = _("YAML syntax error at column %(column)s (%(problem)s). %(tip)s")
    return (mark.line + 1 + offset if mark else None), message % {"column": column, "problem": problem, "tip": _(tip)}


def _shorten(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- pydantic errors → sentences for editors ---------------------------------------------------

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


def validate(model: type[M], document: Document, file: Path, lang: str) -> tuple[M | None, list[Problem]]:
    """The model of the document, or ``None`` and one problem per faulty field."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
    by_path: dict[tuple[str | int, ...], list[dict[str, Any]]] = {}
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


def _data_path(error: dict[str, Any], data: Any) -> tuple[str | int, ...]:
    """The error's location in the data, without pydantic's union member tags (``int``, ``float``…)."""
    loc = error["loc"]
    parts: list[str | int] = []
    node = data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif not (error["type"] == "missing" and index == len(loc) - 1):
            continue
        parts.append(part)
    return tuple(parts)


def _explain(
    error: dict[str, Any], model: type[BaseModel], parts: tuple[str | int, ...], raw: str | None, lang: str
) -> tuple[str, str | None]:
    """``(message, suggestion)`` for one pydantic error."""
    _ = translator(lang).gettext
    kind, value = error["type"], error.get("input")
    found = _shorten(raw) if raw is not None else _found(value, lang)
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
        return f'"{_shorten(value)}"'
    if value is None:
        return _("nothing (an empty value)")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("`key: value` lines")
    return _shorten(str(value))


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
