"""The ruled tables of a scanned page: ruling lines found in the picture, and the cells they enclose.

A scan has no table structure, only pixels. The rulings are long straight runs of dark pixels; what else is
long and straight on an SOP page (a flowchart's boxes and connectors, underlined names) is told apart by
how rulings meet: a ruling ends on another ruling (or runs on to the table's border), a connector ends on a
symbol and a symbol's side on its own corners. Starting from the longest horizontal lines (a table's
borders and row lines), rulings are accepted while their two ends rest on rulings already accepted.

The cells are the slots between consecutive ruling positions, joined wherever no ruling separates two
neighbouring slots: so merged cells come out whole, as in a .docx. All of it works on a deskewed page.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import numpy as np

BBox = tuple[float, float, float, float]


@dataclass(frozen=True)
class Segment:
    """A straight run of dark pixels: horizontal (``pos`` = y, from ``a`` to ``b`` in x) or vertical."""

    horizontal: bool
    pos: float
    a: float
    b: float

    @property
    def length(self) -> float:
        return self.b - self.a


def _along(axis: int, ndim: int, part: slice) -> tuple[slice, ...]:
    index = [slice(None)] * ndim
    index[axis] = part
    return tuple(index)


def _runs_at_least(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that belong to a run of at least ``length`` set pixels along ``axis`` (a morphological opening
    with a line), computed with running sums along the axis (slices only: no copy of the transposed mask)."""
    n = mask.shape[axis]
    if n < length:
        return np.zeros_like(mask, dtype=bool)
    nd = mask.ndim
    pad = [(0, 0)] * nd
    pad[axis] = (1, 0)
    c = np.pad(np.cumsum(mask, axis=axis, dtype=np.int32), pad)
    # Windows [i, i + length) whose pixels are all set.
    full = (c[_along(axis, nd, slice(length, None))] - c[_along(axis, nd, slice(None, -length))]) == length
    # Each pixel covered by such a window: a window ending at most length - 1 pixels before it.
    pad[axis] = (length, length - 1)
    f = np.cumsum(np.pad(full, pad), axis=axis, dtype=np.int32)
    return (f[_along(axis, nd, slice(length, None))] - f[_along(axis, nd, slice(None, -length))]) > 0


def _close(mask: np.ndarray, gap: int, axis: int) -> np.ndarray:
    """Bridge gaps of up to ``gap`` pixels along ``axis`` (breaks in a scanned line)."""
    if gap <= 0:
        return mask
    m = np.moveaxis(mask, axis, -1)
    grown = m.copy()
    for k in range(1, gap + 1):
        grown[..., k:] |= m[..., :-k]
    shrunk = grown.copy()
    for k in range(1, gap + 1):
        shrunk[..., :-k] &= grown[..., k:]
    return np.moveaxis(shrunk | m, -1, axis)


