"""Search as a reader meets it, in real Chromium: the Pagefind index of the seed catalogue, Indonesian
stemming, filters, the header box and Material's instant navigation."""

from __future__ import annotations

import re
import shutil

import pytest

from .browser import ConsoleLog, serve
from .conftest import SEEDS
from .sitebuild import build_site

BATUMANDI = "kabupaten-balangan/kecamatan-batumandi/pelaksanaan-pengukuran-kinerja-triwulan/"
INSPEKTORAT = "kabupaten-balangan/inspektorat/pelaksanaan-pengukuran-kinerja-penilaian-skp/"


@pytest.fixture(scope="module")
def served_site(tmp_path_factory):
    """The seed site with search, built for the address it is served at: Material's instant navigation
    only takes links that its sitemap lists, and it compares them with the port."""
    project = tmp_path_factory.mktemp("search")
    with serve(project / "site") as base:
        # A later key wins in mkdocs.yml: the served address replaces the test project's site_url.
        yield build_site(project, SEEDS, f"site_url: {base}\n", search=True), base


@pytest.fixture(scope="module")
def search_site(served_site):
    return served_site[0]


@pytest.fixture(scope="module")
def base_url(served_site):
    return served_site[1]


@pytest.fixture
def open_page(chromium, base_url):
    """A fresh page whose console errors are collected; requests leaving 127.0.0.1 (web fonts) are answered
    empty, so the tests run offline and every request a test makes is the site's own."""
    pages = []

    def open_(url: str, width: int = 1280, height: int = 900):
        page = chromium.new_page(viewport={"width": width, "height": height})
        page.route(
            re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=200, body="")
        )
        log = ConsoleLog(page)
        page.goto(base_url + url, wait_until="networkidle")
        pages.append(page)
        return page, log

    yield open_
    for page in pages:
        page.close()


def result_count(page) -> int:
    """The count the summary shows once a search has ended, read in the same step that sees it ended (a
    second read could land on the "Mencari …" of a later search)."""
    handle = page.wait_for_function(
        """() => {
            const text = document.querySelector('pagefind-summary')?.textContent || '';
            const found = text.match(/(\\d+) hasil/);
            return found ? Number(found[1]) : /tidak ditemukan/i.test(text) ? -1 : null;
        }"""
    )
    return max(handle.json_value(), 0)


def search_page_query(page, text: str) -> None:
    box = page.locator('pagefind-input[instance="katalog-cari"] input')
    box.fill(text)
    page.wait_for_function(
        "term => (document.querySelector('pagefind-summary')?.textContent || '').includes(term)", arg=text
    )


def test_index_holds_sop_content_in_indonesian(search_site):
    home = search_site.html("")
    assert re.search(r"<html lang=\"id\"", home)
    bundle = search_site.site / "pagefind"
    assert (bundle / "wasm.id.pagefind").is_file()  # the Indonesian stemmer was built in
    assert list(bundle.glob("pagefind.id_*.pf_meta")), "the index is an Indonesian one"
    assert len(list((bundle / "fragment").glob("*.pf_fragment"))) == 5  # the five SOP pages, nothing else
    assert not (search_site.site / "search" / "search_index.json").exists()  # Material's search is gone
    sop = search_site.html(BATUMANDI)
    assert 'data-pagefind-filter="pemda">Kabupaten Balangan<' in sop
    assert (
        'data-pagefind-filter="peran">Sekretaris Camat<' in sop
    )  # the column "Sekretaris", by its full name


def test_inflected_word_finds_other_forms(open_page):
    page, log = open_page("cari/")
    for query in ("verifikasi", "diverifikasi"):  # the SOP says "Memverifikasi"
        search_page_query(page, query)
        assert result_count(page) >= 1
        first = page.locator("pagefind-results .kat-hasil").first
        first.wait_for()
        assert first.locator("a").get_attribute("href").rstrip("/").endswith(BATUMANDI.rstrip("/"))
        shown = first.inner_text()
        assert "Pelaksanaan Pengukuran Kinerja Triwulan" in shown  # nama
        assert "Kecamatan Batumandi" in shown  # instansi
        assert "067/001/KEC.BTM/BLG/2024" in shown  # nomor
        assert "erifikasi" in first.locator("mark").first.inner_text()
    assert log.errors == []


