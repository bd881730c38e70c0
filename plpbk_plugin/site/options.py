"""The plugin's options, defined once: each one's name, default, check and help.

``config.py`` (MkDocs) is generated from these fields and the command line reads mkdocs.yml into
the same :class:`Options`, so a value one refuses the other refuses too, with the same message.
Helps are English msgids, shown in the site's language (Indonesian: ``locale/id/.../options.po``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any, Literal, cast

from ..i18n import N_, Translator, languages
from .sources.fetching import TIMEOUT, allowed

Mode = Literal["auto", "portal", "single"]
MODES: tuple[Mode, ...] = ("auto", "portal", "single")
MAX_TIMEOUT = 120
"""Seconds one community source may be given at most: a build never waits on a silent site for long."""


class OptionsError(ValueError):
    """Options that cannot be used: one message per problem, each naming the file and the option."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _option(default: Any, kind: str, help: str) -> Any:
    return field(default=default, metadata={"kind": kind, "help": help})


@dataclass(frozen=True)
class Options:
    """Options of the ``plpbk`` plugin (``plugins: - plpbk: {...}`` in mkdocs.yml)."""

    plans_dir: str = _option("plans", "text", N_(
        "Folder of the kawasan plans, relative to mkdocs.yml: one subfolder per kawasan."))
    mode: Mode = _option("auto", "mode", N_(
        "auto: one kawasan is the whole site, several make a portal; or force portal or single."))
    languages: tuple[str, ...] = _option((), "languages", N_(
        "The site's languages, the first being theme.language (default: just that one); each other language "
        "gets the same pages under /<lang>/, with text from kawasan.<lang>.yml."))
    cache_dir: str = _option(".cache/plpbk", "text", N_(
        "Where processed photos, share cards and proposals are kept between builds (relative to mkdocs.yml)."))
    history: bool = _option(True, "flag", N_(
        "Read the plans' Git history: a history page per kawasan, the date of its last change, and riwayat.csv "
        "(GitHub Actions: fetch-depth: 0)."))
    history_authors: bool = _option(False, "flag", N_(
        "Name the author of each change on the history page (names only; e-mail addresses are never published)."))
    history_feed: bool = _option(False, "flag", N_(
        "Add the plan's changes to the kawasan's RSS feed (and the portal's), beside the news."))
    reference_page: str | None = _option(None, "optional", N_(
        "Where to generate the editors' field reference of kawasan.yml, e.g. panduan/referensi.md (default: none)."))
    matrix_template: str | None = _option(None, "optional", N_(
        "Where to put the empty investment matrix for the editors' guide, e.g. panduan/rencana-investasi.xlsx "
        "(default: none)."))
    form_editor: bool = _option(True, "flag", N_(
        "Write the form editor (admin/) when repo_url is a GitHub repository."))
    tiles_url: str = _option("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "text", N_(
        "Map tiles of the interactive maps (an XYZ template); pages without JavaScript get an SVG map."))
    tiles_attribution: str = _option(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors', "text", N_(
            "The attribution the tile provider requires, shown on every map (HTML)."))
    communities: tuple[str, ...] = _option((), "texts", N_(
        "Addresses (https) of community sites' data.json gathered into this portal."))
    communities_timeout: float = _option(TIMEOUT, "seconds", N_(
        "Seconds one community source may take: connecting, redirects and the whole file."))
    search: bool = _option(True, "flag", N_(
        "Site search with Pagefind in the header (remove Material's own search plugin); false: no search."))
    iati_org_ref: str | None = _option(None, "optional", N_(
        "The IATI organisation identifier of the data's publisher; with it, each kawasan and the portal publish "
        "iati.xml."))
    iati_org_name: str | None = _option(None, "optional", N_(
        "The publisher's name in the IATI files (default: the BKM's name, or site_name on a portal)."))
    iati_org_type: int | str = _option(24, "code", N_(
        "The publisher's IATI organisation type code: 24 (a local NGO such as a BKM), 11 (local government)."))
    group_above: int = _option(12, "count", N_(
        "A portal with more kawasan than this lists provinces and cities on its home, with a page for each."))
    offline: bool = _option(True, "flag", N_(
        "Reading without signal: a service worker keeps the pages read and each kawasan can be saved for "
        "offline reading; false: no offline reading."))
    short_name: str | None = _option(None, "optional", N_(
        "The app's name under its icon on a phone's home screen (about 12 characters; default: from the site's name)."))

    @classmethod
    def read(cls, values: Mapping[str, Any], t: Translator, source: str = "mkdocs.yml") -> Options:
        """The options written in ``values`` (the rest at their defaults); every problem in one ``OptionsError``."""
        problems, checked = [], {}
        for option in fields(cls):
            value = values.get(option.name)
            if value is None and (option.name not in values or option.default is None):  # unset, or an optional left empty
                continue
            try:
                checked[option.name] = _CHECKS[option.metadata["kind"]](value, t)
            except ValueError as error:
                problems.append(f"{source}: plpbk: {option.name}: {error} ({t.gettext(option.metadata['help'])})")
        options = cls(**checked)
        if not problems:
            problems = [f"{source}: plpbk: {problem}" for problem in options._conflicts(t)]
        if problems:
            raise OptionsError(problems)
        return options

    def _conflicts(self, t: Translator) -> list[str]:
        """Values each fine alone that cannot go together: gathering communities needs a portal and https."""
        if not self.communities:
            return []
        if self.mode == "single":
            return [t.gettext("A site of one kawasan (mode: single) cannot gather communities: use mode: portal.")]
        refused = [url for url in self.communities if not allowed(url)]
        return [t.gettext(
            "communities: %(urls)s: only https addresses can be gathered (plain http only on this computer: localhost, 127.0.0.1)."
        ) % {"urls": ", ".join(refused)}] if refused else []


