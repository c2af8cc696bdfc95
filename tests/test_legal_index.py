"""The legal index on tiny catalogues written to tmp_path: citations, groupings and the auditor's findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue import load_catalogue
from catalogue.analysis.legal_index import (
    DICABUT,
    INDUK_DICABUT,
    SALAH_KETIK,
    TIDAK_TERURAI,
    LegalIndex,
    build_legal_index,
    is_typing_slip,
    titles_match,
)
from catalogue.rules.citations import parse_citation
from catalogue.source.registry import RegulationRegistry, load_registry
from tests.conftest import MINIMAL_SOP, REPO, write_catalogue

REGISTRY = REPO / "content" / "peraturan.yml"
P86 = "peraturan-menteri-dalam-negeri-86-2017"
P96 = "peraturan-menteri-dalam-negeri-96-2017"
T86 = (
    "Tata Cara Perencanaan, Pengendalian Dan Evaluasi Pembangunan Daerah, Tata Cara Evaluasi Rancangan "
    "Peraturan Daerah Tentang Rencana Pembangunan Jangka Panjang Daerah"
)


def sop(nomor: str, dasar_hukum: str) -> str:
    """MINIMAL_SOP with its own nomor and Dasar Hukum block (YAML list items, two-space indented)."""
    head, rest = MINIMAL_SOP.split("dasar_hukum:\n", 1)
    rest = rest.split("kualifikasi_pelaksana:", 1)[1]
    head = head.replace('nomor: "001/SOP/2024"', f'nomor: "{nomor}"')
    return f"{head}dasar_hukum:\n{dasar_hukum}kualifikasi_pelaksana:{rest}"


SOP_A = sop(
    "A/2024",
    f"""\
  - "Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017 tentang {T86}"
  - "Peraturan Pemerintah Nomor 58 Tahun 2005 tentang Pengelolaan Keuangan Daerah"
  - "Peraturan Kepala Badan Kepegawaian Negara Nomor 1 Tahun 2013 tentang Ketentuan Pelaksanaan Peraturan \\
Pemerintah Nomor 46 Tahun 2011 tentang Penilaian Prestasi Kerja Pegawai Negeri Sipil"
  - "Peraturan perundang-undangan terkait"
""",
)
SOP_B = sop(
    "B/2024",
    f"""\
  - "Permendagri No. 86 tahun 2017 tentang {T86.lower()}, Dan Rencana Pembangunan Jangka Menengah Daerah"
  - "Peraturan Pemerintah Nomor 46 Tahun 2011 tentang Penilaian Prestasi Kerja Pegawai Negeri Sipil"
  - "Perbup Nomor 5 Tahun 2020 tentang Uraian Tugas Kecamatan"
""",
)
SOP_C = sop(
    "C/2024",
    f"""\
  - "Peraturan Menteri Dalam Negeri Republik Indonesia Nomor 96 Tahun 2017 tentang {T86}"
  - teks: "Perda tentang Susunan Organisasi (lihat naskah)"
    rujukan:
      - {{jenis: Peraturan Daerah, penerbit: Kabupaten Uji, nomor: "3", tahun: "2016", tentang: SOTK}}
  - teks: "PP 12/2019"
    rujukan:
      - {{jenis: PP, nomor: "12", tahun: "2019"}}
      - {{jenis: Peraturan Menteri, penerbit: Mendagri, nomor: "77", tahun: "2020"}}
