"""What changed between two versions of one SOP, computed on the model, never on the text of the files.

A :class:`Snapshot` keeps what a reader compares between versions: the identity block, the six boxes, the
role columns and every step's fields. :func:`diff_snapshots` pairs the steps of two versions (same wording
first, then the same number, then a close wording), so a step inserted before others shows as one added
step, not as every later step renumbered; pairs whose relative order changed are the moved steps (the fewest
moves that explain the new order: the pairs outside a longest increasing run). Decisions are compared
through the pairing: "Tidak → 3" in the old version and "Tidak → 4" in the new one are the same branch when
old step 3 is new step 4.

Snapshots are plain tuples of strings, so a history cache can store them as JSON.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from rapidfuzz import fuzz

from catalogue.model import Sop
from catalogue.rules.dates import format_date
from catalogue.rules.numbering import step_key

#: A step whose wording is at least this similar (rapidfuzz ratio, 0-100) to an unpaired step of the other
#: version is the same step reworded. Chosen by hand on the seeds' revisions; a looser bound pairs different
#: steps that share the SOP's boilerplate verbs ("Menerima berkas …", "Memeriksa berkas …").
REWORDED_MIN_RATIO = 70.0

#: The identity fields, in the order of the identity block, with their labels.
IDENTITY_FIELDS = (
    ("nomor", "Nomor SOP"),
    ("nama", "Nama SOP"),
    ("unit_kerja", "Unit Kerja"),
    ("tanggal_pembuatan", "Tanggal Pembuatan"),
    ("tanggal_revisi", "Tanggal Revisi"),
    ("tanggal_efektif", "Tanggal Efektif"),
    ("disahkan_oleh", "Disahkan Oleh"),
    ("topik", "Topik"),
    ("status", "Status"),
)
#: The six boxes and the role columns, compared as lists of items.
LIST_FIELDS = (
    ("dasar_hukum", "Dasar Hukum"),
    ("kualifikasi_pelaksana", "Kualifikasi Pelaksana"),
    ("keterkaitan", "Keterkaitan"),
    ("peralatan_perlengkapan", "Peralatan/Perlengkapan"),
    ("peringatan", "Peringatan"),
    ("pencatatan_pendataan", "Pencatatan dan Pendataan"),
    ("pelaksana", "Pelaksana (kolom peran)"),
)
#: A step's fields, with their labels, as the procedure table names them.
STEP_FIELDS = (
    ("kegiatan", "Kegiatan"),
    ("pelaksana", "Pelaksana"),
    ("waktu", "Waktu"),
    ("output", "Output"),
    ("kelengkapan", "Kelengkapan"),
    ("keputusan", "Keputusan"),
    ("keterangan", "Keterangan"),
)


@dataclass(frozen=True)
class StepSnapshot:
    no: str
    kegiatan: str
    pelaksana: str
    waktu: str
    output: str
    kelengkapan: str
    keterangan: str
    kind: str
    ya: str | None
    tidak: str | None


@dataclass(frozen=True)
class Snapshot:
    """One version of an SOP, as compared: identity values, list items and steps, as text."""

    identity: tuple[tuple[str, str], ...]  # (field, value) in IDENTITY_FIELDS order
    lists: tuple[tuple[str, tuple[str, ...]], ...]  # (field, items) in LIST_FIELDS order
    steps: tuple[StepSnapshot, ...]

    def value(self, name: str) -> str:
        return dict(self.identity).get(name, "")

    def to_json(self) -> dict[str, Any]:
        return {
            "identity": [list(pair) for pair in self.identity],
            "lists": [[name, list(items)] for name, items in self.lists],
            "steps": [list(vars(s).values()) for s in self.steps],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Snapshot:
        return cls(
            tuple((str(k), str(v)) for k, v in data["identity"]),
            tuple((str(name), tuple(items)) for name, items in data["lists"]),
            tuple(StepSnapshot(*values) for values in data["steps"]),
        )


def _text(value: Any) -> str:
    """A model value as the page prints it: dates in Indonesian, absent values empty."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if hasattr(value, "isoformat"):
        return format_date(value)
    if hasattr(value, "jabatan"):  # the signer
        parts = [value.jabatan, value.nama, value.pangkat, f"NIP. {value.nip}" if value.nip else None]
        return ", ".join(p for p in parts if p)
    return normalise_space(str(value))


def status_text(value: Any) -> str:
    """An SOP's status as text, whatever its type in the model (text, enum, or a value with a ``status``)."""
    if value is not None and not isinstance(value, str | Enum):
        value = getattr(value, "status", getattr(value, "kind", value))
    return _text(value)


