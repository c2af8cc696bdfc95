"""Build the generated pages on every CPU core.

MkDocs renders pages one after another in one process: at 10,000 SOPs, rendering bodies and Material's page
template is most of a build, while the other cores idle. Here the catalogue's generated pages leave MkDocs'
sequential loop: their bodies are not rendered while MkDocs reads pages (the plugin returns an empty body
for them, which also keeps 10,000 bodies out of memory), and once MkDocs has read every page (``on_env``,
when the navigation and the theme environment are final) worker processes are forked. Each worker, and the
main process once MkDocs' own loop is done, takes the next unbuilt page from a shared counter, renders its
body and runs MkDocs' own ``_build_page`` on it: same template, same plugin events, same bytes. On one core
no worker is forked and the main process builds them all: deferring still saves reading their front matter
as Markdown and holding every body in memory at once.

Forking copies the main process as it is, so nothing is pickled; it is only safe without other threads
(which ``mkdocs serve`` has after its first build), so parallel builds happen in ``mkdocs build`` and the
first build of ``mkdocs serve``. They are also skipped when another plugin listens to per-page events (its
state would be split over processes), for small sites, and off Linux. Then the build is MkDocs' own.

The same hook on ``_build_page`` lets a ``mkdocs serve`` rebuild link the pages an edit did not change from
the previous build instead of rendering them (site_plugins/preview.py).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import shutil
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

from catalogue.forking import cores, why_fork_is_unsafe

from .reading import read_front_matter_only

log = logging.getLogger("mkdocs.plugins.katalog.parallel")

#: Below this many generated pages, forking costs more than it saves.
MIN_PAGES = 300
#: Per-page events: a plugin listening to those MkDocs fires inside ``_build_page`` would see only the pages
#: its own process built, and one listening to those of reading a page would never see a deferred body.
PAGE_EVENTS = ("pre_page", "page_markdown", "page_content", "page_context", "post_page")


def foreign_page_listener(config: Any, own_plugins: tuple[Any, ...]) -> str | None:
    """Why pages cannot be built away from MkDocs' loop (in a worker, or taken from an earlier build): another
    plugin listens to per-page events and would miss them; None when no other does."""
    for event in PAGE_EVENTS:
        for method in config.plugins.events[event]:
            if getattr(method, "__self__", None) not in own_plugins:
                return f"plugin lain mendengarkan on_{event}"
    return None


class ParallelPages:
    """Decides per build whether generated pages are built in parallel, and builds them."""

    def __init__(self, own_plugins: tuple[Any, ...]) -> None:
        self.own_plugins = own_plugins  # plugins whose page events are safe to run in any process
        self.active = False
        self.pages: list[str] = []
        self.render: Callable[[str], str] | None = None
        self.nav = None
        self._page_set: set[str] = set()
        self._build_frame = None
        self._workers: list[multiprocessing.process.BaseProcess] = []
        self._restore: Callable[[], None] | None = None
        self._restore_reading: Callable[[], None] | None = None

    # --- planning (on_files) ----------------------------------------------------------------------------

    def plan(self, config: Any, pages: list[str], render: Callable[[str], str]) -> None:
        """Decide for this build; ``pages`` are src_uris, ``render(src_uri)`` renders one body."""
        self.pages, self.render = pages, render
        reason = self._why_not(config)
        self.active = reason is None
        if reason and len(pages) >= MIN_PAGES:
            log.debug("halaman dibangun berurutan: %s", reason)
        if self.active:
            self._skip_reading()

    def _skip_reading(self) -> None:
        """A deferred page's Markdown is its front matter alone: skip the Markdown parser MkDocs would set up
        for an empty body. No other plugin listens to reading events when pages are deferred (``_why_not``)."""
        self._restore_reading = read_front_matter_only(self._page_set)

    def defers(self, src_uri: str) -> bool:
        """Whether this page's body is rendered when the page is built, not when MkDocs reads it."""
        return self.active and src_uri in self._page_set

    def _why_not(self, config: Any) -> str | None:
        if len(self.pages) < MIN_PAGES:
            return "situs kecil"
        # On one core the pages are still deferred, and built one by one in this process without workers:
        # no Markdown parsing of their front matter, and no body kept in memory after its page is written.
        reason = why_fork_is_unsafe()
        if reason is not None:
            return reason
        listener = foreign_page_listener(config, self.own_plugins)
        if listener is not None:
            return listener
        # The build loop must be MkDocs' own, whose _build_page we take over (a fork of MkDocs has its own).
        self._build_frame = next((f for f in _frames() if f.f_code is mkdocs_build.build.__code__), None)
        if self._build_frame is None:
            return "bukan mkdocs.commands.build"
        self._page_set = set(self.pages)
        return None

    # --- building (on_env … on_post_build) --------------------------------------------------------------

    def start(
        self,
        env: Any,
        config: Any,
        files: Any,
        reused: dict[str, Path] | None = None,
        kept_site: Callable[[str], bool] | None = None,
    ) -> None:
        """Fork the workers; MkDocs' loop from here on skips the pages they build, and links the ``reused``
        pages' outputs (src_uri -> an earlier build's file, see preview.py) instead of rendering them.

        With ``kept_site`` the site folder is the last build's (``mkdocs serve``): a reused page for which
        it is true is in place already, and a page built again replaces its file rather than writing into
        it (that file is also the stored output of the last build)."""
        reused = reused or {}
        if reused or kept_site is not None:
            self._patch(set(), reused, kept_site)
        if not self.active:
            return
        by_uri = {f.src_uri: f for f in files.documentation_pages(inclusion=InclusionLevel.is_included)}
        self._doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self._env, self._config = env, config
        # The navigation as MkDocs' loop will pass it to every page (after every plugin's on_nav).
        self.nav = self._build_frame.f_locals["nav"]
        self._build_frame = None
        self._todo = [by_uri[uri].page for uri in self.pages if uri in by_uri]
        context = multiprocessing.get_context("fork")
        self._next = context.Value("l", 0)
        self._warnings = context.Value("l", 0)
        self._failed = context.Value("b", 0)
        self._patch(self._page_set, reused, kept_site)
        workers = cores() - 1  # none on one core: the main process builds every page in finish()
        if workers < 1:
            return
        # Objects shared with the workers stay untouched by their collector: fewer copied pages. They stay
        # set aside in this process too until the next build (the catalogue plugin's on_pre_build).
        gc.collect()
        gc.freeze()
        self._workers = [context.Process(target=self._worker, daemon=True) for _ in range(workers)]
        for worker in self._workers:
            worker.start()

    def _patch(
        self, deferred: set[str], reused: dict[str, Path], kept_site: Callable[[str], bool] | None = None
    ) -> None:
        if self._restore is not None:
            self._restore()
        original = mkdocs_build._build_page
        made: set[Path] = set()

        def build_page(page, *args, **kwargs):  # MkDocs' loop: the deferred pages are built by _work
            uri = page.file.src_uri
            cached = reused.get(uri)
            if cached is not None:
                if kept_site is None or not kept_site(uri):
                    link_file(cached, Path(page.file.abs_dest_path), made)
                return None
            if uri in deferred:
                return None
            if kept_site is not None:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(page.file.abs_dest_path)
            return original(page, *args, **kwargs)

        self._original = original
        mkdocs_build._build_page = build_page

        def restore() -> None:
            mkdocs_build._build_page = original

        self._restore = restore

    def finish(self) -> None:
        """Build what the workers have not taken, wait for them, and fail the build if any page failed."""
        if not self.active:
            self._stop()
            return
        try:
            self._work()
            for worker in self._workers:
                worker.join()
        finally:
            self._stop()
        failed = self._failed.value or any(w.exitcode != 0 for w in self._workers)
        self._workers = []
        if failed:
            raise PluginError("halaman gagal dibangun di proses pembantu; lihat galat di atas.")
        if self._warnings.value:
            log.warning(
                "%d peringatan saat membangun halaman di proses pembantu (lihat di atas).",
                self._warnings.value,
            )

    def abort(self) -> None:
        """After a failed build: stop the workers and give MkDocs its loop back."""
        for worker in self._workers:
            if worker.is_alive():
                worker.terminate()
            worker.join()
        self._workers = []
        self._stop()

    def _stop(self) -> None:
        if self._restore is not None:
            self._restore()
            self._restore = None
        if self._restore_reading is not None:
            self._restore_reading()
            self._restore_reading = None
        self.active = False

    def _claim(self) -> int | None:
        with self._next.get_lock():
            index = self._next.value
            if index >= len(self._todo) or self._failed.value:
                return None
            self._next.value = index + 1
        return index

    def _work(self) -> None:
        assert self.render is not None
        while (index := self._claim()) is not None:
            page = self._todo[index]
            page.content = self.render(page.file.src_uri)
            self._original(page, self._config, self._doc_files, self.nav, self._env)
            page.content = None  # written: the body need not stay in memory

    def _worker(self) -> None:
        counter = _CountWarnings(self._warnings)
        logging.getLogger("mkdocs").addHandler(counter)
        try:
            self._work()
        except BaseException:  # noqa: BLE001 - reported to the main process, which fails the build
            self._failed.value = 1
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        sys.stderr.flush()
        os._exit(0)  # skip the main process's exit handlers, which are not the worker's to run


