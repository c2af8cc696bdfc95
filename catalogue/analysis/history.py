"""The revision history of every SOP, from git: its versions, newest first, each with what it changed.

Every commit that changed an SOP's source is a version of it (:mod:`catalogue.source.git_history` reads them
all in one ``git log`` pass). A version is compared with the file as it was just before that commit, on the
model (:mod:`catalogue.analysis.revision_diff`): old contents are parsed with today's reader, and a version
that no longer parses says so instead of failing.

Cost: an SOP added once and never changed needs no parsing at all (its one version is the file on disk).
Old versions are parsed once, then kept by blob id in a JSON cache (:class:`SnapshotCache`), so a rebuild
parses only the versions committed since; deleting the cache only costs time.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from catalogue.forking import can_fork, cores
from catalogue.model import Catalogue, Sop
from catalogue.source.files import read_sop
from catalogue.source.git_history import Change, GitHistory, read_blobs, read_git_history
from catalogue.source.yaml_reader import MAX_SOURCE_BYTES

from .revision_diff import RevisionDiff, Snapshot, diff_snapshots, identity_snapshot, snapshot

#: What a version is to its SOP: the commit that added it, a revision, a move of its file, or the oldest
#: version a shallow clone holds (what came before it is unknown).
NEW, REVISION, MOVED, OLDEST = "baru", "revisi", "dipindahkan", "awal"
VERSION_LABELS = {
    NEW: "SOP baru",
    REVISION: "Revisi",
    MOVED: "Berkas dipindahkan",
    OLDEST: "Versi tertua yang tersedia",
}


@dataclass(frozen=True)
class Version:
    """One commit's version of an SOP."""

    commit: str
    date: dt.datetime  # committer date
    message: str
    kind: str  # NEW | REVISION | MOVED | OLDEST
    path: str  # the source's path in the repository at that commit
    old_path: str | None  # the path before a rename
    tanggal_revisi: str | None  # as printed at that commit; None when the version could not be read
    status: str  # the SOP's status at that commit ("" when unknown)
    diff: RevisionDiff | None  # against the version before it; None for the first known version
    unreadable: str | None = None  # why this version, or the one before it, cannot be read today

    @property
    def short(self) -> str:
        return self.commit[:10]

    @property
    def label(self) -> str:
        return VERSION_LABELS[self.kind]

    @property
    def is_new(self) -> bool:
        return self.kind == NEW

    @property
    def is_oldest(self) -> bool:
        return self.kind == OLDEST

    @property
    def anchor(self) -> str:
        return f"versi-{self.commit[:12]}"


@dataclass(frozen=True)
class SopHistory:
    sop_id: str
    versions: tuple[Version, ...]  # newest first
    uncommitted: bool = False  # the file on disk differs from its newest committed version

    @property
    def has_page(self) -> bool:
        """A history page is published when there is something to compare: two versions or more, or one
        compared with the file before it."""
        return len(self.versions) > 1 or any(v.diff is not None or v.unreadable for v in self.versions)


@dataclass(frozen=True)
class CatalogueHistory:
    available: bool
    note: str | None = None  # why the history is missing or incomplete (Indonesian, for readers)
    shallow: bool = False
    sops: dict[str, SopHistory] = field(default_factory=dict)
    parsed: int = field(default=0, compare=False)  # old versions parsed by this read, not from the cache

    def of(self, sop_id: str) -> SopHistory:
        return self.sops.get(sop_id) or SopHistory(sop_id, ())


UNAVAILABLE = CatalogueHistory(False, "riwayat revisi tidak dibaca untuk pembangunan ini")


# --- the cache ------------------------------------------------------------------------------------------


