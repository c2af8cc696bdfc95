"""Reading scans (a PDF whose pages are pictures, or a photo or scan as an image file) with Tesseract OCR.

Each page is rendered at 300 dpi, straightened (a scan is rarely square to the page) and its ruled tables
found from the picture (:mod:`.scan_grid`). The rulings are wiped before Tesseract reads the page with its
Indonesian model (Debian's ``tesseract-ocr`` and ``tesseract-ocr-ind``), so that no line is read as a
letter; each word comes back with its box and Tesseract's confidence. :mod:`.page_rows` then builds the same
rows as for a PDF's text layer, and every cell keeps the words it was read from, so that each value the
importer drafts from them can be flagged with its confidence and its place on the page (:mod:`.ocr_review`).
Before that, words Tesseract misread are put right where the language's word list and the document's own
sure words say what they were (:mod:`.ocr_lexicon`), and punctuation and abbreviations a scan blurs are put
back where their place says what they are.

A flowchart drawn in the role columns is found as closed outlines (a symbol encloses white space, a
connector does not); the symbol marks its cell, as a drawing does in a .docx, and the words written on the
drawing (a symbol's "Mulai", a branch's "Ya") are not cell text.
"""

from __future__ import annotations

import csv
import io
import itertools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter, ImageOps

from .headings import match_box
from .items import marker_kind
from .ocr_lexicon import MIN_LENGTH, Vocabulary, document_words, tesseract_words, variants
from .page_rows import Grid, Mark, Page, Word, document_rows
from .parsed import Row
from .scan_grid import Segment, find_segments, ruling_pixels, rulings, split_stacked, tables

DPI = 300
LANGUAGE = "ind"
_MONTHS = (
    "januari",
    "februari",
    "pebruari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "nopember",
    "november",
    "desember",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "agu",
    "agt",
    "sep",
    "okt",
    "nov",
    "des",
)


class OcrUnavailable(Exception):
    """Tesseract or its Indonesian model is not installed; the message says how to install it."""


