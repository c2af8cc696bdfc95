"""``sop new`` with the agency's roles, ``sop instansi-baru``, the count of ``sop check`` and the hints."""

from __future__ import annotations

from click.testing import CliRunner

from catalogue.cli import main
from catalogue.source.files import read_agency, read_pemda, read_sop

from .conftest import MINIMAL_SOP, write_catalogue

AGENCY = """\
nama: Kecamatan Uji
peran:
  - nama: Camat
  - nama: Sekretaris Camat
    alias: [Sekcam]
  - nama: Kepala Seksi Pemerintahan
"""


def test_new_fills_the_roles_from_the_agency_and_fails_strict_until_reviewed(tmp_path):
    root = write_catalogue(tmp_path / "sops", {}, agency=AGENCY)
    agency = root / "kab-uji" / "kec-uji"
    runner = CliRunner()
    result = runner.invoke(main, ["new", str(agency), "--nama", "Pelayanan Surat Pindah"])
    assert result.exit_code == 0, result.output
    target = agency / "pelayanan-surat-pindah.yml"
    sop, problems = read_sop(target, "kab-uji", "kec-uji")
    assert sop is not None, [p.message for p in problems]
    assert sop.pelaksana == ("Camat", "Sekretaris Camat", "Kepala Seksi Pemerintahan")
    assert [s.pelaksana for s in sop.langkah] == ["Camat", "Sekretaris Camat", "Kepala Seksi Pemerintahan"]
    assert sop.disahkan_oleh.jabatan == "Camat"
    # Every role the skeleton names is the agency's: no "role not in _instansi.yml" note.
    check = runner.invoke(main, ["check", str(root)])
    assert check.exit_code == 0 and "0 kesalahan" in check.output, check.output
    assert "Kepala Instansi" not in target.read_text()
    strict = runner.invoke(main, ["check", "--strict", str(root)])
    assert strict.exit_code == 1 and "belum ditinjau" in strict.output
    # Once every placeholder is replaced (the marks removed), --strict accepts it.
    reviewed = "\n".join(line for line in target.read_text().splitlines() if "# PERIKSA" not in line)
    target.write_text(reviewed.replace('nomor: "-"', 'nomor: "001/2024"').replace('"SOP …"', '"SOP Arsip"'))
    assert runner.invoke(main, ["check", "--strict", str(root)]).exit_code == 0


def test_new_without_agency_roles_uses_placeholders_and_says_so(tmp_path):
    root = write_catalogue(tmp_path / "sops", {}, agency="nama: Kecamatan Uji\n")
    result = CliRunner().invoke(main, ["new", str(root / "kab-uji" / "kec-uji"), "--nama", "Arsip"])
    assert result.exit_code == 0
    assert "belum punya daftar `peran`" in result.output


def test_new_refuses_an_agency_file_with_errors(tmp_path):
    root = write_catalogue(tmp_path / "sops", {}, agency="nama: Kecamatan Uji\nperan: 3\n")
    result = CliRunner().invoke(main, ["new", str(root / "kab-uji" / "kec-uji"), "--nama", "Arsip"])
    assert result.exit_code == 1
    assert "_instansi.yml" in result.output and "peran" in result.output
    assert not (root / "kab-uji" / "kec-uji" / "arsip.yml").exists()


def test_new_hint_names_only_options_it_has(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    agency = root / "kab-uji" / "kec-uji"
    runner = CliRunner()
    result = runner.invoke(main, ["new", str(agency), "--nama", "Laporan"])
    assert result.exit_code == 1 and "tidak ditimpa" in result.output
    assert "--force" not in result.output and "--slug" in result.output
    new_help = runner.invoke(main, ["new", "--help"]).output
    assert "--slug" in new_help and "--force" not in new_help


def test_instansi_baru_writes_a_valid_agency_and_pemda(tmp_path):
    agency = tmp_path / "sops" / "kabupaten-baru" / "dinas-kesehatan"
    runner = CliRunner()
    refused = runner.invoke(main, ["instansi-baru", str(agency), "--nama", "Dinas Kesehatan"])
    assert refused.exit_code == 1 and "--pemda-nama" in refused.output
    result = runner.invoke(
        main,
        [
            "instansi-baru",
            str(agency),
            "--nama",
            'Dinas "Kesehatan"',
            "--jenis",
            "Dinas",
            "--pemda-nama",
            "Kabupaten Baru",
            "--peran",
            "Kepala Dinas=Kadis",
            "--peran",
            "Sekretaris Dinas=Sekdis, Sekretaris",
        ],
    )
    assert result.exit_code == 0, result.output
    read, problems = read_agency(agency / "_instansi.yml", "kabupaten-baru", "dinas-kesehatan")
    assert read is not None and not problems
    assert read.nama == 'Dinas "Kesehatan"' and read.jenis == "Dinas"
    assert [(r.nama, r.alias) for r in read.peran] == [
        ("Kepala Dinas", ("Kadis",)),
        ("Sekretaris Dinas", ("Sekdis", "Sekretaris")),
    ]
    pemda, _ = read_pemda(agency.parent / "_pemda.yml", "kabupaten-baru")
    assert pemda is not None and pemda.nama == "Kabupaten Baru"
    # The new folder takes SOPs at once, with its roles.
    new = runner.invoke(main, ["new", str(agency), "--nama", "Pelayanan Imunisasi"])
    assert new.exit_code == 0
    assert '- "Kepala Dinas"' in (agency / "pelayanan-imunisasi.yml").read_text()
    again = runner.invoke(main, ["instansi-baru", str(agency), "--nama", "Lain"])
    assert again.exit_code == 1 and "tidak ditimpa" in again.output
    assert 'Dinas \\"Kesehatan\\"' in (agency / "_instansi.yml").read_text()


def test_instansi_baru_refuses_a_folder_name_that_cannot_be_an_address(tmp_path):
    agency = tmp_path / "sops" / "kab-uji" / "Dinas Kesehatan"
    (agency.parent).mkdir(parents=True)
    (agency.parent / "_pemda.yml").write_text("nama: Kabupaten Uji\n")
    result = CliRunner().invoke(main, ["instansi-baru", str(agency), "--nama", "Dinas Kesehatan"])
    assert result.exit_code == 1 and "'dinas-kesehatan'" in result.output
    assert not agency.exists()


def test_instansi_baru_refuses_an_empty_role(tmp_path):
    agency = tmp_path / "sops" / "kab-uji" / "dinas"
    agency.parent.mkdir(parents=True)
    (agency.parent / "_pemda.yml").write_text("nama: Kabupaten Uji\n")
    result = CliRunner().invoke(main, ["instansi-baru", str(agency), "--nama", "Dinas", "--peran", "=Kadis"])
    assert result.exit_code == 2 and "--peran" in result.output
    assert not agency.exists()


def test_check_counts_a_file_left_out_for_its_errors(tmp_path):
    root = write_catalogue(tmp_path / "sops", {"rusak.yml": "nomor: '1\nnama: x\n"})
    result = CliRunner().invoke(main, ["check", str(root / "kab-uji" / "kec-uji" / "rusak.yml")])
    assert result.exit_code == 1
    assert "1 SOP diperiksa: 1 kesalahan" in result.output
    both = write_catalogue(tmp_path / "dua", {"laporan.yml": MINIMAL_SOP, "rusak.yml": "nama: [\n"})
    result = CliRunner().invoke(main, ["check", str(both)])
    assert "2 SOP diperiksa: 1 kesalahan" in result.output
