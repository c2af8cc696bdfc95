"""``sop import`` on the command line: files written, never overwritten, exit codes, progress and summary."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from catalogue.cli.main import main
from catalogue.source.load import load_catalogue
from catalogue.source.yaml_reader import parse

from .conftest import REPO, run_without_file_permission_override, write_catalogue

SOP_CLI = REPO / ".venv" / "bin" / "sop"
DATA = REPO / "tests" / "data" / "import"

#: A document in which everything is stated, so nothing needs review: the performer column names the role.
CLEAN = """\
Nomor SOP : 100/01/KEC-UJI/2024
Tanggal Pembuatan : 2 Januari 2024
Tanggal Revisi : -
Tanggal Efektif : 8 Januari 2024
Disahkan Oleh : Camat
Nama SOP : Pelayanan Legalisasi Dokumen

Dasar Hukum :
1. Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan
Kualifikasi Pelaksana :
1. Memahami tata naskah dinas
Keterkaitan :
1. SOP Pelayanan Surat Pengantar
Peralatan/Perlengkapan :
1. Stempel
Peringatan :
1. Dokumen tanpa asli tidak dilegalisasi
Pencatatan dan Pendataan :
1. Buku register legalisasi

No\tUraian Kegiatan\tPelaksana\tKelengkapan\tWaktu\tOutput\tKeterangan
1\tMenerima dan memeriksa dokumen\tStaf\tDokumen asli\t10 menit\tDokumen diperiksa\t
2\tMenandatangani legalisasi\tCamat\tDokumen diperiksa\t10 menit\tDokumen dilegalisasi\t
"""


def _agency(tmp_path: Path) -> tuple[Path, Path]:
    root = write_catalogue(tmp_path / "sops", {})
    return root, root / "kab-uji" / "kec-uji"


def test_imports_one_file_per_sop_and_the_result_passes_check(tmp_path):
    root, agency = _agency(tmp_path)
    result = CliRunner().invoke(main, ["import", str(DATA / "badan-dua-sop.txt"), "--instansi", str(agency)])
    assert result.exit_code == 1, result.output  # written, but with things to review
    written = sorted(p.name for p in agency.glob("*.yml") if not p.name.startswith("_"))
    assert written == ["pengelolaan-surat-keluar.yml", "pengelolaan-surat-masuk.yml"]
    assert "Selesai: 2 SOP ditulis dari 1 dokumen; 2 perlu diperiksa." in result.output
    text = (agency / "pengelolaan-surat-masuk.yml").read_text()
    assert "# PERIKSA:" in text
    catalogue = load_catalogue(root)
    assert not catalogue.errors, [p.format() for p in catalogue.errors]
    check = CliRunner().invoke(main, ["check", str(root)])
    assert check.exit_code == 0 and "0 kesalahan" in check.output


def test_exit_0_when_nothing_needs_review(tmp_path):
    _, agency = _agency(tmp_path)
    source = tmp_path / "legalisasi.txt"
    source.write_text(CLEAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["import", str(source), "--instansi", str(agency)])
    assert result.exit_code == 0, result.output
    assert "tidak ada yang perlu diperiksa" in result.output
    data = parse(source, (agency / "pelayanan-legalisasi-dokumen.yml").read_text())
    assert [s["pelaksana"] for s in data["langkah"]] == ["Staf", "Camat"]
    assert "PERIKSA" not in (agency / "pelayanan-legalisasi-dokumen.yml").read_text()


def test_never_overwrites_without_force(tmp_path):
    _, agency = _agency(tmp_path)
    source = tmp_path / "legalisasi.txt"
    source.write_text(CLEAN, encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["import", str(source), "--instansi", str(agency)]).exit_code == 0
    target = agency / "pelayanan-legalisasi-dokumen.yml"
    target.write_text("# disunting orang\n" + target.read_text())
    again = runner.invoke(main, ["import", str(source), "--instansi", str(agency)])
    assert again.exit_code == 2
    assert "tidak ditimpa" in again.output and "1 gagal" in again.output
    assert target.read_text().startswith("# disunting orang")
    forced = runner.invoke(main, ["import", str(source), "--instansi", str(agency), "--force"])
    assert forced.exit_code == 0, forced.output
    assert not target.read_text().startswith("# disunting orang")
    assert not [p for p in agency.iterdir() if p.name.startswith(".")]  # atomic: no temporary file left


def test_progress_and_per_file_summary_for_many_files(tmp_path):
    _, agency = _agency(tmp_path)
    files = [
        str(DATA / "dinas-label-titik-dua.txt"),
        str(DATA / "kelurahan-tata-letak-pdf.txt"),
        str(DATA / "seeds" / "002_21b77e46fa83af19.txt"),
    ]
    report = tmp_path / "periksa.md"
    result = CliRunner().invoke(main, ["import", *files, "--instansi", str(agency), "--laporan", str(report)])
    assert result.exit_code == 1
    assert "Mengimpor" in result.output  # the progress bar (on stderr, which the runner mixes in)
    for name in ("dinas-label-titik-dua.txt", "kelurahan-tata-letak-pdf.txt", "002_21b77e46fa83af19.txt"):
        assert f"{name} → " in result.output
    # The summary table: one row per document with its SOPs, imported values and review items.
    header = next(line for line in result.output.splitlines() if line.startswith("dokumen"))
    assert header.split() == ["dokumen", "SOP", "nilai", "periksa", "keterangan"]
    rows = {
        line.split()[0]: line.split()
        for line in result.output.splitlines()
        if line.split() and line.split()[0].endswith(".txt") and "→" not in line
    }
    assert set(rows) == {Path(f).name for f in files}
    assert all(row[1] == "1" and int(row[3]) >= 1 for row in rows.values())
    assert int(rows["dinas-label-titik-dua.txt"][2]) > 20
    assert "langkah[3].pelaksana:" in result.output  # the review list, item by item
    assert "Selesai: 3 SOP ditulis dari 3 dokumen; 3 perlu diperiksa." in result.output
    assert report.read_text().startswith("# Daftar periksa hasil impor")
    assert "- [ ] `nomor`" in report.read_text()


def test_a_folder_is_imported_whole_and_a_bad_document_does_not_stop_it(tmp_path):
    _, agency = _agency(tmp_path)
    folder = tmp_path / "dokumen"
    folder.mkdir()
    (folder / "legalisasi.txt").write_text(CLEAN, encoding="utf-8")
    (folder / "a-rusak.docx").write_bytes(b"PK\x03\x04 bukan zip yang utuh")
    (folder / "catatan.odt").write_bytes(b"diabaikan: bukan jenis dokumen yang dibaca")
    result = CliRunner().invoke(main, ["import", str(folder), "--instansi", str(agency)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    rows = [
        line
        for line in result.output.splitlines()
        if line.startswith(("a-rusak.docx", "legalisasi.txt")) and "→" not in line
    ]
    assert rows[0].startswith("a-rusak.docx") and "gagal:" in rows[0]
    assert rows[1].startswith("legalisasi.txt") and "pelayanan-legalisasi-dokumen.yml" in rows[1]
    assert "catatan.odt" not in result.output
    assert (agency / "pelayanan-legalisasi-dokumen.yml").is_file()


def test_an_existing_report_is_never_overwritten_without_force(tmp_path):
    _, agency = _agency(tmp_path)
    source = tmp_path / "legalisasi.txt"
    source.write_text(CLEAN, encoding="utf-8")
    report = tmp_path / "penting.yml"
    report.write_text("isi yang tidak boleh hilang\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["import", str(source), "--instansi", str(agency), "--laporan", str(report)]
    )
    assert result.exit_code == 1 and "sudah ada; tidak ditimpa" in result.output
    assert report.read_text(encoding="utf-8") == "isi yang tidak boleh hilang\n"
    assert not (agency / "pelayanan-legalisasi-dokumen.yml").exists(), "refused before importing anything"


def test_a_read_only_agency_folder_is_a_message_not_a_traceback(tmp_path):
    _, agency = _agency(tmp_path)
    source = tmp_path / "legalisasi.txt"
    source.write_text(CLEAN, encoding="utf-8")
    agency.chmod(0o555)
    try:
        result = run_without_file_permission_override(
            [str(SOP_CLI), "import", str(source), "--instansi", str(agency), "--force"], cwd=tmp_path
        )
    finally:
        agency.chmod(0o755)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output and "tidak dapat ditulis: izin ditolak" in output


def test_a_number_already_used_in_the_agency_is_not_duplicated(tmp_path):
    root, agency = _agency(tmp_path)
    source = tmp_path / "legalisasi.txt"
    source.write_text(CLEAN, encoding="utf-8")
    sop = (REPO / "tests" / "conftest.py").read_text().split('MINIMAL_SOP = """\\\n')[1].split('"""')[0]
    (agency / "lama.yml").write_text(sop.replace("001/SOP/2024", "100/01/KEC-UJI/2024"))
    result = CliRunner().invoke(main, ["import", str(source), "--instansi", str(agency)])
    assert result.exit_code == 1
    assert "sudah dipakai oleh lama.yml" in result.output
    data = parse(source, (agency / "pelayanan-legalisasi-dokumen.yml").read_text())
    assert data["nomor"] == "-"
    assert not load_catalogue(root).errors


def test_refuses_a_folder_that_is_not_an_agency_and_reports_an_unreadable_document(tmp_path):
    result = CliRunner().invoke(
        main, ["import", str(DATA / "badan-dua-sop.txt"), "--instansi", str(tmp_path)]
    )
    assert result.exit_code != 0 and "_instansi.yml" in result.output
    _, agency = _agency(tmp_path)
    doc = tmp_path / "sop.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0 an old Word file")
    result = CliRunner().invoke(main, ["import", str(doc), "--instansi", str(agency)])
    assert result.exit_code == 2 and ".docx" in result.output and "Traceback" not in result.output
    pdf = tmp_path / "sop.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    result = CliRunner().invoke(main, ["import", str(pdf), "--instansi", str(agency)])
    assert result.exit_code == 2 and "PDF rusak" in result.output and "sop.pdf" in result.output
    assert "Traceback" not in result.output


def test_the_agency_s_reviewed_sops_give_ocr_its_sure_words(tmp_path):
    from catalogue.cli.importing import _agency_words

    agency = tmp_path / "kab-x" / "dinas-y"
    agency.mkdir(parents=True)
    (agency / "_instansi.yml").write_text("nama: Dinas Pendidikan\n", encoding="utf-8")
    (agency / "sop-a.yml").write_text("nama: Penilikan Satuan Pendidikan\n", encoding="utf-8")
    (agency / "sop-b.yml").write_text("# PERIKSA: dibaca dengan OCR\nnama: Kecamatarr\n", encoding="utf-8")
    words = _agency_words(agency)
    assert {"penilikan", "pendidikan", "satuan", "dinas"} <= words
    assert "kecamatarr" not in words  # a draft still under review may hold a misread word
