"""The .docx reader: real table cells, merged cells, nested tables, drawings — on documents built here."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from catalogue.importer import import_document, parse_document
from catalogue.importer.docx_reader import rows_from_docx
from catalogue.source import format as source_format
from catalogue.source.yaml_reader import parse


def _png() -> bytes:
    """A 1×1 PNG: enough for python-docx to place a drawing (our stand-in for a flowchart symbol)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def _cell_lines(cell, lines: list[str], style: str | None = None) -> None:
    cell.text = lines[0]
    for line in lines[1:]:
        p = cell.add_paragraph(line)
        if style:
            p.style = style


def _numbered(paragraph) -> None:
    """Give a paragraph Word's automatic numbering (numPr), whose number is not part of the text."""
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", "1")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.append(numpr)


ROLES = ["Kepala Dinas", "Kabid Lalu Lintas", "Staf", "Pemohon"]
STEPS = [
    # (no, kegiatan paragraphs, role column with the symbol, kelengkapan paragraphs, waktu, output, keterangan)
    (
        "1",
        ["Mengajukan permohonan izin trayek", "beserta persyaratannya"],
        "Pemohon",
        ["Formulir permohonan", "Fotokopi STNK"],
        "10 menit",
        "Berkas permohonan",
        "",
    ),
    (
        "2",
        ["Memeriksa kelengkapan berkas"],
        "Staf",
        ["Berkas permohonan"],
        "30 menit",
        "Berkas lengkap",
        "Tidak: kembali ke langkah 1",
    ),
    (
        "3",
        ["Memberikan paraf pada konsep izin"],
        "Kabid Lalu Lintas",
        ["Konsep izin"],
        "1 hari",
        "Konsep diparaf",
        "",
    ),
    ("4", ["Menandatangani izin trayek"], "Kepala Dinas", ["Konsep diparaf"], "1 hari", "Izin trayek", ""),
]


