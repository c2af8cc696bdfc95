"""Reading one SOP, agency or pemda source file into the model, with every per-file rule applied."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any

from catalogue.model import (
    Agency,
    DasarHukum,
    Keterkaitan,
    LegalReference,
    Pemda,
    Provenance,
    RoleDefinition,
    Signer,
    Sop,
    Step,
)
from catalogue.problems import FieldPath, Problem, ProblemLog, Severity
from catalogue.rules.durations import parse_duration
from catalogue.rules.links import link_problem, looks_like_url
from catalogue.rules.numbering import numbering_findings, step_key
from catalogue.text import MAX_SLUG_LENGTH, is_slug
from catalogue.urls import RESERVED_SOP_SLUGS

from . import format as fmt
from .depends import depends_on
from .review_marks import review_marks, review_problems
from .spec import Obj
from .yaml_reader import SourceReadError, locate, read

BOXES = {
    "dasar_hukum": "Dasar Hukum",
    "kualifikasi_pelaksana": "Kualifikasi Pelaksana",
    "keterkaitan": "Keterkaitan",
    "peralatan_perlengkapan": "Peralatan/Perlengkapan",
    "peringatan": "Peringatan",
    "pencatatan_pendataan": "Pencatatan dan Pendataan",
}
#: A creation date this long before the effective date is reported as a probable typo (seed 001: 2013/2023).
SUSPICIOUS_DATE_GAP_DAYS = 3 * 365


def _with_positions(problems: list[Problem], text: str | None) -> list[Problem]:
    if text is None:
        return problems
    out = []
    for p in problems:
        if p.line is None:
            line, column = locate(text, p.field)
            p = Problem(p.severity, p.file, p.message, p.field, line, column)
        out.append(p)
    return out


def _read_checked(
    path: Path, spec: Obj, log: ProblemLog, text: str | None = None
) -> tuple[dict[str, Any] | None, str | None]:
    try:
        source = read(path, text)
    except SourceReadError as exc:
        log.problems.append(Problem(Severity.ERROR, path, exc.message, (), exc.line, exc.column))
        return None, None
    if source.data is None:
        log.error(path, (), "berkas kosong. Lihat contoh dengan `sop new`.")
        return None, source.text

    def report(field_path: FieldPath, message: str) -> None:
        log.error(path, field_path, message)

    checked = spec.check(source.data, (), report)
    return checked, source.text


def read_pemda(path: Path, slug: str) -> tuple[Pemda | None, list[Problem]]:
    log = ProblemLog()
    data, text = _read_checked(path, fmt.PEMDA, log)
    pemda = None
    if data is not None and not log.has_errors:
        pemda = Pemda(slug=slug, nama=data["nama"], provinsi=data.get("provinsi"), source=path)
    return pemda, _with_positions(log.problems, text)


def read_agency(path: Path, pemda_slug: str, slug: str) -> tuple[Agency | None, list[Problem]]:
    log = ProblemLog()
    data, text = _read_checked(path, fmt.AGENCY, log)
    agency = None
    if data is not None and not log.has_errors:
        roles = tuple(
            RoleDefinition(r["nama"], tuple(r.get("alias", ()))) for r in data.get("peran", []) if r
        )
        agency = Agency(
            slug=slug,
            pemda_slug=pemda_slug,
            nama=data["nama"],
            jenis=data.get("jenis"),
            alamat=data.get("alamat"),
            peran=roles,
            source=path,
        )
    return agency, _with_positions(log.problems, text)


def read_sop(
    path: Path, pemda_slug: str, agency_slug: str, text: str | None = None
) -> tuple[Sop | None, list[Problem]]:
    """Read and check one SOP file (or ``text``, an old version of it). The SOP is None when it has errors."""
    log = ProblemLog()
    data, text = _read_checked(path, fmt.SOP, log, text)
    sop = None
    if data is not None and not log.has_errors:
        sop = _build_sop(path, pemda_slug, agency_slug, data, log)
        if log.has_errors:
            sop = None
    problems = _with_positions(log.problems, text)
    if sop is not None and text is not None:
        marks = review_marks(text)
        if marks:
            sop = dataclasses.replace(sop, belum_ditinjau=marks)
            problems += review_problems(path, marks)
    return sop, problems


def _build_steps(path: Path, data: dict[str, Any], log: ProblemLog) -> tuple[Step, ...]:
    roles: list[str] = data["pelaksana"]
    role_set = set(roles)
    raw_steps: list[dict[str, Any]] = data["langkah"]
    numbers = [s["no"] for s in raw_steps]
    keys = [step_key(n) for n in numbers]
    steps = []
    last = len(raw_steps) - 1
    for i, raw in enumerate(raw_steps):
        here: FieldPath = ("langkah", i)
        performer = raw.get("pelaksana")
        if performer is not None and performer not in role_set:
            known = ", ".join(f"'{r}'" for r in roles)
            log.error(
                path,
                here + ("pelaksana",),
                f"pelaksana '{performer}' bukan salah satu kolom peran SOP ini ({known}). "
                "Tulis persis seperti pada daftar `pelaksana`, atau tambahkan perannya ke daftar itu.",
            )
        if performer is None:
            log.warning(
                path,
                here + ("pelaksana",),
                "pelaksana belum ditentukan; langkah ditampilkan tanpa kolom peran. "
                "Isi dengan salah satu peran dari daftar `pelaksana`.",
            )
        status = raw.get("pelaksana_status", "tertulis")
        if performer is None and "pelaksana_status" in raw:
            log.error(
                path, here + ("pelaksana_status",), "pelaksana_status tanpa pelaksana; isi `pelaksana`."
            )
        kind = raw.get("jenis") or ("terminator" if i in (0, last) else "proses")
        ya, tidak = raw.get("ya"), raw.get("tidak")
        if kind == "keputusan":
            for key in ("ya", "tidak"):
                if raw.get(key) is None:
                    log.error(
                        path,
                        here + (key,),
                        f"langkah keputusan harus punya cabang '{key}': nomor langkah tujuan bila "
                        f"{'Ya' if key == 'ya' else 'Tidak'}.",
                    )
                    continue
                if str(raw[key]).strip() == fmt.BRANCH_ENDS:
                    continue  # this branch ends the procedure
                target = step_key(raw[key])
                count = keys.count(target)
                if count == 0:
                    log.error(
                        path,
                        here + (key,),
                        f"cabang '{key}' menuju langkah '{raw[key]}' yang tidak ada. "
                        f"Nomor langkah yang ada: {', '.join(numbers)}.",
                    )
                elif count > 1:
                    log.error(
                        path,
                        here + (key,),
                        f"cabang '{key}' menuju nomor '{raw[key]}' yang dipakai lebih dari satu langkah; "
                        "perbaiki penomoran agar tujuan jelas.",
                    )
                elif target == keys[i]:
                    log.error(path, here + (key,), f"cabang '{key}' menuju langkah itu sendiri.")
            if ya is not None and tidak is not None and step_key(ya) == step_key(tidak):
                if str(ya).strip() == fmt.BRANCH_ENDS:
                    log.error(
                        path,
                        here,
                        "kedua cabang keputusan mengakhiri prosedur; satu cabang harus menuju langkah lain.",
                    )
                else:
                    log.warning(path, here, "cabang ya dan tidak menuju langkah yang sama.")
        else:
            for key in ("ya", "tidak"):
                if key in raw:
                    log.error(
                        path,
                        here + (key,),
                        f"'{key}' hanya berlaku untuk langkah `jenis: keputusan`; "
                        "tambahkan `jenis: keputusan` atau hapus kunci ini.",
                    )
        duration = parse_duration(raw.get("waktu"))
        if "waktu" not in raw:
            log.warning(path, here + ("waktu",), "waktu (mutu baku) tidak diisi.")
        elif not duration.parsed:
            log.warning(
                path,
                here + ("waktu",),
                f"waktu '{raw['waktu']}' tidak dapat dihitung; langkah ini tidak ikut dalam total waktu. "
                "Bentuk yang dikenal: '15 menit', '2 jam', '1-2 hari', '3 hari kerja', '1 minggu'.",
            )
        steps.append(
            Step(
                no=raw["no"],
                kegiatan=raw["kegiatan"],
                kind=kind,
                pelaksana=performer,
                pelaksana_status=status,
                pelaksana_alasan=raw.get("pelaksana_alasan"),
                ya=ya,
                tidak=tidak,
                kelengkapan=tuple(raw.get("kelengkapan", ())),
                waktu=duration,
                output=raw.get("output"),
                keterangan=raw.get("keterangan"),
                catatan=raw.get("catatan"),
                index=i,
            )
        )
    for i, message in numbering_findings(numbers):
        log.warning(path, ("langkah", i, "no"), message)
    unused = [r for r in roles if not any(s.pelaksana == r for s in steps)]
    for r in unused:
        log.warning(path, ("pelaksana", roles.index(r)), f"peran '{r}' tidak melaksanakan satu langkah pun.")
    for i, r in enumerate(roles):
        if roles.index(r) != i:
            log.error(
                path, ("pelaksana", i), f"peran '{r}' tercantum dua kali; setiap kolom peran harus unik."
            )
    return tuple(steps)


def _check_dates(path: Path, data: dict[str, Any], log: ProblemLog) -> None:
    made: dt.date | None = data.get("tanggal_pembuatan")
    revised: dt.date | None = data.get("tanggal_revisi")
    effective: dt.date | None = data.get("tanggal_efektif")
    if made and revised and revised < made:
        log.warning(path, ("tanggal_revisi",), "tanggal revisi lebih awal daripada tanggal pembuatan.")
    if made and effective and effective < made:
        log.warning(path, ("tanggal_efektif",), "tanggal efektif lebih awal daripada tanggal pembuatan.")
    if made and effective and (effective - made).days > SUSPICIOUS_DATE_GAP_DAYS:
        log.warning(
            path,
            ("tanggal_pembuatan",),
            f"tanggal pembuatan {made.year} jauh sebelum tanggal efektif {effective.year}; "
            "periksa kemungkinan salah ketik tahun dan catat di sumber.catatan.",
        )
    if effective is None:
        log.warning(path, ("tanggal_efektif",), "tanggal efektif/pengesahan tidak diisi.")


def _check_url_lama(path: Path, old_slugs: list[str], log: ProblemLog) -> None:
    """Each old slug becomes a page of this agency's folder (a redirect), so it must be a slug no page uses."""
    seen: set[str] = set()
    for i, old in enumerate(old_slugs):
        where: FieldPath = ("url_lama", i)
        if not is_slug(old):
            log.error(
                path,
                where,
                f"url_lama '{old[:120]}' bukan nama berkas lama yang sah: tulis slug lama saja, huruf "
                f"kecil, angka dan tanda hubung (mis. 'pengukuran-kinerja-lama'), paling panjang {MAX_SLUG_LENGTH} "
                "karakter.",
            )
        elif old == path.stem:
            log.error(path, where, f"url_lama '{old}' sama dengan nama berkas ini; hapus butir ini.")
        elif old in RESERVED_SOP_SLUGS:
            log.error(
                path,
                where,
                f"url_lama '{old}' dipakai untuk halaman jabatan instansi; tidak dapat dialihkan.",
            )
        elif old in seen:
            log.error(path, where, f"url_lama '{old}' tercantum dua kali; hapus salah satunya.")
        seen.add(old)


