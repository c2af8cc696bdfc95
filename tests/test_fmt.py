"""``sop fmt``: canonical order and style, comments kept, idempotent, atomic, never changes data."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from catalogue.cli.main import main
from catalogue.source.fmt import FormatError, format_text
from catalogue.source.format import AGENCY
from catalogue.source.yaml_reader import parse

from .conftest import REPO, write_catalogue

MESSY = """\
# yaml-language-server: $schema=../../../../schema/sop.schema.json
# Header comment of the file.
nama: Penyusunan Laporan   # the title, as signed
# The number comes from the agency's register.
nomor: "001/SOP/2024"
pelaksana: [Camat, Sekcam]
langkah:
  # First step.
  - kegiatan: Memerintahkan penyusunan laporan  # verb without subject
    waktu: 10 menit
    # Camat is named in the column.
    pelaksana: Camat
    no: 1
  - {no: 2, kegiatan: Menyusun laporan, pelaksana: Sekcam, waktu: 1 hari}
tanggal_efektif: 2024-01-02
disahkan_oleh:
  nip: "19621103 198803 1 003"
  jabatan: Camat
dasar_hukum:
- Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah, sebuah kalimat yang sangat panjang sekali sehingga melewati batas delapan puluh karakter
"""


def test_canonical_order_follows_the_source_format_and_keeps_every_comment():
    out = format_text(MESSY)
    keys = [line.split(":")[0] for line in out.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "nomor",
        "nama",
        "tanggal_efektif",
        "disahkan_oleh",
        "dasar_hukum",
        "pelaksana",
        "langkah",
    ]
    for comment in (
        "# yaml-language-server",
        "# Header comment of the file.",
        "# the title, as signed",
        "# The number comes from the agency's register.",
        "# First step.",
        "# verb without subject",
        "# Camat is named in the column.",
    ):
        assert comment in out
    # A comment stays with the key it sits above or beside.
    lines = out.splitlines()
    assert lines[lines.index("# The number comes from the agency's register.") + 1].startswith("nomor:")
    assert "nama: Penyusunan Laporan   # the title, as signed" in out
    steps = lines[lines.index("langkah:") + 1 :]
    step_keys = [
        line.strip().lstrip("- ").split(":")[0] for line in steps if not line.strip().startswith("#")
    ]
    assert step_keys[:4] == ["no", "kegiatan", "pelaksana", "waktu"]
    assert step_keys[4:8] == ["no", "kegiatan", "pelaksana", "waktu"]  # the flow mapping, now in block style
    assert "  jabatan: Camat\n  nip:" in out
    assert "pelaksana:\n  - Camat\n  - Sekcam\n" in out  # top-level lists in block style
    assert "melewati batas delapan puluh karakter\n" in out  # never folded
    assert parse(Path("x"), out) == parse(Path("x"), MESSY)


def test_formatting_is_idempotent():
    once = format_text(MESSY)
    assert format_text(once) == once


def test_the_hand_checked_catalogue_is_stable_under_fmt():
    for path in sorted((REPO / "content" / "sops").rglob("*.yml")):
        text = path.read_text(encoding="utf-8")
        from catalogue.source.fmt import spec_for

        once = format_text(text, spec_for(path))
        assert format_text(once, spec_for(path)) == once, path
        assert parse(path, once) == parse(path, text), path


def test_agency_files_use_their_own_order():
    out = format_text(
        "peran:\n  - alias: [Sekcam]\n    nama: Sekretaris Camat\njenis: Kecamatan\nnama: X\n", AGENCY
    )
    assert out == "nama: X\njenis: Kecamatan\nperan:\n  - nama: Sekretaris Camat\n    alias: [Sekcam]\n"


def test_invalid_yaml_is_refused():
    with pytest.raises(FormatError):
        format_text("nomor: [\n")


def _agency_with(tmp_path: Path, files: dict[str, str]) -> Path:
    root = write_catalogue(tmp_path / "sops", files)
    return root / "kab-uji" / "kec-uji"


def test_cli_rewrites_in_place_check_mode_reports_and_a_second_run_changes_nothing(tmp_path):
    agency = _agency_with(tmp_path, {"laporan.yml": MESSY})
    target = agency / "laporan.yml"
    runner = CliRunner()
    check = runner.invoke(main, ["fmt", "--check", str(agency)])
    assert check.exit_code == 1 and "laporan.yml: belum berbentuk kanonik" in check.output
    assert target.read_text() == MESSY  # --check never writes
    mode = 0o640
    os.chmod(target, mode)
    first = runner.invoke(main, ["fmt", str(agency)])
    assert first.exit_code == 0, first.output
    assert "laporan.yml: diformat" in first.output
    assert target.read_text() == format_text(MESSY)
    assert target.stat().st_mode & 0o777 == mode
    assert not [p for p in agency.iterdir() if p.name.startswith(".")]  # no temporary file left behind
    second = runner.invoke(main, ["fmt", str(agency)])
    assert second.exit_code == 0 and "0 diformat" in second.output
    assert runner.invoke(main, ["fmt", "--check", str(agency)]).exit_code == 0


def test_cli_leaves_a_broken_file_untouched_and_exits_1(tmp_path):
    agency = _agency_with(tmp_path, {"rusak.yml": "nomor: [\n", "baik.yml": MESSY})
    result = CliRunner().invoke(main, ["fmt", str(agency)])
    assert result.exit_code == 1
    assert "rusak.yml: tidak diformat" in result.output
    assert (agency / "rusak.yml").read_text() == "nomor: [\n"
    assert (agency / "baik.yml").read_text() == format_text(MESSY)


def test_cli_write_is_atomic(tmp_path, monkeypatch):
    agency = _agency_with(tmp_path, {"laporan.yml": MESSY})

    def fail(*args, **kwargs):
        raise OSError("disk penuh")

    monkeypatch.setattr(os, "replace", fail)
    result = CliRunner().invoke(main, ["fmt", str(agency / "laporan.yml")])
    assert result.exit_code == 1 and "tidak dapat ditulis: disk penuh" in result.output
    assert (agency / "laporan.yml").read_text() == MESSY
    assert sorted(p.name for p in agency.iterdir()) == ["_instansi.yml", "laporan.yml"]


def test_cli_formats_a_copy_of_the_catalogue_without_changing_any_data(tmp_path):
    copy = tmp_path / "sops"
    shutil.copytree(REPO / "content" / "sops", copy)
    before = {p: parse(p, p.read_text()) for p in copy.rglob("*.yml")}
    result = CliRunner().invoke(main, ["fmt", str(copy)])
    assert result.exit_code == 0, result.output
    assert {p: parse(p, p.read_text()) for p in copy.rglob("*.yml")} == before


def test_windows_line_endings_keep_their_blank_lines_and_their_endings():
    text = 'nomor: "1"\r\n\r\nnama: X\r\n\r\n# komentar\r\npelaksana: [A]\r\n'
    formatted = format_text(text)
    assert formatted == 'nomor: "1"\r\n\r\nnama: X\r\n\r\n# komentar\r\npelaksana:\r\n  - A\r\n'
    assert format_text(formatted) == formatted
