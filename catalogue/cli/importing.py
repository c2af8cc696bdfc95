"""``sop import``: the command-line side of the importer."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import click

from catalogue.importer import UnreadableDocument, import_document
from catalogue.source.files import read_agency, read_sop
from catalogue.source.load import AGENCY_FILE, PEMDA_FILE, SLUG, SOURCE_SUFFIXES
from catalogue.source.yaml_reader import SourceReadError, parse, read_text
from catalogue.text import slugify

from .files import write_new_file

#: Exit codes of ``sop import``.
EXIT_CLEAN, EXIT_REVIEW, EXIT_FAILED = 0, 1, 2


def _agency_roles(agency_dir: Path) -> list[tuple[str, tuple[str, ...]]]:
    agency, _ = read_agency(agency_dir / AGENCY_FILE, agency_dir.parent.name, agency_dir.name)
    if agency is None:
        return []
    return [(r.nama, r.alias) for r in agency.peran]


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


@click.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--instansi", "agency_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Folder instansi tujuan: content/sops/<pemda>/<instansi>/ (berisi _instansi.yml).")
@click.option("--force", is_flag=True, help="Timpa berkas SOP yang sudah ada.")
@click.option("--laporan", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Tulis juga daftar periksa ke berkas ini (Markdown).")
@click.option("--quiet", "-q", is_flag=True, help="Ringkasan per berkas saja, tanpa daftar periksa.")
def import_command(files: tuple[Path, ...], agency_dir: Path, force: bool, laporan: Path | None,
                   quiet: bool) -> None:
    """Import SOP documents (.docx, or text extracted from DOCX/PDF) as draft source files.

    Writes one YAML per SOP into the agency folder, with '# PERIKSA:' comments on what a person must confirm.
    Exit code: 0 = written, nothing to review; 1 = written, review needed; 2 = some file not written.
    """
    if not (agency_dir / AGENCY_FILE).is_file():
        raise click.ClickException(
            f"{agency_dir} bukan folder instansi: {AGENCY_FILE} tidak ada. Buat folder "
            "content/sops/<pemda>/<instansi>/ dengan _instansi.yml lebih dulu.")
    if not (agency_dir.parent / PEMDA_FILE).is_file():
        click.echo(f"Peringatan: {agency_dir.parent / PEMDA_FILE} tidak ada; `sop check` akan menolaknya.",
                   err=True)
    roles = _agency_roles(agency_dir)
    schema = os.path.relpath(Path(__file__).resolve().parents[2] / "schema" / "sop.schema.json", agency_dir)
    taken = _taken_numbers(agency_dir)
    used_slugs: set[str] = set()
    today = dt.date.today()
    total = len(files)
    written = needs_review = failed = 0
    report: list[str] = []
    for n, path in enumerate(files, start=1):
        prefix = f"[{n}/{total}] " if total > 1 else ""
        if total > 1:
            click.echo(f"{prefix}membaca {path.name} …", err=True)
        try:
            imported = import_document(path, roles, today=today,
                                       header=_header(path, today, schema))
        except UnreadableDocument as exc:
            failed += 1
            click.echo(f"{prefix}{path}: gagal: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop a batch of hundreds
            failed += 1
            click.echo(f"{prefix}{path}: gagal dibaca ({type(exc).__name__}: {exc}). Laporkan dokumen ini.")
            continue
        for item in imported:
            draft = item.draft
            text = draft.text
            nomor_key = " ".join(str(item.parsed.identity.get("nomor", "")).split()).lower()
            slug = _free_slug(slugify(draft.title, max_length=80, default="sop"), used_slugs)
            if not SLUG.match(slug):
                slug = _free_slug("sop", used_slugs)
            target = agency_dir / f"{slug}.yml"
            if nomor_key and nomor_key in taken and taken[nomor_key] != target.name:
                item.parsed.review(("nomor",), f"nomor '{item.parsed.identity['nomor']}' sudah dipakai oleh "
                                               f"{taken[nomor_key]}; di draf ini ditulis '-'.")
                item.parsed.identity["nomor"] = ""
                item.draft = draft = _rebuild(item, path, today, schema)
                text = draft.text
            used_slugs.add(slug)
            problems = _self_check(text, target, agency_dir)
            if problems:
                failed += 1
                click.echo(f"{prefix}{path.name}: draf untuk '{draft.title}' tidak lolos pemeriksaan "
                           f"(kesalahan importer, laporkan): {problems[0]}")
                continue
            try:
                write_new_file(target, text, force=force)
            except click.ClickException as exc:
                failed += 1
                click.echo(f"{prefix}{path.name}: {exc.message}")
                continue
            written += 1
            if nomor_key:
                taken[nomor_key] = target.name
            reviews = draft.reviews
            if reviews:
                needs_review += 1
            click.echo(f"{prefix}{path.name} → {target}: {draft.steps} langkah, "
                       + (f"{len(reviews)} butir perlu diperiksa." if reviews else "tidak ada yang perlu diperiksa."))
            if not quiet:
                for r in reviews:
                    click.echo(f"    - {r.where}: {r.message}")
            report += [f"## {target}", "", f"Dokumen: {path}", ""]
            report += [f"- [ ] `{r.where}`: {r.message}" for r in reviews] or ["Tidak ada yang perlu diperiksa."]
            report.append("")
    click.echo(f"Selesai: {written} SOP ditulis dari {total} dokumen; {needs_review} perlu diperiksa"
               + (f"; {failed} gagal." if failed else "."))
    if laporan is not None:
        write_new_file(laporan, "# Daftar periksa hasil impor\n\n" + "\n".join(report), force=True)
        click.echo(f"Daftar periksa: {laporan}")
    if failed:
        sys.exit(EXIT_FAILED)
    if needs_review:
        sys.exit(EXIT_REVIEW)


def _header(path: Path, today: dt.date, schema: str) -> list[str]:
    return [f"yaml-language-server: $schema={schema}",
            f"Draf hasil `sop import` dari {path.name} ({today.isoformat()}). Periksa dengan: sop check"]


def _rebuild(item, path: Path, today: dt.date, schema: str):
    from catalogue.importer import document_kind
    from catalogue.importer.draft import build_draft

    return build_draft(item.parsed, document=path.name,
                       document_kind=document_kind(path),
                       imported=today, fallback_title=path.stem,
                       header=_header(path, today, schema))


def _self_check(text: str, target: Path, agency_dir: Path) -> list[str]:
    """Errors ``sop check`` would report on the draft alone (never expected; a guard for the batch)."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / target.name
        probe.write_text(text, encoding="utf-8")
        _, problems = read_sop(probe, agency_dir.parent.name, agency_dir.name)
    return [f"{p.field_name}: {p.message}" for p in problems if p.is_error]
