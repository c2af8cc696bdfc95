"""Entries of a printed list cell whose bounds only letter case decided, flagged for review.

In a PDF or a scan, a cell's paragraphs are rebuilt from printed lines (:mod:`.page_rows`). Where a line is
full and the next starts with a capital, the line may have wrapped inside an entry ("Akta pendirian badan
hukum" / "STNK dan buku uji kendaraan" could be one entry or two), and only the usual case of list entries
decides; :attr:`Row.doubts` records those places. An entry of a kelengkapan cell or a box that holds such a
join is flagged: the importer promises to flag what it is unsure of, and two entries merged into one is a
wrong value.
"""

from __future__ import annotations

from .parsed import ParsedSop, Row


def _joins(rows: list[Row]) -> list[str]:
    return [doubt for row in rows for _, doubt in row.doubts or ()]


def _doubtful_entries(entries: list[str], joins: list[str]) -> list[str]:
    """Entries that hold a doubtful join, each with the place of the join. Entries ended by a semicolon or
    a full stop are delimited by it: a join inside one of them is no doubt."""
    if len(entries) >= 2 and all(e.rstrip().endswith((";", ".")) for e in entries[:-1]):
        return []
    out = []
    for entry in entries:
        joined = next((j for j in joins if j in entry), None)
        if joined is not None:
            out.append(f"'{entry}' (baris cetak disambung di '{joined.replace(' ', ' / ', 1)}')")
    return out


def flag_doubtful_entries(sop: ParsedSop, rows: list[Row]) -> None:
    """A review item on each kelengkapan or box entry whose bounds letter case alone decided."""
    if not any(r.doubts for r in rows):
        return
    joins = _joins(rows)
    note = (
        "baris cetak yang penuh lalu baris berhuruf kapital: bisa lanjutan entri yang sama atau entri baru. "
        "Pastikan batas entri: {}."
    )
    for key, items in sop.boxes.items():
        if found := _doubtful_entries(items, joins):
            sop.review((key,), note.format("; ".join(found)))
    for i, step in enumerate(sop.steps):
        if found := _doubtful_entries(step.kelengkapan, joins):
            sop.review(("langkah", i, "kelengkapan"), note.format("; ".join(found)))
