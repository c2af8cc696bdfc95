"""``sop fmt``: rewrite source files in the canonical key order and style (:mod:`catalogue.source.fmt`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from catalogue.source.fmt import FormatError, format_text, spec_for
from catalogue.source.load import SOURCE_SUFFIXES
from catalogue.source.yaml_reader import SourceReadError, read_text

from .files import write_new_file


@click.command("fmt")
@click.argument("paths", metavar="[JALUR]...", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Jangan menulis; exit 1 bila ada berkas yang belum berbentuk kanonik (untuk CI).",
)
def fmt_command(paths: tuple[Path, ...], check_only: bool) -> None:
    """Tulis ulang berkas sumber dalam urutan kunci dan gaya baku, tanpa membuang komentar.

    JALUR adalah berkas SOP, berkas _instansi.yml/_pemda.yml atau folder (bawaan: content/sops). Berkas yang
    datanya akan berubah bila diformat, atau yang bukan YAML valid, dilaporkan dan tidak diubah.
    """
    targets: list[Path] = []
    for p in paths or (Path("content/sops"),):
        if p.is_dir():
            targets += sorted(
                x
                for x in p.rglob("*")
                if x.suffix in SOURCE_SUFFIXES
                and x.is_file()
                and not any(part.startswith(".") for part in x.relative_to(p).parts)
            )
        else:
            targets.append(p)
    changed = errors = 0
    for path in targets:
        try:
            original = read_text(path)
            formatted = format_text(original, spec_for(path))
        except (SourceReadError, FormatError) as exc:
            errors += 1
            message = exc.message if isinstance(exc, SourceReadError) else str(exc)
            click.echo(f"{path}: tidak diformat: {message}")
            continue
        if formatted == original:
            continue
        changed += 1
        if check_only:
            click.echo(f"{path}: belum berbentuk kanonik")
            continue
        try:
            _replace(path, formatted)
        except (OSError, click.ClickException) as exc:
            errors += 1
            click.echo(f"{path}: tidak dapat ditulis: {getattr(exc, 'message', None) or exc}")
            continue
        click.echo(f"{path}: diformat")
    verb = "perlu diformat" if check_only else "diformat"
    click.echo(
        f"{len(targets)} berkas diperiksa: {changed} {verb}"
        + (f", {errors} tidak dapat diformat." if errors else ".")
    )
    if errors or (check_only and changed):
        sys.exit(1)


def _replace(path: Path, text: str) -> None:
    """Replace a file atomically, keeping its permission bits."""
    mode = path.stat().st_mode & 0o777
    write_new_file(path, text, force=True)
    os.chmod(path, mode)
