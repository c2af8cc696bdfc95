"""Small SOP documents drawn as PDFs with reportlab, for the PDF, flowchart and OCR readers' tests.

The table is drawn line by line at known positions (as a word processor prints one), so that a test can
place flowchart symbols in a given cell and know where each connector starts and ends.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

FONT = "Helvetica"
PAGE_W, PAGE_H = landscape(A4)
LEFT, TOP = 40.0, 120.0  # table origin, from the page's left and top edges


@dataclass
class Table:
    """A ruled table: column widths, row heights, cell texts (lines) and merged cells."""

    widths: list[float]
    heights: list[float]
    cells: dict[tuple[int, int], list[str]] = field(default_factory=dict)
    spans: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # (r, c): (rows, cols)
    size: float = 8.0
    top: float = TOP

    def x(self, c: int) -> float:
        return LEFT + sum(self.widths[:c])

    def y(self, r: int) -> float:
        """Top of row r, measured from the page's top edge."""
        return self.top + sum(self.heights[:r])

    def center(self, r: int, c: int) -> tuple[float, float]:
        return self.x(c) + self.widths[c] / 2, self.y(r) + self.heights[r] / 2

    def covered(self, r: int, c: int) -> bool:
        for (r0, c0), (nr, nc) in self.spans.items():
            if r0 <= r < r0 + nr and c0 <= c < c0 + nc and (r, c) != (r0, c0):
                return True
        return False


class Drawing:
    """A canvas with top-down coordinates."""

    def __init__(self, path: Path):
        self.canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
        self.canvas.setFont(FONT, 9)

    def text(self, x: float, top: float, text: str, size: float = 9.0) -> None:
        self.canvas.setFont(FONT, size)
        self.canvas.drawString(x, PAGE_H - top - size, text)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(x0, PAGE_H - y0, x1, PAGE_H - y1)

    def table(self, t: Table) -> None:
        rows, cols = len(t.heights), len(t.widths)
        for r in range(rows):
            for c in range(cols):
                if t.covered(r, c):
                    continue
                nr, nc = t.spans.get((r, c), (1, 1))
                x0, y0 = t.x(c), t.y(r)
                x1, y1 = t.x(c + nc), t.y(r + nr)
                for a, b, p, q in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
                    self.line(a, b, p, q)
                for k, text in enumerate(t.cells.get((r, c), [])):
                    self.text(x0 + 4, y0 + 3 + k * (t.size + 2), text, t.size)

    def rect(self, cx: float, cy: float, w: float = 40, h: float = 16) -> None:
        self.canvas.setLineWidth(0.9)
        self.canvas.rect(cx - w / 2, PAGE_H - cy - h / 2, w, h, stroke=1, fill=0)

    def diamond(self, cx: float, cy: float, w: float = 40, h: float = 24) -> None:
        self._polygon([(cx, cy - h / 2), (cx + w / 2, cy), (cx, cy + h / 2), (cx - w / 2, cy)])

    def pentagon(self, cx: float, cy: float, w: float = 14) -> None:
        self._polygon(
            [
                (cx - w / 2, cy - w / 2),
                (cx + w / 2, cy - w / 2),
                (cx + w / 2, cy + w / 6),
                (cx, cy + w / 2),
                (cx - w / 2, cy + w / 6),
            ]
        )

    def capsule(self, cx: float, cy: float, label: str, w: float = 44, h: float = 16) -> None:
        self.canvas.setLineWidth(0.9)
        self.canvas.roundRect(cx - w / 2, PAGE_H - cy - h / 2, w, h, h / 2, stroke=1, fill=0)
        size = 7
        self.text(cx - stringWidth(label, FONT, size) / 2, cy - size / 2 - 1, label, size)

    def _polygon(self, points: list[tuple[float, float]]) -> None:
        path = self.canvas.beginPath()
        path.moveTo(points[0][0], PAGE_H - points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, PAGE_H - y)
        path.close()
        self.canvas.setLineWidth(0.9)
        self.canvas.drawPath(path, stroke=1, fill=0)

    def arrow(self, points: list[tuple[float, float]]) -> None:
        """A connector through ``points`` with an arrowhead (a small filled triangle) at its end."""
        path = self.canvas.beginPath()
        path.moveTo(points[0][0], PAGE_H - points[0][1])
        for x, y in points[1:]:
            path.lineTo(x, PAGE_H - y)
        self.canvas.setLineWidth(0.7)
        self.canvas.drawPath(path, stroke=1, fill=0)
        (px, py), (x, y) = points[-2], points[-1]
        dx, dy = x - px, y - py
        n = max((dx * dx + dy * dy) ** 0.5, 1e-6)
        ux, uy = dx / n, dy / n
        back = (x - 5 * ux, y - 5 * uy)
        left = (back[0] - 2.5 * uy, back[1] + 2.5 * ux)
        right = (back[0] + 2.5 * uy, back[1] - 2.5 * ux)
        head = self.canvas.beginPath()
        head.moveTo(x, PAGE_H - y)
        head.lineTo(left[0], PAGE_H - left[1])
        head.lineTo(right[0], PAGE_H - right[1])
        head.close()
        self.canvas.drawPath(head, stroke=1, fill=1)

    def new_page(self) -> None:
        self.canvas.showPage()
        self.canvas.setFont(FONT, 9)

    def save(self) -> None:
        self.canvas.save()


