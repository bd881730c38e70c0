"""Plans on disk → validated models; every problem as ``file:line: field: message``.

``load_plans`` reads each ``plans/<slug>/`` folder: kawasan.yml (YAML converted
node by node, so each value keeps its line and hostile YAML fails fast), the
news posts and the boundary. Pydantic's errors become Indonesian (or English)
sentences for a BKM volunteer, with the nearest valid key or value for a typo.
All problems of all plans come back in one result; nothing is raised.
"""

from __future__ import annotations

import logging
import os
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...i18n import DEFAULT_LANGUAGE, languages, translator
from ..model import Kawasan, Plan
from ..problems import Problem, in_order
from ..rules import find_errors, find_warnings, nearest
from ..slugs import is_slug, slugify
from .attachments import BOUNDARY_FILE, FileError, Limits, check_files, read_boundary, read_text, resolve_inside
from .explain import validate
from .news import load_news
from .overlays import check_overlay, mark_fallbacks, merge
from .yaml_source import YamlSource, read_yaml

logger = logging.getLogger(__name__)

PLAN_FILE = "kawasan.yml"


@dataclass(frozen=True)
class LoadResult:
    """The valid plans (by slug), and every error and warning of every plan (by file and line)."""

    plans: tuple[Plan, ...]
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def load_plans(
    plans_dir: Path,
    *,
    lang: str = "id",
    limits: Limits = Limits(),
    memo: dict[Path, Any] | None = None,
    required: bool = True,
) -> LoadResult:
    """Every kawasan under ``plans_dir``; folders starting with ``.`` or ``_`` are ignored.

    ``memo`` (kept by the caller, e.g. across `mkdocs serve` rebuilds) reuses the result of a
    folder none of whose files changed (same names, sizes and modification times).
    ``required=False`` (a portal that gathers communities): no plans folder, or an empty one, is fine.
    """
    _ = translator(lang).gettext
    if not plans_dir.is_dir():
        if not required:
            return LoadResult((), (), ())
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
    if not plans and not problems and required:
        message = _("No kawasan in `%(folder)s`: create one with `plpbk new <slug>`.")
        problems.append(Problem(plans_dir, None, "", message % {"folder": plans_dir}, lang=lang))
    return LoadResult(tuple(plans), tuple(in_order(problems)), tuple(in_order(warnings)))


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
    folder: Path, *, lang: str = "id", limits: Limits = Limits(), text: str | None = None
) -> tuple[Plan | None, list[Problem], list[Problem]]:
    """One kawasan folder: ``(plan or None, errors, warnings)``; the plan only when there is no error.

    ``text``: check the folder as if its ``kawasan.yml`` held this text (a change not yet written).
    """
    try:
        return _load_plan(folder, lang, limits, text)
    except Exception as exc:  # a bug on one plan must not hide the problems of all the others
        logger.debug("Unexpected error while loading %s", folder, exc_info=True)
        message = translator(lang).gettext(
            "Unexpected error while reading this plan (%(error)s); please report it to the plpbk developers."
        )
        error = f"{type(exc).__name__}: {exc}"
        return None, [Problem(folder / PLAN_FILE, None, "", message % {"error": error}, lang=lang)], []


def _load_plan(folder: Path, lang: str, limits: Limits, text: str | None) -> tuple[Plan | None, list[Problem], list[Problem]]:
    source = folder / PLAN_FILE
    if text is None and not (source.exists() or source.is_symlink()):
        near = nearest(PLAN_FILE, [path.name for path in folder.iterdir() if path.is_file()] if folder.is_dir() else [])
        _ = translator(lang).gettext
        message = (
            _("This folder has no `kawasan.yml`; rename `%(near)s` to `kawasan.yml`.") % {"near": near}
            if near
            else _("This folder has no `kawasan.yml`; start one with `plpbk new %(slug)s`.") % {"slug": folder.name}
        )
        return None, [Problem(folder, None, "", message, lang=lang)], []
    try:
        text = read_text(resolve_inside(folder, PLAN_FILE, lang), limits.max_yaml_bytes, lang) if text is None else text
    except FileError as exc:
        return None, [Problem(source, exc.line, "", exc.message, exc.suggestion, lang)], []
    document, problems = read_yaml(text, source, limits, lang)
    if document is None:
        return None, problems, []
    kawasan, invalid = validate(Kawasan, document, source, lang)
    problems += invalid
    skip = {problem.field for problem in problems}
    problems += document.problems(source, check_files(document.data, folder, limits, lang, skip), lang)
    news, news_problems = load_news(folder, limits, lang)
    boundary, boundary_problems = _load_boundary(folder, limits, lang)
    problems += news_problems + boundary_problems
    warnings: list[Problem] = []
    if kawasan is not None:
        problems += document.problems(source, find_errors(kawasan, lang), lang)
        warnings = document.problems(source, find_warnings(kawasan, lang), lang)
    if problems or kawasan is None:
        return None, in_order(problems), warnings
    translations, problems = _load_translations(folder, kawasan, limits, lang)
    if problems:
        return None, in_order(problems), warnings
    lines = types.MappingProxyType(document.lines)
    plan = Plan(folder.name, folder, source, kawasan, news, boundary, lines, types.MappingProxyType(translations))
    return plan, [], warnings


def parse_kawasan(
    text: str, source: Path, *, lang: str = "id", limits: Limits = Limits()
) -> tuple[Kawasan | None, list[Problem]]:
    """A ``kawasan.yml`` text checked against the model only, without the file checks, news or
    overlays: e.g. the plan at an old commit, whose photos may be gone. ``source`` names it in problems."""
    document, problems = read_yaml(text, source, limits, lang)
    if document is None:
        return None, problems
    kawasan, invalid = validate(Kawasan, document, source, lang)
    problems += invalid
    return (None if problems else kawasan), problems


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
        merged = YamlSource(merge(kawasan.model_dump(by_alias=True, exclude_none=True), document.data), document.lines, document.raw)
        translated, invalid = validate(Kawasan, merged, path, lang)
        if translated is None:
            problems += invalid
            continue
        found[code] = mark_fallbacks(translated, document.data)
    return found, problems


def _load_boundary(folder: Path, limits: Limits, lang: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    path = folder / BOUNDARY_FILE
    if not (path.exists() or path.is_symlink()):
        return None, []
    try:
        return read_boundary(folder, limits, lang), []
    except FileError as exc:
        return None, [Problem(path, exc.line, "", exc.message, exc.suggestion, lang)]

