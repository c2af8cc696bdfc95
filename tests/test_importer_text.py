"""Importing extracted text: layouts the seeds do not have, the rules one by one, and robustness."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from catalogue.importer import import_document, parse_document
from catalogue.importer.headings import match_box, match_column
from catalogue.importer.items import marker_kind, split_cell_items, split_inline
from catalogue.importer.parsed import ParsedSop, ParsedStep
from catalogue.importer.performers import infer_performers
from catalogue.importer.text_layout import analyse, rows_from_text
from catalogue.source import format as source_format
from catalogue.source.files import read_sop
from catalogue.source.load import load_catalogue
from catalogue.source.yaml_reader import parse

from .conftest import REPO, write_catalogue

DATA = REPO / "tests" / "data" / "import"
TODAY = dt.date(2024, 6, 1)


def _drafts(path: Path, roles=()) -> list[dict]:
    out = []
    errors: list[str] = []
    for item in import_document(path, roles, today=TODAY):
        data = source_format.SOP.check(
            parse(path, item.draft.text), (), lambda p, m: errors.append(f"{p}: {m}")
        )
        assert not errors, errors
        out.append(data)
    return out


def _text_sop(text: str) -> ParsedSop:
    [sop] = analyse(rows_from_text(text))
    return sop


# ------------------------------------------------------------------------------------ whole documents


def test_label_colon_identity_bullet_boxes_and_a_table_repeated_after_a_page_break():
    [sop] = _drafts(DATA / "dinas-label-titik-dua.txt")
    assert sop["nomor"] == "470/012/DISDUKCAPIL/2022"
    assert sop["nama"] == "Penerbitan Kartu Keluarga Baru"
    assert (str(sop["tanggal_pembuatan"]), sop.get("tanggal_revisi"), str(sop["tanggal_efektif"])) == (
        "2022-02-03",
        None,
        "2022-03-01",
    )
    assert sop["disahkan_oleh"] == {
        "jabatan": "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        "nama": "BUDI SANTOSO, S.Sos, M.Si",
        "nip": "19700101 199503 1 002",
        "pangkat": "Pembina Tingkat I (IV/b)",
    }
    assert [d["teks"] for d in sop["dasar_hukum"]] == [
        (
            "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang "
            "Administrasi Kependudukan"
        ),
        (
            "Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan "
            "Pencatatan Sipil"
        ),
    ]
    assert sop["kualifikasi_pelaksana"] == [
        "Memahami tata cara pendaftaran penduduk",
        "Mampu mengoperasikan SIAK",
    ]
    assert [k["teks"] for k in sop["keterkaitan"]] == ["SOP Perubahan Data Kependudukan"]
    assert sop["peringatan"] == ["Bila persyaratan tidak lengkap, permohonan tidak dapat diproses"]
    assert sop["pencatatan_pendataan"] == ["Buku register permohonan", "Database SIAK"]
    assert sop["pelaksana"] == ["Kepala Dinas", "Kabid", "Staf", "Pemohon"]
    steps = sop["langkah"]
    assert [s["no"] for s in steps] == ["1", "2", "3", "4", "5", "6"]  # column numbers and repeat skipped
    assert steps[0]["kelengkapan"] == ["Formulir F-1.01", "Surat pengantar RT/RW"]  # a cell over two lines
    assert steps[2]["kegiatan"] == "Memverifikasi dan memvalidasi data pada SIAK"
    assert steps[1]["keterangan"] == "Tidak lengkap: kembali ke langkah 1"  # the "Ket." column
    assert (steps[1]["jenis"], steps[1]["tidak"], steps[1]["ya"]) == ("keputusan", "1", "3")
    performers = [(s.get("pelaksana"), s.get("pelaksana_status")) for s in steps]
    # Named as the subject (or the passive agent: "oleh Kepala Dinas") is stated; the others are inferred.
    assert performers == [
        ("Pemohon", "disimpulkan"),
        ("Staf", "tertulis"),
        ("Staf", "disimpulkan"),
        ("Kabid", "tertulis"),
        ("Kepala Dinas", "tertulis"),
        ("Staf", "disimpulkan"),
    ]


def test_pdf_layout_with_wrapped_cells_side_by_side_boxes_and_labels_beside_the_letterhead():
    [sop] = _drafts(DATA / "kelurahan-tata-letak-pdf.txt")
    assert sop["nomor"] == "045/07/KEL-SK/2023"
    assert str(sop["tanggal_pembuatan"]) == "2023-01-10" and str(sop["tanggal_efektif"]) == "2023-01-16"
    assert sop["disahkan_oleh"] == {"jabatan": "Lurah Sukamaju"}
    assert [d["teks"] for d in sop["dasar_hukum"]] == [
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah",
        "Peraturan Wali Kota Contoh Nomor 12 Tahun 2021 tentang Pelayanan Administrasi Kelurahan",
    ]
    assert sop["kualifikasi_pelaksana"] == [
        "Memahami tugas pokok dan fungsi kelurahan",
        "Mampu mengoperasikan komputer",
    ]
    assert sop["peralatan_perlengkapan"] == ["Komputer", "Printer"]
    assert sop["pencatatan_pendataan"] == ["Register surat keterangan domisili"]
    steps = sop["langkah"]
    assert steps[0]["kegiatan"] == "Pemohon menyerahkan berkas permohonan surat keterangan domisili"
    assert steps[0]["kelengkapan"] == ["KTP", "Surat pengantar RT"]
    assert steps[0]["output"] == "Berkas permohonan"
    assert steps[3]["kegiatan"] == "Lurah menandatangani surat keterangan domisili"
    assert [(s.get("pelaksana"), s.get("pelaksana_status")) for s in steps] == [
        ("Pemohon", "tertulis"),
        ("Kasi Pemerintahan", "tertulis"),
        ("Seklur", "tertulis"),
        ("Lurah", "tertulis"),
        ("Kasi Pemerintahan", "disimpulkan"),
    ]  # handing the result to the applicant: who took the papers in
    assert steps[1]["jenis"] == "keputusan" and steps[1]["tidak"] == "1"


def test_a_document_with_two_sops_gives_two_drafts():
    first, second = _drafts(DATA / "badan-dua-sop.txt")
    assert (first["nomor"], second["nomor"]) == ("900/01/BPKAD/2021", "900/02/BPKAD/2021")
    assert first["nama"] == "Pengelolaan Surat Masuk" and second["nama"] == "Pengelolaan Surat Keluar"
    assert first["disahkan_oleh"]["nama"] == "DEWI LESTARI, S.E., M.M."
    # Unnumbered lines are items; a line starting in lower case continues the one above.
    assert [d["teks"] for d in first["dasar_hukum"]][1] == (
        "Peraturan Kepala Arsip Nasional Republik Indonesia Nomor 2 Tahun 2014 tentang Pedoman tata naskah dinas"
    )
    assert [k["teks"] for k in first["keterkaitan"]] == ["SOP Pengelolaan Surat Keluar"]  # inline after ':'
    assert first["langkah"][3]["keterangan"] == "Lihat SOP Disposisi Surat"
    assert len(first["langkah"]) == 5 and len(second["langkah"]) == 4
    assert second["langkah"][2]["pelaksana"] == "Kepala Badan"


def test_header_cells_broken_over_lines_boxes_as_heading_colon_content_and_decision_arrows():
    [sop] = _drafts(DATA / "puskesmas-sel-terbelah.txt")
    assert sop["disahkan_oleh"] == {"jabatan": "Kepala UPT Puskesmas Contoh"}  # "UPT" is not a name
    assert [d["teks"] for d in sop["dasar_hukum"]] == [
        "Peraturan Menteri Kesehatan Nomor 43 Tahun 2019 tentang Pusat Kesehatan Masyarakat"
    ]
    assert sop["peralatan_perlengkapan"] == ["Formulir rujukan", "Ambulans"]
    assert sop["pencatatan_pendataan"] == ["Register rujukan"]
    assert sop["pelaksana"] == ["Dokter", "Perawat", "Petugas Pendaftaran"]
    steps = sop["langkah"]
    assert [s["no"] for s in steps] == ["1", "2", "3", "4"]
    assert (steps[0]["jenis"], steps[0]["ya"], steps[0]["tidak"]) == ("keputusan", "2", "4")
    assert [s.get("pelaksana") for s in steps] == ["Dokter", "Perawat", "Perawat", "Petugas Pendaftaran"]
    assert steps[2]["pelaksana_status"] == "disimpulkan"
    assert steps[3]["output"] == "Register terisi"


def test_every_draft_passes_sop_check(tmp_path):
    root = write_catalogue(tmp_path / "sops", {})
    agency = root / "kab-uji" / "kec-uji"
    sources = sorted(DATA.glob("*.txt")) + sorted((DATA / "seeds").glob("*.txt"))
    for n, path in enumerate(sources):
        for k, item in enumerate(import_document(path, today=TODAY)):
            (agency / f"d{n}-{k}.yml").write_text(item.draft.text, encoding="utf-8")
    catalogue = load_catalogue(root)
    assert not catalogue.errors, [p.format() for p in catalogue.errors]
    assert len(catalogue.sops) == len(sources) + 1  # one document holds two SOPs


# ----------------------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    "text,key",
    [
        ("DASAR HUKUM :", "dasar_hukum"),
        ("- Kualitas Pelaksana:**", "kualifikasi_pelaksana"),
        ("Kualifikasi Pelaksanaan", "kualifikasi_pelaksana"),
        ("Peralatan/Perengkapan", "peralatan_perlengkapan"),
        ("- Peralatan :**", "peralatan_perlengkapan"),
        ("B. KETERKAITAN", "keterkaitan"),
        ("PENCATATAN DAN PENDATAAN :", "pencatatan_pendataan"),
        ("II. Peringatan", "peringatan"),
    ],
)
def test_box_headings_and_their_variants(text, key):
    assert match_box(text).key == key


def test_typos_are_accepted_only_beside_another_heading():
    assert match_box("Pengetan") is None
    assert match_box("Pengetan", in_grid=True).key == "peringatan"
    assert match_box("Pengantar") is None and match_box("Pengantar", in_grid=True) is None


@pytest.mark.parametrize(
    "text,key",
    [
        ("MUTU BUKU", "mutu_baku"),
        ("Ket.", "keterangan"),
        ("KET", "keterangan"),
        ("URAIAN PROSEDUR", "kegiatan"),
        ("Kelengkapan dan Peralatan", "kelengkapan"),
        ("Persyaratan/ Kelengkapan", "kelengkapan"),
        ("No.", "no"),
        ("Hasil", "output"),
    ],
)
def test_column_headings(text, key):
    assert match_column(text).key == key


def test_lists_in_one_cell_split_only_on_consecutive_numbers():
    assert split_inline("1. UU Nomor 23 Tahun 2014 2. PP Nomor 12 Tahun 2019") == [
        "UU Nomor 23 Tahun 2014",
        "PP Nomor 12 Tahun 2019",
    ]
    assert split_inline("1. Permendagri Nomor 86 Tahun 2017 tentang 3 hal") == [
        "Permendagri Nomor 86 Tahun 2017 tentang 3 hal"
    ]
    assert split_cell_items("- Formulir kinerja - Komputer /Leptop") == [
        "Formulir kinerja",
        "Komputer /Leptop",
    ]
    assert split_cell_items("Perjanjian Kinerja, Rencana aksi") == ["Perjanjian Kinerja, Rencana aksi"]
    assert split_cell_items("1.Nota Dinas\n2.Surat Undangan") == ["Nota Dinas", "Surat Undangan"]


TABLE = (
    "No\tUraian Kegiatan\tCamat\tSekcam\tKasi Pemerintahan\tStaf\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
    "{rows}"
)


def _steps(*kegiatan: str, roles_from=()) -> ParsedSop:
    rows = "".join(f"{n}\t{k}\t\t\t\t\tBerkas\t10 menit\tBerkas\t\n" for n, k in enumerate(kegiatan, 1))
    sop = _text_sop("Nama SOP : Uji\n" + TABLE.format(rows=rows))
    infer_performers(sop, list(roles_from))
    return sop


def test_performer_from_the_subject_or_the_agent_never_from_an_object():
    sop = _steps(
        "Sekcam memeriksa berkas",
        "Menyampaikan laporan kepada Camat",
        "Memerintahkan Kasi Pemerintahan menyusun laporan",
        "Surat ditandatangani oleh Camat",
        "Sekretaris Camat memaraf konsep",
        "Kepala Seksi Pemerintahan melakukan verifikasi",
        "Camat dan Sekcam membahas laporan",
        "Mengarsipkan berkas",
    )
    got = [(s.pelaksana, s.pelaksana_status) for s in sop.steps]
    assert got == [
        ("Sekcam", "tertulis"),
        ("Sekcam", "disimpulkan"),
        ("Camat", "disimpulkan"),
        ("Camat", "tertulis"),
        ("Sekcam", "tertulis"),
        ("Kasi Pemerintahan", "tertulis"),
        (None, None),
        ("Staf", "disimpulkan"),  # archiving is a clerk's work (catalogue/importer/duties.py)
    ]
    # Stated performers carry no reason and no flag; inferred ones carry both.
    assert all(bool(s.pelaksana_alasan) == (s.pelaksana_status == "disimpulkan") for s in sop.steps)
    notes = {r.field: r.message for r in sop.reviews}
    assert set(notes) == {("langkah", i, "pelaksana") for i in (1, 2, 6, 7)}
    assert "diteruskan dari pelaksana langkah 1" in notes[("langkah", 1, "pelaksana")]
    assert "menyerahkan hasilnya kepada Camat" in notes[("langkah", 2, "pelaksana")]  # not the object Kasi
    assert "beberapa pelaksana" in notes[("langkah", 6, "pelaksana")]


def test_agency_aliases_name_a_role():
    sop = _steps("Sekretaris Kecamatan memeriksa berkas", "Pak Sekcam memeriksa berkas", "Pak Lurah memaraf")
    assert [(s.pelaksana, s.pelaksana_status) for s in sop.steps] == [
        ("Sekcam", "tertulis"),
        ("Sekcam", "tertulis"),
        ("Sekcam", "disimpulkan"),
    ]  # no column "Lurah"
    rows = "1\tPLT memeriksa berkas\t\t\t\t\tBerkas\t10 menit\tBerkas\t\n"
    sop = _text_sop("Nama SOP : Uji\n" + TABLE.format(rows=rows))
    infer_performers(sop, [("Staf", ("PLT", "Pelaksana Teknis"))])
    assert sop.steps[0].pelaksana == "Staf"


def test_a_symbol_label_in_one_role_column_states_the_performer():
    text = "Nama SOP : Uji\n" + TABLE.format(
        rows="1\tMenerima berkas\t\t\t\tMULAI\tBerkas\t10 menit\tBerkas\t\n"
        "2\tMemaraf berkas\t\tY\tT\t\tBerkas\t10 menit\tBerkas\t\n"
    )
    sop = _text_sop(text)
    infer_performers(sop)
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == ("Staf", "tertulis")
    assert "MULAI" in sop.steps[0].catatan
    assert sop.steps[1].pelaksana is None  # two marks: undecided


def test_decision_without_a_named_target_is_only_flagged():
    sop = _steps("Memeriksa berkas, apabila tidak lengkap dikembalikan", "Mengarsipkan")
    from catalogue.importer.decisions import detect_decisions

    detect_decisions(sop)
    assert sop.steps[0].jenis is None
    assert any(r.field == ("langkah", 0, "jenis") for r in sop.reviews)


def test_a_list_without_heading_is_placed_by_the_order_of_the_grid():
    text = (
        "Nama SOP : Uji\nDasar Hukum\n1. UU A\nKualifikasi Pelaksana\n1. Paham\n\n- 1. SOP Lain\n"
        "- 2. SOP Satu Lagi\nPeralatan/Perlengkapan\n1. Komputer\n"
    )
    sop = _text_sop(text)
    assert sop.boxes["keterkaitan"] == ["SOP Lain", "SOP Satu Lagi"]
    assert sop.boxes["kualifikasi_pelaksana"] == ["Paham"]
    assert any(r.field == ("keterkaitan",) for r in sop.reviews)


def test_a_section_outside_the_form_goes_to_the_review_list():
    sop = _text_sop("Nama SOP : Uji\nPeringatan:\nAwas\n\nTujuan:\nAgar tertib\n")
    assert sop.boxes["peringatan"] == ["Awas"]
    assert any("Tujuan" in r.message and "Agar tertib" in r.message for r in sop.reviews)


def test_missing_step_number_is_numbered_and_flagged():
    rows = "\tMenerima berkas\t\t\t\t\tBerkas\t10 menit\tBerkas\t\n"
    sop = _text_sop("Nama SOP : Uji\n" + TABLE.format(rows="1\tMulai\t\t\t\t\tA\t1 jam\tB\t\n" + rows))
    # A row without a number after a complete step is a continuation, never a made-up step.
    assert [s.no for s in sop.steps] == ["1"]
    assert sop.steps[0].kegiatan == "Mulai Menerima berkas"


# -------------------------------------------------------------------------------------------- robustness


def test_the_ocr_seed_keeps_what_it_recognises_and_lists_the_rest():
    [sop] = parse_document(DATA / "seeds" / "002_21b77e46fa83af19.txt")
    assert sop.title == "SOP/Mekanisme Pengukuran Kinerja Kecamatan Purbalingga"
    assert not sop.steps
    messages = " ".join(r.message for r in sop.reviews)
    assert "berdampingan" in messages  # the side-by-side boxes whose columns OCR merged


@pytest.mark.parametrize("seed", range(40))
def test_mangled_documents_never_crash_and_always_give_a_valid_draft(seed, tmp_path):
    rng = random.Random(seed)
    sources = sorted(DATA.glob("*.txt")) + sorted((DATA / "seeds").glob("*.txt"))
    lines = rng.choice(sources).read_text(encoding="utf-8").splitlines()
    operation = seed % 6
    if operation == 0:
        rng.shuffle(lines)
    elif operation == 1:
        lines = lines[rng.randrange(len(lines)) :]
    elif operation == 2:
        lines = [line.replace("\t", rng.choice(["", " ", "\t\t"])) for line in lines]
    elif operation == 3:
        lines = [line for line in lines if rng.random() < 0.6]
    elif operation == 4:
        lines = ["".join(rng.choice("\t :.-1aA\n") for _ in range(rng.randrange(60))) for _ in range(40)]
    else:
        lines += rng.choice(sources).read_text(encoding="utf-8").splitlines()  # two documents glued
    path = tmp_path / "acak.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    for n, item in enumerate(import_document(path, today=TODAY)):
        draft = tmp_path / f"acak-{n}.yml"
        draft.write_text(item.draft.text, encoding="utf-8")
        sop, problems = read_sop(draft, "kab-uji", "kec-uji")  # every per-file rule of `sop check`
        assert sop is not None, [p.format() for p in problems if p.is_error]
        assert sop.langkah and sop.pelaksana


def test_control_characters_and_invisible_spaces_do_not_reach_the_draft(tmp_path):
    text = (DATA / "kelurahan-tata-letak-pdf.txt").read_text(encoding="utf-8")
    path = tmp_path / "kotor.txt"
    path.write_text(
        text.replace("Komputer", "Kom\u200bputer\x0b").replace("\n\n", "\n\x0c\n"), encoding="utf-8"
    )
    [sop] = _drafts(path)
    assert sop["peralatan_perlengkapan"] == ["Komputer", "Printer"]


def test_an_empty_document_gives_a_draft_and_a_review(tmp_path):
    path = tmp_path / "kosong.txt"
    path.write_text("", encoding="utf-8")
    [item] = import_document(path, today=TODAY)
    assert item.draft.reviews
    assert parse(path, item.draft.text)["nama"] == "kosong"


def test_a_performer_stated_step_is_kept_when_roles_are_unknown():
    sop = ParsedSop(steps=[ParsedStep("1", "Camat menandatangani")])
    infer_performers(sop)
    assert sop.steps[0].pelaksana is None and sop.reviews


# ------------------------------------------------------------------------- layouts of a table's text export
# A DOCX text export writes a table row's cells joined by tabs and a cell's paragraphs on lines of their own;
# a merged cell is written once. These documents are written here in that form.

EXPORT = (
    "PEMERINTAH KABUPATEN CONTOH\nDINAS PERHUBUNGAN\nBIDANG LALU LINTAS\nJl. Merdeka No. 5, Contoh\n\n"
    "Nomor SOP\t:\t551/01/DISHUB/2024\n"
    "Tanggal Pembuatan\t:\t2 Januari 2024\n"
    "Tanggal Revisi\t:\tBelum ada revisi\n"
    "Tanggal Efektif\t:\t8 Januari 2024\n"
    "Disahkan Oleh\t:\tKEPALA DINAS PERHUBUNGAN\nKABUPATEN CONTOH,\n\n\nIr. BUDI SANTOSO, M.T.\n"
    "Pembina Tingkat I (IV/b)\nNIP. 19700101 199503 1 002\n"
    "Nama SOP\t:\tPenerbitan Izin Parkir\n\n"
    "Dasar Hukum:\tKualifikasi Pelaksana:\n"
    "1. Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas;\n"
    "2. Peraturan Daerah Nomor 3 Tahun 2020 tentang Perparkiran.\t1. Memahami peraturan perparkiran;\n"
    "2. Mampu mengoperasikan komputer.\n"
    "Keterkaitan:\tPeralatan/Perlengkapan:\n"
    "1. SOP Penagihan Retribusi Parkir\t1. Komputer;\n2. Printer;\n3. Blangko izin.\n"
    "Peringatan:\tPencatatan dan Pendataan:\n"
    "\t1. Register izin parkir.\n\n"
    "PROSEDUR: PENERBITAN IZIN PARKIR\n"
    "No\tUraian Kegiatan\tPelaksana\tMutu Baku\tKeterangan\n"
    "\t\tPemohon\tPetugas\tKabid LL\tKelengkapan\tWaktu\tOutput\t\n"
    "1\t2\t3\t4\t5\t6\t7\t8\t9\n"
    "1\tPemohon mengajukan permohonan izin parkir.\t\t\t\tFormulir\nKTP\t10 menit\tBerkas\t\n"
    "2\tPetugas memeriksa kelengkapan berkas.\t\t\t\tBerkas\t15 menit\tBerkas lengkap\tLengkap: ke langkah 3\n"
    "Tidak lengkap: kembali ke langkah 1\n"
    "Halaman 1 dari 2\n"
    "3\tKepala Bidang Lalu Lintas menandatangani izin.\t\t\t\tBerkas lengkap\t1 hari\tIzin parkir\t\n"
)


def test_a_table_text_export_identity_signer_kop_boxes_and_merged_header():
    from catalogue.importer.identity import resolve_signer

    sop = _text_sop(EXPORT)
    resolve_signer(sop)  # the signature lines under "Disahkan Oleh" are the value's paragraphs
    assert sop.signer.jabatan == "KEPALA DINAS PERHUBUNGAN KABUPATEN CONTOH"  # over two lines, comma dropped
    assert (sop.signer.nama, sop.signer.pangkat, sop.signer.nip) == (
        "Ir. BUDI SANTOSO, M.T.",
        "Pembina Tingkat I (IV/b)",
        "19700101 199503 1 002",
    )
    assert (sop.unit, sop.alamat) == ("BIDANG LALU LINTAS", "Jl. Merdeka No. 5, Contoh")
    # Side by side: the lines after the tab belong to the right-hand box.
    assert sop.boxes["dasar_hukum"] == [
        "Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas;",
        "Peraturan Daerah Nomor 3 Tahun 2020 tentang Perparkiran.",
    ]
    assert sop.boxes["kualifikasi_pelaksana"] == [
        "Memahami peraturan perparkiran;",
        "Mampu mengoperasikan komputer.",
    ]
    assert sop.boxes["keterkaitan"] == ["SOP Penagihan Retribusi Parkir"]
    assert sop.boxes["peralatan_perlengkapan"] == ["Komputer;", "Printer;", "Blangko izin."]
    assert sop.boxes["peringatan"] == [] and sop.boxes["pencatatan_pendataan"] == ["Register izin parkir."]
    # The merged header written once: Keterangan is its own column, not the last role.
    assert sop.roles == ["Pemohon", "Petugas", "Kabid LL"]
    assert [s.no for s in sop.steps] == ["1", "2", "3"]
    assert sop.steps[0].kelengkapan == ["Formulir", "KTP"]
    # The Keterangan's second paragraph on its own line; the page number is not part of it.
    assert sop.steps[1].keterangan_lines == ["Lengkap: ke langkah 3", "Tidak lengkap: kembali ke langkah 1"]
    assert sop.steps[2].output == "Izin parkir"
    assert not any("PROSEDUR" in item for items in sop.boxes.values() for item in items)


def test_the_table_text_export_as_a_draft(tmp_path):
    path = tmp_path / "izin-parkir.txt"
    path.write_text(EXPORT, encoding="utf-8")
    [sop] = _drafts(path)
    assert sop["unit_kerja"] == "BIDANG LALU LINTAS" and sop.get("tanggal_revisi") is None
    steps = sop["langkah"]
    assert (steps[1]["jenis"], steps[1]["ya"], steps[1]["tidak"]) == ("keputusan", "3", "1")
    assert [(s["pelaksana"], s.get("pelaksana_status", "tertulis")) for s in steps] == [
        ("Pemohon", "tertulis"),
        ("Petugas", "tertulis"),
        ("Kabid LL", "tertulis"),
    ]


def test_side_by_side_boxes_without_a_cell_boundary_are_split_where_numbering_restarts():
    text = (
        "Nama SOP : Uji\nDasar Hukum\tKualifikasi Pelaksana\n1. UU A;\n2. PP B;\n1. Paham A;\n2. Paham B.\n"
        "Keterkaitan\tPeralatan/Perlengkapan\n- SOP Lain\n- Komputer\n"
    )
    sop = _text_sop(text)
    assert sop.boxes["dasar_hukum"] == ["UU A;", "PP B;"]
    assert sop.boxes["kualifikasi_pelaksana"] == ["Paham A;", "Paham B."]
    flagged = {r.field for r in sop.reviews}
    assert {("dasar_hukum",), ("kualifikasi_pelaksana",)} <= flagged  # split by numbering: a guess, flagged
    # No numbering at all: everything stays in the first box and both boxes are flagged.
    assert sop.boxes["keterkaitan"] == ["SOP Lain", "Komputer"]
    assert {("keterkaitan",), ("peralatan_perlengkapan",)} <= flagged


def test_a_cell_boundary_written_twice_in_one_row_is_flagged():
    text = "Nama SOP : Uji\nDasar Hukum\tKualifikasi Pelaksana\n1. UU A\t1. Paham A\n2. Paham B\n2. UU B?\t3. X\n"
    sop = _text_sop(text)
    flagged = {r.field for r in sop.reviews}
    assert {("dasar_hukum",), ("kualifikasi_pelaksana",)} <= flagged


def test_a_signer_without_nip_under_the_last_identity_label():
    from catalogue.importer.identity import resolve_signer

    text = (
        "Nama SOP\t:\tPengantar Nikah\nNomor SOP\t:\t1/2024\nDisahkan Oleh\t:\tKepala Desa Contoh,\n\n\n"
        "AHMAD SUKRI\nDasar Hukum\t1. UU Nomor 6 Tahun 2014 tentang Desa\n"
    )
    sop = _text_sop(text)
    resolve_signer(sop)
    assert (sop.signer.jabatan, sop.signer.nama, sop.signer.nip) == (
        "Kepala Desa Contoh",
        "AHMAD SUKRI",
        None,
    )
    assert sop.boxes["dasar_hukum"] == ["UU Nomor 6 Tahun 2014 tentang Desa"]


def test_a_merged_signer_cell_written_once_per_spanned_column():
    from catalogue.importer.identity import resolve_signer

    value = "KEPALA DINAS CONTOH,\n\n\nIr. BUDI\nPembina\nNIP. 19700101 199503 1 001"
    text = (
        "Nomor SOP\t1/2024\tTanggal Pembuatan\t2 Januari 2024\n"
        f"Disahkan Oleh\t{value}\t{value}\t{value}\nNama SOP\tUji\tUji\tUji\n"
    )
    sop = _text_sop(text)
    resolve_signer(sop)
    assert (sop.signer.jabatan, sop.signer.nama, sop.signer.pangkat, sop.signer.nip) == (
        "KEPALA DINAS CONTOH",
        "Ir. BUDI",
        "Pembina",
        "19700101 199503 1 001",
    )
    assert sop.identity["nama"] == "Uji"
    assert not [r for r in sop.reviews if "tidak dikenali" in r.message]


def test_box_labels_inside_their_cells_of_a_grid_in_a_text_export():
    text = (
        "Nama SOP : Uji\nDasar Hukum:\n1. UU A;\n2. UU B.\tKualifikasi Pelaksana:\n1. Paham;\n2. Teliti.\n"
        "Keterkaitan:\n1. SOP X\tPeralatan/Perlengkapan:\n1. Komputer\nPeringatan:\n-\tPencatatan dan Pendataan:\n"
        "1. Register\n"
    )
    sop = _text_sop(text)
    assert sop.boxes["dasar_hukum"] == ["UU A;", "UU B."]  # the line with the tab ends the left box
    assert sop.boxes["kualifikasi_pelaksana"] == ["Paham;", "Teliti."]
    assert sop.boxes["keterkaitan"] == ["SOP X"] and sop.boxes["peralatan_perlengkapan"] == ["Komputer"]
    assert sop.boxes["pencatatan_pendataan"] == ["Register"]
    assert not sop.reviews


def test_how_a_list_entry_is_numbered():
    kinds = [
        marker_kind(t)
        for t in ("1. Komputer", "(2) Printer", "c. Data", "C. Data", "- Map", "Komputer", "1.4 x")
    ]
    assert kinds == ["9", "9", "a", "a", "-", None, None]
