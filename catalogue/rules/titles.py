"""SOP titles: the comparable form of a title, the place appended to it, and when two titles are the same
title up to typos.

Agencies write the same title in many spellings ("SOP PENGUMPULAN DATA KINERJA", "SOP/Mekanisme … Kecamatan
Purbalingga Kabupaten Purbalingga", "SOP Penyusunan Renja"). A title is compared as its content words:
case-folded, abbreviations expanded (:data:`ABBREVIATIONS`), title prefixes ("SOP", "Mekanisme") and noise
words dropped; a place appended to it ("… Kecamatan X Kabupaten Y") is split off (:func:`parse_title`). The
Keterkaitan resolver (:mod:`catalogue.analysis.keterkaitan`) and the comparison groups
(:mod:`catalogue.analysis.comparison`) both compare titles with this module, so a title means the same to
both.

Thresholds, chosen on ``tests/data/keterkaitan_labelled.yml`` (190 labelled lines) and the five seeds;
``python -m tools.keterkaitan_eval --sweep`` prints the figures behind each choice:

* Fuzzy matching corrects typos only. Both titles must have the same content words, paired one to one in
  any order; a pair may differ by :data:`EDITS_MEDIUM` edit in words of 5–9 letters and :data:`EDITS_LONG`
  in words of 10 or more (a swap of neighbouring letters is one edit), never in words of 4 letters or less
  ("data"/"dana"), in numbers, or in a word of the entry that is itself a real word (a catalogue title word
  or one of :data:`KNOWN_WORDS`: "penerapan" is no typo of "penetapan"). A missing or extra word is never
  forgiven: "Penyusunan Laporan Kinerja" and "Penyusunan Laporan Evaluasi Kinerja" are different SOPs.
  This word rule is what buys precision: whole-title similarity (rapidfuzz ``token_sort_ratio``) scores
  real-word confusions as high as typos ("penerapan indikator kinerja utama" / "penetapan …" 97, "pelatihan
  pejabat administrator" / "pelantikan …" 95, against 98 for the typo "penerbitan kartu keluaga"). Used alone it
  links those wrongly: precision 0.96 at 85 and 0.98 at 90–95 on the labelled set (recall 0.95 and 0.94),
  against 1.00 (recall 0.93) with the word rule, which gives up only typos in words of four letters or
  less ("Audt Kinerja"). Without the built-in :data:`KNOWN_WORDS` the word rule lets "Penerapan IKU" →
  "Penetapan IKU" through (0.99). No typo tolerance at all costs recall (0.84); a larger edit budget (2/3)
  adds nothing.
* Over the word rule, the titles must score at least :data:`FUZZY_MIN_SCORE` (``token_sort_ratio``), a
  backstop for titles whose every word carries a typo. True typo pairs of the labelled set score 95.8–98.9;
  any value from 70 to 95 gives the same links and 98 loses five true ones (sweep above); a two-word title
  with a typo in each word scores about 94. 90 sits below every true pair with room to spare.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from catalogue.model import Agency
from catalogue.text import fold

#: Minimum rapidfuzz token_sort_ratio of two normalised titles for a fuzzy link (see module docstring).
FUZZY_MIN_SCORE = 90.0
#: Edits allowed in one word of 5-9 letters / of 10 letters or more; shorter words must be equal.
EDITS_MEDIUM = 1
EDITS_LONG = 2

# --------------------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------------------

#: Abbreviations and spelling variants expanded before comparing, so "Renja" and "Rencana Kerja" are one
#: title. Only expansions that are unambiguous in SOP titles: "PK" (Perjanjian or Penetapan Kinerja), "KK"
#: (Kartu or Kepala Keluarga) and "SPT" are left alone.
ABBREVIATIONS: dict[str, str] = {
    "renja": "rencana kerja",
    "renstra": "rencana strategis",
    "rkpd": "rencana kerja pemerintah daerah",
    "rpjmd": "rencana pembangunan jangka menengah daerah",
    "rpjpd": "rencana pembangunan jangka panjang daerah",
    # LAKIP (Laporan Akuntabilitas Kinerja …) was renamed LKjIP in 2014: the same annual report.
    "lkjip": "laporan kinerja instansi pemerintah",
    "lkip": "laporan kinerja instansi pemerintah",
    "lakip": "laporan kinerja instansi pemerintah",
    "sakip": "sistem akuntabilitas kinerja instansi pemerintah",
    "iku": "indikator kinerja utama",
    "skp": "sasaran kinerja pegawai",
    "monev": "monitoring evaluasi",
    "spj": "surat pertanggungjawaban",
    "sppd": "surat perintah perjalanan dinas",
    "dpa": "dokumen pelaksanaan anggaran",
    "rka": "rencana kerja anggaran",
    "lppd": "laporan penyelenggaraan pemerintahan daerah",
    "lkpj": "laporan keterangan pertanggungjawaban",
    "pkpt": "program kerja pengawasan tahunan",
    "atk": "alat tulis kantor",
    "bmd": "barang milik daerah",
    "skpd": "perangkat daerah",
    "opd": "perangkat daerah",
    "pns": "pegawai negeri sipil",
    "ktp": "kartu tanda penduduk",
    "ekinerja": "e kinerja",
    "pengusulan": "usulan",
    # scope heads, so "Kec. Purbalingga" and "Kecamatan Purbalingga" compare equal
    "kec": "kecamatan",
    "kab": "kabupaten",
    "kel": "kelurahan",
    "prov": "provinsi",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "setda": "sekretariat daerah",
    "setwan": "sekretariat dprd",
}

#: Non-standard spellings of title words -> their standard (KBBI) form, read as the same word on both sides
#: of a comparison. The typo allowance does not reach these: a word of four letters or less must match
#: exactly ("akte"/"akta"), and a variant may be a real word of its own ("praktek"). Only spellings that
#: are the same word, never a different one.
SPELLING_VARIANTS: dict[str, str] = {
    "akte": "akta",
    "ijin": "izin",
    "perijinan": "perizinan",
    "propinsi": "provinsi",
    "praktek": "praktik",
    "sertipikat": "sertifikat",
    "kwitansi": "kuitansi",
    "jadual": "jadwal",
    "tehnis": "teknis",
    "analisa": "analisis",
    "resiko": "risiko",
    "sistim": "sistem",
    "obyek": "objek",
    "aktifitas": "aktivitas",
    "ijasah": "ijazah",
    "apotik": "apotek",
    "karir": "karier",
    "hutang": "utang",
    "nopember": "november",
    "pebruari": "februari",
}

#: Prefixes stripped from the start of a title, repeatedly ("SOP/Mekanisme …").
PREFIXES: tuple[tuple[str, ...], ...] = tuple(
    sorted(
        (
            ("standar", "operasional", "prosedur", "administrasi", "pemerintahan"),
            ("standar", "operasional", "prosedur"),
            ("standard", "operasional", "prosedur"),
            ("standard", "operating", "procedure"),
            ("sop", "ap"),
            ("s", "o", "p"),
            ("sop",),
            ("mekanisme",),
            ("prosedur",),
            ("tata", "cara"),
        ),
        key=len,
        reverse=True,
    )
)
#: Generic leading words of an SOP title ("Pelaksanaan Pengukuran Kinerja" = "Pengukuran Kinerja"), stripped
#: when at least two words remain.
WEAK_LEADS = frozenset({"pelaksanaan", "penyelenggaraan", "proses"})

#: Function words that carry no meaning in a title ("Monitoring/Evaluasi" = "Monitoring dan Evaluasi").
NOISE_WORDS = frozenset(
    {
        "dan",
        "serta",
        "atau",
        "di",
        "ke",
        "dari",
        "yang",
        "pada",
        "untuk",
        "dalam",
        "atas",
        "per",
        "tentang",
        "terhadap",
        "oleh",
        "bagi",
        "dengan",
        "ini",
        "tersebut",
        "lingkup",
    }
)

_KNOWN_WORDS_TEXT = """
pengawasan pengawalan penetapan penerapan pemberian pembelian pembinaan pembiayaan penilaian pengisian
pelantikan pelatihan penataan pendataan pendapatan penagihan penanganan penerimaan pemeriksaan perencanaan
pengukuran pengumpulan penyusunan penyusun pengusutan pelaporan pelayanan pelaksanaan pengelolaan
pengadaan pengendalian pengembalian pengambilan penyimpanan penyampaian penyaluran pencairan pencatatan
pengajuan penganggaran pengangkatan pemberhentian pemindahan perpindahan penggandaan pengarsipan
penandatanganan pemutakhiran pemantauan pemeliharaan perbaikan perubahan pergeseran pembayaran
pembuatan pembentukan pembahasan penghapusan penghargaan penugasan penempatan penerbitan pendaftaran
pendistribusian penjadwalan pengiriman penyerahan penyelesaian penyelenggaraan penyelidikan penyidikan
perekaman pencetakan penomoran verifikasi validasi evaluasi monitoring reviu audit rapat surat masuk
keluar cuti izin mutasi promosi kenaikan pangkat gaji berkala jabatan kinerja laporan data dana desa
kelurahan kecamatan rencana kerja strategis anggaran kegiatan program barang jasa aset tanah bangunan
kendaraan triwulan semester tahunan bulanan harian perjanjian capaian indikator target realisasi usulan
"""
#: Real words of SOP titles that lie a letter or two from another real word ("pengawasan" / "pengawalan",
#: "penetapan" / "penerapan"): never corrected as typos. The catalogue's own title words are added at run
#: time; this list covers words the catalogue may not contain yet.
KNOWN_WORDS = frozenset(_KNOWN_WORDS_TEXT.split())


#: Region heads of an appended place name.
REGION_HEADS: dict[tuple[str, ...], str] = {
    ("pemerintah", "kabupaten"): "kabupaten",
    ("pemerintah", "kota"): "kota",
    ("pemerintah", "provinsi"): "provinsi",
    ("kabupaten",): "kabupaten",
    ("kota",): "kota",
    ("kotamadya",): "kota",
    ("provinsi",): "provinsi",
}
#: Agency heads that need a name after them ("Kecamatan Purbalingga", "Dinas Kesehatan").
NAMED_AGENCY_HEADS: dict[tuple[str, ...], str] = {
    ("kantor", "camat"): "kecamatan",
    ("kantor", "kecamatan"): "kecamatan",
    ("kecamatan",): "kecamatan",
    ("kantor", "lurah"): "kelurahan",
    ("kantor", "kelurahan"): "kelurahan",
    ("kelurahan",): "kelurahan",
    ("kantor", "desa"): "desa",
    ("desa",): "desa",
    ("dinas",): "dinas",
    ("badan",): "badan",
    ("kantor",): "kantor",
    ("puskesmas",): "puskesmas",
    ("uptd",): "uptd",
    ("rsud",): "rsud",
}
#: Agency heads that are a whole name within a pemda (one Inspektorat per kabupaten).
STANDALONE_AGENCY_HEADS: dict[tuple[str, ...], str] = {
    ("inspektorat", "daerah"): "inspektorat",
    ("inspektorat",): "inspektorat",
    ("sekretariat", "daerah"): "sekretariat daerah",
    ("sekretariat", "dprd"): "sekretariat dprd",
    ("bappeda",): "bappeda",
    ("bkpsdm",): "bkpsdm",
    ("bkd",): "bkd",
    ("bpkad",): "bpkad",
    ("satpol", "pp"): "satpol pp",
    ("satuan", "polisi", "pamong", "praja"): "satpol pp",
}
_ALL_HEADS = sorted(
    [(k, "pemda", v) for k, v in REGION_HEADS.items()]
    + [(k, "named", v) for k, v in NAMED_AGENCY_HEADS.items()]
    + [(k, "standalone", v) for k, v in STANDALONE_AGENCY_HEADS.items()],
    key=lambda item: len(item[0]),
    reverse=True,
)
#: Connectors between a title and its appended place ("… di Lingkungan Kecamatan X").
SCOPE_CONNECTORS = frozenset({"di", "pada", "lingkungan", "lingkup", "se"})

_PAREN_WORD = re.compile(r"\(\s*[\w.\-]+\s*\)")


def fold_title(text: str) -> str:
    """The words of a title as :func:`catalogue.text.fold` compares them, without parenthesised
    abbreviations: "(Renja)", "(PKPT)" after the words they abbreviate only repeat them."""
    return fold(_PAREN_WORD.sub(" ", unicodedata.normalize("NFKC", text)))


def expand_abbreviations(tokens: Iterable[str]) -> list[str]:
    """Words with abbreviations spelt out (:data:`ABBREVIATIONS`) and spelling variants made standard
    (:data:`SPELLING_VARIANTS`)."""
    out: list[str] = []
    for t in tokens:
        t = SPELLING_VARIANTS.get(t, t)
        out.extend(ABBREVIATIONS.get(t, t).split())
    return out


def _strip_prefixes(tokens: list[str]) -> list[str]:
    changed = True
    while changed and tokens:
        changed = False
        for prefix in PREFIXES:
            n = len(prefix)
            if len(tokens) > n and tuple(tokens[:n]) == prefix:
                tokens = tokens[n:]
                changed = True
                break
        else:
            if len(tokens) > 2 and tokens[0] in WEAK_LEADS:
                tokens = tokens[1:]
                changed = True
    return tokens


def tokens_of(text: str) -> list[str]:
    """Casefolded words, abbreviations expanded, title prefixes stripped (noise words still in)."""
    return _strip_prefixes(expand_abbreviations(fold_title(text).split()))


def content_words(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t not in NOISE_WORDS)


def normalise_title(text: str) -> str:
    """The comparable form of a title: casefold, no prefix, no punctuation or noise words, one space."""
    return " ".join(content_words(tokens_of(text)))


@dataclass(frozen=True)
class ScopePart:
    """One named place appended to a title: ``kind`` is "pemda" or "agency"."""

    kind: str
    head: str  # canonical head ("kecamatan", "kabupaten", "inspektorat")
    tokens: tuple[str, ...]  # head + name, canonical, e.g. ("kecamatan", "purbalingga")

    @property
    def text(self) -> str:
        return " ".join(self.tokens)


@dataclass(frozen=True)
class ParsedTitle:
    """A title or entry: its content words without and with an appended place (agency/region), if any."""

    tokens: tuple[str, ...]  # content words without the place
    full: tuple[str, ...]  # content words including the place
    scope: tuple[ScopePart, ...] = ()

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


_HEADS_BY_FIRST: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
for _words, _kind, _canonical in _ALL_HEADS:  # longest first, as _ALL_HEADS is sorted
    _HEADS_BY_FIRST.setdefault(_words[0], []).append((_words, _kind, _canonical))


def head_at(tokens: list[str] | tuple[str, ...], i: int) -> tuple[int, str, str] | None:
    if i >= len(tokens):
        return None
    for words, kind, canonical in _HEADS_BY_FIRST.get(tokens[i], ()):
        n = len(words)
        if tuple(tokens[i : i + n]) == words:
            return n, kind, canonical
    return None


def parse_scope(tokens: list[str], start: int) -> tuple[ScopePart, ...] | None:
    """Parse tokens[start:] as one or more named places; None when they are not all places."""
    parts: list[ScopePart] = []
    i = start
    while i < len(tokens):
        head = head_at(tokens, i)
        if head is None:
            return None
        n, kind, canonical = head
        j = i + n
        name: list[str] = []
        while j < len(tokens) and head_at(tokens, j) is None:
            name.append(tokens[j])
            j += 1
        name = [t for t in name if t not in NOISE_WORDS]
        if kind in ("pemda", "named") and not name:
            return None  # "… Desa" or "… Kabupaten" alone belongs to the title, it names no place
        if kind == "standalone" and name:
            return None  # "Inspektorat Wilayah II" is not a place name
        parts.append(
            ScopePart(
                "pemda" if kind == "pemda" else "agency", canonical, tuple(canonical.split()) + tuple(name)
            )
        )
        i = j
    return tuple(parts) or None


@lru_cache(maxsize=65536)
def parse_title(text: str) -> ParsedTitle:
    """Split a title into its content words and an appended place ("… Kecamatan X Kabupaten Y")."""
    tokens = tokens_of(text)
    for start in range(1, len(tokens)):
        if head_at(tokens, start) is None:
            continue
        scope = parse_scope(tokens, start)
        if scope is None:
            continue
        title = tokens[:start]
        while title and title[-1] in SCOPE_CONNECTORS:
            title = title[:-1]
        content = content_words(title)
        if content:
            return ParsedTitle(content, content_words(tokens), scope)
    content = content_words(tokens)
    return ParsedTitle(content, content)


# --------------------------------------------------------------------------------------------------
# Word-level fuzzy comparison
# --------------------------------------------------------------------------------------------------


_DIGIT = re.compile(r"\d")


def _edit_budget(a: str, b: str) -> int:
    if _DIGIT.search(a) or _DIGIT.search(b):
        return 0
    n = min(len(a), len(b))
    if n <= 4:
        return 0
    return EDITS_MEDIUM if n < 10 else EDITS_LONG


def _pair_words(entry: tuple[str, ...], title: tuple[str, ...], known: frozenset[str] | set[str]) -> bool:
    """True when two word lists are the same words, in any order, up to typos in the entry's words.

    A word of the entry that is a known real word must appear exactly; the others may differ from their
    partner by the budget of :func:`_edit_budget`, counted as optimal string alignment distance (a swap of
    two neighbouring letters, the commonest typing slip, is one edit).
    """
    if len(entry) != len(title):
        return False
    rest_b = list(title)
    rest_a = []
    for w in entry:  # titles are a handful of words: list operations beat Counter here
        if w in rest_b:
            rest_b.remove(w)
        elif w in known:
            return False
        else:
            rest_a.append(w)
    if not rest_a:
        return True
    # Greedy pairing by distance is enough for the one or two typos a title carries.
    pairs = sorted((OSA.distance(a, b), i, j) for i, a in enumerate(rest_a) for j, b in enumerate(rest_b))
    used_a: set[int] = set()
    used_b: set[int] = set()
    for dist, i, j in pairs:
        if i in used_a or j in used_b or dist > _edit_budget(rest_a[i], rest_b[j]):
            continue
        used_a.add(i)
        used_b.add(j)
    return len(used_a) == len(rest_a)


def words_pair_up(entry: tuple[str, ...], title: tuple[str, ...], known: frozenset[str] | set[str]) -> bool:
    """The word rule of fuzzy title matching (see :func:`_pair_words`)."""
    return _pair_words(entry, title, known)


def title_score(a: str, b: str) -> float:
    """Similarity (0-100) of two normalised titles, insensitive to word order."""
    return float(fuzz.token_sort_ratio(a, b))


def fuzzy_title_match(
    entry: tuple[str, ...], title: tuple[str, ...], known: frozenset[str] | set[str] = KNOWN_WORDS
) -> float | None:
    """The score when two normalised titles are the same title up to typos, else None."""
    if not entry or not title or not words_pair_up(entry, title, known):
        return None
    score = title_score(" ".join(entry), " ".join(title))
    return score if score >= FUZZY_MIN_SCORE else None


def kind_of(text: str) -> str:
    """The kind named by an agency's jenis or name: "Kecamatan Batumandi" → "kecamatan", "Setda" →
    "sekretariat daerah"; unknown kinds come back casefolded."""
    tokens = expand_abbreviations(fold_title(text).split())
    head = head_at(tokens, 0) if tokens else None
    return head[2] if head is not None else " ".join(tokens)


def agency_kind(agency: Agency) -> str:
    """The kind of an agency ("kecamatan", "inspektorat", "dinas"): from its jenis, else its name."""
    return kind_of(agency.jenis or agency.nama)
