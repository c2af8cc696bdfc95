"""A printout anyone can verify: the QR code of a printed SOP page, decoded from Chromium's PDF, leads to the
page with its version, and the page says whether a printed version is the current one."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess

import pytest

from catalogue.analysis import Sources, analyse_sources
from catalogue.rules.version import sop_version

from .browser import ConsoleLog, serve
from .conftest import MINIMAL_SOP, SEEDS, write_catalogue
from .sitebuild import build_site

LONG_SOP = "kabupaten-purbalingga/kecamatan-purbalingga/mekanisme-pengukuran-kinerja/"


def test_the_version_is_the_latest_date_and_a_hash_of_the_source(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    analysis = analyse_sources(Sources.at(root))
    sop = analysis.catalogue.sops["kab-uji/kec-uji/laporan"]
    version = analysis.version_of(sop.id)
    assert re.fullmatch(r"2024-01-02-[0-9a-f]{8}", version)
    assert version == sop_version(sop, sop.source.read_bytes())
    assert sop_version(sop, sop.source.read_bytes() + b"\n") != version  # any edit is a new version
    assert sop_version(sop) == "2024-01-02"


def test_without_site_url_there_is_no_qr_code_and_the_build_says_so(tmp_path, caplog):
    sources = write_catalogue(tmp_path / "sops", {"laporan.yml": MINIMAL_SOP})
    with caplog.at_level(logging.INFO):
        site = build_site(tmp_path, sources, "site_url: null\n")
    page = site.html("kab-uji/kec-uji/laporan/")
    assert "kat-qr" not in page and "Periksa versi terbaru" not in page
    assert re.search(r'data-kat-versi="2024-01-02-[0-9a-f]{8}"', page)
    assert any("site_url tidak diisi" in r.getMessage() for r in caplog.records)
    # Not a MkDocs warning: a strict build (make site) of a fresh clone still succeeds.
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("mkdocs")]


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("print-verify")
    site = build_site(project, SEEDS)
    with serve(site.site) as base:
        yield site, base


def _decode_first_page(pdf, tmp_path) -> list[str]:
    for tool in ("pdftoppm", "zbarimg"):
        assert shutil.which(tool), f"{tool} missing: run `make qr-tools` (make test does)"
    subprocess.run(
        ["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    [image] = tmp_path.glob("p*.png")
    done = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    return done.stdout.split()


def test_the_printed_qr_code_decodes_to_the_page_and_its_version(chromium, seed_site, tmp_path):
    site, base = seed_site
    page = chromium.new_page()
    page.goto(base + LONG_SOP, wait_until="networkidle")
    version = page.locator("[data-kat-versi]").get_attribute("data-kat-versi")
    assert not page.locator(".kat-cetak-verifikasi").is_visible()  # print only
    page.emulate_media(media="print")
    assert page.locator(".kat-cetak-verifikasi").is_visible()
    pdf = tmp_path / "sop.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    page.close()
    assert _decode_first_page(pdf, tmp_path) == [f"https://katalog.example/{LONG_SOP}?versi={version}"]
    from pypdf import PdfReader

    first = " ".join(PdfReader(str(pdf)).pages[0].extract_text().split())
    assert f"Periksa versi terbaru: https://katalog.example/{LONG_SOP}" in first.replace("- ", "-")


def test_the_page_tells_whether_a_printed_version_is_current(chromium, seed_site):
    site, base = seed_site
    page = chromium.new_page()
    log = ConsoleLog(page)
    page.goto(base + LONG_SOP, wait_until="networkidle")
    note = page.locator(".kat-versi-cek")
    assert not note.is_visible()  # opened without a printed version: nothing to say
    version = note.get_attribute("data-kat-versi")
    page.goto(f"{base}{LONG_SOP}?versi={version}", wait_until="networkidle")
    assert note.is_visible() and "adalah versi terbaru" in note.inner_text()
    page.goto(f"{base}{LONG_SOP}?versi=2020-01-01-00000000", wait_until="networkidle")
    assert "bukan versi terbaru" in note.inner_text() and version in note.inner_text()
    # A forged address stays text.
    page.goto(f"{base}{LONG_SOP}?versi=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E", wait_until="networkidle")
    assert "<img src=x onerror=alert(1)>" in note.inner_text() and note.locator("img").count() == 0
    assert log.errors == []
    page.close()
