"""Legal-basis pages: one page per regulation (who cites it, as written) and the index by jenis and year.
The parsing, identity and findings are the analysis's legal index (:mod:`catalogue.analysis.legal_index`)."""

from __future__ import annotations

import functools

from catalogue import urls
from catalogue.analysis.legal_index import Regulation
from catalogue.rules.citations import full_name

from .environment import render
from .spec import PageSpec, SiteModel, page_context

#: Most citations a regulation's page lists one by one; past it, the page counts them per pemda, each
#: pemda's citing SOPs on a page of its own (at 10,000 SOPs, PP 46/2011's list of 1,649 made a 1.3 MB page).
CITATIONS_INLINE_MAX = 300
#: Most findings from SOPs citing other regulations a regulation's page lists one by one; past it, each
#: message once, with how many SOPs it is about.
FINDINGS_INLINE_MAX = 300


def regulation_pages(model: SiteModel, regulation: Regulation) -> list[PageSpec]:
    """A regulation's page; for a regulation cited more than CITATIONS_INLINE_MAX times, also one page per
    pemda whose SOPs cite it."""
    cat = model.catalogue
    legal = model.analysis.legal
    per_pemda = len(regulation.citations) > CITATIONS_INLINE_MAX
    short = regulation.short_name

    @functools.cache
    def rows_and_findings() -> tuple[list[dict], list, list]:
        findings = list(legal.findings_about(regulation.id))
        # A finding about an SOP listed here is shown in that SOP's row (a list of them beside the table
        # named every citing SOP twice); the others (an SOP that cites this regulation mistyped, as another
        # one) in a list of their own.
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
        return rows, [f for found in of_sop.values() for f in found], findings

    def page_body(spec: PageSpec, **shown) -> str:
        _, _, findings = rows_and_findings()
        mistyped = any(f.kind == "salah_ketik" and f.regulation_id == regulation.id for f in findings)
        return render(
            "peraturan.html",
            **page_context(
                spec,
                model,
                regulation=regulation,
                full_name=full_name(regulation.reference),
                row_findings=any(row["findings"] for row in shown["rows"]),
                external_url=None if mistyped else regulation.url,
                regulations=legal.regulations,
                **shown,
            ),
        )

    def body(spec: PageSpec) -> str:
        rows, others, _ = rows_and_findings()
        if len(others) > FINDINGS_INLINE_MAX:
            # Findings from SOPs that cite another regulation repeat one message per SOP ("Perka BKN 1/2013
            # is an implementing regulation of PP 46/2011, revoked …": 2,799 of them at 10,000 SOPs): once
            # each, with how many SOPs, on the page of the regulation those SOPs cite.
            grouped: dict[tuple, list] = {}
            for f in others:
                grouped.setdefault((f.message, f.inference, f.regulation_id), []).append(f)
            others = [(found[0], len(found)) for found in grouped.values()]
        else:
            others = [(f, None) for f in others]
        if not per_pemda:
            return page_body(spec, rows=rows, per_pemda=[], pemda=None, findings=others)
        by_pemda: dict[str, list[dict]] = {}
        for row in rows:
            by_pemda.setdefault(row["pemda"].slug, []).append(row)
        counts = [
            (
                pemda_rows[0]["pemda"],
                len({r["sop"].id for r in pemda_rows}),
                sum(len(r["findings"]) for r in pemda_rows),
            )
            for _, pemda_rows in sorted(by_pemda.items())
        ]
        return page_body(spec, rows=[], per_pemda=counts, pemda=None, findings=others)

    agencies = {cat.sops[c.sop_id].agency_id for c in regulation.citations}
    page = PageSpec(
        url=urls.regulation(regulation.id),
        title=short,
        render_body=body,
        hide=("toc",),
        description=f"{full_name(regulation.reference)}: dikutip oleh {len(regulation.sop_ids)} SOP dari "
        f"{len(agencies)} instansi.",
    )
    if not per_pemda:
        return [page]

    def pemda_page(slug: str) -> PageSpec:
        pemda = cat.pemdas[slug]

        def body(spec: PageSpec) -> str:
            rows, _, _ = rows_and_findings()
            mine = [r for r in rows if r["pemda"].slug == slug]
            return page_body(spec, rows=mine, per_pemda=[], pemda=pemda, findings=[])

        return PageSpec(
            url=urls.regulation_pemda(regulation.id, slug),
            title=f"{short}: {pemda.nama}",
            render_body=body,
            hide=("toc",),
            description=f"SOP {pemda.nama} yang mengutip {full_name(regulation.reference)}.",
        )

    slugs = sorted({cat.sops[c.sop_id].pemda_slug for c in regulation.citations})
    return [page] + [pemda_page(slug) for slug in slugs]


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
        page for reg in model.analysis.legal.regulations.values() for page in regulation_pages(model, reg)
    ]
