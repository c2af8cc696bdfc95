"""Cross-agency comparison: SOPs on the same activity side by side, for auditors.

Grouping: an explicit ``topik`` in the source wins (every SOP with the same topik is one group, and only
there). SOPs without a topik are grouped by title: titles compare after the normalisation of
:mod:`catalogue.rules.titles`, with any appended agency or region name removed ("Pengukuran Kinerja Kecamatan
Purbalingga" → "pengukuran kinerja"), and match when equal or equal up to typos under the same word rule and
threshold as Keterkaitan links (:func:`catalogue.rules.titles.fuzzy_title_match`, ``FUZZY_MIN_SCORE`` 90):
a comparison table that puts two different procedures side by side misleads an auditor as much as a wrong
link misleads the public. A group needs SOPs of at least two agencies; two SOPs of one agency are not a
cross-agency comparison. Only SOPs in force are compared (a replaced or revoked SOP keeps its own page).

Per SOP the table shows: agency, nomor, nama, number of steps, roles (canonical, see :mod:`catalogue.analysis.roles`),
the duration of the normal path through the flowchart (:func:`catalogue.rules.flow.normal_path`; summing every row
would count correction loops), the last output and all distinct outputs, and legal bases split into those
every SOP of the group cites and those only some cite. Regulations are compared by the legal index's
identity (:func:`catalogue.rules.citations.regulation_id`), passed in as ``regulation_ids(sop) -> set[str]``;
roles, steps and durations come from the role index and the SOP summaries of the same analysis.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from catalogue.model import Catalogue, Sop
from catalogue.rules.durations import DurationTotal
from catalogue.rules.titles import agency_kind, fuzzy_title_match, parse_title
from catalogue.text import slugify

from .roles import RoleIndex
from .summary import ProcedureSummary

RegulationIds = Callable[[Sop], set[str]]

# --------------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleCell:
    key: str  # canonical key
    nama: str  # canonical display name
    unit: str | None
    written: str  # as the SOP writes it

    @property
    def label(self) -> str:
        return f"{self.nama} ({self.unit})" if self.unit else self.nama


@dataclass(frozen=True)
class ComparisonRow:
    sop_id: str
    agency_id: str
    agency_nama: str
    pemda_nama: str
    nomor: str
    nama: str
    steps: int  # rows of the procedure table
    normal_path_steps: int  # steps on the normal path (decisions taking their forward branch)
    roles: tuple[RoleCell, ...]  # in column order, one per canonical role and unit
    duration: DurationTotal  # of the normal path
    duration_text: str  # format_total of it; see duration.unparsed for steps left out
    last_output: str | None
    outputs: tuple[str, ...]  # distinct, in step order
    regulations: frozenset[str]
    regulations_only_here: tuple[str, ...]  # cited by this SOP and no other of the group


@dataclass(frozen=True)
class ComparisonGroup:
    key: str  # URL-safe: the topik, or a slug of the shared title
    title: str
    basis: str  # "topik" | "judul"
    rows: tuple[ComparisonRow, ...]
    shared_regulations: tuple[str, ...]  # cited by every SOP of the group
    partial_regulations: tuple[tuple[str, tuple[str, ...]], ...]  # (id, citing SOP ids) cited by only some
    regulation_labels: dict[str, str]  # id -> display text

    @property
    def sop_ids(self) -> tuple[str, ...]:
        return tuple(r.sop_id for r in self.rows)

    @property
    def agencies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.agency_id for r in self.rows))

    @property
    def shared_roles(self) -> tuple[str, ...]:
        """Canonical role keys every SOP of the group has."""
        sets = [{c.key for c in r.roles} for r in self.rows]
        common = set.intersection(*sets) if sets else set()
        return tuple(k for k in dict.fromkeys(c.key for r in self.rows for c in r.roles) if k in common)


def _distinct(texts) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for t in texts:
        if t and " ".join(t.split()).casefold() not in seen:
            seen[" ".join(t.split()).casefold()] = " ".join(t.split())
    return tuple(seen.values())


def _row(
    catalogue: Catalogue, sop: Sop, roles: RoleIndex, summary: ProcedureSummary, regulations: frozenset[str]
) -> ComparisonRow:
    agency = catalogue.agency_of(sop)
    path = summary.path_indexes
    cells: dict[tuple[str, str | None], RoleCell] = {}
    for written in sop.pelaksana:
        reading = roles.reading_of(sop.id, written)
        if reading is None:
            continue
        cells.setdefault(
            (reading.key, reading.unit_key), RoleCell(reading.key, reading.nama, reading.unit, written)
        )
    last = sop.langkah[path[-1]].output if path else None
    return ComparisonRow(
        sop_id=sop.id,
        agency_id=agency.id,
        agency_nama=agency.nama,
        pemda_nama=catalogue.pemda_of(sop).nama,
        nomor=sop.nomor,
        nama=sop.nama,
        steps=len(sop.langkah),
        normal_path_steps=len(path),
        roles=tuple(cells.values()),
        duration=summary.duration,
        duration_text=summary.duration_text,
        last_output=last,
        outputs=_distinct(s.output for s in sop.langkah),
        regulations=regulations,
        regulations_only_here=(),
    )


def _group(
    catalogue: Catalogue,
    key: str,
    title: str,
    basis: str,
    sops: list[Sop],
    roles: RoleIndex,
    summaries: dict[str, ProcedureSummary],
    regulation_ids: RegulationIds,
    labels: dict[str, str],
) -> ComparisonGroup:
    sops = sorted(sops, key=lambda s: (catalogue.pemda_of(s).nama, catalogue.agency_of(s).nama, s.nama, s.id))
    regs = {s.id: frozenset(regulation_ids(s)) for s in sops}
    counts = Counter(r for ids in regs.values() for r in ids)
    shared = tuple(sorted(r for r, n in counts.items() if n == len(sops)))
    partial = tuple(
        (r, tuple(s.id for s in sops if r in regs[s.id]))
        for r, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if n < len(sops)
    )
    rows = []
    for s in sops:
        row = _row(catalogue, s, roles, summaries[s.id], regs[s.id])
        only = tuple(sorted(r for r in regs[s.id] if counts[r] == 1))
        rows.append(ComparisonRow(**{**row.__dict__, "regulations_only_here": only}))
    used = {r for ids in regs.values() for r in ids}
    return ComparisonGroup(
        key, title, basis, tuple(rows), shared, partial, {r: labels.get(r, r) for r in sorted(used)}
    )


# --------------------------------------------------------------------------------------------------
# Grouping
# --------------------------------------------------------------------------------------------------


def comparable_title(sop: Sop, kind: str | None = None) -> tuple[str, ...]:
    """An SOP's title words for grouping: normalised, any appended place and a trailing agency kind removed."""
    parsed = parse_title(sop.nama)
    words = parsed.tokens
    kind_words = tuple((kind or "").split())
    if kind_words and len(words) > len(kind_words) and words[-len(kind_words) :] == kind_words:
        words = words[: -len(kind_words)]
    return words


