"""The auditor's view: one row per SOP with something to check, its findings grouped, and what the catalogue
has established kept apart from what it only suspects.

* **Confirmed** (*pasti*): a cited regulation recorded as revoked in the registry, a Dasar Hukum line the
  catalogue could not read as a regulation, a review date passed (the catalogue's 3-year convention, said so
  on the page), a Keterkaitan line naming an SOP that is not in the catalogue, and the source checker's notes
  on what the agency signed (numbering gaps, durations that cannot be added up).
* **Suspected** (*dugaan katalog*): every finding the legal index marks as an inference (a probable typo in a
  citation, a regulation whose parent is revoked): the SOP's text has to be checked before acting on it.

Every row carries its pemda and agency (and the pemda's name beside every agency, so a kecamatan is never
shown without its kabupaten), which the audit pages filter by.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .analyse import Analysis

#: Labels of the kinds of finding, in the order rows list them.
KIND_LABELS = {
    "dicabut": "Dasar hukum dicabut",
    "induk_dicabut": "Induk dasar hukum dicabut",
    "salah_ketik": "Salah ketik kutipan",
    "tidak_terurai": "Dasar hukum tidak terurai",
    "keterkaitan": "Keterkaitan belum ada di katalog",
    "tinjau": "Perlu ditinjau",
    "mutu_data": "Catatan mutu data",
}


@dataclass(frozen=True)
class AuditFinding:
    kind: str  # a key of KIND_LABELS
    message: str
    teks: str | None = None  # the line of the SOP it is about, as written
    related_ids: tuple[str, ...] = ()  # regulations to link

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]


@dataclass(frozen=True)
class AuditRow:
    sop_id: str
    pemda_slug: str
    agency_id: str
    confirmed: tuple[AuditFinding, ...]
    suspected: tuple[AuditFinding, ...]


def audit_rows(analysis: Analysis) -> list[AuditRow]:
    """Rows for every SOP with at least one finding, in catalogue order (pemda, agency, SOP)."""
    catalogue = analysis.catalogue
    confirmed: dict[str, list[AuditFinding]] = {}
    suspected: dict[str, list[AuditFinding]] = {}
    for f in analysis.legal.findings:
        (suspected if f.inference else confirmed).setdefault(f.sop_id, []).append(
            AuditFinding(f.kind, f.message, f.teks, f.related_ids)
        )
    for missing in analysis.links.missing.values():
        for sop_id in missing.sources:
            confirmed.setdefault(sop_id, []).append(
                AuditFinding("keterkaitan", "SOP yang disebut belum ada di katalog.", missing.display)
            )
    for review in analysis.reviews_due:
        confirmed.setdefault(review.sop_id, []).append(AuditFinding("tinjau", review.message))
    by_file: dict[Path, str] = {sop.source: sop.id for sop in catalogue.sops.values()}
    for warning in analysis.warnings:
        sop_id = by_file.get(warning.file)
        if sop_id is not None:
            message = f"{warning.field_name}: {warning.message}" if warning.field_name else warning.message
            confirmed.setdefault(sop_id, []).append(AuditFinding("mutu_data", message))
    order = list(KIND_LABELS)
    rows = []
    for sop in catalogue.sops.values():
        if sop.id in confirmed or sop.id in suspected:
            rows.append(
                AuditRow(
                    sop.id,
                    sop.pemda_slug,
                    sop.agency_id,
                    tuple(sorted(confirmed.get(sop.id, ()), key=lambda f: order.index(f.kind))),
                    tuple(sorted(suspected.get(sop.id, ()), key=lambda f: order.index(f.kind))),
                )
            )
    return rows
