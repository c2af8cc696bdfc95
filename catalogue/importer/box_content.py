"""A last check of the six boxes by what their items say: an item that reads like another box's is flagged.

Where a layout hides the boundary between two boxes (boxes side by side, a table split over a page, an
extraction that merged columns), the layout rules can put an item in the wrong box. The items themselves
tell a lot: a Dasar Hukum item cites a regulation ("Undang-Undang Nomor 22 Tahun 2009 …", "Permendagri No.
84 Th. 2015"), a Keterkaitan item names an SOP. This check never moves an item; it flags the box on the
YAML path of the item that does not fit, so that no item is published in the wrong box unflagged.
"""

from __future__ import annotations

import re

from catalogue.rules.citations import parse_citation

from .parsed import ParsedSop

_REGULATION_START = re.compile(
    r"^(?:undang|uu\b|uud\b|perppu|peraturan|pp\b|perpres|permen|perda|perbup|perwal|perwali|pergub|perka|perkada|"
    r"perdes|keputusan|kepmen|keppres|kepbup|kepwal|kepgub|inpres|instruksi|surat\s+edaran|se\b|qanun|"
    r"permendagri|permenpan|pmk\b|permenkes|permensos)",
    re.IGNORECASE,
)
_NUMBER_YEAR = re.compile(
    r"\b(?:nomor|no\.?)\s*[\w./-]*\d[\w./-]*\s+(?:tahun|th\.?|thn\.?)\s*(?:19|20)\d{2}\b", re.IGNORECASE
)
_SOP_TITLE = re.compile(r"^(?:sop|standar\s+operasional|prosedur|mekanisme|tata\s+cara)\b", re.IGNORECASE)
_PREVIEW = 60


def looks_like_regulation(item: str) -> bool:
    """An item that opens by citing a regulation (kind, then a number and a year)."""
    text = item.strip()
    if not _REGULATION_START.match(text):
        return False
    return bool(parse_citation(text).references) or bool(_NUMBER_YEAR.search(text))


def looks_like_sop(item: str) -> bool:
    return bool(_SOP_TITLE.match(item.strip()))


def _short(text: str) -> str:
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


def check_box_content(sop: ParsedSop) -> None:
    """Flag items whose words belong to another box (see the module docstring)."""
    for key, items in sop.boxes.items():
        for n, item in enumerate(items):
            if key != "dasar_hukum" and looks_like_regulation(item):
                sop.review(
                    (key, n),
                    f"butir '{_short(item)}' tampak seperti peraturan (kotak Dasar Hukum); "
                    "pastikan kotaknya.",
                )
    law = sop.boxes.get("dasar_hukum", [])
    if sum(looks_like_regulation(x) for x in law) >= 2:
        for n, item in enumerate(law):
            if not looks_like_regulation(item) and not _NUMBER_YEAR.search(item):
                sop.review(
                    ("dasar_hukum", n),
                    f"butir '{_short(item)}' tidak tampak seperti peraturan; pastikan "
                    "butir ini milik kotak Dasar Hukum.",
                )
    related = sop.boxes.get("keterkaitan", [])
    if sum(looks_like_sop(x) for x in related) >= 2:
        for n, item in enumerate(related):
            if not looks_like_sop(item):
                sop.review(
                    ("keterkaitan", n),
                    f"butir '{_short(item)}' tidak menyebut SOP seperti butir lainnya; "
                    "pastikan butir ini milik kotak Keterkaitan.",
                )