def _segments(lines: np.ndarray, horizontal: bool, min_length: int) -> list[Segment]:
    """Group the pixels of straight runs into segments: runs in adjacent rows that overlap belong to one
    line (its thickness). A thick patch (a shaded cell, a stamp) is not a line."""
    m = lines if horizontal else lines.T
    padded = np.zeros((m.shape[0], m.shape[1] + 2), dtype=np.int8)
    padded[:, 1:-1] = m
    edges = np.diff(padded, axis=1)
    starts_y, starts_x = np.nonzero(edges == 1)
    _, ends_x = np.nonzero(edges == -1)
    # Runs in reading order: (row, start, end); a line is the runs chained through overlapping neighbours.
    runs = list(zip(starts_y.tolist(), starts_x.tolist(), ends_x.tolist(), strict=False))
    parent = list(range(len(runs)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    by_row: dict[int, list[int]] = {}
    for k, (y, _, _) in enumerate(runs):
        by_row.setdefault(y, []).append(k)
    for k, (y, a, b) in enumerate(runs):
        for j in by_row.get(y - 1, ()):
            _, c, d = runs[j]
            if c < b and a < d:
                parent[find(k)] = find(j)
    groups: dict[int, list[int]] = {}
    for k in range(len(runs)):
        groups.setdefault(find(k), []).append(k)
    out: list[Segment] = []
    for members in groups.values():
        ys = [runs[k][0] for k in members]
        if max(ys) - min(ys) + 1 > 12:
            continue
        a = min(runs[k][1] for k in members)
        b = max(runs[k][2] for k in members)
        if b - a >= min_length:
            out.append(Segment(horizontal, float(sum(ys) / len(ys)), float(a), float(b)))
    return out


def find_segments(dark: np.ndarray, dpi: float) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical straight runs of dark pixels at least about 9 points long."""
    length = max(20, round(9 / 72 * dpi))
    gap = max(1, round(1.0 / 72 * dpi))
    horiz = _runs_at_least(_close(dark, gap, 1), length, 1)
    vert = _runs_at_least(_close(dark, gap, 0), length, 0)
    return _segments(horiz, True, length), _segments(vert, False, length)


def ruling_pixels(
    dark: np.ndarray, dpi: float, horizontal: list[Segment], vertical: list[Segment], tol: float
) -> np.ndarray:
    """The pixels of the rulings themselves, to be wiped before the words are read.

    A band of fixed width around a ruling's mean position misses the ends of a line that a scan left slightly
    slanted, and the remnant is read as a letter ("No I"). The line's own pixels are its long straight runs
    near the ruling, wherever they wander within the band, and one pixel around them (the blurred edge).
    """
    length = max(20, round(9 / 72 * dpi))
    band = max(2, round(tol))
    near_h = np.zeros_like(dark, dtype=bool)
    near_v = np.zeros_like(dark, dtype=bool)
    for s in horizontal:
        y = round(s.pos)
        near_h[max(0, y - band) : y + band + 1, max(0, int(s.a) - band) : int(s.b) + band + 1] = True
    for s in vertical:
        x = round(s.pos)
        near_v[max(0, int(s.a) - band) : int(s.b) + band + 1, max(0, x - band) : x + band + 1] = True
    wipe = (_runs_at_least(dark, length, 1) & near_h) | (_runs_at_least(dark, length, 0) & near_v)
    grown = wipe.copy()
    grown[1:, :] |= wipe[:-1, :]
    grown[:-1, :] |= wipe[1:, :]
    grown[:, 1:] |= wipe[:, :-1]
    grown[:, :-1] |= wipe[:, 1:]
    return grown


def _merge(segments: list[Segment], tol: float) -> list[Segment]:
    """Segments on one line (same position, touching or overlapping) as one."""
    out: list[Segment] = []
    for s in sorted(segments, key=lambda s: s.a):
        for k, o in enumerate(out):
            if abs(o.pos - s.pos) <= tol and s.a <= o.b + tol:
                # Where two pieces overlap, the longer one knows better where the line lies.
                pos = o.pos if o.length >= s.length else s.pos
                out[k] = Segment(s.horizontal, pos, min(o.a, s.a), max(o.b, s.b))
                break
        else:
            out.append(s)
    return out


def rulings(
    horizontal: list[Segment], vertical: list[Segment], page_width: float, tol: float
) -> tuple[list[Segment], list[Segment]]:
    """The segments that are table rulings (see the module docstring).

    A ruling ends on another line: segments with a loose end are dropped until none is left. What
    remains is a web of tables, and perhaps a flowchart's closed symbols and their connectors; the tables
    are the parts of the web that reach the page's long horizontal lines (a table's borders and rows),
    while a flowchart only crosses rulings and never ends on one.
    """
    horizontal = _merge(horizontal, tol)
    vertical = _merge(vertical, tol)
    lines = [*horizontal, *vertical]

    def rests(end: float, s: Segment, other: Segment) -> bool:
        """Does the end of ``s`` at ``end`` lie on the perpendicular ``other``?"""
        return abs(other.pos - end) <= tol and other.a - tol <= s.pos <= other.b + tol

    alive = set(range(len(lines)))
    changed = True
    while changed:
        changed = False
        for k in list(alive):
            s = lines[k]
            perpendicular = [lines[j] for j in alive if lines[j].horizontal != s.horizontal]
            if not all(any(rests(end, s, o) for o in perpendicular) for end in (s.a, s.b)):
                alive.discard(k)
                changed = True
    longest = max((lines[k].length for k in alive if lines[k].horizontal), default=0.0)
    seeds = [
        k for k in alive if lines[k].horizontal and lines[k].length >= max(0.25 * page_width, 0.5 * longest)
    ]
    # The parts of the web joined to a seed through line ends resting on lines.
    keep = set(seeds)
    todo = list(seeds)
    while todo:
        k = todo.pop()
        s = lines[k]
        for j in alive - keep:
            o = lines[j]
            if o.horizontal == s.horizontal:
                continue
            if rests(o.a, o, s) or rests(o.b, o, s) or rests(s.a, s, o) or rests(s.b, s, o):
                keep.add(j)
                todo.append(j)
    return (
        [lines[k] for k in sorted(keep) if lines[k].horizontal],
        [lines[k] for k in sorted(keep) if not lines[k].horizontal],
    )


def _cluster(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(c) / len(c) for c in out]


def tables(horizontal: list[Segment], vertical: list[Segment], tol: float) -> list[list[BBox]]:
    """The cells of each table the rulings draw, as boxes (merged cells whole)."""
    out = []
    for hs, vs in _connected(horizontal, vertical, tol):
        if len(hs) >= 2 and len(vs) >= 2:
            cells = _table_cells(hs, vs, tol)
            if cells:
                out.append(cells)
    return out


def _table_cells(hs: list[Segment], vs: list[Segment], tol: float) -> list[BBox]:
    ys = _cluster([h.pos for h in hs], tol)
    xs = _cluster([v.pos for v in vs], tol)
    if len(ys) < 2 or len(xs) < 2:
        return []

    def h_covers(y: float, x0: float, x1: float) -> bool:
        need = 0.7 * (x1 - x0)
        return sum(max(0.0, min(h.b, x1) - max(h.a, x0)) for h in hs if abs(h.pos - y) <= tol) >= need

    def v_covers(x: float, y0: float, y1: float) -> bool:
        need = 0.7 * (y1 - y0)
        return sum(max(0.0, min(v.b, y1) - max(v.a, y0)) for v in vs if abs(v.pos - x) <= tol) >= need

    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Neighbouring slots with no ruling between them belong to one (merged) cell.
    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not v_covers(xs[c + 1], ys[r], ys[r + 1]):
                parent[find(r * cols + c)] = find(r * cols + c + 1)
            if r + 1 < rows and not h_covers(ys[r + 1], xs[c], xs[c + 1]):
                parent[find(r * cols + c)] = find((r + 1) * cols + c)
    groups: dict[int, list[int]] = {}
    for k in range(rows * cols):
        groups.setdefault(find(k), []).append(k)
    cells = []
    for slots in groups.values():
        rs = [k // cols for k in slots]
        cs = [k % cols for k in slots]
        r0, r1, c0, c1 = min(rs), max(rs) + 1, min(cs), max(cs) + 1
        if len(slots) != (r1 - r0) * (c1 - c0):
            continue  # not a rectangle: the space around a table's ragged outline
        # A side on the table's outline may be missing (a shaded cell's edge prints no line there); inside,
        # a slot enclosed by no ruling is the space around a table's ragged outline, not a cell.
        sides = [
            (r0 == 0) or h_covers(ys[r0], xs[c0], xs[c1]),
            (r1 == rows) or h_covers(ys[r1], xs[c0], xs[c1]),
            (c0 == 0) or v_covers(xs[c0], ys[r0], ys[r1]),
            (c1 == cols) or v_covers(xs[c1], ys[r0], ys[r1]),
        ]
        if not all(sides) or sum((r0 == 0, r1 == rows, c0 == 0, c1 == cols)) > 3:
            continue
        cells.append((xs[c0], ys[r0], xs[c1], ys[r1]))
    return cells


def _connected(
    horizontal: list[Segment], vertical: list[Segment], tol: float
) -> list[tuple[list[Segment], list[Segment]]]:
    """Rulings grouped into tables: those that cross or touch one another."""
    items = [*horizontal, *vertical]
    parent = list(range(len(items)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    nh = len(horizontal)
    for i, h in enumerate(horizontal):
        for j, v in enumerate(vertical):
            if h.a - tol <= v.pos <= h.b + tol and v.a - tol <= h.pos <= v.b + tol:
                parent[find(i)] = find(nh + j)
    groups: dict[int, tuple[list[Segment], list[Segment]]] = {}
    for k, s in enumerate(items):
        g = groups.setdefault(find(k), ([], []))
        (g[0] if s.horizontal else g[1]).append(s)
    return list(groups.values())


def _ink_lines(ink: np.ndarray) -> list[tuple[int, int]]:
    """Bands of pixel rows holding ink (the lines of text in an area), as (first row, last row)."""
    rows = np.flatnonzero(ink.any(axis=1))
    if rows.size == 0:
        return []
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    return [(int(b[0]), int(b[-1])) for b in bands]


def split_stacked(cells: list[BBox], ink: np.ndarray, dpi: float, tol: float) -> list[BBox]:
    """A cell that spans several rows of its table but holds one separate line of text per row is several
    cells whose dividing rulings did not print (a shaded label column loses them in a scan). A cell whose
    text is one block (a header over two rows, a logo with a caption) stays whole."""
    tops = _cluster([c[1] for c in cells] + [c[3] for c in cells], tol)
    line_height = 14 / 72 * dpi
    out: list[BBox] = []
    for c in cells:
        inner = [y for y in tops if c[1] + tol < y < c[3] - tol]
        if not inner:
            out.append(c)
            continue
        x0, y0, x1, y1 = (round(v) for v in c)
        pad = int(tol)
        area = ink[y0 + pad : y1 - pad, x0 + pad : x1 - pad]
        bands = [(a + y0 + pad, b + y0 + pad) for a, b in _ink_lines(area) if b - a >= 0.25 * line_height]
        if len(bands) < 2 or any(b - a > line_height for a, b in bands):
            out.append(c)
            continue
        edges = [c[1], *inner, c[3]]
        slot = [
            next(k for k in range(len(edges) - 1) if edges[k] <= (a + b) / 2 < edges[k + 1]) for a, b in bands
        ]
        apart = all(
            slot[k] != slot[k + 1] and bands[k + 1][0] - bands[k][1] > 0.6 * (bands[k][1] - bands[k][0])
            for k in range(len(bands) - 1)
        )
        if not apart:
            out.append(c)
            continue
        # Cut between the text lines, at the row edges that lie between them.
        cuts = [c[1]]
        for k in range(len(bands) - 1):
            between = [y for y in inner if bands[k][1] <= y <= bands[k + 1][0]]
            cuts.append(between[0] if between else (bands[k][1] + bands[k + 1][0]) / 2)
        cuts.append(c[3])
        out += [(c[0], a, c[2], b) for a, b in pairwise(cuts)]
    return out
