"""`plpbk check-site`: a site built without plpbk is caught before it is published.

The slow tests build real portals: with the plugin the check passes; with the plugin's lines
commented out of mkdocs.yml (the build itself succeeds, even --strict) it fails, naming every
kawasan's missing pages; other causes (another engine, a build of other plans) get their own
words. The fast tests cover the required files (site-map.md's URLs) and the command's errors.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from helpers.plans import plan
from helpers.sitebuild import REPO, build_site
from plpbk_plugin.cli import main
from plpbk_plugin.cli.site_reading import read_site
from plpbk_plugin.plan.reading.loading import load_plans
from plpbk_plugin.site.built import required_files

PORTAL_YML = """\
site_name: Portal Uji
site_url: https://contoh.github.io/portal/
theme:
  name: material
  language: id
plugins:
  - plpbk:
      mode: portal
      languages: [id, en]
      history: false
      search: false
"""
PLUGIN_LINES = ("  - plpbk:\n", "      mode: portal\n", "      languages: [id, en]\n", "      history: false\n", "      search: false\n")
DEMO = {  # the demo's kawasan and their projects
    slug: [p["id"] for p in yaml.safe_load((REPO / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8"))["projects"]]
    for slug in ("cigadung-hijau", "lorong-garam", "tambak-sari")
}


def check(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main(["check-site", *(str(arg) for arg in args)])
    out, err = capsys.readouterr()
    return code, out, err


def without_plugin(text: str) -> str:
    """mkdocs.yml with the plugin's lines commented out, as an editor might leave it."""
    for line in PLUGIN_LINES:
        text = text.replace(line, "#" + line)
    return text


# -- what a built site must hold -------------------------------------------------------------


def test_a_portal_must_hold_its_home_and_every_kawasan_page_in_every_language(make_plan) -> None:
    data = plan()
    data["projects"].append({**data["projects"][0], "id": "sumur-resapan", "title": "Sumur resapan"})
    plans = make_plan(data, "tambak-sari").parent
    make_plan(slug="lorong-garam")
    found = load_plans(plans).plans
    assert [item.path for item in required_files(found, ("id", "en"))] == [
        "index.html", "en/index.html", "data.json",
        "lorong-garam/index.html", "lorong-garam/rencana/index.html", "lorong-garam/rencana/jalan-rw-03/index.html",
        "lorong-garam/kemitraan/index.html",
        "en/lorong-garam/index.html", "en/lorong-garam/rencana/index.html", "en/lorong-garam/rencana/jalan-rw-03/index.html",
        "en/lorong-garam/kemitraan/index.html",
        "lorong-garam/data.json",
        "tambak-sari/index.html", "tambak-sari/rencana/index.html", "tambak-sari/rencana/jalan-rw-03/index.html",
        "tambak-sari/rencana/sumur-resapan/index.html", "tambak-sari/kemitraan/index.html",
        "en/tambak-sari/index.html", "en/tambak-sari/rencana/index.html", "en/tambak-sari/rencana/jalan-rw-03/index.html",
        "en/tambak-sari/rencana/sumur-resapan/index.html", "en/tambak-sari/kemitraan/index.html",
        "tambak-sari/data.json",
    ]


def test_a_community_site_holds_its_kawasan_at_the_root_and_a_portal_of_communities_its_home(valid_plan: Path) -> None:
    [plan] = load_plans(valid_plan.parent).plans
    assert [item.path for item in required_files([plan], ("id",))] == [
        "index.html", "rencana/index.html", "rencana/jalan-rw-03/index.html", "kemitraan/index.html", "data.json"]
    assert [item.path for item in required_files([plan], ("id",), mode="portal")][:3] == [
        "index.html", "data.json", "tambak-sari/index.html"]
    assert [item.path for item in required_files([], ("id",), gathers=True)] == ["index.html", "data.json"]
    assert required_files([plan], ("id",), gathers=True)[2].path == "tambak-sari/index.html"  # gathering makes a portal


@pytest.mark.parametrize(
    ("plugins", "listed"),
    [
        ("  - plpbk\n", True),
        ("  - search\n  - plpbk:\n      mode: portal\n", True),
        ("  plpbk: {}\n", True),
        ("  - search\n", False),
        ("#  - plpbk\n", False),
        ("  - plpbk-lain\n", False),
    ],
)
def test_whether_mkdocs_yml_lists_the_plugin(tmp_path: Path, plugins: str, listed: bool) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Uji\nplugins:\n{plugins}", encoding="utf-8")
    assert read_site(tmp_path).plugin_listed is listed


# -- the command's messages ------------------------------------------------------------------


