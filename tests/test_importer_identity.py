"""The signer and the dates of the identity block (catalogue.importer.identity), and the kop (letterhead)."""

from __future__ import annotations

import datetime as dt

import pytest

from catalogue.importer.identity import mend_date_text, parse_date_value, resolve_signer, signature_block
from catalogue.importer.letterhead import read_letterhead
from catalogue.importer.parsed import ParsedSop, Signer


def test_a_jabatan_over_three_lines_then_name_pangkat_and_nip():
    lines = [
        "KEPALA BADAN",
        "KESATUAN BANGSA DAN POLITIK",
        "KOTA CONTOH,",
        "",
        "",
        "Dra. SITI AMINAH, M.Si.",
        "Pembina Utama Muda (IV/c)",
        "NIP. 19700101 199503 2 001",
    ]
    assert signature_block(lines) == Signer(
        jabatan="KEPALA BADAN KESATUAN BANGSA DAN POLITIK KOTA CONTOH",
        nama="Dra. SITI AMINAH, M.Si.",
        nip="19700101 199503 2 001",
        pangkat="Pembina Utama Muda (IV/c)",
    )


def test_plt_nip_without_spaces_and_nip_colon():
    signer = signature_block(
        ["Plt. Kepala Dinas Contoh", "", "BUDI, S.E.", "Penata Tingkat I", "NIP 198001012005011001"]
    )
    assert (signer.jabatan, signer.nama, signer.pangkat, signer.nip) == (
        "Plt. Kepala Dinas Contoh",
        "BUDI, S.E.",
        "Penata Tingkat I",
        "198001012005011001",
    )
    assert (
        signature_block(["Camat Contoh", "", "ANI", "NIP : 19800101 200501 2 001"]).nip
        == "19800101 200501 2 001"
    )


def test_blank_lines_between_every_line_of_the_block():
    signer = signature_block(
        ["Inspektur Kota Contoh", "", "", "Drs. ALI", "", "Pembina", "", "NIP. 19700101 199503 1 001"]
    )
    assert (signer.jabatan, signer.nama, signer.pangkat) == ("Inspektur Kota Contoh", "Drs. ALI", "Pembina")


def test_a_signature_without_nip_place_and_date_line_dropped():
    signer = signature_block(["Desa Contoh, 2 Mei 2024", "Kepala Desa Contoh,", "", "", "AHMAD SUKRI"])
    assert signer == Signer(jabatan="Kepala Desa Contoh", nama="AHMAD SUKRI")
    assert signature_block(["Kepala Desa Contoh"]).is_empty()  # a jabatan alone is no signature block


def test_identity_jabatan_with_the_name_from_the_signature_block_after_the_table():
    sop = ParsedSop(
        identity={"disahkan_oleh": "Kepala Desa Contoh"},
        tail=["Contoh, 1 Juli 2024", "Kepala Desa Contoh,", "", "", "AHMAD SUKRI"],
    )
    resolve_signer(sop)
    assert sop.signer == Signer(jabatan="Kepala Desa Contoh", nama="AHMAD SUKRI")
    assert not sop.reviews


def test_a_signature_inside_the_identity_cell():
    sop = ParsedSop(
        identity={
            "disahkan_oleh": "KEPALA DINAS\nKOTA CONTOH,\n\n\nIr. BUDI\nPembina\nNIP. 19700101 199503 1 001"
        }
    )
    resolve_signer(sop)
    assert sop.signer == Signer(
        jabatan="KEPALA DINAS KOTA CONTOH", nama="Ir. BUDI", nip="19700101 199503 1 001", pangkat="Pembina"
    )


@pytest.mark.parametrize("raw", ["-", "", "Belum ada revisi", "Tidak ada", "nihil"])
def test_no_revision_written_in_words_is_no_date(raw):
    assert parse_date_value(raw) == ("-", None)


def test_kop_unit_and_address():
    kop = read_letterhead(
        [
            "PEMERINTAH KABUPATEN CONTOH",
            "DINAS PERHUBUNGAN",
            "BIDANG LALU LINTAS",
            "Jl. Merdeka No. 5, Contoh",
            "Telp. (0123) 45678",
            "STANDAR OPERASIONAL PROSEDUR",
        ]
    )
    assert (kop.pemda, kop.agency, kop.unit) == (
        "PEMERINTAH KABUPATEN CONTOH",
        "DINAS PERHUBUNGAN",
        "BIDANG LALU LINTAS",
    )
    assert kop.alamat == "Jl. Merdeka No. 5, Contoh, Telp. (0123) 45678"


def test_a_unit_word_without_an_agency_above_it_is_the_agency():
    kop = read_letterhead(["PEMERINTAH KOTA CONTOH", "SEKRETARIAT DAERAH", "BAGIAN ORGANISASI"])
    assert (kop.agency, kop.unit) == ("SEKRETARIAT DAERAH", "BAGIAN ORGANISASI")
    assert read_letterhead(["PEMERINTAH KOTA CONTOH", "UPTD PUSKESMAS CONTOH"]).unit is None


def test_a_date_with_letters_for_figures_or_a_misread_month_is_read_and_flagged():
    value, note = parse_date_value("O1 Pebruari 2024")  # a letter O for the figure 0
    assert value == dt.date(2024, 2, 1) and "dibaca sebagai '01 Pebruari 2024'" in note
    assert parse_date_value("15 Januan 2024")[0] == dt.date(2024, 1, 15)  # one letter from one month
    assert parse_date_value("3l-O8-2024")[0] == dt.date(2024, 8, 31)
    assert parse_date_value("2 Mei 2024") == (dt.date(2024, 5, 2), None)  # nothing to mend: no note
    assert mend_date_text("7 Juxi 2022") is None  # Juni or Juli: left for the reviewer
    assert parse_date_value("3 Febuari 2022")[0] == dt.date(2022, 2, 3)  # Februari and Pebruari: one month
    assert parse_date_value("Juli 2024")[0] is None
