"""Real builds: the open data in site/data/, the SOP page's "Unduh data" link, the data page, and the
redirect pages of renamed SOPs."""

from __future__ import annotations

import json
import posixpath
import re
import shutil

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from catalogue.cli.main import main
from catalogue.export.schema import TABLES

from .conftest import MINIMAL_SOP, write_catalogue
from .sitebuild import REGISTRY, build_site

META = "nama: Katalog Uji\npenerbit: Pemkab Uji\nlisensi: CC-BY-4.0\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A project laid out like the repository: mkdocs.yml beside content/katalog.yml and content/sops/."""
    project = tmp_path_factory.mktemp("proj")
    renamed = (
        MINIMAL_SOP.replace(
            "nama: Penyusunan Laporan Kinerja", 'nama: "Laporan <b>Kinerja</b> & \\"Evaluasi\\""'
        )
        + "url_lama: [laporan-lama]\n"
    )
    root = write_catalogue(project / "content" / "sops", {"laporan.yml": renamed})
    (project / "content" / "katalog.yml").write_text(META, encoding="utf-8")
    shutil.copy(REGISTRY, project / "content" / "peraturan.yml")
    return build_site(project, root, registry=None)


def test_sop_page_links_its_json_and_the_json_is_there(site):
    page_url = "kab-uji/kec-uji/laporan/"
    html = site.html(page_url)
    match = re.search(r'<a href="([^"]+)" type="application/json" download>Unduh data \(JSON\)</a>', html)
    assert match, "the SOP page has no 'Unduh data (JSON)' link"
    target = posixpath.normpath(posixpath.join(page_url, match.group(1)))
    assert target == "data/sop/kab-uji/kec-uji/laporan.json"
    doc = json.loads((site.site / target).read_text(encoding="utf-8"))
    assert doc["id"] == "kab-uji/kec-uji/laporan" and doc["lisensi"]["id"] == "CC-BY-4.0"
    assert doc["berkas_sumber"] == "content/sops/kab-uji/kec-uji/laporan.yml"
    assert doc["kutipan"].endswith("https://katalog.example/kab-uji/kec-uji/laporan/")


def test_site_publishes_the_whole_export(site):
    data = site.site / "data"
    whole = json.loads((data / "katalog.json").read_text(encoding="utf-8"))
    assert whole["katalog"]["url_situs"] == "https://katalog.example/"
    assert whole["rujukan_silang"]["keterkaitan"] is True
    for table in TABLES:
        assert (
            (data / f"{table.name}.csv")
            .read_text(encoding="utf-8-sig")
            .startswith(",".join(table.header) + "\n")
        )
    for rel in (
        "kamus-kolom.csv",
        "kamus-kolom.json",
        "skema/sop.schema.json",
        "skema/katalog.schema.json",
        "sumber/kab-uji/kec-uji/laporan.yml",
    ):
        assert (data / rel).is_file(), rel


def test_site_data_equals_sop_export_and_is_reproducible(site, tmp_path):
    """The build and `sop export` write the same bytes, and a rebuild writes them again."""
    out = tmp_path / "ekspor"
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(site.root / "content" / "sops"),
            "--out",
            str(out),
            "--site-url",
            "https://katalog.example/",
        ],
    )
    assert result.exit_code == 0, result.output
    built = {
        p.relative_to(site.site / "data").as_posix(): p.read_bytes()
        for p in (site.site / "data").rglob("*")
        if p.is_file()
    }
    exported = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    site_only = {k for k in built if k.startswith("sumber/") or k == "index.html"}
    assert {k: v for k, v in built.items() if k not in site_only} == exported
    rebuilt = build_site(site.root, site.root / "content" / "sops")
    again = {
        p.relative_to(rebuilt.site / "data").as_posix(): p.read_bytes()
        for p in (rebuilt.site / "data").rglob("*")
        if p.is_file() and p.suffix != ".html"
    }
    assert again == {k: v for k, v in built.items() if not k.endswith(".html")}


def test_data_page_explains_files_licence_citation_and_urls(site):
    html = site.html("data/")
    assert "Data terbuka" in html
    assert 'href="https://creativecommons.org/licenses/by/4.0/deed.id" rel="license"' in html
    assert "Pemkab Uji. Katalog Uji. Data terbuka, lisensi CC-BY-4.0." in html
    assert 'href="katalog.json"' in html
    for table in TABLES:
        assert f'href="{table.name}.csv"' in html
        for column in table.columns:
            assert f"<code>{column.name}</code>" in html
    assert "data/sop/&lt;id&gt;.json" in html and "url_lama" in html
    titles = [item.title for item in site.spy.nav.items]
    section = site.spy.nav.items[titles.index("Telusuri")]
    assert "Data terbuka" in [child.title for child in section.children]


def test_old_url_of_a_renamed_sop_redirects_to_its_page(site):
    html = (site.site / "kab-uji" / "kec-uji" / "laporan-lama" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../laporan/">' in html
    assert '<link rel="canonical" href="https://katalog.example/kab-uji/kec-uji/laporan/">' in html
    assert '<a href="../laporan/">Laporan &lt;b&gt;Kinerja&lt;/b&gt; &amp; &quot;Evaluasi&quot;</a>' in html
    assert "<b>" not in html
    doc = json.loads((site.site / "data" / "sop" / "kab-uji" / "kec-uji" / "laporan.json").read_text())
    assert doc["alamat_lama"] == ["kab-uji/kec-uji/laporan-lama/"]


def test_catalogue_metadata_with_errors_stops_the_build(tmp_path, caplog):
    project = tmp_path / "proj"
    root = write_catalogue(project / "content" / "sops")
    (project / "content" / "katalog.yml").write_text("nama: X\nlisensi: CC-BY-4.0\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort)) as info:
        build_site(project, root)
    logged = str(info.value) + caplog.text
    assert "content/katalog.yml:1:1: error: penerbit:" in logged and "Traceback" not in logged