def test_page_chrome_is_not_indexed(open_page):
    page, log = open_page("cari/")
    search_page_query(page, "Material")  # only in the footer ("Made with Material for MkDocs")
    assert result_count(page) == 0
    assert log.errors == []


def test_filter_narrows_results(open_page):
    page, log = open_page("cari/")
    search_page_query(page, "kinerja")
    everything = result_count(page)
    assert everything == 5
    page.locator('pagefind-filter-dropdown[filter="pemda"] .pf-dropdown-trigger').click()
    page.locator(
        'pagefind-filter-dropdown[filter="pemda"] .pf-dropdown-option[data-value="Kabupaten Balangan"]'
    ).click()
    page.wait_for_function(
        "() => !/Ditemukan 5 hasil/.test(document.querySelector('pagefind-summary').textContent)"
    )
    assert result_count(page) == 3
    page.keyboard.press("Escape")
    page.locator('pagefind-filter-dropdown[filter="peran"] .pf-dropdown-trigger').click()
    page.locator('pagefind-filter-dropdown[filter="peran"] .pf-dropdown-option[data-value="Camat"]').click()
    page.wait_for_function(
        "() => !/Ditemukan 3 hasil/.test(document.querySelector('pagefind-summary').textContent)"
    )
    assert result_count(page) == 1  # Batumandi is the only Balangan SOP with a Camat column
    assert page.locator("pagefind-results .kat-hasil a").first.get_attribute("href").endswith(BATUMANDI)
    assert log.errors == []


def test_header_box_works_across_instant_navigation(open_page, base_url):
    page, log = open_page(INSPEKTORAT)
    page.evaluate("window.__samePage = true")  # survives only if Material swaps pages in without reloading
    header_input = page.locator(".md-header pagefind-searchbox input")
    assert header_input.is_visible()
    header_input.fill("verifikasi")
    hit = page.locator(".md-header .kat-hasil").first
    hit.wait_for()
    assert "Kecamatan Batumandi" in hit.inner_text()
    hit.click()
    page.wait_for_url(base_url + BATUMANDI)
    page.locator("h1", has_text="Pelaksanaan Pengukuran Kinerja Triwulan").wait_for()
    assert page.evaluate("window.__samePage === true"), "the result link did not use instant navigation"
    assert not page.locator(".md-header .pf-searchbox-dropdown").is_visible()  # closed on arrival
    # Still alive on the new page: Enter takes the highlighted result, instantly too.
    header_input.fill("Penilaian SKP")
    page.locator(".md-header .kat-hasil").first.wait_for()
    header_input.press("Enter")
    page.wait_for_url(base_url + INSPEKTORAT)
    assert page.evaluate("window.__samePage === true")
    # "All results" opens /cari/ with the query and the filters.
    header_input.fill("laporan kinerja")
    page.locator(".md-header .kat-hasil").first.wait_for()
    page.locator(".md-header .kat-cari__semua").click()
    page.wait_for_url(re.compile(r"/cari/\?q=laporan"))
    assert result_count(page) >= 3
    assert page.locator('pagefind-input[instance="katalog-cari"] input').input_value() == "laporan kinerja"
    assert page.evaluate("window.__samePage === true")
    assert log.errors == []


def test_search_page_reached_by_instant_navigation_shows_results(open_page):
    page, log = open_page("")
    page.evaluate("window.__samePage = true")
    page.locator(".kat-pintu a", has_text="Cari SOP").click()
    page.locator('pagefind-input[instance="katalog-cari"] input').wait_for()
    assert page.evaluate("window.__samePage === true")
    search_page_query(page, "verifikasi")
    assert result_count(page) >= 1
    page.locator("pagefind-results .kat-hasil").first.wait_for()  # our result layout, wired after the swap
    assert log.errors == []


def test_phone_opens_the_box_from_the_magnifier(open_page):
    page, log = open_page(INSPEKTORAT, width=360, height=740)
    header_input = page.locator(".md-header pagefind-searchbox input")
    assert not header_input.is_visible()
    page.locator("[data-kat-cari-buka]").click()
    assert header_input.is_visible()
    header_input.fill("diverifikasi")
    assert "Kecamatan Batumandi" in page.locator(".md-header .kat-hasil").first.inner_text()
    box = page.locator(".md-header .pf-searchbox-dropdown").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 361  # fits the screen
    assert log.errors == []


