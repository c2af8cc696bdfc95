"""Pages whose body is rendered elsewhere (by a forked worker, or reused from the previous `mkdocs serve`
build) need only their front matter read: title and meta. MkDocs reads every page before building any and
sets up a Markdown parser for each; for ten thousand generated pages that is seconds spent on nothing."""

from __future__ import annotations

from collections.abc import Callable, Collection

from mkdocs.commands import build as mkdocs_build


def read_front_matter_only(uris: Collection[str]) -> Callable[[], None]:
    """Make MkDocs read only the front matter of the pages in ``uris`` (source URIs); return the function
    that gives MkDocs its page reader back (call it also after a failed build)."""
    original = mkdocs_build._populate_page

    def populate_page(page, config, files, dirty=False):
        if page.file.src_uri not in uris:
            return original(page, config, files, dirty)
        page.read_source(config)
        page.content = ""
        return None

    mkdocs_build._populate_page = populate_page

    def restore() -> None:
        if mkdocs_build._populate_page is populate_page:
            mkdocs_build._populate_page = original

    return restore
