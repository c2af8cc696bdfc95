"""Real builds of the legal-basis pages: one page per regulation across agencies, the index, linked boxes."""

from __future__ import annotations

import re

import pytest

from .conftest import SEEDS
from .sitebuild import build_site


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("legal"), SEEDS)


def test_regulation_page_lists_every_citing_sop_across_agencies_as_written(site):
    html = site.html("peraturan/peraturan-menteri-dalam-negeri-86-2017")
    assert "<h1>Permendagri 86/2017</h1>" in html
    # Inspektorat Balangan and Kecamatan Purbalingga cite it, each in its own words.
    assert "Inspektorat Kabupaten Balangan" in html and "Kecamatan Purbalingga" in html
    assert "Peraturan Menteri Dalam Negeri Republik Indonesia Nomor 86 Tahun 2017 Tentang" in html
    assert 'href="https://peraturan.go.id/id/permendagri-no-86-tahun-2017"' in html
    # The mistyped 96/2017 citation of Setda Balangan is reported here as an inference.
    assert "dugaan katalog" in html and "Permendagri 96/2017" in html


def test_same_regulation_in_many_spellings_is_one_page(site):
    html = site.html("peraturan/peraturan-menteri-dalam-negeri-73-2009")
    assert "Permendagri No. 73 tahun 2009" in html  # Inspektorat's abbreviation
    assert "Peraturan Menteri Dalam Negeri Nomor 73 tahun 2009" in html  # Batumandi's full form


def test_mistyped_regulation_has_no_external_link(site):
    html = site.html("peraturan/peraturan-menteri-dalam-negeri-96-2017")
    assert "peraturan.go.id/id/permendagri-no-96" not in html


def test_revoked_regulation_is_marked_with_its_replacement_and_source(site):
    html = site.html("peraturan/peraturan-pemerintah-58-2005")
    assert "Dicabut" in html and "12" in html and "2019" in html and "Sumber:" in html


def test_index_by_jenis_and_year(site):
    html = site.html("peraturan")
    assert 'id="menurut-jenis"' in html and 'id="menurut-tahun"' in html
    assert 'href="peraturan-pemerintah-12-2019/"' in html
    assert html.index("Undang-Undang") < html.index("Peraturan Pemerintah")


def test_sop_page_links_its_dasar_hukum(site):
    html = site.html("kabupaten-balangan/sekretariat-daerah/pengumpulan-data-kinerja")
    assert 'href="../../../peraturan/peraturan-menteri-dalam-negeri-86-2017/"' in html
    assert 'href="../../../peraturan/undang-undang-23-2014/"' in html


def test_finding_about_a_citing_sop_is_in_its_row(site):
    """Each citing SOP's findings sit in its row (a separate list named every citing SOP a second time: 940 KB
    of a 1.5 MB page at 10,000 SOPs); findings from SOPs that cite another regulation stay in a list."""
    revoked = site.html("peraturan/peraturan-pemerintah-58-2005")
    assert "<h2>Temuan</h2>" not in revoked
    row = revoked.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "Kecamatan Rimbo Ilir" in row and "PP 58/2005 telah dicabut oleh PP 12/2019" in row
    mistyped = site.html("peraturan/peraturan-menteri-dalam-negeri-96-2017")
    row = mistyped.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "Sekretariat Daerah" in row and "dugaan katalog" in row
    cited = site.html("peraturan/peraturan-menteri-dalam-negeri-86-2017")
    listed = cited.split("<h2>Temuan</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Permendagri 96/2017 dikutip dengan judul" in listed
    assert "pengumpulan-data-kinerja/" in listed  # the SOP it is about, which this page does not list
    assert '<th scope="col">Temuan</th>' not in cited  # no citing SOP here has a finding


@pytest.fixture(scope="module")
def often_cited_site(tmp_path_factory):
    """The seeds built as if their regulations were cited, and their findings repeated, more often than one
    page lists."""
    from site_plugins.views import legal_pages

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(legal_pages, "CITATIONS_INLINE_MAX", 1)
        patch.setattr(legal_pages, "FINDINGS_INLINE_MAX", 0)
        return build_site(tmp_path_factory.mktemp("legal-often"), SEEDS)


def test_often_cited_regulation_counts_its_sops_per_pemda(often_cited_site):
    """At 10,000 SOPs PP 46/2011's page listed 1,649 citing SOPs (1.3 MB): past CITATIONS_INLINE_MAX, the
    page counts them per pemda and each pemda's citing SOPs are on a page of their own."""
    page = often_cited_site.html("peraturan/peraturan-menteri-dalam-negeri-86-2017")
    table = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td><td>(\d+)</td></tr>', table)
    assert rows == [
        ("kabupaten-balangan/", "Kabupaten Balangan", "1", "0"),
        ("kabupaten-purbalingga/", "Kabupaten Purbalingga", "1", "0"),
    ]
    # A finding from another regulation's SOPs: once per message, with how many SOPs, and where they are.
    listed = page.split("<h2>Temuan</h2>", 1)[1].split("<h2>", 1)[0]
    assert "Permendagri 96/2017 dikutip dengan judul" in listed
    assert (
        '(1 SOP; lihat <a href="../peraturan-menteri-dalam-negeri-96-2017/">Permendagri 96/2017</a>)'
        in listed
    )
    balangan = often_cited_site.html("peraturan/peraturan-menteri-dalam-negeri-86-2017/kabupaten-balangan")
    assert "<h1>Permendagri 86/2017: Kabupaten Balangan</h1>" in balangan
    listed = balangan.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "Inspektorat Kabupaten Balangan" in listed and "Kecamatan Purbalingga" not in listed
    assert 'href="../"' in balangan  # the regulation's page
    revoked = often_cited_site.html("peraturan/peraturan-pemerintah-58-2005")  # cited once: one page
    assert "PP 58/2005 telah dicabut oleh PP 12/2019" in revoked
    assert not (often_cited_site.site / "peraturan/peraturan-pemerintah-58-2005/kabupaten-tebo").exists()
