"""The build cache: what ``mkdocs build`` keeps between builds, so that one edited SOP does not rebuild the site.

The cache is a folder (``build_cache`` in mkdocs.yml, default ``.cache/katalog/bangun`` beside mkdocs.yml),
safe to delete, and meant to be kept between CI runs. It holds:

- ``objek/``: the outputs of earlier builds (pages, the open data, the search index), each file named by the
  digest of its bytes (content-addressed: two builds writing the same bytes store them once);
- ``keadaan-<kind>.pickle``: what the last build was made of (per SOP, the digest of its source bytes, its
  links, comparison group, regulations and roles; the digest of everything else a page reads: templates,
  configuration, code, the reference date) and which stored output each page and bulk output is.

:mod:`site_plugins.preview` compares the state of this build with the stored one and reuses the outputs an
edit cannot have changed. Nothing here decides what an edit changes; this module only stores and checks.

An output is linked from ``objek/`` into the site (a hard link: no copy), and stored by linking the site's
file into ``objek/``. A stored file whose size or time is not what was recorded (a tool edited the site in
place, a CI cache restored it with other times) is hashed again, and dropped when its bytes no longer match
its name: a damaged cache costs a rebuild, never a wrong page.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import logging
import os
import pickle
import shutil
import tempfile
from pathlib import Path
from typing import Any

from catalogue.source.parse_cache import code_digest, digest_bytes, file_digest

log = logging.getLogger("mkdocs.plugins.katalog.cache")

#: Bump when the layout of the stored state changes: an older state is then ignored.
FORMAT = 1

#: Packages whose code or templates shape the pages: a new version of any voids the stored state.
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "jinja2",
    "markdown",
    "pymdown-extensions",
    "pagefind",
    "ruamel.yaml",
)

#: Our own plugins and templates (the catalogue package is parse_cache.code_digest's; the theme overrides are
#: part of the inputs the preview digests).
PLUGINS = Path(__file__).resolve().parent


def digest_tree(paths: list[Path]) -> str:
    """One digest of the files at ``paths`` (folders: every file under them), by place and content. A place
    is the position in ``paths`` and the path inside the folder, not the absolute path: a checkout moved
    elsewhere (another CI runner's workspace) keeps its cache."""
    digest = hashlib.blake2b(digest_size=16)
    for n, path in enumerate(paths):
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            place = file.relative_to(path).as_posix() if file != path else file.name
            digest.update(f"{n}\0{place}\0{file_digest(file)}\0".encode())
    return digest.hexdigest()


_code: str | None = None


def code_fingerprint() -> str:
    """Our code and templates, the versions of the packages that render pages, and Python's version."""
    global _code
    if _code is None:
        versions = []
        for name in PACKAGES:
            try:
                versions.append(f"{name}={importlib.metadata.version(name)}")
            except importlib.metadata.PackageNotFoundError:
                versions.append(f"{name}=-")
        _code = digest_bytes(
            "\0".join([str(FORMAT), code_digest(), *versions, digest_tree([PLUGINS])]).encode()
        )
    return _code


class Store:
    """The cache folder: stored outputs by digest, and the state of the last build of each kind."""

    OBJECTS = "objek"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.objects = folder / self.OBJECTS
        self._lock_file: Any = None
        self._made: set[Path] = set()
        self.checked: dict[str, tuple[int, int]] = {}  # object -> (size, mtime) when last known intact
        self._inodes: dict[tuple[int, int], str] = {}  # (device, inode) -> object, for objects known intact

    # --- one build at a time ---------------------------------------------------------------------------------

    def acquire(self) -> bool:
        """Take the cache for this build; False when the folder cannot be used or another build holds it."""
        try:
            self.objects.mkdir(parents=True, exist_ok=True)
            handle = open(self.folder / "kunci", "a+b")  # noqa: SIM115 - held until release()
        except OSError as exc:
            log.info(
                "cache pembangunan %s tidak dapat dipakai (%s); semua halaman dibangun.", self.folder, exc
            )
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            log.info(
                "cache pembangunan %s sedang dipakai pembangunan lain; semua halaman dibangun.", self.folder
            )
            return False
        self._lock_file = handle
        return True

    def release(self) -> None:
        if self._lock_file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._lock_file, fcntl.LOCK_UN)
            self._lock_file.close()
            self._lock_file = None

    # --- the state of the last build -----------------------------------------------------------------------

    def _state_path(self, kind: str) -> Path:
        return self.folder / f"keadaan-{kind}.pickle"

    def load_state(self, kind: str) -> dict | None:
        """The state the last build of ``kind`` saved, when it was made by this code; else None."""
        try:
            with open(self._state_path(kind), "rb") as handle:
                state = pickle.load(handle)
        except FileNotFoundError:
            return None
        except Exception as exc:  # noqa: BLE001 - a damaged cache is a cold build, never a failed one
            log.info("cache pembangunan: keadaan tidak terbaca (%s); semua halaman dibangun.", exc)
            return None
        if not isinstance(state, dict) or state.get("code") != code_fingerprint():
            return None
        self.checked = dict(state.get("checked", {}))
        return state

    def save_state(self, kind: str, state: dict) -> None:
        """Write the state whole (a temporary file renamed into place), then forget unreferenced objects."""
        state = {**state, "code": code_fingerprint(), "checked": self.checked}
        path = self._state_path(kind)
        handle, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=self.folder)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
        self._collect()

    def _collect(self) -> None:
        """Delete the objects no saved state refers to (outputs of builds since replaced)."""
        used: set[str] = set()
        for path in self.folder.glob("keadaan-*.pickle"):
            try:
                with open(path, "rb") as handle:
                    used |= set(pickle.load(handle).get("objects", ()))
            except Exception:  # noqa: BLE001 - an unreadable state keeps nothing alive
                continue
        for path in self.objects.glob("*/*"):
            if path.name not in used:
                with contextlib.suppress(OSError):
                    path.unlink()
                self.checked.pop(path.name, None)

    # --- stored outputs ------------------------------------------------------------------------------------

    def path(self, name: str) -> Path:
        return self.objects / name[:2] / name

    def put(self, file: Path) -> str:
        """Store ``file`` (a hard link when possible); returns its object name."""
        st = file.stat()
        known = self._inodes.get((st.st_dev, st.st_ino))
        if known is not None and self.checked.get(known) == (st.st_size, st.st_mtime_ns):
            return known  # a stored object linked into the site, unchanged since
        name = file_digest(file)
        if name is None:
            raise OSError(f"{file} tidak terbaca")
        target = self.path(name)
        if target.parent not in self._made:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._made.add(target.parent)
        try:
            os.link(file, target)  # whole at once: the file is complete when stored
        except FileExistsError:
            # The same bytes are stored already, unless that copy was written over in place since (it is
            # linked into an earlier site): then it is dropped, and this file stored instead.
            if self.intact(name) is None:
                os.link(file, target)
        except OSError:  # another file system, or links not allowed: a copy, renamed into place
            staging = target.with_name(f".{name}.{os.getpid()}")
            shutil.copyfile(file, staging)
            os.replace(staging, target)
        st = target.stat()
        self.checked[name] = (st.st_size, st.st_mtime_ns)
        self._inodes[(st.st_dev, st.st_ino)] = name
        return name

    def intact(self, name: str) -> Path | None:
        """The stored object ``name`` when its bytes are still those it is named by; else None (and gone)."""
        target = self.path(name)
        try:
            st = target.stat()
        except OSError:
            return None
        if self.checked.get(name) == (st.st_size, st.st_mtime_ns) or file_digest(target) == name:
            self.checked[name] = (st.st_size, st.st_mtime_ns)
            self._inodes[(st.st_dev, st.st_ino)] = name
            return target
        log.info("cache pembangunan: %s berubah sejak disimpan; dibuang.", target)
        with contextlib.suppress(OSError):
            target.unlink()
        self.checked.pop(name, None)
        return None
