"""Role task views, cross-agency comparisons, the SOPs named but missing, and the auditor's page.

The matching, normalising and grouping are catalogue rules (keterkaitan, roles, comparison, legal_index);
this module only decides which pages exist and hands each template its data.
"""

from __future__ import annotations

from catalogue import urls
from catalogue.analysis.audit import AuditRow, audit_rows
from catalogue.analysis.comparison import ComparisonGroup
from catalogue.analysis.keterkaitan import MissingSop
from catalogue.analysis.roles import AgencyRole, CanonicalRole
from catalogue.rules.review_due import DUE_SOON, OVERDUE

from .environment import render
from .spec import PageSpec, SiteModel, page_context

# --- Pages ----------------------------------------------------------------------------------------------


#: Most references to missing SOPs the catalogue-wide list shows one by one; past it, the list counts them
#: per pemda (each pemda's on a page of its own) and names the MISSING_TOP most named missing SOPs.
MISSING_INLINE_MAX = 300
MISSING_TOP = 100


def missing_pages(model: SiteModel) -> list[PageSpec]:
    index = model.analysis.links
    catalogue = model.catalogue
    missing = list(index.missing.values())
    per_pemda = sum(m.count for m in missing) > MISSING_INLINE_MAX
    of_pemda: dict[str, list[MissingSop]] = {}  # pemda slug -> its SOPs' references, most named first
    pemda_count: dict[str, int] = {}  # missing SOP key -> how many pemda name it
    if per_pemda:
        for m in missing:
            by_pemda: dict[str, list[str]] = {}
            for sop_id in m.sources:
                by_pemda.setdefault(catalogue.sops[sop_id].pemda_slug, []).append(sop_id)
            for slug, sources in by_pemda.items():
                of_pemda.setdefault(slug, []).append(MissingSop(m.key, m.display, sources))
            pemda_count[m.key] = len(by_pemda)
        for found in of_pemda.values():
            found.sort(key=lambda m: (-m.count, m.key))

    def body(spec: PageSpec) -> str:
        if not per_pemda:
            shown = {"missing": missing, "per_pemda": None, "top": None}
        else:
            # Bounded whatever the catalogue's size: a row per pemda, and the most named missing SOPs.
            shown = {
                "missing": missing,
                "per_pemda": [
                    (pemda, len(of_pemda[slug]), sum(m.count for m in of_pemda[slug]))
                    for slug, pemda in catalogue.pemdas.items()
                    if slug in of_pemda
                ],
                "top": [(m, pemda_count[m.key]) for m in missing[:MISSING_TOP]],
            }
        return render(
            "keterkaitan_hilang.html",
            **page_context(spec, model, ambiguous=index.ambiguous, pemda=None, **shown),
        )

    overview = PageSpec(
        url=urls.missing_sops(),
        title="SOP yang dirujuk tetapi belum ada",
        render_body=body,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="Daftar SOP yang disebut dalam kotak Keterkaitan tetapi belum ada di katalog.",
    )

    def pemda_page(slug: str, found: list[MissingSop]) -> PageSpec:
        pemda = catalogue.pemdas[slug]

        def body(spec: PageSpec) -> str:
            return render(
                "keterkaitan_hilang.html",
                **page_context(
                    spec, model, missing=found, ambiguous=[], pemda=pemda, per_pemda=None, top=None
                ),
            )

        return PageSpec(
            url=urls.missing_sops_pemda(slug),
            title=f"SOP yang dirujuk tetapi belum ada: {pemda.nama}",
            render_body=body,
            hide=("toc",),
            description=f"SOP yang disebut dalam kotak Keterkaitan SOP {pemda.nama} tetapi belum ada di katalog.",
        )

    return [overview] + [pemda_page(slug, of_pemda[slug]) for slug in sorted(of_pemda)]


