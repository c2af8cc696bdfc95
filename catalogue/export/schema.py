"""The public contract of the open data: the JSON Schema of every exported document and the column
dictionary of every CSV table, defined once here.

:mod:`catalogue.export.open_data` builds documents of exactly this shape (a test validates every exported file against
the schema, and checks every CSV header against the dictionary); the schema files published in
``data/skema/`` and committed in ``schema/ekspor/``, and the field and column tables of the data page, are
generated from these definitions. Every object lists all its keys as required: an absent value is ``null`` or
an empty list, never a missing key, so a consumer can rely on the shape.

Compatibility: :data:`FORMAT_VERSION` changes only when a key is removed, renamed or changes meaning. Adding
keys is not a breaking change, so consumers should ignore keys they do not know.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from catalogue.rules.review_due import (
    BASIS_CYCLE,
    BASIS_PLANNED,
    BASIS_REVISION_AHEAD,
    DUE_SOON,
    DUE_SOON_DAYS,
    OVERDUE,
)
from catalogue.source.format import SOP_STATUSES
from catalogue.source.records_format import CRITERIA, CRITERION_SCORES, FOLLOW_UP_STATUSES, RESULTS
from catalogue.source.registry import STATUSES as REGISTRY_STATUSES


def _either(values: tuple[str, ...]) -> str:
    """A closed list of values in words, from the declaration that validates them: "a, b atau c"."""
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} atau {values[-1]}"


#: Major version of the export format, written into every document as ``versi_format``.
FORMAT_VERSION = 1
SCHEMA_BASE = "https://sop-katalog.example/schema/ekspor/"

# --- small builders: every property carries its Indonesian description -------------------------------------


Schema = dict[str, Any]


def _t(description: str, kind: str = "string", nullable: bool = False, **extra: Any) -> Schema:
    return {"description": description, "type": [kind, "null"] if nullable else kind, **extra}


def _text(description: str, nullable: bool = False) -> Schema:
    return _t(description, "string", nullable)


def _date(description: str) -> Schema:
    return _t(
        description + " Format ISO 8601 (YYYY-MM-DD); null bila tidak diisi.", "string", True, format="date"
    )


def _list(description: str, items: Schema) -> Schema:
    return {"description": description, "type": "array", "items": items}


def _texts(description: str) -> Schema:
    return _list(description, {"type": "string"})


def _obj(title: str, description: str, props: dict[str, Schema], nullable: bool = False) -> Schema:
    body: Schema = {
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": list(props),
        "properties": props,
    }
    if nullable:
        return {"description": description, "anyOf": [body, {"type": "null"}]}
    return {"description": description, **body}


def _ref(name: str, description: str, nullable: bool = False) -> Schema:
    ref = {"$ref": f"#/$defs/{name}"}
    if nullable:
        return {"description": description, "anyOf": [ref, {"type": "null"}]}
    return {"description": description, **ref}


# --- shared parts -------------------------------------------------------------------------------------------

RESOLUTION_HOWS = ("eksplisit", "nomor", "judul", "fuzzy")
UNRESOLVED_REASONS = ("tidak-di-katalog", "sengaja", "ambigu", "target-tidak-valid", "kosong")
REVIEW_BASES = (BASIS_PLANNED, BASIS_REVISION_AHEAD, BASIS_CYCLE)
REVIEW_STATES = (OVERDUE, DUE_SOON)
CITATION_ROLES = ("utama", "pengubah", "tambahan", "diubah", "dilaksanakan", "disebut")

LICENCE = _obj(
    "Lisensi",
    "Lisensi data; null bila penerbit katalog belum menyatakannya.",
    {
        "id": _text("Pengenal SPDX lisensi (mis. CC-BY-4.0)."),
        "nama": _text("Nama lisensi.", nullable=True),
        "url": _text("Alamat teks lisensi.", nullable=True),
    },
    nullable=True,
)

WORK_TIME = {
    "kerja_menit_min": _t(
        "Waktu kerja (menit, jam, hari kerja) dalam menit; batas bawah rentang.", "number", True
    ),
    "kerja_menit_maks": _t(
        "Waktu kerja dalam menit; batas atas rentang (sama dengan min bila bukan rentang).", "number", True
    ),
    "kalender_hari_min": _t(
        "Waktu kalender (minggu, bulan, hari kalender) dalam hari; batas bawah.", "number", True
    ),
    "kalender_hari_maks": _t("Waktu kalender dalam hari; batas atas.", "number", True),
}

LEGAL_REFERENCE = _obj(
    "Rujukan peraturan",
    "Satu peraturan yang dirujuk.",
    {
        "id": _text(
            "Pengenal peraturan yang stabil: jenis + penerbit + nomor + tahun (mis. "
            "peraturan-menteri-dalam-negeri-86-2017)."
        ),
        "nama_singkat": _text("Nama singkat (mis. Permendagri 86/2017)."),
        "jenis": _text("Jenis peraturan, bentuk lengkap (mis. Peraturan Menteri)."),
        "penerbit": _text("Penerbit bila jenisnya memerlukan (mis. Menteri Dalam Negeri).", True),
        "penerbit_disimpulkan": _t(
            "Penerbit peraturan daerah tidak tertulis dan diambil dari pemda SOP ini.", "boolean"
        ),
        "nomor": _text("Nomor sebagai teks (mis. 215/PMK.05/2016)."),
        "tahun": _text("Tahun terbit."),
        "tentang": _text("Judul peraturan, bila tertulis.", True),
        "peran": _t(
            "Kedudukan peraturan pada butir: utama, pengubah, tambahan, diubah (dirujuk); dilaksanakan, "
            "disebut (hanya disebut dalam judul).",
            "string",
            enum=list(CITATION_ROLES),
        ),
        "url_peraturan_go_id": _text(
            "Halaman peraturan di peraturan.go.id bila dapat dibentuk (peraturan pusat).", True
        ),
        "status": _t(
            "Status menurut registri peraturan katalog (content/peraturan.yml): berlaku, dicabut atau "
            "diubah; null bila registri belum mencatat peraturan ini.",
            "string",
            True,
            enum=[*REGISTRY_STATUSES, None],
        ),
        "dicabut_oleh": _texts(
            "Pengenal peraturan yang mencabutnya, menurut registri (kosong bila tidak dicabut)."
        ),
        "diubah_oleh": _texts("Pengenal peraturan yang mengubahnya, menurut registri."),
    },
)

LINK = _obj(
    "Tautan SOP",
    "Satu SOP yang disebut, dan SOP katalog yang dituju.",
    {
        "teks": _text("Nama SOP persis seperti tertulis."),
        "target": _text("Tujuan eksplisit yang ditulis pada sumber (kunci `target`), bila ada.", True),
        "tujuan": _text("Id SOP katalog yang dituju; null bila tidak terhubung.", True),
        "tujuan_halaman": _text("Alamat halaman SOP yang dituju, relatif terhadap akar situs.", True),
        "cara": _t(
            "Cara penautan: eksplisit (ditulis pada sumber), nomor (nomor SOP), judul (judul sama setelah "
            "dinormalkan), fuzzy (judul sama kecuali salah ketik).",
            "string",
            True,
            enum=[*RESOLUTION_HOWS, None],
        ),
        "skor": _t("Kemiripan judul 0-100 (100 untuk eksplisit, nomor, judul).", "number", True),
        "alasan_tidak_terhubung": _t(
            "Bila tidak terhubung: tidak-di-katalog, sengaja (target '-'), ambigu (beberapa kandidat setara), "
            "target-tidak-valid, kosong (tidak menyebut SOP).",
            "string",
            True,
            enum=[*UNRESOLVED_REASONS, None],
        ),
        "kandidat": _texts("Id SOP kandidat yang setara, bila ambigu."),
        "lintas_instansi": _t("Tujuan berada di instansi lain.", "boolean"),
        "lintas_pemda": _t("Tujuan berada di pemerintah daerah lain.", "boolean"),
    },
)

PERFORMER = _obj(
    "Pelaksana langkah",
    "Pelaksana langkah; null bila belum ditentukan.",
    {
        "kolom": _text("Kolom peran bagan alir, dengan kata-kata SOP ini (salah satu dari `pelaksana`)."),
        "jabatan": _text("Jabatan di instansi ini (lihat `pelaksana[].jabatan`)."),
        "peran": _text(
            "Pengenal peran kanonik lintas instansi (mis. sekretaris-camat); null bila belum dikenali.", True
        ),
        "status": _t(
            "tertulis: dinyatakan dokumen; disimpulkan: disimpulkan katalog.",
            "string",
            enum=["tertulis", "disimpulkan"],
        ),
        "alasan": _text("Alasan penyimpulan, bila disimpulkan.", True),
    },
    nullable=True,
)

WAKTU = _obj(
    "Waktu",
    "Mutu baku waktu: teks asli dan hasil uraiannya.",
    {
        "teks": _text("Waktu persis seperti ditandatangani; null bila tidak diisi.", True),
        "terurai": _t("Teks dapat dihitung; bila false, angka-angka di bawah null.", "boolean"),
        **WORK_TIME,
    },
)

STEP = _obj(
    "Langkah",
    "Satu langkah prosedur.",
    {
        "urutan": _t("Urutan langkah dalam prosedur, mulai dari 1.", "integer"),
        "no": _text("Nomor langkah seperti tercetak (bisa melompat atau berulang)."),
        "kegiatan": _text("Uraian kegiatan, persis seperti tertulis."),
        "jenis": _t("Simbol bagan alir.", "string", enum=["terminator", "proses", "keputusan"]),
        "pelaksana": _ref("Pelaksana", "Pelaksana langkah; null bila belum ditentukan."),
        "ya": _text("Untuk keputusan: nomor langkah tujuan bila Ya.", True),
        "tidak": _text("Untuk keputusan: nomor langkah tujuan bila Tidak.", True),
        "kelengkapan": _texts("Mutu baku: kelengkapan/persyaratan."),
        "waktu": _ref("Waktu", "Mutu baku: waktu."),
        "output": _text("Mutu baku: output.", True),
        "keterangan": _text("Keterangan.", True),
        "catatan": _text("Catatan koreksi katalog atas langkah ini.", True),
        "jalur_normal": _t("Langkah berada pada jalur normal (keputusan mengambil cabang maju).", "boolean"),
        "rujukan_sop": _list(
            'SOP yang ditunjuk keterangan langkah ("Lihat SOP …").', {"$ref": "#/$defs/Tautan"}
        ),
    },
)

DASAR_HUKUM = _obj(
    "Butir dasar hukum",
    "Satu butir kotak Dasar Hukum.",
    {
        "teks": _text("Kutipan persis seperti tertulis."),
        "rujukan_dari": _t(
            "manual: uraian ditulis pada sumber (`rujukan`); pengurai: hasil pengurai kutipan; "
            "null bila pengurai tidak menemukan peraturan (atau tidak dipakai).",
            "string",
            True,
            enum=["manual", "pengurai", None],
        ),
        "terurai": _t("Butir ini menyebut sedikitnya satu peraturan yang dikenali.", "boolean"),
        "rujukan": _list(
            "Peraturan yang dirujuk butir ini, yang utama lebih dulu.", {"$ref": "#/$defs/Rujukan"}
        ),
        "disebut": _list(
            "Peraturan yang hanya disebut dalam judul (mis. peraturan induk yang dilaksanakan).",
            {"$ref": "#/$defs/Rujukan"},
        ),
        "rujukan_manual": {
            "description": "Uraian manual persis seperti ditulis pada sumber (kunci `rujukan`); null bila tidak ada.",
            "anyOf": [
                {
                    "type": "array",
                    "items": _obj(
                        "Rujukan manual",
                        "Satu peraturan, seperti ditulis.",
                        {
                            "jenis": _text("Jenis peraturan."),
                            "penerbit": _text("Penerbit.", True),
                            "nomor": _text("Nomor."),
                            "tahun": _text("Tahun."),
                            "tentang": _text("Judul.", True),
                        },
                    ),
                },
                {"type": "null"},
            ],
        },
    },
)

ROLE_COLUMN = _obj(
    "Kolom peran",
    "Satu kolom peran bagan alir.",
    {
        "kolom": _text("Nama kolom seperti tertulis pada SOP."),
        "jabatan": _text(
            "Jabatan di instansi ini: nama pada daftar peran instansi, atau ejaan yang paling sering "
            "dipakai SOP-nya."
        ),
        "peran": _text(
            "Pengenal peran kanonik lintas instansi (mis. sekretaris-camat); null bila belum dikenali.", True
        ),
        "peran_nama": _text("Nama peran kanonik (mis. Sekretaris Camat).", True),
        "peran_unit": _text(
            "Subunit jabatan, bila ada (mis. Perencanaan dan Keuangan untuk Kepala Subbagian).", True
        ),
        "peran_disimpulkan": _t(
            "Peran kanonik disimpulkan dari jenis instansi, bukan dari kata-katanya (mis. "
            "'Sekretaris' di kecamatan).",
            "boolean",
        ),
        "peran_alasan": _text("Alasan penyimpulan peran kanonik.", True),
        "jumlah_langkah": _t("Jumlah langkah yang dilaksanakan peran ini.", "integer"),
        "jumlah_langkah_disimpulkan": _t("Jumlah langkah yang pelaksananya disimpulkan katalog.", "integer"),
    },
)

SUMMARY = _obj(
    "Ringkasan",
    "Ringkasan prosedur, dihitung katalog.",
    {
        "jumlah_langkah": _t("Jumlah langkah.", "integer"),
        "peran_terlibat": _texts("Kolom peran yang melaksanakan sedikitnya satu langkah, berurutan."),
        "jalur_normal": _texts("Nomor langkah pada jalur normal, berurutan."),
        "ada_perulangan": _t("Ada cabang yang kembali ke langkah sebelumnya.", "boolean"),
        "langkah_disimpulkan": _texts("Nomor langkah yang pelaksananya disimpulkan katalog."),
        "langkah_tanpa_pelaksana": _texts("Nomor langkah yang pelaksananya belum ditentukan."),
        "waktu_jalur_normal": _obj(
            "Waktu jalur normal",
            "Jumlah waktu langkah-langkah jalur normal.",
            {
                **{k: _t(v["description"], "number") for k, v in WORK_TIME.items()},
                "teks": _text("Jumlah waktu sebagai teks (mis. 1 hari kerja 25 menit)."),
                "langkah_tidak_terurai": _texts(
                    "Nomor langkah jalur normal yang waktunya tidak dapat dihitung."
                ),
            },
        ),
        "asumsi": _texts("Asumsi perhitungan waktu (mis. 1 hari kerja = 7,5 jam)."),
    },
)

SOP_PROPERTIES: dict[str, Schema] = {
    "versi_format": _t("Versi utama format ekspor.", "integer", const=FORMAT_VERSION),
    "id": _text("Pengenal SOP yang stabil: pemda/instansi/slug (nama folder dan berkas sumber)."),
    "slug": _text("Bagian terakhir id: nama berkas sumber tanpa .yml."),
    "halaman": _text("Alamat halaman SOP, relatif terhadap akar situs."),
    "data_json": _text("Alamat dokumen JSON ini, relatif terhadap akar situs."),
    "sumber_yaml": _text("Alamat sumber YAML yang diterbitkan, relatif terhadap akar situs."),
    "berkas_sumber": _text("Jalur berkas sumber di repositori."),
    "url_lama": _texts("Slug lama SOP ini (setelah berkas diganti nama)."),
    "alamat_lama": _texts("Alamat halaman lama yang dialihkan ke halaman SOP ini."),
    "pemda": _obj(
        "Pemda",
        "Pemerintah daerah.",
        {
            "slug": _text("Pengenal pemda (nama folder)."),
            "nama": _text("Nama pemerintah daerah."),
            "provinsi": _text("Provinsi.", True),
        },
    ),
    "instansi": _obj(
        "Instansi ringkas",
        "Instansi (perangkat daerah) pemilik SOP.",
        {
            "id": _text("Pengenal instansi: pemda/instansi."),
            "slug": _text("Nama folder instansi."),
            "nama": _text("Nama instansi."),
            "jenis": _text("Jenis instansi (Kecamatan, Inspektorat, …).", True),
        },
    ),
    "nomor": _text("Nomor SOP menurut aturan penomoran instansi."),
    "nama": _text("Nama SOP (judul)."),
    "unit_kerja": _text(
        "Unit kerja penerbit SOP di dalam instansi (bidang, seksi, UPTD), bila tertulis.", True
    ),
    "topik": _text("Kunci topik untuk perbandingan antarinstansi.", True),
    "tanggal_pembuatan": _date("Tanggal pembuatan."),
    "tanggal_revisi": _date("Tanggal revisi."),
    "tanggal_efektif": _date("Tanggal pengesahan/efektif."),
    "disahkan_oleh": _obj(
        "Pengesah",
        "Pengesah SOP; null bila tidak diisi.",
        {
            "jabatan": _text("Jabatan yang mengesahkan."),
            "nama": _text("Nama pejabat.", True),
            "nip": _text("NIP pejabat.", True),
            "pangkat": _text("Pangkat/golongan.", True),
        },
        nullable=True,
    ),
    "status": _t(
        "Status SOP: berlaku, digantikan (oleh SOP lain), atau dicabut. Halaman SOP yang tidak berlaku tetap ada.",
        enum=list(SOP_STATUSES),
    ),
    "digantikan_oleh": _text("Id SOP yang langsung menggantikan SOP ini; null bila tidak digantikan.", True),
    "pengganti_terakhir": _text(
        "Id SOP terakhir dalam rantai pengganti (pengganti dari pengganti); null bila tidak digantikan.", True
    ),
    "menggantikan": _texts("Id SOP yang digantikan langsung oleh SOP ini."),
    "tanggal_dicabut": _date("Tanggal pencabutan, untuk SOP yang dicabut."),
    "alasan_dicabut": _text("Alasan pencabutan, atau surat/keputusan yang mencabut SOP ini.", True),
    "tinjau": _obj(
        "Peninjauan",
        "Jadwal peninjauan SOP yang berlaku; null bila SOP tidak berlaku lagi atau tidak bertanggal.",
        {
            "jatuh_tempo": _date("Tanggal SOP ini jatuh tempo untuk ditinjau."),
            "dasar": _t(
                "Asal tanggal jatuh tempo: tanggal_tinjau (ditulis instansi), tanggal_revisi (tanggal revisi "
                "yang masih akan datang, dibaca sebagai rencana), atau siklus (siklus peninjauan katalog sejak "
                "tanggal terakhir SOP).",
                enum=list(REVIEW_BASES),
            ),
            "siklus_tahun": _t("Siklus peninjauan katalog yang dipakai, dalam tahun.", "integer"),
            "status": _t(
                "Pada tanggal_acuan: lewat (melewati jatuh tempo), segera (jatuh tempo dalam "
                f"{DUE_SOON_DAYS} hari), atau null.",
                "string",
                True,
                enum=[*REVIEW_STATES, None],
            ),
            "tanggal_acuan": _date("Tanggal status peninjauan dihitung (tanggal pembuatan data)."),
        },
        nullable=True,
    ),
    "dasar_hukum": _list(
        "Kotak Dasar Hukum, dengan peraturan yang dirujuk setiap butir.", {"$ref": "#/$defs/DasarHukum"}
    ),
    "kualifikasi_pelaksana": _texts("Kotak Kualifikasi Pelaksana."),
    "keterkaitan": _list(
        "Kotak Keterkaitan, dengan SOP katalog yang dituju setiap butir.", {"$ref": "#/$defs/Tautan"}
    ),
    "peralatan_perlengkapan": _texts("Kotak Peralatan/Perlengkapan."),
    "peringatan": _texts("Kotak Peringatan."),
    "pencatatan_pendataan": _texts("Kotak Pencatatan dan Pendataan."),
    "pelaksana": _list("Kolom peran bagan alir, berurutan.", {"$ref": "#/$defs/KolomPeran"}),
    "langkah": _list("Langkah-langkah prosedur, berurutan.", {"$ref": "#/$defs/Langkah"}),
    "belum_ditinjau": _list(
        "Nilai yang belum diperiksa instansi terhadap dokumen yang disahkan (komentar '# PERIKSA' pada sumber); "
        "kosong bila semua sudah ditinjau.",
        _obj(
            "Belum ditinjau",
            "Satu nilai yang menunggu tinjauan.",
            {
                "bidang": _text(
                    "Kunci atau butir sumber yang bersangkutan (mis. langkah[2].pelaksana); (berkas) untuk "
                    "seluruh berkas."
                ),
                "pesan": _text("Apa yang harus diperiksa."),
                "baris": _t("Baris komentar pada berkas sumber.", "integer"),
                "kolom": _t("Kolom komentar pada berkas sumber.", "integer"),
            },
        ),
    ),
    "sumber": _obj(
        "Sumber",
        "Asal data; null bila ditulis langsung dalam format katalog.",
        {
            "dokumen": _text("Dokumen asal data."),
            "jenis_dokumen": _t(
                "Bentuk dokumen asal.", "string", True, enum=["docx", "pdf", "pindaian", "lainnya", None]
            ),
            "diimpor": _date("Tanggal data diambil dari dokumen."),
            "catatan": _texts("Koreksi dan penyimpulan yang dilakukan katalog."),
            "berkas": _text(
                "Berkas dokumen asal yang disimpan di repositori, relatif terhadap akar sumber (seperti "
                "berkas_sumber); null bila tidak disimpan.",
                True,
            ),
            "berkas_url": _text(
                "Alamat unduhan berkas itu, relatif terhadap akar situs; null bila tidak disimpan.", True
            ),
            "berkas_teks_ekstraksi": _t(
                "true bila berkas itu hanya teks yang diekstraksi dari dokumen asal, bukan dokumen yang "
                "disahkan.",
                "boolean",
            ),
        },
        nullable=True,
    ),
    "ringkasan": _ref("Ringkasan", "Ringkasan prosedur, dihitung katalog."),
    "lisensi": _ref("Lisensi", "Lisensi data; null bila belum dinyatakan.", nullable=True),
    "kutipan": _text("Cara mengutip SOP ini yang dianjurkan."),
}

DEFS: dict[str, Schema] = {
    "Rujukan": LEGAL_REFERENCE,
    "DasarHukum": DASAR_HUKUM,
    "Tautan": LINK,
    "Pelaksana": PERFORMER,
    "Waktu": WAKTU,
    "Langkah": STEP,
    "KolomPeran": ROLE_COLUMN,
    "Ringkasan": SUMMARY,
    "Lisensi": LICENCE,
}

SOP_DOCUMENT = _obj("SOP", "Satu SOP beserta rujukan silangnya yang telah diselesaikan.", SOP_PROPERTIES)

AGENCY = _obj(
    "Instansi",
    "Satu instansi.",
    {
        "id": _text("Pengenal instansi: pemda/instansi."),
        "slug": _text("Nama folder instansi."),
        "pemda": _text("Pengenal pemda."),
        "nama": _text("Nama instansi."),
        "jenis": _text("Jenis instansi.", True),
        "alamat": _text("Alamat kantor.", True),
        "peran": _list(
            "Jabatan di instansi ini beserta aliasnya.",
            _obj(
                "Peran instansi",
                "Satu jabatan.",
                {
                    "nama": _text("Nama jabatan lengkap."),
                    "alias": _texts("Singkatan dan ejaan lain yang dipakai SOP instansi ini."),
                },
            ),
        ),
        "halaman": _text("Alamat halaman instansi, relatif terhadap akar situs."),
        "berkas_sumber": _text("Jalur berkas _instansi.yml di repositori."),
        "jumlah_sop": _t("Jumlah SOP instansi ini.", "integer"),
    },
)

PEMDA = _obj(
    "Pemda",
    "Satu pemerintah daerah.",
    {
        "slug": _text("Pengenal pemda (nama folder)."),
        "nama": _text("Nama pemerintah daerah."),
        "provinsi": _text("Provinsi.", True),
        "halaman": _text("Alamat halaman pemda, relatif terhadap akar situs."),
        "berkas_sumber": _text("Jalur berkas _pemda.yml di repositori."),
    },
)

CATALOGUE_PROPERTIES: dict[str, Schema] = {
    "versi_format": _t("Versi utama format ekspor.", "integer", const=FORMAT_VERSION),
    "katalog": _obj(
        "Katalog",
        "Keterangan katalog (dari content/katalog.yml).",
        {
            "nama": _text("Nama katalog."),
            "penerbit": _text("Penerbit katalog.", True),
            "deskripsi": _text("Uraian katalog.", True),
            "kontak": _text("Kontak untuk pertanyaan dan koreksi data.", True),
            "cara_mengutip": _text("Cara mengutip katalog yang dianjurkan."),
            "url_situs": _text(
                "Alamat situs; semua alamat lain relatif terhadapnya. null bila tidak diatur.", True
            ),
            "akar_sumber": _text("Jalur folder sumber SOP di repositori (mis. content/sops)."),
        },
    ),
    "lisensi": _ref("Lisensi", "Lisensi data; null bila belum dinyatakan.", nullable=True),
    "jumlah": _obj(
        "Jumlah",
        "Jumlah isi katalog.",
        {
            "pemda": _t("Jumlah pemerintah daerah.", "integer"),
            "instansi": _t("Jumlah instansi.", "integer"),
            "sop": _t("Jumlah SOP.", "integer"),
            "langkah": _t("Jumlah langkah semua SOP.", "integer"),
        },
    ),
    "rujukan_silang": _obj(
        "Rujukan silang",
        "Rujukan silang yang diselesaikan dalam ekspor ini.",
        {
            "dasar_hukum": _t(
                "Butir Dasar Hukum diurai menjadi peraturan (pengurai kutipan tersedia).", "boolean"
            ),
            "keterkaitan": _t("Butir Keterkaitan ditautkan ke SOP katalog.", "boolean"),
            "peran": _t("Kolom peran dikenali sebagai peran kanonik lintas instansi.", "boolean"),
        },
    ),
    "pemda": _list("Pemerintah daerah.", PEMDA),
    "instansi": _list("Instansi.", AGENCY),
    "peran": _list(
        "Peran kanonik lintas instansi yang dipakai SOP katalog.",
        _obj(
            "Peran kanonik",
            "Satu peran.",
            {
                "id": _text("Pengenal peran kanonik (nilai `peran` pada kolom peran dan langkah)."),
                "nama": _text("Nama peran."),
                "instansi": _texts("Id instansi yang memiliki peran ini."),
                "jumlah_langkah": _t(
                    "Jumlah langkah yang dilaksanakan peran ini di seluruh katalog.", "integer"
                ),
            },
        ),
    ),
    "pengalihan": _list(
        "Alamat lama SOP yang dialihkan (dari url_lama).",
        _obj(
            "Pengalihan",
            "Satu alamat lama.",
            {
                "dari": _text("Id lama (pemda/instansi/slug-lama)."),
                "ke": _text("Id SOP sekarang."),
            },
        ),
    ),
    "sop_tidak_di_katalog": _list(
        "SOP yang disebut pada Keterkaitan tetapi tidak ada di katalog.",
        _obj(
            "SOP tidak di katalog",
            "Satu nama SOP.",
            {
                "nama": _text("Ejaan yang paling sering dipakai."),
                "kunci": _text("Nama yang dinormalkan (huruf kecil, tanpa awalan SOP)."),
                "dirujuk_oleh": _texts("Id SOP yang menyebutnya."),
            },
        ),
    ),
    "sop": _list(
        "Semua SOP, terurut menurut id; setiap butir sama dengan dokumen data/sop/<id>.json.",
        {"$ref": "#/$defs/SOP"},
    ),
}

CATALOGUE_DOCUMENT = _obj("Katalog SOP", "Seluruh katalog dalam satu dokumen.", CATALOGUE_PROPERTIES)

# --- monitoring and evaluation: the public keys of the records (catalogue.source.records_format) -------------

FOLLOW_UP = _obj(
    "Tindak lanjut",
    "Satu tindak lanjut rekomendasi evaluasi.",
    {
        "uraian": _text("Apa yang harus dikerjakan."),
        "penanggung_jawab": _text("Jabatan yang bertanggung jawab."),
        "batas_waktu": _date("Batas waktu."),
        "status": {**_text("Keadaan tindak lanjut."), "enum": list(FOLLOW_UP_STATUSES)},
        "terlambat": _t(
            "Belum selesai dan batas waktunya telah lewat pada tanggal data dibuat (tanggal_data).", "boolean"
        ),
    },
)

EVALUATION = _obj(
    "Evaluasi",
    "Evaluasi satu SOP untuk satu periode (PermenPAN-RB 35/2012, Bab IV), kunci publik saja.",
    {
        "sop_id": _text("Pengenal SOP: pemda/instansi/slug."),
        "instansi_id": _text("Pengenal instansi: pemda/instansi."),
        "periode": _text("Tahun yang dievaluasi."),
        "tanggal": _date("Tanggal evaluasi."),
        "hasil": {**_text("Kesimpulan evaluasi."), "enum": list(RESULTS)},
        "kriteria": _obj(
            "Kriteria evaluasi",
            "Nilai enam kriteria evaluasi.",
            {
                key: {**_text(f"{question}."), "enum": list(CRITERION_SCORES)}
                for key, question in CRITERIA.items()
            },
        ),
        "rekomendasi": _texts("Rekomendasi perbaikan SOP."),
        "tindak_lanjut": _list("Tindak lanjut rekomendasi.", {"$ref": "#/$defs/TindakLanjut"}),
    },
)

EVALUATIONS_DOCUMENT = _obj(
    "Evaluasi SOP",
    "Evaluasi seluruh SOP katalog (edisi publik): data/evaluasi.json.",
    {
        "versi_format": _t("Versi utama format ekspor.", "integer"),
        "tanggal_data": _date("Tanggal acuan keterlambatan tindak lanjut."),
        "periode_terakhir": _text(
            "Periode evaluasi terakhir katalog: tahun evaluasi terbaru di seluruh katalog."
        ),
        "evaluasi": _list(
            "Semua evaluasi, terurut menurut id SOP lalu periode.", {"$ref": "#/$defs/Evaluasi"}
        ),
    },
)

#: Published schema names -> (title, root object). The SOP document's own schema carries the shared parts.
EXPORT_SCHEMAS = ("sop", "katalog", "evaluasi")


def json_schema(name: str) -> Schema:
    """The JSON Schema (Draft 2020-12) of an exported document: ``sop`` or ``katalog``."""
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}{name}.schema.json",
    }
    if name == "sop":
        return {**head, **SOP_DOCUMENT, "$defs": DEFS}
    if name == "katalog":
        return {**head, **CATALOGUE_DOCUMENT, "$defs": {**DEFS, "SOP": SOP_DOCUMENT}}
    if name == "evaluasi":
        return {**head, **EVALUATIONS_DOCUMENT, "$defs": {"Evaluasi": EVALUATION, "TindakLanjut": FOLLOW_UP}}
    raise KeyError(name)


#: Keys added to the SOP document after the first release of format version 1 (additions keep the version):
#: a document published before them lacks them, and is still a valid earlier document of this format.
ADDED_SOP_KEYS = (
    "status",
    "digantikan_oleh",
    "pengganti_terakhir",
    "menggantikan",
    "tanggal_dicabut",
    "alasan_dicabut",
    "tinjau",
)


def earlier_json_schema(name: str) -> Schema:
    """The schema a document of an earlier release of this format version meets: the keys added since
    (:data:`ADDED_SOP_KEYS`) may be missing; everything else is as strict as :func:`json_schema`."""
    schema = json.loads(json.dumps(json_schema(name)))

    def relax(node: Any) -> None:
        if isinstance(node, dict):
            properties = node.get("properties", {})
            if "required" in node and "langkah" in properties and "versi_format" in properties:  # an SOP
                node["required"] = [k for k in node["required"] if k not in ADDED_SOP_KEYS]
            for value in node.values():
                relax(value)
        elif isinstance(node, list):
            for value in node:
                relax(value)

    relax(schema)
    return schema


def json_schema_text(name: str) -> str:
    return json.dumps(json_schema(name), ensure_ascii=False, indent=2) + "\n"


def field_rows(
    schema: Schema, defs: dict[str, Schema] | None = None, prefix: str = ""
) -> list[tuple[str, str, str]]:
    """(key path, type, description) of every key of a document, nested objects and lists included, for the
    data page. List items are written ``key[]``."""
    defs = DEFS if defs is None else defs
    rows: list[tuple[str, str, str]] = []
    for key, prop in schema.get("properties", {}).items():
        path = f"{prefix}{key}"
        target, label = _describe(prop, defs)
        rows.append((path, label, prop.get("description", "")))
        if target.get("type") == "object" or "properties" in target:
            rows += field_rows(target, defs, path + ".")
        elif target.get("type") == "array":
            item, _ = _describe(target.get("items", {}), defs)
            if "properties" in item:
                rows += field_rows(item, defs, path + "[].")
    return rows


def _describe(prop: Schema, defs: dict[str, Schema]) -> tuple[Schema, str]:
    """The schema a property stands for (following $ref and nullable anyOf) and an Indonesian type label."""
    nullable = False
    while "anyOf" in prop or "$ref" in prop:
        if "anyOf" in prop:
            options = [o for o in prop["anyOf"] if o.get("type") != "null"]
            nullable = nullable or len(options) < len(prop["anyOf"])
            prop = options[0]
        else:
            prop = defs[prop["$ref"].rsplit("/", 1)[1]]
    kinds = prop.get("type", "object")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    nullable = nullable or "null" in kinds
    main = next((k for k in kinds if k != "null"), "object")
    labels = {
        "string": "teks",
        "integer": "bilangan bulat",
        "number": "bilangan",
        "boolean": "true/false",
        "object": "objek",
        "array": "daftar",
    }
    label = labels.get(main, main)
    if prop.get("format") == "date":
        label = "tanggal"
    if main == "array":
        item, _ = _describe(prop.get("items", {}), defs)
        inner = item.get("title") or labels.get(item.get("type", ""), "nilai")
        label = f"daftar {inner}"
    elif main == "object" and prop.get("title"):
        label = prop["title"]
    if "enum" in prop:
        label = "salah satu: " + ", ".join(v for v in prop["enum"] if v is not None)
    return prop, label + (" atau null" if nullable else "")


# --- the CSV tables and their column dictionary -------------------------------------------------------------

#: Separator of several values in one CSV cell (e.g. the kelengkapan of a step).
LIST_SEPARATOR = " | "


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # teks | bilangan bulat | bilangan | tanggal | true/false | daftar teks
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str  # file name without .csv
    title: str
    row: str  # what one row is
    columns: tuple[Column, ...]

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


_TIME_COLUMNS = (
    (
        "waktu_kerja_menit_min",
        "bilangan",
        "Waktu kerja dalam menit, batas bawah (kosong bila tidak terurai).",
    ),
    ("waktu_kerja_menit_maks", "bilangan", "Waktu kerja dalam menit, batas atas."),
    ("waktu_kalender_hari_min", "bilangan", "Waktu kalender dalam hari, batas bawah."),
    ("waktu_kalender_hari_maks", "bilangan", "Waktu kalender dalam hari, batas atas."),
)

TABLES: tuple[Table, ...] = (
    Table(
        "sop",
        "SOP",
        "satu SOP",
        _cols(
            ("sop_id", "teks", "Pengenal SOP: pemda/instansi/slug."),
            ("pemda", "teks", "Pengenal pemerintah daerah."),
            ("pemda_nama", "teks", "Nama pemerintah daerah."),
            ("instansi_id", "teks", "Pengenal instansi: pemda/instansi."),
            ("instansi_nama", "teks", "Nama instansi."),
            ("nomor", "teks", "Nomor SOP."),
            ("nama", "teks", "Nama SOP."),
            ("topik", "teks", "Kunci topik untuk perbandingan antarinstansi."),
            ("tanggal_pembuatan", "tanggal", "Tanggal pembuatan (YYYY-MM-DD)."),
            ("tanggal_revisi", "tanggal", "Tanggal revisi (YYYY-MM-DD)."),
            ("tanggal_efektif", "tanggal", "Tanggal pengesahan/efektif (YYYY-MM-DD)."),
            ("disahkan_oleh", "teks", "Jabatan pengesah."),
            ("disahkan_oleh_nama", "teks", "Nama pengesah, bila tertulis."),
            ("jumlah_langkah", "bilangan bulat", "Jumlah langkah."),
            (
                "jumlah_langkah_disimpulkan",
                "bilangan bulat",
                "Langkah yang pelaksananya disimpulkan katalog.",
            ),
            (
                "jumlah_langkah_tanpa_pelaksana",
                "bilangan bulat",
                "Langkah yang pelaksananya belum ditentukan.",
            ),
            ("waktu_jalur_normal", "teks", "Jumlah waktu jalur normal sebagai teks."),
            *(
                (f"{n.replace('waktu_', 'waktu_normal_')}", t, m.replace("Waktu", "Jalur normal: waktu"))
                for n, t, m in _TIME_COLUMNS
            ),
            (
                "langkah_waktu_tidak_terurai",
                "daftar teks",
                "Nomor langkah jalur normal yang waktunya tidak terurai.",
            ),
            ("jumlah_dasar_hukum", "bilangan bulat", "Jumlah butir Dasar Hukum."),
            ("jumlah_keterkaitan", "bilangan bulat", "Jumlah butir Keterkaitan."),
            (
                "jumlah_keterkaitan_terhubung",
                "bilangan bulat",
                "Butir Keterkaitan yang tertaut ke SOP katalog.",
            ),
            ("dokumen_sumber", "teks", "Dokumen asal data."),
            (
                "dokumen_sumber_url",
                "teks",
                "Alamat unduhan dokumen asal (atau teks ekstraksinya), bila disimpan.",
            ),
            (
                "dokumen_sumber_teks_ekstraksi",
                "true/false",
                "true bila berkas unduhan itu hanya teks ekstraksi, bukan dokumen yang disahkan.",
            ),
            ("jumlah_belum_ditinjau", "bilangan bulat", "Jumlah nilai yang belum ditinjau instansi."),
            ("halaman", "teks", "Alamat halaman SOP, relatif terhadap akar situs."),
            ("data_json", "teks", "Alamat dokumen JSON SOP ini."),
            ("url_lama", "daftar teks", "Slug lama SOP ini."),
            ("status", "teks", f"Status SOP: {_either(SOP_STATUSES)}."),
            ("digantikan_oleh", "teks", "Id SOP yang menggantikan SOP ini (kosong bila tidak digantikan)."),
            ("tanggal_dicabut", "tanggal", "Tanggal pencabutan SOP yang dicabut."),
            ("tinjau_jatuh_tempo", "tanggal", "Tanggal SOP yang berlaku jatuh tempo untuk ditinjau."),
            (
                "tinjau_status",
                "teks",
                "Status peninjauan pada tanggal data dibuat: lewat, segera, atau kosong.",
            ),
        ),
    ),
    Table(
        "langkah",
        "Langkah",
        "satu langkah satu SOP",
        _cols(
            ("sop_id", "teks", "Pengenal SOP."),
            ("urutan", "bilangan bulat", "Urutan langkah, mulai dari 1."),
            ("no", "teks", "Nomor langkah seperti tercetak."),
            ("kegiatan", "teks", "Uraian kegiatan."),
            ("jenis", "teks", "Simbol bagan alir: terminator, proses, keputusan."),
            (
                "pelaksana",
                "teks",
                "Kolom peran pelaksana, seperti tertulis pada SOP (kosong bila belum ditentukan).",
            ),
            ("jabatan", "teks", "Jabatan pelaksana di instansi ini."),
            ("peran", "teks", "Pengenal peran kanonik lintas instansi (kosong bila belum dikenali)."),
            ("pelaksana_status", "teks", "tertulis (dinyatakan dokumen) atau disimpulkan (oleh katalog)."),
            ("pelaksana_alasan", "teks", "Alasan penyimpulan pelaksana."),
            ("ya", "teks", "Keputusan: nomor langkah tujuan bila Ya."),
            ("tidak", "teks", "Keputusan: nomor langkah tujuan bila Tidak."),
            ("kelengkapan", "daftar teks", "Mutu baku: kelengkapan."),
            ("waktu", "teks", "Mutu baku: waktu persis seperti ditandatangani."),
            ("waktu_terurai", "true/false", "Waktu dapat dihitung."),
            *_TIME_COLUMNS,
            ("output", "teks", "Mutu baku: output."),
            ("keterangan", "teks", "Keterangan."),
            ("catatan", "teks", "Catatan koreksi katalog."),
            ("jalur_normal", "true/false", "Langkah berada pada jalur normal."),
        ),
    ),
    Table(
        "dasar-hukum",
        "Dasar hukum",
        "satu peraturan yang dirujuk satu butir Dasar Hukum (butir tanpa "
        "peraturan yang dikenali: satu baris dengan kolom peraturan kosong)",
        _cols(
            ("sop_id", "teks", "Pengenal SOP."),
            ("butir", "bilangan bulat", "Urutan butir pada kotak Dasar Hukum, mulai dari 1."),
            ("teks", "teks", "Kutipan persis seperti tertulis."),
            ("rujukan_dari", "teks", "manual (uraian pada sumber) atau pengurai (hasil pengurai kutipan)."),
            ("peraturan_id", "teks", "Pengenal peraturan yang stabil (jenis + penerbit + nomor + tahun)."),
            ("nama_singkat", "teks", "Nama singkat peraturan (mis. Permendagri 86/2017)."),
            ("jenis", "teks", "Jenis peraturan."),
            ("penerbit", "teks", "Penerbit."),
            (
                "penerbit_disimpulkan",
                "true/false",
                "Penerbit peraturan daerah diambil dari pemda SOP (tidak tertulis).",
            ),
            ("nomor", "teks", "Nomor peraturan."),
            ("tahun", "teks", "Tahun peraturan."),
            ("tentang", "teks", "Judul peraturan."),
            ("peran", "teks", "Kedudukan pada butir: utama, pengubah, tambahan, diubah."),
            (
                "status",
                "teks",
                "Status menurut registri: berlaku, dicabut, diubah; kosong bila tidak tercatat.",
            ),
            ("dicabut_oleh", "daftar teks", "Pengenal peraturan yang mencabutnya, menurut registri."),
            ("diubah_oleh", "daftar teks", "Pengenal peraturan yang mengubahnya, menurut registri."),
        ),
    ),
    Table(
        "keterkaitan",
        "Keterkaitan",
        'satu SOP yang disebut (kotak Keterkaitan atau "Lihat SOP …" pada keterangan langkah)',
        _cols(
            ("sop_id", "teks", "Pengenal SOP yang menyebut."),
            (
                "butir",
                "bilangan bulat",
                "Urutan butir pada kotak Keterkaitan (kosong untuk rujukan dari langkah).",
            ),
            (
                "langkah_no",
                "teks",
                "Nomor langkah yang keterangannya menyebut SOP (kosong untuk kotak Keterkaitan).",
            ),
            ("teks", "teks", "Nama SOP persis seperti tertulis."),
            ("target", "teks", "Tujuan eksplisit yang ditulis pada sumber."),
            ("tujuan_id", "teks", "Id SOP katalog yang dituju (kosong bila tidak terhubung)."),
            ("cara", "teks", "eksplisit, nomor, judul atau fuzzy."),
            ("skor", "bilangan", "Kemiripan judul 0-100."),
            (
                "alasan_tidak_terhubung",
                "teks",
                "tidak-di-katalog, sengaja, ambigu, target-tidak-valid, kosong.",
            ),
            ("lintas_instansi", "true/false", "Tujuan berada di instansi lain."),
            ("lintas_pemda", "true/false", "Tujuan berada di pemerintah daerah lain."),
        ),
    ),
    Table(
        "peran",
        "Peran",
        "satu kolom peran satu SOP",
        _cols(
            ("sop_id", "teks", "Pengenal SOP."),
            ("urutan", "bilangan bulat", "Urutan kolom peran, mulai dari 1."),
            ("kolom", "teks", "Nama kolom seperti tertulis pada SOP."),
            (
                "jabatan",
                "teks",
                "Jabatan di instansi ini (nama pada daftar peran instansi, atau ejaan tersering).",
            ),
            ("peran", "teks", "Pengenal peran kanonik lintas instansi (kosong bila belum dikenali)."),
            ("peran_nama", "teks", "Nama peran kanonik."),
            ("peran_unit", "teks", "Subunit jabatan, bila ada."),
            ("peran_disimpulkan", "true/false", "Peran kanonik disimpulkan dari jenis instansi."),
            ("peran_alasan", "teks", "Alasan penyimpulan peran kanonik."),
            ("jumlah_langkah", "bilangan bulat", "Jumlah langkah yang dilaksanakan."),
            (
                "jumlah_langkah_disimpulkan",
                "bilangan bulat",
                "Langkah yang pelaksananya disimpulkan katalog.",
            ),
        ),
    ),
    Table(
        "instansi",
        "Instansi",
        "satu instansi",
        _cols(
            ("instansi_id", "teks", "Pengenal instansi: pemda/instansi."),
            ("pemda", "teks", "Pengenal pemerintah daerah."),
            ("pemda_nama", "teks", "Nama pemerintah daerah."),
            ("provinsi", "teks", "Provinsi."),
            ("nama", "teks", "Nama instansi."),
            ("jenis", "teks", "Jenis instansi."),
            ("alamat", "teks", "Alamat kantor."),
            ("jumlah_sop", "bilangan bulat", "Jumlah SOP."),
            ("halaman", "teks", "Alamat halaman instansi, relatif terhadap akar situs."),
        ),
    ),
    Table(
        "evaluasi",
        "Evaluasi",
        "satu evaluasi satu SOP untuk satu periode",
        _cols(
            ("sop_id", "teks", "Pengenal SOP."),
            ("instansi_id", "teks", "Pengenal instansi."),
            ("periode", "teks", "Tahun yang dievaluasi."),
            ("tanggal", "tanggal", "Tanggal evaluasi (YYYY-MM-DD)."),
            ("hasil", "teks", f"{_either(RESULTS)}."),
            *(
                (f"kriteria_{key}", "teks", f"{question}: {_either(CRITERION_SCORES)}.")
                for key, question in CRITERIA.items()
            ),
            ("rekomendasi", "daftar teks", "Rekomendasi perbaikan SOP."),
            ("jumlah_tindak_lanjut", "bilangan bulat", "Jumlah tindak lanjut."),
            ("jumlah_tindak_lanjut_terbuka", "bilangan bulat", "Tindak lanjut yang belum selesai."),
        ),
    ),
    Table(
        "tindak-lanjut",
        "Tindak lanjut",
        "satu tindak lanjut satu evaluasi",
        _cols(
            ("sop_id", "teks", "Pengenal SOP."),
            ("periode", "teks", "Periode evaluasi yang menetapkannya."),
            ("urutan", "bilangan bulat", "Urutan pada evaluasi itu, mulai dari 1."),
            ("uraian", "teks", "Apa yang harus dikerjakan."),
            ("penanggung_jawab", "teks", "Jabatan yang bertanggung jawab."),
            ("batas_waktu", "tanggal", "Batas waktu (YYYY-MM-DD)."),
            ("status", "teks", f"{_either(FOLLOW_UP_STATUSES)}."),
            ("terlambat", "true/false", "Belum selesai dan batas waktunya telah lewat pada tanggal data."),
        ),
    ),
)

DICTIONARY_TABLE = Table(
    "kamus-kolom",
    "Kamus kolom",
    "satu kolom satu tabel",
    _cols(
        ("tabel", "teks", "Nama berkas tabel tanpa .csv."),
        ("kolom", "teks", "Nama kolom."),
        (
            "jenis",
            "teks",
            (
                "Jenis nilai: teks, bilangan bulat, bilangan, tanggal (YYYY-MM-DD), true/false, "
                f"daftar teks (dipisah '{LIST_SEPARATOR.strip()}')."
            ),
        ),
        ("arti", "teks", "Arti kolom."),
    ),
)


def dictionary_rows() -> list[dict[str, str]]:
    """The column dictionary: one row per column of every table."""
    return [
        {"tabel": t.name, "kolom": c.name, "jenis": c.type, "arti": c.meaning}
        for t in TABLES
        for c in t.columns
    ]
