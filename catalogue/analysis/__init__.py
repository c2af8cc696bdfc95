"""The catalogue analysed: every index (legal index, Keterkaitan links, roles, comparison groups, facets,
summaries) and every problem, computed once by :func:`analyse` and read by the check, the site and the
export alike."""

from .analyse import Analysis, Sources, analyse, analyse_sources

__all__ = ["Analysis", "Sources", "analyse", "analyse_sources"]
