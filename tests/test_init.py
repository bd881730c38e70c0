"""`plpbk init`: a complete repository for one kawasan that builds (--strict) and validates as created."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers.sitebuild import meta, page
from helpers.starter import TO_PROPERDOCS
from plpbk_plugin.cli import main
from plpbk_plugin.cli.init import SITE_STARTER, TEMPLATED
from plpbk_plugin.cli.new import STARTER
from plpbk_plugin.cli.schema import schema_text

pytestmark = pytest.mark.slow  # real site builds

REPO = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("SITE_URL", None)


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def mkdocs_build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=root, env={**ENV, **env}, capture_output=True, text=True, timeout=300,
    )


def read_mkdocs_yml(root: Path) -> dict:
    """mkdocs.yml as MkDocs reads it, with `!ENV [NAME, default]` resolved to its default."""
    loader = type("Loader", (yaml.SafeLoader,), {})
    loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1])
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=loader)


@pytest.fixture(scope="module")
def starter_site(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`plpbk init` in an empty folder, then `mkdocs build --strict` there (once for the module)."""
    root = tmp_path_factory.mktemp("init") / "kampung-tambak-sari"
    root.mkdir()
    assert main(["init", str(root)]) == 0
    return root, mkdocs_build(root)


def test_init_lays_out_a_complete_repository(starter_site) -> None:
    root, _ = starter_site
    files = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and "site" not in p.relative_to(root).parts[:1] and ".cache" not in p.parts}
    assert {
        "mkdocs.yml", "README.md", "requirements.txt", ".gitignore",
        ".github/workflows/pages.yml", ".github/workflows/periksa.yml", ".github/dependabot.yml",
        ".vscode/settings.json", ".vscode/extensions.json",
        "docs/tentang.md", "overrides/plpbk/partials/footer.html",
        "plans/kawasan.schema.json", "plans/kampung-tambak-sari/kawasan.yml",
        "plans/kampung-tambak-sari/photos/.gitkeep", "plans/kampung-tambak-sari/documents/.gitkeep",
        "plans/kampung-tambak-sari/logos/.gitkeep", "plans/kampung-tambak-sari/news/.gitkeep",
    } <= files
    assert not [name for name in TEMPLATED if "{{" in (root / name).read_text(encoding="utf-8")]
    plan = (root / "plans/kampung-tambak-sari/kawasan.yml").read_bytes()
    assert plan == (STARTER / "kawasan.yml").read_bytes()
    assert (root / "plans/kawasan.schema.json").read_text(encoding="utf-8") == schema_text()
    ignored = (root / ".gitignore").read_text(encoding="utf-8").split()
    assert "/site/" in ignored and ".cache/" in ignored


