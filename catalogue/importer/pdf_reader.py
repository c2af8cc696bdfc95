"""Reading a PDF that has a text layer (a printed Word file, a form drawn by a generator) with pdfplumber.

pdfplumber gives each word with its box, and the ruling lines and rectangles from which the cells of ruled
tables are found. :mod:`.page_rows` turns words and cells into the rows a .docx gives. What is drawn inside
a table but is not its ruling (flowchart symbols, connectors, pictures) is kept apart: the symbols' own
labels are not cell text, and a picture or symbol marks the cell it sits in, as a drawing in a .docx does.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .flowchart_shapes import (
    PROCESS,
    Connector,
    Drawing,
    Shape,
    branches,
    join_segments,
    label_shapes,
    link,
    open_polyline,
    place_labels,
    shape_from_path,
    step_symbols,
)
from .page_rows import BBox, Grid, Mark, Page, Word, document_rows, group_lines
from .parsed import Row

#: Characters per page below which a page is taken to have no text layer (a scan).
MIN_TEXT_CHARS = 20
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u00a0": " ",
        "\u00ad": "",
    }
)


def has_text_layer(pdf: pdfplumber.PDF) -> bool:
    """Does at least half of the pages carry text (not only a picture of it)?"""
    with_text = sum(1 for page in pdf.pages if len(page.chars) >= MIN_TEXT_CHARS)
    return with_text * 2 >= len(pdf.pages) and with_text > 0


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The words of a page, each knowing whether the text layer has a space right after it."""
    words = page.extract_words(
        x_tolerance=1.5,
        y_tolerance=2.5,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size"],
        return_chars=True,
    )
    chars = page.chars
    index = {id(c): k for k, c in enumerate(chars)}
    out = []
    for w in words:
        if not w.get("upright", True):
            continue  # rotated text: a stamp or a watermark, not the document's lines
        text = w["text"].translate(_LIGATURES).strip()
        if not text:
            continue
        k = index.get(id(w["chars"][-1]))
        nxt = chars[k + 1] if k is not None and k + 1 < len(chars) else None
        space = bool(nxt and not nxt["text"].strip() and abs(nxt["top"] - w["chars"][-1]["top"]) < 1.0)
        out.append(Word(text, w["x0"], w["top"], w["x1"], w["bottom"], float(w["size"]), space_after=space))
    return out


def _ruling(obj: dict) -> bool:
    """Lines and rectangles may be table ruling; curves (connectors, rounded or slanted shapes) are not."""
    return obj.get("object_type") in ("line", "rect", "char")


_SETTINGS = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
}


def _key(obj: dict) -> tuple:
    return (
        obj["object_type"],
        round(obj["x0"], 2),
        round(obj["top"], 2),
        round(obj["x1"], 2),
        round(obj["bottom"], 2),
    )


def _find_grids(page: pdfplumber.page.Page) -> list[Grid]:
    grids = [Grid.from_cells(list(t.cells)) for t in page.find_tables(_SETTINGS) if t.cells]
    outer: list[Grid] = []
    for g in sorted(grids, key=lambda g: -(g.bbox[2] - g.bbox[0]) * (g.bbox[3] - g.bbox[1])):
        if not any(_within(g.bbox, o.bbox) for o in outer):
            outer.append(g)  # a box drawn inside a table's cell is a symbol, not a table
    return sorted(outer, key=lambda g: g.bbox[1])


def _on_ruling(obj: dict, grids: list[Grid]) -> bool:
    """Does a line or rectangle run along the ruling of a table (a cell border or a cell's shading)?"""
    for g in grids:
        if not _within((obj["x0"], obj["top"], obj["x1"], obj["bottom"]), g.bbox, 2.0):
            continue
        xs_on = [any(abs(v - x) < 2.0 for x in g.xs) for v in (obj["x0"], obj["x1"])]
        ys_on = [any(abs(v - y) < 2.0 for y in g.tops) for v in (obj["top"], obj["bottom"])]
        if obj["object_type"] == "line":
            vertical = abs(obj["x1"] - obj["x0"]) < 1.0
            return all(xs_on) if vertical else all(ys_on)
        return (all(xs_on) and any(ys_on)) or (all(ys_on) and any(xs_on))
    return True  # outside every table: not ours to judge


def page_grids(page: pdfplumber.page.Page) -> tuple[list[Grid], list[dict]]:
    """The ruled tables of a page, and the lines and rectangles drawn inside their cells (a flowchart)."""
    grids = _find_grids(page.filter(_ruling))
    drawn = [o for o in page.lines + page.rects if not _on_ruling(o, grids)]
    if drawn:
        # Connectors crossing a row's border would cut cells that are not there: find the grid without them.
        skip = {_key(o) for o in drawn}
        grids = _find_grids(
            page.filter(
                lambda o: _ruling(o) and not (o["object_type"] in ("line", "rect") and _key(o) in skip)
            )
        )
    return grids, drawn


