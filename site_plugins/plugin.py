"""The MkDocs plugin that publishes the catalogue. Each hook reads as a step of the build; rules live in
``catalogue/`` and page rendering in ``site_plugins/views``."""

from __future__ import annotations

import gc
import gzip
import html
import json
import logging
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import Markup
from mkdocs import utils as mkdocs_utils
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from catalogue import FileCache, urls
from catalogue.analysis import Analysis, Sources, analyse_sources
from catalogue.analysis.edition import EDITION_VARIABLE, EDITIONS, edition_from
from catalogue.analysis.history import CatalogueHistory, read_history
from catalogue.export.open_data import ExportSettings, write_export
from catalogue.forking import can_fork
from catalogue.problems import CatalogueError
from catalogue.rules.links import link_problem
from catalogue.shards import (
    CONTEXT_FILE,
    CONTEXT_VARIABLE,
    NOTES_FILE,
    PEMDA_VARIABLE,
    SHARDS_VARIABLE,
    analyse_shard,
    analyse_shard_sites,
    context_notes,
    count_sources,
    in_shard,
    join_sitemaps,
    parse_pemda_list,
    place_shards,
    shard_file,
    shard_notes,
    shard_owns,
)
from catalogue.sitemap import INSTANT_FEATURES, INSTANT_NAVIGATION_MAX_SOPS, instant_navigation, split_sitemap
from catalogue.source.editor_config import LOCAL_BACKEND_URL
from catalogue.source.parse_cache import ParseStore

from .editor import write_editor
from .parallel import Background, ParallelPages, foreign_page_listener
from .preview import PreviewCache
from .views.history_pages import feed_files
from .views.navigation import build_navigation
from .views.redirects import redirect_pages
from .views.site import build_pages
from .views.spec import PageSpec, SiteModel
from .watching import watch_natively

log = logging.getLogger("mkdocs.plugins.katalog")

#: The folder of parsed sources inside the build cache.
PARSES_FOLDER = "sumber"

STYLESHEETS = (
    "assets/stylesheets/katalog.css",
    "assets/stylesheets/procedure.css",
    "assets/stylesheets/lifecycle.css",
    "assets/stylesheets/riwayat.css",
)
SCRIPTS = ("assets/javascripts/katalog-tabel.js",)


class CataloguePluginConfig(Config):
    sources = c.Type(str, default="content/sops")
    """Folder of the SOP sources, relative to mkdocs.yml."""
    registry = c.Optional(c.Type(str))
    """Curated regulation registry (status, replacement), relative to mkdocs.yml; default: ``peraturan.yml``
    beside the sources folder (where ``sop check`` and ``sop export`` look for it too)."""
    metadata = c.Optional(c.Type(str))
    """Catalogue metadata for the open data (name, publisher, licence), relative to mkdocs.yml; default:
    ``katalog.yml`` beside the sources folder."""
    edisi = c.Optional(c.Choice(EDITIONS))
    """Edition to publish: ``publik`` (no drafts, no internal record keys; its open data likewise) or
    ``internal``. Default: the ``KATALOG_EDISI`` environment variable, else ``publik``."""
    editor = c.Type(bool, default=False)
    """Publish the form editor at /admin/ (Decap CMS from node_modules, configured from the source format:
    ``site_plugins/editor.py``)."""
    editor_backend = c.Optional(c.Type(dict))
    """The editor's hosted git backend, as Decap's ``backend`` setting (github, gitlab, gitea; README
    "Editing in the browser"); default: the local backend ``make edit`` starts."""
    editor_local_backend = c.Type(str, default=LOCAL_BACKEND_URL)
    """The address of the local backend (decap-server) the editor uses on localhost."""
    history = c.Type(bool, default=True)
    """Read the SOPs' revision history from git for the Riwayat pages and the Atom feeds."""
    history_cache = c.Type(str, default=".cache/katalog")
    """Folder of the history cache (old versions already parsed), relative to mkdocs.yml; safe to delete."""
    build_cache = c.Type(str, default=".cache/katalog/bangun")
    """Folder of the build cache (``mkdocs build`` reuses the outputs an edit cannot have changed:
    site_plugins/build_cache.py), relative to mkdocs.yml; safe to delete; empty: no build cache."""
    pemda = c.Type(list, default=[])
    """Build only these pemda folders: one shard of a national catalogue (catalogue/shards.py); default: the
    ``KATALOG_PEMDA`` environment variable (slugs separated by commas), else every pemda."""
    konteks = c.Type(str, default="")
    """A shard's context: the folder of an earlier national (or whole) site, whose open data gives the other
    pemda, so that the shard's pages show facts across pemda as one build does (catalogue/shards.py);
    default: ``KATALOG_KONTEKS``, else none."""
    gabung = c.Type(list, default=[])
    """The national build of a catalogue built in shards: the shards' site folders (relative to mkdocs.yml),
    whose exports it reads instead of the sources; default: ``KATALOG_GABUNG`` (folders separated by
    commas), else none (a whole build)."""
    navigasi_instan_maks = c.Type(int, default=INSTANT_NAVIGATION_MAX_SOPS)
    """Material's instant navigation (``navigation.instant`` in the theme's features) stays on while the
    catalogue has at most this many SOP files: it makes each visitor's first page download the list of every
    page (catalogue/sitemap.py). Above, the site is published without it."""
    watcher = c.Choice(("inotify", "polling"), default="inotify")
    """How ``mkdocs serve`` notices a saved file: ``inotify`` (Linux reports it at once; elsewhere, or when
    it cannot, MkDocs' polling) or ``polling`` (MkDocs' own, every half second; for folders on file systems
    that do not report changes, such as some container bind mounts). site_plugins/watching.py"""


