"""``sop import``: the command-line side of the importer."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import click

from catalogue.importer import UnreadableDocument, import_document
from catalogue.importer.ocr_lexicon import reviewed_words
from catalogue.source.files import read_agency, read_sop
from catalogue.source.load import AGENCY_FILE, PEMDA_FILE, SOURCE_SUFFIXES
from catalogue.source.yaml_reader import SourceReadError, parse, read_text
from catalogue.text import is_slug, slugify

from .files import write_new_file

#: Exit codes of ``sop import``.
EXIT_CLEAN, EXIT_REVIEW, EXIT_FAILED = 0, 1, 2


def _agency_roles(agency_dir: Path) -> list[tuple[str, tuple[str, ...]]]:
    agency, _ = read_agency(agency_dir / AGENCY_FILE, agency_dir.parent.name, agency_dir.name)
    if agency is None:
        return []
    return [(r.nama, r.alias) for r in agency.peran]


def _agency_words(agency_dir: Path) -> frozenset[str]:
    """Words of the agency's reviewed sources (its SOPs without open review marks, and _instansi.yml): what
    OCR correction may take as sure words of this agency ("Sekcam", "Penilik")."""
    texts = []
    for path in sorted(agency_dir.iterdir()):
        if path.name.endswith(SOURCE_SUFFIXES) and not path.name.startswith("."):
            with contextlib.suppress(OSError, UnicodeDecodeError):
                texts.append(path.read_text(encoding="utf-8"))
    return reviewed_words(texts)


def _taken_numbers(agency_dir: Path) -> dict[str, str]:
    """Nomor SOP already used in the agency folder (normalised → file name)."""
    taken: dict[str, str] = {}
    for path in sorted(agency_dir.iterdir()):
        if path.name.startswith(("_", ".")) or not path.name.endswith(SOURCE_SUFFIXES):
            continue
        try:
            data = parse(path, read_text(path))
        except SourceReadError:
            continue
        nomor = data.get("nomor") if isinstance(data, dict) else None
        key = " ".join(str(nomor or "").split()).lower()
        if key and key != "-":
            taken[key] = path.name
    return taken


def _free_slug(base: str, used: set[str]) -> str:
    slug, n = base, 2
    while slug in used:
        slug = f"{base}-{n}"
        n += 1
    return slug


#: Documents a folder given to ``sop import`` is searched for (other files in it are ignored).
DOCUMENT_SUFFIXES = (".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".txt")


@dataclass
class _Outcome:
    """One line of the batch summary: a document and what became of it."""

    document: Path
    written: list[Path] = field(default_factory=list)
    fields: int = 0
    reviews: int = 0
    sops_to_review: int = 0
    failure: str | None = None


def _documents(paths: tuple[Path, ...]) -> list[Path]:
    """The documents to import: files as given, and the documents inside given folders, by name."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in DOCUMENT_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    return out