def test_mkdocs_yml_is_a_single_kawasan_indonesian_site(starter_site) -> None:
    root, _ = starter_site
    config = read_mkdocs_yml(root)
    assert config["theme"]["name"] == "material" and config["theme"]["language"] == "id"
    assert config["theme"]["custom_dir"] == "overrides"
    plugin = next(item["plpbk"] for item in config["plugins"] if isinstance(item, dict) and "plpbk" in item)
    assert plugin["mode"] == "single"
    assert config["site_url"] == "https://contoh.github.io/kampung-tambak-sari/"
    assert {"tables", "attr_list"} <= {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL, " in text and "# repo_url: https://github.com/<akun>/" in text


def test_the_new_repository_builds_strict_and_validates(starter_site, capsys) -> None:
    root, built = starter_site
    assert built.returncode == 0, built.stderr[-3000:]
    site = root / "site"
    for path in ("", "gagasan", "rencana", "rencana/jalan-rw-03", "kemitraan", "dokumen", "cetak", "tentang"):
        assert (site / path / "index.html").is_file(), path
    assert (site / "404.html").is_file()
    beranda = page(site, "")
    assert meta(beranda, "og:url") == "https://contoh.github.io/kampung-tambak-sari/"
    project = page(site, "rencana/jalan-rw-03")  # the override's footer, with a working link to docs/tentang.md
    assert "Situs ini dikelola oleh warga Kampung Contoh bersama BKM Contoh Sejahtera." in project
    assert '<a href="../../tentang/">Tentang situs ini</a>' in project
    assert "Tentang situs ini" in page(site, "tentang")
    code, out, err = run(capsys, "validate", "--site", root)
    assert (code, err) == (0, "") and out.startswith("Semua rencana valid: 1 kawasan")
    assert run(capsys, "validate", "--site", root, "--strict")[0] == 0
    code, out, err = run(capsys, "check-site", "--site", root)
    assert (code, err) == (0, "") and out.startswith(f"✓ `{site}` memuat setiap halaman 1 kawasan (2 proyek; bahasa: id)")


def test_without_its_plugin_line_the_site_still_builds_but_is_not_published(starter_site, tmp_path: Path, capsys) -> None:
    """The plugin's lines deleted from mkdocs.yml: MkDocs builds a site without one kawasan page (only
    --strict stops at the link from tentang.md; a portal's workflow and Zensical build without it);
    `plpbk check-site`, which the Pages workflows run before the upload, stops it."""
    root, _ = starter_site
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(root), str(copy)], check=True)
    text = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    start = text.index("  - plpbk:")
    end = text.index("\n\n", start)
    (copy / "mkdocs.yml").write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build"], cwd=copy, env=ENV, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0 and (copy / "site" / "tentang" / "index.html").is_file(), built.stderr[-3000:]
    code, out, err = run(capsys, "check-site", "--site", copy)
    assert code == 1
    assert err.startswith("✗ Kampung Contoh (plans/kampung-tambak-sari): 6 berkas tidak ada\n"
                          "    index.html (Beranda)\n    rencana/index.html (Rencana)\n"
                          "    rencana/jalan-rw-03/index.html (proyek jalan-rw-03)\n"
                          "    rencana/bank-sampah/index.html (proyek bank-sampah)\n    kemitraan/index.html (Kemitraan)\n"
                          "    data.json (data terbuka)\n")
    assert "mkdocs.yml tidak menyebut plugin plpbk di bawah `plugins:`" in err
    assert "Jangan terbitkan folder ini." in out


