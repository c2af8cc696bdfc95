"""Monitoring and evaluation on the site: the SOP page's section, each SOP's evaluation history, each
agency's dashboard and the catalogue-wide view for auditors. Figures come from ``Analysis.monev``; chart
geometry from :mod:`catalogue.layout.charts`; the edition decides what the analysis holds, so nothing here
filters anything."""

from __future__ import annotations

from markupsafe import Markup

from catalogue import urls
from catalogue.analysis.monev import NOT_EVALUATED, OVERDUE, Dashboard
from catalogue.layout.charts import share_bars, stacked_bar
from catalogue.model import (
    CONFORMS,
    FOLLOW_UP_DONE,
    FOLLOW_UP_IN_PROGRESS,
    FOLLOW_UP_NOT_STARTED,
    NEEDS_IMPROVEMENT,
    Agency,
    Sop,
)
from catalogue.source.records_format import CRITERIA

from .environment import render
from .spec import PageSpec, SiteModel, page_context

RESULT_TONES = ((CONFORMS, "ok"), (NEEDS_IMPROVEMENT, "perbaikan"), (NOT_EVALUATED, "belum"))
FOLLOW_UP_TONES = (
    (FOLLOW_UP_DONE, "ok"),
    (FOLLOW_UP_IN_PROGRESS, "proses"),
    (FOLLOW_UP_NOT_STARTED, "belum"),
    (OVERDUE, "terlambat"),
)


def _charts(dashboard: Dashboard) -> dict:
    results = stacked_bar(
        f"Hasil evaluasi periode {dashboard.period}",
        [(label, dashboard.results.get(label, 0), tone) for label, tone in RESULT_TONES],
        "SOP",
    )
    follow_ups = stacked_bar(
        "Tindak lanjut evaluasi terakhir",
        [(label, dashboard.follow_ups.get(label, 0), tone) for label, tone in FOLLOW_UP_TONES],
        "tindak lanjut",
    )
    return {"results": results, "follow_ups": follow_ups}


def _context(spec: PageSpec, model: SiteModel, **kw) -> dict:
    return page_context(
        spec, model, monev=model.analysis.monev, criteria=CRITERIA, edition=model.analysis.edition, **kw
    )


def evaluation_section(spec: PageSpec, model: SiteModel, sop: Sop) -> Markup:
    """The SOP page's part: the latest evaluation, its open follow-ups, a link to the history."""
    state = model.analysis.monev.sops[sop.id]
    open_rows = [(sop.id, f) for f in state.open_follow_ups]
    return Markup(
        render("_evaluasi_sop.html", **_context(spec, model, sop=sop, state=state, open_rows=open_rows))
    )


def agency_monev_link(spec: PageSpec, model: SiteModel, agency: Agency) -> Markup:
    """The agency page's pointer to its dashboard, with the coverage in one line."""
    dashboard = model.analysis.monev.agencies[agency.id]
    return Markup(
        render("_evaluasi_instansi.html", **_context(spec, model, agency=agency, dashboard=dashboard))
    )


def sop_history_page(model: SiteModel, sop: Sop) -> PageSpec:
    agency = model.catalogue.agency_of(sop)
    pemda = model.catalogue.pemda_of(sop)

    def body(spec: PageSpec) -> str:
        state = model.analysis.monev.sops[sop.id]
        records = model.catalogue.records.get(sop.id)
        return render(
            "evaluasi_sop.html",
            **_context(spec, model, sop=sop, agency=agency, pemda=pemda, state=state, records=records),
        )

    return PageSpec(
        url=urls.sop_evaluations(sop.id),
        title=f"Evaluasi: {sop.nama}",
        render_body=body,
        hide=("navigation", "toc"),
        description=f"Riwayat monitoring dan evaluasi SOP {sop.nama} — {agency.nama}.",
    )


def agency_dashboard_page(model: SiteModel, agency: Agency) -> PageSpec:
    pemda = model.catalogue.pemdas[agency.pemda_slug]

    def body(spec: PageSpec) -> str:
        dashboard = model.analysis.monev.agencies[agency.id]
        return render(
            "evaluasi_instansi.html",
            **_context(
                spec,
                model,
                agency=agency,
                pemda=pemda,
                dashboard=dashboard,
                charts=_charts(dashboard),
            ),
        )

    return PageSpec(
        url=urls.agency_monev(agency.id),
        title=f"Monitoring dan evaluasi — {agency.nama}",
        render_body=body,
        hide=("toc",),
        description=f"Cakupan dan hasil evaluasi SOP {agency.nama}, tindak lanjut, SOP yang perlu ditinjau.",
    )


def overview_page(model: SiteModel) -> PageSpec:
    def body(spec: PageSpec) -> str:
        monev = model.analysis.monev
        catalogue = model.catalogue
        coverage = share_bars(
            f"SOP yang dievaluasi pada periode {monev.period}, per instansi",
            [
                (
                    f"{a.nama} ({catalogue.pemdas[a.pemda_slug].nama})",
                    monev.agencies[a.id].evaluated,
                    monev.agencies[a.id].total,
                )
                for a in catalogue.agencies.values()
            ],
            "SOP",
        )
        return render(
            "evaluasi.html",
            **_context(spec, model, charts=_charts(monev.catalogue), coverage=coverage),
        )

    return PageSpec(
        url=urls.monev(),
        title="Monitoring dan evaluasi",
        render_body=body,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="Evaluasi SOP seluruh instansi dan pemerintah daerah: cakupan, hasil, tindak lanjut.",
    )


def monev_pages(model: SiteModel) -> list[PageSpec]:
    """The auditor's view, one dashboard per agency, one history page per SOP with records."""
    catalogue = model.catalogue
    return [
        overview_page(model),
        *(agency_dashboard_page(model, agency) for agency in catalogue.agencies.values()),
        *(sop_history_page(model, catalogue.sops[sop_id]) for sop_id in catalogue.records),
    ]
