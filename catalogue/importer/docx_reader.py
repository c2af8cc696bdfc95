"""Reading a .docx: paragraphs and the real cells of its tables, in document order.

Extracted text guesses where a cell ends; a .docx says it. Each table row becomes one :class:`Row` whose
cells follow the table grid: a horizontally merged cell (``gridSpan``) is followed by empty cells for the
columns it covers, a vertically merged continuation (``vMerge``) is empty, so every row lines up with the
header. A cell's paragraphs are joined with ``\\n``. A row holding nested tables is read as a small document
of its own. Drawings (the flowchart symbols) are recorded per cell, with the text of their text boxes, so the
role column of a step can be read from where its symbol sits.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from .parsed import Row

W_P, W_TBL, W_TR, W_TC, W_SDT = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:sdt")
W_SDT_CONTENT = qn("w:sdtContent")
W_T, W_TAB, W_BR, W_CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
W_DEL, W_DRAWING, W_PICT, W_TXBX = qn("w:del"), qn("w:drawing"), qn("w:pict"), qn("w:txbxContent")
W_NUMPR = qn("w:numPr")
MC_ALTERNATE = "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"
_SKIP = {W_DEL, qn("w:instrText"), qn("w:delText"), qn("w:rPr"), qn("w:pPr")}
_SYMBOL = {W_DRAWING, W_PICT, MC_ALTERNATE, qn("w:object")}


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


class _Numbering:
    """Word's automatic list numbers, which are not in the text: the number each list paragraph shows.

    A list is a ``numId`` (with its own start, ``startOverride``) over an abstract definition giving each level's
    format (decimal, letters, bullet). Paragraphs of one ``numId`` count on across cells; a new ``numId`` (how
    Word restarts a list) starts again. The number is written before the text as a typed one would be, so a
    restarted list reads as a new list; bullets and formats we do not spell become "- ".
    """

    def __init__(self, document) -> None:
        self.formats: dict[tuple[str, str], tuple[str, int]] = {}  # (numId, ilvl) -> (numFmt, start)
        self.counters: dict[str, dict[str, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[str, tuple[str, int]]] = {}
        for ab in root.findall(qn("w:abstractNum")):
            levels = {}
            for lvl in ab.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                start = lvl.find(qn("w:start"))
                levels[lvl.get(qn("w:ilvl"), "0")] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    _int(start.get(qn("w:val")) if start is not None else None, 1),
                )
            abstract[ab.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val"), "") if ref is not None else "", {}))
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                ilvl = override.get(qn("w:ilvl"), "0")
                if start is not None and ilvl in levels:
                    levels[ilvl] = (levels[ilvl][0], _int(start.get(qn("w:val")), 1))
            for ilvl, value in levels.items():
                self.formats[(num.get(qn("w:numId"), ""), ilvl)] = value

    def marker(self, numpr: etree._Element) -> str:
        num = numpr.find(qn("w:numId"))
        lvl = numpr.find(qn("w:ilvl"))
        num_id = num.get(qn("w:val"), "") if num is not None else ""
        ilvl = lvl.get(qn("w:val"), "0") if lvl is not None else "0"
        if num_id in ("", "0"):
            return ""
        fmt, start = self.formats.get((num_id, ilvl), ("bullet", 1))
        counts = self.counters.setdefault(num_id, {})
        n = counts.get(ilvl, start - 1) + 1
        counts[ilvl] = n
        for deeper in [k for k in counts if k.isdigit() and ilvl.isdigit() and int(k) > int(ilvl)]:
            del counts[deeper]
        if fmt == "decimal" or fmt == "decimalZero":
            return f"{n}. "
        if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
            letter = _LETTERS[n - 1]
            return f"{letter if fmt == 'lowerLetter' else letter.upper()}. "
        return "- "


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class _Reader:
    def __init__(self, numbering: _Numbering | None = None) -> None:
        self.rows: list[Row] = []
        self.counter = 0
        self.numbering = numbering

    def _next(self) -> int:
        self.counter += 1
        return self.counter

    # ----------------------------------------------------------------------------------- text

    def paragraph(self, p: etree._Element) -> tuple[str, list[str]]:
        """(text of a paragraph, labels of the drawings in it)."""
        parts: list[str] = []
        drawings: list[str] = []
        self._walk(p, parts, drawings)
        text = "".join(parts)
        ppr = p.find(qn("w:pPr"))
        numpr = ppr.find(W_NUMPR) if ppr is not None else None
        if numpr is not None and text.strip():
            # Automatic list numbering is not text: write the number the reader sees (or "- ").
            mark = self.numbering.marker(numpr) if self.numbering is not None else "- "
            text = mark + text.lstrip()
        return text, drawings

    def _walk(self, el: etree._Element, parts: list[str], drawings: list[str]) -> None:
        for child in el:
            tag = child.tag
            if tag == W_T:
                parts.append(child.text or "")
            elif tag == W_TAB:
                parts.append("\t")
            elif tag in (W_BR, W_CR):
                if child.get(qn("w:type")) != "page":
                    parts.append("\n")
            elif tag in _SYMBOL:
                label = " ".join(
                    "".join(t.text or "" for t in box.iter(W_T)) for box in child.iter(W_TXBX)
                ).strip()
                if tag == MC_ALTERNATE:
                    # Choice and Fallback hold the same shape twice.
                    boxes = list(child.iter(W_TXBX))
                    label = "".join(t.text or "" for t in boxes[0].iter(W_T)).strip() if boxes else ""
                drawings.append(label)
            elif tag in _SKIP or not isinstance(tag, str):
                continue
            else:
                self._walk(child, parts, drawings)

    # ----------------------------------------------------------------------------------- blocks

    def blocks(self, container: etree._Element) -> None:
        for child in container:
            if child.tag == W_P:
                text, _ = self.paragraph(child)
                self.rows.append(Row(cells=text.split("\t"), line=self._next()))
            elif child.tag == W_TBL:
                self.table(child)
            elif child.tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                if content is not None:
                    self.blocks(content)

    def table(self, tbl: etree._Element) -> None:
        for tr in _direct(tbl, W_TR):
            cells = self._row_cells(tr)
            if any(c.find(W_TBL) is not None for c in cells):
                for tc in cells:
                    self.blocks(tc)
                continue
            texts: list[str] = []
            symbols: list[bool] = []
            trpr = tr.find(qn("w:trPr"))
            before = trpr.find(qn("w:gridBefore")) if trpr is not None else None
            if before is not None:
                n = int(before.get(qn("w:val"), "0"))
                texts += [""] * n
                symbols += [False] * n
            for tc in cells:
                # A drawn symbol's own label ("Mulai") is not cell text, but the drawing is evidence.
                text, drawn = self._cell(tc)
                span = _grid_span(tc)
                texts += [text] + [""] * (span - 1)
                symbols += [drawn] + [False] * (span - 1)
            self.rows.append(Row(cells=texts, line=self._next(), from_table=True, symbols=symbols))

    def _row_cells(self, tr: etree._Element) -> list[etree._Element]:
        return _direct(tr, W_TC)

    def _cell(self, tc: etree._Element) -> tuple[str, bool]:
        if _vmerge_continue(tc):
            return "", False
        lines: list[str] = []
        drawn = False
        for child in tc:
            if child.tag == W_P:
                text, drawings = self.paragraph(child)
                lines.append(text.replace("\t", " "))
                drawn = drawn or bool(drawings)
            elif child.tag == W_SDT:
                content = child.find(W_SDT_CONTENT)
                for p in content.iter(W_P) if content is not None else ():
                    lines.append(self.paragraph(p)[0].replace("\t", " "))
        while lines and not lines[-1].strip():
            lines.pop()
        while lines and not lines[0].strip():
            lines.pop(0)
        return "\n".join(lines), drawn


def _direct(parent: etree._Element, tag: str) -> list[etree._Element]:
    """Children with ``tag``, looking through content controls (``w:sdt``) but not into nested tables."""
    out = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag == W_SDT:
            content = child.find(W_SDT_CONTENT)
            if content is not None:
                out += _direct(content, tag)
    return out


def _grid_span(tc: etree._Element) -> int:
    tcpr = tc.find(qn("w:tcPr"))
    span = tcpr.find(qn("w:gridSpan")) if tcpr is not None else None
    try:
        return max(1, int(span.get(qn("w:val")))) if span is not None else 1
    except (TypeError, ValueError):
        return 1


def _vmerge_continue(tc: etree._Element) -> bool:
    tcpr = tc.find(qn("w:tcPr"))
    vmerge = tcpr.find(qn("w:vMerge")) if tcpr is not None else None
    return vmerge is not None and vmerge.get(qn("w:val"), "continue") == "continue"


def rows_from_docx(path: Path) -> list[Row]:
    """Rows of a .docx: the first page header (identity blocks often live there), then the body."""
    document = Document(str(path))
    reader = _Reader(_Numbering(document))
    sections = document.sections
    if sections:
        header = sections[0].header
        if not header.is_linked_to_previous:
            reader.blocks(header._element)
    reader.blocks(document.element.body)
    return reader.rows
