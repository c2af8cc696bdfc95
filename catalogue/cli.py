"""The ``sop`` command: check, new, schema (and, as they land, import, fmt, export)."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import click

from . import source_format
from .load import AGENCY_FILE, SLUG, find_root, load_catalogue
from .problems import CatalogueError

DEFAULT_ROOT = Path("content/sops")


def slugify(text: str, max_length: int = 80) -> str:
    """A URL slug from a title: lower case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or "sop"


def write_new_file(path: Path, text: str, force: bool = False) -> None:
    """Write atomically; refuse to replace an existing file unless ``force``."""
    if path.exists() and not force:
        raise click.ClickException(f"{path} sudah ada; tidak ditimpa (gunakan nama lain atau --force).")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        if force:
            os.replace(tmp, path)
        else:
            # link() fails if the target appeared meanwhile: never overwrite by accident.
            try:
                os.link(tmp, path)
            except FileExistsError:
                raise click.ClickException(f"{path} sudah ada; tidak ditimpa.") from None
            os.unlink(tmp)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


@click.group()
@click.version_option(package_name="sop-catalogue")
def main() -> None:
    """Katalog SOP AP: periksa, buat, impor dan ekspor sumber SOP."""


@main.command()
@click.argument("path", type=click.Path(exists=True, path_type=Path), default=DEFAULT_ROOT, required=False)
@click.option("--strict", is_flag=True, help="Anggap peringatan sebagai kesalahan (exit 1).")
@click.option("--quiet", "-q", is_flag=True, help="Tampilkan kesalahan saja, tanpa peringatan.")
def check(path: Path, strict: bool, quiet: bool) -> None:
    """Validate the catalogue (or the part of it under PATH)."""
    root = find_root(path)
    try:
        catalogue = load_catalogue(root)
    except CatalogueError as exc:
        for p in exc.problems:
            click.echo(p.format(Path.cwd()))
        sys.exit(1)
    scope = Path(path).resolve()
    problems = [p for p in catalogue.problems if _under(p.file, scope)]
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for p in errors + ([] if quiet else warnings):
        click.echo(p.format(Path.cwd()))
    sops = [s for s in catalogue.sops.values() if _under(s.source, scope)]
    click.echo(
        f"{len(sops)} SOP diperiksa: {len(errors)} kesalahan, {len(warnings)} peringatan.",
        err=False,
    )
    if errors or (strict and warnings):
        sys.exit(1)


def _under(file: Path, scope: Path) -> bool:
    file = file.resolve()
    return file == scope or scope in file.parents


@main.command()
@click.argument("agency_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--nama", required=True, help="Nama SOP (judul).")
@click.option("--nomor", default="-", help="Nomor SOP, bila sudah ada.")
@click.option("--slug", default=None, help="Nama berkas (tanpa .yml); bawaan: dari judul.")
def new(agency_dir: Path, nama: str, nomor: str, slug: str | None) -> None:
    """Write a commented skeleton SOP into AGENCY_DIR (never overwrites)."""
    agency_file = agency_dir / AGENCY_FILE
    if not agency_file.is_file():
        raise click.ClickException(
            f"{agency_dir} bukan folder instansi: {AGENCY_FILE} tidak ada. "
            "Buat folder content/sops/<pemda>/<instansi>/ dengan _instansi.yml lebih dulu."
        )
    slug = slug or slugify(nama)
    if not SLUG.match(slug):
        raise click.ClickException(f"slug '{slug}' tidak valid: gunakan huruf kecil, angka dan tanda hubung.")
    target = agency_dir / f"{slug}.yml"
    from .skeleton import skeleton

    schema = os.path.relpath(Path(__file__).resolve().parent.parent / "schema" / "sop.schema.json", agency_dir)
    write_new_file(target, skeleton(agency_dir.name, str(target), nama, nomor, schema))
    click.echo(f"Ditulis: {target}\nLangkah berikut: sunting berkas itu, lalu `sop check {target}`.")


@main.command()
@click.option("--write", is_flag=True, help="Tulis ulang schema/*.json dan docs/format-sumber.md.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
def schema(write: bool, out: Path) -> None:
    """Print (or write) the JSON Schemas of the source format."""
    if not write:
        click.echo(source_format.json_schema_text("sop"))
        return
    for name in source_format.SCHEMAS:
        path = out / "schema" / f"{name}.schema.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source_format.json_schema_text(name), encoding="utf-8")
        click.echo(f"Ditulis: {path}")
    doc = out / "docs" / "format-sumber.md"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(source_format.reference_markdown(), encoding="utf-8")
    click.echo(f"Ditulis: {doc}")


# `sop export` lives in its own module and is registered once the group exists.
from .cli_export import export as export_command

main.add_command(export_command)


# `sop import` and `sop fmt`: registered last, because their module imports the helpers above.
from .importer.cli_import import fmt_command, import_command

main.add_command(import_command)
main.add_command(fmt_command)

if __name__ == "__main__":
    main()
