"""The identity block's values: dates, the signer (jabatan, nama, NIP, pangkat) and the signature block."""

from __future__ import annotations

import datetime as dt
import re

from rapidfuzz.distance import Levenshtein

from catalogue.rules.dates import MONTH_SPELLINGS, MONTHS, month_number, parse_date

from .items import clean
from .parsed import ParsedSop, Signer

_NIP = re.compile(r"\bNIP\b\.?\s*[:.]?\s*(\d[\d\s]{7,}\d)((?:\s*[.,]\s*\d+(?:\s+\d+)*)*)", re.IGNORECASE)
#: A civil servant's NIP has 18 digits (birth date, appointment month, sex, number).
NIP_DIGITS = 18


def _nip(m: re.Match) -> str:
    """The NIP a match of :data:`_NIP` holds. A full stop or comma between its digit groups is a speck a scan
    put there ("200112,1 003") when it joins them into the 18 digits of a NIP; otherwise the NIP ends there."""
    whole = m.group(1) + m.group(2)
    if m.group(2) and len(re.sub(r"\D", "", whole)) == NIP_DIGITS:
        return clean(re.sub(r"\s*[.,]\s*", " ", whole))
    return clean(m.group(1))


_PANGKAT = re.compile(
    r"^(?:pembina|penata|pengatur|juru)\b.*$|.*\((?:I{1,3}|IV)\s*/\s*[a-e]\)\s*$|^(?:I{1,3}|IV)\s*/\s*[a-e]$",
    re.IGNORECASE,
)
_NAME_START = re.compile(
    r"\b(?:(?:Drs?|Dr|Ir|Hj?|Prof)\.\s*)*[A-Z][A-Z'.-]+(?=[\s,]|$)(?:\s+[A-Z][A-Z'.-]*(?=[\s,]|$))+"
)


#: Words an agency writes where there is no date ("Belum ada revisi", "Tidak ada", "Nihil").
_NO_DATE = re.compile(
    r"^(?:belum\s+ada(?:\s+revisi)?|tidak\s+ada(?:\s+revisi)?|belum\s+direvisi|nihil|"
    r"n/?a)\.?$",
    re.IGNORECASE,
)


def parse_date_value(raw: str | None) -> tuple[dt.date | str | None, str | None]:
    """(value for the source file, review message or None). ``-``/empty stay ``-``."""
    text = clean(raw or "")
    if text in ("", "-", "–", "—") or _NO_DATE.match(text):
        return "-", None
    parsed = parse_date(text) or parse_date(re.sub(r"\s*,\s*", " ", text))
    if parsed is not None:
        return parsed, None
    mended = mend_date_text(text) or mend_date_text(re.sub(r"\s*,\s*", " ", text))
    parsed = parse_date(mended) if mended else None
    if parsed is None:
        return None, f"tanggal '{text}' tidak dapat dibaca; tulis sebagai 2024-01-02."
    return parsed, (
        f"tanggal tertulis '{text}' dibaca sebagai '{mended}' (huruf yang mirip angka, atau nama bulan yang "
        "salah eja/terbaca); pastikan."
    )


