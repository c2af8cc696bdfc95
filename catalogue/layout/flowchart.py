"""How a procedure is drawn: the swimlane flowchart of an SOP AP, as pure geometry.

The chart is a grid of lanes (one per role, in the order of the SOP's ``pelaksana`` list) and rows (one per
step, in order). Every step's symbol sits at the centre of its row, in its performer's lane. The renderer
draws each row separately and rows are as tall as their text needs, so heights are never known here: a
vertical position is a row plus an offset in pixels from that row's centre, or one of the row's edges.
Horizontal positions are in chart units (:data:`LANE_WIDTH` per lane); the renderer turns them into
percentages of the chart's width, so the chart scales with its table columns.

Routing rules (PermenPAN-RB 35/2012 charts are vertical, one symbol per row):

* A transition to the next row leaves its symbol at the bottom. Within the same lane it is a straight line;
  to another lane it bends just below the source symbol and runs down into the top of the target.
* Any other transition (a "Tidak" that loops back for correction, or a jump forward over rows) leaves a
  decision at its side, runs along a vertical *gutter track* beside the lanes and enters its target from
  the side. Gutter lines therefore never cross a symbol. Tracks are assigned by interval colouring so that
  transitions whose row spans overlap use different tracks; shorter spans take the tracks nearest the
  lanes, so nested loops do not cross each other. The right gutter is used first; the left gutter only
  when a decision has two such exits (or a target already uses its right side for its own exit).

Printing (A4 landscape) splits the rows into pages greedily by an estimated row height against a page
budget derived from the ``PRINT_*`` constants below (about 7–8 typical steps a page), and every line that
crosses a page break becomes a pair of off-page connectors lettered A, B, C, …
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from catalogue.model import Sop, Step
from catalogue.rules.flow import Transition, transitions

#: Name of the lane for steps whose performer is not known (shown only when some step has none).
UNASSIGNED_LANE = "Belum ditentukan"

#: Width of one lane, in chart units (the renderer's CSS gives a lane 88px on screen).
LANE_WIDTH = 88.0
#: Distance between two gutter tracks, and the gutter width per track, in chart units.
TRACK_GAP = 18.0

#: Symbol sizes in px (width, height): capsule, rectangle, diamond, off-page pentagon.
SYMBOL_SIZE: dict[str, tuple[float, float]] = {
    "terminator": (60.0, 28.0),
    "proses": (60.0, 30.0),
    "keputusan": (52.0, 38.0),
    "konektor": (14.0, 17.0),
}
#: How far below the source symbol a line turns towards another lane, in px.
BEND_BELOW = 10.0
#: The smallest row height (px) that leaves room for a symbol and a bend below it (procedure.css: td height).
ROW_MIN_HEIGHT = 68.0
#: Vertical offsets (px from centre) used when several lines enter the same side of one symbol.
ENTRY_OFFSETS = (0.0, -7.0, 7.0, -12.0, 12.0)

# --- print estimate -------------------------------------------------------------------------------------
# These mirror the print rules of procedure.css: change both together.
#: Printed table width, px at 96 px/in: A4 landscape (297mm) less two 10mm margins.
PRINT_TABLE_WIDTH = 1040.0
#: Printed widths (px) of the fixed text columns; the activity column takes what the chart leaves.
PRINT_COLUMN_WIDTH: dict[str, float] = {
    "no": 26.0,
    "kelengkapan": 110.0,
    "waktu": 50.0,
    "output": 110.0,
    "keterangan": 90.0,
}
#: Printed lane width (px); gutters keep their ratio to a lane (TRACK_GAP / LANE_WIDTH).
PRINT_LANE_WIDTH = 72.0
#: The activity column never gets narrower than this in the estimate (px).
PRINT_MIN_ACTIVITY_WIDTH = 120.0
#: Average character width of the 10px print font, px (generous: DejaVu Sans, wider than Roboto), and of
#: the bold header font.
PRINT_CHAR_WIDTH = 5.8
PRINT_HEADER_CHAR_WIDTH = 6.4
#: Printed line height, and a cell's horizontal and vertical padding plus border, px.
PRINT_LINE_HEIGHT = 13.0
PRINT_CELL_PADDING_X = 9.0
PRINT_CELL_PADDING_Y = 8.0
#: Height of the printed page body: A4 landscape (210mm) less two 10mm margins, px.
PRINT_PAGE_HEIGHT = 718.0
#: Height of one connector row (print only), px, measured in Chromium.
PRINT_CONNECTOR_ROW_HEIGHT = 38.0
#: Room kept on the first procedure page for the section heading the page template puts before the table.
PRINT_HEADING_HEIGHT = 60.0
#: A table row's border, px (rows are their cell height plus one border).
PRINT_ROW_BORDER = 1.0
#: Kept free on every page for estimation error: a page that overflows makes the browser break early,
#: and the off-page connectors would then sit in the wrong place. Measured on the seed SOPs in Chromium,
#: the estimate is 0–10% above the real heights with DejaVu Sans, more with narrower fonts (Roboto, Arial).
PRINT_PAGE_SLACK = 24.0

#: Vertical position within a row: its top or bottom edge (a float is an offset in px from the centre).
ROW_TOP = "atas"
ROW_BOTTOM = "bawah"


@dataclass(frozen=True)
class Lane:
    """One role column of the chart; ``assigned`` is False for the "Belum ditentukan" lane."""

    index: int
    nama: str
    assigned: bool = True


@dataclass(frozen=True)
class Symbol:
    """The symbol of one step: its row (= step index), printed number, kind and lane."""

    row: int
    no: str
    kind: str
    lane: int
    x: float
    width: float
    height: float
    inferred: bool = False


@dataclass(frozen=True)
class Point:
    """A point of a route: ``x`` in chart units, ``dy`` in px from the centre of ``row``."""

    x: float
    row: int
    dy: float = 0.0


@dataclass(frozen=True)
class Marker:
    """Something drawn at a point with a pixel offset: an arrowhead tip or a branch label.

    ``direction`` is where an arrowhead points (``bawah``, ``kiri``, ``kanan``); for a label it is the text
    anchor (``start`` or ``end``).
    """

    x: float
    row: int
    dx: float
    dy: float
    direction: str


@dataclass(frozen=True)
class GutterTrack:
    """The gutter track a route runs along: side ``kanan``/``kiri`` and track number (0 = nearest lanes)."""

    side: str
    track: int
    first_row: int
    last_row: int


@dataclass(frozen=True)
class Route:
    """One transition, routed: a polyline of axis-parallel segments plus its arrowhead and label."""

    transition: Transition
    source_no: str
    target_no: str
    points: tuple[Point, ...]
    exit: str  # bawah | kanan | kiri: side of the source symbol the line leaves from
    entry: str  # atas | kanan | kiri: side of the target symbol the arrow enters
    arrowhead: Marker
    label: str | None
    label_at: Marker | None
    gutter: GutterTrack | None = None


@dataclass(frozen=True)
class Piece:
    """The part of a route drawn inside one row; y values are px from centre or ``ROW_TOP``/``ROW_BOTTOM``."""

    route: int
    x1: float
    y1: float | str
    x2: float
    y2: float | str


@dataclass(frozen=True)
class Page:
    """One printed page: rows ``first_row`` to ``last_row`` inclusive, and their estimated height (px)."""

    number: int
    first_row: int
    last_row: int
    estimated_height: float


@dataclass(frozen=True)
class Connector:
    """A pair of off-page connectors for one line crossing the break after row ``after_row``.

    Both symbols carry ``letter``; one sits at the bottom of the earlier page, one at the top of the next,
    at the line's ``x``.
    """

    letter: str
    after_row: int
    x: float
    route: int
    #: The line runs up the page: a branch going back to an earlier step (its flow enters at the later page's
    #: top connector and continues from the earlier page's bottom one).
    upward: bool = False


@dataclass(frozen=True)
class Column:
    """A table column under the Pelaksana header: a lane, or a gutter holding ``tracks`` tracks."""

    kind: str  # lajur | parit
    width: float
    lane: int | None = None
    tracks: int = 0


@dataclass(frozen=True)
class Flowchart:
    """The whole laid-out chart of one SOP."""

    lanes: tuple[Lane, ...]
    symbols: tuple[Symbol, ...]
    routes: tuple[Route, ...]
    left_tracks: int
    right_tracks: int
    pages: tuple[Page, ...]
    connectors: tuple[Connector, ...]

    @property
    def width(self) -> float:
        """Chart width in chart units: both gutters and every lane."""
        return (self.left_tracks + self.right_tracks) * TRACK_GAP + len(self.lanes) * LANE_WIDTH

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns of the chart, left to right, for the table's column group and header."""
        cols: list[Column] = []
        if self.left_tracks:
            cols.append(Column("parit", self.left_tracks * TRACK_GAP, tracks=self.left_tracks))
        cols.extend(Column("lajur", LANE_WIDTH, lane=lane.index) for lane in self.lanes)
        if self.right_tracks:
            cols.append(Column("parit", self.right_tracks * TRACK_GAP, tracks=self.right_tracks))
        return tuple(cols)

    def lane_x(self, lane: int) -> float:
        return lane_centre(lane, self.left_tracks)

    def pieces_in_row(self, row: int) -> tuple[Piece, ...]:
        """Every line segment, or part of one, that lies in ``row``, clipped at the row's edges."""
        return self._pieces_by_row.get(row, ())

    def labels_in_row(self, row: int) -> tuple[Route, ...]:
        """The routes whose branch label sits in ``row``."""
        return self._labels_by_row.get(row, ())

    def arrowheads_in_row(self, row: int) -> tuple[Route, ...]:
        """The routes whose arrowhead sits in ``row``."""
        return self._heads_by_row.get(row, ())

    # The row indexes are built once, in one pass over the routes: asking every route for every row made
    # rendering quadratic (a 7,500-step SOP took 115 s). Cached on the frozen chart (cached_property writes
    # to the instance dict, which a frozen dataclass allows).
    @cached_property
    def _pieces_by_row(self) -> dict[int, tuple[Piece, ...]]:
        rows: dict[int, list[Piece]] = {}
        for index, route in enumerate(self.routes):
            for a, b in pairwise(route.points):
                if a.row == b.row:
                    if (a.x, a.dy) != (b.x, b.dy):
                        rows.setdefault(a.row, []).append(Piece(index, a.x, a.dy, b.x, b.dy))
                    continue
                upper, lower = (a, b) if a.row < b.row else (b, a)
                for row in range(upper.row, lower.row + 1):
                    y1 = upper.dy if row == upper.row else ROW_TOP
                    y2 = lower.dy if row == lower.row else ROW_BOTTOM
                    rows.setdefault(row, []).append(Piece(index, upper.x, y1, upper.x, y2))
        # Within a row, pieces keep the order of their routes (the SVG's drawing order).
        return {row: tuple(sorted(pieces, key=lambda p: p.route)) for row, pieces in rows.items()}

    @cached_property
    def _labels_by_row(self) -> dict[int, tuple[Route, ...]]:
        rows: dict[int, list[Route]] = {}
        for route in self.routes:
            if route.label and route.label_at is not None:
                rows.setdefault(route.label_at.row, []).append(route)
        return {row: tuple(routes) for row, routes in rows.items()}

    @cached_property
    def _heads_by_row(self) -> dict[int, tuple[Route, ...]]:
        rows: dict[int, list[Route]] = {}
        for route in self.routes:
            rows.setdefault(route.arrowhead.row, []).append(route)
        return {row: tuple(routes) for row, routes in rows.items()}

    def routes_from(self, row: int) -> tuple[Route, ...]:
        """The routes leaving the step of ``row``."""
        return self._routes_by_end[0].get(row, ())

    def routes_into(self, row: int) -> tuple[Route, ...]:
        """The routes arriving at the step of ``row``."""
        return self._routes_by_end[1].get(row, ())

    @cached_property
    def _routes_by_end(self) -> tuple[dict[int, tuple[Route, ...]], dict[int, tuple[Route, ...]]]:
        sources: dict[int, list[Route]] = {}
        targets: dict[int, list[Route]] = {}
        for route in self.routes:
            sources.setdefault(route.transition.source, []).append(route)
            targets.setdefault(route.transition.target, []).append(route)
        return ({k: tuple(v) for k, v in sources.items()}, {k: tuple(v) for k, v in targets.items()})

    @cached_property
    def _connectors_by_row(self) -> dict[int, tuple[Connector, ...]]:
        rows: dict[int, list[Connector]] = {}
        for connector in self.connectors:
            rows.setdefault(connector.after_row, []).append(connector)
        return {row: tuple(found) for row, found in rows.items()}

    def page_starts(self) -> frozenset[int]:
        """Rows that begin a printed page after the first."""
        return frozenset(page.first_row for page in self.pages[1:])

    def connectors_after(self, row: int) -> tuple[Connector, ...]:
        return self._connectors_by_row.get(row, ())


