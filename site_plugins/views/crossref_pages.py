"""Keterkaitan links and backlinks, role task views, cross-agency comparisons and the auditor's page.

The matching, normalising and grouping are catalogue rules (keterkaitan, roles, comparison, legal_index);
this module only decides which pages exist and hands each template its data.
"""

from __future__ import annotations

from markupsafe import Markup

from catalogue import urls
from catalogue.analysis.comparison import ComparisonGroup, group_comparable
from catalogue.analysis.keterkaitan import KeterkaitanIndex, resolve_keterkaitan
from catalogue.analysis.roles import RoleIndex, build_role_index
from catalogue.model import Sop
from catalogue.rules.citations import regulation_id as citation_regulation_id

from .environment import render
from .legal_pages import legal_index
from .pages import PageSpec, SiteModel

#: Keys under which the indexes are shared with the export written after the build (plugin.on_post_build).
KETERKAITAN_KEY = "keterkaitan"
ROLES_KEY = "peran"
COMPARISON_KEY = "perbandingan"


def keterkaitan_index(model: SiteModel) -> KeterkaitanIndex:
    if KETERKAITAN_KEY not in model.extra:
        model.extra[KETERKAITAN_KEY] = resolve_keterkaitan(model.catalogue)
    return model.extra[KETERKAITAN_KEY]


def role_index(model: SiteModel) -> RoleIndex:
    if ROLES_KEY not in model.extra:
        model.extra[ROLES_KEY] = build_role_index(model.catalogue)
    return model.extra[ROLES_KEY]


def comparison_groups(model: SiteModel) -> list[ComparisonGroup]:
    if COMPARISON_KEY not in model.extra:
        index = legal_index(model)

        def regulation_ids(sop: Sop) -> set[str]:
            return {rid for line in index.lines.get(sop.id, ()) for rid in line.regulation_ids}

        labels = {rid: reg.short_name for rid, reg in index.regulations.items()}
        model.extra[COMPARISON_KEY] = group_comparable(
            model.catalogue, regulation_ids=regulation_ids, regulation_label=lambda rid: labels.get(rid, rid),
            roles=role_index(model))
    return model.extra[COMPARISON_KEY]


def _ctx(spec: PageSpec, model: SiteModel, **kw) -> dict:
    return {"page": spec, "link": spec.link, "urls": urls, "catalogue": model.catalogue, **kw}


# --- SOP page parts -------------------------------------------------------------------------------------

def _keterkaitan_box(model: SiteModel):
    index = keterkaitan_index(model)

    def render_box(spec: PageSpec, sop: Sop) -> Markup:
        entries = [e for e in index.links_of(sop.id) if e.field[0] == "keterkaitan"]
        return Markup(render("_keterkaitan.html", **_ctx(spec, model, entries=entries)))

    return render_box


def _crossref_section(model: SiteModel):
    links = keterkaitan_index(model)
    roles = role_index(model)
    groups = {sop_id: g for g in comparison_groups(model) for sop_id in g.sop_ids}

    def render_section(spec: PageSpec, sop: Sop) -> Markup:
        step_refs = [e for e in links.links_of(sop.id) if e.field[0] == "langkah"]
        backlinks = [(model.catalogue.sops[src], text) for src, text in links.backlinks.get(sop.id, [])
                     if src in model.catalogue.sops]
        sop_roles = roles.roles_of_sop(sop)
        return Markup(render("_sop_rujukan.html", **_ctx(
            spec, model, sop=sop, step_refs=step_refs, backlinks=backlinks, roles=sop_roles,
            group=groups.get(sop.id))))

    return render_section


# --- Pages ----------------------------------------------------------------------------------------------

def missing_page(model: SiteModel) -> PageSpec:
    index = keterkaitan_index(model)

    def body(spec: PageSpec) -> str:
        return render("keterkaitan_hilang.html", **_ctx(spec, model, missing=list(index.missing.values()),
                                                        ambiguous=index.ambiguous))

    return PageSpec(url=urls.missing_sops(), title="SOP yang dirujuk tetapi belum ada", render_body=body,
                    in_nav=True, nav_group="katalog", hide=("toc",),
                    description="Daftar SOP yang disebut dalam kotak Keterkaitan tetapi belum ada di katalog.")


