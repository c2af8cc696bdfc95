"""``mkdocs serve`` and the build cache of ``mkdocs build``: after an edit, render only the pages the edit
can change.

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

What the plan compares is digests (of the sources' bytes, and of what the analysis says about each SOP), so
the same plan serves ``mkdocs build`` across processes: with the build cache
(:mod:`site_plugins.build_cache`) the state of the last build and its outputs are read from disk, and the
open data and the search index are taken from it only when what they are made from is unchanged (the open
data then also takes the files of each unaffected SOP; the search index each part whose pages are the same).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs import utils as mkdocs_utils

from catalogue import urls
from catalogue.source.parse_cache import digest_bytes, file_digest

from .build_cache import Store, digest_tree
from .parallel import link_file
from .reading import read_front_matter_only

log = logging.getLogger("mkdocs.plugins.katalog.preview")

TEMPLATE_DIRS = (Path(__file__).resolve().parent / "templates",)


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
        self.serving = False
        self._command = ""
        self._dirty = False
        self._store: Store | None = None  # `mkdocs build`: the build cache (outputs and state on disk)
        self._digests: dict[Path, tuple[tuple[int, int], str | None]] = {}
        #: The (mtime, size) a source file had when this build parsed it and the digest of its bytes then
        #: (the file cache's; the digest None when it did not compute one), or None when it did not read it.
        self.parsed: Callable[[Path], tuple[tuple[int, int], str | None] | None] | None = None
        self._recorded: set[str] = set()  # this build: pages whose body same_body() recorded
        self._stored_bulk: dict[str, tuple[str, dict[str, str]]] = {}  # name -> (key, {rel: object})
        self._page_objects: dict[str, str] = {}  # this build: dest_uri -> stored object (build cache)
        # Bulk outputs being written: name -> (key, folder, times before).
        self._pending: dict[str, tuple] = {}
        self._copies: set[str] = set()  # this build: stored objects of the files published as they are
        self._bulk_used: set[str] = set()
        self._bulk_whole: set[str] = set()
        self._made_folders: set[Path] = set()
        # mkdocs serve: the site folder is kept from one build to the next when the edit is one the plan
        # renders incrementally (only what changed is written; making its thousands of folders and links
        # again took most of a rebuild on a slow disk).
        self._site_intact = False  # the site folder holds exactly what the last build, which succeeded, made
        self._site_files: set[str] = set()  # what MkDocs' files put there (dest_uri), pages and copies
        self.keeping = False  # this build writes into the last build's site folder
        self._restore_clean: Callable[[], None] | None = None
        # Pages whose output in the kept site folder is their stored output (the same file: keep_pages links
        # every output of a build into the store, and a reused one is linked from there).
        self._in_site: set[str] = set()
        # Files MkDocs copied into the kept site folder (dest_uri): their sources' time and size then.
        self._copied: dict[str, tuple[str, int, int]] = {}
        self._copying: dict[str, tuple[str, int, int]] = {}  # this build's, taken before MkDocs copies

    def start(self, command: str, dirty: bool = False) -> None:
        """A new session (``on_startup``): nothing of an earlier one is reused (MkDocs keeps a plugin object
        with ``on_startup`` for the life of the process, which may build other projects)."""
        self.close()
        self._previous, self._outputs, self._bodies, self._kept = None, {}, {}, {}
        self._stored_bulk, self._stale = {}, set()
        self.serving = self.enabled = command == "serve"
        self._command = command
        # `mkdocs serve --dirty` keeps the last site and writes only what changed: it must not be set aside.
        self._keep_site = dirty
        self._dirty = dirty
        self._store = None

    def use_store(self, folder: Path) -> None:
        """``mkdocs build`` keeps its outputs and state in ``folder`` (:mod:`site_plugins.build_cache`), and
        reuses those of the last build. Not under ``--dirty`` (MkDocs then writes over the site's files in
        place, which would change stored outputs linked there), nor under ``mkdocs serve`` (it keeps them
        in memory)."""
        if self._command != "build" or self._dirty:
            return
        self._store = Store(folder)
        self.enabled = True

    @property
    def persistent(self) -> bool:
        return self._store is not None

    def drop_store(self, reason: str) -> None:
        """Build everything, without the build cache (its stored state stays for a later build)."""
        if self._store is not None:
            log.info("cache pembangunan tidak dipakai: %s.", reason)
            self._store.release()
            self._store, self.enabled = None, False

    def close(self) -> None:
        if self._store is not None:
            self._store.release()
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
        self._plan(model, specs, config, files, inputs)
        self._keep_or_empty(Path(config.site_dir), files)

    def _keep_or_empty(self, site_dir: Path, files: Any) -> None:
        """A site folder set aside to keep (:meth:`begin_build`) is kept for an incremental plan, else
        emptied now as it would have been. Kept, it loses what the last build made and this one does not
        (a renamed SOP's page), and MkDocs copies only the files changed since it copied them."""
        self._end_skip_clean()
        if self.serving:
            # Taken before MkDocs copies: a source saved during this build is copied again by the next.
            self._copying = {
                f.dest_uri: stamp
                for f in files
                if not f.is_documentation_page() and (stamp := _stamp(f)) is not None
            }
        if not self.keeping:
            return
        if not self.incremental:
            self.keeping = False
            if not _empty_at_once(site_dir):
                mkdocs_utils.clean_directory(str(site_dir))  # as MkDocs would have
            return
        current = {f.dest_uri for f in files}
        for gone in self._site_files - current:
            _remove(site_dir, gone)
        for file in files:
            if file.is_documentation_page():
                continue
            stamp = self._copying.get(file.dest_uri)  # None for content made in memory: always written
            if stamp is not None and stamp == self._copied.get(file.dest_uri):
                file.copy_file = _copied_already
            else:
                file.copy_file = _replacing(file.copy_file, Path(file.abs_dest_path))

    def in_place(self, src_uri: str) -> bool:
        """Whether a reused page's output is in the kept site folder already (the same file as stored)."""
        return self.keeping and src_uri in self.reused and src_uri in self._in_site

    def _skip_clean(self, site_dir: Path) -> None:
        """Keep MkDocs from emptying ``site_dir`` in this build (it does so right after ``on_pre_build``)."""
        original = mkdocs_utils.clean_directory
        kept = os.path.realpath(site_dir)

        def clean_directory(directory: str) -> None:
            if os.path.realpath(directory) != kept:
                original(directory)

        mkdocs_utils.clean_directory = clean_directory

        def restore() -> None:
            mkdocs_utils.clean_directory = original

        self._restore_clean = restore

    def _end_skip_clean(self) -> None:
        if self._restore_clean is not None:
            self._restore_clean()
            self._restore_clean = None

    def _plan(self, model: Any, specs: dict, config: Any, files: Any, inputs: list[Path]) -> None:
        self.reused, self._compare, self.incremental = {}, set(), False
        self.changed_sops: set[str] = set()
        self.unaffected_sops: set[str] = set()  # SOPs nothing shown of which changed (incremental builds)
        self._copies, self._made_folders = set(), set()
        self._bulk_used: set[str] = set()  # bulk outputs this build stored or took from the cache
        self._bulk_whole: set[str] = set()  # those taken whole (their parts stay valid)
        if not self.enabled:
            return
        self._files = files
        catalogue = model.catalogue
        digest = self._file_digest
        current = {
            "sops": {s.id: _sop_digest(s, model, digest) for s in catalogue.sops.values()},
            "agencies": {k: digest(a.source) for k, a in catalogue.agencies.items()},
            "pemdas": {k: digest(p.source) for k, p in catalogue.pemdas.items()},
            # Monitoring and evaluation records show on SOP pages, dashboards and the auditor's view.
            "records": {
                k: (digest(r.monitoring_source), digest(r.evaluasi_source))
                for k, r in catalogue.records.items()
            },
            "inputs": _inputs_digest(model, config, [*inputs, *TEMPLATE_DIRS], self._command),
            "nav": tuple((s.url, s.title) for s in specs.values() if s.in_nav),
            "neighbours": _neighbours(model),
            "shown": _shown(model),
            "agency_of": {s.id: s.agency_id for s in catalogue.sops.values()},
            "groups": _groups(model),
            "regulations": _regulations(model),
            "roles": _roles(model),
            "agency_roles": _agency_roles(model),
        }
        previous, self._previous = self._previous, current
        if self._store is not None:
            previous = self._load_previous()
        if previous is None or not self._outputs or (self._store is None and self._dir is None):
            return
        if (
            previous["inputs"] != current["inputs"]
            or previous["nav"] != current["nav"]
            or previous["agencies"] != current["agencies"]
            or previous["pemdas"] != current["pemdas"]
            or previous["records"] != current["records"]
        ):
            differs = [
                k for k in ("inputs", "nav", "agencies", "pemdas", "records") if previous[k] != current[k]
            ]
            log.info(
                "%s: %s berubah; semua halaman dibangun ulang.",
                "pratinjau" if self.serving else "cache pembangunan",
                ", ".join(differs),
            )
            return
        changed = _changed(previous["sops"], current["sops"])
        self.changed_sops = set(changed)
        # An SOP's page shows the SOPs it is linked with and its comparison group. It is rendered again when
        # one of those changed, and when they are other SOPs than before: an edit elsewhere can make a
        # reference resolve to it, or move it to another group.
        affected = set(changed)
        for state in (previous, current):
            for sop_id in changed:
                affected |= state["neighbours"].get(sop_id, set())
                affected |= state["groups"]["members"].get(state["groups"]["of"].get(sop_id), set())
        for sop_id in previous["sops"].keys() | current["sops"].keys():
            if _links_of(previous, sop_id) != _links_of(current, sop_id):
                affected.add(sop_id)
        agencies = {
            state["agency_of"][s]
            for state in (previous, current)
            for s in affected
            if s in state["agency_of"]
        }
        groups = {state["groups"]["of"].get(s) for state in (previous, current) for s in affected} - {None}
        # A regulation or role page shows what the analysis says about each SOP it lists (its findings, its
        # role's name): those of every affected SOP, not only of the edited ones.
        regulations = {
            r for state in (previous, current) for s in affected for r in state["regulations"].get(s, ())
        }
        roles = {r for state in (previous, current) for s in affected for r in state["roles"].get(s, ())}
        # An agency's role page lists that role's tasks in the agency's SOPs; its monitoring page, the
        # agency's SOPs and their records (records changed: everything is rebuilt).
        agency_roles = {
            url for state in (previous, current) for s in affected for url in state["agency_roles"].get(s, ())
        }
        sop_uris = {urls.page_src_uri(urls.sop(s)): s for s in catalogue.sops}
        for uri, spec in specs.items():
            if uri not in self._outputs:
                continue
            if uri in sop_uris:
                if sop_uris[uri] not in affected:
                    self._reuse(uri)
                else:
                    self._compare.add(uri)  # a neighbour often comes out the same
                continue
            url = spec.url
            agency = "/".join(url.split("/")[:2])
            of_other_agency = agency in catalogue.agencies and agency not in agencies
            if (
                agency in agencies
                and _is_page_under(url, _agency_roles_prefix(agency))
                and url not in agency_roles
            ):
                of_other_agency = True  # a role of an affected agency that no affected SOP has
            if _is_page_under(url, MONEV_PREFIX) and url[len(MONEV_PREFIX) :].strip("/") not in agencies:
                of_other_agency = True  # the monitoring page of an agency no affected SOP is in
            # A comparison, regulation or role page shows only the SOPs in it: reused when none changed. A
            # page below one (a regulation's SOPs of one pemda) goes with it.
            unaffected = any(
                url.startswith(prefix) and url != prefix and url[len(prefix) :].split("/")[0] not in keys
                for prefix, keys in (
                    (urls.comparisons(), groups),
                    (urls.regulations(), regulations),
                    (urls.roles(), roles),
                )
            )
            if of_other_agency or unaffected:
                self._reuse(uri)
            else:
                self._compare.add(uri)
        self.incremental = True
        self.unaffected_sops = set(current["sops"]) - affected
        self._skip_reading(set(self.reused))
        log.info(
            "%s: %d SOP berubah; %d halaman diambil dari pembangunan sebelumnya.",
            "pratinjau" if self.serving else "cache pembangunan",
            len(changed),
            len(self.reused),
        )

    def _output(self, uri: str) -> Path | None:
        """The previous build's output of page ``uri``, when it is still there as it was written."""
        name = self._outputs.get(uri)
        if name is None:
            return None
        if self._store is not None:
            return self._store.intact(name)
        return self._dir / name if self._dir is not None else None

    def _reuse(self, uri: str) -> bool:
        output = self._output(uri)
        if output is not None:
            self.reused[uri] = output
        return output is not None

    def _file_digest(self, path: Path | None) -> str | None:
        """The digest of a source file's bytes, remembered while its time and size are unchanged. A file
        saved again since this build parsed it (``parsed``) gets a digest no file has: this build's pages
        were made from the bytes before, so the next build must not take them for the new ones. A file the
        parse already hashed is not hashed again."""
        if path is None:
            return None
        try:
            st = path.stat()
        except OSError:
            return None
        stamp = (st.st_mtime_ns, st.st_size)
        parsed = self.parsed(path) if self.parsed is not None else None
        if parsed is not None:
            if parsed[0] != stamp:
                return f"diubah-sejak-dibaca-{os.urandom(8).hex()}"
            if parsed[1] is not None:
                return parsed[1]
        known = self._digests.get(path)
        if known is not None and known[0] == stamp:
            return known[1]
        value = file_digest(path)
        try:
            again = path.stat()
        except OSError:
            return None
        if (again.st_mtime_ns, again.st_size) != stamp:  # saved while it was read
            return f"diubah-sejak-dibaca-{os.urandom(8).hex()}"
        self._digests[path] = (stamp, value)
        return value

    def _skip_reading(self, uris: set[str]) -> None:
        """A reused page only needs its title and meta, from its front matter."""
        self._restore = read_front_matter_only(uris, remember=self.serving)

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
        head = spec.head(spec) if spec.head is not None else ""
        digest = hashlib.blake2b(
            f"{spec.title}\0{spec.description}\0{head}\0{body}".encode(), digest_size=16
        ).hexdigest()
        same = src_uri in self._compare and self._bodies.get(src_uri) == digest and self._reuse(src_uri)
        self._bodies[src_uri] = digest
        self._recorded.add(src_uri)
        return same

    # --- after the build (on_post_build) ----------------------------------------------------------------

    def keep_pages(self, site_dir: Path) -> None:
        """Link this build's page outputs into the cache (reused ones are there already)."""
        self.end_build()
        if not self.enabled:
            return
        # A page rendered whole elsewhere (a worker process) has no body recorded here: the digest of an
        # older body must not vouch for its new output.
        for file in self._files.documentation_pages():
            if file.src_uri not in self.reused and file.src_uri not in self._recorded:
                self._bodies.pop(file.src_uri, None)
        self._recorded = set()
        if self._store is not None:
            self._store_pages(Path(site_dir))
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

    def _store_pages(self, site_dir: Path) -> None:
        outputs: dict[str, str] = {}
        self._page_objects = {}
        for file in self._files.documentation_pages():
            uri, dest = file.src_uri, file.dest_uri
            if uri in self.reused:
                outputs[uri] = self._outputs[uri]
            elif (site_dir / dest).is_file():
                outputs[uri] = self._store.put(site_dir / dest)
            else:
                continue
            self._page_objects[dest] = outputs[uri]
        self._outputs = outputs

    def place_copy(self, source: Path, target: Path) -> bool:
        """Put a copy of ``source`` (a file MkDocs publishes as it is) at ``target``: with the build cache,
        a link to the stored copy of the same bytes, or a copy that is then stored. False without the cache
        (MkDocs copies it)."""
        if self._store is None:
            return False
        name = self._file_digest(source)
        if name is None:
            return False
        stored = self._store.intact(name)
        if target.exists():
            target.unlink()
        if stored is not None:
            link_file(stored, target, self._made_folders)
        else:
            if target.parent not in self._made_folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                self._made_folders.add(target.parent)
            shutil.copyfile(source, target)
            name = self._store.put(target)
        self._copies.add(name)
        return True

    def pages_key(self, dest_uris: list[str]) -> str | None:
        """The digest of the given pages' stored outputs (what an index of them is made from); None when
        one is not stored (no build cache)."""
        if self._store is None:
            return None
        parts = []
        for dest in dest_uris:
            name = self._page_objects.get(dest)
            if name is None:
                return None
            parts.append(f"{dest}\0{name}")
        return digest_bytes("\n".join(parts).encode())

    def sources_key(self) -> str | None:
        """The digest of every source this build was made from (what the open data is made from); None
        without a build cache."""
        if self._store is None or self._previous is None:
            return None
        state = self._previous
        return digest_bytes(
            repr(
                [
                    state["inputs"],
                    sorted(state["sops"].items()),
                    sorted(state["agencies"].items()),
                    sorted(state["pemdas"].items()),
                    sorted(state["records"].items()),
                ]
            ).encode()
        )

    # --- the build cache (mkdocs build) ---------------------------------------------------------------------

    def _load_previous(self) -> dict | None:
        """The state of the last build from the build cache; None on a first build (or when it is in use)."""
        store = self._store
        if not store.acquire():
            self._store, self.enabled = None, False
            return None
        state = store.load_state(self._command)
        if state is None:
            return None
        self._outputs = state["outputs"]
        self._bodies = state["bodies"]
        self._stored_bulk = state["bulk"]
        return state["plan"]

    def stored_bulk(self, site_dir: Path, name: str, key: str | None) -> bool:
        """Link the stored ``name`` outputs into the site when they were made from the same ``key``."""
        if self._store is None or key is None:
            return False
        stored = self._stored_bulk.get(name)
        if stored is None or stored[0] != key:
            return False
        paths = {rel: self._store.intact(obj) for rel, obj in stored[1].items()}
        if any(path is None for path in paths.values()):
            return False
        made: set[Path] = set()
        for rel, path in paths.items():
            link_file(path, Path(site_dir) / rel, made)
        log.info("cache pembangunan: %s tidak berubah; diambil dari pembangunan sebelumnya.", name)
        self._bulk_used.add(name)
        self._bulk_whole.add(name)
        return True

    def stored_part(self, name: str, key: str, folder: Path) -> bool:
        """Link the stored outputs ``name`` made from ``key`` into ``folder`` (files relative to it); True
        when they were all there."""
        stored = self._stored_bulk.get(name) if self._store is not None else None
        if stored is None or stored[0] != key:
            return False
        paths = {rel: self._store.intact(obj) for rel, obj in stored[1].items()}
        if not paths or any(path is None for path in paths.values()):
            return False
        made: set[Path] = set()
        for rel, path in paths.items():
            link_file(path, folder / rel, made)
        self._bulk_used.add(name)
        return True

    def store_part(self, name: str, key: str, folder: Path, files: list[Path]) -> None:
        """Keep ``files`` (under ``folder``) in the build cache as the outputs ``name`` made from ``key``."""
        if self._store is not None:
            self._stored_bulk[name] = (
                key,
                {p.relative_to(folder).as_posix(): self._store.put(p) for p in sorted(files)},
            )
            self._bulk_used.add(name)

    def earlier_output(self, name: str, rel: str) -> Path | None:
        """The stored file ``rel`` (relative to the site) of the last build's ``name`` outputs, when intact."""
        stored = self._stored_bulk.get(name) if self._store is not None else None
        if stored is None or rel not in stored[1]:
            return None
        return self._store.intact(stored[1][rel])

    def begin_bulk(
        self,
        site_dir: Path,
        name: str,
        folder: Path,
        key: str | None,
        others: Callable[[], Collection[str]] | None = None,
    ) -> bool:
        """With the build cache: True when the stored ``name`` outputs of ``key`` were linked into the site;
        else :meth:`end_bulk` stores what is then in ``folder``: every file but ``others()`` (paths relative to
        the site, which others write there meanwhile) when given, else what was added or rewritten since."""
        if self._store is None:
            return False
        if self.stored_bulk(site_dir, name, key):
            return True
        # The stored objects this write may link into the site (the open data of unchanged SOPs), known
        # by their inodes: storing them again then needs no hashing, even when a child process linked them.
        for obj in self._stored_bulk.get(name, (None, {}))[1].values():
            self._store.intact(obj)
        self._pending[name] = (key, folder, others if others is not None else _times(folder))
        return False

    def end_bulk(self, site_dir: Path, name: str) -> None:
        """Store what was written into the folder :meth:`begin_bulk` noted."""
        pending = self._pending.pop(name, None)
        if pending is None:
            return
        key, folder, before = pending
        after = _times(folder)
        if callable(before):  # every file but those others wrote
            theirs = set(before())
            written = [p for p in after if p.relative_to(site_dir).as_posix() not in theirs]
        else:
            written = [p for p, t in after.items() if before.get(p) != t]
        self.store_bulk(Path(site_dir), name, key, written)

    def store_bulk(self, site_dir: Path, name: str, key: str | None, written: list[Path]) -> None:
        """Keep ``written`` (files under ``site_dir``) in the build cache as the ``name`` outputs of ``key``."""
        if self._store is None or key is None:
            return
        self._stored_bulk[name] = (
            key,
            {str(p.relative_to(site_dir)): self._store.put(p) for p in sorted(written) if p.is_file()},
        )
        self._bulk_used.add(name)

    def finish(self) -> None:
        """The build succeeded: save its state in the build cache (``on_post_build``, last)."""
        if self.serving and self._files is not None:
            self._site_intact = True
            self._site_files = {f.dest_uri for f in self._files}
            # The pages this build's site holds (one that went and comes back is linked again).
            self._in_site = {
                f.src_uri for f in self._files.documentation_pages() if f.src_uri in self._outputs
            }
            self._copied = self._copying
        store = self._store
        if store is None or self._previous is None:
            return
        # Outputs no longer made (index parts beyond the part count, a search turned off) are forgotten.
        self._stored_bulk = {
            name: entry
            for name, entry in self._stored_bulk.items()
            if name in self._bulk_used or name.split("-")[0] in self._bulk_whole
        }
        objects = set(self._outputs.values()) | self._copies
        for _key, files in self._stored_bulk.values():
            objects |= set(files.values())
        try:
            store.save_state(
                self._command,
                {
                    "plan": self._previous,
                    "outputs": self._outputs,
                    "bodies": {uri: self._bodies[uri] for uri in self._outputs if uri in self._bodies},
                    "bulk": self._stored_bulk,
                    "objects": objects,
                },
            )
        except OSError as exc:
            log.info("cache pembangunan tidak tersimpan (%s); pembangunan berikutnya membangun semua.", exc)
        finally:
            store.release()

    def abandon(self) -> None:
        """The build failed: the stored state stays the last good build's."""
        self._end_skip_clean()
        if self._store is not None:
            self._store.release()

    def bulk(
        self,
        site_dir: Path,
        name: str,
        folder: Path,
        write: Callable[[], Any],
        refresh: Callable[[Path, threading.Event], Any] | None = None,
        key: str | None = None,
    ) -> None:
        """Write bulk outputs (``write()`` fills ``folder``), or reuse the previous build's in a preview.

        With ``refresh`` (a function writing the outputs into the folder it is given, which raises
        :class:`RefreshCancelled` soon after the event it is given is set), a preview build that
        changed SOPs reuses the previous outputs at once and has them written again in the background
        (:meth:`_refresh_worker`): the edited page shows as fast as before, the new outputs follow (the
        search index: a new or renamed SOP becomes searchable without restarting ``mkdocs serve``).

        With the build cache (``mkdocs build``), the outputs are reused when ``key`` (the digest of what
        they are made from) is the stored one, else written and stored."""
        if self._store is not None:
            if not self.begin_bulk(site_dir, name, folder, key):
                write()
                self.end_bulk(site_dir, name)
            return
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
        self.keeping = False
        if self.enabled and not self._keep_site and site_dir is not None and self._dir is not None:
            if self.serving and self._site_intact and Path(site_dir).is_dir():
                self.keeping = True  # unless the plan renders everything (_keep_or_empty)
                self._skip_clean(Path(site_dir))
            else:
                _empty_at_once(Path(site_dir))
        self._site_intact = False

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
        if not (self.serving and self.incremental and name in self._kept):
            return False
        if not self.keeping:  # kept, the site folder holds them already
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


def _empty_at_once(site_dir: Path) -> bool:
    """Leave ``site_dir`` empty without waiting to delete its thousands of files: the folder is renamed
    aside and a fresh one made in its place (MkDocs then has nothing to clean); a low-priority process
    deletes the old one. Left to MkDocs (which deletes file by file) when the rename is not possible: then
    False."""
    if not site_dir.is_dir():
        return True
    trash = Path(tempfile.mkdtemp(prefix=site_dir.name + TRASH_SUFFIX, dir=site_dir.parent))
    emptied = True
    try:
        site_dir.rename(trash / "situs")
        site_dir.mkdir()
    except OSError as exc:
        log.debug("pratinjau: folder situs dikosongkan oleh MkDocs (%s)", exc)
        emptied = False
        if not site_dir.exists():  # renamed but not made again: put it back for MkDocs to clean
            (trash / "situs").rename(site_dir)

    _delete_in_background(trash)
    return emptied


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


def _stamp(file: Any) -> tuple[str, int, int] | None:
    """The path, time and size of the file MkDocs copies ``file`` from; None for content made in memory."""
    if getattr(file, "_content", None) is not None or not file.abs_src_path:
        return None
    try:
        st = os.stat(file.abs_src_path)
    except OSError:
        return None
    return (file.abs_src_path, st.st_mtime_ns, st.st_size)


def _replacing(copy: Callable[..., None], target: Path) -> Callable[..., None]:
    """``copy`` (a file's copy_file) writing a new file rather than into the old one, which in a kept site
    folder may be a link to a stored output (a redirect page where the renamed SOP's page was)."""

    def copy_file(dirty: bool = False) -> None:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
        copy(dirty)

    return copy_file


def _remove(site_dir: Path, rel: str) -> None:
    """Remove ``rel`` from the kept site folder, and the folders it leaves empty (a fresh build has none)."""
    path = site_dir / rel
    with contextlib.suppress(OSError):
        path.unlink()
    folder = path.parent
    while folder != site_dir and site_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent


def _copied_already(dirty: bool = False) -> None:
    """A file's copy_file in a kept site folder that holds its copy already (PreviewCache._keep_or_empty)."""


def _times(folder: Path) -> dict[Path, int]:
    if not folder.is_dir():
        return {}
    return {p: p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def _changed(before: dict, after: dict) -> set[str]:
    """Keys added, removed, or whose value (a digest) differs."""
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def _sop_digest(sop: Any, model: Any, digest: Callable[[Path | None], str | None]) -> str:
    """What an SOP's own pages are made from: its source's bytes, the source document it names (its page
    says whether it is there) and its versions in git (the Riwayat section)."""
    berkas = sop.sumber.berkas if sop.sumber is not None else None
    history = model.history.of(sop.id) if model.history is not None else None
    versions = (
        (
            history.uncommitted,
            [(v.commit, v.kind, v.path, v.old_path, v.unreadable) for v in history.versions],
        )
        if history is not None
        else None
    )
    place = (
        os.path.relpath(berkas, sop.source.parent) if berkas is not None else None
    )  # not where the checkout is
    return digest_bytes(repr((digest(sop.source), place, digest(berkas), versions)).encode())


#: MkDocs settings the pages are made with (besides the theme's, all of which count).
CONFIG_KEYS = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "repo_url",
    "repo_name",
    "edit_uri",
    "copyright",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "markdown_extensions",
    "mdx_configs",
    "nav",
)


def _inputs_digest(model: Any, config: Any, paths: list[Path], command: str) -> str:
    """What every page is made from besides the SOPs, agencies, pemdas and records: the registry, the
    catalogue's metadata, mkdocs.yml, the templates and the theme's overrides, the Markdown pages; the
    settings that can come from the environment; the date review states are computed for; whether the
    history could be read; and the command (a page under ``mkdocs serve`` carries one more script)."""
    theme = [Path(d) for d in config.theme.dirs[:1]]
    history = model.history
    settings = (
        command,
        # The settings as this build has them (the command line and !ENV can change them, not the file).
        {key: config.get(key) for key in CONFIG_KEYS},
        {key: config.theme[key] for key in config.theme},
        model.analysis.edition,
        str(model.analysis.review_date),
        (history.available, history.note, history.shallow) if history is not None else None,
        model.feeds,
    )
    return digest_bytes(
        repr(_stable((settings, digest_tree([*paths, *theme, Path(config.docs_dir)])))).encode()
    )


def _neighbours(model: Any) -> dict[str, set[str]]:
    """SOP id -> the SOPs its pages show, and those whose pages show it: those it links to and those
    linking to it (Keterkaitan and step references), and the successors a link to a replaced SOP names."""
    index = model.analysis.links
    life = model.analysis.lifecycle
    out: dict[str, set[str]] = {sop_id: set() for sop_id in model.catalogue.sops}

    def tie(a: str, b: str) -> None:
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)

    for sop_id in model.catalogue.sops:
        for edge in index.links_of(sop_id):
            if edge.target_id:
                tie(sop_id, edge.target_id)
                for successor in life.chain(edge.target_id):
                    tie(sop_id, successor)
        for source, _ in index.backlinks.get(sop_id, []):
            tie(sop_id, source)
        for successor in life.chain(sop_id):
            tie(sop_id, successor)
    return out


