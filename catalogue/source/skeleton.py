"""The commented skeleton written by ``sop new``: a valid SOP that explains every key in place.

Every example value carries a review mark (``# PERIKSA:``, :mod:`catalogue.source.review_marks`): the skeleton
passes ``sop check`` with warnings, and ``sop check --strict`` and ``make site`` refuse it until each
example is replaced by what the signed SOP says and its mark removed."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

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
  jabatan: "{signer}"   # jabatan pengesah; nama dan nip bila tertulis
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
pelaksana:                     # kolom peran bagan alir, berurutan dari kiri{roles_note}
{roles}

# PERIKSA: contoh dari `sop new`: ganti dengan isi SOP yang disahkan.
langkah:
  - no: 1
    kegiatan: "Memerintahkan pelaksanaan kegiatan"
    pelaksana: "{first}"
    kelengkapan: ["Disposisi"]
    waktu: "15 menit"
    output: "Disposisi"
  - no: 2
    kegiatan: "Memeriksa kelengkapan berkas"
    pelaksana: "{middle}"
    jenis: keputusan           # belah ketupat: ya/tidak menunjuk nomor langkah tujuan
    ya: 3
    tidak: 1
    waktu: "30 menit"
    output: "Berkas terperiksa"
  - no: 3
    kegiatan: "Mengarsipkan berkas"
    pelaksana: "{second}"
    waktu: "10 menit"
    output: "Arsip"
"""


#: Roles of the skeleton when the agency lists none in its ``_instansi.yml``.
PLACEHOLDER_ROLES = ("Kepala Instansi", "Staf")


def skeleton(
    agency: str,
    path: str,
    nama: str,
    nomor: str,
    schema: str,
    today: dt.date | None = None,
    roles: Sequence[str] = (),
) -> str:
    """The skeleton of a new SOP. ``roles`` are the agency's positions (its ``_instansi.yml`` ``peran``):
    they become the SOP's role columns; the first one signs and performs the first step, the second the
    decision, the last one the last step. Without them two placeholder roles stand in."""
    today = today or dt.date.today()

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace('"', '\\"')

    listed = [r for r in roles if r.strip()]
    columns = listed or list(PLACEHOLDER_ROLES)
    note = (
        " (dari _instansi.yml; hapus yang tidak terlibat)"
        if listed
        else " (contoh: _instansi.yml belum punya daftar peran)"
    )

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
        signer=esc(columns[0]),
        roles="\n".join(f'  - "{esc(r)}"' for r in columns),
        roles_note=note,
        first=esc(columns[0]),
        middle=esc(columns[min(1, len(columns) - 1)]),
        second=esc(columns[-1]),
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


#: The agency and pemda files: each key with a comment saying what it is (the format's own words).
_AGENCY_COMMENTS = {
    "nama": "nama instansi seperti pada kop surat",
    "jenis": "Kecamatan, Dinas, Inspektorat, …",
    "alamat": "alamat kantor",
    "peran": "jabatan di instansi ini; alias = singkatan yang dipakai SOP",
}


def agency_text(kind: str, data: dict[str, Any], schema: str) -> str:
    """The text of a new ``_instansi.yml`` (``kind`` "instansi") or ``_pemda.yml`` ("pemda"): the keys
    given, in the format's order, values quoted as JSON strings (which YAML reads as they are)."""

    def q(text: str) -> str:
        return json.dumps(text, ensure_ascii=False)

    lines = [f"# yaml-language-server: $schema={schema}"]
    for key in ("nama", "jenis", "alamat", "provinsi"):
        if data.get(key):
            comment = _AGENCY_COMMENTS.get(key) if kind == "instansi" else None
            lines.append(f"{key}: {q(data[key])}" + (f"  # {comment}" if comment else ""))
    roles = data.get("peran") or []
    if kind == "instansi":
        lines.append(
            f"peran:  # {_AGENCY_COMMENTS['peran']}" if roles else f"peran: []  # {_AGENCY_COMMENTS['peran']}"
        )
        for name, aliases in roles:
            lines.append(f"  - nama: {q(name)}")
            if aliases:
                lines.append(f"    alias: [{', '.join(q(a) for a in aliases)}]")
    return "\n".join(lines) + "\n"
