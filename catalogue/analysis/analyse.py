"""One analysis of a catalogue: every index and every problem, computed once and lazily.

``sop check``, the site build and ``sop export`` each call :func:`analyse_sources` and read everything they
show from the :class:`Analysis` it returns, so the three cannot disagree: they give one verdict
(:attr:`Analysis.errors`) on one set of problems, and the pages and the open data state the same links,
roles and regulations. Nothing downstream builds an index or re-derives a rule.

The indexes are computed on first use (a build that writes no comparison pages never groups SOPs), and at
most once: an :class:`Analysis` is immutable, and its fields are cached on it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from catalogue.memo import IdentityMemo
from catalogue.model import Catalogue, Sop
from catalogue.problems import Problem
from catalogue.rules.review_due import (
    REVIEW_AFTER_YEARS,
    ReviewFinding,
    ReviewSchedule,
    reference_date,
    review_findings,
    review_schedule,
)
from catalogue.rules.version import sop_version
from catalogue.source.catalogue_meta import CatalogueMeta, default_meta_path, read_catalogue_meta
from catalogue.source.load import FileCache, load_catalogue
from catalogue.source.registry import RegulationRegistry, default_registry_path, load_registry

from .comparison import ComparisonGroup, group_comparable
from .edition import INTERNAL, PUBLIC, public_catalogue
from .facets import sop_facets
from .keterkaitan import KeterkaitanIndex, resolve_keterkaitan
from .legal_index import LegalIndex, build_legal_index
from .lifecycle import LifecycleIndex, build_lifecycle
from .monev import MonevIndex, build_monev_index
from .roles import RoleIndex, build_role_index
from .summary import ProcedureSummary, summarise


@dataclass(frozen=True)
class Sources:
    """Where a catalogue's source files are: the SOP tree, the regulation registry and the catalogue
    metadata. The defaults sit beside the SOP tree (``content/sops`` → ``content/peraturan.yml``,
    ``content/katalog.yml``), for the command line and the site alike."""

    root: Path
    registry: Path
    meta: Path
    #: Only these pemda folders: a shard of a national catalogue (catalogue.shards); empty: all.
    pemda: tuple[str, ...] = ()

    @classmethod
    def at(
        cls,
        root: Path,
        *,
        registry: Path | None = None,
        meta: Path | None = None,
        pemda: tuple[str, ...] = (),
    ) -> Sources:
        root = Path(root)
        return cls(
            root,
            Path(registry) if registry is not None else default_registry_path(root),
            Path(meta) if meta is not None else default_meta_path(root),
            tuple(pemda),
        )


@dataclass(frozen=True)
class Analysis:
    """A catalogue with its registry and metadata, every index built from them, and every problem found."""

    catalogue: Catalogue
    registry: RegulationRegistry = field(default_factory=RegulationRegistry)
    meta: CatalogueMeta | None = field(default_factory=CatalogueMeta)  # None: katalog.yml has errors
    meta_problems: tuple[Problem, ...] = ()
    edition: str = INTERNAL  # catalogue.analysis.edition: what this analysis publishes
    #: The whole catalogue's analysis when this one is an edition of it: the verdict is always the whole's.
    whole: Analysis | None = field(default=None, repr=False, compare=False)
    #: Values derived from one SOP alone, kept across analyses while the SOP object is the same (serve).
    memo: IdentityMemo = field(default_factory=IdentityMemo, repr=False, compare=False)

    # -- the verdict ---------------------------------------------------------------------------------------

    @cached_property
    def problems(self) -> tuple[Problem, ...]:
        """Every error and warning of every rule: the sources, the registry, the metadata, the links."""
        if self.whole is not None:
            return self.whole.problems
        return (
            *self.catalogue.problems,
            *self.registry.problems,
            *self.meta_problems,
            *self.links.problems,
            *self.lifecycle.problems,
        )

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Warnings, values awaiting review (:attr:`reviews`) among them."""
        return tuple(p for p in self.problems if not p.is_error)

    @cached_property
    def withheld(self) -> frozenset[Path]:
        """Source files of the SOPs this edition leaves out (drafts, in the public edition): pages that list
        problems leave theirs out too."""
        if self.whole is None:
            return frozenset()
        return frozenset(
            s.source for i, s in self.whole.catalogue.sops.items() if i not in self.catalogue.sops
        )

    @property
    def reviews(self) -> tuple[Problem, ...]:
        """Values awaiting a person's review: a strict check or build refuses them."""
        return tuple(p for p in self.problems if p.is_review)

    @cached_property
    def public(self) -> Analysis:
        """The public edition of this analysis (itself when it is one): what the open data is made from in
        every build, so that data files copied from an internal site still hold nothing internal."""
        if self.edition == PUBLIC:
            return self
        return Analysis(
            public_catalogue(self.catalogue),
            self.registry,
            self.meta,
            self.meta_problems,
            edition=PUBLIC,
            whole=self,
            memo=self.memo,
        )

    # -- the indexes ---------------------------------------------------------------------------------------

    @cached_property
    def legal(self) -> LegalIndex:
        """Every regulation cited, who cites it, its registry status, and the auditor's findings."""
        return build_legal_index(self.catalogue, self.registry)

    @cached_property
    def _whole_with_same_sops(self) -> Analysis | None:
        """The whole catalogue's analysis when this edition holds the very same SOPs (no drafts left out):
        the indexes made from the SOPs alone are then the whole's, which the verdict computed already."""
        whole = self.whole
        if whole is None or len(whole.catalogue.sops) != len(self.catalogue.sops):
            return None
        mine = self.catalogue.sops
        return whole if all(mine.get(i) is sop for i, sop in whole.catalogue.sops.items()) else None

    @cached_property
    def links(self) -> KeterkaitanIndex:
        """Where every Keterkaitan entry and "Lihat SOP …" leads, backlinks, and the SOPs named but missing."""
        same = self._whole_with_same_sops
        return same.links if same is not None else resolve_keterkaitan(self.catalogue)

    @cached_property
    def lifecycle(self) -> LifecycleIndex:
        """Each SOP's successor and predecessors (status berlaku, digantikan, dicabut) and their problems."""
        same = self._whole_with_same_sops
        return same.lifecycle if same is not None else build_lifecycle(self.catalogue)

    @cached_property
    def roles(self) -> RoleIndex:
        """Every agency's posts with their tasks, and the canonical roles across agencies."""
        return build_role_index(self.catalogue)

    @cached_property
    def comparison(self) -> tuple[ComparisonGroup, ...]:
        """Groups of SOPs of different agencies on the same activity, compared by the legal index's ids."""
        legal = self.legal

        def regulation_ids(sop: Sop) -> set[str]:
            return {reg.id for reg in legal.regulations_of(sop.id)}

        labels = {rid: reg.short_name for rid, reg in legal.regulations.items()}
        return tuple(
            group_comparable(
                self.catalogue, self.roles, self.summaries, regulation_ids, lambda rid: labels.get(rid, rid)
            )
        )

    @cached_property
    def comparison_of(self) -> dict[str, ComparisonGroup]:
        """SOP id -> its comparison group."""
        return {sop_id: group for group in self.comparison for sop_id in group.sop_ids}

    @cached_property
    def facets(self) -> dict[str, dict[str, list[str]]]:
        """SOP id -> its search filter values (:mod:`catalogue.analysis.facets`)."""
        return {
            sop_id: sop_facets(self.catalogue, self.legal, sop) for sop_id, sop in self.catalogue.sops.items()
        }

    @cached_property
    def summaries(self) -> dict[str, ProcedureSummary]:
        """SOP id -> steps, roles and the honest duration of its normal path."""
        memo = self.memo
        return {sop_id: memo.get("summary", sop, summarise) for sop_id, sop in self.catalogue.sops.items()}

    @cached_property
    def review_date(self) -> dt.date:
        """The date review states are computed for: SOURCE_DATE_EPOCH's, or today."""
        return reference_date()

    @property
    def review_cycle_years(self) -> int:
        """The catalogue's review cycle (katalog.yml ``siklus_tinjau_tahun``, else the default)."""
        return self.meta.siklus_tinjau_tahun if self.meta is not None else REVIEW_AFTER_YEARS

    @cached_property
    def review_schedules(self) -> dict[str, ReviewSchedule]:
        """SOP id -> when it is due for review (SOPs in force with a date)."""
        return {
            sop_id: schedule
            for sop_id, sop in self.catalogue.sops.items()
            if (schedule := review_schedule(sop, self.review_date, self.review_cycle_years)) is not None
        }

    @cached_property
    def reviews_due(self) -> tuple[ReviewFinding, ...]:
        """SOPs in force overdue or due soon for review, longest overdue first."""
        return tuple(review_findings(self.catalogue, self.review_date, self.review_cycle_years))

    @cached_property
    def reviews_by_agency(self) -> dict[str, tuple[ReviewFinding, ...]]:
        """Agency id -> its SOPs' review findings, longest overdue first (grouped once, not per page)."""
        grouped: dict[str, list[ReviewFinding]] = {}
        for f in self.reviews_due:
            grouped.setdefault(self.catalogue.sops[f.sop_id].agency_id, []).append(f)
        return {agency: tuple(findings) for agency, findings in grouped.items()}

    @cached_property
    def review_of(self) -> dict[str, ReviewFinding]:
        """SOP id -> its review finding, for SOPs overdue or due soon."""
        return {f.sop_id: f for f in self.reviews_due}

    def version_of(self, sop_id: str) -> str:
        """The version a printout of the SOP's page names (:mod:`catalogue.rules.version`). Read when a page
        asks, not for the whole catalogue at once: each build worker reads only its own pages' sources."""
        sop = self.catalogue.sops[sop_id]
        try:
            source = sop.source.read_bytes()
        except OSError:
            source = None  # gone since it was read: the date alone names the version
        return sop_version(sop, source)

    @cached_property
    def monev(self) -> MonevIndex:
        """Monitoring and evaluation of every SOP, agency and pemda, for the catalogue's last period."""
        return build_monev_index(self.catalogue, self.reviews_due, self.review_date)

    @cached_property
    def redirects(self) -> tuple[tuple[str, str], ...]:
        """(old id, current id) of every ``url_lama`` of the catalogue, in catalogue order."""
        return tuple(
            (f"{sop.agency_id}/{old}", sop.id) for sop in self.catalogue.sops.values() for old in sop.url_lama
        )