def _links_of(state: dict, sop_id: str) -> tuple:
    """What an SOP's page shows that other SOPs can change: its neighbours, its comparison group, and what
    the analysis of the whole catalogue says about it (:func:`_shown`)."""
    group = state["groups"]["of"].get(sop_id)
    return (
        frozenset(state["neighbours"].get(sop_id, ())),
        group,
        frozenset(state["groups"]["members"].get(group, ())),
        state["shown"].get(sop_id),
    )


def _shown(model: Any) -> dict[str, str]:
    """SOP id -> the digest of what the analysis of the whole catalogue says about the SOP, which its pages
    show: where its references lead, its legal findings (a probable typo is judged against what other SOPs
    cite), its roles (a role's name is its most common wording across the agency's SOPs) and its review
    schedule. An edit to another SOP can change any of these."""
    analysis = model.analysis
    findings: dict[str, list] = {}
    for finding in analysis.legal.findings:
        findings.setdefault(finding.sop_id, []).append(finding)
    schedules = analysis.review_schedules
    out = {}
    for sop_id, sop in model.catalogue.sops.items():
        roles = [(r.agency_id, r.key, r.nama, r.canonical_key) for r in analysis.roles.roles_of_sop(sop)]
        facts = (analysis.links.links_of(sop_id), findings.get(sop_id, ()), roles, schedules.get(sop_id))
        out[sop_id] = digest_bytes(repr(_stable(facts)).encode())
    return out


