"""A national catalogue built in parts: one build per group of pemda (a shard), then one national build.

One ``mkdocs build`` of the whole catalogue grows with it; at a national scale (hundreds of pemda) it stops
fitting one machine's time and memory. The catalogue splits along pemda, since almost everything on an SOP's
page belongs to its own pemda:

* **Shard builds** (``KATALOG_PEMDA=a,b mkdocs build``) read only their pemda's sources and publish their SOP,
  agency and pemda pages (everything under ``/<pemda>/``), their search index (``pagefind/<first pemda>/``)
  and their open data. They are independent jobs: a CI matrix runs them (:func:`ci_matrix`), no scheduler of
  our own.
* **The national build** (``KATALOG_GABUNG=site-1,site-2,… mkdocs build``) reads no source: it loads the
  catalogue from each shard's open-data export (``data/katalog.json``), builds the pages across pemda (home,
  legal index, roles, comparison, audit, evaluation, search and data pages) and the national open data (each
  SOP's files taken from its shard), then places each shard's own files beside them
  (:func:`shard_owns`). The search page and box merge every shard's index in the browser (Pagefind's
  multisite ``mergeIndex``).
* **Context** (``KATALOG_KONTEKS=<an earlier national site>``): a shard that reads only its pemda knows nothing
  of the others, so facts across pemda on its pages (a comparison group's members in other pemda, a
  Keterkaitan naming another pemda's SOP) would be the shard's alone. Given the open data of an earlier
  national (or whole) build, the shard analyses its own sources together with the other pemda's SOPs as that
  export has them (:func:`analyse_shard`) and still publishes only its own pemda; its pages and open data
  then equal a whole build's as far as the other pemda are unchanged since that export. Problems of the other
  pemda's SOPs are theirs, not the shard's (:func:`in_shard`).

This module holds the rules (which pemda go to which shard, which files a shard owns); the plugins apply
them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue.analysis import Analysis, Sources, analyse
from catalogue.analysis.edition import INTERNAL, PUBLIC
from catalogue.export.open_data import load_export
from catalogue.model import (
    Agency,
    Catalogue,
    CriterionScore,
    Evaluation,
    FollowUp,
    MonitoringEntry,
    Pemda,
    Sop,
    SopRecords,
    pemda_of_id,
)
from catalogue.problems import CatalogueError, Problem, Severity
from catalogue.sitemap import entries, urlset
from catalogue.source.catalogue_meta import read_catalogue_meta
from catalogue.source.load import FileCache, is_sop_file_name, load_catalogue
from catalogue.source.registry import load_registry
from catalogue.text import is_slug

#: Environment variables naming a shard's pemda, and the national build's shard sites.
PEMDA_VARIABLE = "KATALOG_PEMDA"
SHARDS_VARIABLE = "KATALOG_GABUNG"
#: The earlier national site whose open data a shard takes the other pemda from.
CONTEXT_VARIABLE = "KATALOG_KONTEKS"

#: The search index folder of the whole site; a shard's bundles are in a folder of it named after the shard.
SEARCH_ROOT = "pagefind"


@dataclass(frozen=True)
class Shard:
    """One build of the national catalogue: its pemda (sorted) and how many SOP sources they hold."""

    number: int
    pemda: tuple[str, ...]
    sources: int

    @property
    def name(self) -> str:
        """The shard's name: its first pemda (pemda are in one shard only, so names are unique)."""
        return self.pemda[0]


