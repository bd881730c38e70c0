"""Reproducible, contained builds: the same input gives the same bytes, and a build writes only its output.

The demo site (its mkdocs.yml, docs, overrides and the three demo kawasan, with small photos
that carry EXIF and GPS like a phone's) is copied into two different folders and built in each
with its own cold cache. Every file of the two sites must be byte-identical, sitemap.xml.gz
included (MkDocs gzips it with the build date, in UTC, as mtime: the same on one day, and fixed
by SOURCE_DATE_EPOCH). Then both are built again with SOURCE_DATE_EPOCH set, on warm caches.

A build reads plans/ and docs/ and writes only the site folder and the cache: both trees are
snapshotted (paths, bytes and modification times) around the builds.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import os
import re
import shutil
import struct
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from PIL import Image

from helpers.sitebuild import REPO, comparable, small_copy, write_plan
from plpbk_plugin.plan.reading.attachments import Limits
from plpbk_plugin.plan.reading.loading import load_plan, load_plans

pytestmark = pytest.mark.slow  # real site builds

EPOCH_DATE = dt.date(2027, 8, 1)  # after every deadline of the demo's calls
EPOCH = int(dt.datetime(2027, 8, 1, 9, 30, tzinfo=dt.UTC).timestamp())


def copy_demo(root: Path) -> Path:
    """The demo site, with small photos, in ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder in ("docs", "overrides"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    for plan in sorted(p for p in (REPO / "plans").iterdir() if p.is_dir()):
        small_copy(plan, root / "plans" / plan.name)
    return root


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file and folder under ``folder``: content hash (or "dir") and modification time."""
    found: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        kind = "dir" if path.is_dir() and not path.is_symlink() else hashlib.sha256(path.read_bytes() if path.is_file() else os.readlink(path).encode()).hexdigest()
        found[path.relative_to(folder).as_posix()] = (kind, stat.st_mtime_ns)
    return found


FOLDERS = ("situs-uji-q7x", "repo-lain-k2z")
"""Folder names found nowhere in the demo, so any trace of them in a build is a leak."""


def build_into(root: Path, site: str) -> Path:
    MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)  # a fresh plugin (and cache) per build: see isolated_build
    try:
        build(load_config(str(root / "mkdocs.yml"), site_dir=str(root / site)))
    finally:
        MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    return root / site


def files_of(site: Path) -> dict[str, bytes]:
    return comparable({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    out = [f"only in the first build: {name}" for name in sorted(set(a) - set(b))]
    out += [f"only in the second build: {name}" for name in sorted(set(b) - set(a))]
    for name in sorted(set(a) & set(b)):
        if a[name] != b[name]:
            at = next((i for i, (x, y) in enumerate(zip(a[name], b[name])) if x != y), min(len(a[name]), len(b[name])))
            out.append(f"{name} differs at byte {at}: {a[name][max(0, at - 60):at + 60]!r} / {b[name][max(0, at - 60):at + 60]!r}")
    return out


@pytest.fixture(scope="module")
def twins(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two copies of the demo, each built twice (without, then with SOURCE_DATE_EPOCH)."""
    roots = [copy_demo(tmp_path_factory.mktemp("eerste") / FOLDERS[0]), copy_demo(tmp_path_factory.mktemp("kedua") / FOLDERS[1])]
    inputs = [{"plans": snapshot(r / "plans"), "docs": snapshot(r / "docs")} for r in roots]
    plain = [files_of(build_into(root, "site")) for root in roots]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
        dated = [files_of(build_into(root, "site-sde")) for root in roots]
    after = [{"plans": snapshot(r / "plans"), "docs": snapshot(r / "docs")} for r in roots]
    tops = [sorted(p.name for p in r.iterdir()) for r in roots]
    return {"roots": roots, "plain": plain, "dated": dated, "inputs": inputs, "after": after, "tops": tops}


def test_two_builds_are_byte_identical(twins) -> None:
    first, second = twins["plain"]
    assert len(first) > 100 and "sitemap.xml.gz" in first and "pagefind/pagefind.js" in first and "pagefind: pages per language" in first
    problems = differences(first, second)
    assert not problems, "\n".join(problems[:20])


def test_two_builds_with_source_date_epoch_are_byte_identical(twins) -> None:
    first, second = twins["dated"]
    problems = differences(first, second)
    assert not problems, "\n".join(problems[:20])


def test_sitemap_follows_source_date_epoch(twins) -> None:
    files = twins["dated"][0]
    sitemap = files["sitemap.xml"].decode()
    assert set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap)) == {EPOCH_DATE.isoformat()}
    (mtime,) = struct.unpack("<I", files["sitemap.xml.gz"][4:8])
    assert mtime == int(dt.datetime(2027, 8, 1, tzinfo=dt.UTC).timestamp()), "MkDocs: the build day, in UTC"
    assert gzip.decompress(files["sitemap.xml.gz"]) == files["sitemap.xml"]


