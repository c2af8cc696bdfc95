"""``sop check``: validate the catalogue, or the part of it under a path.

The verdict is the analysis's (:mod:`catalogue.analysis`): the site build and ``sop export`` read the same
problems, so a catalogue this command accepts is one they publish, and the reverse.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from catalogue.analysis.edition import INTERNAL
from catalogue.source.load import is_sop_file_name

from .sources import analyse_path, catalogue_files, echo_problems

DEFAULT_ROOT = Path("content/sops")


@click.command()
@click.argument(
    "path",
    metavar="[JALUR]",
    type=click.Path(exists=True, path_type=Path),
    default=DEFAULT_ROOT,
    required=False,
)
@click.option(
    "--strict",
    is_flag=True,
    help="Gagal (exit 1) juga bila ada nilai yang belum ditinjau (komentar '# PERIKSA'), seperti `make site`.",
)
@click.option("--quiet", "-q", is_flag=True, help="Tampilkan kesalahan saja, tanpa peringatan.")
@catalogue_files
def check(path: Path, strict: bool, quiet: bool, registry: Path | None, meta_path: Path | None) -> None:
    """Periksa sumber katalog (atau bagiannya di bawah JALUR: folder pemda, folder instansi, berkas SOP).

    Setiap masalah dicetak sebagai berkas:baris:kolom: error|warning: kunci: pesan. Kode keluar 1 bila ada
    kesalahan (dengan --strict juga bila ada nilai yang belum ditinjau).
    """
    # Every source is checked, drafts among them: the internal edition holds them all.
    root, analysis = analyse_path(path, registry, meta_path, INTERNAL)
    scope = Path(os.path.abspath(path))
    whole = scope == Path(os.path.abspath(root))
    # The whole catalogue answers for its registry and metadata too; a part of it for its own files.
    problems = [p for p in analysis.problems if whole or _under(p.file, scope)]
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    reviews = [p for p in problems if p.is_review]
    echo_problems(errors + ([] if quiet else warnings))
    checked = _checked_files(analysis, root, scope, errors)
    pending = f" ({len(reviews)} belum ditinjau)" if reviews else ""
    click.echo(f"{checked} SOP diperiksa: {len(errors)} kesalahan, {len(warnings)} peringatan{pending}.")
    if errors or (strict and reviews):
        sys.exit(1)


def _checked_files(analysis, root: Path, scope: Path, errors: list) -> int:
    """SOP files checked under ``scope``: those that loaded, and those left out because of their errors."""
    files = {
        Path(os.path.abspath(s.source)) for s in analysis.catalogue.sops.values() if _under(s.source, scope)
    }
    root = Path(os.path.abspath(root))
    for problem in errors:
        file = Path(os.path.abspath(problem.file))
        if (
            is_sop_file_name(file.name)
            and _under(file, scope)
            and _under(file, root)
            and len(file.relative_to(root).parts) == 3  # <pemda>/<instansi>/<slug>.yml
        ):
            files.add(file)
    return len(files)


def _under(file: Path, scope: Path) -> bool:
    # Lexically: a problem's file may be a broken symbolic link or a loop of them.
    file = Path(os.path.abspath(file))
    return file == scope or scope in file.parents
