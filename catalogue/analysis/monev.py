"""The monitoring and evaluation state of every SOP, agency and pemda: what the SOP page, the agency
dashboards and the auditor's view show, computed once (conventions: :mod:`catalogue.rules.monev`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from catalogue.model import Catalogue, Evaluation, FollowUp, Sop
from catalogue.rules.monev import evaluation_in, is_overdue, last_period, monitoring_share
from catalogue.rules.review_due import ReviewFinding
from catalogue.source.records_format import FOLLOW_UP_STATUSES, RESULTS

#: What the charts and tables call an SOP with no evaluation in the period.
NOT_EVALUATED = "belum dievaluasi"


@dataclass(frozen=True)
class SopMonev:
    """One SOP's state: its latest evaluation, its evaluation of the period, its follow-ups."""

    sop_id: str
    latest: Evaluation | None
    in_period: Evaluation | None
    open_follow_ups: tuple[FollowUp, ...]  # of the latest evaluation
    overdue: tuple[FollowUp, ...]
    monitoring_good: int = 0
    monitoring_total: int = 0
    last_monitoring: dt.date | None = None
    history: tuple[Evaluation, ...] = ()

    @property
    def result(self) -> str:
        """The result counted in the period: ``sesuai``, ``perlu perbaikan`` or ``belum dievaluasi``."""
        return self.in_period.hasil if self.in_period else NOT_EVALUATED


@dataclass(frozen=True)
class Dashboard:
    """The figures of a set of SOPs (an agency, a pemda, the catalogue) for one period."""

    period: str
    total: int
    results: dict[str, int]  # sesuai / perlu perbaikan / belum dievaluasi -> SOPs
    follow_ups: dict[
        str, int
    ]  # belum / dalam proses / selesai / terlambat -> follow-ups of latest evaluations
    open_follow_ups: tuple[tuple[str, FollowUp], ...]  # (SOP id, follow-up), the overdue first
    reviews_due: tuple[ReviewFinding, ...]
    monitoring_good: int = 0
    monitoring_total: int = 0
    sop_ids: tuple[str, ...] = field(default=())

    @property
    def evaluated(self) -> int:
        return self.total - self.results.get(NOT_EVALUATED, 0)

    @property
    def coverage_percent(self) -> int:
        return round(100 * self.evaluated / self.total) if self.total else 0


@dataclass(frozen=True)
class MonevIndex:
    period: str
    today: dt.date
    sops: dict[str, SopMonev]
    agencies: dict[str, Dashboard]
    pemdas: dict[str, Dashboard]
    catalogue: Dashboard

    @property
    def has_records(self) -> bool:
        return any(s.history or s.monitoring_total for s in self.sops.values())


OVERDUE = "terlambat"


def _sop_monev(sop: Sop, catalogue: Catalogue, period: str, today: dt.date) -> SopMonev:
    records = catalogue.records.get(sop.id)
    if records is None:
        return SopMonev(sop.id, None, None, (), ())
    latest = records.latest
    open_ = latest.open_follow_ups if latest else ()
    good, total = monitoring_share(records.monitoring)
    return SopMonev(
        sop.id,
        latest,
        evaluation_in(records, period),
        open_,
        tuple(f for f in open_ if is_overdue(f, today)),
        good,
        total,
        max((e.tanggal for e in records.monitoring), default=None),
        records.evaluasi,
    )


def _dashboard(
    sops: Iterable[Sop],
    states: dict[str, SopMonev],
    reviews: dict[str, ReviewFinding],
    period: str,
    today: dt.date,
) -> Dashboard:
    # A draft (internal edition only) is not in force: it is neither evaluated nor awaited.
    ids = [s.id for s in sops if not s.draf]
    results = {r: 0 for r in (*RESULTS, NOT_EVALUATED)}
    follow_ups = {s: 0 for s in (*FOLLOW_UP_STATUSES, OVERDUE)}
    open_: list[tuple[str, FollowUp]] = []
    good = total = 0
    for sop_id in ids:
        state = states[sop_id]
        results[state.result] += 1
        good += state.monitoring_good
        total += state.monitoring_total
        for f in state.latest.tindak_lanjut if state.latest else ():
            follow_ups[OVERDUE if is_overdue(f, today) else f.status] += 1
            if f.is_open:
                open_.append((sop_id, f))
    open_.sort(key=lambda pair: (not is_overdue(pair[1], today), pair[1].batas_waktu, pair[0]))
    return Dashboard(
        period,
        len(ids),
        results,
        follow_ups,
        tuple(open_),
        tuple(reviews[i] for i in ids if i in reviews),
        good,
        total,
        tuple(ids),
    )


def build_monev_index(
    catalogue: Catalogue, reviews_due: Iterable[ReviewFinding], today: dt.date
) -> MonevIndex:
    period = last_period(catalogue.records.values(), today)
    states = {sop.id: _sop_monev(sop, catalogue, period, today) for sop in catalogue.sops.values()}
    reviews = {r.sop_id: r for r in reviews_due}
    agencies = {
        agency.id: _dashboard(catalogue.sops_of(agency), states, reviews, period, today)
        for agency in catalogue.agencies.values()
    }
    by_pemda: dict[str, list[Sop]] = {slug: [] for slug in catalogue.pemdas}
    for sop in catalogue.sops.values():  # grouped once: one pass per pemda would be quadratic nationally
        by_pemda.setdefault(sop.pemda_slug, []).append(sop)
    pemdas = {slug: _dashboard(by_pemda[slug], states, reviews, period, today) for slug in catalogue.pemdas}
    return MonevIndex(
        period,
        today,
        states,
        agencies,
        pemdas,
        _dashboard(catalogue.sops.values(), states, reviews, period, today),
    )
