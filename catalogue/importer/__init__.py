"""``sop import``: turn an agency's SOP document into draft source files and a review list.

Readers (:mod:`.text_layout` for extracted text, :mod:`.docx_reader` for .docx, :mod:`.pdf_reader` for a PDF's
text layer, :mod:`.ocr_reader` for scans and images) produce rows; the layout analysis finds identity, boxes and
the procedure table; :mod:`.identity`, :mod:`.flowchart_evidence` (a drawn flowchart), :mod:`.performers` (with
:mod:`.role_names`) and :mod:`.decisions` interpret what the document states; :mod:`.ocr_review` flags every
value read by OCR; :mod:`.draft` writes the YAML with review comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .decisions import detect_decisions
from .draft import Draft, build_draft
from .flowchart_evidence import apply_flowchart
from .identity import resolve_signer
from .ocr_review import flag_ocr_values, mend_ocr_values
from .parsed import ParsedSop, Review, Row
from .performers import infer_performers
from .text_layout import analyse, rows_from_text
from .wrap_review import flag_doubtful_entries

__all__ = [
    "ImportedSop",
    "Review",
    "UnreadableDocument",
    "document_kind",
    "import_document",
    "parse_document",
    "read_rows",
]

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp")
AgencyRoles = list[tuple[str, tuple[str, ...]]]


class UnreadableDocument(Exception):
    """A document that cannot be read at all; the message says what to do, in Indonesian."""


@dataclass
class ImportedSop:
    parsed: ParsedSop
    draft: Draft


def read_rows(path: Path, known: frozenset[str] = frozenset()) -> list[Row]:
    """Rows of a document: a .docx read cell by cell, a PDF's text layer or its scan read word by word with
    its table cells, an image through OCR, or extracted text split at tabs. ``known``: words of the agency's
    reviewed SOPs, which OCR correction takes as sure (:func:`.ocr_reader.mend_words`)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .docx_reader import rows_from_docx

        try:
            return rows_from_docx(path)
        except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a broken package
            raise UnreadableDocument(
                f"berkas .docx tidak dapat dibuka ({type(exc).__name__}: {exc})."
            ) from None
    if suffix == ".pdf":
        return _pdf_rows(path, known)
    if suffix in IMAGE_SUFFIXES:
        from .ocr_reader import OcrUnavailable, rows_from_image

        try:
            return rows_from_image(path, known)
        except OcrUnavailable as exc:
            raise UnreadableDocument(str(exc)) from None
        except (OSError, ValueError) as exc:  # Pillow: not an image, or a truncated one
            raise UnreadableDocument(
                f"berkas gambar tidak dapat dibuka ({type(exc).__name__}: {exc})."
            ) from None
    if suffix in (".doc", ".rtf", ".odt"):
        raise UnreadableDocument(
            f"format {suffix} belum dapat dibaca langsung. Simpan sebagai .docx atau .pdf, "
            "atau ekstrak teksnya (tabel dengan tab di antara sel) ke berkas .txt."
        )
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return rows_from_text(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return rows_from_text(raw.decode("latin-1"))


def _pdf_rows(path: Path, known: frozenset[str] = frozenset()) -> list[Row]:
    """A PDF with a text layer is read from it; a scan (pages that are only pictures) through OCR."""
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    from .pdf_reader import has_text_layer, rows_from_pdf

    try:
        with pdfplumber.open(str(path)) as pdf:
            scanned = not has_text_layer(pdf)
            pages = len(pdf.pages)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if type(cause).__name__ in ("PDFPasswordIncorrect", "PDFEncryptionError"):
            raise UnreadableDocument(
                "berkas PDF terkunci kata sandi. Buka kuncinya (simpan ulang tanpa kata "
                "sandi), lalu impor lagi."
            ) from None
        raise UnreadableDocument(
            f"berkas PDF rusak atau bukan PDF ({type(cause).__name__}: {cause})."
        ) from None
    if pages == 0:
        raise UnreadableDocument("berkas PDF tidak berisi halaman.")
    if not scanned:
        return rows_from_pdf(path)
    from .ocr_reader import OcrUnavailable, rows_from_scanned_pdf

    try:
        return rows_from_scanned_pdf(path, known)
    except OcrUnavailable as exc:
        raise UnreadableDocument(str(exc)) from None


def parse_document(
    path: Path, agency_roles: AgencyRoles = (), known: frozenset[str] = frozenset()
) -> list[ParsedSop]:
    """Every SOP found in one document, interpreted and with its review items."""
    rows = read_rows(path, known)
    sops = analyse(rows)
    printed = path.suffix.lower() == ".pdf" or path.suffix.lower() in IMAGE_SUFFIXES
    if printed and not any(s.steps or s.boxes or len(s.identity) >= 2 for s in sops):
        # A PDF or a picture of something else (a letter, a photo) is not drafted as an empty SOP.
        what = "gambar ini" if path.suffix.lower() in IMAGE_SUFFIXES else "berkas PDF ini"
        read = sum(1 for r in rows if not r.is_blank)
        raise UnreadableDocument(
            f"{what} tidak memuat SOP: tidak ada identitas, kotak, maupun tabel prosedur SOP "
            f"yang dikenali ({read} baris teks terbaca). Periksa apakah berkasnya benar."
        )
    if not sops:
        empty = ParsedSop()
        empty.review((), "tidak ada bagian SOP (identitas, kotak atau tabel prosedur) yang dikenali.")
        sops = [empty]
    for sop in sops:
        resolve_signer(sop)
        apply_flowchart(sop, rows)  # first: what the drawing states, the steps' own symbols
        infer_performers(sop, list(agency_roles))  # before decisions: "dikembalikan kepada X" needs them
        detect_decisions(sop, list(agency_roles))
        mend_ocr_values(sop, rows)
        flag_doubtful_entries(sop, rows)
        flag_ocr_values(sop, rows)
    return sops


def document_kind(path: Path) -> str:
    """``sumber.jenis_dokumen`` of a document: docx, pdf (with a text layer), pindaian (a scan) or lainnya."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return "docx"
    if suffix in IMAGE_SUFFIXES:
        return "pindaian"
    if suffix == ".pdf":
        import pdfplumber

        from .pdf_reader import has_text_layer

        try:
            with pdfplumber.open(str(path)) as pdf:
                return "pdf" if has_text_layer(pdf) else "pindaian"
        except Exception:  # noqa: BLE001 - an unreadable PDF never gets this far; be safe anyway
            return "pdf"
    return "lainnya"


def import_document(
    path: Path,
    agency_roles: AgencyRoles = (),
    today: dt.date | None = None,
    header: list[str] | None = None,
    known: frozenset[str] = frozenset(),
) -> list[ImportedSop]:
    """Parse a document and build one draft per SOP in it (``known``: see :func:`read_rows`)."""
    today = today or dt.date.today()
    kind = document_kind(path)
    out = []
    for sop in parse_document(path, agency_roles, known):
        draft = build_draft(
            sop,
            document=path.name,
            document_kind=kind,
            imported=today,
            fallback_title=path.stem,
            header=header,
        )
        out.append(ImportedSop(sop, draft))
    return out
