"""The scale benchmark (``make bench``): our build against plain MkDocs + Material, at 1,000 and 10,000 SOPs.

For each size N it generates a catalogue (bench/generate.py, seeded), writes the baseline project
(bench/baseline.py) and our project (the repository's mkdocs.yml pointed at that catalogue), builds both in
subprocesses and measures:

- wall time and CPU time of ``mkdocs build`` (site folder removed beforehand, not timed), pages per second;
- peak memory: the largest sum of PSS over the build's process tree (sampled every 0.5 s; Pagefind and our
  worker processes included; PSS counts memory a forked worker shares with its parent once), and the
  largest RSS of a single process;
- site size, and bytes per SOP page (mean size of the SOP pages' HTML, which exist in both builds at the
  same URLs);
- search bytes for one query: Chromium opens the search page (ours: /cari/; baseline: the home page and its
  search box) with an empty cache, types the query and waits for results; the bytes are counted by the
  static server (which gzips text as any web host does), so requests from web workers count too;
- t(10k)/t(1k) for both builds;
- author loop: ``mkdocs serve --livereload`` on the 1,000-SOP catalogue; one SOP's YAML is edited and the
  served page is polled until the edit shows (median of several edits);
- the revision history's cost (bench/history.py): the build with and without it, on a git history with
  revisions.

Results go to bench/results.json and a table is printed. Timings on a shared machine are noisy: the two
builds of one size run back to back, so their ratio is the comparable figure.

- CPU efficiency (issue 20): at 2,000 SOPs, ours and the baseline built on one core (``taskset``) and on
  two, back to back; the bench prints both ratios.

    python -m bench.run [--sizes 1000 10000] [--skip-baseline] [--skip-browser] [--skip-serve] [--skip-history]
                        [--efficiency-size 2000]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import ClassVar

import yaml
from mkdocs.utils.yaml import yaml_load

from .baseline import write_baseline
from .generate import generate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
RESULTS = REPO / "bench" / "results.json"
PYTHON = sys.executable
QUERY = "verifikasi"
#: A typo of QUERY: it finds nothing, so the search page also fetches the vocabulary file of its first letter
#: and shows "Maksud Anda: verifikasi?" (site_plugins/vocabulary.py); its bytes are measured as well.
TYPO_QUERY = "verivikasi"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "0"}


# --- projects ---------------------------------------------------------------------------------------------


def write_ours(sources: Path, project: Path) -> Path:
    """The repository's mkdocs.yml, pointed at ``sources``, with absolute paths."""
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))  # MkDocs's loader: knows !ENV
    if config.get("site_url") is None:
        config.pop("site_url", None)
    config["docs_dir"] = str(REPO / config.get("docs_dir", "docs"))
    config["site_dir"] = "site"
    theme = config["theme"]
    if "custom_dir" in theme:
        theme["custom_dir"] = str(REPO / theme["custom_dir"])
    plugins = []
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "katalog" in plugin:
            options = dict(plugin["katalog"] or {})
            options["sources"] = str(sources)
            for key, default in (("registry", "content/peraturan.yml"), ("metadata", None)):
                value = options.get(key, default)
                if value is not None:
                    options[key] = str(REPO / value)
            plugin = {"katalog": options}
        plugins.append(plugin)
    config["plugins"] = plugins
    project.mkdir(parents=True, exist_ok=True)
    path = project / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# --- measuring a build --------------------------------------------------------------------------------------


