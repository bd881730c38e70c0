"""Every interface string has an Indonesian translation; formats follow the locale."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from plpbk_plugin.i18n import translator
from plpbk_plugin.site.rendering.theme_fixes import fix_theme_html

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


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_catalogue_keeps_a_message_the_code_no_longer_says(lang: str) -> None:
    said = {m[0] if isinstance(m, tuple) else m for m in _messages()}
    kept = set()
    for po in sorted((PACKAGE / "locale" / lang / "LC_MESSAGES").glob("*.po")):
        with po.open("rb") as handle:
            kept |= {(po.name, m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_po(handle) if m.id}
    assert not sorted((name, msgid) for name, msgid in kept if msgid not in said)


def test_money_and_dates_by_locale() -> None:
    id_, en = translator("id"), translator("en")
    assert id_.money(1_250_000) == "Rp1.250.000"
    assert en.money(1_250_000) == "Rp1.250.000"
    assert id_.date("2026-10-02") == "2 Oktober 2026"
    assert en.date("2026-10-02") == "2 October 2026"
    assert id_.date("2026-10") == "Oktober 2026" and id_.date("2027") == "2027"
    assert id_.gettext("Funding gap") == "Kekurangan dana" and en.gettext("Funding gap") == "Funding gap"


# -- whole sites in English, and bilingual sites -------------------------------------------

import re  # noqa: E402

from helpers.plans import LORONG_GARAM, make_rich, plan  # noqa: E402
from helpers.sitebuild import build_site, page, write_plan, write_site  # noqa: E402

INDONESIAN_UI = ["Beranda", "Gagasan", "Kemitraan", "Kekurangan dana", "Dana terhimpun", "Ajakan kemitraan",
                 "Direncanakan", "Mencari mitra", "Selesai", "Jumlah kegiatan", "Total biaya", "Kabar", "Dokumen",
                 "Galeri", "Selebaran", "Dukung kegiatan ini", "Perkembangan", "Pendanaan", "Lingkungan", "Oktober"]


def _visible_text(html: str) -> str:
    """Text a visitor reads, without what carries lang="id" (plan text) and without the theme's chrome."""
    body = html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    body = re.sub(r'<(span|div) lang="id">.*?</\1>', " ", body, flags=re.S)
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    root = tmp_path_factory.mktemp("english")
    make_rich(root / "plans")
    write_plan(root / "plans", "lorong-garam", plan(LORONG_GARAM))
    write_site(root, language="en")
    return build_site(root)


@pytest.mark.slow
def test_english_site_speaks_english(english) -> None:
    pages = ["tambak-sari", "tambak-sari/rencana", "tambak-sari/rencana/jalan-rw03", "tambak-sari/kemitraan",
             "tambak-sari/gagasan", "tambak-sari/kabar", "tambak-sari/cetak", "tambak-sari/dokumen", ""]
    for path in pages:
        html = page(english, path)
        assert '<html lang="en"' in html, path
        text = _visible_text(html)
        for word in INDONESIAN_UI:
            assert not re.search(rf"\b{word}\b", text), (path, word)
    project = page(english, "tambak-sari/rencana/jalan-rw03")
    assert "Funding gap" in project and "Rp700.000" in project
    assert project.index("1 September 2026") < project.index("1 June 2026")  # updates newest first, English months
    assert "2 November 2026" in page(english, "tambak-sari/kabar")


@pytest.mark.slow
def test_untranslated_plan_text_is_marked_indonesian(english) -> None:
    html = page(english, "tambak-sari/rencana/jalan-rw03")
    assert '<span lang="id">Peninggian jalan RW 03</span>' in html
    assert '<h1><span lang="id">Peninggian jalan RW 03</span></h1>' in html
    assert 'content="Peninggian jalan RW 03' in html  # attributes stay plain