ROLES = ["Pemohon", "Petugas Loket", "Kepala Seksi"]
STEPS = [
    ("1", ["Pemohon mengajukan permohonan"], ["Surat permohonan"], "10 menit", "Berkas"),
    ("2", ["Petugas loket memeriksa berkas."], ["Berkas"], "15 menit", "Berkas diperiksa"),
    ("3", ["Apakah berkas lengkap?"], ["Berkas diperiksa"], "5 menit", "Keputusan"),
    ("4", ["Menyusun konsep surat."], ["Berkas lengkap"], "1 hari", "Konsep"),
    ("5", ["Kepala Seksi menandatangani surat."], ["Konsep"], "1 hari", "Surat"),
]


def identity(d: Drawing, nomor: str = "001/SOP/UJI/2024", nama: str = "Pelayanan Uji Coba Surat") -> None:
    d.text(300, 20, "STANDAR OPERASIONAL PROSEDUR", 11)
    for k, (label, value) in enumerate(
        (
            ("Nomor SOP", nomor),
            ("Tanggal Pembuatan", "2 Januari 2024"),
            ("Tanggal Efektif", "15 Januari 2024"),
            ("Nama SOP", nama),
        )
    ):
        d.text(LEFT, 45 + 14 * k, label, 9)
        d.text(LEFT + 120, 45 + 14 * k, f": {value}", 9)


def procedure_table(steps=STEPS, roles=ROLES, top: float = TOP) -> Table:
    """No | Uraian Kegiatan | Pelaksana (one column per role) | Mutu Baku (3) | Keterangan, two header rows."""
    widths = [24, 150] + [60] * len(roles) + [90, 50, 70, 80]
    heights = [12, 14] + [40] * len(steps)
    t = Table(widths, heights, top=top)
    nroles = len(roles)
    t.cells[(0, 0)] = ["No"]
    t.cells[(0, 1)] = ["Uraian Kegiatan"]
    t.cells[(0, 2)] = ["Pelaksana"]
    t.cells[(0, 2 + nroles)] = ["Mutu Baku"]
    t.cells[(0, 5 + nroles)] = ["Keterangan"]
    t.spans = {
        (0, 0): (2, 1),
        (0, 1): (2, 1),
        (0, 2): (1, nroles),
        (0, 2 + nroles): (1, 3),
        (0, 5 + nroles): (2, 1),
    }
    for k, role in enumerate(roles):
        t.cells[(1, 2 + k)] = [role]
    for k, label in enumerate(("Kelengkapan", "Waktu", "Output")):
        t.cells[(1, 2 + nroles + k)] = [label]
    for i, (no, uraian, kelengkapan, waktu, output) in enumerate(steps):
        r = 2 + i
        t.cells[(r, 0)] = [no]
        t.cells[(r, 1)] = uraian
        t.cells[(r, 2 + nroles)] = kelengkapan
        t.cells[(r, 3 + nroles)] = [waktu]
        t.cells[(r, 4 + nroles)] = [output]
    return t
