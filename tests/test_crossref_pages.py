"""Real builds of the cross-reference views on the seed catalogue: Keterkaitan links and backlinks, role
task views, the cross-agency comparison and the auditor's page."""

from __future__ import annotations

import re

import pytest

from .conftest import SEEDS
from .sitebuild import build_site

INSPEKTORAT = "kabupaten-balangan/inspektorat/pelaksanaan-pengukuran-kinerja-penilaian-skp"
SETDA = "kabupaten-balangan/sekretariat-daerah/pengumpulan-data-kinerja"
PURBALINGGA = "kabupaten-purbalingga/kecamatan-purbalingga/mekanisme-pengukuran-kinerja"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("xref"), SEEDS)


def _keterkaitan_box(html: str) -> str:
    return html.split("<h2>Keterkaitan</h2>", 1)[1].split("</div>", 1)[0]


def test_exactly_one_keterkaitan_link_on_the_seeds(site):
    links = {}
    for page in site.site.glob("*/*/*/index.html"):
        box = _keterkaitan_box(page.read_text(encoding="utf-8"))
        links[page.parent.relative_to(site.site).as_posix()] = re.findall(r'href="([^"]+)"', box)
    resolved = {k: v for k, v in links.items() if v}
    assert resolved == {INSPEKTORAT: ["../../sekretariat-daerah/pengumpulan-data-kinerja/"]}


def test_cross_agency_link_is_marked_and_backlinked(site):
    box = _keterkaitan_box(site.html(INSPEKTORAT))
    assert 'class="kat-lintas"' in box and "Sekretariat Daerah Kabupaten Balangan" in box
    assert "SOP Pembuatan Pelaksanaan Kegiatan" in box  # unresolved entries stay as plain text
    target = site.html(SETDA)
    backlinks = target.split("<h3>Dirujuk oleh</h3>", 1)[1].split("</ul>", 1)[0]
    assert 'href="../../inspektorat/pelaksanaan-pengukuran-kinerja-penilaian-skp/"' in backlinks
    assert "SOP PENGUMPULAN DATA KINERJA" in backlinks  # how the citing agency wrote it


def test_reference_naming_another_region_stays_unresolved(site):
    box = _keterkaitan_box(site.html(PURBALINGGA))
    assert "href" not in box
    assert "Kecamatan Purbalingga Kabupaten Purbalingga" in box


def test_missing_sops_page_counts_references(site):
    html = site.html("keterkaitan")
    assert "SOP Perjanjian Kinerja" in html
    assert html.count("<tr>") >= 10


def test_agency_role_page_lists_its_tasks_with_inference_marked(site):
    html = site.html("kabupaten-balangan/inspektorat/peran/inspektur-pembantu-wilayah")
    assert "Memvalidasi hasil inputan" in html
    assert "pelaksana ditentukan katalog" in html
    assert "Irban Wil" in html  # the agency's own wording stays visible
    assert 'href="../../../../peran/inspektur-pembantu/"' in html


def test_canonical_role_page_spans_agencies(site):
    html = site.html("peran/camat")
    for agency in ("Kecamatan Batumandi", "Kecamatan Purbalingga", "Kecamatan Rimbo Ilir"):
        assert agency in html
    assert "Camat menandatangani" in html or "menandatangani" in html


def test_agency_page_links_its_positions(site):
    html = site.html("kabupaten-balangan/kecamatan-batumandi")
    assert 'href="peran/camat/"' in html


def test_comparison_page_sets_the_five_seeds_side_by_side(site):
    html = site.html("perbandingan/pengukuran-kinerja")
    rows = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert rows.count("<tr>") == 5
    for sop in (INSPEKTORAT, SETDA, PURBALINGGA):
        assert sop.split("/", 1)[1] in rows
    assert "Dikutip oleh sebagian" in html
    assert "UU 23/2014" in html  # cited by some seeds only


def test_sop_page_links_its_comparison_group(site):
    html = site.html(PURBALINGGA)
    assert 'href="../../../perbandingan/pengukuran-kinerja/"' in html


def test_audit_page_lists_revoked_mistyped_missing_and_review(site):
    html = site.html("audit")
    assert "PP 58/2005 telah dicabut oleh PP 12/2019" in html
    assert "PP 46/2011 telah dicabut" in html
    assert "Permendagri 96/2017" in html and "dugaan katalog" in html
    assert 'href="../keterkaitan/"' in html
    assert "penomoran melompat dari 5 ke 8" in html  # data-quality warnings are published for auditors
