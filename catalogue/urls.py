"""The public URL scheme: stable paths of every page and data file, in one place.

An SOP's identifier is ``<pemda>/<instansi>/<slug>`` (folder and file names); its page is ``/<id>/``.
Top-level names below are reserved for catalogue-wide pages, so a pemda folder may not use them.
"""

from __future__ import annotations

RESERVED_TOP_LEVEL = frozenset({
    "peraturan", "peran", "perbandingan", "audit", "cari", "data", "tentang", "assets", "search",
    "keterkaitan", "format-sumber", "sumber", "404",
})


def home() -> str:
    return ""


def pemda(slug: str) -> str:
    return f"{slug}/"


def agency(agency_id: str) -> str:
    return f"{agency_id}/"


def sop(sop_id: str) -> str:
    return f"{sop_id}/"


def sop_source(sop_id: str) -> str:
    """The SOP's YAML source as published beside the site."""
    return f"data/sumber/{sop_id}.yml"


def page_src_uri(url: str) -> str:
    """The virtual Markdown path that MkDocs turns into ``url`` with directory URLs."""
    return f"{url}index.md" if url else "index.md"