# --- an index in parts --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parted_site(tmp_path_factory):
    """The seed site indexed in parts of at most two pages (2 + 2 + 1), as a big catalogue is, and its search
    page showing two results at a time, as a big catalogue's shows 25 of thousands."""
    project = tmp_path_factory.mktemp("search-parts")
    with serve(project / "site") as base:
        yield (
            build_site(
                project,
                SEEDS,
                f"site_url: {base}\n",
                search={"pages_per_index": 2, "glob": "*/*/*/index.html", "results_per_page": 2},
            ),
            base,
        )


def test_index_parts_hold_every_page_once(parted_site):
    site, _ = parted_site
    bundle = site.site / "pagefind"
    parts = [bundle, bundle / "bagian-2", bundle / "bagian-3"]
    assert not (bundle / "bagian-4").exists()
    counts = [len(list((part / "fragment").glob("*.pf_fragment"))) for part in parts]
    assert counts == [2, 2, 1]
    # Every page loads the list of the parts (one file, so that a national site's shards list each other's).
    header = site.html(BATUMANDI)
    assert header.index('src="../../../assets/javascripts/katalog-bagian.js"') < header.index(
        'src="../../../assets/javascripts/katalog-search.js"'
    )
    listed = (site.site / "assets/javascripts/katalog-bagian.js").read_text(encoding="utf-8")
    assert '["pagefind/", "pagefind/bagian-2/", "pagefind/bagian-3/"]' in listed


def test_search_merges_the_index_parts(chromium, parted_site):
    _, base = parted_site
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=200, body=""))
    log = ConsoleLog(page)
    try:
        page.goto(base + "cari/", wait_until="networkidle")
        search_page_query(page, "kinerja")
        assert result_count(page) == 5  # pages from all three parts
        page.locator('pagefind-filter-dropdown[filter="pemda"] .pf-dropdown-trigger').click()
        page.locator(
            'pagefind-filter-dropdown[filter="pemda"] .pf-dropdown-option[data-value="Kabupaten Balangan"]'
        ).click()
        page.wait_for_function(
            "() => !/Ditemukan 5 hasil/.test(document.querySelector('pagefind-summary').textContent)"
        )
        assert result_count(page) == 3  # filter values merged across the parts
        page.goto(base + INSPEKTORAT, wait_until="networkidle")
        header_input = page.locator(".md-header pagefind-searchbox input")
        header_input.fill("diverifikasi")
        hit = page.locator(".md-header .kat-hasil").first
        hit.wait_for()
        assert "Kecamatan Batumandi" in hit.inner_text()
        assert hit.get_attribute("href").rstrip("/").endswith(BATUMANDI.rstrip("/"))
        assert log.errors == []
    finally:
        page.close()


def test_search_page_shows_results_a_page_at_a_time(chromium, parted_site):
    """A common word can match thousands of SOPs; the page lays out the first results only (8,000 list items
    took a desktop browser 9 s), and the reader asks for more."""
    _, base = parted_site
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=200, body=""))
    log = ConsoleLog(page)
    shown = page.locator("pagefind-results li.pf-result")
    more = page.locator("[data-kat-lagi-tombol]")
    try:
        page.goto(base + "cari/", wait_until="networkidle")
        assert not more.is_visible()  # nothing searched yet
        search_page_query(page, "kinerja")
        assert result_count(page) == 5  # the summary counts them all
        page.locator("pagefind-results .kat-hasil").nth(1).wait_for()
        assert shown.count() == 2
        assert page.locator("[data-kat-lagi-jumlah]").inner_text() == "Menampilkan 2 dari 5 hasil."
        assert more.inner_text() == "Tampilkan 2 hasil berikutnya"
        more.click()
        page.locator("pagefind-results .kat-hasil").nth(3).wait_for()
        assert shown.count() == 4
        # Focus goes on to the first new result, for keyboard and screen-reader users.
        page.wait_for_function("() => document.activeElement.closest('pagefind-results li') !== null")
        third = page.locator("pagefind-results .kat-hasil .pf-result-link").nth(2)
        assert page.evaluate("document.activeElement.textContent") == third.inner_text()
        assert more.inner_text() == "Tampilkan 1 hasil berikutnya"
        more.click()
        page.locator("pagefind-results .kat-hasil").nth(4).wait_for()
        assert not more.is_visible()  # all five shown
        titles = page.locator("pagefind-results .kat-hasil .pf-result-link").all_inner_texts()
        assert len(set(titles)) == 5  # each result once
        # A new search starts again from the first page.
        search_page_query(page, "laporan")
        found = result_count(page)
        assert found > 2
        page.locator("pagefind-results .kat-hasil").nth(1).wait_for()
        assert shown.count() == 2
        assert page.locator("[data-kat-lagi-jumlah]").inner_text() == f"Menampilkan 2 dari {found} hasil."
        assert log.errors == []
    finally:
        page.close()


