"""Reading an agency's monitoring and evaluation records (``<instansi>/_monev/<slug>.<jenis>.yml``).

Each file is checked against its declaration in :mod:`catalogue.source.records_format` and by the rules of
:mod:`catalogue.rules.monev`; problems carry file, line and column as an SOP's do. A record must belong to an
SOP of its agency. The checked data is kept beside the model so that the public edition can be built from
the same data with the internal keys removed (:func:`public_records`).
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

from catalogue.model import CriterionScore, Evaluation, FollowUp, MonitoringEntry, SopRecords
from catalogue.problems import Problem, ProblemLog, Severity
from catalogue.rules.monev import evaluation_findings, monitoring_findings
from catalogue.rules.review_due import reference_date

from .files import _read_checked, _with_positions
from .records_format import CRITERIA, EVALUATION, MONITORING, RECORD_KINDS, RECORDS_FOLDER, record_file_name
from .review_marks import review_marks, review_problems
from .spec import redact

SUFFIXES = {f".{kind}.yml": kind for kind in RECORD_KINDS}


@dataclasses.dataclass(frozen=True)
class RecordFile:
    """One checked record file: its kind, the SOP slug it belongs to, and its checked data (None on errors)."""

    path: Path
    kind: str
    sop_slug: str
    data: dict[str, Any] | None
    problems: tuple[Problem, ...]


def read_record(path: Path, kind: str, sop_slug: str) -> RecordFile:
    """Read and check one record file."""
    log = ProblemLog()
    spec = RECORD_KINDS[kind]
    data, text = _read_checked(path, spec, log)
    if data is not None and not log.has_errors:
        rule = evaluation_findings if kind == "evaluasi" else monitoring_findings
        for finding in rule(list(data.get(kind) or ()), reference_date()):
            (log.error if finding.error else log.warning)(path, finding.field, finding.message)
    problems = _with_positions(log.problems, text)
    if text is not None:
        problems += review_problems(path, review_marks(text))
    ok = data is not None and not any(p.is_error for p in problems)
    return RecordFile(path, kind, sop_slug, data if ok else None, tuple(problems))


def record_files(agency_dir: Path) -> tuple[list[tuple[Path, str, str]], list[Problem]]:
    """(path, kind, SOP slug) of every record file of an agency folder, and the names that are no record."""
    folder = agency_dir / RECORDS_FOLDER
    if not folder.is_dir():
        return [], []
    found: list[tuple[Path, str, str]] = []
    problems: list[Problem] = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("."):
            continue
        path = folder / name
        kind = next((k for suffix, k in SUFFIXES.items() if name.endswith(suffix)), None)
        if kind is None or not path.is_file():
            problems.append(
                Problem(
                    Severity.ERROR,
                    path,
                    f"'{name}' bukan catatan monitoring atau evaluasi; folder {RECORDS_FOLDER}/ hanya memuat "
                    f"berkas '<slug-sop>.monitoring.yml' dan '<slug-sop>.evaluasi.yml'.",
                )
            )
            continue
        found.append((path, kind, name[: -len(f".{kind}.yml")]))
    return found, problems


def _monitoring(data: dict[str, Any]) -> tuple[MonitoringEntry, ...]:
    return tuple(
        MonitoringEntry(
            tanggal=e["tanggal"],
            penilaian=e["penilaian"],
            metode=e.get("metode"),
            penilai=e.get("penilai"),
            catatan=tuple(e.get("catatan", ())),
            tindakan=tuple(e.get("tindakan", ())),
        )
        for e in data["monitoring"]
    )


def _evaluations(data: dict[str, Any]) -> tuple[Evaluation, ...]:
    out = []
    for i, e in enumerate(data["evaluasi"]):
        out.append(
            Evaluation(
                periode=e["periode"],
                tanggal=e["tanggal"],
                kriteria=tuple(
                    CriterionScore(key, e["kriteria"][key]["nilai"], e["kriteria"][key].get("catatan"))
                    for key in CRITERIA
                ),
                hasil=e["hasil"],
                rekomendasi=tuple(e.get("rekomendasi", ())),
                tindak_lanjut=tuple(
                    FollowUp(
                        uraian=f["uraian"],
                        penanggung_jawab=f["penanggung_jawab"],
                        batas_waktu=f["batas_waktu"],
                        status=f["status"],
                        catatan=f.get("catatan"),
                    )
                    for f in e.get("tindak_lanjut", ())
                ),
                tim_penilai=tuple(e.get("tim_penilai", ())),
                index=i,
            )
        )
    return tuple(sorted(out, key=lambda ev: (ev.periode, ev.tanggal)))


def build_records(sop_id: str, files: dict[str, RecordFile]) -> SopRecords:
    """The records of one SOP from its checked files (``kind -> file``)."""
    monitoring = files.get("monitoring")
    evaluasi = files.get("evaluasi")
    return SopRecords(
        sop_id=sop_id,
        monitoring=_monitoring(monitoring.data) if monitoring and monitoring.data else (),
        evaluasi=_evaluations(evaluasi.data) if evaluasi and evaluasi.data else (),
        monitoring_source=monitoring.path if monitoring else None,
        evaluasi_source=evaluasi.path if evaluasi else None,
        checked={kind: f.data for kind, f in files.items() if f.data is not None},
    )


def public_records(records: SopRecords) -> SopRecords:
    """The same records without the keys the format marks internal (the public edition). Records that are
    public already (read back from a site's files: nothing checked to redact from) stay as they are."""
    checked = records.checked or {}
    if not checked:
        return records
    return dataclasses.replace(
        records,
        monitoring=_monitoring(redact(MONITORING, checked["monitoring"])) if "monitoring" in checked else (),
        evaluasi=_evaluations(redact(EVALUATION, checked["evaluasi"])) if "evaluasi" in checked else (),
        checked={},
    )


def orphan_problem(record: RecordFile, agency_dir: Path, slugs: list[str]) -> Problem:
    """A record whose SOP is not in the agency folder."""
    import difflib

    close = difflib.get_close_matches(record.sop_slug, slugs, n=1, cutoff=0.6)
    hint = (
        f" Maksud Anda '{record_file_name(close[0], record.kind)}'?"
        if close
        else " Nama berkas catatan adalah nama berkas SOP-nya ditambah '." + record.kind + ".yml'."
    )
    return Problem(
        Severity.ERROR,
        record.path,
        f"catatan {record.kind} untuk SOP '{record.sop_slug}' yang tidak ada di {agency_dir.name}/.{hint}",
    )
