"""Which SOPs are due for review: an auditor's question ("SOPs past their review date").

PermenPAN-RB 35/2012 asks agencies to monitor SOPs every six months and evaluate them periodically without
fixing a period, so the catalogue uses a stated convention: an SOP whose latest date (revision, else
effective, else creation) is more than REVIEW_AFTER_YEARS old is due. A revision date in the future is read
as the planned review date the agency wrote: the SOP is not due before it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from catalogue.model import Catalogue, Sop

REVIEW_AFTER_YEARS = 3


def reference_date() -> dt.date:
    """Today, or the date in SOURCE_DATE_EPOCH (reproducible builds: the same input gives the same site)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


@dataclass(frozen=True)
class ReviewFinding:
    sop_id: str
    since: dt.date  # the latest date of the SOP (revision, else effective, else creation)
    years: float

    @property
    def message(self) -> str:
        return f"{self.years:.1f} tahun sejak {self.since.isoformat()} tanpa revisi".replace(".", ",", 1)


def review_finding(sop: Sop, today: dt.date) -> ReviewFinding | None:
    """Due when the latest date is older than the convention; a revision date still ahead is a plan."""
    if sop.tanggal_revisi and sop.tanggal_revisi > today:
        return None
    latest = sop.tanggal_revisi or sop.tanggal_efektif or sop.tanggal_pembuatan
    if latest is None:
        return None
    years = (today - latest).days / 365.25
    return ReviewFinding(sop.id, latest, years) if years > REVIEW_AFTER_YEARS else None


def review_findings(catalogue: Catalogue, today: dt.date | None = None) -> list[ReviewFinding]:
    """SOPs due for review, oldest first."""
    today = today or reference_date()
    found = [f for sop in catalogue.sops.values() if (f := review_finding(sop, today)) is not None]
    return sorted(found, key=lambda f: (f.since, f.sop_id))
