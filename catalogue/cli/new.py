"""``sop new`` (a skeleton SOP in an agency folder) and ``sop instansi-baru`` (a new agency folder)."""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
from pathlib import Path

import click

from catalogue.source.files import read_agency, read_pemda
from catalogue.source.load import AGENCY_FILE, PEMDA_FILE
from catalogue.source.records_format import RECORD_KINDS, RECORDS_FOLDER, record_file_name
from catalogue.source.skeleton import agency_text, record_skeleton, skeleton
from catalogue.text import is_slug, slugify

from .files import write_new_file
from .sources import echo_problems

SCHEMAS = Path(__file__).resolve().parents[2] / "schema"


def _schema_path(name: str, folder: Path) -> str:
    return os.path.relpath(SCHEMAS / f"{name}.schema.json", folder)


@click.command()
@click.argument("agency_dir", metavar="FOLDER_INSTANSI", type=click.Path(file_okay=False, path_type=Path))
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
    """Tulis kerangka SOP berkomentar ke FOLDER_INSTANSI, atau kerangka catatan monitoring/evaluasi SOP
    --slug (tidak pernah menimpa berkas).

    Kolom peran diisi dari daftar `peran` di _instansi.yml instansi itu. Setiap contoh bertanda
    '# PERIKSA': `sop check --strict` dan `make site` menolak berkas ini sampai contohnya diganti.
    """
    agency_file = agency_dir / AGENCY_FILE
    if not agency_file.is_file():
        raise click.ClickException(
            f"{agency_dir} bukan folder instansi: {AGENCY_FILE} tidak ada. Buat dengan "
            f'`sop instansi-baru {agency_dir} --nama "…"`.'
        )
    if jenis != "sop":
        _new_record(agency_dir, jenis, slug)
        return
    if not nama:
        raise click.ClickException("--nama wajib untuk SOP baru (judul SOP).")
    agency, problems = read_agency(agency_file, agency_dir.parent.name, agency_dir.name)
    if agency is None:
        echo_problems(problems)
        raise click.ClickException(f"perbaiki {agency_file} lebih dulu: peran SOP diambil dari berkas itu.")
    slug = slug or slugify(nama, max_length=80, default="sop")
    if not is_slug(slug):
        raise click.ClickException(f"slug '{slug}' tidak valid: gunakan huruf kecil, angka dan tanda hubung.")
    target = agency_dir / f"{slug}.yml"
    roles = [role.nama for role in agency.peran]
    text = skeleton(agency.nama, str(target), nama, nomor, _schema_path("sop", agency_dir), roles=roles)
    write_new_file(
        target, text, hint="berkas SOP yang sudah ada disunting langsung; untuk SOP lain pilih --slug"
    )
    click.echo(f"Ditulis: {target}")
    if not roles:
        click.echo(
            f"Peringatan: {agency_file} belum punya daftar `peran`; kolom peran SOP ini berisi contoh. "
            "Tambahkan jabatan instansi ke `peran` agar SOP berikutnya terisi otomatis.",
            err=True,
        )
    click.echo(
        "Langkah berikut: ganti setiap contoh bertanda '# PERIKSA' dengan isi SOP yang disahkan (hapus "
        f"komentarnya), lalu `sop check --strict {target}`."
    )


def _new_record(agency_dir: Path, kind: str, slug: str | None) -> None:
    if not slug:
        raise click.ClickException(
            f"--slug wajib untuk --jenis {kind}: nama berkas SOP yang dicatat (tanpa .yml)."
        )
    sop_file = agency_dir / f"{slug}.yml"
    if not sop_file.is_file():
        raise click.ClickException(f"SOP {sop_file} tidak ada; catatan {kind} harus milik SOP instansi ini.")
    target = agency_dir / RECORDS_FOLDER / record_file_name(slug, kind)
    schema = _schema_path(kind, target.parent)
    write_new_file(
        target,
        record_skeleton(kind, f"{agency_dir.name}/{slug}", str(target), schema),
        hint="catatan yang sudah ada disunting langsung: tambahkan entri baru di dalamnya",
    )
    click.echo(f"Ditulis: {target}\nLangkah berikut: isi catatan itu, lalu `sop check {target}`.")


