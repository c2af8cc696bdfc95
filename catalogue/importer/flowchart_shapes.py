"""Reading a flowchart drawn with vector shapes in a PDF: its symbols, its connectors and their labels.

An SOP AP's procedure table often carries the flowchart itself: in each step's row, a symbol sits in the
column of the role that performs the step, and arrows lead from symbol to symbol. In a PDF these are paths
with positions, so the drawing can be read rather than guessed:

* a rectangle is a process, a diamond a decision, a rounded shape (capsule, rounded rectangle, ellipse)
  a terminator ("Mulai", "Selesai"), a pentagon an off-page connector and a small circle an on-page
  connector (both carry a letter: the arrow goes on at the connector with the same letter);
* a connector is a run of straight segments; the end with an arrowhead (a small filled triangle) is where
  it leads. A connector that ends on another connector joins its path;
* a short text next to the start of a connector is its label ("Ya", "Tidak", "Lengkap"); a text inside a
  symbol is the symbol's own label.

Everything here works on plain geometry (points top-down, as pdfplumber gives them), so that the rules can
be tested on shapes drawn for the test. :mod:`.pdf_reader` collects the paths of a page and
:mod:`.flowchart_evidence` turns what is found into the steps' performer, kind and branches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import pairwise

Point = tuple[float, float]
BBox = tuple[float, float, float, float]  # x0, top, x1, bottom

PROCESS, DECISION, TERMINATOR = "proses", "keputusan", "terminator"
OFF_PAGE, ON_PAGE, OTHER = "penghubung", "lingkaran", "lain"
#: Symbols that stand for a step (the others only carry a path on).
STEP_KINDS = (PROCESS, DECISION, TERMINATOR, OTHER)
CONNECTOR_KINDS = (OFF_PAGE, ON_PAGE)
_ARROWHEAD_MAX = 9.0  # points: an arrowhead is a small filled triangle
_TOUCH = 2.5  # points: how near a connector's end must come to a symbol to be attached to it


@dataclass(eq=False)
class Shape:
    kind: str
    bbox: BBox
    page: int
    label: str = ""

    @property
    def center(self) -> Point:
        return (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2


@dataclass(eq=False)
class Connector:
    points: list[Point]
    page: int
    label: str = ""
    source: Shape | Connector | None = None
    target: Shape | Connector | None = None

    @property
    def start(self) -> Point:
        return self.points[0]

    @property
    def end(self) -> Point:
        return self.points[-1]


@dataclass(eq=False)
class Branch:
    """Where a connector leaving a symbol leads: a step's symbol, or ``None`` where the path ends."""

    label: str
    target: Shape | None
    ends: bool = False


@dataclass
class Drawing:
    """The flowchart objects of a page (or of a whole document, once pages are joined)."""

    shapes: list[Shape] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    arrowheads: list[list[Point]] = field(default_factory=list)


# ----------------------------------------------------------------------------------------- shapes


def _dedupe(points: list[Point], tolerance: float = 0.6) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or math.dist(out[-1], p) > tolerance:
            out.append(p)
    if len(out) > 1 and math.dist(out[0], out[-1]) <= tolerance:
        out.pop()
    return out


def _bbox(points: list[Point]) -> BBox:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def _near(a: float, b: float, scale: float) -> bool:
    return abs(a - b) <= max(1.0, 0.12 * scale)


def classify_polygon(vertices: list[Point], curved: bool) -> str:
    """The flowchart symbol a closed outline draws, from its corners (and whether its sides curve)."""
    vertices = _dedupe(vertices)
    x0, y0, x1, y1 = _bbox(vertices)
    w, h = x1 - x0, y1 - y0
    size = max(w, h)
    if curved:
        # A circle is a connector; anything else rounded (capsule, rounded box, ellipse) a terminator.
        return ON_PAGE if abs(w - h) <= 0.15 * size and size < 30 else TERMINATOR
    n = len(vertices)
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2

    def at(p: Point, x: float, y: float) -> bool:
        return _near(p[0], x, w) and _near(p[1], y, h)

    corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    mids = [(mx, y0), (x1, my), (mx, y1), (x0, my)]
    if n == 4 and all(any(at(p, *c) for p in vertices) for c in corners):
        return PROCESS
    if n == 4 and all(any(at(p, *m) for p in vertices) for m in mids):
        return DECISION
    if n == 5:
        # The off-page connector: a box with one side drawn out to a point (a "home plate").
        return OFF_PAGE
    if n >= 6 and any(at(p, x0, my) for p in vertices) and any(at(p, x1, my) for p in vertices):
        # Flat top and bottom with pointed or cut-off ends: a terminator drawn with straight lines.
        flat = sum(1 for p in vertices if _near(p[1], y0, h) or _near(p[1], y1, h))
        if flat >= 4:
            return TERMINATOR
    return OTHER


