"""Matching a name written in a step sentence to the SOP's role columns (catalogue.importer.role_names)."""

from __future__ import annotations

import pytest

from catalogue.importer.role_names import RoleNames, is_abbreviation, shortens_words


@pytest.mark.parametrize(
    "short, long",
    [
        ("Kaur", "Kepala Urusan"),
        ("Kasubag TU", "Kepala Subbagian Tata Usaha"),
        ("Danton", "Komandan Peleton"),
        ("Kalak", "Kepala Pelaksana"),
        ("Sekdis", "Sekretaris Dinas"),
        ("Binmas", "Pembinaan Masyarakat"),  # a sub-unit: pieces start at syllables
        ("PPK", "Pejabat Pembuat Komitmen"),
    ],
)
def test_abbreviations_built_from_a_piece_of_each_word(short, long):
    assert is_abbreviation(short, long, anchored=short != "Binmas")


@pytest.mark.parametrize(
    "short, long",
    [
        ("Kabid", "Kepala Badan"),  # no "i" after the b of Badan
        ("Sekdes", "Sekretaris Dinas"),
        ("Kaur", "Pak Kepala Urusan"),  # every word gives a piece: "Pak" gives none
        ("Petugas Arsip", "Petugas Arsip Menyimpan"),  # a piece never takes a whole word
        ("Karu", "aplikasi sistem rujukan"),  # a title's abbreviation opens the first word
        ("Camat", "Camat"),  # the same words are no abbreviation
    ],
)
def test_what_is_not_an_abbreviation(short, long):
    assert not is_abbreviation(short, long)


ROLES = ["Pemohon", "Kaur Umum", "Kasi Kesra", "Sekdes", "Kades", "Loket / Operator"]


@pytest.mark.parametrize(
    "written, role, how",
    [
        ("pemohon", "Pemohon", "sama"),
        ("Kepala Urusan Umum", "Kaur Umum", "singkatan"),
        (
            "Kepala Seksi Kesejahteraan Rakyat",
            "Kasi Kesra",
            "jabatan",
        ),  # post by the role rule, unit abbreviated
        ("Kepala Seksi", "Kasi Kesra", "jabatan"),  # the only Kepala Seksi column
        ("Sekretaris Desa", "Sekdes", "jabatan"),
        ("Kepala Desa", "Kades", "jabatan"),
        ("petugas loket atau operator aplikasi", "Loket / Operator", "alternatif"),
    ],
)
def test_a_written_name_finds_its_column(written, role, how):
    found = RoleNames(ROLES).match(written)
    assert found is not None and (found.role, found.how, found.sure) == (role, how, True)


def test_no_column_or_two_columns_is_no_match():
    names = RoleNames(["Kasi Pemerintahan", "Kasi Trantib"])
    assert names.match("Kepala Seksi") is None  # two Kepala Seksi columns: which one is not said
    assert names.match("Kepala Seksi Pemerintahan").role == "Kasi Pemerintahan"
    assert names.match("Bupati") is None


def test_the_only_column_of_a_post_under_another_unit_name_is_unsure():
    found = RoleNames(["Kabid Anggaran", "Staf"]).match("Kepala Bidang Perbendaharaan")
    assert found is not None and (found.role, found.sure) == ("Kabid Anggaran", False)


def test_agency_aliases_from_instansi_file():
    names = RoleNames(["Staf", "Kasubbag"], [("Pengadministrasi Umum", ("Staf", "Pengadum"))])
    assert names.match("Pengadum").role == "Staf"
    assert names.match("Pengadministrasi Umum").role == "Staf"


def test_mentioned_roles_anywhere_in_a_sentence():
    names = RoleNames(["Camat", "Sekcam", "Staf"])
    assert set(names.mentioned("Menyampaikan konsep kepada Camat melalui Sekcam")) == {"Camat", "Sekcam"}
    assert names.mentioned("Mengarsipkan berkas") == []


def test_a_column_whose_words_open_the_name():
    names = RoleNames(["Sekretaris", "Kepala Bappeda", "Staf"])
    assert (names.match("Sekretaris Bappeda").role, names.match("Sekretaris Bappeda").how) == (
        "Sekretaris",
        "awalan",
    )
    assert names.match("Staf Bidang Perencanaan").role == "Staf"
    assert names.match("Kepala") is None


@pytest.mark.parametrize(
    "short, long, fits",
    [
        ("Petugas Lab", "Petugas Laboratorium", True),
        ("Kanreg BKN", "Kantor Regional BKN", True),
        ("Pengelola Kepeg.", "Pengelola Kepegawaian", True),
        ("Petugas Lab", "Petugas Loket", False),
        ("Kanreg BKN", "Kantor Regional BPN", False),
        ("Dalnis", "Pengendali Teknis", False),  # one word: an abbreviation of the whole, not word by word
        ("Petugas Lab", "Petugas Lab", False),  # the same words are matched as such
    ],
)
def test_a_name_with_words_shortened_one_by_one(short, long, fits):
    assert shortens_words(short, long) is fits


def test_kepala_and_the_agency_name_is_the_head_only_when_the_signer_names_that_agency():
    names = RoleNames(["Pemohon", "Front Office", "Kabid Perizinan", "Kadis"])
    assert names.match("Kepala DPMPTSP") is None  # no agency known: no guess
    names.know_head("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "Kadis")
    assert names.match("Kepala DPMPTSP").role == "Kadis"
    assert names.match("Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu").role == "Kadis"
    assert names.match("Kepala Sekolah") is None
    assert names.match("Kepala BPKAD") is None  # another agency's head