def test_without_mkdocs_yml_or_a_built_folder_it_says_what_to_do(tmp_path: Path, capsys) -> None:
    code, _, err = check(capsys, "--site", tmp_path)
    assert code == 2 and "Tidak ada mkdocs.yml" in err and "--site" in err
    (tmp_path / "mkdocs.yml").write_text(PORTAL_YML, encoding="utf-8")
    code, _, err = check(capsys, "--site", tmp_path)
    assert code == 2 and f"`{tmp_path / 'site'}` bukan folder: bangun situs dulu (`mkdocs build`)" in err
    code, _, err = check(capsys, "--site", tmp_path, "--lang", "en", tmp_path / "keluaran")
    assert code == 2 and "keluaran` is not a folder" in err and "Traceback" not in err


def test_plans_with_errors_are_named_and_the_check_stops(tmp_path: Path, make_plan, capsys) -> None:
    data = plan()
    data["projects"][0]["sector"] = "lingkugan"
    make_plan(data)
    (tmp_path / "mkdocs.yml").write_text(PORTAL_YML, encoding="utf-8")
    (tmp_path / "site").mkdir()
    code, out, err = check(capsys, "--site", tmp_path)
    assert code == 1 and out == ""
    assert "projects[0].sector" in err and "Mungkin maksud Anda `lingkungan`?" in err
    assert "Rencana masih bermasalah, jadi halaman yang harus ada di situs belum bisa diketahui" in err


def fake_build(site: Path, plans: Path, skip: set[str] = frozenset()) -> None:
    """A built folder holding the required files (but ``skip``), as plpbk writes them."""
    for item in required_files(load_plans(plans).plans, ("id", "en")):
        if item.path not in skip:
            (site / item.path).parent.mkdir(parents=True, exist_ok=True)
            (site / item.path).write_text("…", encoding="utf-8")


def test_missing_files_listed_per_kawasan_are_cut_short_with_a_count(tmp_path: Path, make_plan, capsys) -> None:
    data = plan()
    data["projects"] = [{**data["projects"][0], "id": f"proyek-{n:02d}"} for n in range(12)]
    make_plan(data)
    (tmp_path / "mkdocs.yml").write_text(PORTAL_YML, encoding="utf-8")
    (tmp_path / "site").mkdir()
    code, out, err = check(capsys, "--site", tmp_path)
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == "✗ Portal: 3 berkas tidak ada" and lines[1:4] == [
        "    index.html (beranda portal)", "    en/index.html (beranda portal)", "    data.json (data terbuka)"]
    assert lines[4] == "✗ Kampung Uji (plans/tambak-sari): 31 berkas tidak ada"
    assert lines[5:14] == [
        "    tambak-sari/index.html (Beranda)", "    tambak-sari/rencana/index.html (Rencana)",
        *(f"    tambak-sari/rencana/proyek-{n:02d}/index.html (proyek proyek-{n:02d})" for n in range(6)),
        "    … dan 23 lainnya",
    ]
    assert "Kemungkinan penyebab: mkdocs.yml menyebut plugin plpbk, tetapi plugin itu tidak berjalan" in err
    assert "Zensical melewati plugin yang tidak didukungnya; MkDocs 2 tidak punya plugin" in err
    assert "https://plpbk-demo.github.io/plpbk/panduan/mesin-situs/" in err
    assert out == f"`{tmp_path / 'site'}` tidak lengkap: 34 dari 34 berkas wajib tidak ada (1 kawasan). Jangan terbitkan folder ini.\n"


def test_a_build_of_other_plans_is_told_apart_from_a_plugin_that_did_not_run(tmp_path: Path, make_plan, capsys) -> None:
    plans = make_plan().parent
    make_plan(slug="lorong-garam")
    (tmp_path / "mkdocs.yml").write_text(PORTAL_YML, encoding="utf-8")
    fake_build(tmp_path / "site", plans, skip={"lorong-garam/kemitraan/index.html", "en/lorong-garam/kemitraan/index.html"})
    code, out, err = check(capsys, "--site", tmp_path, "--lang", "en")
    assert code == 1
    assert err.startswith("✗ Kampung Uji (plans/lorong-garam): 2 files missing\n"
                          "    lorong-garam/kemitraan/index.html (Partnership)\n"
                          "    en/lorong-garam/kemitraan/index.html (Partnership)\n")
    assert "Likely cause: the folder holds a build of other plans" in err
    assert "2 of 21 required files are missing (1 kawasan)" in out
    fake_build(tmp_path / "site", plans)
    assert check(capsys, "--site", tmp_path)[:2] == (
        0, f"✓ `{tmp_path / 'site'}` memuat setiap halaman 2 kawasan (2 proyek; bahasa: id, en) beserta data.json-nya.\n")


