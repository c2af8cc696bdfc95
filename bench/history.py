"""The revision history's cost (``make bench`` runs it after the main builds; alone: ``python -m bench.history``).

For a generated catalogue of N SOPs it makes a git history like an agency's: one commit adding every SOP,
then revision commits that each revise a few percent of the SOPs (a new tanggal_revisi, a step's waktu, a
Peringatan item), with fixed dates. It then measures, with the repository's mkdocs.yml pointed at it:

- the build with ``history: false`` (no git read, no Riwayat pages, feeds empty);
- the build with history and an empty cache (every old version parsed), then again with the cache filled;
- ``read_history`` alone, in this process, cold and warm: the git log pass, the blob reads and the parsing,
  without the pages.

The added cost is (build with history − build without) / build without. Builds run back to back; on a shared
machine compare them with each other, not across runs.

    python -m bench.history [--sizes 1000 2000] [--revised-percent 5] [--revisions 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import subprocess
import time
from pathlib import Path

import yaml

from .generate import generate
from .run import OUT, PYTHON, REPO, RESULTS, run_measured, write_ours

GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.go.id",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.go.id",
}


def _git(cwd: Path, *args: str, date: str | None = None) -> None:
    env = {**os.environ, **GIT_ENV}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


#: When the first revision commit is dated; each next one a month later (any number of revisions).
_FIRST_REVISION = dt.datetime(2024, 2, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=7)))


def _revise(text: str, k: int) -> str:
    """One revision of an SOP source: a new tanggal_revisi, the first step's waktu, one more Peringatan."""
    text = re.sub(
        r"^tanggal_revisi: .*$",
        f"tanggal_revisi: {dt.date(2020 + k, 3, 1 + k).isoformat()}",
        text,
        count=1,
        flags=re.M,
    )
    text = re.sub(r'^(    waktu: )"[^"\n]*"', rf'\g<1>"{k + 2} hari kerja"', text, count=1, flags=re.M)
    return re.sub(
        r"^peringatan:\n", f'peringatan:\n  - "Catatan revisi {k + 1}"\n', text, count=1, flags=re.M
    )


def make_history(sources: Path, revisions: int, percent: float, seed: int) -> dict:
    """Put ``sources`` under git: one commit adding everything, then ``revisions`` commits revising
    ``percent`` % of the SOPs each."""
    shutil.rmtree(sources / ".git", ignore_errors=True)
    _git(sources, "init", "-q", "-b", "main")
    _git(sources, "add", "-A")
    _git(sources, "commit", "-q", "--no-gpg-sign", "-m", "Impor katalog", date="2024-01-02T09:00:00+07:00")
    files = sorted(p for p in sources.glob("*/*/*.yml") if not p.name.startswith("_"))
    rng = random.Random(seed)
    revised: set[Path] = set()
    for k in range(revisions):
        chosen = rng.sample(files, max(1, round(len(files) * percent / 100)))
        for path in chosen:
            path.write_text(_revise(path.read_text(encoding="utf-8"), k), encoding="utf-8")
        revised.update(chosen)
        _git(
            sources,
            "commit",
            "-q",
            "-a",
            "--no-gpg-sign",
            "-m",
            f"Revisi {k + 1}",
            date=(_FIRST_REVISION + dt.timedelta(days=30 * k)).isoformat(),
        )
    return {"commits": revisions + 1, "sops_revised": len(revised), "files": len(files)}


