"""``sop import``: turn an agency's SOP document into draft source files and a review list.

Readers (:mod:`.text_layout` for extracted text, :mod:`.docx_reader` for .docx) produce rows; the layout
analysis finds identity, boxes and the procedure table; :mod:`.identity`, :mod:`.performers` (with
:mod:`.role_names`) and :mod:`.decisions` interpret what the document states; :mod:`.draft` writes the YAML
with review comments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .decisions import detect_decisions
from .draft import Draft, build_draft
from .identity import resolve_signer
from .parsed import ParsedSop, Review, Row
from .performers import infer_performers
from .text_layout import analyse, rows_from_text

__all__ = ["ImportedSop", "Review", "UnreadableDocument", "import_document", "parse_document", "read_rows"]

AgencyRoles = list[tuple[str, tuple[str, ...]]]


class UnreadableDocument(Exception):
    """A document that cannot be read at all; the message says what to do, in Indonesian."""


@dataclass
class ImportedSop:
    parsed: ParsedSop
    draft: Draft


def read_rows(path: Path) -> list[Row]:
    """Rows of a document: a .docx read cell by cell, or extracted text split at tabs."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        from .docx_reader import rows_from_docx

        try:
            return rows_from_docx(path)
        except Exception as exc:  # noqa: BLE001 - python-docx raises many types for a broken package
            raise UnreadableDocument(
                f"berkas .docx tidak dapat dibuka ({type(exc).__name__}: {exc})."
            ) from None
    if suffix in (".doc", ".pdf", ".rtf", ".odt"):
        raise UnreadableDocument(
            f"format {suffix} belum dapat dibaca langsung. Simpan sebagai .docx, atau ekstrak "
            "teksnya (tabel dengan tab di antara sel) ke berkas .txt."
        )
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return rows_from_text(raw.decode(encoding))
        except UnicodeDecodeError:
            continue
    return rows_from_text(raw.decode("latin-1"))


def parse_document(path: Path, agency_roles: AgencyRoles = ()) -> list[ParsedSop]:
    """Every SOP found in one document, interpreted and with its review items."""
    sops = analyse(read_rows(path))
    if not sops:
        empty = ParsedSop()
        empty.review((), "tidak ada bagian SOP (identitas, kotak atau tabel prosedur) yang dikenali.")
        sops = [empty]
    for sop in sops:
        resolve_signer(sop)
        infer_performers(sop, list(agency_roles))  # before decisions: "dikembalikan kepada X" needs them
        detect_decisions(sop, list(agency_roles))
    return sops


def import_document(
    path: Path, agency_roles: AgencyRoles = (), today: dt.date | None = None, header: list[str] | None = None
) -> list[ImportedSop]:
    """Parse a document and build one draft per SOP in it."""
    today = today or dt.date.today()
    kind = "docx" if path.suffix.lower() == ".docx" else "lainnya"
    out = []
    for sop in parse_document(path, agency_roles):
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
