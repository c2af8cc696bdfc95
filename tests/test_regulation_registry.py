"""The curated regulation registry: the real file's facts, and every validation rule with its line number."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from catalogue.rules.citations import parse_citation, regulation_id, short_name
from catalogue.source.registry import RegulationRegistry, load_registry
from tests.test_citations import SEED_LINES

REGISTRY = Path(__file__).resolve().parent.parent / "content" / "peraturan.yml"


@pytest.fixture(scope="module")
def registry() -> RegulationRegistry:
    return load_registry(REGISTRY)


def test_the_repository_registry_is_valid(registry: RegulationRegistry) -> None:
    assert registry.problems == ()
    assert len(registry) >= 20
    for entry in registry.entries.values():
        assert entry.reference.tentang, entry.id
        assert entry.line is not None


def test_every_regulation_the_seeds_cite_is_registered_with_its_title(registry: RegulationRegistry) -> None:
    cited = {regulation_id(r) for _, line, _ in SEED_LINES for r in parse_citation(line).references}
    missing = (
        cited - set(registry.entries) - {"peraturan-menteri-dalam-negeri-96-2017"}
    )  # the seed 003 mistype
    assert missing == set()
    assert "peraturan-menteri-dalam-negeri-96-2017" not in registry


@pytest.mark.parametrize(
    ("revoked", "by", "source"),
    [
        ("PP 58/2005", ["PP 12/2019"], "PP 12/2019 Pasal 342"),
        ("PP 46/2011", ["PP 30/2019"], "PP 30/2019"),
        ("Permendagri 13/2006", ["Permendagri 77/2020"], "Permendagri 77/2020"),
        ("Permendagri 59/2007", ["Permendagri 77/2020"], "Permendagri 77/2020"),
        ("PermenPAN-RB 29/2010", ["PermenPAN-RB 53/2014"], "PermenPAN-RB 53/2014"),
        ("UU 33/2004", ["UU 1/2022"], "UU 1/2022"),
    ],
)
def test_revocations_carry_their_source(
    registry: RegulationRegistry, revoked: str, by: list[str], source: str
) -> None:
    entry = registry.get(parse_citation(revoked).references[0])
    assert entry is not None and entry.is_revoked
    assert [short_name(r) for r in entry.dicabut_oleh] == by
    assert source in entry.sumber
    assert [short_name(r) for r in registry.replacements(entry.id)] == by
    assert registry.replacements(regulation_id(parse_citation(by[0]).references[0])) == ()


def test_permendagri_86_2017_in_force_and_perka_bkn_linked_to_its_parent(
    registry: RegulationRegistry,
) -> None:
    assert registry.get(parse_citation("Permendagri 86/2017").references[0]).status == "berlaku"
    perka = registry.get(parse_citation("Perka BKN 1/2013").references[0])
    assert perka.status is None  # not verified: the registry says nothing it cannot support
    assert [short_name(r) for r in perka.melaksanakan] == ["PP 46/2011"]


def test_unverified_facts_say_so(registry: RegulationRegistry) -> None:
    for entry in registry.entries.values():
        if entry.status == "berlaku" and not entry.sumber:
            assert "Dasar status" in entry.catatan, short_name(entry.reference)
    perbup = registry.get("peraturan-bupati-tebo-63-2016")
    assert "seperti dikutip SOP" in perbup.catatan  # title known only from the SOP that cites it
    pp8 = registry.get("peraturan-pemerintah-8-2008")
    assert pp8.status is None and "belum diverifikasi" in pp8.catatan


def _load(tmp_path: Path, text: str) -> RegulationRegistry:
    path = tmp_path / "peraturan.yml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_registry(path)


def test_missing_file_is_an_empty_registry(tmp_path: Path) -> None:
    reg = load_registry(tmp_path / "none.yml")
    assert len(reg) == 0 and reg.problems == ()


def test_invalid_yaml_is_a_problem_with_a_position(tmp_path: Path) -> None:
    reg = _load(tmp_path, "peraturan:\n  - jenis: [\n")
    assert len(reg.problems) == 1 and reg.problems[0].line is not None


def test_top_level_must_be_the_peraturan_list(tmp_path: Path) -> None:
    assert "peraturan" in _load(tmp_path, "- jenis: UU\n").problems[0].message
    assert "daftar" in _load(tmp_path, "peraturan: PP 12/2019\n").problems[0].message


BAD = """\
peraturan:
  - jenis: Peraturan Pemerintah
    nomor: 58
    tahun: 2005
    tentang: Pengelolaan Keuangan Daerah
    status: dicabut
    dicabut_oleh: [PP 12/2019]
    sumber: PP 12/2019 Pasal 342
  - jenis: Peraturan Pemerintah
    nomor: "58"
    tahun: "2005"
    tentang: Pengelolaan Keuangan Daerah
  - jenis: Peraturan Pemerintah
    nomor: "46"
    tahun: "2011"
    tentang: Penilaian Prestasi Kerja PNS
    status: dicabut
  - jenis: Peraturan Menteri
    nomor: "86"
    tahun: "2017"
    tentang: Tata Cara Perencanaan
  - jenis: Peraturan Pemerintah
    nomor: "12"
    tahun: "19"
    tentang: Pengelolaan Keuangan Daerah
  - jenis: Peraturan Pemerintah
    nomor: "30"
    tahun: "2019"
    tentang: Penilaian Kinerja PNS
    status: berlaku
  - jenis: Peraturan Pemerintah
    nomor: "8"
    tahun: "2008"
    tentang: Tahapan
    status: diubah
    diubah_oleh: [bukan rujukan]
    sumber: entah
  - jenis: Peraturan Pemerintah
    nomor: "9"
    tahun: "2009"
    tentang: Contoh
    status: kedaluwarsa
    judul: salah kunci
  - jenis: Peraturan Pemerintah
    nomor: "10"
    tahun: "2010"
    tentang: Contoh
    dicabut_oleh: [PP 10/2010]
  - jenis: Peraturan Entah
    nomor: "1"
    tahun: "2010"
    tentang: Contoh