def _config_without_history(config: Path) -> Path:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for plugin in data["plugins"]:
        if isinstance(plugin, dict) and "katalog" in plugin:
            plugin["katalog"]["history"] = False
    off = config.parent.parent / "ours-tanpa-riwayat"
    off.mkdir(parents=True, exist_ok=True)
    path = off / "mkdocs.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _build(config: Path, label: str) -> dict:
    site = config.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    figures = run_measured(
        [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], config.parent, config.parent / "build.log"
    )
    figures["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    print(f"  {label}: {figures['wall_s']} s, {figures['html_pages']} pages", flush=True)
    return figures


#: A build on one core: every worker pool of the build switched off, so that its CPU time is one process's
#: (plus Pagefind's and the open data's child), which a busy machine inflates far less than wall time.
ONE_CORE = """
import sys
import catalogue.analysis.history, catalogue.source.load, site_plugins.parallel
catalogue.source.load.PARALLEL_MIN_FILES = site_plugins.parallel.MIN_PAGES = 10**9
catalogue.analysis.history.PARALLEL_MIN_VERSIONS = 10**9
from mkdocs.__main__ import cli
sys.exit(cli(["build", "-q", "-f", sys.argv[1]]))
"""


#: A one-core build that clocks, in CPU time, each page's own work: its body (from MkDocs reading the page to
#: its content, which is when our plugin renders it) and Material's template around it (from the page's
#: context to its output). Prints the sums per kind of page as JSON.
PAGE_CLOCK = (
    ONE_CORE.rsplit("from mkdocs.__main__", 1)[0]
    + """
import json, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin

class Clock(BasePlugin):
    def __init__(self):
        self.start, self.body, self.sums = {}, {}, {}
    def on_pre_page(self, page, *, config, files):
        self.start[page.file.src_uri] = time.process_time()
        return page
    def on_page_content(self, html, *, page, config, files):
        self.body[page.file.src_uri] = time.process_time() - self.start[page.file.src_uri]
        return html
    def on_page_context(self, context, *, page, config, nav):
        self.start[page.file.src_uri] = time.process_time() - self.body.get(page.file.src_uri, 0.0)
        return context
    def on_post_page(self, output, *, page, config):
        uri = page.file.src_uri
        kind = "riwayat" if uri.endswith("/riwayat/index.md") else "sop" if uri.count("/") == 3 else "lain"
        total = self.sums.setdefault(kind, [0.0, 0])
        total[0] += time.process_time() - self.start[uri]
        total[1] += 1
        return output

config = load_config(sys.argv[1])
clock = Clock()
config.plugins["clock"] = clock
config.plugins.on_startup(command="build", dirty=False)
started = time.process_time()
build(config)
config.plugins.on_shutdown()
print(json.dumps({"pages": clock.sums, "main_process_cpu_s": time.process_time() - started}))
"""
)


def _page_cpu(config: Path) -> dict:
    """CPU milliseconds per page of each kind, and the build's main-process CPU, on one core."""
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [PYTHON, "-c", PAGE_CLOCK, str(config)], cwd=config.parent, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    data = json.loads(result.stdout.strip().splitlines()[-1])
    out = {f"{kind}_pages": count for kind, (_, count) in data["pages"].items()}
    out.update(
        {f"{kind}_page_cpu_ms": round(1000 * cpu / count, 2) for kind, (cpu, count) in data["pages"].items()}
    )
    out["riwayat_pages_cpu_s"] = round(data["pages"].get("riwayat", [0.0, 0])[0], 2)
    out["main_process_cpu_s"] = round(data["main_process_cpu_s"], 2)
    return out


def _build_one_core(config: Path) -> float:
    """CPU seconds of one single-core build of ``config``."""
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    figures = run_measured([PYTHON, "-c", ONE_CORE, str(config)], config.parent, config.parent / "build1.log")
    return figures["cpu_s"]


def _read_in_process(sources: Path, cache: Path) -> dict:
    """The history's own work, in this process, as CPU time (steadier than wall time on a shared machine):
    reading it (cold: every old version parsed on one core; warm: from the cache), rendering the bodies
    of the Riwayat pages and writing the feeds. Material's template around each page is not included."""
    from catalogue.analysis import Sources, analyse_sources
    from catalogue.analysis.history import read_history
    from site_plugins.views.history_pages import feed_files, history_pages
    from site_plugins.views.spec import SiteModel

    analysis = analyse_sources(Sources.at(sources, registry=REPO / "content" / "peraturan.yml"))
    shutil.rmtree(cache, ignore_errors=True)
    out: dict = {}
    for label in ("cold", "warm"):
        started, cpu = time.perf_counter(), time.process_time()
        history = read_history(analysis.catalogue, cache)
        out[f"read_{label}_s"] = round(time.perf_counter() - started, 2)
        out[f"read_{label}_cpu_s"] = round(time.process_time() - cpu, 2)
        out[f"parsed_{label}"] = history.parsed
    model = SiteModel(analysis, history=history, feeds=True)
    cpu = time.process_time()
    pages = history_pages(model)
    for spec in pages:
        spec.render_body(spec)
    out["history_pages"] = len(pages)
    out["render_bodies_cpu_s"] = round(time.process_time() - cpu, 2)
    cpu = time.process_time()
    feeds = feed_files(model, "https://sop.example.go.id/", "Katalog SOP")
    out["feeds"] = len(feeds)
    out["feeds_cpu_s"] = round(time.process_time() - cpu, 2)
    return out


def measure(
    n: int,
    seed: int = 1,
    revisions: int = 3,
    percent: float = 5.0,
    *,
    regenerate: bool = True,
    repeat: int = 2,
    one_core: bool = True,
) -> dict:
    """The history's figures at ``n`` SOPs (``regenerate`` False: the catalogue bench.run just generated)."""
    root = OUT / str(n)
    sources = root / "sops"
    if regenerate:
        generate(sources, n, seed)
    made = make_history(sources, revisions, percent, seed)
    ours = write_ours(sources, root / "ours")
    without = _config_without_history(ours)
    cache = ours.parent / ".cache"
    entry: dict = {"history": made}
    # Each build twice, interleaved, keeping the faster: on a shared machine one slow run says little.
    runs: dict[str, list[dict]] = {"without_history": [], "with_history_cold": [], "with_history_warm": []}
    for _ in range(repeat):
        runs["without_history"].append(_build(without, "tanpa riwayat"))
        shutil.rmtree(cache, ignore_errors=True)
        runs["with_history_cold"].append(_build(ours, "dengan riwayat, tembolok kosong"))
        runs["with_history_warm"].append(_build(ours, "dengan riwayat, tembolok terisi"))
    for key, done in runs.items():
        entry[key] = min(done, key=lambda r: r["wall_s"])
        entry[key]["wall_s_runs"] = [r["wall_s"] for r in done]
        entry[key]["cpu_s_min"] = min(r["cpu_s"] for r in done)
    single: dict[str, list[float]] = {"without": [], "cold": [], "warm": []}
    for _ in range(repeat if one_core else 0):
        single["without"].append(_build_one_core(without))
        shutil.rmtree(cache, ignore_errors=True)
        single["cold"].append(_build_one_core(ours))
        single["warm"].append(_build_one_core(ours))
    if one_core:
        print(f"  one core, CPU s: {single}", flush=True)
        entry["one_core_cpu_s"] = {key: min(values) for key, values in single.items()}
        for key in ("cold", "warm"):
            base_one = entry["one_core_cpu_s"]["without"]
            entry[f"added_{key}_one_core_cpu_percent"] = round(
                100 * (entry["one_core_cpu_s"][key] - base_one) / base_one, 1
            )
    base, base_cpu = entry["without_history"]["wall_s"], entry["without_history"]["cpu_s_min"]
    for key in ("cold", "warm"):
        entry[f"added_{key}_percent"] = round(100 * (entry[f"with_history_{key}"]["wall_s"] - base) / base, 1)
        cpu = entry[f"with_history_{key}"]["cpu_s_min"]
        entry[f"added_{key}_cpu_percent"] = round(100 * (cpu - base_cpu) / base_cpu, 1)
    entry.update(_read_in_process(sources, root / "history-cache"))
    return entry


def main() -> None:
    parser = argparse.ArgumentParser(description="The revision history's cost at scale.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--revisions", type=int, default=3)
    parser.add_argument("--revised-percent", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--skip-one-core", action="store_true", help="no one-core builds (slow at 10,000)")
    parser.add_argument(
        "--work-only",
        action="store_true",
        help="only the history's own work in process (no builds): minutes at 10,000 SOPs, not an hour",
    )
    parser.add_argument(
        "--page-clock-max",
        type=int,
        default=2000,
        help="with --work-only: clock pages in one build up to this size",
    )
    args = parser.parse_args()
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"sizes": {}}
    for n in args.sizes:
        print(f"history, N = {n}", flush=True)
        if args.work_only:
            sources = OUT / str(n) / "sops"
            generate(sources, n, args.seed)
            figures = {"history": make_history(sources, args.revisions, args.revised_percent, args.seed)}
            figures.update(_read_in_process(sources, OUT / str(n) / "history-cache"))
            if n <= args.page_clock_max:
                figures["page_clock"] = _page_cpu(write_ours(sources, OUT / str(n) / "ours"))
            results.setdefault("sizes", {}).setdefault(str(n), {})["history_work"] = figures
            print(f"history work at {n} SOPs: {json.dumps(figures)}", flush=True)
        else:
            figures = measure(
                n,
                args.seed,
                args.revisions,
                args.revised_percent,
                repeat=args.repeat,
                one_core=not args.skip_one_core,
            )
            results.setdefault("sizes", {}).setdefault(str(n), {})["history"] = figures
            print_line(n, figures)
        RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def print_line(n: int, figures: dict) -> None:
    print(
        f"history cost at {n} SOPs ({figures['history']['sops_revised']} revised in {figures['history']['commits']} "
        f"commits): build {figures['without_history']['wall_s']} s without, "
        f"{figures['with_history_cold']['wall_s']} s with (empty cache, {figures['added_cold_percent']:+} %, "
        f"CPU {figures['added_cold_cpu_percent']:+} %), {figures['with_history_warm']['wall_s']} s with (cache, "
        f"{figures['added_warm_percent']:+} %, CPU {figures['added_warm_cpu_percent']:+} %); "
        + (
            f"one core, CPU: {figures['added_cold_one_core_cpu_percent']:+} % cold, "
            f"{figures['added_warm_one_core_cpu_percent']:+} % warm; "
            if "one_core_cpu_s" in figures
            else ""
        )
        + f"in process (CPU): read_history {figures['read_cold_cpu_s']} s cold, {figures['read_warm_cpu_s']} s "
        f"warm, {figures['history_pages']} Riwayat bodies {figures['render_bodies_cpu_s']} s, "
        f"{figures['feeds']} feeds {figures['feeds_cpu_s']} s"
    )


if __name__ == "__main__":
    main()
