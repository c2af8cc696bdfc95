"""``sop bagian``: the plan of a national catalogue built in shards (catalogue/shards.py), for a CI matrix."""

from __future__ import annotations

from pathlib import Path

import click

from catalogue.shards import count_sources, matrix_json, plan_shards


@click.command("bagian")
@click.argument(
    "sumber", type=click.Path(exists=True, file_okay=False, path_type=Path), default="content/sops"
)
@click.option(
    "--jumlah", type=click.IntRange(min=1), default=3, show_default=True, help="Jumlah bagian (job CI)."
)
@click.option("--teks", is_flag=True, help="Cetak rencana sebagai tabel untuk dibaca, bukan matriks JSON.")
def shards_command(sumber: Path, jumlah: int, teks: bool) -> None:
    """Bagi pemda di SUMBER menjadi beberapa bagian dengan jumlah SOP yang seimbang.

    Tanpa --teks mencetak matriks CI satu baris (GitHub Actions `strategy.matrix`, GitLab `parallel:matrix`):
    tiap job membangun satu bagian dengan KATALOG_PEMDA=<pemda>, lalu satu job menggabungkannya dengan
    KATALOG_GABUNG=<folder situs bagian, dipisah koma>."""
    counts = count_sources(sumber)
    if not counts:
        raise click.ClickException(f"{sumber}: tidak ada folder pemda di sini.")
    plan = plan_shards(counts, jumlah)
    if not teks:
        click.echo(matrix_json(plan))
        return
    for shard in plan:
        click.echo(
            f"bagian {shard.number} ({shard.name}): {shard.sources} SOP, pemda {', '.join(shard.pemda)}"
        )
