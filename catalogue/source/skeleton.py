"""The commented skeleton written by ``sop new``: a valid SOP that explains every key in place.

Every example value carries a review mark (``# PERIKSA:``, :mod:`catalogue.source.review_marks`): the skeleton
passes ``sop check`` with warnings, and ``sop check --strict`` and ``make site`` refuse it until each
example is replaced by what the signed SOP says and its mark removed."""

from __future__ import annotations

import datetime as dt
import json

from .records_format import RECORD_KINDS
from .review_marks import review_comment
from .spec import DateValue, Enum, Kind, ListOf, Obj

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# SOP baru untuk {agency}. Setiap kunci dijelaskan di docs/format-sumber.md.
# Periksa dengan: sop check {path}

{nomor_mark}nomor: "{nomor}"               # nomor menurut aturan penomoran instansi
nama: "{nama}"                 # judul SOP
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
tanggal_pembuatan: {today}
tanggal_revisi: "-"            # "-" bila belum pernah direvisi
tanggal_efektif: {today}
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
disahkan_oleh:
  jabatan: "Kepala Instansi"   # jabatan pengesah; nama dan nip bila tertulis
  # nama: ""
  # nip: ""
# topik: ""                    # kunci untuk membandingkan SOP sejenis antarinstansi

# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
dasar_hukum:                   # satu peraturan per butir, tulis persis seperti pada dokumen
  - "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
kualifikasi_pelaksana:
  - "Memahami tugas dan fungsi unit kerja"
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
keterkaitan:                   # nama SOP lain yang terkait; tautan dicari otomatis
  - "SOP …"
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
peralatan_perlengkapan:
  - "Komputer"
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
peringatan:
  - "Jika SOP tidak dilaksanakan, …"
# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
pencatatan_pendataan:
  - "Disimpan sebagai arsip"

# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
pelaksana:                     # kolom peran bagan alir, berurutan dari kiri
  - "Kepala Instansi"
  - "Staf"

# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
langkah:
  - no: 1
    kegiatan: "Memerintahkan pelaksanaan kegiatan"
    pelaksana: "Kepala Instansi"
    kelengkapan: ["Disposisi"]
    waktu: "15 menit"
    output: "Disposisi"
  - no: 2
    kegiatan: "Memeriksa kelengkapan berkas"
    pelaksana: "Staf"
    jenis: keputusan           # belah ketupat: ya/tidak menunjuk nomor langkah tujuan
    ya: 3
    tidak: 1
    waktu: "30 menit"
    output: "Berkas terperiksa"
  - no: 3
    kegiatan: "Mengarsipkan berkas"
    pelaksana: "Staf"
    waktu: "10 menit"
    output: "Arsip"
"""


def skeleton(agency: str, path: str, nama: str, nomor: str, schema: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    nomor_mark = (
        "" if nomor.strip() not in ("", "-") else "# PERIKSA: isi nomor SOP dari dokumen yang disahkan.\n"
    )
    return TEMPLATE.format(
        agency=agency,
        path=path,
        nama=esc(nama),
        nomor=esc(nomor),
        nomor_mark=nomor_mark,
        schema=schema,
        today=today.isoformat(),
    )


def _scalar(kind: Kind, example: object, today: dt.date) -> str:
    if isinstance(kind, DateValue):
        return today.isoformat()
    if isinstance(kind, Enum):
        return str(example if example is not None else kind.values[0])
    return json.dumps(str(example if example is not None else "…"), ensure_ascii=False)


def _fields(obj: Obj, indent: str, today: dt.date, first_prefix: str | None = None) -> list[str]:
    """YAML lines of ``obj``: required keys with their example, optional keys as comments (from the spec)."""
    lines: list[str] = []
    for f in obj.fields:
        prefix = first_prefix if first_prefix is not None and not lines else indent
        note = f"  # {f.doc.split('. ')[0].rstrip('.')}"
        inner = f.kind.item if isinstance(f.kind, ListOf) else f.kind
        if not f.required:
            lines.append(f"{prefix}# {f.key}: …{note}")
        elif isinstance(inner, Obj) and not (inner.shorthand and f.example is not None):
            lines.append(f"{prefix}{f.key}:")
            if isinstance(f.kind, ListOf):
                lines += _fields(inner, indent + "    ", today, first_prefix=indent + "  - ")
            else:
                lines += _fields(inner, indent + "  ", today)
        elif isinstance(inner, Obj):  # a mapping written in its short form (a criterion: `ya`)
            lines.append(f"{prefix}{f.key}: {f.example}{note}")
        else:
            lines.append(f"{prefix}{f.key}: {_scalar(inner, f.example, today)}{note}")
    return lines


def record_skeleton(kind: str, sop_label: str, path: str, schema: str, today: dt.date | None = None) -> str:
    """The skeleton of a monitoring or evaluation record, written from its declaration
    (:mod:`catalogue.source.records_format`): every example carries a review mark, so a strict check refuses
    the record until each value is what was observed or signed."""
    today = today or dt.date.today()
    spec = RECORD_KINDS[kind]
    (top,) = spec.fields
    item = top.kind.item if isinstance(top.kind, ListOf) else top.kind
    assert isinstance(item, Obj)
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {spec.title} SOP {sop_label}. Setiap kunci dijelaskan di docs/format-sumber.md.",
        "# Kunci bertanda *Internal* di sana hanya tampil pada edisi internal situs.",
        f"# Periksa dengan: sop check {path}",
        "",
        f"{top.key}:",
        review_comment(f"contoh dari `sop new`: ganti dengan {spec.title.lower()} yang sebenarnya.", "  "),
        *_fields(item, "    ", today, first_prefix="  - "),
    ]
    return "\n".join(lines) + "\n"
