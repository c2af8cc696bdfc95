"""Cross-agency comparison: grouping, the comparison table, normal-path durations, legal bases."""

from __future__ import annotations

import json
from pathlib import Path

from catalogue import load_catalogue
from catalogue.analysis import analyse
from catalogue.analysis.comparison import group_comparable
from catalogue.rules.durations import format_total, total
from catalogue.rules.flow import normal_path

SEEDS = Path(__file__).resolve().parent.parent / "content" / "sops"

STEPS_WITH_LOOP = """\
  - no: 1
    kegiatan: Memerintahkan penyusunan
    pelaksana: Camat
    waktu: 10 menit
    output: Disposisi
  - no: 2
    kegiatan: Memeriksa draf
    pelaksana: Sekcam
    jenis: keputusan
    ya: "4"
    tidak: "3"
    waktu: 5 menit
    output: Draf diperiksa
  - no: 3
    kegiatan: Memperbaiki draf
    pelaksana: Kasubbag Umum
    waktu: 2 hari
    output: draf diperiksa
  - no: 4
    kegiatan: Menandatangani
    pelaksana: Camat
    waktu: 15 menit
    output: Laporan
"""

SIMPLE_STEPS = """\
  - no: 1
    kegiatan: Memulai
    pelaksana: Camat
    waktu: 1 jam
    output: Disposisi
  - no: 2
    kegiatan: Menyelesaikan
    pelaksana: Camat
    waktu: 1 jam
    output: Dokumen
"""


def sop(
    nama: str,
    *,
    topik: str | None = None,
    dasar_hukum: tuple[str, ...] = (),
    loop: bool = False,
    nomor: str = "-",
) -> str:
    lines = [
        f"nomor: {json.dumps(nomor)}",
        f"nama: {json.dumps(nama)}",
        "disahkan_oleh: Camat",
        "tanggal_efektif: 2024-01-02",
    ]
    if topik:
        lines.append(f"topik: {topik}")
    if dasar_hukum:
        lines.append("dasar_hukum:")
        lines += [f"  - {json.dumps(d)}" for d in dasar_hukum]
    if loop:
        lines.append("pelaksana: [Camat, Sekcam, Kasubbag Umum]")
        lines.append("langkah:")
        lines.append(STEPS_WITH_LOOP.rstrip())
    else:
        lines.append("pelaksana: [Camat]")
        lines.append("langkah:")
        lines.append(SIMPLE_STEPS.rstrip())
    return "\n".join(lines) + "\n"


def build(tmp_path: Path, agencies: dict[str, dict[str, str]], pemda: str = "kab-uji"):
    root = tmp_path / "sops"
    (root / pemda).mkdir(parents=True)
    (root / pemda / "_pemda.yml").write_text("nama: Kabupaten Uji\n", encoding="utf-8")
    for slug, sops in agencies.items():
        d = root / pemda / slug
        d.mkdir()
        nama = " ".join(w.capitalize() for w in slug.split("-"))
        (d / "_instansi.yml").write_text(f"nama: {nama}\njenis: Kecamatan\n", encoding="utf-8")
        for name, text in sops.items():
            (d / f"{name}.yml").write_text(text, encoding="utf-8")
    catalogue = load_catalogue(root)
    assert not catalogue.errors, catalogue.errors
    return catalogue


def test_explicit_topik_wins_over_titles(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        {
            "kecamatan-a": {
                "x": sop("Pengukuran Kinerja", topik="pengukuran-kinerja"),
                "y": sop("Penyusunan Renja", topik="perencanaan"),
            },
            "kecamatan-b": {
                "x": sop("Mekanisme Pengumpulan Data", topik="pengukuran-kinerja"),
                "y": sop("Penyusunan Renja"),
            },
        },
    )
    groups = list(analyse(catalogue).comparison)
    assert [(g.key, g.basis, g.sop_ids) for g in groups] == [
        ("pengukuran-kinerja", "topik", ("kab-uji/kecamatan-a/x", "kab-uji/kecamatan-b/x"))
    ]
    assert groups[0].title == "Pengukuran Kinerja"


def test_title_grouping_normalises_and_tolerates_typos_only(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        {
            "kecamatan-a": {
                "ukur": sop("Pengukuran Kinerja Kecamatan A"),
                "lap": sop("Penyusunan Laporan Kinerja"),
                "dup": sop("Penyusunan Renja"),
                "dup2": sop("SOP Penyusunan Rencana Kerja"),
            },
            "kecamatan-b": {
                "ukur": sop("SOP/Mekanisme Pengukuran Kinerja"),
                "lap": sop("Penyusunan Laporan Evaluasi Kinerja"),
            },
            "kecamatan-c": {"ukur": sop("PENGUKURAN KINRJA")},
        },
    )
    groups = list(analyse(catalogue).comparison)
    assert [(g.basis, g.sop_ids) for g in groups] == [
        ("judul", ("kab-uji/kecamatan-a/ukur", "kab-uji/kecamatan-b/ukur", "kab-uji/kecamatan-c/ukur"))
    ]
    assert groups[0].key == "pengukuran-kinerja"
    # Laporan Kinerja vs Laporan Evaluasi Kinerja: two activities. Renja twice in one agency: not cross-agency.


