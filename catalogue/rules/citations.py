"""Parsing a Dasar Hukum line into the regulations it cites.

Agencies write the same regulation in many ways: ``Permendagri No. 73 tahun 2009``, ``Peraturan Menteri
Dalam Negeri Republik Indonesia Nomor 73 Tahun 2009 tentang …``, ``Perbup Tebo 63 Tahun 2016``. This module
turns a line into canonical :class:`~catalogue.model.LegalReference` values and gives each regulation a
stable identity.

Canonical form
    ``jenis`` is the full form of the kind of regulation (``Peraturan Menteri``, ``Peraturan Bupati``);
    ``penerbit`` is the issuing office for ministerial, agency and regional rules (``Menteri Dalam Negeri``,
    ``Kepala Badan Kepegawaian Negara``, ``Bupati Tebo``) and ``None`` for the President's and Parliament's
    own kinds (Undang-Undang, Peraturan Pemerintah, Perpres …); ``nomor`` is a string as written
    (``215/PMK.05/2016``); ``tahun`` is four digits.

Identity (:func:`regulation_id`)
    A slug of jenis + penerbit + nomor + tahun, e.g. ``peraturan-menteri-dalam-negeri-86-2017``,
    ``peraturan-pemerintah-12-2019``, ``peraturan-bupati-tebo-63-2016``. The office word that repeats the
    jenis is dropped from the penerbit (``Peraturan Menteri`` + ``Menteri Dalam Negeri`` → ``…-menteri-dalam-
    negeri-…``). Never (nomor, tahun) alone: PP 12/2019 and Permendagri 12/2019 are different regulations.

Several regulations in one line (the roles of :class:`CitedRegulation`)
    A regulation named at the top level of the line is cited by it: the first is ``utama``; one introduced by
    "sebagaimana telah (beberapa kali) diubah (terakhir) dengan/oleh" or "jo." is ``pengubah``; one after
    "dan", ";", "," or an inline list number ("… Pemerintah 2. Undang-Undang …") is ``tambahan``.
    A regulation named *inside* a ``tentang`` title (no separator before it) belongs to that title:

    * after "Perubahan (Kedua …) atas" it is ``diubah`` and **is** a reference of the line: an amending
      regulation has no content apart from the text it amends, so "Permendagri 59/2007 tentang Perubahan atas
      Permendagri 13/2006" cites exactly what the canonical "Permendagri 13/2006 sebagaimana telah diubah
      dengan Permendagri 59/2007" cites, and both lines yield the same two references;
    * after "(Ketentuan/Peraturan/Petunjuk) Pelaksanaan" it is ``dilaksanakan``: the parent of an
      implementing regulation. It is **not** a reference of the line (Perka BKN 1/2013 is its own instrument;
      PP 46/2011 is context, like a "Mengingat"), but it is kept in :attr:`CitationParse.mentioned` so an
      auditor can be told when the parent has been revoked;
    * anywhere else in a title it is ``disebut`` (mentioned) and not a reference.

Nothing here raises on any input: text that is not a citation gives ``unparsed=True`` and notes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from catalogue.model import LegalReference
from catalogue.text import slugify

# --- roles -------------------------------------------------------------------------------------------------

UTAMA = "utama"
PENGUBAH = "pengubah"
TAMBAHAN = "tambahan"
DIUBAH = "diubah"
DILAKSANAKAN = "dilaksanakan"
DISEBUT = "disebut"

#: Roles whose regulation is a legal basis cited by the line.
CITING_ROLES = frozenset({UTAMA, PENGUBAH, TAMBAHAN, DIUBAH})
_ROLE_STRENGTH = {UTAMA: 5, PENGUBAH: 4, TAMBAHAN: 4, DIUBAH: 3, DILAKSANAKAN: 2, DISEBUT: 1}

#: Lines longer than this are cut before parsing: no real citation comes near it, and it bounds the work.
MAX_TEXT = 4000


@dataclass(frozen=True)
class CitedRegulation:
    """One regulation found in a line, with its role there (see the module docstring)."""

    reference: LegalReference
    role: str

    @property
    def is_citation(self) -> bool:
        return self.role in CITING_ROLES


@dataclass(frozen=True)
class CitationParse:
    """The result of parsing one Dasar Hukum line."""

    teks: str
    found: tuple[CitedRegulation, ...]
    unparsed: bool
    notes: tuple[str, ...] = ()

    @property
    def references(self) -> tuple[LegalReference, ...]:
        """The regulations the line cites, primary first."""
        return tuple(c.reference for c in self.found if c.is_citation)

    @property
    def mentioned(self) -> tuple[CitedRegulation, ...]:
        """Regulations named inside a title only (``dilaksanakan``/``disebut``): context, not citations."""
        return tuple(c for c in self.found if not c.is_citation)


# --- canonical names ---------------------------------------------------------------------------------------

PANRB = "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
PAN = "Menteri Pendayagunaan Aparatur Negara"
BKN = "Badan Kepegawaian Negara"

# canonical minister → keys (squashed forms: lowercase letters, without "dan"/"serta"/"Republik Indonesia")
_MINISTRIES: dict[str, tuple[str, ...]] = {
    "Menteri Dalam Negeri": ("dalamnegeri", "dagri"),
    PANRB: ("pendayagunaanaparaturnegarareformasibirokrasi", "panrb", "panreformasibirokrasi"),
    PAN: ("pendayagunaanaparaturnegara", "pan"),
    "Menteri Keuangan": ("keuangan", "keu"),
    "Menteri Kesehatan": ("kesehatan", "kes"),
    "Menteri Pendidikan dan Kebudayaan": ("pendidikankebudayaan", "dikbud"),
    "Menteri Pendidikan Nasional": ("pendidikannasional", "diknas"),
    "Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi": (
        "pendidikankebudayaanrisetteknologi",
        "dikbudristek",
    ),
    "Menteri Hukum dan Hak Asasi Manusia": ("hukumhakasasimanusia", "kumham", "hukumham"),
    "Menteri Sosial": ("sosial", "sos"),
    "Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi": (
        "desapembangunandaerahtertinggaltransmigrasi",
        "desapdtt",
        "despdtt",
        "desa",
    ),
    "Menteri Pekerjaan Umum dan Perumahan Rakyat": ("pekerjaanumumperumahanrakyat", "pupr"),
    "Menteri Ketenagakerjaan": ("ketenagakerjaan", "naker", "aker"),
    "Menteri Agama": ("agama", "ag"),
    "Menteri Komunikasi dan Informatika": ("komunikasiinformatika", "kominfo"),
    "Menteri Perhubungan": ("perhubungan", "hub"),
    "Menteri Pertanian": ("pertanian", "tan"),
    "Menteri Lingkungan Hidup dan Kehutanan": ("lingkunganhidupkehutanan", "lhk"),
    "Menteri Energi dan Sumber Daya Mineral": ("energisumberdayamineral", "esdm"),
    "Menteri Perdagangan": ("perdagangan", "dag"),
    "Menteri Perindustrian": ("perindustrian", "perin"),
    "Menteri Pariwisata": ("pariwisata", "par"),
    "Menteri Sekretaris Negara": ("sekretarisnegara", "setneg", "sesneg"),
    "Menteri Pemberdayaan Perempuan dan Perlindungan Anak": ("pemberdayaanperempuanperlindungananak", "pppa"),
    "Menteri Perencanaan Pembangunan Nasional/Kepala Badan Perencanaan Pembangunan Nasional": (
        "perencanaanpembangunannasionalkepalabadanperencanaanpembangunannasional",
        "perencanaanpembangunannasional",
        "ppn",
        "ppnbappenas",
        "ppnkepalabappenas",
        "bappenas",
    ),
    "Menteri Agraria dan Tata Ruang/Kepala Badan Pertanahan Nasional": (
        "agrariatataruangkepalabadanpertanahannasional",
        "agrariatataruang",
        "atrbpn",
        "atr",
    ),
}
_MINISTRY_BY_KEY = {key: name for name, keys in _MINISTRIES.items() for key in keys}

_AGENCIES: dict[str, tuple[str, ...]] = {
    BKN: ("badankepegawaiannegara", "bkn"),
    "Lembaga Administrasi Negara": ("lembagaadministrasinegara", "lan"),
    "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah": (
        "lembagakebijakanpengadaanbarangjasapemerintah",
        "lkpp",
    ),
    "Badan Pengawasan Keuangan dan Pembangunan": ("badanpengawasankeuanganpembangunan", "bpkp"),
    "Arsip Nasional Republik Indonesia": ("arsipnasional", "anri"),
    "Badan Pusat Statistik": ("badanpusatstatistik", "bps"),
    "Badan Nasional Penanggulangan Bencana": ("badannasionalpenanggulanganbencana", "bnpb"),
    "Badan Pemeriksa Keuangan": ("badanpemeriksakeuangan", "bpk"),
}
_AGENCY_BY_KEY = {key: name for name, keys in _AGENCIES.items() for key in keys}
_AGENCY_ABBR = {name: keys[-1].upper() for name, keys in _AGENCIES.items()}

# Short forms for display; the same spellings parse back to the same regulation.
_MINISTRY_SHORT = {
    "Menteri Dalam Negeri": "Permendagri",
    PANRB: "PermenPAN-RB",
    PAN: "PermenPAN",
    "Menteri Keuangan": "PMK",
    "Menteri Kesehatan": "Permenkes",
    "Menteri Pendidikan dan Kebudayaan": "Permendikbud",
    "Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi": "Permendikbudristek",
    "Menteri Hukum dan Hak Asasi Manusia": "Permenkumham",
    "Menteri Sosial": "Permensos",
    "Menteri Desa, Pembangunan Daerah Tertinggal, dan Transmigrasi": "Permendesa PDTT",
    "Menteri Pekerjaan Umum dan Perumahan Rakyat": "Permen PUPR",
    "Menteri Ketenagakerjaan": "Permenaker",
    "Menteri Agama": "Permenag",
    "Menteri Komunikasi dan Informatika": "Permenkominfo",
}
_KEPMEN_SHORT = {"Menteri Dalam Negeri": "Kepmendagri", PANRB: "KepmenPAN-RB", "Menteri Keuangan": "KMK"}

#: peraturan.go.id path prefixes, only those seen in real links (``/id/{prefix}-no-{nomor}-tahun-{tahun}``).
_PERATURAN_GO_ID = {
    ("Undang-Undang", None): "uu",
    ("Peraturan Pemerintah", None): "pp",
    ("Peraturan Presiden", None): "perpres",
    ("Peraturan Menteri", "Menteri Dalam Negeri"): "permendagri",
    ("Peraturan Menteri", "Menteri Kesehatan"): "permenkes",
    ("Peraturan Menteri", "Menteri Keuangan"): "permenkeu",
    ("Peraturan Menteri", PANRB): "permenpanrb",
    ("Peraturan Menteri", "Menteri Pariwisata"): "permenpar",
    ("Peraturan Menteri", "Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi"): "permendikbudristek",
}

_CONNECTORS = {"dan", "serta", "atau", "di", "ke", "dari", "untuk", "pada", "atas"}
_SQUASH_DROP = {"dan", "serta", "republik", "indonesia", "ri", "nri", "menteri", "kementerian", "kementrian"}


def _squash(words: str) -> str:
    tokens = re.findall(r"[a-z]+", words.lower())
    tokens = [t for t in tokens if t not in _SQUASH_DROP]
    if tokens and tokens[0] == "negara":  # "Menteri Negara PAN": the old style of a state minister
        tokens = tokens[1:]
    return "".join(tokens)


def _title(words: str, *, acronyms: bool = True) -> str:
    """Title-case free words as written, keeping lowercase connectors and (unless told not to) short acronyms
    such as ``PUPR``; region names are always title-cased so ``TEBO`` and ``Tebo`` read the same."""
    out = []
    for i, word in enumerate(words.split()):
        if acronyms and word.isupper() and 1 < len(word) <= 5:
            out.append(word)
        elif i and word.lower() in _CONNECTORS:
            out.append(word.lower())
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in word.split("-")))
    return " ".join(out)


def _minister(raw: str) -> tuple[str | None, str | None]:
    """Canonical minister for issuer words (``Dalam Negeri``, ``dagri``, ``PAN dan RB``), note if unknown."""
    key = _squash(raw)
    if not key:
        return None, None
    if key in _MINISTRY_BY_KEY:
        return _MINISTRY_BY_KEY[key], None
    if key.startswith("men") and key[3:] in _MINISTRY_BY_KEY:  # "Mendagri", "MenPAN-RB"
        return _MINISTRY_BY_KEY[key[3:]], None
    words = re.sub(
        r"^(?:(?:menteri|kementerian|kementrian)\s+)?(?:negara\s+)?", "", raw.strip(), flags=re.IGNORECASE
    )
    return "Menteri " + _title(words), f"penerbit '{raw.strip()}' tidak dikenal; ditulis apa adanya"


def _agency(raw: str) -> tuple[str | None, str | None]:
    raw = re.sub(r"^kepala\s+", "", raw.strip(), flags=re.IGNORECASE)
    key = _squash(raw)
    if not key:
        return None, None
    if key in _AGENCY_BY_KEY:
        return _AGENCY_BY_KEY[key], None
    return _title(raw), f"badan '{raw.strip()}' tidak dikenal; ditulis apa adanya"


_REGION_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|provinsi|prov\.?|propinsi)\s+", re.IGNORECASE)
_OFFICE_PREFIX = re.compile(r"^(?:bupati|gubernur|wali\s*kota)\s+", re.IGNORECASE)


def _region(raw: str, office: str | None) -> str | None:
    """``Tebo`` / ``Kabupaten Tebo`` → ``Bupati Tebo`` for a Perbup; the region itself for a Perda."""
    words = raw.strip(" ,.")
    if not words:
        return None
    if office is None:  # Perda / Perkada: the region, type expanded
        m = _REGION_PREFIX.match(words)
        if m:
            kind = m.group(1).lower().rstrip(".")
            kind = {"kab": "Kabupaten", "prov": "Provinsi", "propinsi": "Provinsi"}.get(kind, kind.title())
            return f"{kind} {_title(words[m.end() :], acronyms=False)}".strip()
        return _title(words, acronyms=False)
    words = _REGION_PREFIX.sub("", _OFFICE_PREFIX.sub("", words))
    return f"{office} {_title(words, acronyms=False)}" if words else None


# --- the grammar of a citation head ------------------------------------------------------------------------

_UNDANG = r"undang\s*-?\s*undang"
_END = r"(?![a-z0-9])"

# (kind, pattern); order matters where one form is a prefix of another.
_HEADS: list[tuple[str, str]] = [
    ("uud", rf"{_UNDANG}\s+dasar{_END}|(?-i:UUD){_END}"),
    ("perppu", rf"peraturan\s+pemerintah\s+pengganti\s+{_UNDANG}{_END}|perppu{_END}|perpu{_END}"),
    ("uu", rf"{_UNDANG}{_END}|(?-i:UU){_END}"),
    ("pp", rf"peraturan\s+pemerintah{_END}|(?-i:PP){_END}"),
    ("perpres", rf"peraturan\s+presiden{_END}|perpres{_END}"),
    ("keppres", rf"keputusan\s+presiden{_END}|keppres{_END}|kepres{_END}"),
    ("inpres", rf"instruksi\s+presiden{_END}|inpres{_END}"),
    ("permen", rf"peraturan\s+(?P<kem>menteri|kementerian|kementrian){_END}"),
    ("permen_abbr", rf"permen(?P<pms>[a-z]*(?:-[a-z]+)*){_END}"),
    ("pmk", rf"(?-i:PMK){_END}"),
    ("kepmen", rf"keputusan\s+(?:menteri|kementerian){_END}"),
    ("kepmen_abbr", rf"kepmen(?P<kms>[a-z]*(?:-[a-z]+)*){_END}"),
    ("kmk", rf"(?-i:KMK){_END}"),
    ("perkada", rf"peraturan\s+kepala\s+daerah{_END}|perkada{_END}"),
    ("perka", rf"peraturan\s+kepala{_END}|perka{_END}"),
    ("perda", rf"peraturan\s+daerah{_END}|perda{_END}"),
    ("pergub", rf"peraturan\s+gubernur{_END}|pergub{_END}"),
    ("perbup", rf"peraturan\s+bupati{_END}|perbup{_END}|perbub{_END}"),
    ("perwali", rf"peraturan\s+wali\s*kota{_END}|perwali{_END}|perwal{_END}|perwako{_END}|perwalkot{_END}"),
    ("kepgub", rf"keputusan\s+gubernur{_END}|kepgub{_END}"),
    ("kepbup", rf"keputusan\s+bupati{_END}|kepbup{_END}|kepbub{_END}"),
    ("kepwal", rf"keputusan\s+wali\s*kota{_END}|kepwal{_END}|kepwali{_END}"),
    ("se", rf"surat\s+edaran{_END}|(?-i:SE){_END}"),
    ("perbadan", rf"peraturan\s+(?P<bl>badan|lembaga){_END}|perban{_END}"),
    ("peragency", rf"peraturan\s+(?=(?:bkn|lan|lkpp|bpkp|anri|bps|bnpb|bpk){_END})"),
]
_HEAD = re.compile(
    r"(?<![\w-])(?:" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _HEADS) + ")",
    re.IGNORECASE,
)

# kind → (jenis, how the issuer is read)
_KINDS: dict[str, tuple[str, str]] = {
    "uud": ("Undang-Undang Dasar", "none"),
    "perppu": ("Peraturan Pemerintah Pengganti Undang-Undang", "none"),
    "uu": ("Undang-Undang", "none"),
    "pp": ("Peraturan Pemerintah", "none"),
    "perpres": ("Peraturan Presiden", "none"),
    "keppres": ("Keputusan Presiden", "none"),
    "inpres": ("Instruksi Presiden", "none"),
    "permen": ("Peraturan Menteri", "minister"),
    "permen_abbr": ("Peraturan Menteri", "minister"),
    "pmk": ("Peraturan Menteri", "keuangan"),
    "kepmen": ("Keputusan Menteri", "minister"),
    "kepmen_abbr": ("Keputusan Menteri", "minister"),
    "kmk": ("Keputusan Menteri", "keuangan"),
    "perkada": ("Peraturan Kepala Daerah", "region"),
    "perka": ("Peraturan Kepala", "kepala"),
    "perda": ("Peraturan Daerah", "region"),
    "pergub": ("Peraturan Gubernur", "Gubernur"),
    "perbup": ("Peraturan Bupati", "Bupati"),
    "perwali": ("Peraturan Wali Kota", "Wali Kota"),
    "kepgub": ("Keputusan Gubernur", "Gubernur"),
    "kepbup": ("Keputusan Bupati", "Bupati"),
    "kepwal": ("Keputusan Wali Kota", "Wali Kota"),
    "se": ("Surat Edaran", "free"),
    "perbadan": ("Peraturan Badan", "agency"),
    "peragency": ("Peraturan Badan", "agency"),
}

#: Kinds of regulation identified without an issuer (central ones: UU, PP, Perpres …).
JENIS_WITHOUT_ISSUER = frozenset(jenis for jenis, how in _KINDS.values() if how == "none")

REGIONAL_JENIS = frozenset(
    {
        "Peraturan Daerah",
        "Peraturan Kepala Daerah",
        "Peraturan Gubernur",
        "Peraturan Bupati",
        "Peraturan Wali Kota",
        "Keputusan Gubernur",
        "Keputusan Bupati",
        "Keputusan Wali Kota",
    }
)
_REGIONAL_OFFICE = {
    "Peraturan Gubernur": "Gubernur",
    "Keputusan Gubernur": "Gubernur",
    "Peraturan Bupati": "Bupati",
    "Keputusan Bupati": "Bupati",
    "Peraturan Wali Kota": "Wali Kota",
    "Keputusan Wali Kota": "Wali Kota",
}

_STOP_WORDS = {
    "nomor",
    "nomer",
    "nmr",
    "no",
    "tahun",
    "thn",
    "th",
    "tentang",
    "ttg",
    "sebagaimana",
    "jo",
    "juncto",
    "yang",
    "tanggal",
    "tgl",
    "pasal",
    "mengenai",
}
_NOISE = re.compile(r"(?:\s|^)(?:republik\s+indonesia|r\.\s?i\.?|ri|nri)\s*$", re.IGNORECASE)
_WORD = re.compile(r"\s*,?\s*([A-Za-z][A-Za-z&'/.\-]*)")
_NOMOR_KW = re.compile(r"\s*,?\s*(?:nomor|nomer|nmr|no)(?![a-z])\s*\.?\s*:?\s*", re.IGNORECASE)
_SEGMENT_GUARD = r"(?!(?:tahun|thn|th|tentang|ttg)(?![a-z]))"
_NOMOR_WITH_KW = re.compile(
    rf"(?:[A-Z]{{1,5}}\.?\s+(?=\d))?[0-9A-Za-z]+(?:[./\-]{_SEGMENT_GUARD}[0-9A-Za-z]+)*"
)
_SPACES = re.compile(r"\s*")
_NOMOR_BARE = re.compile(rf"\d[0-9A-Za-z]*(?:[./\-]{_SEGMENT_GUARD}[0-9A-Za-z]+)*")
_TAHUN = re.compile(r"[\s,.]*(?:tahun|thn|th)\s*\.?\s*:?\s*((?:19|20)\d{2})(?!\d)", re.IGNORECASE)
_YEAR_AT_END = re.compile(r"[./\-]((?:19|20)\d{2})$")
_SHORT_FORM = re.compile(r"^(\d+[A-Za-z]?)/((?:19|20)\d{2})$")
_UUD_TAIL = re.compile(
    r"(?:\s*(?:negara\s+)?(?:republik\s+indonesia|nri|ri))?\s*(?:tahun\s*)?(1945)(?!\d)", re.IGNORECASE
)


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    reference: LegalReference
    notes: tuple[str, ...]


def _issuer_words(text: str, pos: int) -> tuple[str, int]:
    """Words after a jenis up to Nomor/Tahun/tentang/a number/another head; returns (words, end position)."""
    words: list[str] = []
    end = pos
    while len(words) < 12:
        m = _WORD.match(text, end)
        if not m:
            break
        word = m.group(1)
        if word.lower().rstrip(".:") in _STOP_WORDS or (words and _is_head_start(text, m.start(1))):
            break
        words.append(word)
        end = m.end()
    return " ".join(words), end


def _is_head_start(text: str, pos: int) -> bool:
    m = _HEAD.match(text, pos)
    return m is not None and m.lastgroup != "peragency"


def _strip_noise(words: str) -> str:
    prev = None
    while prev != words:
        prev = words
        words = _NOISE.sub("", words).strip(" ,")
    return words


def _issuer(kind: str, how: str, m: re.Match, raw: str) -> tuple[str | None, str | None, str | None]:
    """(jenis override, penerbit, note) from the issuer words of a head."""
    if how == "minister":
        suffix = (m.group("pms") or m.group("kms") or "").strip("-") if kind.endswith("_abbr") else ""
        full = f"{suffix} {raw}".strip()
        penerbit, note = _minister(full)
        if penerbit is None:
            note = "penerbit (menteri) tidak disebut"
        if (m.group("kem") or "").lower() not in ("", "menteri"):
            note = (note + "; " if note else "") + f"'{m.group(0)}' dibaca sebagai Peraturan Menteri"
        return None, penerbit, note
    if how == "keuangan":
        return None, "Menteri Keuangan", None
    if how == "kepala":
        name, note = _agency(raw)
        if name is None:
            return None, None, "badan yang kepalanya menerbitkan tidak disebut"
        return None, name if name.lower().startswith("kepala ") else f"Kepala {name}", note
    if how == "agency":
        bl = m.group("bl") if kind == "perbadan" else None
        if bl and not re.match(r"(?:badan|lembaga)\b", raw, re.IGNORECASE):
            raw = f"{bl} {raw}"
        name, note = _agency(raw)
        if name is None:
            return None, None, "badan penerbit tidak disebut"
        jenis = "Peraturan Lembaga" if name.startswith(("Lembaga", "Arsip")) else "Peraturan Badan"
        return jenis, name, note
    if how == "region":
        return None, _region(raw, None), None if raw else "daerah tidak disebut"
    if how == "free":
        if not raw:
            return None, None, "penerbit surat edaran tidak disebut"
        first = raw.split()[0].lower()
        if first in ("bupati", "gubernur", "walikota", "wali"):
            office = {"bupati": "Bupati", "gubernur": "Gubernur"}.get(first, "Wali Kota")
            rest = re.sub(r"^(?:bupati|gubernur|wali\s*kota)\s*", "", raw, flags=re.IGNORECASE)
            return None, _region(rest, office) or office, None
        key = _squash(raw)
        if key in _AGENCY_BY_KEY:
            return None, f"Kepala {_AGENCY_BY_KEY[key]}", None
        if first.startswith(("men", "kemen")):
            return None, _minister(raw)[0], None
        return None, _title(raw), None
    # a regional office (Bupati, Gubernur, Wali Kota)
    return None, _region(raw, how), None if raw else "daerah tidak disebut"


def _parse_head(text: str, m: re.Match) -> _Candidate | None:
    """Read issuer, nomor and tahun after a head; None when this is not a citation (no number or year)."""
    kind = m.lastgroup or ""
    jenis, how = _KINDS[kind]
    pos = m.end()
    if kind == "uud":
        t = _UUD_TAIL.match(text, pos)
        if not t:
            return None
        return _Candidate(
            m.start(), t.end(), LegalReference(jenis="Undang-Undang Dasar", nomor="", tahun="1945"), ()
        )
    raw, pos = _issuer_words(text, pos)
    raw = _strip_noise(raw)
    notes: list[str] = []
    if how == "none":
        if raw.lower() == "negara":  # "Undang-Undang Dasar Negara Republik Indonesia" left "Negara"
            raw = ""
        if raw:
            return None  # "Undang-Undang Pemerintahan Daerah": named, not numbered
        penerbit = None
    else:
        jenis_override, penerbit, note = _issuer(kind, how, m, raw)
        jenis = jenis_override or jenis
        if note:
            notes.append(note)
    kw = _NOMOR_KW.match(text, pos)
    num = (
        _NOMOR_WITH_KW.match(text, kw.end())
        if kw
        else _NOMOR_BARE.match(text, _SPACES.match(text, pos).end())
    )
    if not num or not re.search(r"\d", num.group(0)):
        return None
    nomor = re.sub(r"\s+", " ", num.group(0)).strip(".-/")
    end = num.end()
    year = _TAHUN.match(text, end)
    if year:
        tahun = year.group(1)
        end = year.end()
    elif short := _SHORT_FORM.match(nomor):
        nomor, tahun = short.group(1), short.group(2)
    elif tail := _YEAR_AT_END.search(nomor):
        tahun = tail.group(1)
    else:
        return _Candidate(
            m.start(),
            end,
            LegalReference(jenis=jenis, nomor=nomor, tahun="", penerbit=penerbit),
            tuple(notes) + (f"'{text[m.start() : end]}': tahun tidak ditemukan",),
        )
    return _Candidate(
        m.start(),
        end,
        LegalReference(jenis=jenis, nomor=nomor, tahun=tahun, penerbit=_issuer_in(penerbit, tahun)),
        tuple(notes),
    )


#: The ministry for state apparatus became the Kementerian PAN dan Reformasi Birokrasi in October 2009
#: (Perpres 47/2009): a "Permenpan" of 2010 or later is the PermenPAN-RB of that number, however written.
RENAMED_MINISTRIES = {PAN: (PANRB, "2010")}


def _issuer_in(penerbit: str | None, tahun: str) -> str | None:
    """The issuer under the name the ministry bore in the regulation's year (:data:`RENAMED_MINISTRIES`)."""
    renamed = RENAMED_MINISTRIES.get(penerbit or "")
    if renamed is not None and tahun >= renamed[1]:
        return renamed[0]
    return penerbit


