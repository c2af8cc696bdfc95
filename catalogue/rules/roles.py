"""Role names (pelaksana): what a written role name means, in its agency and across agencies. The one
place where role aliases and abbreviations are read; :mod:`catalogue.analysis.roles` builds the index of
roles and tasks from it.

SOPs name positions in many spellings: "Sekcam", "Sekretaris" (in a kecamatan), "SEKCAM"; "Kasubbag
Perencanaan dan Keuangan"; "JFT/JFU"; "Irban Wil". Each written name is mapped twice:

* to the **agency role**: the agency's own ``peran`` list (``nama`` and ``alias``, compared without regard to
  case, spacing or punctuation) when it declares it; otherwise the agency role is the canonical post below,
  so "Sekcam" and "Sekretaris Camat" of one agency are one role;
* to a **canonical role** across agencies (``kepala-subbagian``, ``sekretaris-camat``, …) from the alias
  table of this module, keeping the sub-unit apart ("Kasubbag Perencanaan dan Keuangan" → Kepala Subbagian,
  unit "Perencanaan dan Keuangan").

Some readings depend on the agency: a bare "Sekretaris" is the Sekretaris Camat in a kecamatan but the
Sekretaris Dinas in a dinas, and a bare "Kepala" is the Camat, the Kepala Dinas, the Lurah… Such readings
use the agency's ``jenis`` and are flagged ``inferred`` with a reason in Indonesian, unless the agency's own
``peran`` list states them. Display always keeps the agency's own wording.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from catalogue.model import Agency, RoleDefinition
from catalogue.rules.titles import kind_of
from catalogue.text import slugify

#: Canonical roles: key (stable, URL-safe) -> display name.
CANONICAL_ROLES: dict[str, str] = {
    "bupati": "Bupati",
    "wakil-bupati": "Wakil Bupati",
    "wali-kota": "Wali Kota",
    "sekretaris-daerah": "Sekretaris Daerah",
    "asisten-sekda": "Asisten Sekretaris Daerah",
    "camat": "Camat",
    "sekretaris-camat": "Sekretaris Camat",
    "lurah": "Lurah",
    "sekretaris-kelurahan": "Sekretaris Kelurahan",
    "kepala-desa": "Kepala Desa",
    "sekretaris-desa": "Sekretaris Desa",
    "kepala-dinas": "Kepala Dinas",
    "sekretaris-dinas": "Sekretaris Dinas",
    "kepala-badan": "Kepala Badan",
    "sekretaris-badan": "Sekretaris Badan",
    "inspektur": "Inspektur",
    "sekretaris-inspektorat": "Sekretaris Inspektorat",
    "inspektur-pembantu": "Inspektur Pembantu",
    "sekretaris-dprd": "Sekretaris DPRD",
    "sekretaris": "Sekretaris",
    "kepala": "Kepala Instansi",
    "kepala-bagian": "Kepala Bagian",
    "kepala-bidang": "Kepala Bidang",
    "kepala-subbagian": "Kepala Subbagian",
    "kepala-seksi": "Kepala Seksi",
    "kepala-subbidang": "Kepala Subbidang",
    "koordinator": "Koordinator",
    "subkoordinator": "Subkoordinator",
    "ketua-tim": "Ketua Tim",
    "anggota-tim": "Anggota Tim",
    "tim": "Tim",
    "pejabat-fungsional": "Pejabat Fungsional",
    "jabatan-fungsional-umum": "Jabatan Fungsional Umum",
    "jft-jfu": "Pejabat Fungsional / Jabatan Fungsional Umum",
    "staf-pelaksana": "Staf/Pelaksana",
    "bendahara": "Bendahara",
    "pptk": "Pejabat Pelaksana Teknis Kegiatan",
    "operator": "Operator",
    "atasan-langsung": "Atasan Langsung",
    "pegawai": "Pegawai",
    "pemohon": "Pemohon",
}

# Patterns over the normalised name (casefold, punctuation as spaces except "/"), most specific first.
# A named group "unit" carries the sub-unit. Each entry: (pattern, canonical key).
_RULES: list[tuple[str, str]] = [
    (
        r"(?:jft|jabatan fungsional tertentu|pejabat fungsional tertentu) ?/ ?(?:jfu|jabatan fungsional umum)",
        "jft-jfu",
    ),
    (r"ketua tim(?: kerja)?(?: (?P<unit>.+))?", "ketua-tim"),
    (r"anggota tim(?: (?P<unit>.+))?", "anggota-tim"),
    (r"tim (?P<unit>.+)", "tim"),
    (r"(?:jf |jabatan fungsional |pejabat fungsional )?sub ?koordinator(?: (?P<unit>.+))?", "subkoordinator"),
    (r"subkoor(?: (?P<unit>.+))?", "subkoordinator"),
    (r"koordinator(?: (?P<unit>.+))?", "koordinator"),
    (r"(?:sekcam|sekretaris camat|sekretaris kecamatan)", "sekretaris-camat"),
    (r"(?:sekda|sekretaris daerah)(?: (?:kabupaten|kota|provinsi) .+)?", "sekretaris-daerah"),
    (r"asisten(?: sekda| sekretaris daerah)?(?: (?P<unit>.+))?", "asisten-sekda"),
    (r"(?:sekdis|sekretaris dinas)(?: .+)?", "sekretaris-dinas"),
    (r"(?:sekban|sekretaris badan)(?: .+)?", "sekretaris-badan"),
    (r"(?:sekretaris inspektorat|sekretaris inspektur)(?: .+)?", "sekretaris-inspektorat"),
    (r"(?:seklur|sekretaris lurah|sekretaris kelurahan)", "sekretaris-kelurahan"),
    (r"(?:sekdes|sekretaris desa|carik)", "sekretaris-desa"),
    (r"(?:sekwan|sekretaris dprd|sekretaris dewan)", "sekretaris-dprd"),
    (
        r"(?:kepala sub ?bagian|kasubbag|kasubag|kasub bag|ka subbag|ka sub bag|kasubbagian)(?: (?P<unit>.+))?",
        "kepala-subbagian",
    ),
    (r"(?:kepala sub ?bidang|kasubbid|kasubid|ka subbid)(?: (?P<unit>.+))?", "kepala-subbidang"),
    (r"(?:kepala bagian|kabag|ka bag)(?: (?P<unit>.+))?", "kepala-bagian"),
    (r"(?:kepala seksi|kasi|kasie|ka seksi|kepala sie)(?: (?P<unit>.+))?", "kepala-seksi"),
    (r"(?:kepala bidang|kabid|ka bid)(?: (?P<unit>.+))?", "kepala-bidang"),
    (r"(?:kepala dinas|kadis)(?: .+)?", "kepala-dinas"),
    (r"(?:kepala badan|kaban)(?: .+)?", "kepala-badan"),
    (r"(?:inspektur pembantu|irban|irbanwil)(?: (?P<unit>.+))?", "inspektur-pembantu"),
    (r"inspektur(?: (?:kabupaten|kota|provinsi|daerah) .+)?", "inspektur"),
    (r"camat(?: .+)?", "camat"),
    (r"(?:lurah|kepala kelurahan)(?: .+)?", "lurah"),
    (r"(?:kepala desa|kades|perbekel|pambakal|kepala kampung)(?: .+)?", "kepala-desa"),
    (r"wakil bupati(?: .+)?", "wakil-bupati"),
    (r"bupati(?: .+)?", "bupati"),
    (r"(?:wali ?kota|walikota)(?: .+)?", "wali-kota"),
    (r"atasan langsung(?: .+)?", "atasan-langsung"),
    (r"(?:jfu|jabatan fungsional umum)", "jabatan-fungsional-umum"),
    (
        r"(?:jft|jf|jabatan fungsional tertentu|jabatan fungsional|pejabat fungsional|fungsional)(?: (?P<unit>.+))?",
        "pejabat-fungsional",
    ),
    (r"bendahara(?: (?P<unit>.+))?", "bendahara"),
    (r"pptk(?: .+)?", "pptk"),
    (r"operator(?: (?P<unit>.+))?", "operator"),
    (r"(?:staf|staff|pelaksana|staf pelaksana|pegawai pelaksana)(?: (?P<unit>.+))?", "staf-pelaksana"),
    (r"(?:para pegawai|pegawai|seluruh pegawai|asn|seluruh asn|pns|para asn)", "pegawai"),
    (r"(?:pemohon|masyarakat|warga|pemohon layanan|masyarakat pemohon)", "pemohon"),
]
_COMPILED = [(re.compile(rf"^{pattern}$"), key) for pattern, key in _RULES]

#: Words of a bare title whose meaning depends on the kind of agency.
_BY_KIND: dict[str, dict[str, str]] = {
    "sekretaris": {
        "kecamatan": "sekretaris-camat",
        "sekretariat daerah": "sekretaris-daerah",
        "dinas": "sekretaris-dinas",
        "badan": "sekretaris-badan",
        "inspektorat": "sekretaris-inspektorat",
        "kelurahan": "sekretaris-kelurahan",
        "desa": "sekretaris-desa",
        "sekretariat dprd": "sekretaris-dprd",
    },
    "kepala": {
        "kecamatan": "camat",
        "kelurahan": "lurah",
        "desa": "kepala-desa",
        "dinas": "kepala-dinas",
        "badan": "kepala-badan",
        "inspektorat": "inspektur",
        "sekretariat daerah": "sekretaris-daerah",
        "sekretariat dprd": "sekretaris-dprd",
    },
}
_BARE = {
    "sekretaris": "sekretaris",
    "kepala": "kepala",
    "pimpinan": "kepala",
    "kepala kantor": "kepala",
    "kepala instansi": "kepala",
    "kepala opd": "kepala",
    "kepala skpd": "kepala",
}
_KIND_LABEL = {
    "kecamatan": "kecamatan",
    "sekretariat daerah": "Sekretariat Daerah",
    "dinas": "dinas",
    "badan": "badan",
    "inspektorat": "Inspektorat",
    "kelurahan": "kelurahan",
    "desa": "desa",
    "sekretariat dprd": "Sekretariat DPRD",
}

#: Abbreviated sub-unit words expanded for display ("Kasubbag Prog" → unit "Program").
UNIT_ABBREVIATIONS: dict[str, str] = {
    "prog": "Program",
    "keu": "Keuangan",
    "umpeg": "Umum dan Kepegawaian",
    "renkeu": "Perencanaan dan Keuangan",
    "pem": "Pemerintahan",
    "trantib": "Ketenteraman dan Ketertiban Umum",
    "pmd": "Pemberdayaan Masyarakat Desa",
    "kessos": "Kesejahteraan Sosial",
    "yanum": "Pelayanan Umum",
    "wil": "Wilayah",
    "sakip": "SAKIP",
}
_SMALL_WORDS = {"dan", "di", "ke", "dari", "pada", "untuk", "atau", "serta"}
_ROMAN = re.compile(r"^(?=[ivxl]+$)l?x{0,3}(ix|iv|v?i{0,3})$")


def _normalise(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    text = re.sub(r"\([^)]*\)", " ", text)  # "Subkoordinator (Jabatan Fungsional)": an explanation
    text = text.replace("&", " dan ")
    text = re.sub(r"\s*/\s*", "/", text)
    text = re.sub(r"[^\w/]+", " ", text)
    return " ".join(text.split())


@lru_cache(maxsize=8192)  # a few hundred distinct spellings, looked up once per role column and alias
def role_text_key(name: str) -> str:
    """The comparable form of a written role name: casefold, no punctuation, single spaces."""
    return _normalise(name).replace("/", " / ")


def key_slug(text: str) -> str:
    """A stable URL-safe key of a role or unit name."""
    return slugify(text, default="peran")


def _display_unit(unit: str, written: str) -> str:
    """The sub-unit in the writer's own words, abbreviations spelt out ("PROG" → "Program")."""
    n = len(unit.split())
    text = re.sub(r"\([^)]*\)", " ", unicodedata.normalize("NFKC", written)).replace("&", " dan ")
    original = re.findall(r"\w+", text)[-n:]
    shouting = written.upper() == written
    words = []
    for w in original:
        low = w.casefold()
        if low in UNIT_ABBREVIATIONS:
            words.append(UNIT_ABBREVIATIONS[low])
        elif _ROMAN.match(low):
            words.append(w.upper())
        elif low in _SMALL_WORDS:
            words.append(low)
        elif shouting or w.islower():
            words.append(w[:1].upper() + w[1:].lower())
        else:
            words.append(w)
    return " ".join(words)


