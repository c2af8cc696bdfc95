"""The head's work and the clerks' work: the rank rule behind a performer the document does not state."""

import pytest

from catalogue.importer import duties
from catalogue.importer.parsed import ParsedSop, ParsedStep, Signer
from catalogue.importer.performers import infer_performers


@pytest.mark.parametrize(
    "role, head, clerk",
    [
        ("Kadis PMD", True, False),
        ("Camat", True, False),
        ("Kades", True, False),
        ("Kabid Angkutan", False, False),
        ("Staf Bidang PKAD", False, True),
        ("Operator SIKS-NG", False, True),
        ("Petugas Loket PATEN", False, True),
        ("Pengadministrasi Umum", False, True),
        ("Front Office", False, True),
        ("Pemohon", False, False),
        ("Tim Survei", False, False),
    ],
)
def test_rank_of_a_column(role, head, clerk):
    assert duties.is_head_post(role) is head
    assert duties.is_clerical(role) is clerk


def test_the_head_is_the_signer_or_the_one_heading_post():
    assert duties.head_column(["Pemohon", "Kasi", "Camat"], None) == "Camat"
    assert duties.head_column(["Kepala Desa", "Camat", "Kadis PMD"], None) is None  # three heads: no guess
    assert duties.head_column(["Kepala Desa", "Camat", "Kadis PMD"], "Kadis PMD") == "Kadis PMD"
    assert duties.clerical_column(["Petugas SISRUTE", "Petugas BPJS Center"]) is None  # two clerks: no guess
    assert duties.manager_column(["Kepala Bappeda", "Kabid P2EPD", "Tim"]) == "Kabid P2EPD"


@pytest.mark.parametrize(
    "text, head, clerk",
    [
        ("Menerima pengaduan dan memberikan disposisi kepada Kabid", True, False),
        ("Menerbitkan surat perintah pembongkaran", True, False),
        ("Menyampaikan rancangan akhir kepada Bupati melalui Sekretaris Daerah", True, False),
        ("Menerima laporan dan menyampaikannya kepada Wali Kota", True, False),
        ("Mengarsipkan berkas dan memutakhirkan data", False, True),
        ("Mencatat permohonan dalam buku register", False, True),
        ("Membubuhkan nomor dan stempel", False, True),
        ("Mengunggah data penerima ke aplikasi", False, True),
        ("Menelaah kelengkapan berkas", False, False),
        ("Mencatat hasil pemeriksaan lapangan", False, False),  # noting a finding is no register
        ("Menyampaikan hasil kepada pemohon", False, False),
    ],
)
def test_kind_of_work(text, head, clerk):
    assert (duties.head_work(text) is not None) is head
    assert (duties.clerical_work(text) is not None) is clerk


def _infer(*kegiatan, roles, signer=None):
    sop = ParsedSop(
        roles=list(roles),
        steps=[ParsedStep(str(n), k) for n, k in enumerate(kegiatan, 1)],
        signer=Signer(jabatan=signer),
    )
    infer_performers(sop)
    return sop


ROLES = ["Kepala Desa", "Staf Bidang", "Kabid", "Kadis"]


def test_a_clerks_step_goes_to_the_one_clerk_and_stays_flagged():
    sop = _infer("Kabid menelaah usulan", "Mengarsipkan berkas usulan", roles=ROLES, signer="Kepala Dinas")
    step = sop.steps[1]
    assert (step.pelaksana, step.pelaksana_status) == ("Staf Bidang", "disimpulkan")
    assert "pekerjaan administrasi" in step.pelaksana_alasan
    assert [r.field for r in sop.reviews] == [("langkah", 1, "pelaksana")]


def test_the_heads_work_goes_to_the_signers_column():
    sop = _infer(
        "Staf Bidang memeriksa laporan",
        "Menyampaikan laporan kepada Bupati",
        roles=ROLES,
        signer="Plt. Kepala Dinas Pemberdayaan Masyarakat",
    )
    assert sop.steps[1].pelaksana == "Kadis"
    assert "pekerjaan pimpinan" in sop.steps[1].pelaksana_alasan


def test_a_head_does_not_carry_on_with_a_clerks_or_a_managers_work():
    steps = ("Kadis menandatangani rekomendasi", "Menyampaikan rekomendasi kepada BPKAD")
    sop = _infer(*steps, roles=ROLES, signer="Kepala Dinas")
    assert sop.steps[1].pelaksana == "Staf Bidang"
    assert "dikerjakan pimpinan" in sop.steps[1].pelaksana_alasan
    # Two heading posts and no signer among the columns: no head is known, so the performer carries on.
    assert _infer(*steps, roles=ROLES).steps[1].pelaksana == "Kadis"
    # Without a clerk, the one manager takes it; the head's own work stays the head's.
    sop = _infer(
        "Kadis menetapkan jadwal", "Menyusun kerangka acuan", "Memimpin rapat", roles=["Kabid", "Kadis"]
    )
    assert [s.pelaksana for s in sop.steps] == ["Kadis", "Kabid", "Kadis"]


