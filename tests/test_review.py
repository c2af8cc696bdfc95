import datetime as dt

from catalogue.rules.review_due import REVIEW_AFTER_YEARS, reference_date, review_findings
from catalogue.source.load import load_catalogue

from .conftest import MINIMAL_SOP, write_catalogue


def _catalogue(tmp_path, **dates):
    text = MINIMAL_SOP
    for key, value in dates.items():
        text = text.replace(
            f"{key}: 2024-01-02" if key != "tanggal_revisi" else 'tanggal_revisi: "-"', f"{key}: {value}"
        )
    return load_catalogue(write_catalogue(tmp_path / "sops", {"laporan.yml": text}))


def test_old_sop_is_due_and_recent_one_is_not(tmp_path):
    cat = _catalogue(tmp_path)
    assert review_findings(cat, dt.date(2024 + REVIEW_AFTER_YEARS, 1, 1)) == []
    due = review_findings(cat, dt.date(2024 + REVIEW_AFTER_YEARS + 1, 1, 3))
    assert [f.sop_id for f in due] == ["kab-uji/kec-uji/laporan"]
    assert due[0].since == dt.date(2024, 1, 2) and "tanpa revisi" in due[0].message


def test_revision_resets_the_clock_and_a_future_revision_date_is_a_plan(tmp_path):
    cat = _catalogue(tmp_path, tanggal_revisi="2027-06-01")
    assert review_findings(cat, dt.date(2027, 1, 1)) == []  # planned review still ahead
    assert review_findings(cat, dt.date(2029, 1, 1)) == []  # revised 2027: not yet 3 years
    assert len(review_findings(cat, dt.date(2031, 1, 1))) == 1


def test_reference_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert reference_date() == dt.date(2023, 11, 14)