def _children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) of one process in bytes. PSS shares copy-on-write pages among the processes holding them,
    so the PSS of a build's processes adds up to the memory the build really uses; RSS would count the
    pages a forked worker shares with the main process twice."""
    pss = rss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                pss = int(line.split()[1]) * 1024
            elif line.startswith("Rss:"):
                rss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return pss, rss


def _tree_memory(root: int) -> tuple[int, int]:
    """(sum of PSS over the process tree, largest single RSS)."""
    tree, total, largest, stack = _children_of(), 0, 0, [root]
    while stack:
        pid = stack.pop()
        stack.extend(tree.get(pid, ()))
        pss, rss = _memory(pid)
        total += pss
        largest = max(largest, rss)
    return total, largest


def run_measured(cmd: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> dict:
    """Run ``cmd`` (with ``env`` added to the environment); wall time, CPU time of it and its children, peak
    RSS of its process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with log.open("w") as out:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env={**ENV, **(env or {})}, stdout=out, stderr=subprocess.STDOUT
        )
        peak = largest = 0
        while proc.poll() is None:
            total, single = _tree_memory(proc.pid)
            peak, largest = max(peak, total), max(largest, single)
            # Not more often: reading a large process's smaps_rollup takes its memory-map lock and stalls
            # it (sampled every 50 ms, a 10,000-SOP build ran 20% slower).
            time.sleep(0.5)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}); see {log}")
    return {
        "wall_s": round(wall, 2),
        "cpu_s": round((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), 2),
        "peak_memory_mb": round(peak / 2**20, 1),  # PSS summed over the build's processes
        "peak_rss_process_mb": round(largest / 2**20, 1),  # the largest single process
    }


def sop_paths_of(sources: Path) -> list[str]:
    """The site paths of a generated catalogue's SOP pages (``<pemda>/<instansi>/<slug>``)."""
    return [
        p.relative_to(sources).with_suffix("").as_posix()
        for p in sorted(sources.glob("*/*/*.yml"))
        if not p.name.startswith("_")
    ]


def site_figures(site: Path, sop_paths: list[str]) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    html = [p for p in files if p.suffix == ".html"]
    sizes = [(site / path / "index.html").stat().st_size for path in sop_paths]
    return {
        "html_pages": len(html),
        "site_bytes": sum(p.stat().st_size for p in files),
        "sop_page_bytes_mean": round(statistics.mean(sizes)),
        "sop_page_bytes_max": max(sizes),
    }


#: The build cache of our projects (the katalog plugin's default build_cache, beside mkdocs.yml).
BUILD_CACHE = Path(".cache") / "katalog" / "bangun"


def build(
    config: Path, sop_paths: list[str], label: str, cores: int | None = None, cached: bool = False
) -> dict:
    """Build ``config`` from a removed site folder; with ``cores``, on that many cores only (taskset), the
    process and everything it starts (worker processes, Pagefind). A build is cold (its build cache
    removed first) unless ``cached``."""
    project = config.parent
    site = project / "site"
    shutil.rmtree(site, ignore_errors=True)
    if not cached:
        shutil.rmtree(project / BUILD_CACHE, ignore_errors=True)
    command = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)]
    if cores is not None:
        command = [
            "taskset",
            "-c",
            ",".join(str(c) for c in sorted(os.sched_getaffinity(0))[:cores]),
            *command,
        ]
    figures = run_measured(command, project, project / "build.log")
    figures.update(site_figures(site, sop_paths))
    figures["pages_per_s"] = round(figures["html_pages"] / figures["wall_s"], 1)
    print(f"  {label}: {figures['wall_s']} s, {figures['peak_memory_mb']} MB", flush=True)
    return figures


# --- search bytes in Chromium -------------------------------------------------------------------------------


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as deployed: text gzipped on the fly; Pagefind's files are already compressed. It
    counts the bytes it sends, which also sees what a page's web workers fetch (Pagefind searches in one)."""

    TEXT = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv", ".yml")
    cache: ClassVar[dict[str, bytes]] = {}
    sent: ClassVar[list[tuple[str, int]]] = []

    def log_message(self, *args) -> None:
        pass

    def send_head(self):  # SimpleHTTPRequestHandler's hook
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()
        compress = path.endswith(self.TEXT) and "gzip" in self.headers.get("Accept-Encoding", "")
        key = f"{path}|{compress}"
        body = self.cache.get(key)
        if body is None:
            raw = Path(path).read_bytes()
            body = self.cache[key] = gzip.compress(raw, 6) if compress else raw
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if compress:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.sent.append((self.path, len(body)))
        return io.BytesIO(body)


