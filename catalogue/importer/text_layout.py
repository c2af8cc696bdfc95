"""From rows (lines of extracted text, or .docx paragraphs and table rows) to the parts of an SOP.

The analysis walks the rows once. A row is an identity line (``Label : Value``, ``Label<TAB>Value``,
``Label<TAB>:<TAB>Value``), a box heading (alone, or several side by side in one tab-separated row), box
content, or the procedure table: a header of one to three rows (role names under "Pelaksana"; Kelengkapan,
Waktu, Output under "Mutu Baku"), an optional row of column numbers, then steps. Extracted text breaks
multi-line cells over several physical lines; those are joined back here. Rows after the table (signature
block) are kept for the signer. Whatever cannot be placed is returned as a review item, never dropped
silently and never guessed.

A table's text export (the form the extracted text usually takes) writes a row's cells joined by tabs and a
cell's paragraphs on lines of their own, so a line may continue the previous line's last cell: the signature
under "Disahkan Oleh", a Keterangan's second branch, the right-hand box of two side by side after the tab
where the left one ends. A merged cell is written once (a header row's "Pelaksana" and "Mutu Baku" are
spread over the columns below them) or once per column it spans (read once). The kop above the identity
block is kept apart (:mod:`.letterhead`), and the boxes get a last check by their content (:mod:`.box_content`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from catalogue.rules.durations import parse_duration
from catalogue.source.files import BOXES

from . import headings
from .box_content import check_box_content
from .identity import PLACE_DATE as _PLACE_DATE
from .items import ItemGroup, ListLine, assemble, clean, split_cell_items
from .letterhead import read_letterhead
from .parsed import ParsedSop, ParsedStep, Row

BOX_ORDER = tuple(headings.BOX_TERMS)
BOX_LABELS = BOXES  # the official names of the six boxes, defined once with the format rules
_STEP_NO = re.compile(r"^\(?\d{1,3}(?:\.\d{1,2}|[a-z])?[.)]?$")
#: Words left in a role column by a symbol's text box, not names of a performer.
_SYMBOL_WORDS = {"mulai", "selesai", "start", "end", "ya", "tidak", "y", "t", "[]", "a", "b", "c", "d"}
_DURATION_HINT = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:menit|mnt|jam|hari|minggu|pekan|bulan|detik)\b", re.IGNORECASE
)
_LABEL_VALUE = re.compile(r"^(?P<label>[^:：]{1,48}?)\s*[:：]\s*(?P<value>.*)$")
_UNKNOWN_HEADING = re.compile(r"^[\s\-–•*]*(?P<label>[A-Z][^:]{1,40}?)\s*\**\s*:\s*\**\s*$")
_STANDARD_TITLE = re.compile(r"^\s*standar\s+operasional\s+prosedur\b", re.IGNORECASE)
_SOP_LINE = re.compile(r"^\s*\**\s*SOP\s*[/:]", re.IGNORECASE)
_PREVIEW = 100
_PAGE_FURNITURE = re.compile(
    r"^\s*(?:[(\[]?\s*(?:lanjutan|bersambung|sambungan)\s*[)\]]?|halaman\s+\d+(?:\s*(?:dari|/)\s*\d+)?|"
    r"hal(?:aman)?\.?\s*\d+\s*(?:(?:dari|/)\s*\d+)?|-\s*\d+\s*-)\s*$",
    re.IGNORECASE,
)
_NIP_TEXT = re.compile(r"\bNIP\b\.?\s*[:.]?\s*\d", re.IGNORECASE)


def rows_from_text(text: str) -> list[Row]:
    """One row per line, cells split at tabs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\ufeff", "")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", " ", text)  # form feeds between pages, stray controls
    return [Row(cells=line.split("\t"), line=n) for n, line in enumerate(text.split("\n"), start=1)]


def _is_no_label(text: str) -> bool:
    match = headings.match_column(text)
    return match is not None and match.key == "no" and match.exact


def looks_like_duration(text: str) -> bool:
    text = clean(text)
    return (
        bool(text) and (parse_duration(text).parsed or bool(_DURATION_HINT.search(text))) and len(text) < 40
    )


def step_number(text: str) -> str | None:
    text = clean(text)
    return text if _STEP_NO.match(text) else None


def _preview(text: str) -> str:
    text = clean(text.replace("\n", " "))
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


# --------------------------------------------------------------------------------------------- identity


@dataclass
class _Identity:
    key: str
    value: str
    cells_used: set[int]


def _label_key(text: str, exact_only: bool) -> str | None:
    key = headings.match_identity(text, exact_only=exact_only)
    return None if key == "nama_sop_prefix" and exact_only else key


def _identities(row: Row) -> tuple[list[_Identity], int | None]:
    """Identity fields of a row, left to right, and the column of the first label.

    Accepts ``Label : Value`` in one cell, ``Label<TAB>Value``, ``Label<TAB>:<TAB>Value`` and several pairs in
    one row. A label may follow a letterhead cell (an identity table beside the logo); such a label must be an
    exact one, so that content cells are never taken for labels.
    """
    filled = row.filled
    found: list[_Identity] = []
    first_col: int | None = None
    k = 0
    while k < len(filled):
        i, cell = filled[k]
        lead_line, _, rest = cell.partition("\n")
        exact_only = first_col is None and k > 0
        if first_col is None and k > 2:
            break
        m = _LABEL_VALUE.match(lead_line)
        key = _label_key(m.group("label"), exact_only) if m else None
        if key:
            value = m.group("value").strip() or rest.strip()  # type: ignore[union-attr]
            used = {i}
            if not value and key != "nama_sop_prefix":
                value, more, k = _following_value(filled, k + 1)
                used |= more
            else:
                k += 1
            if key == "nama_sop_prefix" and not value:
                continue
            found.append(_Identity(key, value, used))
            first_col = i if first_col is None else first_col
            continue
        key = _label_key(cell.replace("\n", " "), exact_only)
        if key and key != "nama_sop_prefix":
            value, more, k = _following_value(filled, k + 1)
            found.append(_Identity(key, value, {i} | more))
            first_col = i if first_col is None else first_col
            continue
        k += 1
    return found, first_col


def _following_value(filled: list[tuple[int, str]], k: int) -> tuple[str, set[int], int]:
    """The value cell after a label cell (skipping a lone ':'), and the index after it."""
    used: set[int] = set()
    while k < len(filled) and filled[k][1] in (":", "："):
        used.add(filled[k][0])
        k += 1
    if k < len(filled):
        i, cell = filled[k]
        label = cell.split("\n")[0]
        m = _LABEL_VALUE.match(label)
        if _label_key(label, False) or (m and _label_key(m.group("label"), False)):
            return "", used, k
        used.add(i)
        return cell.lstrip(":： ").strip(), used, k + 1
    return "", used, k


