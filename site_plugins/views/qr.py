"""The QR code printed on an SOP page, as inline SVG.

segno encodes; the SVG is written here from its matrix, one path of horizontal runs, because segno's own
writer and its choice among the eight masks cost most of the time. Measured on a 120-character SOP address
(QR version 8) on the 2-core development machine: 27 ms per code with mask selection and segno's SVG, 5.6 ms
with a fixed mask and this writer; a 10,000-SOP site renders 10,000 of them. Any of the eight masks gives a
valid code; mask selection only lowers a penalty score for readers of poor prints, which the medium error
correction level covers.
"""

from __future__ import annotations

import segno
from markupsafe import Markup

#: Quiet zone around the code, in modules (the standard asks 4; 2 reads reliably inside a white page margin).
BORDER = 2
MASK = 0


def qr_svg(text: str, css_class: str = "kat-qr-gambar") -> Markup:
    """An ``<svg>`` of the QR code of ``text`` (error correction level M), sized by CSS."""
    code = segno.make(text, error="m", micro=False, mask=MASK)
    rows = code.matrix
    size = len(rows) + 2 * BORDER
    path: list[str] = []
    for y, row in enumerate(rows):
        x, width = 0, len(row)
        last_end = None
        while x < width:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < width and row[x]:
                x += 1
            if last_end is None:
                path.append(f"M{start + BORDER} {y + BORDER + 0.5}h{x - start}")
            else:
                path.append(f"m{start - last_end} 0h{x - start}")
            last_end = x
    return Markup(
        f'<svg viewBox="0 0 {size} {size}" class="{css_class}" shape-rendering="crispEdges">'
        f'<rect width="{size}" height="{size}" fill="#fff"/>'
        f'<path stroke="#000" d="{"".join(path)}"/></svg>'
    )
