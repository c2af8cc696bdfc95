"""``sop new``: write a commented skeleton SOP into an agency folder."""

from __future__ import annotations

import os
from pathlib import Path

import click

from catalogue.source.load import AGENCY_FILE
from catalogue.source.skeleton import skeleton
from catalogue.text import is_slug, slugify

from .files import write_new_file


@click.command()
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
    slug = slug or slugify(nama, max_length=80, default="sop")
    if not is_slug(slug):
        raise click.ClickException(f"slug '{slug}' tidak valid: gunakan huruf kecil, angka dan tanda hubung.")
    target = agency_dir / f"{slug}.yml"
    schema = os.path.relpath(Path(__file__).resolve().parents[2] / "schema" / "sop.schema.json", agency_dir)
    write_new_file(target, skeleton(agency_dir.name, str(target), nama, nomor, schema))
    click.echo(f"Ditulis: {target}\nLangkah berikut: sunting berkas itu, lalu `sop check {target}`.")
