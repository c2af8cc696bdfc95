import datetime as dt
from types import SimpleNamespace

import pytest

from catalogue.rules.dates import format_date, parse_date
from catalogue.rules.flow import normal_path, transitions
from catalogue.rules.numbering import numbering_findings, step_key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-02", dt.date(2024, 1, 2)),
        ("02 Januari 2024", dt.date(2024, 1, 2)),
        ("15 Agustus 2013", dt.date(2013, 8, 15)),
        ("1 Nopember 2020", dt.date(2020, 11, 1)),
        ("27/03/2018", dt.date(2018, 3, 27)),
        ("31 Februari 2024", None),
        ("2024-13-01", None),
        ("kemarin", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_format_date_is_indonesian():
    assert format_date(dt.date(2024, 1, 2)) == "2 Januari 2024"
    assert format_date(None) == "-"


def test_step_key_ignores_printed_punctuation():
    assert step_key("1.") == step_key("1") == step_key(" 1 ")


def test_numbering_gap_and_repeat():
    findings = numbering_findings(["1", "2", "3", "4", "5", "8", "9"])
    assert findings == [(5, findings[0][1])]
    assert "dari 5 ke 8" in findings[0][1] and "6–7" in findings[0][1]
    repeats = numbering_findings(["1", "2", "2", "3"])
    assert [i for i, _ in repeats] == [2]
    assert numbering_findings(["1.", "2.", "3."]) == []


def _steps(*specs):
    return [
        SimpleNamespace(no=str(i + 1), kind=k, ya=ya, tidak=tidak) for i, (k, ya, tidak) in enumerate(specs)
    ]


def test_transitions_and_normal_path_with_loop_back():
    steps = _steps(
        ("terminator", None, None),
        ("proses", None, None),
        ("keputusan", "4", "2"),
        ("terminator", None, None),
    )
    arrows = [(t.source, t.target, t.label) for t in transitions(steps)]
    assert arrows == [(0, 1, None), (1, 2, None), (2, 3, "Ya"), (2, 1, "Tidak")]
    assert normal_path(steps) == [0, 1, 2, 3]


def test_normal_path_takes_forward_branch_even_when_it_is_tidak():
    steps = _steps(
        ("terminator", None, None),
        ("keputusan", "1", "4"),
        ("proses", None, None),
        ("terminator", None, None),
    )
    assert normal_path(steps) == [0, 1, 3]


def test_a_branch_that_ends_the_procedure_has_no_arrow():
    steps = _steps(("terminator", None, None), ("keputusan", "3", "-"), ("terminator", None, None))
    arrows = [(t.source, t.target, t.label) for t in transitions(steps)]
    assert arrows == [(0, 1, None), (1, 2, "Ya")]
    assert normal_path(steps) == [0, 1, 2]