def lane_centre(lane: int, left_tracks: int) -> float:
    return left_tracks * TRACK_GAP + (lane + 0.5) * LANE_WIDTH


def half_width_at(kind: str, dy: float) -> float:
    """Horizontal distance from a symbol's centre to its outline at height ``dy`` (px from centre)."""
    width, height = SYMBOL_SIZE[kind]
    half_w, half_h = width / 2, height / 2
    dy = min(abs(dy), half_h)
    if kind == "keputusan":
        return half_w * (1 - dy / half_h)
    if kind == "terminator":
        radius = half_h
        return half_w - radius + math.sqrt(max(radius * radius - dy * dy, 0.0))
    return half_w


def lanes_of(sop: Sop) -> tuple[Lane, ...]:
    """The role lanes in ``pelaksana`` order, plus "Belum ditentukan" if some step has no known performer."""
    lanes = [Lane(i, name) for i, name in enumerate(sop.pelaksana)]
    known = set(sop.pelaksana)
    if any(step.pelaksana is None or step.pelaksana not in known for step in sop.langkah):
        lanes.append(Lane(len(lanes), UNASSIGNED_LANE, assigned=False))
    return tuple(lanes)


def connector_letter(n: int) -> str:
    """A, B, …, Z, AA, AB, … for the n-th connector pair (from 0)."""
    letters = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _assign_tracks(spans: Sequence[tuple[int, int, int]]) -> dict[int, int]:
    """Interval colouring: key -> track, for (key, lo, hi) row spans; overlapping spans never share a track.

    Spans are placed shortest first, each on the lowest track free over its whole span (closed intervals:
    two spans that meet at a row also differ, so their horizontal ends do not merge).
    """
    # Each track keeps its spans sorted by start; as they never overlap, a new span need only be checked
    # against its neighbours there (bisect), not against every span of the track.
    tracks: list[list[tuple[int, int]]] = []
    out: dict[int, int] = {}
    for key, lo, hi in sorted(spans, key=lambda s: (s[2] - s[1], s[1], s[0])):
        for number, used in enumerate(tracks):
            at = bisect.bisect_left(used, (lo, hi))
            if (at == 0 or used[at - 1][1] < lo) and (at == len(used) or used[at][0] > hi):
                used.insert(at, (lo, hi))
                out[key] = number
                break
        else:
            tracks.append([(lo, hi)])
            out[key] = len(tracks) - 1
    return out


