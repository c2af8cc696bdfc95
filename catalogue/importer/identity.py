"""The identity block's values: dates, the signer (jabatan, nama, NIP, pangkat) and the signature block."""

from __future__ import annotations

import datetime as dt
import re

from catalogue.rules.dates import parse_date

from .items import clean
from .parsed import ParsedSop, Signer

_NIP = re.compile(r"\bNIP\b\.?\s*[:.]?\s*(\d[\d\s]{7,}\d)", re.IGNORECASE)
_PANGKAT = re.compile(
    r"^(?:pembina|penata|pengatur|juru)\b.*$|.*\((?:I{1,3}|IV)\s*/\s*[a-e]\)\s*$|^(?:I{1,3}|IV)\s*/\s*[a-e]$",
    re.IGNORECASE,
)
_NAME_START = re.compile(
    r"\b(?:(?:Drs?|Dr|Ir|Hj?|Prof)\.\s*)*[A-Z][A-Z'.-]+(?=[\s,]|$)(?:\s+[A-Z][A-Z'.-]*(?=[\s,]|$))+"
)


def parse_date_value(raw: str | None) -> tuple[dt.date | str | None, str | None]:
    """(value for the source file, review message or None). ``-``/empty stay ``-``."""
    text = clean(raw or "")
    if text in ("", "-", "–", "—"):
        return "-", None
    parsed = parse_date(text) or parse_date(re.sub(r"\s*,\s*", " ", text))
    if parsed is None:
        return None, f"tanggal '{text}' tidak dapat dibaca; tulis sebagai 2024-01-02."
    return parsed, None


def split_signer(text: str) -> Signer:
    """ "Camat Rimbo Ilir RINTO SUBAGYO, SP NIP. 1962…" → jabatan, nama, NIP (names are printed in capitals)."""
    signer = Signer()
    text = clean(text)
    m = _NIP.search(text)
    if m:
        signer.nip = clean(m.group(1))
        text = clean(text[: m.start()] + " " + text[m.end() :])
    name = _NAME_START.search(text)
    if name and name.start() > 0 and not text[: name.start()].isupper():
        signer.jabatan = clean(text[: name.start()]) or None
        signer.nama = clean(text[name.start() :]).strip(", ") or None
    else:
        signer.jabatan = text or None
    return signer


def signature_block(lines: list[str]) -> Signer:
    """The signer printed under the table: jabatan, (blank), nama, pangkat, NIP."""
    lines = [clean(x) for x in lines if clean(x)]
    signer = Signer()
    nip_at = None
    for k in range(len(lines) - 1, -1, -1):
        m = _NIP.search(lines[k])
        if m:
            nip_at = k
            signer.nip = clean(m.group(1))
            before = clean(lines[k][: m.start()])
            if before:
                lines = lines[:k] + [before] + lines[k:]
                nip_at = k + 1
            break
    if nip_at is None:
        return signer
    above = [x for x in lines[max(0, nip_at - 4) : nip_at]]
    if above and _PANGKAT.match(above[-1]):
        signer.pangkat = above.pop()
    if above:
        signer.nama = above.pop()
    if above:
        signer.jabatan = above[-1]
    return signer


def resolve_signer(sop: ParsedSop) -> None:
    """Combine the identity field "Disahkan Oleh" with the signature block; record what needs review."""
    raw = sop.identity.get("disahkan_oleh", "")
    lines = [clean(x) for x in raw.split("\n") if clean(x)]
    if len(lines) > 1:
        # A signature printed inside the identity cell: jabatan, (space), nama, NIP.
        from_field = signature_block(lines)
        if from_field.nip is None:
            from_field = Signer(jabatan=lines[0], nama=lines[-1] if len(lines) > 1 else None)
        elif from_field.jabatan is None:
            from_field.jabatan = lines[0] if lines[0] != from_field.nama else None
        raw = " ".join(lines)
    else:
        from_field = split_signer(raw) if raw else Signer()
    block = signature_block(sop.tail)
    if from_field.jabatan and not from_field.nama and block.nama and block.nama in from_field.jabatan:
        # "CAMAT RIMBO ILIR RINTO SUBAGYO, SP" in capitals: the signature block shows where the name starts.
        head = from_field.jabatan[: from_field.jabatan.index(block.nama)].strip(" ,")
        if head:
            from_field = Signer(jabatan=head, nama=block.nama, nip=from_field.nip, pangkat=from_field.pangkat)
    signer = Signer(
        jabatan=from_field.jabatan or block.jabatan,
        nama=from_field.nama or block.nama or sop.signer.nama,
        nip=from_field.nip or block.nip,
        pangkat=from_field.pangkat or block.pangkat,
    )
    if from_field.nama and block.nama and from_field.nama.lower() != block.nama.lower():
        sop.review(
            ("disahkan_oleh", "nama"),
            f"nama pada identitas '{from_field.nama}' berbeda dengan tanda tangan '{block.nama}'.",
        )
    if not from_field.jabatan and block.jabatan:
        sop.review(("disahkan_oleh", "jabatan"), "jabatan pengesah diambil dari blok tanda tangan.")
    if raw and from_field.nama and len(lines) <= 1:
        sop.review(("disahkan_oleh",), f"'{raw}' dipisah menjadi jabatan dan nama; pastikan batasnya.")
    if signer.is_empty():
        sop.review(("disahkan_oleh",), "pengesah tidak tertulis pada dokumen; isi jabatan pengesah.")
    sop.signer = signer
