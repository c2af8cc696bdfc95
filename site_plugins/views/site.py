"""Which pages the site has: the core pages plus one contribution per cross-reference feature."""

from __future__ import annotations

from .crossref_pages import crossref_pages
from .data_page import data_page
from .history_pages import history_pages
from .legal_pages import legal_pages
from .monev_pages import monev_pages
from .pages import core_pages
from .procedure import render_procedure
from .search_page import search_page
from .spec import PageSpec, SiteModel

ENTRY_POINTS = [
    {
        "audience": "Masyarakat",
        "text": "Cari prosedur layanan, siapa melaksanakan dan berapa lama.",
        "label": "Cari SOP",
        "url": "cari/",
    },
    {
        "audience": "Pegawai instansi",
        "text": "Buka SOP instansi Anda dan tugas setiap jabatan.",
        "label": "Daftar instansi",
        "url": "#instansi",
    },
    {
        "audience": "Auditor",
        "text": "Bandingkan SOP sejenis dan periksa dasar hukumnya.",
        "label": "Halaman audit",
        "url": "audit/",
    },
]


def build_pages(model: SiteModel) -> list[PageSpec]:
    """Every generated page, in a stable order: the core pages, the legal and cross-reference pages, search
    and open data."""
    return [
        *core_pages(model, render_procedure, ENTRY_POINTS),
        *legal_pages(model),
        *crossref_pages(model),
        *monev_pages(model),
        *history_pages(model),
        search_page(model),
        data_page(model),
    ]