def _legal_reference(raw: dict[str, Any]) -> LegalReference:
    return LegalReference(
        jenis=raw["jenis"],
        nomor=raw["nomor"],
        tahun=raw["tahun"],
        penerbit=raw.get("penerbit"),
        tentang=raw.get("tentang"),
    )


#: What ``sumber.berkas`` may be: the signed document or a scan of it, or the text extracted from it.
ORIGINAL_DOCUMENT_SUFFIXES = (".pdf", ".docx", ".doc", ".odt", ".png", ".jpg", ".jpeg", ".txt")


def _original_document(path: Path, written: str | None, log: ProblemLog) -> Path | None:
    """The source document file ``sumber.berkas`` names, relative to the SOP file ``path``: an existing file
    of a document kind, inside the catalogue folder (it is published with the site, so nothing outside the
    catalogue may be named). None, with an error, otherwise."""
    if written is None:
        return None
    field = ("sumber", "berkas")
    if looks_like_url(written) or Path(written).is_absolute():
        log.error(
            path,
            field,
            f"'{written}' harus jalur berkas relatif terhadap berkas SOP ini, mis. dokumen/sop.pdf.",
        )
        return None
    root = path.parent.parent.parent  # <root>/<pemda>/<instansi>/<slug>.yml
    target = Path(os.path.abspath(path.parent / written))  # lexically, as the SOP files' own paths
    if not target.is_relative_to(Path(os.path.abspath(root))):
        log.error(
            path, field, f"'{written}' berada di luar folder katalog; simpan dokumen di folder instansi."
        )
        return None
    if target.suffix.lower() not in ORIGINAL_DOCUMENT_SUFFIXES:
        kinds = ", ".join(s.lstrip(".") for s in ORIGINAL_DOCUMENT_SUFFIXES)
        log.error(path, field, f"'{written}' bukan jenis dokumen yang diterbitkan ({kinds}).")
        return None
    if not Path(os.path.realpath(target)).is_relative_to(Path(os.path.realpath(root))):
        log.error(
            path,
            field,
            f"'{written}' adalah tautan ke berkas di luar folder katalog; salin berkasnya ke sini.",
        )
        return None
    depends_on(target)  # a cached parse is read again when the document is added, removed or replaced
    if not target.is_file():
        log.error(
            path,
            field,
            f"berkas '{written}' tidak ditemukan (dicari di {target}); periksa nama dan foldernya.",
        )
        return None
    return target


