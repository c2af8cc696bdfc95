"""Pages whose body is rendered elsewhere (by a forked worker, or reused from the previous `mkdocs serve`
build) need only their front matter read: title and meta. MkDocs reads every page before building any and
sets up a Markdown parser for each; for ten thousand generated pages that is seconds spent on nothing.

Under `mkdocs serve` most pages' front matter is the same from one build to the next: what it parsed to is
remembered (by the front matter's text) for the next build, instead of parsing YAML for every page again."""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.utils import meta as mkdocs_meta

#: Front matter text -> (Markdown after it, its meta), as parsed in the last build that remembered.
_remembered: dict[str, tuple[str, dict[str, Any]]] = {}


def read_front_matter_only(uris: Collection[str], remember: bool = False) -> Callable[[], None]:
    """Make MkDocs read only the front matter of the pages in ``uris`` (source URIs); return the function
    that gives MkDocs its page reader back (call it also after a failed build). With ``remember``, front
    matter parsed in the last such build is not parsed again."""
    global _remembered
    original = mkdocs_build._populate_page
    earlier: dict[str, tuple[str, dict[str, Any]]] = _remembered if remember else {}
    now: dict[str, tuple[str, dict[str, Any]]] = {}
    if remember:
        _remembered = now

    def populate_page(page, config, files, dirty=False):
        if page.file.src_uri not in uris:
            return original(page, config, files, dirty)
        if not remember:
            page.read_source(config)
        else:
            source = config.plugins.on_page_read_source(page=page, config=config)
            if source is None:
                source = page.file.content_string
            parsed = earlier.get(source) or now.get(source) or mkdocs_meta.get_data(source)
            now[source] = parsed
            page.markdown, page.meta = parsed[0], _copy(parsed[1])
        page.content = ""
        return None

    mkdocs_build._populate_page = populate_page

    def restore() -> None:
        if mkdocs_build._populate_page is populate_page:
            mkdocs_build._populate_page = original

    return restore


def _copy(value: Any) -> Any:
    """A page's own meta (a plugin may change it): its dicts and lists copied."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value
