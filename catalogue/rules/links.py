"""Which URLs may become a link on the site: http(s) addresses and relative paths, nothing else.

A URL written in a source or in the configuration (a licence's address, a repository, a source document)
reaches an ``href``. A ``javascript:`` or ``data:`` URL there would run in a reader's browser, so every such
URL is checked when it is read, and refused with its file and line.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def url_scheme(url: str) -> str:
    """The scheme a browser would read ("" for a relative URL). urlsplit drops the tabs, line breaks and leading
    control characters a browser ignores too ("java\\tscript:" is javascript:)."""
    try:
        return urlsplit(url.strip()).scheme.lower()
    except ValueError:  # an unparseable URL (a bad IPv6 literal) links nowhere safe
        return "?"


def looks_like_url(text: str) -> bool:
    """Whether free text (a document's name or address) is written as a URL: a scheme of two letters or more
    ("C:\\dokumen\\sop.docx" names a file on a Windows drive)."""
    return len(url_scheme(text)) >= 2


def is_web_link(url: str, *, relative: bool = True, mailto: bool = False) -> bool:
    """Whether ``url`` may be an href: http(s), a relative path when ``relative``, mailto when ``mailto``."""
    scheme = url_scheme(url)
    if not scheme:
        return relative and bool(url.strip())
    return scheme in WEB_SCHEMES or (mailto and scheme == "mailto")


def link_problem(url: str, *, relative: bool = True, mailto: bool = False) -> str | None:
    """Why ``url`` may not be a link (Indonesian, for a Problem), or None."""
    if is_web_link(url, relative=relative, mailto=mailto):
        return None
    allowed = (
        "http:// atau https://"
        + (", mailto:" if mailto else "")
        + (" atau alamat relatif" if relative else "")
    )
    return f"alamat '{url[:80]}' tidak dapat dijadikan tautan: gunakan {allowed}."
