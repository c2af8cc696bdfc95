"""Real git repositories in tmp_path, with fixed dates and authors, for the history tests."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path


def git_env(home: Path) -> dict[str, str]:
    """An environment where no user or system git configuration can change what git does."""
    return {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_AUTHOR_NAME": "Petugas Uji",
        "GIT_AUTHOR_EMAIL": "uji@example.go.id",
        "GIT_COMMITTER_NAME": "Petugas Uji",
        "GIT_COMMITTER_EMAIL": "uji@example.go.id",
    }


class GitRepo:
    """A repository at ``root`` whose commits carry the dates given to :meth:`commit`."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.env = git_env(root)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(
            ["git", *args], cwd=self.root, env=env or self.env, capture_output=True, text=True, check=True
        )
        return result.stdout

    def write(self, path: str, text: str) -> Path:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")
        return target

    def commit(self, message: str, date: str) -> str:
        """Commit everything in the work tree at ``date`` (ISO 8601, e.g. 2025-01-02T10:00:00+07:00)."""
        env = {**self.env, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        self.git("add", "-A", env=env)
        self.git("commit", "-q", "--no-gpg-sign", "-m", message, env=env)
        return self.git("rev-parse", "HEAD").strip()
