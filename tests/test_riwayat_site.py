"""The Riwayat (history) of built sites: a portal in a Git repository, a copy without .git, a shallow clone."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from helpers.ledger_repo import AUTHOR_EMAIL, ledger_repo
from helpers.sitebuild import build_site, page, write_site

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "plpbk_plugin" / "schema"
REPO_URL = "https://github.com/bkm-tambak-sari/situs"
pytestmark = pytest.mark.slow  # real site builds


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Two kawasan in one repository with three dated commits, built in Indonesian and English."""
    repo = ledger_repo(tmp_path_factory.mktemp("riwayat") / "situs", other="kampung-lain")
    write_site(repo.root, plugin={"languages": ["id", "en"], "history_feed": True}, repo_url=REPO_URL)
    site = build_site(repo.root)
    shas = repo.git("log", "--format=%H").split()
    return {"root": repo.root, "site": site, "shas": shas}


def test_riwayat_shows_each_change_with_its_date_newest_first(portal) -> None:
    html = page(portal["site"], "tambak-sari/riwayat").split('id="perubahan"')[1]
    dates = [html.index(day) for day in ("30 September 2026", "15 Juni 2026", "2 Maret 2026")]
    assert dates == sorted(dates), "newest first"
    air, tanggul = '<a href="../rencana/air-bersih/"><em>Air bersih</em></a>', '<a href="../rencana/tanggul-rob/"><em>Tanggul penahan rob</em></a>'
    assert f"Status {air}: mencari mitra → berjalan" in html
    assert f"Biaya {air} direvisi dari Rp1.000 menjadi Rp1.250.000" in html
    assert (
        f"Dana terhimpun {tanggul} naik dari Rp992.500.000 menjadi Rp1.292.500.000 "
        "(janji <em>PT Samudra Energi</em> menjadi komitmen)"
    ) in html
    assert "Rencana pertama kali dicatat: 2 proyek" in html
    newest, middle, first = portal["shas"]
    for sha in (newest, middle, first):
        assert f'href="{REPO_URL}/commit/{sha}"' in html
    assert html.index(newest) < html.index(middle) < html.index(first)
    whole = page(portal["site"], "tambak-sari/riwayat")
    chart = whole.split('class="plpbk-chart"')[1].split("</figure>")[0]
    assert "<svg" in chart and "<script" not in chart and "Rp1.292.500.000" in chart


def test_riwayat_is_in_the_local_nav_and_every_page_says_when_it_changed(portal) -> None:
    site = portal["site"]
    beranda = page(site, "tambak-sari")
    assert 'href="riwayat/"' in beranda and ">Riwayat</a>" in beranda
    assert "Diperbarui 30 September 2026" in beranda
    for path in ("tambak-sari/rencana", "tambak-sari/rencana/air-bersih", "tambak-sari/gagasan"):
        assert "Diperbarui 30 September 2026" in page(site, path), path
    assert "Diperbarui 2 Maret 2026" in page(site, "kampung-lain")
    home = page(site, "")  # the portal's cards say when each kawasan last changed
    assert home.index("Kampung Nelayan Tambak Sari") < home.index("Diperbarui 30 September 2026")
    assert home.index("Kampung Lain") < home.index("Diperbarui 2 Maret 2026")
    assert "Rencana pertama kali dicatat: 1 proyek" in page(site, "kampung-lain/riwayat")


def test_english_pages_word_the_changes_in_english(portal) -> None:
    html = page(portal["site"], "en/tambak-sari/riwayat")
    assert 'Status of <a href="../rencana/air-bersih/"><em lang="id">Air bersih</em></a>: seeking partners → in progress' in html
    assert "Updated 30 September 2026" in page(portal["site"], "en/tambak-sari")


