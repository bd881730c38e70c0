"""The ``plpbk`` command line: ``validate``, ``schema``, ``new`` and ``init``.

Each subcommand is a function in :data:`COMMANDS` that adds its parser and sets
``run``; adding a subcommand is adding such a function. Errors are printed as
messages (exit 1 for invalid plans, 2 for usage and configuration errors),
never as tracebacks. Nothing here imports MkDocs: ``mkdocs.yml`` is read as
plain YAML to find the plugin's ``plans_dir`` and the theme's language.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .i18n import languages, normalize_language, translator
from .loader import is_slug, load_plans, slugify
from .model import json_schema

STARTER = Path(__file__).parent / "starter"
SCHEMA_FILE = "kawasan.schema.json"
MEDIA_FOLDERS = ("photos", "documents", "logos", "news")
STARTER_NAME = "Kampung Contoh"
"""The kawasan name in the starter plan (``name:``), replaced by ``plpbk init --name``."""


class CliError(Exception):
    """A failure to report as a message, with the exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Site:
    """What the command line needs from a site: where the plans are, and its language."""

    root: Path
    plans_dir: Path
    language: str | None
    site_url: str | None = None
    site_name: str = ""
    mode: str = "auto"
    directory_urls: bool = True


class _MkDocsLoader(yaml.SafeLoader):
    """Safe YAML that reads MkDocs' ``!ENV`` and ``!!python/name:`` tags as nothing."""


_MkDocsLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site(root: Path) -> Site:
    """The plugin's ``plans_dir`` (default ``plans`` beside mkdocs.yml) and ``theme.language``."""
    config = next((root / name for name in ("mkdocs.yml", "mkdocs.yaml") if (root / name).is_file()), None)
    if config is None:
        return Site(root, root / "plans", None)
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CliError(f"{config}: {exc}") from None
    data = data if isinstance(data, dict) else {}
    options = _plugin_options(data.get("plugins"))
    plans_dir = options.get("plans_dir")
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    site_url, site_name = data.get("site_url"), data.get("site_name")
    return Site(
        root,
        config.parent / (plans_dir if isinstance(plans_dir, str) else "plans"),
        language if isinstance(language, str) else None,
        site_url if isinstance(site_url, str) else None,
        site_name if isinstance(site_name, str) else "",
        options.get("mode") if options.get("mode") in ("auto", "portal", "single") else "auto",
        data.get("use_directory_urls") is not False,
    )


def _plugin_options(plugins: Any) -> dict[str, Any]:
    """The options of ``plpbk`` in ``plugins:``, written as a list or as a mapping."""
    if isinstance(plugins, dict):
        options = plugins.get("plpbk")
    elif isinstance(plugins, list):
        options = next((item["plpbk"] for item in plugins if isinstance(item, dict) and "plpbk" in item), None)
    else:
        options = None
    return options if isinstance(options, dict) else {}


def _site_options() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--site", type=Path, default=Path("."), help="folder holding mkdocs.yml (default: .)")
    common.add_argument("--lang", choices=languages(), help="language of messages (default: theme.language, else id)")
    return common


def _language(args: argparse.Namespace, site: Site) -> str:
    return normalize_language(args.lang or site.language)


def _validate_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("validate", parents=[common], help="check every plan; exit 1 on any error")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.set_defaults(run=run_validate)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem of every plan, then a one-line summary."""
    site = read_site(args.site)
    t = translator(_language(args, site))
    _ = t.gettext
    result = load_plans(site.plans_dir, lang=t.lang)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    for warning in result.warnings:
        print(_("warning: %(problem)s") % {"problem": warning}, file=sys.stderr)
    if result.problems:
        faulty = {_kawasan_of(p.file, site.plans_dir) for p in result.problems} - {None}
        total = len(faulty | {plan.slug for plan in result.plans})
        count = len(result.problems)
        if total:
            summary = t.ngettext(
                "%(count)s problem in %(bad)s of %(total)s kawasan.",
                "%(count)s problems in %(bad)s of %(total)s kawasan.",
                count,
            )
        else:
            summary = t.ngettext("%(count)s problem.", "%(count)s problems.", count)
        print(summary % {"count": count, "bad": len(faulty), "total": total})
        return 1
    projects = sum(len(plan.kawasan.projects) for plan in result.plans)
    summary = _("All plans valid: %(kawasan)s kawasan, %(projects)s projects.")
    print(summary % {"kawasan": len(result.plans), "projects": projects})
    if result.warnings:
        count = len(result.warnings)
        print(t.ngettext("%(count)s warning.", "%(count)s warnings.", count) % {"count": count})
    return 1 if args.strict and result.warnings else 0


def _kawasan_of(file: Path, plans_dir: Path) -> str | None:
    """The kawasan folder a problem's file belongs to."""
    try:
        parts = file.relative_to(plans_dir).parts
    except ValueError:
        return None
    return parts[0] if parts else None


def schema_text() -> str:
    """The JSON Schema of kawasan.yml, as committed and as ``plpbk schema`` prints it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _schema_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("schema", help="print the JSON Schema of kawasan.yml")
    parser.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    sys.stdout.write(schema_text())
    return 0


def _new_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("new", parents=[common], help="start plans/<slug>/ from a commented template")
    parser.add_argument("slug", help="folder and URL name of the kawasan, e.g. tambak-sari")
    parser.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    """Create ``plans/<slug>/`` with the template and empty media folders, and the schema beside the plans."""
    site = read_site(args.site)
    _ = translator(_language(args, site)).gettext
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


def _init_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "init", help="create a complete site repository for one kawasan (mkdocs.yml, plans/, docs/, Pages workflow)"
    )
    parser.add_argument("folder", type=Path, help="new or empty folder for the repository")
    parser.add_argument("--slug", help="folder and URL name of the kawasan (default: from the folder name)")
    parser.add_argument("--name", help="name of the kawasan and of the site, e.g. \"Kampung Nelayan Tambak Sari\"")
    parser.add_argument("--github", metavar="OWNER/REPO", help="the GitHub repository: sets repo_url and site_url")
    parser.add_argument("--site-url", help="public address, e.g. https://<user>.github.io/<repo>/ (default: from --github)")
    parser.add_argument("--requirement", help="pip requirement for plpbk in requirements.txt (default: this version)")
    parser.add_argument("--lang", choices=languages(), help="language of messages (default: id)")
    parser.set_defaults(run=_run_init)


def _export_command(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("export", parents=[common], help="write the open data files without building the site")
    parser.add_argument("--out", type=Path, default=Path("data"), help="folder to write into (default: data)")
    parser.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    from .exporting import run_export  # loaded on use

    return run_export(args)


def _run_init(args: argparse.Namespace) -> int:
    from .scaffold import run_init  # imports this module: loaded on use

    return run_init(args)


COMMANDS: list[Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]] = [
    _validate_command,
    _schema_command,
    _new_command,
    _init_command,
    _export_command,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plpbk", description="Community settlement plans as microsites.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    common = _site_options()
    for add in COMMANDS:
        add(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; the exit code is returned (argparse exits 2 on bad usage)."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except CliError as exc:
        print(f"plpbk: {exc}", file=sys.stderr)
        return exc.code
    except OSError as exc:
        print(f"plpbk: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