def _build_sop(path: Path, pemda_slug: str, agency_slug: str, data: dict[str, Any], log: ProblemLog) -> Sop:
    for key, label in BOXES.items():
        if not data.get(key):
            log.warning(path, (key,), f"kotak {label} kosong.")
    _check_dates(path, data, log)
    steps = _build_steps(path, data, log)
    signer_raw = data.get("disahkan_oleh")
    signer = Signer(**signer_raw) if signer_raw else None
    if signer is None:
        log.warning(path, ("disahkan_oleh",), "pengesah (disahkan_oleh) tidak diisi.")
    sumber_raw = data.get("sumber")
    sumber = None
    # Written as an address, the source document becomes a link on the SOP page.
    if sumber_raw and looks_like_url(sumber_raw["dokumen"]) and (why := link_problem(sumber_raw["dokumen"])):
        log.error(path, ("sumber", "dokumen"), why)
    if sumber_raw:
        sumber = Provenance(
            dokumen=sumber_raw["dokumen"],
            jenis_dokumen=sumber_raw.get("jenis_dokumen"),
            diimpor=sumber_raw.get("diimpor"),
            catatan=tuple(sumber_raw.get("catatan", ())),
            berkas=_original_document(path, sumber_raw.get("berkas"), log),
        )
    _check_url_lama(path, data.get("url_lama", ()), log)
    return Sop(
        pemda_slug=pemda_slug,
        agency_slug=agency_slug,
        slug=path.stem,
        nomor=data["nomor"],
        nama=data["nama"],
        tanggal_pembuatan=data.get("tanggal_pembuatan"),
        tanggal_revisi=data.get("tanggal_revisi"),
        tanggal_efektif=data.get("tanggal_efektif"),
        disahkan_oleh=signer,
        topik=data.get("topik"),
        dasar_hukum=tuple(
            DasarHukum(
                d["teks"], tuple(_legal_reference(r) for r in d["rujukan"]) if d.get("rujukan") else None
            )
            for d in data.get("dasar_hukum", [])
            if d
        ),
        kualifikasi_pelaksana=tuple(data.get("kualifikasi_pelaksana", ())),
        keterkaitan=tuple(Keterkaitan(k["teks"], k.get("target")) for k in data.get("keterkaitan", []) if k),
        peralatan_perlengkapan=tuple(data.get("peralatan_perlengkapan", ())),
        peringatan=tuple(data.get("peringatan", ())),
        pencatatan_pendataan=tuple(data.get("pencatatan_pendataan", ())),
        pelaksana=tuple(data["pelaksana"]),
        langkah=steps,
        sumber=sumber,
        url_lama=tuple(data.get("url_lama", ())),
        source=path,
        unit_kerja=data.get("unit_kerja"),
        draf=data.get("draf", False),
        status=data.get("status", "berlaku"),
        digantikan_oleh=data.get("digantikan_oleh"),
        tanggal_dicabut=data.get("tanggal_dicabut"),
        alasan_dicabut=data.get("alasan_dicabut"),
        tanggal_tinjau=data.get("tanggal_tinjau"),
    )
