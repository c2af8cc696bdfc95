"""Stated and inferred performers (catalogue.importer.performers), on small procedures written here."""

from __future__ import annotations

import pytest

from catalogue.importer.parsed import ParsedSop, ParsedStep, Signer
from catalogue.importer.performers import infer_performers, is_predicate, sentence_subject
from catalogue.importer.role_names import RoleNames

ROLES = ["Pemohon", "Petugas Loket", "Kasi Yanum", "Sekcam", "Camat"]


def _sop(*kegiatan: str, roles=ROLES, keterangan: dict[int, str] | None = None, signer: str | None = None):
    steps = [ParsedStep(str(n), k, keterangan=(keterangan or {}).get(n)) for n, k in enumerate(kegiatan, 1)]
    sop = ParsedSop(roles=list(roles), steps=steps, signer=Signer(jabatan=signer))
    infer_performers(sop)
    return sop


def _flags(sop: ParsedSop) -> dict[int, str]:
    return {r.field[1]: r.message for r in sop.reviews if r.field[2:] == ("pelaksana",)}


@pytest.mark.parametrize(
    "kegiatan, role",
    [
        ("Petugas loket menerima berkas", "Petugas Loket"),
        (
            "Kepala Seksi Pelayanan Umum memeriksa berkas",
            "Kasi Yanum",
        ),  # full title under an abbreviated header
        ("Sekretaris Camat memaraf konsep", "Sekcam"),
        ("Pemohon datang ke loket dengan membawa berkas", "Pemohon"),  # a verb without object
        ("Pemohon wajib melengkapi berkas", "Pemohon"),  # a modal opens the predicate
        (
            "Staf Kecamatan selaku Petugas Loket mencatat permohonan",
            "Petugas Loket",
        ),  # "X selaku Y": the column Y
        ("Kasi Yanum selaku verifikator memeriksa berkas", "Kasi Yanum"),  # Y is no column: the post X
        ("Camat melalui Sekcam memberikan disposisi", "Camat"),  # the Sekcam is the channel
        ("Petugas loket bersama operator mengunggah data", "Petugas Loket"),
        ("Setelah berkas lengkap, Kasi Yanum menyusun konsep", "Kasi Yanum"),
        ("Surat keterangan ditandatangani oleh Camat", "Camat"),  # the agent of a passive sentence
    ],
)
def test_a_role_named_as_the_subject_is_stated_and_not_flagged(kegiatan, role):
    sop = _sop(kegiatan)
    step = sop.steps[0]
    assert (step.pelaksana, step.pelaksana_status, step.pelaksana_alasan) == (role, "tertulis", None)
    assert not _flags(sop)


def test_a_role_named_as_object_is_not_the_subject():
    names = RoleNames(ROLES)
    assert sentence_subject("Menyampaikan laporan kepada Camat", names) is None
    assert sentence_subject("Memerintahkan Sekcam menyusun laporan", names) is None
    assert sentence_subject("Camat surat keputusan", names) is None  # no predicate after the name


def test_two_roles_as_subject_are_left_for_review():
    sop = _sop("Camat dan Sekcam membahas laporan", "Pemohon atau Petugas Loket mengisi formulir")
    assert [s.pelaksana for s in sop.steps] == [None, None]
    flags = _flags(sop)
    assert "beberapa pelaksana" in flags[0] and "'dan'" in flags[0]
    assert "'atau'" in flags[1]


@pytest.mark.parametrize(
    "word, predicate",
    [
        ("memeriksa", True),
        ("berkoordinasi", True),
        ("ditandatangani", True),
        ("hadir", True),
        ("melalui", False),
        ("bersama", False),
        ("tersebut", False),
        ("loket", False),
    ],
)
def test_predicates(word, predicate):
    assert is_predicate(word) is predicate


