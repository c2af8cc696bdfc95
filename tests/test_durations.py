import pytest

from catalogue.rules.durations import (
    WORKING_DAY_MINUTES,
    Duration,
    format_total,
    format_work_minutes,
    parse_duration,
    total,
)


@pytest.mark.parametrize(
    ("raw", "work", "calendar"),
    [
        ("10 Menit", (10, 10), (0, 0)),
        ("1 Jam", (60, 60), (0, 0)),
        ("1 jam", (60, 60), (0, 0)),
        ("2 Hari", (2 * WORKING_DAY_MINUTES, 2 * WORKING_DAY_MINUTES), (0, 0)),
        ("3 hari kerja", (3 * WORKING_DAY_MINUTES,) * 2, (0, 0)),
        ("120 menit", (120, 120), (0, 0)),
        ("1-2 hari", (WORKING_DAY_MINUTES, 2 * WORKING_DAY_MINUTES), (0, 0)),
        ("1 – 2 Jam", (60, 120), (0, 0)),
        ("1 s/d 3 jam", (60, 180), (0, 0)),
        ("1 jam 30 menit", (90, 90), (0, 0)),
        ("1,5 jam", (90, 90), (0, 0)),
        ("2 (dua) hari", (900, 900), (0, 0)),
        ("1 Minggu", (0, 0), (7, 7)),
        ("1 bulan", (0, 0), (30, 30)),
        ("2 MINGGU", (0, 0), (14, 14)),
        ("14 hari kalender", (0, 0), (14, 14)),
        ("setengah jam", (30, 30), (0, 0)),
    ],
)
def test_parses_units_casing_and_ranges(raw, work, calendar):
    d = parse_duration(raw)
    assert d.parsed, raw
    assert (d.work_min, d.work_max) == work
    assert (d.calendar_min, d.calendar_max) == calendar
    assert d.raw == raw


@pytest.mark.parametrize(
    "raw", ["tentatif", "", "-", "sesuai jadwal", "2", "menit", "2 hari atau lebih", "3-1 jam"]
)
def test_unparseable_is_reported_not_guessed(raw):
    d = parse_duration(raw)
    assert not d.parsed
    assert d.work_max == 0 and d.calendar_max == 0


def test_total_keeps_calendar_apart_and_names_unparsed_steps():
    t = total(
        [
            ("1", parse_duration("1 jam")),
            ("2", parse_duration("1 minggu")),
            ("3", parse_duration("tentatif")),
            ("4", parse_duration("1-2 hari")),
        ]
    )
    assert t.work_min == 60 + WORKING_DAY_MINUTES
    assert t.work_max == 60 + 2 * WORKING_DAY_MINUTES
    assert (t.calendar_min, t.calendar_max) == (7, 7)
    assert t.unparsed == ("3",)
    assert format_total(t) == "1 hari kerja 1 jam – 2 hari kerja 1 jam + 7 hari kalender"


def test_format_work_minutes():
    assert format_work_minutes(0) == "0 menit"
    assert format_work_minutes(75) == "1 jam 15 menit"
    assert format_work_minutes(WORKING_DAY_MINUTES * 2 + 5) == "2 hari kerja 5 menit"


def test_duration_is_a_value():
    assert parse_duration("2 Hari") == parse_duration("2 Hari")
    assert isinstance(parse_duration("2 Hari"), Duration)
