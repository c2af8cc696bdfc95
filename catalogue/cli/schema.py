"""``sop schema``: the JSON Schemas and the reference of the source format."""

from __future__ import annotations

from pathlib import Path

import click

from catalogue.source import format as source_format


@click.command()
@click.option("--write", is_flag=True, help="Tulis ulang schema/*.json dan docs/format-sumber.md.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="Folder tempat schema/ dan docs/ ditulis (bawaan: folder ini).",
)
def schema(write: bool, out: Path) -> None:
    """Cetak (atau tulis) JSON Schema format sumber dan dokumentasinya."""
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