# --- a whole line ------------------------------------------------------------------------------------------

_LIST_MARKER = re.compile(r"^\s*(?:[-\u2022\u25cf\u25aa*>]+\s*)?(?:\(?(?:\d{1,2}|[a-zA-Z])[.)]\s+)?")
_CELL_BOUNDARY = re.compile(r"\t| \| ")
_TENTANG = re.compile(r"(?<![a-z])(?:tentang|ttg\.?)(?![a-z])\s*:?\s*", re.IGNORECASE)
_PARENTHETICAL = re.compile(r"\(\s*(?:lembaran|berita|tambahan|ln|bn|tln)\b[^)]*\)?", re.IGNORECASE)
_SEPARATOR_AT_END = re.compile(
    r"""(?:
        (?P<amend>,?\s*sebagaimana\s+(?:telah\s+)?(?:(?:beberapa|\w+)\s+kali\s+)?
            (?:diubah|dicabut|diganti|diperbaharui|diperbarui|disempurnakan)
            (?:\s+(?:beberapa|\w+)\s+kali)?\s*,?
            (?:\s*(?:yang\s+)?terakhir)?(?:\s+(?:dengan|oleh|menjadi))?\s*,?\s*)
      | (?P<jo>,?\s*(?:jo\.?|juncto)\s*)
      | (?P<list>(?:;|,|\.|\s)\s*(?:\d{1,2}|[a-z])[.)]\s*)
      | (?P<semi>;\s*(?:dan\s+|serta\s+)?)
      | (?P<dan>,?\s*(?:dan|serta)\s+)
      | (?P<comma>,\s*)
      | (?P<stop>\.\s+)
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_AMENDED_BEFORE = re.compile(
    r"perubahan(?:\s+(?:kedua|ketiga|keempat|kelima|keenam|\w+))?\s+atas\s*$", re.IGNORECASE
)
_IMPLEMENTED_BEFORE = re.compile(r"pelaksanaan\s*(?:dari\s*)?$", re.IGNORECASE)


def _normalise(text: str) -> tuple[str, list[str]]:
    notes: list[str] = []
    t = unicodedata.normalize("NFKC", text or "")[:MAX_TEXT]
    t = t.replace("\u00ad", "")
    t = re.sub(r"[\u2010-\u2015\u2212]", "-", t)
    cut = _CELL_BOUNDARY.search(t)
    if cut and cut.start() > 0:
        notes.append("teks setelah batas sel (tab atau ' | ') diabaikan")
        t = t[: cut.start()]
    t = re.sub(r"\s+", " ", t).strip()
    t = _LIST_MARKER.sub("", t, count=1)
    return t, notes


def _clean_title(title: str) -> str | None:
    title = _PARENTHETICAL.sub("", title)
    title = re.sub(r"\s+", " ", title).strip(" \t;,.:|")
    return title or None


def parse_citation(text: str) -> CitationParse:
    """Parse one Dasar Hukum line into the regulations it cites (never raises)."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    return _parse_citation(text)


@lru_cache(maxsize=16384)  # agencies copy the same lines: 56,000 lines of 10,000 SOPs hold few thousand texts
def _parse_citation(text: str) -> CitationParse:
    norm, notes = _normalise(text)
    candidates: list[_Candidate] = []
    pos = 0
    while pos < len(norm):
        m = _HEAD.search(norm, pos)
        if not m:
            break
        cand = _parse_head(norm, m)
        if cand is None:
            pos = m.start() + 1
            continue
        if not cand.reference.tahun:
            notes.extend(cand.notes)
            pos = cand.end
            continue
        candidates.append(cand)
        pos = cand.end

    if not candidates:
        if not notes:
            notes.append("tidak ditemukan rujukan peraturan (jenis, nomor dan tahun)")
        return CitationParse(text, (), True, tuple(notes))

    roles = _classify(norm, candidates)
    top = [i for i, (role, _) in enumerate(roles) if role in _TOP_LEVEL]
    found: dict[str, CitedRegulation] = {}
    for k, i in enumerate(top):
        # a top-level citation's title (and those of the mentions inside it) ends where the next one's
        # separator begins
        end = roles[top[k + 1]][1] if k + 1 < len(top) else len(norm)
        last = top[k + 1] if k + 1 < len(top) else len(candidates)
        for j in range(i, last):
            cand = candidates[j]
            tentang, stray = _title_after(norm, cand.end, end)
            if stray and j == i:
                notes.append(
                    f"teks setelah {short_name(cand.reference)} bukan judul ('tentang …'): '{stray[:60]}'"
                )
            notes.extend(cand.notes)
            ref = cand.reference
            cited = CitedRegulation(
                LegalReference(
                    jenis=ref.jenis, nomor=ref.nomor, tahun=ref.tahun, penerbit=ref.penerbit, tentang=tentang
                ),
                roles[j][0],
            )
            key = regulation_id(ref)
            old = found.get(key)
            if old is None:
                found[key] = cited
            else:  # the same regulation twice (e.g. named again in the amending regulation's title)
                role = max(old.role, cited.role, key=_ROLE_STRENGTH.__getitem__)
                found[key] = CitedRegulation(
                    old.reference if old.reference.tentang else cited.reference, role
                )
    result = tuple(found.values())
    unparsed = not any(c.is_citation for c in result)
    return CitationParse(text, result, unparsed, tuple(dict.fromkeys(notes)))


_TOP_LEVEL = (UTAMA, PENGUBAH, TAMBAHAN)
_LEAD = re.compile(r"\s*[,:]?\s*(?:\([^()]*\)\s*)?[,:]?\s*")


def _classify(norm: str, candidates: list[_Candidate]) -> list[tuple[str, int]]:
    """(role, separator position) per candidate: top level after a separator, else a mention in the title."""
    out: list[tuple[str, int]] = []
    last_top = 0
    for i, cand in enumerate(candidates):
        if i == 0:
            out.append((UTAMA, cand.start))
            continue
        prev = candidates[i - 1]
        tail = norm[max(prev.end, cand.start - 200) : cand.start]
        sep = _SEPARATOR_AT_END.search(tail)
        title_open = _TENTANG.search(norm, candidates[last_top].end, cand.start) is not None
        if sep:
            role = PENGUBAH if sep.lastgroup in ("amend", "jo") else TAMBAHAN
            out.append((role, cand.start - len(tail) + sep.start()))
            last_top = i
        elif title_open:
            before = norm[max(prev.end, cand.start - 80) : cand.start]
            if _AMENDED_BEFORE.search(before):
                out.append((DIUBAH, cand.start))
            elif _IMPLEMENTED_BEFORE.search(before):
                out.append((DILAKSANAKAN, cand.start))
            else:
                out.append((DISEBUT, cand.start))
        else:  # two citations run together without any separator
            out.append((TAMBAHAN, cand.start))
            last_top = i
    return out


def _title_after(norm: str, start: int, end: int) -> tuple[str | None, str | None]:
    """(tentang, stray text) of the region after a citation's number and year."""
    lead = _LEAD.match(norm, start, end)
    pos = lead.end() if lead else start
    t = _TENTANG.match(norm, pos, end)
    if t:
        return _clean_title(norm[t.end() : end]), None
    stray = norm[pos:end].strip(" ,;.:")
    return None, (stray if len(stray) > 2 else None)


# --- identity and display ----------------------------------------------------------------------------------


_OFFICE_WORDS = ("Menteri", "Kepala", "Bupati", "Gubernur", "Wali Kota", "Badan", "Lembaga")


def _issuer_tail(ref: LegalReference) -> str:
    """The penerbit without the office word that the jenis already says (``Menteri Dalam Negeri`` → ``Dalam
    Negeri`` under ``Peraturan Menteri``)."""
    penerbit = ref.penerbit or ""
    for office in _OFFICE_WORDS:
        if ref.jenis.endswith(office) and penerbit.startswith(office + " "):
            return penerbit[len(office) + 1 :]
    return penerbit


@lru_cache(maxsize=16384)
def regulation_id(ref: LegalReference) -> str:
    """Stable URL-safe identity: ``{jenis}-{penerbit}-{nomor}-{tahun}`` slugged (see the module docstring)."""
    parts = [ref.jenis, _issuer_tail(ref), ref.nomor, ref.tahun]
    return "-".join(s for s in (slugify(p) for p in parts if p) if s)


def _number(ref: LegalReference) -> str:
    if not ref.nomor:
        return ref.tahun
    if not ref.nomor[0].isdigit():  # "PER/15/M.PAN/7/2008" would read as issuer words without "Nomor"
        return f"Nomor {ref.nomor}" + ("" if ref.nomor.endswith(ref.tahun) else f" Tahun {ref.tahun}")
    if _YEAR_AT_END.search(ref.nomor) and ref.nomor.endswith(ref.tahun):
        return ref.nomor
    if "/" in ref.nomor or " " in ref.nomor:
        return f"{ref.nomor} Tahun {ref.tahun}"
    return f"{ref.nomor}/{ref.tahun}"


def short_name(ref: LegalReference) -> str:
    """Display form: ``Permendagri 86/2017``, ``PP 12/2019``, ``UU 23/2014``, ``Perbup Tebo 63/2016``."""
    jenis, penerbit = ref.jenis, ref.penerbit
    simple = {
        "Undang-Undang Dasar": "UUD",
        "Undang-Undang": "UU",
        "Peraturan Pemerintah Pengganti Undang-Undang": "Perppu",
        "Peraturan Pemerintah": "PP",
        "Peraturan Presiden": "Perpres",
        "Keputusan Presiden": "Keppres",
        "Instruksi Presiden": "Inpres",
    }
    regional = {
        "Peraturan Bupati": "Perbup",
        "Peraturan Gubernur": "Pergub",
        "Peraturan Wali Kota": "Perwali",
        "Keputusan Bupati": "Kepbup",
        "Keputusan Gubernur": "Kepgub",
        "Keputusan Wali Kota": "Kepwal",
        "Peraturan Daerah": "Perda",
        "Peraturan Kepala Daerah": "Perkada",
    }
    if jenis in simple:
        head = simple[jenis]
    elif jenis == "Peraturan Menteri" and penerbit in _MINISTRY_SHORT:
        head = _MINISTRY_SHORT[penerbit]
    elif jenis == "Keputusan Menteri" and penerbit in _KEPMEN_SHORT:
        head = _KEPMEN_SHORT[penerbit]
    elif jenis in regional:
        head = f"{regional[jenis]} {_issuer_tail(ref)}".strip()
    elif jenis == "Peraturan Kepala" and penerbit and penerbit[len("Kepala ") :] in _AGENCY_ABBR:
        head = f"Perka {_AGENCY_ABBR[penerbit[len('Kepala ') :]]}"
    elif jenis in ("Peraturan Badan", "Peraturan Lembaga") and penerbit in _AGENCY_ABBR:
        head = f"Peraturan {_AGENCY_ABBR[penerbit]}"
    elif jenis == "Surat Edaran":
        head = f"SE {penerbit}" if penerbit else "SE"
    else:
        head = f"{jenis} {_issuer_tail(ref)}".strip()
    return f"{head} {_number(ref)}"


def full_name(ref: LegalReference) -> str:
    """Formal form: ``Peraturan Menteri Dalam Negeri Nomor 86 Tahun 2017`` (without the title)."""
    head = f"{ref.jenis} {_issuer_tail(ref)}".strip()
    if not ref.nomor:
        return f"{head} Tahun {ref.tahun}"
    return f"{head} Nomor {ref.nomor} Tahun {ref.tahun}"


def peraturan_go_id_url(ref: LegalReference) -> str | None:
    """``https://peraturan.go.id/id/{singkatan}-no-{nomor}-tahun-{tahun}`` for central regulations whose
    prefix is known from real links; ``None`` for regional regulations and whenever the prefix is unknown."""
    prefix = _PERATURAN_GO_ID.get((ref.jenis, ref.penerbit))
    if prefix is None or not ref.nomor or not re.fullmatch(r"(?:19|20)\d{2}", ref.tahun or ""):
        return None
    nomor = slugify(ref.nomor)
    if not nomor:
        return None
    return f"https://peraturan.go.id/id/{prefix}-no-{nomor}-tahun-{ref.tahun}"


def is_regional(ref: LegalReference) -> bool:
    return ref.jenis in REGIONAL_JENIS


def with_region(ref: LegalReference, pemda_nama: str) -> LegalReference | None:
    """Fill a regional regulation's missing issuer from the SOP's pemda (``Kabupaten Tebo`` → ``Bupati
    Tebo``).

    Returns None when nothing can be inferred (issuer already present, not regional, or the pemda's kind does
    not match the jenis: a Perbup in a Kota)."""
    if ref.penerbit or not is_regional(ref) or not pemda_nama:
        return None
    m = _REGION_PREFIX.match(pemda_nama.strip())
    kind = m.group(1).lower().rstrip(".") if m else ""
    name = pemda_nama.strip()[m.end() :] if m else pemda_nama.strip()
    office = _REGIONAL_OFFICE.get(ref.jenis)
    needed = {
        "Bupati": ("kabupaten", "kab"),
        "Gubernur": ("provinsi", "prov", "propinsi"),
        "Wali Kota": ("kota",),
    }
    if office is None:
        penerbit = _region(pemda_nama, None)
    elif kind in needed[office]:
        penerbit = f"{office} {_title(name, acronyms=False)}"
    else:
        return None
    return LegalReference(
        jenis=ref.jenis, nomor=ref.nomor, tahun=ref.tahun, penerbit=penerbit, tentang=ref.tentang
    )


def canonical_reference(ref: LegalReference) -> LegalReference:
    """Bring a hand-written reference (a source's ``rujukan``, a registry entry) to the canonical form.

    The jenis and penerbit are read with the same grammar as a citation, so ``Permendagri`` or
    ``Peraturan Menteri`` + ``Mendagri`` become ``Peraturan Menteri`` + ``Menteri Dalam Negeri``; nomor,
    tahun and tentang are kept as given. A reference the grammar cannot read is returned unchanged."""
    nomor, tahun = str(ref.nomor or "").strip(), str(ref.tahun or "").strip()
    head = f"{ref.jenis} {ref.penerbit or ''}".strip()
    text = f"{head} Nomor {nomor} Tahun {tahun}" if nomor else f"{head} Tahun {tahun}"
    parsed = parse_citation(text)
    if len(parsed.references) != 1:
        return ref
    got = parsed.references[0]
    return LegalReference(
        jenis=got.jenis,
        nomor=nomor or got.nomor,
        tahun=tahun or got.tahun,
        penerbit=got.penerbit,
        tentang=ref.tentang,
    )