def _wrapped_lines(text: str | None, chars_per_line: int) -> int:
    """Lines a text takes when wrapped at word boundaries (a rough but honest print estimate)."""
    if not text:
        return 0
    lines = 0
    for paragraph in text.splitlines() or [""]:
        length = 0
        lines += 1
        for word in paragraph.split():
            while len(word) > chars_per_line:  # a word longer than the column breaks anywhere
                if length:
                    lines += 1
                lines += 1
                word = word[chars_per_line:]
                length = 0
            needed = len(word) if length == 0 else length + 1 + len(word)
            if needed > chars_per_line:
                lines += 1
                length = len(word)
            else:
                length = needed
    return lines


def print_chars_per_line(lanes: int, tracks: int = 0) -> dict[str, int]:
    """Characters per printed line in each text column, for a chart of ``lanes`` lanes and ``tracks`` tracks.

    The activity column gets the printed width the chart and the fixed columns leave.
    """
    chart = (lanes + tracks * TRACK_GAP / LANE_WIDTH) * PRINT_LANE_WIDTH
    fixed = sum(PRINT_COLUMN_WIDTH.values())
    widths = {"kegiatan": max(PRINT_MIN_ACTIVITY_WIDTH, PRINT_TABLE_WIDTH - chart - fixed)}
    widths.update((name, width) for name, width in PRINT_COLUMN_WIDTH.items() if name != "no")
    return {
        name: max(4, int((width - PRINT_CELL_PADDING_X) / PRINT_CHAR_WIDTH)) for name, width in widths.items()
    }


