"""The form editor's configuration, generated from the plan model: every field, with its label and hint."""

from __future__ import annotations

import re
import subprocess
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, Field, TypeAdapter

from helpers.plans import MINIMAL_PLAN, write_jpeg
from helpers.sitebuild import build_site, write_plan, write_site
from plpbk_plugin.cli.schema import json_schema
from plpbk_plugin.i18n import translator
from plpbk_plugin.plan import fields as f
from plpbk_plugin.plan import model as m
from plpbk_plugin.plan import vocabulary
from plpbk_plugin.plan.reading.overlays import slots
from plpbk_plugin.site.editor.admin import CMS_SCRIPT, FormSite, admin_files, cms_config, form_fields, form_site
from plpbk_plugin.site.editor.repository import github_repo

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "plpbk_plugin"
T = translator("id")
SITE = FormSite(
    repo="bkm-saribahari/situs",
    plans_path="plans",
    kawasan=(("tambak-sari", "Kampung Nelayan Tambak Sari"), ("lorong-garam", "Lorong Garam")),
    languages=("id", "en"),
    site_name="Situs BKM",
    site_url="https://bkm-saribahari.github.io/situs/",
)


def _model_of(hint: Any) -> type[BaseModel] | None:
    """The plan object a field holds (directly, optionally, or as list items), found independently of admin.py."""
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return hint
    return next((found for arg in typing.get_args(hint) if (found := _model_of(arg))), None)


def missing_from_form(model: type[BaseModel], form: list[dict[str, Any]], path: str = "") -> list[str]:
    """Every field of ``model`` (recursively) the form lacks, or shows without the model's label and hint."""
    by_name = {field["name"]: field for field in form}
    problems = []
    hints = typing.get_type_hints(model, include_extras=True)
    for attribute, info in model.model_fields.items():
        key = info.alias or attribute
        where = f"{path}{key}"
        field = by_name.get(key)
        if field is None:
            problems.append(f"{where}: not in the form")
            continue
        if not info.title or field.get("label") != info.title:
            problems.append(f"{where}: label {field.get('label')!r}, the model's title is {info.title!r}")
        if field.get("hint") != info.description:
            problems.append(f"{where}: hint differs from the model's description")
        if field.get("required", True) != info.is_required():
            problems.append(f"{where}: required {field.get('required', True)}, in the model {info.is_required()}")
        child = _model_of(hints[attribute])
        if child is not None:
            problems += missing_from_form(child, field.get("fields", []), f"{where}.")
    return problems


def collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(item for item in config["collections"] if item["name"] == name)


def field_at(form: list[dict[str, Any]], path: str) -> dict[str, Any]:
    """The form field at a dotted path: ``projects.funding.status``."""
    head, _, rest = path.partition(".")
    field = next(item for item in form if item["name"] == head)
    return field_at(field["fields"], rest) if rest else field


def test_every_field_of_the_plan_is_in_the_form_with_its_indonesian_label_and_hint() -> None:
    config = cms_config(SITE, T)
    assert missing_from_form(m.Kawasan, collection(config, "rencana")["fields"]) == []
    news = collection(config, "kabar-tambak-sari")["fields"]
    assert missing_from_form(m.NewsPost, news) == []
    assert news[-1]["name"] == "body" and news[-1]["widget"] == "markdown"


def test_a_field_added_to_the_model_but_not_the_form_fails() -> None:
    class Grown(m.Kawasan):
        jingle: f.Text | None = Field(default=None, title="Lagu", description="Lagu kampung.")

    class Untitled(m.Kawasan):
        motto: f.Text | None = Field(default=None, description="Tanpa label.")

    assert missing_from_form(Grown, form_fields(m.Kawasan, T)) == ["jingle: not in the form"]
    assert missing_from_form(Untitled, form_fields(Untitled, T)) == ["motto: label 'motto', the model's title is None"]


def test_the_plans_collection_covers_every_top_level_field_of_the_schema() -> None:
    plans = collection(cms_config(SITE, T), "rencana")
    assert [field["name"] for field in plans["fields"]] == list(json_schema()["properties"])
    assert (plans["folder"], plans["path"], plans["extension"], plans["format"]) == ("plans", "{{slug}}/kawasan", "yml", "yml")
    assert (plans["media_folder"], plans["public_folder"]) == ("photos", "photos")  # plans/<slug>/photos/x.jpg → photos/x.jpg


