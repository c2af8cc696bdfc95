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
* Otherwise the same agency first, then other agencies of the same pemerintah daerah, except
  territorial units (kecamatan, kelurahan, desa, puskesmas, UPTD) and internal routines every agency keeps
  its own copy of (:data:`INTERNAL_ROUTINES`: surat masuk, renstra, renja, perjanjian kinerja, …), which
  name the writer's own SOP. A title that carries its own agency's name ("Penyusunan Renstra Inspektorat")
  answers to the short form only inside that agency.
* Last in the pemda, the territorial units of a kind other than the writer's: a dinas naming a kelurahan's
  service means that service, and it resolves when exactly one unit's SOP matches at all (a pemda has many
  units; with two candidates the entry stays "ambigu"). A kecamatan never reaches another kecamatan's copy
  (it names its own), and internal routines stay out of reach.
* SOPs of other pemdas are reached only when the entry names them (:class:`MatchPolicy` can widen this).
* An SOP never links to itself; two candidates of equal rank leave the entry unresolved ("ambigu").

Thresholds, chosen on ``tests/data/keterkaitan_labelled.yml`` (192 labelled lines) and the five seeds;
``python -m tools.keterkaitan_eval --sweep`` prints the figures behind each choice. On the labelled set
the resolver links with precision 1.000 and recall 0.931 (95 of 102 true links; 0.902 before the
territorial reach and the spelling variants of :mod:`catalogue.rules.titles`). On the importer's corpus,
which it was never shaped on (shared/corpus, 43 lines, 6 true links), precision 1.000, recall 0.167: the
misses there name the target by other words or abbreviations, not typos.

* Titles are compared by :func:`catalogue.rules.titles.fuzzy_title_match`: typos only, under the word rule
  and threshold documented there (measured on the same labelled set).
* Candidates within :data:`AMBIGUITY_MARGIN` points of the best in the same tier make the entry ambiguous.
* The reach rules above are thresholds too: opening territorial units (without the one-candidate rule),
  other agencies' internal routines or other pemdas to unnamed entries drops precision to 0.96, 0.99 and
  0.96 (0.81 together) for no gain in recall on the labelled set (measured before issue 12).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from catalogue.model import Catalogue, Sop
from catalogue.problems import FieldPath, Problem, Severity
from catalogue.rules.sop_reference import did_you_mean, resolve_sop_reference
from catalogue.rules.titles import (
    KNOWN_WORDS,
    ParsedTitle,
    ScopePart,
    agency_kind,
    content_words,
    expand_abbreviations,
    fold_title,
    fuzzy_title_match,
    head_at,
    parse_scope,
    parse_title,
    words_pair_up,
)

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

#: Agencies a pemda has many of: reached only by an entry that names one.
TERRITORIAL_KINDS = frozenset({"kecamatan", "kelurahan", "desa", "puskesmas", "uptd"})

_NOMOR = re.compile(
    r"\b(?:nomor|no)\s*[.:]?\s*[:.]?\s*([0-9A-Za-z][0-9A-Za-z./\-]*\d[0-9A-Za-z./\-]*)", re.IGNORECASE
)
_BARE_NOMOR = re.compile(r"(?<![\w/])(\d[0-9A-Za-z.\-]*/[0-9A-Za-z./\-]+)")
_LIHAT_SOP = re.compile(r"\blihat\s+(?:pada\s+|di\s+)?(sop\b[^;()\n]*)", re.IGNORECASE)
_EMPTY_ENTRY = frozenset({"", "tidak ada", "nihil", "tidak", "n a", "none"})