@click.command("import")
@click.argument(
    "paths", metavar="DOKUMEN...", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path)
)
@click.option(
    "--instansi",
    "agency_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder instansi tujuan: content/sops/<pemda>/<instansi>/ (berisi _instansi.yml).",
)
@click.option("--force", is_flag=True, help="Timpa berkas SOP (dan berkas laporan) yang sudah ada.")
@click.option(
    "--laporan",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tulis juga daftar periksa ke berkas ini (Markdown); berkas yang sudah ada tidak ditimpa tanpa --force.",
)
@click.option("--quiet", "-q", is_flag=True, help="Ringkasan per berkas saja, tanpa daftar periksa.")
def import_command(
    paths: tuple[Path, ...], agency_dir: Path, force: bool, laporan: Path | None, quiet: bool
) -> None:
    """Impor dokumen SOP (.docx, .pdf, pindaian, atau teks hasil ekstraksi) sebagai draf berkas sumber.

    DOKUMEN adalah berkas dokumen atau folder berisi dokumen (seluruh dokumen instansi sekaligus). Satu YAML
    ditulis per SOP ke folder instansi, dengan komentar '# PERIKSA:' pada yang harus dipastikan seseorang.
    Kode keluar: 0 = ditulis, tidak ada yang perlu diperiksa; 1 = ditulis, perlu diperiksa; 2 = ada dokumen
    yang tidak dapat ditulis.
    """
    if not (agency_dir / AGENCY_FILE).is_file():
        raise click.ClickException(
            f"{agency_dir} bukan folder instansi: {AGENCY_FILE} tidak ada. Buat folder "
            "content/sops/<pemda>/<instansi>/ dengan _instansi.yml lebih dulu."
        )
    # Refused before any work: a report is never written over an existing file unasked.
    if laporan is not None and laporan.exists() and not force:
        raise click.ClickException(f"{laporan} sudah ada; tidak ditimpa (pilih berkas lain atau --force).")
    if not (agency_dir.parent / PEMDA_FILE).is_file():
        click.echo(
            f"Peringatan: {agency_dir.parent / PEMDA_FILE} tidak ada; `sop check` akan menolaknya.", err=True
        )
    documents = _documents(paths)
    if not documents:
        raise click.ClickException("tidak ada dokumen untuk diimpor (.docx, .pdf, gambar pindaian, .txt).")
    roles = _agency_roles(agency_dir)
    known = _agency_words(agency_dir)
    schema = os.path.relpath(Path(__file__).resolve().parents[2] / "schema" / "sop.schema.json", agency_dir)
    taken = _taken_numbers(agency_dir)
    used_slugs: set[str] = set()
    today = dt.date.today()
    outcomes: list[_Outcome] = []
    report: list[str] = []
    batch = len(documents) > 1
    with (
        click.progressbar(
            documents,
            label="Mengimpor",
            file=sys.stderr,
            show_pos=True,
            item_show_func=lambda p: p.name if p else "",
        )
        if batch
        else _single(documents) as bar
    ):
        for path in bar:
            outcome = _Outcome(path)
            outcomes.append(outcome)
            try:
                imported = import_document(
                    path, roles, today=today, header=_header(path, today, schema), known=known
                )
            except UnreadableDocument as exc:
                outcome.failure = str(exc)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch of hundreds
                outcome.failure = f"gagal dibaca ({type(exc).__name__}: {exc}). Laporkan dokumen ini."
                continue
            for item in imported:
                _write_one(
                    item, path, agency_dir, force, taken, used_slugs, today, schema, outcome, report, quiet
                )
    _summary(outcomes, batch)
    written = sum(len(o.written) for o in outcomes)
    needs_review = sum(o.sops_to_review for o in outcomes)
    failed = sum(1 for o in outcomes if o.failure)
    click.echo(
        f"Selesai: {written} SOP ditulis dari {len(documents)} dokumen; {needs_review} perlu diperiksa"
        + (f"; {failed} gagal." if failed else ".")
    )
    if laporan is not None:
        try:
            write_new_file(laporan, "# Daftar periksa hasil impor\n\n" + "\n".join(report), force=force)
            click.echo(f"Daftar periksa: {laporan}")
        except (click.ClickException, OSError) as exc:
            failed += 1
            click.echo(f"{laporan}: daftar periksa tidak ditulis: {getattr(exc, 'message', None) or exc}")
    if failed:
        sys.exit(EXIT_FAILED)
    if needs_review:
        sys.exit(EXIT_REVIEW)


@contextlib.contextmanager
def _single(documents: list[Path]):
    yield documents


