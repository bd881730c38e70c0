"""``plpbk init``: a complete, working repository for one kawasan, or (``--portal``) for a portal.

The repository is laid out from ``starter/situs/`` (a path part ``dot-x`` becomes ``.x``, so
the package itself holds no dot-files): ``mkdocs.yml`` for a single-kawasan Indonesian site,
``docs/``, an ``overrides/`` example, the GitHub Pages workflow, ``.gitignore``, VS Code
settings and a README for the BKM; then ``plans/<slug>/`` from the commented template, as
``plpbk new`` makes it. As created, it passes ``plpbk validate`` and ``mkdocs build --strict``.

``--portal`` lays out a city's portal of community sites instead: the files of ``starter/portal/``
replace the site's (``mkdocs.yml`` with ``communities:``, README, ``docs/``), no plan is made, and
the Pages workflows build without ``--strict``, so that one broken community site does not hold
back the daily refresh of the whole portal (its last good copy is shown, with its date).
Nothing here imports MkDocs.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..i18n import languages, normalize_language, translator
from ..plan.slugs import slugify
from ..site.sources.fetching import allowed
from .new import STARTER, STARTER_NAME, check_slug, start_plan
from .site_reading import CliError

SITE_STARTER = STARTER / "situs"
"""The repository ``plpbk init`` lays out."""
PORTAL_STARTER = STARTER / "portal"
"""What ``plpbk init --portal`` lays out over the site starter."""
TEMPLATED = frozenset({"mkdocs.yml", "README.md", "requirements.txt"})
"""Top-level starter files whose ``{{name}}`` placeholders are filled in."""
PORTAL_NAME = "Portal Rencana Kawasan"
STRICT_BUILD = "run: mkdocs build --strict"
PORTAL_BUILD = "run: mkdocs build  # tanpa --strict: satu situs komunitas yang rusak tidak menahan pembaruan portal"


def add_command(sub: argparse._SubParsersAction[argparse.ArgumentParser], common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "init", help="create a complete site repository for one kawasan, or for a portal of community sites (--portal)"
    )
    parser.add_argument("folder", type=Path, help="new or empty folder for the repository")
    parser.add_argument("--slug", help="folder and URL name of the kawasan (default: from the folder name)")
    parser.add_argument("--name", help="name of the kawasan and of the site, e.g. \"Kampung Nelayan Tambak Sari\"")
    parser.add_argument("--github", metavar="OWNER/REPO", help="the GitHub repository: sets repo_url and site_url")
    parser.add_argument("--site-url", help="public address, e.g. https://<user>.github.io/<repo>/ (default: from --github)")
    parser.add_argument("--requirement", help="pip requirement for plpbk in requirements.txt (default: this version)")
    parser.add_argument("--portal", action="store_true", help="a portal gathering community sites (communities:), without plans")
    parser.add_argument("--community", action="append", default=[], metavar="URL",
                        help="with --portal: the data.json address of a community site to gather (repeatable)")
    parser.add_argument("--lang", choices=languages(), help="language of messages (default: id)")
    parser.set_defaults(run=run_init)


def run_init(args: argparse.Namespace) -> int:
    """Lay out a working repository for one kawasan: it builds and validates as created."""
    _ = translator(normalize_language(args.lang)).gettext
    root: Path = args.folder
    if root.exists() and (not root.is_dir() or any(p.name != ".git" for p in root.iterdir())):
        raise CliError(_("`%(folder)s` is not empty: choose a new or empty folder.") % {"folder": root}, 1)
    values = _site_values(args, slugify(root.resolve().name) or "kampung-contoh", _)
    try:
        _write_starter(root, args.portal, values)
    except OSError as exc:
        message = _("Cannot create `%(folder)s`: %(error)s.")
        raise CliError(message % {"folder": root, "error": exc.strerror}, 1) from None
    if args.portal:
        print(_("Created the portal `%(name)s` in `%(folder)s`.") % {"name": values["site_name"], "folder": root})
        print(_("Next: add the data.json addresses of community sites under `communities:` in mkdocs.yml, check them "
                "with `plpbk communities check`, then follow README.md to publish."))
        return 0
    slug = values["slug"]
    start_plan(root / "plans", slug, _, name=_name(args))
    print(_("Created the site of kawasan `%(slug)s` in `%(folder)s`.") % {"slug": slug, "folder": root})
    print(_("Next: fill in `%(file)s`, run `plpbk validate` and `mkdocs serve` there, then follow README.md to publish.")
          % {"file": Path("plans") / slug / "kawasan.yml"})
    return 0


def _name(args: argparse.Namespace) -> str | None:
    return args.name.strip() if args.name and args.name.strip() else None


def _site_values(args: argparse.Namespace, folder_slug: str, _: Callable[[str], str]) -> dict[str, str]:
    """What the starter's templated files say: the site's name, address, repository, kawasan and sources."""
    slug = args.slug or folder_slug
    check_slug(slug, _)
    owner, repo = _github(args.github, _)
    site_url = args.site_url or (_pages_url(owner, repo) if owner and repo else f"https://contoh.github.io/{folder_slug}/")
    if not site_url.startswith(("http://", "https://")) or any(ch in site_url for ch in ' "\\'):
        raise CliError(_("`%(url)s` is not a web address: write it like https://<user>.github.io/<repo>/.") % {"url": site_url})
    if owner:
        repo_lines = f"repo_url: https://github.com/{owner}/{repo}\nedit_uri: edit/main/docs/"
    else:
        repo_lines = "# repo_url: https://github.com/<akun>/<nama-repositori>\n# edit_uri: edit/main/docs/"
    for url in args.community:
        if not allowed(url):
            raise CliError(_("`%(url)s` cannot be gathered: give the https address of a community site's data.json.") % {"url": url})
    if args.portal:
        site_name = _name(args) or PORTAL_NAME
        description = f"{site_name}: rencana penataan kawasan yang disusun warga bersama BKM, dihimpun dari situs komunitas."
    else:
        site_name = _name(args) or STARTER_NAME
        description = f"Rencana penataan {site_name} bersama warga dan BKM, terbuka untuk mitra."
    return {
        "site_name": site_name,
        "site_name_yaml": json.dumps(site_name, ensure_ascii=False),
        "site_description_yaml": json.dumps(description, ensure_ascii=False),
        "site_url_yaml": json.dumps(site_url if site_url.endswith("/") else site_url + "/"),
        "repo_lines": repo_lines,
        "slug": slug,
        "plpbk_requirement": args.requirement or _requirement(),
        "communities_yaml": "".join(f"\n        - {json.dumps(url)}" for url in args.community) or " []",
        "plpbk_version": __version__,
    }


def _write_starter(root: Path, portal: bool, values: dict[str, str]) -> None:
    """Copy the starter's files into ``root``, filling in the templated ones."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, source in _starter_files(portal).items():
        target = root.joinpath(*("." + part[4:] if part.startswith("dot-") else part for part in relative.parts))
        target.parent.mkdir(parents=True, exist_ok=True)
        if relative.name in TEMPLATED and len(relative.parts) == 1:
            target.write_text(_fill(source.read_text(encoding="utf-8"), values), encoding="utf-8")
        elif portal and relative.parts[:2] == ("dot-github", "workflows"):
            target.write_text(source.read_text(encoding="utf-8").replace(STRICT_BUILD, PORTAL_BUILD), encoding="utf-8")
        else:
            target.write_bytes(source.read_bytes())