class CataloguePlugin(BasePlugin[CataloguePluginConfig]):
    """Generate home, pemda, agency and SOP pages (and the cross-reference pages) from ``content/sops``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = FileCache()
        self.model: SiteModel | None = None
        self.context: Path | None = None  # a shard's earlier national site (catalogue/shards.py)
        self.specs: dict[str, PageSpec] = {}
        self.parallel = ParallelPages(own_plugins=(self,))
        self.preview = PreviewCache()
        self.background: Background | None = None
        self._site = Path("site")  # this build's site folder (on_post_build)
        self._files: Files | None = None  # this build's files (on_files)
        self._open_data_started = False  # this build's open data is taken from the cache or being written
        self.serving = False
        self.last_good: SiteModel | None = None  # under `mkdocs serve`: the last catalogue without errors
        self.source_errors: list[str] = []  # under `mkdocs serve`: what the live preview shows the author

    # The plugin object outlives rebuilds under `mkdocs serve` because it defines on_startup, so the file
    # cache keeps parsed sources between rebuilds: an edit re-reads one file, not the catalogue.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.cache = FileCache()
        self.serving = command == "serve"
        self.last_good = None
        # serve: later builds reuse what an edit cannot change (preview.py)
        self.preview.start(command, dirty)

    def _parsed(self, path: Path) -> tuple[tuple[int, int], str | None] | None:
        """The (mtime, size) ``path`` had when this build's file cache read it, and the digest of its bytes
        then when the cache took one; None when it did not read it."""
        entry = self.cache.entries.get(path)
        return (entry[0], self.cache.digest_of(path)) if entry is not None else None

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        if self.config.watcher == "inotify":
            reason = watch_natively(server, list(config.watch))
            if reason is not None:
                log.info(f"pratinjau: berkas dipantau tiap setengah detik ({reason}).")
        return server

    def on_shutdown(self) -> None:
        self.preview.close()
        if self.serving and self.cache.store is not None:
            self.cache.store.prune()  # parses of files as they were earlier in the session
        gc.unfreeze()

    def sharding(self, config: MkDocsConfig) -> tuple[tuple[str, ...], tuple[Path, ...]]:
        """The pemda this build is a shard of (empty: all), and the shard sites a national build joins."""
        base = Path(config.config_file_path or ".").resolve().parent
        try:
            pemda = parse_pemda_list(self.config.pemda or os.environ.get(PEMDA_VARIABLE))
        except ValueError as exc:
            raise PluginError(f"{PEMDA_VARIABLE} / pemda: {exc}") from None
        sites = self.config.gabung or os.environ.get(SHARDS_VARIABLE, "").split(",")
        joined = tuple((base / str(s).strip()).resolve() for s in sites if str(s).strip())
        if pemda and joined:
            raise PluginError(
                f"{PEMDA_VARIABLE} dan {SHARDS_VARIABLE} tidak dapat dipakai bersama: bangun bagian-bagian "
                "dahulu (masing-masing dengan KATALOG_PEMDA), lalu gabungkan (KATALOG_GABUNG)."
            )
        context = (self.config.konteks or os.environ.get(CONTEXT_VARIABLE, "")).strip()
        self.context = (base / context).resolve() if context else None
        if self.context is not None and not pemda:
            raise PluginError(
                f"{CONTEXT_VARIABLE} / konteks hanya untuk bangunan bagian: berikan juga {PEMDA_VARIABLE}."
            )
        return pemda, joined

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.repo_root = base
        self.preview.parsed = self._parsed
        self.shard_pemda, self.shard_sites = self.sharding(config)
        self.shards: list[tuple[Path, tuple[str, ...]]] = []
        if self.shard_sites and self.serving:
            raise PluginError(
                f"{SHARDS_VARIABLE}: situs nasional dibangun dengan `mkdocs build`, bukan serve."
            )
        if self.config.build_cache and not self.shard_sites:
            self.preview.use_store(base / self.config.build_cache)
            # Parsed sources, for this build and the next (catalogue/source/parse_cache.py).
            if self.cache.store is None:
                self.cache.store = ParseStore(base / self.config.build_cache / PARSES_FOLDER)
        self.source_paths = Sources.at(
            (base / self.config.sources).resolve(),
            registry=(base / self.config.registry).resolve() if self.config.registry else None,
            meta=(base / self.config.metadata).resolve() if self.config.metadata else None,
            pemda=self.shard_pemda,
        )
        _refuse_unsafe_links(config)
        self._limit_instant_navigation(config)
        try:
            self.edition = edition_from(self.config.edisi or os.environ.get(EDITION_VARIABLE))
        except ValueError as exc:
            raise PluginError(f"{EDITION_VARIABLE}: {exc}") from None
        for watched in (self.source_paths.meta, self.source_paths.registry):
            if watched.is_file():
                config.watch.append(str(watched))
        config.watch.append(str(self.source_paths.root))
        for sheet in STYLESHEETS:
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        scripts = [str(script) for script in config.extra_javascript]
        if VERSION_CHECK_JS not in scripts:
            config.extra_javascript.append(VERSION_CHECK_JS)
        config.extra_javascript.extend(script for script in SCRIPTS if script not in scripts)
        if self.serving and SERVE_ERRORS_JS not in scripts:
            config.extra_javascript.append(SERVE_ERRORS_JS)
        return config

    def _limit_instant_navigation(self, config: MkDocsConfig) -> None:
        """Material's instant navigation only for a catalogue small enough (catalogue/sitemap.py). The count
        is of the whole source tree, so every shard of a national catalogue decides alike."""
        features = config.theme.get("features") or []
        if not any(f in INSTANT_FEATURES for f in features):
            return
        root = self.source_paths.root
        sops = sum(count_sources(root).values()) if root.is_dir() else 0
        if instant_navigation(sops, self.config.navigasi_instan_maks):
            return
        config.theme["features"] = [f for f in features if f not in INSTANT_FEATURES]
        log.info(
            f"katalog {sops} SOP (> navigasi_instan_maks {self.config.navigasi_instan_maks}): navigasi "
            "instan Material tidak dipakai, agar pengunjung tidak mengunduh daftar semua halaman (sitemap)."
        )

    # Analyse before MkDocs cleans site/: a catalogue with errors stops the build and leaves the last good
    # site untouched. The verdict is `sop check`'s: both read the same Analysis.problems.
    @event_priority(100)  # first: nothing else should run on a catalogue that does not validate
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # A search index still being refreshed for the last build is dropped; the last site is set aside.
        self.preview.begin_build(Path(config.site_dir))
        gc.unfreeze()  # a rebuild (mkdocs serve): what the last build set aside may be collected now
        if self.shard_sites:
            analysis = self._national_analysis()
        elif self.context is not None:
            analysis = self._shard_analysis()
        else:
            analysis = analyse_sources(self.source_paths, self.cache, self.edition)
        problems = analysis.problems
        if self.context is not None:  # another pemda's problems are its shard's to report
            problems = [p for p in problems if in_shard(p, self.source_paths.root, self.shard_pemda)]
        errors = [p for p in problems if p.is_error]
        if errors:
            lines = [p.format(self.repo_root) for p in errors]
            if not self.serving:
                raise PluginError(
                    f"{len(lines)} kesalahan pada sumber katalog; situs tidak dibangun:\n"
                    + "\n".join(lines)
                    + "\nPerbaiki lalu jalankan `sop check` untuk memeriksa."
                )
            # A live preview keeps serving the last good catalogue (MkDocs would hang every request until the
            # file is fixed) and shows the errors in the browser; fixing the file clears them.
            for line in lines:
                log.error(line)
            self.source_errors = lines
            self.model = self.last_good or SiteModel(
                analysis, site_url=config.site_url or None, search_page_size=_search_page_size(config)
            )
            return
        # Values awaiting review are MkDocs warnings, so a strict build (`make site`) refuses them as
        # `sop check --strict` does; other warnings are notes about what the agency signed.
        for p in (p for p in problems if not p.is_error):
            (log.warning if p.is_review else log.info)(p.format(self.repo_root))
        self.source_errors = []
        self.model = SiteModel(
            analysis,
            site_url=config.site_url or None,
            history=self._history(analysis),
            feeds=bool(config.site_url),
            search_page_size=_search_page_size(config),
        )
        if not config.site_url and not self.serving:
            # Not a MkDocs warning: `make site` is strict and must build a fresh clone, whose address nobody
            # knows yet; an invented address would send readers of printouts to the wrong place.
            log.info(
                "PERINGATAN: site_url tidak diisi; halaman SOP dicetak tanpa kode QR dan alamat pemeriksaan "
                "versi. Isi site_url di mkdocs.yml atau jalankan SITE_URL=https://alamat-situs/ make site."
            )
        if self.serving:
            self.last_good = self.model
        # The analysis lives as long as the build. Python's collector would otherwise walk all of it again
        # each time allocations reach its threshold (rendering allocates millions of objects): set it aside.
        gc.freeze()

    def _shard_analysis(self) -> Analysis:
        """A shard's catalogue with the other pemda from its context's open data (catalogue/shards.py)."""
        try:
            return analyse_shard(self.source_paths, self.context, self.repo_root, self.cache, self.edition)
        except CatalogueError as exc:
            raise PluginError("\n".join(p.format(self.repo_root) for p in exc.problems)) from None

    def _national_analysis(self) -> Analysis:
        """The national build's catalogue: the shards' exports joined (catalogue/shards.py)."""
        try:
            analysis, self.shards = analyse_shard_sites(self.shard_sites, self.source_paths, self.repo_root)
        except CatalogueError as exc:
            raise PluginError("\n".join(p.format(self.repo_root) for p in exc.problems)) from None
        return analysis

    def _history(self, analysis) -> CatalogueHistory:
        """The SOPs' versions from git (one `git log` pass; old versions parsed once, then cached)."""
        if self.shard_sites:
            return CatalogueHistory(False, "situs nasional: riwayat tiap SOP ada di situs bagiannya")
        if not self.config.history:
            return CatalogueHistory(False, "riwayat revisi dimatikan dalam konfigurasi situs")
        history = read_history(analysis.catalogue, self.repo_root / self.config.history_cache)
        if history.note:
            log.info(f"riwayat revisi: {history.note}.")
        return history

    @event_priority(50)  # early: later plugins (search, redirects) must see the generated pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.model is not None
        self.specs = {}
        # The national build leaves each shard's own pages to it (placed after the build: _place_shards).
        shard_pemda = {slug for _, pemda in self.shards for slug in pemda}
        # A shard with context publishes its own pages only (the catalogue also holds the other pemda's).
        foreign = (lambda uri: not shard_owns(uri, self.shard_pemda)) if self.context else (lambda uri: False)
        for spec in build_pages(self.model):
            if (shard_pemda and shard_owns(spec.src_uri, shard_pemda)) or foreign(spec.src_uri):
                continue
            if files.get_file_from_path(spec.src_uri) is not None:
                files.remove(files.get_file_from_path(spec.src_uri))
            file = File.generated(
                config,
                spec.src_uri,
                content=_front_matter(spec),
                inclusion=InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            if spec.edit_path:
                file.edit_uri = os.path.relpath(spec.edit_path, config.docs_dir).replace(os.sep, "/")
            files.append(file)
            self.specs[spec.src_uri] = spec
        # The sources are published under data/ with the open data, which is the public edition's in every build.
        place = self.preview.place_copy
        published = () if self.shard_sites else self.model.analysis.public.catalogue.sops.values()
        for sop in published:
            if self.context and sop.pemda_slug not in self.shard_pemda:
                continue
            files.append(PublishedCopy.of(config, urls.sop_source(sop.id), sop.source, place))
            # The source document kept in the repository (sumber.berkas), published beside its YAML source.
            if sop.sumber and sop.sumber.berkas:
                original = urls.sop_original(sop.id, sop.sumber.berkas.suffix)
                files.append(PublishedCopy.of(config, original, sop.sumber.berkas, place))
        # Atom feeds of the changes; Atom ids are absolute addresses, so none without site_url.
        if not config.site_url:
            log.info("site_url tidak diisi: umpan perubahan (Atom) tidak dibuat.")
        for feed in feed_files(self.model, config.site_url, config.site_name):
            if (shard_pemda and shard_owns(feed.path, shard_pemda)) or foreign(feed.path):
                continue
            files.append(File.generated(config, feed.path, content=feed.content))
        # Old URLs of renamed SOPs (url_lama) keep working: a redirect page at each.
        for page in redirect_pages(self.model.analysis, config.site_url):
            if (shard_pemda and shard_owns(page.src_uri, shard_pemda)) or foreign(page.src_uri):
                continue
            if files.get_file_from_path(page.src_uri) is not None:
                log.warning(f"alamat lama {page.src_uri} dipakai halaman lain; pengalihan tidak dibuat.")
                continue
            files.append(File.generated(config, page.src_uri, content=page.content))
        # What the last build made and this one can reuse (mkdocs serve, the build cache: preview.py). A
        # page taken from an earlier build is not built: a plugin listening to page events would miss it.
        if self.preview.persistent and (reason := foreign_page_listener(config, (self,))) is not None:
            self.preview.drop_store(reason)
        self.preview.plan(
            self.model,
            self.specs,
            config,
            files,
            [
                self.source_paths.registry,
                self.source_paths.meta,
                Path(config.config_file_path or "mkdocs.yml"),
            ],
        )
        # Large catalogues: the pages to render are built on every CPU core (site_plugins/parallel.py).
        self.parallel.plan(
            config,
            [uri for uri in self.specs if uri not in self.preview.reused],
            lambda uri: self.specs[uri].render_body(self.specs[uri]),
        )
        self._files, self._open_data_started = files, False
        if self.preview.persistent and self.preview.incremental:
            self._start_open_data(config, files, early=True)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.model is not None
        return build_navigation(nav, files, self.specs, self.model)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        uri = page.file.src_uri
        if self.parallel.defers(uri) or self.preview.defers(uri):
            return ""  # rendered when the page is built, in whichever process builds it; or reused
        body = spec.render_body(spec)
        return "" if self.preview.same_body(uri, spec, body) else body

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.globals["katalog_kepala"] = self.page_head  # theme_overrides/main.html: the extrahead block
        self.preview.prepare_env(env)
        gc.freeze()  # likewise MkDocs' files, pages and navigation, final from here on
        kept_site = self.preview.in_place if self.preview.keeping else None
        self.parallel.start(env, config, files, self.preview.reused, kept_site)
        return env

    def page_head(self, page: Any) -> Markup:
        """Extra head HTML of a generated page (an SOP page's JSON-LD); empty for any other page."""
        file = getattr(page, "file", None)
        spec = self.specs.get(file.src_uri) if file is not None else None
        return Markup(spec.head(spec)) if spec is not None and spec.head is not None else Markup("")

    def on_build_error(self, *, error: Exception) -> None:
        self.parallel.abort()
        self.preview.end_build()
        if self.background is not None:
            self.background.kill()
            self.background = None
        self.preview.abandon()  # after the child that shares the cache's lock has stopped

    # The open data (JSON, CSV, schemas) is bulk data no page needs rendered, so it is written straight into
    # site/data/ in reproducible bytes; the SOP and data pages link to it.
    def _export(self, config: MkDocsConfig) -> Callable[[], None]:
        assert self.model is not None
        analysis = self.model.analysis
        site = Path(config.site_dir)
        preview = self.preview
        # With the build cache, the files of an SOP whose document cannot have changed are those of the last
        # build. The SOPs the plan found unchanged are judged on this build's analysis: only when that is the
        # public edition's, which the open data is made from.
        unchanged = preview.unaffected_sops if analysis.public is analysis and preview.persistent else set()
        earlier = lambda rel: preview.earlier_output("data", urls.DATA + rel)  # noqa: E731
        if self.shards:
            # National: each SOP's files are its shard's, as they are (their documents are what it loaded).
            unchanged, earlier = set(analysis.catalogue.sops), shard_file(self.shards, urls.DATA)
        # A shard with context exports its own pemda only: the national build's input.
        scope = self.shard_pemda if self.context is not None else ()

        def export() -> None:
            settings = ExportSettings(source_base=self.repo_root, site_url=config.site_url or None)
            # The open data is the public edition's in every build (catalogue.analysis.edition).
            write_export(
                site / urls.DATA, analysis.public, settings, earlier=earlier, unchanged=unchanged, scope=scope
            )

        return export

    def _start_open_data(self, config: MkDocsConfig, files: Files, early: bool) -> None:
        """``mkdocs build``: take the open data from the build cache when made from the same sources, or
        write it in a child process (the search plugin waits for it, join_background), else here.

        After the pages (``early`` False) it is written while Pagefind indexes, each keeping one core busy.
        A build that takes most pages from the cache starts it as soon as the plan is made (``early``): the
        pages are then mostly links, and the open data's tables are its longest task."""
        site = Path(config.site_dir)
        self._site, self._open_data_started = site, True
        # What the export writes: the files under data/ that are not MkDocs' own (the published sources).
        theirs = lambda: {f.dest_uri for f in files}  # noqa: E731 - read when the export has ended
        if self.preview.begin_bulk(site, "data", site / urls.DATA, self.preview.sources_key(), theirs):
            return
        if can_fork() and (early or "katalog-search" in config.plugins):
            self.background = Background(self._export(config))
        else:
            self._export(config)()
            self.preview.end_bulk(site, "data")

    @event_priority(50)  # before the search index, which reads the pages the workers write
    def _post_build_pages(self, *, config: MkDocsConfig) -> None:
        self.parallel.finish()
        self.preview.keep_pages(Path(config.site_dir))
        if self.shard_pemda and self.model is not None:
            notes = Path(config.site_dir) / NOTES_FILE
            notes.parent.mkdir(parents=True, exist_ok=True)
            notes.write_text(
                shard_notes(
                    self.shard_pemda,
                    self.model.analysis.catalogue.problems,
                    self.model.analysis.public.catalogue.records,
                    self.repo_root,
                ),
                encoding="utf-8",
            )
        elif not self.serving and self.model is not None:
            # For the shards that take this site as their context (catalogue/shards.py).
            context = Path(config.site_dir) / CONTEXT_FILE
            context.parent.mkdir(parents=True, exist_ok=True)
            context.write_text(
                context_notes(self.model.analysis.public.catalogue.records, self.repo_root), encoding="utf-8"
            )
        if self.shards:
            try:
                placed = place_shards(self.shards, Path(config.site_dir))
            except CatalogueError as exc:
                raise PluginError("\n".join(p.format(self.repo_root) for p in exc.problems)) from None
            log.info(f"situs nasional: {placed} berkas dari {len(self.shards)} bagian ditempatkan.")
        # The sitemap: the national one joins the shards'; past the protocol's limits it is split (not a shard's,
        # which only the national build reads). MkDocs' gzip of it is then written again.
        changed = bool(self.shards) and _join_sitemaps(Path(config.site_dir), self.shards, config.site_url)
        if config.site_url and not self.shard_pemda and not self.serving:
            changed = _split_sitemap(Path(config.site_dir), config.site_url) or changed
        if changed:
            _gzip_sitemap(Path(config.site_dir), self._files)
        assert self.model is not None
        site = Path(config.site_dir)
        self._site = site
        if self.serving:
            _write_serve_errors(site, self.source_errors)
        if self.config.editor:
            write_editor(
                site,
                self.model.analysis.catalogue,
                self.repo_root,
                self.config.editor_backend,
                config.site_url or None,
                self.config.editor_local_backend,
            )
        if self.serving:
            self.preview.bulk(site, "data", site / urls.DATA, self._export(config))
        elif not self._open_data_started:
            self._start_open_data(config, self._files, early=False)

    @event_priority(-110)  # last, after the search index: the build has succeeded
    def _post_build_done(self, *, config: MkDocsConfig) -> None:
        self.join_background()
        self.preview.finish()
        if self.cache.store is not None and not self.serving:
            self.cache.store.prune()  # parses of files as they no longer are

    on_post_build = CombinedEvent(_post_build_pages, _post_build_done)

    def join_background(self) -> None:
        """Wait for the open data written in the background; the search plugin calls this when done."""
        background, self.background = self.background, None
        if background is not None:
            background.join()
            self.preview.end_bulk(self._site, "data")


class PublishedCopy(File):
    """A source file published as it is (an SOP's YAML, its signed document). With the build cache it is
    linked from the cache's stored copy of the same bytes instead of copied (preview.place_copy)."""

    place: Callable[[Path, Path], bool] | None = None

    @classmethod
    def of(cls, config: MkDocsConfig, path: str, source: Path, place: Callable[[Path, Path], bool]) -> File:
        file = cls.generated(config, path, abs_src_path=str(source))
        file.place = place
        return file

    def copy_file(self, dirty: bool = False) -> None:
        if dirty or self.place is None or not self.place(Path(self.abs_src_path), Path(self.abs_dest_path)):
            super().copy_file(dirty)


#: Under `mkdocs serve`: the script that shows source errors over every page, and the file it reads.
SERVE_ERRORS_JS = "assets/javascripts/katalog-galat.js"
#: On every SOP page: compares the version of a printout's address (?versi=) with the page's own.
VERSION_CHECK_JS = "assets/javascripts/katalog-versi.js"
SERVE_ERRORS_FILE = "_katalog/galat.json"


def _join_sitemaps(site: Path, shards: list[tuple[Path, tuple[str, ...]]], site_url: str | None) -> bool:
    """The national site's sitemap lists the shards' pages too; whether it was written."""
    sitemap = site / "sitemap.xml"
    if not site_url or not sitemap.is_file():
        return False
    theirs = [
        ((shard / "sitemap.xml").read_text(encoding="utf-8"), pemda)
        for shard, pemda in shards
        if (shard / "sitemap.xml").is_file()
    ]
    sitemap.write_text(join_sitemaps(sitemap.read_text(encoding="utf-8"), theirs, site_url), encoding="utf-8")
    return True


def _split_sitemap(site: Path, site_url: str) -> bool:
    """A sitemap past the protocol's limits becomes an index of parts (catalogue/sitemap.py); whether it did."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return False
    files = split_sitemap(sitemap.read_text(encoding="utf-8"), site_url)
    if len(files) == 1:
        return False
    for name, text in files.items():
        (site / name).write_text(text, encoding="utf-8")
    log.info(
        f"sitemap: {len(files) - 1} bagian, sitemap.xml menjadi indeksnya (batas 50.000 alamat per berkas)."
    )
    return True


def _gzip_sitemap(site: Path, files) -> None:
    """``sitemap.xml.gz`` as MkDocs writes it (its build date as the gzip time), of the sitemap as it is now."""
    sitemap = site / "sitemap.xml"
    if not sitemap.is_file():
        return
    pages = [f.page for f in files.documentation_pages() if f.page is not None] if files is not None else []
    stamp = mkdocs_utils.get_build_timestamp(pages=pages)
    gz_path = site / "sitemap.xml.gz"
    with (
        gz_path.open("wb") as raw,
        gzip.GzipFile(fileobj=raw, filename=str(gz_path), mode="wb", mtime=stamp) as gz,
    ):
        gz.write(sitemap.read_bytes())


def _write_serve_errors(site: Path, errors: list[str]) -> None:
    """The live preview's error list, read by :data:`SERVE_ERRORS_JS` after each reload (empty when fixed)."""
    path = site / SERVE_ERRORS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"kesalahan": errors}, ensure_ascii=False), encoding="utf-8")


