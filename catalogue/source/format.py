"""The source format: what an SOP file, an agency file and a pemda file may say.

Keys use the words of the official PermenPAN-RB 35/2012 form so agency staff recognise them. This module is
the single definition; the JSON Schemas in ``schema/`` and ``docs/format-sumber.md`` are generated from it
(``sop schema --write``) and a test keeps them identical.
"""

from __future__ import annotations

import json
from typing import Any

from catalogue.model import SOP_STATUSES

from .records_format import EVALUATION, MONITORING, RECORDS_FOLDER, SOURCES_NOTE
from .spec import Bool, DateValue, Enum, Field, ListOf, Obj, Text, TextList, render_reference

STEP_KINDS = ("terminator", "proses", "keputusan")
PERFORMER_STATUSES = ("tertulis", "disimpulkan")
DOCUMENT_KINDS = ("docx", "pdf", "pindaian", "lainnya")
#: The target of a decision branch that ends the procedure instead of going to a step.
BRANCH_ENDS = "-"

SIGNER = Obj(
    title="Pengesah",
    shorthand="jabatan",
    fields=(
        Field(
            "jabatan",
            Text(),
            "Jabatan yang mengesahkan, seperti tertulis (mis. Camat, Inspektur).",
            True,
            "Camat",
        ),
        Field("nama", Text(), "Nama pejabat, bila tertulis pada dokumen.", example="RINTO SUBAGYO, SP"),
        Field("nip", Text(), "NIP pejabat, bila tertulis.", example="19621103 198803 1 003", label="NIP"),
        Field("pangkat", Text(), "Pangkat/golongan, bila tertulis.", example="Pembina Utama Muda"),
    ),
)

LEGAL_REFERENCE = Obj(
    title="Rujukan peraturan (hasil uraian)",
    fields=(
        Field("jenis", Text(), "Jenis peraturan, bentuk lengkap (mis. Peraturan Menteri).", True),
        Field("penerbit", Text(), "Penerbit bila jenisnya memerlukan (mis. Menteri Dalam Negeri)."),
        Field("nomor", Text(), "Nomor sebagai teks (mis. 215/PMK.05/2016).", True),
        Field("tahun", Text(), "Tahun terbit.", True),
        Field("tentang", Text(), "Judul peraturan."),
    ),
)

DASAR_HUKUM_ENTRY = Obj(
    title="Butir dasar hukum",
    shorthand="teks",
    fields=(
        Field("teks", Text(), "Kutipan persis seperti tertulis pada SOP.", True),
        Field(
            "rujukan",
            ListOf(LEGAL_REFERENCE),
            "Uraian manual bila pengurai otomatis salah atau tidak mampu; menggantikan hasil pengurai.",
        ),
    ),
)

KETERKAITAN_ENTRY = Obj(
    title="Butir keterkaitan",
    shorthand="teks",
    fields=(
        Field("teks", Text(), "Nama SOP terkait persis seperti tertulis.", True, "SOP Perjanjian Kinerja"),
        Field(
            "target",
            Text(),
            "Tujuan eksplisit bila pencocokan otomatis tidak dapat memutuskan: id SOP "
            "`pemda/instansi/slug`, atau `slug` dalam instansi yang sama, atau `-` bila SOP itu memang "
            "tidak ada di katalog.",
            example="kabupaten-balangan/inspektorat/perjanjian-kinerja",
        ),
    ),
)

STEP = Obj(
    title="Langkah",
    fields=(
        Field(
            "no", Text(), "Nomor langkah seperti tercetak (mis. `1`, `1.`, `8`).", True, "1", label="Nomor"
        ),
        Field("kegiatan", Text(), "Uraian kegiatan, kata kerja tanpa subjek, persis seperti tertulis.", True),
        Field(
            "pelaksana",
            Text(choices_from="pelaksana"),
            "Peran yang melaksanakan: salah satu nama dalam daftar `pelaksana` SOP ini. Bila belum "
            "diketahui, kosongkan (akan dilaporkan sebagai peringatan).",
        ),
        Field(
            "pelaksana_status",
            Enum(values=PERFORMER_STATUSES),
            "`tertulis` bila dokumen menyatakan pelaksananya (kolom peran atau kalimat langkah), "
            "`disimpulkan` bila katalog menyimpulkannya. Bawaan: `tertulis`.",
        ),
        Field("pelaksana_alasan", Text(), "Alasan penyimpulan pelaksana (ditampilkan kepada pembaca)."),
        Field(
            "jenis",
            Enum(values=STEP_KINDS),
            "Simbol bagan alir. Bawaan: `terminator` untuk langkah pertama dan terakhir, `proses` untuk lainnya.",
        ),
        Field(
            "ya",
            Text(choices_from="langkah.no", extra_choices=(BRANCH_ENDS,)),
            "Untuk `keputusan`: nomor langkah tujuan bila Ya, atau `-` bila cabang ini mengakhiri prosedur.",
            example="11",
        ),
        Field(
            "tidak",
            Text(choices_from="langkah.no", extra_choices=(BRANCH_ENDS,)),
            "Untuk `keputusan`: nomor langkah tujuan bila Tidak (sering kembali), atau `-` "
            "bila cabang ini mengakhiri prosedur (mis. permohonan ditolak, proses selesai).",
            example="9",
        ),
        Field(
            "kelengkapan", TextList(), "Mutu baku: kelengkapan/persyaratan.", label="Kelengkapan (mutu baku)"
        ),
        Field(
            "waktu",
            Text(),
            "Mutu baku: waktu persis seperti ditandatangani (mis. `2 Hari`, `15 Menit`).",
            label="Waktu (mutu baku)",
        ),
        Field("output", Text(), "Mutu baku: output.", label="Output (mutu baku)"),
        Field("keterangan", Text(), "Keterangan."),
        Field("catatan", Text(), "Catatan koreksi katalog atas langkah ini (ditampilkan kepada pembaca)."),
    ),
)

