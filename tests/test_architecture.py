"""The tree shows the pipeline, and the imports keep to it: files → source → analysis → views/export/check.

Read from the code itself (every ``import`` statement, at module level or inside a function): no import cycle
anywhere in ``catalogue`` or ``site_plugins``; each stage imports only from the stages before it; the domain
never imports MkDocs or the site plugins.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import REPO

#: The stages of catalogue/, in pipeline order. A module may import from its own package and from earlier
#: stages only. ``base`` holds the vocabulary every stage shares.
STAGES = (
    (
        "base",
        (
            "catalogue.text",
            "catalogue.problems",
            "catalogue.urls",
            "catalogue.forking",
            "catalogue.memo",
            "catalogue.sitemap",
        ),
    ),
    ("rules", ("catalogue.rules", "catalogue.model")),
    ("source", ("catalogue.source",)),
    ("analysis", ("catalogue.analysis",)),
    ("layout", ("catalogue.layout",)),
    ("export", ("catalogue.export",)),
    ("shards", ("catalogue.shards",)),  # a national catalogue in shards, joined from their exports
    ("importer", ("catalogue.importer",)),
    ("cli", ("catalogue.cli",)),
)
#: Stages a stage must not reach although they come before it: the importer writes sources, it never reads
#: the analysed catalogue or its export.
FORBIDDEN = {"importer": {"analysis", "layout", "export"}, "layout": {"source", "analysis"}}


def _modules(package: str) -> dict[str, Path]:
    root = REPO / package
    out = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = {**_modules("catalogue"), **_modules("site_plugins")}


def _imports(name: str, path: Path) -> set[str]:
    """The modules ``name`` imports (``from pkg import module`` counts as the module)."""
    is_package = path.name == "__init__.py"
    package = name if is_package else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in MODULES else base)
    return {m for m in found if m.split(".")[0] in ("catalogue", "site_plugins", "mkdocs", "material")}


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _stage(module: str) -> str | None:
    for stage, prefixes in STAGES:
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return stage
    return None


def test_there_is_no_import_cycle():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in GRAPH:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(GRAPH):
        if module not in index:
            visit(module)
    assert cycles == []


def test_each_stage_imports_only_from_earlier_stages():
    order = {stage: i for i, (stage, _) in enumerate(STAGES)}
    wrong = []
    for module, targets in GRAPH.items():
        stage = _stage(module)
        if stage is None:
            continue
        for target in targets:
            other = _stage(target)
            if other is None or other == stage:
                continue
            if order[other] > order[stage] or other in FORBIDDEN.get(stage, ()):
                wrong.append(f"{module} ({stage}) imports {target} ({other})")
    assert wrong == []


def test_the_domain_never_imports_mkdocs_or_the_site():
    wrong = [
        f"{m} imports {t}"
        for m, targets in GRAPH.items()
        if m.startswith("catalogue")
        for t in targets
        if t.split(".")[0] in ("mkdocs", "material", "site_plugins")
    ]
    assert wrong == []


def test_every_catalogue_module_belongs_to_a_stage():
    assert [m for m in MODULES if m.startswith("catalogue.") and _stage(m) is None] == []


def test_templates_ask_the_model_instead_of_comparing_status_words():
    """A status rule (what counts as revoked, replaced, conforming, a new version) lives in the model; a
    template that compares ``.status``, ``.hasil`` or ``.kind`` with a word of its own would drift from it."""
    import re

    compare = re.compile(r"\.(status|hasil|penilaian|kind)\s*(==|!=|in)\s*['\"(\[]")
    found = [
        f"{path.name}:{n}: {line.strip()[:100]}"
        for path in sorted((REPO / "site_plugins" / "templates").glob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if compare.search(line)
    ]
    assert found == []