def _code_fingerprint() -> str:
    """Changes to the reader, the rules it applies or the snapshot change what an old version parses to:
    they void the cache."""
    here = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=12)
    for path in sorted(
        [
            *(here.parent / "source").glob("*.py"),
            *(here.parent / "rules").glob("*.py"),
            here / "revision_diff.py",
            here.parent / "model.py",
            here.parent / "text.py",
        ]
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass
class SnapshotCache:
    """Parsed old versions by blob id (a snapshot, or the reason it cannot be read), in one JSON file."""

    path: Path | None
    entries: dict[str, dict] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    dirty: bool = False
    fingerprint: str = ""

    @classmethod
    def open(cls, folder: Path | None) -> SnapshotCache:
        fingerprint = _code_fingerprint()
        if folder is None:
            return cls(None, fingerprint=fingerprint)
        path = Path(folder) / "riwayat-versi.json"
        entries: dict[str, dict] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if (
                isinstance(data, dict)
                and data.get("kode") == fingerprint
                and isinstance(data.get("blob"), dict)
            ):
                entries = data["blob"]
        except (OSError, ValueError):
            pass  # no cache yet, or a damaged one: parse again
        return cls(path, entries, fingerprint=fingerprint)

    def get(self, blob: str) -> dict | None:
        entry = self.entries.get(blob)
        if entry is not None:
            self.used.add(blob)
        return entry

    def put(self, blob: str, entry: dict) -> None:
        self.entries[blob] = entry
        self.used.add(blob)
        self.dirty = True

    def save(self) -> None:
        """Write the entries this build used (older ones are dropped), in whole: never a partial file."""
        if self.path is None or (not self.dirty and set(self.entries) == self.used):
            return
        data = {"kode": self.fingerprint, "blob": {k: self.entries[k] for k in sorted(self.used)}}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".riwayat-", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, self.path)
        except OSError:
            pass  # a cache that cannot be written only costs the next build time


# --- reading the history ----------------------------------------------------------------------------------


def _parse_version(sop: Sop, data: bytes) -> dict:
    """An old version of ``sop``'s source as a cache entry: its snapshot, or why today's reader refuses it."""
    if len(data) > MAX_SOURCE_BYTES:
        return {"galat": "berkas terlalu besar"}
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"galat": "bukan teks UTF-8"}
    old, problems = read_sop(sop.source, sop.pemda_slug, sop.agency_slug, text)
    if old is None:
        first = next((p for p in problems if p.is_error), None)
        where = f"baris {first.line}: " if first is not None and first.line else ""
        return {"galat": where + (first.message if first is not None else "tidak dapat dibaca")}
    return {"snapshot": snapshot(old).to_json()}


#: Below this many old versions to parse, worker processes cost more than they save (as in source/load.py).
PARALLEL_MIN_VERSIONS = 400


def _parse_chunk(jobs: list[tuple[str, Sop, bytes]]) -> list[tuple[str, dict]]:
    return [(blob, _parse_version(sop, data)) for blob, sop, data in jobs]


def _parse_versions(jobs: list[tuple[str, Sop, bytes]]) -> list[tuple[str, dict]]:
    """Parse old versions, on every core when there are many (a first build of a long history)."""
    if len(jobs) < PARALLEL_MIN_VERSIONS or not can_fork():
        return _parse_chunk(jobs)
    chunks = [jobs[i : i + 100] for i in range(0, len(jobs), 100)]
    try:
        with concurrent.futures.ProcessPoolExecutor(
            cores(), mp_context=multiprocessing.get_context("fork")
        ) as pool:
            return [pair for chunk in pool.map(_parse_chunk, chunks) for pair in chunk]
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        return _parse_chunk(jobs)  # no workers to be had: parse here


def _kind(change: Change) -> str:
    if change.boundary:
        return OLDEST
    if change.parent_blob is None:
        return NEW
    return MOVED if change.status == "R" else REVISION


