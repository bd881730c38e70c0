"""Throwaway Git repositories for tests: dated commits by named authors, no global Git config needed."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import yaml


class GitRepo:
    """A repository in ``root``; :meth:`commit` stages everything and commits it at a given time."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        clean.update(GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull, **(env or {}))
        done = subprocess.run(["git", *args], cwd=self.root, env=clean, capture_output=True, text=True, check=True)
        return done.stdout

    def write_plan(self, slug: str, data: dict[str, Any]) -> Path:
        path = self.root / "plans" / slug / "kawasan.yml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path

    def commit(self, message: str, date: str, author: str = "Siti Aminah", email: str = "siti.aminah@example.org") -> str:
        """Commit every change at ``date`` (ISO 8601 with offset) by ``author``; return the commit id."""
        env = {
            "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": email, "GIT_COMMITTER_DATE": date,
        }
        self.git("add", "-A", env=env)
        self.git("commit", "-q", "--no-gpg-sign", "--allow-empty", "-m", message, env=env)
        return self.git("rev-parse", "HEAD").strip()