def estimate_row_height(step: Step, chars_per_line: dict[str, int] | None = None) -> float:
    """Estimated printed height (px) of a step's row: its tallest text cell, or the chart's minimum."""
    per_line = chars_per_line or print_chars_per_line(4)
    activity = _wrapped_lines(step.kegiatan, per_line["kegiatan"])
    activity += _wrapped_lines(step.catatan, per_line["kegiatan"])
    if step.is_inferred:
        reason = f"pelaksana disimpulkan ({step.pelaksana}): {step.pelaksana_alasan or ''}"
        activity += _wrapped_lines(reason, per_line["kegiatan"])
    bullet = 2 if len(step.kelengkapan) > 1 else 0  # list items are indented
    cells = [
        activity,
        sum(_wrapped_lines(item, per_line["kelengkapan"] - bullet) for item in step.kelengkapan),
        _wrapped_lines(step.waktu.raw, per_line["waktu"]),
        _wrapped_lines(step.output, per_line["output"]),
        _wrapped_lines(step.keterangan, per_line["keterangan"]),
    ]
    return max(ROW_MIN_HEIGHT, max(cells) * PRINT_LINE_HEIGHT + PRINT_CELL_PADDING_Y) + PRINT_ROW_BORDER


def estimate_header_height(lane_names: Sequence[str]) -> float:
    """Estimated printed height (px) of the two header rows, which repeat on every page."""
    chars = int((PRINT_LANE_WIDTH - PRINT_CELL_PADDING_X) / PRINT_HEADER_CHAR_WIDTH)
    lines = max((_wrapped_lines(name, chars) for name in lane_names), default=1)
    return (1 + max(lines, 1)) * PRINT_LINE_HEIGHT + 2 * PRINT_CELL_PADDING_Y