class Background:
    """One job run in a forked child process while the main process goes on (the open data is written
    while Pagefind indexes: each keeps one core busy)."""

    def __init__(self, job: Callable[[], None]) -> None:
        self._process = multiprocessing.get_context("fork").Process(target=_run_job, args=(job,), daemon=True)
        self._process.start()

    def join(self) -> None:
        self._process.join()
        if self._process.exitcode != 0:
            raise PluginError("penulisan di proses pembantu gagal; lihat galat di atas.")

    def kill(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()


def _run_job(job: Callable[[], None]) -> None:
    try:
        job()
    except BaseException:  # noqa: BLE001 - reported to the main process, which fails the build
        traceback.print_exc()
        sys.stderr.flush()
        os._exit(1)
    sys.stderr.flush()
    os._exit(0)


def link_file(source: Path, target: Path, made: set[Path]) -> None:
    """Put ``source``'s bytes at ``target``: a hard link when possible (no copy), else a copy."""
    if target.parent not in made:  # one mkdir per folder, not per page: they are slow system calls
        target.parent.mkdir(parents=True, exist_ok=True)
        made.add(target.parent)
    try:
        os.link(source, target)
    except FileExistsError:
        target.unlink()
        os.link(source, target)
    except OSError:  # another file system, or links not allowed: copy
        shutil.copy2(source, target)


class _CountWarnings(logging.Handler):
    """Counts warnings in a worker, so that ``--strict`` still fails on them in the main process."""

    def __init__(self, counter: Any) -> None:
        super().__init__(logging.WARNING)
        self.counter = counter

    def emit(self, record: logging.LogRecord) -> None:
        with self.counter.get_lock():
            self.counter.value += 1


def _frames():
    frame = sys._getframe()
    while frame is not None:
        yield frame
        frame = frame.f_back