#: mkdocs.yml settings Material turns into links (the repository button, the edit button, the logo's target).
LINK_SETTINGS = ("site_url", "repo_url", "edit_uri")


def _refuse_unsafe_links(config: MkDocsConfig) -> None:
    """A link setting of mkdocs.yml must be http(s) (or a relative path): never a script."""
    problems = []
    for key in LINK_SETTINGS:
        value = config.get(key)
        if value and (why := link_problem(str(value), relative=key == "edit_uri")) is not None:
            problems.append(f"{config.config_file_path}:{_config_line(config, key)}: error: {key}: {why}")
    homepage = (config.get("extra") or {}).get("homepage")
    if homepage and (why := link_problem(str(homepage))) is not None:
        problems.append(
            f"{config.config_file_path}:{_config_line(config, 'homepage')}: error: extra.homepage: {why}"
        )
    if problems:
        raise PluginError("\n".join(problems))


def _config_line(config: MkDocsConfig, key: str) -> int:
    """The line of mkdocs.yml that sets ``key`` (1 when not found)."""
    try:
        text = Path(config.config_file_path or "").read_text(encoding="utf-8")
    except OSError:
        return 1
    match = re.search(rf"^\s*{re.escape(key)}\s*:", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _front_matter(spec: PageSpec) -> str:
    """Front matter of a generated page. Material prints title and description into the HTML without
    escaping (they are normally Markdown-rendered HTML), so SOP text is HTML-escaped here, once."""
    lines = ["---", f"title: {json.dumps(html.escape(spec.title), ensure_ascii=False)}"]
    if spec.description:
        lines.append(f"description: {json.dumps(html.escape(spec.description), ensure_ascii=False)}")
    if spec.hide:
        lines.append(f"hide: {json.dumps(list(spec.hide))}")
    if spec.feed:
        lines.append(f"feed: {json.dumps(spec.feed)}")
        lines.append(f"feed_title: {json.dumps(spec.feed_title or '', ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _search_page_size(config: MkDocsConfig) -> int:
    """The katalog-search plugin's ``results_per_page`` (its default without the plugin)."""
    search = config.plugins.get("katalog-search")
    size = search.config.results_per_page if search is not None else 25
    if size < 1:
        raise PluginError(f"katalog-search: results_per_page harus bilangan bulat positif, bukan {size}.")
    return size
