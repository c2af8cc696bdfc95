"""Speed must not change a byte: pages built on several cores, and a `mkdocs serve` rebuild that reuses the
previous build's pages, give the same HTML as a plain sequential build."""

from __future__ import annotations

import filecmp
import multiprocessing
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.generate import generate
from catalogue import forking
from site_plugins import parallel

from .sitebuild import write_project


def built(project: Path, sources: Path, command: str = "build", plugins=None):
    """Build ``project`` as ``mkdocs <command>`` would; returns the plugin collection (kept for rebuilds)."""
    config_file = project / "mkdocs.yml"
    if not config_file.exists():  # written once: a changed mkdocs.yml rebuilds everything under serve
        write_project(project, sources)
    config = load_config(str(config_file))
    if plugins is None:
        config.plugins.on_startup(command=command, dirty=False)
    else:
        config.plugins = plugins
    build(config)
    return config.plugins


def html_differences(a: Path, b: Path) -> list[str]:
    out = []
    for page in sorted(a.rglob("*.html")):
        other = b / page.relative_to(a)
        if not other.is_file() or not filecmp.cmp(page, other, shallow=False):
            out.append(page.relative_to(a).as_posix())
    out += [p.relative_to(b).as_posix() for p in b.rglob("*.html") if not (a / p.relative_to(b)).exists()]
    return out


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fast") / "sops"
    generate(root, 40, seed=5)
    return root


def _build_in_fresh_process(project: Path, sources: Path, min_pages: int, cores: int | None, results) -> None:
    """Build in a spawned interpreter, which has no thread but its own (a test session may hold a browser
    driver's thread, and then, rightly, nothing is deferred or forked); report each run of the deferred
    pages' loop in the main process as (active, workers, pages)."""
    parallel.MIN_PAGES = min_pages
    if (
        cores is not None
    ):  # the machine's core count, as this build sees it (forking decides, parallel uses it)
        forking.cores = parallel.cores = lambda: cores
    runs = []
    real_work = parallel.ParallelPages._work

    def work(self):
        runs.append((self.active, len(self._workers), len(self._todo)))
        real_work(self)

    parallel.ParallelPages._work = work
    built(project, sources)
    results.put(runs)


def fresh_build(project: Path, sources: Path, min_pages: int, cores: int | None = None) -> list[tuple]:
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(
        target=_build_in_fresh_process, args=(project, sources, min_pages, cores, results)
    )
    process.start()
    runs = results.get(timeout=300)
    process.join()
    assert process.exitcode == 0
    return runs


def test_parallel_build_gives_the_same_pages(sources, tmp_path):
    assert fresh_build(tmp_path / "sequential", sources, 10**9) == []  # nothing deferred
    runs = fresh_build(tmp_path / "parallel", sources, 20)
    assert len(runs) == 1 and runs[0][:2] == (True, forking.cores() - 1) and runs[0][2] >= 40
    assert html_differences(tmp_path / "sequential" / "site", tmp_path / "parallel" / "site") == []


def test_one_core_defers_the_pages_and_builds_them_without_workers(sources, tmp_path):
    """On one core no worker is forked, but the generated pages are still built after MkDocs' loop, one at a
    time (their bodies are not all held in memory, their front matter is not parsed as Markdown)."""
    fresh_build(tmp_path / "sequential", sources, 10**9)
    runs = fresh_build(tmp_path / "one-core", sources, 20, cores=1)
    assert len(runs) == 1 and runs[0][:2] == (True, 0) and runs[0][2] >= 40
    assert html_differences(tmp_path / "sequential" / "site", tmp_path / "one-core" / "site") == []


