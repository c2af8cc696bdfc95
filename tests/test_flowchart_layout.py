"""The flowchart layout: lanes, symbols, routed transitions, gutter tracks, print pages and connectors."""

from __future__ import annotations

import random
from itertools import pairwise
from pathlib import Path

import pytest

from catalogue.layout.flowchart import (
    LANE_WIDTH,
    ROW_BOTTOM,
    ROW_TOP,
    UNASSIGNED_LANE,
    Piece,
    _assign_tracks,
    connector_letter,
    estimate_row_height,
    layout_flowchart,
    paginate,
)
from catalogue.model import Sop, Step
from catalogue.rules.durations import parse_duration
from catalogue.rules.flow import transitions


def make_step(
    i: int,
    no: str,
    kind: str = "proses",
    pelaksana: str | None = "A",
    *,
    ya: str | None = None,
    tidak: str | None = None,
    kegiatan: str = "Memeriksa berkas",
    status: str = "tertulis",
    kelengkapan: tuple[str, ...] = (),
    output: str | None = None,
) -> Step:
    return Step(
        no=no,
        kegiatan=kegiatan,
        kind=kind,
        pelaksana=pelaksana,
        pelaksana_status=status,
        pelaksana_alasan=None,
        ya=ya,
        tidak=tidak,
        kelengkapan=kelengkapan,
        waktu=parse_duration("1 jam"),
        output=output,
        keterangan=None,
        catatan=None,
        index=i,
    )


def make_sop(roles: tuple[str, ...], specs: list[dict]) -> Sop:
    """An SOP from step specs: dicts of make_step keywords; numbers default to 1, 2, 3 …"""
    last = len(specs) - 1
    steps = tuple(
        make_step(
            i,
            spec.pop("no", str(i + 1)),
            spec.pop("kind", "terminator" if i in (0, last) else "proses"),
            **spec,
        )
        for i, spec in enumerate(dict(s) for s in specs)
    )
    return Sop(
        pemda_slug="kab",
        agency_slug="kec",
        slug="uji",
        nomor="1",
        nama="Uji",
        tanggal_pembuatan=None,
        tanggal_revisi=None,
        tanggal_efektif=None,
        disahkan_oleh=None,
        topik=None,
        dasar_hukum=(),
        kualifikasi_pelaksana=(),
        keterkaitan=(),
        peralatan_perlengkapan=(),
        peringatan=(),
        pencatatan_pendataan=(),
        pelaksana=roles,
        langkah=steps,
        sumber=None,
        url_lama=(),
        source=Path("uji.yml"),
    )


def loops_sop() -> Sop:
    """Eight steps, two decisions whose "Tidak" loops back over overlapping spans (5→2 and 7→3)."""
    return make_sop(
        ("Camat", "Sekcam", "Staf"),
        [
            {"pelaksana": "Camat"},
            {"pelaksana": "Sekcam"},
            {"pelaksana": "Staf"},
            {"pelaksana": "Staf"},
            {"pelaksana": "Sekcam", "kind": "keputusan", "ya": "6", "tidak": "2"},
            {"pelaksana": "Staf"},
            {"pelaksana": "Camat", "kind": "keputusan", "ya": "8", "tidak": "3"},
            {"pelaksana": "Camat"},
        ],
    )


def test_lanes_follow_pelaksana_order_without_unassigned_lane():
    chart = layout_flowchart(loops_sop())
    assert [lane.nama for lane in chart.lanes] == ["Camat", "Sekcam", "Staf"]
    assert all(lane.assigned for lane in chart.lanes)


def test_unassigned_lane_only_when_a_step_has_no_performer():
    sop = make_sop(
        ("Camat", "Sekcam"), [{"pelaksana": "Camat"}, {"pelaksana": None}, {"pelaksana": "Sekcam"}]
    )
    chart = layout_flowchart(sop)
    assert [lane.nama for lane in chart.lanes] == ["Camat", "Sekcam", UNASSIGNED_LANE]
    assert not chart.lanes[-1].assigned
    assert [s.lane for s in chart.symbols] == [0, 2, 1]


