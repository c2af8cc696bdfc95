"""The curated regulation registry (``content/peraturan.yml``): official titles, status and replacements.

The registry is reviewed data, like the SOP sources: every fact carries its source (``sumber``) and every
uncertainty a ``catatan``. This module reads it with the project's YAML reader, checks it, and returns typed
entries keyed by :func:`catalogue.rules.citations.regulation_id`. Problems name the file and line to fix; an entry
with an error is left out, the rest is still usable.

Rules checked, besides field types:

* the identity (jenis, penerbit, nomor, tahun) must be readable by the citation grammar and unique;
* ``status: dicabut`` needs ``dicabut_oleh`` and ``sumber``; ``status: diubah`` needs ``diubah_oleh`` and
  ``sumber``; ``status: berlaku`` needs ``sumber`` or a ``catatan`` saying on what the status rests;
* ``dicabut_oleh`` only with ``status: dicabut``; references must parse to exactly one regulation and not to
  the entry itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from catalogue.model import LegalReference
from catalogue.problems import FieldPath, Problem, Severity
from catalogue.rules.citations import (
    JENIS_WITHOUT_ISSUER,
    canonical_reference,
    parse_citation,
    regulation_id,
    short_name,
)

from .yaml_reader import SourceReadError, locate, read

REGISTRY_FILE = "peraturan.yml"
STATUSES = ("berlaku", "dicabut", "diubah")
_FIELDS = (
    "jenis",
    "penerbit",
    "nomor",
    "tahun",
    "tentang",
    "status",
    "dicabut_oleh",
    "diubah_oleh",
    "melaksanakan",
    "sumber",
    "catatan",
)
_REFERENCE_LISTS = ("dicabut_oleh", "diubah_oleh", "melaksanakan")
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


@dataclass(frozen=True)
class RegistryEntry:
    """What the registry states about one regulation."""

    reference: LegalReference  # canonical, with the official title as ``tentang``
    status: str | None  # berlaku | dicabut | diubah | None (not verified)
    dicabut_oleh: tuple[LegalReference, ...] = ()
    diubah_oleh: tuple[LegalReference, ...] = ()
    melaksanakan: tuple[LegalReference, ...] = ()
    sumber: str | None = None
    catatan: str | None = None
    line: int | None = None

    @property
    def id(self) -> str:
        return regulation_id(self.reference)

    @property
    def is_revoked(self) -> bool:
        return self.status == "dicabut"


@dataclass(frozen=True)
class RegulationRegistry:
    """All valid entries by regulation id, plus the problems found in the file."""

    entries: dict[str, RegistryEntry] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    source: Path | None = None

    def get(self, ref: LegalReference | str) -> RegistryEntry | None:
        return self.entries.get(ref if isinstance(ref, str) else regulation_id(ref))

    def __contains__(self, ref: LegalReference | str) -> bool:
        return self.get(ref) is not None

    def __len__(self) -> int:
        return len(self.entries)

    def replacements(self, ref: LegalReference | str) -> tuple[LegalReference, ...]:
        """The regulations in force that replace a revoked one, following chains of revocations.

        A replacement the registry says nothing about is taken as it is (nothing says it was revoked)."""
        start = self.get(ref)
        if start is None or not start.is_revoked:
            return ()
        out: dict[str, LegalReference] = {}
        seen = {start.id}
        queue = list(start.dicabut_oleh)
        while queue:
            nxt = queue.pop(0)
            key = regulation_id(nxt)
            if key in seen:
                continue
            seen.add(key)
            entry = self.entries.get(key)
            if entry is not None and entry.is_revoked and entry.dicabut_oleh:
                queue.extend(entry.dicabut_oleh)
            else:
                out[key] = entry.reference if entry is not None else nxt
        return tuple(out.values())


def default_registry_path(catalogue_root: Path) -> Path:
    """Where the registry is looked for when no path is given: beside the catalogue root."""
    return Path(catalogue_root).parent / REGISTRY_FILE


def load_registry(path: Path) -> RegulationRegistry:
    """Read and check the registry file; a missing file is an empty registry (a catalogue may have none)."""
    path = Path(path)
    if not path.exists():
        return RegulationRegistry(source=path)
    try:
        source = read(path)
    except SourceReadError as exc:
        return RegulationRegistry(
            problems=(Problem(Severity.ERROR, path, exc.message, (), exc.line, exc.column),), source=path
        )
    return registry_from_data(source.data, path, source.text)


def registry_from_data(data: Any, path: Path, text: str = "") -> RegulationRegistry:
    """Check parsed registry data; ``text`` (the file's text) gives problems their line numbers."""
    problems: list[Problem] = []

    def problem(where: FieldPath, message: str) -> None:
        line, column = locate(text, where) if text else (None, None)
        problems.append(Problem(Severity.ERROR, path, message, tuple(where), line, column))

    if data is None:
        return RegulationRegistry(source=path)
    if not isinstance(data, dict) or set(data) - {"peraturan"}:
        problem((), "registri harus berisi satu kunci `peraturan:` berupa daftar peraturan.")
        return RegulationRegistry(problems=tuple(problems), source=path)
    items = data.get("peraturan") or []
    if not isinstance(items, list):
        problem(("peraturan",), "`peraturan` harus berupa daftar (setiap butir diawali '- ').")
        return RegulationRegistry(problems=tuple(problems), source=path)

    entries: dict[str, RegistryEntry] = {}
    for index, raw in enumerate(items):
        before = len(problems)
        entry = _entry(raw, ("peraturan", index), problem)
        if entry is None or len(problems) > before:
            continue
        if entry.id in entries:
            problem(
                ("peraturan", index),
                f"{short_name(entry.reference)} sudah tercatat di butir lain "
                f"(baris {entries[entry.id].line}); gabungkan keduanya.",
            )
            continue
        line = locate(text, ("peraturan", index))[0] if text else None
        entries[entry.id] = RegistryEntry(
            entry.reference,
            entry.status,
            entry.dicabut_oleh,
            entry.diubah_oleh,
            entry.melaksanakan,
            entry.sumber,
            entry.catatan,
            line,
        )
    return RegulationRegistry(entries, tuple(problems), path)


def _text(raw: dict, key: str, where: FieldPath, problem, *, required: bool = False) -> str | None:
    value = raw.get(key)
    if value is None or value == "":
        if required:
            problem(where + (key,), f"`{key}` wajib diisi.")
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        problem(where + (key,), f"`{key}` harus berupa teks.")
        return None
    return " ".join(str(value).split())


def _references(raw: dict, key: str, where: FieldPath, problem) -> tuple[LegalReference, ...]:
    value = raw.get(key)
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    out: list[LegalReference] = []
    for i, item in enumerate(values):
        at = where + (key, i) if isinstance(value, list) else where + (key,)
        if not isinstance(item, str):
            problem(at, f'`{key}` berisi rujukan singkat berupa teks, mis. "PP 12/2019".')
            continue
        parsed = parse_citation(item)
        if len(parsed.references) != 1:
            problem(
                at,
                f"rujukan '{item}' tidak dapat diuraikan menjadi satu peraturan; tulis seperti "
                '"PP 12/2019" atau "Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020".',
            )
            continue
        out.append(parsed.references[0])
    return tuple(out)


def _entry(raw: Any, where: FieldPath, problem) -> RegistryEntry | None:
    if not isinstance(raw, dict):
        problem(where, "setiap butir registri berisi kunci jenis, nomor, tahun, tentang, ….")
        return None
    for key in raw:
        if key not in _FIELDS:
            problem(where + (str(key),), f"kunci `{key}` tidak dikenal; yang dikenal: {', '.join(_FIELDS)}.")
    jenis = _text(raw, "jenis", where, problem, required=True)
    nomor = _text(raw, "nomor", where, problem)
    tahun = _text(raw, "tahun", where, problem, required=True)
    tentang = _text(raw, "tentang", where, problem, required=True)
    penerbit = _text(raw, "penerbit", where, problem)
    status = _text(raw, "status", where, problem)
    sumber = _text(raw, "sumber", where, problem)
    catatan = _text(raw, "catatan", where, problem)
    if jenis is None or tahun is None:
        return None
    if not _YEAR.match(tahun):
        problem(where + ("tahun",), f"tahun '{tahun}' harus empat angka, mis. 2019.")
        return None
    if nomor is None and jenis != "Undang-Undang Dasar":
        problem(where + ("nomor",), "`nomor` wajib diisi.")
        return None
    written = LegalReference(jenis=jenis, nomor=nomor or "", tahun=tahun, penerbit=penerbit, tentang=tentang)
    reference = canonical_reference(written)
    if reference is written:
        problem(
            where + ("jenis",),
            f"jenis '{jenis}'{f' dengan penerbit {penerbit!r}' if penerbit else ''} "
            "tidak dikenali; gunakan bentuk lengkap, mis. Peraturan Menteri + Menteri "
            "Dalam Negeri.",
        )
        return None
    if reference.penerbit is None and reference.jenis not in JENIS_WITHOUT_ISSUER:
        problem(
            where + ("penerbit",),
            f"{reference.jenis} memerlukan `penerbit` (mis. Menteri Dalam Negeri, "
            "Bupati Tebo): tanpa penerbit identitasnya tidak unik.",
        )
        return None
    refs = {key: _references(raw, key, where, problem) for key in _REFERENCE_LISTS}
    own = regulation_id(reference)
    for key, values in refs.items():
        if any(regulation_id(r) == own for r in values):
            problem(where + (key,), f"`{key}` menunjuk peraturan ini sendiri.")
    if status is not None and status not in STATUSES:
        problem(
            where + ("status",),
            f"status '{status}' tidak dikenal; pilih {', '.join(STATUSES)}, atau "
            "kosongkan bila belum diverifikasi.",
        )
    if status == "dicabut" and not refs["dicabut_oleh"]:
        problem(where + ("status",), "status `dicabut` memerlukan `dicabut_oleh` (peraturan pencabutnya).")
    if status == "diubah" and not refs["diubah_oleh"]:
        problem(where + ("status",), "status `diubah` memerlukan `diubah_oleh` (peraturan pengubahnya).")
    if status in ("dicabut", "diubah") and sumber is None:
        problem(
            where + ("status",),
            f"status `{status}` memerlukan `sumber`: peraturan dan pasal yang menyatakannya.",
        )
    if status == "berlaku" and sumber is None and catatan is None:
        problem(
            where + ("status",),
            "status `berlaku` memerlukan `sumber` atau `catatan` yang menjelaskan dasarnya.",
        )
    if raw.get("dicabut_oleh") is not None and status != "dicabut":
        problem(where + ("dicabut_oleh",), "`dicabut_oleh` hanya bersama `status: dicabut`.")
    return RegistryEntry(
        reference, status, refs["dicabut_oleh"], refs["diubah_oleh"], refs["melaksanakan"], sumber, catatan
    )
