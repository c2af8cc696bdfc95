"""From positioned words and ruled table cells on printed pages to the rows the layout analysis reads.

Both page readers (:mod:`.pdf_reader` for a PDF's text layer, :mod:`.ocr_reader` for scans) find words with
their boxes and the cells of ruled tables; this module turns them into :class:`Row` objects shaped like those
of the .docx reader, so that :mod:`.text_layout` reads every format the same way:

* a table row is one row with one string per grid column; a merged cell's text sits in its first column and
  the columns or rows it covers are empty, as python-docx gives them;
* a cell's paragraphs are joined with ``\\n``. A printed line is a paragraph of its own only when it is one:
  the first word of the next line would have fitted on it (a hard break), the next line starts a list item,
  or a gap wider than the line pitch lies between them. Otherwise the line wrapped and is joined with a space;
* text outside tables becomes one row per paragraph, split into cells where a wide gap stands for a tab;
  a vertical gap of a blank line becomes a blank row, as an empty paragraph in a .docx does;
* running headers and footers (page numbers, lines repeated at the same place on several pages) are dropped,
  and a table row broken over a page break is joined back into one row.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .parsed import ReadWord, Row

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom

#: A list item's marker at the start of a printed line: "1.", "2)", "a.", "(3)", "-", "•".
_MARKER = re.compile(r"^(?:\(?\d{1,2}[.)]|\(?[a-zA-Z][.)]|[-–•▪●◦*·])(?:\s|$)")
#: A line that is only a page number or a "page x of y" note.
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]?\s*\d{1,3}\s*[-–—]?|(?:halaman|hal\.?|page)\s*\d{1,3}(?:\s*(?:dari|/|of)\s*\d{1,3})?|"
    r"\d{1,3}\s*(?:/|dari|of)\s*\d{1,3})$",
    re.IGNORECASE,
)
#: Words that do not end a list entry: a line ending with one goes on in the next line.
_GOES_ON = {
    "dan",
    "atau",
    "serta",
    "dari",
    "ke",
    "di",
    "pada",
    "kepada",
    "untuk",
    "dengan",
    "yang",
    "oleh",
    "bagi",
    "tentang",
    "dalam",
    "sebagai",
    "terhadap",
    "melalui",
    "beserta",
    "dan/atau",
}
#: Share of the page height at the top and bottom where running headers and footers are looked for.
_MARGIN_BAND = 0.09


@dataclass
class Word:
    """One word with its box in page coordinates (points, top-down) and, for OCR, its confidence (0-100)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    conf: float | None = None
    #: The text layer has a space right after this word: at the end of a line, the line wrapped there.
    space_after: bool = False
    #: OCR: Tesseract was hardly sure this is a word at all (kept only if the vocabulary says it is one).
    faint: bool = False
    #: OCR: what Tesseract read, where the word was put right (:mod:`.ocr_lexicon`).
    read_as: str | None = None

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(eq=False)
class Mark:
    """Something drawn in a cell that is not text: a picture, or the flowchart symbol of the step in that row
    (``kind``: proses, keputusan, terminator) with where its connectors lead (another step's symbol, or
    ``None`` where the path ends)."""

    bbox: BBox
    kind: str = "picture"
    label: str = ""
    branches: list[tuple[str, Mark | None]] = field(default_factory=list)

    @property
    def center(self) -> tuple[float, float]:
        return (self.bbox[0] + self.bbox[2]) / 2, (self.bbox[1] + self.bbox[3]) / 2


@dataclass
class Grid:
    """A ruled table: ``cells[r][c]`` is the box of the cell that starts at row ``r`` and column ``c``, or
    ``None`` where a merged cell covers that slot."""

    cells: list[list[BBox | None]]
    xs: list[float]  # left edge of each grid column, and the right edge of the table at the end
    tops: list[float]  # top of each grid row, and the bottom of the table at the end

    @property
    def bbox(self) -> BBox:
        return self.xs[0], self.tops[0], self.xs[-1], self.tops[-1]

    @classmethod
    def from_cells(cls, boxes: list[BBox], tolerance: float = 2.0) -> Grid:
        xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes], tolerance)
        tops = _cluster([b[1] for b in boxes] + [b[3] for b in boxes], tolerance)
        grid: list[list[BBox | None]] = [[None] * (len(xs) - 1) for _ in range(len(tops) - 1)]
        for b in boxes:
            c, r = _nearest(xs, b[0]), _nearest(tops, b[1])
            if r < len(grid) and c < len(grid[r]):
                grid[r][c] = b
        # A grid line that starts no cell (a row or column made only by rounding) is no row or column.
        keep_r = [r for r, row in enumerate(grid) if any(row)]
        keep_c = [c for c in range(len(xs) - 1) if any(grid[r][c] for r in range(len(grid)))]
        grid = [[grid[r][c] for c in keep_c] for r in keep_r]
        return cls(grid, [xs[c] for c in keep_c] + [xs[-1]], [tops[r] for r in keep_r] + [tops[-1]])


