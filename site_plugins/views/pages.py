"""Every generated page of the site, as a list of :class:`PageSpec` built from the catalogue.

A spec knows its URL, title, whether it belongs in the navigation and how to render its body. Bodies are
rendered lazily (only when MkDocs asks for that page), with Jinja, never through Python-Markdown.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from catalogue import urls
from catalogue.export.linked_data import schema_org, script_tag
from catalogue.export.open_data import export_sop
from catalogue.model import Agency, Pemda, Sop

from .environment import render
from .history_pages import history_line
from .monev_pages import agency_monev_link, evaluation_section
from .sop_parts import (
    agency_roles_section,
    crossref_section,
    dasar_hukum_box,
    keterkaitan_box,
    lifecycle_notes,
    print_verification,
)
from .spec import PageSpec, SiteModel, page_context


def sop_page(model: SiteModel, sop: Sop, procedure: Callable[[Sop], Markup]) -> PageSpec:
    catalogue = model.catalogue
    agency = catalogue.agency_of(sop)
    pemda = catalogue.pemda_of(sop)

    def body(spec: PageSpec) -> str:
        boxes = {
            "dasar_hukum": dasar_hukum_box(spec, model, sop),
            "keterkaitan": keterkaitan_box(spec, model, sop),
        }
        return render(
            "sop.html",
            **page_context(
                spec,
                model,
                sop=sop,
                agency=agency,
                pemda=pemda,
                summary=model.analysis.summaries[sop.id],
                procedure=procedure(sop),
                sections=[crossref_section(spec, model, sop), evaluation_section(spec, model, sop)],
                boxes=boxes,
                facets=model.analysis.facets[sop.id],
                lifecycle_notes=lifecycle_notes(spec, model, sop),
                verification=print_verification(spec, model, sop),
                history_line=history_line(spec, model, sop),
                # The open data (and the sources published with it) is the public edition's.
                in_open_data=sop.id in model.analysis.public.catalogue.sops,
            ),
        )

    return PageSpec(
        url=urls.sop(sop.id),
        title=sop.nama,
        render_body=body,
        edit_path=str(sop.source),
        hide=("navigation", "toc"),
        description=f"SOP {sop.nama} — {agency.nama}, {pemda.nama}. Nomor {sop.nomor}.",
        search={"pemda": pemda.nama, "instansi": agency.nama, "nomor": sop.nomor},
        # schema.org JSON-LD in the page head: in the content, Material's instant navigation would run it
        # as JavaScript (it re-creates inline scripts without their type).
        head=lambda spec: script_tag(schema_org(export_sop(sop, model.analysis), model.site_url)),
        feed=urls.agency_feed(agency.id),
        feed_title=agency.nama,
    )


def agency_page(model: SiteModel, agency: Agency) -> PageSpec:
    pemda = model.catalogue.pemdas[agency.pemda_slug]
    all_sops = model.catalogue.sops_of(agency)
    # SOPs no longer in force are listed apart, after those in force.
    sops = [s for s in all_sops if s.in_force]
    retired = [s for s in all_sops if not s.in_force]

    def body(spec: PageSpec) -> str:
        sections = [agency_roles_section(spec, model, agency), agency_monev_link(spec, model, agency)]
        life = model.analysis.lifecycle
        return render(
            "agency.html",
            **page_context(
                spec,
                model,
                agency=agency,
                pemda=pemda,
                sops=sops,
                retired=retired,
                successors={s.id: life.current(s.id) for s in retired},
                reviews=model.analysis.reviews_by_agency.get(agency.id, ()),
                review_date=model.analysis.review_date,
                review_cycle=model.analysis.review_cycle_years,
                sections=sections,
            ),
        )

    return PageSpec(
        url=urls.agency(agency.id),
        title=agency.nama,
        render_body=body,
        in_nav=True,
        nav_group=pemda.slug,
        edit_path=str(agency.source),
        hide=("toc",),
        description=f"Daftar SOP {agency.nama}, {pemda.nama}.",
        feed=urls.agency_feed(agency.id),
        feed_title=agency.nama,
    )


def pemda_page(model: SiteModel, pemda: Pemda) -> PageSpec:
    agencies = [a for a in model.catalogue.agencies.values() if a.pemda_slug == pemda.slug]

    def body(spec: PageSpec) -> str:
        counts = {a.id: len(model.catalogue.sops_of(a)) for a in agencies}
        return render(
            "pemda.html", **page_context(spec, model, pemda=pemda, agencies=agencies, counts=counts)
        )

    return PageSpec(
        url=urls.pemda(pemda.slug),
        title=pemda.nama,
        render_body=body,
        in_nav=True,
        nav_group=pemda.slug,
        edit_path=str(pemda.source),
        hide=("toc",),
        description=f"Instansi dan SOP {pemda.nama}.",
    )


def home_page(model: SiteModel, entry_points: list[dict[str, str]]) -> PageSpec:
    cat = model.catalogue

    def body(spec: PageSpec) -> str:
        figures = {
            "pemda": len(cat.pemdas),
            "instansi": len(cat.agencies),
            "sop": len(cat.sops),
            "langkah": sum(len(s.langkah) for s in cat.sops.values()),
        }
        return render("home.html", **page_context(spec, model, figures=figures, entry_points=entry_points))

    return PageSpec(
        url=urls.home(),
        title="Beranda",
        render_body=body,
        in_nav=True,
        nav_group="beranda",
        hide=("toc",),
        description="Katalog SOP Administrasi Pemerintahan: cari, baca, bandingkan.",
    )


def core_pages(
    model: SiteModel, procedure: Callable[[Sop], Markup], entry_points: list[dict[str, str]]
) -> list[PageSpec]:
    """Home, pemda, agency and SOP pages."""
    cat = model.catalogue
    pages = [home_page(model, entry_points)]
    pages += [pemda_page(model, pemda) for pemda in cat.pemdas.values()]
    pages += [agency_page(model, agency) for agency in cat.agencies.values()]
    pages += [sop_page(model, sop, procedure) for sop in cat.sops.values()]
    return pages
