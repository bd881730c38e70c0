"""Where a site sits in its Git repository, and which GitHub repository ``repo_url`` names."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_GITHUB = re.compile(r"^https?://(?:www\.)?github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")


def repository_root(folder: Path) -> Path:
    """The top of the Git work tree holding ``folder`` (``git rev-parse --show-toplevel``), else ``folder``."""
    folder = folder.resolve()
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder, capture_output=True, text=True, timeout=30, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return folder
    top = done.stdout.strip()
    return Path(top).resolve() if done.returncode == 0 and top else folder


def github_repo(repo_url: str | None) -> str | None:
    """``owner/name`` of a ``https://github.com/owner/name`` address, else ``None``."""
    match = _GITHUB.match((repo_url or "").strip())
    return f"{match.group(1)}/{match.group(2)}" if match else None


def relative_to_repository(path: Path, root: Path) -> str | None:
    """``path`` from the repository root, with forward slashes; ``None`` outside the repository."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return None
