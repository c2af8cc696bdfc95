"""The open data page (``/data/``): what each exported file holds, its columns, its licence, how to cite it,
and the URL scheme that keeps identifiers stable. Every table on it is generated from
:mod:`catalogue.export.schema`, the same definitions the export is validated against."""

from __future__ import annotations

from catalogue import urls
from catalogue.export.schema import (
    DEFS,
    FORMAT_VERSION,
    LIST_SEPARATOR,
    SOP_DOCUMENT,
    TABLES,
    field_rows,
)
from catalogue.source.catalogue_meta import CatalogueMeta

from .environment import render
from .spec import PageSpec, SiteModel, page_context


def data_page(model: SiteModel) -> PageSpec:
    meta = model.analysis.meta or CatalogueMeta()
    example = next(iter(model.catalogue.sops.values()), None)

    def body(spec: PageSpec) -> str:
        return render(
            "data.html",
            **page_context(
                spec,
                model,
                meta=meta,
                tables=TABLES,
                sop_fields=field_rows(SOP_DOCUMENT, DEFS),
                example=example,
                redirects=model.analysis.redirects,
                format_version=FORMAT_VERSION,
                list_separator=LIST_SEPARATOR.strip(),
            ),
        )

    return PageSpec(
        url=urls.data_page(),
        title="Data terbuka",
        render_body=body,
        in_nav=True,
        nav_group="katalog",
        description="Unduh seluruh katalog SOP sebagai JSON dan CSV: isi berkas, kamus kolom, "
        "lisensi dan cara mengutip.",
    )
