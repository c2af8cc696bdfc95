"""A replaced and a revoked SOP on the site: the banner, the agency list, Keterkaitan leading to the
successor, the search filter and the open data; and the banner in real Chromium, search leaving them out."""

from __future__ import annotations

import json
import re

import pytest

from .browser import ConsoleLog, serve
from .conftest import MINIMAL_SOP, write_catalogue
from .sitebuild import build_site

AGENCY = "kab-uji/kec-uji/"
OLD, NEW, REVOKED, CITING = (
    AGENCY + s + "/" for s in ("laporan-2020", "laporan-2024", "rekap", "perjanjian")
)


def _sop(nomor: str, nama: str, extra: str = "") -> str:
    return MINIMAL_SOP.replace("001/SOP/2024", nomor).replace("Penyusunan Laporan Kinerja", nama) + extra


def lifecycle_catalogue(root):
    citing = (
        _sop("004", "Penyusunan Perjanjian Kinerja")
        .replace(
            "keterkaitan: [SOP Perjanjian Kinerja]",
            "keterkaitan:\n  - teks: SOP Laporan Kinerja Lama\n    target: laporan-2020\n  - SOP Rekapitulasi Hadir",
        )
        .replace("output: Draf laporan", "output: Draf laporan\n    keterangan: Lihat SOP Pengarsipan Surat")
    )
    return write_catalogue(
        root,
        {
            "laporan-2020.yml": _sop(
                "001", "Penyusunan Laporan Kinerja", "status: digantikan\ndigantikan_oleh: laporan-2024\n"
            ),
            "laporan-2024.yml": _sop("002", "Penyusunan Laporan Kinerja"),
            "rekap.yml": _sop(
                "003",
                "Rekapitulasi Hadir",
                "status: dicabut\ntanggal_dicabut: 2025-01-02\nalasan_dicabut: Keputusan Camat Nomor 7 Tahun 2025\n",
            ),
            "perjanjian.yml": citing,
            "arsip.yml": _sop(
                "005",
                "Pengarsipan Surat",
                "status: digantikan\ndigantikan_oleh: kab-uji/kec-uji/laporan-2024\n",
            ),
        },
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = tmp_path_factory.mktemp("lifecycle-site")
    return build_site(project, lifecycle_catalogue(project / "sops"))


def test_a_replaced_sop_keeps_its_page_with_a_banner_leading_to_its_successor(built):
    page = built.html(OLD)
    banner = re.search(r'<aside class="kat-status kat-status-digantikan".*?</aside>', page, re.S).group(0)
    assert "SOP ini sudah digantikan" in banner
    assert '<a href="../laporan-2024/">Penyusunan Laporan Kinerja</a>' in banner
    assert 'data-pagefind-filter="status">Digantikan<' in page
    # The printout states the status in its verification block (the banner itself is not printed).
    block = re.search(r'<div class="kat-cetak-verifikasi".*?</div>\s*</div>', page, re.S).group(0)
    assert (
        "Status di katalog: digantikan." in block
        and "Periksa versi terbaru: https://katalog.example/" in block
    )
    successor = built.html(NEW)
    assert "kat-status-digantikan" not in successor
    assert re.search(r'Menggantikan: <a href="../arsip/">[^<]*</a>, <a href="../laporan-2020/">', successor)
    assert 'data-pagefind-filter="status">Berlaku<' in successor


def test_a_revoked_sop_says_since_when_and_why(built):
    page = built.html(REVOKED)
    banner = re.search(r'<aside class="kat-status kat-status-dicabut".*?</aside>', page, re.S).group(0)
    assert "Dicabut sejak 2 Januari 2025: Keputusan Camat Nomor 7 Tahun 2025" in banner


def test_the_agency_lists_sops_no_longer_in_force_apart(built):
    page = built.html(AGENCY)
    current, _, retired = page.partition('id="tidak-berlaku"')
    assert "Daftar SOP (2)" in current and "laporan-2024/" in current and "perjanjian/" in current
    assert "laporan-2020/" not in current and "rekap/" not in current
    assert "SOP yang tidak berlaku lagi (3)" in retired
    assert re.search(r'digantikan oleh <a href="laporan-2024/">', retired)
    assert "dicabut 2 Januari 2025: Keputusan Camat Nomor 7 Tahun 2025" in retired


def test_keterkaitan_naming_a_replaced_sop_leads_to_its_successor(built):
    page = built.html(CITING)
    box = re.search(r'<ol class="kat-keterkaitan">.*?</ol>', page, re.S).group(0)
    replaced = re.search(r'<li class="kat-keterkaitan-digantikan">.*?</li>', box, re.S).group(0)
    assert '<a href="../laporan-2024/">SOP Laporan Kinerja Lama</a>' in replaced
    assert "digantikan oleh Penyusunan Laporan Kinerja" in replaced
    assert re.search(r'<a href="../rekap/">SOP Rekapitulasi Hadir</a>.*?>dicabut</span>', box, re.S)
    # A "Lihat SOP …" in a step's keterangan leads to the successor too.
    step_refs = page.partition("Dirujuk dalam keterangan langkah")[2].partition("</ul>")[0]
    assert re.search(
        r'Langkah 2: <a href="../laporan-2024/">SOP Pengarsipan Surat</a> <span[^>]*>digantikan oleh '
        r"Penyusunan Laporan",
        step_refs,
    )


def test_the_open_data_of_the_site_carries_the_status(built):
    old = json.loads((built.site / "data" / "sop" / (OLD.rstrip("/") + ".json")).read_text(encoding="utf-8"))
    assert (old["status"], old["digantikan_oleh"]) == ("digantikan", NEW.rstrip("/"))
    rows = (built.site / "data" / "sop.csv").read_text(encoding="utf-8")
    assert re.search(r"kab-uji/kec-uji/rekap,.*,dicabut,,2025-01-02", rows)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = tmp_path_factory.mktemp("lifecycle-browser")
    sources = lifecycle_catalogue(project / "sops")
    with serve(project / "site") as base:
        build_site(project, sources, f"site_url: {base}\n", search=True)
        yield base


def test_the_banner_in_chromium_leads_to_the_successor(chromium, served):
    page = chromium.new_page()
    log = ConsoleLog(page)
    page.goto(served + OLD, wait_until="networkidle")
    banner = page.get_by_role("note").filter(has_text="SOP ini sudah digantikan")
    assert banner.is_visible()
    # Drawn as a banner: across the content, above the identity table.
    box, table = banner.bounding_box(), page.locator(".kat-identitas-tabel").bounding_box()
    assert box["width"] > 400 and box["y"] < table["y"]
    # Opened from a printout of it: the page says the SOP is no longer in force, whatever the version.
    version = page.locator("[data-kat-versi]").get_attribute("data-kat-versi")
    page.goto(f"{served}{OLD}?versi={version}", wait_until="networkidle")
    assert "sudah tidak berlaku" in page.locator(".kat-versi-cek").inner_text()
    banner.get_by_role("link", name="Penyusunan Laporan Kinerja").click()
    # Material's instant navigation swaps the page in without a load event.
    page.wait_for_url(served + NEW, wait_until="commit")
    page.wait_for_selector("text=Menggantikan:")
    assert page.locator(".kat-status-digantikan").count() == 0
    assert log.errors == []
    page.close()


def test_search_leaves_out_sops_no_longer_in_force_until_asked(chromium, served):
    page = chromium.new_page()
    page.goto(served + "cari/", wait_until="networkidle")
    page.locator('pagefind-input[instance="katalog-cari"] input').fill("rekapitulasi")
    # Every result the summary counts is drawn (results render after the count), so that the absence of
    # the revoked SOP below is seen on the finished list, not on an empty one still loading.
    page.wait_for_function(
        """() => {
            const text = document.querySelector('pagefind-summary')?.textContent || '';
            if (/tidak ditemukan/i.test(text)) return true;
            const found = text.match(/(\\d+) hasil/);
            return found && document.querySelectorAll('pagefind-results .kat-hasil').length === Number(found[1]);
        }"""
    )
    assert page.locator("pagefind-results a[href*='rekap/']").count() == 0
    page.evaluate(
        "PagefindComponents.getInstanceManager().getInstance('katalog-cari').triggerFilter('status', ['Dicabut'])"
    )
    page.wait_for_selector("pagefind-results a[href*='rekap/']")
    page.close()


def test_review_badge_and_lists_per_agency_and_catalogue(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 1 December 2026
    sources = write_catalogue(
        tmp_path / "sops",
        {
            "lama.yml": _sop("001", "Penyusunan Laporan Kinerja"),  # effective 2 January 2024: due 2027
            "terjadwal.yml": _sop("002", "Penyusunan Rencana Kerja", "tanggal_tinjau: 2026-06-30\n"),
            "baru.yml": _sop("003", "Penyusunan Renstra", "tanggal_tinjau: 2029-01-01\n"),
        },
    )
    site = build_site(tmp_path, sources)
    overdue = site.html(AGENCY + "terjadwal/")
    assert re.search(
        r'class="kat-tinjau kat-tinjau-lewat".*Lewat jatuh tempo tinjau.*Jatuh tempo 30 Juni 2026'
        r'<span class="kat-tinjau-rinci"> '
        r"\(tanggal tinjau yang ditetapkan instansi\); keadaan per 1 Desember 2026",
        overdue,
    )
    soon = site.html(AGENCY + "lama/")
    assert "Segera ditinjau" in soon and "siklus peninjauan katalog 3 tahun sejak 2 Januari 2024" in soon
    assert "kat-tinjau-" not in site.html(AGENCY + "baru/")
    agency = site.html(AGENCY).partition('id="tinjau"')[2]
    rows = re.findall(r'<tr class="kat-tinjau-(\w+)"><td><a href="(\w+)/">', agency)
    assert rows == [("lewat", "terjadwal"), ("segera", "lama")]
    audit = site.html("audit/").partition('id="tinjau"')[2].partition('id="mutu-data"')[0]
    assert re.findall(r'<tr class="kat-tinjau-(\w+)"[^>]*>', audit) == ["lewat", "segera"]
    assert "Kecamatan Uji" in audit and "Keadaan per 1 Desember 2026" in audit
    data = json.loads((site.site / "data" / "sop" / "kab-uji" / "kec-uji" / "terjadwal.json").read_text())
    assert data["tinjau"] == {
        "jatuh_tempo": "2026-06-30",
        "dasar": "tanggal_tinjau",
        "siklus_tahun": 3,
        "status": "lewat",
        "tanggal_acuan": "2026-12-01",
    }
    # Many SOPs due (here: more than one): the overview counts them per pemda, each pemda's audit page lists
    # its own (at 10,000 SOPs the list made the overview 2.3 MB).
    from site_plugins.views import crossref_pages

    monkeypatch.setattr(crossref_pages, "REVIEWS_INLINE_MAX", 1)
    big = build_site(tmp_path / "besar", sources)
    overview = big.html("audit/").partition('id="tinjau"')[2]
    assert "kat-tinjau-" not in overview and "2 SOP; daftarnya ada di halaman audit" in overview
    counts = re.findall(
        r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td><td>(\d+)</td></tr>', overview
    )
    assert counts == [("kab-uji/#tinjau", "Kabupaten Uji", "1", "1")]
    assert "Keadaan per 1 Desember 2026" in overview
    pemda = big.html("audit/kab-uji/").partition('id="tinjau"')[2]
    # Each row names its agency, for the page's agency filter.
    assert re.findall(r'<tr class="kat-tinjau-(\w+)" data-instansi="kab-uji/kec-uji">', pemda) == [
        "lewat",
        "segera",
    ]
    assert "Kecamatan Uji" in pemda


def test_role_pages_mark_the_tasks_of_sops_no_longer_in_force(built):
    page = built.html(AGENCY + "peran/camat/")
    rows = re.findall(r'<tr><td><a href="[^"]*/(\w[\w-]*)/">[^<]*</a>(.*?)</td>', page)
    marks = {slug: badge for slug, badge in rows}
    assert ">digantikan</span>" in marks["laporan-2020"] and ">dicabut</span>" in marks["rekap"]
    assert marks["laporan-2024"] == ""
