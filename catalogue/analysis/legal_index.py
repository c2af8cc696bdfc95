"""The legal index: every regulation the catalogue's Dasar Hukum boxes cite, who cites it, and what an auditor
should look at.

Each Dasar Hukum line is parsed by :func:`catalogue.rules.citations.parse_citation`, unless the source gives a
manual parse (``rujukan``), which then replaces the parser's output for that line. A regional regulation
written without its region ("Perbup Nomor 5 Tahun 2020") takes the region of the SOP's pemda, and the citation
records that the issuer was inferred.

Findings (:class:`LegalFinding`), one per SOP line and regulation:

``dicabut``
    The line cites a regulation the registry records as revoked; names the regulation(s) in force that replace
    it (following chains of revocations) and the registry's source.
``induk_dicabut``
    The line cites an implementing regulation whose parent (named in its title as "Pelaksanaan …", or the
    registry's ``melaksanakan``) is revoked. An inference: the implementing regulation may still be in force.
``salah_ketik``
    Suspected mistype: a regulation cited with the title of another regulation of the same jenis and issuer
    whose nomor or tahun differs by one typing slip (one character changed, added, dropped or two swapped).
    The one probably meant is the registry's (when only one of the two is registered) or else the one more
    SOPs cite; a tie is reported undecided. Always an inference, said so in the message. A registered
    regulation is never the suspect: PP 58/2005 and PP 12/2019 share a title because one replaced the other.
``tidak_terurai``
    A line the parser could not read as any regulation.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from catalogue.model import Catalogue, DasarHukum, LegalReference, Sop
from catalogue.rules.citations import (
    CITING_ROLES,
    DILAKSANAKAN,
    TAMBAHAN,
    UTAMA,
    CitationParse,
    CitedRegulation,
    canonical_reference,
    parse_citation,
    peraturan_go_id_url,
    regulation_id,
    short_name,
    with_region,
)
from catalogue.source.registry import RegistryEntry, RegulationRegistry
from catalogue.text import ascii_words

DICABUT = "dicabut"
INDUK_DICABUT = "induk_dicabut"
SALAH_KETIK = "salah_ketik"
TIDAK_TERURAI = "tidak_terurai"

#: Order of kinds of regulation in listings: the hierarchy of Indonesian legislation, then the rest.
JENIS_ORDER = (
    "Undang-Undang Dasar",
    "Undang-Undang",
    "Peraturan Pemerintah Pengganti Undang-Undang",
    "Peraturan Pemerintah",
    "Peraturan Presiden",
    "Keputusan Presiden",
    "Instruksi Presiden",
    "Peraturan Menteri",
    "Keputusan Menteri",
    "Peraturan Kepala",
    "Peraturan Badan",
    "Peraturan Lembaga",
    "Peraturan Daerah",
    "Peraturan Gubernur",
    "Peraturan Bupati",
    "Peraturan Wali Kota",
    "Peraturan Kepala Daerah",
    "Keputusan Gubernur",
    "Keputusan Bupati",
    "Keputusan Wali Kota",
    "Surat Edaran",
)


@dataclass(frozen=True)
class Citation:
    """One place where a regulation is cited: an SOP's Dasar Hukum line."""

    sop_id: str
    line: int  # index in the SOP's dasar_hukum, from 0
    teks: str  # the line as written
    role: str
    manual: bool = False  # from the source's ``rujukan``, not the parser
    penerbit_disimpulkan: bool = False  # regional issuer taken from the SOP's pemda


@dataclass(frozen=True)
class Regulation:
    """One regulation of the index."""

    id: str
    reference: LegalReference  # canonical; ``tentang`` is the registry's title, else the most written one
    entry: RegistryEntry | None
    citations: tuple[Citation, ...]
    judul_tertulis: tuple[str, ...]  # titles as the SOPs wrote them, most frequent first

    @property
    def short_name(self) -> str:
        return short_name(self.reference)

    @property
    def url(self) -> str | None:
        return peraturan_go_id_url(self.reference)

    @property
    def sop_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.sop_id for c in self.citations))


