"""`plpbk communities check`, and the commands that read a portal of communities (validate, export)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from benchmarks.loopback import Loopback
from helpers.sources import community_data
from plpbk_plugin.cli import main


@pytest.fixture
def server():
    with Loopback() as running:
        yield running


def portal_site(root: Path, communities: list[str]) -> Path:
    config = {
        "site_name": "Portal Kota Uji",
        "site_url": "https://contoh.github.io/portal/",
        "theme": {"name": "material", "language": "id"},
        "plugins": [{"plpbk": {"mode": "portal", "communities": communities, "communities_timeout": 2}}],
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return root


def good_source(server: Loopback, slug: str = "tambak-sari") -> str:
    doc = community_data(slug, f"https://bkm-{slug}.github.io/")
    return server.route(f"/{slug}/data.json", body=json.dumps(doc).encode())


def test_check_reports_every_source_and_fails_on_any_problem(
    server: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = good_source(server)
    broken = server.route("/rusak/data.json", body=b"<html>Situs sedang perbaikan</html>")
    missing = server.route("/hilang/data.json", status=404)
    site = portal_site(tmp_path, [good, broken, missing])
    assert main(["communities", "check", "--site", str(site)]) == 1
    out, err = capsys.readouterr()
    assert f"✓ {good}  Kampung Nelayan Tambak Sari (Kota Semarang): 7 kegiatan" in out
    assert f"✗ Komunitas {broken}: berkasnya bukan JSON yang sah" in err
    assert f"✗ Komunitas {missing}: tidak ada berkas di alamat ini (HTTP 404)" in err
    assert "2 dari 3 sumber bermasalah." in out
    assert not (tmp_path / ".cache").exists()  # a check keeps no copies


def test_check_passes_when_every_source_is_fine(server: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = portal_site(tmp_path, [good_source(server), good_source(server, "lorong-garam")])
    assert main(["communities", "check", "--site", str(site)]) == 0
    assert "Semua 2 sumber baik." in capsys.readouterr().out


def test_check_an_address_before_adding_it(server: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site = portal_site(tmp_path, [])
    url = good_source(server, "lorong-garam")
    assert main(["communities", "check", "--site", str(site), url, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert f"✓ {url}  Lorong Garam (Kota Makassar): 3 projects" in out and "The source is fine." in out
    assert main(["communities", "check", "--site", str(site), "http://bkm.github.io/data.json"]) == 1
    assert "hanya alamat https yang bisa dihimpun" in capsys.readouterr().err


def test_check_without_sources_says_where_to_list_them(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["communities", "check", "--site", str(portal_site(tmp_path, []))]) == 2
    assert "communities:" in capsys.readouterr().err


def test_validate_and_export_a_portal_of_communities_without_plans(
    server: Loopback, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = good_source(server)
    site = portal_site(tmp_path / "portal", [url])
    assert main(["validate", "--site", str(site)]) == 0
    assert "Tidak ada rencana lokal: portal ini menghimpun 1 komunitas" in capsys.readouterr().out
    out = tmp_path / "data"
    assert main(["export", "--site", str(site), "--out", str(out)]) == 0
    data = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert [(e["slug"], e["data"]) for e in data["kawasan"]] == [("tambak-sari", url)]
    assert "tambak-sari," in (out / "rencana.csv").read_text(encoding="utf-8-sig")