def test_an_unnamed_performer_is_inferred_with_its_reason_and_flagged():
    sop = _sop(
        "Pemohon mengajukan permohonan",
        "Memeriksa kelengkapan berkas",
        "Petugas loket meneruskan berkas kepada Kasi Yanum",
        "Menyusun konsep surat",
        "Menandatangani surat",
        "Menyerahkan surat kepada pemohon",
        signer="Camat Contoh",
    )
    got = [(s.pelaksana, s.pelaksana_status) for s in sop.steps]
    assert got == [
        ("Pemohon", "tertulis"),
        ("Petugas Loket", "disimpulkan"),  # the applicant does not carry on: the front office takes it in
        ("Petugas Loket", "tertulis"),
        ("Kasi Yanum", "disimpulkan"),
        ("Camat", "disimpulkan"),
        ("Petugas Loket", "disimpulkan"),
    ]
    flags = _flags(sop)
    assert set(flags) == {1, 3, 4, 5}
    assert "langkah 1 dikerjakan Pemohon, dan pekerjaan kantor sesudahnya diterima Petugas Loket" in flags[1]
    assert "menyerahkan hasilnya kepada Kasi Yanum" in flags[3]
    assert "pengesah SOP ini (Camat Contoh)" in flags[4]
    assert "kepada Pemohon, yang berkasnya diterima Petugas Loket pada langkah 2" in flags[5]
    for i in (1, 3, 4, 5):
        assert sop.steps[i].pelaksana_alasan.startswith("Dokumen tidak menyebut pelaksana langkah ini")


def test_a_decision_returning_the_case_to_a_named_role_states_who_does_that_step():
    sop = _sop(
        "Menyerahkan berkas ke loket",
        "Petugas loket memeriksa berkas",
        "Menyusun konsep",
        keterangan={2: "Tidak lengkap: dikembalikan kepada pemohon (langkah 1)"},
    )
    first = sop.steps[0]
    assert (first.pelaksana, first.pelaksana_status) == ("Pemohon", "disimpulkan")
    assert "langkah 2 mengembalikan berkas kepada Pemohon" in first.pelaksana_alasan
    assert 0 not in _flags(sop)  # the document names the person: strong evidence, not a doubt


def test_applicant_and_first_column_rules():
    sop = _sop("Mengajukan permohonan izin", roles=["Kasi Yanum", "Pemohon"])
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == ("Pemohon", "disimpulkan")
    sop = _sop("Menerima laporan masyarakat", "Kasi Yanum memeriksa laporan", roles=["Camat", "Kasi Yanum"])
    assert sop.steps[0].pelaksana == "Camat" and "kolom peran pertama" in _flags(sop)[0]


def test_what_only_the_applicant_does_is_the_applicant_s_step_and_flagged():
    sop = _sop(
        "Petugas loket menerbitkan SKRD retribusi",
        "Membayar retribusi ke kas daerah",
        "Kasi Yanum memeriksa bukti bayar",
        "Menerima salinan surat izin",
        "Camat menandatangani laporan",
        "Menerima laporan pemeriksaan",
    )
    performers = [s.pelaksana for s in sop.steps]
    assert performers == ["Petugas Loket", "Pemohon", "Kasi Yanum", "Pemohon", "Camat", "Camat"]
    assert "hanya dilakukan pemohon" in _flags(sop)[1] and "hanya dilakukan pemohon" in _flags(sop)[3]
    # Receiving a report is no applicant's act: it is the head's work (catalogue/importer/duties.py).
    assert "pekerjaan pimpinan" in _flags(sop)[5]
    # An applicant named as the object is not the performer.
    sop = _sop("Kasi Yanum memeriksa berkas", "Menerima hasil pemeriksaan dari Pemohon")
    assert sop.steps[1].pelaksana == "Kasi Yanum"


def test_the_object_of_the_sentence_does_not_carry_on():
    sop = _sop(
        "Camat menandatangani surat",
        "Kasi Yanum memaraf surat",
        "Menyerahkan surat kepada Kasi Yanum",
        roles=["Pemohon", "Kasi Yanum", "Camat"],
    )
    assert sop.steps[2].pelaksana == "Camat"  # the nearest earlier performer who is not the object
    sop = _sop("Camat menandatangani surat", "Menyerahkan surat kepada Camat", roles=["Pemohon", "Camat"])
    assert sop.steps[1].pelaksana == "Pemohon"  # nothing to go by: the first column that is not the object
    assert "tanpa petunjuk lain" in _flags(sop)[1]
    sop = _sop("Menyerahkan surat kepada Camat", roles=["Camat"])
    assert sop.steps[0].pelaksana is None and "tujuan/objek" in _flags(sop)[0]


