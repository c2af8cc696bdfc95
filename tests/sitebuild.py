"""Real MkDocs builds of small catalogues in tmp_path (the pattern of mkdocs-awesome-nav's tests)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin
from mkdocs.utils.yaml import yaml_load
from ruamel.yaml import YAML

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


REGISTRY = REPO / "content" / "peraturan.yml"


def write_project(
    project: Path,
    sources: Path,
    extra_config: str = "",
    *,
    search: bool | dict = False,
    registry: Path | None = REGISTRY,
    katalog_options: dict | None = None,
) -> Path:
    """A project using the repository's own mkdocs.yml theme settings (palette, features, fonts), with
    its own docs and sources. ``search`` adds the Pagefind search plugin (slower: it indexes the site), with
    the given settings when a dict. ``registry`` None leaves the plugin's default (beside the sources)."""
    project.mkdir(parents=True, exist_ok=True)
    (project / "docs").mkdir(exist_ok=True)
    repo_config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs's loader: knows !ENV
    theme = dict(repo_config["theme"], custom_dir=str(REPO / "theme_overrides"))
    plugins: list = (
        [{"katalog-search": search} if isinstance(search, dict) else "katalog-search"] if search else []
    )
    katalog = {"sources": str(sources), **(katalog_options or {})}
    if registry is not None:
        katalog["registry"] = str(registry)
    plugins.append({"katalog": katalog})
    settings = {
        "site_name": "Katalog Uji",
        "site_url": "https://katalog.example/",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": theme,
        "plugins": plugins,
        "markdown_extensions": repo_config.get("markdown_extensions", []),
    }
    stream = io.StringIO()
    YAML(typ="safe").dump(settings, stream)
    config = project / "mkdocs.yml"
    config.write_text(stream.getvalue() + extra_config, encoding="utf-8")
    return config


def build_site(
    project: Path,
    sources: Path,
    extra_config: str = "",
    *,
    search: bool | dict = False,
    registry: Path | None = REGISTRY,
    katalog_options: dict | None = None,
) -> BuiltSite:
    config_file = write_project(
        project, sources, extra_config, search=search, registry=registry, katalog_options=katalog_options
    )
    config = load_config(str(config_file))
    spy = Spy()
    config.plugins["spy"] = spy
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return BuiltSite(project, project / "site", spy, config)


def big_catalogue_pages(patch) -> None:
    """Switch on, with pytest's ``MonkeyPatch`` ``patch``, the forms a big catalogue's pages take: a row per
    agency for a role, counts per pemda, pages per pemda of a regulation and of the SOPs named but missing."""
    from site_plugins.views import crossref_pages, legal_pages

    for module, name in (
        (crossref_pages, "ROLE_TASKS_INLINE_MAX"),
        (crossref_pages, "REVIEWS_INLINE_MAX"),
        (crossref_pages, "MISSING_INLINE_MAX"),
        (crossref_pages, "AGENCY_ROLES_INLINE_MAX"),
        (legal_pages, "CITATIONS_INLINE_MAX"),
        (legal_pages, "FINDINGS_INLINE_MAX"),
    ):
        patch.setattr(module, name, 0)
