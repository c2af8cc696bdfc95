"""Review marks (# PERIKSA comments): which key or item each concerns (catalogue.source.review_marks)."""

from catalogue.problems import format_field_path, parse_field_path
from catalogue.source.review_marks import review_comment, review_marks

TEXT = """\
# Draf hasil sop import.
# PERIKSA: 2 butir perlu dikonfirmasi.

# PERIKSA: nomor tidak terbaca.
nomor: "1/2024"
nama: Uji  # PERIKSA: judul dari nama berkas
pelaksana:
  - Camat
  # PERIKSA: kolom kedua kosong pada dokumen.
  - Staf
langkah:
  - no: 1
    kegiatan: Mulai
  # PERIKSA: (pelaksana) disimpulkan dari langkah sebelumnya.
  - no: 2
    kegiatan: "Teks # PERIKSA: bukan komentar"
"""


def test_each_mark_is_anchored_to_the_key_or_item_it_concerns():
    marks = review_marks(TEXT)
    assert [(format_field_path(m.field), m.line) for m in marks] == [
        ("(berkas)", 2),  # a blank line follows: the whole file
        ("nomor", 4),
        ("nama", 6),  # written after a value: that key
        ("pelaksana[2]", 9),
        ("langkah[2].pelaksana", 14),  # "(pelaksana)" names the key inside the item below
    ]
    assert marks[-1].message == "disimpulkan dari langkah sebelumnya."
    assert marks[2].column == 12


def test_a_mark_inside_a_quoted_value_is_no_mark_but_a_comment_is():
    assert review_marks('nama: "A # PERIKSA: x"\n') == ()
    assert review_marks("nama: A\n") == ()
    assert [m.message for m in review_marks(review_comment("periksa  ini") + "\nnama: A\n")] == [
        "periksa ini"
    ]


def test_field_paths_parse_back():
    for path in [(), ("nomor",), ("langkah", 1, "pelaksana"), ("dasar_hukum", 0, "rujukan", 2, "nomor")]:
        assert parse_field_path(format_field_path(path)) == path
