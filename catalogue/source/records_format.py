"""The formats of the monitoring and evaluation records of an SOP (PermenPAN-RB 35/2012, lampiran, Bab IV).

One declaration per record, in the style of :mod:`catalogue.source.format`: it checks the files, yields their
JSON Schemas (``schema/monitoring.schema.json``, ``schema/evaluasi.schema.json``) and their part of
``docs/format-sumber.md``, and marks the keys published only in the internal edition (``internal=True``;
:func:`catalogue.source.spec.redact` removes them for the public edition, the open data included).

Where the records live: ``content/sops/<pemda>/<instansi>/_monev/<slug>.monitoring.yml`` and
``…/_monev/<slug>.evaluasi.yml``, ``<slug>`` being the SOP file's name. A folder of its own, beginning with
``_`` as ``_instansi.yml`` does, because the tree walk treats every other YAML file of an agency folder as an
SOP: records never pass for SOPs (in this catalogue or in a tool that only knows SOPs), an agency's folder
still lists its SOPs alone, and an agency's records travel with its SOPs.

Which keys are internal, and why (each decided for the public reading the site, not for the agency):

* the observer's and the evaluation team's names (``penilai``, ``tim_penilai``): personal data of staff
  (UU 27/2022 on personal data protection); the public edition says who is accountable through positions
  (``penanggung_jawab`` is a jabatan, as the SOP's own ``pelaksana`` are);
* the monitoring's raw notes and the action taken on them (``catatan``, ``tindakan``): written during
  observation, they can name staff or citizens and describe weaknesses not yet fixed; what the agency
  concludes from them is published as the evaluation's recommendations and follow-up;
* the notes on each criterion of an evaluation and on a follow-up (``kriteria.*.catatan``,
  ``tindak_lanjut[].catatan``): working notes of the same kind, and the unresolved findings behind a
  ``tidak``; the score itself, the result, the recommendations and the follow-up's state are the
  accountability the public is owed, and stay public.
"""

from __future__ import annotations

from catalogue.model import EVALUATION_RESULTS, FOLLOW_UP_STATUSES

from .spec import DateValue, Enum, Field, ListOf, Obj, Text, TextList

#: PermenPAN-RB 35/2012, lampiran, Tabel 7 "Monitoring Pelaksanaan SOP AP", kolom "Penilaian terhadap penerapan".
MONITORING_RATINGS = ("berjalan dengan baik", "tidak berjalan dengan baik")
#: The same lampiran, Bab IV, monitoring methods a–e.
MONITORING_METHODS = (
    "observasi supervisor",
    "wawancara pelaksana",
    "wawancara masyarakat",
    "diskusi kelompok kerja",
    "pengarahan",
)
CRITERION_SCORES = ("ya", "tidak")
RESULTS = EVALUATION_RESULTS

#: The six evaluation criteria, in the regulation's order: key -> the question as worded.
CRITERIA: dict[str, str] = {
    "mendorong_kinerja": "Mampu mendorong peningkatan kinerja",
    "mudah_dipahami": "Mudah dipahami",
    "mudah_dilaksanakan": "Mudah dilaksanakan",
    "menjalankan_peran": "Semua orang dapat menjalankan perannya masing-masing",
    "mengatasi_permasalahan": "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "menjawab_kebutuhan": "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
}

MONITORING_ENTRY = Obj(
    title="Butir monitoring",
    fields=(
        Field("tanggal", DateValue(), "Tanggal pengamatan.", True, "2025-06-10"),
        Field(
            "penilaian",
            Enum(values=MONITORING_RATINGS),
            "Penilaian terhadap penerapan: apakah SOP dijalankan sesuai yang tertulis (Tabel 7, kolom 3).",
            True,
            "berjalan dengan baik",
        ),
        Field(
            "metode",
            Enum(values=MONITORING_METHODS),
            "Cara monitoring (lampiran Bab IV, metode a–e).",
            example="observasi supervisor",
        ),
        Field(
            "penilai",
            Text(),
            "Nama pengamat (Tabel 7, kolom 6: paraf penilai).",
            True,
            "Nama Pengamat",
            internal=True,
        ),
        Field(
            "catatan",
            TextList(),
            "Catatan hasil penilaian: masalah yang ditemukan (Tabel 7, kolom 4).",
            internal=True,
        ),
        Field(
            "tindakan",
            TextList(),
            "Tindakan yang harus diambil atau telah diambil (Tabel 7, kolom 5).",
            internal=True,
        ),
    ),
)

MONITORING = Obj(
    title="Catatan monitoring",
    fields=(
        Field(
            "monitoring",
            ListOf(MONITORING_ENTRY, min_items=1),
            "Pengamatan pelaksanaan SOP ini, satu butir per pengamatan (sedikitnya setiap 6 bulan).",
            True,
        ),
    ),
)