def page_budget(lane_names: Sequence[str]) -> float:
    """Height (px) left for step rows on a printed page: the body less header, connector rows and slack."""
    return (
        PRINT_PAGE_HEIGHT
        - estimate_header_height(lane_names)
        - 2 * PRINT_CONNECTOR_ROW_HEIGHT
        - PRINT_PAGE_SLACK
    )


def paginate(
    heights: Sequence[float],
    budget: float,
    first_page_budget: float | None = None,
    single_page_budget: float | None = None,
) -> tuple[Page, ...]:
    """Split rows into printed pages greedily: a page takes rows while their heights fit the budget.

    The first page may have its own budget (``first_page_budget``: it also holds the section heading but
    only one connector row), and all rows stay on one page when they fit ``single_page_budget`` (a page
    without connector rows). A row taller than the budget gets a page of its own (the browser then breaks
    inside it). A last page holding a single row (typically the closing terminator) takes one more row
    from the page before when that page keeps at least two, so the chart does not end on a lone symbol.
    """
    if heights and single_page_budget is not None and sum(heights) <= single_page_budget:
        return (Page(1, 0, len(heights) - 1, sum(heights)),)
    bounds: list[tuple[int, int]] = []
    first, used = 0, 0.0
    for row, height in enumerate(heights):
        limit = budget if bounds or first_page_budget is None else first_page_budget
        if row > first and used + height > limit:
            bounds.append((first, row - 1))
            first, used = row, 0.0
        used += height
    if heights:
        bounds.append((first, len(heights) - 1))
    if len(bounds) >= 2:
        (a, b), (c, d) = bounds[-2], bounds[-1]
        if c == d and b - a + 1 >= 3 and heights[b] + heights[c] <= budget:
            bounds[-2:] = [(a, b - 1), (b, d)]
    return tuple(Page(n + 1, a, b, sum(heights[a : b + 1])) for n, (a, b) in enumerate(bounds))


