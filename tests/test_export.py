"""The open data export: its schema, its round trip, its CSV dictionary, its bytes, and `sop export`."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from catalogue import load_catalogue
from catalogue.analysis import Sources, analyse, analyse_sources
from catalogue.cli.main import main
from catalogue.export.open_data import (
    ExportSettings,
    export_catalogue,
    export_sop,
    load_export,
    read_export,
    vanished_ids,
    write_export,
)
from catalogue.export.schema import EXPORT_SCHEMAS, TABLES, json_schema, json_schema_text
from catalogue.source.catalogue_meta import CatalogueMeta, read_catalogue_meta
from catalogue.source.catalogue_meta import json_schema_text as meta_schema_text

from .conftest import MINIMAL_SOP, REPO, SEEDS, write_catalogue

#: An SOP that exercises every branch of the model: manual rujukan, explicit and step Keterkaitan, a decision
#: looping back, ranges, calendar time, unparsed and missing waktu, an inferred and a missing performer.
RICH_SOP = """\
nomor: "002/SOP/2024"
nama: Verifikasi Laporan Kinerja
tanggal_pembuatan: 2 Januari 2024
tanggal_revisi: 2024-06-30
tanggal_efektif: 2024-01-05
disahkan_oleh:
  jabatan: Camat
  nama: "Dra. Contoh, M.Si"
  nip: "19700101 199001 1 001"
topik: pengukuran-kinerja
dasar_hukum:
  - Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah
  - teks: "Perbup Nomor 63 Tahun 2016"
    rujukan:
      - jenis: Peraturan Bupati
        penerbit: Bupati Uji
        nomor: "63"
        tahun: "2016"
        tentang: Tata Kerja
  - Kebijakan pimpinan
kualifikasi_pelaksana: [Memahami SAKIP]
keterkaitan:
  - SOP Penyusunan Laporan Kinerja
  - teks: SOP Rapat Koordinasi
    target: "-"
peralatan_perlengkapan: [Komputer]
peringatan: [Laporan terlambat]
pencatatan_pendataan: [Arsip]
pelaksana: [Camat, Sekcam, Staf]
langkah:
  - no: 1
    kegiatan: Menerima laporan
    pelaksana: Staf
    waktu: 1-2 jam
    kelengkapan: [Laporan, Disposisi]
    keterangan: Lihat SOP Penyusunan Laporan Kinerja
  - no: 2
    kegiatan: Memeriksa laporan
    pelaksana: Sekcam
    pelaksana_status: disimpulkan
    pelaksana_alasan: Pemeriksaan adalah tugas Sekcam.
    jenis: keputusan
    ya: 3
    tidak: 1
    waktu: 1 minggu
  - no: 3
    kegiatan: Mengarsipkan
    waktu: tentatif
    catatan: Pelaksana tidak tertulis.
  - no: 4
    kegiatan: Menandatangani
    pelaksana: Camat
sumber:
  dokumen: contoh.docx
  jenis_dokumen: docx
  diimpor: 2024-02-01
  catatan: [Nomor langkah disalin apa adanya.]
