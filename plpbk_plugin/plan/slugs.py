"""Slugs: the names of kawasan folders, projects and calls in URLs."""

from __future__ import annotations

import re
import unicodedata

from pydantic import TypeAdapter, ValidationError

from .fields import Slug

_SLUG = TypeAdapter(Slug)


def is_slug(name: str) -> bool:
    """Whether ``name`` can be a kawasan folder or id: lowercase letters, digits, hyphens."""
    try:
        _SLUG.validate_python(name)
    except ValidationError:
        return False
    return True


def slugify(text: str) -> str:
    """A slug close to ``text``: ``Tambak Sari`` → ``tambak-sari``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")