def tesseract_ready() -> None:
    """Raise :class:`OcrUnavailable` unless ``tesseract`` with the Indonesian model can run."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OcrUnavailable(
            "dokumen ini hasil pindai dan perlu OCR, tetapi Tesseract belum terpasang. Pasang "
            "paket Debian tesseract-ocr dan tesseract-ocr-ind (`make test` memasangnya)."
        )
    langs = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False).stdout.split()
    if LANGUAGE not in langs:
        raise OcrUnavailable(
            "dokumen ini hasil pindai dan perlu OCR bahasa Indonesia, tetapi model bahasanya "
            "belum terpasang. Pasang paket Debian tesseract-ocr-ind."
        )


# --------------------------------------------------------------------------------------------- picture


def skew_angle(gray: Image.Image) -> float:
    """The rotation (degrees) that makes the page's lines level: the angle at which the rows of dark pixels
    are sharpest (text lines and rulings), searched coarse then fine within ±4°."""
    small = gray.resize((max(1, gray.width // 4), max(1, gray.height // 4)), Image.BILINEAR)
    level = float(np.percentile(np.asarray(small), 90))

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, resample=Image.BILINEAR, fillcolor=int(level))
        profile = (np.asarray(turned) < 0.7 * level).sum(axis=1).astype(np.float64)
        return float((np.diff(profile) ** 2).sum())

    best = max((a / 10 for a in range(-40, 41, 2)), key=sharpness)
    return max((best + a / 50 for a in range(-10, 11)), key=sharpness)


def _paper(gray: Image.Image) -> np.ndarray:
    """The paper's own tone around each pixel (it varies over a scan): the lightest values nearby."""
    w, h = gray.size
    paper = gray.resize((max(1, w // 16), max(1, h // 16)), Image.BILINEAR).filter(ImageFilter.MaxFilter(5))
    paper = paper.filter(ImageFilter.GaussianBlur(3)).resize((w, h), Image.BILINEAR)
    return np.asarray(paper, dtype=np.float32)


def _dark(gray: Image.Image, paper: np.ndarray | None = None) -> np.ndarray:
    """Ink: pixels clearly darker than the paper around them."""
    paper = _paper(gray) if paper is None else paper
    return np.asarray(gray, dtype=np.float32) < 0.62 * paper


def prepare(image: Image.Image, dpi: float) -> tuple[Image.Image, float]:
    """A grey, upright picture of the page at about 300 dpi."""
    image = ImageOps.exif_transpose(image)
    gray = image.convert("L")
    if dpi < 0.8 * DPI:
        factor = DPI / dpi
        gray = gray.resize((round(gray.width * factor), round(gray.height * factor)), Image.LANCZOS)
        dpi = DPI
    return gray, dpi


# ---------------------------------------------------------------------------------------------- words


def _tesseract(images: list[Image.Image], psm: int, number: int) -> list[list[dict]]:
    """Tesseract's TSV word records for each picture, read in one run (the model is loaded once)."""
    # Tesseract's OpenMP threads fight each other on a small machine: one thread is fastest here.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    with tempfile.TemporaryDirectory(prefix="sop-ocr-") as tmp:
        names = []
        for k, image in enumerate(images):
            name = os.path.join(tmp, f"{k:04d}.pgm")  # uncompressed: encoding a PNG of a page takes a second
            image.save(name)
            names.append(name)
        listing = os.path.join(tmp, "gambar.txt")
        Path(listing).write_text("\n".join(names) + "\n", encoding="utf-8")
        done = subprocess.run(
            ["tesseract", listing, "stdout", "-l", LANGUAGE, "--psm", str(psm), "tsv"],
            capture_output=True,
            env=env,
            check=False,
        )
    if done.returncode != 0:
        raise OcrUnavailable(
            f"Tesseract gagal membaca halaman {number}: "
            f"{done.stderr.decode('utf-8', 'replace').strip()[:200]}"
        )
    out: list[list[dict]] = [[] for _ in images]
    for rec in csv.DictReader(
        io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE
    ):
        if rec.get("level") == "5" and (rec.get("text") or "").strip():
            k = int(rec["page_num"]) - 1
            if 0 <= k < len(out):
                out[k].append(rec)
    return out


def _words(records: list[dict], dx: float, dy: float, scale: float) -> list[Word]:
    """Word records of one picture placed at (dx, dy) pixels on the page, in points; specks and strokes of
    drawings read as letters are dropped."""
    grouped: dict[tuple[str, str, str], list[dict]] = {}
    for rec in records:
        grouped.setdefault((rec["block_num"], rec["par_num"], rec["line_num"]), []).append(rec)
    lines: dict[tuple[str, str, str], list[dict]] = {}
    for key, recs in grouped.items():
        for i, rec in enumerate(recs):
            text, conf = rec["text"].strip(), float(rec["conf"])
            unit = recs[i + 1]["text"] if i + 1 < len(recs) else ""
            number = text if text.isdigit() else figures(text)
            if number is not None and is_unit(unit):
                # A figure before a unit of time is kept however faint ("1 hari": a lone "1" is read with
                # low confidence, or as "|" or "l").
                lines.setdefault(key, []).append(dict(rec, text=number))
                continue
            before = recs[i - 1] if i else None
            if (
                text.isdigit()
                and len(text) >= 2
                and before is not None
                and before["text"].strip().isdigit()
                and float(before["conf"]) >= 60
            ):
                # A group of figures after a clear one ("199503 1002" in a NIP) is the number going on.
                lines.setdefault(key, []).append(rec)
                continue
            if text != "|" and conf < 25 and len(re.sub(r"[^A-Za-z]", "", text)) >= MIN_LENGTH:
                # Hardly sure, but long enough to be a word: the document's vocabulary decides (mend_words).
                lines.setdefault(key, []).append(dict(rec, faint=True))
                continue
            if text != "|" and (
                conf < 25
                or (len(text) <= 2 and conf < 40)
                or (not re.search(r"[0-9A-Za-z]", text) and conf < 80)
            ):
                continue  # (a pipe is judged by its place in the line, below)
            lines.setdefault(key, []).append(rec)
    out: list[Word] = []
    for recs in lines.values():
        heights = sorted(int(r["height"]) for r in recs if re.search(r"[A-Za-z0-9]", r["text"]))
        size = (heights[len(heights) // 2] if heights else int(recs[0]["height"])) * scale / 0.9
        # A pipe closing a line of words is the Roman numeral I ("Surat Teguran I") when it stands as tall as
        # a letter; any other stroke at either end of a line, or a pipe amid words, is a ruling's remnant or a
        # speck.
        if (
            len(recs) > 1
            and recs[-1]["text"].strip() == "|"
            and re.search(r"[A-Za-z]$", recs[-2]["text"])
            and heights
            and int(recs[-1]["height"]) >= 0.6 * heights[len(heights) // 2]
        ):
            recs[-1] = dict(recs[-1], text="I")
        recs = [r for r in recs if r["text"].strip() != "|"]
        while recs and re.fullmatch(r"[|\"'“”‘’`]+", recs[0]["text"].strip()):
            recs = recs[1:]
        while recs and re.fullmatch(r"[|\"'“”‘’`]+", recs[-1]["text"].strip()):
            recs = recs[:-1]
        if not recs:
            continue
        last = recs[-1]["text"].strip()
        if last[-1:] in '”"' and not any(q in r["text"] for r in recs for q in '“"' if r is not recs[-1]):
            recs[-1] = dict(recs[-1], text=last.rstrip('”"'))  # a closing quote with no opening one
        line = []
        for r in recs:
            x, y, w, h = (int(r[k]) for k in ("left", "top", "width", "height"))
            line.append(
                Word(
                    r["text"].strip(),
                    (x + dx) * scale,
                    (y + dy) * scale,
                    (x + w + dx) * scale,
                    (y + h + dy) * scale,
                    size,
                    conf=float(r["conf"]),
                    faint=bool(r.get("faint")),
                )
            )
        out += _repair_units(_repair_colons(line))
    return out


#: Units of time written after a number in the Waktu column; OCR confuses their letters ("hari" as "han").
_UNITS = ("hari", "jam", "menit", "minggu", "bulan", "detik", "pekan", "tahun")


#: Letters OCR reads for the figures 1 and 0.
_FIGURE_LOOKALIKES = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})
_NUMBER_LOOKALIKE = re.compile(r"^[0-9lI|Oo]{1,3}$")


def figures(text: str) -> str | None:
    """A short token of figures with letters OCR confuses with them ("l", "I", "l5", "1O") read as the number
    it is, or None when it is not such a token (a word, or a token with no lookalike at all)."""
    if not _NUMBER_LOOKALIKE.match(text) or text.isdigit():
        return None
    if len(text) > 1 and not any(ch.isdigit() for ch in text):
        return None  # "Il", "lo": letters, not a number
    return text.translate(_FIGURE_LOOKALIKES)


def is_unit(word: str) -> bool:
    """A unit of time as OCR may read it: "hari", or "han" / "rnenit" (one usual letter confusion)."""
    word = word.strip().lower().rstrip(".,;:")
    return word in _UNITS or (len(word) >= 3 and any(u in variants(word) for u in _UNITS))


def _repair_units(line: list[Word]) -> list[Word]:
    """A word right after a number that is a unit of time but for one of OCR's usual letter confusions is
    that unit: "1 han" and "2 hani" are "1 hari", "5 rnenit" is "5 menit", "15 menu" is "15 menit" (a
    figure read as a letter before a unit, "l jam", is put right earlier, in :func:`_words`). Other words are
    left alone."""
    for prev, w in itertools.pairwise(line):
        if not re.search(r"\d$", prev.text):
            continue
        word = w.text.lower().rstrip(".,;:”\"'")
        if word in _UNITS or len(word) < 3:
            continue
        found = [u for u in _UNITS if u in variants(word)]
        if len(found) == 1:
            w.text = found[0] + w.text[len(word) :]
    return line


def _has_text(ink: np.ndarray, dpi: float) -> bool:
    """Does an area hold a line of writing, not only the grain and specks of the paper? Writing is ink over
    at least the height of a small letter (4 points) in a row of consecutive lines of pixels."""
    step = max(1, round(dpi / 75))
    if ink.shape[0] < step or ink.shape[1] < step:
        return False
    rows = _pooled(ink, step).any(axis=1)
    need = max(3, round(4 / 72 * dpi / step))
    run = 0
    for filled in rows:
        run = run + 1 if filled else 0
        if run >= need:
            return True
    return False


def _on_paper(image: Image.Image, margin: int, paper: int) -> Image.Image:
    """The picture with a margin of blank paper around it (Tesseract misreads text touching the edge)."""
    canvas = Image.new("L", (image.width + 2 * margin, image.height + 2 * margin), paper)
    canvas.paste(image, (margin, margin))
    return canvas


def ocr_words(
    gray: Image.Image, cells: list[tuple[int, int, int, int]], dpi: float, number: int
) -> list[Word]:
    """The words of a page: the text outside tables read as a page, each table cell read on its own (a
    page-wide reading runs lines of neighbouring cells together and loses words of multi-line cells)."""
    scale = 72.0 / dpi
    paper = int(np.percentile(np.asarray(gray), 90))
    outside = gray.copy()
    for x0, y0, x1, y1 in cells:
        outside.paste(paper, (x0, y0, x1, y1))
    ink = _dark(gray)
    margin = round(8 / 72 * dpi)
    small = round(14 / 72 * dpi)
    crops: list[Image.Image] = []
    tokens: list[Image.Image] = []
    crop_at: list[tuple[int, int]] = []
    token_at: list[tuple[int, int]] = []
    for x0, y0, x1, y1 in cells:
        area = ink[y0:y1, x0:x1]
        if x1 - x0 < 4 or y1 - y0 < 4 or not _has_text(area, dpi):
            continue
        ys, xs = np.nonzero(area)
        if ys.max() - ys.min() <= small and xs.max() - xs.min() <= small:
            # A lone number or short mark ("1", "12"): read as one word from a tight crop, where Tesseract
            # is far surer of single figures than in a tall, mostly empty cell.
            # Enlarged twice: Tesseract reads a single figure of a 150 dpi scan far better at twice the size.
            pad = margin // 2
            bx0, by0 = x0 + xs.min() - pad, y0 + ys.min() - pad
            token = gray.crop((bx0, by0, x0 + xs.max() + pad + 1, y0 + ys.max() + pad + 1))
            token = token.resize((token.width * 2, token.height * 2), Image.LANCZOS)
            tokens.append(_on_paper(token, 2 * pad, paper))
            token_at.append((bx0 - pad, by0 - pad))
            continue
        crops.append(_on_paper(gray.crop((x0, y0, x1, y1)), margin, paper))
        crop_at.append((x0 - margin, y0 - margin))
    words = _words(_tesseract([outside], 4, number)[0], 0, 0, scale)
    for psm, images, places, zoom in ((6, crops, crop_at, 1), (7, tokens, token_at, 2)):
        if not images:
            continue
        for records, (dx, dy) in zip(_tesseract(images, psm, number), places, strict=False):
            found = _words(records, dx * zoom, dy * zoom, scale / zoom)
            sure = [w for w in found if not w.faint]
            if not sure or sum(w.conf or 0 for w in sure) / len(sure) < 45:
                continue  # Tesseract made words out of the grain of an empty cell
            words += found
    return words


def _repair_colons(line: list[Word]) -> list[Word]:
    """The colon after a label ("Tanggal Revisi : 22 Juli 2021") is often read as "1" or "1:" when it
    touches the value: "1:22", "122 Juli". Put the colon back where the value follows a tab gap."""
    line.sort(key=lambda w: w.x0)
    for k in range(1, len(line)):
        prev, w = line[k - 1], line[k]
        if w.x0 - prev.x1 <= 1.5 * w.size:
            continue
        m = re.match(r"^[1lI|!i]:(.*)$", w.text)
        if m:
            w.text = ":" + m.group(1)
            continue
        after = line[k + 1].text.lower().strip(".,") if k + 1 < len(line) else ""
        m = re.match(r"^[1lI|!](\d{1,2})$", w.text)
        if m and int(m.group(1)) <= 31 and after in _MONTHS:
            w.text = ":" + m.group(1)  # "111 Maret" is ": 11 Maret": no month has a 111th day
    return line


# --------------------------------------------------------------------------------------- flowchart


def _fill_from_border(white: np.ndarray) -> np.ndarray:
    """White pixels connected to the border of the area (not enclosed by any outline)."""
    reach = np.zeros_like(white)
    reach[0, :], reach[-1, :], reach[:, 0], reach[:, -1] = (
        white[0, :],
        white[-1, :],
        white[:, 0],
        white[:, -1],
    )
    while True:
        grown = reach.copy()
        grown[1:, :] |= reach[:-1, :]
        grown[:-1, :] |= reach[1:, :]
        grown[:, 1:] |= reach[:, :-1]
        grown[:, :-1] |= reach[:, 1:]
        grown &= white
        if (grown == reach).all():
            return reach
        reach = grown


def _eroded(mask: np.ndarray, k: int) -> np.ndarray:
    """Pixels whose whole k×k neighbourhood is set (thin lines and letters vanish)."""
    if k <= 1:
        return mask
    s = np.pad(mask.astype(np.int32), ((1, 0), (1, 0))).cumsum(0).cumsum(1)
    h, w = mask.shape
    out = np.zeros_like(mask)
    if h < k or w < k:
        return out
    win = s[k:, k:] - s[:-k, k:] - s[k:, :-k] + s[:-k, :-k]
    out[k // 2 : k // 2 + win.shape[0], k // 2 : k // 2 + win.shape[1]] = win == k * k
    return out


def _dilated(mask: np.ndarray, k: int) -> np.ndarray:
    """Pixels with any set pixel in their k×k neighbourhood."""
    if k <= 1:
        return mask
    lo = k // 2
    padded = np.pad(mask.astype(np.int32), ((lo + 1, k - lo - 1), (lo + 1, k - lo - 1)))
    s = padded.cumsum(0).cumsum(1)
    win = s[k:, k:] - s[:-k, k:] - s[k:, :-k] + s[:-k, :-k]
    return win[: mask.shape[0], : mask.shape[1]] > 0


def body(shape: np.ndarray, k: int) -> np.ndarray:
    """A symbol's body without the thin lines attached to it: the connectors that arrive at its outline
    would widen its box and make a rectangle look rounded (a morphological opening with a k×k square)."""
    return _dilated(_eroded(shape, k), k)


def classify_blob(blob: np.ndarray) -> str:
    """The kind of symbol a filled outline draws. Its corners tell first: a process box fills the corners of
    its bounding box, while a terminator's rounded ends, a diamond's and a circle's leave them empty (how much
    of the box a shape fills alone does not: a scanned rectangle with a blurred edge fills less than a long
    terminator). Then a diamond fills about half of its box, and a terminator is long where a connector
    circle is round."""
    h, w = blob.shape
    c = max(1, min(h, w) // 6)
    corners = float(
        np.mean([blob[:c, :c].mean(), blob[:c, -c:].mean(), blob[-c:, :c].mean(), blob[-c:, -c:].mean()])
    )
    if corners >= 0.35:
        return "proses"
    if float(blob.mean()) < 0.68:
        return "keputusan"
    return "terminator" if w > 1.6 * h else "penghubung"


def _pooled(mask: np.ndarray, step: int) -> np.ndarray:
    """The mask at 1/step of its size, a cell set where any pixel of its block is (thin lines survive)."""
    h, w = (mask.shape[0] // step) * step, (mask.shape[1] // step) * step
    return mask[:h, :w].reshape(h // step, step, w // step, step).any(axis=(1, 3))


def cell_symbol(dark: np.ndarray, box: tuple[int, int, int, int], dpi: float) -> tuple[str, tuple] | None:
    """A flowchart symbol drawn in a cell: an outline enclosing a white area of at least 8×5 points (the
    counters of letters are far smaller, a connector encloses nothing)."""
    x0, y0, x1, y1 = box
    step = 3
    area = _pooled(dark[y0:y1, x0:x1], step)
    if area.shape[0] < 8 or area.shape[1] < 8:
        return None
    unit = dpi / 72 / step  # pooled pixels per point
    reach = _fill_from_border(~area)
    enclosed = ~area & ~reach
    k = max(3, round(3.0 * unit))
    core = _eroded(enclosed, k)
    if not core.any():
        return None
    ys, xs = np.nonzero(core)
    if (ys.max() - ys.min() + k) < 5 * unit or (xs.max() - xs.min() + k) < 8 * unit:
        return None
    # The symbol: the enclosed area around the core with its outline, up to the first white outside it.
    grow = k + 2
    r0, r1 = max(0, ys.min() - grow), min(area.shape[0], ys.max() + grow + 1)
    c0, c1 = max(0, xs.min() - grow), min(area.shape[1], xs.max() + grow + 1)
    inside = body(~reach[r0:r1, c0:c1], k)
    if not inside.any():
        return None
    rows, cols = np.nonzero(inside.any(axis=1))[0], np.nonzero(inside.any(axis=0))[0]
    blob = inside[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]
    kind = classify_blob(blob)
    bbox = (
        x0 + (c0 + cols.min()) * step,
        y0 + (r0 + rows.min()) * step,
        x0 + (c0 + cols.max() + 1) * step,
        y0 + (r0 + rows.max() + 1) * step,
    )
    return kind, bbox


# ------------------------------------------------------------------------------------------- pages


def _runs_along(edge: Segment, lines: list[Segment], distance: float) -> bool:
    """Does a line run along ``edge`` (parallel, within ``distance``, over most of its length)?"""
    for s in lines:
        if abs(s.pos - edge.pos) <= distance and min(s.b, edge.b) - max(s.a, edge.a) >= 0.5 * edge.length:
            return True
    return False


def shade_edges(gray: Image.Image, dpi: float) -> np.ndarray:
    """The borders of shaded areas (a label column, a header row), as thin lines. A shaded cell is
    often printed without its own rulings (the fill covers them), and its edge is where the line was."""
    tone = np.asarray(gray, dtype=np.float32)
    shaded = tone < 0.93 * float(np.percentile(tone, 90))
    # Only wide areas: the strokes of letters and drawn lines are thinner than 4 points (1/18 inch).
    blocks = body(shaded, max(3, round(dpi / 18)))
    return _dilated(blocks & ~_eroded(blocks, 3), 3)  # 3 pixels wide: a straightened edge wavers by one


def drawn_lines(
    gray: Image.Image, dark: np.ndarray, dpi: float, tol: float
) -> tuple[list[Segment], list[Segment]]:
    """The page's straight lines, horizontal and vertical: the runs of ink, and the edges of shaded areas
    where no ink line runs along them."""
    horizontal, vertical = find_segments(dark, dpi)
    # A shaded cell's edge stands for a ruling only where no ruling runs along it (the fill covered it).
    long_edge = dpi / 2  # half an inch: a cell's edge, not a bold letter's or a speck's
    for found, edges in zip((horizontal, vertical), find_segments(shade_edges(gray, dpi), dpi), strict=True):
        # The edge of a fill reaches a little under the rulings it meets: half the tolerance off each end.
        found += [
            Segment(e.horizontal, e.pos, e.a + tol / 2, e.b - tol / 2)
            for e in edges
            if e.length >= long_edge and not _runs_along(e, found, 3 * tol)
        ]
    return horizontal, vertical


def read_scan(image: Image.Image, number: int, dpi: float) -> Page:
    """One scanned page: straightened, its tables' cells, its words, and any flowchart symbols."""
    gray, dpi = prepare(image, dpi)
    angle = skew_angle(gray)
    if abs(angle) >= 0.05:
        paper = int(np.percentile(np.asarray(gray), 90))
        gray = gray.rotate(angle, resample=Image.BICUBIC, fillcolor=paper)
    paper_tone = _paper(gray)
    dark = _dark(gray, paper_tone)
    tol = dpi / 50
    horizontal, vertical = drawn_lines(gray, dark, dpi, tol)
    h_rule, v_rule = rulings(horizontal, vertical, gray.width, tol)
    cell_sets = [split_stacked(cells, dark, dpi, tol) for cells in tables(h_rule, v_rule, tol)]
    # Only ink stays, on white: shaded cells, paper tone and grain would make Tesseract's own thresholding
    # swallow letters. Then the rulings are wiped, so that no line is read as a letter.
    paper = 255
    pixels = np.where(dark, np.asarray(gray), 255).astype(np.uint8)
    thick = round(tol / 2)
    for s in h_rule:
        y = round(s.pos)
        pixels[max(0, y - thick) : y + thick + 1, int(s.a) : int(s.b) + 1] = paper
    for s in v_rule:
        x = round(s.pos)
        pixels[int(s.a) : int(s.b) + 1, max(0, x - thick) : x + thick + 1] = paper
    pixels[ruling_pixels(dark, dpi, h_rule, v_rule, tol)] = paper
    clean = Image.fromarray(pixels)
    inset = 1  # the rulings are wiped already: keep all of a tight cell's text
    boxes = [
        (int(c[0]) + inset, int(c[1]) + inset, int(c[2]) - inset, int(c[3]) - inset)
        for cells in cell_sets
        for c in cells
    ]
    words = ocr_words(clean, boxes, dpi, number)
    scale = 72.0 / dpi
    grids = [
        Grid.from_cells([tuple(v * scale for v in c) for c in cells], tolerance=tol * scale)
        for cells in cell_sets
    ]
    marks = _symbols(dark, grids, dpi, words)
    words = _drop_drawing_labels(words, grids, marks)
    return Page(number, gray.width * scale, gray.height * scale, words, grids, marks, ocr=True)


#: A flowchart cell holds a symbol and at most a few words (its label, a branch's "Ya", "Tidak lengkap");
#: a cell with more words is a cell of text, where letters set close can enclose a white area too.
WORDS_BESIDE_A_SYMBOL = 6


def _symbols(dark: np.ndarray, grids: list[Grid], dpi: float, words: list[Word]) -> list[Mark]:
    scale = dpi / 72.0
    marks: list[Mark] = []
    for g in grids:
        for row in g.cells:
            in_row: list[Mark] = []
            for box in row:
                if box is None:
                    continue
                inset = 3.0
                px = (
                    int((box[0] + inset) * scale),
                    int((box[1] + inset) * scale),
                    int((box[2] - inset) * scale),
                    int((box[3] - inset) * scale),
                )
                found = cell_symbol(dark, px, dpi)
                inside = sum(1 for w in words if box[0] <= w.cx <= box[2] and box[1] <= w.cy <= box[3])
                if found and inside <= WORDS_BESIDE_A_SYMBOL:
                    kind, b = found
                    in_row.append(Mark(tuple(v / scale for v in b), kind))  # type: ignore[arg-type]
            marks.extend(step_symbol_of_row(in_row))
    return marks


def step_symbol_of_row(marks: list[Mark]) -> list[Mark]:
    """A step has one symbol. In a decision's row the flowchart may also draw the terminator where a branch
    ends the procedure ("Selesai" beside the diamond): with one diamond and otherwise terminators, the
    diamond is the step's symbol and the terminators are its branch's end, not a second performer. A scan
    shows no arrows to tell other rows' symbols apart, so they are kept as they are."""
    diamonds = [m for m in marks if m.kind == "keputusan"]
    if len(marks) > 1 and len(diamonds) == 1 and all(m.kind in ("keputusan", "terminator") for m in marks):
        return diamonds
    return marks


def _drop_drawing_labels(words: list[Word], grids: list[Grid], marks: list[Mark]) -> list[Word]:
    """Words written on the flowchart are not cell text: a symbol's own label, and the short branch
    labels written beside symbols in the columns where symbols are drawn."""
    if not marks:
        return words
    columns: set[tuple[int, int]] = set()
    rows_with: set[tuple[int, int]] = set()
    for k, g in enumerate(grids):
        for r, row in enumerate(g.cells):
            for c, box in enumerate(row):
                if box and any(
                    box[0] <= m.center[0] <= box[2] and box[1] <= m.center[1] <= box[3] for m in marks
                ):
                    columns.add((k, c))
                    rows_with.add((k, r))
    # Branch labels are written in the rows that hold a symbol, in the columns where symbols are drawn.
    out = []
    for w in words:
        if any(
            m.bbox[0] - 1 <= w.cx <= m.bbox[2] + 1 and m.bbox[1] - 1 <= w.cy <= m.bbox[3] + 1 for m in marks
        ):
            continue
        where = _slot(grids, w)
        near = any(
            m.bbox[0] - 30 <= w.cx <= m.bbox[2] + 30 and m.bbox[1] - 10 <= w.cy <= m.bbox[3] + 10
            for m in marks
        )
        if (
            near
            and where
            and (where[0], where[2]) in columns
            and (where[0], where[1]) in rows_with
            and len(w.text) <= 14
        ):
            continue  # a branch label beside the drawing
        out.append(w)
    return out


def _slot(grids: list[Grid], w: Word) -> tuple[int, int, int] | None:
    for k, g in enumerate(grids):
        for r, row in enumerate(g.cells):
            for c, box in enumerate(row):
                if box and box[0] <= w.cx <= box[2] and box[1] <= w.cy <= box[3]:
                    return k, r, c
    return None


_STOP_IN_SENTENCE = re.compile(r"\b([a-z]{3,})\.(?=[ \n][a-z]{3,}\b)")
_STOP_AFTER_ACRONYM = re.compile(r"(?<![.\w])([A-Z]{2,}(?:-[a-zA-Z]+)?)\.,?(?=\s[a-z]{3,}\b)")


def repair_punctuation(rows: list[Row]) -> list[Row]:
    """Tesseract reads a semicolon as a colon more often than not. Where the text says which it is, put
    the semicolon back: at the end of a list entry that another entry follows, and between two branches of
    a decision ("lanjut ke 5: Tidak: ..." or "ke langkah 8. Ditolak: ..." is "…; Tidak: ..."); and a comma
    read as a full stop amid a sentence."""
    words = tesseract_words(LANGUAGE)
    for row in rows:
        for c, text in enumerate(row.cells):
            lines = text.split("\n")
            entry = None  # how the entry the line belongs to is numbered
            for k in range(len(lines) - 1):
                # An entry goes on over the lines that start no other; a box's label (in the same cell as
                # the items, or a page read as one) ends it.
                entry = marker_kind(lines[k]) or (None if match_box(lines[k]) else entry)
                # An entry (of one line or more) ending in a colon, then the next entry numbered alike: a
                # colon that introduces sub-entries would be followed by entries numbered otherwise.
                if lines[k].rstrip().endswith(":") and entry and marker_kind(lines[k + 1]) == entry:
                    lines[k] = lines[k].rstrip()[:-1] + ";"
            text = "\n".join(lines)
            text = re.sub(r"(\d\)?)\s*:(\s+[A-Z][a-z]*\b[^:;.]{0,20}:)", r"\1;\2", text)
            # So is a full stop or a comma after a branch's target step ("ke langkah 8. Ditolak: ...").
            text = re.sub(
                r"(\bke\s+(?:langkah\s+|no\.?\s*|nomor\s+)?\d{1,3}\)?)\s*[.,](\s+[A-Z][a-z]*\b[^:;.]{0,20}:)",
                r"\1;\2",
                text,
            )
            # "1x24 jam" is "1 x 24 jam" (OCR drops the narrow spaces around the x of a duration), and a
            # comma wedged between two words without a space is a speck ("dan,kartu").
            text = re.sub(r"\b(\d+)\s*[xX×]\s*(\d+)(?=\s+(?:jam|hari|menit)\b)", r"\1 x \2", text)
            text = re.sub(r"(?<=[a-z]),(?=[a-z])", " ", text)
            # A full stop after a word, before a word in small letters, is a comma: a sentence starts with a
            # capital ("gergaji besi. mesin las"). An abbreviation ("dll. dan", "dst.") has no vowel.
            text = _STOP_IN_SENTENCE.sub(
                lambda m: (
                    m.group(1) + ("," if m.group(1) in words and re.search("[aeiou]", m.group(1)) else ".")
                ),
                text,
            )
            # The same after a short name in capitals ("DPA. anggaran kas", "BAST. dokumentasi"), and a full
            # stop wedged before a comma after one ("DPA., anggaran"); a dotted abbreviation ("S.STP.,")
            # keeps its dots.
            row.cells[c] = _STOP_AFTER_ACRONYM.sub(r"\1,", text)
    return rows


_ACTING = re.compile(r"^(\s*)P[iI1|l!][tf]\.?(?=\s+[A-Z])")
_DEGREE_S = re.compile(r"(?<=,\s)5\.(?=[A-Z][A-Za-z]*\.)")
_LIST_COMMA = re.compile(r"^(\s*\d{1,2}),(?=\s)")


def repair_abbreviations(rows: list[Row]) -> list[Row]:
    """Abbreviations a scan blurs into other characters, where their place says what they are: "Plt." (the
    acting head) read "Pit." before a jabatan; a degree's "S." read as "5." after the comma that follows a
    name ("H. LALU, 5.Sos."); and an entry number's full stop read as a comma ("1, Kartu stok") in a cell
    whose other entries are numbered "2.", "3."."""
    for row in rows:
        for c, text in enumerate(row.cells):
            lines = [_DEGREE_S.sub("S.", _ACTING.sub(r"\1Plt.", line)) for line in text.split("\n")]
            if any(marker_kind(line) == "9" for line in lines):
                lines = [_LIST_COMMA.sub(r"\1.", line) for line in lines]
            row.cells[c] = "\n".join(lines)
    return rows


def repair_step_numbers(rows: list[Row]) -> list[Row]:
    """A figure misread in a column of step numbers ("1, 2, 3, 4, 5, 6, 1, 8") is put right where both of
    its neighbours fix it: the figure between 6 and 8 is 7. A number cell with letters OCR takes for figures
    ("l.", "1O") or a comma for the full stop ("3,") is read as a step number when a neighbouring row of the
    table is numbered, and a speck before a figure ("'4") is dropped. Nothing else is guessed."""
    table = [k for k, r in enumerate(rows) if r.from_table and r.cells]
    for n, k in enumerate(table):
        prev = table[n - 1] if n else None
        nxt = table[n + 1] if n + 1 < len(table) else None
        # A speck read before the figure ("'4", ".4") is no part of the number.
        rows[k].cells[0] = re.sub(r"^[^\w\s(]{1,2}\s?(?=\d{1,3}[.)]?$)", "", rows[k].cells[0].strip())
        m = re.match(r"^(\S{1,3}?)([.),]?)$", rows[k].cells[0].strip())
        if not m or sum(1 for c in rows[k].cells if c.strip()) < 2:
            continue
        number = m.group(1) if m.group(1).isdigit() else figures(m.group(1))
        if number is None or (number == m.group(1) and m.group(2) != ","):
            continue
        neighbours = [rows[n].cells[0].strip() for n in (prev, nxt) if n is not None]
        if any(re.match(r"^\d{1,3}[.)]?$", c) for c in neighbours):
            rows[k].cells[0] = number + ("." if m.group(2) == "," else m.group(2))
    numbered = [
        (k, m)
        for k, r in enumerate(rows)
        if r.from_table and r.cells
        for m in [re.match(r"^(\d{1,3})([.)]?)$", r.cells[0].strip())]
        if m
    ]
    # A row with step text but a number not read at all, between steps n-1 and n+1, is step n.
    for (k0, a), (k1, b) in itertools.pairwise(numbered):
        between = [k for k in range(k0 + 1, k1) if rows[k].from_table]
        blank = [
            k
            for k in between
            if not rows[k].cells[0].strip() and sum(1 for c in rows[k].cells if c.strip()) >= 2
        ]
        if int(b.group(1)) == int(a.group(1)) + 2 and len(blank) == 1 and len(between) == 1:
            rows[blank[0]].cells[0] = f"{int(a.group(1)) + 1}{a.group(2)}"
    numbered = [
        (k, m)
        for k, r in enumerate(rows)
        if r.from_table and r.cells
        for m in [re.match(r"^(\d{1,3})([.)]?)$", r.cells[0].strip())]
        if m
    ]
    values = [int(m.group(1)) for _, m in numbered]
    for n in range(1, len(numbered) - 1):
        before, here, after = values[n - 1], values[n], values[n + 1]
        if after == before + 2 and here != before + 1:
            k, m = numbered[n]
            values[n] = before + 1
            rows[k].cells[0] = f"{before + 1}{m.group(2)}"
    return rows


def mend_words(
    pages: list[Page], lexicon: frozenset[str] | None = None, known: frozenset[str] = frozenset()
) -> list[Page]:
    """Put right the words OCR misread on the pages of one document (:mod:`.ocr_lexicon`), and drop the
    faint words that are no word of it. ``lexicon``: the language's words (Tesseract's list by default);
    ``known``: words the agency's reviewed SOPs already hold ("Sekcam", "Penilik"), as sure as the
    document's own."""
    words = [w for p in pages for w in p.words]
    vocabulary = Vocabulary(
        tesseract_words(LANGUAGE) if lexicon is None else lexicon,
        document_words((w.text, w.conf or 0.0) for w in words if not w.faint) | set(known),
    )
    for page in pages:
        kept = []
        for w in page.words:
            mended = vocabulary.mend(w.text, faint=w.faint, conf=w.conf)
            if mended is None:
                continue
            if mended != w.text:
                w.read_as, w.text = w.text, mended
            kept.append(w)
        page.words = kept
    return pages


def rows_from_scanned_pdf(path: Path, known: frozenset[str] = frozenset()) -> list[Row]:
    """Rows of a PDF whose pages are pictures, read by OCR."""
    import pypdfium2 as pdfium

    tesseract_ready()
    pdf = pdfium.PdfDocument(str(path))
    try:
        pages = []
        for n in range(len(pdf)):
            picture = pdf[n].render(scale=DPI / 72, grayscale=True).to_pil()
            pages.append(read_scan(picture, n + 1, DPI))
    finally:
        pdf.close()
    return repair_punctuation(
        repair_abbreviations(repair_step_numbers(document_rows(mend_words(pages, known=known))))
    )


def rows_from_image(path: Path, known: frozenset[str] = frozenset()) -> list[Row]:
    """Rows of a scanned or photographed page stored as an image, read by OCR."""
    tesseract_ready()
    with Image.open(path) as image:
        image.load()
        dpi = float((image.info.get("dpi") or (0, 0))[0] or 0)
        if dpi < 50:
            dpi = max(image.size) / 11.69  # no resolution recorded: take the picture as a whole A4 page
        page = read_scan(image, 1, dpi)
    return repair_punctuation(
        repair_abbreviations(repair_step_numbers(document_rows(mend_words([page], known=known))))
    )
