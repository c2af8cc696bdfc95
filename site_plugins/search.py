"""Full-text search with Pagefind, replacing Material's built-in search.

Material's search (lunr) has no Indonesian stemming and ships the whole index in one file (~2.8 KB per SOP
page). Pagefind indexes the built HTML after the build, stems Indonesian (the pages say ``<html lang="id">``)
and splits its index into small chunks that a browser fetches per query.

What gets indexed is decided by the templates, not here: SOP pages mark their content with
``data-pagefind-body`` (so the header, navigation and footer stay out of the index and pages without the
attribute are skipped), carry ``data-pagefind-meta`` for what a result shows (nomor, nama, instansi) and
``data-pagefind-filter`` for the filters (:mod:`catalogue.analysis.facets`). The browser side is
``theme_overrides/partials/search.html`` (header box) and the ``/cari/`` page.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import logging
import math
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .parallel import link_file
from .preview import RefreshCancelled
from .vocabulary import MIN_LENGTH, VOCABULARY_FOLDER, VocabularyError, write_vocabulary

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
    results_per_page = c.Type(int, default=25)
    """Results the search page shows at first, and then at each "Tampilkan … hasil berikutnya". Every result
    shown is a list item the browser lays out, even before its text loads: a common word matches thousands
    of SOPs in a big catalogue, and 8,000 items took a desktop browser 9 s (10,000 SOPs; 0.7 s with 25)."""
    pages_per_index = c.Type(int, default=2000)
    """Most pages in one Pagefind index. A bigger site is indexed in parts, one Pagefind run each, which the
    browser merges: Pagefind holds every page of an index in memory (some 0.2 MB each), so without parts a
    10,000-page site needs over 2 GB to index, and a national catalogue would not fit on a build machine."""


class SearchPlugin(BasePlugin[SearchPluginConfig]):
    """Run Pagefind over the built site and add the search box's script and stylesheet."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        super().__init__()
        self.pages: list[str] = []  # the pages Pagefind reads (site-relative, sorted)
        self.parts = 1
        self.output = "pagefind"  # this build's index folder (a shard's is inside the site's: on_config)
        self.joined: list[str] = []  # a national build's: every shard's index folders (site-relative)
        self.joined_sites: tuple[Path, ...] = ()

    @property
    def bundles(self) -> list[str]:
        """The index folders, relative to the site root: the first is Pagefind's bundle (its scripts), the
        others are merged into it by the browser (listed by BUNDLES_JS, loaded by every page)."""
        return self.joined or bundle_folders(self.output, self.parts)

    @property
    def shortest_word(self) -> int:
        """The shortest word the vocabulary holds: the browser suggests only for query words as long."""
        return MIN_LENGTH

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        for name in ("search", "material/search"):
            if name in config.plugins:
                raise PluginError(
                    f"plugin '{name}' (pencarian bawaan Material) tidak dapat dipakai bersama katalog-search: "
                    "hapus '- search' dari mkdocs.yml."
                )
        # A national catalogue built in shards (catalogue/shards.py): a shard indexes into a folder of its
        # own; the national build indexes nothing and lists every shard's folders, which it places.
        katalog = config.plugins.get("katalog")
        pemda, self.joined_sites = katalog.sharding(config) if hasattr(katalog, "sharding") else ((), ())
        self.output = self.config.output.strip("/") + (f"/{pemda[0]}" if pemda else "")
        self.joined = joined_bundles(self.joined_sites, self.config.output.strip("/"))
        if self.joined_sites and not self.joined:
            raise PluginError(
                f"situs-situs bagian ({', '.join(map(str, self.joined_sites))}) tidak memuat indeks pencarian "
                f"di {self.config.output}/; bangun bagiannya dengan katalog-search."
            )
        # Pagefind's component UI (written by on_post_build) first, then ours, which restyles it for Material
        # and must run (as a classic script) before the UI module defines its elements; before ours, the
        # list of the index's folders.
        bundle = self.bundles[0].strip("/")
        for sheet in (f"{bundle}/pagefind-component-ui.css", ASSETS_CSS):
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        scripts = [str(script) for script in config.extra_javascript]
        if BUNDLES_JS not in scripts:
            config.extra_javascript.append(BUNDLES_JS)
        if ASSETS_JS not in scripts:
            config.extra_javascript.append(ASSETS_JS)
        if f"{bundle}/pagefind-component-ui.js" not in scripts:
            module = ExtraScriptValue(f"{bundle}/pagefind-component-ui.js")
            module.type = "module"
            config.extra_javascript.append(module)
        return config

    # Last, after the plugins that generate pages: how many index parts there will be is known before any
    # page is rendered, because every page's search box lists them.
    @event_priority(-100)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        matches = glob_matcher(self.config.glob)
        if self.joined_sites:  # national: the shards indexed their pages
            self.pages = []
        else:
            self.pages = sorted(f.dest_uri for f in files.documentation_pages() if matches(f.dest_uri))
        self.parts = part_count(len(self.pages), self.config.pages_per_index)
        if files.get_file_from_path(BUNDLES_JS) is not None:
            files.remove(files.get_file_from_path(BUNDLES_JS))
        files.append(File.generated(config, BUNDLES_JS, content=bundles_script(self.bundles)))
        return files

    # Last: the index must see every page as finally written (after minifiers or other post-processors).
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        katalog = config.plugins.get("katalog")
        if not self.config.enabled:
            if hasattr(katalog, "join_background"):
                katalog.join_background()
            return
        site = Path(config.site_dir).resolve()
        output = site / self.output
        if self.joined_sites:
            # National: the shards' indexes are in place (the katalog plugin placed them); each shard's
            # suggestions are made again from the words of them all.
            try:
                words = joined_vocabulary([site / folder for folder in self.joined])
            except VocabularyError as exc:
                raise PluginError(f"Kosakata saran pencarian tidak dapat dibuat: {exc}") from None
            log.info(
                "Indeks pencarian: %d bagian dari situs-situs bagian, %d kata saran", len(self.joined), words
            )
            if hasattr(katalog, "join_background"):
                katalog.join_background()
            return

        preview = getattr(katalog, "preview", None)
        glob, pages, parts = self.config.glob, self.pages, self.parts
        # With the build cache, each part of the index whose pages' bytes are unchanged is taken from the
        # last build (Pagefind cannot update an index, but the parts are indexed apart).
        part_keys = _part_keys(preview, glob, pages, parts, self.output)
        reuse = keep = None
        if part_keys is not None:

            def reuse(n: int, folder: Path) -> bool:
                return preview.stored_part(f"pagefind-{n}", part_keys[n - 1], folder)

            def keep(n: int, folder: Path, files: list[Path]) -> None:
                preview.store_part(f"pagefind-{n}", part_keys[n - 1], folder, files)

        def index() -> None:
            started = time.perf_counter()
            try:
                pages_indexed = _run(_index_parts(site, output, glob, pages, parts, reuse=reuse, keep=keep))
            except FileNotFoundError as exc:  # no pagefind binary: the pagefind[bin] dependency is missing
                raise PluginError(
                    f"Pagefind tidak ditemukan ({exc}); pasang dependensi proyek: pip install -e ."
                ) from None
            log.info(
                "Indeks pencarian: %d halaman dalam %d bagian, %.1f s (%s/)",
                pages_indexed,
                self.parts,
                time.perf_counter() - started,
                output.relative_to(site),
            )

        def index_into(folder: Path, cancel: threading.Event | None = None) -> None:
            _run(_index_parts(site, folder, glob, pages, parts, cancel))

        # Under `mkdocs serve`, a rebuild after an edit serves the previous index at once and indexes the
        # site again in the background when SOPs changed (site_plugins/preview.py).
        try:
            if preview is not None:
                key = "\n".join(part_keys) if part_keys is not None else None
                preview.bulk(site, "pagefind", output, index, refresh=index_into, key=key)
                preview.end_build_outputs()
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