def leaks(files: dict[str, bytes], root: Path) -> list[str]:
    """Output files naming the build folder: its path (as given or resolved), its own name, or the repository."""
    needles = [str(root).encode(), str(root.resolve()).encode(), root.name.encode(), str(REPO).encode()]
    return [name for name, data in files.items() if any(n in data for n in needles)]


def test_no_build_folder_leaks_into_the_output(twins) -> None:
    for root, files in zip(twins["roots"], twins["plain"]):
        assert root.name in FOLDERS and not any(root.name in name for name in files), "the names appear nowhere by chance"
        assert not leaks(files, root), leaks(files, root)[:10]
    # The check itself finds a leak of any of the three forms.
    root = twins["roots"][0]
    for leaked in (str(root), str(root.resolve()), f"../{root.name}/plans/foto.jpg"):
        assert leaks({"index.html": f"<img src='{leaked}'>".encode()}, root) == ["index.html"]


def test_plans_and_docs_are_never_written(twins) -> None:
    assert twins["inputs"] == twins["after"]
    for top in twins["tops"]:
        assert set(top) <= {"mkdocs.yml", "docs", "overrides", "plans", "site", "site-sde", ".cache"}, top


def test_published_photos_carry_no_metadata(twins) -> None:
    files = twins["plain"][0]
    images = [name for name in files if name.endswith((".jpg", ".jpeg", ".png", ".webp"))]
    assert any(name.startswith("assets/plpbk/img/") for name in images)
    for name in images:
        if name.startswith("assets/") and not name.startswith("assets/plpbk/img/"):
            continue  # the theme's and the plugin's own images
        data = files[name]
        assert b"PhoneMaker" not in data and b"rumah pak RT" not in data, name
        with Image.open(twins["roots"][0] / "site" / name) as im:
            assert not im.getexif(), name
            assert not (set(im.info) & {"exif", "xmp", "XML:com.adobe.xmp", "comment", "gps"}), (name, set(im.info))


def test_pages_follow_source_date_epoch(twins) -> None:
    """A call whose deadline passed by SOURCE_DATE_EPOCH's day is no longer shown as open."""

    html = twins["dated"][0]["tambak-sari/kemitraan/index.html"].decode()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    assert description.startswith("Kegiatan Kampung"), description  # no open call left to name: the projects seeking partners


# --- files a plan names stay inside its folder --------------------------------------------------------


