"""Jinja rendering of page bodies, with the site's overrides taking precedence."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

import jinja2
from markupsafe import Markup, escape

from ...filesystem import PACKAGE_DIR
from ...i18n import DEFAULT_LANGUAGE, Translator, language_name
from ...plan.reading.overlays import Fallback

TEMPLATES_DIR = PACKAGE_DIR / "templates"


def unmarked(value: Any) -> Any:
    """Text for an attribute or an SVG title: no language mark around an untranslated text."""
    return str(value) if isinstance(value, Fallback) else value


def _mark_fallback(value: Any) -> Any:
    """An untranslated plan text in running HTML carries the language it is written in."""
    if isinstance(value, Fallback):
        return Markup('<span lang="%s">%s</span>') % (DEFAULT_LANGUAGE, escape(str(value)))
    return value


class _I18nEnvironment(Protocol):
    """What ``jinja2.ext.i18n`` adds to an environment at run time (Jinja's types do not say)."""

    def install_gettext_callables(
        self, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str], newstyle: bool | None = None
    ) -> None: ...


_ENVIRONMENTS: dict[tuple[Translator, tuple[str, ...], Path | None], tuple[tuple[tuple[str, int], ...], jinja2.Environment]] = {}


def _signature(dirs: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """Every file under the template folders with its modification time."""
    found = []
    for folder in dirs:
        for root, _, names in os.walk(folder):
            for name in names:
                path = os.path.join(root, name)
                try:
                    found.append((path, os.stat(path).st_mtime_ns))
                except OSError:
                    pass
    return tuple(sorted(found))


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates on disk (checked against each source's checksum); a cache that
    cannot be written only makes the next build compile again."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


def keep_compiled(env: jinja2.Environment, cache_dir: Path) -> None:
    """Keep ``env``'s compiled templates in ``cache_dir/jinja/`` between builds, as Python keeps .pyc files.

    Compiled code depends on the environment's syntax options, so each set of options has a folder.
    """
    options = [sorted(env.extensions), _name(env.autoescape), _name(env.finalize), env.trim_blocks, env.lstrip_blocks,
               env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
               env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
               env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async]
    folder = cache_dir / "jinja" / hashlib.sha256(repr(options).encode()).hexdigest()[:12]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    env.bytecode_cache = _CompiledTemplates(str(folder))


def _name(value: Any) -> str:
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}" if callable(value) else repr(value)


class Renderer:
    """Renders ``plpbk/…`` templates; a file of the same name in an override folder wins."""

    def __init__(self, t: Translator, override_dirs: Sequence[Path] = (), cache_dir: Path | None = None) -> None:
        dirs = [str(d) for d in override_dirs if d.is_dir()] + [str(TEMPLATES_DIR)]
        self.dirs = tuple(dirs)  # where templates are looked up, in order
        # One environment per language and folders, kept while no template file changes: `mkdocs
        # serve` rebuilds then reuse the compiled templates, and no include stats its file.
        key, signature = (t, tuple(dirs), cache_dir), _signature(dirs)
        cached = _ENVIRONMENTS.get(key)
        if cached is not None and cached[0] == signature:
            self.env = cached[1]
            return
        self.env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(d) for d in dirs]),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
            extensions=["jinja2.ext.i18n"],
            finalize=_mark_fallback,
            auto_reload=False,
        )
        cast(_I18nEnvironment, self.env).install_gettext_callables(t.gettext, t.ngettext, newstyle=True)
        self.env.globals.update(t=t, language_name=language_name)
        self.env.filters["plain"] = unmarked  # the filter's name in templates (and sites' overrides)
        if cache_dir is not None:
            keep_compiled(self.env, cache_dir)
        _ENVIRONMENTS[key] = signature, self.env

    def render(self, name: str, context: Mapping[str, Any]) -> str:
        return self.env.get_template(name).render(context)

    @staticmethod
    def markdown(convert: Callable[[str | None], str]) -> Callable[[str | None], Markup]:
        """The ``md()`` of the templates: safe HTML, in a block marked with its language when untranslated."""

        def md(text: str | None) -> Markup:
            html = Markup(convert(text))
            if isinstance(text, Fallback) and html:
                return Markup('<div lang="%s">%s</div>') % (DEFAULT_LANGUAGE, html)
            return html

        return md
