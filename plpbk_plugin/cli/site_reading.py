"""What the command line reads of a site: mkdocs.yml as plain YAML (no MkDocs import), and errors."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..i18n import languages, normalize_language
from ..site.settings import site_languages
from ..site.sources.fetching import TIMEOUT


class CliError(Exception):
    """A failure to report as a message, with the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Site:
    """What the command line needs from a site: where the plans are, and its language."""

    root: Path
    plans_dir: Path
    language: str | None
    site_url: str | None = None
    site_name: str = ""
    mode: str = "auto"
    directory_urls: bool = True
    repo_url: str | None = None
    history: bool = True  # the plugin's history options, for the open data of `plpbk export`
    history_feed: bool = False
    communities: tuple[str, ...] = ()  # data.json addresses of community sites a portal gathers
    communities_timeout: float = TIMEOUT
    cache_dir: Path | None = None
    languages: tuple[str, ...] = ("id",)  # the theme's language first, then the plugin's `languages`
    site_dir: Path | None = None  # where `mkdocs build` writes the site
    plugin_listed: bool = False  # whether `plugins:` names plpbk at all
    config_file: Path | None = None  # mkdocs.yml (None: the folder has none)
    iati: tuple[str | None, str | None, str | int] = (None, None, 24)  # iati_org_ref, iati_org_name, iati_org_type


class _MkDocsLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' ``!ENV`` and ``!!python/name:`` tags as nothing."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site(root: Path) -> Site:
    """The plugin's ``plans_dir`` (default ``plans`` beside mkdocs.yml) and ``theme.language``."""
    config = next((root / name for name in ("mkdocs.yml", "mkdocs.yaml") if (root / name).is_file()), None)
    if config is None:
        return Site(root, root / "plans", None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CliError(f"{config}: {exc}") from None
    data = data if isinstance(data, dict) else {}
    options = _plugin_options(data.get("plugins"))
    plans_dir = options.get("plans_dir")
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    site_url, site_name = data.get("site_url"), data.get("site_name")
    return Site(
        root,
        config.parent / (plans_dir if isinstance(plans_dir, str) else "plans"),
        language if isinstance(language, str) else None,
        site_url if isinstance(site_url, str) else None,
        site_name if isinstance(site_name, str) else "",
        options.get("mode") if options.get("mode") in ("auto", "portal", "single") else "auto",
        data.get("use_directory_urls") is not False,
        data.get("repo_url") if isinstance(data.get("repo_url"), str) else None,
        options.get("history") is not False,
        options.get("history_feed") is True,
        _texts(options.get("communities")),
        timeout if isinstance(timeout := options.get("communities_timeout"), int | float) and timeout > 0 else TIMEOUT,
        config.parent / (cache if isinstance(cache := options.get("cache_dir"), str) else ".cache/plpbk"),
        site_languages(language if isinstance(language, str) else None,
                       [code for code in _texts(options.get("languages")) if code in languages()]),
        config.parent / (site_dir if isinstance(site_dir := data.get("site_dir"), str) else "site"),
        _lists_plugin(data.get("plugins")),
        config,
        (_text(options.get("iati_org_ref")), _text(options.get("iati_org_name")), options.get("iati_org_type", 24)),
    )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _texts(value: Any) -> tuple[str, ...]:
    """A YAML list of texts (anything else reads as none)."""
    return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()


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
