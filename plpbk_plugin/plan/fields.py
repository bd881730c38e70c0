"""The field types of a plan: text, Markdown, money, dates, web addresses, files, contacts.

Each type validates and documents one kind of value (in the JSON Schema too); the models in
``model.py`` are built from them.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictFloat,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
)

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_PHONE = re.compile(r"^\+?[0-9(][0-9 ().-]{5,24}$")


def _date_to_text(value: Any) -> Any:
    """YAML reads `2027-03-31` as a date and `2027` as a number: keep them as text."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _check_partial_date(value: str) -> str:
    match = _PARTIAL_DATE.match(value)
    if not match:
        raise ValueError("partial_date")
    year, month, day = match.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError("partial_date") from None
    return value


def _check_full_date(value: str) -> str:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("full_date") from None
    if len(value) != 10:
        raise ValueError("full_date")
    return value


_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"`{}|\\^]")
_NOT_IN_FILE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f:*?\"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Characters Windows cannot store in a file name (a checkout there fails), controls, and direction
marks that make ``rplp\u202efdp.exe`` look like ``rplpexe.pdf``; ``:`` would also turn a relative link
into a scheme (``javascript:x.pdf``)."""


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _NOT_IN_URL.search(value):
        raise ValueError("url")
    return value


def _check_relative_file(value: str) -> str:
    if value.startswith(("/", "\\")) or "\\" in value or re.match(r"^[A-Za-z]:", value):
        raise ValueError("relative_file")
    if any(part == ".." for part in value.split("/")) or "\x00" in value:
        raise ValueError("relative_file")
    if _NOT_IN_FILE_NAME.search(value):
        raise ValueError("file_name")
    return value


def _check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError("email")
    return value


def _check_phone(value: str) -> str:
    if not _PHONE.match(value) or sum(ch.isdigit() for ch in value) < 6:
        raise ValueError("phone")
    return value


class Translatable:
    """Marks the text types an overlay such as ``kawasan.en.yml`` may translate."""


TRANSLATABLE = Translatable()
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000), TRANSLATABLE]
"""Plain text: shown escaped."""
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=50_000),
    WithJsonSchema({"type": "string", "minLength": 1, "x-markdown": True}),
    TRANSLATABLE,
]
"""Text written in Markdown: rendered with the site's extensions, then sanitized."""
Slug = Annotated[str, StringConstraints(pattern=_SLUG.pattern, max_length=80)]
Rupiah = Annotated[StrictInt, Field(ge=0, le=10**15)]
Count = Annotated[StrictInt, Field(ge=0, le=10**9)]
PartialDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_partial_date),
    WithJsonSchema(
        {
            "type": ["string", "integer"],  # YAML reads a bare year (2027) as a number
            "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
            "minimum": 1000,
            "maximum": 9999,
            "description": "Tanggal ISO: 2027-03-31, atau 2027-03, atau 2027.",
        }
    ),
]
FullDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    AfterValidator(_check_full_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "Tanggal ISO lengkap: 2027-03-31."}),
]
Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    AfterValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://"}),
]
FileRef = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=500),
    AfterValidator(_check_relative_file),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 1,
            "description": "Berkas di dalam folder kawasan, misalnya photos/balai-warga.jpg.",
        }
    ),
]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=254), AfterValidator(_check_email)]
Phone = Annotated[
    str,
    # YAML reads 08123456789 as a number; a number of thousands of digits cannot even become text
    BeforeValidator(lambda v: str(v) if isinstance(v, int) and not isinstance(v, bool) and abs(v) < 10**30 else v),
    StringConstraints(strip_whitespace=True, max_length=30),
    AfterValidator(_check_phone),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\+?[0-9(][0-9 ().-]{5,24}$"}),
]
Number = StrictInt | StrictFloat
Year = Annotated[StrictInt, Field(ge=1900, le=2100)]
Percent = Annotated[Number, Field(ge=0, le=100)]
"""A share in percent, 0–100 (``57`` or ``57.5``)."""
Unit = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), TRANSLATABLE]
"""A unit of measure as written: ``m``, ``m2``, ``unit``, ``KK``."""
