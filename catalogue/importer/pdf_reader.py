"""Reading a PDF that has a text layer (a printed Word file, a form drawn by a generator) with pdfplumber.

pdfplumber gives each word with its box, and the ruling lines and rectangles from which the cells of ruled
tables are found. :mod:`.page_rows` turns words and cells into the rows a .docx gives. What is drawn inside
a table but is not its ruling (flowchart symbols, connectors, pictures) is kept apart: the symbols' own
labels are not cell text, and a picture or symbol marks the cell it sits in, as a drawing in a .docx does.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber

from .page_rows import BBox, Grid, Mark, Page, Word, document_rows
from .parsed import Row

#: Characters per page below which a page is taken to have no text layer (a scan).
MIN_TEXT_CHARS = 20
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\u00a0": " ", "\u00ad": ""})


def has_text_layer(pdf: pdfplumber.PDF) -> bool:
    """Does at least half of the pages carry text (not only a picture of it)?"""
    with_text = sum(1 for page in pdf.pages if len(page.chars) >= MIN_TEXT_CHARS)
    return with_text * 2 >= len(pdf.pages) and with_text > 0


def page_words(page: pdfplumber.page.Page) -> list[Word]:
    """The words of a page, each knowing whether the text layer has a space right after it."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2.5, keep_blank_chars=False, use_text_flow=False,
                               extra_attrs=["size"], return_chars=True)
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


def page_grids(page: pdfplumber.page.Page) -> tuple[list[Grid], list[BBox]]:
    """The ruled tables of a page, and boxes drawn inside a table's cells (flowchart process symbols)."""
    ruled = page.filter(_ruling)
    tables = ruled.find_tables({"vertical_strategy": "lines", "horizontal_strategy": "lines",
                                "snap_tolerance": 3, "join_tolerance": 3, "intersection_tolerance": 3})
    grids = [Grid.from_cells(list(t.cells)) for t in tables if t.cells]
    outer: list[Grid] = []
    inner: list[BBox] = []
    for g in sorted(grids, key=lambda g: -(g.bbox[2] - g.bbox[0]) * (g.bbox[3] - g.bbox[1])):
        if any(_within(g.bbox, o.bbox) for o in outer):
            inner.append(g.bbox)  # a rectangle drawn inside a table: a symbol, not a table
        else:
            outer.append(g)
    outer.sort(key=lambda g: g.bbox[1])
    return outer, inner


def _within(inner: BBox, outer: BBox, slack: float = 1.0) -> bool:
    return (inner[0] >= outer[0] - slack and inner[1] >= outer[1] - slack and inner[2] <= outer[2] + slack
            and inner[3] <= outer[3] + slack)


def read_page(page: pdfplumber.page.Page, number: int) -> Page:
    page = page.dedupe_chars()
    grids, boxes = page_grids(page)
    words = page_words(page)
    marks = [Mark(b, "rect") for b in boxes]
    for image in page.images:
        box = (image["x0"], image["top"], image["x1"], image["bottom"])
        if any(_within(box, g.bbox, 2.0) for g in grids):
            marks.append(Mark(box, "picture"))
    return Page(number, float(page.width), float(page.height), words, grids, marks)


def rows_from_pdf(path: Path) -> list[Row]:
    """Rows of a PDF with a text layer, in reading order, shaped as the .docx reader's."""
    with pdfplumber.open(str(path)) as pdf:
        pages = [read_page(p, n) for n, p in enumerate(pdf.pages, start=1)]
    # A producer that writes wrap spaces writes them on every wrapped line of the document.
    wrap_spaces = any(_ends_lines_with_spaces(p) for p in pages)
    for p in pages:
        p.wrap_spaces = wrap_spaces
    return document_rows(pages)


def _ends_lines_with_spaces(page: Page) -> bool:
    from .page_rows import group_lines

    return sum(1 for line in group_lines(page.words) if line.words[-1].space_after) >= 2
