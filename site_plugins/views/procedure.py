"""The procedure section of an SOP page: the official table with its swimlane flowchart drawn row by row.

Each step row holds one inline SVG that fills the row's chart cell, so rows grow with their text and the
chart stays aligned at any width or font size. Inside it, SVG percentage lengths place lines at the row's
edges and centre, and small nested ``<svg>`` frames anchored at the row's centre carry pixel offsets for
symbols, labels and arrowheads (see :mod:`catalogue.layout.flowchart` for the geometry). Arrowheads are small
polygons, not markers, so the page needs no ids. Colours come only from CSS classes (procedure.css).

Every text from the SOP passes through :func:`markupsafe.escape` (via ``Markup.format``).
"""

from __future__ import annotations

from functools import cache

from markupsafe import Markup, escape

from catalogue.layout.flowchart import (
    ROW_BOTTOM,
    ROW_TOP,
    SYMBOL_SIZE,
    Connector,
    Flowchart,
    Marker,
    Symbol,
    layout_flowchart,
)
from catalogue.model import Sop, Step
from catalogue.rules.flow import Transition

from .inferred import INFERRED_LABEL, INFERRED_MEANING, inferred_performer


def _html(template: str, *args: object) -> Markup:
    """``Markup(template).format(*args)`` without markupsafe's formatter, which runs in Python per field: each
    argument is escaped (Markup passes unchanged) and ``str.format`` places it. Same output, about three
    times faster; the chart is most of an SOP page's rendering time at 10,000 pages."""
    return Markup(template.format(*[escape(a) for a in args]))


__all__ = ["render_procedure"]

_ARROW_LENGTH = 8.0
_ARROW_HALF_WIDTH = 3.5
#: procedure.css styles lane counts and gutter track counts up to these (``sop-lajur-N``, ``sop-parit-N``).
MAX_STYLED_LANES = 12
MAX_STYLED_TRACKS = 12
#: Text columns after the chart: (column class, header).
_MUTU_BAKU = (("kelengkapan", "Kelengkapan"), ("waktu", "Waktu"), ("output", "Output"))


def _num(value: float) -> str:
    """A compact SVG number: at most three decimals, no trailing zeros."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _pct(x: float, chart: Flowchart) -> str:
    return _num(x / chart.width * 100) + "%"


def _y(value: float | str) -> str:
    """A height in the half-row frame: 0 is the row's centre, 100% its bottom, -100% its top."""
    if value == ROW_TOP:
        return "-100%"
    if value == ROW_BOTTOM:
        return "100%"
    return _num(float(value))


def _at(x: float, chart: Flowchart, content: Markup) -> Markup:
    """A point frame at ``x`` on the row's centre line: children use pixel offsets from that point."""
    return _html(
        '<svg class="sop-titik" x="{}" width="1" height="1" overflow="visible">{}</svg>',
        _pct(x, chart),
        content,
    )


@cache
def _symbol_shape(kind: str) -> Markup:
    width, height = SYMBOL_SIZE[kind]
    hw, hh = width / 2, height / 2
    if kind == "keputusan":
        return _html('<polygon points="0,{} {},0 0,{} {},0"/>', _num(-hh), _num(hw), _num(hh), _num(-hw))
    if kind == "konektor":
        # Off-page connector: a pentagon pointing down ("home plate").
        tip = hh * 0.45
        return _html(
            '<polygon points="{},{} {},{} {},{} 0,{} {},{}"/>',
            _num(-hw),
            _num(-hh),
            _num(hw),
            _num(-hh),
            _num(hw),
            _num(tip),
            _num(hh),
            _num(-hw),
            _num(tip),
        )
    radius = hh if kind == "terminator" else 0
    return _html(
        '<rect x="{}" y="{}" width="{}" height="{}" rx="{}"/>',
        _num(-hw),
        _num(-hh),
        _num(width),
        _num(height),
        _num(radius),
    )


def _symbol(symbol: Symbol, chart: Flowchart) -> Markup:
    classes = f"simbol simbol-{symbol.kind}" + (" simbol-disimpulkan" if symbol.inferred else "")
    body = _symbol_shape(symbol.kind) + _html(
        '<text class="simbol-nomor" x="0" y="0" dy="0.35em" text-anchor="middle">{}</text>', symbol.no
    )
    return _html(
        '<g class="{}" data-langkah="{}" data-lajur="{}">{}</g>',
        classes,
        symbol.no,
        symbol.lane,
        _at(symbol.x, chart, body),
    )


