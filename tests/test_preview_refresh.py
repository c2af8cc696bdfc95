"""The live preview's background refresh of bulk outputs (site_plugins/preview.py): a refresh for the
current build is swapped in whole; one overtaken by a newer build is dropped, and a later build asks again."""

from __future__ import annotations

import threading
from pathlib import Path

from site_plugins.preview import PreviewCache


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
    def write(target: Path) -> None:
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
    # The newer build changed no SOP itself, yet its outputs are still stale: it refreshes them.
    preview.changed_sops = set()
    preview.bulk(site, "pagefind", folder, write=lambda: None, refresh=_writer("baru"))
    preview.end_build_outputs()
    preview.wait_for_refresh(drop_waiting=False)
    assert (folder / "index.txt").read_text() == "baru"
    preview.close()
