"""The ``sop`` command group: each subcommand lives in its own module of this package."""

from __future__ import annotations

import click

from . import bahasa
from .check import check
from .export import export
from .fmt import fmt_command
from .importing import import_command
from .new import new, new_agency
from .schema import schema
from .shards import shards_command

bahasa.install()


@click.group()
@click.version_option(package_name="sop-catalogue")
def main() -> None:
    """Katalog SOP AP: periksa, buat, impor dan ekspor sumber SOP."""


for command in (check, new, new_agency, schema, import_command, fmt_command, export, shards_command):
    main.add_command(command)
bahasa.localise(main)

if __name__ == "__main__":
    main()