def _arrowhead(marker: Marker, chart: Flowchart, source_no: str, target_no: str) -> Markup:
    tx, ty, length, half = marker.dx, marker.dy, _ARROW_LENGTH, _ARROW_HALF_WIDTH
    if marker.direction == "bawah":
        corners = ((tx - half, ty - length), (tx + half, ty - length), (tx, ty))
    elif marker.direction == "kiri":
        corners = ((tx + length, ty - half), (tx + length, ty + half), (tx, ty))
    else:  # kanan
        corners = ((tx - length, ty - half), (tx - length, ty + half), (tx, ty))
    points = " ".join(f"{_num(x)},{_num(y)}" for x, y in corners)
    polygon = _html(
        '<polygon class="panah" data-dari="{}" data-ke="{}" points="{}"/>', source_no, target_no, points
    )
    return _at(marker.x, chart, polygon)


#: Width of one character of a branch label (9px bold, procedure.css), rounded up, and the label's box height:
#: the box behind the label hides the lines under it (lane separators), which the text's halo alone does not.
_LABEL_CHAR_WIDTH = 5.8
_LABEL_BOX_HEIGHT = 11.0


def _label(marker: Marker, chart: Flowchart, text: str) -> Markup:
    width = len(text) * _LABEL_CHAR_WIDTH + 2
    left = marker.dx - width if marker.direction == "end" else marker.dx
    box = _html(
        '<rect class="label-latar" x="{}" y="{}" width="{}" height="{}"/>',
        _num(left - (1 if marker.direction == "end" else 0)),
        _num(marker.dy - _LABEL_BOX_HEIGHT + 2.5),
        _num(width + 1),
        _num(_LABEL_BOX_HEIGHT),
    )
    body = box + _html(
        '<text class="label-cabang" x="{}" y="{}" text-anchor="{}">{}</text>',
        _num(marker.dx),
        _num(marker.dy),
        marker.direction,
        text,
    )
    return _at(marker.x, chart, body)


def _lane_boundaries(chart: Flowchart) -> Markup:
    """Thin separators between the chart's columns, as on the printed form's grid."""
    out = Markup()
    x = 0.0
    for column in chart.columns[:-1]:
        x += column.width
        out += _html('<line class="lajur-batas" x1="{0}" y1="0" x2="{0}" y2="100%"/>', _pct(x, chart))
    return out


def _row_svg(chart: Flowchart, row: int, label: str, lanes: Markup) -> Markup:
    lines = Markup().join(
        _html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}"/>',
            _pct(p.x1, chart),
            _y(p.y1),
            _pct(p.x2, chart),
            _y(p.y2),
        )
        for p in chart.pieces_in_row(row)
    )
    labels = Markup().join(_label(r.label_at, chart, r.label) for r in chart.labels_in_row(row))
    heads = Markup().join(
        _arrowhead(r.arrowhead, chart, r.source_no, r.target_no) for r in chart.arrowheads_in_row(row)
    )
    return _html(
        '<svg class="sop-bagan-gambar" role="img" aria-label="{}" width="100%" height="100%">'
        '<g class="lajur">{}</g>'
        '<svg class="sop-tengah" y="50%" width="100%" height="50%" overflow="visible">'
        '<g class="garis">{}</g>{}<g class="label">{}</g><g class="panah-kepala">{}</g>'
        "</svg></svg>",
        label,
        lanes,
        lines,
        _symbol(chart.symbols[row], chart),
        labels,
        heads,
    )


