"""The same project builds under ProperDocs, the maintained drop-in fork of MkDocs 1.x (see STYLE.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ..conftest import REPO, SEEDS
from ..sitebuild import write_project


def test_properdocs_builds_the_seed_site_strictly(tmp_path):
    config = write_project(tmp_path / "proj", SEEDS)
    properdocs = Path(sys.executable).parent / "properdocs"
    assert properdocs.exists(), "properdocs is a test dependency: run `make test` to install it"
    result = subprocess.run(
        [str(properdocs), "build", "--strict", "-f", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    page = (
        tmp_path
        / "proj"
        / "site"
        / "kabupaten-balangan"
        / "inspektorat"
        / "pelaksanaan-pengukuran-kinerja-penilaian-skp"
        / "index.html"
    )
    html = page.read_text(encoding="utf-8")
    assert "Pelaksanaan Pengukuran Kinerja/ Penilaian SKP" in html
    assert "sop-prosedur" in html