def shape_from_path(path: list[tuple], page: int) -> Shape | list[Point] | None:
    """A closed path as a :class:`Shape`, an arrowhead (its corner points), or ``None`` if it is not closed.

    ``path`` is pdfplumber's list of operations: ``("m", p)``, ``("l", p)``, ``("c", c1, c2, p)``, ``("h",)``.
    """
    vertices: list[Point] = []
    curved = False
    closed = False
    for op in path:
        if op[0] in ("m", "l"):
            vertices.append(op[1])
        elif op[0] in ("c", "v", "y"):
            curved = True
            vertices.append(op[-1])
        elif op[0] == "h":
            closed = True
    if len(vertices) < 3:
        return None
    closed = closed or math.dist(vertices[0], vertices[-1]) < 0.6
    if not closed:
        return None
    box = _bbox(vertices)
    if max(box[2] - box[0], box[3] - box[1]) <= _ARROWHEAD_MAX and not curved and len(_dedupe(vertices)) == 3:
        return _dedupe(vertices)
    if min(box[2] - box[0], box[3] - box[1]) < 4:
        return None  # a thin filled bar: a rule, not a symbol
    return Shape(classify_polygon(vertices, curved), box, page)


def open_polyline(path: list[tuple]) -> list[Point] | None:
    """The points of an open run of straight segments (a connector), or ``None`` (closed, or curved: a
    signature scribble is not a connector)."""
    points: list[Point] = []
    for op in path:
        if op[0] in ("m", "l"):
            points.append(op[1])
        elif op[0] in ("c", "v", "y", "h"):
            return None
    points = _dedupe_open(points)
    return points if len(points) >= 2 else None


def _dedupe_open(points: list[Point]) -> list[Point]:
    out: list[Point] = []
    for p in points:
        if not out or math.dist(out[-1], p) > 0.3:
            out.append(p)
    return out


# ------------------------------------------------------------------------------------ connectors


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / length))
    return math.dist(p, (ax + t * dx, ay + t * dy))


def _path_distance(p: Point, points: list[Point]) -> float:
    return min(_segment_distance(p, a, b) for a, b in pairwise(points))


def _touches(p: Point, box: BBox, slack: float = _TOUCH) -> bool:
    return box[0] - slack <= p[0] <= box[2] + slack and box[1] - slack <= p[1] <= box[3] + slack


def _box_distance(p: Point, box: BBox) -> float:
    dx = max(box[0] - p[0], 0.0, p[0] - box[2])
    dy = max(box[1] - p[1], 0.0, p[1] - box[3])
    return math.hypot(dx, dy)


def join_segments(runs: list[list[Point]], stops: list[Point]) -> list[list[Point]]:
    """Runs of segments that meet end to end, joined into one path each, but never through a point where a
    third run meets them (a junction) or where a symbol or arrowhead sits (``stops``)."""
    runs = [list(r) for r in runs]

    def key(p: Point) -> tuple[int, int]:
        return round(p[0]), round(p[1])

    changed = True
    while changed:
        changed = False
        ends: dict[tuple[int, int], list[int]] = {}
        for i, r in enumerate(runs):
            for p in (r[0], r[-1]):
                ends.setdefault(key(p), []).append(i)
        for k, idx in ends.items():
            if len(idx) != 2 or idx[0] == idx[1]:
                continue
            point = (float(k[0]), float(k[1]))
            if any(math.dist(point, s) < 1.5 for s in stops):
                continue
            a, b = runs[idx[0]], runs[idx[1]]
            if key(a[0]) == k:
                a = a[::-1]
            if key(b[-1]) == k:
                b = b[::-1]
            runs[idx[0]] = a + b[1:]
            del runs[idx[1]]
            changed = True
            break
    return runs


def orient(points: list[Point], arrowheads: list[list[Point]]) -> list[Point]:
    """The connector's points from its start to the end that carries an arrowhead."""

    def head_at(p: Point) -> bool:
        return any(
            min(math.dist(p, v) for v in head) < 1.5 or _touches(p, _bbox(head), 0.5) for head in arrowheads
        )

    if head_at(points[0]) and not head_at(points[-1]):
        return points[::-1]
    return points


def link(drawing: Drawing) -> None:
    """Attach each connector's ends to the symbol (or connector) they touch, after orienting it."""
    drawing.connectors = [c for c in drawing.connectors if len(c.points) >= 2]
    for c in drawing.connectors:
        c.points = orient(c.points, [h for h in drawing.arrowheads])
    for c in drawing.connectors:
        c.source = _attached(c.start, c, drawing)
        c.target = _attached(c.end, c, drawing)


def _attached(p: Point, me: Connector, drawing: Drawing) -> Shape | Connector | None:
    shapes = [s for s in drawing.shapes if s.page == me.page and _touches(p, s.bbox)]
    if shapes:
        return min(shapes, key=lambda s: _box_distance(p, s.bbox))
    others = [
        c
        for c in drawing.connectors
        if c is not me and c.page == me.page and _path_distance(p, c.points) < 1.5
    ]
    return others[0] if others else None


