"""News posts: ``news/2026-11-02-gotong-royong.md``, front matter and Markdown, newest first."""

from __future__ import annotations

import re
from pathlib import Path

from ...i18n import translator
from ..model import NewsItem, NewsPost
from ..problems import Problem
from ..rules import Finding
from .attachments import FileError, Limits, check_file, read_text, resolve_inside
from .explain import validate
from .yaml_source import INVISIBLE, read_yaml

NEWS_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


def load_news(folder: Path, limits: Limits, lang: str) -> tuple[tuple[NewsItem, ...], list[Problem]]:
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

