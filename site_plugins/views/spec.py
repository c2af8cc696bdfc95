"""What every page renderer shares: :class:`PageSpec` (one generated page) and :class:`SiteModel` (the
analysed catalogue the pages are made of)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catalogue import urls
from catalogue.analysis import Analysis
from catalogue.analysis.history import CatalogueHistory
from catalogue.model import Catalogue
from catalogue.urls import relative_url


@dataclass
class PageSpec:
    url: str  # directory URL without leading slash; "" is the home page
    title: str
    render_body: Callable[[PageSpec], str]
    in_nav: bool = False
    nav_group: str | None = None  # pemda slug for agency pages; "katalog" for catalogue-wide pages
    edit_path: str | None = None  # repository path of the source, for the edit link
    hide: tuple[str, ...] = ()
    description: str | None = None
    search: dict[str, Any] = field(
        default_factory=dict
    )  # search filters and meta (used by the search plugin)
    head: Callable[[PageSpec], str] | None = None  # extra HTML for the page head (safe HTML), rendered lazily
    feed: str | None = None  # site path of the agency's Atom feed, linked from the page's head
    feed_title: str | None = None  # whose feed it is (the agency's name)

    @property
    def src_uri(self) -> str:
        return urls.page_src_uri(self.url)

    def link(self, target: str) -> str:
        return relative_url(target, self.url)


@dataclass(frozen=True)
class SiteModel:
    """The analysed catalogue every page of one build is rendered from. Pages read indexes from
    :attr:`analysis` only; none builds one."""

    analysis: Analysis
    site_url: str | None = None  # the published address (mkdocs.yml site_url): printed QR codes need it
    history: CatalogueHistory | None = (
        None  # the SOPs' versions from git (site_plugins/views/history_pages.py)
    )
    feeds: bool = False  # whether the Atom feeds are written (they need the site's address)
    search_page_size: int = 25  # results the search page shows at a time (katalog-search results_per_page)

    @property
    def catalogue(self) -> Catalogue:
        return self.analysis.catalogue


def page_context(spec: PageSpec, model: SiteModel, **kw: Any) -> dict[str, Any]:
    """What every page template may use: the page, its link function, the URL scheme and the catalogue."""
    return {"page": spec, "link": spec.link, "urls": urls, "catalogue": model.catalogue, **kw}