# ------------------------------------------------------------------------------------------ box sections


@dataclass
class _Section:
    key: str | None  # box key, or None for an unknown heading or a list without heading
    label: str
    column: int | None
    lines: list[ListLine] = field(default_factory=list)
    guessed_from: str | None = None  # "keterangan" or "headless": to be placed by box order
    pending_blank: bool = False
    line: int = 0

    def add(self, text: str, line: int) -> None:
        for part in text.split("\n"):
            if not part.strip():
                self.pending_blank = True
                continue
            self.lines.append(ListLine(part, self.pending_blank, line))
            self.pending_blank = False


@dataclass
class _Columns:
    no: int
    kegiatan: int
    kelengkapan: int | None
    waktu: int | None
    output: int | None
    keterangan: int | None
    zone: tuple[int, int]  # role columns [start, end)
    role_at: dict[int, str]
    width: int


class LayoutAnalysis:
    """Walks rows and builds :class:`ParsedSop` records."""

    def __init__(self, rows: list[Row]):
        self.rows = rows
        self.sops: list[ParsedSop] = []
        self.sop = ParsedSop()
        self.sections: list[_Section] = []  # open sections
        #: Text lines under side-by-side headings, with "a blank line before", placed when the block ends.
        self.grid_lines: list[tuple[Row, bool]] = []
        self.grid_in_table = False  # the open headings are cells of a real (.docx) table
        self.letterhead: list[str] = []  # lines of the kop above or beside the identity block
        self.done_sections: list[_Section] = []  # of the current SOP, in document order
        self.state = "preamble"  # preamble → body → table → tail
        self.unplaced: list[tuple[int, str]] = []
        self.columns: _Columns | None = None
        self.after_standard_title = False
        self.signer_name_hint: str | None = None
        # "Disahkan oleh :" with nothing after it: a "(Nama)" line may follow.
        self.signer_label_empty = False
        self.performer_text_column = False

    # ---------------------------------------------------------------------------------------- driver

    def run(self) -> list[ParsedSop]:
        i = 0
        blank = False
        while i < len(self.rows):
            row = self.rows[i]
            if row.is_blank:
                blank = True
                for s in self.sections:
                    s.pending_blank = True
                if self.state == "tail" and self.sop.tail:
                    self.sop.tail.append("")  # the space left for a signature separates jabatan and name
                i += 1
                continue
            if len(row.filled) == 1 and _PAGE_FURNITURE.match(row.filled[0][1]):
                i += 1  # "Halaman 2 dari 3", "(lanjutan)": the page, not the document
                continue
            if not row.from_table and len(row.cells) >= 2 and _is_no_label(row.cells[0]):
                self._join_broken(i, self._data_width(i + 1))
                row = self.rows[i]
            if self._is_table_header(row):
                self._close_sections(before_table=True)
                i = self._table(i)
                blank = False
                continue
            end = self._signature_lines(i)
            if end > i + 1:
                # The row goes on over these lines; a tab among them starts a repeat of a merged cell.
                text = "\n".join([row.text.rstrip("\t"), *(r.text for r in self.rows[i + 1 : end])])
                row = Row(_collapse_repeats(text.split("\t")), row.line, row.from_table, row.symbols)
            i = max(i + 1, end)
            self._row(row, blank)
            blank = False
        self._finish_sop()
        return [s for s in self.sops if s.steps or s.identity or s.boxes or s.title_candidates]

    def _signature_lines(self, i: int) -> int:
        """Where the signature under a "Disahkan Oleh" value ends, in extracted text (``i + 1``: none).

        The text export writes a cell's paragraphs on lines of their own, blank paragraphs included: the
        jabatan's second line, the space for the signature, the name, pangkat and NIP follow the label's line.
        They belong to the value when they run, one cell per line, up to a NIP line, or up to the next
        identity label, box heading or table (a signer without NIP).
        """
        row = self.rows[i]
        if row.from_table:
            return i + 1
        idents, _ = _identities(row)
        signer = next((x for x in idents if x.key == "disahkan_oleh"), None)
        if signer is None or max(k for k, c in row.filled) not in signer.cells_used:
            return i + 1
        # A merged value cell written once per column it spans (python-docx ``row.cells``): its paragraphs
        # run on, with a tab where one copy ends and the next begins, up to the next label.
        j = i + 1
        while j < len(self.rows) and j - i <= 40 and not self._closes_value(self.rows[j]):
            j += 1
        block = [r for r in self.rows[i + 1 : j] if not r.is_blank]
        if (
            j < len(self.rows)
            and any(len(r.filled) > 1 for r in block)
            and all(len(r.filled) <= 2 for r in block)
        ):
            texts = "\n".join(r.text for r in self.rows[i:j]).split("\t")
            if len(_collapse_repeats(texts)) < len(texts):
                return j
        nip_end = None
        j = i + 1
        while j < len(self.rows) and j - i <= 10:
            r = self.rows[j]
            if r.is_blank:
                j += 1
                continue
            if len(r.filled) != 1 or len(r.cells) > 2:
                break
            text = r.filled[0][1]
            if (
                _identities(r)[0]
                or self._headings(r)
                or _NIP_TEXT.search(text) is None
                and nip_end is not None
            ):
                break
            j += 1
            if _NIP_TEXT.search(text):
                nip_end = j
                break
        if nip_end is not None:
            return nip_end
        # No NIP (a Kepala Desa signs without one): only a block closed by the next label, box or table.
        closing = j < len(self.rows) and self._closes_value(self.rows[j])
        return j if closing and j > i + 1 else i + 1

    def _closes_value(self, row: Row) -> bool:
        """The next identity label, box heading or procedure table: where a value's paragraphs end."""
        return bool(_identities(row)[0]) or bool(self._headings(row)) or self._is_table_header(row)

    def _new_sop(self) -> None:
        self._finish_sop()
        self.sop = ParsedSop()
        self.done_sections = []
        self.state = "body"
        self.columns = None
        self.signer_name_hint = None
        self.performer_text_column = False

    # ------------------------------------------------------------------------------------- rows

    def _row(self, row: Row, blank_before: bool) -> None:
        idents, first_col = _identities(row)
        if idents and not row.from_table and len(_collapse_repeats(row.cells)) < len(row.cells):
            # "Nama SOP<TAB>Judul<TAB>Judul": a merged value cell written once per column it spans.
            row = Row(_collapse_repeats(row.cells), row.line, row.from_table, row.symbols)
            idents, first_col = _identities(row)
        after_empty_signer, self.signer_label_empty = self.signer_label_empty, False
        if any(x.key == "disahkan_oleh" and not x.value for x in idents) or (
            not idents and after_empty_signer
        ):
            self.signer_label_empty = True
        real = [x for x in idents if x.key != "_ignore"]
        if real:
            if (
                self.state == "tail"
                and self.sop.steps
                and any(x.key in ("nomor", "nama") and self.sop.identity.get(x.key) for x in real)
            ):
                self._new_sop()
            self._close_sections()
            for ident in real:
                self._set_identity(ident, row)
            if self.state in ("preamble", "tail") and not self.sop.steps:
                self.state = "body"
            used = set().union(*(x.cells_used for x in idents))
            # Cells left of the first label are the letterhead beside an identity table.
            self.letterhead += [
                line
                for i, c in row.filled
                if first_col is not None and i < first_col
                for line in c.split("\n")
            ]
            rest = [(i, c) for i, c in row.filled if i not in used and (first_col is None or i > first_col)]
            if rest:
                keep = {i for i, _ in rest}
                self._headings_or_content(
                    Row(
                        [c if i in keep else "" for i, c in enumerate(row.cells)],
                        row.line,
                        row.from_table,
                        row.symbols,
                    ),
                    blank_before,
                    allow_content=False,
                )
            return
        if idents:
            self.letterhead.append(row.text)  # "Alamat : …", "Telp. …": the agency's, kept apart
            return
        if self.state == "tail":
            heads = [h for h in self._headings(row) if h[1] in BOX_ORDER]
            done = {s.key for s in self.done_sections + self.sections}
            if heads and any(h[1] in done for h in heads):
                self._new_sop()
            elif heads:
                self.state = "body"  # boxes printed after the table
            else:
                self.sop.tail.append(clean(" ".join(c for _, c in row.filled)))
                return
        self._headings_or_content(row, blank_before, allow_content=True)

    def _headings_or_content(self, row: Row, blank_before: bool, allow_content: bool) -> None:
        heads = self._headings(row)
        if heads:
            self._open_sections(row, heads)
            return
        text = clean(" ".join(c for _, c in row.filled))
        if self.state == "preamble":
            self.letterhead += [line for _, c in row.filled for line in c.split("\n")]
            self._preamble_line(text)
            return
        if not allow_content:
            self.unplaced.append((row.line, text))
            return
        if self.sections:
            self._content(row)
            return
        if self.signer_label_empty and re.match(r"^\(.+\)$", text):
            self.signer_name_hint = text.strip("() ")
            return
        if _SOP_LINE.match(text) and len(text.split()) <= 16:
            self.sop.title_candidates.append(text)
            return
        self.unplaced.append((row.line, text))

    def _preamble_line(self, text: str) -> None:
        if self.after_standard_title and len(text.split()) <= 16:
            self.sop.title_candidates.append(text)
        self.after_standard_title = bool(_STANDARD_TITLE.match(text))
        if _SOP_LINE.match(text) and len(text.split()) <= 16:
            self.sop.title_candidates.append(text)

    def _set_identity(self, ident: _Identity, row: Row) -> None:
        key, value = ident.key, ident.value
        if key != "disahkan_oleh":
            value = clean(value.replace("\n", " "))
        if key == "nama_sop_prefix":
            self.sop.title_candidates.append(value)
            return
        old = self.sop.identity.get(key)
        if old and value and old != value:
            self.sop.review(
                (key,), f"dokumen menulis dua nilai untuk {key}: '{old}' dan '{value}'; yang pertama dipakai."
            )
            return
        if old:
            return
        self.sop.identity[key] = value

    # ------------------------------------------------------------------------------------- headings

    def _headings(self, row: Row) -> list[tuple[int, str | None, str, str]]:
        """(column, box key or None, heading text, inline content) for each heading cell of the row."""
        filled = row.filled
        if len(filled) == 1 and "\t" not in row.text.strip():
            # Two headings on one line without a tab (OCR): "Dasar Hukum: Kualifikasi Pelaksana:"
            parts = [p.strip() for p in filled[0][1].split(":") if p.strip()]
            matches = [headings.match_box(p) for p in parts]
            if len(parts) >= 2 and all(matches):
                return [(-1, None, " / ".join(parts), "")]
        found: list[tuple[int, str | None, str, str]] = []
        confident = False
        candidates = []
        for i, cell in filled:
            first, _, rest = cell.partition("\n")
            label, inline = first, ""
            m = _LABEL_VALUE.match(first)
            match = headings.match_box(first)
            if match is None and m:
                match = headings.match_box(m.group("label"))
                if match:
                    label, inline = m.group("label"), m.group("value")
            content = "\n".join(x for x in (inline, rest) if x.strip())
            candidates.append((i, first, label, content, match))
            if match and (match.exact or match.score >= headings.STANDALONE_THRESHOLD):
                confident = True
        in_grid = confident and len(filled) >= 2
        for i, first, label, content, match in candidates:
            if match is None and in_grid:
                m = _LABEL_VALUE.match(first)
                label = m.group("label") if m else first
                if headings.is_keterangan(label):
                    found.append((i, None, label, content))
                    continue
                match = headings.match_box(label, in_grid=True)
            if match:
                found.append((i, match.key, label, content))
        if not found and len(filled) == 1 and "\t" not in row.text.strip():
            text = filled[0][1]
            if headings.is_keterangan(text) and self.state == "body" and not self.sop.steps:
                return [(filled[0][0], None, text, "")]
            m = _UNKNOWN_HEADING.match(text)
            if m and self.state == "body" and len(m.group("label").split()) <= 5:
                return [(filled[0][0], "?", m.group("label").strip(), "")]
        if found and len(found) == 1 and len(filled) > 1 and not in_grid:
            return []  # a heading word inside a content row
        return found

    def _open_sections(self, row: Row, heads: list[tuple[int, str | None, str, str]]) -> None:
        if self.state == "preamble":
            self.state = "body"
        head_columns = {h[0] for h in heads}
        first_head = min(head_columns)
        leading = [(i, c) for i, c in row.filled if 0 <= i < first_head]
        if leading and self.sections and not row.from_table:
            # A text export writes a cell's last paragraph and the next cell (a box whose label sits in its
            # cell: "Kualifikasi Pelaksana:") on one line: what precedes the heading ends the open box.
            if len(self.sections) > 1 and self.sections[0].column is not None and not self.grid_in_table:
                self.grid_lines.append((Row(row.cells[:first_head], row.line), False))
            else:
                for _, c in leading:
                    self.sections[-1].add(c, row.line)
            head_columns |= {i for i, _ in leading}
        self._close_sections()
        grid = len(heads) > 1
        self.grid_in_table = row.from_table
        if len(heads) == 1 and heads[0][0] >= 0:
            # "DASAR HUKUM<TAB>:<TAB>1. …": the cells after a lone heading are its content.
            column, key, label, content = heads[0]
            after = [c for i, c in row.filled if i > column and c not in (":", "：")]
            heads = [(column, key, label, "\n".join(x for x in [content, *after] if x))]
            head_columns |= {i for i, _ in row.filled if i > column}
        for i, c in row.filled:
            if -1 not in head_columns and i not in head_columns and not _identities(Row([c], row.line))[0]:
                self.unplaced.append((row.line, c))
        for column, key, label, content in heads:
            if column == -1:
                self.sections.append(_Section(None, label, None, line=row.line, guessed_from="ocr-pair"))
                continue
            if key == "?":
                section = _Section(None, label, None, line=row.line, guessed_from="unknown")
            elif key is None:
                section = _Section(
                    None, label, column if grid else None, line=row.line, guessed_from="keterangan"
                )
            else:
                section = _Section(key, label, column if grid else None, line=row.line)
            if content:
                section.add(content, row.line)
            self.sections.append(section)

    def _content(self, row: Row) -> None:
        sections = self.sections
        if len(sections) == 1 or sections[0].column is None:
            if sections[0].guessed_from == "ocr-pair":
                sections[0].add(clean(" ".join(c for _, c in row.filled)), row.line)
                return
            if row.from_table and len(row.filled) > 1:
                for _, c in row.filled:
                    sections[0].add(c, row.line)
                return
            sections[0].add(clean(" ".join(c for _, c in row.filled)), row.line)
            return
        if not row.from_table and not self.grid_in_table:
            # Extracted text of boxes side by side: where each line belongs is decided once the block ends.
            pending = any(s.pending_blank for s in sections)
            for s in sections:
                s.pending_blank = False
            self.grid_lines.append((row, pending))
            return
        self._grid_row(row)

    def _grid_row(self, row: Row) -> None:
        """A row of side-by-side boxes whose cells sit under the headings' columns."""
        sections = self.sections
        columns = [s.column for s in sections]
        filled = row.filled
        indices = [i for i, _ in filled]
        if set(indices) <= set(columns):
            for i, c in filled:
                sections[columns.index(i)].add(c, row.line)
        elif len(filled) <= len(sections):
            for (_, c), s in zip(filled, sections, strict=False):
                s.add(c, row.line)
        else:
            for i, c in filled:
                target = next((s for s in sections if s.column == i), None)
                if target is None:
                    self.unplaced.append((row.line, c))
                else:
                    target.add(c, row.line)

    def _close_sections(self, before_table: bool = False) -> None:
        if not self.sections:
            return
        if self.grid_lines:
            self._place_grid_lines()
        if before_table and self.sections[-1].column is None:
            self._drop_table_caption(self.sections[-1])
        self.done_sections += self.sections
        self.sections = []

    def _place_grid_lines(self) -> None:
        """Share the text lines under side-by-side headings between their boxes.

        Two text layouts exist. A layout-preserving extraction (PDF) writes one line per printed line, each
        with a tab between the columns: every line is split by position. A table's text export writes each
        row's cells one after the other, a cell's paragraphs on lines of their own: the tab sits only where
        one cell ends and the next begins, so the lines after it belong to the next box. Where neither reading
        fits (several tabs in a row of single lines), or there is no tab at all, restarted numbering shares
        the lines out; what stays uncertain is flagged on the boxes concerned.
        """
        lines, self.grid_lines = self.grid_lines, []
        sections = self.sections
        tabbed = [r for r, _ in lines if len(r.cells) >= 2]
        single = [r for r, _ in lines if len(r.cells) < 2]
        if tabbed and not single:
            for row, blank in lines:
                self._mark_blank(blank)
                self._grid_row(row)
            return
        columns = [s.column for s in sections]
        if not tabbed:
            self._place_by_numbering(lines)
            return
        tabs = sum(len(r.cells) - 1 for r in tabbed)
        cursor = 0
        for row, blank in lines:
            for k, cell in enumerate(row.cells):
                if k > 0:
                    cursor += 1
                if cursor >= len(sections):
                    if cell.strip():
                        self.unplaced.append((row.line, clean(cell)))
                    continue
                if cell.strip():
                    target = sections[cursor]
                    target.pending_blank = target.pending_blank or (blank and k == 0)
                    target.add(cell, row.line)
        if tabs != len(sections) - 1 or columns != sorted(columns):
            for s in sections:
                self.sop.review(
                    (s.key,) if s.key else (),
                    f"kotak '{s.label}' tercetak berdampingan dengan kotak "
                    "lain dan batas selnya pada teks tidak jelas; pastikan setiap butir berada di "
                    "kotak yang benar.",
                )

    def _mark_blank(self, blank: bool) -> None:
        if blank:
            for s in self.sections:
                s.pending_blank = True

    def _place_by_numbering(self, lines: list[tuple[Row, bool]]) -> None:
        """Side-by-side boxes whose text lost the cell boundary: a list numbered again from 1 is the next box."""
        sections = self.sections
        from .items import marker

        parts: list[list[tuple[Row, bool]]] = [[]]
        last = None
        for row, blank in lines:
            found = marker(row.cells[0])
            number = found[0] if found else None
            if number == 1 and last is not None and last >= 1 and len(parts) < len(sections):
                parts.append([])
            if number is not None:
                last = number
            parts[-1].append((row, blank))
        if len(parts) == len(sections) and len(parts) > 1:
            for part, section in zip(parts, sections, strict=False):
                for row, blank in part:
                    section.pending_blank = section.pending_blank or blank
                    section.add(row.cells[0], row.line)
                if section.key:
                    self.sop.review(
                        (section.key,),
                        f"kotak '{section.label}' tercetak berdampingan dengan kotak "
                        "lain tanpa batas sel pada teks; butirnya dipisah menurut penomoran yang "
                        "dimulai ulang. Pastikan.",
                    )
            return
        first = sections[0]
        for row, blank in lines:
            first.pending_blank = first.pending_blank or blank
            first.add(row.cells[0], row.line)
        for s in sections:
            self.sop.review(
                (s.key,) if s.key else (),
                f"kotak '{s.label}' tercetak berdampingan dengan kotak lain "
                "tanpa batas sel pada teks; semua butir dimasukkan ke kotak pertama. Pisahkan menurut "
                "dokumen asli.",
            )

    def _drop_table_caption(self, section: _Section) -> None:
        """A last line before the table that reads as a caption, not as an item of the box."""
        if len(section.lines) < 2 or not section.lines[-1].blank_before:
            return
        last = section.lines[-1].text.strip()
        others = section.lines[:-1]
        from .items import marker

        others_marked = any(marker(x.text) for x in others)
        is_caption = (others_marked and not marker(last)) or (
            last.isupper() and not any(x.text.strip().isupper() for x in others)
        )
        if is_caption:
            self.unplaced.append((section.lines.pop().line, last))

    # ---------------------------------------------------------------------------------- the table

    def _is_table_header(self, row: Row) -> bool:
        filled = row.filled
        if len(filled) < 3:
            return False
        kinds = set()
        for _, c in filled:
            m = headings.match_column(c.replace("\n", " "))
            if m:
                kinds.add(m.key)
        if "no" in kinds and "kegiatan" in kinds:
            return True
        return len(kinds) >= 3 and bool(kinds & {"kelengkapan", "waktu", "output"}) and "kegiatan" in kinds

    def _data_width(self, start: int) -> int | None:
        """The usual cell count of the step rows ahead: what a complete table row looks like."""
        counts = Counter(
            len(r.cells)
            for r in self.rows[start : start + 80]
            if not r.from_table and len(r.cells) >= 3 and self._is_data_row(r)
        )
        return counts.most_common(1)[0][0] if counts else None

    def _rows_whole_at(self, start: int, width: int) -> bool:
        """Do step rows of ``width`` cells already reach the Mutu Baku (a Waktu cell)? Then they are whole."""
        rows = [
            r
            for r in self.rows[start : start + 80]
            if not r.from_table and len(r.cells) == width and self._is_data_row(r)
        ]
        timed = [r for r in rows if any(looks_like_duration(c) for c in r.cells[2:])]
        return bool(rows) and len(timed) >= 0.6 * len(rows)

    def _join_broken(self, i: int, width: int | None) -> None:
        """Join a header line with the next ones when a newline inside a cell broke it (extracted text)."""
        row = self.rows[i]
        if width is None or row.from_table or len(row.cells) >= width:
            return
        cells = list(row.cells)
        j = i + 1
        while len(cells) < width and j < len(self.rows) and j - i <= 4:
            nxt = self.rows[j]
            if nxt.is_blank or nxt.from_table or self._is_data_row(nxt) or self._is_column_numbers(nxt):
                break
            if len(cells) + len(nxt.cells) - 1 > width:
                break
            cells[-1] = cells[-1] + "\n" + nxt.cells[0]
            cells += nxt.cells[1:]
            j += 1
        if j > i + 1 and len(cells) == width:
            self.rows[i:j] = [Row(cells, row.line)]

    def _table(self, start: int) -> int:
        header = [self.rows[start]]
        width = self._data_width(start + 1)
        j = start + 1
        while j < len(self.rows) and len(header) < 3:
            self._join_broken(j, width)
            r = self.rows[j]
            if r.is_blank:
                j += 1
                continue
            if not self._is_header_row(r):
                break
            header.append(r)
            j += 1
        columns = self._columns(header)
        if self.columns is None:
            self.columns = columns
            roles = [columns.role_at[c] for c in sorted(columns.role_at)]
            self.sop.roles = list(dict.fromkeys(roles))
            for twice in sorted({r for r in roles if roles.count(r) > 1}):
                self.sop.review(
                    ("pelaksana",),
                    f"kolom peran '{twice}' tercetak lebih dari sekali; dicatat sekali. "
                    "Bila perannya berbeda, bedakan namanya.",
                )
            if not self.sop.roles:
                self.sop.review(("pelaksana",), "kolom peran (pelaksana) tidak ditemukan pada kepala tabel.")
        else:
            repeated_roles = [columns.role_at[c] for c in sorted(columns.role_at)]
            if repeated_roles and repeated_roles != self.sop.roles and not self.performer_text_column:
                self.sop.review(
                    ("pelaksana",),
                    "kepala tabel yang diulang di halaman berikut menulis peran "
                    f"berbeda: {', '.join(repeated_roles)}; yang pertama dipakai.",
                )
        self.state = "table"
        collected: list[tuple[list[str], list[bool] | None, int]] = []
        complete = max(len(r.cells) for r in header)
        if width is not None and width < complete and self._rows_whole_at(j, width):
            # Extraction dropped the empty cells at the end of every row: a row is whole at the usual count.
            complete = width
        j = self._table_body(j, complete, collected)
        self._build_steps(collected)
        self.state = "tail"
        return j

    def _is_header_row(self, row: Row) -> bool:
        """A second or third header row: role names or Mutu Baku labels, no step text and no duration."""
        if self._is_column_numbers(row) or self._is_data_row(row) or not row.filled or len(row.cells) < 3:
            return False
        if any(looks_like_duration(c) for _, c in row.filled):
            return False
        for i in (0, 1):
            cell = clean(row.cells[i].replace("\n", " ")) if i < len(row.cells) else ""
            if cell and not headings.match_column(cell):
                return False
        return True

    def _is_column_numbers(self, row: Row) -> bool:
        filled = row.filled
        if len(filled) < 3:
            return False
        hits = sum(1 for i, c in filled if c == str(i + 1) or c == f"({i + 1})")
        return hits >= 3 and hits >= 0.6 * len(filled)

    def _is_data_row(self, row: Row) -> bool:
        return bool(row.cells) and step_number(row.cells[0]) is not None and len(row.filled) >= 2

    def _columns(self, header: list[Row]) -> _Columns:
        header = expand_merged_header(header)
        width = max(len(r.cells) for r in header)
        labels: list[list[tuple[int, str]]] = [[] for _ in range(width)]
        for depth, r in enumerate(header):
            for i, c in enumerate(r.cells):
                c = clean(c.replace("\n", " "))
                if c:
                    labels[i].append((depth, c))
        kinds: list[str | None] = []
        for col in labels:
            kind = None
            for depth, text in col:
                m = headings.match_column(text)
                if m is None:
                    continue
                if m.key in ("pelaksana", "mutu_baku") and (depth == 0 and len(header) > 1 or kind):
                    kind = kind or m.key
                    continue
                if m.key not in ("pelaksana", "mutu_baku") or kind is None:
                    kind = m.key
            kinds.append(kind)

        def first(kind: str) -> int | None:
            return kinds.index(kind) if kind in kinds else None

        no = first("no")
        no = 0 if no is None else no
        kegiatan = first("kegiatan")
        kegiatan = no + 1 if kegiatan is None else kegiatan
        kel, waktu, out, ket = first("kelengkapan"), first("waktu"), first("output"), None
        waktu, out = unread_mutu_baku(kinds, [bool(col) for col in labels], kel, waktu, out)
        ket_cols = [i for i, k in enumerate(kinds) if k == "keterangan" and i > kegiatan]
        ket = ket_cols[-1] if ket_cols else None
        ends = [c for c in (kel, waktu, out) if c is not None and c > kegiatan]
        mutu = [i for i, k in enumerate(kinds) if k == "mutu_baku" and i > kegiatan]
        if not ends and mutu:
            ends = mutu
        zone_end = min(ends) if ends else (ket if ket is not None else width)
        role_at: dict[int, str] = {}
        for col in range(kegiatan + 1, zone_end):
            name = None
            for depth, text in reversed(labels[col]):
                m = headings.match_column(text)
                if m and m.key in ("pelaksana", "mutu_baku") and depth == 0 and len(header) > 1:
                    continue
                if m and m.key not in ("pelaksana", "mutu_baku"):
                    continue
                name = headings.strip_group_words(text)
                break
            if name:
                role_at[col] = name
        return _Columns(no, kegiatan, kel, waktu, out, ket, (kegiatan + 1, zone_end), role_at, width)

    def _table_body(self, j: int, width: int, collected: list) -> int:
        current: list[str] | None = None
        symbols: list[bool] | None = None
        line = 0
        pending_blank = False
        numbered = False
        rows = self.rows

        def finish() -> None:
            nonlocal current, symbols
            if current is not None:
                collected.append((current, symbols, line))
            current, symbols = None, None

        while j < len(rows):
            r = rows[j]
            if r.is_blank:
                pending_blank = True
                j += 1
                continue
            if self._is_table_header(r):
                finish()
                j = self._skip_repeated_header(j)
                pending_blank = False
                continue
            if self._is_column_numbers(r):
                finish()
                j += 1
                continue
            if len(r.filled) == 1 and _PAGE_FURNITURE.match(r.filled[0][1]):
                j += 1
                continue
            starts = self._is_data_row(r)
            numbered = numbered or starts
            if r.from_table:
                keg = self.columns.kegiatan if self.columns else 1
                # A real table row is a step of its own when the table numbers none of its steps.
                unnumbered_step = (
                    not numbered and keg < len(r.cells) and r.cells[keg].strip() and not r.cells[0].strip()
                )
                if starts or unnumbered_step:
                    finish()
                    current, symbols, line = list(r.cells), list(r.symbols or []), r.line
                elif current is not None:
                    _merge_columns(current, r.cells, "\n")
                    symbols = _merge_symbols(symbols, r.symbols)
                j += 1
                pending_blank = False
                if j < len(rows) and not rows[j].from_table:
                    break
                continue
            if current is None:
                if starts:
                    current, symbols, line = list(r.cells), None, r.line
                elif len(r.cells) < 2:
                    break
                j += 1
                pending_blank = False
                continue
            complete = len(current) >= width
            if starts:
                finish()
                current, line = list(r.cells), r.line
            elif not complete:
                if pending_blank and len(r.cells) == 1:
                    break
                # A newline inside a cell: the line goes on with the same cell.
                current[-1] = current[-1] + "\n" + r.cells[0]
                current.extend(r.cells[1:])
            elif len(r.cells) >= 2 and not r.cells[0].strip():
                # A layout-preserving extraction wraps every cell onto continuation rows.
                _merge_columns(current, r.cells, " ")
            elif (
                len(r.cells) == 1
                and not pending_blank
                and current
                and current[-1].strip()
                and len(current) <= width
                and not _PLACE_DATE.match(clean(r.cells[0]))
            ):
                # The row's last cell holds several paragraphs: the text export writes them on lines of their
                # own after the row (a Keterangan "Ya: …" then "Tidak: …").
                current[-1] = current[-1] + "\n" + r.cells[0]
            else:
                break
            pending_blank = False
            j += 1
        finish()
        return j

    def _skip_repeated_header(self, j: int) -> int:
        header = [self.rows[j]]
        j += 1
        while j < len(self.rows):
            r = self.rows[j]
            if r.is_blank:
                j += 1
                continue
            if self._is_column_numbers(r):
                j += 1
                continue
            if len(header) >= 3 or not self._is_header_row(r):
                break
            header.append(r)
            j += 1
        columns = self._columns(header)
        roles = [columns.role_at[c] for c in sorted(columns.role_at)]
        if roles and roles != self.sop.roles and not self.performer_text_column:
            self.sop.review(
                ("pelaksana",),
                "kepala tabel yang diulang menulis kolom peran berbeda ("
                + ", ".join(roles)
                + "); kolom peran dari kepala tabel pertama "
                "dipakai.",
            )
        return j

    def _shift(self, cells: list[str]) -> int:
        """How far this row's Mutu Baku columns sit from the header's, found from the Waktu cell."""
        cols = self.columns
        assert cols is not None
        if cols.waktu is None:
            return 0
        here = cells[cols.waktu] if cols.waktu < len(cells) else ""
        if looks_like_duration(here):
            return 0
        found = [c for c in range(cols.kegiatan + 1, len(cells)) if looks_like_duration(cells[c])]
        if not found:
            return 0
        best = min(found, key=lambda c: abs(c - cols.waktu))  # type: ignore[operator]
        return best - cols.waktu if abs(best - cols.waktu) <= 2 else 0

    def _build_steps(self, collected: list[tuple[list[str], list[bool] | None, int]]) -> None:
        cols = self.columns
        assert cols is not None
        shifts = [self._shift(cells) for cells, _, _ in collected]
        common = max(set(shifts), key=shifts.count) if shifts else 0
        if common < 0:
            # The data rows have fewer role columns than the header names: the header is misaligned.
            dropped = [cols.role_at[c] for c in sorted(cols.role_at) if c >= cols.zone[1] + common]
            if dropped:
                self.sop.roles = [r for r in self.sop.roles if r not in dropped]
                self.sop.review(
                    ("pelaksana",),
                    "kepala tabel menulis '" + "', '".join(dropped) + "' di atas "
                    "kolom yang pada baris langkah berisi mutu baku; tidak dijadikan kolom peran.",
                )
        odd = [str(n + 1) for n, sh in enumerate(shifts) if sh != common]
        if odd:
            self.sop.review(
                ("langkah",),
                "kolom mutu baku pada langkah ke-" + ", ".join(odd) + " tidak sejajar "
                "dengan langkah lain; kelengkapan, waktu dan output dibaca dari letak kolom waktu.",
            )
        by_name = self._performer_column(collected, shifts, common)
        trusted_drawings = self._drawings_trusted(collected)
        for (cells, symbols, line), shift in zip(collected, shifts, strict=False):
            self._add_step(cells, symbols if trusted_drawings else None, line, shift, common, by_name)

    def _performer_column(self, collected: list, shifts: list[int], common: int) -> bool:
        """One "Pelaksana" column holding each step's role as text (a common simplified layout)."""
        cols = self.columns
        assert cols is not None
        start, end = cols.zone[0], cols.zone[1] + common
        if end - start != 1 or not collected:
            return False
        texts = [
            clean(cells[start].replace("\n", " ")) if start < len(cells) else "" for cells, _, _ in collected
        ]
        names = [
            t
            for t in texts
            if len(t) >= 3 and t.lower() not in _SYMBOL_WORDS and re.search(r"[A-Za-z]{3}", t)
        ]
        if len(names) < max(1, len(collected) // 2):
            return False
        roles: list[str] = list(self.sop.roles) if self.performer_text_column else []
        for t in names:
            if t not in roles:
                roles.append(t)
        self.sop.roles = roles
        self.performer_text_column = True
        return True

    @staticmethod
    def _drawings_trusted(collected: list) -> bool:
        """Drawings mark performers only if most steps have one: a single canvas anchored once says nothing."""
        with_drawing = sum(1 for _, symbols, _ in collected if symbols and any(symbols))
        return with_drawing >= max(2, (len(collected) + 1) // 2)

    def _add_step(
        self,
        cells: list[str],
        symbols: list[bool] | None,
        line: int,
        shift: int,
        common: int,
        by_name: bool = False,
    ) -> None:
        cols = self.columns
        assert cols is not None

        def get(c: int | None) -> str:
            return cells[c] if c is not None and 0 <= c < len(cells) else ""

        def at(c: int | None) -> int | None:
            return None if c is None else c + shift

        index = len(self.sop.steps)
        no = clean(get(cols.no))
        kegiatan = clean(get(cols.kegiatan).replace("\n", " "))
        step = ParsedStep(no=no or str(index + 1), kegiatan=kegiatan, line=line)
        if not no:
            self.sop.review(
                ("langkah", index, "no"), f"nomor langkah tidak tertulis; diberi nomor {index + 1}."
            )
        step.kelengkapan = split_cell_items(get(at(cols.kelengkapan)))
        step.waktu = clean(get(at(cols.waktu)).replace("\n", " ")) or None
        step.output = clean(get(at(cols.output)).replace("\n", " ")) or None
        if cols.keterangan is not None:
            raw = get(at(cols.keterangan))
            step.keterangan = clean(raw.replace("\n", " ")) or None
            step.keterangan_lines = [clean(x) for x in raw.split("\n") if clean(x)]
        used = {
            cols.no,
            cols.kegiatan,
            at(cols.kelengkapan),
            at(cols.waktu),
            at(cols.output),
            at(cols.keterangan),
        }
        zone = range(cols.zone[0], cols.zone[1] + shift)
        marks = []
        for c in zone:
            text = clean(get(c))
            drawn = bool(symbols and c < len(symbols) and symbols[c])
            if text or drawn:
                marks.append((c, text))
            used.add(c)
        if by_name:
            name = clean(get(cols.zone[0]).replace("\n", " "))
            if name in self.sop.roles:
                step.pelaksana, step.pelaksana_status = name, "tertulis"
        elif len(marks) == 1 and shift == common:
            c, text = marks[0]
            role = cols.role_at.get(c)
            if role in self.sop.roles:
                step.symbol_role, step.symbol_text = role, text or None
        elif len(marks) > 1:
            found = ", ".join(f"'{t}'" if t else "simbol" for _, t in marks)
            self.sop.review(
                ("langkah", index, "pelaksana"),
                f"tanda di beberapa kolom peran ({found}); tentukan pelaksana.",
            )
        leftovers = [clean(get(c)) for c in range(len(cells)) if c not in used and clean(get(c))]
        if leftovers:
            extra = "; ".join(_preview(x) for x in leftovers)
            self.sop.review(("langkah", index), f"isi sel di luar kolom yang dikenal tidak diimpor: {extra}")
        self.sop.steps.append(step)

    # ---------------------------------------------------------------------------------- finishing

    def _finish_sop(self) -> None:
        self._close_sections()
        sop = self.sop
        self._place_sections(sop)
        check_box_content(sop)
        for line, text in self.unplaced:
            if not text or _same_title(text, sop):
                continue
            sop.review((), f"baris {line} tidak dikenali dan tidak diimpor: '{_preview(text)}'")
        self.unplaced = []
        if self.signer_name_hint and not sop.signer.nama:
            sop.signer.nama = self.signer_name_hint
        kop = read_letterhead(self.letterhead)
        self.letterhead = []
        sop.unit = sop.unit or kop.unit
        sop.alamat = sop.alamat or kop.alamat
        self.sops.append(sop)

    def _place_sections(self, sop: ParsedSop) -> None:
        """Fill the boxes; place lists without a heading by the fixed order of the box grid."""
        placed: list[tuple[_Section, str | None, list[str]]] = []
        for section in self.done_sections:
            if section.guessed_from == "ocr-pair":
                for part in section.label.split(" / "):
                    match = headings.match_box(part)
                    if match:
                        sop.unreadable_boxes.add(match.key)
                if section.lines:
                    raw = " / ".join(_preview(x.text) for x in section.lines[:6])
                    sop.review(
                        (),
                        f"kotak '{section.label}' tercetak berdampingan tanpa batas kolom yang "
                        f"terbaca; isinya tidak diimpor: {raw}",
                    )
                else:
                    sop.review(
                        (),
                        f"kotak '{section.label}' tercetak berdampingan tanpa batas kolom yang "
                        "terbaca; isinya tidak diimpor.",
                    )
                continue
            if section.guessed_from == "unknown":
                body = " ".join(x.text.strip() for x in section.lines)
                sop.review(
                    (),
                    f"bagian '{section.label}' bukan kotak format SOP AP; isinya tidak diimpor"
                    + (f": '{_preview(body)}'" if body else "."),
                )
                continue
            groups = assemble(section.lines)
            groups = [g for g in groups if g.items]
            if section.key is None:
                placed.append((section, None, _items(groups)))
                continue
            placed.append((section, section.key, _items(groups[:1])))
            for extra in groups[1:]:
                ghost = _Section(None, section.label, None, line=extra.line, guessed_from="headless")
                placed.append((ghost, None, extra.items))
        seen = {key for _, key, _ in placed if key}
        for n, (section, key, items) in enumerate(placed):
            if key is not None:
                continue
            before = next((k for _, k, _ in reversed(placed[:n]) if k), None)
            after = next((k for _, k, _ in placed[n + 1 :] if k), None)
            lo = BOX_ORDER.index(before) if before else -1
            hi = BOX_ORDER.index(after) if after else len(BOX_ORDER)
            missing = [k for k in BOX_ORDER[lo + 1 : hi] if k not in seen]
            if before is not None and after is not None and len(missing) == 1:
                target = missing[0]
                seen.add(target)
                placed[n] = (section, target, items)
                why = (
                    f"judul '{section.label}'"
                    if section.guessed_from == "keterangan"
                    else "daftar tanpa judul"
                )
                sop.review(
                    (target,),
                    f"{why} ditempatkan sebagai kotak {BOX_LABELS[target]} menurut urutan "
                    "kotak pada formulir; pastikan.",
                )
            elif section.guessed_from == "headless" and before is not None:
                placed[n] = (section, before, items)
                sop.review(
                    (before,),
                    "penomoran kotak ini dimulai ulang setelah baris kosong; butir-butirnya "
                    "digabung ke kotak yang sama. Pastikan.",
                )
            else:
                preview = "; ".join(_preview(x) for x in items[:4])
                sop.review(
                    (),
                    f"daftar di bawah judul '{section.label}' tidak dapat ditempatkan ke kotak mana pun; "
                    f"tidak diimpor: {preview}",
                )
                placed[n] = (section, "", items)
        for section, key, items in placed:
            if not key:
                continue
            if key in sop.boxes:
                if not headings.is_continued(section.label):
                    sop.review((key,), f"kotak {BOX_LABELS[key]} muncul lebih dari sekali; isinya digabung.")
                sop.boxes[key] += items
            else:
                sop.boxes[key] = list(items)
        # A caption equal to the title (printed just above the table) is not an item.
        for items in sop.boxes.values():
            if items and _same_title(items[-1], sop):
                items.pop()


def _items(groups: list[ItemGroup]) -> list[str]:
    out: list[str] = []
    for g in groups:
        out += g.items
    return out


def _norm_title(text: str) -> str:
    # "SOP : …", "Nama SOP …", "PROSEDUR: …": a caption naming the procedure above its table.
    text = re.sub(r"^\s*(?:(?:nama|judul)\s+)?(?:sop|prosedur)\b\s*[:/]?\s*", "", text, flags=re.IGNORECASE)
    return re.sub(r"[^a-z0-9]+", "", text.lower())


def _same_title(text: str, sop: ParsedSop) -> bool:
    titles = [t for t in [sop.identity.get("nama"), *sop.title_candidates] if t]
    return any(_norm_title(text) == _norm_title(t) and _norm_title(t) for t in titles)


def _collapse_repeats(cells: list[str]) -> list[str]:
    """One copy of a merged cell written once per column it spans (identical neighbours)."""
    out: list[str] = []
    for cell in cells:
        if out and cell.strip() and clean(cell) == clean(out[-1]):
            continue
        out.append(cell)
    return out


def _merge_columns(current: list[str], cells: list[str], joiner: str) -> None:
    for k, cell in enumerate(cells):
        if not cell.strip():
            continue
        if k < len(current):
            current[k] = (current[k] + joiner + cell) if current[k].strip() else cell
        else:
            current.extend([""] * (k - len(current)))
            current.append(cell)


def _merge_symbols(a: list[bool] | None, b: list[bool] | None) -> list[bool] | None:
    if not b:
        return a
    if not a:
        return list(b)
    n = max(len(a), len(b))
    return [(a[i] if i < len(a) else False) or (b[i] if i < len(b) else False) for i in range(n)]


_SUB_LABELS = {"kelengkapan", "waktu", "output"}


def _header_kind(text: str) -> str | None:
    match = headings.match_column(clean(text.replace("\n", " ")))
    return match.key if match else None


def unread_mutu_baku(
    kinds: list[str | None], labelled: list[bool], kel: int | None, waktu: int | None, out: int | None
) -> tuple[int | None, int | None]:
    """Mutu Baku's sub-columns come in the form's order: Kelengkapan, Waktu, Output. A sub-column whose
    label could not be read at all (a scan's faint word), in the place the order gives it right after the two
    that were read, takes the missing name: blank after Kelengkapan | Waktu is Output, blank between
    Kelengkapan and Output is Waktu. A column with a label that names something else is left alone."""

    def blank(col: int) -> bool:
        return 0 <= col < len(kinds) and kinds[col] is None and not labelled[col]

    if out is None and kel is not None and waktu == kel + 1 and blank(waktu + 1):
        out = waktu + 1
    if waktu is None and kel is not None and out == kel + 2 and blank(kel + 1):
        waktu = kel + 1
    return waktu, out


def expand_merged_header(header: list[Row]) -> list[Row]:
    """Spread a first header row whose merged cells were written once over the columns below them.

    A text export writes a horizontally merged cell once ("No | Uraian | Pelaksana | Mutu Baku | Keterangan")
    above a second row with one cell per column ("| | Camat | Sekcam | Kelengkapan | Waktu | Output |"). Read
    by position, "Keterangan" would sit above a role column and the Keterangan column would be lost. The group
    headings span their sub-columns: "Mutu Baku" the Kelengkapan/Waktu/Output labels below it, "Pelaksana"
    the columns up to them; every other cell (merged down both rows) spans one column.
    """
    if len(header) < 2 or header[0].from_table:
        return header
    top, below = header[0], header[1]
    width = max(len(r.cells) for r in header[1:])
    cells = [c for c in top.cells]
    while cells and not cells[-1].strip():
        cells.pop()
    if len(cells) >= width or not cells:
        return header
    kinds_below = [_header_kind(c) if c.strip() else None for c in below.cells] + [None] * width
    expanded: list[str] = []
    col = 0
    for k, cell in enumerate(cells):
        kind = _header_kind(cell) if cell.strip() else None
        left_after = len(cells) - k - 1
        if kind == "mutu_baku":
            span = 0
            while col + span < width and kinds_below[col + span] in _SUB_LABELS:
                span += 1
            span = span or 1
        elif kind == "pelaksana":
            end = next((c for c in range(col, width) if kinds_below[c] in _SUB_LABELS), None)
            if end is None:
                end = width - left_after
            span = max(1, end - col)
        else:
            span = 1
        expanded += [cell] + [""] * (span - 1)
        col += span
    if col != width:
        return header  # the spans do not add up: keep the rows as written, read by position
    return [Row(expanded, top.line, top.from_table, top.symbols), *header[1:]]


def analyse(rows: list[Row]) -> list[ParsedSop]:
    """Every SOP found in the rows of one document, in order."""
    return LayoutAnalysis(rows).run()
