"""One development document of the shared corpus per printed format (c01–c10 only; c11–c14 are the final
check and are not read here): a few facts each format must give."""

from __future__ import annotations

from pathlib import Path

from catalogue.importer import parse_document

CORPUS = Path(__file__).resolve().parent / "data" / "import" / "corpus"  # copies: see its README


def _corpus(relative: str) -> Path:
    return CORPUS / Path(relative).name


def test_pdf_printed_from_word():
    sop = parse_document(_corpus("pdf/c02.pdf"))[0]
    assert sop.identity["nomor"] == "045.2/SOP-PATEN/04/2024"
    assert sop.roles == ["Pemohon", "Petugas Loket PATEN", "Kasi Pemerintahan", "Sekcam", "Camat"]
    assert len(sop.steps) == 9
    assert sop.steps[0].kelengkapan == [
        "Surat pemberitahuan KUA Kecamatan",
        "Surat pengantar nikah dari desa",
        "Fotokopi KTP-el kedua calon pengantin",
        "Surat permohonan bermeterai",
    ]
    assert sop.steps[1].keterangan == "Tidak lengkap: kembali ke langkah 1"


def test_drawn_flowchart_gives_performers_and_decisions():
    sop = parse_document(_corpus("bagan/c03-bagan.pdf"))[0]
    steps = {s.no: s for s in sop.steps}
    assert len(steps) == 12
    # Step 2 names no performer in its sentence: only the symbol's column says TRC.
    assert (steps["2"].pelaksana, steps["2"].pelaksana_status) == ("TRC", "tertulis")
    assert (steps["4"].jenis, steps["4"].ya, steps["4"].tidak) == ("keputusan", "6", "5")
    # Step 10's "Sesuai" branch goes on at the off-page connector "A" to step 11 on the next page.
    assert (steps["10"].jenis, steps["10"].ya, steps["10"].tidak) == ("keputusan", "11", "7")


def test_scan_is_read_by_ocr_and_flagged():
    sop = parse_document(_corpus("pindai/c09-pindai.pdf"))[0]
    assert sop.identity["nomor"] == "551.21/SOP-LLAJ/04/2019"
    assert [s.no for s in sop.steps] == [str(n) for n in range(1, 10)]
    assert sop.roles == ["Pemohon", "Petugas Loket", "Tim Survei", "Kabid Angkutan", "Kadis"]
    flagged = {r.field for r in sop.reviews if "OCR" in r.message}
    assert ("nomor",) in flagged and ("langkah", 0, "kegiatan") in flagged
