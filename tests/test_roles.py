"""Role normalisation: alias table, agency context, agency peran lists, and the role index."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from catalogue import load_catalogue
from catalogue.analysis.roles import build_role_index
from catalogue.model import Agency, RoleDefinition
from catalogue.rules.roles import CANONICAL_ROLES, map_role, read_role, role_text_key

SEEDS = Path(__file__).resolve().parent.parent / "content" / "sops"


@pytest.mark.parametrize(
    ("written", "jenis", "key", "unit"),
    [
        ("Camat", "Kecamatan", "camat", None),
        ("CAMAT", None, "camat", None),
        ("Camat Rimbo Ilir", None, "camat", None),
        ("Sekcam", None, "sekretaris-camat", None),
        ("SEKCAM", None, "sekretaris-camat", None),
        ("Sekretaris Camat", None, "sekretaris-camat", None),
        ("Kasubbag Perencanaan dan Keuangan", None, "kepala-subbagian", "Perencanaan dan Keuangan"),
        ("Kasubag Umum & Kepegawaian", None, "kepala-subbagian", "Umum dan Kepegawaian"),
        ("Kepala Sub Bagian Umum", None, "kepala-subbagian", "Umum"),
        ("KASUBBAG PROG", None, "kepala-subbagian", "Program"),
        ("Kasubag Umpeg", None, "kepala-subbagian", "Umum dan Kepegawaian"),
        ("Kasi", None, "kepala-seksi", None),
        ("Kasie Pemerintahan", None, "kepala-seksi", "Pemerintahan"),
        ("Kepala seksi", None, "kepala-seksi", None),
        ("Kabid Bina Marga", None, "kepala-bidang", "Bina Marga"),
        ("Kadis", None, "kepala-dinas", None),
        ("Kepala Dinas Kesehatan", None, "kepala-dinas", None),
        ("Irban Wil", None, "inspektur-pembantu", "Wilayah"),
        ("Irban Wil. II", None, "inspektur-pembantu", "Wilayah II"),
        ("Inspektur Pembantu Wilayah III", None, "inspektur-pembantu", "Wilayah III"),
        ("Inspektur", None, "inspektur", None),
        ("Inspektur Kabupaten Balangan", None, "inspektur", None),
        ("Sekda", None, "sekretaris-daerah", None),
        ("Asisten 3", None, "asisten-sekda", "3"),
        ("Asisten Administrasi Umum", None, "asisten-sekda", "Administrasi Umum"),
        ("Lurah", None, "lurah", None),
        ("Kades", None, "kepala-desa", None),
        ("Pambakal", None, "kepala-desa", None),  # Banjar word for the village head (Balangan)
        ("JFT/JFU", None, "jft-jfu", None),
        ("Jabatan Fungsional Tertentu/Jabatan Fungsional Umum", None, "jft-jfu", None),
        ("JFT", None, "pejabat-fungsional", None),
        ("JF Analis Kebijakan", None, "pejabat-fungsional", "Analis Kebijakan"),
        ("JFU", None, "jabatan-fungsional-umum", None),
        ("Staf", None, "staf-pelaksana", None),
        ("STAF", None, "staf-pelaksana", None),
        ("Pelaksana", None, "staf-pelaksana", None),
        ("Pemohon", None, "pemohon", None),
        ("Tim SAKIP", None, "tim", "SAKIP"),
        ("Anggota Tim SAKIP", None, "anggota-tim", "SAKIP"),
        ("Ketua Tim SAKIP", None, "ketua-tim", "SAKIP"),
        ("Ketua Tim Kerja Perencanaan", None, "ketua-tim", "Perencanaan"),
        ("JF Sub Koordinator", None, "subkoordinator", None),
        ("Subkoordinator (Jabatan Fungsional)", None, "subkoordinator", None),
        ("Sub Koordinator Perencanaan", None, "subkoordinator", "Perencanaan"),
        ("Atasan Langsung", None, "atasan-langsung", None),
        ("Para pegawai", None, "pegawai", None),
    ],
)
def test_alias_table(written: str, jenis: str | None, key: str, unit: str | None) -> None:
    reading = read_role(written, jenis)
    assert (reading.key, reading.unit) == (key, unit)
    assert reading.known and not reading.inferred
    assert reading.nama == CANONICAL_ROLES[key]
    assert reading.written == written


@pytest.mark.parametrize(
    ("jenis", "key"),
    [
        ("Kecamatan", "sekretaris-camat"),
        ("Sekretariat Daerah", "sekretaris-daerah"),
        ("Dinas", "sekretaris-dinas"),
        ("Badan", "sekretaris-badan"),
        ("Inspektorat", "sekretaris-inspektorat"),
        ("Kelurahan", "sekretaris-kelurahan"),
    ],
)
def test_bare_sekretaris_depends_on_the_agency_and_is_an_inference(jenis: str, key: str) -> None:
    reading = read_role("Sekretaris", jenis)
    assert reading.key == key and reading.inferred
    assert reading.reason and "Sekretaris" in reading.reason and reading.nama in reading.reason


def test_bare_titles_without_context() -> None:
    assert read_role("Sekretaris").key == "sekretaris" and read_role("Sekretaris").inferred
    assert read_role("Kepala", "Kelurahan").key == "lurah"
    assert read_role("Pimpinan", "Dinas").key == "kepala-dinas"
    assert read_role("Anggota").key == "anggota-tim" and read_role("Anggota").inferred


def test_unknown_roles_keep_their_wording() -> None:
    reading = read_role("Petugas  Loket")
    assert not reading.known and reading.key == "petugas-loket" and reading.nama == "Petugas Loket"


def test_role_names_compare_without_case_space_or_punctuation() -> None:
    assert role_text_key("Kasubbag Umum & Kepegawaian") == role_text_key("  KASUBBAG umum dan kepegawaian.")
    assert role_text_key("JFT / JFU") == role_text_key("jft/jfu")


def agency(jenis: str, *peran: RoleDefinition) -> Agency:
    return Agency("kec", "kab", "Kecamatan Uji", jenis, None, tuple(peran), Path("x"))


def test_map_role_uses_the_agency_peran_list() -> None:
    a = agency(
        "Kecamatan",
        RoleDefinition("Sekretaris Camat", ("Sekcam", "Sekretaris")),
        RoleDefinition("Kepala Subbagian Program dan Keuangan", ("KASUBBAG PROG",)),
    )
    reading, declared = map_role("kasubbag  prog", a)
    assert (
        declared is a.peran[1]
        and reading.key == "kepala-subbagian"
        and reading.unit == "Program dan Keuangan"
    )
    reading, declared = map_role("Sekcam", a)
    assert declared is a.peran[0] and not reading.inferred
    # A bare "Sekretaris" stays an inference even though the peran list records the same reading.
    reading, declared = map_role("Sekretaris", a)
    assert declared is a.peran[0] and reading.key == "sekretaris-camat" and reading.inferred
    assert "Sekretaris Camat" in reading.reason
    reading, declared = map_role("Kasi", a)
    assert declared is None and reading.key == "kepala-seksi"


# --------------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------------

SOP = """\
nomor: "{nomor}"
nama: {nama}
disahkan_oleh: Camat
tanggal_efektif: 2024-01-02
pelaksana: {pelaksana}
langkah:
{langkah}
"""


def step(
    no: int,
    who: str,
    kegiatan: str,
    waktu: str = "10 menit",
    output: str = "Dokumen",
    status: str = "tertulis",
) -> str:
    return textwrap.indent(
        textwrap.dedent(f"""\
        - no: {no}
          kegiatan: {kegiatan}
          pelaksana: {who}
          pelaksana_status: {status}
          waktu: {waktu}
          output: {output}
        """),
        "  ",
    )


def write(root: Path, pemda: str, slug: str, instansi: str, sops: dict[str, str]) -> None:
    d = root / pemda / slug
    d.mkdir(parents=True)
    (root / pemda / "_pemda.yml").write_text("nama: Kabupaten Uji\n", encoding="utf-8")
    (d / "_instansi.yml").write_text(textwrap.dedent(instansi), encoding="utf-8")
    for name, text in sops.items():
        (d / f"{name}.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def role_catalogue(tmp_path: Path):
    root = tmp_path / "sops"
    write(
        root,
        "kab-uji",
        "kec-a",
        """\
        nama: Kecamatan A
        jenis: Kecamatan
        peran:
          - nama: Camat
          - nama: Kepala Subbagian Perencanaan dan Keuangan
            alias: [Kasubbag Renkeu]
          - nama: Kepala Seksi Pemerintahan
        """,
        {
            "satu": SOP.format(
                nomor="1/A",
                nama="Pengukuran Kinerja",
                pelaksana="[Camat, Sekcam, Kasubbag Renkeu]",
                langkah=step(1, "Camat", "Memerintahkan pengukuran")
                + step(2, "Kasubbag Renkeu", "Menyusun format", "1 Jam", "Format")
                + step(3, "Sekcam", "Memeriksa", "2 hari", "Draf", status="disimpulkan")
                + step(4, "Camat", "Menandatangani"),
            ),
            "dua": SOP.format(
                nomor="2/A",
                nama="Surat Masuk",
                pelaksana="[CAMAT, Sekretaris Camat, Sekretaris]",
                langkah=step(1, "CAMAT", "Mendisposisi")
                + step(2, "Sekretaris Camat", "Meneruskan")
                + step(3, "Sekretaris", "Mengarsipkan"),
            ),
        },
    )
    write(
        root,
        "kab-uji",
        "kec-b",
        "nama: Kecamatan B\njenis: Kecamatan\n",
        {
            "satu": SOP.format(
                nomor="1/B",
                nama="Pengukuran Kinerja",
                pelaksana="[Camat, Kasi Pemerintahan, Petugas]",
                langkah=step(1, "Camat", "Memerintahkan")
                + step(2, "Kasi Pemerintahan", "Mengumpulkan")
                + step(3, "Petugas", "Mengarsipkan"),
            ),
        },
    )
    catalogue = load_catalogue(root)
    assert not catalogue.errors, catalogue.errors
    return catalogue


def test_agency_roles_merge_spellings_of_one_post(role_catalogue) -> None:
    index = build_role_index(role_catalogue)
    roles = index.by_agency["kab-uji/kec-a"]
    assert set(roles) == {"camat", "kepala-subbagian-perencanaan-dan-keuangan", "sekretaris-camat"}
    camat = roles["camat"]
    assert camat.declared and camat.written_forms == ["CAMAT", "Camat"]
    assert [(t.sop_id.rsplit("/", 1)[1], t.step_no) for t in camat.tasks] == [
        ("dua", "1"),
        ("satu", "1"),
        ("satu", "4"),
    ]
    sekcam = roles["sekretaris-camat"]
    # Not declared: keyed by its canonical name, named in the agency's own (most common, then first) wording.
    assert not sekcam.declared and sekcam.reading.key == "sekretaris-camat"
    assert sekcam.written_forms == ["Sekretaris Camat", "Sekretaris", "Sekcam"]
    assert sekcam.nama == "Sekretaris Camat"
    assert sekcam.inferred and any("Sekretaris Camat" in r for r in sekcam.reasons)
    assert index.reading_of("kab-uji/kec-a/dua", "Sekretaris").inferred
    assert not index.reading_of("kab-uji/kec-a/satu", "Sekcam").inferred
    # The declared post that no SOP uses has no page.
    assert "kepala-seksi-pemerintahan" not in roles


def test_tasks_carry_the_step(role_catalogue) -> None:
    index = build_role_index(role_catalogue)
    kasubbag = index.role_of("kab-uji/kec-a/satu", "Kasubbag Renkeu")
    assert kasubbag.nama == "Kepala Subbagian Perencanaan dan Keuangan"
    assert kasubbag.reading.unit == "Perencanaan dan Keuangan"
    (task,) = kasubbag.tasks
    assert (task.step_no, task.kegiatan, task.waktu, task.output, task.pelaksana_inferred) == (
        "2",
        "Menyusun format",
        "1 Jam",
        "Format",
        False,
    )
    sekcam_task = index.role_of("kab-uji/kec-a/satu", "Sekcam").tasks[-1]
    assert sekcam_task.pelaksana_inferred and sekcam_task.waktu == "2 hari"


def test_canonical_roles_across_agencies(role_catalogue) -> None:
    index = build_role_index(role_catalogue)
    camat = index.canonical["camat"]
    assert camat.agencies == ["kab-uji/kec-a", "kab-uji/kec-b"]
    assert len(camat.tasks) == 4
    kasi = index.canonical["kepala-seksi"]
    assert [r.reading.unit for r in kasi.roles] == ["Pemerintahan"]
    unknown = index.by_agency["kab-uji/kec-b"]["petugas"]
    assert not unknown.reading.known and unknown.canonical_key == "petugas"
    for roles in index.by_agency.values():
        for key in roles:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)
    for key in index.canonical:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key)
    assert [r.key for r in index.roles_of_sop(role_catalogue.sops["kab-uji/kec-b/satu"])] == [
        "camat",
        "kepala-seksi-pemerintahan",
        "petugas",
    ]


def test_keys_are_stable_across_builds(role_catalogue) -> None:
    def keys(index):
        return {a: list(r) for a, r in index.by_agency.items()}, list(index.canonical)

    assert keys(build_role_index(role_catalogue)) == keys(build_role_index(role_catalogue))


def test_seeds(tmp_path: Path) -> None:
    assert any(SEEDS.glob("*/*/*.yml")), "the seed catalogue in content/sops is missing"
    catalogue = load_catalogue(SEEDS)
    index = build_role_index(catalogue)
    batumandi = "kabupaten-balangan/kecamatan-batumandi/pelaksanaan-pengukuran-kinerja-triwulan"
    sekretaris = index.reading_of(batumandi, "Sekretaris")
    assert sekretaris.key == "sekretaris-camat" and sekretaris.inferred
    kasubbag = index.reading_of(batumandi, "Kasubbag Perencanaan dan Keuangan")
    assert (kasubbag.key, kasubbag.unit) == ("kepala-subbagian", "Perencanaan dan Keuangan")
    assert len(index.canonical["camat"].agencies) == 3
    assert len(index.canonical["sekretaris-camat"].agencies) == 3
    assert index.canonical["kepala-subbagian"].agencies == [
        "kabupaten-balangan/inspektorat",
        "kabupaten-balangan/kecamatan-batumandi",
        "kabupaten-tebo/kecamatan-rimbo-ilir",
    ]
    every_column = [(s.id, r) for s in catalogue.sops.values() for r in s.pelaksana]
    assert all(index.role_of(*c) is not None for c in every_column)
    assert all(index.reading_of(*c).known for c in every_column)
