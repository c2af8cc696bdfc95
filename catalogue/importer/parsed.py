"""What the importer reads out of a document, before it becomes a source file.

Both readers (extracted text, .docx) produce :class:`Row` objects; the layout analysis turns rows into
:class:`ParsedSop` records; the draft writer turns those into YAML with review comments. Every value keeps
the agency's words; only structure (numbering, line wrapping, cell boundaries) is normalised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class ReadWord:
    """A word read by OCR: Tesseract's confidence (0-100) and where it stood (page, box in points on a page
    of ``page_size``), so that a value drafted from it can be flagged with both."""

    text: str
    confidence: float
    page: int
    bbox: tuple[float, float, float, float]
    page_size: tuple[float, float]
    #: What Tesseract read, where the word was put right from the vocabulary.
    read_as: str | None = None


@dataclass
class Row:
    """One line of extracted text (cells split at tabs) or one row of a real table.

    ``from_table`` rows come from a .docx table: they are complete, and a cell may hold several paragraphs
    separated by ``\\n``. ``symbols`` marks the cells that hold a drawing (a flowchart symbol).
    """

    cells: list[str]
    line: int
    from_table: bool = False
    symbols: list[bool] | None = None
    #: Printed page the row was read from (PDF and scans), for review messages.
    page: int | None = None
    #: The flowchart symbol drawn in each cell of a PDF's table (proses, keputusan, terminator), or None.
    shapes: list[str | None] | None = None
    #: Where the connectors of this row's drawn symbol lead: (label as drawn, e.g. "Ya" or "Lengkap", or "";
    #: line of the row whose symbol they reach, or None where the path ends at a "Selesai" terminator).
    branches: list[tuple[str, int | None]] | None = None
    #: For a row read by OCR: the words each cell was read from.
    ocr: list[list[ReadWord]] | None = None
    #: For a printed row: where two printed lines of a cell were joined into one paragraph on the evidence
    #: of letter case alone (a full line, then a line that could as well start an entry): (cell index, the
    #: last word of the one and the first of the other, as joined).
    doubts: list[tuple[int, str]] | None = None

    @property
    def text(self) -> str:
        return "\t".join(self.cells)

    @property
    def filled(self) -> list[tuple[int, str]]:
        return [(i, c.strip()) for i, c in enumerate(self.cells) if c.strip()]

    @property
    def is_blank(self) -> bool:
        return not self.filled


@dataclass(frozen=True)
class Review:
    """One thing a person must confirm, anchored to a field of the draft (``()`` for the whole file)."""

    field: FieldPath
    message: str

    @property
    def where(self) -> str:
        from catalogue.problems import format_field_path

        return format_field_path(self.field) if self.field else "(berkas)"


@dataclass
class ParsedStep:
    no: str
    kegiatan: str
    kelengkapan: list[str] = field(default_factory=list)
    waktu: str | None = None
    output: str | None = None
    keterangan: str | None = None
    #: The Keterangan cell's paragraphs (a decision often writes one branch per paragraph).
    keterangan_lines: list[str] = field(default_factory=list)
    #: Role column holding a symbol or a symbol's label ("MULAI", a drawing), when exactly one does.
    symbol_role: str | None = None
    symbol_text: str | None = None
    pelaksana: str | None = None
    pelaksana_status: str | None = None
    pelaksana_alasan: str | None = None
    jenis: str | None = None
    ya: str | None = None
    tidak: str | None = None
    catatan: str | None = None
    line: int = 0
    #: The flowchart symbol drawn for this step in a PDF (proses, keputusan, terminator): the drawing has
    #: stated its kind, and for a decision its branches (see flowchart_evidence).
    drawn: str | None = None


@dataclass
class Signer:
    jabatan: str | None = None
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None

    def is_empty(self) -> bool:
        return not any((self.jabatan, self.nama, self.nip, self.pangkat))


@dataclass
class ParsedSop:
    """One SOP found in a document."""

    identity: dict[str, str] = field(default_factory=dict)
    signer: Signer = field(default_factory=Signer)
    boxes: dict[str, list[str]] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    steps: list[ParsedStep] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    #: Title candidates from lines such as "SOP : …" or "SOP/Mekanisme …", used when "Nama SOP" is absent.
    title_candidates: list[str] = field(default_factory=list)
    #: Lines after the procedure table (signature block, legends).
    tail: list[str] = field(default_factory=list)
    #: The issuing unit within the agency (Bidang, Seksi, UPTD …) and the office address, from the kop.
    unit: str | None = None
    alamat: str | None = None
    #: Boxes whose heading was found but whose content could not be separated (OCR of side-by-side boxes).
    unreadable_boxes: set[str] = field(default_factory=set)

    def review(self, path: FieldPath, message: str) -> None:
        item = Review(path, message)
        if item not in self.reviews:
            self.reviews.append(item)

    @property
    def title(self) -> str | None:
        return self.identity.get("nama") or (self.title_candidates[0] if self.title_candidates else None)
