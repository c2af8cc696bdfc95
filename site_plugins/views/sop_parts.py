"""The parts of SOP and agency pages that link into the catalogue: the linked Dasar Hukum and Keterkaitan
boxes, the SOP's references/backlinks/roles/comparison section, and an agency's positions. Each reads its
index from the analysis; the matching and parsing are the catalogue's."""

from __future__ import annotations

from urllib.parse import urlencode, urljoin

from markupsafe import Markup

from catalogue import urls
from catalogue.model import Agency, Sop

from .environment import render
from .qr import qr_svg
from .spec import PageSpec, SiteModel, page_context


def dasar_hukum_box(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """Each line as written, with the regulations it cites linked to their pages and the auditor's findings."""
    legal = model.analysis.legal
    findings = legal.findings_of(sop.id)
    items = [
        {
            "teks": line.teks,
            "regulations": [legal.regulations[r] for r in line.regulation_ids if r in legal.regulations],
            "findings": [f for f in findings if f.line == line.line],
            "manual": line.manual,
        }
        for line in legal.lines.get(sop.id, ())
    ]
    return Markup(
        render("_dasar_hukum.html", **page_context(spec, model, items=items, regulations=legal.regulations))
    )


def keterkaitan_box(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """Each Keterkaitan line as written, linked to the SOP it names where the catalogue has it."""
    entries = [e for e in model.analysis.links.links_of(sop.id) if e.field[0] == "keterkaitan"]
    # An entry naming an SOP no longer in force leads to its successor, saying so.
    life = model.analysis.lifecycle
    successors = {e.target_id: life.current(e.target_id) for e in entries if e.target_id}
    return Markup(
        render(
            "_keterkaitan.html",
            **page_context(spec, model, entries=entries, successors=successors),
        )
    )


def crossref_section(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """References in steps, the SOPs that refer to this one, its roles' task pages and its comparison."""
    analysis = model.analysis
    links = analysis.links
    step_refs = [e for e in links.links_of(sop.id) if e.field[0] == "langkah"]
    backlinks = [
        (model.catalogue.sops[src], text)
        for src, text in links.backlinks.get(sop.id, [])
        if src in model.catalogue.sops
    ]
    return Markup(
        render(
            "_sop_rujukan.html",
            **page_context(
                spec,
                model,
                sop=sop,
                step_refs=step_refs,
                successors={
                    e.target_id: analysis.lifecycle.current(e.target_id) for e in step_refs if e.target_id
                },
                backlinks=backlinks,
                roles=analysis.roles.roles_of_sop(sop),
                group=analysis.comparison_of.get(sop.id),
            ),
        )
    )


def agency_roles_section(spec: PageSpec, model: SiteModel, agency: Agency) -> Markup:
    """The agency's positions, each linking to the page of its tasks."""
    roles = list(model.analysis.roles.by_agency.get(agency.id, {}).values())
    return Markup(render("_instansi_peran.html", **page_context(spec, model, agency=agency, roles=roles)))


def lifecycle_notes(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """A replaced or revoked SOP's banner leading to the SOP in force; the SOPs an SOP replaced; the review
    badge of an SOP overdue or due soon for review."""
    sops = model.catalogue.sops
    life = model.analysis.lifecycle
    successor, current = life.successor.get(sop.id), life.current(sop.id)
    return Markup(
        render(
            "_status.html",
            **page_context(
                spec,
                model,
                sop=sop,
                successor=sops[successor] if successor else None,
                current=sops[current] if current else None,
                predecessors=[sops[old] for old in life.predecessors.get(sop.id, ())],
                review=model.analysis.review_of.get(sop.id),
            ),
        )
    )


def print_verification(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """The printed page's QR code and address (when the site's address is known), and the version the page
    compares a printout's with."""
    version = model.analysis.version_of(sop.id)
    page_url = versioned_url = qr = None
    if model.site_url:
        page_url = urljoin(model.site_url, urls.sop(sop.id))
        versioned_url = f"{page_url}?{urlencode({'versi': version})}"
        # Medium error correction: a printout folded, stamped or photocopied still reads.
        qr = qr_svg(versioned_url)
    return Markup(
        render(
            "_verifikasi.html",
            **page_context(
                spec,
                model,
                sop=sop,
                version=version,
                page_url=page_url,
                versioned_url=versioned_url,
                qr_svg=qr,
            ),
        )
    )
