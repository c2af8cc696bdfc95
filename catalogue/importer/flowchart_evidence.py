"""What a drawn flowchart states about each step: its kind (the symbol) and where a decision's branches go.

:mod:`.pdf_reader` marks, on the table rows, the symbol drawn for each step (``Row.shapes``) and where its
connectors lead (``Row.branches``: a label as drawn and the row reached, or ``None`` where the path ends at a
"Selesai" terminator). The performer is read by the layout analysis from the symbol's column, as for a
drawing in a .docx. This module writes the rest into the steps, before the decisions are read from the text:

* a step drawn as a diamond is a ``keputusan``; its branches are the drawn connectors. The "Ya" branch is
  the one labelled as the positive outcome ("Ya", "Lengkap", "Sesuai", "Disetujui" …), the "Tidak" branch a
  negative one ("Tidak", "Belum …", "Ditolak", "Perbaikan" …); unlabelled, the branch to the next step is
  "Ya". Of three branches, the one that ends is reported, since the source file holds two;
* a terminator in the middle of the procedure, or a process at its start or end, is written as ``jenis``
  (elsewhere the source format's default says the same).

A branch that ends the procedure cannot be written in the source format yet (``tidak`` names a step): such
a decision is left for a person, with what the drawing shows.
"""

from __future__ import annotations

import re

from catalogue.source.format import BRANCH_ENDS, STEP_KINDS

from .parsed import ParsedSop, Row

_NEGATIVE = re.compile(
    r"^(?:t|n|no|tidak|tdk|belum|blm|bukan|ditolak|tolak|menolak|gagal|kurang|salah|"
    r"perbaikan|diperbaiki|revisi|dikembalikan|kembali|batal|penuh)\b",
    re.IGNORECASE,
)
_POSITIVE = re.compile(
    r"^(?:y|ya|yes|ok|lengkap|sesuai|disetujui|setuju|diterima|terima|layak|benar|valid|sah|"
    r"memenuhi|lulus|lolos|ada|cukup|mencukupi|terdaftar|lanjut|selesai)\b",
    re.IGNORECASE,
)


def _polarity(label: str) -> int:
    """+1 for a positive outcome, -1 for a negative one, 0 when the label does not say."""
    text = label.strip().lower()
    if _NEGATIVE.match(text):
        return -1
    if _POSITIVE.match(text):
        return 1
    return 0


def _owners(sop: ParsedSop, rows: list[Row]) -> dict[int, int]:
    """Line of each table row → index of the step it belongs to (its own row and continuation rows)."""
    by_line = {r.line: k for k, r in enumerate(rows)}
    owner: dict[int, int] = {}
    starts = [s.line for s in sop.steps]
    for i, step in enumerate(sop.steps):
        k = by_line.get(step.line)
        if k is None:
            continue
        end = starts[i + 1] if i + 1 < len(starts) and starts[i + 1] > step.line else None
        while k < len(rows) and rows[k].from_table and (end is None or rows[k].line < end):
            owner.setdefault(rows[k].line, i)
            k += 1
    return owner


def apply_flowchart(sop: ParsedSop, rows: list[Row]) -> None:
    """Write the kind and the branches of each step that the drawn flowchart states."""
    if not sop.steps or not any(r.shapes for r in rows):
        return
    owner = _owners(sop, rows)
    drawn: dict[int, str] = {}
    found: dict[int, list[tuple[str, int | None]]] = {}
    for r in rows:
        i = owner.get(r.line)
        if i is None:
            continue
        # Only a step's own symbol says its kind: an off-page connector or another mark drawn in its row
        # (a scan's blob read as a connector) is no kind of the source format.
        kinds = [k for k in (r.shapes or []) if k in STEP_KINDS]
        if len(kinds) == 1 and i not in drawn:
            drawn[i] = kinds[0]
        for label, target in r.branches or []:
            j = owner.get(target) if target is not None else None
            if target is not None and j is None:
                continue  # a row outside this SOP's steps
            found.setdefault(i, []).append((label, j))
    last = len(sop.steps) - 1
    read_connectors = any(r.branches for r in rows)
    for i, kind in drawn.items():
        step = sop.steps[i]
        if kind == "keputusan" and not read_connectors:
            continue  # a scan shows the diamond but not where its arrows go: the text may say it
        step.drawn = kind
        if kind == "keputusan":
            _decision(sop, i, found.get(i, []))
        elif (kind == "terminator") != (i in (0, last)):
            step.jenis = kind


