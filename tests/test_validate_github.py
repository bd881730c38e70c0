"""``plpbk validate --format github``: every problem as a GitHub annotation on its file and line."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from helpers.broken import CASES, build, expected_line
from helpers.plans import plan
from plpbk_plugin.cli import main
from plpbk_plugin.cli.validate import escape_data, escape_property
from plpbk_plugin.plan.reading.attachments import Limits

ACCEPTANCE = {
    "syntax": ["yaml_tab", "yaml_quote", "yaml_colon", "unknown_tag"],
    "types": ["wrong_type", "dotted_money", "negative_money"],
    "enums": ["enum_typo"],
    "typos": ["key_typo"],
    "cross-references": ["unknown_call_project"],
    "missing or corrupt images": ["missing_photo", "corrupt_photo", "truncated_jpeg"],
    "path traversal": ["path_traversal", "absolute_path", "symlink_escape"],
    "encoding": ["latin1"],
    "duplicates": ["duplicate_key", "duplicate_project_id"],
}
CLI_CASES = [case for case in CASES if case.limits == Limits()]
"""The broken plans the command line meets as they are (the others need smaller limits)."""
COMMAND = re.compile(r"^::(error|warning)( [^:]*)?::(.*)$")


def unescape(text: str) -> str:
    for code, char in (("%0A", "\n"), ("%0D", "\r"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def annotations(output: str) -> list[tuple[str, dict[str, str], str]]:
    """``(kind, properties, message)`` of every workflow command in ``output``, parsed as GitHub does."""
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if match:
            pairs = (pair.split("=", 1) for pair in (match.group(2) or "").strip().split(",") if pair)
            found.append((match.group(1), {key: unescape(value) for key, value in pairs}, unescape(match.group(3))))
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A Git repository whose site sits in a subfolder, ``situs/``: paths must start from the repository."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "situs").mkdir()
    (tmp_path / "situs" / "mkdocs.yml").write_text("site_name: Uji\nplugins:\n  - plpbk\n", encoding="utf-8")
    return tmp_path


def validate(site: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["validate", "--site", str(site), "--format", "github"])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_acceptance_kinds_are_all_in_the_corpus() -> None:
    names = {case.name for case in CLI_CASES}
    assert {name for cases in ACCEPTANCE.values() for name in cases} <= names


@pytest.mark.parametrize("case", CLI_CASES, ids=lambda case: case.name)
def test_every_broken_plan_is_an_error_on_an_existing_file_and_its_line(case, repo: Path, capsys, monkeypatch) -> None:
    folder = build(case, repo / "situs" / "plans")
    monkeypatch.chdir(repo / "situs")  # as in a workflow step: paths still start from the repository root
    code, out, err = validate(Path("."), capsys)
    assert code == 1 and "Traceback" not in out + err and err == ""
    errors = [(props, message) for kind, props, message in annotations(out) if kind == "error"]
    assert errors, out
    for props, message in errors:
        if "file" in props:
            assert (repo / props["file"]).is_file(), props
            assert props["title"] and message
        else:
            assert "line" not in props and case.slug in message  # a folder's problem names the folder
    if case.file:
        expected = f"situs/plans/{case.slug}/{case.file}"
        on_file = [props for props, _message in errors if props.get("file") == expected]
        assert on_file, (expected, out)
        line = expected_line(case, folder)
        if isinstance(line, int):
            assert str(line) in [props.get("line") for props in on_file], (line, out)
    elif (folder / "kawasan.yml").is_file():  # a badly named folder: shown on its plan
        assert any(props.get("file") == f"situs/plans/{case.slug}/kawasan.yml" for props, _message in errors)


def test_field_title_message_and_suggestion(repo: Path, capsys) -> None:
    build(next(case for case in CASES if case.name == "enum_typo"), repo / "situs" / "plans")
    _code, out, _err = validate(repo / "situs", capsys)
    [(kind, props, message)] = annotations(out)
    assert (kind, props["title"], props["file"]) == ("error", "projects[0].sector", "situs/plans/enum-typo/kawasan.yml")
    assert "lingkungan" in message and "Mungkin maksud Anda" in message
    assert out.splitlines()[-1] == "1 masalah di 1 dari 1 kawasan."


def test_warnings_are_warnings(make_plan, capsys) -> None:
    data = plan()
    data["calls"] = [{"id": "c", "title": "t", "description": "d", "deadline": "2020-01-31"}]
    site = make_plan(data).parent.parent
    code = main(["validate", "--site", str(site), "--format", "github"])
    out, _err = capsys.readouterr()
    [(kind, props, _message)] = annotations(out)
    assert code == 0 and kind == "warning" and props["title"] == "calls[0].deadline"
    assert main(["validate", "--site", str(site), "--format", "github", "--strict"]) == 1


def test_outside_git_paths_start_at_the_site(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    build(next(case for case in CASES if case.name == "wrong_type"), tmp_path / "plans")
    _code, out, _err = validate(tmp_path, capsys)
    [(_kind, props, _message)] = annotations(out)
    assert props["file"] == "plans/wrong-type/kawasan.yml"


def test_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% selesai\r\nbaris: dua, tiga") == "100%25 selesai%0D%0Abaris: dua, tiga"
    assert escape_property("plans/a,b/x:y.yml%\n") == "plans/a%2Cb/x%3Ay.yml%25%0A"
    line = f"::error file={escape_property('a,b:c')},title={escape_property('t')}::{escape_data('x%y')}"
    assert annotations(line) == [("error", {"file": "a,b:c", "title": "t"}, "x%y")]
