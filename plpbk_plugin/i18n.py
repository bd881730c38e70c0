"""Interface strings and locale formats.

Strings are gettext messages with English msgids; each language's catalogues
are the ``locale/<lang>/LC_MESSAGES/*.po`` files, read through Babel and
merged (one file per area of the product, so they stay small). Adding a
language is adding a folder of catalogues. Money, dates and numbers are
formatted by Babel, with Indonesian grouping on every language (``en`` is
formatted as ``en_ID``: ``Rp1.250.000``, ``28 November 2026``).
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT_LANGUAGE = "id"
_FORMAT_LOCALES = {"id": "id_ID", "en": "en_ID"}


def N_(message: str) -> str:
    """Mark a message for extraction where it is defined; it is translated where it is shown."""
    return message


def languages() -> tuple[str, ...]:
    """Languages with a catalogue, the default first."""
    found = sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir()) if LOCALE_DIR.is_dir() else []
    return (DEFAULT_LANGUAGE, *(lang for lang in found if lang != DEFAULT_LANGUAGE))


def normalize_language(value: str | None) -> str:
    """``id``, ``en``, ``en_US`` or ``id-ID`` → a language we have, else the default."""
    lang = (value or DEFAULT_LANGUAGE).replace("-", "_").split("_")[0].lower()
    return lang if lang in languages() else DEFAULT_LANGUAGE


class Translator:
    """gettext, ngettext and Babel formats for one language."""

    def __init__(self, lang: str) -> None:
        self.lang = normalize_language(lang)
        self.locale = _FORMAT_LOCALES.get(self.lang, self.lang)
        self._gnu = _catalogue(self.lang)
        self.gettext = self._gnu.gettext
        self.ngettext = self._gnu.ngettext
        # Babel parses its patterns on every call; a portal formats the same figures on many pages.
        self._formatted: dict[tuple[str, object], str] = {}

    def money(self, amount: int) -> str:
        """Whole rupiah: ``Rp1.250.000`` (never "M" or "jt")."""
        key = ("money", amount)
        if (text := self._formatted.get(key)) is None:
            text = self._formatted[key] = format_currency(
                amount, "IDR", locale=self.locale, format="¤#,##0", currency_digits=False
            )
        return text

    def number(self, value: float) -> str:
        key = ("number", value)
        if (text := self._formatted.get(key)) is None:
            text = self._formatted[key] = format_decimal(value, locale=self.locale)
        return text

    def percent(self, ratio: float) -> str:
        key = ("percent", ratio)
        if (text := self._formatted.get(key)) is None:
            text = self._formatted[key] = format_percent(ratio, locale=self.locale)
        return text

    def file_size(self, size: int) -> str:
        """``820 KB``, ``1,2 MB`` in the language's number format."""
        if size < 1024 * 1024:
            return f"{format_decimal(max(1, round(size / 1024)), locale=self.locale)} KB"
        return f"{format_decimal(round(size / 1024 / 1024, 1), locale=self.locale)} MB"

    def date(self, value: str | dt.date) -> str:
        """A full date as ``28 November 2026``, a month as ``November 2026``, a year as ``2026``."""
        key = ("date", value)
        if (text := self._formatted.get(key)) is None:
            text = self._formatted[key] = self._date(value)
        return text

    def _date(self, value: str | dt.date) -> str:
        if isinstance(value, dt.date):
            return format_date(value, format="long", locale=self.locale)
        parts = value.split("-")
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            return format_date(dt.date(int(parts[0]), int(parts[1]), 1), format="MMMM y", locale=self.locale)
        return format_date(dt.date.fromisoformat(value), format="long", locale=self.locale)


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    """Every ``.po`` of a language, compiled in memory and chained."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    for po in sorted(folder.glob("*.po"), reverse=True) if folder.is_dir() else []:
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        translations = gettext.GNUTranslations(buffer)
        translations.add_fallback(chain)
        chain = translations
    return chain


def language_name(lang: str) -> str:
    """A language's name in that language: "Indonesia", "English"."""
    if lang == "id":
        return "Bahasa Indonesia"
    name = Locale.parse(_FORMAT_LOCALES.get(lang, lang)).get_language_name(lang) or lang
    return name[:1].upper() + name[1:]


@cache
def translator(lang: str | None = None) -> Translator:
    """The shared translator of a language."""
    return Translator(normalize_language(lang))