def label_shapes(drawing: Drawing, words: list[tuple[str, BBox]]) -> list[int]:
    """Give each word written inside a symbol to that symbol ("Mulai", "Selesai", a connector's letter).
    Returns the indices of the words used, which are not cell text."""
    used = []
    for k, (text, box) in enumerate(words):
        inside = [s for s in drawing.shapes if _within(box, s.bbox, 0.2)]  # wholly inside: not a label nearby
        if inside:
            shape = min(inside, key=lambda s: (s.bbox[2] - s.bbox[0]) * (s.bbox[3] - s.bbox[1]))
            shape.label = f"{shape.label} {text}".strip()
            used.append(k)
    return used


def _within(inner: BBox, outer: BBox, slack: float) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def place_labels(drawing: Drawing, lines: list[tuple[str, BBox]]) -> list[int]:
    """Give each short text line to the connector whose start it sits beside ("Ya", "Tidak lengkap").
    Returns the indices of the lines used, which are not cell text."""
    used = []
    for k, (text, box) in enumerate(lines):
        if len(text.split()) > 4:
            continue
        best: tuple[float, Connector] | None = None
        for c in drawing.connectors:
            if c.source is None or not isinstance(c.source, Shape):
                continue
            # A label is written beside the first stretch of its connector, near where it leaves the symbol.
            d_start = _box_distance(c.start, box)
            d_first = min(_box_distance(q, box) for q in _samples(c.points[0], c.points[1]))
            d = min(d_start, d_first + 4.0)
            if d <= 14.0 and (best is None or d < best[0]):
                best = (d, c)
        if best is not None:
            conn = best[1]
            conn.label = f"{conn.label} {text}".strip()
            used.append(k)
    return used


def _samples(a: Point, b: Point, n: int = 8) -> list[Point]:
    return [(a[0] + (b[0] - a[0]) * t / n, a[1] + (b[1] - a[1]) * t / n) for t in range(n + 1)]


# ------------------------------------------------------------------------------------------- paths


def _final_target(c: Connector, seen: set[int]) -> Shape | None:
    target = c.target
    while isinstance(target, Connector) and id(target) not in seen:
        seen.add(id(target))
        target = target.target
    return target if isinstance(target, Shape) else None


def branches(shape: Shape, drawing: Drawing, is_step: dict[int, bool]) -> list[Branch]:
    """Where each connector leaving ``shape`` leads, carried on through connector symbols with the same
    letter; a terminator that is no step's symbol ends the path there."""
    out: list[Branch] = []
    for c in drawing.connectors:
        if c.source is not shape:
            continue
        target = _follow(c, drawing, is_step, set())
        if target is None:
            continue
        label = c.label
        if target.kind == TERMINATOR and not is_step.get(id(target), False):
            out.append(Branch(label, None, ends=True))
        else:
            out.append(Branch(label, target))
    return out


def _follow(c: Connector, drawing: Drawing, is_step: dict[int, bool], seen: set[int]) -> Shape | None:
    target = _final_target(c, seen)
    hops = 0
    while target is not None and target.kind in CONNECTOR_KINDS and hops < 8:
        hops += 1
        partners = [
            s
            for s in drawing.shapes
            if s is not target
            and s.kind in CONNECTOR_KINDS
            and s.label.strip().lower() == target.label.strip().lower()
            and s.label.strip()
        ]
        onward = [x for x in drawing.connectors if x.source in partners]
        if not onward:
            onward = [x for x in drawing.connectors if x.source is target]
        if len(onward) != 1:
            return None
        target = _final_target(onward[0], seen)
    return target


def step_symbols(drawing: Drawing, row_of: dict[int, tuple]) -> dict[int, bool]:
    """Which symbols stand for the step of their table row (``row_of``: id of a shape → its row's key).

    A row holds its step's symbol, and may also hold a "Selesai" terminator that only ends a branch of that
    step (reached from the row's own decision, leading nowhere) and connector symbols; those are not the
    step's. Where more than one candidate is left, all are kept and the layout analysis asks a person.
    """
    by_row: dict[tuple, list[Shape]] = {}
    for s in drawing.shapes:
        if s.kind in STEP_KINDS and id(s) in row_of:
            by_row.setdefault(row_of[id(s)], []).append(s)
    out: dict[int, bool] = {}
    for key, shapes in by_row.items():
        if len(shapes) > 1:
            kept = [s for s in shapes if not _branch_end(s, key, drawing, row_of)]
            shapes = kept or shapes
        for s in shapes:
            out[id(s)] = True
    return out


def _branch_end(t: Shape, row: tuple, drawing: Drawing, row_of: dict[int, tuple]) -> bool:
    """A terminator reached only from another symbol of its own row, leading nowhere: a branch's end."""
    incoming = [c for c in drawing.connectors if _final_target(c, set()) is t]
    outgoing = [c for c in drawing.connectors if c.source is t]
    return (
        t.kind == TERMINATOR
        and bool(incoming)
        and not outgoing
        and all(
            isinstance(c.source, Shape) and c.source is not t and row_of.get(id(c.source)) == row
            for c in incoming
        )
    )