@dataclass(frozen=True)
class RoleReading:
    """What one written role name means across agencies."""

    written: str
    key: str  # canonical key (CANONICAL_ROLES), or a slug of the written name when unknown
    nama: str  # canonical display name, or the written name when unknown
    unit: str | None = None  # sub-unit, for display ("Perencanaan dan Keuangan", "Wilayah I", "SAKIP")
    inferred: bool = False  # the reading depends on the agency's kind, not on the words alone
    reason: str | None = None  # why, in Indonesian, when inferred
    known: bool = True  # False when no alias rule applied

    @property
    def unit_key(self) -> str | None:
        return key_slug(self.unit) if self.unit else None

    @property
    def label(self) -> str:
        return f"{self.nama} {self.unit}" if self.unit else self.nama


@lru_cache(maxsize=16384)  # pure and immutable: the same few hundred spellings recur in every SOP
def read_role(name: str, jenis: str | None = None) -> RoleReading:
    """The canonical reading of a written role name; ``jenis`` (the agency's kind) decides bare titles."""
    text = _normalise(name)
    if text in _BARE:
        word = _BARE[text]
        kind = kind_of(jenis) if jenis else None
        key = _BY_KIND.get(word, {}).get(kind or "")
        if key is None:
            return RoleReading(
                name,
                _BARE[text],
                CANONICAL_ROLES[_BARE[text]],
                inferred=True,
                reason=f"'{name.strip()}' tanpa keterangan; jabatan pastinya bergantung pada jenis "
                "instansi yang tidak diketahui.",
            )
        return RoleReading(
            name,
            key,
            CANONICAL_ROLES[key],
            inferred=True,
            reason=f"'{name.strip()}' di {_KIND_LABEL.get(kind or '', kind)} dibaca sebagai "
            f"{CANONICAL_ROLES[key]}.",
        )
    if text == "anggota":
        return RoleReading(
            name,
            "anggota-tim",
            CANONICAL_ROLES["anggota-tim"],
            inferred=True,
            reason="'Anggota' tanpa nama tim dibaca sebagai anggota tim pelaksana SOP ini.",
        )
    for pattern, key in _COMPILED:
        m = pattern.match(text)
        if m:
            unit = m.groupdict().get("unit")
            return RoleReading(name, key, CANONICAL_ROLES[key], _display_unit(unit, name) if unit else None)
    return RoleReading(name, key_slug(text), " ".join(name.split()), known=False)


