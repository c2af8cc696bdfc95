"""When work may be spread over forked worker processes: the one rule the loader and the site build share.

A fork copies the process as it is. It is safe only on Linux (the fork start method), and only while the
process has a single thread: a thread of `mkdocs serve`'s live-reload server or of a browser driver may hold
a lock the child would inherit held. It is useful only with more than one core to run on.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading


def cores() -> int:
    """The CPU cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def why_fork_is_unsafe() -> str | None:
    """Why a forked child is unsafe here (Indonesian, for the build log), or None if it is safe."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return "bukan Linux"
    if threading.active_count() > 1:
        return "ada thread lain (mkdocs serve)"
    return None


def why_not_fork() -> str | None:
    """Why forked workers are unsafe or useless here (Indonesian, for the build log), or None if they are not."""
    unsafe = why_fork_is_unsafe()
    if unsafe is not None:
        return unsafe
    if cores() < 2:
        return "satu inti CPU"
    return None


def can_fork() -> bool:
    """Whether a forked child is safe and useful here."""
    return why_not_fork() is None