def agency_role_page(model: SiteModel, role: AgencyRole) -> PageSpec:
    agency = model.catalogue.agencies[role.agency_id]
    pemda = model.catalogue.pemdas[agency.pemda_slug]
    canonical = model.analysis.roles.canonical.get(role.canonical_key)

    def body(spec: PageSpec) -> str:
        return render(
            "peran_instansi.html",
            **page_context(spec, model, role=role, agency=agency, pemda=pemda, canonical=canonical),
        )

    return PageSpec(
        url=urls.agency_role(agency.id, role.key),
        title=f"{role.nama} — {agency.nama}",
        render_body=body,
        hide=("toc",),
        description=f"Tugas {role.nama} dalam SOP {agency.nama}.",
    )


def agency_role_pages(model: SiteModel) -> list[PageSpec]:
    return [
        agency_role_page(model, role)
        for roles in model.analysis.roles.by_agency.values()
        for role in roles.values()
    ]


#: Most tasks a role's page across agencies lists step by step; a role with more shows a row per agency,
#: each linking to the agency's page of the post with its tasks.
ROLE_TASKS_INLINE_MAX = 300


def canonical_role_page(model: SiteModel, role: CanonicalRole) -> PageSpec:
    def body(spec: PageSpec) -> str:
        return render(
            "peran_kanonik.html",
            **page_context(spec, model, role=role, tasks_inline_max=ROLE_TASKS_INLINE_MAX),
        )

    return PageSpec(
        url=urls.canonical_role(role.key),
        title=role.nama,
        render_body=body,
        hide=("toc",),
        description=f"Tugas {role.nama} dalam SOP semua instansi.",
    )


#: Most agencies' posts the roles index lists one by one; past it, the index counts them per pemda (each
#: agency's page lists its posts).
AGENCY_ROLES_INLINE_MAX = 300


def canonical_role_pages(model: SiteModel) -> list[PageSpec]:
    index = model.analysis.roles
    catalogue = model.catalogue

    def index_body(spec: PageSpec) -> str:
        per_pemda = []
        if sum(len(roles) for roles in index.by_agency.values()) > AGENCY_ROLES_INLINE_MAX:
            counts: dict[str, list[int]] = {}
            for agency_id, roles in index.by_agency.items():
                count = counts.setdefault(catalogue.agencies[agency_id].pemda_slug, [0, 0])
                count[0] += 1
                count[1] += len(roles)
            per_pemda = [
                (catalogue.pemdas[slug], *counts[slug]) for slug in catalogue.pemdas if slug in counts
            ]
        return render("peran_index.html", **page_context(spec, model, index=index, per_pemda=per_pemda))

    roles_index = PageSpec(
        url=urls.roles(),
        title="Peran",
        render_body=index_body,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="Jabatan pelaksana SOP dan tugasnya, per instansi dan lintas instansi.",
    )
    return [roles_index] + [canonical_role_page(model, role) for role in index.canonical.values()]


def comparison_page(model: SiteModel, group: ComparisonGroup) -> PageSpec:
    def body(spec: PageSpec) -> str:
        return render(
            "perbandingan.html",
            **page_context(spec, model, group=group, regulation_pages=model.analysis.legal.regulations),
        )

    return PageSpec(
        url=urls.comparison(group.key),
        title=f"Perbandingan: {group.title}",
        render_body=body,
        hide=("navigation", "toc"),
        description=f"{len(group.rows)} SOP tentang {group.title} dari {len(group.agencies)} instansi, "
        "berdampingan.",
    )


def comparison_pages(model: SiteModel) -> list[PageSpec]:
    groups = model.analysis.comparison

    def index_body(spec: PageSpec) -> str:
        return render("perbandingan_index.html", **page_context(spec, model, groups=groups))

    index = PageSpec(
        url=urls.comparisons(),
        title="Perbandingan",
        render_body=index_body,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="SOP tentang kegiatan yang sama di instansi berbeda, berdampingan.",
    )
    return [index] + [comparison_page(model, group) for group in groups]