def _starter_files(portal: bool) -> dict[Path, Path]:
    """Each file of the new repository (by its starter path) and where it comes from: the portal's replace the site's."""
    files = {p.relative_to(SITE_STARTER): p for p in SITE_STARTER.rglob("*") if p.is_file()}
    if portal:
        files.update({p.relative_to(PORTAL_STARTER): p for p in PORTAL_STARTER.rglob("*") if p.is_file()})
    return dict(sorted(files.items()))


def _github(value: str | None, _: Callable[[str], str]) -> tuple[str | None, str | None]:
    """``OWNER/REPO`` (or the repository's https://github.com/… address) → its two parts."""
    if not value:
        return None, None
    owner, _sep, repo = value.strip().removeprefix("https://github.com/").strip("/").partition("/")
    repo = repo.removesuffix(".git")
    if not all(part and all(ch.isalnum() or ch in "-_." for ch in part) for part in (owner, repo)):
        raise CliError(_("`%(value)s` is not a GitHub repository: write it as OWNER/REPO.") % {"value": value})
    return owner, repo


def _pages_url(owner: str, repo: str) -> str:
    """GitHub Pages' address: the user site at the root, any other repository under its own path."""
    host = f"{owner.lower()}.github.io"
    return f"https://{host}/" if repo.lower() == host else f"https://{host}/{repo}/"


def _requirement() -> str:
    """This very version: a site builds the same until its editors choose to upgrade."""
    return f"plpbk-plugin=={__version__}"


def _fill(text: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", value)
    return text