# --- index parts --------------------------------------------------------------------------------------------

#: Folder of part ``n`` (from 2) inside the first part's folder.
PART_FOLDER = "bagian-{}"


def part_count(pages: int, per_index: int) -> int:
    """How many index parts ``pages`` pages need with at most ``per_index`` pages in each."""
    if per_index < 1:
        raise PluginError(f"katalog-search: pages_per_index harus bilangan bulat positif, bukan {per_index}.")
    return max(1, math.ceil(pages / per_index))


def split_parts(paths: list[str], parts: int) -> list[list[str]]:
    """``paths`` (sorted) cut into ``parts`` consecutive runs of near-equal length, so that neighbouring pages
    (one agency's SOPs) stay in one part and the split is the same on every build."""
    size, extra = divmod(len(paths), parts)
    runs, start = [], 0
    for n in range(parts):
        end = start + size + (1 if n < extra else 0)
        runs.append(paths[start:end])
        start = end
    return runs


def bundle_folders(output: str, parts: int) -> list[str]:
    first = output.strip("/") + "/"
    return [first] + [f"{first}{PART_FOLDER.format(n)}/" for n in range(2, parts + 1)]


#: Every page loads this (before ASSETS_JS): the index's folders, site-relative. One file for the whole site,
#: so a national site's pages (each built by its shard) search every shard: the national build writes it.
BUNDLES_JS = "assets/javascripts/katalog-bagian.js"