def _decision(sop: ParsedSop, i: int, branches: list[tuple[str, int | None]]) -> None:
    step = sop.steps[i]
    here = ("langkah", i)
    seen: set[int | None] = set()
    unique = []
    for label, j in branches:
        if j == i or j in seen:
            continue
        seen.add(j)
        unique.append((label.strip(), j))

    def name(label: str, j: int | None) -> str:
        where = f"langkah {sop.steps[j].no}" if j is not None else "Selesai (prosedur berakhir)"
        return f"'{label}' ke {where}" if label else f"ke {where}"

    drawn = "; ".join(name(label, j) for label, j in unique) or "tanpa cabang yang terbaca"
    if len(unique) < 2:
        sop.review(
            here + ("jenis",),
            f"bagan alir menggambar langkah ini sebagai keputusan (belah ketupat), "
            f"tetapi cabangnya tidak terbaca lengkap ({drawn}); isi `jenis`, `ya` dan "
            "`tidak`.",
        )
        return
    ya = _pick_yes(unique, i)
    rest = [b for b in unique if b is not ya]
    to_steps = [b for b in rest if b[1] is not None]
    # A branch drawn into a "Selesai" terminator ends the procedure: written `-` (source format).
    tidak = min(to_steps, key=lambda b: (_polarity(b[0]) >= 0, b[1] != i + 1)) if to_steps else rest[0]
    if ya[1] is None and tidak[1] is None:
        sop.review(
            here + ("jenis",),
            f"bagan alir menggambar langkah ini sebagai keputusan dengan cabang {drawn}: "
            "kedua cabang mengakhiri prosedur. Isi `jenis`, `ya` dan `tidak` secara manual.",
        )
        return

    def target(branch: tuple[str, int | None]) -> str:
        return sop.steps[branch[1]].no if branch[1] is not None else BRANCH_ENDS

    step.jenis, step.ya, step.tidak = "keputusan", target(ya), target(tidak)
    dropped = [b for b in rest if b is not tidak]
    if dropped:
        sop.review(
            here + ("tidak",),
            "bagan alir menggambar lebih dari dua cabang (" + drawn + "); format sumber "
            f"memuat dua, dipakai Ya {name(*ya)} dan Tidak {name(*tidak)}. Cabang lain: "
            + "; ".join(name(*b) for b in dropped)
            + ".",
        )
    if _polarity(ya[0]) <= 0 and _polarity(tidak[0]) >= 0:
        # The labels do not say which outcome is which: the forward branch was taken for "Ya".
        sop.review(
            here + ("ya",),
            f"label cabang bagan alir tidak menyebut Ya/Tidak ({drawn}); cabang ke langkah "
            f"{step.ya} dianggap Ya. Pastikan.",
        )


def _pick_yes(branches: list[tuple[str, int | None]], i: int) -> tuple[str, int | None]:
    positive = [b for b in branches if _polarity(b[0]) > 0]
    if len(positive) == 1:
        return positive[0]
    not_negative = [b for b in branches if _polarity(b[0]) >= 0]
    if len(not_negative) == 1:
        return not_negative[0]
    # Unlabelled (or all alike): the branch that goes on to the next step, else the furthest forward one.
    forward = [b for b in branches if b[1] is not None and b[1] > i]
    if forward:
        return min(forward, key=lambda b: b[1])  # type: ignore[arg-type,return-value]
    return branches[0]