# -- real builds -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's three kawasan in a bilingual portal."""
    root = tmp_path_factory.mktemp("portal")
    shutil.copytree(REPO / "plans", root / "plans")
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(PORTAL_YML, encoding="utf-8")
    return root


@pytest.mark.slow
def test_a_portal_built_with_the_plugin_passes(portal: Path, capsys) -> None:
    build_site(portal)
    code, out, err = check(capsys, "--site", portal, portal / "site")
    assert (code, err) == (0, "")
    assert out == f"✓ `{portal / 'site'}` memuat setiap halaman 3 kawasan (15 proyek; bahasa: id, en) beserta data.json-nya.\n"
    assert sum(map(len, DEMO.values())) == 15


@pytest.mark.slow
def test_the_same_portal_built_without_the_plugin_line_fails_naming_each_kawasans_pages(
    portal: Path, tmp_path: Path, capsys
) -> None:
    root = tmp_path / "tanpa-plugin"
    shutil.copytree(portal, root, ignore=shutil.ignore_patterns("site", ".cache"))
    (root / "mkdocs.yml").write_text(without_plugin(PORTAL_YML), encoding="utf-8")
    build_site(root, strict=True)  # MkDocs builds it without a word: no plugin, no error
    assert (root / "site" / "404.html").is_file()
    code, out, err = check(capsys, "--site", root)
    assert code == 1
    for slug, projects in DEMO.items():
        name = yaml.safe_load((root / "plans" / slug / "kawasan.yml").read_text(encoding="utf-8"))["name"]
        assert f"✗ {name} (plans/{slug}): {4 + len(projects)} berkas tidak ada" in err  # one language: the plugin's options went too
        for path, label in ((f"{slug}/index.html", "Beranda"), (f"{slug}/rencana/index.html", "Rencana"),
                            (f"{slug}/rencana/{projects[0]}/index.html", f"proyek {projects[0]}")):
            assert f"    {path} ({label})\n" in err
    assert "    tambak-sari/kemitraan/index.html (Kemitraan)\n" not in err  # past the first eight: counted
    assert "    lorong-garam/kemitraan/index.html (Kemitraan)\n" in err and "    lorong-garam/data.json (data terbuka)\n" in err
    assert "Kemungkinan penyebab: mkdocs.yml tidak menyebut plugin plpbk di bawah `plugins:`" in err
    assert "Tulis kembali:\n  plugins:\n    - plpbk\n" in err
    assert "tidak lengkap: 29 dari 29 berkas wajib tidak ada (3 kawasan). Jangan terbitkan folder ini." in out
    (root / "mkdocs.yml").write_text(PORTAL_YML, encoding="utf-8")  # listed again, but the folder is still the plain build
    code, out, err = check(capsys, "--site", root)
    assert code == 1 and "plugin itu tidak berjalan: situs dibangun dengan mesin yang tidak menjalankan plugin MkDocs" in err
    assert "54 dari 54 berkas wajib tidak ada" in out  # both languages again


@pytest.mark.slow
def test_without_directory_urls_the_pages_are_the_same_files(portal: Path, tmp_path: Path, capsys) -> None:
    root = tmp_path / "tanpa-direktori"
    shutil.copytree(portal, root, ignore=shutil.ignore_patterns("site"))
    (root / "mkdocs.yml").write_text(PORTAL_YML + "use_directory_urls: false\n", encoding="utf-8")
    build_site(root)
    assert 'href="rencana/index.html"' in (root / "site" / "tambak-sari" / "index.html").read_text(encoding="utf-8")
    assert check(capsys, "--site", root)[0] == 0


def test_the_guide_shows_what_check_site_prints_for_a_site_zensical_built(tmp_path: Path, monkeypatch, capsys) -> None:
    """Mesin situs quotes the report on a new `plpbk init` site built by Zensical (its site/ holds
    only the Tentang page: checked by hand with Zensical 0.0.73); the quote stays true."""
    guide = (REPO / "docs" / "panduan" / "mesin-situs.md").read_text(encoding="utf-8")
    quoted = guide.split("yang dibangun Zensical:\n\n```text\n", 1)[1].split("```", 1)[0]
    root = tmp_path / "tambak-sari"
    assert main(["init", str(root), "--name", "Kampung Nelayan Tambak Sari"]) == 0
    (root / "site" / "tentang").mkdir(parents=True)
    (root / "site" / "tentang" / "index.html").write_text("<h1>Tentang situs ini</h1>", encoding="utf-8")
    monkeypatch.chdir(root)
    capsys.readouterr()
    code, out, err = check(capsys, "site")
    assert code == 1 and err + out == quoted
