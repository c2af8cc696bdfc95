"""Rules of the monitoring and evaluation records (PermenPAN-RB 35/2012, Bab IV): what a record may not say,
and the conventions the dashboards count by.

Conventions, stated once here:

* an evaluation's ``periode`` is a year (the regulation fixes no period; agencies evaluate yearly in practice);
* the catalogue's *last period* is the latest ``periode`` of any evaluation in the catalogue, so that every
  agency is measured against the same year; with no evaluation at all, it is the year of the reference date;
* a follow-up is *overdue* when it is not ``selesai`` and its ``batas_waktu`` is before the reference date
  (:func:`catalogue.rules.review_due.reference_date`: SOURCE_DATE_EPOCH's date, or today).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from catalogue.model import CONFORMS, NEEDS_IMPROVEMENT, Evaluation, FollowUp, MonitoringEntry, SopRecords
from catalogue.problems import FieldPath

PERIOD = re.compile(r"^\d{4}$")


@dataclass(frozen=True)
class Finding:
    """A problem with one record entry: ``error`` False for a warning."""

    field: FieldPath
    message: str
    error: bool = True


def evaluation_findings(evaluations: list[dict], today: dt.date) -> list[Finding]:
    """Checks across the keys of each evaluation of one record file (as checked by the format)."""
    found: list[Finding] = []
    seen: dict[str, int] = {}
    for i, ev in enumerate(evaluations):
        if not ev:
            continue
        here: FieldPath = ("evaluasi", i)
        periode = ev.get("periode")
        if periode is not None:
            if not PERIOD.match(periode):
                found.append(
                    Finding(
                        here + ("periode",), f"periode '{periode}' bukan tahun; tulis tahunnya, mis. '2025'."
                    )
                )
            elif periode in seen:
                found.append(
                    Finding(
                        here + ("periode",),
                        f"periode {periode} sudah dievaluasi pada butir {seen[periode] + 1}; "
                        "satu evaluasi per periode (gabungkan, atau perbaiki tahunnya).",
                    )
                )
            else:
                seen[periode] = i
        tanggal = ev.get("tanggal")
        if tanggal and periode and PERIOD.match(periode) and tanggal.year < int(periode):
            found.append(
                Finding(
                    here + ("tanggal",),
                    f"evaluasi periode {periode} bertanggal {tanggal.isoformat()}, sebelum periodenya dimulai; "
                    "periksa tahun tanggal atau periode.",
                    error=False,
                )
            )
        if tanggal and tanggal > today:
            found.append(
                Finding(
                    here + ("tanggal",), f"tanggal evaluasi {tanggal.isoformat()} belum tiba.", error=False
                )
            )
        hasil = ev.get("hasil")
        kriteria = ev.get("kriteria") or {}
        unmet = [k for k, v in kriteria.items() if v and v.get("nilai") == "tidak"]
        if hasil == CONFORMS and unmet:
            found.append(
                Finding(
                    here + ("hasil",),
                    f"hasil 'sesuai' padahal kriteria {', '.join(unmet)} bernilai 'tidak'; "
                    "periksa nilai kriteria atau ubah hasil menjadi 'perlu perbaikan'.",
                    error=False,
                )
            )
        if hasil == NEEDS_IMPROVEMENT and not ev.get("rekomendasi"):
            found.append(
                Finding(
                    here + ("rekomendasi",),
                    "hasil 'perlu perbaikan' tanpa rekomendasi; tulis apa yang harus diperbaiki.",
                )
            )
        for j, follow in enumerate(ev.get("tindak_lanjut") or ()):
            if follow and tanggal and follow.get("batas_waktu") and follow["batas_waktu"] < tanggal:
                found.append(
                    Finding(
                        here + ("tindak_lanjut", j, "batas_waktu"),
                        "batas waktu tindak lanjut lebih awal daripada tanggal evaluasinya.",
                        error=False,
                    )
                )
    return found


def monitoring_findings(entries: list[dict], today: dt.date) -> list[Finding]:
    found: list[Finding] = []
    for i, entry in enumerate(entries):
        if not entry:
            continue
        here: FieldPath = ("monitoring", i)
        if entry.get("penilaian") == "tidak berjalan dengan baik" and not entry.get("catatan"):
            found.append(
                Finding(
                    here + ("catatan",),
                    "penilaian 'tidak berjalan dengan baik' tanpa catatan hasil penilaian; tulis masalah yang "
                    "ditemukan.",
                    error=False,
                )
            )
        if entry.get("tanggal") and entry["tanggal"] > today:
            found.append(
                Finding(
                    here + ("tanggal",),
                    f"tanggal pengamatan {entry['tanggal'].isoformat()} belum tiba.",
                    error=False,
                )
            )
    return found


def is_overdue(follow_up: FollowUp, today: dt.date) -> bool:
    return follow_up.is_open and follow_up.batas_waktu < today


def last_period(records: Iterable[SopRecords], today: dt.date) -> str:
    """The period every agency's coverage is counted in (see the module's conventions)."""
    periods = [ev.periode for rec in records for ev in rec.evaluasi]
    return max(periods) if periods else str(today.year)


def evaluation_in(records: SopRecords | None, period: str) -> Evaluation | None:
    """The SOP's evaluation of ``period``, if any."""
    if records is None:
        return None
    return next((ev for ev in records.evaluasi if ev.periode == period), None)


def monitoring_share(entries: tuple[MonitoringEntry, ...]) -> tuple[int, int]:
    """(observations that found the SOP carried out well, all observations)."""
    return sum(1 for e in entries if e.berjalan_baik), len(entries)