#: Letters a scan or a typist puts for the digits they look like.
_DIGIT_LOOKALIKES = str.maketrans({"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "i": "1", "|": "1"})
_DIGIT_LOOKALIKES_MORE = str.maketrans({"S": "5", "s": "5", "B": "8", "Z": "2", "z": "2"})


def _digits(token: str) -> str | None:
    """A token of figures some of which were read as letters ("O1", "2O24", "l5"), or None."""
    if not any(c.isdigit() for c in token):
        return None  # a word ("Juli"), not figures
    mended = token.translate(_DIGIT_LOOKALIKES).translate(_DIGIT_LOOKALIKES_MORE)
    return mended if mended.isdigit() else None


def _month(word: str) -> str | None:
    """The month a misspelt or misread month name means: the one month name one edit away (two for long
    names), or None."""
    low = word.lower().strip(".")
    if len(low) < 4 or month_number(low) is not None:
        return None
    near = {m for m in MONTH_SPELLINGS if Levenshtein.distance(low, m) <= (2 if len(m) >= 7 else 1)}
    months = {month_number(m) for m in near}  # "Pebruari" and "Februari" are one month
    return MONTHS[months.pop() - 1] if len(months) == 1 else None


def mend_date_text(text: str) -> str | None:
    """A date written or read with letters for figures or a month misspelt ("O1 Pebruari 2O24", "15 Januan
    2024", "02-O9-2024") put right, or None when nothing changes."""
    out = []
    for token in re.split(r"(\s+|[/.-])", text.strip()):
        if token and not token.isspace() and token not in "/.-":
            token = _digits(token) or _month(token) or token
        out.append(token)
    mended = "".join(out)
    return mended if mended != text.strip() else None


def split_signer(text: str) -> Signer:
    """ "Camat Rimbo Ilir RINTO SUBAGYO, SP NIP. 1962…" → jabatan, nama, NIP (names are printed in capitals)."""
    signer = Signer()
    text = clean(text)
    m = _NIP.search(text)
    if m:
        signer.nip = _nip(m)
        text = clean(text[: m.start()] + " " + text[m.end() :])
    name = _NAME_START.search(text)
    if name and name.start() > 0 and not text[: name.start()].isupper():
        signer.jabatan = clean(text[: name.start()]) or None
        signer.nama = clean(text[name.start() :]).strip(", ") or None
    else:
        signer.jabatan = text or None
    return signer


PLACE_DATE = re.compile(
    r"^[A-Z][\w .'-]{1,40},\s*(?:\d{1,2}\s+\w+\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\w+\s+\d{4})\s*$"
    r"|^(?:ditetapkan|disahkan)\s+di\b|^pada\s+tanggal\b|^tanggal\s*:",
    re.IGNORECASE,
)
_NIP_LINE = re.compile(r"^\s*NIP\b", re.IGNORECASE)
_CAPTION = re.compile(
    r"^(?:mengetahui|menyetujui|disahkan\s+oleh|ditetapkan\s+oleh)\s*[,:]?\s*$", re.IGNORECASE
)


def _groups(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines, split where the block leaves blank lines (the space for the signature)."""
    out: list[list[str]] = [[]]
    for line in lines:
        if clean(line):
            out[-1].append(clean(line))
        elif out[-1]:
            out.append([])
    return [g for g in out if g]


def _jabatan(lines: list[str]) -> str | None:
    """A position that wraps over several lines is one jabatan; the comma before the signature is not part of it."""
    text = clean(" ".join(lines)).rstrip(",").strip()
    return text or None


def signature_block(lines: list[str]) -> Signer:
    """The signer of a signature block: jabatan (over one to three lines), blank space, nama, pangkat, NIP.

    ``lines`` keep their blank lines: the space left for the signature is what separates a jabatan that
    wraps over several lines from the name below it. A place-and-date line ("Sigi, 2 Mei 2023") and a caption
    ("Mengetahui,") above the jabatan are not part of it. A Kepala Desa signs without NIP or pangkat: then the
    name is the line after the blank space.
    """
    lines = list(lines)
    while lines and (
        not clean(lines[0]) or PLACE_DATE.match(clean(lines[0])) or _CAPTION.match(clean(lines[0]))
    ):
        lines.pop(0)
    signer = Signer()
    nip_at = None
    for k in range(len(lines) - 1, -1, -1):
        m = _NIP.search(lines[k])
        if m:
            nip_at = k
            signer.nip = _nip(m)
            before = clean(lines[k][: m.start()])
            if before:
                lines = lines[:k] + [before] + lines[k:]
                nip_at = k + 1
            break
    above = lines[:nip_at] if nip_at is not None else lines
    groups = _groups(above)
    flat = [(g, x) for g, group in enumerate(groups) for x in group]
    if not flat or (nip_at is None and len(groups) < 2):
        return signer
    if nip_at is None:
        # No NIP (a Kepala Desa): the name opens the last run after the blank space, a pangkat may follow.
        start = sum(len(g) for g in groups[:-1])
        tail = flat[start:]
        if len(tail) > 1 and _PANGKAT.match(tail[1][1]):
            signer.pangkat = tail[1][1]
        flat = flat[: start + 1]
    elif len(flat) > 1 and _PANGKAT.match(flat[-1][1]):
        signer.pangkat = flat.pop()[1]
    group, signer.nama = flat.pop()
    # The jabatan: the lines above the name in its own run, else the whole run above the blank space.
    same = [x for g, x in flat if g == group]
    if same:
        signer.jabatan = _jabatan(same)
    elif flat:
        signer.jabatan = _jabatan([x for g, x in flat if g == flat[-1][0]])
    return signer


def resolve_signer(sop: ParsedSop) -> None:
    """Combine the identity field "Disahkan Oleh" with the signature block; record what needs review."""
    raw = sop.identity.get("disahkan_oleh", "")
    lines = [clean(x) for x in raw.split("\n") if clean(x)]
    if len(lines) > 1:
        # A signature printed inside the identity cell: jabatan, (space), nama, pangkat, NIP.
        from_field = signature_block(raw.split("\n"))
        if from_field.nip is None and from_field.nama is None:
            from_field = Signer(jabatan=_jabatan(lines[:-1]), nama=lines[-1])
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
