"""The live preview's background refresh of bulk outputs (site_plugins/preview.py): a refresh for the
current build is swapped in whole; one overtaken by a newer build is dropped, and a later build asks again."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from site_plugins.preview import TRASH_SUFFIX, PreviewCache, RefreshCancelled


def _preview_with_index(tmp_path: Path) -> tuple[PreviewCache, Path, Path]:
    site = tmp_path / "site"
    folder = site / "pagefind"
    folder.mkdir(parents=True)
    (folder / "index.txt").write_text("lama")
    preview = PreviewCache()
    preview.start("serve")
    preview.keep_bulk(site, "pagefind", [folder / "index.txt"])
    preview.incremental = True
    preview.changed_sops = {"kab-uji/kec-uji/baru"}
    return preview, site, folder


#: Failures inside a refresh worker: the preview logs and swallows them, so the tests look here.
WORKER_ERRORS: list[BaseException] = []


def _writer(text: str, started: threading.Event | None = None, release: threading.Event | None = None):
    def write(target: Path, cancel: threading.Event | None = None) -> None:
        try:
            if started is not None:
                started.set()
                assert release is not None and release.wait(30)
            target.mkdir(parents=True)
            (target / "index.txt").write_text(text)
        except BaseException as error:
            WORKER_ERRORS.append(error)
            raise

    return write


def test_a_refresh_for_the_current_build_is_swapped_in_and_kept(tmp_path):
    preview, site, folder = _preview_with_index(tmp_path)
    preview.begin_build()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=_writer("baru"))
    preview.end_build_outputs()
    preview.wait_for_refresh(drop_waiting=False)
    assert (folder / "index.txt").read_text() == "baru"
    assert not list(site.glob("pagefind.*"))  # no staging or old folder left in the site
    # The next build reuses the refreshed outputs.
    (folder / "index.txt").unlink()
    preview.changed_sops = set()
    preview.begin_build()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=_writer("lagi"))
    preview.end_build_outputs()
    preview.wait_for_refresh(drop_waiting=False)
    assert (folder / "index.txt").read_text() == "baru"
    preview.close()


def test_a_refresh_overtaken_by_a_newer_build_is_dropped_and_asked_again(tmp_path):
    preview, site, folder = _preview_with_index(tmp_path)
    started, release = threading.Event(), threading.Event()
    preview.begin_build()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=_writer("basi", started, release))
    preview.end_build_outputs()
    assert started.wait(30)
    preview.begin_build()  # a newer build starts while the refresh runs
    release.set()
    preview.wait_for_refresh(drop_waiting=False)
    assert (folder / "index.txt").read_text() == "lama"  # the stale result was not swapped in
    assert WORKER_ERRORS == []  # ... because it was overtaken, not because its worker failed
    _newer_build_refreshes_again(preview, site, folder)


def _newer_build_refreshes_again(preview: PreviewCache, site: Path, folder: Path) -> None:
    """The newer build changed no SOP itself, yet its outputs are still stale: it refreshes them, to the end."""
    preview.changed_sops = set()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=_writer("baru"))
    preview.end_build_outputs()
    preview.wait_for_refresh(drop_waiting=False)
    assert (folder / "index.txt").read_text() == "baru"
    preview.close()


def test_a_new_build_stops_the_running_refresh_instead_of_sharing_the_cpu_with_it(tmp_path):
    preview, site, folder = _preview_with_index(tmp_path)
    started, stopped = threading.Event(), threading.Event()

    def slow(target: Path, cancel: threading.Event) -> None:
        started.set()
        if cancel.wait(30):  # a refresh that would run for long, unless stopped
            stopped.set()
            raise RefreshCancelled
        WORKER_ERRORS.append(AssertionError("the refresh was never told to stop"))

    preview.begin_build()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=slow)
    preview.end_build_outputs()
    assert started.wait(30)
    preview.begin_build()  # the author saved again
    assert stopped.wait(30)
    preview.wait_for_refresh(drop_waiting=False)
    assert (folder / "index.txt").read_text() == "lama"
    assert WORKER_ERRORS == []
    _newer_build_refreshes_again(preview, site, folder)


def test_the_refresh_runs_at_the_lowest_cpu_priority(tmp_path):
    if not sys.platform.startswith("linux"):
        raise AssertionError("the priority of a thread is per thread on Linux, where CI runs")
    preview, site, folder = _preview_with_index(tmp_path)
    seen: list[int] = []

    def record(target: Path, cancel: threading.Event) -> None:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        _writer("baru")(target)

    preview.begin_build()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=record)
    preview.end_build_outputs()
    preview.wait_for_refresh(drop_waiting=False)
    assert seen == [19]
    # The build's own thread is not lowered.
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) < 19
    preview.close()


def test_a_rebuild_finds_the_site_folder_empty_at_once_and_the_old_one_is_deleted_aside(tmp_path):
    preview, site, folder = _preview_with_index(tmp_path)
    pages = site / "kab-uji" / "kec-uji"
    pages.mkdir(parents=True)
    for n in range(50):
        (pages / f"{n}.html").write_text("halaman lama")
    preview.begin_build(site)
    assert site.is_dir() and not any(site.iterdir())  # MkDocs has nothing left to clean
    # The previous build's outputs kept for reuse are not touched.
    preview.reuse_bulk(site, "pagefind")
    assert (folder / "index.txt").read_text() == "lama"
    deadline = time.monotonic() + 30
    while list(tmp_path.glob(f"site{TRASH_SUFFIX}*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(tmp_path.glob(f"site{TRASH_SUFFIX}*"))
    preview.close()


def test_serve_dirty_keeps_the_last_site_in_place(tmp_path):
    # `mkdocs serve --dirty` writes only what changed over the last site: emptying it would lose the rest.
    preview, site, folder = _preview_with_index(tmp_path)
    preview.start("serve", dirty=True)
    (site / "halaman.html").write_text("lama")
    preview.begin_build(site)
    assert (site / "halaman.html").read_text() == "lama"
    assert not list(tmp_path.glob(f"site{TRASH_SUFFIX}*"))
    preview.close()
