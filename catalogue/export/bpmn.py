"""One SOP as a BPMN 2.0 process diagram (``data/bpmn/<pemda>/<instansi>/<slug>.bpmn``), for process tools
(bpmn.io, Camunda Modeler, Signavio, …) that do not know our format.

What it holds (OMG BPMN 2.0, the ``MODEL`` and ``DI`` namespaces of 2010-05-24):

* a collaboration with one pool (participant), the agency, whose process has one lane per role column of
  the SOP, in ``pelaksana`` order (plus "Belum ditentukan" when a step has no known performer, as on the page);
* a start event for a terminator nothing flows into, an end event for one that flows nowhere (a terminator
  in the middle of the procedure, with both, is an intermediate event); a task for every process step; an
  exclusive gateway for every decision, whose outgoing flows are named "Ya" and "Tidak";
* a sequence flow for every arrow of our flowchart (:func:`catalogue.rules.flow.transitions`);
* the diagram (BPMNDI) placed from our own swimlane layout (:func:`catalogue.layout.flowchart.layout_flowchart`):
  vertical lanes (``isHorizontal="false"``) in the same order and width ratios, one row per step from top to
  bottom, and every flow routed as on the SOP page: straight down to the next row, a bend below the source
  towards another lane, the gutter tracks beside the lanes for loops and jumps.

Honesty: a performer the catalogue inferred is said so in the task's documentation, with the reason; the
mutu baku (kelengkapan, waktu, output) and keterangan go into the documentation as the agency wrote them.

Element ids are ``Langkah_<urutan>`` (the step's position, since printed numbers may repeat), ``Lajur_<n>``,
``Alur_<n>``: stable while the SOP's steps do not change. The bytes are reproducible (attribute order as
written, no timestamps).
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

from catalogue import urls
from catalogue.layout.flowchart import LANE_WIDTH, Flowchart, Route, Symbol, layout_flowchart
from catalogue.model import Agency, Sop, Step

from .schema import FORMAT_VERSION

BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI_NS = "http://www.omg.org/spec/BPMN/20100524/DI"
DC_NS = "http://www.omg.org/spec/DD/20100524/DC"
DI_NS = "http://www.omg.org/spec/DD/20100524/DI"
NAMESPACES = {"bpmn": BPMN_NS, "bpmndi": BPMNDI_NS, "dc": DC_NS, "di": DI_NS}


#: Chart units (one lane = 88) to BPMN pixels.
SCALE = 2.5
#: The pool's and each lane's title band (bpmn-js draws a vertical pool's and lane's name in its top 30 px).
HEADER = 30.0
#: Space above the first row and below the last.
MARGIN = 20.0
#: Sizes of the shapes: a task grows with its text, events and gateways have BPMN's usual sizes.
TASK_WIDTH = 150.0
TASK_MIN_HEIGHT = 80.0
TASK_CHARS_PER_LINE = 22
TASK_LINE_HEIGHT = 14.0
EVENT_SIZE = 36.0
GATEWAY_SIZE = 50.0
#: Vertical room of a row beyond its tallest shape (for the bend below a symbol and the branch labels).
ROW_PADDING = 50.0
#: How far below its source a flow to another lane turns (a little less than the page's BEND_BELOW scaled).
BEND_BELOW = 20.0
#: Outside labels (events, gateways): the widest box, its smallest width, the gap to the shape and to the lane's
#: edge, and the width of a character and height of a line of bpmn-js's 11 px label font (generous).
LABEL_WIDTH = 110.0
LABEL_MIN_WIDTH = 48.0
LABEL_GAP = 6.0
LABEL_CHAR_WIDTH = 6.1
LABEL_LINE_HEIGHT = 14.0
#: A label beside a shape that flows enter from both sides sits this far above the shape's centre line.
RAISED_LABEL_CLEARANCE = 20.0

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def _q(ns: str, tag: str) -> str:
    return f"{{{NAMESPACES[ns]}}}{tag}"


def _num(value: float) -> str:
    """A coordinate as written: whole pixels without a decimal point."""
    value = round(value, 1)
    return str(int(value)) if value == int(value) else str(value)


def label_height(text: str, width: float) -> float:
    """Height of an event's or gateway's outside label of ``width`` px."""
    return math.ceil(len(text) / max(1, int(width / LABEL_CHAR_WIDTH))) * LABEL_LINE_HEIGHT


def step_id(step: Step) -> str:
    return f"Langkah_{step.index + 1}"


def element_kind(step: Step, has_incoming: bool, has_outgoing: bool) -> str:
    """The BPMN element of one step."""
    if step.kind == "keputusan":
        return "exclusiveGateway"
    if step.kind == "terminator":
        if not has_incoming:
            return "startEvent"
        if not has_outgoing:
            return "endEvent"
        return "intermediateThrowEvent"
    return "task"


def _documentation(step: Step, column_name: str | None) -> str:
    lines = []
    if step.pelaksana and step.is_inferred:
        reason = f": {step.pelaksana_alasan}" if step.pelaksana_alasan else ""
        lines.append(
            f"Pelaksana {column_name or step.pelaksana} disimpulkan katalog, bukan tertulis{reason}."
        )
    if step.kelengkapan:
        lines.append("Kelengkapan: " + "; ".join(step.kelengkapan))
    if step.waktu.raw:
        lines.append(f"Waktu: {step.waktu.raw}")
    if step.output:
        lines.append(f"Output: {step.output}")
    if step.keterangan:
        lines.append(f"Keterangan: {step.keterangan}")
    return "\n".join(lines)


class _Geometry:
    """Where each shape and flow goes, in BPMN pixels, from the flowchart layout."""

    def __init__(self, sop: Sop, chart: Flowchart, kinds: list[str]) -> None:
        self.chart = chart
        self.kinds = kinds
        self.width = chart.width * SCALE
        self.sizes = [self._size(step, kind) for step, kind in zip(sop.langkah, kinds, strict=True)]
        # A lane is its chart column; the outer lanes also take the gutters beside them, so they fill the pool.
        self.lanes: list[tuple[float, float]] = []
        for lane in chart.lanes:
            left = self.x(chart.lane_x(lane.index) - LANE_WIDTH / 2)
            right = left + self.x(LANE_WIDTH)
            self.lanes.append(
                (0.0 if lane.index == 0 else left, self.width if lane is chart.lanes[-1] else right)
            )
        # An event's or gateway's name sits beside it, inside its lane, on a side no flow leaves from.
        used = {(route.transition.source, route.exit) for route in chart.routes}
        used |= {(route.transition.target, route.entry) for route in chart.routes}
        self.labels: dict[int, tuple[str, float, float]] = {}  # row -> side, width, height
        self.raised: set[int] = set()  # rows whose label sits above the flows entering both sides
        for symbol, kind in zip(chart.symbols, kinds, strict=True):
            if kind == "task":
                continue
            lane_left, lane_right = self.lanes[symbol.lane]
            centre, half = self.x(symbol.x), self.sizes[symbol.row][0] / 2
            room = {
                "kiri": centre - half - LABEL_GAP - lane_left - LABEL_GAP,
                "kanan": lane_right - LABEL_GAP - (centre + half + LABEL_GAP),
            }
            free = [side for side in ("kiri", "kanan") if (symbol.row, side) not in used]
            if not free:
                self.raised.add(symbol.row)
            side = max(free or ["kiri", "kanan"], key=lambda s: room[s])
            width = max(LABEL_MIN_WIDTH, min(LABEL_WIDTH, room[side]))
            self.labels[symbol.row] = (side, width, label_height(sop.langkah[symbol.row].kegiatan, width))
        top = 2 * HEADER + MARGIN
        self.centres: list[float] = []
        for row, (_, height) in enumerate(self.sizes):
            label = self.labels[row][2] if row in self.labels else 0.0
            if row in self.raised:
                label = 2 * (label + RAISED_LABEL_CLEARANCE)
            size = max(height, label) + ROW_PADDING
            self.centres.append(top + size / 2)
            top += size
        self.height = top + MARGIN

    def label_bounds(self, row: int) -> tuple[float, float, float, float]:
        side, width, height = self.labels[row]
        centre, half = self.x(self.chart.symbols[row].x), self.sizes[row][0] / 2
        x = centre - half - LABEL_GAP - width if side == "kiri" else centre + half + LABEL_GAP
        if row in self.raised:
            return x, self.centres[row] - RAISED_LABEL_CLEARANCE - height, width, height
        return x, self.centres[row] - height / 2, width, height

    @staticmethod
    def _size(step: Step, kind: str) -> tuple[float, float]:
        if kind == "task":
            lines = math.ceil(len(step.kegiatan) / TASK_CHARS_PER_LINE)
            return TASK_WIDTH, max(TASK_MIN_HEIGHT, lines * TASK_LINE_HEIGHT + 24)
        if kind == "exclusiveGateway":
            return GATEWAY_SIZE, GATEWAY_SIZE
        return EVENT_SIZE, EVENT_SIZE

    def x(self, chart_x: float) -> float:
        return chart_x * SCALE

    def bounds(self, symbol: Symbol) -> tuple[float, float, float, float]:
        width, height = self.sizes[symbol.row]
        return self.x(symbol.x) - width / 2, self.centres[symbol.row] - height / 2, width, height

    def half_width(self, row: int, dy: float) -> float:
        """From a shape's centre to its outline at ``dy`` px below the centre."""
        width, height = self.sizes[row]
        kind = self.kinds[row]
        if kind == "exclusiveGateway":
            return width / 2 * (1 - abs(dy) / (height / 2))
        if kind == "task":
            return width / 2
        return math.sqrt(max((width / 2) ** 2 - dy * dy, 0.0))

    def waypoints(self, route: Route) -> list[tuple[float, float]]:
        """The flow's polyline: it leaves and enters on the sides our chart uses, bends where it bends."""
        src, dst = route.transition.source, route.transition.target
        sx, tx = self.x(self.chart.symbols[src].x), self.x(self.chart.symbols[dst].x)
        sy, ty = self.centres[src], self.centres[dst]
        src_half, dst_half = self.sizes[src][1] / 2, self.sizes[dst][1] / 2
        if route.exit == "bawah":
            start, end = (sx, sy + src_half), (tx, ty - dst_half)
            if sx == tx:
                return [start, end]
            turn = sy + src_half + BEND_BELOW
            return [start, (sx, turn), (tx, turn), end]
        sign = 1.0 if route.exit == "kanan" else -1.0
        gutter = self.x(route.points[1].x)
        # The chart spreads several lines entering one side of a symbol by a few px; kept inside the shape.
        dy = max(-0.6 * dst_half, min(0.6 * dst_half, route.points[-1].dy * SCALE))
        return [
            (sx + sign * self.half_width(src, 0.0), sy),
            (gutter, sy),
            (gutter, ty + dy),
            (tx + sign * self.half_width(dst, dy), ty + dy),
        ]


