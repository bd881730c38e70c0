"""The page cache: a rebuild renders again exactly the kawasan whose inputs changed, and reads back the same pages.

Each "build" here does what the plugin's on_files does with the cache (load the plans, make the
microsites of every language, ask the cache for their pages and the portal's) and reports which
entries were rendered rather than read; a new PageCache on the same folder is a new build process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import Markup

from helpers.plans import plan, write_jpeg
from plpbk_plugin.filesystem import write_atomic
from plpbk_plugin.i18n import translator
from plpbk_plugin.media.images import Picture, Variant
from plpbk_plugin.plan.history.commits import Commit, PlanHistory
from plpbk_plugin.plan.reading.loading import load_plans
from plpbk_plugin.site.pages.microsite import Microsite, in_language
from plpbk_plugin.site.rendering import page_cache
from plpbk_plugin.site.rendering.markup import MarkdownRenderer
from plpbk_plugin.site.rendering.page_cache import PageCache, decode, encode, read_entry, write_entry
from plpbk_plugin.site.rendering.render import Renderer
from plpbk_plugin.site.settings import Settings
from plpbk_plugin.site.specs import PageSpec, Share
from plpbk_plugin.site.urls import Urls

TODAY = dt.date(2026, 6, 1)
OPTIONS = {"plans_dir": "plans", "mode": "auto", "languages": ["id", "en"]}


class World:
    """Two kawasan, an overrides folder and a cache folder; ``build()`` is one build."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.plans = root / "plans"
        self.overrides = root / "overrides"  # made by the tests that override (else the templates compiled once serve every test)
        self.cache = root / "cache"
        for slug in ("kali-asin", "lorong-garam"):
            data = plan()
            data["name"] = slug.replace("-", " ").title()
            data["calls"] = [{"id": "ajak", "title": "Ajakan", "description": "Bantu.", "deadline": "2026-12-31"}]
            self.write(slug, data)
        self.pictures: dict[Path, Picture] = {}

    def write(self, slug: str, data: dict[str, Any]) -> None:
        folder = self.plans / slug
        if not (folder / "photos" / "hero.jpg").exists():
            write_jpeg(folder / "photos" / "hero.jpg")
        (folder / "kawasan.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def data(self, slug: str) -> dict[str, Any]:
        return yaml.safe_load((self.plans / slug / "kawasan.yml").read_text(encoding="utf-8"))

    def settings(self, lang: str, **changes: Any) -> Settings:
        t = translator(lang)
        fields: dict[str, Any] = {
            "site_name": "Portal Uji",
            "urls": Urls(directory_urls=True, site_url="https://contoh.github.io/portal/"),
            "translator": t,
            "markdown": MarkdownRenderer(["admonition", "attr_list"]),
            "renderer": Renderer(t, [self.overrides]),
            "languages": ("id", "en"),
            "today": TODAY,
            **changes,
        }
        return Settings(**fields)

    def build(self, options: Mapping[str, Any] = OPTIONS, single: bool = False, **changes: Any) -> dict[str, Any]:
        """One build; returns the pages by entry name, and what was rendered."""
        cache = PageCache(self.cache)
        plans = load_plans(self.plans).plans
        languages = {lang: self.settings(lang, **changes) for lang in ("id", "en")}
        cache.begin(languages, options, self.pictures, [plan.folder for plan in plans])
        pages: dict[str, Any] = {}
        for lang, settings in languages.items():
            sites = [Microsite(in_language(plan, lang), settings, self.pictures, single) for plan in plans]
            for site in sites:
                pages[f"{site.plan.slug}.{lang}"] = cache.microsite(site)
            pages[f"portal.{lang}"] = cache.portal(sites, settings, self.pictures)
            pages[f"data.{lang}"] = {site.plan.slug: cache.open_data(site) for site in sites}
        cache.end()
        return {"pages": pages, "rendered": set(cache.rendered), "reused": set(cache.reused)}


ALL = {"kali-asin.id", "kali-asin.en", "lorong-garam.id", "lorong-garam.en", "portal.id", "portal.en"}


@pytest.fixture
def world(tmp_path: Path) -> World:
    world = World(tmp_path)
    assert world.build()["rendered"] == ALL
    return world


def test_a_rebuild_renders_nothing_and_gives_the_same_pages(world: World) -> None:
    first = world.build()  # the fixture's build was the cold one
    again = world.build()
    assert first["rendered"] == again["rendered"] == set() and again["reused"] == ALL
    assert again["pages"] == first["pages"]
    home = next(spec for spec in again["pages"]["kali-asin.id"] if spec.kind == "beranda")
    assert "Kampung uji yang bersih dan berdaya." in home.body


def test_editing_one_plan_renders_that_kawasan_and_the_portal_only(world: World) -> None:
    data = world.data("kali-asin")
    data["tagline"] = "Tagline yang baru saja diubah."
    world.write("kali-asin", data)
    built = world.build()
    assert built["rendered"] == {"kali-asin.id", "kali-asin.en", "portal.id", "portal.en"}
    home = next(spec for spec in built["pages"]["kali-asin.id"] if spec.kind == "beranda")
    assert "Tagline yang baru saja diubah." in home.body
    assert b"Tagline yang baru" in built["pages"]["data.id"]["kali-asin"]["kali-asin/data.json"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("news/2026-05-01-kerja-bakti.md", b"---\ntitle: Kerja bakti\ndate: 2026-05-01\n---\nWarga membersihkan saluran.\n"),
        ("kawasan.en.yml", b"tagline: A clean and able kampung.\n"),
        ("dokumen/rplp.pdf", b"%PDF-1.4\n%%EOF\n"),
        ("photos/hero.jpg", None),  # the same name, other bytes
    ],
)
def test_every_file_of_the_kawasan_folder_counts(world: World, name: str, content: bytes | None) -> None:
    path = world.plans / "lorong-garam" / name
    if content is None:
        write_jpeg(path, (24, 16))
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    assert world.build()["rendered"] == {"lorong-garam.id", "lorong-garam.en", "portal.id", "portal.en"}


