"""Loading a whole catalogue: ``content/sops/<pemda>/<instansi>/<slug>.yml``.

Per-file rules live in :mod:`catalogue.source.files`; this module walks the tree, applies the rules that need
more than one file (duplicate slug, duplicate nomor within an agency), and caches parsed files by
(path, mtime, size) so an author's ``mkdocs serve`` re-reads only what changed.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue.forking import can_fork, cores
from catalogue.memo import IdentityMemo
from catalogue.model import Agency, Catalogue, Pemda, Sop, SopRecords
from catalogue.problems import CatalogueError, Problem, Severity
from catalogue.text import MAX_SLUG_LENGTH, is_slug
from catalogue.urls import RESERVED_SOP_SLUGS, RESERVED_TOP_LEVEL

from .depends import Dependencies, collecting, stamps, unchanged
from .files import read_agency, read_pemda, read_sop
from .parse_cache import ParseStore, file_digest
from .records import SUFFIXES as RECORD_SUFFIXES
from .records import RecordFile, build_records, orphan_problem, read_record, record_files
from .records_format import RECORDS_FOLDER

PEMDA_FILE = "_pemda.yml"
AGENCY_FILE = "_instansi.yml"
SOURCE_SUFFIXES = (".yml", ".yaml")


def is_sop_file_name(name: str) -> bool:
    """Whether a file in an agency's folder is an SOP source by its name: YAML, neither the agency's own file
    (``_instansi.yml``, and any other ``_`` file) nor hidden (an editor's backup)."""
    return name.endswith(SOURCE_SUFFIXES) and not name.startswith(("_", "."))


@dataclass
class FileCache:
    """Parsed files by path, valid while (mtime, size) are unchanged, and those of the files each parse
    depends on (:mod:`catalogue.source.depends`)."""

    entries: dict[Path, tuple[tuple[int, int], Any, Dependencies]] = field(default_factory=dict)
    #: What the analysis derives from each parsed SOP alone, kept while the file (and so the object) is.
    derived: IdentityMemo = field(default_factory=IdentityMemo)
    hits: int = 0
    misses: int = 0

    def fresh(self, path: Path, stamp: tuple[int, int]) -> bool:
        """Whether the cached parse of ``path`` (now at ``stamp``) still holds."""
        entry = self.entries.get(path)
        return entry is not None and entry[0] == stamp and unchanged(entry[2])

    #: Parses kept on disk for the next process (:mod:`catalogue.source.parse_cache`); None: memory only.
    store: ParseStore | None = None
    #: path -> (stamp, digest of the bytes) of the files parsed or read back with a store (which needs it).
    digests: dict[Path, tuple[tuple[int, int], str]] = field(default_factory=dict)

    def digest_of(self, path: Path) -> str | None:
        """The digest of the bytes of ``path`` as it was read, when taken (with a store); else None."""
        entry, known = self.entries.get(path), self.digests.get(path)
        return known[1] if entry is not None and known is not None and known[0] == entry[0] else None

    def get(self, path: Path, reader: Callable[[], Any]) -> Any:
        stamp = _stamp(path)
        if self.fresh(path, stamp):
            self.hits += 1
            return self.entries[path][1]
        self.misses += 1
        digest = file_digest(path) if self.store is not None else None
        if digest is not None and self._load_stored(path, stamp, digest):
            return self.entries[path][1]
        with collecting() as noted:
            value = reader()
        self.entries[path] = (stamp, value, stamps(noted))
        self._save(path, stamp, digest, value, noted)
        return value

    def _load_stored(self, path: Path, stamp: tuple[int, int], digest: str) -> bool:
        found = self.store.load(path, digest)
        if found is None:
            return False
        value, dependencies = found
        self.entries[path] = (stamp, value, stamps(dependencies))
        self.digests[path] = (stamp, digest)
        return True

    def _save(self, path: Path, stamp: tuple[int, int], digest: str | None, value: Any, noted: list) -> None:
        """Keep a parse on disk, unless the file changed while it was read (its bytes may not be ``digest``'s)."""
        if self.store is not None and digest is not None and _stamp(path) == stamp:
            self.store.save(path, digest, value, noted)
            self.digests[path] = (stamp, digest)


#: Below this many unread SOP files, worker processes cost more (start-up, pickling) than they save.
PARALLEL_MIN_FILES = 400


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    return st.st_mtime_ns, st.st_size


def _read_sops(
    jobs: list[tuple[Path, str, str, str]], store: ParseStore | None = None
) -> list[tuple[Path, tuple[int, int], Any, list[Path], str | None]]:
    """Worker side of :func:`_prefetch_sops`: read SOP files (kind ``sop``: pemda and agency slug) and
    monitoring and evaluation records (kind ``monitoring``/``evaluasi``: the SOP slug), with the stamp each
    was read at, the files each depends on, and (with a ``store``, which keeps each parse for the next
    process) the digest of its bytes."""
    out = []
    keeper = FileCache(store=store)
    for path, kind, first, second in jobs:
        try:
            stamp = _stamp(path)
        except OSError:
            continue  # gone meanwhile: the main loop reports it
        digest = file_digest(path) if store is not None else None
        with collecting() as noted:
            value = read_sop(path, first, second) if kind == "sop" else read_record(path, kind, first)
        keeper._save(path, stamp, digest, value, noted)
        out.append((path, stamp, value, noted, digest))
    return out


def _every_pemda(name: str) -> bool:
    return True


def _prefetch_sops(root: Path, cache: FileCache, wanted: Callable[[str], bool] = _every_pemda) -> None:
    """Read the SOP files the cache does not hold in one process per CPU core.

    A cold build of 10,000 sources is CPU-bound YAML parsing and checking; the main loop of
    :func:`load_catalogue` then finds every file in the cache. Rebuilds under ``mkdocs serve`` re-read a
    handful of files and stay in-process.
    """
    # Forked workers start at once and need no importable __main__; where a fork is unsafe (another thread
    # may hold a lock) or useless, the main loop reads in-process (catalogue.forking).
    if not can_fork():
        return
    workers = cores()
    jobs: list[tuple[Path, str, str, str]] = []

    def unread(path: Path) -> bool:
        try:
            return not cache.fresh(path, _stamp(path))
        except OSError:
            return False

    for path in root.glob("*/*/*.y*ml"):
        agency_dir, pemda_dir = path.parent, path.parent.parent
        if not is_sop_file_name(path.name):
            continue
        if any(part.startswith((".", "_")) for part in (agency_dir.name, pemda_dir.name)):
            continue
        if wanted(pemda_dir.name) and unread(path):
            jobs.append((path, "sop", pemda_dir.name, agency_dir.name))
    for path in root.glob(f"*/*/{RECORDS_FOLDER}/*.yml"):
        kind = next((k for suffix, k in RECORD_SUFFIXES.items() if path.name.endswith(suffix)), None)
        if kind is None or not wanted(path.parent.parent.parent.name):
            continue
        if not path.name.startswith(".") and unread(path):
            jobs.append((path, kind, path.name[: -len(f".{kind}.yml")], ""))
    if cache.store is not None:  # parsed by an earlier process: read back, not parsed again
        stored = []
        for job in jobs:
            path = job[0]
            try:
                stamp = _stamp(path)
            except OSError:
                continue
            digest = file_digest(path)
            if digest is not None and cache._load_stored(path, stamp, digest):
                cache.misses += 1
                cache.hits -= 1  # the main loop's lookup of this file is not a hit of an earlier build
                stored.append(job)
        done = set(stored)
        jobs = [job for job in jobs if job not in done]
    if len(jobs) < PARALLEL_MIN_FILES:
        return
    chunks = [jobs[i : i + 100] for i in range(0, len(jobs), 100)]
    try:
        with concurrent.futures.ProcessPoolExecutor(
            workers, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            for results in pool.map(_read_sops, chunks, [cache.store] * len(chunks)):
                for path, stamp, value, noted, digest in results:
                    cache.entries[path] = (stamp, value, stamps(noted))
                    if cache.store is not None and digest is not None:
                        cache.store.used.add(cache.store.key(path, digest))  # saved by the worker
                        cache.digests[path] = (stamp, digest)
                    cache.misses += 1
                    cache.hits -= 1  # the main loop's lookup of this file is not a hit of an earlier build
    except (OSError, concurrent.futures.process.BrokenProcessPool):
        return  # no workers to be had: the main loop reads what is missing


def _slug_problem(path: Path, what: str) -> Problem:
    return Problem(
        Severity.ERROR,
        path,
        f"nama {what} '{path.stem if path.is_file() else path.name}' tidak dapat menjadi alamat halaman: gunakan "
        f"huruf kecil, angka dan tanda hubung (mis. 'pengukuran-kinerja'), paling panjang {MAX_SLUG_LENGTH} "
        "karakter.",
    )


def _link_problem(path: Path, inside: Path) -> Problem | None:
    """A symbolic link among the sources is followed only when it stays inside the catalogue folder: what the
    site publishes (every source is also published as data) must be what the catalogue holds."""
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or a loop of links
        return Problem(
            Severity.ERROR,
            path,
            "tautan simbolik (symlink) ini rusak atau berputar; hapus tautan itu "
            "atau arahkan ke berkas yang ada di dalam folder katalog.",
        )
    if not target.is_relative_to(inside):
        return Problem(
            Severity.ERROR,
            path,
            f"tautan simbolik (symlink) ini menunjuk ke luar folder katalog "
            f"({target}); sumber SOP harus berada di dalam folder katalog. "
            "Salin berkasnya ke sini sebagai berkas biasa, atau hapus tautannya.",
        )
    return None


def _sorted_dir(path: Path, problems: list[Problem]) -> list[os.DirEntry]:
    """The entries of a folder by name; an unreadable folder is a problem and holds nothing."""
    try:
        with os.scandir(path) as it:
            return sorted(it, key=lambda e: e.name)
    except OSError as exc:
        reason = "izin ditolak" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        problems.append(
            Problem(
                Severity.ERROR,
                path,
                f"folder tidak dapat dibaca: {reason}. Beri izin baca dan "
                "buka pada folder ini (mis. `chmod a+rx`).",
            )
        )
        return []


def load_catalogue(root: Path, cache: FileCache | None = None, pemda: Sequence[str] = ()) -> Catalogue:
    """Load every pemda, agency and SOP under ``root``; problems are collected, never raised. ``pemda``: only
    these pemda folders (a shard of a national catalogue: catalogue.shards); each must be there."""
    root = Path(root)
    cache = cache if cache is not None else FileCache()
    problems: list[Problem] = []
    pemdas: dict[str, Pemda] = {}
    agencies: dict[str, Agency] = {}
    sops: dict[str, Sop] = {}
    records: dict[str, SopRecords] = {}
    if not root.is_dir():
        raise CatalogueError([Problem(Severity.ERROR, root, "folder katalog tidak ditemukan.")])
    wanted = only.__contains__ if (only := frozenset(pemda)) else _every_pemda
    _prefetch_sops(root, cache, wanted)
    inside = root.resolve()
    for slug in sorted(only):
        if not (root / slug).is_dir():
            problems.append(
                Problem(
                    Severity.ERROR,
                    root / slug,
                    f"pemda '{slug}' yang diminta untuk dibangun (KATALOG_PEMDA / pengaturan pemda) tidak ada "
                    f"di {root}; periksa ejaan nama foldernya.",
                )
            )

    def escapes(path: Path) -> bool:
        found = _link_problem(path, inside)
        if found is not None:
            problems.append(found)
        return found is not None

    for pemda_entry in _sorted_dir(root, problems):
        pemda_dir = Path(pemda_entry.path)
        if not wanted(pemda_entry.name):
            continue
        if escapes(pemda_dir):
            continue
        if not pemda_entry.is_dir():
            if pemda_entry.name.endswith(SOURCE_SUFFIXES):
                problems.append(
                    Problem(
                        Severity.ERROR,
                        pemda_dir,
                        "berkas SOP harus berada di content/sops/<pemda>/<instansi>/.",
                    )
                )
            continue
        if pemda_entry.name.startswith((".", "_")):
            continue
        if not is_slug(pemda_dir.name):
            problems.append(_slug_problem(pemda_dir, "folder pemda"))
            continue
        if pemda_dir.name in RESERVED_TOP_LEVEL:
            problems.append(
                Problem(
                    Severity.ERROR,
                    pemda_dir,
                    f"nama folder pemda '{pemda_dir.name}' dipakai untuk halaman katalog; "
                    "gunakan nama daerah, mis. 'kabupaten-balangan'.",
                )
            )
            continue
        pemda_file = pemda_dir / PEMDA_FILE
        if not pemda_file.is_file():
            problems.append(
                Problem(
                    Severity.ERROR,
                    pemda_file,
                    f"folder pemda '{pemda_dir.name}' tidak memiliki {PEMDA_FILE} "
                    "(isi minimal: `nama: Kabupaten …`).",
                )
            )
            continue
        if escapes(pemda_file):
            continue
        pemda, found = cache.get(pemda_file, lambda p=pemda_file, s=pemda_dir.name: read_pemda(p, s))
        problems += found
        if pemda is None:
            continue
        pemdas[pemda.slug] = pemda
        for agency_entry in _sorted_dir(pemda_dir, problems):
            if agency_entry.name.startswith((".", "_")):
                continue
            if escapes(Path(agency_entry.path)):
                continue
            if not agency_entry.is_dir():
                # An SOP saved one folder too high would otherwise vanish from the site without a word.
                if agency_entry.name.endswith(SOURCE_SUFFIXES):
                    problems.append(
                        Problem(
                            Severity.ERROR,
                            Path(agency_entry.path),
                            "berkas SOP harus berada di content/sops/<pemda>/<instansi>/.",
                        )
                    )
                continue
            agency_dir = Path(agency_entry.path)
            if not is_slug(agency_dir.name):
                problems.append(_slug_problem(agency_dir, "folder instansi"))
                continue
            agency_file = agency_dir / AGENCY_FILE
            if not agency_file.is_file():
                problems.append(
                    Problem(
                        Severity.ERROR,
                        agency_file,
                        f"folder instansi '{agency_dir.name}' tidak memiliki {AGENCY_FILE} "
                        "(isi minimal: `nama: …`).",
                    )
                )
                continue
            if escapes(agency_file):
                continue
            agency, found = cache.get(
                agency_file, lambda p=agency_file, ps=pemda.slug, s=agency_dir.name: read_agency(p, ps, s)
            )
            problems += found
            if agency is None:
                continue
            agencies[agency.id] = agency
            problems += _load_agency_sops(agency, agency_dir, sops, cache, inside)
            problems += _load_agency_records(agency, agency_dir, sops, records, cache, inside)

    sops = dict(sorted(sops.items()))
    return Catalogue(
        root=root,
        pemdas=pemdas,
        agencies=agencies,
        sops=sops,
        problems=tuple(problems),
        records=dict(sorted(records.items())),
    )


def _load_agency_records(
    agency: Agency,
    agency_dir: Path,
    sops: dict[str, Sop],
    records: dict[str, SopRecords],
    cache: FileCache,
    inside: Path,
) -> list[Problem]:
    """The monitoring and evaluation records of the agency's SOPs (catalogue.source.records)."""
    found, problems = record_files(agency_dir)
    if not found:
        return problems  # most agencies: no scan of the SOPs loaded so far
    by_sop: dict[str, dict[str, RecordFile]] = {}
    for path, kind, sop_slug in found:
        link = _link_problem(path, inside)
        if link is not None:
            problems.append(link)
            continue
        record = cache.get(path, lambda p=path, k=kind, s=sop_slug: read_record(p, k, s))
        problems += record.problems
        sop_id = f"{agency.id}/{sop_slug}"
        if sop_id not in sops:
            # An SOP with errors is left out of the catalogue but not missing: its own problems say why.
            if not any(p.stem == sop_slug for p in agency_dir.glob("*.y*ml")):
                # Only here are the agency's slugs listed (for "Maksud Anda"): a scan of every SOP so far.
                slugs = sorted(s.slug for s in sops.values() if s.agency_id == agency.id)
                problems.append(orphan_problem(record, agency_dir, slugs))
            continue
        by_sop.setdefault(sop_id, {})[kind] = record
    for sop_id, files in by_sop.items():
        if any(f.data is not None for f in files.values()):
            records[sop_id] = build_records(sop_id, files)
    return problems


def _load_agency_sops(
    agency: Agency, agency_dir: Path, sops: dict[str, Sop], cache: FileCache, inside: Path
) -> list[Problem]:
    problems: list[Problem] = []
    by_slug: dict[str, Path] = {}
    by_nomor: dict[str, Sop] = {}
    for entry in _sorted_dir(agency_dir, problems):
        if not entry.name.endswith(SOURCE_SUFFIXES):
            continue
        path = Path(entry.path)
        if entry.name.startswith(("_", ".")):
            # Hidden files (an editor's) and _instansi.yml are not SOPs; a name of dots alone ("..yml") is a
            # slip of the author's that would otherwise vanish.
            if not path.stem.strip("."):
                problems.append(_slug_problem(path, "berkas"))
            continue
        link = _link_problem(path, inside)
        if link is not None:
            problems.append(link)
            continue
        if entry.is_dir():
            problems.append(
                Problem(
                    Severity.ERROR,
                    path,
                    f"'{entry.name}' adalah folder, bukan berkas SOP; "
                    "berkas SOP berada langsung di folder instansi. Pindahkan isinya ke sini.",
                )
            )
            continue
        if not entry.is_file():
            continue
        slug = path.stem
        if not is_slug(slug):
            problems.append(_slug_problem(path, "berkas"))
            continue
        if slug in RESERVED_SOP_SLUGS:
            problems.append(
                Problem(
                    Severity.ERROR,
                    path,
                    f"nama berkas '{slug}' dipakai untuk halaman jabatan instansi; "
                    "beri nama lain, mis. 'peran-dan-tugas'.",
                )
            )
            continue
        if slug in by_slug:
            problems.append(
                Problem(
                    Severity.ERROR,
                    path,
                    f"slug '{slug}' sudah dipakai oleh {by_slug[slug].name}; ganti nama salah satu berkas.",
                )
            )
            continue
        by_slug[slug] = path
        sop, found = cache.get(path, lambda p=path: read_sop(p, agency.pemda_slug, agency.slug))
        problems += found
        if sop is None:
            continue
        nomor_key = " ".join(sop.nomor.split()).lower()
        if nomor_key not in ("-", "") and nomor_key in by_nomor:
            other = by_nomor[nomor_key]
            problems.append(
                Problem(
                    Severity.ERROR,
                    path,
                    f"nomor SOP '{sop.nomor}' sudah dipakai oleh {other.source.name} di instansi "
                    "yang sama; setiap SOP instansi harus bernomor unik.",
                    ("nomor",),
                    *_pos(path),
                )
            )
            continue
        by_nomor[nomor_key] = sop
        sops[sop.id] = sop
    claimed: dict[str, Path] = {}
    for slug, path in by_slug.items():
        sop = sops.get(f"{agency.id}/{slug}")
        for i, old in enumerate(sop.url_lama if sop else ()):
            where = ("url_lama", i)
            if old in by_slug:
                problems.append(
                    Problem(
                        Severity.ERROR,
                        path,
                        f"url_lama '{old}' masih dipakai oleh berkas {by_slug[old].name}.",
                        where,
                        *_pos(path, where),
                    )
                )
            elif old in claimed:
                # Two redirects at one address: the old page could lead to only one of them.
                problems.append(
                    Problem(
                        Severity.ERROR,
                        path,
                        f"url_lama '{old}' sudah diklaim oleh {claimed[old].name}; satu alamat "
                        "lama hanya dapat dialihkan ke satu SOP. Hapus dari salah satu berkas.",
                        where,
                        *_pos(path, where),
                    )
                )
            else:
                claimed[old] = path
    return problems


def _pos(path: Path, field_path: tuple = ("nomor",)) -> tuple[int, int]:
    from .yaml_reader import locate, read_text

    try:
        return locate(read_text(path), field_path)
    except Exception:  # noqa: BLE001 - a position is a courtesy; the problem itself is already known
        return 1, 1


def find_root(path: Path) -> Path:
    """The catalogue root for a path given on the command line (a root, pemda, agency or SOP file)."""
    path = Path(os.path.abspath(path))  # lexically: the given path may pass through symbolic links
    folder = path if path.is_dir() else path.parent
    if (folder / AGENCY_FILE).is_file():
        return folder.parent.parent
    if (folder / PEMDA_FILE).is_file():
        return folder.parent
    return folder


def load_or_raise(root: Path, cache: FileCache | None = None) -> Catalogue:
    """Load, and raise :class:`CatalogueError` if any file has an error (nothing is published half-made)."""
    catalogue = load_catalogue(root, cache)
    if catalogue.errors:
        raise CatalogueError(list(catalogue.problems))
    return catalogue
