"""YAML syntax errors in Indonesian, at the line to fix, with a hint (catalogue/source/yaml_errors.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.source.yaml_reader import SourceReadError, parse

STEPS = "langkah:\n  - no: 1\n    kegiatan: Memeriksa berkas\n"


def _error(text: str) -> SourceReadError:
    with pytest.raises(SourceReadError) as caught:
        parse(Path("laporan.yml"), text)
    return caught.value


def test_an_unclosed_quote_points_where_it_opens_not_where_the_parser_gave_up():
    # The quote on line 3 runs on to the quote on line 5; the parser gives up on line 5.
    text = (
        'nomor: "001"\nnama: Laporan\nunit_kerja: "Bagian Umum\n'
        + 'langkah:\n  - no: 1\n    kegiatan: "Memeriksa"\n'
    )
    error = _error(text)
    assert (error.line, error.column) == (3, 13)
    assert 'tanda kutip " pada baris 3 tidak ditutup' in error.message
    assert "Tutup tanda kutip" in error.message


def test_an_unclosed_quote_at_the_end_of_the_file_points_where_it_opens():
    error = _error("nomor: '001\nnama: Laporan\n" + STEPS)
    assert (error.line, error.column) == (1, 8)
    assert "tidak pernah ditutup" in error.message


def test_a_legitimate_multiline_quote_far_before_an_error_is_not_blamed():
    text = 'nama: "Laporan\n  Kinerja"\nnomor: 1\n' + STEPS + "  - no: 2\n   kegiatan: x\n"
    error = _error(text)
    assert error.line == 8
    assert "tanda kutip" not in error.message


@pytest.mark.parametrize(
    ("text", "line", "fragment", "hint"),
    [
        ("nomor: 1\nnama: Laporan: Kinerja\n", 2, "titik dua ':' tidak diharapkan", "diapit tanda kutip"),
        (
            "nomor: 1\n" + STEPS + "   waktu: 1 hari\n",
            5,
            "butir daftar ('- ') diharapkan",
            "Periksa indentasi",
        ),
        ("nomor: @001\n", 1, "karakter '@' tidak boleh mengawali nilai", "Apit nilainya"),
        ('nama: "a\\q"\n', 1, "garis miring terbalik", "kutip tunggal"),
        ("nama: a\n- b\n", 2, "tidak dapat dibaca sebagai 'kunci: nilai'", "Periksa indentasinya"),
        ("nama: [a\nb: c\n", 2, "kurung siku '[' tidak ditutup", "kurung dibuka pada baris 1"),
        ("{0", 2, "kurung kurawal '{' tidak ditutup dengan '}'", "kurung dibuka pada baris 1"),
        ("nama: a\n---\nnama: b\n", 2, "lebih dari satu dokumen", "Hapus baris '---'"),
        ("nama: a\nnama: b\n", 2, 'kunci ganda "nama"', "hanya boleh muncul sekali"),
        ("nama: !!python/name:os.system x\n", 1, "tag YAML '!!python/name:os.system' tidak dikenal", "Hapus"),
        ("nomor: x\nlangkah:\n\t- no: 1\n", 3, "karakter tab", "YAML memakai spasi"),
        ('nama: "x" y\n', 1, "YAML tidak valid", "tanda kutip"),
    ],
)
def test_syntax_errors_are_translated_with_a_hint(text, line, fragment, hint):
    error = _error(text)
    assert error.line == line
    assert fragment in error.message and hint in error.message
    for english in ("did not find", "expected", "while parsing", "found", "not allowed"):
        assert english not in error.message
