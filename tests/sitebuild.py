"""Real MkDocs builds of small catalogues in tmp_path (the pattern of mkdocs-awesome-nav's tests)."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

from .conftest import REPO


class Spy(BasePlugin):
    """Captures what MkDocs built: the navigation and every page with its rendered content."""

    def __init__(self):
        self.nav = None
        self.pages = {}

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    def on_post_page(self, output, *, page, config):
        self.pages[page.url] = page
        return output


@dataclass
class BuiltSite:
    root: Path
    site: Path
    spy: Spy
    config: object = field(repr=False, default=None)

    def html(self, url: str) -> str:
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return path.read_text(encoding="utf-8")


def write_project(project: Path, sources: Path, extra_config: str = "") -> Path:
    project.mkdir(parents=True, exist_ok=True)
    (project / "docs").mkdir(exist_ok=True)
    config = project / "mkdocs.yml"
    config.write_text(textwrap.dedent(f"""\
        site_name: Katalog Uji
        site_url: https://katalog.example/
        docs_dir: docs
        site_dir: site
        theme:
          name: material
          language: id
          custom_dir: {REPO / 'theme_overrides'}
          features: [navigation.instant, navigation.prune, navigation.indexes, content.action.edit]
        plugins:
          - katalog:
              sources: {sources}
              registry: {REPO / 'content' / 'peraturan.yml'}
        """) + extra_config, encoding="utf-8")
    return config


def build_site(project: Path, sources: Path, extra_config: str = "") -> BuiltSite:
    config_file = write_project(project, sources, extra_config)
    config = load_config(str(config_file))
    spy = Spy()
    config.plugins["spy"] = spy
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return BuiltSite(project, project / "site", spy, config)
