"""The two editions of the catalogue made from one source: public (the default) and internal.

The internal edition is everything the sources hold. The public edition leaves out draft SOPs (``draf:
true``) and every key the records format marks internal (:mod:`catalogue.source.records_format` says which
and why); its pages, search index and open data are made from the public catalogue alone, so nothing
internal can reach them by another road. The verdict (errors and warnings) is the same in both: it is
always found on the whole catalogue.
"""

from __future__ import annotations

import dataclasses
import os

from catalogue.model import Catalogue
from catalogue.source.records import public_records

PUBLIC = "publik"
INTERNAL = "internal"
EDITIONS = (PUBLIC, INTERNAL)
#: The environment variable that chooses the edition of a build (``KATALOG_EDISI=internal make site``).
EDITION_VARIABLE = "KATALOG_EDISI"


def edition_from(value: str | None) -> str:
    """An edition name from a setting; unset or empty is the public edition, an unknown name an error."""
    name = (value or "").strip().lower() or PUBLIC
    if name not in EDITIONS:
        raise ValueError(f"edisi '{value}' tidak dikenal; pilih salah satu: {', '.join(EDITIONS)}.")
    return name


def edition_from_environment() -> str:
    return edition_from(os.environ.get(EDITION_VARIABLE))


def public_catalogue(catalogue: Catalogue) -> Catalogue:
    """The catalogue as the public edition publishes it: no drafts, no internal keys."""
    sops = {sop_id: sop for sop_id, sop in catalogue.sops.items() if not sop.draf}
    records = {sop_id: public_records(rec) for sop_id, rec in catalogue.records.items() if sop_id in sops}
    return dataclasses.replace(catalogue, sops=sops, records=records)
