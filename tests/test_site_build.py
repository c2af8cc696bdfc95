"""Real builds: generated pages, URLs, navigation, escaping, and a failed build publishing nothing."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import Abort, PluginError

from .conftest import MINIMAL_SOP, SEEDS, write_catalogue
from .sitebuild import build_site


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("seed"), SEEDS)


def nav_titles(items):
    out = []
    for item in items:
        out.append(item.title)
        if getattr(item, "children", None):
            out.append(nav_titles(item.children))
    return out


def test_sop_pages_have_stable_urls_and_stay_out_of_nav(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    site = build_site(tmp_path / "proj", root)
    assert (site.site / "kab-uji" / "kec-uji" / "laporan" / "index.html").is_file()
    assert (site.site / "kab-uji" / "kec-uji" / "index.html").is_file()
    assert (site.site / "kab-uji" / "index.html").is_file()
    assert (site.site / "index.html").is_file()
    titles = nav_titles(site.spy.nav.items)
    assert titles[0] == "Beranda"
    assert "Kabupaten Uji" in titles
    assert titles[titles.index("Kabupaten Uji") + 1] == ["Kabupaten Uji", "Kecamatan Uji"]
    flat = str(titles)
    assert "Penyusunan Laporan Kinerja" not in flat  # SOP pages are never in the navigation


def test_sop_page_shows_identity_boxes_summary_and_provenance(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    html = build_site(tmp_path / "proj", root).html("kab-uji/kec-uji/laporan")
    assert "<h1" in html and "Penyusunan Laporan Kinerja" in html
    assert "2 Januari 2024" in html  # Indonesian date format
    for box in (
        "Dasar Hukum",
        "Kualifikasi Pelaksana",
        "Keterkaitan",
        "Peralatan/Perlengkapan",
        "Peringatan",
        "Pencatatan dan Pendataan",
    ):
        assert f"<h2 data-pagefind-ignore>{box}</h2>" in html  # a heading, not indexed text
    assert "Waktu jalur normal" in html
    assert "1 hari kerja 25 menit" in html  # 10 menit + 1 hari + 15 menit on the normal path
    assert "1 hari kerja = 7,5 jam" in html
    assert 'href="../../../data/sumber/kab-uji/kec-uji/laporan.yml"' in html
    assert 'href="../"' in html  # agency page


def test_agency_page_lists_sops(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    html = build_site(tmp_path / "proj", root).html("kab-uji/kec-uji")
    assert "001/SOP/2024" in html and 'href="laporan/"' in html
    assert re.search(r"<td>3</td>", html)


def test_yaml_source_is_published(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    site = build_site(tmp_path / "proj", root)
    published = site.site / "data" / "sumber" / "kab-uji" / "kec-uji" / "laporan.yml"
    assert published.read_text() == (root / "kab-uji" / "kec-uji" / "laporan.yml").read_text()


def test_catalogue_errors_stop_the_build_and_keep_the_last_good_site(tmp_path, caplog):
    root = write_catalogue(tmp_path / "sops")
    site = build_site(tmp_path / "proj", root)
    good = site.html("kab-uji/kec-uji/laporan")
    (root / "kab-uji" / "kec-uji" / "laporan.yml").write_text(
        MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: X\n")
    )
    with pytest.raises((PluginError, Abort)) as info:
        build_site(tmp_path / "proj", root)
    logged = str(info.value) + caplog.text
    assert "laporan.yml:" in logged and "langkah[2].pelaksana" in logged and "Traceback" not in logged
    assert site.html("kab-uji/kec-uji/laporan") == good


def test_text_is_escaped_everywhere(tmp_path):
    payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    text = MINIMAL_SOP.replace("Penyusunan Laporan Kinerja", f"'{payload}'").replace(
        "Menyusun laporan", f"'{payload}'"
    )
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": text}, agency=f"nama: '{payload}'\n")
    site = build_site(tmp_path / "proj", root)
    for url in ("kab-uji/kec-uji/laporan", "kab-uji/kec-uji", "kab-uji", ""):
        html = site.html(url)
        assert "<script>alert(1)" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "onerror=alert(2)>" not in html


def test_seed_site_builds_every_seed(seed_site):
    sops = sorted(
        p.parent.relative_to(seed_site.site).as_posix() for p in seed_site.site.glob("*/*/*/index.html")
    )
    assert len(sops) == 5
    assert "kabupaten-balangan/inspektorat/pelaksanaan-pengukuran-kinerja-penilaian-skp" in sops


def test_edit_link_points_at_the_yaml_source(tmp_path):
    root = write_catalogue(tmp_path / "proj" / "content" / "sops")
    site = build_site(
        tmp_path / "proj", root, "repo_url: https://git.example/katalog\nedit_uri: edit/main/docs/\n"
    )
    page = site.spy.pages["kab-uji/kec-uji/laporan/"]
    # docs_dir is proj/docs, the source proj/content/sops/...: the edit URL resolves "../" out of docs/.
    assert page.edit_url == "https://git.example/katalog/edit/main/content/sops/kab-uji/kec-uji/laporan.yml"
    assert (
        'href="https://git.example/katalog/edit/main/content/sops/kab-uji/kec-uji/laporan.yml"'
        in site.html("kab-uji/kec-uji/laporan")
    )
