"""Which pages the site has: the core pages plus one contribution per cross-reference feature."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from catalogue.model import Sop

from .pages import PageSpec, SiteModel, core_pages

ENTRY_POINTS = [
    {"audience": "Masyarakat", "text": "Cari prosedur layanan, siapa melaksanakan dan berapa lama.",
     "label": "Cari SOP", "url": "cari/"},
    {"audience": "Pegawai instansi", "text": "Buka SOP instansi Anda dan tugas setiap jabatan.",
     "label": "Daftar instansi", "url": "#instansi"},
    {"audience": "Auditor", "text": "Bandingkan SOP sejenis dan periksa dasar hukumnya.",
     "label": "Halaman audit", "url": "audit/"},
]


def _procedure_renderer():
    try:
        from .procedure import render_procedure
    except ImportError:  # pragma: no cover - only while the flowchart module is being written
        from .procedure_fallback import render_procedure
    return render_procedure


def build_pages(model: SiteModel, registry_path: Path) -> list[PageSpec]:
    procedure = _procedure_renderer()
    sections: list = []
    pages = core_pages(model, procedure, sections, ENTRY_POINTS)
    return pages


def procedure_html(sop: Sop) -> Markup:
    return _procedure_renderer()(sop)
