"""``mkdocs serve``: after an edit, render only the pages the edit can change.

MkDocs rebuilds the whole site on every change. At 1,000 SOPs that is some 1,500 pages, the open data and
the search index: twenty seconds, where an author wants to see an edited SOP in about two. The parsed
sources are already cached (``FileCache``); this module caches the *outputs* of the previous build, outside
the site folder that MkDocs empties before each build, and links them back for everything the edit cannot
have changed:

- an SOP page is rendered again when its source changed, or when it is linked with a changed SOP (its
  Keterkaitan or a backlink, before or after the edit) or compared with one (its comparison group);
- a page of an agency none of whose SOPs changed, and a comparison of unchanged SOPs, are reused as they
  are; every other page is rendered, and reused only if its body came out the same;
- the open data and the search index of the previous build are reused as they are; when SOPs changed, the
  search index is then written again in the background and swapped in whole (a new or renamed SOP is
  searchable seconds after its page shows); the open data is refreshed by a full build (`mkdocs build`, or
  restarting `mkdocs serve`).

A change to anything but SOP sources (an agency or pemda file, a monitoring or evaluation record, the
regulation registry, mkdocs.yml, a template) rebuilds everything, as does the first build.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from catalogue import urls

from .parallel import link_file
from .reading import read_front_matter_only

log = logging.getLogger("mkdocs.plugins.katalog.preview")

TEMPLATE_DIRS = (Path(__file__).resolve().parent / "templates",)


def _stamp(paths: list[Path]) -> tuple:
    out = []
    for path in paths:
        if path.is_dir():
            out.extend((str(p), p.stat().st_mtime_ns) for p in sorted(path.rglob("*")) if p.is_file())
        elif path.exists():
            out.append((str(path), path.stat().st_mtime_ns))
    return tuple(out)


class RefreshCancelled(Exception):
    """Raised by a refresh function (``bulk(refresh=...)``) that stopped because a new build started."""


class PreviewCache:
    """Outputs of the previous build of ``mkdocs serve``, and which of them the next build may reuse."""

    def __init__(self) -> None:
        self.enabled = False
        self._dir: Path | None = None
        self._previous: dict[str, Any] | None = None  # what the last build was made of
        self._bodies: dict[str, str] = {}  # src_uri -> digest of the body (and title) last rendered
        self._outputs: dict[str, str] = {}  # src_uri -> output path relative to site_dir
        self._kept: dict[str, list[str]] = {}  # bulk outputs (data, pagefind): their files
        self.reused: dict[str, Path] = {}  # this build: src_uri -> cached output to link
        self._compare: set[str] = set()  # this build: render, reuse the output if the body is unchanged
        self.incremental = False
        self._files: Any = None
        self._restore: Callable[[], None] | None = None
        self._templates = _TemplateCache()
        # Bulk outputs written again in the background (bulk(refresh=...)): the worker and its state.
        self._lock = threading.Condition()
        self._worker: threading.Thread | None = None
        self._request: tuple | None = None
        self._generation = 0
        self._building = False
        self._stale: set[str] = set()  # outputs older than the pages: refreshed at the next chance
        self._cancel: threading.Event | None = None  # set when a build starts: the running refresh stops
        self._keep_site = False

    def start(self, command: str, dirty: bool = False) -> None:
        self.enabled = command == "serve"
        # `mkdocs serve --dirty` keeps the last site and writes only what changed: it must not be set aside.
        self._keep_site = dirty

    def close(self) -> None:
        with self._lock:
            if self._cancel is not None:
                self._cancel.set()
        self.wait_for_refresh()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    # --- planning (on_files) ---------------------------------------------------------------------------

    def plan(self, model: Any, specs: dict, config: Any, files: Any, inputs: list[Path]) -> None:
        """Decide which pages this build renders; ``inputs`` are non-SOP files whose change rebuilds all."""
        self.reused, self._compare, self.incremental = {}, set(), False
        self.changed_sops: set[str] = set()
        if not self.enabled:
            return
        self._files = files
        catalogue = model.catalogue
        current = {
            "sops": dict(catalogue.sops),
            "agencies": dict(catalogue.agencies),
            "pemdas": dict(catalogue.pemdas),
            # Monitoring and evaluation records show on SOP pages, dashboards and the auditor's view.
            "records": dict(catalogue.records),
            "inputs": _stamp([*inputs, *TEMPLATE_DIRS, *[Path(d) for d in config.theme.dirs[:1]]]),
            "nav": tuple((s.url, s.title) for s in specs.values() if s.in_nav),
            "neighbours": _neighbours(model),
            "groups": _groups(model),
            "regulations": _regulations(model),
            "roles": _roles(model),
        }
        previous, self._previous = self._previous, current
        if previous is None or self._dir is None or not self._outputs:
            return
        if (
            previous["inputs"] != current["inputs"]
            or previous["nav"] != current["nav"]
            or _changed(previous["agencies"], current["agencies"])
            or _changed(previous["pemdas"], current["pemdas"])
            or previous["records"] != current["records"]  # compared by value: records are rebuilt each load
        ):
            log.info("pratinjau: sumber selain SOP berubah; semua halaman dibangun ulang.")
            return
        changed = _changed(previous["sops"], current["sops"])
        self.changed_sops = set(changed)
        affected = set(changed)
        for state in (previous, current):
            for sop_id in changed:
                affected |= state["neighbours"].get(sop_id, set())
                affected |= state["groups"]["members"].get(state["groups"]["of"].get(sop_id), set())
        agencies = {
            catalogue.sops[s].agency_id if s in catalogue.sops else previous["sops"][s].agency_id
            for s in changed
        }
        groups = {state["groups"]["of"].get(s) for state in (previous, current) for s in changed} - {None}
        regulations = {
            r for state in (previous, current) for s in changed for r in state["regulations"].get(s, ())
        }
        roles = {r for state in (previous, current) for s in changed for r in state["roles"].get(s, ())}
        sop_uris = {urls.page_src_uri(urls.sop(s)): s for s in catalogue.sops}
        for uri, spec in specs.items():
            cached = self._outputs.get(uri)
            if cached is None:
                continue
            if uri in sop_uris:
                if sop_uris[uri] not in affected:
                    self.reused[uri] = self._dir / cached
                else:
                    self._compare.add(uri)  # a neighbour often comes out the same
                continue
            url = spec.url
            agency = "/".join(url.split("/")[:2])
            of_other_agency = agency in catalogue.agencies and agency not in agencies
            # A comparison, regulation or role page shows only the SOPs in it: reused when none changed.
            unaffected = any(
                url.startswith(prefix) and url != prefix and url[len(prefix) :].strip("/") not in keys
                for prefix, keys in (
                    (urls.comparisons(), groups),
                    (urls.regulations(), regulations),
                    (urls.roles(), roles),
                )
            )
            if of_other_agency or unaffected:
                self.reused[uri] = self._dir / cached
            else:
                self._compare.add(uri)
        self.incremental = True
        self._skip_reading(set(self.reused))
        log.info(
            "pratinjau: %d SOP berubah; %d halaman diambil dari pembangunan sebelumnya.",
            len(changed),
            len(self.reused),
        )

    def _skip_reading(self, uris: set[str]) -> None:
        """A reused page only needs its title and meta, from its front matter."""
        self._restore = read_front_matter_only(uris)

    def end_build(self) -> None:
        """Give MkDocs its page reader back (also after a failed build)."""
        if self._restore is not None:
            self._restore()
            self._restore = None

    def prepare_env(self, env: Any) -> None:
        """Give the theme's Jinja environment the compiled templates of earlier builds."""
        if self.enabled:
            env.bytecode_cache = self._templates

    def defers(self, src_uri: str) -> bool:
        """Whether the page's output is reused without rendering its body."""
        return src_uri in self.reused

    def same_body(self, src_uri: str, spec: Any, body: str) -> bool:
        """Record the body just rendered; True when the previous build's output can stand for it."""
        if not self.enabled:
            return False
        digest = hashlib.blake2b(
            f"{spec.title}\0{spec.description}\0{body}".encode(), digest_size=16
        ).hexdigest()
        same = src_uri in self._compare and self._bodies.get(src_uri) == digest
        self._bodies[src_uri] = digest
        if same:
            self.reused[src_uri] = self._dir / self._outputs[src_uri]
        return same

    # --- after the build (on_post_build) ----------------------------------------------------------------

    def keep_pages(self, site_dir: Path) -> None:
        """Link this build's page outputs into the cache (reused ones are there already)."""
        self.end_build()
        if not self.enabled:
            return
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="katalog-pratinjau-", dir=Path(site_dir).parent))
        made: set[Path] = set()
        for file in self._files.documentation_pages():
            uri, dest = file.src_uri, file.dest_uri
            if uri in self.reused or not (Path(site_dir) / dest).is_file():
                continue
            link_file(Path(site_dir) / dest, self._dir / "halaman" / dest, made)
            self._outputs[uri] = str(Path("halaman") / dest)

    def bulk(
        self,
        site_dir: Path,
        name: str,
        folder: Path,
        write: Callable[[], Any],
        refresh: Callable[[Path, threading.Event], Any] | None = None,
    ) -> None:
        """Write bulk outputs (``write()`` fills ``folder``), or reuse the previous build's in a preview.

        With ``refresh`` (a function writing the outputs into the folder it is given, which raises
        :class:`RefreshCancelled` soon after the event it is given is set), a preview build that
        changed SOPs reuses the previous outputs at once and has them written again in the background
        (:meth:`_refresh_worker`): the edited page shows as fast as before, the new outputs follow (the
        search index: a new or renamed SOP becomes searchable without restarting ``mkdocs serve``)."""
        if self.reuse_bulk(site_dir, name, refreshed=refresh is not None):
            if refresh is not None and (self.changed_sops or name in self._stale):
                self._request_refresh(Path(site_dir), name, folder, refresh)
            return
        self._stale.discard(name)
        if not self.enabled:
            write()
            return
        # What ``write`` adds or rewrites (the folder may also hold pages and copies MkDocs wrote before).
        before = _times(folder)
        write()
        after = _times(folder)
        self.keep_bulk(site_dir, name, [p for p, t in after.items() if before.get(p) != t])

    # --- outputs written again in the background ----------------------------------------------------------
    #
    # One worker thread, latest request wins. A build starting meanwhile (MkDocs empties the site folder and
    # links the outputs again) makes the running refresh stale: its result is dropped and the worker runs
    # again for the newest build. So a build never waits for a refresh, and a refresh never swaps outputs
    # into a site that is being rebuilt.

    def begin_build(self, site_dir: Path | None = None) -> None:
        """A build starts (``on_pre_build``, before MkDocs empties the site folder)."""
        with self._lock:
            self._generation += 1
            self._building = True
            if self._cancel is not None:
                self._cancel.set()  # its result would be dropped: stop it rather than share the CPU
            self._lock.notify_all()
        if self.enabled and not self._keep_site and site_dir is not None and self._dir is not None:
            _empty_at_once(Path(site_dir))

    def end_build_outputs(self) -> None:
        """The build's bulk outputs are in place; a refresh may swap its outputs in again."""
        with self._lock:
            self._building = False
            self._lock.notify_all()

    def _request_refresh(
        self, site_dir: Path, name: str, folder: Path, refresh: Callable[[Path, threading.Event], Any]
    ) -> None:
        with self._lock:
            self._stale.add(name)
            self._request = (site_dir, name, folder, refresh, self._generation)
            if self._worker is None:
                self._worker = threading.Thread(
                    target=self._refresh_worker, name="katalog-pratinjau", daemon=True
                )
                self._worker.start()

    def _refresh_worker(self) -> None:
        # The author waits for the next build, not for the refresh: it yields the CPU to builds, and so do
        # the processes it starts (Pagefind), which inherit the thread's priority.
        lower_priority()
        while True:
            with self._lock:
                request, self._request = self._request, None
                if request is None or self._dir is None:
                    self._worker = None
                    return
                site_dir, name, folder, refresh, generation = request
                if generation != self._generation:
                    continue  # a newer build has started; it asks again when its outputs are in place
                cancel = self._cancel = threading.Event()
            started = time.perf_counter()
            staging = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self._dir))
            try:
                refresh(staging / folder.name, cancel)
                with self._lock:
                    # The build that asked may still be placing its outputs: wait for it, not for others.
                    while self._building and generation == self._generation:
                        self._lock.wait()
                    current = generation == self._generation
                    if current:
                        old = folder.with_name(folder.name + ".lama")
                        shutil.rmtree(old, ignore_errors=True)
                        if folder.exists():
                            folder.rename(old)
                        (staging / folder.name).rename(folder)
                        shutil.rmtree(old, ignore_errors=True)
                        self.keep_bulk(site_dir, name, [p for p in folder.rglob("*") if p.is_file()])
                        self._stale.discard(name)
            except RefreshCancelled:
                log.debug("pratinjau: pembaruan %s dihentikan oleh pembangunan baru.", name)
                continue
            except Exception as exc:  # noqa: BLE001 - a background refresh must never end `mkdocs serve`
                # Info, not a warning: a warning logged while the next build runs would fail it under
                # `strict`, and the usual cause is that build emptying the site folder under Pagefind.
                log.info(
                    "pratinjau: %s tidak diperbarui (%s); dicoba lagi pada perubahan berikutnya.", name, exc
                )
                continue
            finally:
                shutil.rmtree(staging, ignore_errors=True)
            if current:
                log.info("pratinjau: %s diperbarui (%.1f s).", name, time.perf_counter() - started)
            else:
                log.debug("pratinjau: %s dari pembangunan yang sudah diganti; dibuang.", name)

    def wait_for_refresh(self, drop_waiting: bool = True) -> None:
        """Let a running refresh finish; drop a waiting one (when ``mkdocs serve`` stops), or run it too."""
        with self._lock:
            if drop_waiting:
                self._request = None
            worker = self._worker
        if worker is not None:
            worker.join()

    def reuse_bulk(self, site_dir: Path, name: str, refreshed: bool = False) -> bool:
        """Link the previous build's ``name`` outputs (open data, search index) into ``site_dir``."""
        if not (self.enabled and self.incremental and name in self._kept):
            return False
        made: set[Path] = set()
        for rel in self._kept[name]:
            link_file(self._dir / name / rel, Path(site_dir) / rel, made)
        when = "diperbarui di latar belakang" if refreshed else "diperbarui saat mkdocs serve dimulai ulang"
        log.info("pratinjau: %s dari pembangunan sebelumnya (%s).", name, when)
        return True

    def keep_bulk(self, site_dir: Path, name: str, written: list[Path]) -> None:
        """Keep ``written`` (files under ``site_dir``) as this build's ``name`` outputs."""
        if not self.enabled:
            return
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="katalog-pratinjau-", dir=Path(site_dir).parent))
        shutil.rmtree(self._dir / name, ignore_errors=True)
        rels = [str(p.relative_to(site_dir)) for p in written if p.is_file()]
        made: set[Path] = set()
        for rel in rels:
            link_file(Path(site_dir) / rel, self._dir / name / rel, made)
        self._kept[name] = rels