def test_serve_rebuild_after_an_edit_equals_a_full_build(sources, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_PAGES", 10**9)
    edited = next(p for p in sorted(sources.glob("*/*/*.yml")) if not p.name.startswith("_"))
    original = edited.read_text(encoding="utf-8")
    try:
        plugins = built(tmp_path / "serve", sources, command="serve")
        preview = plugins["katalog"].preview
        # A new title (other SOPs link to it by title), a new step text and a new Keterkaitan line.
        text = re.sub(
            r"^nama: .*$", 'nama: "Judul Baru Hasil Suntingan"', original, count=1, flags=re.MULTILINE
        )
        text = text.replace('kegiatan: "', 'kegiatan: "Diubah: ', 1)
        text = re.sub(
            r"^keterkaitan:\n",
            'keterkaitan:\n  - "SOP Penyusunan Laporan Kinerja"\n',
            text,
            count=1,
            flags=re.MULTILINE,
        )
        edited.write_text(text, encoding="utf-8")
        built(tmp_path / "serve", sources, plugins=plugins)
        assert preview.incremental and len(preview.reused) > 20  # most pages came from the first build
        page = tmp_path / "serve" / "site" / edited.relative_to(sources).with_suffix("") / "index.html"
        assert "Judul Baru Hasil Suntingan" in page.read_text(encoding="utf-8")
        # The reference is a first build under serve (nothing reused): serve pages also carry the script that
        # shows source errors in the live preview.
        fresh = built(tmp_path / "full", sources, command="serve")
        assert not fresh["katalog"].preview.incremental
        assert html_differences(tmp_path / "full" / "site", tmp_path / "serve" / "site") == []
        fresh.on_shutdown()
        # And that script is the only difference from a plain build.
        built(tmp_path / "plain", sources)

        def without_script(path: Path) -> list[str]:
            lines = path.read_text(encoding="utf-8").splitlines()
            return [line for line in lines if line.strip() and "katalog-galat.js" not in line]

        for plain in (tmp_path / "plain" / "site").rglob("*.html"):
            served = tmp_path / "full" / "site" / plain.relative_to(tmp_path / "plain" / "site")
            assert without_script(served) == without_script(plain), plain
        plugins.on_shutdown()
    finally:
        edited.write_text(original, encoding="utf-8")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a served site but the bulk outputs a preview takes from its first build (the open
    data, refreshed when `mkdocs serve` restarts) or refreshes in the background (the search index); the
    SOP sources published under data/ are MkDocs' files and count."""
    out = {}
    for path in site.rglob("*"):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith("pagefind/"):
            if rel.startswith("data/") and not rel.startswith(("data/sumber/", "data/dokumen/")):
                continue
            out[rel] = path.read_bytes()
    return out


def _first_serve_build(project: Path, sources: Path) -> None:
    parallel.MIN_PAGES = 10**9
    built(project, sources, command="serve").on_shutdown()


def _spawned(target, *args) -> None:
    process = multiprocessing.get_context("spawn").Process(target=target, args=args)
    process.start()
    process.join(300)
    assert process.exitcode == 0


def test_serve_keeps_its_site_folder_and_each_rebuild_equals_a_full_build(sources, tmp_path, monkeypatch):
    """Under `mkdocs serve` an incremental rebuild writes into the last build's site folder (making its
    thousands of folders again was most of a rebuild): after each edit, a renamed SOP among them, every file
    is what a first build of the edited catalogue makes (the old name's page is a redirect while it is
    renamed, and the SOP's page again once the name is back)."""
    monkeypatch.setattr(parallel, "MIN_PAGES", 10**9)
    sops = [p for p in sorted(sources.glob("*/*/*.yml")) if not p.name.startswith("_")]
    edited, renamed = sops[0], sops[5]
    originals = {p: p.read_text(encoding="utf-8") for p in (edited, renamed)}
    new_name = renamed.with_name("nama-baru-" + renamed.name)
    project = tmp_path / "serve"
    try:
        plugins = built(project, sources, command="serve")
        preview = plugins["katalog"].preview
        site = project / "site"
        kept = site / "kept-by-the-test.txt"  # not MkDocs': gone only if the folder was emptied
        steps = [  # (the change, whether the rebuild is incremental)
            lambda: edited.write_text(
                re.sub(
                    r"^nama: .*$", 'nama: "Judul Suntingan Pertama"', originals[edited], count=1, flags=re.M
                ),
                encoding="utf-8",
            ),
            # renamed, its old address kept (a redirect page where its page was)
            lambda: (
                new_name.write_text(originals[renamed] + f"url_lama: [{renamed.stem}]\n", encoding="utf-8"),
                renamed.unlink(),
            ),
            lambda: edited.write_text(  # the title stays: a new title is a new navigation too
                edited.read_text(encoding="utf-8").replace('kegiatan: "', 'kegiatan: "Diubah: ', 1),
                encoding="utf-8",
            ),
        ]
        # and renamed back (its old page, overwritten by the redirect, must come back whole)
        steps.append(lambda: (renamed.write_text(originals[renamed], encoding="utf-8"), new_name.unlink()))
        incremental = [True, True, True, True]
        old_page = site / renamed.relative_to(sources).with_suffix("") / "index.html"
        old_source = site / "data" / "sumber" / renamed.relative_to(sources)
        assert old_page.is_file() and old_source.is_file()
        for k, step in enumerate(steps):
            kept.write_text("x")
            step()
            built(project, sources, plugins=plugins)
            assert preview.incremental == incremental[k], k
            assert kept.exists() == incremental[k], f"step {k}: the site folder was kept: {kept.exists()}"
            kept.unlink(missing_ok=True)
            # The reference is built in a process of its own: MkDocs gives every build of this process the
            # same plugin object, whose preview state a first build would reset.
            _spawned(_first_serve_build, tmp_path / f"full-{k}", sources)
            expected, got = site_files(tmp_path / f"full-{k}" / "site"), site_files(site)
            assert sorted(got.keys() - expected.keys()) == [], k
            assert sorted(expected.keys() - got.keys()) == [], k
            assert [rel for rel in expected if expected[rel] != got[rel]] == [], k
        assert "<h1" in old_page.read_text(encoding="utf-8") and old_source.is_file()
        plugins.on_shutdown()
    finally:
        new_name.unlink(missing_ok=True)
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
