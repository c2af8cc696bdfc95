"""Words OCR misread are put right from the language's word list and the document's own sure words."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from catalogue.importer.identity import split_signer
from catalogue.importer.ocr_lexicon import (
    Vocabulary,
    document_words,
    reviewed_words,
    tesseract_words,
    variants,
)
from catalogue.importer.ocr_reader import (
    _dark,
    _symbols,
    _words,
    drawn_lines,
    mend_words,
    repair_abbreviations,
    repair_punctuation,
    repair_step_numbers,
)
from catalogue.importer.page_rows import Grid, Page, Word
from catalogue.importer.parsed import Row
from catalogue.importer.scan_grid import _runs_at_least, find_segments, rulings, tables

LEXICON = frozenset(
    {"tidak", "iuran", "satuan", "lindung", "izin", "surat", "teguran", "lain", "lam", "datar"}
)


def test_tesseract_s_own_indonesian_word_list_is_read():
    words = tesseract_words("ind")
    # The project installs tesseract-ocr-ind; an empty list would silently turn the correction off.
    assert len(words) > 10_000
    assert {"tidak", "iuran", "satuan", "izin"} <= words


def test_a_word_no_vocabulary_has_is_put_right_by_one_usual_confusion():
    v = Vocabulary(LEXICON)
    assert v.mend("luran") == "iuran"  # "l" read for "i"
    assert v.mend("udak;") == "tidak;"  # "u" read for "ti"; punctuation kept
    assert v.mend("Safuan") == "Satuan"  # case kept
    assert v.mend("Pelindurigan") == "Pelindungan"  # a derived form of a root the list has (pe-lindung-an)
    assert "pelindungan" in variants("pelindurigan")


def test_a_known_word_an_abbreviation_or_an_ambiguous_word_is_left_as_read():
    v = Vocabulary(LEXICON)
    assert v.mend("lam") == "lam"  # a word of the list, though "lain" was meant: nothing says so
    assert v.mend("LKIP") == "LKIP"  # capitals: an abbreviation
    assert v.mend("Pendatan") == "Pendatan"  # "-ari" is no suffix: "pen-datar-i" is not taken
    assert v.mend("Linjamsos") == "Linjamsos"  # no confusion makes it a word
    # Two confusions giving two words: nothing is chosen.
    assert Vocabulary(frozenset({"iuran", "liiran"})).mend("luran") == "luran"


def test_a_faint_word_is_kept_only_when_it_is_a_word_of_the_document_or_the_language():
    v = Vocabulary(LEXICON, {"izin"})
    assert v.mend("teguran", faint=True) == "teguran"
    assert v.mend("izir:", faint=True) == "izin:"  # one letter from a word this document has
    assert v.mend("mnrw", faint=True) is None  # grain
    assert v.mend("ab", faint=True) is None


def test_the_document_s_vocabulary_is_what_it_read_with_high_confidence():
    assert document_words([("Izin", 97.0), ("luran", 91.0), ("ke", 99.0), ("trayek,", 96.0)]) == {
        "izin",
        "trayek",
    }


def _word(text: str, conf: float, faint: bool = False) -> Word:
    return Word(text, 0, 0, 10, 10, 9, conf=conf, faint=faint)


def test_mending_a_scanned_document_keeps_what_ocr_read_for_the_review():
    page = Page(
        1,
        595,
        842,
        [
            _word("Izin", 97),
            _word("pemberi", 96),
            _word("izir.", 9, faint=True),
            _word("luran", 91),
            _word("xqzt", 10, faint=True),
        ],
        ocr=True,
    )
    mend_words([page], lexicon=LEXICON)
    assert [w.text for w in page.words] == ["Izin", "pemberi", "izin.", "iuran"]
    assert [w.read_as for w in page.words] == [None, None, "izir.", "luran"]


def _records(*words: tuple[str, float, int]) -> list[dict]:
    return [
        {"text": t, "conf": c, "block_num": "1", "par_num": "1", "line_num": "1", "left": 40 * k, "top": 0}
        | {"width": 30, "height": h}
        for k, (t, c, h) in enumerate(words)
    ]


def test_a_faint_long_word_is_kept_for_the_vocabulary_to_judge_and_a_speck_is_no_roman_one():
    words = _words(_records(("Tanda", 96, 24), ("teguran", 15, 24)), 0, 0, 0.24)
    assert [(w.text, w.faint) for w in words] == [("Tanda", False), ("teguran", True)]
    # A pipe as tall as the letters closing a line is "I"; a pipe of a few pixels is a speck.
    assert [w.text for w in _words(_records(("Teguran", 96, 24), ("|", 76, 23)), 0, 0, 0.24)] == [
        "Teguran",
        "I",
    ]
    assert [w.text for w in _words(_records(("dan", 96, 24), ("|", 60, 4)), 0, 0, 0.24)] == ["dan"]


def test_a_colon_ending_an_entry_of_several_lines_before_the_next_entry_is_a_semicolon():
    rows = [
        Row(["a. Register;\nb. Berita acara\nverifikasi:\nC. Data usulan."], 1),
        Row(["3. Syarat sebagai berikut:\na. KTP;\nb. KK."], 2),
        Row(
            [
                "f. Permensos Nomor 21 Tahun 2019 tentang Bantuan\nIuran Jaminan Kesehatan:\ng. Permensos 3/2012."
            ],
            3,
        ),
        Row(["1. Komputer;\n2. Printer.\nPeralatan/Perlengkapan:\n1. Meja."], 4),
    ]
    cells = [r.cells[0] for r in repair_punctuation(rows)]
    assert cells[0] == "a. Register;\nb. Berita acara\nverifikasi;\nC. Data usulan."
    # A colon before entries numbered otherwise introduces them.
    assert cells[1] == "3. Syarat sebagai berikut:\na. KTP;\nb. KK."
    # A continuation in title case ("Iuran Jaminan Kesehatan") is still the entry; a box's label ends it.
    assert cells[2].endswith("Iuran Jaminan Kesehatan;\ng. Permensos 3/2012.")
    assert cells[3] == "1. Komputer;\n2. Printer.\nPeralatan/Perlengkapan:\n1. Meja."


def test_an_outline_in_a_cell_full_of_text_is_letters_not_a_flowchart_symbol():
    dpi = 300
    dark = np.zeros((600, 900), dtype=bool)
    dark[100:104, 300:600] = dark[300:304, 300:600] = True  # a box 300 × 200 px drawn in the cell
    dark[100:304, 300:304] = dark[100:304, 596:600] = True
    pt = 72 / dpi
    grid = Grid.from_cells([(0.0, 0.0, 900 * pt, 600 * pt)], tolerance=2.0)
    assert [m.kind for m in _symbols(dark, [grid], dpi, [])] == ["proses"]
    label = [Word("Mulai", 100 * pt, 180 * pt, 150 * pt, 200 * pt, 9)]
    assert len(_symbols(dark, [grid], dpi, label)) == 1
    text = [Word(f"kata{k}", (20 + 90 * k) * pt, 20 * pt, (80 + 90 * k) * pt, 40 * pt, 9) for k in range(8)]
    assert _symbols(dark, [grid], dpi, text) == []


def test_a_reduplicated_word_whose_halves_were_read_apart_is_the_half_that_is_a_word():
    v = Vocabulary(frozenset({"undang", "orang"}))
    assert v.mend("Jndang-Undang") == "Undang-Undang"
    assert v.mend("undang-Jndang;") == "undang-Undang;"
    assert v.mend("Orang-orang") == "Orang-orang"
    assert v.mend("SIKS-NG") == "SIKS-NG"


def test_a_full_stop_amid_a_sentence_before_a_small_letter_is_a_comma_but_not_after_an_abbreviation():
    rows = [Row(["3. Peralatan (tangga, gergaji besi. mesin las);\n4. Alat tulis, kertas dll. dan map."], 1)]
    assert repair_punctuation(rows)[0].cells[0] == (
        "3. Peralatan (tangga, gergaji besi, mesin las);\n4. Alat tulis, kertas dll. dan map."
    )
    rows = [
        Row(
            [
                "Berkas SPM, DPA. anggaran kas\nterhadap DPA., anggaran\nIr. TEUKU, S.STP., M.Si.\nselesai. BPKAD"
            ],
            1,
        )
    ]
    assert repair_punctuation(rows)[0].cells[0] == (
        "Berkas SPM, DPA, anggaran kas\nterhadap DPA, anggaran\nIr. TEUKU, S.STP., M.Si.\nselesai. BPKAD"
    )
    rows = [Row(["Menelaah alasan permohonan dan. bila perlu, mengonfirmasi data."], 1)]
    assert (
        repair_punctuation(rows)[0].cells[0]
        == "Menelaah alasan permohonan dan, bila perlu, mengonfirmasi data."
    )


def test_a_shaded_label_column_printed_without_its_rulings_still_divides_the_table():
    # A table at 300 dpi: the frame and the value column's row lines are drawn; the label column is filled
    # grey, with no ruling between it and the values and none above it (the fill covered them).
    tone = np.full((700, 1000), 240, dtype=np.uint8)
    tone[100:600, 100:400] = 200  # the shaded label column
    for y in (100, 600):
        tone[y - 2 : y + 2, 400:900] = 20
    tone[598:602, 100:400] = 20
    for y in (225, 350, 475):
        tone[y - 2 : y + 2, 400:900] = 20
    for x in (100, 900):
        tone[100:600, x - 2 : x + 2] = 20
    gray = Image.fromarray(tone)
    dark = _dark(gray)
    tol = 300 / 50
    without = tables(*rulings(*find_segments(dark, 300), 1000, tol), tol)
    h, v = drawn_lines(gray, dark, 300, tol)
    cells = tables(*rulings(h, v, 1000, tol), tol)
    assert not any(len(t) > 1 for t in without)  # the ink alone makes no table of it
    assert len(cells) == 1
    columns = sorted({round(c[0] / 10) * 10 for c in cells[0]})
    assert columns == [100, 400]  # the shade's edge is the missing ruling between labels and values


def test_a_nip_s_digit_groups_broken_by_a_speck_are_one_nip_and_a_faint_group_after_clear_figures_is_kept():
    assert split_signer("KEPALA BAPPEDA NIP. 19740908 200112,1 003").nip == "19740908 200112 1 003"
    assert split_signer("NIP. 19740908 200112 1 003, 12 Mei 2020").nip == "19740908 200112 1 003"
    # Not 18 digits with the piece after the comma: the NIP ends at the comma.
    assert split_signer("NIP. 19740908 200112, 5").nip == "19740908 200112"
    words = _words(
        _records(("NIP.", 96, 24), ("19690927", 96, 24), ("199503", 96, 24), ("1002", 15, 24)), 0, 0, 0.24
    )
    assert [w.text for w in words] == ["NIP.", "19690927", "199503", "1002"]
    assert [w.text for w in _words(_records(("Berkas", 96, 24), ("12", 15, 24)), 0, 0, 0.24)] == ["Berkas"]


def test_the_scan_repairs_change_nothing_in_clean_text():
    """Every word of the seed documents and the importer's text samples, read as if from a scan, stays as it
    is: a repair that 'corrects' real writing would publish a word the agency never wrote."""
    data = Path(__file__).resolve().parent / "data" / "import"
    texts = [p.read_text(encoding="utf-8") for p in sorted([*data.glob("*.txt"), *data.glob("seeds/*.txt")])]
    assert len(texts) >= 8
    vocabulary = Vocabulary(tesseract_words("ind"))
    changed = [(w, vocabulary.mend(w)) for t in texts for w in t.split() if vocabulary.mend(w) != w]
    assert changed == []
    for text in texts:
        lines = text.splitlines()
        rows = repair_punctuation(repair_abbreviations([Row([line], k) for k, line in enumerate(lines)]))
        assert [r.cells[0] for r in rows] == lines
        assert repair_punctuation(repair_abbreviations([Row([text], 0)]))[0].cells[0] == text


def test_a_speck_before_a_step_number_is_no_part_of_it():
    table = [Row([n, "langkah"], k, from_table=True) for k, n in enumerate(["3", "'4", "5", ".6"])]
    assert [r.cells[0] for r in repair_step_numbers(table)] == ["3", "4", "5", "6"]
    table = [Row([n, "isi"], k, from_table=True) for k, n in enumerate(["(1)", "1.4"])]
    assert [r.cells[0] for r in repair_step_numbers(table)] == ["(1)", "1.4"]


def test_runs_of_ink_are_found_exactly_along_either_axis():
    def naive(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
        m = np.moveaxis(mask, axis, -1)
        out = np.zeros_like(m)
        for index in np.ndindex(m.shape[:-1]):
            line, start = m[index], None
            for k in range(len(line) + 1):
                if k < len(line) and line[k]:
                    start = k if start is None else start
                elif start is not None:
                    if k - start >= length:
                        out[index][start:k] = True
                    start = None
        return np.moveaxis(out, -1, axis)

    rng = np.random.default_rng(7)
    for shape, length in (((40, 60), 4), ((9, 5), 5), ((5, 9), 12), ((30, 30), 1)):
        mask = rng.random(shape) < 0.7
        for axis in (0, 1):
            assert (_runs_at_least(mask, length, axis) == naive(mask, length, axis)).all()


@pytest.mark.parametrize(
    "repair, read, meant",
    [
        # Abbreviations a scan blurred, where their place says what they are.
        (repair_abbreviations, "Pit. KEPALA DINAS", "Plt. KEPALA DINAS"),
        (repair_abbreviations, "Drs. SYAMSUL BAHRI, 5.Sos., M.Si.", "Drs. SYAMSUL BAHRI, S.Sos., M.Si."),
        (
            repair_abbreviations,
            "1, Kartu stok gudang;\n2. Berita acara.",
            "1. Kartu stok gudang;\n2. Berita acara.",
        ),
        (repair_abbreviations, "Nilai 1, 2 dan 3", "Nilai 1, 2 dan 3"),
        # A branch separator read as a full stop or a comma after the branch's target step.
        (
            repair_punctuation,
            "Disetujui: ke langkah 8. Ditolak: pemohon diberi penjelasan",
            "Disetujui: ke langkah 8; Ditolak: pemohon diberi penjelasan",
        ),
        (
            repair_punctuation,
            "Sesuai: ke langkah 10, Tidak sesuai: ke langkah 9",
            "Sesuai: ke langkah 10; Tidak sesuai: ke langkah 9",
        ),
        (repair_punctuation, "Pasal 5. Ketentuan: umum", "Pasal 5. Ketentuan: umum"),  # no branch before it
    ],
)
def test_what_a_scan_blurred_is_put_back_where_its_place_says_what_it_is(repair, read, meant):
    assert repair([Row([read], 1)])[0].cells[0] == meant


def test_any_one_letter_edit_is_undone_only_towards_one_sure_word_of_the_document():
    v = Vocabulary(LEXICON, document=["petugas", "verifikator", "sesuai", "sesuap", "kades"])
    # "f" for "u" is no usual confusion, but the document has "petugas" and Tesseract doubted the word
    assert v.mend("Petfgas", conf=60) == "Petugas"
    assert v.mend("Petfgas", conf=92) == "Petfgas"  # read with some confidence: as likely written so
    assert v.mend("Kadus", conf=92) == "Kadus"  # … as a Kadus column beside a Kades one is
    assert v.mend("Petfgas") == "Petfgas"  # no confidence known: no arbitrary edit
    assert (
        v.mend("Sesuad", conf=30) == "Sesuad"
    )  # two of the document's words are one edit away: left as read
    assert v.mend("Petgas", conf=60) == "Petugas"  # a lost letter
    assert (
        Vocabulary(LEXICON | {"petugas"}).mend("Petfgas", conf=75) == "Petfgas"
    )  # the language's list alone is not enough, unless Tesseract hardly believed the word (below)
    assert (
        Vocabulary(LEXICON, document=["kades"]).mend("Kadus", conf=30) == "Kadus"
    )  # short posts differ by one letter
    assert (
        Vocabulary(frozenset(), document=["petugas"]).mend("Petfgas", conf=60) == "Petfgas"
    )  # no language list


def test_a_long_doubted_word_two_edits_from_one_sure_word_and_nearer_none_is_that_word():
    v = Vocabulary(LEXICON, document=["logistik", "verifikasi", "verifikator"])
    assert v.mend("Logigik", conf=64) == "Logistik"  # a letter changed and one lost
    assert v.mend("Logigik", conf=90) == "Logigik"  # believed: as likely written so
    assert v.mend("Lgistk", conf=40) == "Lgistk"  # six letters: too short for two edits
    # One edit from one word and two from another: the nearer one, as for any one-letter edit.
    assert v.mend("Verifikatr", conf=50) == "Verifikator"
    # Two edits from two of the document's words: left as read.
    assert Vocabulary(LEXICON, document=["pelaporan", "pelapukan"]).mend("pelapxxan", conf=50) == "pelapxxan"
    assert Vocabulary(LEXICON, document=["pelaporan"]).mend("pelapxxan", conf=50) == "pelaporan"


def test_a_word_tesseract_hardly_believed_is_the_one_language_word_one_inner_letter_away():
    lexicon = LEXICON | {"aplikasi", "terparah", "memasang", "memasung"}
    v = Vocabulary(lexicon)
    assert v.mend("aplskasi", conf=68) == "aplikasi"
    assert v.mend("aplskasi", conf=80) == "aplskasi"  # some belief: the document's words only
    # The first and last letters make other words: "terparaf" (an agency's word) is left as read.
    assert v.mend("terparaf", conf=57) == "terparaf"
    assert v.mend("memasxng", conf=40) == "memasxng"  # one letter inside, two words: left as read
    # A word of the document wins over the language's list.
    assert Vocabulary(lexicon, document=["aplskasi"]).mend("aplskasi", conf=30) == "aplskasi"


def test_words_of_the_agency_s_reviewed_sources_are_sure_words_for_ocr():
    reviewed = "nama: Penilikan Sekolah  # komentar bukan isi\n# Kepala Sekdes\nlangkah:\n  - kegiatan: Sekcam memaraf"
    unreviewed = "# PERIKSA: dibaca dengan OCR\nnama: Pemerintahan Kecamatarr\n"
    words = reviewed_words([reviewed, unreviewed])
    assert {"penilikan", "sekcam", "memaraf"} <= words
    assert "kecamatarr" not in words and "komentar" not in words and "sekdes" not in words
    v = Vocabulary(LEXICON, document=words)
    assert v.mend("Penilikan") == "Penilikan"  # a word the agency wrote is no misreading of "Pemilikan"
