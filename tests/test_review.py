import datetime as dt

from catalogue.analysis import Sources, analyse_sources
from catalogue.rules.review_due import (
    DUE_SOON_DAYS,
    REVIEW_AFTER_YEARS,
    add_years,
    reference_date,
    review_findings,
    review_schedule,
)
from catalogue.source.load import load_catalogue

from .conftest import MINIMAL_SOP, write_catalogue


def _catalogue(tmp_path, extra: str = "", **dates):
    text = MINIMAL_SOP
    for key, value in dates.items():
        text = text.replace(
            f"{key}: 2024-01-02" if key != "tanggal_revisi" else 'tanggal_revisi: "-"', f"{key}: {value}"
        )
    return load_catalogue(write_catalogue(tmp_path / "sops", {"laporan.yml": text + extra}))


def test_old_sop_is_overdue_and_is_announced_a_quarter_ahead(tmp_path):
    cat = _catalogue(tmp_path)
    due = dt.date(2024 + REVIEW_AFTER_YEARS, 1, 2)
    assert review_findings(cat, due - dt.timedelta(days=DUE_SOON_DAYS + 1)) == []
    [soon] = review_findings(cat, due - dt.timedelta(days=DUE_SOON_DAYS))
    assert (soon.state, soon.due, soon.days) == ("segera", due, DUE_SOON_DAYS)
    [late] = review_findings(cat, dt.date(2024 + REVIEW_AFTER_YEARS + 1, 1, 3))
    assert [late.sop_id, late.state, late.since] == ["kab-uji/kec-uji/laporan", "lewat", dt.date(2024, 1, 2)]
    assert late.message == (
        "jatuh tempo tinjau 2 Januari 2027, lewat 366 hari (siklus peninjauan katalog 3 tahun sejak 2 Januari 2024)"
    )


def test_revision_resets_the_clock_and_a_future_revision_date_is_a_plan(tmp_path):
    cat = _catalogue(tmp_path, tanggal_revisi="2027-06-01")
    assert review_findings(cat, dt.date(2027, 1, 1)) == []  # planned review still ahead
    assert review_findings(cat, dt.date(2029, 1, 1)) == []  # revised 2027: not yet 3 years
    assert len(review_findings(cat, dt.date(2031, 1, 1))) == 1


def test_a_written_review_date_wins_over_the_cycle(tmp_path):
    cat = _catalogue(tmp_path, "tanggal_tinjau: 2025-06-30\n")
    sop = cat.sops["kab-uji/kec-uji/laporan"]
    schedule = review_schedule(sop, dt.date(2025, 1, 1))
    assert (schedule.due, schedule.basis) == (dt.date(2025, 6, 30), "tanggal_tinjau")
    [late] = review_findings(cat, dt.date(2025, 7, 1))
    assert late.message.endswith("(tanggal tinjau yang ditetapkan instansi)")


def test_the_catalogue_cycle_comes_from_katalog_yml(tmp_path):
    root = write_catalogue(tmp_path / "content" / "sops")
    (tmp_path / "content" / "katalog.yml").write_text(
        "nama: K\npenerbit: P\nlisensi: CC-BY-4.0\nsiklus_tinjau_tahun: 1\n", encoding="utf-8"
    )
    analysis = analyse_sources(Sources.at(root))
    assert analysis.review_cycle_years == 1
    assert analysis.review_schedules["kab-uji/kec-uji/laporan"].due == dt.date(2025, 1, 2)


def test_a_bad_cycle_is_an_error_of_katalog_yml(tmp_path):
    root = write_catalogue(tmp_path / "content" / "sops")
    (tmp_path / "content" / "katalog.yml").write_text(
        "nama: K\npenerbit: P\nlisensi: CC-BY-4.0\nsiklus_tinjau_tahun: tiga\n", encoding="utf-8"
    )
    [error] = analyse_sources(Sources.at(root)).errors
    assert (error.field_name, error.line) == ("siklus_tinjau_tahun", 4)
    assert "bilangan bulat 1 sampai 20" in error.message


def test_sops_no_longer_in_force_are_not_reviewed(tmp_path):
    cat = _catalogue(tmp_path, "status: dicabut\ntanggal_dicabut: 2025-01-01\nalasan_dicabut: SK\n")
    assert review_findings(cat, dt.date(2030, 1, 1)) == []


def test_a_leap_day_plus_years_is_the_28th_of_february():
    assert add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)


def test_reference_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert reference_date() == dt.date(2023, 11, 14)
