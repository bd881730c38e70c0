"""The plugin's options are defined once (site/options.py): MkDocs and the command line read the same
names, defaults and checks, and report a bad value naming mkdocs.yml and the option."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from plpbk_plugin.cli import main
from plpbk_plugin.cli.site_reading import read_site
from plpbk_plugin.config import PlpbkConfig
from plpbk_plugin.i18n import languages, translator
from plpbk_plugin.site.options import Options

SITE = """\
site_name: Portal
site_url: https://example.org/
theme:
  name: material
  language: id
plugins:
  - plpbk{options}
"""


def _site(tmp_path: Path, options: str = "") -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(SITE.format(options=options), encoding="utf-8")
    return tmp_path


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def test_the_adapter_and_the_cli_agree_on_every_name_and_default(tmp_path: Path) -> None:
    mkdocs = PlpbkConfig()
    mkdocs.load_dict({})
    failed, warnings = mkdocs.validate()
    assert not failed and not warnings
    defaults = {name: _plain(value) for name, value in dataclasses.asdict(Options()).items()}
    assert dict(mkdocs) == defaults
    cli = read_site(_site(tmp_path)).options
    assert cli == Options()
    assert dict(mkdocs) == {name: _plain(value) for name, value in dataclasses.asdict(cli).items()}


def test_both_read_the_same_values(tmp_path: Path) -> None:
    site = _site(tmp_path, ":\n      mode: portal\n      group_above: 3\n      communities_timeout: 30\n      languages: [id, en]")
    config = load_config(str(site / "mkdocs.yml"))
    assert Options.read(dict(config.plugins["plpbk"].config), translator("id")) == read_site(site).options
    assert read_site(site).options == Options(mode="portal", group_above=3, communities_timeout=30, languages=("id", "en"))


@pytest.mark.parametrize("options", [
    "communities_timeout: 500", "communities_timeout: 0", "mode: protal", "languages: [id, fr]", "group_above: -1",
])
def test_both_refuse_a_bad_value_naming_mkdocs_yml_and_the_option(tmp_path: Path, options: str, capsys) -> None:
    site = _site(tmp_path, ":\n      communities: [https://a.example/data.json]\n      " + options)
    name = options.split(":")[0]
    assert main(["export", "--site", str(site), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "mkdocs.yml" in err and f"plpbk: {name}:" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
    with pytest.raises((Abort, PluginError)):  # MkDocs' own type check, or the plugin's on_config
        config = load_config(str(site / "mkdocs.yml"))
        config.plugins.on_config(config)


def test_the_cli_reports_every_bad_option_in_indonesian(tmp_path: Path, capsys) -> None:
    site = _site(tmp_path, ":\n      communities_timeout: 500\n      history: ya")
    assert main(["validate", "--site", str(site)]) == 2
    err = capsys.readouterr().err
    assert "communities_timeout: isi jumlah detik di atas 0 dan paling banyak 120" in err
    assert "history: tulis true atau false" in err


def test_gathering_needs_a_portal_and_https(tmp_path: Path, capsys) -> None:
    site = _site(tmp_path, ":\n      mode: single\n      communities: [http://example.org/data.json]")
    assert main(["export", "--site", str(site)]) == 2
    assert "mode: single" in capsys.readouterr().err


def test_the_languages_are_the_catalogues() -> None:
    choice = dict(PlpbkConfig._schema)["languages"].option_type  # type: ignore[attr-defined]
    assert tuple(choice.choices) == languages()
    assert set(languages()) == {p.name for p in (Path(__file__).parents[1] / "plpbk_plugin" / "locale").iterdir() if p.is_dir()}


def test_the_readme_example_lists_every_option() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("  - plpbk:\n", 1)[1].split("```", 1)[0]
    listed = [line.split(":", 1)[0].strip() for line in example.splitlines() if line.startswith("      ")]
    assert listed and sorted(listed) == sorted(field.name for field in dataclasses.fields(Options))


def test_the_cli_reads_a_properdocs_yml_as_properdocs_does(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "properdocs.yml").write_text(SITE.format(options=":\n      plans_dir: rencana\n      communities_timeout: 30"),
                                             encoding="utf-8")
    site = read_site(tmp_path)
    assert site.config_file == tmp_path / "properdocs.yml" and site.plugin_listed
    assert site.plans_dir == tmp_path / "rencana" and site.options.communities_timeout == 30


def test_serve_watches_the_plans_even_when_they_have_errors(tmp_path: Path) -> None:
    """The watch is set before the plans are read: `mkdocs serve` rebuilds once the editor fixes them."""
    site = _site(tmp_path, ":\n      plans_dir: rencana")
    (site / "rencana" / "lorong").mkdir(parents=True)
    (site / "rencana" / "lorong" / "kawasan.yml").write_text("name: [tidak ditutup\n", encoding="utf-8")
    config = load_config(str(site / "mkdocs.yml"))
    with pytest.raises(PluginError):
        config.plugins.on_config(config)
    assert str((site / "rencana").resolve()) in config.watch