@dataclass(frozen=True)
class LineReference:
    """One regulation named on a Dasar Hukum line, as the index identifies it."""

    regulation_id: str
    reference: LegalReference  # as written, its regional issuer filled in from the SOP's pemda where missing
    role: str  # its role on the line (catalogue.rules.citations: utama, pengubah, …, disebut)
    penerbit_disimpulkan: bool  # the regional issuer was not written but taken from the SOP's pemda

    @property
    def is_citation(self) -> bool:
        return self.role in CITING_ROLES


@dataclass(frozen=True)
class LineParse:
    """One Dasar Hukum line with its parse and the regulations it resolves to."""

    sop_id: str
    line: int
    teks: str
    parse: CitationParse
    regulation_ids: tuple[str, ...]  # cited regulations (citing roles), primary first
    manual: bool
    references: tuple[
        LineReference, ...
    ] = ()  # every regulation named, cited or only mentioned, in line order

    @property
    def cited(self) -> tuple[LineReference, ...]:
        return tuple(r for r in self.references if r.is_citation)

    @property
    def mentioned(self) -> tuple[LineReference, ...]:
        return tuple(r for r in self.references if not r.is_citation)


@dataclass(frozen=True)
class LegalFinding:
    """Something an auditor should check about one Dasar Hukum line."""

    kind: str  # dicabut | induk_dicabut | salah_ketik | tidak_terurai
    sop_id: str
    line: int
    teks: str
    message: str  # Indonesian, for the reader
    regulation_id: str | None = None
    related_ids: tuple[str, ...] = ()  # replacements, the revoked parent, or the regulation probably meant
    inference: bool = False  # a guess the catalogue made, not a recorded fact
    basis: str | None = None  # registri | mayoritas | seri, for inferences

    @property
    def regulation_ids(self) -> tuple[str, ...]:
        """The regulations this finding concerns, each of whose pages lists it: the one cited, and those
        related (replacements, the revoked parent, the one probably meant)."""
        cited = (self.regulation_id,) if self.regulation_id else ()
        return cited + tuple(r for r in self.related_ids if r != self.regulation_id)


@dataclass(frozen=True)
class LegalIndex:
    regulations: dict[str, Regulation]  # in listing order (JENIS_ORDER, penerbit, tahun, nomor)
    by_jenis: dict[str, tuple[str, ...]]  # jenis → regulation ids, in JENIS_ORDER
    by_tahun: dict[str, tuple[str, ...]]  # tahun → regulation ids, oldest year first
    lines: dict[str, tuple[LineParse, ...]]  # SOP id → its Dasar Hukum lines
    findings: tuple[LegalFinding, ...] = field(default=())

    def regulation(self, ref: LegalReference | str) -> Regulation | None:
        return self.regulations.get(ref if isinstance(ref, str) else regulation_id(ref))

    def regulations_of(self, sop_id: str) -> tuple[Regulation, ...]:
        ids = dict.fromkeys(i for lp in self.lines.get(sop_id, ()) for i in lp.regulation_ids)
        return tuple(self.regulations[i] for i in ids)

    def findings_of(self, sop_id: str) -> tuple[LegalFinding, ...]:
        return tuple(f for f in self.findings if f.sop_id == sop_id)

    def findings_about(self, regulation_id: str) -> tuple[LegalFinding, ...]:
        """The findings a regulation's page lists: every one concerning it, from any SOP."""
        return tuple(f for f in self.findings if regulation_id in f.regulation_ids)


# --- building ----------------------------------------------------------------------------------------------


def parse_line(item: DasarHukum) -> tuple[CitationParse, bool]:
    """The parse of one line: the source's manual ``rujukan`` when given, else the parser's."""
    if item.rujukan:
        found = tuple(
            CitedRegulation(canonical_reference(ref), UTAMA if i == 0 else TAMBAHAN)
            for i, ref in enumerate(item.rujukan)
        )
        return CitationParse(item.teks, found, False, ("uraian manual (rujukan) dari berkas sumber",)), True
    return parse_citation(item.teks), False