def test_open_data_has_the_last_change_and_the_figures_over_time(portal) -> None:
    site = portal["site"]
    data = json.loads((site / "tambak-sari" / "data.json").read_text(encoding="utf-8"))
    assert data["last_updated"] == "2026-09-30"
    assert [(h["date"], h["secured"], h["gap"]) for h in data["history"]] == [
        ("2026-03-02", 992_500_000, 507_501_000),
        ("2026-06-15", 1_292_500_000, 207_501_000),
        ("2026-09-30", 1_292_500_000, 208_750_000),
    ]
    assert data["history"][1]["url"] == f"{REPO_URL}/commit/{portal['shas'][1]}"
    assert [c["kind"] for c in data["history"][2]["changes"]] == ["project_status", "project_cost"]
    resources = [
        (schema["$id"], Resource.from_contents(schema))
        for schema in (json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")) for name in ("data.schema.json", "kawasan.schema.json"))
    ]
    schema = json.loads((SCHEMA_DIR / "data.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, registry=Registry().with_resources(resources),
                                                format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert not list(validator.iter_errors(data))
    rows = list(csv.DictReader(io.StringIO((site / "tambak-sari" / "riwayat.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["date"], r["secured"], r["gap"]) for r in rows] == [
        ("2026-03-02", "992500000", "507501000"), ("2026-06-15", "1292500000", "207501000"), ("2026-09-30", "1292500000", "208750000")]


def test_the_feed_gains_the_changes_when_the_site_asks(portal) -> None:
    feed = (portal["site"] / "tambak-sari" / "feed.xml").read_text(encoding="utf-8")
    assert feed.count("<item>") == 3
    assert "Perubahan rencana Kampung Nelayan Tambak Sari, 30 September 2026" in feed
    assert "https://contoh.github.io/portal/tambak-sari/riwayat/#c-" in feed
    assert "Wed, 30 Sep 2026 20:00:00 +0700" in feed
    portal_feed = (portal["site"] / "feed.xml").read_text(encoding="utf-8")
    assert portal_feed.count("<item>") == 4
    assert 'href="feed.xml"' in page(portal["site"], "")  # linked from the portal, though no kawasan has news
    assert 'href="feed.xml" type="application/rss+xml"' in page(portal["site"], "tambak-sari")


def test_export_writes_what_the_build_publishes(portal) -> None:
    from plpbk_plugin.cli import main

    out = portal["root"].parent / "ekspor"
    assert main(["export", "--site", str(portal["root"]), "--out", str(out)]) == 0
    exported = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert {"tambak-sari/riwayat.csv", "tambak-sari/data.json", "tambak-sari/feed.xml"} <= set(exported)
    for path, data in exported.items():
        assert (portal["site"] / path).read_bytes() == data, path


def test_no_author_email_or_name_anywhere_in_the_site(portal) -> None:
    leaking = []
    for path in portal["site"].rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if AUTHOR_EMAIL.encode() in data or b"Siti Aminah" in data or b"@example.org" in data:
                leaking.append(path.relative_to(portal["site"]).as_posix())
    assert not leaking, leaking


def test_authors_by_name_when_the_site_opts_in(tmp_path: Path) -> None:
    repo = ledger_repo(tmp_path / "situs")
    write_site(repo.root, plugin={"history_authors": True})
    site = build_site(repo.root)
    html = page(site, "riwayat")  # one kawasan: its microsite is the site
    assert "Siti Aminah" in html and "Diperbarui 30 September 2026" in page(site, "")
    assert not [p for p in site.rglob("*") if p.is_file() and AUTHOR_EMAIL.encode() in p.read_bytes()]


def test_a_copy_without_git_builds_without_riwayat(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = ledger_repo(tmp_path / "situs", other="kampung-lain")
    write_site(repo.root)
    copy = tmp_path / "salinan"
    shutil.copytree(repo.root, copy, ignore=shutil.ignore_patterns(".git"))
    with caplog.at_level(logging.INFO):
        site = build_site(copy)
    assert (site / "tambak-sari" / "index.html").is_file()
    assert not (site / "tambak-sari" / "riwayat").exists() and not (site / "tambak-sari" / "riwayat.csv").exists()
    assert "riwayat/" not in page(site, "tambak-sari") and "Diperbarui" not in page(site, "tambak-sari")
    data = json.loads((site / "tambak-sari" / "data.json").read_text(encoding="utf-8"))
    assert data["last_updated"] is None and data["history"] == []
    notes = [r for r in caplog.records if "Riwayat" in r.getMessage()]
    assert len(notes) == 1 and notes[0].levelno == logging.INFO


def test_a_shallow_clone_builds_and_names_fetch_depth(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    repo = ledger_repo(tmp_path / "situs", other="kampung-lain")
    write_site(repo.root)
    (repo.root / "docs" / "tentang.md").write_text("# Tentang\n", encoding="utf-8")
    repo.commit("Situs", "2026-10-01T08:00:00+07:00")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], check=True)
    with caplog.at_level(logging.INFO):
        site = build_site(clone)
    assert (site / "tambak-sari" / "index.html").is_file() and not (site / "tambak-sari" / "riwayat").exists()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("fetch-depth: 0" in message and "actions/checkout" in message for message in warnings), warnings


def test_riwayat_page_says_what_it_is(portal) -> None:
    html = page(portal["site"], "tambak-sari/riwayat")
    assert re.search(r"<title>Riwayat · Kampung Nelayan Tambak Sari", html)
    assert "riwayat.csv" in html


def test_a_new_commit_shows_on_the_next_build_with_warm_caches(tmp_path: Path) -> None:
    """The history is part of what shapes every kawasan page: a rebuild after a commit shows it."""
    repo = ledger_repo(tmp_path / "situs", other="kampung-lain")
    write_site(repo.root)
    (repo.root / ".gitignore").write_text("site/\n.cache/\n", encoding="utf-8")
    build_site(repo.root)
    path = repo.root / "plans" / "tambak-sari" / "kawasan.yml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("status: in_progress", "status: selesai"), encoding="utf-8")  # a typo, committed
    repo.commit("Air bersih selesai", "2026-11-04T10:00:00+07:00")
    path.write_text(good.replace("status: in_progress", "status: completed"), encoding="utf-8")
    repo.commit("Salah ketik diperbaiki", "2026-11-05T10:00:00+07:00")
    site = build_site(repo.root)
    riwayat = page(site, "tambak-sari/riwayat")
    assert "<em>Air bersih</em></a>: berjalan → selesai" in riwayat
    assert "1 perubahan tercatat dilewati karena rencana saat itu tidak bisa dimuat." in riwayat
    assert "Diperbarui 5 November 2026" in page(site, "tambak-sari/rencana")
    (repo.root / "plans" / "kampung-lain" / "catatan.txt").write_text("Rapat warga.\n", encoding="utf-8")
    repo.commit("Catatan rapat", "2026-11-06T10:00:00+07:00")  # no change to the plan itself
    site = build_site(repo.root)
    assert "Diperbarui 6 November 2026" in page(site, "kampung-lain")
    assert "Diperbarui 5 November 2026" in page(site, "tambak-sari")
    data = json.loads((site / "kampung-lain" / "data.json").read_text(encoding="utf-8"))
    assert data["last_updated"] == "2026-11-06" and len(data["history"]) == 1