def agency_role_pages(model: SiteModel) -> list[PageSpec]:
    index = role_index(model)
    pages = []
    for agency_id, roles in index.by_agency.items():
        agency = model.catalogue.agencies[agency_id]
        pemda = model.catalogue.pemdas[agency.pemda_slug]
        for role in roles.values():
            def body(spec: PageSpec, role=role, agency=agency, pemda=pemda) -> str:
                return render("peran_instansi.html", **_ctx(spec, model, role=role, agency=agency, pemda=pemda,
                                                            canonical=index.canonical.get(role.canonical_key)))

            pages.append(PageSpec(url=urls.agency_role(agency_id, role.key), title=f"{role.nama} — {agency.nama}",
                                  render_body=body, hide=("toc",),
                                  description=f"Tugas {role.nama} dalam SOP {agency.nama}."))
    return pages


def canonical_role_pages(model: SiteModel) -> list[PageSpec]:
    index = role_index(model)
    pages = []
    for role in index.canonical.values():
        def body(spec: PageSpec, role=role) -> str:
            return render("peran_kanonik.html", **_ctx(spec, model, role=role))

        pages.append(PageSpec(url=urls.canonical_role(role.key), title=role.nama, render_body=body, hide=("toc",),
                              description=f"Tugas {role.nama} dalam SOP semua instansi."))

    def index_body(spec: PageSpec) -> str:
        return render("peran_index.html", **_ctx(spec, model, index=index))

    pages.insert(0, PageSpec(url=urls.roles(), title="Peran", render_body=index_body, in_nav=True,
                             nav_group="katalog", hide=("toc",),
                             description="Jabatan pelaksana SOP dan tugasnya, per instansi dan lintas instansi."))
    return pages


def comparison_pages(model: SiteModel) -> list[PageSpec]:
    groups = comparison_groups(model)
    pages = []
    for group in groups:
        def body(spec: PageSpec, group=group) -> str:
            return render("perbandingan.html", **_ctx(spec, model, group=group,
                                                      regulation_pages=legal_index(model).regulations))

        pages.append(PageSpec(url=urls.comparison(group.key), title=f"Perbandingan: {group.title}",
                              render_body=body, hide=("navigation", "toc"),
                              description=f"{len(group.rows)} SOP tentang {group.title} dari "
                                          f"{len(group.agencies)} instansi, berdampingan."))

    def index_body(spec: PageSpec) -> str:
        return render("perbandingan_index.html", **_ctx(spec, model, groups=groups))

    pages.insert(0, PageSpec(url=urls.comparisons(), title="Perbandingan", render_body=index_body, in_nav=True,
                             nav_group="katalog", hide=("toc",),
                             description="SOP tentang kegiatan yang sama di instansi berbeda, berdampingan."))
    return pages


def audit_page(model: SiteModel) -> PageSpec:
    legal = legal_index(model)
    links = keterkaitan_index(model)

    def body(spec: PageSpec) -> str:
        from catalogue.rules.review_due import review_findings

        by_kind: dict[str, list] = {}
        for finding in legal.findings:
            by_kind.setdefault(finding.kind, []).append(finding)
        return render("audit.html", **_ctx(
            spec, model, findings=by_kind, regulations=legal.regulations, missing=list(links.missing.values()),
            reviews=review_findings(model.catalogue), warnings=_warning_rows(model)))

    return PageSpec(url=urls.audit(), title="Audit", render_body=body, in_nav=True, nav_group="katalog",
                    hide=("toc",), description="Temuan untuk auditor: dasar hukum dicabut atau salah ketik, "
                                               "keterkaitan tak terselesaikan, SOP yang perlu ditinjau.")


def _warning_rows(model: SiteModel) -> list[dict]:
    root = model.catalogue.root.resolve()
    rows = []
    for w in model.catalogue.warnings:
        try:
            where = w.file.resolve().relative_to(root).as_posix()
        except ValueError:
            where = w.file.name
        rows.append({"file": where, "line": w.line, "field": w.field_name, "message": w.message})
    return rows


def _agency_roles_section(model: SiteModel):
    index = role_index(model)

    def render_section(spec: PageSpec, agency) -> Markup:
        roles = list(index.by_agency.get(agency.id, {}).values())
        return Markup(render("_instansi_peran.html", **_ctx(spec, model, agency=agency, roles=roles)))

    return render_section


def crossref_pages(model: SiteModel, sections: list) -> list[PageSpec]:
    """Every cross-reference page; also links the Keterkaitan box and adds the SOP page's cross-ref section."""
    model.box_renderers["keterkaitan"] = _keterkaitan_box(model)
    sections.append(_crossref_section(model))
    model.agency_sections.append(_agency_roles_section(model))
    pages = [audit_page(model)]
    pages += comparison_pages(model)
    pages += canonical_role_pages(model)
    pages += agency_role_pages(model)
    pages.append(missing_page(model))
    return pages


__all__ = ["citation_regulation_id", "comparison_groups", "crossref_pages", "keterkaitan_index", "role_index"]
