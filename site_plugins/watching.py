"""``mkdocs serve`` notices a saved file as it is written, not at the next poll.

MkDocs watches with watchdog's polling observer: every half second it lists and stats every watched file.
A save therefore waits a quarter of a second on average before the rebuild starts, and at 10,000 SOPs each
poll costs some 0.17 s of CPU, a third of a core taken from the builds for as long as the preview runs. On
Linux the kernel reports changes itself (inotify): the rebuild starts within milliseconds, and an idle
preview costs nothing.

Only what changes a file starts a rebuild: inotify also reports a file opened or closed without writing,
which every build does to every source it reads (the polling observer never saw those). Where inotify
cannot be used (not Linux, the watch limit reached, a folder on a file system that does not report changes
to this machine, such as some container bind mounts), the polling observer stays, and the plugin setting
``watcher: polling`` keeps it on purpose.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
)

log = logging.getLogger("mkdocs.plugins.katalog.watching")

#: The events that mean a file's bytes may have changed. A folder moved out of the watched tree (into the
#: trash, say) is one event for the folder, none for its files: it counts as a deleted file (MkDocs' handler
#: ignores folders' events; polling would have reported each file gone). Watchdog 7 reports no such event
#: for a folder made after the preview started: that move shows at the next save.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent]
FOLDER_CHANGES = [DirMovedEvent, DirDeletedEvent]


def _native_observer_class() -> type | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # pragma: no cover - watchdog without inotify support
        return None

    class ChangesOnly(InotifyObserver):
        """An inotify observer that reports only the events of :data:`CHANGES` to every handler."""

        def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, **kwargs: Any) -> Any:
            kwargs.setdefault("event_filter", CHANGES + FOLDER_CHANGES)
            return super().schedule(_FilesOnly(event_handler), path, recursive=recursive, **kwargs)

    return ChangesOnly


def watch_natively(server: Any, later: list[str]) -> str | None:
    """Give MkDocs' live-reload ``server`` an inotify observer in place of its polling one, keeping what it
    already watches; ``later`` are the paths MkDocs will watch after ``on_serve`` (``config.watch``). Returns
    why the polling observer stays, or None."""
    observer_class = _native_observer_class()
    if observer_class is None:
        return "pemantauan berkas inotify hanya ada di Linux"
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(watched, dict) or not isinstance(refs, dict) or not hasattr(server, "observer"):
        return "server mkdocs serve versi ini tidak dikenal"
    # A trial first: inotify refuses a path past the system's watch limit, and MkDocs' own start of the
    # observer would then stop the preview.
    trial = observer_class()
    try:
        for path in [*watched, *later]:
            trial.schedule(_Ignore(), path, recursive=True)
        trial.start()
    except OSError as exc:
        return f"inotify tidak dapat memantau semua folder ({exc.strerror or exc})"
    finally:
        if trial.is_alive():
            trial.stop()
            trial.join()
    counts = dict(watched)
    watched.clear()
    refs.clear()
    server.observer = observer_class()
    for path, count in counts.items():
        server.watch(path)
        watched[path] = count
    return None


class _FilesOnly:
    """Passes file events on, and a folder moved or deleted as the deletion of a file at its path."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    def dispatch(self, event: FileSystemEvent) -> None:
        if event.is_directory:
            event = FileDeletedEvent(event.src_path)
        self.handler.dispatch(event)


class _Ignore:
    """An event handler that does nothing (the trial observer's)."""

    def dispatch(self, event: Any) -> None:
        pass