def _contains(words: tuple[str, ...], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(words[i : i + n] == seq for i in range(len(words) - n + 1))


@lru_cache(maxsize=65536)
def is_internal_routine(words: tuple[str, ...]) -> bool:
    """True for titles of routines every agency keeps its own SOP for (surat masuk, renstra, …)."""
    if any(_contains(words, p) for p in _PEMDA_WIDE):
        return False
    return any(_contains(words, r) for r in INTERNAL_ROUTINES)


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
    return (text[: m.start()] + " " + text[m.end() :]).strip()


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


def _names_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    # Place names tolerate a typo in a long word, never a different word.
    return words_pair_up(a, b, frozenset())


class _Places:
    """Which catalogue agencies and pemdas a named place means."""

    def __init__(self, catalogue: Catalogue):
        self.pemda_names: dict[str, set[tuple[str, ...]]] = {}
        for slug, pemda in catalogue.pemdas.items():
            full = content_words(expand_abbreviations(fold_title(pemda.nama).split()))
            names = {full, tuple(expand_abbreviations(slug.split("-")))}
            parsed = parse_scope(list(full), 0)
            # "Pemerintah Kabupaten Balangan" answers to "Kabupaten Balangan".
            names.update(p.tokens for p in parsed or () if p.kind == "pemda")
            self.pemda_names[slug] = {n for n in names if n}
        self.agency_names: dict[str, set[tuple[str, ...]]] = {}
        self.pemda_of_agency: dict[str, str] = {}
        for agency_id, agency in catalogue.agencies.items():
            full = content_words(expand_abbreviations(fold_title(agency.nama).split()))
            names = {full, tuple(expand_abbreviations(agency.slug.split("-")))}
            parsed = parse_scope(list(full), 0)
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
    only_one: bool = False  # resolves only when a single SOP of the tier matches at all


Candidate = tuple[float, str, str]  # (score, sop id, how)


class _Resolver:
    def __init__(self, catalogue: Catalogue, policy: MatchPolicy):
        self.catalogue = catalogue
        self.policy = policy
        self.places = _Places(catalogue)
        self.kinds = {a.id: agency_kind(a) for a in catalogue.agencies.values()}
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
            if kind and len(parsed.full) > len(kind) and parsed.full[-len(kind) :] == kind:
                forms.setdefault(
                    parsed.full[: -len(kind)], True
                )  # "Penyusunan Renstra Kecamatan" in a kecamatan
            for words, own_only in forms.items():
                if not words:
                    continue
                for w in set(words):
                    self.postings.setdefault(w, set()).add(len(self.keys))
                self.keys.append(_TitleKey(words, tuple(sorted(words)), sop, own_only))
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
        territorial: list[str] = []
        elsewhere: list[str] = []
        own_kind = self.kinds.get(source.agency_id)
        for agency in self.catalogue.agencies.values():
            if agency.id == source.agency_id:
                continue
            kind = self.kinds[agency.id]
            if agency.pemda_slug != source.pemda_slug:
                if self.policy.other_pemdas and (
                    kind not in TERRITORIAL_KINDS or self.policy.territorial_units
                ):
                    elsewhere.append(agency.id)
            elif kind not in TERRITORIAL_KINDS or self.policy.territorial_units:
                same_pemda.append(agency.id)
            elif kind != own_kind:
                # A dinas naming a kelurahan's SOP: one kelurahan may have it, or several. Another kecamatan's
                # copy is never meant by a kecamatan, which names its own.
                territorial.append(agency.id)
        skip = not self.policy.internal_routines
        tiers = [_Tier(frozenset((source.agency_id,)), True, False)] if include_own else []
        tiers += [_Tier(frozenset(t), False, skip) for t in (same_pemda,) if t]
        if territorial:
            tiers.append(_Tier(frozenset(territorial), False, True, only_one=True))
        tiers += [_Tier(frozenset(t), False, skip) for t in (elsewhere,) if t]
        return tiers

    def _named_tiers(self, source: Sop, agencies: set[str]) -> list[_Tier]:
        same = tuple(a for a in agencies if a == source.agency_id)
        pemda = tuple(
            sorted(
                a
                for a in agencies
                if a != source.agency_id and self.places.pemda_of_agency[a] == source.pemda_slug
            )
        )
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
        # An SOP replaced by another of the same title is never what an entry means when its successor is
        # also a candidate: the entry names the procedure, and the one in force is it.
        if any(self.catalogue.sops[sid].in_force for sid in best) and len(best) > 1:
            best = {sid: c for sid, c in best.items() if self.catalogue.sops[sid].in_force}
        exact = [c for c in best.values() if c[2] == HOW_TITLE]
        if tier.only_one:
            return list(best.values())  # a typo'd copy in another unit still makes two candidates
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
            tied = found if tier.only_one else [c for c in found if best[0] - c[0] < AMBIGUITY_MARGIN]
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
        if kind and len(words) > len(kind) and words[-len(kind) :] == kind:
            # "SOP Penyusunan Laporan Kinerja Kecamatan" written in a kecamatan: its own.
            plan.append((words[: -len(kind)], [_Tier(frozenset((source.agency_id,)), True, False)]))
        head = head_at(words, len(words) - 1) if len(words) > 1 else None
        pemda_head = (
            head_at(fold_title(self.catalogue.pemdas[source.pemda_slug].nama).split(), 0)
            if source.pemda_slug in self.catalogue.pemdas
            else None
        )
        if head and head[1] == "pemda" and pemda_head and pemda_head[2] == head[2]:
            # "SOP Penyusunan Kinerja Kabupaten": the pemda level, so another agency of this pemda.
            plan.append((words[:-1], self._default_tiers(source, include_own=False)))
        plan.append((words, self._default_tiers(source)))
        return plan

    def resolve_text(
        self, source: Sop, text: str
    ) -> tuple[str | None, str | None, float, tuple[str, ...], str | None]:
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
        return resolve_sop_reference(self.catalogue, source, target)


def located_error(sop: Sop, field_path: FieldPath, message: str) -> Problem:
    from catalogue.source.yaml_reader import locate, read_text

    try:
        line, column = locate(read_text(sop.source), field_path)
    except Exception:  # noqa: BLE001 - a position is a courtesy; the problem itself stands
        line, column = 1, 1
    return Problem(Severity.ERROR, sop.source, message, field_path, line, column)


def _bad_target_message(catalogue: Catalogue, sop: Sop, target: str) -> str:
    hint = did_you_mean(catalogue, sop, target)
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
    return " ".join(fold_title(text).split()) in _EMPTY_ENTRY


def _resolve_one(
    resolver: _Resolver,
    sop: Sop,
    field_path: FieldPath,
    teks: str,
    target: str | None,
    step_no: str | None,
    problems: list[Problem],
) -> ResolvedEntry:
    catalogue = resolver.catalogue

    def unresolved(reason: str | None, tied: tuple[str, ...] = (), scope: str | None = None) -> ResolvedEntry:
        return ResolvedEntry(
            sop.id,
            teks,
            field_path,
            None,
            None,
            0.0,
            unresolved=reason,
            candidates=tied,
            scope=scope,
            step_no=step_no,
        )

    def linked(target_id: str, how: str, score: float, scope: str | None = None) -> ResolvedEntry:
        other = catalogue.sops[target_id]
        return ResolvedEntry(
            sop.id,
            teks,
            field_path,
            target_id,
            how,
            score,
            cross_agency=other.agency_id != sop.agency_id,
            cross_pemda=other.pemda_slug != sop.pemda_slug,
            scope=scope,
            step_no=step_no,
        )

    if target is not None:
        if target.strip() == "-":
            return unresolved(UNRESOLVED_ON_PURPOSE)
        target_path = field_path + ("target",)
        found = resolver.explicit(sop, target)
        if found == sop.id:
            problems.append(
                located_error(
                    sop,
                    target_path,
                    f"target keterkaitan '{target}' menunjuk SOP ini sendiri. Tulis id SOP lain, "
                    "atau hapus `target` bila butir ini memang tidak menunjuk SOP di katalog.",
                )
            )
            return unresolved(UNRESOLVED_BAD_TARGET)
        if found is None:
            problems.append(located_error(sop, target_path, _bad_target_message(catalogue, sop, target)))
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
        entries[sop.id] = [
            _resolve_one(resolver, sop, f, teks, target, no, problems) for f, teks, target, no in written
        ]

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
