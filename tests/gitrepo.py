"""Real git repositories in tmp_path, with fixed dates and authors, for the history tests."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

from .conftest import MINIMAL_SOP, write_catalogue

SOPS = "content/sops"
AGENCY = "kab-uji/kec-uji"


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

    def shallow_clone(self, target: Path, depth: int) -> Path:
        """A clone holding only the newest ``depth`` commits, as CI checkouts often are."""
        self.git("clone", "-q", "--depth", str(depth), f"file://{self.root}", str(target))
        return target


def history_repo(root: Path) -> GitRepo:
    """Two SOPs: 'laporan' added, revised (a step inserted, a waktu changed, a box item added), 'arsip' added."""
    repo = GitRepo(root)
    write_catalogue(repo.root / SOPS, {"laporan.yml": MINIMAL_SOP})
    repo.commit("Tambah SOP laporan", "2024-01-02T09:00:00+07:00")
    write_catalogue(
        repo.root / SOPS, {"arsip.yml": MINIMAL_SOP.replace("001/", "002/").replace("Penyusunan", "Arsip")}
    )
    repo.commit("Tambah SOP arsip", "2024-02-05T09:00:00+07:00")
    revised = (
        MINIMAL_SOP.replace('tanggal_revisi: "-"', "tanggal_revisi: 2024-06-01")
        .replace("waktu: 1 hari", "waktu: 2 hari")
        .replace("peralatan_perlengkapan: [Komputer]", "peralatan_perlengkapan: [Komputer, Printer]")
        .replace(
            "  - no: 3\n    kegiatan: Menandatangani laporan",
            "  - no: 3\n    kegiatan: Memeriksa kelengkapan laporan\n    pelaksana: Camat\n    waktu: 1 jam\n"
            "  - no: 4\n    kegiatan: Menandatangani laporan",
        )
    )
    repo.write(f"{SOPS}/{AGENCY}/laporan.yml", revised)
    repo.commit('Revisi <script>alert("x")</script> & langkah pemeriksaan', "2024-06-03T10:30:00+07:00")
    return repo
