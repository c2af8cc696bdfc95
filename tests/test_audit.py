"""The auditor's rows (catalogue/analysis/audit.py): one per SOP with findings, confirmed apart from
suspected, each with its pemda and agency."""

from __future__ import annotations

from catalogue.analysis import Sources, analyse_sources
from catalogue.analysis.audit import KIND_LABELS, audit_rows

from .conftest import SEEDS


def test_one_row_per_sop_with_inferences_kept_apart():
    analysis = analyse_sources(Sources.at(SEEDS))
    rows = audit_rows(analysis)
    assert len({r.sop_id for r in rows}) == len(rows)
    assert [r.sop_id for r in rows] == [s for s in analysis.catalogue.sops if s in {r.sop_id for r in rows}]
    inferred = {(f.sop_id, f.message) for f in analysis.legal.findings if f.inference}
    recorded = {(f.sop_id, f.message) for f in analysis.legal.findings if not f.inference}
    assert inferred and recorded
    for row in rows:
        sop = analysis.catalogue.sops[row.sop_id]
        assert (row.pemda_slug, row.agency_id) == (sop.pemda_slug, sop.agency_id)
        assert row.confirmed or row.suspected
        assert {(row.sop_id, f.message) for f in row.suspected} <= inferred
        assert not {(row.sop_id, f.message) for f in row.confirmed} & inferred
        kinds = [f.kind for f in row.confirmed]
        assert kinds == sorted(kinds, key=list(KIND_LABELS).index)  # grouped by kind
    every_finding = {(f.sop_id, f.message) for f in analysis.legal.findings}
    shown = {(r.sop_id, f.message) for r in rows for f in (*r.confirmed, *r.suspected)}
    assert every_finding <= shown
    # Data-quality notes land on the SOP they are about.
    gaps = [
        f for r in rows for f in r.confirmed if f.kind == "mutu_data" and "melompat dari 5 ke 8" in f.message
    ]
    assert len(gaps) == 1