def _connectors(routes: Sequence[Route], pages: Sequence[Page]) -> tuple[Connector, ...]:
    """One connector pair per line crossing each page break, lettered in break order then left to right."""
    found: list[tuple[int, float, int, bool]] = []
    boundaries = [page.last_row for page in pages[:-1]]  # ascending
    for index, route in enumerate(routes):
        for a, b in pairwise(route.points):
            if a.row == b.row:
                continue
            lo, hi = min(a.row, b.row), max(a.row, b.row)
            # The breaks this vertical segment crosses: lo <= boundary < hi.
            for at in range(bisect.bisect_left(boundaries, lo), bisect.bisect_left(boundaries, hi)):
                found.append((boundaries[at], a.x, index, b.row < a.row))
    found.sort()
    return tuple(
        Connector(connector_letter(n), after, x, route, upward)
        for n, (after, x, route, upward) in enumerate(found)
    )


def _gutter_sides(arrows: Sequence[Transition], gutter: Sequence[int]) -> dict[int, str]:
    """The gutter side of each gutter transition (by index): ``kanan`` first.

    A decision with two gutter exits sends "Tidak" right and "Ya" left; a single gutter line goes left
    when its target is a decision that already leaves on the right, so the two do not meet head-on.
    """
    exits_by_source: dict[int, list[int]] = {}
    for i in gutter:
        exits_by_source.setdefault(arrows[i].source, []).append(i)
    side: dict[int, str] = {}
    for exits in exits_by_source.values():
        if len(exits) == 2:
            for i in exits:
                side[i] = "kanan" if arrows[i].label == "Tidak" else "kiri"
        else:
            target_exits = exits_by_source.get(arrows[exits[0]].target, [])
            side[exits[0]] = "kiri" if len(target_exits) == 1 else "kanan"
    return side


