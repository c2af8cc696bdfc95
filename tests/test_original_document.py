"""The signed original (``sumber.berkas``): checked when read, published with the site, linked from the SOP
page ("Unduh dokumen asli") and from the open data; a file that is only extracted text is labelled so."""

from __future__ import annotations

import json

import pytest

from catalogue.analysis import Sources, analyse_sources
from catalogue.export.open_data import ExportSettings, export_sop, load_sop_document
from catalogue.source.load import load_catalogue

from .conftest import MINIMAL_SOP, write_catalogue
from .sitebuild import build_site

PDF = b"%PDF-1.4\n% a signed SOP, scanned\n%%EOF\n"


def with_source(berkas: str, jenis: str = "pdf") -> str:
    return MINIMAL_SOP + f"sumber:\n  dokumen: Laporan.pdf\n  jenis_dokumen: {jenis}\n  berkas: {berkas}\n"


def load(tmp_path, berkas: str, files: dict[str, bytes] | None = None):
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": with_source(berkas)})
    for rel, data in (files or {}).items():
        target = root / "kab-uji" / "kec-uji" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root, load_catalogue(root)


def test_a_kept_document_is_found_beside_the_sop(tmp_path):
    root, catalogue = load(tmp_path, "dokumen/laporan.pdf", {"dokumen/laporan.pdf": PDF})
    assert not catalogue.errors
    sumber = next(iter(catalogue.sops.values())).sumber
    assert sumber.berkas == (root / "kab-uji" / "kec-uji" / "dokumen" / "laporan.pdf").absolute()
    assert not sumber.berkas_is_extracted_text


@pytest.mark.parametrize(
    ("berkas", "files", "message"),
    [
        ("dokumen/hilang.pdf", {}, "tidak ditemukan"),
        ("../../../rahasia.pdf", {}, "di luar folder katalog"),
        ("/etc/passwd", {}, "relatif"),
        ("https://contoh.go.id/sop.pdf", {}, "relatif"),
        ("dokumen/laporan.exe", {"dokumen/laporan.exe": b"MZ"}, "bukan jenis dokumen"),
    ],
)
def test_a_bad_document_path_is_an_error_with_a_hint(tmp_path, berkas, files, message):
    _, catalogue = load(tmp_path, berkas, files)
    errors = [p for p in catalogue.errors if p.field == ("sumber", "berkas")]
    assert len(errors) == 1 and message in errors[0].message, [p.message for p in catalogue.errors]
    assert not catalogue.sops  # one verdict: the SOP is not published


def test_a_link_out_of_the_catalogue_is_refused(tmp_path):
    outside = tmp_path / "rahasia.txt"
    outside.write_text("kata sandi", encoding="utf-8")
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": with_source("dokumen/salinan.txt")})
    (root / "kab-uji" / "kec-uji" / "dokumen").mkdir()
    (root / "kab-uji" / "kec-uji" / "dokumen" / "salinan.txt").symlink_to(outside)
    catalogue = load_catalogue(root)
    assert [p.field for p in catalogue.errors] == [("sumber", "berkas")]
    assert "tautan" in catalogue.errors[0].message


def test_open_data_links_the_document_and_reads_it_back(tmp_path):
    root, _ = load(tmp_path, "dokumen/laporan.txt", {"dokumen/laporan.txt": b"teks"})
    analysis = analyse_sources(Sources.at(root))
    sop = next(iter(analysis.catalogue.sops.values()))
    doc = export_sop(sop, analysis, ExportSettings(source_base=tmp_path))
    assert doc["sumber"]["berkas"] == "sops/kab-uji/kec-uji/dokumen/laporan.txt"
    assert doc["sumber"]["berkas_url"] == "data/dokumen/kab-uji/kec-uji/laporan.txt"
    assert doc["sumber"]["berkas_teks_ekstraksi"] is True
    assert load_sop_document(json.loads(json.dumps(doc)), tmp_path) == sop


def test_site_publishes_the_original_and_links_it(tmp_path):
    root = write_catalogue(
        tmp_path / "sops",
        {"laporan.yml": with_source("dokumen/laporan.pdf"), "teks.yml": with_source("teks.txt", "docx")},
    )
    (root / "kab-uji" / "kec-uji" / "dokumen").mkdir()
    (root / "kab-uji" / "kec-uji" / "dokumen" / "laporan.pdf").write_bytes(PDF)
    (root / "kab-uji" / "kec-uji" / "teks.txt").write_text("Teks ekstraksi.\n", encoding="utf-8")
    (root / "kab-uji" / "kec-uji" / "teks.yml").write_text(
        with_source("teks.txt", "docx").replace('nomor: "001/SOP/2024"', 'nomor: "002/SOP/2024"'),
        encoding="utf-8",
    )
    site = build_site(tmp_path, root)
    published = site.site / "data" / "dokumen" / "kab-uji" / "kec-uji" / "laporan.pdf"
    assert published.read_bytes() == PDF
    html = site.html("kab-uji/kec-uji/laporan")
    assert (
        '<a href="../../../data/dokumen/kab-uji/kec-uji/laporan.pdf" download>Unduh dokumen asli (PDF)</a>'
        in html
    )
    text_page = site.html("kab-uji/kec-uji/teks")
    assert "Unduh teks ekstraksi dokumen asli" in text_page and "Unduh dokumen asli (" not in text_page
    assert "bukan dokumen yang ditandatangani" in text_page
    data = json.loads(
        (site.site / "data" / "sop" / "kab-uji" / "kec-uji" / "laporan.json").read_text("utf-8")
    )
    assert data["sumber"]["berkas_url"] == "data/dokumen/kab-uji/kec-uji/laporan.pdf"
    assert data["sumber"]["berkas_teks_ekstraksi"] is False


def test_a_cached_read_sees_the_document_added_removed_or_replaced_without_touching_the_yaml(tmp_path):
    # As under `mkdocs serve`: one file cache over rebuilds, and the author only adds the missing document.
    from catalogue.source.load import FileCache

    root, _ = load(tmp_path, "dokumen/laporan.pdf")
    cache = FileCache()
    assert any(p.field == ("sumber", "berkas") for p in load_catalogue(root, cache).errors)
    document = root / "kab-uji" / "kec-uji" / "dokumen" / "laporan.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(PDF)
    assert not load_catalogue(root, cache).errors
    assert load_catalogue(root, cache).sops  # and again from the cache, still valid
    hits = cache.hits
    load_catalogue(root, cache)
    assert cache.hits > hits  # unchanged: served from the cache, not read again
    document.unlink()
    assert any(p.field == ("sumber", "berkas") for p in load_catalogue(root, cache).errors)