@pytest.mark.slow
def test_bilingual_site_publishes_english_under_en(tmp_path) -> None:
    make_rich(tmp_path / "plans")
    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    (tmp_path / "plans" / "tambak-sari" / "kawasan.en.yml").write_text(
        "tagline: From tidal floods to self-reliance\n"
        "projects:\n  - id: jalan-rw03\n    title: Raising the RW 03 road\n",
        encoding="utf-8",
    )
    write_site(tmp_path, plugin={"languages": ["id", "en"]})
    site = build_site(tmp_path)
    indonesian = page(site, "tambak-sari/rencana/jalan-rw03")
    english = page(site, "en/tambak-sari/rencana/jalan-rw03")
    assert '<html lang="id"' in indonesian and '<html lang="en"' in english
    assert "Peninggian jalan RW 03" in indonesian and "Kekurangan dana" in indonesian
    assert "<h1>Raising the RW 03 road</h1>" in english and "Funding gap" in english
    assert '<span lang="id">Jalan setinggi 60 cm agar gang tidak terendam.</span>' in english  # not translated
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")  # hreflang lives in the sitemap (see site/opendata/sitemap.py)
    for lang in ("", "en/"):
        entry = sitemap.split(f"<loc>https://contoh.github.io/portal/{lang}tambak-sari/rencana/jalan-rw03/</loc>")[1].split("</url>")[0]
        assert 'hreflang="id" href="https://contoh.github.io/portal/tambak-sari/rencana/jalan-rw03/"' in entry
        assert 'hreflang="en" href="https://contoh.github.io/portal/en/tambak-sari/rencana/jalan-rw03/"' in entry
    assert 'href="../../../../tambak-sari/rencana/jalan-rw03/" hreflang="id"' in english  # the switcher
    assert 'href="../../../en/tambak-sari/rencana/jalan-rw03/" hreflang="en"' in indonesian
    assert (site / "en" / "index.html").is_file() and (site / "en" / "lorong-garam" / "rencana" / "p1" / "index.html").is_file()
    assert "From tidal floods to self-reliance" in page(site, "en/tambak-sari")
    assert not (site / "en" / "tambak-sari" / "data.json").exists()  # open data is shared by both languages
    assert 'href="../../tambak-sari/data.json"' in page(site, "en/tambak-sari")


def test_overlay_mistakes_are_reported(tmp_path) -> None:
    from plpbk_plugin.plan.reading.loading import load_plans

    write_plan(tmp_path / "plans", "lorong-garam", plan(LORONG_GARAM))
    (tmp_path / "plans" / "lorong-garam" / "kawasan.en.yml").write_text(
        "tagline: ok\nprojcts: []\nprojects:\n  - id: p9\n    title: x\n  - id: p1\n    cost: 5\n", encoding="utf-8"
    )
    result = load_plans(tmp_path / "plans")
    messages = [str(p) for p in result.problems]
    assert any("kawasan.en.yml:2: projcts" in m and "`projects`" in m for m in messages)
    assert any("kawasan.en.yml:4: projects[0].id" in m for m in messages)
    assert any("projects[1].cost" in m for m in messages)


def test_committed_translation_schema_matches_the_model() -> None:
    import json

    import yaml
    from jsonschema import Draft202012Validator

    from plpbk_plugin.plan.reading.overlays import overlay_schema

    committed = json.loads((PACKAGE / "schema" / "translation.schema.json").read_text(encoding="utf-8"))
    assert committed == overlay_schema(), "regenerate plpbk_plugin/schema/translation.schema.json from translations.overlay_schema()"
    demo = yaml.safe_load((PACKAGE.parent / "plans" / "cigadung-hijau" / "kawasan.en.yml").read_text(encoding="utf-8"))
    assert not list(Draft202012Validator(committed).iter_errors(demo))
    assert list(Draft202012Validator(committed).iter_errors({"projects": [{"title": "no id"}], "cost": 5}))


def test_the_search_dialog_is_named_from_the_catalogues() -> None:
    """Material's search dialog without a field label gets "Search" in the theme's language (English without a catalogue)."""
    nameless = ('<div class="md-search" data-md-component="search" role="dialog">'
                '<input type="text" class="md-search__input" name="query" autocomplete="off" required>')
    named = {lang: fix_theme_html(nameless, lang=lang) for lang in ("id", "id-ID", "en", "fr")}
    assert 'role="dialog" aria-label="Cari"' in named["id"] and 'aria-label="Cari"' in named["id-ID"]
    assert 'role="dialog" aria-label="Search"' in named["en"] and 'aria-label="Search"' in named["fr"]
