"""A printed list cell whose entry bounds only letter case decided: flagged, not silently merged."""

from catalogue.importer.page_rows import Word, _paragraphs_doubts, group_lines
from catalogue.importer.parsed import ParsedSop, ParsedStep, Row
from catalogue.importer.wrap_review import flag_doubtful_entries

SIZE = 10.0


def _line(text: str, top: float, x0: float = 100.0) -> list[Word]:
    """Words of one printed line, each letter 5 points wide, one space of 3 points between words."""
    out, x = [], x0
    for w in text.split():
        out.append(Word(w, x, top, x + 5 * len(w), top + SIZE, SIZE))
        x += 5 * len(w) + 3
    return out


def _cell(*lines: str, right: float) -> list[tuple[str, list[str]]]:
    words = [w for k, text in enumerate(lines) for w in _line(text, 100 + 12 * k)]
    return [(text, doubts) for text, _, doubts in _paragraphs_doubts(group_lines(words), 100, right, False)]


def test_a_full_line_then_an_acronym_line_is_joined_but_noted_as_a_doubt():
    # "badan hukum" fills the cell; "STNK" did not fit: a wrap inside one entry, or a new entry.
    right = 100 + 5 * len("Akta pendirian badan hukum") + 6
    got = _cell("Akta pendirian badan hukum", "STNK dan buku uji", right=right)
    assert got == [("Akta pendirian badan hukum STNK dan buku uji", ["hukum STNK"])]


def test_no_doubt_where_the_text_says_which_it_is():
    right = 100 + 5 * len("Akta pendirian badan hukum") + 6
    # a sentence going on in small letters; a one-word tail (an acronym ending a name); a numbered entry:
    # each is joined into one paragraph, and none is a doubt
    assert _cell("Akta pendirian badan hukum", "dan buku uji", right=right) == [
        ("Akta pendirian badan hukum dan buku uji", [])
    ]
    assert _cell("SOP Penerbitan Surat Perintah", "SP2D", right=100 + 5 * 29 + 9) == [
        ("SOP Penerbitan Surat Perintah SP2D", [])
    ]
    assert _cell("1. Akta pendirian badan hukum", "STNK dan buku uji", right=100 + 5 * 29 + 9) == [
        ("1. Akta pendirian badan hukum STNK dan buku uji", [])
    ]


def test_an_entry_holding_a_doubtful_join_is_flagged_on_its_path():
    row = Row(cells=["Akta pendirian badan hukum STNK dan buku uji"], line=1, doubts=[(0, "hukum STNK")])
    sop = ParsedSop(
        steps=[ParsedStep("1", "Mengajukan permohonan", kelengkapan=["Surat permohonan", row.cells[0]])]
    )
    sop.boxes["dasar_hukum"] = ["UU 1/2020;", "Perda 2/2021 tentang Retribusi Daerah Pajak;"]
    flag_doubtful_entries(sop, [row, Row(cells=["x"], line=2, doubts=[(0, "Retribusi Daerah")])])
    assert [r.field for r in sop.reviews] == [("langkah", 0, "kelengkapan")]  # the ";" list is delimited
    assert "hukum / STNK" in sop.reviews[0].message
