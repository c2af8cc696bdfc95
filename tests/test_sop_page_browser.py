"""What a person sees: a seed SOP page in real Chromium on a desktop and a phone, and its print view."""

from __future__ import annotations

import pytest

from .browser import ConsoleLog, serve
from .conftest import SEEDS
from .sitebuild import build_site

LONG_SOP = "kabupaten-purbalingga/kecamatan-purbalingga/mekanisme-pengukuran-kinerja/"
SHORT_SOP = "kabupaten-balangan/inspektorat/pelaksanaan-pengukuran-kinerja-penilaian-skp/"


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory):
    site = build_site(tmp_path_factory.mktemp("seed-browser"), SEEDS)
    with serve(site.site) as base:
        yield base


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (360, 740)], ids=["desktop", "phone"])
def test_sop_page_renders_without_console_errors(chromium, seed_server, width, height):
    page = chromium.new_page(viewport={"width": width, "height": height})
    log = ConsoleLog(page)
    page.goto(seed_server + LONG_SOP, wait_until="networkidle")
    assert page.locator("h1").first.inner_text().startswith("SOP/Mekanisme Pengukuran Kinerja")
    symbols = page.locator("svg g.simbol[data-langkah]")
    assert symbols.count() == 12
    # The page itself never scrolls sideways on a phone; only the procedure's own scroller may.
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"page is {overflow}px wider than a {width}px screen"
    # The chart stays legible: a symbol is drawn at full size, not shrunk to fit the screen.
    box = symbols.first.bounding_box()
    assert box is not None and box["width"] >= 40
    assert log.errors == []
    page.close()


def test_dark_palette_keeps_the_chart_visible(chromium, seed_server):
    page = chromium.new_page(color_scheme="dark")
    page.goto(seed_server + SHORT_SOP, wait_until="networkidle")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    stroke, background = page.evaluate("""() => {
        const shape = document.querySelector('svg g.simbol rect, svg g.simbol path, svg g.simbol polygon');
        return [getComputedStyle(shape).stroke, getComputedStyle(document.body).backgroundColor];
    }""")
    assert stroke != background and stroke not in ("none", "")
    page.close()


def test_print_view_paginates_with_paired_connectors(chromium, seed_server, tmp_path):
    page = chromium.new_page()
    page.goto(seed_server + LONG_SOP, wait_until="networkidle")
    page.emulate_media(media="print")
    hidden_chrome = page.evaluate("""() => ['.md-header', '.md-sidebar--primary', '.md-footer'].map(
        s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; })""")
    assert all(hidden_chrome)
    letters = page.evaluate("""() => [...document.querySelectorAll('g.simbol-konektor')]
        .filter(g => g.getBoundingClientRect().height > 0).map(g => g.dataset.huruf)""")
    assert letters, "a 12-step SOP needs off-page connectors in print"
    assert all(letters.count(letter) == 2 for letter in set(letters)), letters
    pdf = tmp_path / "sop.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=True, print_background=True)
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 3  # identity and boxes, then the procedure over at least two pages
    first = reader.pages[0].extract_text().upper()
    # The official first page: identity block and the six boxes; the procedure starts on a page of its own.
    for label in (
        "NOMOR SOP",
        "TANGGAL EFEKTIF",
        "DASAR HUKUM",
        "KUALIFIKASI PELAKSANA",
        "KETERKAITAN",
        "PERALATAN/PERLENGKAPAN",
        "PERINGATAN",
        "PENCATATAN DAN PENDATAAN",
    ):
        assert label in first, label
    assert "URAIAN KEGIATAN" not in first
    assert "URAIAN KEGIATAN" in reader.pages[1].extract_text().upper()
    assert "CARI" not in first.split("\n")[0]  # no header chrome printed
    page.close()