CRITERION = Obj(
    title="Nilai kriteria",
    shorthand="nilai",
    fields=(
        Field("nilai", Enum(values=CRITERION_SCORES), "Apakah SOP memenuhi kriteria ini.", True, "ya"),
        Field("catatan", Text(), "Alasan atau temuan di balik nilai ini.", internal=True),
    ),
)

CRITERIA_SCORES = Obj(
    title="Kriteria evaluasi",
    fields=tuple(
        Field(key, CRITERION, f"{question}: `ya` atau `tidak`.", True, "ya")
        for key, question in CRITERIA.items()
    ),
)

FOLLOW_UP = Obj(
    title="Tindak lanjut",
    fields=(
        Field("uraian", Text(), "Apa yang harus dikerjakan.", True, "Menyederhanakan langkah verifikasi"),
        Field(
            "penanggung_jawab",
            Text(),
            "Jabatan yang bertanggung jawab (jabatan, bukan nama orang).",
            True,
            "Sekretaris Camat",
        ),
        Field("batas_waktu", DateValue(), "Tanggal paling lambat selesai.", True, "2026-03-31"),
        Field("status", Enum(values=FOLLOW_UP_STATUSES), "Keadaan tindak lanjut.", True, "belum"),
        Field("catatan", Text(), "Catatan kemajuan.", internal=True),
    ),
)

EVALUATION_ENTRY = Obj(
    title="Evaluasi satu periode",
    fields=(
        Field("periode", Text(), "Tahun yang dievaluasi (mis. `2025`).", True, "2025"),
        Field("tanggal", DateValue(), "Tanggal evaluasi (berita acara).", True, "2025-11-20"),
        Field(
            "tim_penilai",
            TextList(),
            "Nama anggota tim evaluasi.",
            internal=True,
        ),
        Field("kriteria", CRITERIA_SCORES, "Enam kriteria evaluasi, masing-masing dinilai.", True),
        Field(
            "hasil",
            Enum(values=RESULTS),
            "Kesimpulan: `sesuai`, atau `perlu perbaikan` (dengan rekomendasi).",
            True,
            "sesuai",
        ),
        Field("rekomendasi", TextList(), "Rekomendasi perbaikan SOP."),
        Field("tindak_lanjut", ListOf(FOLLOW_UP), "Tindak lanjut rekomendasi, dengan penanggung jawab."),
    ),
)

EVALUATION = Obj(
    title="Catatan evaluasi",
    fields=(
        Field(
            "evaluasi",
            ListOf(EVALUATION_ENTRY, min_items=1),
            "Evaluasi SOP ini, satu butir per periode.",
            True,
        ),
    ),
)

#: Record kind -> (file suffix, spec). The kind is also the JSON Schema's name.
RECORD_KINDS: dict[str, Obj] = {"monitoring": MONITORING, "evaluasi": EVALUATION}
RECORDS_FOLDER = "_monev"


def record_file_name(sop_slug: str, kind: str) -> str:
    """``pengukuran-kinerja.evaluasi.yml``: the record of one kind of the SOP ``<sop_slug>.yml``."""
    return f"{sop_slug}.{kind}.yml"


#: Where each key comes from, for the reference documentation.
SOURCES_NOTE = """\
Sumber kata-kata format ini: Peraturan Menteri PANRB Nomor 35 Tahun 2012, lampiran, Bab IV (Monitoring dan
Evaluasi Penerapan SOP AP). Monitoring: dilaksanakan setiap 6 bulan dan melekat pada pelaksanaan; metode
a–e (observasi supervisor, wawancara dengan pelaksana, wawancara dengan pelanggan/masyarakat, pertemuan dan
diskusi kelompok kerja, pengarahan dalam pelaksanaan); Tabel 7 "Monitoring Pelaksanaan SOP AP" dengan kolom
No, Prosedur, Penilaian terhadap penerapan (Berjalan dengan baik / Tidak berjalan dengan baik), Catatan hasil
penilaian, Tindakan yang harus diambil, Paraf penilai. Evaluasi: enam kriteria (mampu mendorong peningkatan
kinerja; mudah dipahami; mudah dilaksanakan; semua orang dapat menjalankan perannya masing-masing; mampu
mengatasi permasalahan yang berkaitan dengan proses; mampu menjawab kebutuhan peningkatan kinerja
organisasi) seperti dirumuskan dalam praktik biro organisasi pemerintah daerah yang merujuk peraturan ini;
hasil `sesuai` / `perlu perbaikan`, rekomendasi dan tindak lanjut mengikuti berita acara evaluasi dalam
praktik yang sama (peraturan tidak menetapkan formulir evaluasi). Periode evaluasi: tahunan, menurut
praktik; peraturan tidak menetapkan jangkanya."""
