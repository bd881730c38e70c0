"""Compiled templates kept in the cache folder: a changed template is compiled again, environments
with other syntax options keep their own, and a cache that cannot be written only costs time."""

from __future__ import annotations

from pathlib import Path

import jinja2

from plpbk_plugin.site.rendering.render import keep_compiled


def _env(folder: Path, cache: Path, **options: bool) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False, **options)
    keep_compiled(env, cache)
    return env


def test_a_template_edited_between_builds_is_compiled_again(tmp_path: Path) -> None:
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.html").write_text("{% if true %}\nBeranda {{ name }}\n{% endif %}\n", encoding="utf-8")
    assert _env(templates, cache).get_template("page.html").render(name="A") == "\nBeranda A\n"
    assert len(list((cache / "jinja").rglob("*.cache"))) == 1
    assert _env(templates, cache).get_template("page.html").render(name="B") == "\nBeranda B\n"  # from the kept code
    (templates / "page.html").write_text("Gagasan {{ name }}", encoding="utf-8")
    assert _env(templates, cache).get_template("page.html").render(name="C") == "Gagasan C"


def test_other_syntax_options_keep_their_own_compiled_code(tmp_path: Path) -> None:
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    (templates / "page.html").write_text("{% if true %}\nBeranda\n{% endif %}\n", encoding="utf-8")
    assert _env(templates, cache).get_template("page.html").render() == "\nBeranda\n"
    assert _env(templates, cache, trim_blocks=True).get_template("page.html").render() == "Beranda\n"
    assert len(list((cache / "jinja").iterdir())) == 2


def test_a_cache_that_cannot_be_written_still_renders(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "page.html").write_text("Kabar {{ n }}", encoding="utf-8")
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be")
    assert _env(templates, blocked).get_template("page.html").render(n=1) == "Kabar 1"
    full = tmp_path / "full"
    env = _env(templates, full)
    for kept in (full / "jinja").iterdir():
        kept.rmdir()
        kept.write_text("not a folder any more")  # e.g. removed or replaced while the build runs
    assert env.get_template("page.html").render(n=2) == "Kabar 2"