""",
)
A, B, C = (f"kab-uji/kec-uji/{name}" for name in "abc")


def index_of(tmp_path: Path, sops: dict[str, str], registry: RegulationRegistry | None) -> LegalIndex:
    catalogue = load_catalogue(write_catalogue(tmp_path / "sops", sops))
    assert not catalogue.errors, catalogue.errors
    return build_legal_index(catalogue, registry)


@pytest.fixture
def index(tmp_path: Path) -> LegalIndex:
    return index_of(tmp_path, {"a.yml": SOP_A, "b.yml": SOP_B, "c.yml": SOP_C}, load_registry(REGISTRY))


def kinds(index: LegalIndex, sop_id: str, line: int) -> set[str]:
    return {f.kind for f in index.findings if (f.sop_id, f.line) == (sop_id, line)}


def test_citations_are_gathered_per_regulation(index: LegalIndex) -> None:
    reg = index.regulations[P86]
    assert [(c.sop_id, c.line) for c in reg.citations] == [(A, 0), (B, 0)]
    assert reg.citations[1].teks.startswith("Permendagri No. 86 tahun 2017")
    assert reg.entry is not None
    assert reg.reference.tentang.startswith(
        "Tata Cara Perencanaan, Pengendalian dan Evaluasi"
    )  # official title
    assert len(reg.judul_tertulis) == 2  # as the two SOPs wrote it
    assert reg.short_name == "Permendagri 86/2017"
    assert reg.url == "https://peraturan.go.id/id/permendagri-no-86-tahun-2017"
    assert reg.sop_ids == (A, B)


def test_groupings_by_jenis_and_year(index: LegalIndex) -> None:
    assert list(index.by_jenis) == [
        "Peraturan Pemerintah",
        "Peraturan Menteri",
        "Peraturan Kepala",
        "Peraturan Daerah",
        "Peraturan Bupati",
    ]
    assert set(index.by_jenis["Peraturan Pemerintah"]) == {
        "peraturan-pemerintah-58-2005",
        "peraturan-pemerintah-46-2011",
        "peraturan-pemerintah-12-2019",
    }
    assert list(index.by_tahun) == sorted(index.by_tahun)
    assert set(index.by_tahun["2017"]) == {P86, P96}
    assert index.by_jenis["Peraturan Pemerintah"] == (
        "peraturan-pemerintah-58-2005",
        "peraturan-pemerintah-46-2011",
        "peraturan-pemerintah-12-2019",
    )


def test_mistyped_96_is_reported_as_probably_86(index: LegalIndex) -> None:
    found = [f for f in index.findings if f.kind == SALAH_KETIK]
    assert len(found) == 1
    f = found[0]
    assert (f.sop_id, f.line, f.regulation_id, f.related_ids) == (C, 0, P96, (P86,))
    assert f.inference and f.basis == "registri"
    assert "Permendagri 96/2017" in f.message and "Permendagri 86/2017" in f.message and "dugaan" in f.message
    # The finding concerns both regulations: each one's page lists it, and no other's does.
    assert f.regulation_ids == (P96, P86)
    assert f in index.findings_about(P86) and f in index.findings_about(P96)
    assert f not in index.findings_about("peraturan-pemerintah-46-2011")


def test_without_a_registry_the_majority_decides(tmp_path: Path) -> None:
    idx = index_of(tmp_path, {"a.yml": SOP_A, "b.yml": SOP_B, "c.yml": SOP_C}, None)
    (f,) = [f for f in idx.findings if f.kind == SALAH_KETIK]
    assert (f.regulation_id, f.related_ids, f.basis) == (P96, (P86,), "mayoritas")
    assert "2 SOP" in f.message
    assert not [f for f in idx.findings if f.kind == DICABUT]  # nothing is known to be revoked


def test_a_tie_is_reported_undecided_on_both_sides(tmp_path: Path) -> None:
    idx = index_of(tmp_path, {"a.yml": SOP_A, "c.yml": SOP_C}, None)
    found = sorted((f.regulation_id, f.related_ids, f.basis) for f in idx.findings if f.kind == SALAH_KETIK)
    assert found == [(P86, (P96,), "seri"), (P96, (P86,), "seri")]


def test_revoked_regulations_are_reported_with_their_replacement(index: LegalIndex) -> None:
    revoked = {
        (f.sop_id, f.line, f.regulation_id, f.related_ids) for f in index.findings if f.kind == DICABUT
    }
    assert revoked == {
        (A, 1, "peraturan-pemerintah-58-2005", ("peraturan-pemerintah-12-2019",)),
        (B, 1, "peraturan-pemerintah-46-2011", ("peraturan-pemerintah-30-2019",)),
    }
    msg = next(f.message for f in index.findings if f.kind == DICABUT and f.sop_id == A)
    assert msg == "PP 58/2005 telah dicabut oleh PP 12/2019 (sumber: PP 12/2019 Pasal 342)."
    assert not any(f.inference for f in index.findings if f.kind == DICABUT)


def test_implementing_regulation_of_a_revoked_parent(index: LegalIndex) -> None:
    (f,) = [f for f in index.findings if f.kind == INDUK_DICABUT]
    assert (f.sop_id, f.line, f.regulation_id) == (A, 2, "peraturan-kepala-badan-kepegawaian-negara-1-2013")
    assert f.related_ids[0] == "peraturan-pemerintah-46-2011" and f.inference
    # the parent named in the title is context, not a citation of the line
    assert (A, 2) not in {
        (c.sop_id, c.line) for c in index.regulations["peraturan-pemerintah-46-2011"].citations
    }


def test_unparsed_lines_are_reported(index: LegalIndex) -> None:
    unparsed = [(f.sop_id, f.line) for f in index.findings if f.kind == TIDAK_TERURAI]
    assert unparsed == [(A, 3)]
    assert index.lines[A][3].parse.unparsed and index.lines[A][3].regulation_ids == ()


def test_manual_rujukan_replaces_the_parser(index: LegalIndex) -> None:
    perda, pair = index.lines[C][1], index.lines[C][2]
    assert perda.manual and not perda.parse.unparsed
    assert perda.regulation_ids == ("peraturan-daerah-kabupaten-uji-3-2016",)
    assert TIDAK_TERURAI not in kinds(index, C, 1)
    # the manual parse is canonicalised (PP → Peraturan Pemerintah, Mendagri → Menteri Dalam Negeri)
    assert pair.regulation_ids == ("peraturan-pemerintah-12-2019", "peraturan-menteri-dalam-negeri-77-2020")
    assert all(c.manual for c in index.regulations["peraturan-menteri-dalam-negeri-77-2020"].citations)
    assert index.regulations["peraturan-daerah-kabupaten-uji-3-2016"].reference.tentang == "SOTK"


def test_regional_issuer_is_inferred_from_the_pemda(index: LegalIndex) -> None:
    reg = index.regulations["peraturan-bupati-uji-5-2020"]
    assert reg.reference.penerbit == "Bupati Uji"
    assert [c.penerbit_disimpulkan for c in reg.citations] == [True]
    assert reg.url is None


def test_same_title_different_regulation_is_not_a_mistype(index: LegalIndex) -> None:
    # PP 58/2005 and PP 12/2019 share "Pengelolaan Keuangan Daerah": one replaced the other
    assert not [f for f in index.findings if f.kind == SALAH_KETIK and "pemerintah" in f.regulation_id]


def test_per_sop_views(index: LegalIndex) -> None:
    assert [r.short_name for r in index.regulations_of(B)] == [
        "Permendagri 86/2017",
        "PP 46/2011",
        "Perbup Uji 5/2020",
    ]
    assert {f.kind for f in index.findings_of(A)} == {DICABUT, INDUK_DICABUT, TIDAK_TERURAI}
    assert index.findings == tuple(
        sorted(index.findings, key=lambda f: (f.sop_id, f.line, f.kind, f.regulation_id or ""))
    )


def test_typing_slips_and_title_matching() -> None:
    def ref(text: str):
        return parse_citation(text).references[0]

    assert is_typing_slip(ref("Permendagri 86/2017"), ref("Permendagri 96/2017"))
    assert is_typing_slip(ref("PP 46/2011"), ref("PP 46/2001"))
    assert is_typing_slip(ref("PP 12/2019"), ref("PP 21/2019"))  # swapped digits
    assert not is_typing_slip(ref("PP 58/2005"), ref("PP 12/2019"))
    assert not is_typing_slip(ref("PP 12/2019"), ref("PP 12/2019"))
    assert titles_match(T86, T86.upper() + ", Serta Tata Cara Perubahan")  # truncation
    assert titles_match("Pengelolaan Keuangan Daerah", "pengelolaan keuangan daerah.")
    assert not titles_match(
        "Pengelolaan Keuangan", "Pengelolaan Keuangan Daerah"
    )  # too short to be a truncation
    assert not titles_match("", "Pengelolaan Keuangan Daerah")


def test_the_repository_catalogue(tmp_path: Path) -> None:
    root = REPO / "content" / "sops"
    assert any(root.glob("*/*/*.yml")), "the seed catalogue in content/sops is missing"
    idx = build_legal_index(load_catalogue(root), load_registry(REGISTRY))
    assert any(
        f.kind == SALAH_KETIK and f.regulation_id == P96 and f.related_ids == (P86,) for f in idx.findings
    )
    revoked = {f.regulation_id for f in idx.findings if f.kind == DICABUT}
    assert {"peraturan-pemerintah-58-2005", "peraturan-pemerintah-46-2011"} <= revoked


def test_permenpan_and_permenpan_rb_of_one_number_are_one_regulation_page(tmp_path: Path) -> None:
    """Two agencies write the same PermenPAN-RB differently: the index has one regulation, cited twice."""
    sops = {
        "a.yml": MINIMAL_SOP.replace(
            "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
            "Permenpan Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
        ),
        "b.yml": MINIMAL_SOP.replace("001/SOP/2024", "002/SOP/2024").replace(
            "Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
            "Peraturan Menteri PAN dan RB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP AP",
        ),
    }
    idx = index_of(tmp_path, sops, None)
    (regulation,) = idx.regulations.values()
    assert regulation.short_name == "PermenPAN-RB 35/2012" and len(regulation.citations) == 2
