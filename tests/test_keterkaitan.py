"""Keterkaitan resolution: normalisation, matching rules, reach, explicit targets, and measured precision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalogue import load_catalogue
from catalogue.analysis.keterkaitan import (
    DEFAULT_POLICY,
    HOW_EXPLICIT,
    HOW_FUZZY,
    HOW_NOMOR,
    HOW_TITLE,
    UNRESOLVED_AMBIGUOUS,
    UNRESOLVED_BAD_TARGET,
    UNRESOLVED_ON_PURPOSE,
    MatchPolicy,
    extract_nomor,
    is_internal_routine,
    lihat_sop_references,
    resolve_keterkaitan,
)
from catalogue.rules.titles import fuzzy_title_match, normalise_title, parse_title
from tools.keterkaitan_eval import evaluate_labelled, evaluate_seeds

SEEDS = Path(__file__).resolve().parent.parent / "content" / "sops"


# --------------------------------------------------------------------------------------------------
# A small multi-agency catalogue written to tmp_path
# --------------------------------------------------------------------------------------------------


def sop_yaml(
    nama: str, keterkaitan: list | None = None, nomor: str = "-", keterangan: str | None = None
) -> str:
    """A valid SOP source with the given title, Keterkaitan entries (text, or (text, target)) and nomor."""
    lines = [
        f"nomor: {json.dumps(nomor)}",
        f"nama: {json.dumps(nama)}",
        "disahkan_oleh: Camat",
        "tanggal_efektif: 2024-01-02",
    ]
    if keterkaitan:
        lines.append("keterkaitan:")
        for item in keterkaitan:
            if isinstance(item, tuple):
                lines.append(f"  - teks: {json.dumps(item[0])}")
                lines.append(f"    target: {json.dumps(item[1])}")
            else:
                lines.append(f"  - {json.dumps(item)}")
    lines += [
        "pelaksana: [Camat]",
        "langkah:",
        "  - no: 1",
        "    kegiatan: Memulai",
        "    pelaksana: Camat",
        "    waktu: 10 menit",
    ]
    if keterangan:
        lines.append(f"    keterangan: {json.dumps(keterangan)}")
    lines += ["  - no: 2", "    kegiatan: Menyelesaikan", "    pelaksana: Camat", "    waktu: 10 menit"]
    return "\n".join(lines) + "\n"


def build(root: Path, tree: dict) -> Path:
    """Write ``{pemda: {"nama": …, agency: {"nama": …, "jenis": …, slug: sop_yaml}}}`` under root."""
    for pemda_slug, pemda in tree.items():
        pdir = root / pemda_slug
        pdir.mkdir(parents=True)
        (pdir / "_pemda.yml").write_text(f"nama: {pemda['nama']}\n", encoding="utf-8")
        for agency_slug, agency in pemda.items():
            if agency_slug == "nama":
                continue
            adir = pdir / agency_slug
            adir.mkdir()
            head = f"nama: {agency['nama']}\n" + (
                f"jenis: {agency['jenis']}\n" if agency.get("jenis") else ""
            )
            (adir / "_instansi.yml").write_text(head, encoding="utf-8")
            for slug, text in agency.items():
                if slug in ("nama", "jenis"):
                    continue
                (adir / f"{slug}.yml").write_text(text, encoding="utf-8")
    return root


def resolve(tmp_path: Path, tree: dict, policy: MatchPolicy = DEFAULT_POLICY):
    catalogue = load_catalogue(build(tmp_path / "sops", tree))
    assert not catalogue.errors, catalogue.errors
    return catalogue, resolve_keterkaitan(catalogue, policy)


def entry(index, sop_id: str, i: int = 0):
    return index.entries[sop_id][i]


KAB = "kab-balangan"
KEC = f"{KAB}/kec-batumandi"


def balangan(**agencies) -> dict:
    return {KAB: {"nama": "Kabupaten Balangan", **agencies}}


def kecamatan(nama: str = "Kecamatan Batumandi", **sops) -> dict:
    return {"nama": nama, "jenis": "Kecamatan", **sops}


# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SOP PENGUMPULAN DATA KINERJA", "pengumpulan data kinerja"),
        ("SOP/Mekanisme Pengukuran Kinerja", "pengukuran kinerja"),
        ("Standar Operasional Prosedur Penyusunan RKPD", "penyusunan rencana kerja pemerintah daerah"),
        ("S.O.P. Pengelolaan Surat Masuk", "pengelolaan surat masuk"),
        (
            "SOP Monitoring/Evaluasi Internal Capaian Kinerja Per Triwulan",
            "monitoring evaluasi internal capaian kinerja triwulan",
        ),
        (
            "Monitoring dan Evaluasi Internal Capaian Kinerja Triwulan",
            "monitoring evaluasi internal capaian kinerja triwulan",
        ),
        ("Penyusunan Rencana Kerja (Renja)", "penyusunan rencana kerja"),
        ("SOP Penyusunan Renja", "penyusunan rencana kerja"),
        ("SOP Penyusunan LAKIP", "penyusunan laporan kinerja instansi pemerintah"),
        ("Penyusunan LKjIP", "penyusunan laporan kinerja instansi pemerintah"),
        ("Pelaksanaan Pengukuran Kinerja Triwulan", "pengukuran kinerja triwulan"),
        ("  SOP   Usulan  Promosi Jabatan ", "usulan promosi jabatan"),
        ("Pelaksanaan Kegiatan", "pelaksanaan kegiatan"),  # a weak lead stays when it would leave one word
    ],
)
def test_normalise_title(text: str, expected: str) -> None:
    assert normalise_title(text) == expected


def test_parse_title_strips_an_appended_agency_and_region() -> None:
    parsed = parse_title("SOP Mekanisme Pengumpulan Data Kinerja Kecamatan Purbalingga Kabupaten Purbalingga")
    assert parsed.key == "pengumpulan data kinerja"
    assert [p.text for p in parsed.scope] == ["kecamatan purbalingga", "kabupaten purbalingga"]
    assert [p.kind for p in parsed.scope] == ["agency", "pemda"]


@pytest.mark.parametrize(
    ("text", "key", "scope"),
    [
        (
            "Pengukuran Kinerja Pegawai Kantor Camat Rimbo Ilir",
            "pengukuran kinerja pegawai",
            ["kecamatan rimbo ilir"],
        ),
        (
            "Penyusunan Renja di Lingkungan Setda Kab. Balangan",
            "penyusunan rencana kerja",
            ["sekretariat daerah", "kabupaten balangan"],
        ),
        ("SOP Reviu LKjIP oleh Inspektorat", "reviu laporan kinerja instansi pemerintah", ["inspektorat"]),
        # A bare head names no place: it belongs to the title.
        ("SOP Penyusunan Kinerja Kabupaten", "penyusunan kinerja kabupaten", []),
        ("Pengelolaan Keuangan Desa", "pengelolaan keuangan desa", []),
    ],
)
def test_parse_title_scope(text: str, key: str, scope: list[str]) -> None:
    parsed = parse_title(text)
    assert parsed.key == key
    assert [p.text for p in parsed.scope] == scope


def test_extract_nomor() -> None:
    assert extract_nomor("SOP Nomor 067/001/KEC.BTM/BLG/2024") == "067/001/KEC.BTM/BLG/2024"
    assert extract_nomor("SOP Pengukuran Kinerja (No. 700/418/2023)") == "700/418/2023"
    assert extract_nomor("SOP Perjanjian Kinerja") is None
    assert extract_nomor("SOP No. 1") is None  # too short to identify anything


def test_fuzzy_matching_is_typo_level_only() -> None:
    def words(text: str) -> tuple[str, ...]:
        return tuple(normalise_title(text).split())

    assert fuzzy_title_match(words("Penerbitan Kartu Keluaga"), words("Penerbitan Kartu Keluarga"))
    assert fuzzy_title_match(words("Pengelolaan Surat Kelaur"), words("Pengelolaan Surat Keluar"))  # swap
    # An extra or missing word is another SOP.
    assert (
        fuzzy_title_match(words("Penyusunan Laporan Evaluasi Kinerja"), words("Penyusunan Laporan Kinerja"))
        is None
    )
    # Real words are not typos of each other.
    assert fuzzy_title_match(words("Penerapan IKU"), words("Penetapan IKU")) is None
    assert fuzzy_title_match(words("Pelatihan Pejabat"), words("Pelantikan Pejabat")) is None
    # Short words must be equal.
    assert fuzzy_title_match(words("Pengelolaan Dana Desa"), words("Pengelolaan Data Desa")) is None
    assert fuzzy_title_match(words("Pengukuran Kinerja"), words("Pengumpulan Kinerja")) is None


def test_internal_routines() -> None:
    assert is_internal_routine(tuple(normalise_title("SOP Pengelolaan Surat Masuk").split()))
    assert is_internal_routine(tuple(normalise_title("SOP Penyusunan Renja").split()))
    assert not is_internal_routine(tuple(normalise_title("SOP Penyusunan RKPD").split()))
    assert not is_internal_routine(tuple(normalise_title("SOP Pengumpulan Data Kinerja").split()))


def test_lihat_sop_in_keterangan() -> None:
    assert lihat_sop_references("Lihat SOP Pengelolaan Surat Masuk.") == ["SOP Pengelolaan Surat Masuk"]
    assert lihat_sop_references("Arsip (lihat SOP Pengarsipan); rangkap dua") == ["SOP Pengarsipan"]
    assert lihat_sop_references("Dokumen asli") == []


# --------------------------------------------------------------------------------------------------
# Resolution
# --------------------------------------------------------------------------------------------------


def test_same_agency_title_and_fuzzy_matches(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    **{
                        "perjanjian-kinerja": sop_yaml("Perjanjian Kinerja"),
                        "renja": sop_yaml("Penyusunan Rencana Kerja (Renja)"),
                        "pengukuran": sop_yaml(
                            "Pelaksanaan Pengukuran Kinerja Triwulan",
                            [
                                "SOP PERJANJIAN KINERJA",
                                "sop penyusunan renja",
                                "SOP Perjanjian Kinrja",
                                "SOP Penyusunan Laporan Kinerja",
                            ],
                        ),
                    }
                )
            }
        ),
    )
    sop = f"{KEC}/pengukuran"
    hows = [(e.target_id, e.how) for e in index.entries[sop]]
    assert hows == [
        (f"{KEC}/perjanjian-kinerja", HOW_TITLE),
        (f"{KEC}/renja", HOW_TITLE),
        (f"{KEC}/perjanjian-kinerja", HOW_FUZZY),
        (None, None),
    ]
    assert not entry(index, sop).cross_agency
    assert index.backlinks[f"{KEC}/perjanjian-kinerja"] == [
        (sop, "SOP PERJANJIAN KINERJA"),
        (sop, "SOP Perjanjian Kinrja"),
    ]


def test_must_not_match_a_title_with_another_word(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    laporan=sop_yaml("Penyusunan Laporan Kinerja"),
                    a=sop_yaml(
                        "Audit",
                        [
                            "SOP Penyusunan Laporan Evaluasi Kinerja",
                            "SOP Penyusunan Laporan Kinerja Tahunan",
                            "SOP Penyusunan Kinerja",
                        ],
                    ),
                )
            }
        ),
    )
    assert [e.target_id for e in index.entries[f"{KEC}/a"]] == [None, None, None]


def test_never_links_to_itself(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{"kec-batumandi": kecamatan(a=sop_yaml("Perjanjian Kinerja", ["SOP Perjanjian Kinerja"]))}
        ),
    )
    assert entry(index, f"{KEC}/a").target_id is None


def test_seed_case_same_pemda_other_agency(tmp_path: Path) -> None:
    """Seed 001 → seed 003: Inspektorat's entry resolves to the Sekretariat Daerah's SOP of the same pemda."""
    _, index = resolve(
        tmp_path,
        balangan(
            inspektorat={
                "nama": "Inspektorat Kabupaten Balangan",
                "jenis": "Inspektorat",
                "skp": sop_yaml(
                    "Pelaksanaan Pengukuran Kinerja/ Penilaian SKP", ["SOP PENGUMPULAN DATA KINERJA"]
                ),
            },
            setda={
                "nama": "Sekretariat Daerah Kabupaten Balangan",
                "jenis": "Sekretariat Daerah",
                "data": sop_yaml("Pengumpulan Data Kinerja"),
            },
        ),
    )
    e = entry(index, f"{KAB}/inspektorat/skp")
    assert (e.target_id, e.how, e.cross_agency, e.cross_pemda) == (
        f"{KAB}/setda/data",
        HOW_TITLE,
        True,
        False,
    )


def test_an_entry_naming_another_agency_resolves_only_within_it(tmp_path: Path) -> None:
    tree = {
        KAB: {
            "nama": "Kabupaten Balangan",
            "setda": {
                "nama": "Sekretariat Daerah Kabupaten Balangan",
                "jenis": "Sekretariat Daerah",
                "data": sop_yaml("Pengumpulan Data Kinerja"),
            },
        },
        "kab-purbalingga": {
            "nama": "Kabupaten Purbalingga",
            "kec-purbalingga": kecamatan(
                "Kecamatan Purbalingga",
                ukur=sop_yaml(
                    "SOP/Mekanisme Pengukuran Kinerja Kecamatan Purbalingga",
                    [
                        "SOP Mekanisme Pengumpulan Data Kinerja Kecamatan Purbalingga Kabupaten Purbalingga",
                        "SOP Pengukuran Kinerja Kecamatan Purbalingga",
                    ],
                ),
            ),
        },
    }
    _, index = resolve(tmp_path, tree, MatchPolicy(other_pemdas=True))
    named, own_title = index.entries["kab-purbalingga/kec-purbalingga/ukur"]
    assert named.target_id is None and named.scope == "kecamatan purbalingga kabupaten purbalingga"
    assert own_title.target_id is None  # names its own agency, and the only such SOP is itself


def test_an_entry_naming_an_agency_reaches_it(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(pk=sop_yaml("Perjanjian Kinerja")),
                "kec-awayan": kecamatan(
                    "Kecamatan Awayan",
                    a=sop_yaml(
                        "Pengukuran Kinerja",
                        [
                            "SOP Perjanjian Kinerja",
                            "SOP Perjanjian Kinerja Kecamatan Batumandi",
                            "SOP Perjanjian Kinerja Kec. Batumandy",
                            "SOP Perjanjian Kinerja Kecamatan Lampihong",
                        ],
                    ),
                ),
            }
        ),
    )
    targets = [e.target_id for e in index.entries[f"{KAB}/kec-awayan/a"]]
    # Unnamed: another kecamatan's copy is not this kecamatan's SOP. Named (even misspelt): it is.
    # Named but not in the catalogue: stays unresolved.
    assert targets == [None, f"{KEC}/pk", f"{KEC}/pk", None]


def test_preference_same_agency_then_same_pemda_then_elsewhere(tmp_path: Path) -> None:
    tree = {
        KAB: {
            "nama": "Kabupaten Balangan",
            "inspektorat": {
                "nama": "Inspektorat Kabupaten Balangan",
                "jenis": "Inspektorat",
                "audit": sop_yaml("Audit Kinerja"),
                "pkpt": sop_yaml("Penyusunan PKPT", ["SOP Audit Kinerja", "SOP Reviu LKjIP"]),
            },
            "setda": {
                "nama": "Sekretariat Daerah",
                "jenis": "Sekretariat Daerah",
                "audit": sop_yaml("Audit Kinerja"),
                "x": sop_yaml("Rapat Koordinasi", ["SOP Audit Kinerja", "SOP Reviu LKjIP"]),
            },
        },
        "kab-tebo": {
            "nama": "Kabupaten Tebo",
            "inspektorat": {
                "nama": "Inspektorat Kabupaten Tebo",
                "jenis": "Inspektorat",
                "reviu": sop_yaml("Reviu Laporan Kinerja Instansi Pemerintah"),
            },
        },
    }
    _, index = resolve(tmp_path, tree, MatchPolicy(other_pemdas=True))
    assert [e.target_id for e in index.entries[f"{KAB}/inspektorat/pkpt"]] == [
        f"{KAB}/inspektorat/audit",
        "kab-tebo/inspektorat/reviu",
    ]
    assert [e.target_id for e in index.entries[f"{KAB}/setda/x"]] == [
        f"{KAB}/setda/audit",
        "kab-tebo/inspektorat/reviu",
    ]
    assert entry(index, f"{KAB}/setda/x", 1).cross_pemda
    # By default another pemda is reached only when named.
    _, strict = resolve(tmp_path / "strict", tree)
    assert strict.entries[f"{KAB}/setda/x"][1].target_id is None


def test_internal_routines_are_not_taken_from_another_agency(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            setda={
                "nama": "Sekretariat Daerah",
                "jenis": "Sekretariat Daerah",
                "surat": sop_yaml("Pengelolaan Surat Masuk"),
            },
            dinkes={
                "nama": "Dinas Kesehatan",
                "jenis": "Dinas",
                "x": sop_yaml(
                    "Pelayanan Rujukan",
                    ["SOP Pengelolaan Surat Masuk", "SOP Pengelolaan Surat Masuk Sekretariat Daerah"],
                ),
            },
        ),
    )
    assert [e.target_id for e in index.entries[f"{KAB}/dinkes/x"]] == [None, f"{KAB}/setda/surat"]


def test_two_equal_candidates_are_ambiguous(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            dinkes={
                "nama": "Dinas Kesehatan",
                "jenis": "Dinas",
                "p": sop_yaml("Pelayanan Pengaduan Masyarakat"),
            },
            dukcapil={
                "nama": "Dinas Kependudukan dan Pencatatan Sipil",
                "jenis": "Dinas",
                "p": sop_yaml("Pelayanan Pengaduan Masyarakat"),
            },
            setda={
                "nama": "Sekretariat Daerah",
                "jenis": "Sekretariat Daerah",
                "x": sop_yaml("Rapat Koordinasi", ["SOP Pelayanan Pengaduan Masyarakat"]),
            },
        ),
    )
    e = entry(index, f"{KAB}/setda/x")
    assert e.target_id is None and e.unresolved == UNRESOLVED_AMBIGUOUS
    assert set(e.candidates) == {f"{KAB}/dinkes/p", f"{KAB}/dukcapil/p"}
    assert index.ambiguous == [e]
    assert "pelayanan pengaduan masyarakat" not in index.missing


def test_nomor_in_the_entry(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    a=sop_yaml("Pengukuran Kinerja Triwulan", nomor="067/001/KEC.BTM/BLG/2024"),
                    b=sop_yaml(
                        "Monitoring", ["SOP Nomor 067/001/KEC.BTM/BLG/2024"], nomor="067/002/KEC.BTM/BLG/2024"
                    ),
                )
            }
        ),
    )
    e = entry(index, f"{KEC}/b")
    assert (e.target_id, e.how) == (f"{KEC}/a", HOW_NOMOR)


def test_lihat_sop_in_a_step_is_resolved_with_a_pointer(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    surat=sop_yaml("Pengelolaan Surat Masuk"),
                    izin=sop_yaml(
                        "Pelayanan Izin Keramaian",
                        ["SOP Lain"],
                        keterangan="Lihat SOP Pengelolaan Surat Masuk",
                    ),
                )
            }
        ),
    )
    box, step = index.entries[f"{KEC}/izin"]
    assert box.step_no is None and box.field == ("keterkaitan", 0)
    assert (step.target_id, step.step_no, step.field) == (f"{KEC}/surat", "1", ("langkah", 0, "keterangan"))


def test_explicit_targets(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    pk=sop_yaml("Perjanjian Kinerja"),
                    x=sop_yaml(
                        "Pengukuran",
                        [
                            ("SOP PK", "pk"),
                            ("SOP Perjanjian Kinerja", "-"),
                            ("SOP Data", f"{KAB}/setda/data"),
                            ("SOP Data Kinerja", "setda/data"),
                        ],
                    ),
                )
            },
            setda={
                "nama": "Sekretariat Daerah",
                "jenis": "Sekretariat Daerah",
                "data": sop_yaml("Pengumpulan Data Kinerja"),
            },
        ),
    )
    bare, dash, full, relative = index.entries[f"{KEC}/x"]
    assert (bare.target_id, bare.how) == (f"{KEC}/pk", HOW_EXPLICIT)
    # "-" overrides a title that would match: not in the catalogue on purpose, and reported as missing.
    assert (dash.target_id, dash.unresolved) == (None, UNRESOLVED_ON_PURPOSE)
    assert index.missing["perjanjian kinerja"].sources == [f"{KEC}/x"]
    assert full.target_id == relative.target_id == f"{KAB}/setda/data"
    assert full.cross_agency
    assert not index.problems


def test_a_bad_explicit_target_is_an_error_with_its_line(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    pk=sop_yaml("Perjanjian Kinerja"),
                    x=sop_yaml(
                        "Pengukuran", ["SOP Renja", ("SOP PK", "perjanjian-kinerjaa"), ("SOP X", "x")]
                    ),
                )
            }
        ),
    )
    bad, itself = index.problems
    source = tmp_path / "sops" / KAB / "kec-batumandi" / "x.yml"
    lines = source.read_text(encoding="utf-8").splitlines()
    assert bad.is_error and bad.file == source and bad.field == ("keterkaitan", 1, "target")
    assert (
        "perjanjian-kinerjaa" in lines[bad.line - 1] and bad.column == lines[bad.line - 1].index("target") + 1
    )
    assert "tidak ada di katalog" in bad.message and "`-`" in bad.message
    assert bad.format().endswith(bad.message) and "keterkaitan[2].target" in bad.format()
    assert itself.field == ("keterkaitan", 2, "target") and "sendiri" in itself.message
    assert index.entries[f"{KEC}/x"][1].unresolved == UNRESOLVED_BAD_TARGET


def test_missing_is_sorted_by_count(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        balangan(
            **{
                "kec-batumandi": kecamatan(
                    a=sop_yaml("A Satu", ["SOP Evaluasi SAKIP", "SOP Penyusunan Renja"]),
                    b=sop_yaml("B Dua", ["SOP Penyusunan RENJA", "sop penyusunan renja"]),
                    c=sop_yaml("C Tiga", ["SOP Penyusunan Renja", "-", "Tidak ada"]),
                )
            }
        ),
    )
    keys = list(index.missing)
    assert keys == ["penyusunan rencana kerja", "evaluasi sistem akuntabilitas kinerja instansi pemerintah"]
    renja = index.missing["penyusunan rencana kerja"]
    assert renja.sources == [f"{KEC}/a", f"{KEC}/b", f"{KEC}/c"] and renja.count == 3
    assert renja.display == "SOP Penyusunan Renja"


# --------------------------------------------------------------------------------------------------
# The seeds and the labelled set
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_catalogue():
    assert any(SEEDS.glob("*/*/*.yml")), "the seed catalogue in content/sops is missing"
    return load_catalogue(SEEDS)


def test_seeds_resolve_exactly_one_link(seed_catalogue) -> None:
    index = resolve_keterkaitan(seed_catalogue)
    pairs = [(e.source_id, e.teks, e.target_id) for e in index.resolved]
    assert len(pairs) == 1
    source, text, target = pairs[0]
    assert text == "SOP PENGUMPULAN DATA KINERJA"
    assert source.startswith("kabupaten-balangan/inspektorat/")
    assert seed_catalogue.sops[target].nama == "Pengumpulan Data Kinerja"
    assert target.startswith("kabupaten-balangan/sekretariat-daerah/")
    assert not index.problems


def test_seed_002_does_not_reach_balangan(seed_catalogue) -> None:
    index = resolve_keterkaitan(seed_catalogue, MatchPolicy(True, True, True))
    purbalingga = [e for e in index.all_entries() if e.source_id.startswith("kabupaten-purbalingga/")]
    assert purbalingga and all(e.target_id is None for e in purbalingga)


def test_precision_on_seeds(seed_catalogue) -> None:
    result = evaluate_seeds(SEEDS)
    print(f"\nseeds: {result.summary()}")
    assert result.precision is not None and result.precision >= 0.95
    assert result.recall == 1.0


def test_precision_and_recall_on_the_labelled_set() -> None:
    result = evaluate_labelled()
    print(f"\nlabelled set: {result.summary()}")
    for wrong in result.wrong:
        print("  wrong:", wrong)
    assert result.entries >= 150 and result.positives >= 50
    assert result.precision is not None and result.precision >= 0.95
    assert result.recall is not None and result.recall >= 0.85


# --------------------------------------------------------------------------------------------------
# Reach into the pemda's territorial units, and spelling variants
# --------------------------------------------------------------------------------------------------


def _kota(*kelurahan: tuple[str, list[str]], dinas_entries: list[str]) -> dict:
    tree: dict = {"nama": "Kota Uji", "dinas": {"nama": "Dinas Kependudukan", "jenis": "Dinas"}}
    tree["dinas"]["kk"] = sop_yaml("Penerbitan Kartu Keluarga", dinas_entries)
    for slug, titles in kelurahan:
        agency = {"nama": f"Kelurahan {slug.title()}", "jenis": "Kelurahan"}
        for i, title in enumerate(titles):
            agency[f"sop-{i}"] = sop_yaml(title, ["SOP Penerbitan Kartu Keluarga"] if i == 0 else None)
        tree[slug] = agency
    return {"kota-uji": tree}


def test_an_agency_reaches_the_only_territorial_unit_that_has_the_named_sop(tmp_path: Path) -> None:
    _, index = resolve(
        tmp_path,
        _kota(
            ("utara", ["Pelayanan Surat Pengantar Kartu Keluarga"]),
            ("selatan", ["Pelayanan Surat Pengantar KTP"]),
            dinas_entries=["SOP Pelayanan Surat Pengantar Kartu Keluarga"],
        ),
    )
    found = entry(index, "kota-uji/dinas/kk")
    assert found.target_id == "kota-uji/utara/sop-0" and found.cross_agency
    # The kelurahan's own link to the dinas is the ordinary same-pemda reach.
    assert entry(index, "kota-uji/utara/sop-0").target_id == "kota-uji/dinas/kk"


def test_several_units_with_the_named_sop_leave_the_entry_unresolved(tmp_path: Path) -> None:
    tree = _kota(
        ("utara", ["Pelayanan Surat Pengantar Kartu Keluarga"]),
        ("selatan", ["Pelayanan Surat Pengantar Kartu Keluarga"]),
        dinas_entries=["SOP Pelayanan Surat Pengantar Kartu Keluaga"],  # a typo reaches both alike
    )
    _, index = resolve(tmp_path, tree)
    found = entry(index, "kota-uji/dinas/kk")
    assert found.target_id is None and found.unresolved == UNRESOLVED_AMBIGUOUS
    assert set(found.candidates) == {"kota-uji/utara/sop-0", "kota-uji/selatan/sop-0"}


def test_a_unit_never_reaches_another_unit_of_its_kind(tmp_path: Path) -> None:
    """A kelurahan naming a service means its own SOP of it, not a neighbour's: unresolved when it has none."""
    tree = _kota(
        ("utara", ["Pelayanan Surat Pengantar Kartu Keluarga", "Pelayanan Surat Pengantar SKCK"]),
        ("selatan", ["Pelayanan Surat Pengantar Kartu Keluarga"]),
        dinas_entries=[],
    )
    tree["kota-uji"]["selatan"]["sop-1"] = sop_yaml(
        "Pelayanan Legalisasi", ["SOP Pelayanan Surat Pengantar SKCK"]
    )
    _, index = resolve(tmp_path, tree)
    assert entry(index, "kota-uji/selatan/sop-1").target_id is None


