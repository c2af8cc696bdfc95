"""Files a parsed source depends on besides itself.

A parsed SOP is cached by its file's modification time and size (``FileCache``). Its verdict can also depend
on another file: the source document ``sumber.berkas`` names must exist. Reading notes such files here, and
the cached parse stays valid only while each of them is as it was (present or absent, same time and size):
an author who adds the missing document under ``mkdocs serve`` sees the error go without touching the YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

#: (path, stamp or None when absent) of each file a cached parse depends on.
Dependencies = tuple[tuple[Path, tuple[int, int] | None], ...]

_noted: ContextVar[list[Path] | None] = ContextVar("source_dependencies", default=None)


def depends_on(path: Path) -> None:
    """Note that the file being read depends on ``path`` (nothing happens outside :func:`collecting`)."""
    noted = _noted.get()
    if noted is not None:
        noted.append(path)


@contextmanager
def collecting() -> Iterator[list[Path]]:
    """The files noted by :func:`depends_on` while the block runs."""
    noted: list[Path] = []
    token = _noted.set(noted)
    try:
        yield noted
    finally:
        _noted.reset(token)


def stamp_of(path: Path) -> tuple[int, int] | None:
    """(modification time, size) of ``path``; None when it does not exist or cannot be read."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def stamps(paths: list[Path]) -> Dependencies:
    return tuple((p, stamp_of(p)) for p in dict.fromkeys(paths))


def unchanged(dependencies: Dependencies) -> bool:
    return all(stamp_of(p) == stamp for p, stamp in dependencies)
