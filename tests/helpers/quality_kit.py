"""Helpers for tests/test_quality.py: build a site, serve it like GitHub Pages, find the npm tools.

GitHub Pages serves a project site under its ``site_url`` path, gzips text, answers a
missing page with the site's ``404.html`` and status 404, and keeps up with parallel
requests: so does :meth:`benchmarks.loopback.Loopback.site`, which serves it here.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from benchmarks.loopback import Loopback

from .sitebuild import REPO, build_site

NODE_MODULES = REPO / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LINKINATOR = NODE_MODULES / "linkinator" / "build" / "src" / "cli.js"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")


class ToolMissing(RuntimeError):
    """A checker is not installed: scripts/dev test installs every one of them."""


def require(path: Path, what: str) -> Path:
    if not path.exists():
        raise ToolMissing(f"{what} is missing ({path}): run `scripts/dev test`, which installs the "
                          "project's pinned npm tools (npm ci --ignore-scripts), Debian's chromium and Java")
    return path


def require_command(name: str, what: str) -> str:
    found = shutil.which(name)
    if not found:
        raise ToolMissing(f"{what} is missing (`{name}` not on PATH): run `scripts/dev test`")
    return found


def java() -> str:
    exe = require_command("java", "Java (17 or newer, to run the Nu HTML Checker)")
    return exe


def node() -> str:
    return require_command("node", "Node.js (20, for linkinator and Lighthouse)")


@contextmanager
def serve(site: Path, prefix: str, server: Loopback | None = None, **options: Any) -> Iterator[str]:
    """Serve ``site`` at ``http://127.0.0.1:<port><prefix>`` (``prefix`` like ``/demo/``) as GitHub Pages does; yield that URL.
    ``options``: those of :meth:`Loopback.site` (another ``Cache-Control``, a hook that holds some answers back)."""
    server = server or bind()
    url = server.site(prefix, site, **options)
    with server:
        yield url


def bind() -> Loopback:
    """A server on a free port, not yet serving: its port goes into ``site_url`` before the build."""
    return Loopback()


def build(root: Path, site_url: str, *, plpbk: dict[str, Any] | None = None, drop: tuple[str, ...] = ()) -> Path:
    """Build ``root/mkdocs.yml`` with its ``site_url`` replaced, ``plpbk`` merged into the plugin's
    options and the ``drop`` settings removed."""
    path = root / "mkdocs.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["site_url"] = site_url
    for key in drop:
        data.pop(key, None)
    plugins = []
    for entry in data.get("plugins") or []:
        if entry == "plpbk" or (isinstance(entry, dict) and "plpbk" in entry):
            options = dict((entry["plpbk"] or {}) if isinstance(entry, dict) else {})
            entry = {"plpbk": {**options, **(plpbk or {})}}
        plugins.append(entry)
    data["plugins"] = plugins
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build_site(root)


def run(args: list[str], *, timeout: float, cwd: Path = REPO, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
