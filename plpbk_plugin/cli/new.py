"""``plpbk new <slug>``: a kawasan folder from the commented Indonesian template."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from ..filesystem import PACKAGE_DIR
from ..i18n import translator
from ..plan.slugs import is_slug, slugify
from .schema import schema_text
from .site_reading import CliError, language, read_site

STARTER = PACKAGE_DIR / "starter"
SCHEMA_FILE = "kawasan.schema.json"
MEDIA_FOLDERS = ("photos", "documents", "logos", "news")
STARTER_NAME = "Kampung Contoh"
"""The kawasan name in the starter plan (``name:``), replaced by ``plpbk init --name``."""


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("new", parents=[common], help="start plans/<slug>/ from a commented template")
    parser.add_argument("slug", help="folder and URL name of the kawasan, e.g. tambak-sari")
    parser.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    """Create ``plans/<slug>/`` with the template and empty media folders, and the schema beside the plans."""
    site = read_site(args.site)
    _ = translator(language(args, site)).gettext
    folder = start_plan(site.plans_dir, args.slug, _)
    print(_("Created `%(file)s`: fill it in, then run `plpbk validate`.") % {"file": folder / "kawasan.yml"})
    return 0


def start_plan(plans_dir: Path, slug: str, _: Callable[[str], str], *, name: str | None = None) -> Path:
    """``plans_dir/<slug>/`` from the commented template, its media folders and the schema beside the plans.

    With ``name``, the template's kawasan name is replaced by it. Returns the new folder.
    """
    check_slug(slug, _)
    folder = plans_dir / slug
    if folder.exists():
        raise CliError(_("`%(folder)s` already exists; choose another slug or edit that plan.") % {"folder": folder}, 1)
    template = (STARTER / "kawasan.yml").read_bytes()
    if name is not None:
        template = template.replace(
            f"\nname: {STARTER_NAME}\n".encode(), f"\nname: {json.dumps(name, ensure_ascii=False)}\n".encode(), 1
        )
    try:
        folder.mkdir(parents=True)
        (folder / "kawasan.yml").write_bytes(template)
        for media in MEDIA_FOLDERS:
            (folder / media).mkdir()
            (folder / media / ".gitkeep").touch()
        schema = plans_dir / SCHEMA_FILE
        if not schema.is_file() or schema.read_text(encoding="utf-8") != schema_text():
            schema.write_text(schema_text(), encoding="utf-8")
    except OSError as exc:
        message = _("Cannot create `%(folder)s`: %(error)s.")
        raise CliError(message % {"folder": folder, "error": exc.strerror}, 1) from None
    return folder


def check_slug(slug: str, _: Callable[[str], str]) -> None:
    if not is_slug(slug):
        message = _("`%(slug)s` is not a valid slug: use lowercase letters, digits and hyphens, e.g. `%(example)s`.")
        raise CliError(message % {"slug": slug, "example": slugify(slug) or "tambak-sari"})
