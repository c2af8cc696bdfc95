"""`mkdocs serve` notices a saved file through inotify (site_plugins/watching.py): at once, and only for what
changes a file, never for a build reading it."""

from __future__ import annotations

import time
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from site_plugins.watching import watch_natively


def _server(tmp_path: Path) -> LiveReloadServer:
    site = tmp_path / "site"
    site.mkdir()
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(site))


def _wants_rebuild(server: LiveReloadServer, within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server._want_rebuild:
            return True
        time.sleep(0.01)
    return server._want_rebuild


def test_a_save_is_noticed_at_once_and_a_read_is_not(tmp_path):
    docs, sources = tmp_path / "docs", tmp_path / "sops"
    docs.mkdir()
    sources.mkdir()
    source = sources / "sop.yml"
    source.write_text("nama: lama\n", encoding="utf-8")
    agency = sources / "instansi"  # an agency's folder, there when the preview starts
    agency.mkdir()
    (agency / "sop.yml").write_text("nama: x\n", encoding="utf-8")
    server = _server(tmp_path)
    server.watch(str(docs))  # what MkDocs watches before on_serve
    assert type(server.observer).__name__ == "PollingObserver"
    assert watch_natively(server, [str(sources)]) is None
    server.watch(str(sources))  # what MkDocs watches after on_serve (config.watch)
    assert set(server._watched_paths) == {str(docs), str(sources)}
    server.observer.start()
    try:
        time.sleep(0.2)
        source.read_text(encoding="utf-8")  # every build reads every source
        assert not _wants_rebuild(server, 0.5)
        source.write_text("nama: baru\n", encoding="utf-8")
        # The polling observer looks every half second; inotify reports within milliseconds.
        assert _wants_rebuild(server, 0.3)
        server._want_rebuild = False
        (docs / "halaman.md").write_text("# Baru\n", encoding="utf-8")
        assert _wants_rebuild(server, 0.3)
        # A folder moved out of the watched tree (to the trash) is one event, for the folder.
        server._want_rebuild = False
        agency.rename(tmp_path / "sampah")
        # (Watchdog waits a moment for the other half of a move within the tree before it reports one.)
        assert _wants_rebuild(server, 1.0)
    finally:
        server.observer.stop()
        server.observer.join()


def test_a_path_inotify_cannot_watch_keeps_the_polling_observer(tmp_path):
    server = _server(tmp_path)
    polling = server.observer
    reason = watch_natively(server, [str(tmp_path / "tidak-ada")])
    assert reason is not None and "inotify" in reason
    assert server.observer is polling