PROVENANCE = Obj(
    title="Sumber",
    fields=(
        Field("dokumen", Text(), "Dokumen asal data ini (nama berkas atau alamat).", True),
        Field("jenis_dokumen", Enum(values=DOCUMENT_KINDS), "Bentuk dokumen asal."),
        Field(
            "berkas",
            Text(),
            "Berkas dokumen asal yang disimpan di repositori, relatif terhadap berkas YAML ini (mis. "
            "`dokumen/nama-sop.pdf`), di dalam folder katalog: PDF, DOCX, DOC, ODT, gambar pindaian "
            "(PNG/JPG) atau, bila hanya itu yang ada, teks ekstraksinya (TXT). Diterbitkan bersama situs "
            "dan ditautkan pada halaman SOP (Unduh dokumen asli) dan data terbukanya; teks ekstraksi "
            "diberi label sebagai teks ekstraksi, bukan dokumen yang disahkan.",
            example="dokumen/pelaksanaan-pengukuran-kinerja.pdf",
        ),
        Field("diimpor", DateValue(nullable=True), "Tanggal data diambil dari dokumen."),
        Field(
            "catatan",
            TextList(),
            "Koreksi dan penyimpulan yang dilakukan katalog, masing-masing satu baris; ditampilkan.",
        ),
    ),
)

SOP = Obj(
    title="SOP",
    fields=(
        Field(
            "nomor",
            Text(),
            "Nomor SOP menurut aturan penomoran instansi (tidak diperiksa formatnya).",
            True,
            "067/001/KEC.BTM/BLG/2024",
        ),
        Field(
            "nama",
            Text(),
            "Nama SOP (judul).",
            True,
            "Pelaksanaan Pengukuran Kinerja Triwulan",
            label="Nama SOP",
        ),
        Field(
            "unit_kerja",
            Text(),
            "Unit kerja penerbit SOP di dalam instansi (bidang, seksi, subbagian, UPTD), "
            "seperti tertulis pada kop atau identitas.",
            example="Bidang Perbendaharaan",
        ),
        Field("tanggal_pembuatan", DateValue(nullable=True), "Tanggal pembuatan."),
        Field("tanggal_revisi", DateValue(nullable=True), "Tanggal revisi; `-` bila tidak ada."),
        Field("tanggal_efektif", DateValue(nullable=True), "Tanggal pengesahan/efektif."),
        Field("disahkan_oleh", SIGNER, "Pengesah: jabatan saja, atau jabatan, nama, NIP, pangkat."),
        Field(
            "status",
            Enum(values=SOP_STATUSES),
            "Status SOP. Bawaan: `berlaku`. `digantikan` bila SOP lain menggantikannya (isi "
            "`digantikan_oleh`); `dicabut` bila dicabut tanpa pengganti (isi `tanggal_dicabut` dan "
            "`alasan_dicabut`). Halaman dan alamat SOP yang tidak berlaku tetap ada, dengan keterangannya.",
        ),
        Field(
            "digantikan_oleh",
            Text(),
            "Untuk `status: digantikan`: SOP penggantinya, sebagai id `pemda/instansi/slug`, atau `slug` "
            "dalam instansi yang sama.",
            example="kabupaten-balangan/inspektorat/perjanjian-kinerja-2025",
        ),
        Field("tanggal_dicabut", DateValue(nullable=True), "Untuk `status: dicabut`: tanggal pencabutan."),
        Field(
            "alasan_dicabut",
            Text(),
            "Untuk `status: dicabut`: alasan pencabutan, atau surat/keputusan yang mencabutnya.",
            example="Dicabut dengan Keputusan Camat Nomor 12 Tahun 2025",
        ),
        Field(
            "tanggal_tinjau",
            DateValue(nullable=True),
            "Tanggal peninjauan berikutnya yang direncanakan. Bila kosong, katalog memakai siklus "
            "peninjauan katalog (`siklus_tinjau_tahun` di katalog.yml, bawaan 3 tahun) sejak tanggal "
            "terakhir SOP (revisi, efektif, atau pembuatan).",
        ),
        Field("topik", Text(), "Kunci topik untuk perbandingan antarinstansi (mis. `pengukuran-kinerja`)."),
        Field("dasar_hukum", ListOf(DASAR_HUKUM_ENTRY), "Kotak Dasar Hukum, satu butir per baris."),
        Field("kualifikasi_pelaksana", TextList(), "Kotak Kualifikasi Pelaksana."),
        Field("keterkaitan", ListOf(KETERKAITAN_ENTRY), "Kotak Keterkaitan: SOP lain yang terkait."),
        Field(
            "peralatan_perlengkapan",
            TextList(),
            "Kotak Peralatan/Perlengkapan.",
            label="Peralatan/Perlengkapan",
        ),
        Field("peringatan", TextList(), "Kotak Peringatan."),
        Field(
            "pencatatan_pendataan",
            TextList(),
            "Kotak Pencatatan dan Pendataan.",
            label="Pencatatan dan Pendataan",
        ),
        Field(
            "pelaksana",
            ListOf(Text(), min_items=1),
            "Kolom peran bagan alir, berurutan, dengan kata-kata SOP ini.",
            True,
            ["Camat", "Sekcam"],
            label="Pelaksana (kolom peran)",
        ),
        Field("langkah", ListOf(STEP, min_items=1), "Langkah-langkah prosedur, berurutan.", True),
        Field("sumber", PROVENANCE, "Asal data dan catatan koreksi katalog."),
        Field(
            "url_lama",
            TextList(),
            "Slug lama SOP ini setelah berkas diganti nama; halaman lama dialihkan ke sini.",
            label="URL lama",
        ),
        Field(
            "draf",
            Bool(),
            "`true` untuk rancangan yang belum disahkan: hanya tampil pada edisi internal situs, tidak pada "
            "edisi publik dan data terbukanya. Bawaan: `false`.",
        ),
    ),
)

