"""Every generated page of the site, as a list of :class:`PageSpec` built from the catalogue.

A spec knows its URL, title, whether it belongs in the navigation and how to render its body. Bodies are
rendered lazily (only when MkDocs asks for that page), with Jinja, never through Python-Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from catalogue import urls
from catalogue.analysis.facets import sop_facets
from catalogue.analysis.summary import summarise
from catalogue.model import Agency, Catalogue, Pemda, Sop

from .environment import relative_url, render


@dataclass
class PageSpec:
    url: str  # directory URL without leading slash; "" is the home page
    title: str
    render_body: Callable[[PageSpec], str]
    in_nav: bool = False
    nav_group: str | None = None  # pemda slug for agency pages; "katalog" for catalogue-wide pages
    edit_path: str | None = None  # repository path of the source, for the edit link
    hide: tuple[str, ...] = ()
    description: str | None = None
    search: dict[str, Any] = field(default_factory=dict)  # search filters and meta (used by the search plugin)

    @property
    def src_uri(self) -> str:
        return urls.page_src_uri(self.url)

    def link(self, target: str) -> str:
        return relative_url(target, self.url)


@dataclass
class SiteModel:
    """The catalogue and every index built from it, shared by all page renderers of one build."""

    catalogue: Catalogue
    extra: dict[str, Any] = field(default_factory=dict)  # indexes contributed by cross-reference features
    #: Renderers of the Dasar Hukum and Keterkaitan boxes; cross-reference features replace the plain lists
    #: with linked ones.
    box_renderers: dict[str, Callable[[PageSpec, Sop], Markup]] = field(default_factory=dict)
    #: Extra sections of agency pages (e.g. the agency's positions and their task pages).
    agency_sections: list[Callable[[PageSpec, Agency], Markup]] = field(default_factory=list)

    def boxes(self, spec: PageSpec, sop: Sop) -> dict[str, Markup]:
        out = {}
        for key in ("dasar_hukum", "keterkaitan"):
            renderer = self.box_renderers.get(key)
            if renderer is not None:
                out[key] = renderer(spec, sop)
            else:
                texts = [entry.teks for entry in getattr(sop, key)]
                out[key] = Markup(render("_list.html", items=texts))
        return out

    def agency(self, sop: Sop) -> Agency:
        return self.catalogue.agency_of(sop)

    def pemda(self, obj: Sop | Agency) -> Pemda:
        return self.catalogue.pemda_of(obj)


def _context(spec: PageSpec, model: SiteModel, **kw: Any) -> dict[str, Any]:
    return {"page": spec, "link": spec.link, "urls": urls, "catalogue": model.catalogue, "model": model, **kw}


def sop_page(model: SiteModel, sop: Sop, procedure: Callable[[Sop], Markup], sections: list) -> PageSpec:
    agency = model.agency(sop)
    pemda = model.pemda(sop)

    def body(spec: PageSpec) -> str:
        return render(
            "sop.html",
            **_context(spec, model, sop=sop, agency=agency, pemda=pemda, summary=summarise(sop),
                       procedure=procedure(sop), sections=[s(spec, sop) for s in sections],
                       boxes=model.boxes(spec, sop), facets=sop_facets(model.catalogue, sop)),
        )

    return PageSpec(
        url=urls.sop(sop.id),
        title=sop.nama,
        render_body=body,
        edit_path=str(sop.source),
        hide=("navigation", "toc"),
        description=f"SOP {sop.nama} — {agency.nama}, {pemda.nama}. Nomor {sop.nomor}.",
        search={"pemda": pemda.nama, "instansi": agency.nama, "nomor": sop.nomor},
    )


def agency_page(model: SiteModel, agency: Agency) -> PageSpec:
    pemda = model.catalogue.pemdas[agency.pemda_slug]
    sops = model.catalogue.sops_of(agency)

    def body(spec: PageSpec) -> str:
        sections = [section(spec, agency) for section in model.agency_sections]
        return render("agency.html", **_context(spec, model, agency=agency, pemda=pemda, sops=sops,
                                                sections=sections))

    return PageSpec(url=urls.agency(agency.id), title=agency.nama, render_body=body, in_nav=True,
                    nav_group=pemda.slug, edit_path=str(agency.source), hide=("toc",),
                    description=f"Daftar SOP {agency.nama}, {pemda.nama}.")


def pemda_page(model: SiteModel, pemda: Pemda) -> PageSpec:
    agencies = [a for a in model.catalogue.agencies.values() if a.pemda_slug == pemda.slug]

    def body(spec: PageSpec) -> str:
        counts = {a.id: len(model.catalogue.sops_of(a)) for a in agencies}
        return render("pemda.html", **_context(spec, model, pemda=pemda, agencies=agencies, counts=counts))

    return PageSpec(url=urls.pemda(pemda.slug), title=pemda.nama, render_body=body, in_nav=True,
                    nav_group=pemda.slug, edit_path=str(pemda.source), hide=("toc",),
                    description=f"Instansi dan SOP {pemda.nama}.")


def home_page(model: SiteModel, entry_points: list[dict[str, str]]) -> PageSpec:
    cat = model.catalogue

    def body(spec: PageSpec) -> str:
        figures = {
            "pemda": len(cat.pemdas),
            "instansi": len(cat.agencies),
            "sop": len(cat.sops),
            "langkah": sum(len(s.langkah) for s in cat.sops.values()),
        }
        return render("home.html", **_context(spec, model, figures=figures, entry_points=entry_points))

    return PageSpec(url=urls.home(), title="Beranda", render_body=body, in_nav=True, nav_group="beranda",
                    hide=("toc",), description="Katalog SOP Administrasi Pemerintahan: cari, baca, bandingkan.")


def core_pages(model: SiteModel, procedure: Callable[[Sop], Markup], sop_sections: list,
               entry_points: list[dict[str, str]]) -> list[PageSpec]:
    """Home, pemda, agency and SOP pages."""
    cat = model.catalogue
    pages = [home_page(model, entry_points)]
    for pemda in cat.pemdas.values():
        pages.append(pemda_page(model, pemda))
    for agency in cat.agencies.values():
        pages.append(agency_page(model, agency))
    for sop in cat.sops.values():
        pages.append(sop_page(model, sop, procedure, sop_sections))
    return pages
