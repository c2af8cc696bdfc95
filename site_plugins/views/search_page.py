"""The search page ``/cari/``: Pagefind's input, filters and results (the index is built by
``site_plugins/search.py``). The header box leads here with ``?q=`` for the full list of results."""

from __future__ import annotations

from catalogue.analysis.facets import FACETS

from .environment import render
from .spec import PageSpec, SiteModel

SEARCH_URL = "cari/"

#: Labels of the filter dropdowns, by facet key (catalogue/facets.py).
FILTER_LABELS = {
    "pemda": "Pemerintah daerah",
    "instansi": "Instansi",
    "peran": "Jabatan pelaksana",
    "peraturan": "Dasar hukum",
    "status": "Status",
}


def search_page(model: SiteModel) -> PageSpec:
    def body(spec: PageSpec) -> str:
        filters = [(key, FILTER_LABELS[key]) for key in FACETS]
        return render(
            "cari.html",
            page=spec,
            link=spec.link,
            filters=filters,
            sop_count=len(model.catalogue.sops),
            per_page=model.search_page_size,
        )

    return PageSpec(
        url=SEARCH_URL,
        title="Cari SOP",
        render_body=body,
        in_nav=True,
        nav_group="katalog",
        hide=("toc",),
        description="Cari SOP menurut kata, instansi, jabatan pelaksana dan dasar hukum.",
    )