def _role(value: str) -> tuple[str, list[str]]:
    name, _, aliases = value.partition("=")
    return name.strip(), [a.strip() for a in aliases.split(",") if a.strip()]


@click.command("instansi-baru")
@click.argument("agency_dir", metavar="FOLDER_INSTANSI", type=click.Path(file_okay=False, path_type=Path))
@click.option("--nama", required=True, help="Nama instansi, mis. 'Kecamatan Batumandi'.")
@click.option("--jenis", default=None, help="Jenis instansi (Kecamatan, Dinas, Inspektorat, …).")
@click.option("--alamat", default=None, help="Alamat kantor.")
@click.option(
    "--peran",
    "roles",
    multiple=True,
    metavar="JABATAN[=ALIAS,…]",
    help="Jabatan di instansi ini, berulang, mis. --peran 'Sekretaris Camat=Sekcam'. Dipakai `sop new`.",
)
@click.option(
    "--pemda-nama",
    default=None,
    help=f"Nama pemerintah daerah; bila diberikan dan {PEMDA_FILE} belum ada, berkas itu ikut dibuat.",
)
def new_agency(
    agency_dir: Path,
    nama: str,
    jenis: str | None,
    alamat: str | None,
    roles: tuple[str, ...],
    pemda_nama: str | None,
) -> None:
    """Buat folder instansi baru FOLDER_INSTANSI (content/sops/<pemda>/<instansi>) dengan _instansi.yml.

    Nama folder menjadi bagian alamat halaman: huruf kecil, angka dan tanda hubung. Berkas yang ditulis
    diperiksa seperti `sop check` memeriksanya; berkas yang sudah ada tidak ditimpa.
    """
    pemda_dir = agency_dir.parent
    for folder, what in ((agency_dir, "instansi"), (pemda_dir, "pemda")):
        if not is_slug(folder.name):
            raise click.ClickException(
                f"nama folder {what} '{folder.name}' tidak dapat menjadi alamat halaman: gunakan huruf kecil, "
                f"angka dan tanda hubung, mis. '{slugify(folder.name, max_length=80, default='instansi')}'."
            )
    pemda_file = pemda_dir / PEMDA_FILE
    writes: list[tuple[Path, str]] = []
    if not pemda_file.is_file():
        if not pemda_nama:
            raise click.ClickException(
                f"{pemda_dir} bukan folder pemda: {PEMDA_FILE} tidak ada. Beri --pemda-nama untuk membuatnya."
            )
        writes.append(
            (pemda_file, agency_text("pemda", {"nama": pemda_nama}, _schema_path("pemda", pemda_dir)))
        )
    parsed = [_role(r) for r in roles]
    if any(not name for name, _ in parsed):
        raise click.BadParameter("nama jabatan tidak boleh kosong.", param_hint="--peran")
    data = {"nama": nama, "jenis": jenis, "alamat": alamat, "peran": parsed}
    writes.append(
        (agency_dir / AGENCY_FILE, agency_text("instansi", data, _schema_path("instansi", agency_dir)))
    )
    hint = "folder instansi ini sudah ada; sunting berkasnya langsung"
    for path, _ in writes:
        if path.exists():
            raise click.ClickException(f"{path} sudah ada; tidak ditimpa ({hint}).")
    # Checked before anything is written: the files this command writes are files `sop check` accepts.
    for path, text in writes:
        _check_written(path, text, pemda_dir, agency_dir)
    for path, text in writes:
        write_new_file(path, text, hint=hint)
        click.echo(f"Ditulis: {path}")
    click.echo(f'Langkah berikut: `sop new {agency_dir} --nama "…"` untuk SOP pertamanya.')


def _check_written(path: Path, text: str, pemda_dir: Path, agency_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        probe = Path(tmp) / path.name
        probe.write_text(text, encoding="utf-8")
        if path.name == PEMDA_FILE:
            result, problems = read_pemda(probe, pemda_dir.name)
        else:
            result, problems = read_agency(probe, pemda_dir.name, agency_dir.name)
    if result is None or any(p.is_error for p in problems):
        echo_problems(dataclasses.replace(p, file=path) for p in problems if p.is_error)
        sys.exit(1)