@lru_cache(maxsize=1024)  # once per agency, not once per role column (a read-only mapping)
def _peran_lookup(agency: Agency) -> dict[str, RoleDefinition]:
    lookup: dict[str, RoleDefinition] = {}
    for role in agency.peran:
        for name in (role.nama, *role.alias):
            lookup.setdefault(role_text_key(name), role)
    return lookup


def map_role(written: str, agency: Agency) -> tuple[RoleReading, RoleDefinition | None]:
    """The canonical reading of a written role in an agency, and the agency's peran entry if it declares it.

    A declared role is read from its full ``nama`` ("Sekretaris Camat" for the alias "Sekretaris"). The
    reading stays flagged ``inferred`` when the written words alone do not say it (a bare "Sekretaris"):
    the peran list records the same inference, it does not make it printed fact.
    """
    context = agency.jenis or agency.nama
    alone = read_role(written, context)
    declared = _peran_lookup(agency).get(role_text_key(written))
    if declared is None:
        return alone, None
    reading = read_role(declared.nama, context)
    if not reading.known and alone.known and not alone.inferred:
        reading = alone  # peran nama unknown to the alias table, its alias known ("KADIS" → nama "Kepala")
    inferred = alone.inferred or reading.inferred
    reason = alone.reason or reading.reason
    if inferred and role_text_key(declared.nama) != role_text_key(written):
        reason = (reason or "") + f" Daftar peran instansi mencatatnya sebagai '{declared.nama}'."
    return RoleReading(
        written,
        reading.key,
        reading.nama,
        reading.unit,
        inferred,
        reason.strip() if reason else None,
        reading.known,
    ), declared


def position_name(written: str, agency: Agency) -> str:
    """The agency's full position name for a role column as written; the written name (spaces squashed)
    when the agency does not declare it."""
    declared = _peran_lookup(agency).get(role_text_key(written))
    return declared.nama if declared is not None else " ".join(written.split())
