"""Decision steps and their branches (catalogue.importer.decisions), on small procedures written here."""

from __future__ import annotations

import pytest

from catalogue.importer.decisions import ENDS, detect_decisions, read_branches
from catalogue.importer.parsed import ParsedSop, ParsedStep

ROLES = ["Pemohon", "Petugas", "Kepala"]


def _decide(
    kegiatan: str,
    keterangan: str | None = None,
    steps: int = 6,
    at: int = 3,
    performers: dict[int, str] | None = None,
) -> tuple[ParsedSop, ParsedStep]:
    rows = []
    for n in range(1, steps + 1):
        text = kegiatan if n == at else f"Langkah biasa {n}"
        step = ParsedStep(
            str(n),
            text,
            keterangan=keterangan if n == at else None,
            keterangan_lines=(keterangan or "").split("\n") if n == at and keterangan else [],
        )
        step.pelaksana = (performers or {}).get(n)
        rows.append(step)
    sop = ParsedSop(roles=list(ROLES), steps=rows)
    detect_decisions(sop)
    return sop, rows[at - 1]


def _notes(sop: ParsedSop) -> list[str]:
    return [r.message for r in sop.reviews]


@pytest.mark.parametrize(
    "kegiatan, keterangan, ya, tidak",
    [
        ("Memeriksa berkas", "Ya: lanjut ke langkah 5; Tidak: kembali ke langkah 1", "5", "1"),
        (
            "Memeriksa berkas",
            "Lengkap: lanjut ke no. 4\nTidak lengkap: dikembalikan kepada pemohon (no. 1)",
            "4",
            "1",
        ),
        ("Memeriksa berkas", "Lengkap: ke 4 Tidak lengkap: ke 2", "4", "2"),  # two branches on one line
        ("Memeriksa berkas", "Tidak sesuai: kembali ke langkah 2", "4", "2"),  # Ya is the forward branch
        ("Meneliti berkas (Y: lanjut ke 4; T: kembali ke 1)", None, "4", "1"),
        ("Memeriksa berkas", "Terdaftar: langkah 6; Belum terdaftar: langkah 4", "6", "4"),
        ("Menilai permohonan", "Disetujui → 5, Ditolak → 1", "5", "1"),
        ("Apakah stok mencukupi?", "Ya: ke no. 6 / Tidak: ke no. 4", "6", "4"),
    ],
)
def test_branches_written_with_step_numbers(kegiatan, keterangan, ya, tidak):
    sop, step = _decide(kegiatan, keterangan)
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", ya, tidak)
    assert not sop.reviews  # fully understood: not a doubt


@pytest.mark.parametrize(
    "kegiatan, keterangan",
    [
        ("Menetapkan hasil verifikasi", "Tidak layak: pemohon diberi penjelasan tertulis, proses selesai"),
        ("Kepala menelaah: apakah kuota tersedia? Bila tidak, permohonan ditolak dan proses selesai.", None),
        ("Memeriksa pelanggaran", "Ya (melanggar): lanjut ke 4; Tidak: laporan ditutup"),
    ],
)
def test_a_branch_that_ends_the_procedure_is_written_dash(kegiatan, keterangan):
    sop, step = _decide(kegiatan, keterangan)
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", "4", ENDS)
    assert not sop.reviews


def test_three_outcomes_keep_the_loop_back_and_flag_the_third():
    sop, step = _decide(
        "Menetapkan hasil verifikasi",
        "Disetujui: ke langkah 4; Perbaikan: kembali ke langkah 1; Ditolak: dikembalikan, selesai",
    )
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", "4", "1")
    [note] = _notes(sop)
    assert "Cabang ketiga 'Ditolak'" in note and "mengakhiri prosedur" in note


def test_outcome_words_without_a_ya_tidak_sense_are_read_in_order_and_flagged():
    sop, step = _decide("Menilai tingkat pelanggaran", "Ringan: ke langkah 4; Sedang/Berat: ke langkah 6")
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", "4", "6")
    assert any("menurut urutan" in n for n in _notes(sop))


def test_a_branch_back_to_a_person_goes_to_that_persons_last_step_and_is_flagged():
    sop, step = _decide(
        "Memverifikasi berkas",
        "Tidak lengkap dikembalikan kepada Pemohon untuk dilengkapi",
        performers={1: "Pemohon", 2: "Petugas"},
    )
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", "4", "1")
    assert any("dikembalikan kepada Pemohon" in n for n in _notes(sop))


def test_a_question_without_branches_is_only_flagged():
    sop, step = _decide("Apakah berkas lengkap?")
    assert step.jenis is None
    assert any("tampaknya keputusan" in n for n in _notes(sop))


def test_a_condition_without_a_target_is_only_flagged():
    sop, step = _decide("Memeriksa berkas, apabila tidak lengkap dikembalikan")
    assert step.jenis is None and sop.reviews


@pytest.mark.parametrize(
    "kegiatan, keterangan",
    [
        (
            "Memperbaiki usulan",
            "Setelah diperbaiki kembali ke langkah 2",
        ),  # a correction step, not a decision
        ("Menandatangani surat", "Apabila Kepala berhalangan, ditandatangani Petugas atas nama Kepala"),
        ("Menyampaikan rekomendasi", "Proses SP2D sesuai SOP Penerbitan SP2D"),
        ("Menyusun laporan untuk 2 (dua) triwulan", None),
    ],
)
def test_no_decision_and_no_flag_where_no_branch_is_written(kegiatan, keterangan):
    sop, step = _decide(kegiatan, keterangan)
    assert step.jenis is None and not sop.reviews


def test_a_target_that_does_not_exist_is_not_used():
    sop, step = _decide("Memeriksa berkas", "Ya: ke langkah 4; Tidak: ke langkah 9")
    assert step.jenis is None
    assert any("tampaknya keputusan" in n for n in _notes(sop))


def test_read_branches_labels_and_targets():
    branches = read_branches("Lengkap: lanjut ke no. 5\nTidak lengkap: dikembalikan kepada pemohon (no. 3)")
    assert [(b.label, b.polarity, b.target) for b in branches] == [
        ("Lengkap", "ya", "5"),
        ("Tidak lengkap", "tidak", "3"),
    ]


def test_conditions_in_one_sentence_and_short_labels_only_as_whole_labels():
    sop, step = _decide("Memeriksa berkas", "Bila ya lanjut ke langkah 5, bila tidak kembali ke langkah 2")
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", "5", "2")
    sop, step = _decide("Menerbitkan surat", "No. SK: 12 Tahun 2024 sebagai dasar")
    assert step.jenis is None and not sop.reviews
