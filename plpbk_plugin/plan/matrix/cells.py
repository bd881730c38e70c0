"""Spreadsheet cells → plan values: money, numbers, shares, years and choices as people type them.

A cell holds what a spreadsheet stores (a number, a date, text) or, from a CSV, text. Money may be
``1500000``, ``1.500.000``, ``Rp 1.500.000`` or ``1.500.000,-``; decimals ``3,5`` (Indonesian) or
``3.5``; a dot before exactly three digits groups thousands (``3.950`` is 3950). Each reader returns
``None`` for an empty cell and raises :class:`CellError` (an English message id and its values,
translated where it is shown) for a value it cannot read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ...i18n import N_
from ..labels import ASPECT, PROJECT_KIND
from ..rules import nearest
from ..vocabulary import ASPECTS, PROJECT_KINDS, SECTORS

EMPTY = ("", "-", "–", "—")
_RUPIAH = re.compile(r"^(?:rp\.?|idr)\s*", re.IGNORECASE)
_GROUPED = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")  # 1.500.000 or 1.500.000,00
_GROUPED_SPACES = re.compile(r"^\d{1,3}(?: \d{3})+(?:,\d+)?$")  # 1 500 000
_ENGLISH = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")  # 1,500,000 or 1,500.5
_PLAIN = re.compile(r"^\d+(?:[.,]\d+)?$")
_PARTIAL_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

SECTOR_WORDS = {"l": "lingkungan", "s": "sosial", "e": "ekonomi", "environment": "lingkungan", "social": "sosial",
                "economic": "ekonomi", **{sector: sector for sector in SECTORS}}
SECTOR_LETTERS = {sector: word[0].upper() for word, sector in SECTOR_WORDS.items() if len(word) == 1}
ASPECT_WORDS = {
    "airbersih": "air_minum", "jalanlingkungan": "jalan", "rth": "ruang_terbuka", "ruangterbukahijau": "ruang_terbuka",
    "sanitasi": "air_limbah", "pengelolaanairlimbah": "air_limbah", "pengelolaanpersampahan": "persampahan",
    "bangunangedung": "bangunan", "keteraturanbangunan": "bangunan", "proteksikebakaran": "proteksi_kebakaran",
    "lainnya": "other", "lainlain": "other",
}
KIND_WORDS = {"new": "baru", "rehabilitasi": "rehab", "rehabilitation": "rehab", "perbaikan": "rehab", "peningkatan": "rehab"}
KIND_NAMES = {"baru": "Baru", "rehab": "Rehab"}
"""How the sheet writes a project's kind (the drop-down's values)."""


class CellError(ValueError):
    """A value a cell cannot hold: an English message id, its values and a suggestion."""

    def __init__(self, message: str, suggestion: str | None = None, **values: Any) -> None:
        super().__init__(message)
        self.message = message
        self.values = values
        self.suggestion = suggestion


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in EMPTY)


def found(value: Any) -> str:
    """A cell's value as the editor sees it, for a message."""
    return f"“{value.strip()[:60]}”" if isinstance(value, str) else str(value)


