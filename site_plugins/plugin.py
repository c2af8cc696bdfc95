"""The MkDocs plugin that publishes the catalogue. Each hook reads as a step of the build; rules live in
``catalogue/`` and page rendering in ``site_plugins/views``."""

from __future__ import annotations

import html
import json
import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from catalogue import FileCache, load_catalogue
from catalogue import urls

from .views.navigation import build_navigation
from .views.pages import PageSpec, SiteModel
from .views.site import build_pages

log = logging.getLogger("mkdocs.plugins.katalog")

STYLESHEETS = ("assets/stylesheets/katalog.css", "assets/stylesheets/procedure.css")


class CataloguePluginConfig(Config):
    sources = c.Type(str, default="content/sops")
    """Folder of the SOP sources, relative to mkdocs.yml."""
    registry = c.Type(str, default="content/peraturan.yml")
    """Curated regulation registry (status, replacement), relative to mkdocs.yml."""


class CataloguePlugin(BasePlugin[CataloguePluginConfig]):
    """Generate home, pemda, agency and SOP pages (and the cross-reference pages) from ``content/sops``."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = FileCache()
        self.model: SiteModel | None = None
        self.specs: dict[str, PageSpec] = {}

    # The plugin object outlives rebuilds under `mkdocs serve` because it defines on_startup, so the file
    # cache keeps parsed sources between rebuilds: an edit re-reads one file, not the catalogue.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.cache = FileCache()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").resolve().parent
        self.sources = (base / self.config.sources).resolve()
        self.registry_path = (base / self.config.registry).resolve()
        self.repo_root = base
        config.watch.append(str(self.sources))
        for sheet in STYLESHEETS:
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        return config

    # Load before MkDocs cleans site/: a catalogue with errors stops the build and leaves the last good
    # site untouched.
    @event_priority(100)  # first: nothing else should run on a catalogue that does not validate
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        catalogue = load_catalogue(self.sources, self.cache)
        if catalogue.errors:
            lines = [p.format(self.repo_root) for p in catalogue.errors]
            raise PluginError(
                f"{len(lines)} kesalahan pada sumber SOP; situs tidak dibangun:\n" + "\n".join(lines)
                + "\nPerbaiki lalu jalankan `sop check` untuk memeriksa."
            )
        for p in catalogue.warnings:
            log.info(p.format(self.repo_root))
        self.model = SiteModel(catalogue)

    @event_priority(50)  # early: later plugins (search, redirects) must see the generated pages
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.model is not None
        self.specs = {}
        for spec in build_pages(self.model, self.registry_path):
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
        for sop in self.model.catalogue.sops.values():
            files.append(File.generated(config, urls.sop_source(sop.id), abs_src_path=str(sop.source)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        assert self.model is not None
        return build_navigation(nav, files, self.specs, self.model)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return html
        return spec.render_body(spec)


def _front_matter(spec: PageSpec) -> str:
    """Front matter of a generated page. Material prints title and description into the HTML without
    escaping (they are normally Markdown-rendered HTML), so SOP text is HTML-escaped here, once."""
    lines = ["---", f"title: {json.dumps(html.escape(spec.title), ensure_ascii=False)}"]
    if spec.description:
        lines.append(f"description: {json.dumps(html.escape(spec.description), ensure_ascii=False)}")
    if spec.hide:
        lines.append(f"hide: {json.dumps(list(spec.hide))}")
    lines.append("---")
    return "\n".join(lines) + "\n"