def _identity(sop: Sop) -> tuple[tuple[str, str], ...]:
    return tuple(
        (name, status_text(getattr(sop, name, None)) if name == "status" else _text(getattr(sop, name, None)))
        for name, _ in IDENTITY_FIELDS
    )


def identity_snapshot(sop: Sop) -> Snapshot:
    """The identity block alone: enough to name a version that is compared with nothing."""
    return Snapshot(_identity(sop), (), ())


def snapshot(sop: Sop) -> Snapshot:
    """The comparable content of one version. ``status`` is read when the model has it (the lifecycle
    fields), so a status change between versions shows without this module naming the status values."""
    identity = _identity(sop)
    lists = (
        ("dasar_hukum", tuple(normalise_space(d.teks) for d in sop.dasar_hukum)),
        ("kualifikasi_pelaksana", tuple(map(normalise_space, sop.kualifikasi_pelaksana))),
        ("keterkaitan", tuple(normalise_space(k.teks) for k in sop.keterkaitan)),
        ("peralatan_perlengkapan", tuple(map(normalise_space, sop.peralatan_perlengkapan))),
        ("peringatan", tuple(map(normalise_space, sop.peringatan))),
        ("pencatatan_pendataan", tuple(map(normalise_space, sop.pencatatan_pendataan))),
        ("pelaksana", tuple(map(normalise_space, sop.pelaksana))),
    )
    steps = tuple(
        StepSnapshot(
            no=s.no,
            kegiatan=normalise_space(s.kegiatan),
            pelaksana=_text(s.pelaksana),
            waktu=normalise_space(s.waktu.raw),
            output=_text(s.output),
            kelengkapan="; ".join(map(normalise_space, s.kelengkapan)),
            keterangan=_text(s.keterangan),
            kind=s.kind,
            ya=s.ya,
            tidak=s.tidak,
        )
        for s in sop.langkah
    )
    return Snapshot(identity, lists, steps)


def normalise_space(text: str) -> str:
    """Runs of whitespace as one space: re-wrapping a line in the YAML file is no change."""
    return " ".join(text.split())


# --- the diff ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ListChange:
    field: str
    label: str
    added: tuple[str, ...]
    removed: tuple[str, ...]


@dataclass(frozen=True)
class StepChange:
    """A step present in both versions: its numbers, whether it moved, and its changed fields."""

    old_no: str
    new_no: str
    kegiatan: str  # the new wording, to name the step
    moved: bool
    fields: tuple[ValueChange, ...]


@dataclass(frozen=True)
class RevisionDiff:
    identity: tuple[ValueChange, ...] = ()
    lists: tuple[ListChange, ...] = ()
    added_steps: tuple[StepSnapshot, ...] = ()
    removed_steps: tuple[StepSnapshot, ...] = ()
    changed_steps: tuple[StepChange, ...] = field(default=())  # moved or with changed fields, in new order

    @property
    def moved_steps(self) -> tuple[StepChange, ...]:
        return tuple(s for s in self.changed_steps if s.moved)

    @property
    def is_empty(self) -> bool:
        return not (
            self.identity or self.lists or self.added_steps or self.removed_steps or self.changed_steps
        )

    @property
    def status_change(self) -> ValueChange | None:
        return next((c for c in self.identity if c.field == "status"), None)

    def summary(self) -> str:
        """One line in Indonesian: what kinds of change this revision made."""
        parts = []
        if self.identity:
            parts.append("identitas: " + ", ".join(c.label for c in self.identity))
        for change in self.lists:
            counts = []
            if change.added:
                counts.append(f"+{len(change.added)}")
            if change.removed:
                counts.append(f"−{len(change.removed)}")
            parts.append(f"{change.label} {' '.join(counts)}")
        if self.added_steps:
            parts.append(f"{len(self.added_steps)} langkah ditambahkan")
        if self.removed_steps:
            parts.append(f"{len(self.removed_steps)} langkah dihapus")
        if moved := self.moved_steps:
            parts.append(f"{len(moved)} langkah dipindahkan")
        if edited := [s for s in self.changed_steps if s.fields]:
            parts.append(f"{len(edited)} langkah diubah")
        return "; ".join(parts) if parts else "tidak ada perubahan isi"