url_lama: [verifikasi-lama]
"""


def _validator(name: str) -> jsonschema.Draft202012Validator:
    schema = json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _assert_valid(name: str, document: dict) -> None:
    errors = sorted(_validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:5]]


@pytest.fixture(scope="module")
def seeds():
    analysis = analyse_sources(Sources.at(SEEDS))
    assert not analysis.errors
    return analysis, ExportSettings(source_base=REPO)


@pytest.fixture
def rich(tmp_path):
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": MINIMAL_SOP, "verifikasi.yml": RICH_SOP})
    analysis = analyse(load_catalogue(root), meta=CatalogueMeta(penerbit="Uji"))
    assert not analysis.errors, analysis.errors
    return analysis, ExportSettings(source_base=tmp_path, site_url="https://katalog.example/")


# --- schema -------------------------------------------------------------------------------------------------


def test_every_exported_sop_and_the_catalogue_validate_against_the_schema(seeds):
    analysis, settings = seeds
    documents = [export_sop(sop, analysis, settings) for sop in analysis.catalogue.sops.values()]
    for doc in documents:
        _assert_valid("sop", doc)
    _assert_valid("katalog", export_catalogue(analysis, settings, documents))


def test_rich_sop_validates_and_carries_every_cross_reference(rich):
    analysis, settings = rich
    doc = export_sop(analysis.catalogue.sops["kab-uji/kec-uji/verifikasi"], analysis, settings)
    _assert_valid("sop", doc)
    manual = doc["dasar_hukum"][1]
    assert manual["rujukan_dari"] == "manual" and manual["rujukan_manual"][0]["nomor"] == "63"
    assert manual["rujukan"][0]["id"] == "peraturan-bupati-uji-63-2016"
    assert doc["dasar_hukum"][0]["rujukan"][0]["id"] == "peraturan-pemerintah-12-2019"
    assert doc["dasar_hukum"][2]["terurai"] is False and doc["dasar_hukum"][2]["rujukan"] == []
    linked, on_purpose = doc["keterkaitan"]
    assert linked["tujuan"] == "kab-uji/kec-uji/laporan" and linked["cara"] == "judul"
    assert linked["tujuan_halaman"] == "kab-uji/kec-uji/laporan/"
    assert on_purpose["tujuan"] is None and on_purpose["alasan_tidak_terhubung"] == "sengaja"
    step1, step2, step3, step4 = doc["langkah"]
    assert step1["rujukan_sop"][0]["tujuan"] == "kab-uji/kec-uji/laporan"
    assert step1["waktu"] == {
        "teks": "1-2 jam",
        "terurai": True,
        "kerja_menit_min": 60,
        "kerja_menit_maks": 120,
        "kalender_hari_min": 0,
        "kalender_hari_maks": 0,
    }
    assert step2["pelaksana"] == {
        "kolom": "Sekcam",
        "jabatan": "Sekretaris Camat",
        "peran": "sekretaris-camat",
        "status": "disimpulkan",
        "alasan": "Pemeriksaan adalah tugas Sekcam.",
    }
    camat, sekcam, _staf = doc["pelaksana"]
    assert camat["peran"] == "camat" and camat["jumlah_langkah"] == 1
    assert sekcam["peran_nama"] == "Sekretaris Camat" and sekcam["jumlah_langkah_disimpulkan"] == 1
    assert step2["waktu"]["kalender_hari_min"] == 7
    assert step3["pelaksana"] is None and step3["waktu"]["terurai"] is False
    assert step3["waktu"]["kerja_menit_min"] is None
    assert step4["waktu"]["teks"] is None
    assert doc["url_lama"] == ["verifikasi-lama"] and doc["alamat_lama"] == [
        "kab-uji/kec-uji/verifikasi-lama/"
    ]
    assert doc["berkas_sumber"] == "sops/kab-uji/kec-uji/verifikasi.yml"
    assert doc["kutipan"].startswith(
        "Kecamatan Uji, Kabupaten Uji. 2024. Standar Operasional Prosedur Verifikasi"
    )
    assert doc["kutipan"].endswith("https://katalog.example/kab-uji/kec-uji/verifikasi/")


def test_each_citation_carries_the_registry_status_in_json_and_csv(tmp_path):
    """The open data says what the registry records: a revoked regulation is marked revoked, with what revoked
    it, in the SOP document and in dasar-hukum.csv; an unregistered one has no status."""
    root = write_catalogue(
        tmp_path / "sops",
        {
            "laporan.yml": MINIMAL_SOP.replace(
                "  - Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
                "  - Peraturan Pemerintah Nomor 58 Tahun 2005 tentang Pengelolaan Keuangan Daerah\n"
                "  - Perbup Nomor 5 Tahun 2020 tentang Tata Kerja",
            )
        },
    )
    registry = tmp_path / "peraturan.yml"
    registry.write_text(
        "peraturan:\n"
        "  - {jenis: Peraturan Pemerintah, nomor: '58', tahun: '2005', tentang: Pengelolaan Keuangan Daerah,\n"
        "     status: dicabut, dicabut_oleh: [PP Nomor 12 Tahun 2019], sumber: 'PP 12/2019, Pasal 285'}\n"
        "  - {jenis: Peraturan Pemerintah, nomor: '12', tahun: '2019', tentang: Pengelolaan Keuangan Daerah,\n"
        "     status: berlaku, sumber: peraturan.go.id}\n",
        encoding="utf-8",
    )
    analysis = analyse_sources(Sources.at(root, registry=registry))
    assert not analysis.errors, analysis.errors
    doc = export_sop(
        analysis.catalogue.sops["kab-uji/kec-uji/laporan"], analysis, ExportSettings(source_base=tmp_path)
    )
    _assert_valid("sop", doc)
    revoked = doc["dasar_hukum"][0]["rujukan"][0]
    assert (revoked["id"], revoked["status"]) == ("peraturan-pemerintah-58-2005", "dicabut")
    assert revoked["dicabut_oleh"] == ["peraturan-pemerintah-12-2019"] and revoked["diubah_oleh"] == []
    unregistered = doc["dasar_hukum"][1]["rujukan"][0]
    assert (unregistered["id"], unregistered["status"]) == ("peraturan-bupati-uji-5-2020", None)
    write_export(tmp_path / "out", analysis, ExportSettings(source_base=tmp_path))
    rows = list(csv.DictReader((tmp_path / "out" / "dasar-hukum.csv").open(encoding="utf-8-sig", newline="")))
    assert [(r["peraturan_id"], r["status"], r["dicabut_oleh"]) for r in rows] == [
        ("peraturan-pemerintah-58-2005", "dicabut", "peraturan-pemerintah-12-2019"),
        ("peraturan-bupati-uji-5-2020", "", ""),
    ]


@pytest.mark.parametrize("name", EXPORT_SCHEMAS)
def test_committed_export_schema_is_generated_from_code(name):
    committed = (REPO / "schema" / "ekspor" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(name), "run `sop export --write-schemas` and commit the result"


def test_committed_catalogue_meta_schema_is_generated_from_code():
    committed = (REPO / "schema" / "katalog.schema.json").read_text(encoding="utf-8")
    assert committed == meta_schema_text(), "run `sop export --write-schemas` and commit the result"


# --- round trip, CSV, bytes ---------------------------------------------------------------------------------


def test_round_trip_gives_back_the_same_model(rich, seeds, tmp_path):
    for analysis, settings in (rich, seeds):
        catalogue = analysis.catalogue
        out = tmp_path / catalogue.root.parent.name
        write_export(out, analysis, settings)
        back = load_export(read_export(out), settings.source_base)
        assert back.sops == catalogue.sops
        assert list(back.sops) == list(catalogue.sops)
        assert back.agencies == catalogue.agencies
        assert back.pemdas == catalogue.pemdas
        assert back.root == catalogue.root


def test_csv_headers_match_the_column_dictionary(rich, tmp_path):
    analysis, settings = rich
    write_export(tmp_path, analysis, settings)
    with (tmp_path / "kamus-kolom.csv").open(encoding="utf-8-sig", newline="") as handle:
        dictionary = list(csv.DictReader(handle))
    published = json.loads((tmp_path / "kamus-kolom.json").read_text(encoding="utf-8"))
    for table in TABLES:
        with (tmp_path / f"{table.name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
        assert header == [row["kolom"] for row in dictionary if row["tabel"] == table.name]
        assert header == [
            c["nama"] for t in published["tabel"] if t["nama"] == table.name for c in t["kolom"]
        ]
    rows = list(csv.DictReader((tmp_path / "langkah.csv").open(encoding="utf-8-sig", newline="")))
    assert [r["urutan"] for r in rows if r["sop_id"].endswith("verifikasi")] == ["1", "2", "3", "4"]
    assert rows[3]["kelengkapan"] == "Laporan | Disposisi" and rows[3]["waktu_terurai"] == "true"
    links = list(csv.DictReader((tmp_path / "keterkaitan.csv").open(encoding="utf-8-sig", newline="")))
    assert [(r["butir"], r["langkah_no"]) for r in links if r["sop_id"].endswith("verifikasi")] == [
        ("1", ""),
        ("2", ""),
        ("", "1"),
    ]


def test_csv_tables_open_in_excel_with_their_letters_and_columns(rich, tmp_path):
    """Every CSV starts with a UTF-8 byte order mark (Excel then reads UTF-8), and katalog.xlsx holds the same
    tables cell by cell, for Excel set to Indonesian, which splits CSV rows on ";"."""
    import openpyxl

    analysis, settings = rich
    written = write_export(tmp_path, analysis, settings)
    assert "katalog.xlsx" in written
    workbook = openpyxl.load_workbook(tmp_path / "katalog.xlsx", read_only=True)
    assert workbook.sheetnames == [t.name for t in TABLES] + ["kamus-kolom"]
    for name in workbook.sheetnames:
        raw = (tmp_path / f"{name}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and not raw.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
        with (tmp_path / f"{name}.csv").open(encoding="utf-8-sig", newline="") as handle:
            expected = list(csv.reader(handle))
        table = next((t for t in TABLES if t.name == name), None)
        numbers = {c.name for c in table.columns if c.type.startswith("bilangan")} if table else set()
        got = [
            ["" if v is None else v for v in row] + [""] * (len(expected[0]) - len(row))
            for row in workbook[name].iter_rows(values_only=True)
        ]
        assert len(got) == len(expected), name
        for row_no, (row, want) in enumerate(zip(got, expected, strict=True)):
            for column, value, text in zip(expected[0], row, want, strict=True):
                if row_no and column in numbers and text:
                    assert isinstance(value, int | float) and float(text) == value, (name, column, text)
                else:
                    assert value == text, (name, column, text, value)
    workbook.close()


def test_export_bytes_are_reproducible(rich, tmp_path):
    analysis, settings = rich
    first = write_export(tmp_path / "a", analysis, settings)
    again = analyse(load_catalogue(analysis.catalogue.root), meta=analysis.meta)  # a fresh load and analysis
    second = write_export(tmp_path / "b", again, settings)
    assert first == second
    for rel in first:
        a, b = (tmp_path / "a" / rel).read_bytes(), (tmp_path / "b" / rel).read_bytes()
        assert a == b, rel
        if rel.endswith(".xlsx"):
            continue
        # A byte order mark on the CSV tables (for Excel), on nothing else (JSON forbids one).
        assert a.startswith(b"\xef\xbb\xbf") == rel.endswith(".csv"), rel
        assert b"\r" not in a, rel
        a.decode("utf-8")


def test_a_removed_sop_leaves_no_stale_document(rich, tmp_path):
    analysis, settings = rich
    write_export(tmp_path, analysis, settings)
    assert (tmp_path / "sop" / "kab-uji" / "kec-uji" / "verifikasi.json").is_file()
    (analysis.catalogue.root / "kab-uji" / "kec-uji" / "verifikasi.yml").unlink()
    write_export(tmp_path, analyse(load_catalogue(analysis.catalogue.root)), settings)
    assert not (tmp_path / "sop" / "kab-uji" / "kec-uji" / "verifikasi.json").exists()
    assert (tmp_path / "sop" / "kab-uji" / "kec-uji" / "laporan.json").is_file()


def test_vanished_ids_are_those_neither_current_nor_redirected(rich):
    analysis, settings = rich
    previous = export_catalogue(analysis, settings)
    assert vanished_ids(previous, analysis) == []
    previous["sop"].append({"id": "kab-uji/kec-uji/dihapus"})
    previous["sop"].append({"id": "kab-uji/kec-uji/verifikasi-lama"})  # renamed: answered by url_lama
    assert vanished_ids(previous, analysis) == ["kab-uji/kec-uji/dihapus"]


# --- catalogue metadata -------------------------------------------------------------------------------------


def test_catalogue_meta_fills_known_licences_and_rejects_unknown_ones(tmp_path):
    path = tmp_path / "katalog.yml"
    path.write_text("nama: Katalog Uji\npenerbit: Pemkab Uji\nlisensi: CC-BY-4.0\n", encoding="utf-8")
    meta, problems = read_catalogue_meta(path)
    assert not problems and meta.lisensi.url == "https://creativecommons.org/licenses/by/4.0/deed.id"
    path.write_text("nama: Katalog Uji\npenerbit: Pemkab Uji\nlisensi:\n  id: CC-BY-4\n", encoding="utf-8")
    meta, problems = read_catalogue_meta(path)
    assert meta is None
    (problem,) = problems
    assert problem.is_error and problem.field_name == "lisensi.id" and problem.line == 4
    assert "CC-BY-4.0" in problem.message
    path.write_text("nama: Katalog Uji\nlisensi: CC-BY-4.0\n", encoding="utf-8")
    meta, problems = read_catalogue_meta(path)
    assert meta is None and "penerbit" in problems[0].message


def test_missing_catalogue_meta_is_a_warning_and_no_licence_is_invented(tmp_path):
    meta, problems = read_catalogue_meta(tmp_path / "katalog.yml")
    assert meta == CatalogueMeta() and meta.lisensi is None
    assert [p.is_error for p in problems] == [False]


# --- sop export ---------------------------------------------------------------------------------------------


def test_sop_export_writes_the_open_data(rich, tmp_path):
    catalogue = rich[0].catalogue
    (catalogue.root.parent / "katalog.yml").write_text(
        "nama: Katalog Uji\npenerbit: Pemkab Uji\nlisensi: CC0-1.0\n", encoding="utf-8"
    )
    out = tmp_path / "ekspor"
    result = CliRunner().invoke(main, ["export", str(catalogue.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 SOP diekspor" in result.output
    whole = read_export(out)
    _assert_valid("katalog", whole)
    assert whole["lisensi"]["id"] == "CC0-1.0" and whole["katalog"]["penerbit"] == "Pemkab Uji"
    assert whole["pengalihan"] == [
        {"dari": "kab-uji/kec-uji/verifikasi-lama", "ke": "kab-uji/kec-uji/verifikasi"}
    ]
    # Paths are relative to the nearest folder with mkdocs.yml or .git, else the catalogue root's parent.
    assert whole["sop"][0]["berkas_sumber"] == "sops/kab-uji/kec-uji/laporan.yml"


def test_sop_export_refuses_a_catalogue_with_errors(tmp_path):
    root = write_catalogue(
        tmp_path / "sops", {"laporan.yml": MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: Lurah\n")}
    )
    out = tmp_path / "ekspor"
    result = CliRunner().invoke(main, ["export", str(root), "--out", str(out)])
    assert result.exit_code == 1
    assert "laporan.yml:" in result.output and "langkah[2].pelaksana" in result.output
    assert "Ekspor dibatalkan: 1 kesalahan" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_sop_export_refuses_a_bad_keterkaitan_target_and_a_bad_meta_file(tmp_path):
    root = write_catalogue(
        tmp_path / "sops",
        {
            "laporan.yml": MINIMAL_SOP.replace(
                "keterkaitan: [SOP Perjanjian Kinerja]",
                "keterkaitan:\n  - teks: SOP X\n    target: tidak-ada",
            )
        },
    )
    result = CliRunner().invoke(main, ["export", str(root), "--out", str(tmp_path / "a")])
    assert result.exit_code == 1 and "keterkaitan[1].target" in result.output, result.output
    root = write_catalogue(tmp_path / "sops2")
    (tmp_path / "katalog.yml").write_text("nama: X\npenerbit: Y\nlisensi: {id: Bebas}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(root), "--out", str(tmp_path / "b")])
    assert result.exit_code == 1 and "katalog.yml:3" in result.output and "lisensi.id" in result.output


def test_sop_export_guards_public_ids_against_a_previous_export(rich, tmp_path):
    analysis, settings = rich
    catalogue = analysis.catalogue
    out = tmp_path / "lama"
    write_export(out, analysis, settings)
    (catalogue.root / "kab-uji" / "kec-uji" / "laporan.yml").rename(
        catalogue.root / "kab-uji" / "kec-uji" / "lap.yml"
    )
    args = [
        "export",
        str(catalogue.root),
        "--out",
        str(tmp_path / "baru"),
        "--previous",
        str(out / "katalog.json"),
    ]
    result = CliRunner().invoke(main, args)
    assert (
        result.exit_code == 1 and "kab-uji/kec-uji/laporan" in result.output and "url_lama" in result.output
    )
    lap = catalogue.root / "kab-uji" / "kec-uji" / "lap.yml"
    lap.write_text(lap.read_text(encoding="utf-8") + "url_lama: [laporan]\n", encoding="utf-8")
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output


def test_sop_export_never_writes_over_a_folder_that_is_not_an_export(rich, tmp_path):
    catalogue = rich[0].catalogue
    out = tmp_path / "lain"
    out.mkdir()
    (out / "penting.txt").write_text("x")
    result = CliRunner().invoke(main, ["export", str(catalogue.root), "--out", str(out)])
    assert result.exit_code == 1 and "bukan folder ekspor" in result.output
    assert sorted(p.name for p in out.iterdir()) == ["penting.txt"]


def test_write_schemas_writes_what_the_tests_compare(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["export", "--write-schemas"])
    assert result.exit_code == 0, result.output
    for name in EXPORT_SCHEMAS:
        assert (tmp_path / "schema" / "ekspor" / f"{name}.schema.json").read_text() == json_schema_text(name)
    assert Path(tmp_path / "schema" / "katalog.schema.json").read_text() == meta_schema_text()


def test_failed_export_leaves_no_cut_off_file(tmp_path):
    """An export that fails half way leaves complete files or none: never a katalog.json or CSV cut short.
    The failure is real: a folder stands where the third SOP's document must go."""
    from catalogue import urls
    from catalogue.export.open_data import write_export

    analysis = analyse(load_catalogue(SEEDS))
    third = list(analysis.catalogue.sops.values())[2]
    (tmp_path / urls.data_file(urls.sop_json(third.id))).mkdir(parents=True)
    with pytest.raises(OSError):
        write_export(tmp_path, analysis)
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    # The first two SOPs' files (JSON, BPMN, CPSV-AP), whole.
    assert len(left) == 6 and sum(name.startswith("sop/") for name in left) == 2
    assert not any(name.endswith(".sebagian") for name in left)
    assert "katalog.json" not in left and not any(name.endswith(".csv") for name in left)
    for name in left:
        if name.endswith("json") or name.endswith(".jsonld"):
            json.loads((tmp_path / name).read_text(encoding="utf-8"))
        else:
            ET.fromstring((tmp_path / name).read_text(encoding="utf-8"))


