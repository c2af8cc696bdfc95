"""From a parsed SOP to a draft source file: canonical YAML with ``# PERIKSA:`` comments, and a review list.

The draft is a valid source file (``sop check`` finds no error in it): a missing required value is written as
``-`` and flagged, never made up. Every review item appears twice: as a comment above the key it concerns,
and in the review list the command prints. A person deletes the comment once the value is confirmed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML

from catalogue.source import format as source_format
from catalogue.source.files import BOXES
from catalogue.source.fmt import format_text
from catalogue.source.review_marks import REVIEW_MARK, review_comment
from catalogue.source.yaml_reader import forget_documents

from .identity import parse_date_value
from .parsed import FieldPath, ParsedSop, Review

_SAFE = YAML(typ="safe", pure=True)
_PLAIN_INT = re.compile(r"^[1-9]\d{0,2}$")
_BOXES = tuple(BOXES)
_BOX_LABELS = BOXES


@dataclass
class Draft:
    """A draft source file for one SOP."""

    title: str
    text: str
    reviews: list[Review]
    steps: int


def scalar(value: Any) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else double-quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN_INT.match(text):
        return text
    if (
        text
        and text == text.strip()
        and "\n" not in text
        and " #" not in text
        and ": " not in text
        and not text.endswith(":")
        and text[0] not in "!&*?|>'\"%@`#,[]{}-:"
    ):
        try:
            plain_reads_back = _SAFE.load(f"k: {text}\n") == {"k": text}
            forget_documents(_SAFE)
        except Exception:  # noqa: BLE001 - anything the parser dislikes is simply quoted
            plain_reads_back = False
        if plain_reads_back:
            return text
    return json.dumps(text, ensure_ascii=False)


def _comment_lines(messages: list[str], indent: int) -> list[str]:
    return [review_comment(m, " " * indent) for m in messages]


class _Writer:
    def __init__(self, reviews: list[Review]):
        self.reviews = reviews
        self.lines: list[str] = []

    def about(self, prefix: FieldPath, exact: bool = False) -> list[str]:
        out = []
        for r in self.reviews:
            if (r.field == prefix) if exact else (r.field[: len(prefix)] == prefix and r.field):
                label = _label(r.field[len(prefix) :]) if not exact else ""
                out.append(f"{label}{r.message}")
        return out

    def key(self, key: str, value: Any = None, indent: int = 0, comments: list[str] | None = None) -> None:
        self.lines += _comment_lines(comments or [], indent)
        pad = " " * indent
        self.lines.append(f"{pad}{key}:" if value is None else f"{pad}{key}: {scalar(value)}")

    def items(self, values: list[Any], indent: int) -> None:
        for v in values:
            self.lines.append(f"{' ' * indent}- {scalar(v)}")


def _label(rest: FieldPath) -> str:
    parts = [str(p) for p in rest if isinstance(p, str)]
    return f"({'.'.join(parts)}) " if parts else ""


def build_draft(
    sop: ParsedSop,
    *,
    document: str,
    document_kind: str,
    imported: dt.date,
    fallback_title: str,
    header: list[str] | None = None,
) -> Draft:
    """Render one parsed SOP as a canonical, commented draft source file."""
    w = _Writer(sop.reviews)
    identity = sop.identity
    title = sop.title
    if not title:
        title = fallback_title
        sop.review(("nama",), f"judul SOP tidak ditemukan; sementara dipakai nama berkas '{fallback_title}'.")
    elif not identity.get("nama"):
        sop.review(
            ("nama",), "label 'Nama SOP' tidak ada; judul diambil dari baris yang diawali 'SOP'. Pastikan."
        )
    nomor = identity.get("nomor", "").strip()
    if not nomor:
        nomor = "-"
        sop.review(("nomor",), "nomor SOP tidak tertulis pada dokumen; isi bila ada, atau biarkan '-'.")
    elif nomor.startswith("/") or "…" in nomor or "..." in nomor:
        sop.review(("nomor",), f"nomor '{nomor}' tampaknya belum lengkap (bagian nomor urut kosong).")
    dates: dict[str, Any] = {}
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        raw = identity.get(key)
        if raw is None:
            if key != "tanggal_revisi":
                sop.review((key,), f"{key.replace('_', ' ')} tidak ditemukan pada dokumen.")
            continue
        value, problem = parse_date_value(raw)
        if problem:
            sop.review((key,), problem)
        if value is not None:
            dates[key] = value
        if raw.strip() == "" and key != "tanggal_revisi":
            sop.review((key,), f"{key.replace('_', ' ')} kosong pada dokumen.")
    made, eff = dates.get("tanggal_pembuatan"), dates.get("tanggal_efektif")
    if isinstance(made, dt.date) and isinstance(eff, dt.date) and abs((eff - made).days) > 3 * 365:
        sop.review(
            ("tanggal_pembuatan",),
            f"tahun pembuatan {made.year} dan pengesahan {eff.year} berjauhan; "
            "mungkin salah ketik. Biarkan seperti yang disahkan dan catat di "
            "sumber.catatan bila dikoreksi.",
        )
    _prepare_boxes(sop)
    if not sop.steps:
        sop.review(
            ("langkah",),
            "tabel prosedur tidak dikenali; `pelaksana` dan `langkah` berisi tanda '-' "
            "dan harus diisi dari dokumen asli.",
        )

    # Comments about the whole file go to the header, with everything else counted there.
    whole = [r.message for r in sop.reviews if not r.field]
    head = list(header or [])
    count = len(sop.reviews)
    if count:
        head.append(
            f"{REVIEW_MARK}: {count} butir perlu dikonfirmasi; setiap butir ditandai '# {REVIEW_MARK}:' "
            "di atas kunci yang bersangkutan. Hapus komentarnya setelah diperiksa."
        )
    if sop.alamat:
        # The office address belongs to the agency, not to the SOP: kept here for _instansi.yml.
        head.append(f"Alamat pada kop dokumen: {sop.alamat} (untuk `alamat` di _instansi.yml).")
    w.lines += [f"# {h}" for h in head]
    w.lines += _comment_lines(whole, 0)
    if w.lines:
        w.lines.append("")

    w.key("nomor", nomor, comments=w.about(("nomor",)))
    w.key("nama", title, comments=w.about(("nama",)))
    if sop.unit:
        w.key("unit_kerja", sop.unit, comments=w.about(("unit_kerja",)))
    for key in ("tanggal_pembuatan", "tanggal_revisi", "tanggal_efektif"):
        if key in dates:
            w.key(key, dates[key], comments=w.about((key,)))
        elif w.about((key,)):
            w.lines += _comment_lines(w.about((key,)), 0)
    signer = sop.signer
    signer_notes = w.about(("disahkan_oleh",))
    if signer.jabatan and not (signer.nama or signer.nip or signer.pangkat):
        w.key("disahkan_oleh", signer.jabatan, comments=signer_notes)
    elif signer.jabatan:
        w.key("disahkan_oleh", comments=signer_notes)
        for sub in ("jabatan", "nama", "nip", "pangkat"):
            value = getattr(signer, sub)
            if value:
                w.key(sub, value, indent=2)
    else:
        parts = [f"{k}: {v}" for k, v in (("nama", signer.nama), ("nip", signer.nip)) if v]
        if parts:
            signer_notes.append("jabatan pengesah tidak terbaca; tertulis " + ", ".join(parts) + ".")
        w.lines += _comment_lines(signer_notes, 0)
    w.lines.append("")

    for key in _BOXES:
        items = sop.boxes.get(key)
        notes = w.about((key,))
        if not items:
            if not notes and key in sop.unreadable_boxes:
                notes = [
                    (
                        f"isi kotak {_BOX_LABELS[key]} tidak terbaca (lihat komentar di awal berkas); "
                        "salin dari dokumen asli."
                    )
                ]
            notes = notes or [f"kotak {_BOX_LABELS[key]} tidak ditemukan pada dokumen."]
            w.key(key, comments=notes)
            w.lines[-1] += " []"
            continue
        w.key(key, comments=notes)
        w.items(items, 2)
    w.lines.append("")

    roles = sop.roles or ["-"]
    w.key("pelaksana", comments=w.about(("pelaksana",)))
    w.items(roles, 2)
    w.lines.append("")
    w.key("langkah", comments=w.about(("langkah",), exact=True))
    steps = sop.steps
    if not steps:
        w.lines.append('  - no: "-"')
        w.lines.append('    kegiatan: "-"')
    for i, step in enumerate(steps):
        w.lines += _comment_lines(w.about(("langkah", i)), 2)
        w.lines.append(f"  - no: {scalar(step.no)}")
        w.key("kegiatan", step.kegiatan or "-", indent=4)
        if step.pelaksana:
            w.key("pelaksana", step.pelaksana, indent=4)
            if step.pelaksana_status:
                w.key("pelaksana_status", step.pelaksana_status, indent=4)
            if step.pelaksana_alasan:
                w.key("pelaksana_alasan", step.pelaksana_alasan, indent=4)
        if step.jenis:
            w.key("jenis", step.jenis, indent=4)
            if step.ya:
                w.key("ya", step.ya, indent=4)
            if step.tidak:
                w.key("tidak", step.tidak, indent=4)
        if step.kelengkapan:
            w.key("kelengkapan", indent=4)
            w.items(step.kelengkapan, 6)
        if step.waktu:
            w.key("waktu", step.waktu, indent=4)
        if step.output:
            w.key("output", step.output, indent=4)
        if step.keterangan:
            w.key("keterangan", step.keterangan, indent=4)
        if step.catatan:
            w.key("catatan", step.catatan, indent=4)
    w.lines.append("")
    w.key("sumber")
    w.key("dokumen", document, indent=2)
    w.key("jenis_dokumen", document_kind, indent=2)
    w.key("diimpor", imported, indent=2)
    text = format_text("\n".join(w.lines) + "\n", source_format.SOP)
    order = [f.key for f in source_format.SOP.fields]

    def in_file_order(review: Review) -> tuple:
        head = review.field[0] if review.field else None
        rest = tuple((0, x) if isinstance(x, int) else (1, str(x)) for x in review.field[1:])
        return (order.index(head) + 1 if head in order else 0, rest)

    reviews = sorted(sop.reviews, key=in_file_order)
    return Draft(title=title, text=text, reviews=reviews, steps=len(steps))


def _prepare_boxes(sop: ParsedSop) -> None:
    for key in _BOXES:
        # A lone dash is how a form says "none": the box is empty, not a box with the item "-".
        items = [i for i in sop.boxes.get(key, []) if i.strip(" -–—.")]
        if key in sop.boxes:
            sop.boxes[key] = items
