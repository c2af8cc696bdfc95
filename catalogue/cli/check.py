"""``sop check``: validate the catalogue, or the part of it under a path."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from catalogue.problems import CatalogueError
from catalogue.source.load import find_root, load_catalogue

DEFAULT_ROOT = Path("content/sops")


@click.command()
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


