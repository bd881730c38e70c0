"""What the command line reads of a site: mkdocs.yml as plain YAML (no MkDocs import), and errors."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..i18n import languages, normalize_language, translator
from ..site.options import Mode, Options, OptionsError
from ..site.settings import site_languages


class CliError(Exception):
    """A failure to report as a message, with the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Site:
    """What the command line needs from a site: where it is, what mkdocs.yml says, and the plugin's options."""

    root: Path
    plans_dir: Path
    language: str | None
    site_url: str | None = None
    site_name: str = ""
    directory_urls: bool = True
    repo_url: str | None = None
    languages: tuple[str, ...] = ("id",)  # the theme's language first, then the plugin's `languages`
    site_dir: Path | None = None  # where `mkdocs build` writes the site
    plugin_listed: bool = False  # whether `plugins:` names plpbk at all
    config_file: Path | None = None  # mkdocs.yml (None: the folder has none)
    options: Options = Options()  # the plugin's options, read and checked as the MkDocs adapter reads them

    @property
    def mode(self) -> Mode:
        return self.options.mode

    @property
    def communities(self) -> tuple[str, ...]:
        return self.options.communities

    @property
    def cache_dir(self) -> Path:
        return (self.config_file.parent if self.config_file else self.root) / self.options.cache_dir


class _MkDocsLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' ``!ENV`` and ``!!python/name:`` tags as nothing."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml", "properdocs.yml", "properdocs.yaml")
"""The site's configuration, as the engines name it (ProperDocs reads ``properdocs.yml``, else ``mkdocs.yml``)."""


def read_site(root: Path) -> Site:
    """mkdocs.yml as the build reads it: the plugin's options checked (``CliError`` naming each bad one)."""
    config = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
    if config is None:
        return Site(root, root / "plans", None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CliError(f"{config}: {exc}") from None
    data = data if isinstance(data, dict) else {}
    theme = data.get("theme")
    language = _text(theme.get("language") if isinstance(theme, dict) else None)
    try:
        options = Options.read(_plugin_options(data.get("plugins")), translator(language), source=str(config))
    except OptionsError as error:
        raise CliError(str(error)) from None
    return Site(
        root,
        config.parent / options.plans_dir,
        language,
        _text(data.get("site_url")),
        _text(data.get("site_name")) or "",
        data.get("use_directory_urls") is not False,
        _text(data.get("repo_url")),
        site_languages(language, options.languages),
        config.parent / (_text(data.get("site_dir")) or "site"),
        _lists_plugin(data.get("plugins")),
        config,
        options,
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _lists_plugin(plugins: Any) -> bool:
    """Whether ``plugins:`` names plpbk, as ``- plpbk``, ``- plpbk: {…}`` or a mapping's key."""
    if isinstance(plugins, dict):
        return "plpbk" in plugins
    return isinstance(plugins, list) and any(item == "plpbk" or isinstance(item, dict) and "plpbk" in item for item in plugins)


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The options of ``plpbk`` in ``plugins:``, written as a list or as a mapping."""
    if isinstance(plugins, dict):
        options = plugins.get("plpbk")
    elif isinstance(plugins, list):
        options = next((item["plpbk"] for item in plugins if isinstance(item, dict) and "plpbk" in item), None)
    else:
        options = None
    return options if isinstance(options, dict) else {}


def site_options() -> argparse.ArgumentParser:
    """The options every site command takes: ``--site`` and ``--lang``."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=Path("."), help="folder holding mkdocs.yml (default: .)")
    common.add_argument("--lang", choices=languages(), help="language of messages (default: theme.language, else id)")
    return common


def language(args: argparse.Namespace, site: Site) -> str:
    """The language of messages: ``--lang``, else the theme's, else Indonesian."""
    return normalize_language(args.lang or site.language)