def bundles_script(bundles: list[str]) -> str:
    """BUNDLES_JS: sets ``window.katalogBagian`` to the folders' paths, resolved against the site's root
    (the script's own address, two folders up)."""
    listed = json.dumps(bundles, ensure_ascii=True)
    return (
        "/* The search index's folders (site_plugins/search.py): the first part is a page's own, the rest are\n"
        " * merged into it. Written by the build; a national site's lists every shard's. */\n"
        "(function () {\n"
        '  var root = new URL("../../", document.currentScript.src);\n'
        f"  window.katalogBagian = {listed}.map(function (path) {{ return new URL(path, root).pathname; }});\n"
        "})();\n"
    )


def joined_bundles(sites: tuple[Path, ...], output: str) -> list[str]:
    """A national build's index folders: each shard site's Pagefind bundles under ``output/`` (a shard's own
    folder first, then its parts), site-relative, shard by shard."""
    found: list[str] = []
    for site in sites:
        entries = sorted((site / output).glob("*/pagefind-entry.json"))
        for entry in entries:
            first = entry.parent
            found.append(f"{first.relative_to(site).as_posix()}/")
            parts = sorted(first.glob(f"{PART_FOLDER.format('*')}/pagefind-entry.json"), key=_part_number)
            found.extend(f"{p.parent.relative_to(site).as_posix()}/" for p in parts)
    return found


def _part_number(entry: Path) -> int:
    return int(entry.parent.name.rsplit("-", 1)[-1])


def joined_vocabulary(bundles: list[Path]) -> int:
    """Write the suggestions of all ``bundles`` into each shard's own folder (not into the shard's files the
    national site links to: the old ones are removed first); returns the word count."""
    firsts = [b for b in bundles if not b.name.startswith(PART_FOLDER.format(""))]
    for first in firsts:
        shutil.rmtree(first / VOCABULARY_FOLDER, ignore_errors=True)
    return write_vocabulary(bundles, into=firsts)


def glob_matcher(glob: str):
    """A test of a site-relative path against Pagefind's ``glob`` (``*`` and ``?`` within one folder name,
    ``**/`` any number of folders)."""
    pattern = ""
    rest = glob.lstrip("/")
    while rest:
        if rest.startswith("**/"):
            pattern, rest = pattern + "(?:[^/]+/)*", rest[3:]
        elif rest[0] == "*":
            pattern, rest = pattern + "[^/]*", rest[1:]
        elif rest[0] == "?":
            pattern, rest = pattern + "[^/]", rest[1:]
        else:
            pattern, rest = pattern + re.escape(rest[0]), rest[1:]
    compiled = re.compile(pattern)
    return lambda path: compiled.fullmatch(path) is not None