def _sub(parent: ET.Element, ns: str, tag: str, **attrs: str) -> ET.Element:
    return ET.SubElement(parent, _q(ns, tag), attrs)


def _bounds(parent: ET.Element, x: float, y: float, w: float, h: float) -> None:
    _sub(parent, "dc", "Bounds", x=_num(x), y=_num(y), width=_num(w), height=_num(h))


def bpmn_tree(sop: Sop, agency: Agency, site_url: str | None = None) -> ET.Element:
    """The ``bpmn:definitions`` element of one SOP."""
    chart = layout_flowchart(sop)
    steps = sop.langkah
    arrows = [route.transition for route in chart.routes]
    incoming: dict[int, list[int]] = {}
    outgoing: dict[int, list[int]] = {}
    for n, t in enumerate(arrows):
        outgoing.setdefault(t.source, []).append(n)
        incoming.setdefault(t.target, []).append(n)
    kinds = [element_kind(s, s.index in incoming, s.index in outgoing) for s in steps]
    geometry = _Geometry(sop, chart, kinds)
    flow_id = [f"Alur_{n + 1}" for n in range(len(arrows))]

    page = urls.sop(sop.id)
    namespace = f"{site_url.rstrip('/')}/{page}" if site_url else page
    root = ET.Element(
        _q("bpmn", "definitions"),
        {
            "id": "Definisi",
            "targetNamespace": namespace,
            "exporter": "Katalog SOP",
            "exporterVersion": str(FORMAT_VERSION),
        },
    )
    collaboration = _sub(root, "bpmn", "collaboration", id="Kolaborasi")
    _sub(collaboration, "bpmn", "participant", id="Instansi", name=agency.nama, processRef="Proses")

    process = _sub(root, "bpmn", "process", id="Proses", name=sop.nama, isExecutable="false")
    doc = _sub(process, "bpmn", "documentation")
    doc.text = f"SOP Nomor {sop.nomor}, {agency.nama}. Halaman: {namespace}"
    if sop.belum_ditinjau:
        doc.text += (
            f"\nSebagian nilai belum ditinjau instansi ({len(sop.belum_ditinjau)}); lihat data JSON SOP ini."
        )
    lane_set = _sub(process, "bpmn", "laneSet", id="Lajur")
    lane_ids = [f"Lajur_{lane.index + 1}" for lane in chart.lanes]
    for lane in chart.lanes:
        element = _sub(lane_set, "bpmn", "lane", id=lane_ids[lane.index], name=lane.nama)
        for symbol in chart.symbols:
            if symbol.lane == lane.index:
                _sub(element, "bpmn", "flowNodeRef").text = step_id(steps[symbol.row])

    for step, kind in zip(steps, kinds, strict=True):
        attrs = {"id": step_id(step), "name": step.kegiatan}
        if kind == "exclusiveGateway":
            attrs["gatewayDirection"] = "Diverging"
        node = _sub(process, "bpmn", kind, **attrs)
        text = _documentation(step, step.pelaksana)
        if text:
            _sub(node, "bpmn", "documentation").text = text
        for n in incoming.get(step.index, []):
            _sub(node, "bpmn", "incoming").text = flow_id[n]
        for n in outgoing.get(step.index, []):
            _sub(node, "bpmn", "outgoing").text = flow_id[n]
    for n, t in enumerate(arrows):
        attrs = {"id": flow_id[n]}
        if t.label:
            attrs["name"] = t.label
        attrs |= {"sourceRef": step_id(steps[t.source]), "targetRef": step_id(steps[t.target])}
        _sub(process, "bpmn", "sequenceFlow", **attrs)

    diagram = _sub(root, "bpmndi", "BPMNDiagram", id="Diagram", name=sop.nama)
    plane = _sub(diagram, "bpmndi", "BPMNPlane", id="Bidang", bpmnElement="Kolaborasi")
    pool = _sub(plane, "bpmndi", "BPMNShape", id="Instansi_di", bpmnElement="Instansi", isHorizontal="false")
    _bounds(pool, 0, 0, geometry.width, geometry.height)
    for lane in chart.lanes:
        left, right = geometry.lanes[lane.index]
        shape = _sub(
            plane,
            "bpmndi",
            "BPMNShape",
            id=f"{lane_ids[lane.index]}_di",
            bpmnElement=lane_ids[lane.index],
            isHorizontal="false",
        )
        _bounds(shape, left, HEADER, right - left, geometry.height - HEADER)
    for symbol, kind in zip(chart.symbols, kinds, strict=True):
        attrs = {"id": f"{step_id(steps[symbol.row])}_di", "bpmnElement": step_id(steps[symbol.row])}
        if kind == "exclusiveGateway":
            attrs["isMarkerVisible"] = "true"
        shape = _sub(plane, "bpmndi", "BPMNShape", **attrs)
        x, y, w, h = geometry.bounds(symbol)
        _bounds(shape, x, y, w, h)
        if kind != "task":
            # Events and gateways carry their name outside, beside them in their lane.
            _bounds(_sub(shape, "bpmndi", "BPMNLabel"), *geometry.label_bounds(symbol.row))
    for n, route in enumerate(chart.routes):
        edge = _sub(plane, "bpmndi", "BPMNEdge", id=f"{flow_id[n]}_di", bpmnElement=flow_id[n])
        points = geometry.waypoints(route)
        for px, py in points:
            _sub(edge, "di", "waypoint", x=_num(px), y=_num(py))
        if route.label:
            x1, y1 = points[0]
            label = _sub(edge, "bpmndi", "BPMNLabel")
            if route.exit == "bawah":
                _bounds(label, x1 + 4, y1 + 2, 34, 14)
            else:
                _bounds(label, x1 + 2 if route.exit == "kanan" else x1 - 36, y1 - 16, 34, 14)
    return root


def bpmn_text(sop: Sop, agency: Agency, site_url: str | None = None) -> str:
    """The BPMN 2.0 XML document of one SOP, UTF-8 text with an XML declaration."""
    root = bpmn_tree(sop, agency, site_url)
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
