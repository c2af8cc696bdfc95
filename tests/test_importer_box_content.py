"""The last check of the boxes by what their items say (catalogue.importer.box_content)."""

from __future__ import annotations

import pytest

from catalogue.importer.box_content import check_box_content, looks_like_regulation
from catalogue.importer.parsed import ParsedSop


@pytest.mark.parametrize(
    "item, regulation",
    [
        ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;", True),
        ("Permendagri No. 52 Th. 2011 tentang SOP", True),
        ("Qanun Kota Contoh Nomor 2 Tahun 2015 tentang Retribusi", True),
        ("Memahami Peraturan Daerah tentang ketertiban umum", False),  # a qualification that mentions a rule
        ("Peraturan perundang-undangan yang berlaku", False),  # no number and year
        ("Komputer dan printer", False),
    ],
)
def test_what_reads_as_a_regulation(item, regulation):
    assert looks_like_regulation(item) is regulation


def test_items_that_belong_to_another_box_are_flagged_never_moved():
    sop = ParsedSop(
        boxes={
            "dasar_hukum": [
                "UU Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
                "PP Nomor 17 Tahun 2018 tentang Kecamatan;",
                "Memahami tugas pokok kecamatan.",
            ],
            "kualifikasi_pelaksana": [
                "Peraturan Bupati Contoh Nomor 5 Tahun 2020 tentang Pelimpahan Kewenangan."
            ],
            "keterkaitan": ["SOP Legalisasi", "SOP Surat Pengantar", "Komputer"],
            "peralatan_perlengkapan": ["Printer"],
        }
    )
    check_box_content(sop)
    assert {r.field for r in sop.reviews} == {
        ("dasar_hukum", 2),
        ("kualifikasi_pelaksana", 0),
        ("keterkaitan", 2),
    }
    assert sop.boxes["dasar_hukum"][2] == "Memahami tugas pokok kecamatan."  # flagged where it is


def test_boxes_that_fit_are_not_flagged():
    sop = ParsedSop(
        boxes={
            "dasar_hukum": ["UU Nomor 1 Tahun 1974 tentang Perkawinan"],
            "keterkaitan": ["SOP Legalisasi", "Pelayanan Surat Pengantar"],
            "peringatan": ["Berkas tidak lengkap tidak diproses"],
        }
    )
    check_box_content(sop)
    assert not sop.reviews
