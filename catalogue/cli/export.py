"""``sop export``: write the open data (JSON, CSV, schemas) of a catalogue that validates."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from catalogue.export import schema as export_schema
from catalogue.export.harvest import TABLE_SCHEMAS, table_schemas_text
from catalogue.export.open_data import ExportSettings, replace_folder, vanished_ids, write_export
from catalogue.export.previous import read_previous
from catalogue.source import catalogue_meta

from .sources import analyse_path, catalogue_files, echo_problems

DEFAULT_ROOT = Path("content/sops")
DEFAULT_OUT = Path("ekspor")
#: Marks a folder as an export: the one file every export has. Only such a folder is written over.
EXPORT_MARKER = "katalog.json"


def repository_root(catalogue_root: Path) -> Path:
    """The folder source paths in the export are relative to: the nearest ancestor of the catalogue root
    holding ``mkdocs.yml`` or ``.git`` (as the site build does), else the catalogue root's parent. It does
    not depend on the current folder, so the export's bytes do not either."""
    root = Path(catalogue_root).resolve()
    for folder in root.parents:
        if (folder / "mkdocs.yml").is_file() or (folder / ".git").exists():
            return folder
    return root.parent


def _write_schemas(out: Path) -> None:
    targets = {
        out / "schema" / "ekspor" / f"{name}.schema.json": export_schema.json_schema_text(name)
        for name in export_schema.EXPORT_SCHEMAS
    }
    targets[out / "schema" / "katalog.schema.json"] = catalogue_meta.json_schema_text()
    targets[out / TABLE_SCHEMAS] = table_schemas_text()
    for path, text in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        click.echo(f"Ditulis: {path}")


@click.command("export")
@click.argument(
    "path", metavar="[JALUR]", type=click.Path(path_type=Path), default=DEFAULT_ROOT, required=False
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder tujuan (isinya diganti bila berisi ekspor sebelumnya).",
)
@catalogue_files
@click.option(
    "--site-url", default=None, help="Alamat situs yang menerbitkan data, mis. https://sop.example.go.id/."
)
@click.option(
    "--previous",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="katalog.json terbitan sebelumnya: gagal bila sebuah id SOP hilang tanpa url_lama.",
)
@click.option(
    "--write-schemas",
    is_flag=True,
    help="Tulis ulang schema/ekspor/*.schema.json, schema/ekspor/tabel-csv.tableschema.json dan "
    "schema/katalog.schema.json di folder ini, lalu selesai.",
)
def export(
    path: Path,
    out: Path,
    meta_path: Path | None,
    registry: Path | None,
    site_url: str | None,
    previous: Path | None,
    write_schemas: bool,
) -> None:
    """Ekspor katalog di JALUR sebagai data terbuka: satu JSON per SOP, katalog.json, tabel CSV, skema."""
    if write_schemas:
        _write_schemas(Path("."))
        return
    if not path.exists():
        raise click.BadParameter(f"folder '{path}' tidak ada.", param_hint="JALUR")
    root, analysis = analyse_path(path, registry, meta_path)
    errors = list(analysis.errors)
    if errors:
        echo_problems(errors)
        click.echo(
            f"Ekspor dibatalkan: {len(errors)} kesalahan pada sumber. Perbaiki lalu periksa dengan "
            "`sop check`; data terbuka hanya diterbitkan dari katalog tanpa kesalahan."
        )
        sys.exit(1)
    if previous is not None:
        document, problems = read_previous(previous)
        if document is None:
            echo_problems(problems)
            click.echo("Ekspor dibatalkan: --previous harus katalog.json terbitan sebelumnya, utuh.")
            sys.exit(1)
        lost = vanished_ids(document, analysis)
        if lost:
            for sop_id in lost:
                click.echo(f"id '{sop_id}' terbit sebelumnya tetapi tidak ada lagi di katalog.")
            click.echo(
                f"Ekspor dibatalkan: {len(lost)} alamat publik akan rusak. Bila berkas SOP diganti nama, "
                "tambahkan slug lamanya ke `url_lama` SOP itu; bila SOP dihapus, kembalikan atau "
                "alihkan alamatnya."
            )
            sys.exit(1)

    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / EXPORT_MARKER).is_file())):
        raise click.ClickException(
            f"{out} tidak kosong dan bukan folder ekspor ({EXPORT_MARKER} tidak ada); pilih folder lain dengan "
            "--out."
        )
    if analysis.warnings:
        click.echo(
            f"{len(analysis.warnings)} peringatan pada sumber (lihat `sop check`); data tetap diekspor."
        )
    settings = ExportSettings(source_base=repository_root(root), site_url=site_url)
    try:
        written = replace_folder(out, lambda folder: write_export(folder, analysis, settings))
    except OSError as exc:
        reason = "izin ditolak" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        raise click.ClickException(f"ekspor ke {out} gagal ({reason}); isi {out} tidak diubah.") from None
    click.echo(f"{len(analysis.catalogue.sops)} SOP diekspor: {len(written)} berkas di {out}.")
    if analysis.meta is not None and analysis.meta.lisensi is None:
        click.echo("Peringatan: data diterbitkan tanpa lisensi; isi `lisensi` di katalog.yml.")