def _list_diff(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Items added and removed, as multisets (a line written twice and now once was removed once)."""
    remaining = list(old)
    added = []
    for item in new:
        if item in remaining:
            remaining.remove(item)
        else:
            added.append(item)
    return tuple(added), tuple(remaining)


def _key(text: str) -> str:
    return normalise_space(text).casefold()


def pair_steps(old: tuple[StepSnapshot, ...], new: tuple[StepSnapshot, ...]) -> list[tuple[int, int]]:
    """(old index, new index) of the steps that are the same step in both versions, in old order."""
    pairs: dict[int, int] = {}
    used_new: set[int] = set()
    # 1. The same wording (in order, for a wording used twice).
    by_wording: dict[str, list[int]] = {}
    for j, step in enumerate(new):
        by_wording.setdefault(_key(step.kegiatan), []).append(j)
    for i, step in enumerate(old):
        candidates = by_wording.get(_key(step.kegiatan))
        if candidates:
            j = candidates.pop(0)
            pairs[i] = j
            used_new.add(j)
    # 2. The same number, reworded (a step edited in place), if the wordings are not unrelated.
    new_by_no = {step_key(s.no): j for j, s in enumerate(new) if j not in used_new}
    for i, step in enumerate(old):
        j = new_by_no.get(step_key(step.no))
        if i in pairs or j is None or j in used_new:
            continue
        if fuzz.ratio(_key(step.kegiatan), _key(new[j].kegiatan)) >= REWORDED_MIN_RATIO / 2:
            pairs[i] = j
            used_new.add(j)
    # 3. A close wording anywhere (a step reworded and moved), best matches first.
    candidates = sorted(
        (
            (-fuzz.ratio(_key(old[i].kegiatan), _key(new[j].kegiatan)), i, j)
            for i in range(len(old))
            if i not in pairs
            for j in range(len(new))
            if j not in used_new
        ),
    )
    for score, i, j in candidates:
        if -score < REWORDED_MIN_RATIO:
            break
        if i in pairs or j in used_new:
            continue
        pairs[i] = j
        used_new.add(j)
    return sorted(pairs.items())


def _in_order(pairs: list[tuple[int, int]]) -> set[int]:
    """Old indexes of the pairs in a longest run whose new indexes increase: the steps that did not move."""
    tails: list[int] = []  # new index ending the best run of each length
    tail_at: list[int] = []  # position in pairs of that end
    previous: list[int] = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[length] = j
            tail_at[length] = k
        previous[k] = tail_at[length - 1] if length else -1
    kept: set[int] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        kept.add(pairs[k][0])
        k = previous[k]
    return kept


def _decision(step: StepSnapshot, target_no: dict[str, str]) -> str:
    """A step's branches, with its old step numbers translated to the new numbering where the target step
    is in both versions."""
    if step.kind != "keputusan" and not (step.ya or step.tidak):
        return ""
    # Keyed as the model resolves branches: "3." and "3" are the same step (rules.numbering.step_key).
    ya = target_no.get(step_key(step.ya or ""), step.ya or "-")
    tidak = target_no.get(step_key(step.tidak or ""), step.tidak or "-")
    return f"Ya → {ya}, Tidak → {tidak}"


def diff_snapshots(old: Snapshot, new: Snapshot) -> RevisionDiff:
    """What ``new`` changed in ``old``."""
    labels = dict(IDENTITY_FIELDS)
    identity = tuple(
        ValueChange(name, labels[name], old.value(name), new.value(name))
        for name, _ in IDENTITY_FIELDS
        if old.value(name) != new.value(name)
    )
    old_lists, new_lists = dict(old.lists), dict(new.lists)
    lists = []
    for name, label in LIST_FIELDS:
        added, removed = _list_diff(old_lists.get(name, ()), new_lists.get(name, ()))
        if added or removed:
            lists.append(ListChange(name, label, added, removed))

    pairs = pair_steps(old.steps, new.steps)
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    not_moved = _in_order(pairs)
    old_to_new_no = {step_key(old.steps[i].no): new.steps[j].no for i, j in pairs}
    same_no = {step_key(s.no): s.no for s in new.steps}
    changed = []
    for i, j in sorted(pairs, key=lambda p: p[1]):
        a, b = old.steps[i], new.steps[j]
        fields = []
        for name, label in STEP_FIELDS:
            if name == "keputusan":
                before, after = _decision(a, old_to_new_no), _decision(b, same_no)
            else:
                before, after = getattr(a, name), getattr(b, name)
            if before != after:
                fields.append(ValueChange(name, label, before, after))
        moved = i not in not_moved
        if fields or moved:
            changed.append(StepChange(a.no, b.no, b.kegiatan, moved, tuple(fields)))
    return RevisionDiff(
        identity=identity,
        lists=tuple(lists),
        added_steps=tuple(s for j, s in enumerate(new.steps) if j not in paired_new),
        removed_steps=tuple(s for i, s in enumerate(old.steps) if i not in paired_old),
        changed_steps=tuple(changed),
    )
