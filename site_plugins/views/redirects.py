"""Pages left at old URLs: an SOP whose source file was renamed keeps answering at its old address
(``url_lama``), so links and bookmarks to it do not break.

A static host cannot send HTTP redirects, so each old URL gets a tiny HTML page: an immediate meta refresh, a
canonical link (search engines move their index to the new page) and a visible link for browsers that do not
follow the refresh. Every inserted value is HTML-escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from catalogue import urls
from catalogue.analysis import Analysis
from catalogue.urls import relative_url


@dataclass(frozen=True)
class RedirectPage:
    src_uri: str  # the generated file, e.g. "kab/kec/old-slug/index.html"
    content: str


def redirect_html(title: str, target: str, canonical: str) -> str:
    """The page at an old URL: ``target`` is relative to it, ``canonical`` absolute when the site URL is known."""
    t, c, name = escape(target, quote=True), escape(canonical, quote=True), escape(title)
    return (
        "<!doctype html>\n"
        '<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        f"<title>Dipindahkan: {name}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={t}">\n'
        f'<link rel="canonical" href="{c}">\n'
        '<meta name="robots" content="noindex">\n'
        "</head>\n<body>\n"
        f'<p>Halaman ini telah dipindahkan ke <a href="{t}">{name}</a>.</p>\n'
        "</body>\n</html>\n"
    )


def redirect_pages(analysis: Analysis, site_url: str | None) -> list[RedirectPage]:
    """One page per old identifier of every SOP, in catalogue order."""
    pages = []
    for old_id, sop_id in analysis.redirects:
        old_url, new_url = urls.redirect(old_id), urls.sop(sop_id)
        target = relative_url(new_url, old_url)
        canonical = f"{site_url.rstrip('/')}/{new_url}" if site_url else target
        pages.append(
            RedirectPage(
                urls.page_src_uri(old_url).removesuffix(".md") + ".html",
                redirect_html(analysis.catalogue.sops[sop_id].nama, target, canonical),
            )
        )
    return pages
