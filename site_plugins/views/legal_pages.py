"""Legal-basis pages: one page per regulation (who cites it, as written), the index by jenis and year, and
the linked Dasar Hukum box of each SOP page. The parsing and findings are catalogue.analysis.legal_index's."""

from __future__ import annotations

from markupsafe import Markup

from catalogue import urls
from catalogue.analysis.legal_index import LegalIndex, build_legal_index
from catalogue.model import Sop
from catalogue.rules.citations import full_name
from catalogue.source.registry import RegulationRegistry

from .environment import render
from .pages import PageSpec, SiteModel

LEGAL_KEY = "legal"
REGISTRY_KEY = "registry"


def legal_index(model: SiteModel) -> LegalIndex:
    """The build's legal index, computed once and shared by every page that needs it."""
    if LEGAL_KEY not in model.extra:
        model.extra[LEGAL_KEY] = build_legal_index(model.catalogue, model.extra.get(REGISTRY_KEY))
    return model.extra[LEGAL_KEY]


def _dasar_hukum_box(model: SiteModel):
    index = legal_index(model)

    def render_box(spec: PageSpec, sop: Sop) -> Markup:
        lines = index.lines.get(sop.id, ())
        findings = index.findings_of(sop.id)
        items = []
        for line in lines:
            regs = [index.regulations[r] for r in line.regulation_ids if r in index.regulations]
            items.append({
                "teks": line.teks,
                "regulations": regs,
                "findings": [f for f in findings if f.line == line.line],
                "manual": line.manual,
            })
        return Markup(render("_dasar_hukum.html", items=items, link=spec.link, urls=urls,
                             regulations=index.regulations))

    return render_box


def regulation_page(model: SiteModel, regulation, index: LegalIndex) -> PageSpec:
    cat = model.catalogue

    def body(spec: PageSpec) -> str:
        rows = []
        for citation in regulation.citations:
            sop = cat.sops[citation.sop_id]
            rows.append({"sop": sop, "agency": cat.agency_of(sop), "pemda": cat.pemda_of(sop), "citation": citation})
        findings = [f for f in index.findings if f.regulation_id == regulation.id or regulation.id in f.related_ids]
        mistyped = any(f.kind == "salah_ketik" and f.regulation_id == regulation.id for f in findings)
        return render("peraturan.html", page=spec, link=spec.link, urls=urls, regulation=regulation,
                      full_name=full_name(regulation.reference), rows=rows, findings=findings,
                      external_url=None if mistyped else regulation.url, regulations=index.regulations)

    agencies = {cat.sops[c.sop_id].agency_id for c in regulation.citations}
    return PageSpec(
        url=urls.regulation(regulation.id), title=regulation.short_name, render_body=body, hide=("toc",),
        description=f"{full_name(regulation.reference)}: dikutip oleh {len(regulation.sop_ids)} SOP dari "
                    f"{len(agencies)} instansi.",
    )


def regulations_index_page(model: SiteModel, index: LegalIndex) -> PageSpec:
    def body(spec: PageSpec) -> str:
        return render("peraturan_index.html", page=spec, link=spec.link, urls=urls, index=index)

    return PageSpec(url=urls.regulations(), title="Peraturan", render_body=body, in_nav=True,
                    nav_group="katalog", hide=("toc",),
                    description="Setiap peraturan yang dikutip sebagai dasar hukum SOP, lintas instansi.")


def legal_pages(model: SiteModel) -> list[PageSpec]:
    """The regulation pages and index; also links the Dasar Hukum box of every SOP page."""
    index = legal_index(model)
    model.box_renderers["dasar_hukum"] = _dasar_hukum_box(model)
    pages = [regulations_index_page(model, index)]
    pages += [regulation_page(model, reg, index) for reg in index.regulations.values()]
    return pages


def load_registry_for(model: SiteModel, registry: RegulationRegistry) -> None:
    model.extra[REGISTRY_KEY] = registry