def _part_keys(preview, glob: str, pages: list[str], parts: int, output: str) -> list[str] | None:
    """Per index part, the digest of what it is made from (its pages' bytes, as the build cache stored them,
    and how the index is cut); None without the build cache."""
    if preview is None or not hasattr(preview, "pages_key"):
        return None
    keys = []
    for n, run in enumerate(split_parts(pages, parts), start=1):
        key = preview.pages_key(run)
        if key is None:
            return None
        keys.append(f"{key}:{glob}:{parts}:{n}:{output}")
    return keys


async def _index_parts(
    site: Path,
    output: Path,
    glob: str,
    paths: list[str],
    parts: int,
    cancel: threading.Event | None = None,
    reuse: Callable[[int, Path], bool] | None = None,
    keep: Callable[[int, Path, list[Path]], None] | None = None,
) -> int:
    """Index the site into ``output``; in ``parts`` parts when more than one, one after another in one
    Pagefind process (each part's index is dropped from it once written), so the memory needed is that of
    the largest part. Each part is read from a folder holding its pages alone (:func:`_pages_alone`), so
    URLs stay the site's. ``reuse(n, folder)`` may fill part ``n``'s folder with that part as an earlier
    build indexed it (True: not indexed again); ``keep(n, folder, files)`` is given each part indexed, with
    its files, once they are all written."""
    # Written to a fresh folder and swapped in, so a reader of `mkdocs serve` never sees half an index.
    staging = output.with_name(output.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    folders = [staging]
    indexed: list[tuple[int, Path]] = []
    pagefind = _Pagefind(cancel)
    try:
        try:
            if parts == 1:
                pages = await pagefind.index(site, staging, glob)
            else:
                pages = 0
                for n, run in enumerate(split_parts(paths, parts), start=1):
                    folder = staging if n == 1 else staging / PART_FOLDER.format(n)
                    if n > 1:
                        folders.append(folder)
                    if cancel is not None and cancel.is_set():
                        raise RefreshCancelled
                    if reuse is not None and reuse(n, folder):
                        pages += len(run)
                        log.debug("bagian indeks %d: %d halaman, dari pembangunan sebelumnya", n, len(run))
                        continue
                    started = time.perf_counter()
                    with _pages_alone(site, run) as part_site:
                        pages += await pagefind.index(part_site, folder, "**/*.html")
                    indexed.append((n, folder))
                    log.debug(
                        "bagian indeks %d: %d halaman, %.1f s", n, len(run), time.perf_counter() - started
                    )
            await pagefind.settled(staging)
        finally:
            await pagefind.close()
        if cancel is not None and cancel.is_set():
            raise RefreshCancelled
    except RefreshCancelled:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if keep is not None:
        for n, folder in indexed:
            keep(n, folder, _part_files(folder))
    # The words of the finished index, for "Maksud Anda" suggestions (site_plugins/vocabulary.py).
    try:
        words = write_vocabulary(folders)
    except VocabularyError as exc:
        raise PluginError(f"Kosakata saran pencarian tidak dapat dibuat: {exc}") from None
    log.debug("kosakata saran: %d kata", words)
    shutil.rmtree(output, ignore_errors=True)
    staging.rename(output)
    return pages


def _part_files(folder: Path) -> list[Path]:
    """The files of one index part: those in its folder, not in the other parts' folders inside the first."""
    return [
        p
        for p in folder.rglob("*")
        if p.is_file() and not p.relative_to(folder).parts[0].startswith(PART_FOLDER.format(""))
    ]


@contextlib.contextmanager
def _pages_alone(site: Path, paths: list[str]):
    """A folder holding only ``paths`` of ``site``, at the same relative paths (hard links, else copies), so
    that Pagefind reads one part without walking the whole site (given a glob listing the part's pages, it
    walked every file of the site for each part: at 100,000 SOPs, 50 parts of a 133,000-page site). Pagefind
    names pages by their path under the folder it reads, so URLs are the site's. The folder is hidden inside
    the site (same file system, so links work) and removed as soon as the part is indexed."""
    folder = Path(tempfile.mkdtemp(prefix=".katalog-bagian-", dir=site))
    try:
        made: set[Path] = set()
        for path in paths:
            link_file(site / path, folder / path, made)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


#: Pagefind settings its Python API does not take, given to its process by environment variable. An index
#: chunk holds some 5,000 word positions instead of 20,000: a query fetches one chunk per index part, so with
#: five parts (10,000 SOPs) the default chunks made a query fetch 326 KB, these 275 KB (meta grows by ~1.7 KB
#: per part). Pagefind calls the variable unstable; a later 1.x that drops it indexes with its default.
PAGEFIND_TUNING = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "5000"}


