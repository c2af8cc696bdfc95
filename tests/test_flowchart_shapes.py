"""Drawn flowcharts: the geometry rules (symbol kinds, connectors, labels, a step's own symbol) on plain
shapes, and a procedure table with its flowchart drawn in a PDF made here."""

from __future__ import annotations

from pathlib import Path

from catalogue.importer import parse_document
from catalogue.importer.flowchart_shapes import (
    DECISION,
    OFF_PAGE,
    ON_PAGE,
    PROCESS,
    TERMINATOR,
    Connector,
    Drawing,
    Shape,
    classify_polygon,
    join_segments,
    link,
    orient,
    place_labels,
    shape_from_path,
    step_symbols,
)
from catalogue.importer.pdf_reader import rows_from_pdf
from tests.pdf_drawing import Drawing as Canvas
from tests.pdf_drawing import identity, procedure_table


def test_symbol_kinds_from_their_outlines():
    assert classify_polygon([(0, 0), (40, 0), (40, 20), (0, 20)], curved=False) == PROCESS
    assert classify_polygon([(20, 0), (40, 12), (20, 24), (0, 12)], curved=False) == DECISION
    assert classify_polygon([(0, 0), (14, 0), (14, 9), (7, 14), (0, 9)], curved=False) == OFF_PAGE
    assert classify_polygon([(8, 0), (36, 0), (44, 8), (36, 16), (8, 16), (0, 8)], curved=False) == TERMINATOR
    assert classify_polygon([(0, 8), (20, 0), (40, 8), (20, 16)], curved=True) == TERMINATOR
    assert classify_polygon([(0, 6), (6, 0), (12, 6), (6, 12)], curved=True) == ON_PAGE


def test_closed_paths_are_symbols_small_triangles_arrowheads_and_open_runs_connectors():
    box = [("m", (0, 0)), ("l", (40, 0)), ("l", (40, 20)), ("l", (0, 20)), ("h",)]
    head = [("m", (10, 10)), ("l", (8, 5)), ("l", (12, 5)), ("h",)]
    run = [("m", (0, 0)), ("l", (0, 30)), ("l", (50, 30))]
    found = shape_from_path(box, 1)
    assert isinstance(found, Shape) and found.kind == PROCESS
    assert isinstance(shape_from_path(head, 1), list)
    assert shape_from_path(run, 1) is None


def test_a_connector_runs_towards_its_arrowhead_and_joins_only_end_to_end():
    head = [(0.0, 0.0), (-2.0, 5.0), (2.0, 5.0)]
    assert orient([(0.0, 0.0), (0.0, 40.0)], [head]) == [(0.0, 40.0), (0.0, 0.0)]
    joined = join_segments([[(0, 0), (0, 20)], [(0, 20), (30, 20)]], stops=[])
    assert joined == [[(0, 0), (0, 20), (30, 20)]]
    # Three runs meeting at one point are a junction, not one path.
    assert len(join_segments([[(0, 0), (0, 20)], [(0, 20), (30, 20)], [(0, 20), (-30, 20)]], stops=[])) == 3


def test_a_label_beside_a_connector_s_start_names_that_branch():
    decision = Shape(DECISION, (100, 100, 140, 124), 1)
    yes = Shape(PROCESS, (100, 200, 140, 220), 1)
    no = Shape(PROCESS, (200, 100, 240, 120), 1)
    drawing = Drawing(
        [decision, yes, no],
        [Connector([(120, 124), (120, 200)], 1), Connector([(140, 112), (200, 112)], 1)],
        [],
    )
    link(drawing)
    used = place_labels(
        drawing,
        [
            ("Ya", (123, 127, 133, 134)),
            ("Tidak", (143, 103, 163, 110)),
            ("Berkas permohonan lengkap dan sah", (10, 10, 90, 18)),
        ],
    )
    assert used == [0, 1]
    assert [(c.label, c.target) for c in drawing.connectors] == [("Ya", yes), ("Tidak", no)]


def test_a_terminator_that_only_ends_a_branch_of_its_row_is_not_the_step_s_symbol():
    decision = Shape(DECISION, (100, 100, 140, 124), 1)
    end = Shape(TERMINATOR, (20, 104, 64, 120), 1, "Selesai")
    drawing = Drawing([decision, end], [Connector([(100, 112), (64, 112)], 1)], [])
    link(drawing)
    row = (1, 0, 3)
    assert step_symbols(drawing, {id(decision): row, id(end): row}) == {id(decision): True}
    # Alone in its row, a terminator is the step's symbol (the last step's "Selesai").
    assert step_symbols(drawing, {id(decision): row, id(end): (1, 0, 4)}) == {
        id(decision): True,
        id(end): True,
    }