def parse_pemda_list(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """The pemda slugs of ``KATALOG_PEMDA`` (separated by commas or spaces) or of the ``pemda`` setting,
    sorted and without repeats. Raises ValueError naming a value that is not a pemda folder's name."""
    if text is None:
        return ()
    items = text.replace(",", " ").split() if isinstance(text, str) else [str(t).strip() for t in text]
    bad = [item for item in items if not is_slug(item)]
    if bad:
        raise ValueError(
            f"'{bad[0]}' bukan nama folder pemda (huruf kecil, angka dan tanda hubung, mis. 'kota-bogor'); "
            "pisahkan beberapa pemda dengan koma."
        )
    return tuple(sorted(set(items)))


def count_sources(root: Path) -> dict[str, int]:
    """SOP source files per pemda folder under ``root`` (what a shard's build time grows with)."""
    counts: dict[str, int] = {}
    for pemda in sorted(p for p in Path(root).iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        counts[pemda.name] = sum(
            1
            for agency in pemda.iterdir()
            if agency.is_dir() and not agency.name.startswith((".", "_"))
            for path in agency.iterdir()
            if is_sop_file_name(path.name) and path.is_file()
        )
    return counts


def plan_shards(counts: dict[str, int], shards: int) -> list[Shard]:
    """Pemda grouped into at most ``shards`` shards of near-equal SOP counts: the largest pemda first, each to
    the shard with the fewest SOPs so far (ties: the lower number). The same counts give the same plan."""
    if shards < 1:
        raise ValueError(f"jumlah bagian harus bilangan bulat positif, bukan {shards}.")
    groups: list[list[str]] = [[] for _ in range(min(shards, len(counts)) or 1)]
    sizes = [0] * len(groups)
    for slug, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        smallest = min(range(len(groups)), key=lambda i: (sizes[i], i))
        groups[smallest].append(slug)
        sizes[smallest] += n
    plan = sorted((tuple(sorted(g)), size) for g, size in zip(groups, sizes, strict=True) if g)
    return [Shard(number, pemda, size) for number, (pemda, size) in enumerate(plan, start=1)]


def ci_matrix(plan: Iterable[Shard]) -> dict[str, list[dict[str, object]]]:
    """The plan as a CI matrix (GitHub Actions ``strategy.matrix``; GitLab's ``parallel:matrix`` takes the
    same entries): one job per shard, with the value of ``KATALOG_PEMDA`` it builds."""
    return {
        "include": [
            {"bagian": shard.name, "pemda": ",".join(shard.pemda), "sop": shard.sources} for shard in plan
        ]
    }


def matrix_json(plan: Iterable[Shard]) -> str:
    return json.dumps(ci_matrix(plan), ensure_ascii=False)


def search_folder(pemda: Sequence[str]) -> str:
    """The search index folder of a shard building ``pemda`` (site-relative); the whole site's otherwise."""
    return f"{SEARCH_ROOT}/{pemda[0]}" if pemda else SEARCH_ROOT


def shard_owns(rel: str, pemda: Iterable[str]) -> bool:
    """Whether the site file ``rel`` (relative to the site root, with ``/``) is one a shard building
    ``pemda`` publishes for the national site: its pages (``<pemda>/…``), its audit page
    (``audit/<pemda>/``) and its agencies' evaluation dashboards (``evaluasi/instansi/<pemda>/…``), its
    agencies' change feeds (``perubahan.<pemda>.<instansi>.xml``), its search index and its SOPs'
    published sources and documents.
    The rest (pages across pemda, the catalogue's open data, theme assets) is the national build's."""
    own = set(pemda)
    if not own:
        return False
    parts = rel.split("/")
    if parts[0] in own:
        return True
    if len(parts) == 1:
        name = parts[0].split(".")
        return len(name) == 4 and name[0] == "perubahan" and name[-1] == "xml" and name[1] in own
    if parts[0] == SEARCH_ROOT:
        return parts[1] in own and len(parts) > 2
    # A pemda's audit and its agencies' evaluation dashboards read what the export does not carry (the
    # sources' data-quality notes, the monitoring and evaluation records): the shard's, which read them.
    if parts[0] in ("audit", "evaluasi") and len(parts) > 2:
        return (parts[1] if parts[0] == "audit" else parts[2] if parts[1] == "instansi" else None) in own
    return parts[0] == "data" and len(parts) > 3 and parts[1] in ("sumber", "dokumen") and parts[2] in own


#: What a shard's site holds for the national build beside its open data: the pemda it built and the notes
#: about its sources (warnings: the audit lists them, and the export does not carry them). Not linked from
#: any page, and not placed in the national site.
NOTES_FILE = "_katalog/bagian.json"


def _rel(path: Path | None, base: Path) -> str | None:
    return None if path is None else os.path.relpath(path, base).replace(os.sep, "/")


def _abs(rel: str | None, base: Path) -> Path | None:
    return None if rel is None else Path(os.path.normpath(base / rel))


def _records_document(records: SopRecords, base: Path) -> dict[str, Any]:
    return {
        "sop_id": records.sop_id,
        "monitoring": [_plain(dataclasses.asdict(m)) for m in records.monitoring],
        "evaluasi": [_plain(dataclasses.asdict(e)) for e in records.evaluasi],
        "berkas_monitoring": _rel(records.monitoring_source, base),
        "berkas_evaluasi": _rel(records.evaluasi_source, base),
    }


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _records_from(doc: dict[str, Any], base: Path) -> SopRecords:
    return SopRecords(
        doc["sop_id"],
        monitoring=tuple(
            MonitoringEntry(
                **{
                    **m,
                    "tanggal": _date(m["tanggal"]),
                    "catatan": tuple(m["catatan"]),
                    "tindakan": tuple(m["tindakan"]),
                }
            )
            for m in doc["monitoring"]
        ),
        evaluasi=tuple(
            Evaluation(
                **{
                    **e,
                    "tanggal": _date(e["tanggal"]),
                    "kriteria": tuple(CriterionScore(**c) for c in e["kriteria"]),
                    "rekomendasi": tuple(e["rekomendasi"]),
                    "tindak_lanjut": tuple(
                        FollowUp(**{**f, "batas_waktu": _date(f["batas_waktu"])}) for f in e["tindak_lanjut"]
                    ),
                    "tim_penilai": tuple(e["tim_penilai"]),
                }
            )
            for e in doc["evaluasi"]
        ),
        monitoring_source=_abs(doc["berkas_monitoring"], base),
        evaluasi_source=_abs(doc["berkas_evaluasi"], base),
    )


def shard_notes(
    pemda: Sequence[str], problems: Iterable[Problem], records: dict[str, SopRecords], base: Path
) -> str:
    """NOTES_FILE's text for a shard that built ``pemda``: the warnings among ``problems`` and the public
    monitoring and evaluation ``records`` (the export carries evaluations only, not monitoring), their files
    relative to ``base``, the repository."""
    notes = [
        {
            "tingkat": p.severity.value,
            "berkas": os.path.relpath(p.file, base).replace(os.sep, "/"),
            "pesan": p.message,
            "bidang": list(p.field),
            "baris": p.line,
            "kolom": p.column,
        }
        for p in problems
        if not p.is_error
    ]
    # Its own pemda's only: with context, the catalogue also holds the other pemda's (their shards' to send).
    mine = set(pemda)
    documents = [_records_document(r, base) for r in records.values() if pemda_of_id(r.sop_id) in mine]
    text = json.dumps(
        {"pemda": list(pemda), "catatan": notes, "catatan_monev": documents}, ensure_ascii=False
    )
    return text + "\n"


#: What a whole or national site keeps for the shards that take it as context: the public monitoring and
#: evaluation records (the open data carries evaluations only, in another shape).
CONTEXT_FILE = "_katalog/konteks.json"


def context_notes(records: dict[str, SopRecords], base: Path) -> str:
    """CONTEXT_FILE's text: the public ``records``, their files relative to ``base``, the repository."""
    documents = [_records_document(r, base) for r in records.values()]
    return json.dumps({"catatan_monev": documents}, ensure_ascii=False) + "\n"


def _context_records(site: Path, base: Path) -> list[SopRecords]:
    """The records an earlier site kept for shards (CONTEXT_FILE); CatalogueError naming it when unreadable."""
    path = Path(site) / CONTEXT_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return [_records_from(r, base) for r in document["catatan_monev"]]
    except FileNotFoundError:
        raise CatalogueError(
            [
                Problem(
                    Severity.ERROR,
                    path,
                    f"{CONTEXT_VARIABLE}: situs ini tidak memuat catatan monev untuk bagian; berikan situs "
                    "nasional atau utuh yang dibangun dengan versi ini.",
                )
            ]
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogueError([Problem(Severity.ERROR, path, f"berkas konteks rusak ({exc}).")]) from None


def _read_notes(site: Path, base: Path) -> tuple[tuple[str, ...], tuple[Problem, ...], list[SopRecords]]:
    path = Path(site) / NOTES_FILE
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        problems = tuple(
            Problem(
                Severity(n["tingkat"]),
                Path(os.path.normpath(base / n["berkas"])),
                n["pesan"],
                tuple(n["bidang"]),
                n["baris"],
                n["kolom"],
            )
            for n in document["catatan"]
        )
        records = [_records_from(r, base) for r in document["catatan_monev"]]
        return tuple(document["pemda"]), problems, records
    except FileNotFoundError:
        raise CatalogueError(
            [
                Problem(
                    Severity.ERROR,
                    path,
                    "folder ini bukan situs sebuah bagian: bangun bagiannya dahulu "
                    "(KATALOG_PEMDA=… mkdocs build -d <folder>) lalu berikan folder itu.",
                )
            ]
        ) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogueError([Problem(Severity.ERROR, path, f"catatan bagian tidak utuh ({exc}).")]) from None


def shard_catalogue_file(site: Path) -> Path:
    """Where a shard's site holds its catalogue (the open data's ``katalog.json``)."""
    return Path(site) / "data" / "katalog.json"


def load_shard_sites(
    sites: Sequence[Path], base: Path
) -> tuple[Catalogue, list[tuple[Path, tuple[str, ...]]]]:
    """The national catalogue from the shards' exports, and each shard site with the pemda it built. Source
    paths are resolved against ``base`` (the repository, as the shards wrote them). Raises CatalogueError
    naming the file when a site holds no export, an export is not one, or two shards built the same pemda."""
    pemdas: dict[str, Pemda] = {}
    agencies: dict[str, Agency] = {}
    sops: list[Sop] = []
    built: list[tuple[Path, tuple[str, ...]]] = []
    owner: dict[str, Path] = {}
    notes: list[Problem] = []
    records: dict[str, SopRecords] = {}
    for site in sites:
        built_pemda, site_notes, site_records = _read_notes(site, base)
        notes.extend(site_notes)
        records.update((r.sop_id, r) for r in site_records)
        path = shard_catalogue_file(site)
        catalogue = _read_export(
            path,
            base,
            "situs bagian ini tidak memuat data terbuka; bangun dahulu bagiannya "
            "(KATALOG_PEMDA=… mkdocs build -d <folder>) lalu berikan foldernya.",
        )
        for slug in catalogue.pemdas:
            if slug in owner:
                raise CatalogueError(
                    [
                        Problem(
                            Severity.ERROR,
                            path,
                            f"pemda '{slug}' juga dibangun oleh bagian {owner[slug]}; "
                            "setiap pemda dibangun oleh satu bagian saja.",
                        )
                    ]
                )
            owner[slug] = Path(site)
        pemdas.update(catalogue.pemdas)
        agencies.update(catalogue.agencies)
        sops.extend(catalogue.sops.values())
        built.append((Path(site), built_pemda))
        root = catalogue.root
    # The order of a whole build (catalogue.source.load): pemda and agencies by folder name, SOPs by id.
    merged = Catalogue(
        root=root if sites else Path(base),
        pemdas=dict(sorted(pemdas.items())),
        agencies=dict(sorted(agencies.items(), key=lambda item: (item[1].pemda_slug, item[1].slug))),
        sops=dict(sorted((sop.id, sop) for sop in sops)),
        problems=tuple(notes),
        records=dict(sorted(records.items())),
    )
    return merged, built


def _read_export(path: Path, base: Path, missing: str) -> Catalogue:
    """The catalogue of an open-data export (``katalog.json``); CatalogueError naming the file otherwise."""
    try:
        return load_export(json.loads(path.read_text(encoding="utf-8")), base)
    except FileNotFoundError:
        raise CatalogueError([Problem(Severity.ERROR, path, missing)]) from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CatalogueError(
            [Problem(Severity.ERROR, path, f"bukan katalog.json ekspor katalog yang utuh ({exc}).")]
        ) from None


def with_context(
    own: Catalogue, context: Catalogue, pemda: Sequence[str], records: Iterable[SopRecords] = ()
) -> Catalogue:
    """A shard's catalogue (``own``, its ``pemda`` read from their sources) with every other pemda of
    ``context`` (an earlier export) and their monitoring and evaluation ``records``, in a whole build's
    order. The shard's problems are its own."""
    mine = set(pemda)
    kept = {r.sop_id: r for r in records if pemda_of_id(r.sop_id) not in mine}
    pemdas = {**{k: v for k, v in context.pemdas.items() if k not in mine}, **own.pemdas}
    agencies = {
        **{k: a for k, a in context.agencies.items() if a.pemda_slug not in mine},
        **own.agencies,
    }
    sops = {
        **{k: sop for k, sop in context.sops.items() if sop.pemda_slug not in mine},
        **own.sops,
    }
    return Catalogue(
        root=own.root,
        pemdas=dict(sorted(pemdas.items())),
        agencies=dict(sorted(agencies.items(), key=lambda item: (item[1].pemda_slug, item[1].slug))),
        sops=dict(sorted(sops.items())),
        problems=own.problems,
        records=dict(sorted({**kept, **own.records}.items())),
    )


def analyse_shard(
    sources: Sources, context: Path, base: Path, cache: FileCache | None = None, edition: str = PUBLIC
) -> Analysis:
    """A shard's analysis with context: its pemda's sources (``sources.pemda``) and the other pemda of the
    export in the earlier national site ``context`` (:func:`with_context`). As :func:`analyse_sources`, in
    ``edition``; the problems of other pemda's SOPs are left to :func:`in_shard`."""
    own = load_catalogue(sources.root, cache, sources.pemda)
    other = _read_export(
        shard_catalogue_file(context),
        base,
        f"{CONTEXT_VARIABLE}: situs ini tidak memuat data terbuka (data/katalog.json); berikan folder situs "
        "nasional (atau utuh) yang dibangun sebelumnya.",
    )
    records = _context_records(context, base)
    meta, meta_problems = read_catalogue_meta(sources.meta)
    memo = None
    if cache is not None:
        memo = cache.derived
        memo.new_round()
    whole = analyse(
        with_context(own, other, sources.pemda, records),
        load_registry(sources.registry),
        meta,
        meta_problems=meta_problems,
        memo=memo,
    )
    return whole if edition == INTERNAL else whole.public


def in_shard(problem: Problem, root: Path, pemda: Iterable[str]) -> bool:
    """Whether a shard with context answers for ``problem``: one of a file of its pemda, or of no SOP tree
    file (the registry, the catalogue's metadata); not one of another pemda's SOP, which its shard reports."""
    if problem.file is None:
        return True
    try:
        rel = Path(problem.file).resolve().relative_to(Path(root).resolve())
    except ValueError:
        return True
    return not rel.parts or rel.parts[0] in set(pemda)


def analyse_shard_sites(
    sites: Sequence[Path], sources: Sources, base: Path
) -> tuple[Analysis, list[tuple[Path, tuple[str, ...]]]]:
    """The national build's analysis: the shards' catalogues joined (:func:`load_shard_sites`), with the
    registry and metadata of ``sources``. It is the public edition, as the shards' exports are (their
    records are already without internal keys: made again from nothing, they would be empty)."""
    catalogue, built = load_shard_sites(sites, base)
    meta, meta_problems = read_catalogue_meta(sources.meta)
    registry = load_registry(sources.registry)
    return Analysis(catalogue, registry, meta, tuple(meta_problems), edition=PUBLIC), built


def shard_file(shards: Sequence[tuple[Path, tuple[str, ...]]], folder: str) -> Callable[[str], Path | None]:
    """A lookup of an open-data file (``rel`` inside ``folder``, e.g. ``sop/<pemda>/<instansi>/<slug>.json``)
    in the site of the shard that built its pemda: the path, or None when it has none."""
    site_of = {slug: site for site, pemda in shards for slug in pemda}

    def find(rel: str) -> Path | None:
        parts = rel.split("/")
        site = site_of.get(parts[1]) if len(parts) > 2 else None
        path = site / folder / rel if site is not None else None
        return path if path is not None and path.is_file() else None

    return find


def place_shards(shards: Sequence[tuple[Path, tuple[str, ...]]], site: Path) -> int:
    """Place into the national ``site`` every file each shard owns (:func:`shard_owns`), as a hard link where
    the file system allows, else a copy; returns how many. Raises CatalogueError when the national build
    wrote a file a shard owns (two builds would publish one address)."""
    placed = 0
    site = Path(site)
    for shard_site, pemda in shards:
        for folder, dirs, names in os.walk(shard_site):
            rel_folder = Path(folder).relative_to(shard_site).as_posix()
            dirs.sort()
            for name in sorted(names):
                rel = name if rel_folder == "." else f"{rel_folder}/{name}"
                if not shard_owns(rel, pemda):
                    continue
                target = site / rel
                if target.exists():
                    raise CatalogueError(
                        [
                            Problem(
                                Severity.ERROR,
                                target,
                                f"berkas {rel} dibuat oleh situs nasional dan juga oleh "
                                f"bagian {shard_site}; alamat ini hanya boleh milik satu pembangunan.",
                            )
                        ]
                    )
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(Path(folder) / name, target)
                except OSError:
                    shutil.copyfile(Path(folder) / name, target)
                placed += 1
    return placed


def join_sitemaps(national: str, shards: Sequence[tuple[str, tuple[str, ...]]], site_url: str) -> str:
    """The national ``sitemap.xml``: its own entries, then each shard's entries for the pages it owns (Material's
    instant navigation follows only the links its sitemap lists; search engines read it too)."""
    joined = [entry for _, entry in entries(national)]
    base = site_url.rstrip("/") + "/"
    for text, pemda in shards:
        for loc, entry in entries(text):
            rel = loc[len(base) :] if loc.startswith(base) else None
            if rel is not None and shard_owns(rel + "index.html", pemda):
                joined.append(entry)
    return urlset(joined, like=national)
