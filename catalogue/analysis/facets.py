"""Search facets of an SOP: the values a reader filters search results by.

Pemerintah daerah and instansi are names; roles are the agency's full position names (an SOP's role columns
use its own abbreviations: "Sekcam" and "Sekretaris Camat" must be one filter value); regulations are the
short names of the cited regulations, once the citation parser (:mod:`catalogue.rules.citations`) exists.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from catalogue.model import Agency, Catalogue, Sop

#: Filter keys in display order (they are also Pagefind's filter names).
FACETS = ("pemda", "instansi", "peran", "peraturan")


def _citations() -> ModuleType | None:
    try:
        return importlib.import_module(".citations", __package__)
    except ImportError:  # the citation parser is optional here: no regulation facet without it
        return None


def available_facets() -> tuple[str, ...]:
    """The facets this installation fills (the regulation facet needs the citation parser)."""
    return FACETS if _citations() is not None else tuple(f for f in FACETS if f != "peraturan")


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def role_names(sop: Sop, agency: Agency) -> list[str]:
    """The SOP's role columns under the agency's full position names (unknown names stay as written)."""
    full: dict[str, str] = {}
    for role in agency.peran:
        for name in (role.nama, *role.alias):
            full.setdefault(_key(name), role.nama)
    out: list[str] = []
    for column in sop.pelaksana:
        name = full.get(_key(column), " ".join(column.split()))
        if name and name not in out:
            out.append(name)
    return out


def regulation_names(sop: Sop) -> list[str]:
    """Short names of the regulations the Dasar Hukum box cites (empty without the citation parser)."""
    citations = _citations()
    if citations is None:
        return []
    out: list[str] = []
    for entry in sop.dasar_hukum:
        refs = entry.rujukan if entry.rujukan is not None else citations.parse_citation(entry.teks).references
        for ref in refs:
            name = citations.short_name(ref)
            if name and name not in out:
                out.append(name)
    return out


def sop_facets(catalogue: Catalogue, sop: Sop) -> dict[str, list[str]]:
    """Filter values of one SOP, keyed by :data:`FACETS` (keys without values are left out)."""
    agency = catalogue.agency_of(sop)
    facets = {
        "pemda": [catalogue.pemda_of(sop).nama],
        "instansi": [agency.nama],
        "peran": role_names(sop, agency),
        "peraturan": regulation_names(sop),
    }
    return {key: values for key, values in facets.items() if values}
