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
    if width < 720:  # a phone shows step cards; the chart is one tap away
        page.get_by_role("link", name="Lihat bagan alir").click()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 1, f"with the chart shown, the page is {overflow}px wider than the screen"
    # The chart stays legible: a symbol is drawn at full size, not shrunk to fit the screen. (On a phone
    # the chart shows after the tap: waited for, as a busy machine may take a moment to lay it out.)
    symbols.first.wait_for(state="visible")
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


# --- phone first (issue 16) -------------------------------------------------------------------------------

PHONE = {"width": 360, "height": 740}


@pytest.mark.parametrize("sop", [LONG_SOP, SHORT_SOP])
def test_phone_first_screen_says_how_long_and_who_starts(chromium, seed_server, sop):
    page = chromium.new_page(viewport=PHONE)
    page.goto(seed_server + sop, wait_until="networkidle")
    total = page.locator(".kat-ikhtisar-waktu dd")
    assert total.is_visible()
    assert any(unit in total.inner_text() for unit in ("menit", "jam", "hari", "minggu", "bulan"))
    performer = page.locator("tr.sop-langkah").first.locator(".sop-kartu-pelaksana")
    assert performer.is_visible()
    assert performer.inner_text().startswith("Pelaksana:")
    for element in (total, performer):
        box = element.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    page.close()


def test_phone_shows_one_card_per_step_and_no_sideways_scroll(chromium, seed_server):
    page = chromium.new_page(viewport=PHONE)
    page.goto(seed_server + LONG_SOP, wait_until="networkidle")
    cards = page.evaluate("""() => [...document.querySelectorAll('tr.sop-langkah')].map(tr => {
        const r = tr.getBoundingClientRect();
        return {display: getComputedStyle(tr).display, left: r.left, right: r.right, height: r.height,
                no: tr.querySelector('td.sop-no').innerText.trim(),
                chart: tr.querySelector('td.sop-bagan').getBoundingClientRect().height,
                performer: tr.querySelector('.sop-kartu-pelaksana').innerText};
    })""")
    assert len(cards) == 12
    assert all(c["display"] == "grid" and c["height"] > 0 for c in cards)
    assert all(c["left"] >= 0 and c["right"] <= PHONE["width"] for c in cards), cards
    assert all(c["chart"] == 0 for c in cards)  # the chart cells are out of the cards
    assert all(c["performer"].startswith("Pelaksana:") for c in cards)
    assert [c["no"].rstrip(".") for c in cards] == [str(n) for n in range(1, 13)]
    # A decision reads as its branches.
    branches = page.locator(".sop-kartu-cabang").all_inner_texts()
    assert any("Ya → langkah" in b and "Tidak → langkah" in b for b in branches), branches
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    # The chart is one tap away, and the cards one tap back (each waited for: a loaded machine may take a
    # moment to lay the page out again after the tap).
    page.get_by_role("link", name="Lihat bagan alir").click()
    symbol = page.locator("svg g.simbol[data-langkah]").first
    symbol.wait_for(state="visible")
    assert symbol.bounding_box()["width"] >= 40
    page.get_by_role("link", name="Tampilkan sebagai kartu langkah").click()
    page.wait_for_function("getComputedStyle(document.querySelector('tr.sop-langkah')).display === 'grid'")
    page.close()


def test_wide_table_keeps_its_header_row_and_first_columns_in_view(chromium, seed_server):
    page = chromium.new_page(viewport={"width": 900, "height": 700})
    page.goto(seed_server + LONG_SOP, wait_until="networkidle")
    assert page.locator("tr.sop-langkah").first.evaluate("tr => getComputedStyle(tr).display") == "table-row"
    assert not page.locator(".sop-kartu-pelaksana").first.is_visible()
    scroller = page.locator(".sop-prosedur-gulir")
    scroller.scroll_into_view_if_needed()
    before = page.evaluate("""() => {
        const g = document.querySelector('.sop-prosedur-gulir');
        const head = document.querySelector('.sop-prosedur thead').getBoundingClientRect();
        return {head: head.top - g.getBoundingClientRect().top,
                wide: g.scrollWidth > g.clientWidth, tall: g.scrollHeight > g.clientHeight};
    }""")
    assert before["tall"], "a 12-step table scrolls inside its frame"
    after = page.evaluate("""() => {
        const g = document.querySelector('.sop-prosedur-gulir');
        g.scrollTop = 500; g.scrollLeft = 400;
        const top = g.getBoundingClientRect();
        const row = [...document.querySelectorAll('tr.sop-langkah')].find(
            tr => tr.getBoundingClientRect().bottom > top.top + 120);
        return {head: document.querySelector('.sop-prosedur thead').getBoundingClientRect().top - top.top,
                no: row.querySelector('td.sop-no').getBoundingClientRect().left - top.left,
                uraian: row.querySelector('td.sop-uraian').getBoundingClientRect().left - top.left,
                scrolledLeft: g.scrollLeft};
    }""")
    assert abs(after["head"] - before["head"]) <= 1, after
    assert after["no"] <= 2, after
    if after["scrolledLeft"] > 0:
        assert abs(after["uraian"] - 36) <= 3, after
    page.close()


def test_inferred_performer_reason_opens_on_tap_and_from_the_keyboard(chromium, seed_server):
    page = chromium.new_page(viewport=PHONE, has_touch=True)
    page.goto(seed_server + LONG_SOP, wait_until="networkidle")
    badges = page.locator("details.sop-disimpulkan-info")
    assert badges.count() >= 1
    first = badges.first
    reason = first.locator("p")
    assert not reason.is_visible()
    first.locator("summary").tap()
    assert reason.is_visible()
    assert "tidak tertulis sebagai pelaksana di dokumen asli" in reason.inner_text()
    first.locator("summary").tap()
    assert not reason.is_visible()
    first.locator("summary").focus()
    page.keyboard.press("Enter")
    assert reason.is_visible()
    page.close()


# --- the auditor's filter ---------------------------------------------------------------------------------


def test_audit_page_filters_by_agency(chromium, seed_server):
    page = chromium.new_page(viewport=PHONE)
    page.goto(seed_server + "audit/kabupaten-balangan/", wait_until="networkidle")
    rows = page.locator(".kat-audit-tabel tr[data-instansi]")
    everything = rows.count()
    assert everything == 3
    select = page.locator("select[data-kat-saring-pilih]")
    assert select.is_visible()
    select.select_option("kabupaten-balangan/sekretariat-daerah")
    visible = [r for r in rows.all() if r.is_visible()]
    assert len(visible) == 1 and "Sekretariat Daerah Kabupaten Balangan" in visible[0].inner_text()
    assert page.locator("[data-kat-saring-jumlah]").inner_text() == "1 SOP ditampilkan"
    # The SOPs due for review below (if any today) follow the same filter.
    for row in page.locator("tr[data-instansi]").all():
        assert row.is_visible() == (
            row.get_attribute("data-instansi") == "kabupaten-balangan/sekretariat-daerah"
        )
    select.select_option("")
    assert sum(1 for r in rows.all() if r.is_visible()) == everything
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
    page.close()
