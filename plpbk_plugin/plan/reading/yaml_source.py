"""YAML → data, with the line of every value; hostile YAML (bombs, deep nesting, odd tags) fails fast."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ...i18n import N_, translator
from ..problems import Problem, shorten
from ..rules import Finding
from .attachments import Limits


@dataclass(frozen=True)
class YamlSource:
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
            assert isinstance(node, MappingNode)
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
            return str(self.visible(value, path, node))
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
        except Exception:
            pass
    loader = yaml.SafeLoader(text)
    return loader, loader.get_single_node()


_CLoader = getattr(yaml, "CSafeLoader", None)


def read_yaml(
    text: str, file: Path, limits: Limits, lang: str, line_offset: int = 0
) -> tuple[YamlSource | None, list[Problem]]:
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
        found = _("a list") if isinstance(root, SequenceNode) else f'"{shorten(str(root.value))}"'
        message = _("The top level must be `key: value` lines (such as `name:`), found %(found)s.")
        return fatal(root.start_mark.line + 1 + line_offset, message % {"found": found})
    converter = _Converter(loader, file, limits, lang, line_offset)
    try:
        data = converter.convert(root, "", 0)
    except _Abort as exc:
        return fatal(exc.line, exc.message)
    return YamlSource(data, converter.lines, converter.raw), converter.issues


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