#: Most SOPs due for review the audit overview lists one by one; past it, counts per pemda, each pemda's
#: SOPs due on its audit page.
REVIEWS_INLINE_MAX = 300


def audit_pages(model: SiteModel) -> list[PageSpec]:
    """The audit overview (counts per pemda and agency, catalogue-wide lists) and one page per pemda with a
    row per SOP (catalogue/analysis/audit.py); a static page per pemda keeps each page small in a national
    catalogue, and the agency filter on it needs no data beyond the rows."""
    analysis = model.analysis
    catalogue = model.catalogue
    rows = audit_rows(analysis)
    by_pemda: dict[str, list[AuditRow]] = {}
    for row in rows:
        by_pemda.setdefault(row.pemda_slug, []).append(row)

    def counts(pemda_rows: list[AuditRow]) -> dict[str, int]:
        return {
            "sop": len(pemda_rows),
            "pasti": sum(len(r.confirmed) for r in pemda_rows),
            "dugaan": sum(len(r.suspected) for r in pemda_rows),
        }

    reviews_of: dict[str, list] = {}
    for review in analysis.reviews_due:
        reviews_of.setdefault(catalogue.sops[review.sop_id].pemda_slug, []).append(review)

    def overview(spec: PageSpec) -> str:
        pemdas = [(pemda, counts(by_pemda.get(pemda.slug, []))) for pemda in catalogue.pemdas.values()]
        review_counts = [
            (pemda, {state: sum(r.state == state for r in due) for state in (OVERDUE, DUE_SOON)})
            for pemda in catalogue.pemdas.values()
            if (due := reviews_of.get(pemda.slug))
        ]
        return render(
            "audit.html",
            **page_context(
                spec,
                model,
                pemdas=pemdas,
                total=counts(rows),
                missing=list(analysis.links.missing.values()),
                reviews=analysis.reviews_due,
                reviews_inline_max=REVIEWS_INLINE_MAX,
                review_counts=review_counts,
                review_date=analysis.review_date,
                review_cycle=analysis.review_cycle_years,
            ),
        )

    def pemda_page(pemda) -> PageSpec:
        pemda_rows = by_pemda.get(pemda.slug, [])

        def body(spec: PageSpec) -> str:
            agencies = [a for a in catalogue.agencies.values() if a.pemda_slug == pemda.slug]
            with_rows = {r.agency_id for r in pemda_rows}
            return render(
                "audit_pemda.html",
                **page_context(
                    spec,
                    model,
                    pemda=pemda,
                    rows=pemda_rows,
                    agencies=[a for a in agencies if a.id in with_rows],
                    total=counts(pemda_rows),
                    regulations=analysis.legal.regulations,
                    reviews=reviews_of.get(pemda.slug, []),
                    review_date=analysis.review_date,
                    review_cycle=analysis.review_cycle_years,
                ),
            )

        return PageSpec(
            url=urls.audit_pemda(pemda.slug),
            title=f"Audit {pemda.nama}",
            render_body=body,
            hide=("toc",),
            description=f"Temuan untuk auditor atas SOP {pemda.nama}, per SOP, dapat disaring per instansi.",
        )

    index = PageSpec(
        url=urls.audit(),
        title="Audit",
        render_body=overview,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="Temuan untuk auditor: dasar hukum dicabut atau salah ketik, "
        "keterkaitan tak terselesaikan, SOP yang perlu ditinjau; per pemerintah daerah dan instansi.",
    )
    return [index] + [pemda_page(pemda) for pemda in catalogue.pemdas.values()]


def crossref_pages(model: SiteModel) -> list[PageSpec]:
    """Every cross-reference page: audit, comparisons, roles, and the SOPs named but missing."""
    return [
        *audit_pages(model),
        *comparison_pages(model),
        *canonical_role_pages(model),
        *agency_role_pages(model),
        *missing_pages(model),
    ]