def test_internal_routines_of_a_unit_stay_out_of_reach(tmp_path: Path) -> None:
    tree = _kota(("utara", ["Pengelolaan Surat Masuk"]), dinas_entries=["SOP Pengelolaan Surat Masuk"])
    _, index = resolve(tmp_path, tree)
    assert entry(index, "kota-uji/dinas/kk").target_id is None


def test_spelling_variants_of_short_words_match_as_one_word(tmp_path: Path) -> None:
    tree = {
        "kab-uji": {
            "nama": "Kabupaten Uji",
            "dinas": {
                "nama": "Dinas Kependudukan",
                "jenis": "Dinas",
                "akta": sop_yaml("Penerbitan Akta Kelahiran"),
                "kk": sop_yaml(
                    "Penerbitan Kartu Keluarga",
                    [
                        "SOP Penerbitan Akte Kelahiran",
                        "SOP Penerbitan Akte Kematian",
                        "SOP Penerbitan Akte Kelahiran Anak",
                    ],
                ),
            },
        }
    }
    _, index = resolve(tmp_path, tree)
    linked, other_deed, longer = index.entries["kab-uji/dinas/kk"]
    assert linked.target_id == "kab-uji/dinas/akta" and linked.how == HOW_TITLE
    assert other_deed.target_id is None and longer.target_id is None
    assert normalise_title("SOP Ijin Keramaian Propinsi") == "izin keramaian provinsi"