class _UnionFind:
    def __init__(self, items):
        self.parent = {i: i for i in items}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _similar_keys(keys: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Pairs of distinct title keys that are the same title up to typos.

    Candidates are blocked on the two rarest words of a title: two titles equal up to typos share every
    word but the typo'd ones, so they share one of those unless both carry typos.
    """
    frequency = Counter(w for k in keys for w in set(k))
    postings: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        for w in set(k):
            postings.setdefault(w, []).append(i)
    pairs: list[tuple[int, int]] = []
    for i, k in enumerate(keys):
        rare = sorted(set(k), key=lambda w: (frequency[w], w))[:2]
        seen: set[int] = set()
        for w in rare:
            for j in postings[w]:
                if j <= i or j in seen or len(keys[j]) != len(k):
                    continue
                seen.add(j)
                if fuzzy_title_match(k, keys[j]) is not None or fuzzy_title_match(keys[j], k) is not None:
                    pairs.append((i, j))
    return pairs


def group_comparable(
    catalogue: Catalogue,
    roles: RoleIndex,
    summaries: dict[str, ProcedureSummary],
    regulation_ids: RegulationIds,
    regulation_label: Callable[[str], str],
) -> list[ComparisonGroup]:
    """Groups of SOPs of two or more agencies on the same activity, each with its comparison table;
    regulations compared by ``regulation_ids`` and named by ``regulation_label``."""
    # Current practice only: an SOP replaced or revoked is no longer how its agency works.
    sops = [sop for sop in catalogue.sops.values() if sop.in_force]
    labels = {r: regulation_label(r) for r in {r for s in sops for r in regulation_ids(s)}}

    groups: list[ComparisonGroup] = []
    by_topik: dict[str, list[Sop]] = {}
    untopiked: list[Sop] = []
    for sop in sops:
        if sop.topik:
            by_topik.setdefault(sop.topik.strip(), []).append(sop)
        else:
            untopiked.append(sop)
    for topik, members in by_topik.items():
        if len({s.agency_id for s in members}) >= 2:
            title = " ".join(w[:1].upper() + w[1:] for w in re.split(r"[-_\s]+", topik) if w)
            groups.append(
                _group(
                    catalogue,
                    slugify(topik, default="topik"),
                    title,
                    "topik",
                    members,
                    roles,
                    summaries,
                    regulation_ids,
                    labels,
                )
            )

    kinds = {a.id: agency_kind(a) for a in catalogue.agencies.values()}
    by_key: dict[tuple[str, ...], list[Sop]] = {}
    for sop in untopiked:
        key = comparable_title(sop, kinds.get(sop.agency_id))
        if key:
            by_key.setdefault(key, []).append(sop)
    keys = list(by_key)
    union = _UnionFind(range(len(keys)))
    for i, j in _similar_keys(keys):
        union.union(i, j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(keys)):
        clusters.setdefault(union.find(i), []).append(i)
    taken = {g.key for g in groups}
    for members in clusters.values():
        group_sops = [s for i in members for s in by_key[keys[i]]]
        if len({s.agency_id for s in group_sops}) < 2:
            continue
        # The most common spelling of the title names the group.
        title = Counter(" ".join(s.nama.split()) for s in group_sops).most_common(1)[0][0]
        main_key = max((keys[i] for i in members), key=lambda k: (len(by_key[k]), k))
        key = slugify(" ".join(main_key), default="judul")
        while key in taken:
            key += "-judul"
        taken.add(key)
        groups.append(
            _group(catalogue, key, title, "judul", group_sops, roles, summaries, regulation_ids, labels)
        )
    return sorted(groups, key=lambda g: (g.title.casefold(), g.key))
