"""The text primitives every rule builds on: slugs and folded words."""

from catalogue.text import ascii_words, fold, slugify


def test_slugify_joins_lower_case_ascii_words_with_hyphens():
    assert slugify("SOP/Mekanisme Pengukuran Kinerja") == "sop-mekanisme-pengukuran-kinerja"
    assert (
        slugify("Pelaksanaan Pengukuran Kinerja/ Penilaian SKP")
        == "pelaksanaan-pengukuran-kinerja-penilaian-skp"
    )
    assert slugify("Kécamatan  Batumandi") == "kecamatan-batumandi"
    assert slugify("215/PMK.05/2016") == "215-pmk-05-2016"


def test_slugify_cuts_at_a_word_boundary_and_falls_back_to_the_default():
    assert slugify("penyusunan laporan kinerja tahunan", max_length=20) == "penyusunan-laporan"
    assert slugify("…", default="sop") == "sop"
    assert slugify("…") == ""


def test_fold_compares_words_not_spelling_of_punctuation_or_case():
    assert fold("SOP/Mekanisme  Monitoring & Evaluasi") == "sop mekanisme monitoring dan evaluasi"
    assert fold("Ｐｅｎｙｕｓｕｎａｎ") == "penyusunan"  # full-width letters (NFKC)
    assert fold("a_b") == "a b"


def test_ascii_words_and_spaces():
    assert ascii_words("Perbup Nomor 5 Tahun 2020 tentang Pengelolaan Keuangan") == [
        "perbup",
        "nomor",
        "5",
        "tahun",
        "2020",
        "tentang",
        "pengelolaan",
        "keuangan",
    ]
