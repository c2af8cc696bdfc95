"""Dates as Indonesian documents write them ("02 Januari 2024") and as the site prints them."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_MONTH_NUMBER = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
# Spellings and abbreviations seen on signed documents.
_MONTH_NUMBER.update(
    {
        "jan": 1,
        "feb": 2,
        "pebruari": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "agu": 8,
        "agt": 8,
        "agus": 8,
        "sep": 9,
        "sept": 9,
        "okt": 10,
        "nov": 11,
        "nop": 11,
        "nopember": 11,
        "des": 12,
    }
)

#: Every month name and spelling written in full ("Pebruari", "Nopember"), lower case: the words a misspelt or
#: misread month name is compared with (the importer's OCR mend).
MONTH_SPELLINGS = tuple(w for w in _MONTH_NUMBER if len(w) >= 5)


def month_number(word: str) -> int | None:
    """The month (1-12) a month name, spelling or abbreviation written on a document means, or None."""
    return _MONTH_NUMBER.get(word.lower().strip("."))


_INDONESIAN = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def parse_date(text: str) -> dt.date | None:
    """Parse ``2024-01-02``, ``2 Januari 2024`` or ``02/01/2024`` (day first); None if not a real date."""
    if m := _ISO.match(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _INDONESIAN.match(text):
        mo = month_number(m.group(2))
        if mo is None:
            return None
        d, y = int(m.group(1)), int(m.group(3))
    elif m := _NUMERIC.match(text):
        d, mo, y = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


def format_date(value: dt.date | None, missing: str = "-") -> str:
    """``2 Januari 2024``, the way Indonesian documents print a date."""
    if value is None:
        return missing
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
