"""Shared fixtures: tiny catalogues written to tmp_path as real files."""

from __future__ import annotations

import ctypes
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from .browser import chromium  # noqa: F401  (session fixture: Debian's Chromium via Playwright)

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "content" / "sops"

MINIMAL_SOP = """\
nomor: "001/SOP/2024"
nama: Penyusunan Laporan Kinerja
tanggal_pembuatan: 2024-01-02
tanggal_revisi: "-"
tanggal_efektif: 2024-01-02
disahkan_oleh: Camat
dasar_hukum:
  - Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah
kualifikasi_pelaksana: [Memahami SAKIP]
keterkaitan: [SOP Perjanjian Kinerja]
peralatan_perlengkapan: [Komputer]
peringatan: [Laporan terlambat]
pencatatan_pendataan: [Arsip]
pelaksana: [Camat, Sekcam]
langkah:
  - no: 1
    kegiatan: Memerintahkan penyusunan laporan
    pelaksana: Camat
    waktu: 10 menit
    output: Disposisi
  - no: 2
    kegiatan: Menyusun laporan
    pelaksana: Sekcam
    waktu: 1 hari
    output: Draf laporan
  - no: 3
    kegiatan: Menandatangani laporan
    pelaksana: Camat
    waktu: 15 menit
    output: Laporan
"""


def write_catalogue(
    root: Path, sops: dict[str, str] | None = None, *, agency: str | None = None, pemda: str | None = None
) -> Path:
    """Write pemda 'kab-uji' with agency 'kec-uji' and the given SOP files (name -> YAML text)."""
    agency_dir = root / "kab-uji" / "kec-uji"
    agency_dir.mkdir(parents=True, exist_ok=True)
    (root / "kab-uji" / "_pemda.yml").write_text(pemda or "nama: Kabupaten Uji\n", encoding="utf-8")
    (agency_dir / "_instansi.yml").write_text(
        agency
        or "nama: Kecamatan Uji\njenis: Kecamatan\nperan:\n  - nama: Sekretaris Camat\n    alias: [Sekcam]\n",
        encoding="utf-8",
    )
    for name, text in (sops if sops is not None else {"laporan.yml": MINIMAL_SOP}).items():
        (agency_dir / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def catalogue_root(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path / "sops")


def run_without_file_permission_override(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a command that must meet file permissions as an ordinary user would. Root passes them by its
    capabilities CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH; the child drops both (Linux), so a file with mode
    000 is unreadable to it, as to anyone else."""

    def drop() -> None:
        if os.geteuid() != 0:
            return
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return subprocess.run(
        args, capture_output=True, text=True, check=False, timeout=120, preexec_fn=drop, **kwargs
    )


# --- stages: unit (no MkDocs), build (a real MkDocs build or the mkdocs command), browser (Chromium) ----------
#: Names a test module imports when its tests build a site (tests/sitebuild.py, tests/realsite.py, commands).
BUILD_HELPERS = ("build_site", "write_project", "build_repo_site", "MKDOCS_CLI")


def pytest_collection_modifyitems(config, items):
    """Mark every test with its stage, so `pytest -m unit` (`make unit`) runs the fast part alone: browser
    tests are those that drive Chromium, build tests those of modules that build sites, the rest unit tests."""
    for item in items:
        module = vars(item.module) if item.module is not None else {}
        if "chromium" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        elif any(name in module for name in BUILD_HELPERS):
            item.add_marker(pytest.mark.build)
        else:
            item.add_marker(pytest.mark.unit)
