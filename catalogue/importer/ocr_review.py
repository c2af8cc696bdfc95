"""Every value read by OCR goes to review, with how sure the reader was and where it stands on the page.

OCR misreads letters without knowing it ("hari" as "han", a semicolon as a colon), so no value drafted from
a scan is published unconfirmed. Each drafted value is traced back to the words it was made from (the rows
of a scanned document keep them, with Tesseract's confidence and their box); its review item names the page,
the part of the page and the confidence (average, and the least sure word), and the words put right from
the vocabulary (:mod:`.ocr_lexicon`) with what OCR read, so that a person can check it against the paper
quickly. A value whose words cannot be traced is flagged all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz.distance import Levenshtein

from catalogue.rules.durations import UNIT_WORDS

from .ocr_lexicon import tesseract_words
from .parsed import FieldPath, ParsedSop, ReadWord, Row

_TOKEN = re.compile(r"[0-9a-z]+")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _cells(rows: Iterable[Row]) -> list[list[ReadWord]]:
    return [cell for r in rows if r.ocr for cell in r.ocr if cell]


def locate(value: str, cells: list[list[ReadWord]]) -> list[ReadWord]:
    """The words of the cell that holds most of ``value``'s words (at least half), in that cell."""
    wanted = set(_tokens(value))
    if not wanted:
        return []
    best: tuple[float, list[ReadWord]] = (0.0, [])
    for cell in cells:
        hits = [w for w in cell if wanted & set(_tokens(w.text))]
        found = {t for w in hits for t in _tokens(w.text)} & wanted
        score = len(found) / len(wanted)
        if score > best[0]:
            best = (score, hits)
    return best[1] if best[0] >= 0.5 else []


def _region(words: list[ReadWord]) -> str:
    page = words[0].page
    on_page = [w for w in words if w.page == page]
    width, height = on_page[0].page_size
    x0 = min(w.bbox[0] for w in on_page) / width * 100
    x1 = max(w.bbox[2] for w in on_page) / width * 100
    y0 = min(w.bbox[1] for w in on_page) / height * 100
    y1 = max(w.bbox[3] for w in on_page) / height * 100
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    vertical = "atas" if cy < 100 / 3 else "tengah" if cy < 200 / 3 else "bawah"
    horizontal = "kiri" if cx < 100 / 3 else "tengah" if cx < 200 / 3 else "kanan"
    part = (
        "tengah" if vertical == horizontal == "tengah" else f"{vertical} {horizontal}".replace("tengah ", "")
    )
    pages = sorted({w.page for w in words})
    where = f"halaman {page}" if len(pages) == 1 else f"halaman {pages[0]}–{pages[-1]}"
    return f"{where}, bagian {part} (x {x0:.0f}–{x1:.0f} %, y {y0:.0f}–{y1:.0f} % halaman)"


def _message(words: list[ReadWord]) -> str:
    if not words:
        return (
            "nilai ini dibaca dengan OCR dari pindaian, dan letaknya pada halaman tidak dapat dipastikan; "
            "cocokkan dengan dokumen asli."
        )
    mean = sum(w.confidence for w in words) / len(words)
    least = min(words, key=lambda w: w.confidence)
    mended = list(dict.fromkeys(f"'{w.read_as}' → '{w.text}'" for w in words if w.read_as))
    note = f"; kata yang dibetulkan menurut kosakata: {', '.join(mended)}" if mended else ""
    return (
        f"dibaca dengan OCR dari {_region(words)}: keyakinan rata-rata {mean:.0f} %, terendah "
        f"{least.confidence:.0f} % pada '{least.text}'{note}. Cocokkan dengan dokumen asli."
    )


_ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
#: A part of a SOP number that is a Roman month with "1" or "l" read for its "I" ("1X", "V1", "XlI").
_ROMAN_LIKE = re.compile(r"^(?=[^/]*[VX])[1lIVX]{1,4}$")
#: A colon OCR read for the slash between two parts of a SOP number, one of them in letters ("BAPPEDA:2024";
#: not a time, "12:30").
_COLON_SLASH = re.compile(r"(?<=[A-Za-z]):(?=[A-Za-z0-9])|(?<=[0-9]):(?=[A-Za-z])")


def mend_ocr_number(nomor: str) -> str:
    """A SOP number read by OCR with its usual misreadings undone: a colon between two parts of a number whose
    parts are divided by slashes is a slash, and a part that is a Roman month but for a "1" or "l" read for
    its "I" is that month."""
    text = _COLON_SLASH.sub("/", nomor) if nomor.count("/") >= 2 else nomor
    parts = re.split(r"([/-])", text)
    for k, part in enumerate(parts):
        if _ROMAN_LIKE.match(part.strip()):
            roman = part.strip().translate(str.maketrans("1l", "II"))
            if roman in _ROMAN_MONTHS:
                parts[k] = part.replace(part.strip(), roman)
    return "".join(parts)


#: The words a "waktu" cell is written with: the duration units (catalogue/rules/durations.py) and the words
#: around them. A closed vocabulary, so a misread word there is one of them.
_DURATION_WORDS = frozenset(w for w in UNIT_WORDS if len(w) >= 4) | {
    "tahun",
    "sesuai",
    "jadwal",
    "paling",
    "lama",
    "lambat",
    "selambat",
    "lambatnya",
    "setiap",
    "sampai",
    "selama",
    "tentatif",
    "langsung",
    "kegiatan",
}
_WORD = re.compile(r"[A-Za-z]+")


def _duration_word(word: str) -> str:
    """The duration word a misread word was meant to be; a word of the language is left as read ("dari",
    "lima", "senin" are words, not misread "hari", "lama", "menit")."""
    low = word.lower()
    if len(low) < 4 or low in _DURATION_WORDS or low in tesseract_words():
        return word
    near = {w for w in _DURATION_WORDS if Levenshtein.distance(low, w) <= (2 if len(w) >= 5 else 1)}
    if len(near) != 1:
        return word
    found = near.pop()
    if word.isupper():
        return found.upper()
    return found.capitalize() if word[:1].isupper() else found


def mend_ocr_duration(waktu: str) -> str:
    """A "waktu" value read by OCR, each misread word put back to the one duration word it is close to
    ("3 hart kerja" → "3 hari kerja", "Sesuad jadwal" → "Sesuai jadwal")."""
    return _WORD.sub(lambda m: _duration_word(m.group(0)), waktu)


#: In a cell of short noun phrases (kelengkapan, output), a full stop between two of them is a comma OCR
#: misread ("Barang. BAST", "KTP-el. KK", "Konsep terparaf. telaahan"): no sentence ends inside such a cell.
_STOP_BETWEEN_PHRASES = re.compile(r"\b([\w-]{1,40})\.(?= (?:[A-Z]{2,}\b|[a-z]))")
#: Abbreviations written with a full stop before a name or a number ("Kab. OKU", "Ket. RT"); any word without
#: a vowel ("dll.", "dst.") is one too.
_ABBREVIATIONS = frozenset(
    {
        "kab",
        "kec",
        "kel",
        "prov",
        "ket",
        "no",
        "nomor",
        "tgl",
        "lamp",
        "ds",
        "jl",
        "jln",
        "tlp",
        "telp",
        "hal",
    }
    | {"ttd", "an", "bag", "bid", "sek", "kep", "per", "pemkab", "pemkot", "pemprov", "kota", "desa"}
)


def _stop_or_comma(m: re.Match) -> str:
    word = m.group(1)
    if word.lower() in _ABBREVIATIONS or not re.search(r"[aeiouAEIOU]", word) or not word[-1:].islower():
        return m.group(0)
    return word + ","


