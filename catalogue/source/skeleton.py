"""The commented skeleton written by ``sop new``: a valid SOP that explains every key in place.

Every example value carries a review mark (``# PERIKSA:``, :mod:`catalogue.source.review_marks`): the skeleton
passes ``sop check`` with warnings, and ``sop check --strict`` and ``make site`` refuse it until each
example is replaced by what the signed SOP says and its mark removed."""

from __future__ import annotations

import datetime as dt

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
