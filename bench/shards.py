"""The national catalogue in shards (issue 20, target 5; catalogue/shards.py), measured against one build.

On a generated catalogue of N SOPs: one whole ``mkdocs build``, then the shard builds of a plan of K shards
(``KATALOG_PEMDA``, one after another here; a CI matrix runs them side by side) and the national build that
joins them (``KATALOG_GABUNG``). Each build is cold (no build cache) and measured as ``make bench`` measures
(wall, CPU, peak PSS of the process tree). The national site is checked against the whole one: the same
files outside the search index, the open data byte for byte.

    python -m bench.shards [--n 3000] [--shards 3] [--pemda 15]

Figures go to bench/results.json under "shards".
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
from pathlib import Path

from catalogue.shards import count_sources, plan_shards

from .generate import generate
from .run import BUILD_CACHE, OUT, PYTHON, REPO, run_measured, write_ours

RESULTS = REPO / "bench" / "results.json"


def _build(project: Path, site: Path, label: str, env: dict[str, str]) -> dict:
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(project / BUILD_CACHE, ignore_errors=True)
    command = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    figures = run_measured(command, project, project / f"{label}.log", env)
    print(
        f"  {label}: {figures['wall_s']} s, CPU {figures['cpu_s']} s, {figures['peak_memory_mb']} MB",
        flush=True,
    )
    return figures


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def measure(n: int, shards: int, pemda: int, seed: int = 1) -> dict:
    root = OUT / f"shards-{n}"
    sources = root / "sops"
    counts = generate(sources, n, seed, pemda)
    project = root / "ours"
    write_ours(sources, project)
    plan = plan_shards(count_sources(sources), shards)
    print(f"{n} SOPs, {counts['pemda']} pemda, {counts['instansi']} instansi; {len(plan)} shards", flush=True)
    whole = _build(project, root / "utuh", "whole", {})
    parts = [
        dict(
            _build(project, root / f"b{s.number}", f"shard-{s.number}", {"KATALOG_PEMDA": ",".join(s.pemda)}),
            pemda=len(s.pemda),
            sop=s.sources,
        )
        for s in plan
    ]
    joined = ",".join(str(root / f"b{s.number}") for s in plan)
    national = _build(project, root / "nasional", "national", {"KATALOG_GABUNG": joined})
    outside_search = lambda files: {f for f in files if not f.startswith("pagefind/")}  # noqa: E731
    same_files = outside_search(_files(root / "nasional")) == outside_search(_files(root / "utuh"))
    data = [f for f in _files(root / "utuh" / "data") if f != "index.html"]
    same_data = all(
        filecmp.cmp(root / "utuh/data" / f, root / "nasional/data" / f, shallow=False) for f in data
    )
    longest = max(p["wall_s"] for p in parts)
    result = {
        "n": n,
        "pemda": counts["pemda"],
        "shards": len(plan),
        "whole": whole,
        "shard_builds": parts,
        "national": national,
        "critical_path_s": round(longest + national["wall_s"], 2),
        "critical_path_vs_whole": round((longest + national["wall_s"]) / whole["wall_s"], 2),
        "cpu_all_jobs_s": round(sum(p["cpu_s"] for p in parts) + national["cpu_s"], 2),
        "largest_job_peak_mb": max([p["peak_memory_mb"] for p in parts] + [national["peak_memory_mb"]]),
        "same_files_outside_search": same_files,
        "same_open_data": same_data,
    }
    print(json.dumps({k: v for k, v in result.items() if not isinstance(v, (dict, list))}, indent=1))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000)
    parser.add_argument("--shards", type=int, default=3)
    parser.add_argument("--pemda", type=int, default=15)
    args = parser.parse_args()
    result = measure(args.n, args.shards, args.pemda)
    results = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.is_file() else {}
    results["shards"] = result
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
