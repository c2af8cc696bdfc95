"""What the commands that read a whole catalogue share: where its files are, and its analysis."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from catalogue.analysis import Analysis, Sources, analyse_sources
from catalogue.analysis.edition import PUBLIC
from catalogue.problems import CatalogueError, Problem
from catalogue.source.load import find_root


def catalogue_files(command: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--registry`` and ``--meta`` options (default: beside the sources folder, as for the site)."""
    command = click.option(
        "--meta",
        "meta_path",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Keterangan katalog (lisensi, penerbit); bawaan: katalog.yml di samping folder sumber.",
    )(command)
    return click.option(
        "--registry",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Registri peraturan; bawaan: peraturan.yml di samping folder sumber.",
    )(command)


def echo_problems(problems: Iterable[Problem]) -> None:
    for p in problems:
        click.echo(p.format(Path.cwd()))


def analyse_path(
    path: Path, registry: Path | None, meta_path: Path | None, edition: str = PUBLIC
) -> tuple[Path, Analysis]:
    """The catalogue root a path given on the command line belongs to, and the analysis of its ``edition``
    (the problems are the same in either); exits 1 with the problem when there is no catalogue folder."""
    root = find_root(path)
    try:
        return root, analyse_sources(Sources.at(root, registry=registry, meta=meta_path), edition=edition)
    except CatalogueError as exc:
        echo_problems(exc.problems)
        sys.exit(1)