def text(value: Any) -> str | None:
    """Plain text (a number typed in a text column reads as written: ``3``, not ``3.0``)."""
    if is_empty(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def decimal(value: Any) -> int | float | None:
    """A number ≥ 0: ``3950``, ``3.950``, ``3,5``, ``1.500,75``; whole numbers as ``int``."""
    if is_empty(value):
        return None
    if isinstance(value, (bool, dt.date, dt.time)):
        raise CellError(N_("Expected a number, found %(found)s."), found=found(value))
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        number = _number_text(str(value))
    if number < 0:
        raise CellError(N_("Expected a number of at least 0, found %(found)s."), found=found(value))
    return int(number) if number.is_integer() else round(number, 6)


def _number_text(raw: str) -> float:
    written = raw.strip()
    if _GROUPED.match(written) or _GROUPED_SPACES.match(written):
        return float(written.replace(".", "").replace(" ", "").replace(",", "."))
    if _ENGLISH.match(written):
        return float(written.replace(",", ""))
    if _PLAIN.match(written):
        return float(written.replace(",", "."))
    if re.match(r"^\d[\d.,]*\s*[^\d\s.,%]+", written):
        raise CellError(N_("Write only the number here, found %(found)s; the unit goes in its own column."), found=found(raw))
    raise CellError(N_("Expected a number such as 3950, 3.950 or 3,5, found %(found)s."), found=found(raw))


def money(value: Any) -> int | None:
    """Whole rupiah: ``1500000``, ``1.500.000``, ``Rp 1.500.000``, ``Rp1.500.000,00``, ``1.500.000,-``."""
    if is_empty(value):
        return None
    written = value
    if isinstance(value, str):
        written = _RUPIAH.sub("", value.strip())
        written = re.sub(r",-$", "", written).strip()
    try:
        amount = decimal(written)
    except CellError:
        raise CellError(N_("Expected an amount in rupiah such as 1500000 or Rp 1.500.000, found %(found)s."),
                        found=found(value)) from None
    if amount is None:
        return None
    if not isinstance(amount, int):
        raise CellError(N_("Expected whole rupiah, found %(found)s."), found=found(value))
    return amount


def count(value: Any) -> int | None:
    """A whole number ≥ 0 (people, households): ``1046`` or ``1.046``."""
    number = decimal(value)
    if number is not None and not isinstance(number, int):
        raise CellError(N_("Expected a whole number, found %(found)s."), found=found(value))
    return number


def percent(value: Any, *, formatted: bool = False) -> int | float | None:
    """A share 0–100: ``57``, ``57%``, ``57,5 %``; a cell formatted as a percentage holds 0.57."""
    if is_empty(value):
        return None
    if isinstance(value, str) and value.strip().endswith("%"):
        number = decimal(value.strip()[:-1])
    else:
        number = decimal(value)
        if formatted and number is not None:
            number = round(number * 100, 6)
    assert number is not None
    if number > 100:
        raise CellError(N_("Expected a share from 0 to 100, found %(found)s."), found=found(value))
    return int(number) if float(number).is_integer() else number


def year(value: Any) -> int | None:
    """A year from 1900 to 2100 (a date cell gives its year)."""
    if is_empty(value):
        return None
    if isinstance(value, dt.date):
        return value.year
    number = decimal(value) if not isinstance(value, str) or re.fullmatch(r"\s*\d+(\.0+)?\s*", value) else None
    if not isinstance(number, int) or not 1900 <= number <= 2100:
        raise CellError(N_("Expected a year such as 2027, found %(found)s."), found=found(value))
    return number


def date(value: Any) -> str | None:
    """A date as the plan writes it: ``2026-10-31``, ``2026-10`` or ``2026`` (a date cell gives its day)."""
    if is_empty(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    written = text(value) or ""
    if not _PARTIAL_DATE.match(written):
        raise CellError(N_("Expected a date such as 2026-10-31, 2026-10 or 2026, found %(found)s."), found=found(value))
    return written


def key(value: str) -> str:
    """A word for matching: lowercase, without spaces, hyphens, underscores or dots."""
    return re.sub(r"[\s_.\-]+", "", value.lower())


def sector(value: Any) -> str | None:
    """``L``, ``S`` or ``E`` (or the sector's name) → ``lingkungan``, ``sosial``, ``ekonomi``."""
    return _choice(value, SECTOR_WORDS, ["L", "S", "E"])


def aspect(value: Any, names: Mapping[str, str]) -> str | None:
    """A slum aspect by its key (``air_minum``) or its name in either language (``Air minum``).

    ``names``: each aspect's name as the sheet writes it (Indonesian).
    """
    words = {**ASPECT_WORDS, **{key(a): a for a in ASPECTS}, **{key(ASPECT[a]): a for a in ASPECTS}}
    words.update({key(name): a for a, name in names.items()})
    return _choice(value, words, [names[a] for a in ASPECTS])


def kind(value: Any) -> str | None:
    """``Baru`` or ``Rehab`` (also ``rehabilitasi``, ``new``)."""
    words = {**KIND_WORDS, **{k: k for k in PROJECT_KINDS}, **{key(PROJECT_KIND[k]): k for k in PROJECT_KINDS}}
    return _choice(value, words, list(KIND_NAMES.values()))


def _choice(value: Any, words: Mapping[str, str], shown: list[str]) -> str | None:
    written = text(value)
    if written is None:
        return None
    chosen = words.get(key(written))
    if chosen is None:
        suggestion = nearest(written, shown)
        raise CellError(N_("%(found)s is not one of: %(choices)s."), suggestion, found=found(written), choices=", ".join(shown))
    return chosen
