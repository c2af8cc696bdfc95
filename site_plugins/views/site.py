"""Which pages the site has: the core pages plus one contribution per cross-reference feature."""

from __future__ import annotations

from pathlib import Path

from .crossref_pages import crossref_pages
from .data_page import data_page
from .legal_pages import legal_pages
from .pages import PageSpec, SiteModel, core_pages
from .procedure import render_procedure
from .search_page import search_page

ENTRY_POINTS = [
    {"audience": "Masyarakat", "text": "Cari prosedur layanan, siapa melaksanakan dan berapa lama.",
     "label": "Cari SOP", "url": "cari/"},
    {"audience": "Pegawai instansi", "text": "Buka SOP instansi Anda dan tugas setiap jabatan.",
     "label": "Daftar instansi", "url": "#instansi"},
    {"audience": "Auditor", "text": "Bandingkan SOP sejenis dan periksa dasar hukumnya.",
     "label": "Halaman audit", "url": "audit/"},
]


def build_pages(model: SiteModel, registry_path: Path) -> list[PageSpec]:
    sections: list = []
    pages = core_pages(model, render_procedure, sections, ENTRY_POINTS)
    pages += legal_pages(model)
    pages += crossref_pages(model, sections)
    pages.append(search_page(model))
    pages.append(data_page(model))
    return pages
