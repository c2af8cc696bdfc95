"""The history in real MkDocs builds: Riwayat pages, the SOP page's line, the Atom feeds and their links,
from real git repositories in tmp_path (and from none, a shallow clone, and a machine without git)."""

from __future__ import annotations

import posixpath
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from catalogue.source.git_history import NO_GIT, NO_REPOSITORY, SHALLOW

from .conftest import write_catalogue
from .gitrepo import AGENCY, SOPS, history_repo
from .sitebuild import build_site

ATOM = "{http://www.w3.org/2005/Atom}"
AGENCY_FEED = "perubahan.kab-uji.kec-uji.xml"
FEED_LINK = '<link rel="alternate feed" type="application/atom+xml"'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("riwayat")
    repo = history_repo(root / "repo")
    return build_site(root / "project", repo.root / SOPS)


def test_the_history_page_lists_versions_newest_first_with_the_diff(built):
    html = built.html(f"{AGENCY}/laporan/riwayat/")
    first, second = (
        html.index("3 Juni 2024, 10.30 (UTC+07:00)"),
        html.index("2 Januari 2024, 09.00 (UTC+07:00)"),
    )
    assert first < second
    # The commit message is shown, escaped.
    assert "<script>alert" not in html
    assert "Revisi &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; langkah pemeriksaan" in html
    assert "Memeriksa kelengkapan laporan" in html  # the step added
    assert "<del>1 hari</del>" in html and "<ins>2 hari</ins>" in html  # a step's field, old → new
    assert "<ins>Printer</ins>" in html  # a box item added
    assert "<del>" in html and "1 Juni 2024" in html  # tanggal revisi changed
    assert "SOP ditambahkan ke katalog." in html
    assert "Langkah 4 (sebelumnya 3): Menandatangani laporan" not in html  # renumbered is not changed


def test_the_sop_page_links_its_history_or_says_there_is_one_version(built):
    revised = built.html(f"{AGENCY}/laporan/")
    assert 'href="riwayat/"' in revised and "Riwayat revisi (2 versi)" in revised
    single = built.html(f"{AGENCY}/arsip/")
    assert "Riwayat revisi: satu versi, ditambahkan ke katalog 5 Februari 2024." in single
    assert not (built.site / AGENCY / "arsip" / "riwayat").exists()


def _feed(built, path: str):
    raw = (built.site / path).read_bytes()
    root = ET.fromstring(raw)  # well-formed XML
    parsed = feedparser.parse(raw)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return root, parsed


def test_the_feeds_are_valid_atom_with_stable_ids_and_absolute_links(built):
    root, parsed = _feed(built, "perubahan.xml")
    for required in ("id", "title", "updated", "author"):
        assert root.find(ATOM + required) is not None, required
    assert parsed.feed.id == "https://katalog.example/perubahan.xml"
    assert parsed.feed.updated == "2024-06-03T10:30:00+07:00"  # the newest change, not the build time
    titles = [e.title for e in parsed.entries]
    assert titles == [
        "Revisi: Penyusunan Laporan Kinerja",
        "SOP baru: Arsip Laporan Kinerja",
        "SOP baru: Penyusunan Laporan Kinerja",
    ]
    revision = parsed.entries[0]
    assert revision.id.startswith(f"https://katalog.example/{AGENCY}/laporan/riwayat/#versi-")
    assert revision.link == revision.id
    assert revision.tags[0].term == "revisi"
    assert "1 langkah ditambahkan" in revision.summary and "<script>" in revision.summary  # as text
    for entry in root.iter(ATOM + "entry"):
        for required in ("id", "title", "updated", "link"):
            assert entry.find(ATOM + required) is not None, required
    assert parsed.entries[1].link == f"https://katalog.example/{AGENCY}/arsip/"
    _, agency = _feed(built, AGENCY_FEED)
    assert [e.id for e in agency.entries] == [e.id for e in parsed.entries]
    assert agency.feed.links[1].href == f"https://katalog.example/{AGENCY}/"


def test_pages_link_the_feeds_in_their_head(built):
    home = built.html("")
    head = home[: home.index("</head>")]
    assert f'{FEED_LINK} title="Perubahan Katalog Uji" href="perubahan.xml">' in head
    assert head.count(FEED_LINK) == 1
    for url, base in (
        (f"{AGENCY}/", "../../"),
        (f"{AGENCY}/laporan/", "../../../"),
        (f"{AGENCY}/laporan/riwayat/", "../../../../"),
    ):
        page = built.html(url)
        head = page[: page.index("</head>")]
        assert f'href="{base}perubahan.xml"' in head, url
        agency_feed = posixpath.relpath(AGENCY_FEED, url)
        assert f'title="Perubahan SOP Kecamatan Uji" href="{agency_feed}"' in head, url


def test_a_rebuild_from_the_cache_gives_the_same_bytes(built, tmp_path):
    assert (built.root / ".cache" / "katalog" / "riwayat-versi.json").is_file()
    paths = ("perubahan.xml", AGENCY_FEED, f"{AGENCY}/laporan/riwayat/index.html")
    # Read before the rebuild, which writes into the same site folder.
    before = {path: (built.site / path).read_bytes() for path in paths}
    again = build_site(built.root, Path(built.config.plugins["katalog"].config.sources))
    assert again.config.plugins["katalog"].model.history.parsed == 0  # every old version from the cache
    for path in paths:
        assert (again.site / path).read_bytes() == before[path] or pytest.fail(path)


def test_outside_a_repository_the_pages_say_so_and_nothing_fails(tmp_path):
    sources = write_catalogue(tmp_path / "sops")
    site = build_site(tmp_path / "project", sources)
    html = site.html(f"{AGENCY}/laporan/")
    assert f"Riwayat revisi tidak tersedia: {NO_REPOSITORY}." in html
    _, parsed = _feed(site, "perubahan.xml")
    assert parsed.entries == [] and NO_REPOSITORY in parsed.feed.subtitle


def test_without_git_installed_the_pages_say_so(tmp_path, monkeypatch):
    repo = history_repo(tmp_path / "repo")
    empty = tmp_path / "no-git-here"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("git") is None
    site = build_site(tmp_path / "project", repo.root / SOPS)
    assert f"Riwayat revisi tidak tersedia: {NO_GIT}." in site.html(f"{AGENCY}/laporan/")


def test_in_a_shallow_clone_the_history_says_it_is_incomplete(tmp_path):
    repo = history_repo(tmp_path / "repo")
    clone = repo.shallow_clone(tmp_path / "clone", depth=2)
    site = build_site(tmp_path / "project", clone / SOPS)
    history = site.html(f"{AGENCY}/laporan/riwayat/")
    assert f"Riwayat tidak lengkap:</strong> {SHALLOW}." in history
    assert "Versi tertua yang tersedia" in history
    arsip = site.html(f"{AGENCY}/arsip/")
    assert "tercatat sejak 5 Februari 2024" in arsip and SHALLOW in arsip
    _, parsed = _feed(site, "perubahan.xml")
    # The clone's oldest commit is not announced as a new SOP: the clone does not know it was one.
    assert [e.title for e in parsed.entries] == ["Revisi: Penyusunan Laporan Kinerja"]


def test_without_site_url_there_are_no_feeds_and_no_feed_links(tmp_path):
    repo = history_repo(tmp_path / "repo")
    project = tmp_path / "project"
    site = build_site(project, repo.root / SOPS, "site_url: null\n")
    assert not (site.site / "perubahan.xml").exists()
    assert FEED_LINK not in site.html(f"{AGENCY}/laporan/")
    assert "Riwayat revisi (2 versi)" in site.html(f"{AGENCY}/laporan/")