def test_results_below_the_first_screen_load_when_scrolled_to(open_page):
    """Each result's text loads as it comes into view. Material's page styles made Pagefind watch a
    window-high box at the top of the page instead of the window: results below the first screen stayed
    grey placeholders however far the reader scrolled."""
    page, log = open_page("cari/", width=390, height=600)
    search_page_query(page, "kinerja")
    assert result_count(page) == 5
    items = page.locator("pagefind-results li.pf-result")
    items.nth(4).wait_for(state="attached")
    assert page.locator("pagefind-results .kat-hasil").count() < 5  # the last ones are below the screen
    for _ in range(8):
        page.mouse.wheel(0, 300)
        page.wait_for_timeout(150)
    page.locator("pagefind-results .kat-hasil").nth(4).wait_for(timeout=5000)
    assert log.errors == []


# --- results worth reading, typo suggestions (issue 16) -----------------------------------------------------


def test_result_card_shows_agency_time_and_roles_and_a_clean_excerpt(open_page):
    page, log = open_page("cari/")
    search_page_query(page, "verifikasi")
    first = page.locator("pagefind-results .kat-hasil").first
    first.wait_for()
    assert "Kecamatan Batumandi, Kabupaten Balangan" in first.locator(".kat-hasil__asal").inner_text()
    facts = first.locator(".kat-hasil__fakta").inner_text()
    assert re.search(r"Waktu \d+ (menit|jam|hari)", facts), facts
    assert re.search(r"\d+ langkah", facts) and "Pelaksana: " in facts and "Camat" in facts
    excerpt = first.locator(".pf-result-excerpt").inner_text()
    for boilerplate in ("Identitas SOP", "Nomor SOP", "Tanggal Pembuatan", "Uraian Kegiatan", "Beranda"):
        assert boilerplate not in excerpt, excerpt
    assert log.errors == []


def test_header_result_shows_the_time(open_page):
    page, log = open_page(INSPEKTORAT)
    page.locator(".md-header pagefind-searchbox input").fill("verifikasi")
    hit = page.locator(".md-header .kat-hasil").first
    hit.wait_for()
    assert re.search(r"Waktu \d+", hit.locator(".kat-hasil__fakta").inner_text())
    assert log.errors == []


def test_typo_query_suggests_an_index_word_that_finds_results(open_page, base_url):
    page, log = open_page("cari/")
    search_page_query(page, "verivikasi")
    assert result_count(page) == 0
    suggestion = page.locator("[data-kat-saran] a")
    suggestion.wait_for()
    assert page.locator("[data-kat-saran]").inner_text() == "Maksud Anda: verifikasi?"
    # The suggestion searches in place: the page is not loaded again (Material's instant navigation
    # would replace the article and search a second time).
    page.evaluate("document.querySelector('article').dataset.belumDimuatUlang = '1'")
    suggestion.click()
    page.wait_for_function(
        # A loaded machine may first show the count before every index part is merged: wait for results.
        "() => /[1-9]\\d* hasil untuk verifikasi/.test(document.querySelector('pagefind-summary').textContent)"
    )
    assert result_count(page) >= 1
    first = page.locator("pagefind-results .kat-hasil a").first
    assert first.get_attribute("href").rstrip("/").endswith(BATUMANDI.rstrip("/"))
    assert page.locator('pagefind-input[instance="katalog-cari"] input').input_value() == "verifikasi"
    assert page.url.endswith("?q=verifikasi")
    assert page.locator("article[data-belum-dimuat-ulang]").count() == 1
    # A word the index holds, or an affixed form of one, is never "corrected", even when it finds little
    # (verifikasi: one SOP).
    page.locator('[data-kat-saran-untuk="verifikasi"]').wait_for(state="attached")
    assert page.locator("[data-kat-saran]").inner_text() == ""
    for query in ("diverifikasi", "penilaian"):
        search_page_query(page, query)
        page.locator(f'[data-kat-saran-untuk="{query}"]').wait_for(state="attached")
        assert page.locator("[data-kat-saran]").inner_text() == ""
    assert log.errors == []