ROLE = Obj(
    title="Peran instansi",
    shorthand="nama",
    fields=(
        Field("nama", Text(), "Nama jabatan lengkap.", True, "Sekretaris Camat"),
        Field(
            "alias", TextList(), "Singkatan dan ejaan lain yang dipakai SOP instansi ini.", example=["Sekcam"]
        ),
    ),
)

AGENCY = Obj(
    title="Instansi",
    fields=(
        Field("nama", Text(), "Nama instansi (perangkat daerah/OPD).", True, "Kecamatan Batumandi"),
        Field(
            "jenis",
            Text(),
            "Jenis instansi (Kecamatan, Inspektorat, Sekretariat Daerah, Dinas, …).",
            example="Kecamatan",
        ),
        Field("alamat", Text(), "Alamat kantor."),
        Field("peran", ListOf(ROLE), "Jabatan di instansi ini beserta aliasnya."),
    ),
)

PEMDA = Obj(
    title="Pemerintah daerah",
    fields=(
        Field("nama", Text(), "Nama pemerintah daerah.", True, "Kabupaten Balangan"),
        Field("provinsi", Text(), "Provinsi.", example="Kalimantan Selatan"),
    ),
)

SCHEMA_BASE = "https://sop-katalog.example/schema/"
SCHEMAS = {"sop": SOP, "instansi": AGENCY, "pemda": PEMDA, "monitoring": MONITORING, "evaluasi": EVALUATION}


def json_schema(name: str) -> dict[str, Any]:
    spec = SCHEMAS[name]
    body = spec.schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
        **body,
    }


def json_schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


def reference_markdown() -> str:
    lines = [
        "# Format sumber SOP",
        "",
        "<!-- Generated by `sop schema --write` from catalogue/source_format.py; do not edit. -->",
        "",
        "Satu berkas YAML per SOP di `content/sops/<pemda>/<instansi>/<slug>.yml`; satu `_instansi.yml` per",
        "folder instansi dan satu `_pemda.yml` per folder pemerintah daerah. JSON Schema: `schema/`.",
        "",
    ]
    lines += render_reference(SOP, "Berkas SOP (`<slug>.yml`)")
    lines += render_reference(AGENCY, "Berkas instansi (`_instansi.yml`)")
    lines += render_reference(PEMDA, "Berkas pemerintah daerah (`_pemda.yml`)")
    lines += [
        "## Catatan monitoring dan evaluasi",
        "",
        f"Di folder `{RECORDS_FOLDER}/` setiap folder instansi: `<slug>.monitoring.yml` dan `<slug>.evaluasi.yml`,",
        "`<slug>` adalah nama berkas SOP yang dicatat. Buat kerangkanya dengan `sop new --jenis monitoring` atau",
        "`--jenis evaluasi`. Kunci bertanda *Internal* hanya tampil pada edisi internal situs",
        "(`KATALOG_EDISI=internal make site`).",
        "",
        *SOURCES_NOTE.splitlines(),
        "",
    ]
    lines += render_reference(MONITORING, "Catatan monitoring (`<slug>.monitoring.yml`)", 3)
    lines += render_reference(EVALUATION, "Catatan evaluasi (`<slug>.evaluasi.yml`)", 3)
    return "\n".join(lines).rstrip() + "\n"
