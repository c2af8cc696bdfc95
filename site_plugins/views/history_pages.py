"""The "Riwayat" page of each SOP (its versions from git and what each changed), the line on the SOP page
that links to it, and the Atom feeds of the catalogue's changes. The history and the diffs are the
catalogue's (catalogue/analysis/history.py); this module only lays them out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from catalogue import urls
from catalogue.analysis.history import UNAVAILABLE, CatalogueHistory, SopHistory, change_entries
from catalogue.export.atom import AGENCY_FEED_ENTRIES, CATALOGUE_FEED_ENTRIES, FeedInfo, atom_feed
from catalogue.model import Sop
from catalogue.rules.dates import MONTHS
from catalogue.rules.review_due import reference_date

from .environment import render
from .spec import PageSpec, SiteModel, page_context


def history_of(model: SiteModel) -> CatalogueHistory:
    return model.history if model.history is not None else UNAVAILABLE


def history_line(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """The SOP page's line about its history: a link to the Riwayat page, or why there is none."""
    history = history_of(model)
    return Markup(
        render(
            "_riwayat_baris.html",
            **page_context(spec, model, sop=sop, history=history, sop_history=history.of(sop.id)),
        )
    )


def history_page(model: SiteModel, sop: Sop, sop_history: SopHistory) -> PageSpec:
    catalogue = model.catalogue
    agency, pemda = catalogue.agency_of(sop), catalogue.pemda_of(sop)
    history = history_of(model)

    def body(spec: PageSpec) -> str:
        return render(
            "riwayat.html",
            **page_context(
                spec,
                model,
                sop=sop,
                agency=agency,
                pemda=pemda,
                history=history,
                sop_history=sop_history,
                waktu=_commit_time,
                feed_available=model.feeds,
            ),
        )

    return PageSpec(
        url=urls.sop_history(sop.id),
        title=f"Riwayat: {sop.nama}",
        render_body=body,
        hide=("navigation", "toc"),
        description=f"Riwayat revisi SOP {sop.nama} — {agency.nama}: {len(sop_history.versions)} versi.",
        feed=urls.agency_feed(agency.id),
        feed_title=agency.nama,
    )


def history_pages(model: SiteModel) -> list[PageSpec]:
    """One page per SOP with something to compare (two versions or more), in catalogue order."""
    history = history_of(model)
    return [
        history_page(model, sop, history.of(sop_id))
        for sop_id, sop in model.catalogue.sops.items()
        if history.of(sop_id).has_page
    ]


def _commit_time(value: dt.datetime) -> str:
    """A commit's date and time as the committer's clock showed it, with its offset."""
    offset = value.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}, {value:%H.%M} ({zone})"


# --- feeds ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedFile:
    path: str  # site path, e.g. "perubahan.xml"
    content: bytes


def feed_files(model: SiteModel, site_url: str | None, site_name: str) -> list[FeedFile]:
    """The catalogue's feed and one per agency; none without the site's address (Atom ids are absolute)."""
    if not site_url:
        return []
    catalogue = model.catalogue
    history = history_of(model)
    entries = change_entries(catalogue, history)
    meta = model.analysis.meta
    author = (meta.penerbit if meta is not None and meta.penerbit else None) or site_name
    empty_date = dt.datetime.combine(reference_date(), dt.time(), dt.UTC)
    note = f" Catatan: {history.note}." if history.note else ""
    files = [
        FeedFile(
            urls.feed(),
            atom_feed(
                FeedInfo(
                    urls.feed(),
                    urls.home(),
                    f"Perubahan {site_name}",
                    "SOP baru, revisi dan perubahan status di seluruh katalog." + note,
                    author,
                ),
                entries,
                site_url,
                limit=CATALOGUE_FEED_ENTRIES,
                when_empty=empty_date,
            ),
        )
    ]
    by_agency: dict[str, list] = {}
    for entry in entries:
        by_agency.setdefault(entry.agency_id, []).append(entry)
    for agency in catalogue.agencies.values():
        files.append(
            FeedFile(
                urls.agency_feed(agency.id),
                atom_feed(
                    FeedInfo(
                        urls.agency_feed(agency.id),
                        urls.agency(agency.id),
                        f"Perubahan SOP {agency.nama}",
                        f"SOP baru, revisi dan perubahan status {agency.nama}, "
                        f"{catalogue.pemda_of(agency).nama}." + note,
                        author,
                    ),
                    by_agency.get(agency.id, ()),
                    site_url,
                    limit=AGENCY_FEED_ENTRIES,
                    when_empty=empty_date,
                ),
            )
        )
    return files