@dataclass
class Page:
    """What a reader found on one page."""

    number: int  # 1-based
    width: float
    height: float
    words: list[Word]
    tables: list[Grid] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    #: The producer writes the space at which a line wrapped (LibreOffice does): a line that ends without
    #: one ends its paragraph. Without this, where a paragraph ends is judged from the line's length.
    wrap_spaces: bool = False
    #: The words were read by OCR: rows keep them (with confidences) for the review.
    ocr: bool = False


@dataclass
class _Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def size(self) -> float:
        return statistics.median(w.size for w in self.words)

    @property
    def text(self) -> str:
        return _join_words(self.words)

    def segments(self) -> list[list[Word]]:
        """The line cut where a gap wider than a tab stop lies between two words."""
        out: list[list[Word]] = [[self.words[0]]]
        for a, b in zip(self.words, self.words[1:], strict=False):
            if b.x0 - a.x1 > max(1.5 * self.size, 10.0):
                out.append([b])
            else:
                out[-1].append(b)
        return out


@dataclass
class _Block:
    """A table or a printed text line on a page, in reading order."""

    top: float
    bottom: float
    page: int
    rows: list[Row] = field(default_factory=list)  # a table's rows
    grid: Grid | None = None
    line: _Line | None = None  # a text line
    area: tuple[float, float] = (0.0, 0.0)  # a text line's left and right margins

    @property
    def is_table(self) -> bool:
        return self.grid is not None

    @property
    def text(self) -> str:
        return self.line.text if self.line else ""


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _join_words(words: list[Word]) -> str:
    return " ".join(w.text for w in words)


