"""Catalogue-wide metadata: the catalogue's name, its publisher, the licence of its data and how to cite it.

Read from ``content/katalog.yml`` (beside ``content/sops``) and used by both ``sop export`` and the site, so
the licence printed on the data page is the licence written into every exported file. A catalogue without
the file still builds, but its data carries no licence (``lisensi: null``) and a warning says so: a licence
is never invented.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue.problems import Problem, ProblemLog, Severity
from catalogue.rules.links import link_problem, looks_like_url
from catalogue.rules.review_due import REVIEW_AFTER_YEARS

from .files import _read_checked, _with_positions
from .spec import Count, Field, Obj, Text

#: The metadata file's name; by default it sits beside the catalogue root (``content/katalog.yml``).
META_FILE = "katalog.yml"
DEFAULT_NAME = "Katalog SOP Administrasi Pemerintahan"

#: Licences commonly used for open government data, by SPDX identifier: (Indonesian name, licence URL).
#: A licence listed here needs only its identifier in ``katalog.yml``.
KNOWN_LICENCES: dict[str, tuple[str, str]] = {
    "CC-BY-4.0": (
        "Creative Commons Atribusi 4.0 Internasional",
        "https://creativecommons.org/licenses/by/4.0/deed.id",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Atribusi-BerbagiSerupa 4.0 Internasional",
        "https://creativecommons.org/licenses/by-sa/4.0/deed.id",
    ),
    "CC0-1.0": (
        "Creative Commons Zero 1.0 Universal (domain publik)",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.id",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License 1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication and License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
}

LICENCE = Obj(
    title="Lisensi",
    shorthand="id",
    fields=(
        Field(
            "id",
            Text(),
            "Pengenal SPDX lisensi data (mis. `CC-BY-4.0`, `CC0-1.0`, `ODbL-1.0`).",
            True,
            "CC-BY-4.0",
        ),
        Field("nama", Text(), "Nama lisensi; bawaan: nama baku untuk pengenal yang dikenal."),
        Field(
            "url",
            Text(),
            "Alamat teks lisensi; wajib bila pengenalnya tidak dikenal katalog.",
            example="https://creativecommons.org/licenses/by/4.0/deed.id",
        ),
    ),
)

CATALOGUE_META = Obj(
    title="Katalog",
    fields=(
        Field("nama", Text(), "Nama katalog, seperti dicantumkan pada data terbuka.", True, DEFAULT_NAME),
        Field(
            "penerbit",
            Text(),
            "Lembaga yang menerbitkan katalog dan bertanggung jawab atas datanya.",
            True,
            "Bagian Organisasi Sekretariat Daerah Kabupaten Contoh",
        ),
        Field("deskripsi", Text(), "Uraian singkat isi katalog."),
        Field("lisensi", LICENCE, "Lisensi data terbuka: pengenal SPDX, atau pengenal, nama dan url.", True),
        Field(
            "cara_mengutip",
            Text(),
            "Cara mengutip katalog yang dianjurkan; bawaan: disusun dari penerbit, nama dan lisensi.",
        ),
        Field("kontak", Text(), "Alamat surel atau halaman kontak untuk pertanyaan dan koreksi data."),
        Field(
            "siklus_tinjau_tahun",
            Count(minimum=1, maximum=20),
            "Siklus peninjauan SOP dalam tahun, dihitung dari tanggal terakhir SOP (revisi, efektif, atau "
            "pembuatan) bila SOP tidak menyebut `tanggal_tinjau`. Bawaan: 3.",
            example=3,
        ),
    ),
)


@dataclass(frozen=True)
class Licence:
    id: str
    nama: str | None
    url: str | None


@dataclass(frozen=True)
class CatalogueMeta:
    """What ``katalog.yml`` says; ``source`` is None when the file does not exist."""

    nama: str = DEFAULT_NAME
    penerbit: str | None = None
    deskripsi: str | None = None
    lisensi: Licence | None = None
    cara_mengutip: str | None = None
    kontak: str | None = None
    siklus_tinjau_tahun: int = REVIEW_AFTER_YEARS
    source: Path | None = None

    def citation(self, site_url: str | None = None) -> str:
        """The recommended citation of the whole catalogue: as written, or composed from the metadata."""
        if self.cara_mengutip:
            return self.cara_mengutip
        parts = [p for p in (self.penerbit, self.nama) if p]
        text = ". ".join(parts) + "."
        text += " Data terbuka"
        if self.lisensi:
            text += f", lisensi {self.lisensi.id}"
        text += "."
        if site_url:
            text += f" {site_url}"
        return text


def default_meta_path(catalogue_root: Path) -> Path:
    """Where the metadata file is looked for when no path is given: beside the catalogue root."""
    return Path(catalogue_root).parent / META_FILE


def read_catalogue_meta(path: Path) -> tuple[CatalogueMeta | None, list[Problem]]:
    """Read and check ``katalog.yml``. A missing file gives the default metadata (no licence) and a warning;
    a file with errors gives None and the errors, with positions."""
    path = Path(path)
    if not path.is_file():
        return CatalogueMeta(), [
            Problem(
                Severity.WARNING,
                path,
                f"{META_FILE} tidak ada: data terbuka diterbitkan tanpa lisensi dan penerbit. Buat berkas ini "
                "dengan `nama`, `penerbit` dan `lisensi` (mis. `lisensi: CC-BY-4.0`).",
            )
        ]
    log = ProblemLog()
    data, text = _read_checked(path, CATALOGUE_META, log)
    meta = None
    if data is not None and not log.has_errors:
        licence = _licence(path, data["lisensi"], log)
        kontak = data.get("kontak")
        if kontak and looks_like_url(kontak) and (why := link_problem(kontak, mailto=True)) is not None:
            log.error(path, ("kontak",), why)
        meta = CatalogueMeta(
            nama=data["nama"],
            penerbit=data["penerbit"],
            deskripsi=data.get("deskripsi"),
            lisensi=licence,
            cara_mengutip=data.get("cara_mengutip"),
            kontak=data.get("kontak"),
            siklus_tinjau_tahun=data.get("siklus_tinjau_tahun", REVIEW_AFTER_YEARS),
            source=path,
        )
        if log.has_errors:
            meta = None
    return meta, _with_positions(log.problems, text)


def _licence(path: Path, raw: dict[str, Any], log: ProblemLog) -> Licence:
    known = KNOWN_LICENCES.get(raw["id"])
    if known is None:
        # SPDX identifiers are case-sensitive, but "cc-by-4.0" can only mean one thing.
        folded = {k.casefold(): k for k in KNOWN_LICENCES}
        if raw["id"].casefold() in folded:
            log.error(
                path, ("lisensi", "id"), f"tulis pengenal lisensi persis: '{folded[raw['id'].casefold()]}'."
            )
        elif "url" not in raw:
            close = difflib.get_close_matches(raw["id"], list(KNOWN_LICENCES), n=1, cutoff=0.6)
            hint = f" Maksud Anda '{close[0]}'?" if close else f" Yang dikenal: {', '.join(KNOWN_LICENCES)}."
            log.error(
                path,
                ("lisensi", "id"),
                f"lisensi '{raw['id']}' tidak dikenal katalog; tambahkan `url` teks lisensinya.{hint}",
            )
    if raw.get("url") and (why := link_problem(raw["url"], relative=False)) is not None:
        log.error(path, ("lisensi", "url"), why)
    nama = raw.get("nama") or (known[0] if known else None)
    url = raw.get("url") or (known[1] if known else None)
    return Licence(id=raw["id"], nama=nama, url=url)


def json_schema() -> dict[str, Any]:
    """JSON Schema of ``katalog.yml`` (for editors), generated from the spec above."""
    from .format import SCHEMA_BASE

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}katalog.schema.json",
        **CATALOGUE_META.schema(),
    }


def json_schema_text() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