def _connector_svg(
    chart: Flowchart, connectors: tuple[Connector, ...], at_bottom_of_page: bool, lanes: Markup
) -> Markup:
    """Off-page connectors: the line comes down into them at a page's foot and leaves them at the next top."""
    _, height = SYMBOL_SIZE["konektor"]
    parts = Markup()
    for c in connectors:
        if at_bottom_of_page:
            line = _html('<line x1="{0}" y1="-100%" x2="{0}" y2="{1}"/>', _pct(c.x, chart), _num(-height / 2))
        else:
            line = _html('<line x1="{0}" y1="{1}" x2="{0}" y2="100%"/>', _pct(c.x, chart), _num(height / 2))
        shape = _symbol_shape("konektor") + _html(
            '<text class="simbol-nomor" x="0" y="-1" dy="0.35em" text-anchor="middle">{}</text>', c.letter
        )
        parts += _html(
            '<g class="garis">{}</g><g class="simbol simbol-konektor" data-huruf="{}">{}</g>',
            line,
            c.letter,
            _at(c.x, chart, shape),
        )
    return _html(
        '<svg class="sop-bagan-gambar" aria-hidden="true" width="100%" height="100%">'
        '<g class="lajur">{}</g>'
        '<svg class="sop-tengah" y="50%" width="100%" height="50%" overflow="visible">{}</svg></svg>',
        lanes,
        parts,
    )


# --- words ----------------------------------------------------------------------------------------------


def _performer_words(step: Step) -> str:
    if step.pelaksana is None:
        return "pelaksana belum ditentukan"
    return f"oleh {step.pelaksana}" + (" (ditentukan katalog)" if step.is_inferred else "")


def _goes(t: Transition, steps: tuple[Step, ...]) -> str:
    verb = "kembali ke" if t.is_back else "lanjut ke"
    return f"{verb} langkah {steps[t.target].no}"


def _row_label(sop: Sop, chart: Flowchart, row: int) -> str:
    """The spoken description of one row's chart: what the step is, who does it, where the flow goes."""
    steps = sop.langkah
    step = steps[row]
    outgoing = [r.transition for r in chart.routes_from(row)]
    incoming = [r.transition for r in chart.routes_into(row)]
    kind = step.kind
    if step.kind == "terminator":
        kind = "selesai (terminator)" if not outgoing else "mulai (terminator)" if not incoming else kind
    text = f"Langkah {step.no}, {kind} {_performer_words(step)}"
    if step.kind == "keputusan":
        branches = [f"bila {t.label.lower()} {_goes(t, steps)}" for t in outgoing if t.label]
        if branches:
            text += ": " + ", ".join(branches)
    elif outgoing:
        text += ", " + ", ".join(_goes(t, steps) for t in outgoing)
    jumps = [t for t in incoming if t.target != t.source + 1]
    if jumps:
        text += "; juga dituju dari " + ", ".join(
            f"langkah {steps[t.source].no}" + (f" (bila {t.label.lower()})" if t.label else "") for t in jumps
        )
    return text + "."


def _summary(sop: Sop, chart: Flowchart) -> str:
    steps = sop.langkah
    roles = ", ".join(lane.nama for lane in chart.lanes)
    text = (
        f"Bagan alir prosedur: {len(steps)} langkah dalam {len(chart.lanes)} kolom pelaksana ({roles}). "
        "Setiap baris tabel memuat simbol langkahnya pada kolom pelaksananya: "
        "kapsul untuk mulai dan selesai, "
        "persegi panjang untuk proses, belah ketupat untuk keputusan; panah menuju langkah berikutnya."
    )
    decisions = [
        f"langkah {s.no} ("
        + ", ".join(
            f"bila {r.transition.label.lower()} {_goes(r.transition, steps)}"
            for r in chart.routes_from(s.index)
            if r.transition.label
        )
        + ")"
        for s in steps
        if s.kind == "keputusan"
    ]
    if decisions:
        text += " Keputusan: " + "; ".join(decisions) + "."
    inferred = [s.no for s in steps if s.is_inferred]
    if inferred:
        text += (
            f" Pelaksana {len(inferred)} langkah ({', '.join(inferred)}) tidak tertulis di dokumen asli "
            "dan ditentukan oleh katalog."
        )
    missing = [s.no for s in steps if s.pelaksana is None]
    if missing:
        text += f" Pelaksana langkah {', '.join(missing)} belum ditentukan."
    return text


# --- table ----------------------------------------------------------------------------------------------


def _colgroup(chart: Flowchart) -> Markup:
    cols = Markup('<col class="sop-kol-no"><col class="sop-kol-uraian">')
    for column in chart.columns:
        if column.kind == "lajur":
            cols += Markup('<col class="sop-kol-lajur">')
        else:
            cols += _html('<col class="sop-kol-parit sop-parit-{}">', min(column.tracks, MAX_STYLED_TRACKS))
    cols += Markup().join(_html('<col class="sop-kol-{}">', name) for name, _ in _MUTU_BAKU)
    return _html("<colgroup>{}{}</colgroup>", cols, Markup('<col class="sop-kol-keterangan">'))