def test_touching_a_file_without_changing_it_renders_nothing(world: World) -> None:
    plan = world.plans / "kali-asin" / "kawasan.yml"
    plan.write_bytes(plan.read_bytes())  # new modification time, same bytes (a `git checkout`)
    assert world.build()["rendered"] == set()


def test_a_template_override_renders_every_page_again(world: World) -> None:
    override = world.overrides / "plpbk" / "body" / "gagasan.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("<p>Gagasan versi komunitas</p>\n", encoding="utf-8")
    built = world.build()
    assert built["rendered"] == ALL
    idea = next(spec for spec in built["pages"]["kali-asin.id"] if spec.kind == "gagasan")
    assert idea.body.strip() == "<p>Gagasan versi komunitas</p>"
    override.write_text("<p>Gagasan versi kedua</p>\n", encoding="utf-8")
    assert world.build()["rendered"] == ALL
    assert world.build()["rendered"] == set()


@pytest.mark.parametrize(
    "changes",
    [
        {"site_name": "Portal Lain"},
        {"urls": Urls(directory_urls=True, site_url="https://contoh.github.io/lain/")},
        {"urls": Urls(directory_urls=False, site_url="https://contoh.github.io/portal/")},
        {"repo_url": "https://github.com/contoh/portal"},
        {"tiles": {"url": "https://tiles.example/{z}/{x}/{y}.png", "attribution": "Contoh"}},
        {"languages": ("id",)},
        {"mode": "portal"},
        {"markdown": MarkdownRenderer(["admonition", "attr_list", "tables"])},
        {"markdown": MarkdownRenderer(["admonition", "attr_list"], {"admonition": {}})},
    ],
    ids=lambda changes: next(iter(changes)),
)
def test_site_settings_render_every_page_again(world: World, changes: dict[str, Any]) -> None:
    assert world.build(**changes)["rendered"] == ALL
    assert world.build(**changes)["rendered"] == set()


def test_plugin_options_and_the_kind_of_site_render_every_page_again(world: World) -> None:
    assert world.build({**OPTIONS, "tiles_url": "https://tiles.example/{z}/{x}/{y}.png"})["rendered"] == ALL
    assert {name for name in world.build(single=True)["rendered"] if not name.startswith("portal")} == ALL - {"portal.id", "portal.en"}


def test_the_build_date_counts_through_the_open_calls_only(world: World) -> None:
    def partnership(built: dict[str, Any]) -> str:
        return next(spec.body for spec in built["pages"]["kali-asin.id"] if spec.kind == "kemitraan")

    later = world.build(today=TODAY + dt.timedelta(days=30))  # the call is still open
    assert later["rendered"] == set() and 'id="ajakan"' in partnership(later)
    closed = world.build(today=dt.date(2027, 1, 1))  # after the call's deadline
    assert closed["rendered"] == ALL and 'id="ajakan"' not in partnership(closed)


