"""Mutu baku "waktu": free text such as "2 Hari", "1-2 jam", "tentatif", parsed where it can be.

The raw text is what the agency signed and is always kept. A parsed duration has two parts that are never
silently mixed: working time (menit, jam, hari kerja) in minutes, and calendar time (minggu, bulan, hari
kalender) in days. The assumptions that turn a day into minutes live here and only here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: One working day, in minutes: 7.5 hours, the common Indonesian civil-service working day (37.5 h a week
#: over five days).
WORKING_DAY_MINUTES = 450
#: Calendar units, in days.
WEEK_DAYS = 7
MONTH_DAYS = 30

ASSUMPTIONS = (
    "1 hari kerja = 7,5 jam (450 menit)",
    "'hari' tanpa keterangan dibaca sebagai hari kerja",
    "1 minggu = 7 hari kalender, 1 bulan = 30 hari kalender; waktu kalender dijumlah terpisah dari waktu kerja",
)

_UNITS: dict[str, tuple[str, float]] = {
    # unit word -> (component, factor): "work" in minutes, "calendar" in days
    "detik": ("work", 1 / 60),
    "menit": ("work", 1),
    "mnt": ("work", 1),
    "jam": ("work", 60),
    "hari kerja": ("work", WORKING_DAY_MINUTES),
    "hk": ("work", WORKING_DAY_MINUTES),
    "hari": ("work", WORKING_DAY_MINUTES),
    "hari kalender": ("calendar", 1),
    "minggu": ("calendar", WEEK_DAYS),
    "pekan": ("calendar", WEEK_DAYS),
    "bulan": ("calendar", MONTH_DAYS),
}
#: The single words the units are written with ("hari", "kerja", "kalender", "menit" …).
UNIT_WORDS = frozenset(w for unit in _UNITS for w in unit.split())
#: A longer cell is prose, not a duration; the bound also keeps the regular expression's backtracking
#: (quadratic in a long run of digits) to microseconds.
MAX_WAKTU_LENGTH = 200
#: A cell adding up to more than this (about 38 years of working time) is junk, not a duration: it is left
#: unparsed, which also keeps totals finite (a 400-digit number would overflow to infinity).
MAX_PLAUSIBLE_MINUTES = 1e8
_WORDS = {
    "satu": 1,
    "dua": 2,
    "tiga": 3,
    "empat": 4,
    "lima": 5,
    "enam": 6,
    "tujuh": 7,
    "delapan": 8,
    "sembilan": 9,
    "sepuluh": 10,
    "setengah": 0.5,
}
_UNIT_RE = "|".join(sorted((re.escape(u) for u in _UNITS), key=len, reverse=True))
_NUM = r"(\d+(?:[.,]\d+)?|" + "|".join(_WORDS) + ")"
_TERM = re.compile(
    rf"{_NUM}(?:\s*\(\s*\w+\s*\))?\s*(?:(?:-|–|—|s\.?/?d\.?|sampai(?: dengan)?|hingga)\s*{_NUM})?\s*({_UNIT_RE})\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Duration:
    """A parsed waktu. ``min``/``max`` differ for ranges; all zero with ``parsed=False`` when not parsed."""

    raw: str
    parsed: bool
    work_min: float = 0.0
    work_max: float = 0.0
    calendar_min: float = 0.0
    calendar_max: float = 0.0


def _number(text: str) -> float:
    text = text.lower()
    if text in _WORDS:
        return float(_WORDS[text])
    return float(text.replace(",", "."))


def parse_duration(raw: str | None) -> Duration:
    """Parse one waktu cell; anything left unexplained makes the whole cell unparsed (never a guess)."""
    text = (raw or "").strip()
    if not text or len(text) > MAX_WAKTU_LENGTH:
        return Duration(raw=text, parsed=False)
    lowered = text.lower()
    work = [0.0, 0.0]
    calendar = [0.0, 0.0]
    consumed = 0
    found = False
    for m in _TERM.finditer(lowered):
        gap = lowered[consumed : m.start()]
        if gap.strip() not in ("", "+", ",", "dan", "&"):
            return Duration(raw=text, parsed=False)
        low = _number(m.group(1))
        high = _number(m.group(2)) if m.group(2) else low
        if high < low:
            return Duration(raw=text, parsed=False)
        component, factor = _UNITS[m.group(3).lower()]
        target = work if component == "work" else calendar
        target[0] += low * factor
        target[1] += high * factor
        consumed = m.end()
        found = True
    if not found or lowered[consumed:].strip(" .,"):
        return Duration(raw=text, parsed=False)
    if work[1] > MAX_PLAUSIBLE_MINUTES or calendar[1] * WORKING_DAY_MINUTES > MAX_PLAUSIBLE_MINUTES:
        return Duration(raw=text, parsed=False)
    return Duration(text, True, work[0], work[1], calendar[0], calendar[1])


@dataclass(frozen=True)
class DurationTotal:
    work_min: float
    work_max: float
    calendar_min: float
    calendar_max: float
    unparsed: tuple[str, ...]  # step numbers whose waktu could not be parsed


def total(durations: list[tuple[str, Duration]]) -> DurationTotal:
    """Sum (step no, duration) pairs; the caller chooses which steps (the normal path)."""
    w0 = w1 = c0 = c1 = 0.0
    unparsed = []
    for no, d in durations:
        if not d.parsed:
            unparsed.append(no)
            continue
        w0 += d.work_min
        w1 += d.work_max
        c0 += d.calendar_min
        c1 += d.calendar_max
    return DurationTotal(w0, w1, c0, c1, tuple(unparsed))


def _fmt_number(x: float) -> str:
    return (f"{x:.1f}".rstrip("0").rstrip(".")).replace(".", ",")


def format_work_minutes(minutes: float) -> str:
    """Minutes of working time as ``2 hari kerja 3 jam 15 menit``."""
    if minutes <= 0:
        return "0 menit"
    days, rest = divmod(round(minutes), WORKING_DAY_MINUTES)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} hari kerja")
    if hours:
        parts.append(f"{hours} jam")
    if mins:
        parts.append(f"{mins} menit")
    return " ".join(parts)


def format_total(t: DurationTotal) -> str:
    """Human text of a total, ranges as ``a – b``, calendar time named apart."""
    parts = []
    if t.work_max > 0:
        text = format_work_minutes(t.work_min)
        if t.work_max != t.work_min:
            text += " – " + format_work_minutes(t.work_max)
        parts.append(text)
    if t.calendar_max > 0:
        text = _fmt_number(t.calendar_min)
        if t.calendar_max != t.calendar_min:
            text += " – " + _fmt_number(t.calendar_max)
        parts.append(text + " hari kalender")
    return " + ".join(parts) if parts else "0 menit"