def test_symbol_kind_lane_and_label_per_step():
    chart = layout_flowchart(loops_sop())
    assert [(s.no, s.kind, s.lane) for s in chart.symbols] == [
        ("1", "terminator", 0),
        ("2", "proses", 1),
        ("3", "proses", 2),
        ("4", "proses", 2),
        ("5", "keputusan", 1),
        ("6", "proses", 2),
        ("7", "keputusan", 0),
        ("8", "terminator", 0),
    ]
    # Symbols sit at their lane's centre.
    assert all(s.x == chart.lane_x(s.lane) for s in chart.symbols)


def test_one_route_per_transition_in_flow_order():
    sop = loops_sop()
    chart = layout_flowchart(sop)
    expected = transitions(sop.langkah)
    assert [r.transition for r in chart.routes] == expected
    for route in chart.routes:
        source, target = chart.symbols[route.transition.source], chart.symbols[route.transition.target]
        assert (route.source_no, route.target_no) == (source.no, target.no)
        assert (route.points[0].x, route.points[0].row) == (source.x, source.row)
        assert (route.points[-1].x, route.points[-1].row) == (target.x, target.row)
        assert (route.arrowhead.x, route.arrowhead.row) == (target.x, target.row)
        # Axis-parallel polyline.
        for a, b in pairwise(route.points):
            assert a.x == b.x or (a.row == b.row and a.dy == b.dy)


def test_next_row_transitions_enter_from_the_top_and_loop_backs_use_a_gutter():
    chart = layout_flowchart(loops_sop())
    by_pair = {(r.source_no, r.target_no): r for r in chart.routes}
    down = by_pair[("1", "2")]
    assert down.gutter is None and down.exit == "bawah" and down.entry == "atas"
    assert down.arrowhead.direction == "bawah"
    loop = by_pair[("5", "2")]
    assert loop.gutter is not None and loop.label == "Tidak" and loop.transition.is_back
    assert loop.entry == loop.exit == loop.gutter.side == "kanan"
    assert (loop.gutter.first_row, loop.gutter.last_row) == (1, 4)
    # The gutter lies outside every lane: a loop line never crosses a symbol.
    lanes_right = chart.left_tracks * 18 + len(chart.lanes) * LANE_WIDTH
    assert loop.points[1].x > lanes_right
    assert by_pair[("5", "6")].label == "Ya" and by_pair[("5", "6")].gutter is None


def test_overlapping_loops_get_different_tracks():
    chart = layout_flowchart(loops_sop())
    gutters = {(r.source_no, r.target_no): r.gutter for r in chart.routes if r.gutter}
    assert set(gutters) == {("5", "2"), ("7", "3")}
    assert gutters[("5", "2")].side == gutters[("7", "3")].side == "kanan"
    assert gutters[("5", "2")].track != gutters[("7", "3")].track
    assert chart.right_tracks == 2 and chart.left_tracks == 0


def test_disjoint_loops_share_a_track():
    sop = make_sop(
        ("A",),
        [
            {},
            {},
            {"kind": "keputusan", "ya": "4", "tidak": "2"},
            {},
            {"kind": "keputusan", "ya": "6", "tidak": "4"},
            {},
        ],
    )
    chart = layout_flowchart(sop)
    assert [r.gutter.track for r in chart.routes if r.gutter] == [0, 0]
    assert chart.right_tracks == 1


def test_decision_with_two_gutter_exits_uses_both_gutters():
    sop = make_sop(
        ("A", "B"), [{}, {}, {"kind": "keputusan", "ya": "5", "tidak": "1", "pelaksana": "B"}, {}, {}]
    )
    chart = layout_flowchart(sop)
    sides = {r.label: r.gutter.side for r in chart.routes if r.gutter}
    assert sides == {"Tidak": "kanan", "Ya": "kiri"}
    assert chart.left_tracks == chart.right_tracks == 1
    assert [c.kind for c in chart.columns] == ["parit", "lajur", "lajur", "parit"]