def _stable(value: Any) -> Any:
    """``value`` with its sets sorted and its dataclasses as tuples: a repr that is the same in every process
    (a set's order depends on the process's string hashing)."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return tuple([_stable(v) for v in value])
    if isinstance(value, (str, int, float, bool, type(None))):
        return value
    if isinstance(value, (set, frozenset)):
        return tuple(sorted((_stable(v) for v in value), key=repr))
    if isinstance(value, dict):
        return tuple(sorted(((_stable(k), _stable(v)) for k, v in value.items()), key=repr))
    if isinstance(value, (list, tuple)):
        return tuple(_stable(v) for v in value)
    names = _FIELDS.get(kind)
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        return (kind.__name__, *(_stable(getattr(value, name)) for name in names))
    return repr(value)


_PLAIN = frozenset({str, int, float, bool, type(None)})
#: A dataclass -> its fields' names (dataclasses.fields() builds its answer on every call).
_FIELDS: dict[type, tuple[str, ...]] = {}


def _regulations(model: Any) -> dict[str, frozenset[str]]:
    """SOP id -> the regulations whose pages show it: those its Dasar Hukum cites, and those its legal
    findings name (a page lists the findings that concern its regulation, from any SOP)."""
    legal = model.analysis.legal
    out = {
        sop_id: {rid for line in lines for rid in line.regulation_ids}
        for sop_id, lines in legal.lines.items()
    }
    for finding in legal.findings:  # a regulation's page lists the findings about it (findings_about)
        out.setdefault(finding.sop_id, set()).update(finding.regulation_ids)
    return {sop_id: frozenset(ids) for sop_id, ids in out.items()}


def _roles(model: Any) -> dict[str, frozenset[str]]:
    """SOP id -> the canonical roles of its columns (their pages list the SOP's tasks)."""
    index = model.analysis.roles
    return {
        sop.id: frozenset(role.canonical_key for role in index.roles_of_sop(sop))
        for sop in model.catalogue.sops.values()
    }


#: Where the agencies' monitoring pages are (``evaluasi/instansi/<agency>/``).
MONEV_PREFIX = urls.agency_monev("X")[: -len("X/")]


def _agency_roles_prefix(agency_id: str) -> str:
    return urls.agency_role(agency_id, "X")[: -len("X/")]


def _is_page_under(url: str, prefix: str) -> bool:
    """Whether ``url`` is a page below ``prefix`` (not the page at ``prefix`` itself)."""
    return url.startswith(prefix) and url != prefix


def _agency_roles(model: Any) -> dict[str, frozenset[str]]:
    """SOP id -> the pages of its agency's roles that list its tasks."""
    index = model.analysis.roles
    return {
        sop.id: frozenset(urls.agency_role(role.agency_id, role.key) for role in index.roles_of_sop(sop))
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
