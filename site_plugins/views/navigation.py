"""The navigation: home, one section per pemda (its agencies; grouped in one section when there are many),
catalogue-wide pages, then guides.

SOP pages are never in the navigation: Material renders the whole navigation into every page, so thousands
of SOP entries would make the build quadratic. Agencies list their SOPs on their own page instead.
"""

from __future__ import annotations

import html

from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.pages import Page

from .spec import PageSpec, SiteModel

CATALOGUE_GROUP = "katalog"
#: Above this many pemda, they share one top-level section instead of one section each.
PEMDA_SECTIONS_MAX = 5


def build_navigation(
    nav: Navigation, files: Files, specs: dict[str, PageSpec], model: SiteModel
) -> Navigation:
    def page_of(src_uri: str) -> Page | None:
        file = files.get_file_from_path(src_uri)
        return file.page if file is not None else None

    items: list = []
    home = page_of("index.md")
    if home is not None:
        items.append(home)
    by_url = {spec.url: spec for spec in specs.values()}

    def entry(url: str, title: str) -> Page | Link | None:
        # A national site's pemda and agency pages are built by the shards (catalogue/shards.py): linked.
        spec = by_url.get(url)
        return page_of(spec.src_uri) if spec is not None else Link(html.escape(title), url)

    pemda_sections: list = []
    for pemda in model.catalogue.pemdas.values():
        pemda_page = entry(f"{pemda.slug}/", pemda.nama)
        children = [pemda_page] if pemda_page else []
        for agency in model.catalogue.agencies.values():
            if agency.pemda_slug == pemda.slug:
                page = entry(f"{agency.id}/", agency.nama)
                if page is not None:
                    children.append(page)
        # Material prints nav titles unescaped (they are HTML from Markdown headings).
        pemda_sections.append(Section(html.escape(pemda.nama), children))
    # Every page carries the top level of the navigation (pruned below it): with many pemda, one section
    # holds them, so that an SOP page's HTML stays the same size however large the catalogue grows.
    if len(pemda_sections) > PEMDA_SECTIONS_MAX:
        items.append(Section("Pemerintah daerah", pemda_sections))
    else:
        items += pemda_sections
    catalogue_pages = [
        page_of(s.src_uri) for s in specs.values() if s.in_nav and s.nav_group == CATALOGUE_GROUP
    ]
    if catalogue_pages:
        items.append(Section("Telusuri", [p for p in catalogue_pages if p is not None]))
    generated = set(specs)
    guides = [
        f.page
        for f in files.documentation_pages()
        if f.src_uri not in generated and f.page is not None and f.inclusion.is_in_nav()
    ]
    if guides:
        items.append(Section("Panduan", guides))
    pages = [item for item in _walk(items)]
    _add_parent_links(items)
    _add_previous_and_next_links(pages)
    return Navigation(items, pages)


def _walk(items):
    for item in items:
        if isinstance(item, Section):
            yield from _walk(item.children)
        elif isinstance(item, Page):
            yield item
