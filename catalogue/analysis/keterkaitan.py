"""Keterkaitan: which catalogue SOP each "related SOP" line names, and which named SOPs are missing.

Agencies name related SOPs by title, in free spelling ("SOP PENGUMPULAN DATA KINERJA", "SOP/Mekanisme …
Kecamatan Purbalingga Kabupaten Purbalingga", "SOP Penyusunan Renja"), very rarely by number. A link is
shown to the public, so this module prefers leaving an entry unresolved to linking it wrongly.

How one entry is resolved, in order:

1. an explicit ``target`` in the source wins: ``pemda/instansi/slug``, ``instansi/slug`` (same pemda),
   ``slug`` (same agency), or ``-`` for "not in the catalogue" (left unresolved on purpose);
2. an SOP number written in the entry ("SOP Nomor 067/001/KEC.BTM/BLG/2024");
3. the title, normalised (:func:`normalise_title`): equal titles ("judul"), then typo-level fuzzy matches
   ("fuzzy"; thresholds below).

Where an entry may resolve:

* An entry that names an agency or region ("… Kecamatan Purbalingga Kabupaten Purbalingga", "… Inspektorat")
  resolves only within it; if that place is not in the catalogue, the entry stays unresolved.
* Otherwise the same agency first, then other agencies of the same pemerintah daerah, except:
  territorial units (kecamatan, kelurahan, desa, puskesmas, UPTD), because a pemda has many of them and an
  entry that names none cannot mean one; and internal routines every agency keeps its own copy of
  (:data:`INTERNAL_ROUTINES`: surat masuk, renstra, renja, perjanjian kinerja, …), which name the writer's own
  SOP. A title that carries its own agency's name ("Penyusunan Renstra Inspektorat") answers to the short
  form only inside that agency.
* SOPs of other pemdas are reached only when the entry names them (:class:`MatchPolicy` can widen this).
* An SOP never links to itself; two candidates of equal rank leave the entry unresolved ("ambigu").

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
  any value from 70 to 95 gives the same links and 98 loses five true ones (sweep above); a two-word title with a typo in
  each word scores about 94. 90 sits below every true pair with room to spare.
* Candidates within :data:`AMBIGUITY_MARGIN` points of the best in the same tier make the entry ambiguous.
* The reach rules above are thresholds too: opening territorial units, other agencies' internal routines
  or other pemdas to unnamed entries drops precision to 0.96, 0.99 and 0.96 (0.81 together) for no gain in
  recall on the labelled set.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from catalogue.model import Agency, Catalogue, Sop
from catalogue.problems import FieldPath, Problem, Severity

#: Minimum rapidfuzz token_sort_ratio of two normalised titles for a fuzzy link (see module docstring).
FUZZY_MIN_SCORE = 90.0
#: Edits allowed in one word of 5-9 letters / of 10 letters or more; shorter words must be equal.
EDITS_MEDIUM = 1
EDITS_LONG = 2
#: Candidates within this many points of the best one make the entry ambiguous.
AMBIGUITY_MARGIN = 3.0
#: An SOP number in an entry must be at least this long to be trusted ("1" or "01" identify nothing).
MIN_NOMOR_LENGTH = 5

HOW_EXPLICIT = "eksplisit"
HOW_NOMOR = "nomor"
HOW_TITLE = "judul"
HOW_FUZZY = "fuzzy"

# Why an entry stayed unresolved.
UNRESOLVED_NOT_FOUND = "tidak-di-katalog"  # no SOP of that name where it may be
UNRESOLVED_ON_PURPOSE = "sengaja"  # explicit target "-"
UNRESOLVED_AMBIGUOUS = "ambigu"  # two or more equally good candidates
UNRESOLVED_BAD_TARGET = "target-tidak-valid"  # explicit target that does not exist (an error Problem)
UNRESOLVED_EMPTY = "kosong"  # "-", "Tidak ada": nothing named

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
    "ijin": "izin",
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

#: Prefixes stripped from the start of a title, repeatedly ("SOP/Mekanisme …").
PREFIXES: tuple[tuple[str, ...], ...] = tuple(sorted((
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
), key=len, reverse=True))
#: Generic leading words of an SOP title ("Pelaksanaan Pengukuran Kinerja" = "Pengukuran Kinerja"), stripped
#: when at least two words remain.
WEAK_LEADS = frozenset({"pelaksanaan", "penyelenggaraan", "proses"})

#: Function words that carry no meaning in a title ("Monitoring/Evaluasi" = "Monitoring dan Evaluasi").
NOISE_WORDS = frozenset({
    "dan", "serta", "atau", "di", "ke", "dari", "yang", "pada", "untuk", "dalam", "atas", "per", "tentang",
    "terhadap", "oleh", "bagi", "dengan", "ini", "tersebut", "lingkup",
})

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

#: Internal routines: every agency keeps its own SOP for them, so an entry that names no agency means the
#: writer's own, never another agency's. Word sequences matched inside the normalised title.
INTERNAL_ROUTINES: tuple[tuple[str, ...], ...] = (
    ("surat", "masuk"),
    ("surat", "keluar"),
    ("disposisi",),
    ("pengarsipan",),
    ("arsip",),
    ("rencana", "strategis"),
    ("rencana", "kerja"),  # Renja, RKA; not RKPD (see _is_internal)
    ("perjanjian", "kinerja"),
    ("rencana", "aksi"),
    ("pengukuran", "kinerja"),
    ("cuti",),
    ("perjalanan", "dinas"),
    ("surat", "pertanggungjawaban"),
    ("daftar", "hadir"),
    ("alat", "tulis", "kantor"),
    ("persediaan",),
)
#: Pemda-wide documents whose words contain an internal routine's: "Rencana Kerja Pemerintah Daerah" (RKPD).
_PEMDA_WIDE = (("rencana", "kerja", "pemerintah", "daerah"), ("rencana", "kerja", "perangkat", "daerah"))

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
#: Agencies a pemda has many of: reached only by an entry that names one.
TERRITORIAL_KINDS = frozenset({"kecamatan", "kelurahan", "desa", "puskesmas", "uptd"})

_ALL_HEADS = sorted(
    [(k, "pemda", v) for k, v in REGION_HEADS.items()]
    + [(k, "named", v) for k, v in NAMED_AGENCY_HEADS.items()]
    + [(k, "standalone", v) for k, v in STANDALONE_AGENCY_HEADS.items()],
    key=lambda item: len(item[0]),
    reverse=True,
)
#: Connectors between a title and its appended place ("… di Lingkungan Kecamatan X").
SCOPE_CONNECTORS = frozenset({"di", "pada", "lingkungan", "lingkup", "se"})

_NOMOR = re.compile(r"\b(?:nomor|no)\s*[.:]?\s*[:.]?\s*([0-9A-Za-z][0-9A-Za-z./\-]*\d[0-9A-Za-z./\-]*)",
                    re.IGNORECASE)
_BARE_NOMOR = re.compile(r"(?<![\w/])(\d[0-9A-Za-z.\-]*/[0-9A-Za-z./\-]+)")
_LIHAT_SOP = re.compile(r"\blihat\s+(?:pada\s+|di\s+)?(sop\b[^;()\n]*)", re.IGNORECASE)
_PAREN_WORD = re.compile(r"\(\s*[\w.\-]+\s*\)")
_EMPTY_ENTRY = frozenset({"", "tidak ada", "nihil", "tidak", "n a", "none"})


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    # "(Renja)", "(PKPT)" after the words they abbreviate only repeat them.
    text = _PAREN_WORD.sub(" ", text)
    text = text.replace("&", " dan ")
    return re.sub(r"[^\w]+|_", " ", text)


def _expand(tokens: Iterable[str]) -> list[str]:
    out: list[str] = []
    for t in tokens:
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
    return _strip_prefixes(_expand(_fold(text).split()))


def _content(tokens: Iterable[str]) -> tuple[str, ...]:
    return tuple(t for t in tokens if t not in NOISE_WORDS)


def normalise_title(text: str) -> str:
    """The comparable form of a title: casefold, no prefix, no punctuation or noise words, one space."""
    return " ".join(_content(tokens_of(text)))


def _contains(words: tuple[str, ...], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(words[i:i + n] == seq for i in range(len(words) - n + 1))


@lru_cache(maxsize=65536)
def is_internal_routine(words: tuple[str, ...]) -> bool:
    """True for titles of routines every agency keeps its own SOP for (surat masuk, renstra, …)."""
    if any(_contains(words, p) for p in _PEMDA_WIDE):
        return False
    return any(_contains(words, r) for r in INTERNAL_ROUTINES)


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


def _head_at(tokens: list[str] | tuple[str, ...], i: int) -> tuple[int, str, str] | None:
    if i >= len(tokens):
        return None
    for words, kind, canonical in _HEADS_BY_FIRST.get(tokens[i], ()):
        n = len(words)
        if tuple(tokens[i:i + n]) == words:
            return n, kind, canonical
    return None


def _parse_scope(tokens: list[str], start: int) -> tuple[ScopePart, ...] | None:
    """Parse tokens[start:] as one or more named places; None when they are not all places."""
    parts: list[ScopePart] = []
    i = start
    while i < len(tokens):
        head = _head_at(tokens, i)
        if head is None:
            return None
        n, kind, canonical = head
        j = i + n
        name: list[str] = []
        while j < len(tokens) and _head_at(tokens, j) is None:
            name.append(tokens[j])
            j += 1
        name = [t for t in name if t not in NOISE_WORDS]
        if kind in ("pemda", "named") and not name:
            return None  # "… Desa" or "… Kabupaten" alone belongs to the title, it names no place
        if kind == "standalone" and name:
            return None  # "Inspektorat Wilayah II" is not a place name
        parts.append(ScopePart("pemda" if kind == "pemda" else "agency", canonical,
                               tuple(canonical.split()) + tuple(name)))
        i = j
    return tuple(parts) or None


@lru_cache(maxsize=65536)
def parse_title(text: str) -> ParsedTitle:
    """Split a title into its content words and an appended place ("… Kecamatan X Kabupaten Y")."""
    tokens = tokens_of(text)
    for start in range(1, len(tokens)):
        if _head_at(tokens, start) is None:
            continue
        scope = _parse_scope(tokens, start)
        if scope is None:
            continue
        title = tokens[:start]
        while title and title[-1] in SCOPE_CONNECTORS:
            title = title[:-1]
        content = _content(title)
        if content:
            return ParsedTitle(content, _content(tokens), scope)
    content = _content(tokens)
    return ParsedTitle(content, content)


def extract_nomor(text: str) -> str | None:
    """An SOP number written in an entry ("SOP Nomor 067/001/KEC.BTM/2024 …"), or None."""
    m = _NOMOR.search(text) or _BARE_NOMOR.search(text)
    if not m:
        return None
    nomor = m.group(1).strip(".-/")
    return nomor if len(nomor) >= MIN_NOMOR_LENGTH else None


def nomor_key(nomor: str) -> str:
    """Comparable form of an SOP number: casefold, no spaces, no trailing dot."""
    return re.sub(r"\s+", "", nomor).casefold().strip(".")


def _without_nomor(text: str) -> str:
    m = _NOMOR.search(text) or _BARE_NOMOR.search(text)
    if not m:
        return text
    return (text[:m.start()] + " " + text[m.end():]).strip()


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


def fuzzy_title_match(entry: tuple[str, ...], title: tuple[str, ...],
                      known: frozenset[str] | set[str] = KNOWN_WORDS) -> float | None:
    """The score when two normalised titles are the same title up to typos, else None."""
    if not entry or not title or not words_pair_up(entry, title, known):
        return None
    score = title_score(" ".join(entry), " ".join(title))
    return score if score >= FUZZY_MIN_SCORE else None


# --------------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedEntry:
    """One Keterkaitan line (or a "Lihat SOP …" in a step's keterangan) and where it leads."""

    source_id: str
    teks: str  # as written
    field: FieldPath  # ("keterkaitan", i) or ("langkah", i, "keterangan")
    target_id: str | None
    how: str | None  # eksplisit | nomor | judul | fuzzy; None when unresolved
    score: float  # 100 for eksplisit/nomor/judul, the fuzzy score, 0 when unresolved
    cross_agency: bool = False
    cross_pemda: bool = False
    unresolved: str | None = None  # why, when target_id is None (UNRESOLVED_*)
    candidates: tuple[str, ...] = ()  # the tied candidates of an ambiguous entry
    scope: str | None = None  # the place the entry names, normalised ("kecamatan purbalingga")
    step_no: str | None = None  # set for references found in a step's keterangan

    @property
    def resolved(self) -> bool:
        return self.target_id is not None


@dataclass
class MissingSop:
    """An SOP named by Keterkaitan entries but not in the catalogue."""

    key: str  # normalised name
    display: str  # the most common written form
    sources: list[str] = field(default_factory=list)  # referencing SOP ids, each once

    @property
    def count(self) -> int:
        return len(self.sources)


@dataclass
class KeterkaitanIndex:
    entries: dict[str, list[ResolvedEntry]]  # by source SOP id: the box in order, then step references
    backlinks: dict[str, list[tuple[str, str]]]  # target id -> [(source id, entry text)]
    missing: dict[str, MissingSop]  # normalised name -> MissingSop, most referenced first
    ambiguous: list[ResolvedEntry]
    problems: list[Problem]

    def links_of(self, sop_id: str) -> list[ResolvedEntry]:
        return self.entries.get(sop_id, [])

    def all_entries(self) -> list[ResolvedEntry]:
        return [e for entries in self.entries.values() for e in entries]

    @property
    def resolved(self) -> list[ResolvedEntry]:
        return [e for e in self.all_entries() if e.resolved]


@dataclass(frozen=True)
class MatchPolicy:
    """Where an entry that names no agency or region may resolve (defaults: precision first)."""

    #: Territorial units (kecamatan, kelurahan, …) of the same pemda.
    territorial_units: bool = False
    #: Other agencies' copies of internal routines (surat masuk, renstra, …).
    internal_routines: bool = False
    #: Other pemdas (as a last tier).
    other_pemdas: bool = False


DEFAULT_POLICY = MatchPolicy()

# --------------------------------------------------------------------------------------------------
# The resolver
# --------------------------------------------------------------------------------------------------


def kind_of(text: str) -> str:
    """The kind named by an agency's jenis or name: "Kecamatan Batumandi" → "kecamatan", "Setda" →
    "sekretariat daerah"; unknown kinds come back casefolded."""
    tokens = _expand(_fold(text).split())
    head = _head_at(tokens, 0) if tokens else None
    return head[2] if head is not None else " ".join(tokens)


def agency_kind(agency: Agency) -> str:
    """The kind of an agency ("kecamatan", "inspektorat", "dinas"): from its jenis, else its name."""
    return kind_of(agency.jenis or agency.nama)


def _names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    # Place names tolerate a typo in a long word, never a different word.
    return _pair_words(a, b, frozenset())


class _Places:
    """Which catalogue agencies and pemdas a named place means."""

    def __init__(self, catalogue: Catalogue):
        self.pemda_names: dict[str, set[tuple[str, ...]]] = {}
        for slug, pemda in catalogue.pemdas.items():
            full = _content(_expand(_fold(pemda.nama).split()))
            names = {full, tuple(_expand(slug.split("-")))}
            parsed = _parse_scope(list(full), 0)
            # "Pemerintah Kabupaten Balangan" answers to "Kabupaten Balangan".
            names.update(p.tokens for p in parsed or () if p.kind == "pemda")
            self.pemda_names[slug] = {n for n in names if n}
        self.agency_names: dict[str, set[tuple[str, ...]]] = {}
        self.pemda_of_agency: dict[str, str] = {}
        for agency_id, agency in catalogue.agencies.items():
            full = _content(_expand(_fold(agency.nama).split()))
            names = {full, tuple(_expand(agency.slug.split("-")))}
            parsed = _parse_scope(list(full), 0)
            # "Inspektorat Kabupaten Balangan" answers to "Inspektorat".
            names.update(p.tokens for p in parsed or () if p.kind == "agency")
            self.agency_names[agency_id] = {n for n in names if n}
            self.pemda_of_agency[agency_id] = agency.pemda_slug
        # name -> places, by (first word, length): a place name may carry a typo, never a different head.
        self.by_shape: dict[tuple[str, str, int], list[tuple[tuple[str, ...], str]]] = {}
        for kind, table in (("pemda", self.pemda_names), ("agency", self.agency_names)):
            for place, names in table.items():
                for n in names:
                    self.by_shape.setdefault((kind, n[0], len(n)), []).append((n, place))
        self._cache: dict[tuple[ScopePart, ...], set[str] | None] = {}

    def _named(self, part: ScopePart) -> set[str]:
        kind = "pemda" if part.kind == "pemda" else "agency"
        shape = self.by_shape.get((kind, part.tokens[0], len(part.tokens)), ())
        return {place for name, place in shape if _names_match(part.tokens, name)}

    def resolve(self, scope: tuple[ScopePart, ...]) -> set[str] | None:
        """The agency ids a named place means; None when it names nothing in the catalogue."""
        if scope not in self._cache:
            self._cache[scope] = self._resolve(scope)
        return self._cache[scope]

    def _resolve(self, scope: tuple[ScopePart, ...]) -> set[str] | None:
        agencies: set[str] | None = None
        pemdas: set[str] | None = None
        for part in scope:
            found = self._named(part)
            if part.kind == "pemda":
                pemdas = found if pemdas is None else pemdas & found
            else:
                agencies = found if agencies is None else agencies & found
            if not found:
                return None
        if agencies is None:
            agencies = {a for a, p in self.pemda_of_agency.items() if p in (pemdas or set())}
        elif pemdas is not None:
            agencies = {a for a in agencies if self.pemda_of_agency[a] in pemdas}
        return agencies or None


@dataclass(frozen=True)
class _TitleKey:
    """One comparable form of a catalogue title."""

    words: tuple[str, ...]
    sorted_words: tuple[str, ...]
    sop: Sop
    own_only: bool  # a short form without the SOP's own agency name: answers only inside that agency


@dataclass(frozen=True)
class _Tier:
    agencies: frozenset[str]
    own_keys: bool  # whether titles may answer to their short (own-agency) form
    skip_internal: bool  # whether internal routines are out of reach in this tier


Candidate = tuple[float, str, str]  # (score, sop id, how)


class _Resolver:
    def __init__(self, catalogue: Catalogue, policy: MatchPolicy):
        self.catalogue = catalogue
        self.policy = policy
        self.places = _Places(catalogue)
        self.kinds = {a.id: agency_kind(a) for a in catalogue.agencies.values()}
        self.by_agency: dict[str, list[Sop]] = {}
        self.by_nomor: dict[str, list[str]] = {}
        # Every comparable form of every title, and word -> forms containing it: an entry's candidates are
        # the forms containing all of its real words (a word of the entry that is real must match exactly).
        self.keys: list[_TitleKey] = []
        self.postings: dict[str, set[int]] = {}
        vocabulary: set[str] = set(KNOWN_WORDS)
        for sop in catalogue.sops.values():
            parsed = parse_title(sop.nama)
            forms = {parsed.full: False}
            if parsed.scope:
                named = self.places.resolve(parsed.scope)
                if named is not None and sop.agency_id in named:
                    forms.setdefault(parsed.tokens, True)
            kind = tuple(self.kinds.get(sop.agency_id, "").split())
            if kind and len(parsed.full) > len(kind) and parsed.full[-len(kind):] == kind:
                forms.setdefault(parsed.full[:-len(kind)], True)  # "Penyusunan Renstra Kecamatan" in a kecamatan
            for words, own_only in forms.items():
                if not words:
                    continue
                for w in set(words):
                    self.postings.setdefault(w, set()).add(len(self.keys))
                self.keys.append(_TitleKey(words, tuple(sorted(words)), sop, own_only))
            self.by_agency.setdefault(sop.agency_id, []).append(sop)
            vocabulary.update(parsed.full)
            key = nomor_key(sop.nomor)
            if len(key) >= MIN_NOMOR_LENGTH:
                self.by_nomor.setdefault(key, []).append(sop.id)
        self.vocabulary = frozenset(vocabulary)
        self._forms_cache: dict[tuple[str, ...], list[_TitleKey]] = {}
        self._tiers_cache: dict[tuple[str, bool], list[_Tier]] = {}

    def _forms_for(self, words: tuple[str, ...]) -> list[_TitleKey]:
        """Title forms that may match these words: same length, containing every real word of them.

        An entry none of whose words is real (all typos, or OCR debris) has nothing to anchor a match on
        and gets no candidates.
        """
        cached = self._forms_cache.get(words)
        if cached is not None:
            return cached
        real = [self.postings.get(w, set()) for w in set(words) if w in self.vocabulary]
        found: list[_TitleKey] = []
        if real:
            real.sort(key=len)
            hits = real[0].intersection(*real[1:]) if len(real) > 1 else real[0]
            found = [self.keys[i] for i in sorted(hits) if len(self.keys[i].words) == len(words)]
        self._forms_cache[words] = found
        return found

    # -- where to look ------------------------------------------------------------------------------

    def _default_tiers(self, source: Sop, *, include_own: bool = True) -> list[_Tier]:
        key = (source.agency_id, include_own)
        if key not in self._tiers_cache:
            self._tiers_cache[key] = self._compute_default_tiers(source, include_own)
        return self._tiers_cache[key]

    def _compute_default_tiers(self, source: Sop, include_own: bool) -> list[_Tier]:
        same_pemda: list[str] = []
        elsewhere: list[str] = []
        for agency in self.catalogue.agencies.values():
            if agency.id == source.agency_id:
                continue
            if self.kinds[agency.id] in TERRITORIAL_KINDS and not self.policy.territorial_units:
                continue
            if agency.pemda_slug == source.pemda_slug:
                same_pemda.append(agency.id)
            elif self.policy.other_pemdas:
                elsewhere.append(agency.id)
        skip = not self.policy.internal_routines
        tiers = [_Tier(frozenset((source.agency_id,)), True, False)] if include_own else []
        tiers += [_Tier(frozenset(t), False, skip) for t in (same_pemda, elsewhere) if t]
        return tiers

    def _named_tiers(self, source: Sop, agencies: set[str]) -> list[_Tier]:
        same = tuple(a for a in agencies if a == source.agency_id)
        pemda = tuple(sorted(a for a in agencies if a != source.agency_id
                             and self.places.pemda_of_agency[a] == source.pemda_slug))
        other = tuple(sorted(a for a in agencies if a not in same and a not in pemda))
        return [_Tier(frozenset(t), True, False) for t in (same, pemda, other) if t]

    # -- matching -----------------------------------------------------------------------------------

    def _candidates(self, source: Sop, words: tuple[str, ...], tier: _Tier) -> list[Candidate]:
        if tier.skip_internal and is_internal_routine(words):
            return []
        agencies = tier.agencies
        sorted_words = tuple(sorted(words))
        best: dict[str, Candidate] = {}
        for form in self._forms_for(words):
            sop = form.sop
            if sop.id == source.id or sop.agency_id not in agencies or (form.own_only and not tier.own_keys):
                continue
            if form.sorted_words == sorted_words:
                found: Candidate = (100.0, sop.id, HOW_TITLE)
            else:
                score = fuzzy_title_match(words, form.words, self.vocabulary)
                if score is None:
                    continue
                found = (score, sop.id, HOW_FUZZY)
            if sop.id not in best or found[0] > best[sop.id][0]:
                best[sop.id] = found
        exact = [c for c in best.values() if c[2] == HOW_TITLE]
        return exact or list(best.values())

    @staticmethod
    def _pick(tiers: list[_Tier], finder: Callable[[_Tier], list[Candidate]]) -> tuple:
        """(target, how or reason, score, tied ids): the first tier with a candidate decides."""
        for tier in tiers:
            found = finder(tier)
            if not found:
                continue
            found.sort(key=lambda c: (-c[0], c[1]))
            best = found[0]
            tied = [c for c in found if best[0] - c[0] < AMBIGUITY_MARGIN]
            if len(tied) > 1:
                return None, UNRESOLVED_AMBIGUOUS, 0.0, tuple(c[1] for c in tied)
            return best[1], best[2], best[0], ()
        return None, UNRESOLVED_NOT_FOUND, 0.0, ()

    def _plan(self, source: Sop, parsed: ParsedTitle) -> list[tuple[tuple[str, ...], list[_Tier]]]:
        """Attempts in order: (words to match, tiers to search)."""
        if parsed.scope:
            named = self.places.resolve(parsed.scope)
            if named is not None:
                return [(parsed.tokens, self._named_tiers(source, named))]
            # The place is not in the catalogue, or the "place" belongs to the title after all ("Pengelolaan
            # Dana Desa Wisata"): only the full wording may still match, where an unnamed entry may.
            return [(parsed.full, self._default_tiers(source))]
        words = parsed.tokens
        plan = []
        kind = tuple(self.kinds.get(source.agency_id, "").split())
        if kind and len(words) > len(kind) and words[-len(kind):] == kind:
            # "SOP Penyusunan Laporan Kinerja Kecamatan" written in a kecamatan: its own.
            plan.append((words[:-len(kind)], [_Tier(frozenset((source.agency_id,)), True, False)]))
        head = _head_at(words, len(words) - 1) if len(words) > 1 else None
        pemda_head = _head_at(_fold(self.catalogue.pemdas[source.pemda_slug].nama).split(), 0) \
            if source.pemda_slug in self.catalogue.pemdas else None
        if head and head[1] == "pemda" and pemda_head and pemda_head[2] == head[2]:
            # "SOP Penyusunan Kinerja Kabupaten": the pemda level, so another agency of this pemda.
            plan.append((words[:-1], self._default_tiers(source, include_own=False)))
        plan.append((words, self._default_tiers(source)))
        return plan

    def resolve_text(self, source: Sop, text: str) -> tuple[str | None, str | None, float, tuple[str, ...], str | None]:
        """(target id, how or unresolved reason, score, tied candidates, named place) for one written name."""
        nomor = extract_nomor(text)
        parsed = parse_title(_without_nomor(text) if nomor else text)
        scope_text = " ".join(p.text for p in parsed.scope) or None
        plan = self._plan(source, parsed)

        if nomor:
            ids = [i for i in self.by_nomor.get(nomor_key(nomor), ()) if i != source.id]
            if ids:
                agency_of = {i: self.catalogue.sops[i].agency_id for i in ids}
                result = self._pick(
                    [tier for _, tiers in plan for tier in tiers],
                    lambda tier: [(100.0, i, HOW_NOMOR) for i in ids if agency_of[i] in tier.agencies],
                )
                if result[0] is not None or result[1] == UNRESOLVED_AMBIGUOUS:
                    return (*result, scope_text)

        if not parsed.full:
            return None, UNRESOLVED_EMPTY, 0.0, (), scope_text
        result: tuple = (None, UNRESOLVED_NOT_FOUND, 0.0, ())
        for words, tiers in plan:
            if not words:
                continue
            result = self._pick(tiers, lambda tier, w=words: self._candidates(source, w, tier))
            if result[0] is not None or result[1] == UNRESOLVED_AMBIGUOUS:
                break
        return (*result, scope_text)

    # -- explicit targets ---------------------------------------------------------------------------

    def explicit(self, source: Sop, target: str) -> str | None:
        """The SOP id an explicit target names, or None when it names nothing."""
        target = target.strip().strip("/")
        parts = target.split("/")
        if len(parts) == 3:
            candidate = target
        elif len(parts) == 2:
            candidate = f"{source.pemda_slug}/{target}"
        elif len(parts) == 1:
            candidate = f"{source.agency_id}/{target}"
        else:
            return None
        if candidate in self.catalogue.sops:
            return candidate
        # A renamed file keeps answering to its old slug (url_lama), as its old page does.
        agency_id, _, slug = candidate.rpartition("/")
        for sop in self.by_agency.get(agency_id, ()):
            if slug in sop.url_lama:
                return sop.id
        return None


def _problem(sop: Sop, field_path: FieldPath, message: str) -> Problem:
    from catalogue.source.yaml_reader import locate, read_text

    try:
        line, column = locate(read_text(sop.source), field_path)
    except Exception:  # noqa: BLE001 - a position is a courtesy; the problem itself stands
        line, column = 1, 1
    return Problem(Severity.ERROR, sop.source, message, field_path, line, column)


def _bad_target_message(catalogue: Catalogue, sop: Sop, target: str) -> str:
    close = get_close_matches(target, list(catalogue.sops), n=1, cutoff=0.6)
    if not close:
        own = [s.slug for s in catalogue.sops.values() if s.agency_id == sop.agency_id and s.id != sop.id]
        close = get_close_matches(target, own, n=1, cutoff=0.6)
    hint = f" Maksud Anda '{close[0]}'?" if close else ""
    return (
        f"target keterkaitan '{target}' tidak ada di katalog.{hint} Tulis id SOP `pemda/instansi/slug`, "
        "atau slug SOP dalam instansi yang sama, atau `-` bila SOP itu memang tidak ada di katalog."
    )


def lihat_sop_references(keterangan: str | None) -> list[str]:
    """The SOP names a keterangan cell points to with "Lihat SOP …"."""
    if not keterangan:
        return []
    return [m.group(1).strip(" .,:") for m in _LIHAT_SOP.finditer(keterangan)]


def _is_empty(text: str) -> bool:
    return " ".join(_fold(text).split()) in _EMPTY_ENTRY


def _resolve_one(resolver: _Resolver, sop: Sop, field_path: FieldPath, teks: str, target: str | None,
                 step_no: str | None, problems: list[Problem]) -> ResolvedEntry:
    catalogue = resolver.catalogue

    def unresolved(reason: str | None, tied: tuple[str, ...] = (), scope: str | None = None) -> ResolvedEntry:
        return ResolvedEntry(sop.id, teks, field_path, None, None, 0.0, unresolved=reason, candidates=tied,
                             scope=scope, step_no=step_no)

    def linked(target_id: str, how: str, score: float, scope: str | None = None) -> ResolvedEntry:
        other = catalogue.sops[target_id]
        return ResolvedEntry(sop.id, teks, field_path, target_id, how, score,
                             cross_agency=other.agency_id != sop.agency_id,
                             cross_pemda=other.pemda_slug != sop.pemda_slug,
                             scope=scope, step_no=step_no)

    if target is not None:
        if target.strip() == "-":
            return unresolved(UNRESOLVED_ON_PURPOSE)
        target_path = field_path + ("target",)
        found = resolver.explicit(sop, target)
        if found == sop.id:
            problems.append(_problem(sop, target_path,
                                     f"target keterkaitan '{target}' menunjuk SOP ini sendiri. Tulis id SOP lain, "
                                     "atau hapus `target` bila butir ini memang tidak menunjuk SOP di katalog."))
            return unresolved(UNRESOLVED_BAD_TARGET)
        if found is None:
            problems.append(_problem(sop, target_path, _bad_target_message(catalogue, sop, target)))
            return unresolved(UNRESOLVED_BAD_TARGET)
        return linked(found, HOW_EXPLICIT, 100.0)

    if _is_empty(teks) or teks.strip() == "-":
        return unresolved(UNRESOLVED_EMPTY)
    target_id, how, score, tied, scope = resolver.resolve_text(sop, teks)
    if target_id is not None and how is not None:
        return linked(target_id, how, score, scope)
    return unresolved(how, tied, scope)


def resolve_keterkaitan(catalogue: Catalogue, policy: MatchPolicy = DEFAULT_POLICY) -> KeterkaitanIndex:
    """Resolve every Keterkaitan entry and every "Lihat SOP …" of the catalogue to an SOP, where one fits."""
    resolver = _Resolver(catalogue, policy)
    entries: dict[str, list[ResolvedEntry]] = {}
    problems: list[Problem] = []
    for sop in catalogue.sops.values():
        written: list[tuple[FieldPath, str, str | None, str | None]] = [
            (("keterkaitan", i), k.teks, k.target, None) for i, k in enumerate(sop.keterkaitan)
        ]
        for step in sop.langkah:
            for ref in lihat_sop_references(step.keterangan):
                written.append((("langkah", step.index, "keterangan"), ref, None, step.no))
        entries[sop.id] = [_resolve_one(resolver, sop, f, teks, target, no, problems)
                           for f, teks, target, no in written]

    backlinks: dict[str, list[tuple[str, str]]] = {}
    missing: dict[str, MissingSop] = {}
    spellings: dict[str, Counter] = {}
    ambiguous: list[ResolvedEntry] = []
    for source_id, found in entries.items():
        for e in found:
            if e.target_id is not None:
                backlinks.setdefault(e.target_id, []).append((source_id, e.teks))
            elif e.unresolved in (UNRESOLVED_NOT_FOUND, UNRESOLVED_ON_PURPOSE):
                key = parse_title(_without_nomor(e.teks)).key
                if not key:
                    continue
                item = missing.setdefault(key, MissingSop(key, e.teks))
                if source_id not in item.sources:
                    item.sources.append(source_id)
                spellings.setdefault(key, Counter())[" ".join(e.teks.split())] += 1
            elif e.unresolved == UNRESOLVED_AMBIGUOUS:
                ambiguous.append(e)
    for key, item in missing.items():
        item.display = spellings[key].most_common(1)[0][0]  # ties: first seen
    missing = dict(sorted(missing.items(), key=lambda kv: (-kv[1].count, kv[0])))
    return KeterkaitanIndex(entries, backlinks, missing, ambiguous, problems)


def resolved_pairs(index: KeterkaitanIndex) -> list[tuple[str, str, str]]:
    """(source id, entry text, target id) of every resolved entry."""
    return [(e.source_id, e.teks, e.target_id) for e in index.resolved if e.target_id]