@pytest.fixture(scope="module")
def kecamatan_site(tmp_path_factory):
    """The seeds plus an SOP of a Sekretariat Daerah that speaks of "kecamatan" but has no Camat column."""
    project = tmp_path_factory.mktemp("search-kecamatan")
    sources = project / "sops"
    shutil.copytree(SEEDS, sources)
    setda = sources / "kabupaten-balangan" / "sekretariat-daerah"
    text = (setda / "pengumpulan-data-kinerja.yml").read_text(encoding="utf-8")
    text = text.replace('nama: "Pengumpulan Data Kinerja"', 'nama: "Rekapitulasi Data Kinerja Kecamatan"')
    text = text.replace("subbag/seksi, OPD dan instansi terkait", "setiap kecamatan")
    (setda / "rekapitulasi-data-kinerja-kecamatan.yml").write_text(text, encoding="utf-8")
    with serve(project / "site") as base:
        build_site(project, sources, f"site_url: {base}\n", search=True)
        yield base


def shown_titles(page, count: int) -> list[str]:
    """The titles of the ``count`` results on screen, once Pagefind has filled them in."""
    page.wait_for_function(
        """n => { const t = [...document.querySelectorAll('pagefind-results .pf-result-title')];
                   return t.length === n && t.every(e => e.textContent.trim()); }""",
        arg=count,
    )
    return page.locator("pagefind-results .pf-result-title").all_inner_texts()


def test_role_filter_takes_whole_names_only(chromium, kecamatan_site):
    """The word "camat" also finds "kecamatan" (Pagefind's Indonesian stemmer strips ke-…-an); the role
    filter matches whole role names, so Camat never takes in an SOP that only mentions a kecamatan."""
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.fulfill(status=200, body=""))
    log = ConsoleLog(page)
    page.goto(kecamatan_site + "cari/", wait_until="networkidle")
    search_page_query(page, "camat")
    everything = result_count(page)
    titles = shown_titles(page, everything)
    assert "Rekapitulasi Data Kinerja Kecamatan" in titles, titles  # found by full text, through "kecamatan"
    page.locator('pagefind-filter-dropdown[filter="peran"] .pf-dropdown-trigger').click()
    options = page.locator('pagefind-filter-dropdown[filter="peran"] .pf-dropdown-option')
    options.first.wait_for()
    values = options.evaluate_all("els => els.map(e => e.dataset.value)")
    assert "Camat" in values and not [v for v in values if "kecamatan" in v.lower()]
    page.locator('pagefind-filter-dropdown[filter="peran"] .pf-dropdown-option[data-value="Camat"]').click()
    page.wait_for_function(
        f"() => !/Ditemukan {everything} hasil/.test(document.querySelector('pagefind-summary').textContent)"
    )
    assert result_count(page) == everything - 1
    titles = shown_titles(page, everything - 1)
    assert "Rekapitulasi Data Kinerja Kecamatan" not in titles
    assert log.errors == []
    page.close()


def test_phone_chart_switch_works_under_instant_navigation(open_page, base_url):
    """The step cards' "Lihat bagan alir" is a #target link: it must still switch after Material's instant
    navigation swapped the SOP page in (this site has site_url, so instant navigation is on)."""
    page, log = open_page("kabupaten-balangan/inspektorat/", width=360, height=740)
    page.evaluate("window.__samePage = true")
    page.locator("#daftar-sop + .kat-tabel-gulir a", has_text="Penilaian SKP").first.click()
    page.wait_for_url(base_url + INSPEKTORAT)
    page.locator("tr.sop-langkah").first.wait_for()
    assert page.evaluate("window.__samePage === true")
    first_row = page.locator("tr.sop-langkah").first
    assert first_row.evaluate("tr => getComputedStyle(tr).display") == "grid"
    page.get_by_role("link", name="Lihat bagan alir").click()
    page.wait_for_function(
        "() => getComputedStyle(document.querySelector('tr.sop-langkah')).display === 'table-row'"
    )
    assert page.url.endswith("#bagan-alir")
    assert log.errors == []