def test_lists_selects_dates_numbers_and_uploads() -> None:
    form = collection(cms_config(SITE, T), "rencana")["fields"]
    for path in ("projects", "projects.funding", "calls", "partners", "policy", "documents", "photos.gallery"):
        assert field_at(form, path)["widget"] == "list" and field_at(form, path)["fields"], path
    assert field_at(form, "projects")["min"] == 1 and field_at(form, "projects")["summary"] == "{{fields.title}}"
    status = field_at(form, "projects.status")
    assert status["widget"] == "select"
    assert [option["value"] for option in status["options"]] == list(vocabulary.PROJECT_STATUSES)
    assert status["options"][0]["label"] == "Direncanakan (planned)"
    assert field_at(form, "projects.funding.status")["default"] == "committed"
    assert field_at(form, "calls.partner_types") == {**field_at(form, "calls.partner_types"), "widget": "select", "multiple": True}
    assert field_at(form, "calls.deadline")["widget"] == "datetime" and field_at(form, "calls.deadline")["format"] == "YYYY-MM-DD"
    start = field_at(form, "projects.start")
    assert start["widget"] == "string" and all(re.fullmatch(start["pattern"][0], v) for v in ("2027", "2027-03", "2027-03-31"))
    cost = field_at(form, "projects.cost")
    assert (cost["widget"], cost["value_type"], cost["min"]) == ("number", "int", 0)
    assert field_at(form, "location.coordinates.lat")["value_type"] == "float"
    assert (field_at(form, "projects.progress")["min"], field_at(form, "projects.progress")["max"]) == (0, 100)
    assert field_at(form, "tagline")["maxlength"] == 140
    assert field_at(form, "photos.hero")["widget"] == "image" and "media_folder" not in field_at(form, "photos.hero")
    logo = field_at(form, "partners.logo")
    assert (logo["widget"], logo["media_folder"], logo["public_folder"]) == ("image", "logos", "logos")
    document = field_at(form, "documents.file")
    assert (document["widget"], document["media_folder"], document["public_folder"]) == ("file", "documents", "documents")
    assert ".pdf" in document["accept"]
    assert field_at(form, "transformation.from")["field"]["widget"] == "string"
    assert re.fullmatch(field_at(form, "calls.projects")["field"]["pattern"][0], "jalan-rw03")


def test_backend_signs_in_with_a_token_and_commits_in_indonesian() -> None:
    config = cms_config(SITE, T)
    assert config["backend"]["name"] == "github" and config["backend"]["repo"] == "bkm-saribahari/situs"
    assert config["backend"]["auth_methods"] == ["token"]
    assert config["backend"]["commit_messages"]["update"] == "Ubah {{collection}} “{{slug}}”"
    assert config["output"]["omit_empty_optional_fields"] is True  # an empty optional text would be invalid
    assert config["media_libraries"]["stock_assets"] == {"providers": []}


def test_translation_overlays_hold_only_the_translatable_fields() -> None:
    overlay = collection(cms_config(SITE, T), "terjemahan-en")
    assert (overlay["path"], overlay["extension"]) == ("{{slug}}/kawasan.en", "yml")
    names = [field["name"] for field in overlay["fields"]]
    assert names == list(slots(m.Kawasan)) and "projects" in names and "profile" not in names
    projects = field_at(overlay["fields"], "projects")["fields"]
    assert projects[0]["name"] == "id" and {"title", "summary"} <= {field["name"] for field in projects}
    assert "cost" not in {field["name"] for field in projects}
    assert all(field["required"] is False for field in overlay["fields"])
    assert not [c for c in cms_config(FormSite("a/b", "plans", (), ("id",)), T)["collections"] if c["name"].startswith("terjemahan")]


