"""Builds with the project's own mkdocs.yml (every plugin it publishes with: search, redirects, …), for the
checks that must see the site exactly as it is published: escaping, HTML validity, links, accessibility and
reproducibility."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import REPO

NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
LYCHEE = REPO / ".venv" / "bin" / "lychee"
INSTALL_HINT = "run `make test`, which installs the quality-gate tools (npm ci, Java, .venv)"

# The one vnu message allowed, and only on Material's two toggle checkboxes (see tests/test_quality_gates.py).
MATERIAL_TOGGLE_AUTOCOMPLETE = re.compile(
    r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
    r'autocomplete="off">'
)


def build_repo_site(site_dir: Path, sources: Path | None = None) -> Path:
    """Build the repository's site into ``site_dir``, from ``sources`` instead of content/sops if given."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(REPO / "mkdocs.yml"), site_dir=str(site_dir))
    if sources is not None:
        config.plugins["katalog"].config.sources = str(sources)  # read by the plugin's on_config, in build()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return Path(site_dir)


def html_pages(site: Path) -> list[Path]:
    """Every HTML page of a built site, in a stable order."""
    return sorted(p for p in site.rglob("*.html") if "pagefind" not in p.relative_to(site).parts)


def require_tool(path: Path, what: str) -> Path:
    """A test that needs a missing tool fails (never skips), saying how to install it."""
    if not path.exists():
        pytest.fail(f"{what} is missing ({path}): {INSTALL_HINT}.", pytrace=False)
    return path


def require_java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            f"Java is required to run the Nu HTML Checker: {INSTALL_HINT} (apt-get install "
            "default-jre-headless).",
            pytrace=False,
        )
    return java


def html_errors(site: Path, files: list[Path]) -> list[str]:
    """The Nu HTML Checker's errors for ``files`` (HTML, and SVG files checked as SVG), one line each."""
    jar = require_tool(VNU_JAR, "The Nu HTML Checker (vnu-jar)")
    args = [
        require_java(),
        "-Xss8m",
        "-jar",
        str(jar),
        "--format",
        "json",
        "--errors-only",
        "--exit-zero-always",
    ]
    if any(f.suffix == ".svg" for f in files):
        args.append("--also-check-svg")
    result = subprocess.run(
        args + [str(f) for f in files], capture_output=True, text=True, check=False, timeout=600
    )
    report = json.loads(result.stderr or result.stdout)  # vnu writes its JSON report to stderr
    errors = []
    for message in report["messages"]:
        if message.get("type") not in ("error", "non-document-error"):
            continue
        if message["message"].startswith(
            "Attribute “autocomplete” is only allowed"
        ) and MATERIAL_TOGGLE_AUTOCOMPLETE.search(message.get("extract", "")):
            continue
        where = message.get("url", "").removeprefix("file:").removeprefix(str(site) + "/")
        errors.append(
            f"{where}:{message.get('lastLine', '?')}: {message['message']}\n    {message.get('extract', '')!r}"
        )
    return errors