def test_symlinks_out_of_the_kawasan_folder_are_refused(tmp_path: Path, plan_data) -> None:
    outside = tmp_path / "rahasia"
    outside.mkdir()
    Image.new("RGB", (40, 30), "red").save(outside / "foto.jpg")
    (outside / "rplp.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (outside / "kawasan.yml").write_text("name: bocor\n")
    (outside / "2026-11-02-bocor.md").write_text("---\ntitle: Bocor\ndate: 2026-11-02\n---\nRahasia.\n")
    plan_data["photos"] = {"hero": "photos/hero.jpg", "gallery": [{"file": "luar/foto.jpg"}, {"file": "photos/berantai.jpg"}]}
    plan_data["documents"] = [{"title": "RPLP", "file": "documents/rplp.pdf"}]
    folder = write_plan(tmp_path / "plans", "kampung", plan_data)
    (folder / "photos").mkdir()
    Image.new("RGB", (40, 30), "blue").save(folder / "photos" / "hero.jpg")
    os.symlink(outside, folder / "luar")  # a folder link
    os.symlink("../luar/foto.jpg", folder / "photos" / "berantai.jpg")  # a chain through it
    (folder / "documents").mkdir()
    os.symlink(outside / "rplp.pdf", folder / "documents" / "rplp.pdf")  # an absolute link
    (folder / "news").mkdir()
    os.symlink(outside / "2026-11-02-bocor.md", folder / "news" / "2026-11-02-bocor.md")
    os.symlink(outside / "foto.jpg", folder / "boundary.geojson")
    result = load_plans(tmp_path / "plans")
    assert result.plans == ()
    fields = {(p.file.name, p.field) for p in result.problems}
    assert fields >= {
        ("kawasan.yml", "photos.gallery[0].file"),
        ("kawasan.yml", "photos.gallery[1].file"),
        ("kawasan.yml", "documents[0].file"),
        ("2026-11-02-bocor.md", ""),
        ("boundary.geojson", ""),
    }, fields
    assert all("kampung/" in p.message or "luar" in p.message or "kampung" in str(p) for p in result.problems)


def test_a_plan_file_linked_from_outside_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "lain.yml"
    outside.write_text("name: x\n")
    folder = tmp_path / "plans" / "kampung"
    folder.mkdir(parents=True)
    os.symlink(outside, folder / "kawasan.yml")
    plan, errors, _ = load_plan(folder)
    assert plan is None and len(errors) == 1 and "kampung" in errors[0].message


def test_a_symlink_loop_is_a_clean_error(tmp_path: Path, plan_data) -> None:
    folder = write_plan(tmp_path / "plans", "kampung", plan_data)
    (folder / "photos").mkdir()
    os.symlink("b.jpg", folder / "photos" / "hero.jpg")
    os.symlink("hero.jpg", folder / "photos" / "b.jpg")
    plan, errors, _ = load_plan(folder)
    assert plan is None and [e.field for e in errors] == ["photos.hero"]


@pytest.mark.parametrize(
    ("kind", "limits", "says"),
    [
        ("photo", Limits(max_photo_bytes=2_000), "batasnya"),
        ("pdf", Limits(max_document_bytes=2_000), "batasnya"),
        ("yaml", Limits(max_yaml_bytes=200), "batasnya"),
    ],
)
def test_size_limits_give_clear_errors(tmp_path: Path, plan_data, kind: str, limits: Limits, says: str) -> None:
    plan_data["documents"] = [{"title": "RPLP", "file": "documents/rplp.pdf"}]
    folder = write_plan(tmp_path / "plans", "kampung", plan_data)
    (folder / "photos").mkdir()
    noise = Image.effect_noise((200, 200), 80).convert("RGB")
    noise.save(folder / "photos" / "hero.jpg", quality=95)
    (folder / "documents").mkdir()
    (folder / "documents" / "rplp.pdf").write_bytes(b"%PDF-1.4\n" + b"0" * 5_000 + b"\n%%EOF\n")
    plan, errors, _ = load_plan(folder, limits=limits)
    assert plan is None and len(errors) == 1, [str(e) for e in errors]
    message = str(errors[0])
    assert says in message and "KB" in message, message
    expected = {"photo": "photos.hero", "pdf": "documents[0].file", "yaml": ""}[kind]
    assert errors[0].field == expected


def test_default_size_limits_are_documented_values() -> None:
    limits = Limits()
    assert limits.max_photo_bytes == 15 * 1024 * 1024 and limits.max_document_bytes == 30 * 1024 * 1024


def test_two_documents_of_one_name_are_an_error(tmp_path: Path, plan_data) -> None:
    plan_data["documents"] = [
        {"title": "RPLP lama", "file": "documents/2024/rplp.pdf"},
        {"title": "RPLP baru", "file": "documents/2025/rplp.pdf"},
        {"title": "RPLP lagi", "file": "documents/2024/rplp.pdf"},
    ]
    folder = write_plan(tmp_path / "plans", "kampung", plan_data)
    (folder / "photos").mkdir()
    Image.new("RGB", (40, 30), "blue").save(folder / "photos" / "hero.jpg")
    for year in ("2024", "2025"):
        (folder / "documents" / year).mkdir(parents=True)
        (folder / "documents" / year / "rplp.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    plan, errors, _ = load_plan(folder)
    assert plan is None and [e.field for e in errors] == ["documents[1].file"]
    assert "documents/2024/rplp.pdf" in errors[0].message


def test_each_site_gets_its_own_cache_in_one_process(tmp_path: Path, plan_data) -> None:
    """Two sites built one after the other in one process (tests, `mkdocs serve` after editing
    cache_dir, a tool building several sites) each use the cache folder of their own mkdocs.yml."""
    from helpers.sitebuild import build_site, write_site

    roots = []
    for name in ("satu", "dua"):
        root = tmp_path / name
        folder = write_plan(root / "plans", "kampung", plan_data)
        (folder / "photos").mkdir()
        Image.new("RGB", (300, 200), "teal").save(folder / "photos" / "hero.jpg")
        write_site(root)
        roots.append(root)
    MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    try:
        for root in roots:
            build_site(root)
    finally:
        MkDocsConfig.plugins.plugin_cache.pop("plpbk", None)
    assert all((root / ".cache" / "plpbk" / "cards").is_dir() for root in roots)
