"""``sop new``: write a commented skeleton SOP into an agency folder."""

from __future__ import annotations

import os
from pathlib import Path

import click

from catalogue.source.load import AGENCY_FILE
from catalogue.source.records_format import RECORD_KINDS, RECORDS_FOLDER, record_file_name
from catalogue.source.skeleton import record_skeleton, skeleton
from catalogue.text import is_slug, slugify

from .files import write_new_file


@click.command()
@click.argument("agency_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--nama", default=None, help="Nama SOP (judul); wajib untuk SOP baru.")
@click.option("--nomor", default="-", help="Nomor SOP, bila sudah ada.")
@click.option("--slug", default=None, help="Nama berkas (tanpa .yml); bawaan: dari judul.")
@click.option(
    "--jenis",
    type=click.Choice(["sop", *RECORD_KINDS]),
    default="sop",
    show_default=True,
    help="SOP baru, atau kerangka catatan monitoring/evaluasi untuk SOP --slug.",
)
def new(agency_dir: Path, nama: str | None, nomor: str, slug: str | None, jenis: str) -> None:
    """Write a commented skeleton SOP, or a monitoring or evaluation record of SOP --slug, into AGENCY_DIR
    (never overwrites)."""
    agency_file = agency_dir / AGENCY_FILE
    if not agency_file.is_file():
        raise click.ClickException(
            f"{agency_dir} bukan folder instansi: {AGENCY_FILE} tidak ada. "
            "Buat folder content/sops/<pemda>/<instansi>/ dengan _instansi.yml lebih dulu."
        )
    if jenis != "sop":
        _new_record(agency_dir, jenis, slug)
        return
    if not nama:
        raise click.ClickException("--nama wajib untuk SOP baru (judul SOP).")
    slug = slug or slugify(nama, max_length=80, default="sop")
    if not is_slug(slug):
        raise click.ClickException(f"slug '{slug}' tidak valid: gunakan huruf kecil, angka dan tanda hubung.")
    target = agency_dir / f"{slug}.yml"
    schema = os.path.relpath(Path(__file__).resolve().parents[2] / "schema" / "sop.schema.json", agency_dir)
    write_new_file(target, skeleton(agency_dir.name, str(target), nama, nomor, schema))
    click.echo(f"Ditulis: {target}\nLangkah berikut: sunting berkas itu, lalu `sop check {target}`.")


def _new_record(agency_dir: Path, kind: str, slug: str | None) -> None:
    if not slug:
        raise click.ClickException(
            f"--slug wajib untuk --jenis {kind}: nama berkas SOP yang dicatat (tanpa .yml)."
        )
    sop_file = agency_dir / f"{slug}.yml"
    if not sop_file.is_file():
        raise click.ClickException(f"SOP {sop_file} tidak ada; catatan {kind} harus milik SOP instansi ini.")
    target = agency_dir / RECORDS_FOLDER / record_file_name(slug, kind)
    schema = os.path.relpath(
        Path(__file__).resolve().parents[2] / "schema" / f"{kind}.schema.json", target.parent
    )
    write_new_file(target, record_skeleton(kind, f"{agency_dir.name}/{slug}", str(target), schema))
    click.echo(f"Ditulis: {target}\nLangkah berikut: isi catatan itu, lalu `sop check {target}`.")
