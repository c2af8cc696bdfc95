"""Lists as agencies type them: numbered, bulleted, inline in one cell, wrapped over lines.

Only the structure is normalised: list markers are removed and wrapped lines are joined. The words, their
casing, typos and trailing punctuation stay as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

_BULLET = r"[-–•*·▪●◦➢►✓]"
#: "1.", "1)", "(1)", "a.", "- 1." at the start of a line; the number is group 1 (or the letter group 2).
_MARKER = re.compile(
    rf"^\s*(?:{_BULLET}\s*)?(?:\(?(\d{{1,2}})\s*[.)](?!\d)|\(?([a-zA-Z])[.)](?=\s)|(?={_BULLET}))\s*(?:{_BULLET}\s+)?"
)
_BULLET_ONLY = re.compile(rf"^\s*{_BULLET}\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean(text: str) -> str:
    """Collapse runs of spaces (and stray control characters) and strip; keep every word as written."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def marker_kind(text: str) -> str | None:
    """How the list entry ``text`` starts is numbered: "9" (figures), "a" (a letter, either case: OCR reads
    "c." as "C."), "-" (a bullet), or None when the line starts no entry."""
    m = _MARKER.match(text)
    if not m or m.end() == 0:
        return None
    return "9" if m.group(1) else "a" if m.group(2) else "-"


def marker(text: str) -> tuple[int | None, str] | None:
    """(number or None for a bullet/letter, text after the marker) if the line starts a list item."""
    m = _MARKER.match(text)
    if not m or m.end() == 0:
        return None
    rest = text[m.end() :]
    if m.group(1) is None and m.group(2) is None:
        b = _BULLET_ONLY.match(text)
        if not b:
            return None
        rest = text[b.end() :]
        inner = _MARKER.match(rest)
        if inner and inner.group(1):
            return int(inner.group(1)), rest[inner.end() :]
        return None, rest
    if not rest.strip():
        return None
    return (int(m.group(1)) if m.group(1) else None), rest


def split_inline(text: str) -> list[str]:
    """Split a cell holding a whole list on one line: "1. A 2. B 3. C" or "- A - B".

    Numbers must follow each other (1, 2, 3 …) so that "Nomor 29 Tahun 2014" is never cut.
    """
    text = clean(text)
    first = marker(text)
    if first is None:
        return [text] if text else []
    number, _ = first
    if number is None:
        if _BULLET_ONLY.match(text) and " - " in text:
            parts = [p for p in re.split(r"\s+-\s+", _BULLET_ONLY.sub("", text, count=1)) if p.strip()]
            return [clean(p) for p in parts]
        return [clean(first[1])]
    cuts = [0]
    n = number + 1
    pos = 0
    while True:
        m = re.compile(rf"(?:(?<=\s)|(?<=[;,.]))(?:{_BULLET}\s*)?{n}\s*[.)](?!\d)(?=\s*\S)").search(text, pos)
        if not m:
            break
        cuts.append(m.start())
        pos = m.end()
        n += 1
    cuts.append(len(text))
    items = []
    for start, end in pairwise(cuts):
        piece = text[start:end].strip()
        found = marker(piece)
        items.append(clean(found[1] if found else piece))
    return [i for i in items if i]


@dataclass
class ListLine:
    text: str
    blank_before: bool = False
    line: int = 0


@dataclass
class ItemGroup:
    """A run of list items; a new group starts where numbering restarts at 1."""

    items: list[str]
    numbered: bool
    line: int


def assemble(lines: list[ListLine]) -> list[ItemGroup]:
    """Turn the lines of one box into items, joining wrapped lines to the item they continue."""
    pieces: list[tuple[int | None, bool, str, bool, int]] = []  # (number, has_marker, text, blank, line)
    for entry in lines:
        if not entry.text.strip():
            continue
        parts = split_inline(entry.text) if marker(entry.text) else [clean(entry.text)]
        m = marker(entry.text)
        for k, part in enumerate(parts):
            number = (m[0] + k) if (m and m[0] is not None) else None
            pieces.append((number, m is not None, part, entry.blank_before and k == 0, entry.line))
    any_marker = any(p[1] for p in pieces)
    groups: list[ItemGroup] = []
    current: ItemGroup | None = None
    last_number: int | None = None
    for number, has_marker, text, blank, line in pieces:
        # Numbering that starts again at 1 begins another list (a box whose heading was lost).
        restart = (
            current is not None
            and has_marker
            and number == 1
            and last_number is not None
            and (blank or last_number >= 2)
        )
        if current is None or restart:
            current = ItemGroup([], any_marker, line)
            groups.append(current)
            current.items.append(text)
        elif has_marker:
            current.items.append(text)
        elif current.items and (
            (any_marker and not blank) or (not any_marker and _continues(current.items[-1], text))
        ):
            current.items[-1] = clean(current.items[-1] + " " + text)
        else:
            current.items.append(text)
        if number is not None:
            last_number = number
    return groups


def _continues(previous: str, text: str) -> bool:
    """An unnumbered line continues the previous one when it starts in lower case (a wrapped sentence)."""
    return bool(text) and text[0].islower() and not previous.rstrip().endswith((".", ";", ":"))


def split_cell_items(text: str) -> list[str]:
    """Items of a table cell (kelengkapan): one per paragraph or marker; unmarked wraps are joined."""
    lines = [ListLine(t) for t in text.split("\n") if t.strip()]
    if not lines:
        return []
    marked = [bool(marker(x.text)) for x in lines]
    if len(lines) > 1 and not any(marked):
        # Paragraphs of a real cell are items unless they read as one wrapped sentence.
        items: list[str] = []
        for x in lines:
            t = clean(x.text)
            if items and _continues(items[-1], t):
                items[-1] = clean(items[-1] + " " + t)
            else:
                items.append(t)
        return items
    out: list[str] = []
    for group in assemble(lines):
        out += group.items
    return out