@contextlib.contextmanager
def _environment(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update({key: value for key, value in values.items() if saved[key] is None})  # the user's wins
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)


class _Pagefind:
    """One Pagefind process for a build's index, launched when the first part needs indexing.

    The service is driven by hand rather than by PagefindIndex's context manager, which writes the files a
    second time on leaving and then ends the service at once: Pagefind 1.5.2 acknowledges a write before its
    last file writes reach the disk (fixed upstream after 1.5.2, pagefind#1272), so ending it immediately
    can leave a truncated file (seen: pagefind-component-ui.js cut at 128 KiB). :meth:`settled` waits for
    the written files once, after the last part (one process per part cost a launch and a wait each: 2,000
    pages in four parts took 8.2 s against 4.5 s in one)."""

    def __init__(self, cancel: threading.Event | None) -> None:
        self.cancel = cancel
        self.service = None
        self.stopped = False

    async def index(self, site: Path, output: Path, glob: str) -> int:
        from pagefind.index import IndexConfig
        from pagefind.service import PagefindService

        started = time.perf_counter()
        if self.service is None:
            with _environment(PAGEFIND_TUNING):
                self.service = await PagefindService().launch()
        try:
            index = await self.service.create_index(IndexConfig())
            result = await _unless_cancelled(index.add_directory(str(site), glob=glob), self.cancel)
            added = time.perf_counter()
            await _unless_cancelled(index.write_files(output_path=str(output)), self.cancel)
            # Dropped from the process, so that the next part does not add to its memory.
            await _unless_cancelled(index.delete_index(), self.cancel)
        except RefreshCancelled:
            self.stopped = await _stop(self.service)
            raise
        log.debug("Pagefind: baca %.1f s, tulis %.1f s", added - started, time.perf_counter() - added)
        return int(result.get("page_count", 0))

    async def settled(self, folder: Path) -> None:
        if self.service is not None:
            started = time.perf_counter()
            await _unless_cancelled(_settled(folder), self.cancel)
            log.debug("Pagefind: tunggu %.1f s", time.perf_counter() - started)

    async def close(self) -> None:
        if self.service is not None and not self.stopped:
            await self.service.close()


async def _unless_cancelled(work, cancel: threading.Event | None):
    """Await ``work``; raise :class:`RefreshCancelled` as soon as ``cancel`` is set (checked every 50 ms)."""
    if cancel is None:
        return await work
    task = asyncio.ensure_future(work)
    while True:
        done, _ = await asyncio.wait({task}, timeout=0.05)
        if done:
            return task.result()
        if cancel.is_set():
            task.cancel()
            raise RefreshCancelled


async def _stop(service) -> bool:
    """End Pagefind at once, mid-work (its own ``close`` waits for the answers it still owes). True when
    stopped; False when this Pagefind's service has no process to stop (then ``close`` ends it as usual)."""
    backend = getattr(service, "_backend", None)
    if backend is None or not hasattr(backend, "kill"):
        return False
    with contextlib.suppress(ProcessLookupError):
        backend.kill()
    await backend.wait()
    poll = getattr(service, "_poll_task", None)
    if poll is not None:
        poll.cancel()
    return True


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