def _flowchart_pdf(path: Path, tidak_ends: bool = False) -> Path:
    """The test procedure with its flowchart drawn in the role columns: step 1 "Mulai" (Pemohon), 2 a
    process (Petugas Loket), 3 a decision (Petugas Loket) whose "Ya" goes to 4 and whose "Tidak" returns
    to 1 (or ends at a "Selesai" terminator in its row), 4 a process (Petugas Loket), 5 "Selesai"
    (Kepala Seksi). No sentence names a performer of steps 3 and 4."""
    d = Canvas(path)
    identity(d)
    t = procedure_table()
    t.cells[(4, 1)] = ["Apakah berkas lengkap?"]
    t.cells[(5, 1)] = ["Menyusun konsep surat."]
    d.table(t)
    c1, c2, c3 = (t.center(2, 2), t.center(3, 3), t.center(4, 3))
    c4, c5 = t.center(5, 3), t.center(6, 4)
    d.capsule(*c1, "Mulai")
    d.rect(*c2)
    d.diamond(*c3)
    d.rect(*c4)
    d.capsule(*c5, "Selesai")
    d.arrow([(c1[0], c1[1] + 8), (c1[0], c1[1] + 14), (c2[0], c1[1] + 14), (c2[0], c2[1] - 8)])
    d.arrow([(c2[0], c2[1] + 8), (c3[0], c3[1] - 12)])
    d.arrow([(c3[0], c3[1] + 12), (c4[0], c4[1] - 8)])
    d.text(c3[0] + 3, c3[1] + 13, "Ya", 7)
    if tidak_ends:
        end = (c3[0] - 45, c3[1])
        d.capsule(*end, "Selesai", w=30)
        d.arrow([(c3[0] - 20, c3[1]), (end[0] + 15, end[1])])
        d.text(c3[0] - 32, c3[1] - 9, "Tidak", 7)
    else:
        d.arrow([(c3[0] + 20, c3[1]), (c3[0] + 26, c3[1]), (c3[0] + 26, c1[1]), (c1[0] + 22, c1[1])])
        d.text(c3[0] + 21, c3[1] - 9, "Tidak", 7)
    d.arrow([(c4[0], c4[1] + 8), (c4[0], c4[1] + 14), (c5[0], c4[1] + 14), (c5[0], c5[1] - 8)])
    d.save()
    return path


def test_the_drawing_states_performer_kind_and_branches(tmp_path):
    path = _flowchart_pdf(tmp_path / "bagan.pdf")
    rows = [r for r in rows_from_pdf(path) if r.from_table]
    assert not any(
        "Ya" in c or "Tidak" in c or "Mulai" in c for r in rows for c in r.cells
    )  # labels, not text
    assert [next(k for k in r.shapes if k) for r in rows if r.shapes] == [
        TERMINATOR,
        PROCESS,
        DECISION,
        PROCESS,
        TERMINATOR,
    ]
    sop = parse_document(path)[0]
    steps = sop.steps
    assert [s.pelaksana for s in steps] == [
        "Pemohon",
        "Petugas Loket",
        "Petugas Loket",
        "Petugas Loket",
        "Kepala Seksi",
    ]
    assert all(s.pelaksana_status == "tertulis" for s in steps)  # the symbol's column states it
    assert (steps[2].jenis, steps[2].ya, steps[2].tidak) == ("keputusan", "4", "1")
    assert not any(r.field[:2] == ("langkah", 2) for r in sop.reviews)


def test_a_branch_drawn_into_selesai_ends_the_procedure(tmp_path):
    sop = parse_document(_flowchart_pdf(tmp_path / "bagan.pdf", tidak_ends=True))[0]
    step = sop.steps[2]
    assert step.pelaksana == "Petugas Loket"  # the "Selesai" beside the diamond is not the step's symbol
    assert (step.jenis, step.ya, step.tidak) == ("keputusan", "4", "-")


def test_only_a_step_symbol_gives_a_step_its_kind():
    """An off-page connector (or another mark) drawn in a step's row is not that step's symbol: the kind
    stays what the text gives, and the draft keeps to the source format's kinds."""
    from catalogue.importer.flowchart_evidence import apply_flowchart
    from catalogue.importer.parsed import ParsedSop, ParsedStep, Row

    sop = ParsedSop(
        steps=[
            ParsedStep("1", "Mulai", line=1),
            ParsedStep("2", "Memeriksa", line=2),
            ParsedStep("3", "Selesai", line=3),
        ]
    )
    rows = [
        Row(["1", "Mulai", ""], 1, from_table=True, shapes=[None, None, "terminator"]),
        Row(["2", "Memeriksa", ""], 2, from_table=True, shapes=[None, None, "penghubung"]),
        Row(["3", "Selesai", ""], 3, from_table=True, shapes=[None, None, "lingkaran"]),
    ]
    apply_flowchart(sop, rows)
    assert [s.jenis for s in sop.steps] == [None, None, None]
    assert [s.drawn for s in sop.steps] == ["terminator", None, None]