def analyse(
    catalogue: Catalogue,
    registry: RegulationRegistry | None = None,
    meta: CatalogueMeta | None = None,
    *,
    meta_problems: tuple[Problem, ...] | list[Problem] = (),
    memo: IdentityMemo | None = None,
) -> Analysis:
    """The analysis of a loaded catalogue (indexes are computed when first asked for); ``memo`` keeps what
    is derived from each SOP alone from an earlier analysis of the same SOP objects."""
    return Analysis(
        catalogue,
        registry if registry is not None else RegulationRegistry(),
        meta,
        tuple(meta_problems),
        memo=memo if memo is not None else IdentityMemo(),
    )


def analyse_sources(sources: Sources, cache: FileCache | None = None, edition: str = PUBLIC) -> Analysis:
    """Read a catalogue's sources (the SOP tree, registry and metadata) and analyse them: what ``sop check``,
    the site build and ``sop export`` all start from. The indexes are those of ``edition``
    (:mod:`catalogue.analysis.edition`); the problems are the whole catalogue's in either edition. Raises
    :class:`~catalogue.problems.CatalogueError` only when the SOP folder itself does not exist."""
    catalogue = load_catalogue(sources.root, cache, sources.pemda)
    meta, meta_problems = read_catalogue_meta(sources.meta)
    memo = None
    if cache is not None:
        memo = cache.derived
        memo.new_round()
    whole = analyse(catalogue, load_registry(sources.registry), meta, meta_problems=meta_problems, memo=memo)
    return whole if edition == INTERNAL else whole.public