def _within(inner: BBox, outer: BBox, slack: float = 1.0) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def page_drawing(page: pdfplumber.page.Page, number: int, grids: list[Grid], drawn: list[dict]) -> Drawing:
    """The flowchart drawn inside the page's tables: symbols, arrowheads and connectors."""
    drawing = Drawing()
    runs: list[list[tuple[float, float]]] = []

    def in_table(box: BBox) -> bool:
        return any(_within(box, g.bbox, 2.0) for g in grids)

    for obj in page.curves:
        box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        if not in_table(box):
            continue
        path = obj.get("path") or [("m", obj["pts"][0])] + [("l", p) for p in obj["pts"][1:]]
        found = shape_from_path(path, number)
        if isinstance(found, Shape):
            drawing.shapes.append(found)
        elif isinstance(found, list):
            drawing.arrowheads.append(found)
        elif obj.get("stroke", True) and not obj.get("fill", False):
            points = open_polyline(path)
            if points:
                runs.append(points)
    for obj in drawn:
        box = (obj["x0"], obj["top"], obj["x1"], obj["bottom"])
        if not in_table(box):
            continue
        if obj["object_type"] == "rect":
            if min(obj["width"], obj["height"]) >= 4:
                drawing.shapes.append(Shape(PROCESS, box, number))
            continue
        runs.append(
            [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])] if obj["x1"] - obj["x0"] >= 0 else []
        )
    stops = [v for head in drawing.arrowheads for v in head]
    for run in join_segments([r for r in runs if len(r) >= 2], stops):
        drawing.connectors.append(Connector(run, number))
    link(drawing)
    return drawing


def read_page(page: pdfplumber.page.Page, number: int) -> tuple[Page, Drawing]:
    page = page.dedupe_chars()
    grids, drawn = page_grids(page)
    words = page_words(page)
    drawing = page_drawing(page, number, grids, drawn)
    if drawing.shapes:
        words = _take_labels(words, grids, drawing)
    marks = []
    for image in page.images:
        box = (image["x0"], image["top"], image["x1"], image["bottom"])
        if any(_within(box, g.bbox, 2.0) for g in grids):
            marks.append(Mark(box, "picture"))
    return Page(number, float(page.width), float(page.height), words, grids, marks), drawing


def _take_labels(words: list[Word], grids: list[Grid], drawing: Drawing) -> list[Word]:
    """Words that label the flowchart (inside a symbol, beside a connector) leave the cells' text."""
    inside = label_shapes(drawing, [(w.text, (w.x0, w.top, w.x1, w.bottom)) for w in words])
    taken = {id(words[k]) for k in inside}
    rest = [w for w in words if id(w) not in taken]
    # A connector's label may run across a cell border: lines are read over the whole table, cut only where
    # the gap is wider than a space.
    lines: list[tuple[str, BBox]] = []
    members: list[list[Word]] = []
    in_tables = [
        w
        for w in rest
        if any(g.bbox[0] <= w.cx <= g.bbox[2] and g.bbox[1] <= w.cy <= g.bbox[3] for g in grids)
    ]
    for line in group_lines(in_tables):
        segment = [line.words[0]]
        for a, b in zip(line.words, [*line.words[1:], None], strict=False):
            if b is not None and b.x0 - a.x1 <= 0.6 * line.size:
                segment.append(b)
                continue
            lines.append(
                (
                    " ".join(w.text for w in segment),
                    (
                        segment[0].x0,
                        min(w.top for w in segment),
                        segment[-1].x1,
                        max(w.bottom for w in segment),
                    ),
                )
            )
            members.append(segment)
            if b is not None:
                segment = [b]
    taken |= {id(w) for k in place_labels(drawing, lines) for w in members[k]}
    return [w for w in words if id(w) not in taken]


def rows_from_pdf(path: Path) -> list[Row]:
    """Rows of a PDF with a text layer, in reading order, shaped as the .docx reader's."""
    with pdfplumber.open(str(path)) as pdf:
        read = [read_page(p, n) for n, p in enumerate(pdf.pages, start=1)]
    pages = [page for page, _ in read]
    # A producer that writes wrap spaces writes them on every wrapped line of the document.
    wrap_spaces = any(_ends_lines_with_spaces(p) for p in pages)
    for p in pages:
        p.wrap_spaces = wrap_spaces
    _mark_flowchart(pages, [drawing for _, drawing in read])
    return document_rows(pages)


def _mark_flowchart(pages: list[Page], drawings: list[Drawing]) -> None:
    """Mark each step's drawn symbol in its cell, with where its connectors lead (across pages too)."""
    whole = Drawing(
        [s for d in drawings for s in d.shapes],
        [c for d in drawings for c in d.connectors],
        [h for d in drawings for h in d.arrowheads],
    )
    if not whole.shapes:
        return
    row_of: dict[int, tuple] = {}
    for s in whole.shapes:
        page = pages[s.page - 1]
        x, y = s.center
        for k, g in enumerate(page.tables):
            hit = next(
                (
                    r
                    for r, row in enumerate(g.cells)
                    for box in row
                    if box and box[0] <= x <= box[2] and box[1] <= y <= box[3]
                ),
                None,
            )
            if hit is not None:
                row_of[id(s)] = (s.page, k, hit)
                break
    is_step = step_symbols(whole, row_of)
    marks = {id(s): Mark(s.bbox, s.kind, s.label) for s in whole.shapes if is_step.get(id(s))}
    for s in whole.shapes:
        mark = marks.get(id(s))
        if mark is None:
            continue
        mark.branches = [
            (b.label, None if b.ends else marks.get(id(b.target)))
            for b in branches(s, whole, is_step)
            if b.ends or id(b.target) in marks
        ]
        pages[s.page - 1].marks.append(mark)


def _ends_lines_with_spaces(page: Page) -> bool:
    from .page_rows import group_lines

    return sum(1 for line in group_lines(page.words) if line.words[-1].space_after) >= 2