def _write_one(
    item,
    path: Path,
    agency_dir: Path,
    force: bool,
    taken: dict[str, str],
    used_slugs: set[str],
    today: dt.date,
    schema: str,
    outcome: _Outcome,
    report: list[str],
    quiet: bool,
) -> None:
    """Write one imported SOP's draft beside the agency's sources, and note its review items."""
    draft = item.draft
    nomor_key = " ".join(str(item.parsed.identity.get("nomor", "")).split()).lower()
    slug = _free_slug(slugify(draft.title, max_length=80, default="sop"), used_slugs)
    if not is_slug(slug):
        slug = _free_slug("sop", used_slugs)
    target = agency_dir / f"{slug}.yml"
    if nomor_key and nomor_key in taken and taken[nomor_key] != target.name:
        item.parsed.review(
            ("nomor",),
            f"nomor '{item.parsed.identity['nomor']}' sudah dipakai oleh "
            f"{taken[nomor_key]}; di draf ini ditulis '-'.",
        )
        item.parsed.identity["nomor"] = ""
        item.draft = draft = _rebuild(item, path, today, schema)
    used_slugs.add(slug)
    problems = _self_check(draft.text, target, agency_dir)
    if problems:
        outcome.failure = (
            f"draf untuk '{draft.title}' tidak lolos pemeriksaan (kesalahan importer, "
            f"laporkan): {problems[0]}"
        )
        return
    try:
        write_new_file(target, draft.text, force=force)
    except click.ClickException as exc:
        outcome.failure = exc.message
        return
    except OSError as exc:  # a read-only folder, a full disk
        reason = "izin ditolak" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        outcome.failure = f"{target} tidak dapat ditulis: {reason}."
        return
    if nomor_key:
        taken[nomor_key] = target.name
    reviews = draft.reviews
    outcome.written.append(target)
    outcome.reviews += len(reviews)
    outcome.sops_to_review += bool(reviews)
    outcome.fields += _fields_imported(item.parsed)
    click.echo(
        f"{path.name} → {target}: {draft.steps} langkah, "
        + (f"{len(reviews)} butir perlu diperiksa." if reviews else "tidak ada yang perlu diperiksa.")
    )
    if not quiet:
        for r in reviews:
            click.echo(f"    - {r.where}: {r.message}")
    report += [f"## {target}", "", f"Dokumen: {path}", ""]
    report += [f"- [ ] `{r.where}`: {r.message}" for r in reviews] or ["Tidak ada yang perlu diperiksa."]
    report.append("")


def _fields_imported(parsed) -> int:
    """How many values the importer filled: identity and signer fields, box items, role columns, and the
    filled cells of each step."""
    count = sum(1 for v in parsed.identity.values() if v)
    count += sum(
        1 for v in (parsed.signer.jabatan, parsed.signer.nama, parsed.signer.nip, parsed.signer.pangkat) if v
    )
    count += sum(len(items) for items in parsed.boxes.values()) + len(parsed.roles)
    for step in parsed.steps:
        count += sum(
            1 for v in (step.kegiatan, step.pelaksana, step.waktu, step.output, step.keterangan) if v
        )
        count += len(step.kelengkapan)
    return count


def _summary(outcomes: list[_Outcome], batch: bool) -> None:
    """The batch's table: per document, the SOPs written, the values imported, the items to review, or why it
    failed."""
    failures = [o for o in outcomes if o.failure]
    if not batch:
        for o in failures:
            click.echo(f"{o.document}: gagal: {o.failure}")
        return
    name_width = min(40, max(len(o.document.name) for o in outcomes))
    click.echo("")
    click.echo(f"{'dokumen':<{name_width}}  {'SOP':>3}  {'nilai':>5}  {'periksa':>7}  keterangan")
    for o in outcomes:
        name = (
            o.document.name if len(o.document.name) <= name_width else o.document.name[: name_width - 1] + "…"
        )
        note = f"gagal: {o.failure}" if o.failure else ", ".join(p.name for p in o.written)
        click.echo(f"{name:<{name_width}}  {len(o.written):>3}  {o.fields:>5}  {o.reviews:>7}  {note}")
    click.echo("")


def _header(path: Path, today: dt.date, schema: str) -> list[str]:
    return [
        f"yaml-language-server: $schema={schema}",
        f"Draf hasil `sop import` dari {path.name} ({today.isoformat()}). Periksa dengan: sop check",
    ]


def _rebuild(item, path: Path, today: dt.date, schema: str):
    from catalogue.importer import document_kind
    from catalogue.importer.draft import build_draft

    return build_draft(
        item.parsed,
        document=path.name,
        document_kind=document_kind(path),
        imported=today,
        fallback_title=path.stem,
        header=_header(path, today, schema),
    )


def _self_check(text: str, target: Path, agency_dir: Path) -> list[str]:
    """Errors ``sop check`` would report on the draft alone (never expected; a guard for the batch)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / target.name
        probe.write_text(text, encoding="utf-8")
        _, problems = read_sop(probe, agency_dir.parent.name, agency_dir.name)
    return [f"{p.field_name}: {p.message}" for p in problems if p.is_error]