#: A dash or comma OCR read after the last word of an output (a flowchart line running past the cell).
_TRAILING_SPECK = re.compile(r"(?<=\w)\s*[,;]$|(?<=\w)\s+[-–—]$")


def mend_ocr_phrases(text: str) -> str:
    """A kelengkapan entry or an output read by OCR, with full stops between its phrases made commas and a
    speck after its last word dropped."""
    return _TRAILING_SPECK.sub("", _STOP_BETWEEN_PHRASES.sub(_stop_or_comma, text))


def mend_ocr_values(sop: ParsedSop, rows: list[Row]) -> None:
    """Undo OCR's usual misreadings in values of a fixed form (the SOP number, the steps' "waktu"), noting
    what OCR read."""
    if not any(r.ocr for r in rows):
        return
    nomor = sop.identity.get("nomor")
    if nomor and (mended := mend_ocr_number(nomor)) != nomor:
        sop.identity["nomor"] = mended
        sop.review(("nomor",), f"OCR membaca nomor '{nomor}'; dibaca sebagai '{mended}'. Pastikan.")
    for i, step in enumerate(sop.steps):
        if step.output and (mended := mend_ocr_phrases(step.output)) != step.output:
            sop.review(
                ("langkah", i, "output"),
                f"OCR membaca output '{step.output}'; dibaca sebagai '{mended}'. Pastikan.",
            )
            step.output = mended
        entries = [mend_ocr_phrases(e) for e in step.kelengkapan]
        if changed := [f"'{a}' → '{b}'" for a, b in zip(step.kelengkapan, entries, strict=True) if a != b]:
            sop.review(
                ("langkah", i, "kelengkapan"), f"OCR membaca kelengkapan: {'; '.join(changed)}. Pastikan."
            )
            step.kelengkapan = entries
        if step.waktu and (mended := mend_ocr_duration(step.waktu)) != step.waktu:
            sop.review(
                ("langkah", i, "waktu"),
                f"OCR membaca waktu '{step.waktu}'; dibaca sebagai '{mended}'. Pastikan.",
            )
            step.waktu = mended


def flag_ocr_values(sop: ParsedSop, rows: list[Row]) -> None:
    """Add a review item, with confidence and place, for every value of ``sop`` read by OCR."""
    if not any(r.ocr for r in rows):
        return
    everywhere = _cells(rows)

    def flag(path: FieldPath, values: list[str], cells: list[list[ReadWord]] = everywhere) -> None:
        words: list[ReadWord] = []
        for value in values:
            words += locate(value, cells) or locate(value, everywhere)
        sop.review(path, _message(words))

    for key in ("nomor", "nama", "tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        value = sop.identity.get(key)
        if value and value not in ("-", "–"):
            flag((key,), [value])
    for sub in ("jabatan", "nama", "nip", "pangkat"):
        value = getattr(sop.signer, sub)
        if value:
            flag(("disahkan_oleh", sub), [value])
    for key, items in sop.boxes.items():
        if items:
            flag((key,), items)
    if sop.roles:
        flag(("pelaksana",), sop.roles)
    by_line = {r.line: k for k, r in enumerate(rows)}
    starts = [s.line for s in sop.steps]
    for i, step in enumerate(sop.steps):
        k = by_line.get(step.line)
        end = starts[i + 1] if i + 1 < len(starts) and starts[i + 1] > step.line else step.line + 1
        own = _cells(rows[k : k + max(1, end - step.line)]) if k is not None else everywhere
        for field, value in (
            ("kegiatan", step.kegiatan),
            ("waktu", step.waktu),
            ("output", step.output),
            ("keterangan", step.keterangan),
        ):
            if value:
                flag(("langkah", i, field), [value], own)
        if step.kelengkapan:
            flag(("langkah", i, "kelengkapan"), step.kelengkapan, own)
        if step.pelaksana:
            flag(("langkah", i, "pelaksana"), [step.pelaksana])