"""


def test_validation_rules_report_the_line(tmp_path: Path) -> None:
    reg = _load(tmp_path, BAD)
    by_line = {}
    for p in reg.problems:
        by_line.setdefault(p.line, []).append(p.message)
    assert list(reg.entries) == ["peraturan-pemerintah-58-2005"]  # ints for nomor/tahun are accepted
    assert any("sudah tercatat" in m for m in by_line[9])  # duplicate of the first entry
    assert any("dicabut_oleh" in m for m in by_line[17])  # dicabut without dicabut_oleh ...
    assert any("sumber" in m for m in by_line[17])  # ... and without sumber
    assert any("penerbit" in m for m in by_line[18])  # Peraturan Menteri needs its minister
    assert any("empat angka" in m for m in by_line[24])
    assert any("berlaku" in m for m in by_line[30])  # berlaku without sumber or catatan
    assert any("tidak dapat diuraikan" in m for m in by_line[36])
    assert any("status 'kedaluwarsa'" in m for m in by_line[42])
    assert any("kunci `judul`" in m for m in by_line[43])
    assert any("sendiri" in m for m in by_line[48])  # revoked by itself
    assert any("hanya bersama" in m for m in by_line[48])
    assert any("tidak dikenali" in m for m in by_line[49])
    assert all(p.is_error and p.file.name == "peraturan.yml" for p in reg.problems)


def test_replacements_follow_chains(tmp_path: Path) -> None:
    reg = _load(
        tmp_path,
        """\
        peraturan:
          - {jenis: Peraturan Pemerintah, nomor: "1", tahun: "2001", tentang: A, status: dicabut,
             dicabut_oleh: [PP 2/2002], sumber: PP 2/2002 Pasal 9}
          - {jenis: Peraturan Pemerintah, nomor: "2", tahun: "2002", tentang: A, status: dicabut,
             dicabut_oleh: [PP 3/2003, PP 4/2004], sumber: PP 3/2003 Pasal 9}
          - {jenis: Peraturan Pemerintah, nomor: "3", tahun: "2003", tentang: A}
    """,
    )
    assert reg.problems == ()
    assert [short_name(r) for r in reg.replacements("peraturan-pemerintah-1-2001")] == [
        "PP 3/2003",
        "PP 4/2004",
    ]
    assert reg.get("peraturan-pemerintah-3-2003").reference.tentang == "A"