def read_history(
    catalogue: Catalogue, cache_dir: Path | None = None, *, git: str = "git", log: GitHistory | None = None
) -> CatalogueHistory:
    """The versions of every SOP of ``catalogue``, from the git history of its source folder."""
    log = log if log is not None else read_git_history(catalogue.root, git=git)
    if not log.available:
        return CatalogueHistory(False, log.note)
    changes_of = {sop_id: log.of(sop.source) for sop_id, sop in catalogue.sops.items()}
    # The newest committed version is the file already read, unless it was edited since the commit.
    current_blob = {
        sop_id: changes[0].blob
        for sop_id, changes in changes_of.items()
        if changes and not log.is_modified(catalogue.sops[sop_id].source)
    }

    cache = SnapshotCache.open(cache_dir)
    snapshots: dict[str, Snapshot | str] = {}  # blob -> snapshot, or why it cannot be read
    missing: dict[str, Sop] = {}
    for sop_id, changes in changes_of.items():
        sop = catalogue.sops[sop_id]
        if len(changes) == 1 and changes[0].parent_blob is None:
            continue  # one version, added and never changed: the file itself says all there is
        for change in changes:
            for blob in (change.blob, change.parent_blob):
                if not blob or blob in snapshots:
                    continue
                if blob == current_blob.get(sop_id):
                    snapshots[blob] = snapshot(sop)
                elif (entry := cache.get(blob)) is not None:
                    snapshots[blob] = _from_entry(entry)
                else:
                    missing[blob] = sop
    if missing:
        contents = read_blobs(log, missing)
        jobs = [(blob, sop, contents[blob]) for blob, sop in missing.items() if blob in contents]
        for blob, entry in _parse_versions(jobs):
            cache.put(blob, entry)
            snapshots[blob] = _from_entry(entry)
        for blob in missing:
            if blob not in contents:
                snapshots[blob] = "isinya tidak ada dalam salinan repositori ini"
    cache.save()

    sops: dict[str, SopHistory] = {}
    for sop_id, changes in changes_of.items():
        if not changes:
            continue
        sop = catalogue.sops[sop_id]
        versions = []
        for change in changes:
            new = snapshots.get(change.blob)
            if new is None and change.blob == current_blob.get(sop_id):
                new = identity_snapshot(sop)  # one version: only its dates and status are shown
            old = snapshots.get(change.parent_blob) if change.parent_blob else None
            unreadable = None
            if isinstance(new, str):
                unreadable = f"Versi ini tidak dapat dibaca dengan format sumber saat ini: {new}."
            elif isinstance(old, str):
                unreadable = f"Versi sebelumnya tidak dapat dibaca dengan format sumber saat ini: {old}."
            diff = None
            if isinstance(new, Snapshot) and isinstance(old, Snapshot):
                diff = diff_snapshots(old, new)
            versions.append(
                Version(
                    commit=change.commit,
                    date=change.date,
                    message=change.message,
                    kind=_kind(change),
                    path=change.path,
                    old_path=change.old_path,
                    tanggal_revisi=new.value("tanggal_revisi") if isinstance(new, Snapshot) else None,
                    status=new.value("status") if isinstance(new, Snapshot) else "",
                    diff=diff,
                    unreadable=unreadable,
                )
            )
        uncommitted = current_blob.get(sop_id) != changes[0].blob
        sops[sop_id] = SopHistory(sop_id, tuple(versions), uncommitted)
    return CatalogueHistory(True, log.note, log.shallow, sops, len(missing))


def _from_entry(entry: dict) -> Snapshot | str:
    """A cache entry as a snapshot, or the reason the version cannot be read."""
    if "snapshot" in entry:
        try:
            return Snapshot.from_json(entry["snapshot"])
        except (KeyError, TypeError, ValueError):
            return "data tembolok rusak"
    return str(entry.get("galat", "tidak diketahui"))


# --- the change feed --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeEntry:
    """One change a reader of the feed is told about: a new SOP, a revision, or a change of status."""

    sop_id: str
    agency_id: str
    kind: str  # baru | revisi | status
    commit: str
    date: dt.datetime
    title: str
    summary: str
    anchor: str  # of the version on the history page

    @property
    def label(self) -> str:
        return CHANGE_LABELS[self.kind]


CHANGE_LABELS = {"baru": "SOP baru", "revisi": "Revisi", "status": "Perubahan status"}


def change_entries(catalogue: Catalogue, history: CatalogueHistory) -> list[ChangeEntry]:
    """Every change worth a feed entry, newest first (ties in SOP id and commit order, so the order is
    stable): additions, revisions that changed content, and status changes. A commit that only re-wrapped
    or renamed a file changes nothing a reader sees; the oldest version of a shallow clone is not known to
    be an addition."""
    entries = []
    for sop_id, sop_history in history.sops.items():
        sop = catalogue.sops[sop_id]
        agency = catalogue.agency_of(sop)
        first_line = lambda v: v.message.splitlines()[0] if v.message else ""  # noqa: E731
        for version in sop_history.versions:
            if version.is_oldest:
                continue
            if version.is_new:
                kind, title = "baru", f"SOP baru: {sop.nama}"
                summary = f"SOP {sop.nama} (Nomor {sop.nomor}) dari {agency.nama} ditambahkan ke katalog."
            elif version.diff is None:
                kind, title = "revisi", f"Revisi: {sop.nama}"
                summary = version.unreadable or "Perubahan tidak dapat dibandingkan."
            elif version.diff.is_empty:
                continue
            elif (status := version.diff.status_change) is not None and status.old and status.new:
                kind, title = "status", f"Status {sop.nama}: {status.old} → {status.new}"
                summary = f"Status berubah dari {status.old} menjadi {status.new}. {version.diff.summary()}."
            else:
                kind, title = "revisi", f"Revisi: {sop.nama}"
                summary = f"Diubah: {version.diff.summary()}."
            if message := first_line(version):
                summary += f" Catatan perubahan: {message}"
            entries.append(
                ChangeEntry(
                    sop_id, agency.id, kind, version.commit, version.date, title, summary, version.anchor
                )
            )
    entries.sort(key=lambda e: (-e.date.timestamp(), e.sop_id, e.commit))
    return entries
