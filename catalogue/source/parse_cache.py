"""Parsed sources kept on disk between runs, by the digest of their bytes.

Parsing and checking an SOP file takes some 1.5 ms (ruamel.yaml with positions, then the checks); reading
its parse back takes a tenth of that. :class:`catalogue.source.load.FileCache` keeps parses in memory for
the life of a process (`mkdocs serve`); this store keeps them for the next process (the next `mkdocs build`,
a CI run with the cache folder restored).

A parse is stored under the digest of the reading code, the file's path and its bytes: the same bytes at the
same place, read by the same code, give the same parse. The files it depends on (a ``sumber.berkas``
document, :mod:`catalogue.source.depends`) are stored with the digests of their bytes (or as absent), and a
stored parse is used only while each is still so. The folder is safe to delete; an unreadable entry is a
file parsed again, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from catalogue.rules.review_due import reference_date

#: Bump when what is stored changes shape.
FORMAT = 1

_PACKAGE = Path(__file__).resolve().parent.parent


def digest_bytes(data: bytes) -> str:
    """The digest the caches name things by (blake2b, 128 bits, hex)."""
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of ``path``'s bytes; None when it does not exist or cannot be read."""
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, lambda: hashlib.blake2b(digest_size=16)).hexdigest()
    except OSError:
        return None


_code: str | None = None


def code_digest() -> str:
    """The reading code: this package's Python files, ruamel.yaml's version and Python's."""
    global _code
    if _code is None:
        digest = hashlib.blake2b(digest_size=16)
        digest.update(f"{FORMAT}\0{sys.version}\0{importlib.metadata.version('ruamel.yaml')}\0".encode())
        for path in sorted(_PACKAGE.rglob("*.py")):
            digest.update(f"{path.relative_to(_PACKAGE)}\0{file_digest(path)}\0".encode())
        _code = digest.hexdigest()
    return _code


class ParseStore:
    """A folder of parsed files, each a pickle of ``(value, dependencies)`` named by its key."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()  # keys loaded or saved by this process
        self.loaded = 0  # parses read back instead of parsing the file
        self._made: set[Path] = set()

    def key(self, path: Path, digest: str) -> str:
        """The name of a parse: the reading code, the path (a parse holds it), the bytes, and the date checks
        are made against (a record dated after it is reported)."""
        return digest_bytes(f"{code_digest()}\0{path}\0{digest}\0{reference_date()}".encode())

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def load(self, path: Path, digest: str) -> tuple[Any, list[Path]] | None:
        """The stored parse of ``path`` whose bytes have ``digest``, with the files it depends on; None when
        there is none, or a file it depends on has changed."""
        key = self.key(path, digest)
        try:
            with open(self._file(key), "rb") as handle:
                value, dependencies = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception:  # noqa: BLE001 - a damaged entry is a file parsed again
            return None
        if any(file_digest(dep) != dep_digest for dep, dep_digest in dependencies):
            return None
        self.used.add(key)
        self.loaded += 1
        return value, [dep for dep, _ in dependencies]

    def save(self, path: Path, digest: str, value: Any, dependencies: list[Path]) -> None:
        """Store the parse of ``path`` (whose bytes had ``digest`` when read); silently not when the folder
        cannot be written."""
        key = self.key(path, digest)
        target = self._file(key)
        staging = target.with_name(f".{key}.{os.getpid()}")
        try:
            if target.parent not in self._made:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made.add(target.parent)
            with open(staging, "wb") as out:
                pickle.dump(
                    (value, [(dep, file_digest(dep)) for dep in dict.fromkeys(dependencies)]),
                    out,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(staging, target)  # whole or not at all
        except (OSError, pickle.PicklingError):
            with contextlib.suppress(OSError):
                os.unlink(staging)
            return
        self.used.add(key)

    def prune(self) -> int:
        """Delete the stored parses this process neither loaded nor saved (older versions of the files);
        returns how many."""
        removed = 0
        for entry in self.folder.glob("*/*.pickle"):
            if entry.stem not in self.used:
                with contextlib.suppress(OSError):
                    entry.unlink()
                    removed += 1
        return removed
