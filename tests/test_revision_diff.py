"""The semantic diff between two versions of an SOP (catalogue/analysis/revision_diff.py): on the model."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from catalogue.analysis.revision_diff import Snapshot, diff_snapshots, pair_steps, snapshot
from catalogue.source.files import read_sop

from .conftest import MINIMAL_SOP


def _snap(text: str) -> Snapshot:
    sop, problems = read_sop(Path("/tmp/kab-uji/kec-uji/laporan.yml"), "kab-uji", "kec-uji", text)
    assert sop is not None, [p.message for p in problems]
    return snapshot(sop)


def test_identical_versions_have_an_empty_diff_even_rewrapped():
    rewrapped = MINIMAL_SOP.replace(
        "kegiatan: Menyusun laporan", "kegiatan: >-\n      Menyusun\n      laporan"
    )
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(rewrapped))
    assert diff.is_empty
    assert diff.summary() == "tidak ada perubahan isi"


def test_identity_fields_changed_old_to_new():
    new = MINIMAL_SOP.replace('tanggal_revisi: "-"', "tanggal_revisi: 2025-03-04").replace(
        '"001/SOP/2024"', '"001/SOP/2025"'
    )
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(new))
    changes = {c.field: (c.old, c.new) for c in diff.identity}
    assert changes == {"nomor": ("001/SOP/2024", "001/SOP/2025"), "tanggal_revisi": ("", "4 Maret 2025")}
    assert not diff.changed_steps and not diff.added_steps


def test_a_step_inserted_is_one_added_step_not_every_later_step_renumbered():
    new = MINIMAL_SOP.replace(
        "  - no: 2\n    kegiatan: Menyusun laporan",
        "  - no: 2\n    kegiatan: Mengumpulkan data kinerja\n    pelaksana: Sekcam\n    waktu: 2 hari\n"
        "    output: Data\n  - no: 3\n    kegiatan: Menyusun laporan",
    ).replace("  - no: 3\n    kegiatan: Menandatangani", "  - no: 4\n    kegiatan: Menandatangani")
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(new))
    assert [s.kegiatan for s in diff.added_steps] == ["Mengumpulkan data kinerja"]
    assert not diff.removed_steps
    assert not diff.changed_steps  # steps 2 and 3 became 3 and 4: renumbered, not changed nor moved


def test_a_step_removed():
    new = MINIMAL_SOP.replace(
        "  - no: 2\n    kegiatan: Menyusun laporan\n    pelaksana: Sekcam\n"
        "    waktu: 1 hari\n    output: Draf laporan\n",
        "",
    ).replace("  - no: 3\n", "  - no: 2\n")
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(new))
    assert [s.kegiatan for s in diff.removed_steps] == ["Menyusun laporan"]
    assert not diff.added_steps and not diff.changed_steps


def test_fields_of_a_step_changed_old_to_new():
    new = MINIMAL_SOP.replace(
        "waktu: 1 hari\n    output: Draf laporan", "waktu: 2 hari\n    output: Draf final"
    )
    new = new.replace(
        "kegiatan: Menandatangani laporan\n    pelaksana: Camat",
        "kegiatan: Menandatangani laporan\n    pelaksana: Sekcam",
    )
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(new))
    by_step = {s.new_no: {f.field: (f.old, f.new) for f in s.fields} for s in diff.changed_steps}
    assert by_step == {
        "2": {"waktu": ("1 hari", "2 hari"), "output": ("Draf laporan", "Draf final")},
        "3": {"pelaksana": ("Camat", "Sekcam")},
    }
    assert not any(s.moved for s in diff.changed_steps)


def test_a_reworded_step_in_place_is_a_change_of_kegiatan():
    new = MINIMAL_SOP.replace("kegiatan: Menyusun laporan", "kegiatan: Menyusun laporan kinerja triwulan")
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(new))
    (step,) = diff.changed_steps
    assert step.fields[0].field == "kegiatan"
    assert (step.fields[0].old, step.fields[0].new) == (
        "Menyusun laporan",
        "Menyusun laporan kinerja triwulan",
    )
    assert not diff.added_steps and not diff.removed_steps


def test_moved_steps_are_the_fewest_that_explain_the_new_order():
    steps = ["A satu", "B dua", "C tiga", "D empat", "E lima"]

    def version(order):
        body = "".join(
            f"  - no: {n}\n    kegiatan: Langkah {name}\n    pelaksana: Camat\n    waktu: 1 jam\n"
            for n, name in enumerate(order, 1)
        )
        return MINIMAL_SOP[: MINIMAL_SOP.index("langkah:\n") + len("langkah:\n")] + body

    old, new = _snap(version(steps)), _snap(version(["A satu", "C tiga", "D empat", "B dua", "E lima"]))
    diff = diff_snapshots(old, new)
    assert [(s.kegiatan, s.old_no, s.new_no) for s in diff.moved_steps] == [("Langkah B dua", "2", "4")]
    assert pair_steps(old.steps, new.steps) == [(0, 0), (1, 3), (2, 1), (3, 2), (4, 4)]


def test_decisions_compared_through_the_renumbering():
    base = MINIMAL_SOP.replace(
        "  - no: 3\n    kegiatan: Menandatangani laporan",
        "  - no: 3\n    kegiatan: Memeriksa laporan\n    jenis: keputusan\n    pelaksana: Camat\n"
        "    waktu: 1 jam\n    ya: 4\n"
        "    tidak: 2\n  - no: 4\n    kegiatan: Menandatangani laporan",
    )
    inserted = base.replace(
        "  - no: 2\n    kegiatan: Menyusun laporan",
        "  - no: 2\n    kegiatan: Mengumpulkan data\n    pelaksana: Sekcam\n    waktu: 1 jam\n"
        "  - no: 3\n    kegiatan: Menyusun laporan",
    )
    inserted = inserted.replace("  - no: 3\n    kegiatan: Memeriksa", "  - no: 4\n    kegiatan: Memeriksa")
    inserted = inserted.replace("ya: 4\n    tidak: 2\n  - no: 4", "ya: 5\n    tidak: 3\n  - no: 5")
    diff = diff_snapshots(_snap(base), _snap(inserted))
    assert not diff.changed_steps, diff.changed_steps  # the same branches, renumbered
    redirected = base.replace("tidak: 2", "tidak: 1")
    diff = diff_snapshots(_snap(base), _snap(redirected))
    (step,) = diff.changed_steps
    assert [(f.field, f.old, f.new) for f in step.fields] == [
        ("keputusan", "Ya → 4, Tidak → 2", "Ya → 4, Tidak → 1")
    ]


def test_step_numbers_written_with_a_dot_are_the_same_steps():
    # The model resolves "ya: 4." to step "4"; the diff must not call that a changed decision.
    base = MINIMAL_SOP.replace(
        "  - no: 3\n    kegiatan: Menandatangani laporan",
        "  - no: 3\n    kegiatan: Memeriksa laporan\n    jenis: keputusan\n    pelaksana: Camat\n"
        "    waktu: 1 jam\n    ya: 4\n"
        "    tidak: 2\n  - no: 4\n    kegiatan: Menandatangani laporan",
    )
    dotted = base.replace("ya: 4\n    tidak: 2\n  - no: 4\n", "ya: '4.'\n    tidak: '2.'\n  - no: '4.'\n")
    assert dotted != base
    diff = diff_snapshots(_snap(base), _snap(dotted))
    assert not diff.changed_steps and not diff.added_steps and not diff.removed_steps


def test_box_items_added_and_removed():
    new = MINIMAL_SOP.replace(
        "peralatan_perlengkapan: [Komputer]", "peralatan_perlengkapan: [Komputer, Printer]"
    )
    new = new.replace("peringatan: [Laporan terlambat]", "peringatan: []")
    diff = diff_snapshots(_snap(MINIMAL_SOP), _snap(new))
    lists = {c.field: (c.added, c.removed) for c in diff.lists}
    assert lists == {"peralatan_perlengkapan": (("Printer",), ()), "peringatan": ((), ("Laporan terlambat",))}
    assert "Peralatan/Perlengkapan +1" in diff.summary()


def test_a_status_change_is_a_change_of_identity():
    sop, _ = read_sop(Path("/tmp/kab-uji/kec-uji/laporan.yml"), "kab-uji", "kec-uji", MINIMAL_SOP)
    assert snapshot(sop).value("status") == "berlaku"  # the default, as the model reads it
    revoked = dataclasses.replace(sop, status="dicabut")
    diff = diff_snapshots(snapshot(sop), snapshot(revoked))
    assert diff.status_change is not None
    assert (diff.status_change.old, diff.status_change.new) == ("berlaku", "dicabut")
    assert diff.summary() == "identitas: Status"


def test_snapshots_round_trip_through_json():
    snap = _snap(MINIMAL_SOP)
    assert Snapshot.from_json(snap.to_json()) == snap
