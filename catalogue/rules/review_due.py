"""When each SOP is due for review, and which are due: an auditor's question ("SOPs past their review date").

PermenPAN-RB 35/2012 asks agencies to monitor SOPs every six months and evaluate them periodically without
fixing a period, so the catalogue uses a stated convention, in this order:

1. ``tanggal_tinjau``, the next review the agency wrote into the source, is the due date;
2. a revision date in the future is read as the planned review date the agency wrote (seeds do this);
3. otherwise the catalogue's review cycle (``siklus_tinjau_tahun`` in katalog.yml, REVIEW_AFTER_YEARS by
   default) counted from the SOP's latest date (revision, else effective, else creation).

An SOP is "lewat" (overdue) once its due date has passed, and "segera" (due soon) within DUE_SOON_DAYS of it.
Only SOPs in force are reviewed: a replaced or revoked SOP has nothing left to review. The reference date is
today's, or SOURCE_DATE_EPOCH's (reproducible builds); the site and the open data say which date it was.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from catalogue.model import Catalogue, Sop
from catalogue.rules.dates import format_date

#: The default review cycle in years, when katalog.yml sets none.
REVIEW_AFTER_YEARS = 3
#: A due date this close is announced ahead ("segera ditinjau"): a quarter, time to plan an evaluation.
DUE_SOON_DAYS = 90

#: Where a due date comes from.
BASIS_PLANNED = "tanggal_tinjau"
BASIS_REVISION_AHEAD = "tanggal_revisi"
BASIS_CYCLE = "siklus"
#: The review states of an SOP in force.
OVERDUE, DUE_SOON = "lewat", "segera"


def reference_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH (reproducible builds: the same input gives the same site)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class ReviewSchedule:
    """When an SOP in force is due for review, and why then."""

    sop_id: str
    due: dt.date
    basis: str  # BASIS_PLANNED | BASIS_REVISION_AHEAD | BASIS_CYCLE
    since: dt.date | None = None  # for the cycle: the latest date it counts from
    cycle_years: int = REVIEW_AFTER_YEARS

    def state(self, today: dt.date) -> str | None:
        """OVERDUE, DUE_SOON, or None while the due date is further than DUE_SOON_DAYS ahead."""
        if self.due < today:
            return OVERDUE
        if (self.due - today).days <= DUE_SOON_DAYS:
            return DUE_SOON
        return None

    @property
    def reason(self) -> str:
        """Why this is the due date, in the reader's words."""
        if self.basis == BASIS_PLANNED:
            return "tanggal tinjau yang ditetapkan instansi"
        if self.basis == BASIS_REVISION_AHEAD:
            return "tanggal revisi yang direncanakan instansi"
        return f"siklus peninjauan katalog {self.cycle_years} tahun sejak {format_date(self.since)}"


def review_schedule(sop: Sop, today: dt.date, cycle_years: int = REVIEW_AFTER_YEARS) -> ReviewSchedule | None:
    """The due date of an SOP in force; None for an SOP no longer in force or without any date."""
    if not sop.in_force:
        return None
    if sop.tanggal_tinjau is not None:
        return ReviewSchedule(sop.id, sop.tanggal_tinjau, BASIS_PLANNED, cycle_years=cycle_years)
    if sop.tanggal_revisi and sop.tanggal_revisi > today:
        return ReviewSchedule(sop.id, sop.tanggal_revisi, BASIS_REVISION_AHEAD, cycle_years=cycle_years)
    latest = sop.latest_date
    if latest is None:
        return None
    return ReviewSchedule(sop.id, add_years(latest, cycle_years), BASIS_CYCLE, latest, cycle_years)


@dataclass(frozen=True)
class ReviewFinding:
    """An SOP due for review (overdue or due soon) on the reference date."""

    schedule: ReviewSchedule
    state: str  # OVERDUE | DUE_SOON
    today: dt.date

    @property
    def sop_id(self) -> str:
        return self.schedule.sop_id

    @property
    def due(self) -> dt.date:
        return self.schedule.due

    @property
    def since(self) -> dt.date | None:
        return self.schedule.since

    @property
    def days(self) -> int:
        """Days past the due date (overdue), or left before it (due soon)."""
        return abs((self.today - self.due).days)

    @property
    def label(self) -> str:
        return "Lewat jatuh tempo tinjau" if self.state == OVERDUE else "Segera ditinjau"

    @property
    def distance(self) -> str:
        """How far the due date is: "lewat 40 hari" or "dalam 12 hari"."""
        return f"lewat {self.days} hari" if self.state == OVERDUE else f"dalam {self.days} hari"

    @property
    def message(self) -> str:
        when = format_date(self.due)
        if self.state == OVERDUE:
            head = f"jatuh tempo tinjau {when}, lewat {self.days} hari"
        else:
            head = f"jatuh tempo tinjau {when}, {self.days} hari lagi"
        return f"{head} ({self.schedule.reason})"


def review_finding(sop: Sop, today: dt.date, cycle_years: int = REVIEW_AFTER_YEARS) -> ReviewFinding | None:
    """The SOP's finding when it is overdue or due soon on ``today``."""
    schedule = review_schedule(sop, today, cycle_years)
    state = schedule.state(today) if schedule else None
    return ReviewFinding(schedule, state, today) if schedule and state else None


def review_findings(
    catalogue: Catalogue, today: dt.date | None = None, cycle_years: int = REVIEW_AFTER_YEARS
) -> list[ReviewFinding]:
    """SOPs in force that are overdue or due soon, the longest overdue first."""
    today = today or reference_date()
    found = [
        f for sop in catalogue.sops.values() if (f := review_finding(sop, today, cycle_years)) is not None
    ]
    return sorted(found, key=lambda f: (f.due, f.sop_id))
