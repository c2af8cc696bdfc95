"""Open data: the catalogue as JSON documents and CSV tables, and back.

What is written (paths inside the export folder; the site publishes the same tree under ``data/``, see
:mod:`catalogue.urls`):

* ``sop/<pemda>/<instansi>/<slug>.json`` — one document per SOP: every source field, the parsed legal
  references of each Dasar Hukum line, the resolved target of each Keterkaitan line, each step's performer
  (column, full position, stated or inferred) and its waktu parsed beside the raw text;
* ``katalog.json`` — the whole catalogue in one document (metadata, licence, pemda, instansi, redirects, and
  every SOP document);
* ``<table>.csv`` — flat tables (``sop``, ``langkah``, ``dasar-hukum``, ``keterkaitan``, ``peran``,
  ``instansi``) derived from the same documents, and ``kamus-kolom.csv``/``.json``, their column dictionary;
* ``skema/sop.schema.json``, ``skema/katalog.schema.json`` — the JSON Schemas (:mod:`catalogue.export.schema`);
* ``README.txt`` — what the folder holds, its licence and how to cite it.

The bytes are reproducible: no timestamps, keys in a fixed order, rows in catalogue order (SOPs by id), ``\\n``
line endings, UTF-8. :func:`load_export` reads ``katalog.json`` back into the model; the round trip gives
back equal :class:`~catalogue.model.Sop` values.

Cross-references come from their own modules (:mod:`catalogue.rules.citations`, :mod:`catalogue.analysis.keterkaitan`,
:mod:`catalogue.analysis.roles`). :func:`cross_references` uses whichever are available; one that is missing leaves
its fields present but null or empty, and ``rujukan_silang`` in ``katalog.json`` says which were resolved.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import posixpath
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

from catalogue import urls
from catalogue.analysis import Analysis
from catalogue.analysis.keterkaitan import ResolvedEntry
from catalogue.analysis.legal_index import LineParse, LineReference
from catalogue.analysis.roles import RoleIndex
from catalogue.model import (
    FOLLOW_UP_DONE,
    Agency,
    Catalogue,
    DasarHukum,
    Keterkaitan,
    LegalReference,
    Pemda,
    Provenance,
    ReviewMark,
    RoleDefinition,
    Signer,
    Sop,
    Step,
    pemda_of_id,
)
from catalogue.problems import format_field_path, parse_field_path
from catalogue.rules.citations import peraturan_go_id_url, regulation_id, short_name
from catalogue.rules.durations import Duration
from catalogue.rules.monev import is_overdue
from catalogue.rules.roles import position_name
from catalogue.source.catalogue_meta import CatalogueMeta
from catalogue.source.registry import RegulationRegistry

from .harvest import SopEntry
from .schema import (
    DICTIONARY_TABLE,
    EXPORT_SCHEMAS,
    FORMAT_VERSION,
    LIST_SEPARATOR,
    TABLES,
    Table,
    dictionary_rows,
    json_schema_text,
)
from .spreadsheet import Sheet, write_workbook
from .standards import STANDARD_FILES, write_catalogue_standards, write_sop_standards

Document = dict[str, Any]
T = TypeVar("T")

#: The per-SOP folders of the export, and the files in them an earlier export may have left.
STALE_FOLDERS = (("sop", "*.json"), ("bpmn", "*.bpmn"), ("cpsv", "*.jsonld"))


# --- one SOP ------------------------------------------------------------------------------------------------


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _number(value: float) -> int | float:
    """Whole numbers as integers (``450``, not ``450.0``): the same value, a stable and readable text."""
    return int(value) if float(value).is_integer() else value


def _rel_source(path: Path, base: Path) -> str:
    # abspath, not resolve(): no symlink lookups per file (a big catalogue has thousands), and the paths the
    # loader gives are already the catalogue root joined with folder and file names.
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(base))).as_posix()


def _original_document(sop: Sop, base: Path) -> Document:
    """Where the SOP's source document kept in the repository is (``berkas``, like ``berkas_sumber``), where it
    is published (``berkas_url``) and whether it is only the text extracted from the signed document."""
    berkas = sop.sumber.berkas if sop.sumber else None
    return {
        "berkas": _rel_source(berkas, base) if berkas else None,
        "berkas_url": urls.sop_original(sop.id, berkas.suffix) if berkas else None,
        "berkas_teks_ekstraksi": sop.sumber.berkas_is_extracted_text if sop.sumber else False,
    }


def _legal_reference(ref: LineReference, registry: RegulationRegistry) -> Document:
    """One regulation named on a Dasar Hukum line, with what the registry records of it."""
    entry = registry.get(ref.regulation_id)
    written = ref.reference
    return {
        "id": ref.regulation_id,
        "nama_singkat": short_name(written),
        "jenis": written.jenis,
        "penerbit": written.penerbit,
        "penerbit_disimpulkan": ref.penerbit_disimpulkan,
        "nomor": written.nomor,
        "tahun": written.tahun,
        "tentang": written.tentang,
        "peran": ref.role,
        "url_peraturan_go_id": peraturan_go_id_url(written),
        "status": entry.status if entry is not None else None,
        "dicabut_oleh": [regulation_id(r) for r in entry.dicabut_oleh] if entry is not None else [],
        "diubah_oleh": [regulation_id(r) for r in entry.diubah_oleh] if entry is not None else [],
    }


def _manual_reference(ref: LegalReference) -> Document:
    return {
        "jenis": ref.jenis,
        "penerbit": ref.penerbit,
        "nomor": ref.nomor,
        "tahun": ref.tahun,
        "tentang": ref.tentang,
    }


def _dasar_hukum(entry: DasarHukum, line: LineParse, registry: RegulationRegistry) -> Document:
    """One Dasar Hukum line with the regulations it cites, as the legal index reads it (the source's manual
    ``rujukan`` replaces the parser; a regional regulation without its region takes the SOP's pemda)."""
    cited = [_legal_reference(r, registry) for r in line.cited]
    return {
        "teks": entry.teks,
        "rujukan_dari": "manual" if line.manual else ("pengurai" if line.references else None),
        "terurai": bool(cited),
        "rujukan": cited,
        "disebut": [_legal_reference(r, registry) for r in line.mentioned],
        "rujukan_manual": [_manual_reference(r) for r in entry.rujukan]
        if entry.rujukan is not None
        else None,
    }


def _link(teks: str, target: str | None, resolved: ResolvedEntry) -> Document:
    """A Keterkaitan line (or a "Lihat SOP …" reference) and where it leads."""
    tujuan = resolved.target_id
    return {
        "teks": teks,
        "target": target,
        "tujuan": tujuan,
        "tujuan_halaman": urls.sop(tujuan) if tujuan else None,
        "cara": resolved.how,
        "skor": _number(resolved.score) if tujuan else None,
        "alasan_tidak_terhubung": resolved.unresolved,
        "kandidat": list(resolved.candidates),
        "lintas_instansi": resolved.cross_agency,
        "lintas_pemda": resolved.cross_pemda,
    }


def _time(d: Duration) -> Document:
    parsed = d.parsed
    return {
        "kerja_menit_min": _number(d.work_min) if parsed else None,
        "kerja_menit_maks": _number(d.work_max) if parsed else None,
        "kalender_hari_min": _number(d.calendar_min) if parsed else None,
        "kalender_hari_maks": _number(d.calendar_max) if parsed else None,
    }


def _column_role(sop: Sop, column: str, agency: Agency, roles: RoleIndex) -> Document:
    """What a role column means: the agency's position (``jabatan``) and the canonical role across agencies
    (``peran``), as the role index reads it."""
    role = roles.role_of(sop.id, column)
    if role is None:
        return {
            "jabatan": position_name(column, agency),
            "peran": None,
            "peran_nama": None,
            "peran_unit": None,
            "peran_disimpulkan": False,
            "peran_alasan": None,
        }
    reading = role.form_readings.get(column, role.reading)
    known = reading.known
    return {
        "jabatan": role.nama,
        "peran": reading.key if known else None,
        "peran_nama": reading.nama if known else None,
        "peran_unit": reading.unit if known else None,
        "peran_disimpulkan": bool(known and reading.inferred),
        "peran_alasan": reading.reason if known and reading.inferred else None,
    }


def _step(step: Step, on_path: bool, roles: dict[str, Document], references: list[Document]) -> Document:
    performer = None
    if step.pelaksana is not None:
        role = roles[step.pelaksana]
        performer = {
            "kolom": step.pelaksana,
            "jabatan": role["jabatan"],
            "peran": role["peran"],
            "status": step.pelaksana_status,
            "alasan": step.pelaksana_alasan,
        }
    return {
        "urutan": step.index + 1,
        "no": step.no,
        "kegiatan": step.kegiatan,
        "jenis": step.kind,
        "pelaksana": performer,
        "ya": step.ya,
        "tidak": step.tidak,
        "kelengkapan": list(step.kelengkapan),
        "waktu": {"teks": step.waktu.raw or None, "terurai": step.waktu.parsed, **_time(step.waktu)},
        "output": step.output,
        "keterangan": step.keterangan,
        "catatan": step.catatan,
        "jalur_normal": on_path,
        "rujukan_sop": references,
    }


@dataclass(frozen=True)
class ExportSettings:
    """What the export needs besides the analysed catalogue. ``source_base`` is the folder source paths are
    written relative to (the repository root); ``site_url`` the published site, if known."""

    source_base: Path | None = None
    site_url: str | None = None

    def base(self, catalogue: Catalogue) -> Path:
        return Path(self.source_base) if self.source_base is not None else catalogue.root


def _meta(analysis: Analysis) -> CatalogueMeta:
    # An analysis whose katalog.yml has errors is never exported (its errors stop the export first); the
    # default metadata only stands in for a test's bare catalogue.
    return analysis.meta if analysis.meta is not None else CatalogueMeta()


def _licence(meta: CatalogueMeta) -> Document | None:
    lic = meta.lisensi
    return {"id": lic.id, "nama": lic.nama, "url": lic.url} if lic else None


def sop_citation(sop: Sop, analysis: Analysis, settings: ExportSettings) -> str:
    """The recommended citation of one SOP: agency, year of effect, title and number, the catalogue, URL."""
    catalogue, meta = analysis.catalogue, _meta(analysis)
    agency = catalogue.agency_of(sop)
    pemda = catalogue.pemda_of(sop)
    date = sop.tanggal_efektif or sop.tanggal_pembuatan
    year = str(date.year) if date else "t.t."  # "tanpa tahun", the Indonesian convention for an undated work
    text = (
        f"{agency.nama}, {pemda.nama}. {year}. Standar Operasional Prosedur {sop.nama}, Nomor {sop.nomor}. "
        f"Dalam {meta.nama}"
    )
    if meta.penerbit:
        text += f", {meta.penerbit}"
    text += "."
    if settings.site_url:
        text += f" {settings.site_url.rstrip('/')}/{urls.sop(sop.id)}"
    return text


def _review(analysis: Analysis, sop_id: str) -> Document | None:
    schedule = analysis.review_schedules.get(sop_id)
    if schedule is None:
        return None
    return {
        "jatuh_tempo": _date(schedule.due),
        "dasar": schedule.basis,
        "siklus_tahun": schedule.cycle_years,
        "status": schedule.state(analysis.review_date),
        "tanggal_acuan": _date(analysis.review_date),
    }


def export_sop(sop: Sop, analysis: Analysis, settings: ExportSettings | None = None) -> Document:
    """One SOP as a JSON-ready document of the shape :data:`catalogue.export.schema.SOP_DOCUMENT`."""
    settings = settings or ExportSettings()
    catalogue = analysis.catalogue
    agency = catalogue.agency_of(sop)
    pemda = catalogue.pemda_of(sop)
    summary = analysis.summaries[sop.id]
    on_path = set(summary.path_indexes)  # step indexes: printed numbers can repeat

    box_links: dict[int, ResolvedEntry] = {}
    step_links: dict[int, list[ResolvedEntry]] = {}
    for entry in analysis.links.links_of(sop.id):
        if entry.field[0] == "keterkaitan":
            box_links[entry.field[1]] = entry
        else:
            step_links.setdefault(entry.field[1], []).append(entry)

    roles = {column: _column_role(sop, column, agency, analysis.roles) for column in sop.pelaksana}
    columns = []
    for column in sop.pelaksana:
        steps = [s for s in sop.langkah if s.pelaksana == column]
        columns.append(
            {
                "kolom": column,
                **roles[column],
                "jumlah_langkah": len(steps),
                "jumlah_langkah_disimpulkan": sum(1 for s in steps if s.is_inferred),
            }
        )

    lines = analysis.legal.lines[sop.id]
    duration = summary.duration
    lifecycle = analysis.lifecycle
    return {
        "versi_format": FORMAT_VERSION,
        "id": sop.id,
        "slug": sop.slug,
        "halaman": urls.sop(sop.id),
        "data_json": urls.sop_json(sop.id),
        "sumber_yaml": urls.sop_source(sop.id),
        "berkas_sumber": _rel_source(sop.source, settings.base(catalogue)),
        "url_lama": list(sop.url_lama),
        "alamat_lama": [urls.redirect(f"{sop.agency_id}/{old}") for old in sop.url_lama],
        "pemda": {"slug": pemda.slug, "nama": pemda.nama, "provinsi": pemda.provinsi},
        "instansi": {"id": agency.id, "slug": agency.slug, "nama": agency.nama, "jenis": agency.jenis},
        "nomor": sop.nomor,
        "nama": sop.nama,
        "unit_kerja": sop.unit_kerja,
        "topik": sop.topik,
        "tanggal_pembuatan": _date(sop.tanggal_pembuatan),
        "tanggal_revisi": _date(sop.tanggal_revisi),
        "tanggal_efektif": _date(sop.tanggal_efektif),
        "disahkan_oleh": (
            {
                "jabatan": sop.disahkan_oleh.jabatan,
                "nama": sop.disahkan_oleh.nama,
                "nip": sop.disahkan_oleh.nip,
                "pangkat": sop.disahkan_oleh.pangkat,
            }
            if sop.disahkan_oleh
            else None
        ),
        "status": sop.status,
        "digantikan_oleh": lifecycle.successor.get(sop.id),
        "pengganti_terakhir": lifecycle.current(sop.id),
        "menggantikan": list(lifecycle.predecessors.get(sop.id, ())),
        "tanggal_dicabut": _date(sop.tanggal_dicabut),
        "alasan_dicabut": sop.alasan_dicabut,
        "tinjau": _review(analysis, sop.id),
        "dasar_hukum": [
            _dasar_hukum(entry, lines[i], analysis.registry) for i, entry in enumerate(sop.dasar_hukum)
        ],
        "kualifikasi_pelaksana": list(sop.kualifikasi_pelaksana),
        "keterkaitan": [_link(k.teks, k.target, box_links[i]) for i, k in enumerate(sop.keterkaitan)],
        "peralatan_perlengkapan": list(sop.peralatan_perlengkapan),
        "peringatan": list(sop.peringatan),
        "pencatatan_pendataan": list(sop.pencatatan_pendataan),
        "pelaksana": columns,
        "langkah": [
            _step(
                step,
                step.index in on_path,
                roles,
                [_link(e.teks, None, e) for e in step_links.get(step.index, [])],
            )
            for step in sop.langkah
        ],
        "belum_ditinjau": [
            {"bidang": format_field_path(m.field), "pesan": m.message, "baris": m.line, "kolom": m.column}
            for m in sop.belum_ditinjau
        ],
        "sumber": (
            {
                "dokumen": sop.sumber.dokumen,
                "jenis_dokumen": sop.sumber.jenis_dokumen,
                "diimpor": _date(sop.sumber.diimpor),
                "catatan": list(sop.sumber.catatan),
                **_original_document(sop, settings.base(catalogue)),
            }
            if sop.sumber
            else None
        ),
        "ringkasan": {
            "jumlah_langkah": summary.step_count,
            "peran_terlibat": list(summary.roles_involved),
            "jalur_normal": list(summary.normal_path),
            "ada_perulangan": summary.has_loops,
            "langkah_disimpulkan": list(summary.inferred_steps),
            "langkah_tanpa_pelaksana": list(summary.unassigned_steps),
            "waktu_jalur_normal": {
                "kerja_menit_min": _number(duration.work_min),
                "kerja_menit_maks": _number(duration.work_max),
                "kalender_hari_min": _number(duration.calendar_min),
                "kalender_hari_maks": _number(duration.calendar_max),
                "teks": summary.duration_text,
                "langkah_tidak_terurai": list(duration.unparsed),
            },
            "asumsi": list(summary.assumptions),
        },
        "lisensi": _licence(_meta(analysis)),
        "kutipan": sop_citation(sop, analysis, settings),
    }


# --- the whole catalogue ------------------------------------------------------------------------------------


def export_catalogue(
    analysis: Analysis,
    settings: ExportSettings | None = None,
    sop_documents: Iterable[Document] | None = None,
) -> Document:
    """The whole catalogue as one document (:data:`catalogue.export.schema.CATALOGUE_DOCUMENT`).
    ``sop_documents`` may pass the SOP documents already built, in catalogue order."""
    settings = settings or ExportSettings()
    documents = (
        list(sop_documents)
        if sop_documents is not None
        else [export_sop(sop, analysis, settings) for sop in analysis.catalogue.sops.values()]
    )
    return {**_catalogue_head(analysis, settings), "sop": documents}


#: Every cross-reference is resolved in every export; the key is kept for readers of earlier exports.
_RESOLVED = {"dasar_hukum": True, "keterkaitan": True, "peran": True}


def _catalogue_head(analysis: Analysis, settings: ExportSettings, scope: Collection[str] = ()) -> Document:
    """Every key of the catalogue document but the SOP documents, which come last (:func:`write_export`
    streams them); with ``scope``, of those pemda only."""
    catalogue = analysis.catalogue
    base = settings.base(catalogue)
    meta = _meta(analysis)
    pemdas = [p for p in catalogue.pemdas.values() if not scope or p.slug in scope]
    agencies = [a for a in catalogue.agencies.values() if not scope or a.pemda_slug in scope]
    sops = [sop for sop in catalogue.sops.values() if not scope or sop.pemda_slug in scope]
    sop_counts = Counter(sop.agency_id for sop in sops)
    in_scope = lambda sop_id: not scope or pemda_of_id(sop_id) in scope  # noqa: E731
    missing = [
        {"nama": m.display, "kunci": m.key, "dirujuk_oleh": [i for i in m.sources if in_scope(i)]}
        for m in analysis.links.missing.values()
        if any(in_scope(i) for i in m.sources)
    ]
    return {
        "versi_format": FORMAT_VERSION,
        "katalog": {
            "nama": meta.nama,
            "penerbit": meta.penerbit,
            "deskripsi": meta.deskripsi,
            "kontak": meta.kontak,
            "cara_mengutip": meta.citation(settings.site_url),
            "url_situs": settings.site_url,
            "akar_sumber": _rel_source(catalogue.root, base),
        },
        "lisensi": _licence(meta),
        "jumlah": {
            "pemda": len(pemdas),
            "instansi": len(agencies),
            "sop": len(sops),
            "langkah": sum(len(s.langkah) for s in sops),
        },
        "rujukan_silang": _RESOLVED,
        "pemda": [
            {
                "slug": p.slug,
                "nama": p.nama,
                "provinsi": p.provinsi,
                "halaman": urls.pemda(p.slug),
                "berkas_sumber": _rel_source(p.source, base),
            }
            for p in pemdas
        ],
        "instansi": [
            {
                "id": a.id,
                "slug": a.slug,
                "pemda": a.pemda_slug,
                "nama": a.nama,
                "jenis": a.jenis,
                "alamat": a.alamat,
                "peran": [{"nama": r.nama, "alias": list(r.alias)} for r in a.peran],
                "halaman": urls.agency(a.id),
                "berkas_sumber": _rel_source(a.source, base),
                "jumlah_sop": sop_counts[a.id],
            }
            for a in agencies
        ],
        "peran": _canonical_roles(analysis.roles),
        "pengalihan": [{"dari": old, "ke": new} for old, new in analysis.redirects if in_scope(old)],
        "sop_tidak_di_katalog": missing,
    }


def _canonical_roles(roles: RoleIndex) -> list[Document]:
    """The canonical roles the catalogue's SOPs use, with the agencies that have them (known roles only)."""
    out = []
    for key, group in roles.canonical.items():
        if not any(r.reading.known for r in group.roles):
            continue
        out.append(
            {
                "id": key,
                "nama": group.nama,
                "instansi": group.agencies,
                "jumlah_langkah": sum(len(r.tasks) for r in group.roles),
            }
        )
    return out


def vanished_ids(previous: Document, analysis: Analysis) -> list[str]:
    """Ids a previous ``katalog.json`` published (SOPs and redirects) that this catalogue no longer answers to:
    neither a current SOP nor an old id in some ``url_lama``. Each is a public URL that would break."""
    answered = set(analysis.catalogue.sops) | {old for old, _ in analysis.redirects}
    published = [d["id"] for d in previous.get("sop", [])] + [
        r["dari"] for r in previous.get("pengalihan", [])
    ]
    return sorted({i for i in published if i not in answered})


# --- CSV tables ---------------------------------------------------------------------------------------------


def _csv_rows_of(doc: Document) -> dict[str, list[dict[str, Any]]]:
    sid = doc["id"]
    summary = doc["ringkasan"]
    total = summary["waktu_jalur_normal"]
    links = doc["keterkaitan"]
    out: dict[str, list[dict[str, Any]]] = {
        "sop": [],
        "langkah": [],
        "dasar-hukum": [],
        "keterkaitan": [],
        "peran": [],
    }
    out["sop"].append(
        {
            "sop_id": sid,
            "pemda": doc["pemda"]["slug"],
            "pemda_nama": doc["pemda"]["nama"],
            "instansi_id": doc["instansi"]["id"],
            "instansi_nama": doc["instansi"]["nama"],
            "nomor": doc["nomor"],
            "nama": doc["nama"],
            "topik": doc["topik"],
            "tanggal_pembuatan": doc["tanggal_pembuatan"],
            "tanggal_revisi": doc["tanggal_revisi"],
            "tanggal_efektif": doc["tanggal_efektif"],
            "disahkan_oleh": (doc["disahkan_oleh"] or {}).get("jabatan"),
            "disahkan_oleh_nama": (doc["disahkan_oleh"] or {}).get("nama"),
            "jumlah_langkah": summary["jumlah_langkah"],
            "jumlah_langkah_disimpulkan": len(summary["langkah_disimpulkan"]),
            "jumlah_langkah_tanpa_pelaksana": len(summary["langkah_tanpa_pelaksana"]),
            "waktu_jalur_normal": total["teks"],
            "waktu_normal_kerja_menit_min": total["kerja_menit_min"],
            "waktu_normal_kerja_menit_maks": total["kerja_menit_maks"],
            "waktu_normal_kalender_hari_min": total["kalender_hari_min"],
            "waktu_normal_kalender_hari_maks": total["kalender_hari_maks"],
            "langkah_waktu_tidak_terurai": total["langkah_tidak_terurai"],
            "jumlah_dasar_hukum": len(doc["dasar_hukum"]),
            "jumlah_keterkaitan": len(links),
            "jumlah_keterkaitan_terhubung": sum(1 for k in links if k["tujuan"]),
            "dokumen_sumber": (doc["sumber"] or {}).get("dokumen"),
            "dokumen_sumber_url": (doc["sumber"] or {}).get("berkas_url"),
            "dokumen_sumber_teks_ekstraksi": bool((doc["sumber"] or {}).get("berkas_teks_ekstraksi")),
            "jumlah_belum_ditinjau": len(doc["belum_ditinjau"]),
            "halaman": doc["halaman"],
            "data_json": doc["data_json"],
            "url_lama": doc["url_lama"],
            "status": doc["status"],
            "digantikan_oleh": doc["digantikan_oleh"],
            "tanggal_dicabut": doc["tanggal_dicabut"],
            "tinjau_jatuh_tempo": (doc["tinjau"] or {}).get("jatuh_tempo"),
            "tinjau_status": (doc["tinjau"] or {}).get("status"),
        }
    )
    for step in doc["langkah"]:
        performer = step["pelaksana"] or {}
        waktu = step["waktu"]
        out["langkah"].append(
            {
                "sop_id": sid,
                "urutan": step["urutan"],
                "no": step["no"],
                "kegiatan": step["kegiatan"],
                "jenis": step["jenis"],
                "pelaksana": performer.get("kolom"),
                "jabatan": performer.get("jabatan"),
                "peran": performer.get("peran"),
                "pelaksana_status": performer.get("status"),
                "pelaksana_alasan": performer.get("alasan"),
                "ya": step["ya"],
                "tidak": step["tidak"],
                "kelengkapan": step["kelengkapan"],
                "waktu": waktu["teks"],
                "waktu_terurai": waktu["terurai"],
                "waktu_kerja_menit_min": waktu["kerja_menit_min"],
                "waktu_kerja_menit_maks": waktu["kerja_menit_maks"],
                "waktu_kalender_hari_min": waktu["kalender_hari_min"],
                "waktu_kalender_hari_maks": waktu["kalender_hari_maks"],
                "output": step["output"],
                "keterangan": step["keterangan"],
                "catatan": step["catatan"],
                "jalur_normal": step["jalur_normal"],
            }
        )
        for ref in step["rujukan_sop"]:
            out["keterkaitan"].append(_link_row(sid, None, step["no"], ref))
    for i, line in enumerate(doc["dasar_hukum"], 1):
        base = {"sop_id": sid, "butir": i, "teks": line["teks"], "rujukan_dari": line["rujukan_dari"]}
        if not line["rujukan"]:
            # A line with no recognised regulation still gets its row, so every line of the box is there.
            out["dasar-hukum"].append(
                {
                    **base,
                    **dict.fromkeys(
                        (
                            "peraturan_id",
                            "nama_singkat",
                            "jenis",
                            "penerbit",
                            "penerbit_disimpulkan",
                            "nomor",
                            "tahun",
                            "tentang",
                            "peran",
                            "status",
                            "dicabut_oleh",
                            "diubah_oleh",
                        )
                    ),
                }
            )
        for ref in line["rujukan"]:
            out["dasar-hukum"].append(
                {
                    **base,
                    "peraturan_id": ref["id"],
                    "nama_singkat": ref["nama_singkat"],
                    "jenis": ref["jenis"],
                    "penerbit": ref["penerbit"],
                    "penerbit_disimpulkan": ref["penerbit_disimpulkan"],
                    "nomor": ref["nomor"],
                    "tahun": ref["tahun"],
                    "tentang": ref["tentang"],
                    "peran": ref["peran"],
                    "status": ref["status"],
                    "dicabut_oleh": ref["dicabut_oleh"],
                    "diubah_oleh": ref["diubah_oleh"],
                }
            )
    # Box entries first, then references from steps: the order of the SOP page.
    out["keterkaitan"] = [_link_row(sid, i, None, k) for i, k in enumerate(links, 1)] + out["keterkaitan"]
    for i, column in enumerate(doc["pelaksana"], 1):
        out["peran"].append({"sop_id": sid, "urutan": i, **column})
    return out


def _link_row(sid: str, butir: int | None, step_no: str | None, link: Document) -> dict[str, Any]:
    return {
        "sop_id": sid,
        "butir": butir,
        "langkah_no": step_no,
        "teks": link["teks"],
        "target": link["target"],
        "tujuan_id": link["tujuan"],
        "cara": link["cara"],
        "skor": link["skor"],
        "alasan_tidak_terhubung": link["alasan_tidak_terhubung"],
        "lintas_instansi": link["lintas_instansi"],
        "lintas_pemda": link["lintas_pemda"],
    }


def _instansi_rows(catalogue_document: Document) -> list[dict[str, Any]]:
    """Rows of the ``instansi`` table, from the catalogue document's ``pemda`` and ``instansi`` (the SOP
    documents are not needed)."""
    pemdas = {p["slug"]: p for p in catalogue_document["pemda"]}
    rows = []
    for agency in catalogue_document["instansi"]:
        pemda = pemdas[agency["pemda"]]
        rows.append(
            {
                "instansi_id": agency["id"],
                "pemda": pemda["slug"],
                "pemda_nama": pemda["nama"],
                "provinsi": pemda["provinsi"],
                "nama": agency["nama"],
                "jenis": agency["jenis"],
                "alamat": agency["alamat"],
                "jumlah_sop": agency["jumlah_sop"],
                "halaman": agency["halaman"],
            }
        )
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(_number(value))
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    return str(value)


#: The byte order mark every CSV table starts with: without it Excel reads UTF-8 as the local code page and
#: garbles every non-ASCII letter; Python reads it back with ``encoding="utf-8-sig"``, pandas and R skip it.
CSV_BOM = "\ufeff"


class _CsvTable:
    """A CSV table written row by row into ``stream``: RFC 4180 with ``\\n`` line endings, a UTF-8 byte order
    mark (:data:`CSV_BOM`), the header first; every row must have exactly the header's columns."""

    def __init__(self, stream: TextIO, header: list[str]) -> None:
        self._header = header
        self._columns = set(header)
        self._writer = csv.writer(stream, lineterminator="\n")
        stream.write(CSV_BOM)
        self._writer.writerow(header)

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            if set(row) != self._columns:
                raise ValueError(f"row columns {sorted(set(row) ^ self._columns)} differ from the header")
            self._writer.writerow([_cell(row[c]) for c in self._header])


def csv_text(header: list[str], rows: Iterable[dict[str, Any]]) -> str:
    """RFC 4180 CSV with ``\\n`` line endings and a byte order mark; every row must have exactly the header's
    columns."""
    buffer = io.StringIO()
    _CsvTable(buffer, header).write(rows)
    return buffer.getvalue()


def dictionary_json() -> Document:
    """The column dictionary as JSON: every table, its file and its columns."""
    return {
        "versi_format": FORMAT_VERSION,
        "pemisah_daftar": LIST_SEPARATOR,
        "tabel": [
            {
                "nama": t.name,
                "judul": t.title,
                "baris": t.row,
                "berkas": urls.data_file(urls.csv_table(t.name)),
                "kolom": [{"nama": c.name, "jenis": c.type, "arti": c.meaning} for c in t.columns],
            }
            for t in TABLES
        ],
    }


# --- writing and reading back -------------------------------------------------------------------------------


#: Nesting depth up to which JSON is broken into lines; deeper values are written on one line.
JSON_LINE_DEPTH = 2


_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
_compact = _ENCODER.encode


def _layout(value: Any, depth: int) -> str:
    """One line per key of a document and per item of its lists (one step, one Dasar Hukum line, one SOP of
    the catalogue), each written compactly. Readable and line-diffable, yet encoded by the json module's C
    encoder: a fully indented dump goes through its pure-Python encoder, ten times slower on a big catalogue."""
    if depth >= JSON_LINE_DEPTH or not value or not isinstance(value, (dict, list)):
        return _compact(value)
    if isinstance(value, list) and not any(isinstance(v, (dict, list)) for v in value):
        return _compact(value)
    if isinstance(value, dict):
        return "{\n" + ",\n".join([_member(k, v, depth) for k, v in value.items()]) + _close("}", depth)
    return "[\n" + ",\n".join([_item(v, depth) for v in value]) + _close("]", depth)


def _member(key: Any, value: Any, depth: int) -> str:
    """The line of one key of a dict laid out at ``depth``."""
    return _key(key, depth) + _layout(value, depth + 1)


def _key(key: Any, depth: int) -> str:
    return f"{'  ' * (depth + 1)}{_compact(str(key))}: "


def _item(value: Any, depth: int) -> str:
    """The line of one item of a list laid out at ``depth``."""
    return "  " * (depth + 1) + _layout(value, depth + 1)


def _close(bracket: str, depth: int) -> str:
    return "\n" + "  " * depth + bracket


def json_text(document: Document) -> str:
    """The one JSON serialisation of the export: UTF-8 text, key order as built, lines as :func:`_layout`."""
    return _layout(document, 0) + "\n"


class _StreamedJson:
    """:func:`json_text` of a document whose last key holds a list of documents, written into ``stream`` one
    item at a time: ``head`` is the document without that key, :meth:`add` writes an item, :meth:`close` ends
    the list and the document. The bytes are those of ``json_text({**head, key: items})``: the list is at depth
    1, so (JSON_LINE_DEPTH >= 2) each item, a dict, takes one line, and an empty list is written ``[]``."""

    def __init__(self, stream: TextIO, head: Document, key: str) -> None:
        if key in head:
            raise ValueError(f"{key!r} must be the document's last key")
        self._stream = stream
        self._count = 0
        stream.write("{\n" + "".join(_member(k, v, 0) + ",\n" for k, v in head.items()) + _key(key, 0))

    def add(self, item: Document) -> None:
        if not isinstance(item, dict):
            raise TypeError("only documents (dicts) are written one a line")
        self._stream.write(("[\n" if self._count == 0 else ",\n") + _item(item, 1))
        self._count += 1

    def close(self) -> None:
        self._stream.write(("[]" if self._count == 0 else _close("]", 1)) + _close("}", 0) + "\n")


def readme_text(meta: CatalogueMeta, settings: ExportSettings) -> str:
    lic = meta.lisensi
    licence = "belum dinyatakan"
    if lic:
        licence = lic.id + (f" — {lic.nama}" if lic.nama else "") + (f" ({lic.url})" if lic.url else "")
    lines = [
        meta.nama,
        "=" * len(meta.nama),
        "",
        f"Penerbit: {meta.penerbit or '-'}",
        f"Lisensi: {licence}",
        f"Cara mengutip: {meta.citation(settings.site_url)}",
        "",
        "Isi folder ini:",
        f"  {urls.data_file(urls.catalogue_json())}  seluruh katalog dalam satu dokumen JSON",
        "  sop/<pemda>/<instansi>/<slug>.json  satu dokumen JSON per SOP",
        f"  {urls.data_file(urls.evaluations_json())}  evaluasi SOP (monitoring dan evaluasi, edisi publik)",
        *(
            f"  {urls.data_file(urls.csv_table(t.name))}  tabel {t.title.lower()}: satu baris = {t.row.split(' (')[0]}"
            for t in TABLES
        ),
        (
            f"  {urls.data_file(urls.column_dictionary())}  kamus kolom semua tabel CSV "
            f"(juga {urls.data_file(urls.column_dictionary('json'))})"
        ),
        f"  {urls.data_file(urls.workbook())}  semua tabel CSV dan kamus kolom dalam satu buku kerja Excel",
        *(f"  {urls.data_file(urls.export_schema(n))}  JSON Schema dokumen {n}" for n in EXPORT_SCHEMAS),
        *STANDARD_FILES,
        "",
        "Pengenal SOP (id) adalah pemda/instansi/slug dan tidak berubah; halaman SOP ada di <situs>/<id>/.",
        f"Daftar nilai dalam satu sel CSV dipisah dengan '{LIST_SEPARATOR.strip()}'. Semua berkas UTF-8; tabel CSV "
        "diawali penanda BOM agar Excel membaca hurufnya dengan benar. Excel yang memisah kolom dengan titik "
        f"koma (pengaturan Indonesia) membuka {urls.data_file(urls.workbook())} tanpa perlu impor.",
    ]
    return "\n".join(lines) + "\n"


def sop_files(sop_id: str) -> tuple[str, ...]:
    """The files of the export made for one SOP, relative to the export folder: its JSON document first,
    then those :func:`write_sop_standards` writes (made from the document, the SOP and its agency)."""
    return (
        urls.data_file(urls.sop_json(sop_id)),
        urls.data_file(urls.sop_bpmn(sop_id)),
        urls.data_file(urls.sop_cpsv(sop_id)),
    )


def write_export(
    out_dir: Path,
    analysis: Analysis,
    settings: ExportSettings | None = None,
    clean: bool = True,
    earlier: Callable[[str], Path | None] | None = None,
    unchanged: Collection[str] = (),
    scope: Collection[str] = (),
) -> list[str]:
    """Write the whole export into ``out_dir`` (the site's ``data/``); return the written paths, relative and
    sorted. With ``clean``, SOP documents left from an earlier export (a removed or renamed SOP) are deleted.
    With ``scope`` (pemda slugs), only those pemda's agencies and SOPs, as the analysis of the whole
    catalogue has them (a shard of a national catalogue built with context: catalogue/shards.py).

    ``earlier(rel)`` gives the file ``rel`` of an earlier export made with the same settings, or None; for
    the SOPs in ``unchanged`` (whose document the caller knows to be the same as then) those files are
    placed as they are (a hard link, else a copy) and the document is read back from its JSON, instead of
    being made again. The bytes written are the same.

    The SOPs are streamed: each SOP's document is built, written to its own file, to its line of
    ``katalog.json`` and to its rows of the CSV tables, then dropped, so the memory used does not grow with
    the catalogue. The bytes are those of :func:`json_text` of :func:`export_catalogue` and of :func:`csv_text`
    of each table's rows."""
    settings = settings or ExportSettings()
    out_dir = Path(out_dir)
    written: list[str] = []
    folders: set[Path] = set()

    @contextmanager
    def create(rel: str) -> Iterator[TextIO]:
        # Each file is written under a temporary name and renamed when complete: an export that fails half
        # way (an I/O error, a bug) never leaves a cut-off katalog.json or CSV that looks whole.
        path = out_dir / rel
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        partial = path.with_name(path.name + ".sebagian")
        try:
            with partial.open("w", encoding="utf-8", newline="\n") as stream:  # "\n": no newline translation
                yield stream
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        written.append(rel)

    def write(rel: str, text: str) -> None:
        with create(rel) as stream:
            stream.write(text)

    catalogue = analysis.catalogue
    head = _catalogue_head(analysis, settings, scope)
    with ExitStack() as stack:
        whole = _StreamedJson(stack.enter_context(create(urls.data_file(urls.catalogue_json()))), head, "sop")
        tables = {
            t.name: _CsvTable(stack.enter_context(create(urls.data_file(urls.csv_table(t.name)))), t.header)
            for t in TABLES
        }
        entries = []
        for sop in catalogue.sops.values():
            if scope and sop.pemda_slug not in scope:
                continue
            doc = _place_earlier(sop.id, earlier, out_dir, folders, written) if sop.id in unchanged else None
            if doc is None:
                doc = export_sop(sop, analysis, settings)
                write(urls.data_file(urls.sop_json(sop.id)), json_text(doc))
                write_sop_standards(write, json_text, sop, catalogue.agency_of(sop), doc, settings.site_url)
            entries.append(SopEntry.of(doc))
            whole.add(doc)
            for name, rows in _csv_rows_of(doc).items():
                tables[name].write(rows)
        whole.close()
        tables["instansi"].write(_instansi_rows(head))
        evaluations = export_evaluations(analysis)
        write(urls.data_file(urls.evaluations_json()), json_text(evaluations))
        for name, rows in _evaluation_rows(evaluations).items():
            tables[name].write(rows)
    write(urls.data_file(urls.column_dictionary()), csv_text(DICTIONARY_TABLE.header, dictionary_rows()))
    write(urls.data_file(urls.column_dictionary("json")), json_text(dictionary_json()))
    _write_workbook(out_dir, written)
    for name in EXPORT_SCHEMAS:
        write(urls.data_file(urls.export_schema(name)), json_schema_text(name))
    write_catalogue_standards(write, json_text, _meta(analysis), entries, settings.site_url)
    write("README.txt", readme_text(_meta(analysis), settings))

    if clean:
        keep = {out_dir / rel for rel in written}
        for folder, pattern in STALE_FOLDERS:
            _remove_stale(out_dir / folder, keep, pattern)
    return sorted(written)


def _place_earlier(
    sop_id: str,
    earlier: Callable[[str], Path | None] | None,
    out_dir: Path,
    folders: set[Path],
    written: list[str],
) -> Document | None:
    """Place one SOP's files of an earlier export into ``out_dir``; its document, or None when one of its
    files is not there (then the caller makes them)."""
    if earlier is None:
        return None
    rels = sop_files(sop_id)
    found = [earlier(rel) for rel in rels]
    if any(path is None for path in found):
        return None
    try:
        doc = json.loads(found[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for rel, path in zip(rels, found, strict=True):
        target = out_dir / rel
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.unlink(missing_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copyfile(path, target)
        written.append(rel)
    return doc


def export_evaluations(analysis: Analysis) -> Document:
    """``data/evaluasi.json``: every evaluation of the analysed edition, its public keys only (the keys the
    records format marks internal are not exported in any edition)."""
    monev = analysis.monev
    items = []
    for sop_id, records in analysis.catalogue.records.items():
        sop = analysis.catalogue.sops[sop_id]
        for ev in records.evaluasi:
            items.append(
                {
                    "sop_id": sop_id,
                    "instansi_id": sop.agency_id,
                    "periode": ev.periode,
                    "tanggal": _date(ev.tanggal),
                    "hasil": ev.hasil,
                    "kriteria": {c.key: c.nilai for c in ev.kriteria},
                    "rekomendasi": list(ev.rekomendasi),
                    "tindak_lanjut": [
                        {
                            "uraian": f.uraian,
                            "penanggung_jawab": f.penanggung_jawab,
                            "batas_waktu": _date(f.batas_waktu),
                            "status": f.status,
                            "terlambat": is_overdue(f, monev.today),
                        }
                        for f in ev.tindak_lanjut
                    ],
                }
            )
    return {
        "versi_format": FORMAT_VERSION,
        "tanggal_data": _date(monev.today),
        "periode_terakhir": monev.period,
        "evaluasi": items,
    }


def _evaluation_rows(document: Document) -> dict[str, list[dict[str, Any]]]:
    evaluations, follow_ups = [], []
    for ev in document["evaluasi"]:
        evaluations.append(
            {
                "sop_id": ev["sop_id"],
                "instansi_id": ev["instansi_id"],
                "periode": ev["periode"],
                "tanggal": ev["tanggal"],
                "hasil": ev["hasil"],
                **{f"kriteria_{key}": value for key, value in ev["kriteria"].items()},
                "rekomendasi": ev["rekomendasi"],
                "jumlah_tindak_lanjut": len(ev["tindak_lanjut"]),
                "jumlah_tindak_lanjut_terbuka": sum(
                    1
                    for f in ev["tindak_lanjut"]
                    if f["status"] != FOLLOW_UP_DONE  # FollowUp.is_open
                ),
            }
        )
        for i, f in enumerate(ev["tindak_lanjut"], 1):
            follow_ups.append({"sop_id": ev["sop_id"], "periode": ev["periode"], "urutan": i, **f})
    return {"evaluasi": evaluations, "tindak-lanjut": follow_ups}


def _write_workbook(out_dir: Path, written: list[str]) -> None:
    """``katalog.xlsx`` from the CSV tables just written (see :mod:`catalogue.export.spreadsheet`), under a
    temporary name until complete, like every other file."""
    rel = urls.data_file(urls.workbook())
    sheets = [
        Sheet(t.name, out_dir / urls.data_file(urls.csv_table(t.name)), _number_columns(t)) for t in TABLES
    ]
    sheets.append(Sheet("kamus-kolom", out_dir / urls.data_file(urls.column_dictionary())))
    partial = out_dir / (rel + ".sebagian")
    try:
        write_workbook(partial, sheets)
        os.replace(partial, out_dir / rel)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    written.append(rel)


def _number_columns(table: Table) -> frozenset[str]:
    return frozenset(c.name for c in table.columns if c.type in ("bilangan", "bilangan bulat"))


def replace_folder(out: Path, fill: Callable[[Path], T]) -> T:
    """Fill a new folder beside ``out`` and swap it in whole: an export that fails half way leaves ``out`` as
    it was, never new documents beside an old katalog.json."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.baru-", dir=out.parent))
    try:
        result = fill(new)
        new.chmod(0o755)  # mkdtemp makes it private; the export is for publishing
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.lama-", dir=out.parent))
            os.replace(out, old / "isi")
            os.replace(new, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(new, out)
        return result
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise


def _remove_stale(folder: Path, keep: set[Path], pattern: str = "*.json") -> None:
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob(pattern)):
        if path not in keep:
            path.unlink()
    for path in sorted((p for p in folder.rglob("*") if p.is_dir()), key=lambda p: -len(p.parts)):
        if not any(path.iterdir()):
            path.rmdir()


def read_export(out_dir: Path) -> Document:
    """The ``katalog.json`` of an export folder."""
    return json.loads((Path(out_dir) / urls.data_file(urls.catalogue_json())).read_text(encoding="utf-8"))


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _duration(waktu: Document) -> Duration:
    if not waktu["terurai"]:
        return Duration(raw=waktu["teks"] or "", parsed=False)
    return Duration(
        waktu["teks"] or "",
        True,
        float(waktu["kerja_menit_min"]),
        float(waktu["kerja_menit_maks"]),
        float(waktu["kalender_hari_min"]),
        float(waktu["kalender_hari_maks"]),
    )


def load_sop_document(doc: Document, base: Path) -> Sop:
    """An SOP back from its exported document; ``base`` is the folder ``berkas_sumber`` is relative to."""
    pemda_slug, agency_slug, slug = doc["id"].split("/")
    signer = doc["disahkan_oleh"]
    sumber = doc["sumber"]
    steps = []
    for step in doc["langkah"]:
        performer = step["pelaksana"]
        steps.append(
            Step(
                no=step["no"],
                kegiatan=step["kegiatan"],
                kind=step["jenis"],
                pelaksana=performer["kolom"] if performer else None,
                pelaksana_status=performer["status"] if performer else "tertulis",
                pelaksana_alasan=performer["alasan"] if performer else None,
                ya=step["ya"],
                tidak=step["tidak"],
                kelengkapan=tuple(step["kelengkapan"]),
                waktu=_duration(step["waktu"]),
                output=step["output"],
                keterangan=step["keterangan"],
                catatan=step["catatan"],
                index=step["urutan"] - 1,
            )
        )
    return Sop(
        pemda_slug=pemda_slug,
        agency_slug=agency_slug,
        slug=slug,
        nomor=doc["nomor"],
        nama=doc["nama"],
        unit_kerja=doc["unit_kerja"],
        tanggal_pembuatan=_parse_date(doc["tanggal_pembuatan"]),
        tanggal_revisi=_parse_date(doc["tanggal_revisi"]),
        tanggal_efektif=_parse_date(doc["tanggal_efektif"]),
        disahkan_oleh=Signer(**signer) if signer else None,
        topik=doc["topik"],
        dasar_hukum=tuple(
            DasarHukum(
                d["teks"],
                None
                if d["rujukan_manual"] is None
                else tuple(LegalReference(**r) for r in d["rujukan_manual"]),
            )
            for d in doc["dasar_hukum"]
        ),
        kualifikasi_pelaksana=tuple(doc["kualifikasi_pelaksana"]),
        keterkaitan=tuple(Keterkaitan(k["teks"], k["target"]) for k in doc["keterkaitan"]),
        peralatan_perlengkapan=tuple(doc["peralatan_perlengkapan"]),
        peringatan=tuple(doc["peringatan"]),
        pencatatan_pendataan=tuple(doc["pencatatan_pendataan"]),
        pelaksana=tuple(c["kolom"] for c in doc["pelaksana"]),
        langkah=tuple(steps),
        sumber=Provenance(
            sumber["dokumen"],
            sumber["jenis_dokumen"],
            _parse_date(sumber["diimpor"]),
            tuple(sumber["catatan"]),
            _absolute(base, sumber["berkas"]) if sumber["berkas"] else None,
        )
        if sumber
        else None,
        url_lama=tuple(doc["url_lama"]),
        # An export of an earlier release has no status: its SOPs were all in force.
        status=doc.get("status", "berlaku"),
        digantikan_oleh=doc.get("digantikan_oleh"),
        tanggal_dicabut=_parse_date(doc.get("tanggal_dicabut")),
        alasan_dicabut=doc.get("alasan_dicabut"),
        tanggal_tinjau=_parse_date((doc.get("tinjau") or {}).get("jatuh_tempo"))
        if (doc.get("tinjau") or {}).get("dasar") == "tanggal_tinjau"
        else None,
        belum_ditinjau=tuple(
            ReviewMark(parse_field_path(m["bidang"]), m["pesan"], m["baris"], m["kolom"])
            for m in doc["belum_ditinjau"]
        ),
        source=_absolute(base, doc["berkas_sumber"]),
    )


def _absolute(base: Path, rel: str) -> Path:
    return Path(posixpath.normpath(posixpath.join(Path(os.path.abspath(base)).as_posix(), rel)))


def load_export(document: Document, base: Path) -> Catalogue:
    """The catalogue back from ``katalog.json`` (problems are not exported: the catalogue had no errors).
    Source paths are resolved against ``base``, the folder they were written relative to."""
    pemdas = {
        p["slug"]: Pemda(
            slug=p["slug"], nama=p["nama"], provinsi=p["provinsi"], source=_absolute(base, p["berkas_sumber"])
        )
        for p in document["pemda"]
    }
    agencies = {
        a["id"]: Agency(
            slug=a["slug"],
            pemda_slug=a["pemda"],
            nama=a["nama"],
            jenis=a["jenis"],
            alamat=a["alamat"],
            peran=tuple(RoleDefinition(r["nama"], tuple(r["alias"])) for r in a["peran"]),
            source=_absolute(base, a["berkas_sumber"]),
        )
        for a in document["instansi"]
    }
    sops = {d["id"]: load_sop_document(d, base) for d in document["sop"]}
    return Catalogue(
        root=_absolute(base, document["katalog"]["akar_sumber"]), pemdas=pemdas, agencies=agencies, sops=sops
    )
