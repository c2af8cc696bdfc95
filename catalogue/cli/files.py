"""Writing files from the command line: whole or not at all, and never over an existing file unasked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click

#: What to do about an existing file, for a command that has a ``--force`` option.
FORCE_HINT = "pilih nama lain, atau --force untuk menimpanya"


def write_new_file(path: Path, text: str, force: bool = False, hint: str = FORCE_HINT) -> None:
    """Write atomically; refuse to replace an existing file unless ``force``. ``hint`` tells the user what
    to do instead, naming only options their command has."""
    if path.exists() and not force:
        raise click.ClickException(f"{path} sudah ada; tidak ditimpa ({hint}).")
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