def test_news_of_each_kawasan_upload_into_its_photos() -> None:
    news = collection(cms_config(SITE, T), "kabar-lorong-garam")
    assert (news["folder"], news["extension"], news["format"]) == ("plans/lorong-garam/news", "md", "frontmatter")
    assert (news["media_folder"], news["public_folder"]) == ("/plans/lorong-garam/photos", "photos")
    assert news["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}" and news["label"] == "Kabar: Lorong Garam"
    single = FormSite("a/b", "plans", (("x", "X"),), single=True)
    assert collection(cms_config(single, T), "kabar-x")["label"] == "Kabar"
    assert collection(cms_config(single, T), "rencana")["create"] is False


def test_admin_page_loads_the_vendored_script_and_its_config() -> None:
    page = admin_files(SITE, T)["admin/index.html"]
    assert f'<script src="../{CMS_SCRIPT}"></script>' in page and "http" not in page.split("<body>")[1]
    assert '<html lang="id">' in page and 'name="robots" content="noindex"' in page
    assert "Situs BKM: penyunting rencana" in page


def test_github_repositories_from_repo_url() -> None:
    assert github_repo("https://github.com/bkm/situs-kawasan") == "bkm/situs-kawasan"
    assert github_repo("https://github.com/bkm/situs.git/") == "bkm/situs"
    assert github_repo("https://gitlab.com/bkm/situs") is None and github_repo(None) is None


def test_plans_path_from_the_repository_root(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    site = tmp_path / "situs"
    (site / "rencana").mkdir(parents=True)
    found = form_site("https://github.com/a/b", site, site / "rencana", [("x", "X")])
    assert found is not None and found.plans_path == "situs/rencana" and found.repo == "a/b"
    assert form_site("https://gitlab.com/a/b", site, site / "rencana", []) is None


def test_the_vendored_cms_is_the_pinned_release_with_its_licence() -> None:
    pinned = re.search(r'^VERSION = "([^"]+)"', (REPO / "scripts" / "vendor_cms.py").read_text(encoding="utf-8"), re.M)
    script = (PACKAGE / CMS_SCRIPT).read_text(encoding="utf-8")
    assert pinned and f"name:`@sveltia/cms`,version:`{pinned.group(1)}`" in script
    assert "MIT License" in (PACKAGE / CMS_SCRIPT).with_name("LICENSE.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "kind"),
    [("projects.id", f.Slug), ("organization.contact.whatsapp", f.Phone), ("partners.url", f.Url), ("projects.start", f.PartialDate)],
)
def test_patterns_come_from_the_model_types(path: str, kind: Any) -> None:
    field = field_at(form_fields(m.Kawasan, T), path)
    assert field["pattern"][0] == TypeAdapter(kind).json_schema()["pattern"] and field["pattern"][1]


# --- in a built site -------------------------------------------------------------------------


def _small_site(root: Path, **extra: Any) -> Path:
    write_site(root, **extra)
    write_plan(root / "plans", "tambak-sari", MINIMAL_PLAN)
    write_jpeg(root / "plans" / "tambak-sari" / "photos" / "hero.jpg")
    return root


@pytest.mark.slow
def test_a_site_on_github_gets_the_editor_at_admin(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    site = build_site(_small_site(tmp_path / "situs", repo_url="https://github.com/bkm-saribahari/situs"))
    page = (site / "admin" / "index.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts and all((site / "admin" / src).resolve().is_file() for src in scripts)  # served by the site itself
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "bkm-saribahari/situs"
    plans = collection(config, "rencana")
    assert plans["folder"] == "situs/plans"  # from the repository root: the site sits in a subfolder
    assert [field["name"] for field in plans["fields"]] == list(json_schema()["properties"])
    assert collection(config, "kabar-tambak-sari")["folder"] == "situs/plans/tambak-sari/news"
    assert (site / "assets" / "plpbk" / "cms" / "LICENSE.txt").is_file()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("extra", "plugin"),
    [({}, {}), ({"repo_url": "https://gitlab.com/bkm/situs"}, {}), ({"repo_url": "https://github.com/bkm/situs"}, {"form_editor": False})],
    ids=["no-repo-url", "not-github", "turned-off"],
)
def test_no_editor_and_no_cms_script_otherwise(tmp_path: Path, extra: dict[str, Any], plugin: dict[str, Any]) -> None:
    site = build_site(_small_site(tmp_path, plugin=plugin, **extra))
    assert (site / "index.html").is_file()
    assert not (site / "admin").exists() and not (site / "assets" / "plpbk" / "cms").exists()