def test_interval_colouring_never_shares_a_track_between_overlapping_spans():
    rng = random.Random(35)
    for _ in range(50):
        spans = []
        for key in range(rng.randint(1, 12)):
            lo = rng.randint(0, 20)
            spans.append((key, lo, lo + rng.randint(1, 8)))
        tracks = _assign_tracks(spans)
        for k1, lo1, hi1 in spans:
            for k2, lo2, hi2 in spans:
                if k1 < k2 and lo1 <= hi2 and lo2 <= hi1:
                    assert tracks[k1] != tracks[k2]


def test_pieces_are_clipped_to_rows():
    chart = layout_flowchart(loops_sop())
    index = next(i for i, r in enumerate(chart.routes) if (r.source_no, r.target_no) == ("5", "2"))
    mine = {row: [p for p in chart.pieces_in_row(row) if p.route == index] for row in range(8)}
    # Target row 2 (index 1): horizontal into the symbol, then the gutter line down to the row's bottom.
    assert any(p.y1 == p.y2 != ROW_BOTTOM for p in mine[1])
    assert any(p.x1 == p.x2 and p.y2 == ROW_BOTTOM for p in mine[1])
    # Rows between: the full height of the row.
    assert [(p.y1, p.y2) for p in mine[2]] == [(ROW_TOP, ROW_BOTTOM)]
    assert [(p.y1, p.y2) for p in mine[3]] == [(ROW_TOP, ROW_BOTTOM)]
    assert not mine[0] and not mine[5]


def long_sop(n: int = 20) -> Sop:
    roles = ("Pemohon", "Staf", "Kasi", "Sekcam", "Camat")
    specs = [
        {
            "pelaksana": roles[(i * 2) % 5],
            "kegiatan": "Memeriksa kelengkapan berkas permohonan dan mencatatnya dalam buku register",
        }
        for i in range(n)
    ]
    specs[6].update(kind="keputusan", ya="8", tidak="3")
    specs[14].update(kind="keputusan", ya="16", tidak="5")
    return make_sop(roles, specs)


def test_twenty_steps_paginate_with_paired_connectors():
    sop = long_sop()
    chart = layout_flowchart(sop)
    assert len(chart.pages) >= 3
    assert all(6 <= p.last_row - p.first_row + 1 <= 8 for p in chart.pages[:-1])
    # Pages cover every row once, in order.
    rows = [r for p in chart.pages for r in range(p.first_row, p.last_row + 1)]
    assert rows == list(range(len(sop.langkah)))
    breaks = {p.last_row for p in chart.pages[:-1]}
    assert {c.after_row for c in chart.connectors} == breaks
    letters = [c.letter for c in chart.connectors]
    assert letters == [connector_letter(i) for i in range(len(letters))]
    assert letters[:3] == ["A", "B", "C"]
    # One connector per line crossing a break: the plain next-row arrow, plus every loop spanning it.
    for after in breaks:
        crossing = [
            r
            for r in chart.routes
            if min(r.transition.source, r.transition.target)
            <= after
            < max(r.transition.source, r.transition.target)
        ]
        at_break = [c for c in chart.connectors if c.after_row == after]
        assert sorted(c.route for c in at_break) == sorted(chart.routes.index(r) for r in crossing)
        for c in at_break:
            route = chart.routes[c.route]
            assert c.x in {p.x for p in route.points}


def test_short_sop_has_one_page_and_no_connectors():
    chart = layout_flowchart(loops_sop())
    assert len(chart.pages) == 1 and chart.connectors == ()
    assert chart.page_starts() == frozenset()


