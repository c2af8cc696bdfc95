"""The words an SOP document uses for its headings, and fuzzy recognition of their variants.

Agencies type headings by hand: "MUTU BUKU", "Pengetan", "Kualitas Pelaksana", "Ket.", "Peralatan/Perengkapan".
A heading is recognised when a short cell or line, once decorations (bullets, bold markers, colons) are removed,
is an exact or a close (rapidfuzz) match of a known term. Close matches are accepted with a lower threshold when
the cell sits in a row beside another recognised heading (the 2×3 box grid), where a typo is far likelier than
an unrelated word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

#: The six information boxes, keyed by their source-format key.
BOX_TERMS: dict[str, tuple[str, ...]] = {
    "dasar_hukum": ("dasar hukum", "landasan hukum", "dasar hukum sop"),
    "kualifikasi_pelaksana": (
        "kualifikasi pelaksana",
        "kualifikasi pelaksanaan",
        "kualitas pelaksana",
        "kualifikasi petugas",
        "kualifikasi",
    ),
    "keterkaitan": ("keterkaitan", "keterkaitan sop", "keterkaitan dengan sop lain", "sop terkait"),
    "peralatan_perlengkapan": (
        "peralatan/perlengkapan",
        "peralatan dan perlengkapan",
        "peralatan",
        "perlengkapan",
        "peralatan/ perlengkapan",
        "sarana dan prasarana",
    ),
    "peringatan": ("peringatan",),
    "pencatatan_pendataan": (
        "pencatatan dan pendataan",
        "pencatatan/pendataan",
        "pencatatan",
        "pendataan",
        "pencatatan dan pelaporan",
    ),
}

#: Column headings of the procedure table. ``pelaksana`` and ``mutu_baku`` are group headings spanning columns.
COLUMN_TERMS: dict[str, tuple[str, ...]] = {
    "no": ("no", "no.", "nomor", "no urut"),
    "kegiatan": (
        "uraian kegiatan",
        "uraian prosedur",
        "kegiatan",
        "prosedur",
        "uraian",
        "aktivitas",
        "uraian aktivitas",
        "uraian pekerjaan",
        "langkah kegiatan",
        "uraian langkah",
    ),
    "pelaksana": ("pelaksana",),
    "mutu_baku": ("mutu baku",),
    "kelengkapan": (
        "kelengkapan",
        "persyaratan",
        "persyaratan/kelengkapan",
        "kelengkapan dan peralatan",
        "kelengkapan/persyaratan",
        "persyaratan/ kelengkapan",
        "syarat",
        "bahan",
        "input",
    ),
    "waktu": ("waktu",),
    "output": ("output", "hasil", "keluaran", "produk"),
    "keterangan": ("keterangan", "ket", "ket."),
}

#: Terms too short for fuzzy matching: only an exact match counts.
_EXACT_ONLY = 6
STANDALONE_THRESHOLD = 84.0
GRID_THRESHOLD = 75.0
#: Longer text is content, not a heading.
MAX_HEADING_WORDS = 6

_DECORATION = re.compile(r"^[\s\-–•*·▪●#>]+|[\s*:：.]+$")
_SPACES = re.compile(r"\s+")


#: "Dasar Hukum (lanjutan)": a box continued on the next page repeats its heading with such a word.
CONTINUED = re.compile(
    r"\s*[(\[]?\s*(?:lanjutan|sambungan|lanj\.?|cont(?:inued)?\.?)\s*[)\]]?\s*[:.]?\s*$", re.IGNORECASE
)


def is_continued(text: str) -> bool:
    """A heading repeated for a box continued from the previous page."""
    return bool(CONTINUED.search(text.strip())) and bool(CONTINUED.sub("", text.strip()))


def normalise(text: str) -> str:
    """Lower-case a heading and strip list bullets, bold markers, a "(lanjutan)" and the trailing colon."""
    text = text.replace("*", " ").replace("_", " ")
    text = CONTINUED.sub("", text.strip()) or text
    text = _DECORATION.sub("", text.strip())
    text = re.sub(r"\s*/\s*", "/", text)
    return _SPACES.sub(" ", text).strip().lower()


@dataclass(frozen=True)
class HeadingMatch:
    key: str
    score: float
    exact: bool


_ENUMERATOR = re.compile(r"^(?:[a-h]|[ivx]{1,4}|\d{1,2})[.)]\s+")


def _best(text: str, vocabulary: dict[str, tuple[str, ...]], threshold: float) -> HeadingMatch | None:
    found = _best_plain(normalise(text), vocabulary, threshold)
    if found is None:
        norm = normalise(text)
        stripped = _ENUMERATOR.sub("", norm)
        if stripped != norm:
            # "A. DASAR HUKUM": an enumerated heading counts only when the rest is a heading outright.
            found = _best_plain(stripped, vocabulary, 100.0)
    return found


def _best_plain(norm: str, vocabulary: dict[str, tuple[str, ...]], threshold: float) -> HeadingMatch | None:
    if not norm or len(norm.split()) > MAX_HEADING_WORDS:
        return None
    bare = norm.rstrip(".")
    for key, terms in vocabulary.items():
        if norm in terms or bare in terms:
            return HeadingMatch(key, 100.0, True)
    best: HeadingMatch | None = None
    for key, terms in vocabulary.items():
        for term in terms:
            if len(term) < _EXACT_ONLY or len(bare) < _EXACT_ONLY:
                continue
            score = fuzz.ratio(bare, term)
            if score >= threshold and (best is None or score > best.score):
                best = HeadingMatch(key, score, False)
    return best


def match_box(text: str, in_grid: bool = False) -> HeadingMatch | None:
    """The box a heading names (``dasar_hukum`` …), or None."""
    match = _best(text, BOX_TERMS, GRID_THRESHOLD if in_grid else STANDALONE_THRESHOLD)
    if match is not None and not match.exact:
        # "Kelengkapan" is a column, not a typo of "Perlengkapan".
        other = _best(text, COLUMN_TERMS, 100.0)
        if other is not None and other.exact:
            return None
    return match


def match_column(text: str) -> HeadingMatch | None:
    """The procedure-table column a header cell names (``no``, ``kegiatan``, ``waktu`` …), or None."""
    return _best(text, COLUMN_TERMS, STANDALONE_THRESHOLD)


def is_keterangan(text: str) -> bool:
    """ "Keterangan"/"Ket." — a table column, but some agencies print it where the Keterkaitan box belongs."""
    match = match_column(text)
    return match is not None and match.key == "keterangan"


def strip_group_words(text: str) -> str:
    """Remove a group heading ("Mutu Baku", "Pelaksana") fused to the front of a role name."""
    out = text.strip()
    for term in ("mutu baku", "mutu buku", "pelaksana"):
        if out.lower().startswith(term + " ") and len(out) > len(term) + 1:
            out = out[len(term) :].strip()
    return out


#: Labels of the identity block, keyed by source-format key. Matched on the label part of `Label : Value`.
IDENTITY_TERMS: dict[str, tuple[str, ...]] = {
    "nomor": (
        "nomor sop",
        "no sop",
        "no. sop",
        "nomor",
        "kode sop",
        "no. dokumen sop",
        "no dokumen sop",
        "nomor dokumen sop",
        "nomor dokumen",
        "no. dokumen",
        "no dokumen",
    ),
    "tanggal_pembuatan": (
        "tanggal pembuatan",
        "tgl pembuatan",
        "tgl. pembuatan",
        "tanggal dibuat",
        "tanggal penyusunan",
        "tanggal terbit",
        "tgl terbit",
        "tgl. terbit",
    ),
    "tanggal_revisi": ("tanggal revisi", "tgl revisi", "tgl. revisi", "revisi"),
    "tanggal_efektif": (
        "tanggal pengesahan/efektif",
        "tanggal pengesahan",
        "tanggal efektif",
        "tgl pengesahan",
        "tgl. pengesahan",
        "tgl efektif",
        "tgl. efektif",
        "tanggal berlaku",
        "tanggal ditetapkan",
        "tanggal disahkan",
        "tanggal pengesahan / efektif",
        "tgl pengesahan/efektif",
    ),
    "disahkan_oleh": ("disahkan oleh", "disyahkan oleh", "ditetapkan oleh", "pengesah", "disahkan"),
    "nama": ("nama sop", "judul sop", "nama prosedur"),
    # "SOP : <judul>" — a weaker title label, used only when "Nama SOP" is absent.
    "nama_sop_prefix": ("sop",),
    # Letterhead lines that look like labels but are not part of the SOP record.
    "_ignore": ("alamat", "telp", "telepon", "kode pos", "email", "e-mail", "website", "fax", "faks"),
}


def match_identity(label: str, exact_only: bool = False) -> str | None:
    """The identity field a label names, or None. Fuzzy only for long labels (typos like 'Disyahkan')."""
    match = _best(label, IDENTITY_TERMS, 90.0)
    if match is None or (exact_only and not match.exact):
        return None
    return match.key
