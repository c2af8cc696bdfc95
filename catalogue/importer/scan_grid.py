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


def _runs_at_least(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Pixels that belong to a run of at least ``length`` set pixels along ``axis`` (a morphological opening
    with a line), computed with running sums."""
    m = np.moveaxis(mask, axis, -1).astype(np.int32)
    n = m.shape[-1]
    if n < length:
        return np.zeros_like(mask, dtype=bool)
    c = np.cumsum(m, axis=-1)
    c = np.concatenate([np.zeros(m.shape[:-1] + (1,), dtype=np.int32), c], axis=-1)
    full = (c[..., length:] - c[..., :-length]) == length  # window [i, i+length) all set
    # Spread each full window back over the pixels it covers.
    f = np.cumsum(full.astype(np.int32), axis=-1)
    f = np.concatenate([np.zeros(m.shape[:-1] + (1,), dtype=np.int32), f], axis=-1)
    idx = np.arange(n)
    lo = np.clip(idx - length + 1, 0, full.shape[-1])
    hi = np.clip(idx + 1, 0, full.shape[-1])
    covered = (f[..., hi] - f[..., lo]) > 0
    return np.moveaxis(covered, -1, axis)


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
    """Group the pixels of straight runs into segments: bands of adjacent rows (the line's thickness)."""
    m = lines if horizontal else lines.T
    rows = np.flatnonzero(m.any(axis=1))
    out: list[Segment] = []
    if rows.size == 0:
        return out
    bands = np.split(rows, np.flatnonzero(np.diff(rows) > 1) + 1)
    for band in bands:
        if band.size > 12:
            continue  # a filled area (a shaded header, a stamp), not a line
        union = m[band[0]:band[-1] + 1].any(axis=0)
        edges = np.flatnonzero(np.diff(np.concatenate([[0], union.astype(np.int8), [0]])))
        for a, b in zip(edges[::2], edges[1::2]):
            if b - a >= min_length:
                out.append(Segment(horizontal, float(band.mean()), float(a), float(b)))
    return out


def find_segments(dark: np.ndarray, dpi: float) -> tuple[list[Segment], list[Segment]]:
    """Horizontal and vertical straight runs of dark pixels at least about 9 points long."""
    length = max(20, int(round(9 / 72 * dpi)))
    gap = max(1, int(round(1.0 / 72 * dpi)))
    horiz = _runs_at_least(_close(dark, gap, 1), length, 1)
    vert = _runs_at_least(_close(dark, gap, 0), length, 0)
    return _segments(horiz, True, length), _segments(vert, False, length)


def _merge(segments: list[Segment], tol: float) -> list[Segment]:
    """Segments on one line (same position, touching or overlapping) as one."""
    out: list[Segment] = []
    for s in sorted(segments, key=lambda s: (round(s.pos / tol), s.a)):
        if out and abs(out[-1].pos - s.pos) <= tol and s.a <= out[-1].b + tol:
            last = out[-1]
            out[-1] = Segment(s.horizontal, (last.pos + s.pos) / 2, last.a, max(last.b, s.b))
        else:
            out.append(s)
    return out


def rulings(horizontal: list[Segment], vertical: list[Segment], page_width: float,
            tol: float) -> tuple[list[Segment], list[Segment]]:
    """The segments that are table rulings (see the module docstring)."""
    horizontal = _merge(horizontal, tol)
    vertical = _merge(vertical, tol)
    longest = max((s.length for s in horizontal), default=0.0)
    seeds = [s for s in horizontal if s.length >= max(0.25 * page_width, 0.5 * longest)]
    h_ok = {id(s) for s in seeds}
    v_ok: set[int] = set()

    def rests(p: float, q: float, lines: list[Segment], ok: set[int]) -> bool:
        """Is point (p along the line, q across) on an accepted perpendicular ruling?"""
        return any(id(s) in ok and abs(s.pos - p) <= tol and s.a - tol <= q <= s.b + tol for s in lines)

    changed = True
    while changed:
        changed = False
        for v in vertical:
            if id(v) not in v_ok and rests(v.a, v.pos, horizontal, h_ok) and rests(v.b, v.pos, horizontal, h_ok):
                v_ok.add(id(v))
                changed = True
        for h in horizontal:
            if id(h) not in h_ok and rests(h.a, h.pos, vertical, v_ok) and rests(h.b, h.pos, vertical, v_ok):
                h_ok.add(id(h))
                changed = True
    return [s for s in horizontal if id(s) in h_ok], [s for s in vertical if id(s) in v_ok]


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
    groups = _connected(horizontal, vertical, tol)
    out = []
    for hs, vs in groups:
        if len(hs) < 2 or len(vs) < 2:
            continue
        ys = _cluster([h.pos for h in hs], tol)
        xs = _cluster([v.pos for v in vs], tol)
        if len(ys) < 2 or len(xs) < 2:
            continue

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

        for r in range(rows):
            for c in range(cols):
                if c + 1 < cols and not v_covers(xs[c + 1], ys[r], ys[r + 1]):
                    parent[find(r * cols + c)] = find(r * cols + c + 1)
                if r + 1 < rows and not h_covers(ys[r + 1], xs[c], xs[c + 1]):
                    parent[find(r * cols + c)] = find((r + 1) * cols + c)
        # A slot enclosed by no ruling at all (outside the table's outline) is not a cell.
        boxes: dict[int, list[int]] = {}
        for r in range(rows):
            for c in range(cols):
                boxes.setdefault(find(r * cols + c), []).append(r * cols + c)
        cells = []
        for slots in boxes.values():
            rs = [k // cols for k in slots]
            cs = [k % cols for k in slots]
            r0, r1, c0, c1 = min(rs), max(rs) + 1, min(cs), max(cs) + 1
            if len(slots) != (r1 - r0) * (c1 - c0):
                continue  # not a rectangle: the space around a table's ragged outline
            if not (h_covers(ys[r0], xs[c0], xs[c1]) and h_covers(ys[r1], xs[c0], xs[c1])
                    and v_covers(xs[c0], ys[r0], ys[r1]) and v_covers(xs[c1], ys[r0], ys[r1])):
                continue
            cells.append((xs[c0], ys[r0], xs[c1], ys[r1]))
        if cells:
            out.append(cells)
    return out


def _connected(horizontal: list[Segment], vertical: list[Segment],
               tol: float) -> list[tuple[list[Segment], list[Segment]]]:
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