def test_table_row(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        {
            "kecamatan-a": {
                "x": sop(
                    "Penyusunan Laporan",
                    topik="laporan",
                    loop=True,
                    nomor="1/A/2024",
                    dasar_hukum=(
                        "Permendagri No. 73 tahun 2009 tentang tata cara evaluasi",
                        "UU Nomor 23 Tahun 2014 Tentang Pemerintahan Daerah.",
                    ),
                )
            },
            "kecamatan-b": {
                "x": sop(
                    "Penyusunan Laporan",
                    topik="laporan",
                    dasar_hukum=(
                        (
                            "Peraturan Menteri Dalam Negeri Nomor 73 Tahun 2009 tentang Tata Cara "
                            "Pelaksanaan Evaluasi Kinerja"
                        ),
                        "Perbup Uji 5 Tahun 2020",
                    ),
                )
            },
        },
    )
    (group,) = analyse(catalogue).comparison
    a, b = group.rows
    assert (a.agency_nama, a.nomor, a.nama, a.steps) == ("Kecamatan A", "1/A/2024", "Penyusunan Laporan", 4)
    assert [c.label for c in a.roles] == ["Camat", "Sekretaris Camat", "Kepala Subbagian (Umum)"]
    # Normal path 1 → 2 → 4: the correction step 3 (2 hari) is not on it.
    assert a.normal_path_steps == 3
    assert a.duration_text == "30 menit" and a.duration.work_min == 30
    assert a.last_output == "Laporan"
    assert a.outputs == (
        "Disposisi",
        "Draf diperiksa",
        "Laporan",
    )  # "draf diperiksa" repeats case-insensitively
    assert b.duration_text == "2 jam" and b.last_output == "Dokumen"
    # Regulations are compared by the legal index's identity: one rule for pages, comparison and export.
    assert group.shared_regulations == ("peraturan-menteri-dalam-negeri-73-2009",)
    assert dict(group.partial_regulations) == {
        "peraturan-bupati-uji-5-2020": ("kab-uji/kecamatan-b/x",),
        "undang-undang-23-2014": ("kab-uji/kecamatan-a/x",),
    }
    assert a.regulations_only_here == ("undang-undang-23-2014",)
    assert group.regulation_labels["undang-undang-23-2014"] == "UU 23/2014"
    assert group.shared_roles == ("camat",)


def test_regulation_ids_function_is_a_parameter(tmp_path: Path) -> None:
    catalogue = build(
        tmp_path,
        {
            "kecamatan-a": {"x": sop("Laporan", topik="laporan", dasar_hukum=("anything",))},
            "kecamatan-b": {"x": sop("Laporan", topik="laporan", dasar_hukum=("else",))},
        },
    )

    def ids(s):
        return {"pp-12-2019", s.agency_slug}

    analysis = analyse(catalogue)
    (group,) = group_comparable(catalogue, analysis.roles, analysis.summaries, ids, lambda r: r.upper())
    assert group.shared_regulations == ("pp-12-2019",)
    assert group.regulation_labels["pp-12-2019"] == "PP-12-2019"
    assert [r for r, _ in group.partial_regulations] == ["kecamatan-a", "kecamatan-b"]


def test_seeds_form_one_group() -> None:
    assert any(SEEDS.glob("*/*/*.yml")), "the seed catalogue in content/sops is missing"
    catalogue = load_catalogue(SEEDS)
    groups = list(analyse(catalogue).comparison)
    assert [(g.key, g.basis, len(g.rows)) for g in groups] == [
        ("pengukuran-kinerja", "topik", len(catalogue.sops))
    ]
    (group,) = groups
    assert len(group.agencies) == 5
    for row in group.rows:
        s = catalogue.sops[row.sop_id]
        path = normal_path(s.langkah)
        assert row.duration_text == format_total(total([(s.langkah[i].no, s.langkah[i].waktu) for i in path]))
        assert row.roles and all(c.key for c in row.roles)
        assert row.last_output
    # Permendagri 73/2009 is written two ways by the seeds and is one regulation.
    citing = dict(group.partial_regulations).get("peraturan-menteri-dalam-negeri-73-2009", ())
    assert len(citing) == 2
    assert "undang-undang-23-2014" in dict(group.partial_regulations)