def build_dinas_docx(path: Path) -> Path:
    """Identity table beside a merged letterhead cell, a 2×3 box grid, a procedure table with merged headers."""
    doc = Document()
    ident = doc.add_table(rows=6, cols=4)
    letterhead = ident.cell(0, 0).merge(ident.cell(5, 0))
    _cell_lines(letterhead, ["PEMERINTAH KABUPATEN CONTOH", "DINAS PERHUBUNGAN"])
    rows = [
        ("Nomor SOP", "551/017/DISHUB/2024"),
        ("Tanggal Pembuatan", "8 Januari 2024"),
        ("Tanggal Revisi", "-"),
        ("Tanggal Efektif", "15 Januari 2024"),
        ("Disahkan Oleh", None),
        ("Nama SOP", "Penerbitan Izin Trayek Angkutan Perdesaan"),
    ]
    for r, (label, value) in enumerate(rows):
        ident.cell(r, 1).text = label
        ident.cell(r, 2).text = ":"
        if value is not None:
            ident.cell(r, 3).text = value
    _cell_lines(
        ident.cell(4, 3),
        ["KEPALA DINAS PERHUBUNGAN", "", "AGUS PRASETYO, S.T.", "NIP. 19800202 200501 1 003"],
    )
    doc.add_paragraph("")
    grid = doc.add_table(rows=6, cols=2)
    boxes = [
        (
            "Dasar Hukum:",
            [
                "Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas dan Angkutan Jalan",
                (
                    "Peraturan Menteri Perhubungan Nomor 15 Tahun 2019 tentang Penyelenggaraan Angkutan "
                    "Orang dengan Kendaraan Bermotor Umum dalam Trayek"
                ),
            ],
        ),
        ("Kualifikasi Pelaksana:", ["Memahami ketentuan perizinan angkutan"]),
        ("Keterkaitan:", ["SOP Uji Berkala Kendaraan Bermotor"]),
        ("Peralatan/Perlengkapan:", ["Komputer", "Aplikasi perizinan"]),
        ("Peringatan:", ["Izin tidak diterbitkan bila kendaraan belum lulus uji berkala"]),
        ("Pencatatan dan Pendataan:", ["Register izin trayek"]),
    ]
    for k, (heading, items) in enumerate(boxes):
        row, col = (k // 2) * 2, k % 2
        grid.cell(row, col).text = heading
        cell = grid.cell(row + 1, col)
        cell.text = items[0]
        _numbered(cell.paragraphs[0])
        for item in items[1:]:
            _numbered(cell.add_paragraph(item))
    doc.add_paragraph("")
    table = doc.add_table(rows=2 + len(STEPS), cols=2 + len(ROLES) + 4)
    hdr = table.rows[0].cells
    table.cell(0, 0).merge(table.cell(1, 0)).text = "No"
    table.cell(0, 1).merge(table.cell(1, 1)).text = "Uraian Kegiatan"
    table.cell(0, 2).merge(table.cell(0, 1 + len(ROLES))).text = "Pelaksana"
    mutu = 2 + len(ROLES)
    table.cell(0, mutu).merge(table.cell(0, mutu + 2)).text = "Mutu Baku"
    table.cell(0, mutu + 3).merge(table.cell(1, mutu + 3)).text = "Keterangan"
    del hdr
    for k, role in enumerate(ROLES):
        table.cell(1, 2 + k).text = role
    for k, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        table.cell(1, mutu + k).text = label
    for r, (no, kegiatan, role, kelengkapan, waktu, output, ket) in enumerate(STEPS, start=2):
        table.cell(r, 0).text = no
        _cell_lines(table.cell(r, 1), kegiatan)
        symbol_cell = table.cell(r, 2 + ROLES.index(role))
        symbol_cell.paragraphs[0].add_run().add_picture(BytesIO(_png()))
        _cell_lines(table.cell(r, mutu), kelengkapan)
        table.cell(r, mutu + 1).text = waktu
        table.cell(r, mutu + 2).text = output
        table.cell(r, mutu + 3).text = ket
    doc.add_paragraph("")
    doc.save(str(path))
    return path


def build_nested_docx(path: Path) -> Path:
    """Identity as tabbed paragraphs, the box grid nested in an outer table with headings inside the cells,
    a procedure table whose one "Pelaksana" column names the role, split in two tables at a page break."""
    doc = Document()
    doc.add_paragraph("STANDAR OPERASIONAL PROSEDUR")
    for label, value in (
        ("Nomor SOP", "800/05/KEC/2022"),
        ("Tgl Pembuatan", "2 Mei 2022"),
        ("Tgl Revisi", "-"),
        ("Tgl Pengesahan", "9 Mei 2022"),
        ("Disahkan oleh", "Camat"),
        ("Nama SOP", "Pelayanan Rekomendasi Izin Keramaian"),
    ):
        doc.add_paragraph(f"{label}\t:\t{value}")
    outer = doc.add_table(rows=1, cols=1)
    outer_cell = outer.cell(0, 0)
    outer_cell.text = "INFORMASI SOP"
    inner = outer_cell.add_table(rows=3, cols=2)
    cells = [
        ["Dasar Hukum", "1. Peraturan Kepolisian Nomor 7 Tahun 2023 tentang Tata Cara Perizinan Keramaian"],
        ["Kualifikasi Pelaksana", "1. Memahami tugas kecamatan", "2. Mampu berkomunikasi"],
        ["Keterkaitan", "1. SOP Pelayanan Surat Pengantar"],
        ["Peralatan/Perlengkapan", "1. Komputer"],
        ["Peringatan", "Rekomendasi tidak diterbitkan tanpa pengantar desa"],
        ["Pencatatan dan Pendataan", "1. Buku register rekomendasi"],
    ]
    for k, lines in enumerate(cells):
        _cell_lines(inner.cell(k // 2, k % 2), lines)
    doc.add_paragraph("")
    header = ["No", "Uraian Kegiatan", "Pelaksana", "Persyaratan", "Waktu", "Output", "Ket."]
    steps = [
        (
            "1",
            "Menerima permohonan dan memeriksa berkas",
            "Kasi Trantib",
            "Surat pengantar desa",
            "15 menit",
            "Berkas diperiksa",
        ),
        ("2", "Membuat konsep rekomendasi", "Kasi Trantib", "Berkas diperiksa", "30 menit", "Konsep"),
        ("3", "Memaraf konsep rekomendasi", "Sekcam", "Konsep", "15 menit", "Konsep diparaf"),
        ("4", "Menandatangani rekomendasi", "Camat", "Konsep diparaf", "15 menit", "Rekomendasi"),
    ]
    for part in (steps[:2], steps[2:]):
        table = doc.add_table(rows=1 + len(part), cols=len(header))
        for c, text in enumerate(header):
            table.cell(0, c).text = text
        for r, values in enumerate(part, start=1):
            for c, text in enumerate(values):
                table.cell(r, c).text = text
        doc.add_paragraph("Halaman berikut")
    doc.save(str(path))
    return path


def _checked(text: str) -> dict:
    errors: list[str] = []
    data = source_format.SOP.check(parse(Path("x.yml"), text), (), lambda p, m: errors.append(f"{p}: {m}"))
    assert not errors, errors
    return data


@pytest.fixture
def dinas_docx(tmp_path: Path) -> Path:
    return build_dinas_docx(tmp_path / "izin-trayek.docx")


@pytest.fixture
def nested_docx(tmp_path: Path) -> Path:
    return build_nested_docx(tmp_path / "izin-keramaian.docx")


def test_reader_lines_merged_header_cells_up_with_the_grid(dinas_docx):
    rows = [r for r in rows_from_docx(dinas_docx) if r.from_table]
    header = next(r for r in rows if r.cells and r.cells[0] == "No")
    below = rows[rows.index(header) + 1]
    assert header.cells[:4] == ["No", "Uraian Kegiatan", "Pelaksana", ""]
    assert header.cells[6] == "Mutu Baku" and header.cells[9] == "Keterangan"
    # Vertical continuations are empty, so the role names sit in their own columns.
    assert below.cells[:2] == ["", ""]
    assert below.cells[2:6] == ROLES
    assert below.cells[6:9] == ["Kelengkapan", "Waktu", "Output"]
    first_step = rows[rows.index(header) + 2]
    assert first_step.cells[1] == "Mengajukan permohonan izin trayek\nberesta persyaratannya".replace(
        "beresta", "beserta"
    )
    assert first_step.symbols is not None and first_step.symbols[5] and sum(first_step.symbols) == 1


def test_dinas_docx_imports_identity_boxes_steps_and_performers(dinas_docx):
    [imported] = import_document(dinas_docx)
    data = _checked(imported.draft.text)
    assert data["nomor"] == "551/017/DISHUB/2024"
    assert data["nama"] == "Penerbitan Izin Trayek Angkutan Perdesaan"
    assert str(data["tanggal_pembuatan"]) == "2024-01-08" and str(data["tanggal_efektif"]) == "2024-01-15"
    assert data["disahkan_oleh"] == {
        "jabatan": "KEPALA DINAS PERHUBUNGAN",
        "nama": "AGUS PRASETYO, S.T.",
        "nip": "19800202 200501 1 003",
    }
    assert data["dasar_hukum"][0]["teks"].startswith("Undang-Undang Nomor 22 Tahun 2009")
    assert len(data["dasar_hukum"]) == 2
    assert data["peralatan_perlengkapan"] == ["Komputer", "Aplikasi perizinan"]
    assert data["pencatatan_pendataan"] == ["Register izin trayek"]
    assert data["pelaksana"] == ROLES
    steps = data["langkah"]
    assert [s["no"] for s in steps] == ["1", "2", "3", "4"]
    assert steps[0]["kegiatan"] == "Mengajukan permohonan izin trayek beserta persyaratannya"
    assert steps[0]["kelengkapan"] == ["Formulir permohonan", "Fotokopi STNK"]
    # The drawing sits in one role column: that column is what the document states.
    assert [(s["pelaksana"], s.get("pelaksana_status")) for s in steps] == [
        ("Pemohon", "tertulis"),
        ("Staf", "tertulis"),
        ("Kabid Lalu Lintas", "tertulis"),
        ("Kepala Dinas", "tertulis"),
    ]
    assert steps[1]["jenis"] == "keputusan" and steps[1]["tidak"] == "1" and steps[1]["ya"] == "3"
    assert steps[1]["keterangan"] == "Tidak: kembali ke langkah 1"


def test_nested_docx_with_a_performer_text_column(nested_docx):
    [imported] = import_document(nested_docx)
    data = _checked(imported.draft.text)
    assert data["nomor"] == "800/05/KEC/2022"
    assert data["disahkan_oleh"] == {"jabatan": "Camat"}
    assert data["kualifikasi_pelaksana"] == ["Memahami tugas kecamatan", "Mampu berkomunikasi"]
    assert data["peringatan"] == ["Rekomendasi tidak diterbitkan tanpa pengantar desa"]
    assert data["pelaksana"] == ["Kasi Trantib", "Sekcam", "Camat"]
    steps = data["langkah"]
    assert [s["no"] for s in steps] == ["1", "2", "3", "4"]  # both tables, the header not taken for a step
    assert [s["pelaksana"] for s in steps] == ["Kasi Trantib", "Kasi Trantib", "Sekcam", "Camat"]
    assert steps[0]["kelengkapan"] == ["Surat pengantar desa"] and steps[3]["output"] == "Rekomendasi"


def test_a_broken_docx_is_reported_not_raised(tmp_path):
    bad = tmp_path / "rusak.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    from catalogue.importer import UnreadableDocument

    with pytest.raises(UnreadableDocument) as info:
        parse_document(bad)
    assert "tidak dapat dibuka" in str(info.value)


def test_identity_in_the_page_header_and_a_table_without_step_numbers(tmp_path):
    doc = Document()
    header = doc.sections[0].header
    ident = header.add_table(rows=3, cols=2, width=doc.sections[0].page_width)
    for r, (label, value) in enumerate(
        (
            ("Nomor SOP", "003/SOP/UPT/2024"),
            ("Tanggal Efektif", "1 Juli 2024"),
            ("Nama SOP", "Peminjaman Ruang Rapat"),
        )
    ):
        ident.cell(r, 0).text = label
        ident.cell(r, 1).text = value
    doc.add_paragraph("Peringatan:")
    doc.add_paragraph("Ruang tidak dapat dipinjam tanpa surat permohonan")
    table = doc.add_table(rows=3, cols=6)
    for c, text in enumerate(("No", "Kegiatan", "Pengurus Barang", "Waktu", "Output", "Keterangan")):
        table.cell(0, c).text = text
    for r, (kegiatan, waktu, output) in enumerate(
        (
            ("Pengurus Barang mencatat permohonan", "5 menit", "Catatan"),
            ("Menyerahkan kunci ruang", "5 menit", "Kunci"),
        ),
        start=1,
    ):
        table.cell(r, 1).text = kegiatan
        table.cell(r, 3).text = waktu
        table.cell(r, 4).text = output
    path = tmp_path / "ruang.docx"
    doc.save(str(path))
    [item] = import_document(path)
    data = _checked(item.draft.text)
    assert data["nomor"] == "003/SOP/UPT/2024" and data["nama"] == "Peminjaman Ruang Rapat"
    assert data["peringatan"] == ["Ruang tidak dapat dipinjam tanpa surat permohonan"]
    assert [(s["no"], s["kegiatan"]) for s in data["langkah"]] == [
        ("1", "Pengurus Barang mencatat permohonan"),
        ("2", "Menyerahkan kunci ruang"),
    ]
    assert data["langkah"][0]["pelaksana"] == "Pengurus Barang"
    assert any(r.field == ("langkah", 0, "no") for r in item.draft.reviews)


# ------------------------------------------------------------------------------- odd box layouts (class 8)


def _add_list(doc, fmt: str) -> str:
    """A new Word list (an abstract definition and a num with startOverride 1); returns its numId."""
    numbering = doc.part.numbering_part.element
    ids = [int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))]
    abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    abstract_id, num_id = str(max(abstract_ids, default=0) + 1), str(max(ids, default=0) + 1)
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", fmt)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstract definitions come before the nums
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    return num_id


def _in_list(paragraph, num_id: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = OxmlElement("w:numPr")
    for tag, val in (("w:ilvl", "0"), ("w:numId", num_id)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        numpr.append(el)
    ppr.append(numpr)


def _list_cell(cell, items: list[str], num_id: str, label: str | None = None) -> None:
    """A cell whose items are Word list paragraphs (the number is not in the text), after an optional label."""
    lines = ([label] if label else []) + items
    _cell_lines(cell, lines)
    for p in cell.paragraphs[1 if label else 0 :]:
        _in_list(p, num_id)


def _minimal_procedure(doc) -> None:
    table = doc.add_table(rows=3, cols=7)
    for c, text in enumerate(
        ["No", "Uraian Kegiatan", "Staf", "Kelengkapan", "Waktu", "Output", "Keterangan"]
    ):
        table.cell(0, c).text = text
    for r, (no, text) in enumerate(
        (("1", "Staf menerima berkas"), ("2", "Staf mengarsipkan berkas")), start=1
    ):
        for c, value in enumerate([no, text, "", "Berkas", "10 menit", "Arsip", ""]):
            table.cell(r, c).text = value


def test_word_list_numbers_per_list_and_box_labels_in_the_same_cell(tmp_path):
    doc = Document()
    doc.add_paragraph("Nama SOP\t:\tPengarsipan Surat")
    column = doc.add_table(rows=3, cols=1)  # the boxes as one column of cells, the label above the items
    decimal, letters, decimal_again = (
        _add_list(doc, "decimal"),
        _add_list(doc, "lowerLetter"),
        _add_list(doc, "decimal"),
    )
    _list_cell(column.cell(0, 0), ["UU Kearsipan;", "PP Kearsipan."], decimal, label="Dasar Hukum :")
    _list_cell(
        column.cell(1, 0), ["Memahami tata naskah;", "Teliti."], letters, label="Kualifikasi Pelaksana :"
    )
    _list_cell(column.cell(2, 0), ["Lemari arsip"], decimal_again, label="Peralatan/Perlengkapan :")
    _minimal_procedure(doc)
    path = tmp_path / "arsip.docx"
    doc.save(str(path))
    texts = [r.cells[0] for r in rows_from_docx(path) if r.from_table][:3]
    # The number each paragraph shows, counted per list: a new list starts again at 1.
    assert texts[0] == "Dasar Hukum :\n1. UU Kearsipan;\n2. PP Kearsipan."
    assert texts[1] == "Kualifikasi Pelaksana :\na. Memahami tata naskah;\nb. Teliti."
    assert texts[2] == "Peralatan/Perlengkapan :\n1. Lemari arsip"
    [sop] = parse_document(path)
    assert sop.boxes["dasar_hukum"] == ["UU Kearsipan;", "PP Kearsipan."]
    assert sop.boxes["kualifikasi_pelaksana"] == ["Memahami tata naskah;", "Teliti."]
    assert sop.boxes["peralatan_perlengkapan"] == ["Lemari arsip"]


def test_a_box_continued_on_the_next_page(tmp_path):
    doc = Document()
    doc.add_paragraph("Nama SOP\t:\tPengarsipan Surat")
    first = doc.add_table(rows=1, cols=2)
    _cell_lines(first.cell(0, 0), ["Dasar Hukum"])
    _cell_lines(first.cell(0, 1), ["1. UU Kearsipan;", "2. PP Kearsipan;"])
    doc.add_paragraph("Halaman 1 dari 2")
    doc.add_paragraph("(lanjutan)")
    second = doc.add_table(rows=2, cols=2)
    _cell_lines(second.cell(0, 0), ["Dasar Hukum (lanjutan)"])
    _cell_lines(second.cell(0, 1), ["3. Perda Kearsipan."])
    _cell_lines(second.cell(1, 0), ["Peringatan"])
    _cell_lines(second.cell(1, 1), ["Arsip vital disimpan terpisah."])
    _minimal_procedure(doc)
    path = tmp_path / "arsip-lanjutan.docx"
    doc.save(str(path))
    [sop] = parse_document(path)
    assert sop.boxes["dasar_hukum"] == ["UU Kearsipan;", "PP Kearsipan;", "Perda Kearsipan."]
    assert sop.boxes["peringatan"] == ["Arsip vital disimpan terpisah."]
    assert not [r for r in sop.reviews if r.field == ("dasar_hukum",)]  # a continuation is no repeat
    assert not any("lanjutan" in r.message or "Halaman" in r.message for r in sop.reviews)


def test_a_grid_of_boxes_split_over_two_tables_goes_on_under_the_same_headings(tmp_path):
    doc = Document()
    doc.add_paragraph("Nama SOP\t:\tPengarsipan Surat")
    first = doc.add_table(rows=2, cols=2)
    first.cell(0, 0).text, first.cell(0, 1).text = "Dasar Hukum", "Kualifikasi Pelaksana"
    _cell_lines(first.cell(1, 0), ["1. UU Kearsipan;", "2. PP Kearsipan;"])
    _cell_lines(first.cell(1, 1), ["1. Teliti."])
    doc.add_paragraph("Halaman 1 dari 2")
    second = doc.add_table(rows=3, cols=2)
    _cell_lines(second.cell(0, 0), ["3. Perda Kearsipan."])  # the left box goes on; the right one is done
    second.cell(1, 0).text, second.cell(1, 1).text = "Keterkaitan", "Peralatan/Perlengkapan"
    _cell_lines(second.cell(2, 0), ["1. SOP Peminjaman Arsip"])
    _cell_lines(second.cell(2, 1), ["1. Lemari arsip"])
    _minimal_procedure(doc)
    path = tmp_path / "arsip-grid.docx"
    doc.save(str(path))
    [sop] = parse_document(path)
    assert sop.boxes["dasar_hukum"] == ["UU Kearsipan;", "PP Kearsipan;", "Perda Kearsipan."]
    assert sop.boxes["kualifikasi_pelaksana"] == ["Teliti."]
    assert sop.boxes["keterkaitan"] == ["SOP Peminjaman Arsip"]
    assert sop.boxes["peralatan_perlengkapan"] == ["Lemari arsip"]
