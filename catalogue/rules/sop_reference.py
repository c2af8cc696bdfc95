"""How a source names another SOP of the catalogue: ``pemda/instansi/slug``, ``instansi/slug`` within the same
pemda, or ``slug`` within the same agency; a renamed SOP still answers to its old slug (``url_lama``), as its
old page does. Used by explicit Keterkaitan targets and by ``digantikan_oleh``."""

from __future__ import annotations

from difflib import get_close_matches

from catalogue.model import Catalogue, Sop


def resolve_sop_reference(catalogue: Catalogue, source: Sop, reference: str) -> str | None:
    """The id of the SOP ``reference`` names from ``source``, or None when it names none."""
    reference = reference.strip().strip("/")
    parts = reference.split("/")
    if len(parts) == 3:
        candidate = reference
    elif len(parts) == 2:
        candidate = f"{source.pemda_slug}/{reference}"
    elif len(parts) == 1:
        candidate = f"{source.agency_id}/{reference}"
    else:
        return None
    if candidate in catalogue.sops:
        return candidate
    agency_id, _, slug = candidate.rpartition("/")
    agency = catalogue.agencies.get(agency_id)
    for sop in catalogue.sops_of(agency) if agency is not None else ():
        if slug in sop.url_lama:
            return sop.id
    return None


def did_you_mean(catalogue: Catalogue, source: Sop, reference: str) -> str:
    """ " Maksud Anda '…'?" naming the SOP id, or else the slug of ``source``'s agency, closest to a reference
    that names none ("" when nothing is close)."""
    close = get_close_matches(reference, list(catalogue.sops), n=1, cutoff=0.6)
    if not close:
        own = [
            s.slug for s in catalogue.sops.values() if s.agency_id == source.agency_id and s.id != source.id
        ]
        close = get_close_matches(reference, own, n=1, cutoff=0.6)
    return f" Maksud Anda '{close[0]}'?" if close else ""