def group_lines(words: list[Word]) -> list[_Line]:
    """Words into printed lines, top to bottom, each left to right."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for line in reversed(lines[-3:]):
            top, bottom = line.top, line.bottom
            overlap = min(bottom, w.bottom) - max(top, w.top)
            if overlap > 0.5 * min(bottom - top, w.bottom - w.top):
                line.words.append(w)
                break
        else:
            lines.append(_Line([w]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    lines.sort(key=lambda ln: ln.top)
    return lines


def _starts_item(text: str) -> bool:
    return bool(_MARKER.match(text))


def paragraphs(lines: list[_Line], left: float, right: float, wrap_spaces: bool = False) -> list[str]:
    """Printed lines of one text area (a cell, or a page's running text) into paragraphs.

    ``left``/``right`` are the edges of the area where text may run. Empty strings stand for blank lines
    (a gap of at least one line between two paragraphs).
    """
    return [text for text, _ in _paragraphs(lines, left, right, wrap_spaces)]


def _paragraphs(
    lines: list[_Line], left: float, right: float, wrap_spaces: bool
) -> list[tuple[str, list[_Line]]]:
    """:func:`paragraphs`, each with the printed lines it was made of."""
    return [(text, lines) for text, lines, _ in _paragraphs_doubts(lines, left, right, wrap_spaces)]


def _paragraphs_doubts(
    lines: list[_Line], left: float, right: float, wrap_spaces: bool
) -> list[tuple[str, list[_Line], list[str]]]:
    """:func:`_paragraphs`, each also with the joins decided by letter case alone where the joined line could
    as well start an entry of its own (see :attr:`Row.doubts`)."""
    out: list[str] = []
    made_of: list[list[_Line]] = []
    doubts: list[list[str]] = []
    prev: _Line | None = None
    indent: float | None = None  # where the text of the current list item's lines starts (hanging indent)
    # An area whose lines are all centred (a header cell, a Waktu cell), one of them clearly so.
    mid = (left + right) / 2
    centred = (
        len(lines) > 1
        and all(abs((ln.x0 + ln.x1) / 2 - mid) < 0.6 * ln.size for ln in lines)
        and any(ln.x0 > left + 0.5 * ln.size for ln in lines)
    )
    for line in lines:
        text = line.text
        if prev is not None and _blank_lines(prev, line):
            out += [""] * _blank_lines(prev, line)
            made_of += [[] for _ in range(_blank_lines(prev, line))]
            doubts += [[] for _ in range(_blank_lines(prev, line))]
            prev = None
        guessed = False
        if prev is None:
            joint = None
        elif indent is not None and abs(line.x0 - indent) < 1.5 and not _starts_item(text):
            joint = "" if _broken_word(prev, line) else " "  # a line hanging under its item's text
        else:
            joint, guessed = _joint(
                prev, line, left, right, wrap_spaces, centred or _centred(prev, left, right)
            )
        if joint is None:
            out.append(text)
            made_of.append([line])
            doubts.append([])
            indent = line.words[1].x0 if _starts_item(text) and len(line.words) > 1 else None
        else:
            if guessed and prev is not None and _could_be_two(out[-1], made_of[-1], line):
                doubts[-1].append(f"{prev.words[-1].text}{joint}{line.words[0].text}")
            out[-1] += joint + text
            made_of[-1].append(line)
        prev = line
    return list(zip(out, made_of, doubts, strict=False))


def _could_be_two(paragraph: str, made_of: list[_Line], line: _Line) -> bool:
    """Could ``line``, joined to ``paragraph`` on the evidence of letter case alone, as well start an entry
    of its own? Not in a numbered entry (its lines go on until the next number), not after a comma, and not
    where either part would be a single word (an acronym ending a name: "SOP Penerbitan" / "SP2D")."""
    if not made_of or _starts_item(made_of[0].text) or paragraph.rstrip().endswith((",", "/", "-")):
        return False
    return len(paragraph.split()) >= 2 and len(line.words) >= 2


def _broken_word(a: _Line, b: _Line) -> bool:
    """Line ``a`` ends inside a word broken at a hyphen or a slash ("Undang-" + "Undang")."""
    last, first = a.words[-1].text, b.words[0].text
    return last[-1:] in ("-", "/") and len(last) > 1 and last[-2].isalnum() and first[:1].isalnum()


def _joint(
    a: _Line, b: _Line, left: float, right: float, wrap_spaces: bool, centred: bool
) -> tuple[str | None, bool]:
    """How line ``b`` joins the line ``a`` above it: " " (wrapped at a space), "" (wrapped after a hyphen or
    a slash inside a word) or ``None`` (``b`` starts a new paragraph); and whether only letter case decided
    it (a full line, then a word that could start an entry or go on: the reader is to check)."""
    first = b.words[0].text
    if _starts_item(b.text):
        return None, False
    if a.words[-1].space_after:
        return " ", False
    broken_word = _broken_word(a, b)
    glue = "" if broken_word else " "
    fits = not _wrapped(a, b, left, right, centred)
    if centred:
        return (None if fits else glue), False  # centred lines carry no wrap space; only their length tells
    if fits:
        return None, False
    if broken_word:
        return "", False
    if wrap_spaces and a.x1 + 0.3 * a.size <= right:
        # The producer writes the space where a line wraps, except where that space would itself pass the
        # right edge: a line that is not full and has no trailing space ended its paragraph.
        return None, False
    # The next word would not have fitted: a wrap, or a short paragraph ending just there. List entries in
    # a cell start with a capitalised word, a sentence wrapped there goes on in lower case (or with an
    # acronym or a number): the usual case decides, unless the line ends on a word that cannot end an
    # entry (a preposition, a conjunction) or on a capitalised word that the next one continues ("Surat" /
    # "Teguran", "Musrenbang" / "Kecamatan").
    last = a.words[-1].text.strip(",;:")
    name_goes_on = len(a.words) > 1 and re.match(r"^[A-Z][a-z]", last)  # not an entry's first word
    if last.lower() in _GOES_ON or not re.match(r"^[A-Z]", first):
        return " ", False  # a word that cannot end an entry, or text going on in small letters or figures
    if not re.match(r"^[A-Z][a-z]", first) or name_goes_on:
        return " ", True
    return None, True


def _centred(a: _Line, left: float, right: float) -> bool:
    """A line set in the middle of its area (a header cell, a letterhead), not flush with its left edge."""
    # A line nearly as wide as its area is flush on both sides: it counts as left-aligned.
    return abs((a.x0 + a.x1) / 2 - (left + right) / 2) < 0.6 * a.size and a.x0 > left + 1.0 * a.size


def _wrapped(a: _Line, b: _Line, left: float, right: float, centred: bool) -> bool:
    """Did line ``a`` end because the first word of ``b`` did not fit on it (a soft wrap)?"""
    first = b.words[0]
    need = (first.x1 - first.x0) + 0.3 * a.size
    tolerance = 0.6 * a.size
    if centred:
        return (a.x1 - a.x0) + need > (right - left) - tolerance
    return a.x1 + need > right - tolerance


def _read_words(page: Page, words: list[Word]) -> list[ReadWord]:
    return [
        ReadWord(
            w.text,
            w.conf if w.conf is not None else 100.0,
            page.number,
            (w.x0, w.top, w.x1, w.bottom),
            (page.width, page.height),
            w.read_as,
        )
        for w in sorted(words, key=lambda w: (round(w.top), w.x0))
    ]


def _cell_text(words: list[Word], box: BBox, pad: float, wrap_spaces: bool) -> tuple[str, list[str]]:
    """A cell's paragraphs, and its joins and splits decided by letter case alone (:attr:`Row.doubts`)."""
    lines = group_lines(words)
    if not lines:
        return "", []
    found = _paragraphs_doubts(lines, box[0] + pad, box[2] - pad, wrap_spaces)
    parts = [text for text, _, _ in found]
    while parts and not parts[-1].strip():
        parts.pop()
    return "\n".join(parts), [d for _, _, ds in found for d in ds]


def _inside(point: tuple[float, float], box: BBox, slack: float = 0.0) -> bool:
    x, y = point
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def _table_rows(page: Page, grid: Grid, words: list[Word], placed: dict[int, tuple[Mark, Row]]) -> list[Row]:
    slots = [(r, c, box) for r, row in enumerate(grid.cells) for c, box in enumerate(row) if box]
    by_slot: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        hit = next(((r, c) for r, c, box in slots if _inside((w.cx, w.cy), box)), None)
        if hit is None:
            hit = min(
                ((r, c) for r, c, _ in slots),
                key=lambda rc: _distance((w.cx, w.cy), grid.cells[rc[0]][rc[1]]),
            )  # type: ignore[arg-type]
        by_slot.setdefault(hit, []).append(w)
    # The cell padding: how far left-aligned text sits from its cell's left edge (the smallest gap seen).
    gaps = [min(w.x0 for w in ws) - grid.cells[r][c][0] for (r, c), ws in by_slot.items()]  # type: ignore[index]
    pad = max(1.0, min([g for g in gaps if g >= 0] or [3.0]))
    drawn: dict[tuple[int, int], Mark] = {}
    for mark in page.marks:
        hit = next(((r, c) for r, c, box in slots if _inside(mark.center, box)), None)
        if hit:
            drawn[hit] = mark
    rows = []
    for r, row in enumerate(grid.cells):
        cells = []
        symbols = []
        shapes: list[str | None] = []
        doubts: list[tuple[int, str]] = []
        for c, box in enumerate(row):
            mark = drawn.get((r, c)) if box is not None else None
            text, cell_doubts = (
                _cell_text(by_slot.get((r, c), []), box, pad, page.wrap_spaces) if box else ("", [])
            )
            cells.append(text)
            doubts += [(c, d) for d in cell_doubts]
            symbols.append(mark is not None)
            shapes.append(mark.kind if mark is not None and mark.kind != "picture" else None)
        row_obj = Row(
            cells=cells,
            line=0,
            from_table=True,
            symbols=symbols,
            page=page.number,
            shapes=shapes if any(shapes) else None,
            doubts=doubts or None,
        )
        if page.ocr:
            row_obj.ocr = [
                _read_words(page, by_slot.get((r, c), [])) if box else [] for c, box in enumerate(row)
            ]
        rows.append(row_obj)
        for c, mark in drawn.items():
            if c[0] == r:
                placed[id(mark)] = (mark, rows[-1])
    return rows


def _distance(p: tuple[float, float], box: BBox) -> float:
    dx = max(box[0] - p[0], 0, p[0] - box[2])
    dy = max(box[1] - p[1], 0, p[1] - box[3])
    return dx + dy


def _page_blocks(page: Page, placed: dict[int, tuple[Mark, Row]]) -> list[_Block]:
    grids = page.tables
    in_table: list[list[Word]] = [[] for _ in grids]
    loose: list[Word] = []
    for w in page.words:
        k = next((k for k, g in enumerate(grids) if _inside((w.cx, w.cy), g.bbox, 1.0)), None)
        if k is None:
            loose.append(w)
        else:
            in_table[k].append(w)
    blocks: list[_Block] = []
    for g, ws in zip(grids, in_table, strict=False):
        blocks.append(_Block(g.bbox[1], g.bbox[3], page.number, _table_rows(page, g, ws, placed), g))
    lines = group_lines(loose)
    if lines:
        # The text area runs between the page margins: the outermost text or table edges (margins are
        # usually even, so the right one is at least as wide as the left one).
        left = min([ln.x0 for ln in lines] + [g.bbox[0] for g in grids])
        right = max([ln.x1 for ln in lines] + [g.bbox[2] for g in grids] + [page.width - left])
        blocks += [_Block(ln.top, ln.bottom, page.number, line=ln, area=(left, right)) for ln in lines]
    blocks.sort(key=lambda b: b.top)
    return blocks


def _furniture(pages_blocks: list[list[_Block]], pages: list[Page]) -> set[int]:
    """ids of text lines that are running headers or footers (page numbers, lines repeated on pages)."""
    out: set[int] = set()
    seen: dict[str, list[_Block]] = {}
    for page, blocks in zip(pages, pages_blocks, strict=False):
        band = _MARGIN_BAND * page.height
        for b in blocks:
            if b.is_table or (b.top > band and b.bottom < page.height - band):
                continue
            text = b.text.strip()
            if _PAGE_NUMBER.match(text):
                out.add(id(b))
                continue
            key = re.sub(r"\d+", "#", text.lower()) + ("|top" if b.top <= band else "|bottom")
            seen.setdefault(key, []).append(b)
    for key, blocks in seen.items():
        if len({b.page for b in blocks}) < 2:
            continue
        if key.endswith("|top"):
            blocks = blocks[1:]  # a running header is kept once, where it first appears (as a .docx header)
        out |= {id(b) for b in blocks}
    return out


def _blank_lines(a: _Line, b: _Line) -> int:
    """How many empty lines fit between two printed lines."""
    return max(0, round((b.top - a.top) / (1.2 * max(a.size, b.size))) - 1)


def _text_rows(blocks: list[_Block], page: Page, wrap_spaces: bool) -> list[Row]:
    """Consecutive text lines of one page: paragraph rows, rows split at tabs, and blank rows."""
    rows: list[Row] = []
    group: list[_Line] = []
    left, right = blocks[0].area

    def flush() -> None:
        for text, made_of, doubts in _paragraphs_doubts(group, left, right, wrap_spaces):
            rows.append(Row(cells=[text], line=0, page=page.number, doubts=[(0, d) for d in doubts] or None))
            if page.ocr:
                rows[-1].ocr = [_read_words(page, [w for ln in made_of for w in ln.words])]
        group.clear()

    prev: _Line | None = None
    for b in blocks:
        ln = b.line
        assert ln is not None
        segs = ln.segments()
        if len(segs) > 1 or not group:
            flush()
            if prev is not None:
                rows.extend(Row(cells=[""], line=0, page=page.number) for _ in range(_blank_lines(prev, ln)))
        if len(segs) > 1:
            # A line with tab gaps ("Nomor SOP<TAB>: 045/…") is a paragraph of its own, cut into cells.
            rows.append(Row(cells=[_join_words(s) for s in segs], line=0, page=page.number))
            if page.ocr:
                rows[-1].ocr = [_read_words(page, s) for s in segs]
        else:
            group.append(ln)
        prev = ln
    flush()
    return rows


def document_rows(pages: list[Page]) -> list[Row]:
    """Rows of a whole printed document, pages in order."""
    placed: dict[int, tuple[Mark, Row]] = {}  # id of a drawn mark: the mark and the row it sits in
    pages_blocks = [_page_blocks(p, placed) for p in pages]
    drop = _furniture(pages_blocks, pages)
    rows: list[Row] = []
    last_table: _Block | None = None  # the table the previous page ended with
    ended_early = False
    for page, blocks in zip(pages, pages_blocks, strict=False):
        blocks = [b for b in blocks if id(b) not in drop]
        sizes = [w.size for w in page.words]
        body = statistics.median(sizes) if sizes else 10.0
        k = 0
        prev: _Block | None = None
        while k < len(blocks):
            b = blocks[k]
            continued = (
                prev is None and b.is_table and last_table is not None and _same_columns(last_table, b)
            )
            page_break = (
                prev is None and rows and not continued and (b.is_table or rows[-1].from_table or ended_early)
            )
            if page_break or (prev is not None and b.top - prev.bottom > 1.05 * body):
                # A blank line's height between two blocks, or a page break before or after a table (which
                # the document separates with an empty paragraph): an empty paragraph in a .docx.
                rows.append(Row(cells=[""], line=0, page=page.number))
            if b.is_table:
                table_rows = _continue_table(last_table, b, rows, placed) if continued else b.rows  # type: ignore[arg-type]
                rows += table_rows
                prev = b
                k += 1
                continue
            run = []
            while k < len(blocks) and not blocks[k].is_table:
                run.append(blocks[k])
                k += 1
            rows += _text_rows(run, page, page.wrap_spaces)
            prev = run[-1]
        last_table = blocks[-1] if blocks and blocks[-1].is_table else None
        # A page whose text stops well above its bottom margin (taken as wide as the top one) was broken
        # by hand, after empty paragraphs that leave no trace in print.
        ended_early = bool(blocks) and page.height - blocks[-1].bottom - blocks[0].top > 3 * 1.2 * body
    for n, row in enumerate(rows, start=1):
        row.line = n
    _link_branches(rows, placed)
    return rows


def _link_branches(rows: list[Row], placed: dict[int, tuple[Mark, Row]]) -> None:
    """Each drawn symbol's branches as (label, line of the row its connector reaches, or None: it ends)."""
    kept = {id(r) for r in rows}
    for mark, row in placed.values():
        if not mark.branches or id(row) not in kept:
            continue
        out: list[tuple[str, int | None]] = []
        for label, target in mark.branches:
            if target is None:
                out.append((label, None))
            elif id(target) in placed and id(placed[id(target)][1]) in kept:
                out.append((label, placed[id(target)][1].line))
        row.branches = (row.branches or []) + out


def _continue_table(
    prev: _Block, block: _Block, rows: list[Row], placed: dict[int, tuple[Mark, Row]]
) -> list[Row]:
    """A table at the top of a page that goes on with the one that ended the previous page.

    Its header rows repeated by the word processor are dropped (a .docx holds them once), and a first row
    without a step number that goes on with the previous page's last row is joined to it.
    """
    new = list(block.rows)
    k = 0
    while k < len(new) and k < len(prev.rows) and _row_key(new[k]) == _row_key(prev.rows[k]):
        k += 1
    new = new[k:]
    if (
        new
        and rows
        and rows[-1].from_table
        and not new[0].cells[0].strip()
        and any(c.strip() for c in new[0].cells)
    ):
        last = rows[-1]
        for c, text in enumerate(new[0].cells):
            if not text.strip() or c >= len(last.cells):
                continue
            last.cells[c] = f"{last.cells[c]} {text}".strip() if last.cells[c].strip() else text
        if new[0].symbols and last.symbols:
            last.symbols = [a or b for a, b in zip(last.symbols, new[0].symbols, strict=False)]
        if new[0].shapes:
            last.shapes = [
                a or b
                for a, b in zip(last.shapes or [None] * len(new[0].shapes), new[0].shapes, strict=False)
            ]
        for key, (mark, row) in list(placed.items()):
            if row is new[0]:
                placed[key] = (mark, last)
        new = new[1:]
    return new


def _same_columns(a: _Block, b: _Block) -> bool:
    assert a.grid is not None and b.grid is not None
    return len(a.grid.xs) == len(b.grid.xs) and all(
        abs(x - y) <= 3.0 for x, y in zip(a.grid.xs, b.grid.xs, strict=False)
    )


def _row_key(row: Row) -> tuple[str, ...]:
    return tuple(" ".join(c.split()) for c in row.cells)
