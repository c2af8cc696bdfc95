"""The benchmark's baseline: the same catalogue as hand-written Markdown pages, built by plain MkDocs +
Material in the best plain configuration we know (SOP pages outside the navigation, ``navigation.prune``,
Material's own search).

``write_baseline(sources, project)`` writes ``project/docs`` and ``project/mkdocs.yml``: one Markdown page
per SOP at the same URL as ours (``/<pemda>/<instansi>/<slug>/``) with the identity table, the six boxes,
the procedure as a Markdown table and a summary; an index page per pemda and agency (the navigation), and a
home page. Converting is not timed; only ``mkdocs build`` of the written project is.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from catalogue import load_catalogue
from catalogue.analysis.summary import summarise
from catalogue.model import Sop
from catalogue.rules.dates import format_date

BOXES = (
    ("Dasar Hukum", "dasar_hukum"),
    ("Kualifikasi Pelaksana", "kualifikasi_pelaksana"),
    ("Keterkaitan", "keterkaitan"),
    ("Peralatan/Perlengkapan", "peralatan_perlengkapan"),
    ("Peringatan", "peringatan"),
    ("Pencatatan dan Pendataan", "pencatatan_pendataan"),
)


def cell(text: object) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _items(values) -> list[str]:
    texts = [getattr(v, "teks", v) for v in values]
    return [f"{i}. {t}" for i, t in enumerate(texts, 1)] if texts else ["Tidak diisi pada dokumen."]


def sop_markdown(sop: Sop, agency_nama: str, pemda_nama: str) -> str:
    signer = sop.disahkan_oleh
    signed = (
        "-"
        if signer is None
        else "<br>".join(
            x for x in (signer.jabatan, signer.nama, signer.pangkat, signer.nip and f"NIP. {signer.nip}") if x
        )
    )
    summary = summarise(sop)
    lines = [
        "---",
        f"title: {json.dumps(sop.nama, ensure_ascii=False)}",
        "hide: [navigation, toc]",
        "---",
        "",
        f"**PEMERINTAH {pemda_nama.upper()}**<br>**{agency_nama.upper()}**",
        "",
        f"# {sop.nama}",
        "",
        "Standar Operasional Prosedur Administrasi Pemerintahan",
        "",
        "| | |",
        "|---|---|",
        f"| Nomor SOP | {cell(sop.nomor)} |",
        f"| Tanggal Pembuatan | {format_date(sop.tanggal_pembuatan)} |",
        f"| Tanggal Revisi | {format_date(sop.tanggal_revisi)} |",
        f"| Tanggal Efektif | {format_date(sop.tanggal_efektif)} |",
        f"| Disahkan Oleh | {cell(signed)} |",
        f"| Nama SOP | {cell(sop.nama)} |",
        "",
    ]
    for title, key in BOXES:
        lines += [f"## {title}", "", *_items(getattr(sop, key)), ""]
    lines += [
        "## Prosedur",
        "",
        "| No | Uraian Kegiatan | Pelaksana | Kelengkapan | Waktu | Output | Keterangan |",
        "|---|---|---|---|---|---|---|",
    ]
    for step in sop.langkah:
        kind = {"keputusan": f" (keputusan: ya → {step.ya}, tidak → {step.tidak})"}.get(step.kind, "")
        lines.append(
            f"| {cell(step.no)} | {cell(step.kegiatan + kind)} | {cell(step.pelaksana)} | "
            f"{cell(', '.join(step.kelengkapan))} | {cell(step.waktu.raw)} | {cell(step.output)} | "
            f"{cell(step.keterangan)} |"
        )
    lines += [
        "",
        "## Ringkasan",
        "",
        f"- Jumlah langkah: {summary.step_count}",
        f"- Peran yang terlibat: {', '.join(summary.roles_involved) or '-'}",
        f"- Waktu jalur normal: **{summary.duration_text}**",
        "",
    ]
    return "\n".join(lines)


def write_baseline(sources: Path, project: Path) -> dict[str, int]:
    """Write the Markdown project for the catalogue at ``sources``; returns its page counts."""
    catalogue = load_catalogue(sources)
    if catalogue.errors:
        raise SystemExit(f"{len(catalogue.errors)} errors in {sources}")
    docs = project / "docs"
    if project.exists():
        shutil.rmtree(project)
    docs.mkdir(parents=True)
    nav: list = [{"Beranda": "index.md"}]
    home = ["# Katalog SOP Administrasi Pemerintahan", ""]
    for pemda in catalogue.pemdas.values():
        agencies = [a for a in catalogue.agencies.values() if a.pemda_slug == pemda.slug]
        section: list = [f"{pemda.slug}/index.md"]
        pemda_page = [f"# {pemda.nama}", "", "| Instansi | SOP |", "|---|---|"]
        for agency in agencies:
            sops = catalogue.sops_of(agency)
            folder = docs / pemda.slug / agency.slug
            folder.mkdir(parents=True, exist_ok=True)
            listing = [f"# {agency.nama}", "", "| Nomor | Nama SOP |", "|---|---|"]
            for sop in sops:
                (folder / f"{sop.slug}.md").write_text(
                    sop_markdown(sop, agency.nama, pemda.nama), encoding="utf-8"
                )
                listing.append(f"| {cell(sop.nomor)} | [{cell(sop.nama)}]({sop.slug}.md) |")
            (folder / "index.md").write_text("\n".join(listing) + "\n", encoding="utf-8")
            section.append({agency.nama: f"{pemda.slug}/{agency.slug}/index.md"})
            pemda_page.append(f"| [{cell(agency.nama)}]({agency.slug}/index.md) | {len(sops)} |")
        (docs / pemda.slug / "index.md").write_text("\n".join(pemda_page) + "\n", encoding="utf-8")
        nav.append({pemda.nama: section})
        home.append(f"- [{pemda.nama}]({pemda.slug}/index.md)")
    (docs / "index.md").write_text("\n".join(home) + "\n", encoding="utf-8")
    config = {
        "site_name": "Katalog SOP (baseline)",
        "docs_dir": "docs",
        "site_dir": "site",
        "theme": {
            "name": "material",
            "language": "id",
            "features": ["navigation.instant", "navigation.prune", "navigation.indexes"],
        },
        "plugins": ["search"],
        "markdown_extensions": ["tables", "attr_list"],
        "nav": nav,
        # SOP pages are reached from their agency page, never from the navigation (which Material renders
        # into every page): this line only silences MkDocs' note about pages outside the nav.
        "not_in_nav": "/*/*/*.md\n",
    }
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return {
        "sop": len(catalogue.sops),
        "pages": len(catalogue.sops) + len(catalogue.agencies) + len(catalogue.pemdas) + 1,
    }
