"""Realistic synthetic catalogues for the scale benchmark, deterministic by seed.

``generate(root, n, seed)`` writes ``root/<pemda>/<instansi>/<slug>.yml`` with ``_pemda.yml`` and
``_instansi.yml``: N SOPs over about N/33 agencies in several pemerintah daerah. The shapes follow the seed
SOPs (content/sops): 5-15 steps, decisions whose "Tidak" branch loops back, 3-8 Dasar Hukum lines drawn from
a shared pool of regulations written in several spellings, Keterkaitan naming other SOPs by title (with the
casing and prefixes agencies use, some not in the catalogue), role columns written with each agency's own
abbreviations, and a few files with what real sources have: a waktu that does not parse, a missing date.

    python -m bench.generate OUT --n 1000 [--seed 1] [--pemda K]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

SOPS_PER_AGENCY = 33

KABUPATEN = [
    "Balangan",
    "Tebo",
    "Purbalingga",
    "Banjar",
    "Tabalong",
    "Hulu Sungai Utara",
    "Tapin",
    "Kotabaru",
    "Bungo",
    "Merangin",
    "Sarolangun",
    "Kerinci",
    "Banyumas",
    "Cilacap",
    "Kebumen",
    "Wonosobo",
    "Magelang",
    "Boyolali",
    "Klaten",
    "Sragen",
    "Grobogan",
    "Blora",
    "Rembang",
    "Pati",
    "Kudus",
    "Jepara",
    "Demak",
    "Kendal",
    "Batang",
    "Pekalongan",
    "Pemalang",
    "Tegal",
    "Brebes",
    "Sleman",
    "Bantul",
    "Gunungkidul",
]
KOTA = ["Banjarbaru", "Jambi", "Semarang", "Surakarta", "Salatiga", "Magelang", "Pekalongan", "Tegal"]
PROVINSI = ["Kalimantan Selatan", "Jambi", "Jawa Tengah", "Daerah Istimewa Yogyakarta"]
KECAMATAN = [
    "Batumandi",
    "Rimbo Ilir",
    "Paringin",
    "Juai",
    "Halong",
    "Awayan",
    "Lampihong",
    "Tebing Tinggi",
    "Sumber Agung",
    "Rimbo Bujang",
    "Tengah Ilir",
    "Serai Serumpun",
    "Kutasari",
    "Bojongsari",
    "Mrebet",
    "Bobotsari",
    "Karangreja",
    "Karanganyar",
    "Kertanegara",
    "Rembang",
    "Kejobong",
    "Pengadegan",
    "Kaligondang",
    "Kalimanah",
    "Padamara",
    "Bukateja",
    "Kemangkon",
    "Bojong",
    "Sungai Raya",
    "Tanjung",
    "Murung Pudak",
    "Kelua",
    "Pugaan",
    "Muara Uya",
    "Jaro",
    "Haruai",
    "Bintang Ara",
    "Upau",
    "Tanta",
    "Mantuil",
    "Sungai Pandan",
    "Amuntai Tengah",
    "Banjang",
    "Danau Panggang",
    "Paminggir",
    "Babirik",
    "Haur Gading",
    "Candi Laras",
    "Bakarangan",
    "Lokpaikat",
    "Salam Babaris",
]
DINAS = [
    "Dinas Pendidikan",
    "Dinas Kesehatan",
    "Dinas Kependudukan dan Pencatatan Sipil",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Dinas Sosial",
    "Dinas Pekerjaan Umum dan Penataan Ruang",
    "Dinas Perhubungan",
    "Dinas Lingkungan Hidup",
    "Dinas Komunikasi dan Informatika",
    "Dinas Pertanian",
    "Dinas Perikanan",
    "Dinas Koperasi dan Usaha Mikro",
    "Dinas Perdagangan",
    "Dinas Pariwisata",
    "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Tenaga Kerja",
    "Dinas Perumahan dan Kawasan Permukiman",
    "Dinas Kearsipan dan Perpustakaan",
    "Dinas Pemuda dan Olahraga",
    "Dinas Ketahanan Pangan",
]
BADAN = [
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "Badan Perencanaan Pembangunan Daerah",
    "Badan Pengelolaan Keuangan dan Aset Daerah",
    "Badan Pendapatan Daerah",
    "Badan Kesatuan Bangsa dan Politik",
    "Badan Penanggulangan Bencana Daerah",
]

# Positions per kind of agency: (full name, abbreviations as agencies write them). The first is the head.
ROLES = {
    "Kecamatan": [
        ("Camat", []),
        ("Sekretaris Camat", ["Sekcam", "Sekretaris"]),
        ("Kepala Subbagian Umum dan Kepegawaian", ["Kasubbag Umum", "Kasubag Umpeg"]),
        ("Kepala Subbagian Perencanaan dan Keuangan", ["Kasubbag Perencanaan dan Keuangan", "Kasubbag PK"]),
        ("Kepala Seksi Pemerintahan", ["Kasi Pemerintahan", "Kasie Pem"]),
        ("Kepala Seksi Pelayanan Umum", ["Kasi Pelayanan", "Kasi Yanum"]),
        ("Kepala Seksi Kesejahteraan Sosial", ["Kasi Kesos"]),
        ("Staf", ["Pelaksana", "JFU"]),
        ("Pemohon", []),
    ],
    "Dinas": [
        ("Kepala Dinas", ["Kadis"]),
        ("Sekretaris Dinas", ["Sekdis", "Sekretaris"]),
        ("Kepala Bidang", ["Kabid"]),
        ("Kepala Seksi", ["Kasi", "Kasie"]),
        ("Kepala Subbagian Umum dan Kepegawaian", ["Kasubbag Umum"]),
        ("Ketua Tim Kerja", ["Ketua Tim"]),
        ("Jabatan Fungsional Umum", ["JFU", "Staf"]),
        ("Pemohon", []),
    ],
    "Badan": [
        ("Kepala Badan", ["Kaban"]),
        ("Sekretaris Badan", ["Sekretaris", "Sekban"]),
        ("Kepala Bidang", ["Kabid"]),
        ("Kepala Subbidang", ["Kasubbid"]),
        ("Kepala Subbagian Keuangan", ["Kasubbag Keuangan"]),
        ("Subkoordinator", ["Sub Koordinator"]),
        ("Pelaksana", ["Staf"]),
    ],
    "Inspektorat": [
        ("Inspektur", []),
        ("Sekretaris Inspektorat", ["Sekretaris"]),
        ("Inspektur Pembantu Wilayah", ["Irban Wil", "Irban"]),
        ("Auditor", ["JFA"]),
        ("Kepala Subbagian Umum dan Kepegawaian", ["Kasubbag Umum dan Kepegawaian"]),
        ("Jabatan Fungsional Tertentu/Jabatan Fungsional Umum", ["JFT/JFU"]),
        ("Atasan Langsung", []),
    ],
    "Sekretariat Daerah": [
        ("Sekretaris Daerah", ["Sekda"]),
        ("Asisten Administrasi Umum", ["Asisten 3", "Asisten III"]),
        ("Kepala Bagian Organisasi", ["Kabag Organisasi", "Kabag Ortal"]),
        ("Subkoordinator (Jabatan Fungsional)", ["JF Sub Koordinator"]),
        ("Atasan Langsung", []),
        ("Pegawai", ["Para pegawai", "Pelaksana"]),
    ],
}

GENERIC_SOPS = [
    "Penyusunan Rencana Kerja",
    "Penyusunan Rencana Strategis",
    "Penyusunan Laporan Kinerja",
    "Pengukuran Kinerja",
    "Penyusunan Perjanjian Kinerja",
    "Pengumpulan Data Kinerja",
    "Evaluasi SAKIP Internal",
    "Pengelolaan Surat Masuk",
    "Pengelolaan Surat Keluar",
    "Pengajuan Cuti Pegawai",
    "Penilaian SKP",
    "Usulan Kenaikan Pangkat",
    "Usulan Kenaikan Gaji Berkala",
    "Pengelolaan Barang Milik Daerah",
    "Penyusunan Rencana Kerja dan Anggaran",
    "Pengajuan SPP Uang Persediaan",
    "Pertanggungjawaban Keuangan",
    "Pengelolaan Arsip Dinamis",
    "Pelayanan Informasi Publik",
    "Penanganan Pengaduan Masyarakat",
    "Penyusunan Laporan Keuangan",
    "Pengadaan Barang dan Jasa",
    "Pemeliharaan Kendaraan Dinas",
    "Penyusunan Standar Operasional Prosedur",
    "Monitoring dan Evaluasi Program",
    "Rapat Koordinasi",
    "Perjalanan Dinas",
    "Pembinaan Disiplin Pegawai",
    "Pengusulan Diklat Pegawai",
    "Penerimaan Tamu Dinas",
]
SPECIFIC_SOPS = {
    "Kecamatan": [
        "Pelayanan Surat Keterangan Domisili",
        "Rekomendasi Izin Keramaian",
        "Legalisasi Dokumen",
        "Pelayanan Surat Keterangan Tidak Mampu",
        "Evaluasi Perkembangan Desa",
        "Fasilitasi Musrenbang Kecamatan",
        "Pembinaan Administrasi Desa",
        "Pelayanan Izin Usaha Mikro",
        "Verifikasi Dana Desa",
        "Pelayanan Surat Pengantar Nikah",
    ],
    "Dinas": [
        "Penerbitan Izin Operasional",
        "Verifikasi Permohonan Bantuan",
        "Pembinaan Kelompok Masyarakat",
        "Pengawasan Lapangan",
        "Penerbitan Rekomendasi Teknis",
        "Pendataan Sasaran Program",
        "Penyaluran Bantuan",
        "Pelayanan Konsultasi",
        "Penerbitan Sertifikat",
        "Uji Kelayakan",
    ],
    "Badan": [
        "Penyusunan RPJMD",
        "Verifikasi Dokumen Perencanaan",
        "Penatausahaan Aset",
        "Rekonsiliasi Data Keuangan",
        "Penetapan Pajak Daerah",
        "Penyusunan Neraca Daerah",
        "Kaji Cepat Bencana",
        "Pelayanan Administrasi Kepegawaian",
        "Seleksi Jabatan Fungsional",
        "Pemetaan Jabatan",
    ],
    "Inspektorat": [
        "Pemeriksaan Reguler",
        "Reviu Laporan Keuangan",
        "Evaluasi SAKIP Perangkat Daerah",
        "Pemeriksaan Khusus",
        "Pemantauan Tindak Lanjut Hasil Pemeriksaan",
        "Reviu RKA",
        "Penanganan Pengaduan Whistleblowing",
        "Probity Audit",
        "Pendampingan Pengelolaan Dana Desa",
        "Penyusunan PKPT",
    ],
    "Sekretariat Daerah": [
        "Analisis Jabatan",
        "Evaluasi Kelembagaan",
        "Penyusunan Produk Hukum Daerah",
        "Fasilitasi Rapat Pimpinan",
        "Penyusunan Laporan Penyelenggaraan Pemerintahan Daerah",
        "Reformasi Birokrasi",
        "Penataan Tata Laksana",
        "Evaluasi Pelayanan Publik",
        "Penyusunan Nota Kesepahaman",
        "Protokol Kegiatan Pimpinan",
    ],
}
QUALIFIERS = [
    "",
    "",
    "Triwulan",
    "Tahunan",
    "Semester",
    "Secara Elektronik",
    "Tingkat Kabupaten",
    "Bulanan",
    "Tahap Kedua",
    "Lanjutan",
    "Internal",
    "Terpadu",
]

# The shared pool of regulations: (full jenis, abbreviation, nomor, tahun, tentang). Each SOP cites 3-8.
REGULATIONS = [
    ("Undang-Undang", "UU", "23", "2014", "Pemerintahan Daerah"),
    ("Undang-Undang", "UU", "30", "2014", "Administrasi Pemerintahan"),
    ("Undang-Undang", "UU", "25", "2009", "Pelayanan Publik"),
    ("Undang-Undang", "UU", "20", "2023", "Aparatur Sipil Negara"),
    ("Undang-Undang", "UU", "14", "2008", "Keterbukaan Informasi Publik"),
    ("Undang-Undang", "UU", "43", "2009", "Kearsipan"),
    (
        "Undang-Undang",
        "UU",
        "33",
        "2004",
        "Perimbangan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah",
    ),
    ("Peraturan Pemerintah", "PP", "12", "2019", "Pengelolaan Keuangan Daerah"),
    ("Peraturan Pemerintah", "PP", "46", "2011", "Penilaian Prestasi Kerja Pegawai Negeri Sipil"),
    ("Peraturan Pemerintah", "PP", "30", "2019", "Penilaian Kinerja Pegawai Negeri Sipil"),
    (
        "Peraturan Pemerintah",
        "PP",
        "17",
        "2020",
        ("Perubahan atas Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil"),
    ),
    ("Peraturan Pemerintah", "PP", "94", "2021", "Disiplin Pegawai Negeri Sipil"),
    ("Peraturan Pemerintah", "PP", "18", "2016", "Perangkat Daerah"),
    (
        "Peraturan Pemerintah",
        "PP",
        "8",
        "2008",
        ("Tahapan, Tatacara Penyusunan, Pengendalian, dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah"),
    ),
    ("Peraturan Presiden", "Perpres", "29", "2014", "Sistem Akuntabilitas Kinerja Instansi Pemerintah"),
    ("Peraturan Presiden", "Perpres", "95", "2018", "Sistem Pemerintahan Berbasis Elektronik"),
    ("Peraturan Presiden", "Perpres", "16", "2018", "Pengadaan Barang/Jasa Pemerintah"),
    (
        "Peraturan Menteri Dalam Negeri",
        "Permendagri",
        "52",
        "2011",
        "Standar Operasional Prosedur di Lingkungan Pemerintah Provinsi dan Kabupaten/Kota",
    ),
    (
        "Peraturan Menteri Dalam Negeri",
        "Permendagri",
        "73",
        "2009",
        "Tata Cara Pelaksanaan Evaluasi Kinerja Penyelenggaraan Pemerintahan Daerah",
    ),
    (
        "Peraturan Menteri Dalam Negeri",
        "Permendagri",
        "86",
        "2017",
        "Tata Cara Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
    ),
    (
        "Peraturan Menteri Dalam Negeri",
        "Permendagri",
        "77",
        "2020",
        "Pedoman Teknis Pengelolaan Keuangan Daerah",
    ),
    (
        "Peraturan Menteri Dalam Negeri",
        "Permendagri",
        "90",
        "2019",
        "Klasifikasi, Kodefikasi, dan Nomenklatur Perencanaan Pembangunan dan Keuangan Daerah",
    ),
    (
        "Peraturan Menteri Dalam Negeri",
        "Permendagri",
        "19",
        "2016",
        "Pedoman Pengelolaan Barang Milik Daerah",
    ),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "Permenpan RB",
        "35",
        "2012",
        "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    ),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "PermenPAN-RB",
        "53",
        "2014",
        (
            "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja "
            "Instansi Pemerintah"
        ),
    ),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "PermenPAN-RB",
        "6",
        "2022",
        "Pengelolaan Kinerja Pegawai Aparatur Sipil Negara",
    ),
    (
        "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi",
        "Permenpan RB",
        "15",
        "2014",
        "Pedoman Standar Pelayanan",
    ),
    (
        "Peraturan Kepala Badan Kepegawaian Negara",
        "Perka BKN",
        "1",
        "2013",
        (
            "Ketentuan Pelaksanaan Peraturan Pemerintah Nomor 46 Tahun 2011 tentang Penilaian Prestasi Kerja "
            "Pegawai Negeri Sipil"
        ),
    ),
    (
        "Peraturan Menteri Keuangan",
        "PMK",
        "215/PMK.05/2016",
        "2016",
        "Perubahan atas Peraturan Menteri Keuangan Nomor 168/PMK.05/2015",
    ),
    ("Peraturan Menteri Kesehatan", "Permenkes", "43", "2019", "Pusat Kesehatan Masyarakat"),
]

VERBS_HEAD = ["Memerintahkan", "Mendisposisikan", "Menandatangani", "Menyetujui", "Menetapkan", "Mengesahkan"]
VERBS_MIDDLE = [
    "Memeriksa",
    "Memverifikasi",
    "Mengoreksi",
    "Memaraf",
    "Meneliti",
    "Mengevaluasi",
    "Menyusun",
    "Mengkoordinasikan",
    "Menelaah",
    "Merekapitulasi",
]
VERBS_STAFF = [
    "Menerima",
    "Mengentri",
    "Menyiapkan",
    "Mengarsipkan",
    "Mencetak",
    "Mengagendakan",
    "Menghimpun",
    "Menyampaikan",
    "Mengunggah",
    "Mendokumentasikan",
    "Menginput",
]
OBJECTS = [
    "berkas permohonan",
    "draf laporan",
    "data kinerja",
    "surat masuk",
    "dokumen pendukung",
    "konsep keputusan",
    "nota dinas",
    "rekapitulasi data",
    "formulir isian",
    "laporan hasil",
    "usulan",
    "dokumen perencanaan",
    "bukti pembayaran",
    "daftar hadir",
    "berita acara",
]
CHECKS = [
    "Memeriksa kelengkapan {o}",
    "Memverifikasi kebenaran {o}",
    "Meneliti keabsahan {o}",
    "Mengevaluasi {o}",
]
TIMES = [
    "5 Menit",
    "10 Menit",
    "15 Menit",
    "30 Menit",
    "45 menit",
    "1 Jam",
    "2 Jam",
    "3 jam",
    "1 Hari",
    "2 Hari",
    "1 hari kerja",
    "3 Hari Kerja",
    "1-2 hari",
    "1 Minggu",
]
OUTPUTS = [
    "Disposisi",
    "Surat terdisposisi",
    "Draf dokumen",
    "Dokumen terverifikasi",
    "Laporan",
    "Berkas lengkap",
    "Data terekap",
    "Dokumen bertanda tangan",
    "Arsip",
    "Nota dinas",
]
KUALIFIKASI = [
    "Memahami peraturan perundang-undangan tentang kepegawaian",
    "Mengetahui tugas dan fungsi Sistem Akuntabilitas Kinerja Instansi Pemerintah",
    "Memiliki kemampuan mengoperasikan komputer",
    "Memiliki kemampuan analisis data",
    "Memahami tata naskah dinas",
    "Memiliki kemampuan berkomunikasi dan bekerja dalam tim",
    "Kualifikasi pendidikan minimal Diploma 3/sederajat",
    "Memahami pengelolaan keuangan daerah",
]
PERALATAN = [
    "Komputer dan printer",
    "Jaringan internet",
    "Alat tulis kantor",
    "Perangkat komputer",
    "Aplikasi e-Kinerja",
    "Buku agenda",
    "Map dan ordner",
    "Telepon",
    "Formulir",
    "Scanner",
]
PERINGATAN = [
    "Jika SOP tidak dilaksanakan maka {t} tidak berjalan lancar",
    "Apabila {t} terlambat, maka pelaporan kepada pimpinan tertunda",
    "Kesalahan data menyebabkan {t} harus diulang",
]
PENCATATAN = [
    "Disimpan sebagai arsip dinamis",
    "Dicatat dalam buku agenda",
    "Didokumentasikan dalam bentuk softcopy dan hardcopy",
    "Sebagai bahan evaluasi kinerja",
    "Dientri pada aplikasi",
]
NAMES = [
    "AHMAD FAUZI",
    "SITI RAHMAH",
    "BUDI SANTOSO",
    "RINA WATI",
    "H. MUHAMMAD YUSUF",
    "DEWI LESTARI",
    "AGUS SALIM",
    "NURUL HIDAYAH",
    "JOKO PRASETYO",
    "SRI WAHYUNI",
    "RUDI HARTONO",
    "FITRIANI",
]
DEGREES = ["S.Sos", "SE", "S.STP, M.Si", "SH, MH", "S.Pd", "ST", "AP, M.AP", "S.IP"]


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass
class AgencyPlan:
    pemda_slug: str
    pemda_nama: str
    slug: str
    nama: str
    kind: str
    abbr: str
    style: str  # how this agency writes roles: "full", "abbr", "upper"
    sops: list[tuple[str, str]] = field(default_factory=list)  # (slug, nama)


def _pemdas(rng: random.Random, count: int) -> list[tuple[str, str, str]]:
    names = [f"Kabupaten {k}" for k in KABUPATEN] + [f"Kota {k}" for k in KOTA]
    chosen = rng.sample(names, min(count, len(names)))
    while len(chosen) < count:  # more pemda than names: numbered
        chosen.append(f"Kabupaten Contoh {len(chosen) + 1}")
    return [(slugify(n), n, rng.choice(PROVINSI)) for n in chosen]


def _agencies(rng: random.Random, pemdas: list[tuple[str, str, str]], count: int) -> list[AgencyPlan]:
    plans: list[AgencyPlan] = []
    per_pemda = [count // len(pemdas) + (1 if i < count % len(pemdas) else 0) for i in range(len(pemdas))]
    for (p_slug, p_nama, _), n in zip(pemdas, per_pemda, strict=True):
        core = [
            ("Inspektorat", f"Inspektorat {p_nama}"),
            ("Sekretariat Daerah", f"Sekretariat Daerah {p_nama}"),
        ]
        offices = [("Dinas", d) for d in rng.sample(DINAS, len(DINAS))] + [("Badan", b) for b in BADAN]
        rng.shuffle(offices)
        districts = [("Kecamatan", f"Kecamatan {k}") for k in rng.sample(KECAMATAN, len(KECAMATAN))]
        mix: list[tuple[str, str]] = core[:n]
        while len(mix) < n:  # alternate offices and districts, as a real pemda has both
            source = offices if (len(mix) % 2 == 0 and offices) or not districts else districts
            if not source:
                mix.append(("Kecamatan", f"Kecamatan Baru {len(mix)}"))
                continue
            mix.append(source.pop())
        for kind, nama in mix:
            abbr = "".join(w[0] for w in nama.split() if w[0].isupper())[:6]
            plans.append(
                AgencyPlan(
                    p_slug,
                    p_nama,
                    slugify(nama),
                    nama,
                    kind,
                    abbr,
                    rng.choice(["full", "abbr", "abbr", "upper"]),
                )
            )
    return plans


def _plan_sops(rng: random.Random, agencies: list[AgencyPlan], n: int) -> None:
    counts = [n // len(agencies) + (1 if i < n % len(agencies) else 0) for i in range(len(agencies))]
    for agency, count in zip(agencies, counts, strict=True):
        bases = GENERIC_SOPS + SPECIFIC_SOPS[agency.kind]
        seen: set[str] = set()
        while len(agency.sops) < count:
            nama = " ".join(x for x in (rng.choice(bases), rng.choice(QUALIFIERS)) if x)
            slug = slugify(nama)
            if slug in seen:
                nama = f"{nama} {rng.choice(['II', 'III', 'IV', 'V', 'Khusus', 'Lanjutan'])}"
                slug = slugify(nama)
                if slug in seen:
                    nama, slug = f"{nama} {len(agency.sops) + 1}", f"{slug}-{len(agency.sops) + 1}"
            seen.add(slug)
            agency.sops.append((slug, nama))


def _citation(rng: random.Random, reg: tuple[str, str, str, str, str]) -> str:
    full, abbr, nomor, tahun, tentang = reg
    return rng.choice(
        [
            f"{full} Nomor {nomor} Tahun {tahun} tentang {tentang}",
            f"{full} Republik Indonesia Nomor {nomor} Tahun {tahun} Tentang {tentang};",
            f"{abbr} No. {nomor} tahun {tahun} tentang {tentang.lower()}",
            f"{abbr} Nomor {nomor} Tahun {tahun} Tentang {tentang}.",
            f"{full} No {nomor} Tahun {tahun}",
        ]
    )


def _written(role: tuple[str, list[str]], style: str) -> str:
    full, aliases = role
    name = full if style == "full" or not aliases else aliases[0]
    return name.upper() if style == "upper" else name


def _steps(rng: random.Random, columns: list[str], subject: str) -> list[str]:
    """The procedure: the head opens, staff closes, every other column performs at least one step."""
    count = rng.randint(max(5, len(columns)), 15)
    head, staff = columns[0], columns[-1]
    middle = columns[1:-1] or [head]
    performers = list(middle) + [rng.choice(columns) for _ in range(count - 2 - len(middle))]
    rng.shuffle(performers)
    performers = [head] + performers + [staff]
    decisions: set[int] = set()
    if count >= 6 and rng.random() < 0.6:
        decisions = set(rng.sample(range(2, count - 1), rng.choice([1, 1, 2])))
    dotted = rng.random() < 0.25
    lines = []
    for i in range(1, count + 1):
        obj = rng.choice(OBJECTS)
        performer = performers[i - 1]
        if i == 1:
            text = f"{rng.choice(VERBS_HEAD[:2])} pelaksanaan {subject.lower()}"
        elif i == count:
            text = f"Mengarsipkan {obj} {subject.lower()}"
        elif i in decisions:
            text = rng.choice(CHECKS).format(o=obj)
        else:
            verbs = VERBS_HEAD if performer == head else VERBS_STAFF if performer == staff else VERBS_MIDDLE
            text = f"{rng.choice(verbs)} {obj}" + (f" {subject.lower()}" if rng.random() < 0.4 else "")
        no = f"{i}." if dotted else str(i)
        lines.append(f"  - no: {q(no)}")
        lines.append(f"    kegiatan: {q(text)}")
        lines.append(f"    pelaksana: {q(performer)}")
        if rng.random() < 0.15:
            lines.append("    pelaksana_status: disimpulkan")
            lines.append(
                f"    pelaksana_alasan: {q('Kolom peran kosong pada dokumen; disimpulkan dari uraian kegiatan.')}"
            )
        if i in decisions:
            back = rng.randint(max(1, i - 3), i - 1)
            lines.append("    jenis: keputusan")
            lines.append(f"    ya: {q(str(i + 1) + ('.' if dotted else ''))}")
            lines.append(f"    tidak: {q(str(back) + ('.' if dotted else ''))}")
        lines.append(f"    kelengkapan: [{q(obj.capitalize())}]")
        lines.append(f"    waktu: {q(rng.choice(TIMES))}")
        lines.append(f"    output: {q(rng.choice(OUTPUTS))}")
        if rng.random() < 0.1:
            lines.append(f"    keterangan: {q('Dapat dilakukan melalui aplikasi')}")
    return lines


def _nip(rng: random.Random) -> str:
    born = f"19{rng.randint(60, 89)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return f"{born} {rng.randint(1985, 2010)}{rng.randint(1, 12):02d} {rng.randint(1, 2)} {rng.randint(1, 20):03d}"


def _sop_text(
    rng: random.Random,
    agency: AgencyPlan,
    index: int,
    slug: str,
    nama: str,
    titles: dict[str, list[str]],
    regional: list[tuple[str, str, str, str, str]],
) -> str:
    roles = ROLES[agency.kind]
    others = rng.sample(roles[1:], rng.randint(2, min(5, len(roles) - 1)))
    columns = [_written(roles[0], agency.style)] + [_written(r, agency.style) for r in others]
    year = rng.randint(2016, 2024)
    made = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [
        f"nomor: {q(f'{rng.randint(60, 900):03d}/{index + 1:03d}/{agency.abbr}/{year}')}",
        f"nama: {q(nama)}",
        f"tanggal_pembuatan: {made}",
        f"tanggal_revisi: {q('-')}",
    ]
    if rng.random() < 0.97:
        lines.append(f"tanggal_efektif: {made}")  # the rest leave it blank, as some real SOPs do
    head = roles[0][0] if agency.kind != "Kecamatan" else "Camat"
    lines += [
        "disahkan_oleh:",
        f"  jabatan: {q(head if agency.kind in ('Kecamatan', 'Inspektorat') else f'{head} {agency.nama}')}",
        f"  nama: {q(f'{rng.choice(NAMES)}, {rng.choice(DEGREES)}')}",
        f"  nip: {q(_nip(rng))}",
    ]
    if rng.random() < 0.5:
        lines.append(f"topik: {slugify(nama.split()[0] + ' ' + nama.split()[-1])}")
    pool = rng.sample(REGULATIONS, rng.randint(3, 7)) + (
        rng.sample(regional, 1) if rng.random() < 0.6 else []
    )
    lines.append("dasar_hukum:")
    lines += [f"  - {q(_citation(rng, reg))}" for reg in pool[:8]]
    lines.append("kualifikasi_pelaksana:")
    lines += [f"  - {q(k)}" for k in rng.sample(KUALIFIKASI, rng.randint(2, 5))]
    lines.append("keterkaitan:")
    for _ in range(rng.randint(1, 4)):
        roll = rng.random()
        pool_titles = titles[agency.slug] if roll < 0.7 else titles[agency.pemda_slug] if roll < 0.85 else []
        title = rng.choice(pool_titles) if pool_titles else f"{rng.choice(GENERIC_SOPS)} Kabupaten"
        title = rng.choice(
            [f"SOP {title}", f"SOP {title.upper()}", f"SOP/Mekanisme {title}", title, f"SOP {title.lower()}"]
        )
        lines.append(f"  - {q(title)}")
    lines.append("peralatan_perlengkapan:")
    lines += [f"  - {q(p)}" for p in rng.sample(PERALATAN, rng.randint(2, 5))]
    lines.append("peringatan:")
    lines.append(f"  - {q(rng.choice(PERINGATAN).format(t=nama.lower()))}")
    lines.append("pencatatan_pendataan:")
    lines += [f"  - {q(p)}" for p in rng.sample(PENCATATAN, rng.randint(1, 2))]
    lines.append("")
    lines.append("pelaksana:")
    lines += [f"  - {q(c)}" for c in columns]
    lines.append("")
    lines.append("langkah:")
    steps = _steps(rng, columns, nama)
    if rng.random() < 0.02:  # a waktu that does not parse, as real SOPs have
        first = next(i for i, line in enumerate(steps) if "waktu:" in line)
        steps[first] = '    waktu: "tentatif"'
    lines += steps
    text = "\n".join(lines) + "\n"
    if rng.random() < 0.3:
        text += f"\nsumber:\n  dokumen: {q(f'SOP {agency.nama} {year}.docx')}\n  jenis_dokumen: docx\n"
    return text


def _agency_text(agency: AgencyPlan) -> str:
    lines = [f"nama: {q(agency.nama)}", f"jenis: {q(agency.kind)}", "peran:"]
    for full, aliases in ROLES[agency.kind]:
        lines.append(f"  - nama: {q(full)}")
        written = [a for a in aliases] + (
            [full.upper()] + [a.upper() for a in aliases] if agency.style == "upper" else []
        )
        if written:
            lines.append(f"    alias: [{', '.join(q(a) for a in dict.fromkeys(written))}]")
    return "\n".join(lines) + "\n"


def generate(root: Path, n: int, seed: int = 1, pemda: int | None = None) -> dict[str, int]:
    """Write a catalogue of ``n`` SOPs under ``root`` (replacing it); returns its counts. ``pemda``: how many
    pemerintah daerah they are spread over (default: one per 600 SOPs, at least three)."""
    rng = random.Random(seed)
    agency_count = max(1, round(n / SOPS_PER_AGENCY))
    pemdas = _pemdas(rng, min(agency_count, pemda if pemda else max(3, n // 600)))
    agencies = _agencies(rng, pemdas, agency_count)
    _plan_sops(rng, agencies, n)
    titles: dict[str, list[str]] = {}
    for a in agencies:
        titles.setdefault(a.slug, []).extend(nama for _, nama in a.sops)
        titles.setdefault(a.pemda_slug, []).extend(nama for _, nama in a.sops)
    regional = {
        p_slug: [
            (
                "Peraturan Bupati" if p_nama.startswith("Kabupaten") else "Peraturan Wali Kota",
                "Perbup" if p_nama.startswith("Kabupaten") else "Perwali",
                str(rng.randint(1, 90)),
                str(rng.randint(2016, 2023)),
                f"Kedudukan, Susunan Organisasi, Tugas dan Fungsi serta Tata Kerja Perangkat Daerah {p_nama}",
            )
        ]
        for p_slug, p_nama, _ in pemdas
    }
    if root.exists():
        shutil.rmtree(root)
    for p_slug, p_nama, provinsi in pemdas:
        (root / p_slug).mkdir(parents=True)
        (root / p_slug / "_pemda.yml").write_text(
            f"nama: {q(p_nama)}\nprovinsi: {q(provinsi)}\n", encoding="utf-8"
        )
    for agency in agencies:
        folder = root / agency.pemda_slug / agency.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "_instansi.yml").write_text(_agency_text(agency), encoding="utf-8")
        for index, (slug, nama) in enumerate(agency.sops):
            text = _sop_text(rng, agency, index, slug, nama, titles, regional[agency.pemda_slug])
            (folder / f"{slug}.yml").write_text(text, encoding="utf-8")
    return {"pemda": len(pemdas), "instansi": len(agencies), "sop": n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pemda", type=int, default=None, help="how many pemda (default: N/600, at least 3)")
    args = parser.parse_args()
    print(generate(args.out, args.n, args.seed, args.pemda))


if __name__ == "__main__":
    main()