def _thead(chart: Flowchart) -> Markup:
    chart_cols = len(chart.columns)
    second = Markup()
    for column in chart.columns:
        if column.kind == "lajur":
            lane = chart.lanes[column.lane]
            cls = "sop-peran" + ("" if lane.assigned else " sop-peran-belum")
            second += _html('<th scope="col" class="{}">{}</th>', cls, lane.nama)
        else:
            second += Markup('<td class="sop-parit-kepala"></td>')
    second += Markup().join(_html('<th scope="col">{}</th>', title) for _, title in _MUTU_BAKU)
    return _html(
        "<thead data-pagefind-ignore>"
        '<tr><th scope="col" rowspan="2" class="sop-no">No</th>'
        '<th scope="col" rowspan="2">Uraian Kegiatan</th>'
        '<th scope="colgroup" colspan="{}">Pelaksana</th>'
        '<th scope="colgroup" colspan="3">Mutu Baku</th>'
        '<th scope="col" rowspan="2">Keterangan</th></tr>'
        "<tr>{}</tr>"
        "</thead>",
        chart_cols,
        second,
    )


def _kelengkapan(items: tuple[str, ...]) -> Markup:
    if len(items) > 1:
        return _html(
            '<ul class="sop-daftar">{}</ul>', Markup().join(_html("<li>{}</li>", item) for item in items)
        )
    return escape(items[0]) if items else Markup()


def _card_lines(sop: Sop, chart: Flowchart, step: Step) -> Markup:
    """What the chart shows of a step, in words, for the step cards of narrow screens (procedure.css hides
    them beside the chart): its performer, and where a decision or a jump leads."""
    if step.pelaksana is None:
        performer = Markup('<span class="sop-kartu-label">Pelaksana:</span> <em>belum ditentukan</em>')
    else:
        performer = _html(
            '<span class="sop-kartu-label">Pelaksana:</span> <strong>{}</strong>', step.pelaksana
        )
    out = _html('<p class="sop-kartu-pelaksana">{}</p>', performer)
    routes = [r.transition for r in chart.routes_from(step.index)]
    steps = sop.langkah
    if step.kind == "keputusan" and any(t.label for t in routes):
        branches = " / ".join(f"{t.label} → langkah {steps[t.target].no}" for t in routes if t.label)
        out += _html('<p class="sop-kartu-cabang">{}</p>', branches)
    elif any(t.target != t.source + 1 for t in routes):
        out += _html(
            '<p class="sop-kartu-cabang">{}</p>', ", ".join(f"→ langkah {steps[t.target].no}" for t in routes)
        )
    return _html('<div class="sop-kartu-info" data-pagefind-ignore>{}</div>', out)


def _uraian(sop: Sop, chart: Flowchart, step: Step) -> Markup:
    out = escape(step.kegiatan) + _card_lines(sop, chart, step)
    if step.catatan:
        out += _html(
            '<p class="sop-catatan" data-pagefind-ignore>'
            '<span class="sop-catatan-label">Catatan katalog:</span> {}</p>',
            step.catatan,
        )
    if step.is_inferred:
        out += inferred_performer(step.pelaksana or "", step.pelaksana_alasan)
    return out


def _step_row(sop: Sop, chart: Flowchart, step: Step, page_start: bool, lanes: Markup) -> Markup:
    classes = "sop-langkah" + (" sop-halaman-baru" if page_start else "")
    return _html(
        '<tr class="{}"><td class="sop-no" data-pagefind-ignore>{}</td><td class="sop-uraian">{}</td>'
        '<td class="sop-bagan" colspan="{}">{}</td>'
        '<td class="sop-kelengkapan">{}</td><td class="sop-waktu">{}</td><td class="sop-output">{}</td>'
        '<td class="sop-keterangan">{}</td></tr>',
        classes,
        step.no,
        _uraian(sop, chart, step),
        len(chart.columns),
        _row_svg(chart, step.index, _row_label(sop, chart, step.index), lanes),
        _kelengkapan(step.kelengkapan),
        step.waktu.raw,
        step.output or "",
        step.keterangan or "",
    )