def test_a_stated_performer_is_never_replaced_by_a_rank_guess():
    sop = _infer("Kadis mengarsipkan berkas", roles=ROLES)
    assert (sop.steps[0].pelaksana, sop.steps[0].pelaksana_status) == ("Kadis", "tertulis")
    assert not sop.reviews


@pytest.mark.parametrize(
    "text, drafting",
    [
        ("Menyiapkan konsep surat rekomendasi", True),
        ("Menyusun laporan pelaksanaan kepada Kadis", True),
        ("Membuat berita acara pemeriksaan", True),
        ("Menyiapkan Surat Teguran Pertama", True),
        ("Menyiapkan ruang rapat", False),
        ("Memeriksa konsep surat", False),
    ],
)
def test_drafting_work(text, drafting):
    assert (duties.drafting_work(text) is not None) is drafting


def test_a_field_officer_does_not_carry_on_with_drafting_but_a_manager_or_clerk_does():
    roles = ["Kasatpol PP", "Kabid Gakda", "PPNS", "Danru"]
    sop = _infer("PPNS melakukan pengecekan lapangan", "Menyiapkan surat teguran", roles=roles)
    assert sop.steps[1].pelaksana == "Kabid Gakda"
    assert "pekerjaan pejabat struktural" in sop.steps[1].pelaksana_alasan
    sop = _infer("Kabid Gakda menelaah hasil", "Menyiapkan surat teguran", roles=roles)
    assert "diteruskan" in sop.steps[1].pelaksana_alasan  # a manager carries on with his own kind of work
    sop = _infer("PPNS melakukan pengecekan lapangan", "Menyimpulkan hasil pemeriksaan", roles=roles)
    assert sop.steps[1].pelaksana == "PPNS"  # not drafting: the performer carries on


@pytest.mark.parametrize(
    "role, kind",
    [
        ("Kepala BKPSDM", "head"),  # "Kepala" and an agency's name heads the agency
        ("Kepala Ruangan", None),  # … but "Kepala" and a part of an office does not
        ("Wajib Pajak", "applicant"),
        ("Pelapor", "applicant"),
        ("Pasien/ Keluarga", "applicant"),
        ("Tim Teknis", "team"),
        ("Anggota Tim", "team"),
        ("Ketua Tim", None),  # leads the team; the field work is the members'
        ("Kasir", "cashier"),
        ("Bendahara Penerimaan", "cashier"),
    ],
)
def test_more_ranks(role, kind):
    kinds = {
        "head": duties.is_head_post,
        "applicant": duties.is_applicant,
        "team": duties.is_field_team,
        "cashier": duties.is_cashier,
    }
    assert {name for name, test in kinds.items() if test(role)} == ({kind} if kind else set())


@pytest.mark.parametrize(
    "text, field",
    [
        ("Melakukan survei lapangan: mengukur dimensi kerusakan", True),
        ("Mengumpulkan dokumen dan melakukan wawancara di lapangan", True),
        ("Melakukan pemeriksaan fisik kendaraan", True),
        ("Menyusun berita acara pemeriksaan lapangan", True),
        ("Menelaah hasil survei", False),  # reviewing it is no field work
        ("Menjadwalkan peninjauan lapangan", False),  # nor is scheduling it
        ("Menyusun konsep izin lokasi", False),
        ("Melakukan verifikasi berkas", False),
    ],
)
def test_field_work(text, field):
    assert (duties.field_work(text) is not None) is field


def test_front_office_is_the_loket_clerk_among_several_clerks():
    roles = ["Wajib Pajak", "Petugas Pelayanan", "Tim Pendataan", "Operator SISMIOP", "Kaban"]
    assert duties.clerical_column(roles) is None
    assert duties.front_office_column(roles) == "Petugas Pelayanan"


def test_the_applicant_does_not_carry_on_and_field_and_cash_work_find_their_columns():
    roles = ["Wajib Pajak", "Petugas Pelayanan", "Kasir", "Tim Pendataan", "Operator SISMIOP", "Kaban"]
    sop = _infer(
        "Wajib Pajak menyerahkan berkas permohonan",
        "Meneliti kelengkapan berkas",
        "Menerima pembayaran retribusi",
        "Melakukan penelitian lapangan dan mengukur luas tanah",
        "Mengunduh SPPT dan mengisi survei kepuasan",
        roles=roles,
    )
    assert [s.pelaksana for s in sop.steps] == [
        "Wajib Pajak",
        "Petugas Pelayanan",
        "Kasir",
        "Tim Pendataan",
        "Wajib Pajak",
    ]
    assert all(s.pelaksana_status == "disimpulkan" for s in sop.steps[1:])
    assert {r.field[1] for r in sop.reviews} == {1, 2, 3, 4}
