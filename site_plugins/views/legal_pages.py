"""Legal-basis pages: one page per regulation (who cites it, as written) and the index by jenis and year.
The parsing, identity and findings are the analysis's legal index (:mod:`catalogue.analysis.legal_index`)."""

from __future__ import annotations

from catalogue import urls
from catalogue.analysis.legal_index import Regulation
from catalogue.rules.citations import full_name

from .environment import render
from .spec import PageSpec, SiteModel, page_context


def regulation_page(model: SiteModel, regulation: Regulation) -> PageSpec:
    cat = model.catalogue
    legal = model.analysis.legal

    def body(spec: PageSpec) -> str:
        findings = list(legal.findings_about(regulation.id))
        mistyped = any(f.kind == "salah_ketik" and f.regulation_id == regulation.id for f in findings)
        # A finding about an SOP listed here is shown in that SOP's row (a list of them beside the table
        # named every citing SOP twice: 940 KB of a 1.5 MB page at 10,000 SOPs); the others (an SOP that
        # cites this regulation mistyped, as another one) in a list of their own.
        of_sop: dict[str, list] = {}
        for finding in findings:
            of_sop.setdefault(finding.sop_id, []).append(finding)
        rows = []
        for citation in regulation.citations:
            sop = cat.sops[citation.sop_id]
            rows.append(
                {
                    "sop": sop,
                    "agency": cat.agency_of(sop),
                    "pemda": cat.pemda_of(sop),
                    "citation": citation,
                    "findings": of_sop.pop(sop.id, []),  # once per SOP, on its first citation
                }
            )
        others = [f for found in of_sop.values() for f in found]
        return render(
            "peraturan.html",
            **page_context(
                spec,
                model,
                regulation=regulation,
                full_name=full_name(regulation.reference),
                rows=rows,
                findings=others,
                row_findings=any(row["findings"] for row in rows),
                external_url=None if mistyped else regulation.url,
                regulations=legal.regulations,
            ),
        )

    agencies = {cat.sops[c.sop_id].agency_id for c in regulation.citations}
    return PageSpec(
        url=urls.regulation(regulation.id),
        title=regulation.short_name,
        render_body=body,
        hide=("toc",),
        description=f"{full_name(regulation.reference)}: dikutip oleh {len(regulation.sop_ids)} SOP dari "
        f"{len(agencies)} instansi.",
    )


def regulations_index_page(model: SiteModel) -> PageSpec:
    def body(spec: PageSpec) -> str:
        return render("peraturan_index.html", **page_context(spec, model, index=model.analysis.legal))

    return PageSpec(
        url=urls.regulations(),
        title="Peraturan",
        render_body=body,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="Setiap peraturan yang dikutip sebagai dasar hukum SOP, lintas instansi.",
    )


def legal_pages(model: SiteModel) -> list[PageSpec]:
    """The regulation index and one page per regulation."""
    return [regulations_index_page(model)] + [
        regulation_page(model, reg) for reg in model.analysis.legal.regulations.values()
    ]