def connector_words(connectors: tuple[Connector, ...], at_bottom_of_page: bool) -> str:
    """What a connector row says. A line going down leaves at a page's foot for the next page and arrives at
    its top; a branch going back up leaves at the top for the previous page and arrives at its foot."""
    down = ", ".join(c.letter for c in connectors if not c.upward)
    up = ", ".join(c.letter for c in connectors if c.upward)
    if at_bottom_of_page:
        parts = [
            f"Bersambung ke halaman berikutnya ({down})" if down else "",
            f"Sambungan dari halaman berikutnya ({up})" if up else "",
        ]
    else:
        parts = [
            f"Sambungan dari halaman sebelumnya ({down})" if down else "",
            f"Bersambung ke halaman sebelumnya ({up})" if up else "",
        ]
    return "; ".join(p for p in parts if p)


def _connector_row(
    chart: Flowchart, connectors: tuple[Connector, ...], at_bottom_of_page: bool, lanes: Markup
) -> Markup:
    text = connector_words(connectors, at_bottom_of_page)
    if at_bottom_of_page:
        classes = "sop-konektor sop-konektor-bawah"
    else:
        classes = "sop-konektor sop-konektor-atas sop-halaman-baru"
    return _html(
        '<tr class="{}" data-pagefind-ignore><td class="sop-no"></td><td class="sop-uraian">{}</td>'
        '<td class="sop-bagan" colspan="{}">{}</td><td colspan="4"></td></tr>',
        classes,
        text,
        len(chart.columns),
        _connector_svg(chart, connectors, at_bottom_of_page, lanes),
    )


#: Narrow screens show the steps as cards and the swimlane chart one tap away: the first link targets the
#: procedure's section (``#bagan-alir`` in sop.html), which procedure.css then shows as the table; the second
#: targets its heading, so the section is no longer the target and the cards return. No JavaScript.
_VIEW_SWITCH = Markup(
    '<p class="kat-prosedur-tampilan" data-pagefind-ignore><a class="kat-ke-bagan" href="#bagan-alir">'
    'Lihat bagan alir</a><a class="kat-ke-kartu" href="#prosedur-judul">Tampilkan sebagai kartu langkah</a></p>'
)


def render_procedure(sop: Sop) -> Markup:
    """The complete procedure section of ``sop``: hidden summary, the scrollable table, and its legend."""
    chart = layout_flowchart(sop)
    starts = chart.page_starts()
    lanes = _lane_boundaries(chart)  # the same separators behind every row
    parts: list[
        Markup
    ] = []  # joined once: adding Markup to Markup row by row copies the whole table each time
    for step in sop.langkah:
        row = step.index
        connectors = chart.connectors_after(row - 1) if row in starts else ()
        if connectors:
            parts.append(_connector_row(chart, connectors, False, lanes))
        parts.append(_step_row(sop, chart, step, row in starts and not connectors, lanes))
        if row + 1 in starts and chart.connectors_after(row):
            parts.append(_connector_row(chart, chart.connectors_after(row), True, lanes))
    rows = Markup().join(parts)
    # Sizes go in classes, not inline styles: procedure.css maps them to widths (no inline CSS to validate).
    table = _html(
        '<table class="sop-prosedur sop-lajur-{} sop-trek-{}">{}{}<tbody>{}</tbody></table>',
        min(len(chart.lanes), MAX_STYLED_LANES),
        min(chart.left_tracks + chart.right_tracks, MAX_STYLED_TRACKS),
        _colgroup(chart),
        _thead(chart),
        rows,
    )
    notes = Markup()
    if any(s.is_inferred for s in sop.langkah):
        notes = _html(
            '<p class="sop-prosedur-catatan" data-pagefind-ignore>Simbol bergaris putus-putus dan tanda '
            '<span class="sop-disimpulkan">{}</span>: {} Ketuk tanda itu untuk membaca alasannya.</p>',
            INFERRED_LABEL,
            INFERRED_MEANING,
        )
    return _html(
        '<div class="sop-prosedur-bagian">{}<p class="sop-visually-hidden" data-pagefind-ignore>{}</p>'
        '<div class="sop-prosedur-gulir" tabindex="0" role="region" aria-label="Tabel prosedur">{}</div>{}</div>',
        _VIEW_SWITCH,
        _summary(sop, chart),
        table,
        notes,
    )
