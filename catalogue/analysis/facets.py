"""Search facets of an SOP: the values a reader filters search results by.

Pemerintah daerah and instansi are names; roles are the agency's full position names (an SOP's role columns
use its own abbreviations: "Sekcam" and "Sekretaris Camat" must be one filter value; the alias rule is
:func:`catalogue.rules.roles.position_name`); regulations are the regulations of the legal index, named by
their short name with the region filled in (two pemdas' "Perbup 5/2020" are two regulations, so two values);
the status is Berlaku, Digantikan or Dicabut.
"""

from __future__ import annotations

from catalogue.model import Catalogue, Sop
from catalogue.rules.roles import position_name

from .legal_index import LegalIndex
from .lifecycle import STATUS_LABELS

#: Filter keys in display order (they are also Pagefind's filter names).
FACETS = ("pemda", "instansi", "peran", "peraturan", "status")


def role_names(sop: Sop, catalogue: Catalogue) -> list[str]:
    """The SOP's role columns under the agency's full position names (unknown names stay as written)."""
    agency = catalogue.agency_of(sop)
    return list(dict.fromkeys(name for name in (position_name(c, agency) for c in sop.pelaksana) if name))


def regulation_names(sop: Sop, legal: LegalIndex) -> list[str]:
    """Short names of the regulations the SOP's Dasar Hukum box cites, as the legal index identifies them."""
    return list(dict.fromkeys(reg.short_name for reg in legal.regulations_of(sop.id)))


def sop_facets(catalogue: Catalogue, legal: LegalIndex, sop: Sop) -> dict[str, list[str]]:
    """Filter values of one SOP, keyed by :data:`FACETS` (keys without values are left out)."""
    facets = {
        "pemda": [catalogue.pemda_of(sop).nama],
        "instansi": [catalogue.agency_of(sop).nama],
        "peran": role_names(sop, catalogue),
        "peraturan": regulation_names(sop, legal),
        # Search leaves out SOPs no longer in force unless this filter asks for them (katalog-search.js).
        "status": [STATUS_LABELS[sop.status]],
    }
    return {key: values for key, values in facets.items() if values}