def test_a_failed_export_leaves_the_existing_export_folder_untouched(tmp_path):
    """The whole export is written beside the folder and swapped in: a failure half way (here a real one:
    a folder where the third SOP's document must go) leaves the old export as it was, and no leftovers."""
    from catalogue import urls
    from catalogue.export.open_data import replace_folder

    analysis = analyse(load_catalogue(SEEDS))
    out = tmp_path / "ekspor"
    replace_folder(out, lambda folder: write_export(folder, analysis))
    before = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    third = list(analysis.catalogue.sops.values())[2]

    def fail_half_way(folder):
        (folder / urls.data_file(urls.sop_json(third.id))).mkdir(parents=True)
        return write_export(folder, analysis)

    with pytest.raises(OSError):
        replace_folder(out, fail_half_way)
    assert {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor"]


def test_a_new_export_replaces_the_old_one_whole(rich, tmp_path):
    analysis, _ = rich
    out = tmp_path / "ekspor"
    out.mkdir()
    (out / "katalog.json").write_text("{}")
    (out / "sop" / "lama").mkdir(parents=True)
    (out / "sop" / "lama" / "dihapus.json").write_text("{}")
    result = CliRunner().invoke(main, ["export", str(analysis.catalogue.root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (
        not (out / "sop" / "lama").exists()
        and (out / "sop" / "kab-uji" / "kec-uji" / "laporan.json").is_file()
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


PREVIOUS_VARIANTS = {
    "truncated": '{"versi_format": 1, "sop": [{"id": "kab-uji/kec',
    "empty": "",
    "null": "null",
    "a_list": "[]",
    "an_empty_object": "{}",
    "another_json_file": '{"name": "sop-katalog", "version": "1.0.0", "dependencies": {}}',
    "sop_not_a_list": '{"versi_format": 1, "sop": {"id": "x"}}',
    "wrong_version": '{"versi_format": 2}',
    "a_number": "42",
}


@pytest.mark.parametrize("variant", sorted(PREVIOUS_VARIANTS))
def test_sop_export_refuses_a_previous_file_that_is_not_an_earlier_export(variant, rich, tmp_path):
    """--previous guards public ids only when it is a real katalog.json: anything else is refused, with
    where it fails, never a traceback and never a pass."""
    analysis, _ = rich
    previous = tmp_path / "katalog.json"
    previous.write_text(PREVIOUS_VARIANTS[variant], encoding="utf-8")
    out = tmp_path / "baru"
    result = CliRunner().invoke(
        main, ["export", str(analysis.catalogue.root), "--out", str(out), "--previous", str(previous)]
    )
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert f"{previous.name}:" in result.output and ": error: " in result.output
    assert "--previous harus katalog.json" in result.output
    assert "data tetap diekspor" not in result.output
    assert not out.exists()


def test_a_real_previous_export_passes_the_check(rich, tmp_path):
    analysis, settings = rich
    write_export(tmp_path / "lama", analysis, settings)
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(analysis.catalogue.root),
            "--out",
            str(tmp_path / "baru"),
            "--previous",
            str(tmp_path / "lama" / "katalog.json"),
        ],
    )
    assert result.exit_code == 0, result.output
