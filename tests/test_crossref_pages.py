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
    return re.split(r"<h2[^>]*>Keterkaitan</h2>", html, maxsplit=1)[1].split("</div>", 1)[0]


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


def test_audit_overview_counts_per_pemda_and_links_their_pages(site):
    html = site.html("audit")
    for slug, name in (("kabupaten-balangan", "Kabupaten Balangan"), ("kabupaten-tebo", "Kabupaten Tebo")):
        assert f'<a href="{slug}/">{name}</a>' in html
    assert 'href="../keterkaitan/"' in html
    assert "Temuan pasti" in html and "Dugaan katalog" in html


def _audit_rows(html: str) -> dict[str, tuple[str, str, str]]:
    """SOP name -> (its first cell, confirmed cell, suspected cell), from an audit page."""
    rows = {}
    for row in re.findall(r'<tr data-instansi="[^"]+">(.*?)</tr>', html, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        name = re.search(r">([^<]+)</a>", cells[0]).group(1)
        rows[name] = tuple(cells)
    return rows


def test_audit_pemda_page_has_one_row_per_sop_confirmed_apart_from_suspected(site):
    balangan = _audit_rows(site.html("audit/kabupaten-balangan"))
    assert set(balangan) == {
        "Pelaksanaan Pengukuran Kinerja/ Penilaian SKP",
        "Pelaksanaan Pengukuran Kinerja Triwulan",
        "Pengumpulan Data Kinerja",
    }
    for first, _, _ in balangan.values():
        # The agency under each SOP; the pemda is the page's own, not repeated on every row.
        assert re.search(r'<span class="kat-catatan-kecil">[^<,]+</span>', first), first
    first, confirmed, suspected = balangan["Pengumpulan Data Kinerja"]
    assert "Sekretariat Daerah" in first
    assert "Permendagri 96/2017 dikutip dengan judul Permendagri 86/2017" in suspected
    assert "Permendagri 96/2017 dikutip" not in confirmed
    _, confirmed, _ = balangan["Pelaksanaan Pengukuran Kinerja Triwulan"]
    assert "PP 46/2011 telah dicabut" in confirmed
    assert "penomoran melompat dari 5 ke 8" in confirmed  # data-quality notes are published for auditors
    tebo = _audit_rows(site.html("audit/kabupaten-tebo"))
    ((first, confirmed, _),) = tebo.values()
    assert "Kecamatan Rimbo Ilir</span>" in first  # its agency; the pemda is the page's own
    assert "PP 58/2005 telah dicabut oleh PP 12/2019" in confirmed
    # Each pemda page holds its own SOPs only.
    assert not set(tebo) & set(balangan)


@pytest.fixture(scope="module")
def big_role_site(tmp_path_factory):
    """The seeds built as if each role held more tasks than its page across agencies lists one by one, and
    the catalogue named more missing SOPs than one list shows."""
    from site_plugins.views import crossref_pages

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crossref_pages, "ROLE_TASKS_INLINE_MAX", 0)
        patch.setattr(crossref_pages, "MISSING_INLINE_MAX", 0)
        patch.setattr(crossref_pages, "AGENCY_ROLES_INLINE_MAX", 0)
        return build_site(tmp_path_factory.mktemp("xref-big"), SEEDS)


def test_canonical_role_page_of_a_role_in_many_agencies_has_a_row_per_agency(site, big_role_site):
    """At 10,000 SOPs the tables of every task made a role's page 3 MB (3 s in a desktop browser): past
    ROLE_TASKS_INLINE_MAX tasks, the page lists the agencies, each linking to its own page of the post."""
    small, big = site.html("peran/camat"), big_role_site.html("peran/camat")
    assert "Daftar kegiatan tiap instansi" not in small and "<h2>" in small
    table = big.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    assert len(rows) == 3  # the three kecamatan
    batumandi = next(r for r in rows if "Kecamatan Batumandi" in r)
    assert "Kabupaten Balangan" in batumandi  # its pemda
    assert 'href="../../kabupaten-balangan/kecamatan-batumandi/peran/camat/"' in batumandi
    cells = re.findall(r"<td>(.*?)</td>", batumandi, flags=re.S)
    assert cells[3] == "1" and int(cells[4]) >= 1  # one SOP, its steps
    # The steps themselves are on the agency's page of the post, not here.
    step = re.search(r"<td>\d+</td><td>([^<]+)", small).group(1)
    assert step in small and step not in big
    assert step in big_role_site.html("kabupaten-balangan/kecamatan-batumandi/peran/camat") or step in (
        big_role_site.html("kabupaten-purbalingga/kecamatan-purbalingga/peran/camat")
        + big_role_site.html("kabupaten-bungo/kecamatan-rimbo-ilir/peran/camat")
    )


def test_missing_sops_of_a_big_catalogue_are_listed_per_pemda(site, big_role_site):
    """At 10,000 SOPs the list of every SOP naming each missing one was 2.2 MB: past MISSING_INLINE_MAX
    references the list has a row per pemda, each pemda's references on its own page, and the most named."""
    small = site.html("keterkaitan")
    assert "pengumpulan-data-kinerja/" in small  # the naming SOPs, listed
    overview = big_role_site.html("keterkaitan")
    assert "pengumpulan-data-kinerja/" not in overview  # no SOP listed here
    per_pemda = overview.split('<h2 id="per-pemda">', 1)[1].split("<h2", 1)[0]
    rows = re.findall(
        r'<tr><td><a href="([^"]+)">([^<]+)</a></td><td>(\d+)</td><td>(\d+)</td></tr>', per_pemda
    )
    assert ("kabupaten-balangan/", "Kabupaten Balangan") in [r[:2] for r in rows]
    assert len(rows) == 3  # Balangan, Purbalingga, Tebo
    top = overview.split('<h2 id="tersering">', 1)[1]
    assert "<tr><td>SOP penyusunan Laporan Kinerja</td><td>2</td><td>2</td></tr>" in top  # 2 SOPs, 2 pemda
    balangan = big_role_site.html("keterkaitan/kabupaten-balangan")
    assert "<h1>SOP yang dirujuk tetapi belum ada: Kabupaten Balangan</h1>" in balangan
    row = next(r for r in balangan.split("</tr>") if "SOP penyusunan Laporan Kinerja" in r)
    assert "pengumpulan-data-kinerja/" in row and "(Sekretariat Daerah Kabupaten Balangan)" in row
    assert "Kecamatan Purbalingga" not in row and row.endswith("<td>1</td>")
    assert 'href="../"' in balangan  # back to the whole list


def test_roles_index_of_a_big_catalogue_counts_posts_per_pemda(site, big_role_site):
    """Past AGENCY_ROLES_INLINE_MAX posts the index names the pemda, each agency's posts being on its page."""
    small = site.html("peran")
    assert 'href="../kabupaten-balangan/kecamatan-batumandi/peran/camat/"' in small
    big = big_role_site.html("peran")
    assert "kecamatan-batumandi/peran/camat/" not in big
    section = big.split("<h2>Per instansi</h2>", 1)[1]
    balangan = re.search(
        r'<a href="../kabupaten-balangan/">Kabupaten Balangan</a><span>(\d+) instansi', section
    )
    assert balangan and int(balangan.group(1)) == 3  # Batumandi, Inspektorat, Sekretariat Daerah
    assert 'href="peran/camat/"' in big_role_site.html("kabupaten-balangan/kecamatan-batumandi")