def option_kinds() -> dict[str, tuple[str, Any]]:
    """Each option's ``(kind, default)``, for the adapter's MkDocs schema."""
    return {option.name: (option.metadata["kind"], option.default) for option in fields(Options)}


def _text(value: Any, t: Translator) -> str:
    if not isinstance(value, str):
        raise ValueError(t.gettext("write a text"))
    return value


def _flag(value: Any, t: Translator) -> bool:
    if not isinstance(value, bool):
        raise ValueError(t.gettext("write true or false"))
    return value


def _texts(value: Any, t: Translator) -> tuple[str, ...]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise ValueError(t.gettext("write a list of texts"))
    return tuple(value)


def _one_of(choices: Callable[[], tuple[str, ...]]) -> Callable[[Any, Translator], str]:
    def check(value: Any, t: Translator) -> str:
        if value not in choices():
            raise ValueError(t.gettext("write one of: %(choices)s") % {"choices": ", ".join(choices())})
        return cast(str, value)

    return check


def _languages(value: Any, t: Translator) -> tuple[str, ...]:
    return tuple(_one_of(languages)(item, t) for item in _texts(value, t))


def _seconds(value: Any, t: Translator) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= MAX_TIMEOUT:
        raise ValueError(t.gettext("give a number of seconds above 0 and at most %(max)d") % {"max": MAX_TIMEOUT})
    return float(value) if isinstance(value, float) else cast(int, value)


def _count(value: Any, t: Translator) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(t.gettext("write a whole number, 0 or more"))
    return cast(int, value)


def _code(value: Any, t: Translator) -> int | str:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValueError(t.gettext("write a code: a number or a text"))
    return cast(int | str, value)


_CHECKS: dict[str, Callable[[Any, Translator], Any]] = {
    "text": _text, "optional": lambda value, t: None if value is None else _text(value, t), "flag": _flag, "texts": _texts,
    "mode": _one_of(lambda: MODES), "languages": _languages, "seconds": _seconds, "count": _count, "code": _code,
}
