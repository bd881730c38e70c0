"""Every interface string has an Indonesian translation; formats follow the locale."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from plpbk_plugin.i18n import translator

PACKAGE = Path(__file__).resolve().parent.parent / "plpbk_plugin"
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}


def _messages() -> set[str | tuple[str, str]]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), METHODS, OPTIONS, keywords={"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}
    ):
        found.add(message)
    return found


def _translated(lang: str) -> set[str]:
    ids = set()
    for po in sorted((PACKAGE / "locale" / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                if message.id and all(strings) and not message.fuzzy:
                    ids.add(message.id[0] if isinstance(message.id, tuple) else message.id)
    return ids


def test_every_message_has_an_indonesian_translation() -> None:
    translated = _translated("id")
    missing = sorted(m[0] if isinstance(m, tuple) else m for m in _messages())
    assert not [m for m in missing if m not in translated]


def test_money_and_dates_by_locale() -> None:
    id_, en = translator("id"), translator("en")
    assert id_.money(1_250_000) == "Rp1.250.000"
    assert en.money(1_250_000) == "Rp1.250.000"
    assert id_.date("2026-10-02") == "2 Oktober 2026"
    assert en.date("2026-10-02") == "2 October 2026"
    assert id_.date("2026-10") == "Oktober 2026" and id_.date("2027") == "2027"
    assert id_.gettext("Funding gap") == "Kekurangan dana" and en.gettext("Funding gap") == "Funding gap"