@contextlib.contextmanager
def serve_static(directory: Path):
    handler = functools.partial(_GzipHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def counted_page(site: Path, browser):
    """A fresh browser page (empty cache, nothing from other hosts) on ``site`` served by the counting static
    host: yields (base URL, context, page); what the host sent is in ``_GzipHandler.sent`` afterwards."""
    _GzipHandler.cache = {}
    _GzipHandler.sent = []
    with serve_static(site) as base:
        context = browser.new_context()
        page = context.new_page()
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        try:
            yield base, context, page
        finally:
            context.close()


def search_bytes(site: Path, ours: bool, browser, query: str = QUERY) -> dict:
    """Bytes a reader's browser transfers to open the search and get results for one query, empty cache.
    For a query that finds nothing (ours only), until the search page has shown its suggestion."""
    with counted_page(site, browser) as (base, context, page):
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        urls: dict[str, str] = {}
        transferred: dict[str, int] = {}
        decoded: dict[str, int] = {}
        cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
        cdp.on(
            "Network.dataReceived",
            lambda e: decoded.__setitem__(e["requestId"], decoded.get(e["requestId"], 0) + e["dataLength"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: transferred.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
        started = time.perf_counter()
        if ours:
            page.goto(base + "cari/", wait_until="networkidle")
            page.locator('pagefind-input[instance="katalog-cari"] input').fill(query)
            if query == TYPO_QUERY:
                page.wait_for_function("() => document.querySelector('[data-kat-saran] a')", timeout=120_000)
            else:
                page.wait_for_function(
                    "q => /hasil/.test(document.querySelector('pagefind-summary').textContent)"
                    " && document.querySelector('pagefind-results .kat-hasil')",
                    arg=query,
                    timeout=120_000,
                )
        else:
            page.goto(base, wait_until="networkidle")
            page.locator("input.md-search__input").click()
            initial = page.locator(".md-search-result__meta").inner_text()
            page.keyboard.type(query)  # Material listens to key events, not to a programmatic fill
            # Lunr has no Indonesian stemmer, so the query may find nothing: wait for the verdict either way.
            page.wait_for_function(
                "t => document.querySelector('.md-search-result__meta').textContent.trim() != t",
                arg=initial.strip(),
                timeout=600_000,
            )
        page.wait_for_load_state("networkidle")
        elapsed = time.perf_counter() - started
        verdict = page.locator("pagefind-summary" if ours else ".md-search-result__meta").inner_text().strip()
        if ours and query == TYPO_QUERY:
            verdict += " | " + page.locator("[data-kat-saran]").inner_text().strip()

    def is_search(url: str) -> bool:
        if ours:
            return "/pagefind/" in url or "katalog-search" in url
        return "/search/" in url or "/workers/" in url or "lunr" in url

    # The server's count is the reference (the page's network log misses what web workers fetch).
    sent = list(_GzipHandler.sent)
    total = sum(n for _, n in sent)
    search = sum(n for path, n in sent if is_search(path))
    return {
        "query": query,
        "verdict": verdict,
        "requests": len(sent),
        "transferred_bytes": total,
        "search_transferred_bytes": search,
        "largest": sorted(sent, key=lambda item: -item[1])[:5],
        "page_log_transferred_bytes": sum(transferred.values()),  # main document only, for comparison
        "decoded_bytes_page_log": sum(decoded.values()),
        "seconds_to_results": round(elapsed, 2),
    }


# --- author loop --------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def republish(config: Path, sources: Path, label: str, edits: int = 3) -> dict:
    """Issue 20, target 3: a cold build (empty build cache), then one SOP edited and the site built again
    with the cache, ``edits`` times (each a new title of the same SOP, as an author's corrections)."""
    sop_paths = sop_paths_of(sources)
    source = next(p for p in sorted(sources.glob("*/*/*.yml")) if not p.name.startswith("_"))
    original = source.read_text(encoding="utf-8")
    cold = build(config, sop_paths, f"{label}, cold")
    again = []
    try:
        for k in range(edits):
            edited = re.sub(
                r"^nama: .*$", f'nama: "Judul Suntingan {k}"', original, count=1, flags=re.MULTILINE
            )
            source.write_text(edited, encoding="utf-8")
            again.append(build(config, sop_paths, f"{label}, after edit {k + 1}", cached=True))
    finally:
        source.write_text(original, encoding="utf-8")
    walls = [a["wall_s"] for a in again]
    return {
        "sops": len(sop_paths),
        "cold_wall_s": cold["wall_s"],
        "cold_cpu_s": cold["cpu_s"],
        "after_one_edit_wall_s": walls,
        "after_one_edit_cpu_s": [a["cpu_s"] for a in again],
        "ratio": round(statistics.median(walls) / cold["wall_s"], 2),
        "cache_mb": round(_folder_bytes(config.parent / BUILD_CACHE) / 1e6, 1),
    }


def _folder_bytes(folder: Path) -> int:
    """Bytes of the files under ``folder``, a file linked twice counted once."""
    seen, total = set(), 0
    for path in folder.rglob("*"):
        st = path.lstat()
        if path.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def author_loop(config: Path, sources: Path, edits: int = 5) -> dict:
    """Edit one SOP's nama under ``mkdocs serve`` and time until the served page shows it."""
    port = _free_port()
    log = (config.parent / "serve.log").open("w")
    proc = subprocess.Popen(
        [PYTHON, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}", "-f", str(config)],
        cwd=config.parent,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    source = next(p for p in sorted(sources.glob("*/*/*.yml")) if not p.name.startswith("_"))
    sop_url = f"http://127.0.0.1:{port}/{source.relative_to(sources).with_suffix('').as_posix()}/"
    original = source.read_text(encoding="utf-8")
    latencies = []
    try:
        started = time.perf_counter()
        while _get(sop_url) is None:
            if proc.poll() is not None or time.perf_counter() - started > 1800:
                raise SystemExit(f"mkdocs serve did not come up; see {config.parent / 'serve.log'}")
            time.sleep(0.5)
        first_build = time.perf_counter() - started
        time.sleep(2)  # let the watcher settle after the first build
        for k in range(edits):
            marker = f"Uji Penyuntingan {k} {int(time.time())}"
            edited = re.sub(
                r"^nama: .*$", f"nama: {json.dumps(marker)}", original, count=1, flags=re.MULTILINE
            )
            t0 = time.perf_counter()
            source.write_text(edited, encoding="utf-8")
            while True:
                html = _get(sop_url)
                if html is not None and marker in html:
                    break
                if time.perf_counter() - t0 > 600:
                    raise SystemExit("the edit never showed; see serve.log")
                time.sleep(0.05)
            latencies.append(round(time.perf_counter() - t0, 2))
            time.sleep(1.5)
    finally:
        source.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        log.close()
    sops = sum(1 for p in sources.glob("*/*/*.yml") if not p.name.startswith("_"))
    return {
        "sops": sops,
        "first_build_s": round(first_build, 1),
        "edit_to_visible_s": latencies,
        "median_s": statistics.median(latencies),
        "max_s": max(latencies),
    }


# --- the run ------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description="Scale benchmark: ours vs plain MkDocs + Material.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-baseline", action="store_true")
    parser.add_argument("--skip-browser", action="store_true")
    parser.add_argument("--skip-serve", action="store_true")
    parser.add_argument("--skip-history", action="store_true")
    parser.add_argument(
        "--republish-sizes",
        type=int,
        nargs="*",
        default=[2000, 10000],
        help="catalogue sizes of the second build after one edit, with the build cache (none: skip it)",
    )
    parser.add_argument(
        "--efficiency-size",
        type=int,
        default=2000,
        help="catalogue size of the one-core and two-core comparison (0: skip it)",
    )
    args = parser.parse_args()

    results: dict = {
        "machine": {
            "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)),
            "load_average_at_start": os.getloadavg(),
        },
        "query": QUERY,
        "sizes": {},
    }
    browser = playwright = None
    if not args.skip_browser:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        for n in args.sizes:
            print(f"N = {n}", flush=True)
            root = OUT / str(n)
            sources = root / "sops"
            counts = generate(sources, n, args.seed)
            sop_paths = sop_paths_of(sources)
            ours_config = write_ours(sources, root / "ours")
            entry: dict = {"catalogue": counts, "ours": build(ours_config, sop_paths, "ours")}
            if not args.skip_baseline:
                write_baseline(sources, root / "baseline")
                entry["baseline"] = build(root / "baseline" / "mkdocs.yml", sop_paths, "baseline")
                entry["time_ratio_ours_to_baseline"] = round(
                    entry["ours"]["wall_s"] / entry["baseline"]["wall_s"], 2
                )
            if browser is not None:
                entry["ours"]["search"] = search_bytes(root / "ours" / "site", True, browser)
                entry["ours"]["search_typo"] = search_bytes(root / "ours" / "site", True, browser, TYPO_QUERY)
                if not args.skip_baseline:
                    entry["baseline"]["search"] = search_bytes(root / "baseline" / "site", False, browser)
            results["sizes"][str(n)] = entry
            RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
            if not args.skip_history:
                from .history import measure  # bench.history imports this module

                # Last for this size: it puts the catalogue under git, with revisions.
                entry["history"] = measure(n, args.seed, regenerate=False)
                RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        small, large = (str(min(args.sizes)), str(max(args.sizes)))
        if small != large:
            for side in ("ours", "baseline"):
                if side in results["sizes"][large]:
                    results[f"scaling_{side}"] = round(
                        results["sizes"][large][side]["wall_s"] / results["sizes"][small][side]["wall_s"], 2
                    )
        if args.efficiency_size:
            results["cpu_efficiency"] = cpu_efficiency(args.efficiency_size, args.seed)
        for n in args.republish_sizes:
            print(f"republishing one edit, N = {n}", flush=True)
            root = OUT / str(n)
            if not (root / "sops").is_dir():
                generate(root / "sops", n, args.seed)
            config = write_ours(root / "sops", root / "ours")
            results.setdefault("republish", {})[str(n)] = republish(config, root / "sops", f"ours {n}")
            RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        if not args.skip_serve:
            n = min(args.sizes)
            print(f"author loop, N = {n}", flush=True)
            results["author_loop"] = author_loop(OUT / str(n) / "ours" / "mkdocs.yml", OUT / str(n) / "sops")
    finally:
        if browser is not None:
            browser.close()
            playwright.stop()
    results["machine"]["load_average_at_end"] = os.getloadavg()
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print_table(results)


def cpu_efficiency(n: int, seed: int) -> dict:
    """Ours against the baseline on one core and on two (issue 20's CPU-efficiency figures): the four
    builds run back to back, so each pair's ratio is comparable even on a shared machine. On one core the
    wall time is the CPU time the build needs; on two it is what a reader of the CI log waits."""
    root = OUT / str(n)
    sources = root / "sops"
    if not sources.is_dir():
        generate(sources, n, seed)
    sop_paths = sop_paths_of(sources)
    ours = write_ours(sources, root / "ours")
    write_baseline(sources, root / "baseline")
    baseline = root / "baseline" / "mkdocs.yml"
    available = len(os.sched_getaffinity(0))
    out: dict = {"sops": n}
    for cores in (1, 2):
        if cores > available:
            out[f"{cores}_cores"] = f"not measured: this machine gives {available} core(s)"
            continue
        print(f"CPU efficiency, N = {n}, {cores} core(s)", flush=True)
        mine = build(ours, sop_paths, f"ours, {cores} core(s)", cores)
        theirs = build(baseline, sop_paths, f"baseline, {cores} core(s)", cores)
        out[f"{cores}_cores"] = {
            "ours_wall_s": mine["wall_s"],
            "ours_cpu_s": mine["cpu_s"],
            "baseline_wall_s": theirs["wall_s"],
            "baseline_cpu_s": theirs["cpu_s"],
            "ratio": round(mine["wall_s"] / theirs["wall_s"], 2),
        }
    return out


def print_table(results: dict) -> None:
    rows = [
        (
            "",
            *[
                f"{side} {n}"
                for n in results["sizes"]
                for side in ("ours", "baseline")
                if side in results["sizes"][n]
            ],
        )
    ]

    def row(label: str, get) -> None:
        values = []
        for entry in results["sizes"].values():
            for side in ("ours", "baseline"):
                if side in entry:
                    try:
                        values.append(get(entry, side))
                    except KeyError:
                        values.append("-")
        rows.append((label, *values))

    row("wall time (s)", lambda e, s: f"{e[s]['wall_s']:.1f}")
    row("CPU time (s)", lambda e, s: f"{e[s]['cpu_s']:.1f}")
    row("ours / baseline", lambda e, s: f"{e['time_ratio_ours_to_baseline']:.2f}" if s == "ours" else "")
    row("pages/s", lambda e, s: f"{e[s]['pages_per_s']:.0f}")
    row("HTML pages", lambda e, s: f"{e[s]['html_pages']}")
    row("peak memory, PSS (MB)", lambda e, s: f"{e[s]['peak_memory_mb']:.0f}")
    row("peak RSS, 1 process (MB)", lambda e, s: f"{e[s]['peak_rss_process_mb']:.0f}")
    row("site size (MB)", lambda e, s: f"{e[s]['site_bytes'] / 2**20:.1f}")
    row("bytes per SOP page", lambda e, s: f"{e[s]['sop_page_bytes_mean']:,}")
    row("search: transferred (KB)", lambda e, s: f"{e[s]['search']['transferred_bytes'] / 1024:.0f}")
    row("  of which search (KB)", lambda e, s: f"{e[s]['search']['search_transferred_bytes'] / 1024:.0f}")
    row("  requests", lambda e, s: f"{e[s]['search']['requests']}")
    row("  seconds to results", lambda e, s: f"{e[s]['search']['seconds_to_results']:.2f}")
    row(
        "typo query: search (KB)",
        lambda e, s: f"{e[s]['search_typo']['search_transferred_bytes'] / 1024:.0f}",
    )
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    for r in rows:
        print(
            "  ".join(
                str(c).rjust(w) if i else str(c).ljust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            )
        )
    for side in ("ours", "baseline"):
        if f"scaling_{side}" in results:
            print(f"t(10k)/t(1k) {side}: {results[f'scaling_{side}']}")
    for n, entry in results["sizes"].items():
        if "history" in entry:
            from .history import print_line

            print_line(int(n), entry["history"])
    if "cpu_efficiency" in results:
        eff = results["cpu_efficiency"]
        for cores in (1, 2):
            figures = eff.get(f"{cores}_cores")
            if isinstance(figures, dict):
                print(
                    f"CPU efficiency, {eff['sops']} SOPs, {cores} core(s): ours/baseline {figures['ratio']} "
                    f"({figures['ours_wall_s']} s against {figures['baseline_wall_s']} s; target "
                    f"{'1.0' if cores == 1 else '0.6'})"
                )
            elif figures:
                print(f"CPU efficiency, {cores} core(s): {figures}")
    for n, rep in results.get("republish", {}).items():
        if isinstance(rep, dict) and "ratio" in rep:
            print(
                f"republishing one edit, {n} SOPs: {rep['after_one_edit_wall_s']} s after a cold build of "
                f"{rep['cold_wall_s']} s (ratio {rep['ratio']} of the median; target 0.25 at 2,000, 10 s at 10,000)"
            )
    if "author_loop" in results:
        loop = results["author_loop"]
        print(
            f"author loop ({loop['sops']} SOPs, mkdocs serve): edit visible after {loop['edit_to_visible_s']} s "
            f"(median {loop['median_s']} s; first build {loop['first_build_s']} s)"
        )


if __name__ == "__main__":
    main()
