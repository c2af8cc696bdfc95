"""The export of the seed catalogue is the public contract, so it is compared byte for byte with committed
golden files in ``tests/golden/export/``.

A difference is either a regression or an intended change of the data (a seed edited, a better citation
parser, a new key). After an intended change, regenerate and review the diff before committing::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_golden.py
    git diff tests/golden/
"""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from catalogue.analysis import Sources, analyse_sources
from catalogue.export.open_data import ExportSettings, write_export

from .conftest import REPO, SEEDS

GOLDEN = Path(__file__).resolve().parent / "golden" / "export"


def _seed_export(out: Path) -> list[str]:
    analysis = analyse_sources(Sources.at(SEEDS))
    assert not analysis.errors
    return write_export(out, analysis, ExportSettings(source_base=REPO, site_url=None))


#: The export's date of reference (review states, evaluasi.json's tanggal_data, overdue follow-ups): 1 December
#: 2026, so the golden files do not change with the day they are compared on.
REFERENCE_EPOCH = "1796083200"


def test_seed_export_matches_the_golden_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", REFERENCE_EPOCH)
    written = _seed_export(tmp_path)
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(tmp_path, GOLDEN)
    expected = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    hint = "if the change is intended: UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_golden.py"
    assert written == expected, f"the export's files changed; {hint}"
    for rel in written:
        if rel.endswith(".xlsx"):  # a zip: compared byte for byte (its sheets are read back in test_export)
            assert (tmp_path / rel).read_bytes() == (GOLDEN / rel).read_bytes(), f"{rel} differs; {hint}"
            continue
        got = (tmp_path / rel).read_text(encoding="utf-8")
        want = (GOLDEN / rel).read_text(encoding="utf-8")
        if got != want:
            diff = "".join(
                list(
                    difflib.unified_diff(
                        want.splitlines(True), got.splitlines(True), f"golden/{rel}", f"export/{rel}", n=2
                    )
                )[:60]
            )
            raise AssertionError(f"{rel} differs from its golden file; {hint}\n{diff}")