def _pemda_name(catalogue: Catalogue, sop: Sop) -> str:
    pemda = catalogue.pemdas.get(sop.pemda_slug)
    return pemda.nama if pemda is not None else ""


def build_legal_index(catalogue: Catalogue, registry: RegulationRegistry | None = None) -> LegalIndex:
    """Index every Dasar Hukum line of the catalogue against the registry."""
    registry = registry if registry is not None else RegulationRegistry()
    refs: dict[str, LegalReference] = {}
    cites: dict[str, list[Citation]] = defaultdict(list)
    titles: dict[str, Counter] = defaultdict(Counter)
    lines: dict[str, tuple[LineParse, ...]] = {}
    findings: list[LegalFinding] = []
    parent_mentions: list[tuple[str, int, str, str, str]] = []  # (sop, line, text, cited id, parent id)

    for sop in catalogue.sops.values():
        pemda_name = _pemda_name(catalogue, sop)
        sop_lines: list[LineParse] = []
        for index, item in enumerate(sop.dasar_hukum):
            parse, manual = parse_line(item)
            ids: list[str] = []
            named: list[LineReference] = []
            primary_id: str | None = None
            for cited in parse.found:
                ref, inferred = cited.reference, False
                filled = with_region(ref, pemda_name)
                if filled is not None:
                    ref, inferred = filled, True
                key = regulation_id(ref)
                named.append(LineReference(key, ref, cited.role, inferred))
                if not cited.is_citation:
                    if cited.role == DILAKSANAKAN and primary_id is not None:
                        parent_mentions.append((sop.id, index, item.teks, primary_id, key))
                    continue
                if primary_id is None:
                    primary_id = key
                refs.setdefault(key, LegalReference(ref.jenis, ref.nomor, ref.tahun, ref.penerbit))
                cites[key].append(Citation(sop.id, index, item.teks, cited.role, manual, inferred))
                if ref.tentang:
                    titles[key][ref.tentang] += 1
                ids.append(key)
            sop_lines.append(
                LineParse(sop.id, index, item.teks, parse, tuple(dict.fromkeys(ids)), manual, tuple(named))
            )
            if parse.unparsed:
                detail = f" ({'; '.join(parse.notes)})" if parse.notes else ""
                findings.append(
                    LegalFinding(
                        TIDAK_TERURAI,
                        sop.id,
                        index,
                        item.teks,
                        "Baris ini tidak dapat diuraikan menjadi rujukan peraturan (jenis, nomor, tahun)"
                        f"{detail}. "
                        "Bila baris ini memang mengutip peraturan, tambahkan `rujukan` pada butir ini.",
                    )
                )
        lines[sop.id] = tuple(sop_lines)

    regulations: dict[str, Regulation] = {}
    for key in sorted(refs, key=lambda k: _sort_key(refs[k])):
        entry = registry.get(key)
        written = tuple(
            t for t, _ in sorted(titles[key].items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
        )
        base = entry.reference if entry is not None else refs[key]
        tentang = entry.reference.tentang if entry is not None else (written[0] if written else None)
        reference = LegalReference(base.jenis, base.nomor, base.tahun, base.penerbit, tentang)
        regulations[key] = Regulation(key, reference, entry, tuple(cites[key]), written)

    findings.extend(_revoked_findings(regulations, registry))
    findings.extend(_parent_findings(regulations, registry, parent_mentions))
    findings.extend(_mistype_findings(regulations, registry))
    findings.sort(key=lambda f: (f.sop_id, f.line, f.kind, f.regulation_id or ""))

    by_jenis: dict[str, list[str]] = defaultdict(list)
    by_tahun: dict[str, list[str]] = defaultdict(list)
    for key, reg in regulations.items():
        by_jenis[reg.reference.jenis].append(key)
        by_tahun[reg.reference.tahun].append(key)
    return LegalIndex(
        regulations,
        {j: tuple(by_jenis[j]) for j in sorted(by_jenis, key=_jenis_rank)},
        {t: tuple(by_tahun[t]) for t in sorted(by_tahun)},
        lines,
        tuple(findings),
    )


def _jenis_rank(jenis: str) -> tuple[int, str]:
    return (JENIS_ORDER.index(jenis) if jenis in JENIS_ORDER else len(JENIS_ORDER), jenis)


def _nomor_key(nomor: str) -> tuple[int, str]:
    m = re.match(r"\d+", nomor)
    return (int(m.group(0)) if m else 10**9, nomor)


def _sort_key(ref: LegalReference) -> tuple:
    return (_jenis_rank(ref.jenis), ref.penerbit or "", ref.tahun, _nomor_key(ref.nomor))


def _names(ids_or_refs) -> str:
    return ", ".join(short_name(r) for r in ids_or_refs)


# --- findings ----------------------------------------------------------------------------------------------


def _revoked_findings(regulations: dict[str, Regulation], registry: RegulationRegistry) -> list[LegalFinding]:
    out: list[LegalFinding] = []
    for key, reg in regulations.items():
        entry = reg.entry
        if entry is None or not entry.is_revoked:
            continue
        direct = entry.dicabut_oleh
        final = registry.replacements(key)
        message = f"{reg.short_name} telah dicabut oleh {_names(direct)}"
        if {regulation_id(r) for r in final} != {regulation_id(r) for r in direct}:
            message += f"; pengganti yang kini berlaku: {_names(final)}"
        message += f" (sumber: {entry.sumber.rstrip('.')})." if entry.sumber else "."
        for c in reg.citations:
            out.append(
                LegalFinding(
                    DICABUT, c.sop_id, c.line, c.teks, message, key, tuple(regulation_id(r) for r in final)
                )
            )
    return out


def _parent_findings(
    regulations: dict[str, Regulation],
    registry: RegulationRegistry,
    mentions: list[tuple[str, int, str, str, str]],
) -> list[LegalFinding]:
    pairs: dict[tuple[str, int, str, str], str] = {}
    for sop_id, line, teks, cited, parent in mentions:
        pairs[(sop_id, line, cited, parent)] = teks
    for key, reg in regulations.items():
        if reg.entry is None:
            continue
        for parent in reg.entry.melaksanakan:
            for c in reg.citations:
                pairs.setdefault((c.sop_id, c.line, key, regulation_id(parent)), c.teks)
    out: list[LegalFinding] = []
    for (sop_id, line, cited, parent), teks in pairs.items():
        parent_entry = registry.get(parent)
        if parent_entry is None or not parent_entry.is_revoked:
            continue
        name = regulations[cited].short_name
        final = registry.replacements(parent)
        out.append(
            LegalFinding(
                INDUK_DICABUT,
                sop_id,
                line,
                teks,
                f"{name} adalah peraturan pelaksanaan {short_name(parent_entry.reference)}, yang telah "
                f"dicabut oleh {_names(parent_entry.dicabut_oleh)}. Periksa apakah {name} masih berlaku "
                "(dugaan katalog, bukan fakta yang tercatat).",
                cited,
                (parent,) + tuple(regulation_id(r) for r in final),
                True,
                "registri",
            )
        )
    return out


def normalise_title(title: str) -> str:
    """Lowercase ASCII words only: the form in which two written regulation titles are compared."""
    return " ".join(ascii_words(title))


def titles_match(a: str, b: str) -> bool:
    """Same title as written by two agencies: equal, one truncating the other, or a near-identical copy."""
    a, b = normalise_title(a), normalise_title(b)
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if len(short.split()) >= 5 and long.startswith(short):
        return True
    return min(len(a.split()), len(b.split())) >= 4 and fuzz.ratio(a, b) >= 90


def is_typing_slip(a: LegalReference, b: LegalReference) -> bool:
    """Same nomor and a year one slip away, or same year and a nomor one slip away (86 ↔ 96, 2011 ↔ 2001)."""
    if (a.nomor, a.tahun) == (b.nomor, b.tahun):
        return False
    if a.nomor == b.nomor:
        return DamerauLevenshtein.distance(a.tahun, b.tahun) <= 1
    if a.tahun == b.tahun:
        return DamerauLevenshtein.distance(a.nomor, b.nomor) <= 1
    return False


def _mistype_findings(regulations: dict[str, Regulation], registry: RegulationRegistry) -> list[LegalFinding]:
    # candidates: cited regulations plus registered ones (the registry's title is the reference)
    titles: dict[str, list[str]] = {}
    refs: dict[str, LegalReference] = {}
    for key, reg in regulations.items():
        titles[key] = list(reg.judul_tertulis)
        refs[key] = reg.reference
    for key, entry in registry.entries.items():
        titles.setdefault(key, [])
        if entry.reference.tentang:
            titles[key].append(entry.reference.tentang)
        refs.setdefault(key, entry.reference)
    groups: dict[tuple[str, str | None], list[str]] = defaultdict(list)
    for key, ref in refs.items():
        groups[(ref.jenis, ref.penerbit)].append(key)

    out: list[LegalFinding] = []
    undecided: set[frozenset[str]] = set()
    for members in groups.values():
        for suspect in members:
            if suspect not in regulations or suspect in registry:
                continue
            for other in members:
                if other == suspect or not is_typing_slip(refs[suspect], refs[other]):
                    continue
                if not any(titles_match(a, b) for a in titles[suspect] for b in titles[other]):
                    continue
                s_count = len(regulations[suspect].sop_ids)
                o_count = len(regulations[other].sop_ids) if other in regulations else 0
                if other in registry:
                    basis = "registri"
                    why = f"{short_name(refs[other])} tercatat di registri peraturan dengan judul itu"
                elif o_count > s_count:
                    basis = "mayoritas"
                    why = (
                        f"{short_name(refs[other])} dikutip dengan judul yang sama oleh {o_count} SOP, "
                        f"{short_name(refs[suspect])} oleh {s_count}"
                    )
                else:
                    if o_count == s_count:
                        undecided.add(frozenset((suspect, other)))
                    continue
                suspect_name, other_name = short_name(refs[suspect]), short_name(refs[other])
                message = (
                    f"{suspect_name} dikutip dengan judul {other_name}; kemungkinan yang dimaksud "
                    f"{other_name} ({why}). Ini dugaan katalog, bukan kepastian: periksa naskah SOP."
                )
                for c in regulations[suspect].citations:
                    out.append(
                        LegalFinding(
                            SALAH_KETIK, c.sop_id, c.line, c.teks, message, suspect, (other,), True, basis
                        )
                    )
    for pair in undecided:
        a, b = sorted(pair)
        message = (
            f"{short_name(refs[a])} dan {short_name(refs[b])} dikutip dengan judul yang sama dan nomor/tahun "
            "yang hanya berbeda satu ketikan; salah satunya mungkin salah ketik, tetapi katalog tidak dapat "
            "memutuskan yang mana (jumlah SOP pengutip sama). Periksa naskah SOP."
        )
        for key, other in ((a, b), (b, a)):
            for c in regulations[key].citations:
                out.append(
                    LegalFinding(SALAH_KETIK, c.sop_id, c.line, c.teks, message, key, (other,), True, "seri")
                )
    return out


__all__ = [
    "CITING_ROLES",
    "Citation",
    "LegalFinding",
    "LegalIndex",
    "LineParse",
    "Regulation",
    "build_legal_index",
    "is_typing_slip",
    "normalise_title",
    "parse_line",
    "titles_match",
]
