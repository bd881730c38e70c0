"""The ``plpbk`` command line: validate, schema and new; messages, never tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.broken import CASES, build
from helpers.plans import plan
from plpbk_plugin.cli import main
from plpbk_plugin.cli.new import STARTER
from plpbk_plugin.cli.schema import json_schema, schema_text
from plpbk_plugin.plan.reading.attachments import Limits
from plpbk_plugin.plan.reading.loading import load_plans

REPO = Path(__file__).resolve().parent.parent
DEFAULT_LIMIT_CASES = [case for case in CASES if case.limits == Limits()]


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_valid_site(valid_plan: Path, capsys) -> None:
    code, out, err = run(capsys, "validate", "--site", valid_plan.parent.parent)
    assert (code, out, err) == (0, "Semua rencana valid: 1 kawasan, 1 proyek.\n", "")


def test_validate_reports_every_problem_and_a_summary(make_plan, capsys) -> None:
    data = plan()
    data["projects"][0].update(sector="lingkugan", cost="1.250.000")
    make_plan(data, "kampung-a")
    make_plan(slug="kampung-b")
    code, out, err = run(capsys, "validate", "--site", Path(make_plan(slug="kampung-c")).parent.parent)
    assert code == 1
    assert err.count("\n") == 2 and "projects[0].sector" in err and "Mungkin maksud Anda `lingkungan`?" in err
    assert out == "2 masalah di 1 dari 3 kawasan.\n"


def test_validate_in_english(make_plan, capsys) -> None:
    data = plan()
    data["tagline"] = ""
    site = make_plan(data).parent.parent
    code, out, err = run(capsys, "validate", "--site", site, "--lang", "en")
    assert code == 1 and "tagline: Must not be empty." in err and out == "1 problem in 1 of 1 kawasan.\n"


def test_validate_reads_plans_dir_and_language_from_mkdocs_yml(tmp_path: Path, make_plan, capsys) -> None:
    make_plan()  # in plans/: not the configured folder
    (tmp_path / "rencana").mkdir()
    (tmp_path / "plans").rename(tmp_path / "rencana" / "kawasan")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: !ENV [SITE_NAME, 'Uji']\n"
        "theme:\n  name: material\n  language: en\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - plpbk:\n      plans_dir: rencana/kawasan\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", "--site", tmp_path)
    assert (code, out) == (0, "All plans valid: 1 kawasan, 1 projects.\n")
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  plpbk:\n    plans_dir: rencana/kawasan\n", encoding="utf-8")
    assert run(capsys, "validate", "--site", tmp_path)[1].startswith("Semua rencana valid")


def test_validate_warnings_fail_only_when_strict(make_plan, capsys) -> None:
    data = plan()
    data["calls"] = [{"id": "c", "title": "t", "description": "d", "deadline": "2020-01-31"}]
    site = make_plan(data).parent.parent
    code, out, err = run(capsys, "validate", "--site", site)
    assert code == 0 and err.startswith("peringatan: ") and "calls[0].deadline" in err
    assert out == "Semua rencana valid: 1 kawasan, 1 proyek.\n1 peringatan.\n"
    assert run(capsys, "validate", "--site", site, "--strict")[0] == 1


def test_validate_without_plans(tmp_path: Path, capsys) -> None:
    code, out, err = run(capsys, "validate", "--site", tmp_path)
    assert code == 1 and "plpbk new" in err and out == "1 masalah.\n"


@pytest.mark.parametrize("case", DEFAULT_LIMIT_CASES, ids=lambda case: case.name)
def test_validate_broken_plan_exits_1(case, plans_dir: Path, capsys) -> None:
    build(case, plans_dir)
    code, out, err = run(capsys, "validate", "--site", plans_dir.parent)
    assert code == 1 and "Traceback" not in out + err
    assert " masalah di 1 dari 1 kawasan." in out


def test_the_whole_corpus_in_one_run_without_traceback(tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    for case in DEFAULT_LIMIT_CASES:
        build(case, plans)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-m", "plpbk_plugin.cli", "validate", "--site", str(tmp_path)],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120,
    )
    assert done.returncode == 1 and "Traceback" not in done.stdout + done.stderr
    for case in DEFAULT_LIMIT_CASES:
        assert f"plans/{case.slug}" in done.stderr, case.name
    count = len(DEFAULT_LIMIT_CASES)
    assert done.stdout.endswith(f"dari {count} kawasan.\n")


def test_bad_mkdocs_yml_is_a_message(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins: [plpbk\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", "--site", tmp_path)
    assert code == 2 and err.startswith("plpbk: ") and "Traceback" not in err


def test_usage_errors_exit_2(capsys) -> None:
    for args in ([], ["validate", "--lang", "fr"], ["nothing"], ["new"]):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code == 2
    capsys.readouterr()


def test_schema_prints_the_model_schema(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == 0 and out == schema_text() and json.loads(out) == json_schema()


def test_new_starts_a_valid_plan(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, "new", "kampung-baru", "--site", tmp_path)
    folder = tmp_path / "plans" / "kampung-baru"
    assert code == 0 and str(folder / "kawasan.yml") in out
    assert (folder / "kawasan.yml").read_bytes() == (STARTER / "kawasan.yml").read_bytes()
    assert all((folder / name / ".gitkeep").is_file() for name in ("photos", "documents", "logos", "news"))
    assert (tmp_path / "plans" / "kawasan.schema.json").read_text(encoding="utf-8") == schema_text()
    result = load_plans(tmp_path / "plans")
    assert result.problems == () and result.warnings == () and len(result.plans) == 1
    assert run(capsys, "validate", "--site", tmp_path)[0] == 0


def test_new_refuses_a_bad_slug_or_an_existing_folder(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "new", "Kampung Baru", "--site", tmp_path)
    assert code == 2 and "`kampung-baru`" in err and not (tmp_path / "plans").exists()
    assert run(capsys, "new", "kampung-baru", "--site", tmp_path)[0] == 0
    (tmp_path / "plans" / "kampung-baru" / "kawasan.yml").write_text("name: diubah\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "kampung-baru", "--site", tmp_path, "--lang", "en")
    assert code == 1 and "already exists" in err
    assert (tmp_path / "plans" / "kampung-baru" / "kawasan.yml").read_text(encoding="utf-8") == "name: diubah\n"


def test_new_uses_the_configured_plans_dir_and_refreshes_the_schema(tmp_path: Path, capsys) -> None:
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - plpbk: {plans_dir: rencana}\n", encoding="utf-8")
    (tmp_path / "rencana").mkdir()
    (tmp_path / "rencana" / "kawasan.schema.json").write_text("{}", encoding="utf-8")
    assert run(capsys, "new", "kampung-baru", "--site", tmp_path)[0] == 0
    assert (tmp_path / "rencana" / "kampung-baru" / "kawasan.yml").is_file()
    assert (tmp_path / "rencana" / "kawasan.schema.json").read_text(encoding="utf-8") == schema_text()


def test_starter_template_points_editors_to_the_schema() -> None:
    first = (STARTER / "kawasan.yml").read_text(encoding="utf-8").split("\n", 1)[0]
    assert first == "# yaml-language-server: $schema=../kawasan.schema.json"

