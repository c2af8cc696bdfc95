"""OCR of scans with Tesseract (Debian's tesseract-ocr and tesseract-ocr-ind, installed by `make test`):
scans made here from a drawn SOP (rendered, turned slightly, grainy) and the rules around the reading."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFilter

from catalogue.importer import UnreadableDocument, document_kind, parse_document, read_rows
from catalogue.importer.ocr_reader import (
    _repair_colons,
    _words,
    body,
    classify_blob,
    figures,
    repair_punctuation,
    repair_step_numbers,
    step_symbol_of_row,
)
from catalogue.importer.ocr_review import (
    mend_ocr_duration,
    mend_ocr_number,
    mend_ocr_phrases,
    mend_ocr_values,
)
from catalogue.importer.page_rows import Mark, Word
from catalogue.importer.parsed import ParsedSop, ParsedStep, Row
from catalogue.importer.scan_grid import find_segments, ruling_pixels, rulings, tables
from catalogue.importer.text_layout import unread_mutu_baku
from tests.pdf_drawing import Drawing, identity, procedure_table


def test_tesseract_with_the_indonesian_model_is_installed():
    # No silent skip: `make test` installs it; without it the importer cannot read a scan.
    assert shutil.which("tesseract"), "install Debian's tesseract-ocr (make test does)"
    from catalogue.importer.ocr_reader import tesseract_ready

    tesseract_ready()


def _scan(tmp_path: Path, angle: float = 0.7, dpi: int = 150) -> Image.Image:
    """The drawn SOP as a scanner gives it: 150 dpi, grey paper, slightly turned, grain and specks."""
    pdf_path = tmp_path / "asli.pdf"
    d = Drawing(pdf_path)
    identity(d)
    d.table(procedure_table())
    d.save()
    pdf = pdfium.PdfDocument(str(pdf_path))
    page = pdf[0].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    pdf.close()
    page = page.point(lambda v: int(v * 0.9 + 12))  # paper tone
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=240, expand=False)
    rnd = random.Random(7)
    draw = ImageDraw.Draw(page)
    for _ in range(40):
        x, y = rnd.randrange(page.width), rnd.randrange(page.height)
        draw.ellipse((x, y, x + 2, y + 2), fill=90)
    noise = np.asarray(page, dtype=np.int16) + np.random.default_rng(7).integers(
        -8, 9, (page.height, page.width)
    )
    return Image.fromarray(np.clip(noise, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.4))


def test_a_scanned_page_is_read_into_the_sop_with_every_value_flagged(tmp_path):
    path = tmp_path / "pindaian.png"
    _scan(tmp_path).save(path, dpi=(150, 150))
    sop = parse_document(path)[0]  # its speed is measured by `make bench`, not asserted here
    assert sop.identity["nomor"] == "001/SOP/UJI/2024"
    assert sop.roles == ["Pemohon", "Petugas Loket", "Kepala Seksi"]
    assert [s.no for s in sop.steps] == ["1", "2", "3", "4", "5"]
    assert sop.steps[1].kegiatan == "Petugas loket memeriksa berkas."
    assert sop.steps[3].waktu == "1 hari"
    notes = {r.field: r.message for r in sop.reviews}
    for field in [("nomor",), ("pelaksana",), ("langkah", 1, "kegiatan"), ("langkah", 3, "waktu")]:
        assert "OCR" in notes[field] and "halaman 1" in notes[field] and "keyakinan" in notes[field], field
    assert document_kind(path) == "pindaian"


def test_a_pdf_of_scanned_pages_goes_to_ocr(tmp_path):
    path = tmp_path / "pindaian.pdf"
    _scan(tmp_path).convert("RGB").save(path, "PDF", resolution=150)
    rows = read_rows(path)
    assert any(r.from_table and r.cells[:2] == ["2", "Petugas loket memeriksa berkas."] for r in rows)
    assert all(r.ocr is not None for r in rows if r.from_table)
    assert document_kind(path) == "pindaian"


def test_an_image_of_something_else_is_not_drafted(tmp_path):
    path = tmp_path / "foto.png"
    picture = Image.new("L", (1200, 900), 235)
    draw = ImageDraw.Draw(picture)
    for k in range(12):
        draw.ellipse((80 * k, 40 * k, 80 * k + 300, 40 * k + 200), outline=40, width=6)
    picture.save(path)
    with pytest.raises(UnreadableDocument, match="tidak memuat SOP"):
        parse_document(path)


def test_a_broken_image_is_reported(tmp_path):
    path = tmp_path / "rusak.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0 not a real jpeg")
    with pytest.raises(UnreadableDocument, match="gambar tidak dapat dibuka"):
        read_rows(path)


def test_rulings_are_lines_that_end_on_lines_and_a_drawn_box_is_no_cell():
    dark = np.zeros((600, 900), dtype=bool)
    for y in (100, 200, 300, 400):
        dark[y : y + 3, 100:800] = True
    for x in (100, 300, 550, 800):
        dark[100:403, x : x + 3] = True
    dark[230:232, 350:480] = dark[280:282, 350:480] = True  # a process box inside a cell
    dark[230:282, 350:352] = dark[230:282, 478:480] = True
    dark[150:330, 420:422] = True  # a connector crossing a row's ruling
    horizontal, vertical = find_segments(dark, 300)
    h, v = rulings(horizontal, vertical, 900, 6)
    cells = tables(h, v, 6)
    assert len(cells) == 1 and len(cells[0]) == 9


def test_a_label_s_colon_misread_as_one_is_put_back():
    words = [
        Word("Tanggal", 0, 0, 30, 10, 9),
        Word("Revisi", 32, 0, 60, 10, 9),
        Word("122", 120, 0, 135, 10, 9),
        Word("Juli", 137, 0, 150, 10, 9),
        Word("2021", 152, 0, 170, 10, 9),
    ]
    assert [w.text for w in _repair_colons(words)] == ["Tanggal", "Revisi", ":22", "Juli", "2021"]


def test_semicolons_and_step_numbers_are_put_right_only_where_the_text_says():
    rows = [Row(["1. Komputer:\n2. Printer:\n3. Kertas.", "Ya: ke 5: Tidak: selesai", "Waktu: 08:00"], 1)]
    assert repair_punctuation(rows)[0].cells == [
        "1. Komputer;\n2. Printer;\n3. Kertas.",
        "Ya: ke 5; Tidak: selesai",
        "Waktu: 08:00",
    ]
    table = [Row([n, "x"], k, from_table=True) for k, n in enumerate(["5", "6", "1", "8", "3"])]
    assert [r.cells[0] for r in repair_step_numbers(table)] == ["5", "6", "7", "8", "3"]


def test_a_slanted_ruling_is_wiped_whole_and_the_words_beside_it_stay():
    dark = np.zeros((400, 900), dtype=bool)
    for y in (50, 350):
        dark[y : y + 3, 100:800] = True
    for x in (100, 800):
        dark[50:353, x : x + 3] = True
    # A ruling left slanted by the scan: 4 pixels of drift over its height, more than the band's half-width.
    for y in range(50, 353):
        x = 450 + (y - 50) * 4 // 300
        dark[y, x : x + 3] = True
    dark[150:170, 420:425] = True  # a letter's stem close to the ruling
    horizontal, vertical = find_segments(dark, 300)
    h, v = rulings(horizontal, vertical, 900, 6)
    wipe = ruling_pixels(dark, 300, h, v, 6)
    slanted = np.zeros_like(dark)
    for y in range(50, 353):
        x = 450 + (y - 50) * 4 // 300
        slanted[y, x : x + 3] = True
    assert wipe[slanted].all()
    assert not wipe[150:170, 420:425].any()


def test_letters_read_for_figures_before_a_unit_or_in_the_step_column_are_figures():
    assert [figures(t) for t in ("l", "I", "l5", "1O", "Il", "lo", "12", "jam")] == [
        "1",
        "1",
        "15",
        "10",
        None,
        None,
        None,
        None,
    ]
    words = _words(_records(("l", 91.0), ("jam", 91.0), ("15", 91.0), ("menu", 91.0)), 0, 0, 0.24)
    assert [w.text for w in words] == ["1", "jam", "15", "menit"]
    # "Il" alone is a word; "l." in a numbered step column is step 1, but not in a table without numbers.
    table = [Row([n, "langkah"], k, from_table=True) for k, n in enumerate(["l.", "2.", "3."])]
    assert [r.cells[0] for r in repair_step_numbers(table)] == ["1.", "2.", "3."]
    table = [Row([n, "isi"], k, from_table=True) for k, n in enumerate(["I", "Nama"])]
    assert [r.cells[0] for r in repair_step_numbers(table)] == ["I", "Nama"]


def test_a_mutu_baku_sub_column_whose_label_was_not_read_takes_the_name_the_form_order_gives():
    # No | Uraian | role | Kelengkapan | Waktu | (unread) | Keterangan
    kinds = ["no", "kegiatan", None, "kelengkapan", "waktu", None, "keterangan"]
    labelled = [True, True, True, True, True, False, True]
    assert unread_mutu_baku(kinds, labelled, 3, 4, None) == (4, 5)
    # Kelengkapan | (unread) | Output
    kinds = ["no", "kegiatan", None, "kelengkapan", None, "output"]
    assert unread_mutu_baku(kinds, [True, True, True, True, False, True], 3, None, 5) == (4, 5)
    # A column with a label of its own is not renamed; nor a blank column away from the other two.
    assert unread_mutu_baku(["no", "kegiatan", "kelengkapan", "waktu", None], [True] * 5, 2, 3, None) == (
        3,
        None,
    )
    assert unread_mutu_baku(
        ["no", "kegiatan", "kelengkapan", None, "waktu", None],
        [True, True, True, False, True, False],
        2,
        4,
        None,
    ) == (4, None)


def _shape(kind: str, h: int = 32, w: int = 66) -> np.ndarray:
    ys, xs = np.mgrid[0:h, 0:w]
    if kind == "proses":
        return np.ones((h, w), dtype=bool)
    if kind == "terminator":  # a stadium: a rectangle with half-circle ends
        r = h / 2
        cx = np.clip(xs, r, w - r)
        return (xs - cx) ** 2 + (ys - r) ** 2 <= r * r
    if kind == "keputusan":
        return np.abs(xs - w / 2) / (w / 2) + np.abs(ys - h / 2) / (h / 2) <= 1
    return (xs - w / 2) ** 2 + (ys - h / 2) ** 2 <= (min(h, w) / 2) ** 2  # penghubung


def test_a_symbol_is_told_by_its_corners_and_a_connector_arriving_at_it_changes_nothing():
    for kind in ("proses", "terminator", "keputusan"):
        assert classify_blob(_shape(kind)) == kind
    assert classify_blob(_shape("penghubung", 30, 30)) == "penghubung"
    # A scanned rectangle: rows of its edge lost to blur, and an arrow arriving at its top.
    box = np.zeros((44, 70), dtype=bool)
    box[8:40, 2:68] = True
    box[8, 2:6] = box[39, 64:68] = False
    box[0:8, 34:36] = True
    opened = body(box, 3)
    rows, cols = np.nonzero(opened.any(axis=1))[0], np.nonzero(opened.any(axis=0))[0]
    assert classify_blob(opened[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]) == "proses"
    assert not opened[0:6, 34:36].any()


def test_a_comma_read_for_the_step_number_s_full_stop_is_put_right():
    table = [Row([n, "langkah"], k, from_table=True) for k, n in enumerate(["2.", "3,", "4."])]
    assert [r.cells[0] for r in repair_step_numbers(table)] == ["2.", "3.", "4."]
    lone = [Row(["3,", "isi"], 0, from_table=True), Row(["Nama", "isi"], 1, from_table=True)]
    assert [r.cells[0] for r in repair_step_numbers(lone)] == ["3,", "Nama"]


def test_the_terminator_beside_a_diamond_is_its_branch_s_end_not_a_second_symbol():
    diamond = Mark((300, 10, 340, 40), "keputusan")
    end = Mark((200, 15, 240, 30), "terminator")
    box = Mark((100, 10, 140, 40), "proses")
    assert step_symbol_of_row([end, diamond]) == [diamond]
    assert step_symbol_of_row([box, end]) == [box, end]  # no diamond: nothing to tell them apart
    assert step_symbol_of_row([diamond, Mark((100, 10, 140, 40), "keputusan")]) != [diamond]


def _records(*words: tuple[str, float]) -> list[dict]:
    return [
        {"text": t, "conf": c, "block_num": "1", "par_num": "1", "line_num": "1", "left": 20 * k, "top": 0}
        | {"width": 15, "height": 20}
        for k, (t, c) in enumerate(words)
    ]


def test_a_faint_figure_before_a_unit_of_time_is_kept_and_read_as_a_figure():
    for first in ("1", "|", "l"):
        words = _words(_records((first, 12.0), ("hari", 91.0)), 0, 0, 0.24)
        assert [w.text for w in words] == ["1", "hari"]
    # A faint mark before any other word is still a speck.
    assert [w.text for w in _words(_records(("l", 12.0), ("Berkas", 91.0)), 0, 0, 0.24)] == ["Berkas"]


def test_values_of_a_fixed_form_read_by_ocr_are_put_right():
    assert mend_ocr_number("140/SOP-03/SBL/1X/2024") == "140/SOP-03/SBL/IX/2024"  # "1" read for "I"
    assert mend_ocr_number("050/SOP.06/BAPPEDA-AB:2024") == "050/SOP.06/BAPPEDA-AB/2024"  # ":" for "/"
    assert mend_ocr_number("412.6/ 11 /DPMD/2023") == "412.6/ 11 /DPMD/2023"  # a number stays a number
    assert mend_ocr_number("360/SOP-03/BPBD-SG/VIII/2022") == "360/SOP-03/BPBD-SG/VIII/2022"
    assert mend_ocr_duration("3 harl kerja") == "3 hari kerja"
    assert mend_ocr_duration("Sesuad jadwal") == "Sesuai jadwal"
    assert mend_ocr_duration("1 hari keya") == "1 hari kerja"
    assert mend_ocr_duration("15 menit") == "15 menit"
    assert mend_ocr_duration("Lima belas menit") == "Lima belas menit"  # words of the language stay
    assert mend_ocr_duration("dari 2 hari") == "dari 2 hari"
    assert mend_ocr_number("12:30/SOP/X") == "12:30/SOP/X"  # a time is no misread slash
    assert mend_ocr_number("SOP/v1/2024") == "SOP/v1/2024"  # a Roman month is written in capitals


def test_fixed_form_values_are_mended_only_in_a_document_read_by_ocr_and_each_change_is_reviewed():
    def sop():
        s = ParsedSop(identity={"nomor": "140/SOP/1X/2024"})
        s.steps = [ParsedStep("1", "Memeriksa berkas", waktu="3 hari keya", output="Berkas. BAST")]
        return s

    typed = sop()
    mend_ocr_values(typed, [Row(cells=["x"], line=1)])
    assert typed.identity["nomor"] == "140/SOP/1X/2024" and typed.steps[0].waktu == "3 hari keya"
    assert not typed.reviews
    scanned = sop()
    mend_ocr_values(scanned, [Row(cells=["x"], line=1, ocr=[[]])])
    step = scanned.steps[0]
    assert (scanned.identity["nomor"], step.waktu, step.output) == (
        "140/SOP/IX/2024",
        "3 hari kerja",
        "Berkas, BAST",
    )
    notes = {r.field: r.message for r in scanned.reviews}
    assert "'140/SOP/1X/2024'" in notes[("nomor",)] and "'140/SOP/IX/2024'" in notes[("nomor",)]
    assert (
        "3 hari keya" in notes[("langkah", 0, "waktu")] and "Berkas. BAST" in notes[("langkah", 0, "output")]
    )


def test_a_list_cell_read_by_ocr_has_commas_between_its_phrases_and_no_trailing_speck():
    assert mend_ocr_phrases("Barang. BAST") == "Barang, BAST"  # no sentence ends inside a kelengkapan cell
    assert mend_ocr_phrases("Kartu JKN/KIS, KTP-el. KK") == "Kartu JKN/KIS, KTP-el, KK"
    assert mend_ocr_phrases("Konsep terparaf. telaahan") == "Konsep terparaf, telaahan"
    assert mend_ocr_phrases("Bahan Musrenbang -") == "Bahan Musrenbang"  # a flowchart line's end
    assert mend_ocr_phrases("Hasil verifikasi,") == "Hasil verifikasi"
    assert mend_ocr_phrases("dll. dan") == "dll. dan"  # an abbreviation keeps its full stop
    assert mend_ocr_phrases("SK Bupati. Lampiran") == "SK Bupati. Lampiran"
    assert mend_ocr_phrases("Kab. OKU") == "Kab. OKU"  # a written abbreviation
    assert mend_ocr_phrases("Surat Ket. RT") == "Surat Ket. RT"
    assert mend_ocr_phrases("-") == "-"