def layout_flowchart(sop: Sop, *, print_budget: float | None = None) -> Flowchart:
    """Lay out the swimlane flowchart of ``sop``: lanes, symbols, routed transitions, print pages.

    ``print_budget`` overrides the estimated height (px) of step rows a printed page holds.
    """
    lanes = lanes_of(sop)
    lane_by_role = {lane.nama: lane.index for lane in lanes if lane.assigned}
    unassigned = next((lane.index for lane in lanes if not lane.assigned), None)
    steps = sop.langkah
    lane_of = [lane_by_role.get(s.pelaksana or "", unassigned) for s in steps]
    arrows = transitions(steps)

    # Which transitions need a gutter: everything but one arrow per source to the very next row.
    adjacent: set[int] = set()
    sources_with_adjacent: set[int] = set()
    for i, t in enumerate(arrows):
        if t.target == t.source + 1 and t.source not in sources_with_adjacent:
            adjacent.add(i)
            sources_with_adjacent.add(t.source)
    gutter = [i for i in range(len(arrows)) if i not in adjacent]

    side = _gutter_sides(arrows, gutter)

    def span(i: int) -> tuple[int, int, int]:
        t = arrows[i]
        return i, min(t.source, t.target), max(t.source, t.target)

    track = {
        **_assign_tracks([span(i) for i in gutter if side[i] == "kanan"]),
        **_assign_tracks([span(i) for i in gutter if side[i] == "kiri"]),
    }
    right_tracks = 1 + max((track[i] for i in gutter if side[i] == "kanan"), default=-1)
    left_tracks = 1 + max((track[i] for i in gutter if side[i] == "kiri"), default=-1)

    def x_of(row: int) -> float:
        return lane_centre(lane_of[row], left_tracks)

    def track_x(which: str, number: int) -> float:
        if which == "kanan":
            return left_tracks * TRACK_GAP + len(lanes) * LANE_WIDTH + (number + 0.5) * TRACK_GAP
        return (left_tracks - number - 0.5) * TRACK_GAP

    symbols = tuple(
        Symbol(
            row=i,
            no=s.no,
            kind=s.kind,
            lane=lane_of[i],
            x=x_of(i),
            width=SYMBOL_SIZE[s.kind][0],
            height=SYMBOL_SIZE[s.kind][1],
            inferred=s.is_inferred,
        )
        for i, s in enumerate(steps)
    )

    # Entry heights: spread lines entering the same side of one symbol, keeping clear of its own exit there.
    entries: dict[tuple[int, str], list[int]] = {}
    for i in gutter:
        entries.setdefault((arrows[i].target, side[i]), []).append(i)
    exit_sides = {(arrows[i].source, side[i]) for i in gutter}
    entry_dy: dict[int, float] = {}
    for key, routes_in in entries.items():
        offsets = [dy for dy in ENTRY_OFFSETS if not (dy == 0 and key in exit_sides)]
        for n, i in enumerate(sorted(routes_in, key=lambda i: track[i])):
            entry_dy[i] = offsets[n % len(offsets)]

    routes: list[Route] = []
    for i, t in enumerate(arrows):
        src, dst = symbols[t.source], symbols[t.target]
        if i in adjacent:
            turn = src.height / 2 + BEND_BELOW
            if src.lane == dst.lane:
                points = (Point(src.x, src.row), Point(dst.x, dst.row))
            else:
                points = (
                    Point(src.x, src.row),
                    Point(src.x, src.row, turn),
                    Point(dst.x, src.row, turn),
                    Point(dst.x, dst.row),
                )
            head = Marker(dst.x, dst.row, 0.0, -dst.height / 2, "bawah")
            label_at = None
            if t.label:
                # Beside the line just below the symbol; on the side away from a bend.
                anchor = "end" if dst.lane > src.lane else "start"
                dx = -4.0 if anchor == "end" else 4.0
                label_at = Marker(
                    src.x,
                    src.row,
                    dx,
                    src.height / 2 + (BEND_BELOW - 2 if src.lane != dst.lane else 10.0),
                    anchor,
                )
            routes.append(Route(t, src.no, dst.no, points, "bawah", "atas", head, t.label, label_at))
            continue
        which, number = side[i], track[i]
        gx = track_x(which, number)
        dy = entry_dy[i]
        points = (
            Point(src.x, src.row),
            Point(gx, src.row),
            Point(gx, dst.row, dy),
            Point(dst.x, dst.row, dy),
        )
        sign = 1.0 if which == "kanan" else -1.0
        head = Marker(
            dst.x, dst.row, sign * half_width_at(dst.kind, dy), dy, "kiri" if which == "kanan" else "kanan"
        )
        label_at = None
        if t.label:
            label_at = Marker(
                src.x,
                src.row,
                sign * (half_width_at(src.kind, 0) + 3),
                -4.0,
                "start" if which == "kanan" else "end",
            )
        routes.append(
            Route(
                t,
                src.no,
                dst.no,
                points,
                which,
                which,
                head,
                t.label,
                label_at,
                GutterTrack(which, number, min(t.source, t.target), max(t.source, t.target)),
            )
        )

    per_line = print_chars_per_line(len(lanes), left_tracks + right_tracks)
    heights = [estimate_row_height(s, per_line) for s in steps]
    if print_budget is None:
        # A middle page holds two connector rows, the first page one and the heading, a lone page neither.
        budget = page_budget([lane.nama for lane in lanes])
        first = budget + PRINT_CONNECTOR_ROW_HEIGHT - PRINT_HEADING_HEIGHT
        pages = paginate(heights, budget, first, first + PRINT_CONNECTOR_ROW_HEIGHT)
    else:
        pages = paginate(heights, print_budget)
    return Flowchart(
        lanes=lanes,
        symbols=symbols,
        routes=tuple(routes),
        left_tracks=left_tracks,
        right_tracks=right_tracks,
        pages=pages,
        connectors=_connectors(routes, pages),
    )
