"""The PDF reader (pdfplumber): a PDF's words and ruled cells become the rows a .docx gives — on PDFs drawn
here, and on bad PDFs a person may hand in."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfWriter
from reportlab.pdfgen.canvas import Canvas

from catalogue.importer import UnreadableDocument, document_kind, parse_document, read_rows
from catalogue.importer.pdf_reader import rows_from_pdf
from tests.pdf_drawing import LEFT, PAGE_H, Drawing, Table, identity, procedure_table


def _sop(path: Path, table: Table | None = None) -> Path:
    d = Drawing(path)
    identity(d)
    d.table(table or procedure_table())
    d.save()
    return path


def test_table_rows_are_shaped_as_the_docx_reader_gives_them(tmp_path):
    rows = [r for r in rows_from_pdf(_sop(tmp_path / "sop.pdf")) if r.from_table]
    # Merged header cells: the text in the first column of the merge, the covered columns empty.
    assert rows[0].cells == ["No", "Uraian Kegiatan", "Pelaksana", "", "", "Mutu Baku", "", "", "Keterangan"]
    assert rows[1].cells == [
        "",
        "",
        "Pemohon",
        "Petugas Loket",
        "Kepala Seksi",
        "Kelengkapan",
        "Waktu",
        "Output",
        "",
    ]
    assert rows[2].cells[:2] == ["1", "Pemohon mengajukan permohonan"] and rows[2].cells[6] == "10 menit"
    assert all(r.page == 1 for r in rows)


def test_an_sop_pdf_imports_like_the_word_file(tmp_path):
    path = _sop(tmp_path / "sop.pdf")
    sop = parse_document(path)[0]
    assert sop.identity["nomor"] == "001/SOP/UJI/2024" and sop.identity["nama"] == "Pelayanan Uji Coba Surat"
    assert sop.roles == ["Pemohon", "Petugas Loket", "Kepala Seksi"]
    assert [s.no for s in sop.steps] == ["1", "2", "3", "4", "5"]
    assert sop.steps[4].waktu == "1 hari" and sop.steps[1].output == "Berkas diperiksa"
    assert document_kind(path) == "pdf"


def test_wrapped_lines_join_and_separate_entries_stay_apart_in_a_cell(tmp_path):
    t = procedure_table()
    # A narrow Kelengkapan cell: the first entry wraps ("kelurahan" would not fit on its line), the second
    # starts a new paragraph although its first word would have fitted after "kelurahan".
    t.cells[(2, 5)] = ["Surat pengantar dari", "kelurahan", "Fotokopi KTP"]
    t.cells[(3, 1)] = ["Petugas loket memeriksa kelengkapan", "berkas permohonan."]
    sop = parse_document(_sop(tmp_path / "sop.pdf", t))[0]
    assert sop.steps[0].kelengkapan == ["Surat pengantar dari kelurahan", "Fotokopi KTP"]
    assert sop.steps[1].kegiatan == "Petugas loket memeriksa kelengkapan berkas permohonan."


def test_page_furniture_stays_out_and_a_table_broken_over_pages_joins(tmp_path):
    path = tmp_path / "dua-halaman.pdf"
    d = Drawing(path)
    identity(d)
    t = procedure_table()
    steps = t.heights[2:]
    first = Table(t.widths, t.heights[:2] + steps[:3], dict(t.cells), dict(t.spans))
    first.cells[(4, 1)] = ["Apakah berkas"]  # step 3 breaks over the page: its second line is on page 2
    d.table(first)
    for page in (1, 2):
        d.text(LEFT, 6, "SOP Pelayanan Uji Coba Surat", 8)  # a running header
        d.text(400, PAGE_H - 30, f"Halaman {page} dari 2", 8)  # and a page number
        if page == 1:
            d.new_page()
    second = Table(t.widths, t.heights[:2] + [14] + steps[3:], top=60)
    second.spans = dict(t.spans)
    for (r, c), text in t.cells.items():
        if r < 2:
            second.cells[(r, c)] = text  # the header repeated by the word processor
        elif r >= 5:
            second.cells[(r - 2, c)] = text  # steps 4 and 5 follow the continued row
    second.cells[(2, 1)] = ["lengkap?"]
    d.table(second)
    d.save()
    rows = rows_from_pdf(path)
    text = " ".join(c for r in rows for c in r.cells)
    assert "Halaman" not in text and text.count("SOP Pelayanan Uji Coba Surat") == 1
    sop = parse_document(path)[0]
    assert [s.no for s in sop.steps] == ["1", "2", "3", "4", "5"]
    assert sop.steps[2].kegiatan == "Apakah berkas lengkap?"
    header_rows = [r for r in rows if r.from_table and r.cells[0] == "No"]
    assert len(header_rows) == 1  # the repeated header is dropped, as a .docx holds it once


def test_an_encrypted_pdf_is_reported_in_indonesian(tmp_path):
    path = tmp_path / "terkunci.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("rahasia")
    writer.write(str(path))
    with pytest.raises(UnreadableDocument, match="terkunci kata sandi"):
        read_rows(path)


def test_a_corrupt_pdf_is_reported_not_raised(tmp_path):
    path = tmp_path / "rusak.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    with pytest.raises(UnreadableDocument, match="PDF rusak"):
        read_rows(path)


def test_a_pdf_that_holds_no_sop_is_not_drafted(tmp_path):
    path = tmp_path / "surat.pdf"
    c = Canvas(str(path))
    c.drawString(72, 750, "Kepada Yth. Bapak Kepala Dinas")
    c.drawString(72, 730, "Dengan hormat, bersama ini kami sampaikan undangan rapat koordinasi.")
    c.save()
    with pytest.raises(UnreadableDocument, match="tidak memuat SOP"):
        parse_document(path)
