"""What a reader's first visit to one SOP page transfers, with Material's instant navigation and without.

    python -m bench.first_visit [--n 1000]

A generated catalogue of N SOPs is built twice with a site address (so the sitemap lists every page and the
pages link their change feeds): once as published (above ``navigasi_instan_maks`` SOPs, without instant
navigation) and once with instant navigation forced on. Each site is served gzipped (bench.run's static
host, which counts what it sends) and one SOP page is opened in Chromium with an empty cache. Writes the
figures to bench/results.json ("first_visit")."""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path

import yaml

from .generate import generate
from .run import OUT, PYTHON, RESULTS, _GzipHandler, counted_page, run_measured, write_ours

SITE_URL = "https://sop.example.go.id/"


def _project(sources: Path, project: Path, limit: int | None) -> None:
    config_path = write_ours(sources, project)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["site_url"] = SITE_URL
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "katalog" in plugin and limit is not None:
            plugin["katalog"]["navigasi_instan_maks"] = limit
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _visit(site: Path, rel: str, browser) -> dict:
    with counted_page(site, browser) as (base, _, page):
        page.goto(base + rel)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    sent = list(_GzipHandler.sent)
    return {
        "bytes": sum(n for _, n in sent),
        "sitemap_bytes": sum(n for path, n in sent if "sitemap" in path),
        "sitemap_requests": sum(1 for path, _ in sent if "sitemap" in path),
        "requests": len(sent),
    }


def measure(n: int) -> dict:
    from playwright.sync_api import sync_playwright

    root = OUT / "first-visit"
    shutil.rmtree(root, ignore_errors=True)
    sources = root / "sops"
    generate(sources, n)
    sites = {}
    for label, limit in (("published", None), ("instant_forced", 10**9)):
        project = root / label
        _project(sources, project, limit)
        command = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", "site"]
        run_measured(command, project, project / "build.log")
        sites[label] = project / "site"
    sitemap = (sites["published"] / "sitemap.xml").read_bytes()
    page = next(p for p in sorted(sites["published"].glob("*/*/*/index.html")) if "/peran/" not in str(p))
    rel = page.parent.relative_to(sites["published"]).as_posix() + "/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        visits = {label: _visit(site, rel, browser) for label, site in sites.items()}
        browser.close()
    return {
        "n": n,
        "pages_in_sitemap": sitemap.count(b"<url>"),
        "sitemap_kb": round(len(sitemap) / 1024, 1),
        **{label: visit for label, visit in visits.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    figures = measure(args.n)
    print(json.dumps(figures, indent=1))
    results = RESULTS
    data = json.loads(results.read_text(encoding="utf-8")) if results.is_file() else {}
    data.setdefault("first_visit", {})[str(args.n)] = figures
    results.write_text(
        json.dumps(
            data,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