def test_a_column_the_previous_step_brings_in_takes_over():
    roles = ["Dokter", "Kepala Ruangan", "Perawat", "Sopir"]
    sop = _sop(
        "Kepala Ruangan menyiapkan ambulans dan perawat pendamping",
        "Memeriksa tanda vital pasien",
        roles=roles,
    )
    step = sop.steps[1]
    assert (step.pelaksana, step.pelaksana_status) == ("Perawat", "disimpulkan")
    assert "langkah 1 menyebut Perawat" in step.pelaksana_alasan and 1 in _flags(sop)  # a guess: flagged
    # Two columns brought in: no telling which; the performer carries on.
    sop = _sop("Kepala Ruangan memanggil perawat dan sopir", "Memeriksa tanda vital pasien", roles=roles)
    assert sop.steps[1].pelaksana == "Kepala Ruangan"
    # Nor a column this step names as its object.
    sop = _sop("Kepala Ruangan memanggil perawat", "Menyerahkan catatan kepada perawat", roles=roles)
    assert sop.steps[1].pelaksana == "Kepala Ruangan"
    # The head's step is followed by the rank rule, not by whom the head's sentence names.
    sop = _sop("Camat menetapkan Kasi Yanum sebagai verifikator", "Memeriksa kelengkapan berkas")
    assert sop.steps[1].pelaksana == "Petugas Loket"


def test_a_drawn_symbol_states_the_performer_and_wins_over_inference():
    sop = ParsedSop(roles=ROLES, steps=[ParsedStep("1", "Menerima berkas", symbol_role="Petugas Loket")])
    infer_performers(sop)
    step = sop.steps[0]
    assert (step.pelaksana, step.pelaksana_status) == ("Petugas Loket", "tertulis")
    assert "Simbol bagan alir" in step.catatan and not sop.reviews


def test_a_sentence_that_contradicts_the_symbol_is_flagged():
    sop = ParsedSop(
        roles=ROLES, steps=[ParsedStep("1", "Camat menerima berkas", symbol_role="Petugas Loket")]
    )
    infer_performers(sop)
    assert sop.steps[0].pelaksana is None and "tentukan pelaksana" in sop.reviews[0].message


def test_a_column_whose_name_holds_a_predicate_word_and_a_noun_that_looks_like_a_verb():
    # "wajib" opens a predicate ("Pemohon wajib …"), but "Wajib Pajak" is the column's own name.
    sop = _sop("Wajib Pajak mengisi formulir SPOP", roles=["Wajib Pajak", "Petugas Pelayanan"])
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == ("Wajib Pajak", "tertulis")
    # "Dinas" is no passive verb: the person of a "X selaku Y" subject goes on past it.
    sop = _sop(
        "Petugas Dinas Kesehatan selaku Tim Teknis memeriksa tempat praktik", roles=["Tim Teknis", "Kadis"]
    )
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == ("Tim Teknis", "tertulis")
    # "Kepala" and the agency's name (as the signer's title gives it) is the head's column.
    sop = _sop(
        "SIPB ditandatangani secara elektronik oleh Kepala DPMPTSP",
        roles=["Front Office", "Kabid Perizinan", "Kadis"],
        signer="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kota Kendari",
    )
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == ("Kadis", "tertulis")
    sop = _sop(
        "Surat ditandatangani oleh Kepala Sekolah", roles=["Kabid", "Kadis"], signer="Kepala Dinas Pendidikan"
    )
    assert sop.steps[0].pelaksana_status != "tertulis"  # another office's head is no column here


@pytest.mark.parametrize(
    "sentence, roles, performer",
    [
        ("Kepala Dinas Kesehatan menandatangani surat", ["Staf", "Kepala Dinas"], "Kepala Dinas"),
        ("Kepala Desa Sukamaju menandatangani surat", ["Kaur Umum", "Kepala Desa"], "Kepala Desa"),
        ("Petugas Loket Kecamatan menerima berkas", ["Pemohon", "Petugas Loket"], "Petugas Loket"),
    ],
)
def test_a_column_name_followed_by_its_place_is_still_the_stated_subject(sentence, roles, performer):
    sop = _sop(sentence, roles=roles)
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == (performer, "tertulis")


def test_an_ambiguous_kepala_stays_undecided_and_the_agency_head_match_is_flagged():
    roles = ["Kadis Kesehatan", "Kadis Sosial"]
    sop = _sop("Kepala Dinas menandatangani surat", roles=roles, signer="Kepala Dinas Kesehatan Kab. X")
    assert sop.steps[0].pelaksana_status != "tertulis"