class _TemplateCache(BytecodeCache):
    """Compiled theme templates, kept across rebuilds (MkDocs makes a new Jinja environment for each build,
    which would compile Material's templates again every time)."""

    def __init__(self) -> None:
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.codes.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.codes[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


def lower_priority() -> None:
    """Give the calling thread (and the processes it starts from now on) the lowest CPU priority: on Linux
    the nice value is per thread. Elsewhere, or when refused, nothing changes."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)


#: Where the site folder of the last build goes while it is deleted (beside it, so a rename moves it).
TRASH_SUFFIX = ".lama-"


def _empty_at_once(site_dir: Path) -> None:
    """Leave ``site_dir`` empty without waiting to delete its thousands of files: the folder is renamed
    aside and a fresh one made in its place (MkDocs then has nothing to clean); a low-priority process
    deletes the old one. Left to MkDocs (which deletes file by file) when the rename is not possible."""
    if not site_dir.is_dir():
        return
    trash = Path(tempfile.mkdtemp(prefix=site_dir.name + TRASH_SUFFIX, dir=site_dir.parent))
    try:
        site_dir.rename(trash / "situs")
        site_dir.mkdir()
    except OSError as exc:
        log.debug("pratinjau: folder situs dikosongkan oleh MkDocs (%s)", exc)
        if not site_dir.exists():  # renamed but not made again: put it back for MkDocs to clean
            (trash / "situs").rename(site_dir)

    _delete_in_background(trash)


def _delete_in_background(folder: Path) -> None:
    """Delete ``folder`` in a process of its own at the lowest priority (a thread of this one would take
    turns with the build for Python's interpreter lock); in a thread where no ``rm`` can be started."""
    try:
        subprocess.Popen(
            ["nice", "-n", "19", "rm", "-rf", "--", str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:

        def delete() -> None:
            lower_priority()
            shutil.rmtree(folder, ignore_errors=True)

        threading.Thread(target=delete, name="katalog-pratinjau-hapus", daemon=True).start()


def _times(folder: Path) -> dict[Path, int]:
    if not folder.is_dir():
        return {}
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _changed(before: dict, after: dict) -> set[str]:
    """Keys added, removed, or whose value is another object (the file cache keeps unchanged ones)."""
    return {k for k in before.keys() | after.keys() if before.get(k) is not after.get(k)}


def _neighbours(model: Any) -> dict[str, set[str]]:
    """SOP id -> the SOPs it links to and those linking to it (Keterkaitan and step references)."""
    index = model.analysis.links
    out: dict[str, set[str]] = {}
    for sop_id in model.catalogue.sops:
        targets = {e.target_id for e in index.links_of(sop_id) if e.target_id}
        sources = {src for src, _ in index.backlinks.get(sop_id, [])}
        out[sop_id] = targets | sources
    return out


def _regulations(model: Any) -> dict[str, frozenset[str]]:
    """SOP id -> the regulations its Dasar Hukum cites (their pages list the SOP)."""
    return {
        sop_id: frozenset(rid for line in lines for rid in line.regulation_ids)
        for sop_id, lines in model.analysis.legal.lines.items()
    }


def _roles(model: Any) -> dict[str, frozenset[str]]:
    """SOP id -> the canonical roles of its columns (their pages list the SOP's tasks)."""
    index = model.analysis.roles
    return {
        sop.id: frozenset(role.canonical_key for role in index.roles_of_sop(sop))
        for sop in model.catalogue.sops.values()
    }


def _groups(model: Any) -> dict[str, dict]:
    of: dict[str, str] = {}
    members: dict[str, set[str]] = {}
    for group in model.analysis.comparison:
        members[group.key] = set(group.sop_ids)
        for sop_id in group.sop_ids:
            of[sop_id] = group.key
    return {"of": of, "members": members}