def test_the_pages_workflow_sets_site_url(starter_site, tmp_path: Path) -> None:
    """The workflow passes GitHub Pages' address as SITE_URL: it wins over the local default."""
    root, _ = starter_site
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-r", str(root), str(copy)], check=True)
    built = mkdocs_build(copy, SITE_URL="https://bkm.example.org/situs/")
    assert built.returncode == 0, built.stderr[-3000:]
    assert meta(page(copy / "site", "gagasan"), "og:url") == "https://bkm.example.org/situs/gagasan/"
    workflow = yaml.safe_load((root / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    build = next(step for step in workflow["jobs"]["build"]["steps"] if "mkdocs build" in step.get("run", ""))
    assert build["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"


def test_vscode_gets_the_schema(starter_site) -> None:
    root, _ = starter_site
    settings = json.loads((root / ".vscode/settings.json").read_text(encoding="utf-8"))
    [(schema, globs)] = settings["yaml.schemas"].items()
    assert (root / schema).resolve() == (root / "plans/kawasan.schema.json").resolve()
    assert any((root / "plans").glob(globs[0].removeprefix("plans/")))
    assert "!ENV sequence" in settings["yaml.customTags"]
    assert json.loads((root / ".vscode/extensions.json").read_text(encoding="utf-8")) == {"recommendations": ["redhat.vscode-yaml"]}
    first = (root / "plans/kampung-tambak-sari/kawasan.yml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../kawasan.schema.json"


def test_readme_for_the_bkm_is_indonesian_and_names_the_kawasan_folder(starter_site) -> None:
    root, _ = starter_site
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Kampung Contoh\n")
    for phrase in ("plans/kampung-tambak-sari/kawasan.yml", "Settings → Pages", "plpbk validate", "mkdocs serve", "mkdocs gh-deploy"):
        assert phrase in readme, phrase
    requirement = (root / "requirements.txt").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert requirement.startswith("plpbk-plugin")
    engines = [line for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines() if line.startswith("mkdocs")]
    assert engines == ["mkdocs>=1.6,<2", "mkdocs-material>=9.7,<10"]  # never MkDocs 2 or Material 10
    switch = "ganti `{}` dengan `{}`".format(*TO_PROPERDOCS)
    assert switch in " ".join(readme.split()) and "Zensical" in readme
    assert switch in " ".join(line.lstrip("# ") for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines())


def test_name_github_and_slug_options(tmp_path: Path, capsys) -> None:
    root = tmp_path / "situs"
    name = 'Kampung "Nelayan": Tambak #1'
    code, out, _ = run(capsys, "init", root, "--name", name, "--github", "BKM-Sari/kampung-tambak", "--slug", "tambak-sari")
    assert code == 0 and "tambak-sari" in out
    config = read_mkdocs_yml(root)
    assert config["site_name"] == name
    assert config["site_url"] == "https://bkm-sari.github.io/kampung-tambak/"
    assert config["repo_url"] == "https://github.com/BKM-Sari/kampung-tambak" and config["edit_uri"] == "edit/main/docs/"
    plan = yaml.safe_load((root / "plans/tambak-sari/kawasan.yml").read_text(encoding="utf-8"))
    assert plan["name"] == name
    assert run(capsys, "validate", "--site", root)[0] == 0
    built = mkdocs_build(root)
    assert built.returncode == 0, built.stderr[-3000:]
    html = page(root / "site", "rencana")
    assert 'href="https://github.com/BKM-Sari/kampung-tambak/edit/main/plans/tambak-sari/kawasan.yml"' in html
    assert (root / "README.md").read_text(encoding="utf-8").startswith(f"# {name}\n")


def test_user_site_repository_is_served_at_the_root(tmp_path: Path, capsys) -> None:
    assert run(capsys, "init", tmp_path / "a", "--github", "bkm-sari/bkm-sari.github.io")[0] == 0
    assert read_mkdocs_yml(tmp_path / "a")["site_url"] == "https://bkm-sari.github.io/"
    assert run(capsys, "init", tmp_path / "b", "--site-url", "https://rencana.example.org")[0] == 0
    assert read_mkdocs_yml(tmp_path / "b")["site_url"] == "https://rencana.example.org/"
    requirement = "plpbk-plugin @ git+https://github.com/contoh/plpbk@main"
    assert run(capsys, "init", tmp_path / "c", "--requirement", requirement)[0] == 0
    assert (tmp_path / "c" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == requirement


def test_refuses_a_folder_with_content_but_accepts_a_fresh_clone(tmp_path: Path, capsys) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "catatan.txt").write_text("jangan ditimpa", encoding="utf-8")
    code, _, err = run(capsys, "init", full)
    assert code == 1 and "tidak kosong" in err and sorted(p.name for p in full.iterdir()) == ["catatan.txt"]
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    assert run(capsys, "init", clone)[0] == 0 and (clone / "mkdocs.yml").is_file()


def test_bad_options_are_messages(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "init", tmp_path / "x", "--slug", "Tambak Sari")
    assert code == 2 and "`tambak-sari`" in err and not (tmp_path / "x").exists()
    code, _, err = run(capsys, "init", tmp_path / "y", "--github", "tanpa-garis-miring", "--lang", "en")
    assert code == 2 and "OWNER/REPO" in err and "Traceback" not in err
    code, _, err = run(capsys, "init", tmp_path / "z", "--site-url", "contoh.github.io/repo")
    assert code == 2 and "https://<akun>.github.io/" in err


def test_the_packaged_starter_has_no_dotfiles() -> None:
    """Dot-files are stored as `dot-…` so that packaging and this repository's Git leave them alone."""
    assert not list(SITE_STARTER.rglob(".*"))
    assert (SITE_STARTER / "dot-github" / "workflows" / "pages.yml").is_file()