def test_a_template_reading_the_date_makes_the_date_count(world: World) -> None:
    override = world.overrides / "plpbk" / "body" / "gagasan.html"
    override.parent.mkdir(parents=True, exist_ok=True)
    override.write_text("<p>Diperbarui {{ t.date(site.today) }}</p>\n", encoding="utf-8")
    world.build()
    built = world.build(today=TODAY + dt.timedelta(days=1))
    assert built["rendered"] == ALL
    idea = next(spec for spec in built["pages"]["kali-asin.id"] if spec.kind == "gagasan")
    assert "2 Juni 2026" in idea.body


def test_the_published_pictures_of_a_kawasan_count(world: World) -> None:
    hero = (world.plans / "kali-asin" / "photos" / "hero.jpg").resolve()
    variant = Variant("assets/plpbk/img/abc-480.jpg", 480, 320, "image/jpeg")
    world.pictures = {hero: Picture(480, 320, (dataclasses.replace(variant, url="assets/plpbk/img/abc-480.webp", mime="image/webp"),), (variant,))}
    built = world.build()
    assert built["rendered"] == {"kali-asin.id", "kali-asin.en", "portal.id", "portal.en"}
    home = next(spec for spec in built["pages"]["kali-asin.id"] if spec.kind == "beranda")
    assert "assets/plpbk/img/abc-480.webp" in home.body
    world.pictures = {hero: dataclasses.replace(world.pictures[hero], width=481)}
    assert world.build()["rendered"] == {"kali-asin.id", "kali-asin.en", "portal.id", "portal.en"}


def test_the_git_history_of_a_kawasan_counts_for_that_kawasan(world: World) -> None:
    commit = Commit("a" * 40, dt.datetime(2026, 5, 1, 10, 0, tzinfo=dt.UTC), "Siti")
    built = world.build(history={"kali-asin": PlanHistory("kali-asin", (), (), commit)})
    assert built["rendered"] == {"kali-asin.id", "kali-asin.en", "portal.id", "portal.en"}
    home = next(spec for spec in built["pages"]["kali-asin.id"] if spec.kind == "beranda")
    assert "1 Mei 2026" in home.body


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: b"\x00\xff garbage",
        lambda text: text[: len(text) // 2],
        lambda text: json.dumps({**json.loads(text), "format": 0}).encode(),
        lambda text: json.dumps({**json.loads(text), "value": [{"path": 1}]}).encode(),
        lambda text: json.dumps({**json.loads(text), "value": {"kali-asin/data.json": "***"}}).encode(),
        lambda text: b"[]",
    ],
    ids=["garbage", "truncated", "other format", "wrong shape", "bad base64", "not an entry"],
)
def test_damaged_entries_are_rendered_again(world: World, damage) -> None:
    first = world.build()
    for entry in (world.cache / "pages").iterdir():
        entry.write_bytes(damage(entry.read_bytes()))
    again = world.build()
    assert again["rendered"] == ALL and again["pages"] == first["pages"]
    assert world.build()["rendered"] == set()  # and replaced


def test_another_version_of_the_package_renders_again(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(page_cache, "package_fingerprint", lambda: "another version")
    assert world.build()["rendered"] == ALL


def test_the_key_does_not_depend_on_the_process(world: World) -> None:
    """Settings made afresh (new renderers, translators, QR makers) give the same keys: no address in a key."""
    page_cache.package_fingerprint.cache_clear()
    assert world.build()["rendered"] == set()


def test_page_specs_read_back_exactly(tmp_path: Path) -> None:
    share = Share("Judul", "Ringkas", "Kampung · Kota", "Kekurangan dana", "Rp1.000", Path("/x/hero.jpg"), "a/og")
    spec = PageSpec("a/rencana", "rencana", "Judul", "Ringkas", "<p>isi</p>", share, slug="a", source=None,
                    jsonld='{"@type": "Place"}', lang="en", alternates=(("id", "a/rencana/"), ("en", "en/a/rencana/")))
    assert decode(PageSpec, json.loads(json.dumps(encode(spec)))) == spec
    write_entry(tmp_path / "e.json", "k", [spec])
    assert read_entry(tmp_path / "e.json", "k") == [spec]
    assert read_entry(tmp_path / "e.json", "another key") is None


def test_a_value_json_cannot_carry_exactly_is_not_kept(tmp_path: Path) -> None:
    share = Share("Judul", "Ringkas", "", "", "", None, "og")
    spec = PageSpec("", "portal", "Judul", "Ringkas", Markup("<p>isi</p>"), share)
    write_entry(tmp_path / "e.json", "k", [spec])
    assert not (tmp_path / "e.json").exists()


def test_a_cache_write_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    target.mkdir()  # a folder where the file should go: the rename fails
    with pytest.raises(OSError):
        write_atomic(target, b"{}")
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]
    write_atomic(tmp_path / "other.json", b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.json", "other.json"]
