from __future__ import annotations

from click.testing import CliRunner

from catalogue.cli import main

from .conftest import MINIMAL_SOP, write_catalogue


def test_check_reports_file_line_field_and_exits_1_on_errors(tmp_path):
    root = write_catalogue(
        tmp_path / "sops", {"laporan.yml": MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: Lurah\n")}
    )
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 1
    line = next(x for x in result.output.splitlines() if "Lurah" in x)
    assert "laporan.yml:" in line and ": error: langkah[2].pelaksana: " in line
    assert "1 kesalahan" in result.output
    assert "Traceback" not in result.output


def test_check_exit_0_with_warnings_and_strict_refuses_only_values_awaiting_review(tmp_path):
    root = write_catalogue(
        tmp_path / "sops", {"laporan.yml": MINIMAL_SOP.replace("waktu: 1 hari", "waktu: tentatif")}
    )
    (tmp_path / "katalog.yml").write_text(
        "nama: Uji\npenerbit: Pemkab Uji\nlisensi: CC0-1.0\n", encoding="utf-8"
    )
    ok = CliRunner().invoke(main, ["check", str(root)])
    assert ok.exit_code == 0, ok.output
    assert "0 kesalahan, 1 peringatan" in ok.output
    assert CliRunner().invoke(main, ["check", "--strict", str(root)]).exit_code == 0
    laporan = root / "kab-uji" / "kec-uji" / "laporan.yml"
    laporan.write_text("# PERIKSA: nomor dari nama berkas.\n" + laporan.read_text(encoding="utf-8"))
    relaxed = CliRunner().invoke(main, ["check", str(root)])
    assert relaxed.exit_code == 0 and "2 peringatan (1 belum ditinjau)" in relaxed.output, relaxed.output
    strict = CliRunner().invoke(main, ["check", "--strict", str(root)])
    assert strict.exit_code == 1


def test_check_a_single_file_reports_only_that_file(tmp_path):
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": MINIMAL_SOP, "rusak.yml": "nomor: [\n"})
    result = CliRunner().invoke(main, ["check", str(root / "kab-uji" / "kec-uji" / "laporan.yml")])
    assert result.exit_code == 0, result.output
    assert "rusak" not in result.output


def test_new_writes_a_valid_skeleton_and_never_overwrites(tmp_path):
    root = write_catalogue(tmp_path / "sops", {})
    agency = root / "kab-uji" / "kec-uji"
    runner = CliRunner()
    first = runner.invoke(main, ["new", str(agency), "--nama", "Pelayanan Surat Pindah"])
    assert first.exit_code == 0, first.output
    target = agency / "pelayanan-surat-pindah.yml"
    assert target.is_file()
    check = runner.invoke(main, ["check", str(root)])
    assert check.exit_code == 0, check.output
    assert "0 kesalahan" in check.output
    target.write_text("# edited\n" + target.read_text())
    again = runner.invoke(main, ["new", str(agency), "--nama", "Pelayanan Surat Pindah"])
    assert again.exit_code != 0
    assert "tidak ditimpa" in again.output
    assert target.read_text().startswith("# edited")


def test_new_refuses_a_folder_that_is_not_an_agency(tmp_path):
    result = CliRunner().invoke(main, ["new", str(tmp_path), "--nama", "X"])
    assert result.exit_code != 0 and "_instansi.yml" in result.output