def test_paginate_is_greedy_and_gives_a_tall_row_its_own_page():
    pages = paginate([100, 100, 100, 500, 100, 100], 250)
    assert [(p.first_row, p.last_row) for p in pages] == [(0, 1), (2, 2), (3, 3), (4, 5)]
    assert [p.estimated_height for p in pages] == [200, 100, 500, 200]
    assert paginate([], 250) == ()


def test_paginate_first_page_and_single_page_budgets():
    # The first page also holds the heading: a smaller budget there only.
    pages = paginate([100] * 7, 300, first_page_budget=200)
    assert [(p.first_row, p.last_row) for p in pages] == [(0, 1), (2, 4), (5, 6)]
    # A page without connector rows holds a little more: everything that fits it stays on one page.
    assert len(paginate([100] * 4, 300, 300, single_page_budget=400)) == 1
    assert len(paginate([100] * 5, 300, 300, single_page_budget=400)) == 2


def test_paginate_does_not_end_on_a_lone_row():
    pages = paginate([70] * 8, 490)
    assert [(p.first_row, p.last_row) for p in pages] == [(0, 5), (6, 7)]
    # Unless the page before would be left with a single row itself.
    assert [(p.first_row, p.last_row) for p in paginate([70, 70, 70], 140)] == [(0, 1), (2, 2)]


def test_row_height_estimate_grows_with_text():
    short = make_step(0, "1")
    long = make_step(0, "1", kegiatan="Menyusun " * 60, kelengkapan=("a", "b", "c", "d", "e", "f", "g"))
    assert estimate_row_height(short) >= 68
    assert estimate_row_height(long) > estimate_row_height(short)


@pytest.mark.parametrize(("n", "letter"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB")])
def test_connector_letters(n, letter):
    assert connector_letter(n) == letter


def _random_sop(seed: int, n: int) -> Sop:
    """A long SOP with decisions looping back and jumping forward at random rows."""
    rng = random.Random(seed)
    roles = ("Pemohon", "Staf", "Kasi", "Camat")
    specs: list[dict] = [{"pelaksana": rng.choice(roles)} for _ in range(n)]
    for i in range(1, n - 2):
        if rng.random() < 0.15:
            specs[i].update(
                kind="keputusan",
                ya=str(min(n, i + 2 + rng.randrange(3))),
                tidak=str(max(1, i - rng.randrange(1, 12))),
            )
    return make_sop(roles, specs)


@pytest.mark.parametrize("seed", range(5))
def test_row_indexes_hold_what_a_scan_of_every_route_finds(seed):
    """The per-row indexes (built once, linear) give what scanning every route for every row gave."""
    chart = layout_flowchart(_random_sop(seed, 300), print_budget=600)
    for row in range(300):
        scan = []
        for index, route in enumerate(chart.routes):
            for a, b in pairwise(route.points):
                if a.row == b.row:
                    if a.row == row and (a.x, a.dy) != (b.x, b.dy):
                        scan.append(Piece(index, a.x, a.dy, b.x, b.dy))
                    continue
                upper, lower = (a, b) if a.row < b.row else (b, a)
                if upper.row <= row <= lower.row:
                    y1 = upper.dy if row == upper.row else ROW_TOP
                    y2 = lower.dy if row == lower.row else ROW_BOTTOM
                    scan.append(Piece(index, upper.x, y1, upper.x, y2))
        assert list(chart.pieces_in_row(row)) == scan
        assert chart.routes_from(row) == tuple(r for r in chart.routes if r.transition.source == row)
        assert chart.connectors_after(row) == tuple(c for c in chart.connectors if c.after_row == row)
    crossings = sorted(
        (page.last_row, a.x, i)
        for page in chart.pages[:-1]
        for i, route in enumerate(chart.routes)
        for a, b in pairwise(route.points)
        if a.row != b.row and min(a.row, b.row) <= page.last_row < max(a.row, b.row)
    )
    assert [(c.after_row, c.x, c.route) for c in chart.connectors] == crossings
