"""Full-text search with Pagefind, replacing Material's built-in search.

Material's search (lunr) has no Indonesian stemming and ships the whole index in one file (~2.8 KB per SOP
page). Pagefind indexes the built HTML after the build, stems Indonesian (the pages say ``<html lang="id">``)
and splits its index into small chunks that a browser fetches per query.

What gets indexed is decided by the templates, not here: SOP pages mark their content with
``data-pagefind-body`` (so the header, navigation and footer stay out of the index and pages without the
attribute are skipped), carry ``data-pagefind-meta`` for what a result shows (nomor, nama, instansi) and
``data-pagefind-filter`` for the filters (:mod:`catalogue.facets`). The browser side is
``theme_overrides/partials/search.html`` (header box) and the ``/cari/`` page.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import shutil
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

log = logging.getLogger("mkdocs.plugins.katalog.search")

ASSETS_CSS = "assets/stylesheets/katalog-search.css"
ASSETS_JS = "assets/javascripts/katalog-search.js"


class SearchPluginConfig(Config):
    enabled = c.Type(bool, default=True)
    """Build the search index (the search box stays; without an index it reports that search is unavailable)."""
    output = c.Type(str, default="pagefind")
    """Folder of the search bundle inside ``site_dir``."""
    glob = c.Type(str, default="**/*.html")
    """Which built files Pagefind reads (pages without ``data-pagefind-body`` are skipped anyway, so this
    only saves reading them)."""


class SearchPlugin(BasePlugin[SearchPluginConfig]):
    """Run Pagefind over the built site and add the search box's script and stylesheet."""

    supports_multiple_instances = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name in ("search", "material/search"):
            if name in config.plugins:
                raise PluginError(
                    f"plugin '{name}' (pencarian bawaan Material) tidak dapat dipakai bersama katalog-search: "
                    "hapus '- search' dari mkdocs.yml."
                )
        # Pagefind's component UI (written by on_post_build) first, then ours, which restyles it for Material
        # and must run (as a classic script) before the UI module defines its elements.
        bundle = self.config.output.strip("/")
        for sheet in (f"{bundle}/pagefind-component-ui.css", ASSETS_CSS):
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        scripts = [str(script) for script in config.extra_javascript]
        if ASSETS_JS not in scripts:
            config.extra_javascript.append(ASSETS_JS)
        if f"{bundle}/pagefind-component-ui.js" not in scripts:
            module = ExtraScriptValue(f"{bundle}/pagefind-component-ui.js")
            module.type = "module"
            config.extra_javascript.append(module)
        return config

    # Last: the index must see every page as finally written (after minifiers or other post-processors).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        katalog = config.plugins.get("katalog")
        if not self.config.enabled:
            if hasattr(katalog, "join_background"):
                katalog.join_background()
            return
        site = Path(config.site_dir).resolve()
        output = site / self.config.output

        def index() -> None:
            started = time.perf_counter()
            try:
                pages = _run(_index(site, output, self.config.glob))
            except FileNotFoundError as exc:  # no pagefind binary: the pagefind[bin] dependency is missing
                raise PluginError(f"Pagefind tidak ditemukan ({exc}); pasang dependensi proyek: pip install -e .") \
                    from None
            log.info("Indeks pencarian: %d berkas HTML dibaca dalam %.1f s (%s/)", pages,
                     time.perf_counter() - started, output.relative_to(site))

        # Under `mkdocs serve`, a rebuild after an edit keeps the previous index (site_plugins/preview.py).
        preview = getattr(katalog, "preview", None)
        try:
            if preview is not None:
                preview.bulk(site, "pagefind", output, index)
            else:
                index()
        finally:
            # The catalogue plugin may be writing the open data meanwhile: the build ends when both have.
            if hasattr(katalog, "join_background"):
                katalog.join_background()


def _run(coroutine):
    """Run ``coroutine`` to its end, also when the caller already runs an event loop (a notebook, a test
    driving a browser): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _index(site: Path, output: Path, glob: str) -> int:
    from pagefind.index import IndexConfig
    from pagefind.service import PagefindService

    # Written to a fresh folder and swapped in, so a reader of `mkdocs serve` never sees half an index.
    staging = output.with_name(output.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    # The service is driven by hand rather than by PagefindIndex's context manager, which writes the files
    # a second time on leaving and then ends the service at once: Pagefind 1.5.2 acknowledges the write
    # before its last file writes reach the disk (fixed upstream after 1.5.2, pagefind#1272), so ending it
    # immediately can leave a truncated file (seen: pagefind-component-ui.js cut at 128 KiB).
    service = await PagefindService().launch()
    try:
        index = await service.create_index(IndexConfig())
        result = await index.add_directory(str(site), glob=glob)
        await index.write_files(output_path=str(staging))
        await _settled(staging)
    finally:
        await service.close()
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    return int(result.get("page_count", 0))


async def _settled(folder: Path, quiet: float = 0.2, limit: float = 30.0) -> None:
    """Wait until no file under ``folder`` has changed size for ``quiet`` seconds."""

    def snapshot() -> dict[str, int]:
        return {str(p): p.stat().st_size for p in folder.rglob("*") if p.is_file()}

    before, waited = snapshot(), 0.0
    while waited < limit:
        await asyncio.sleep(quiet)
        waited += quiet
        now = snapshot()
        if now == before:
            return
        before = now
    raise PluginError(f"Pagefind belum selesai menulis {folder} setelah {limit:.0f} s.")
