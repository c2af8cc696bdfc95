"""How the search index is cut into parts (site_plugins/search.py), without building a site."""

from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

from site_plugins.search import bundle_folders, glob_matcher, part_count, split_parts


def test_part_count():
    assert part_count(0, 2000) == 1  # an empty catalogue still has an (empty) index
    assert part_count(2000, 2000) == 1
    assert part_count(2001, 2000) == 2
    assert part_count(10_000, 2000) == 5
    with pytest.raises(PluginError, match="pages_per_index"):
        part_count(10, 0)


def test_split_parts_keeps_order_and_balances():
    paths = [f"p{n:02}" for n in range(11)]
    runs = split_parts(paths, 3)
    assert [len(r) for r in runs] == [4, 4, 3]
    assert [p for run in runs for p in run] == paths  # every page once, neighbours together
    assert split_parts(["a"], 1) == [["a"]]


def test_bundle_folders():
    assert bundle_folders("pagefind", 1) == ["pagefind/"]
    assert bundle_folders("/cari-indeks/", 3) == [
        "cari-indeks/",
        "cari-indeks/bagian-2/",
        "cari-indeks/bagian-3/",
    ]


def test_glob_matcher_follows_pagefind_globs():
    sop = glob_matcher("*/*/*/index.html")
    assert sop("kota-a/dinas-b/sop-c/index.html")
    assert not sop("kota-a/dinas-b/index.html")
    assert not sop("x/kota-a/dinas-b/sop-c/index.html")  # anchored at the site root
    every = glob_matcher("**/*.html")
    assert every("index.html") and every("a/b/c/index.html")
    assert not every("a/b.json")
    literal = glob_matcher("a+b/?.html")
    assert literal("a+b/x.html") and not literal("aab/x.html") and not literal("a+b/xy.html")


def test_search_rendition_keeps_what_pagefind_reads():
    from site_plugins.search import search_rendition

    page = (
        '<!doctype html><html lang="id" class="x"><head><title>SOP A</title><script>var a = "<article>";</script>'
        '</head><body><nav>menu</nav><article class="kat-sop" data-pagefind-body><h1>SOP A</h1>'
        "<article><p>dalam</p></article><svg><svg><text>bagan</text></svg><text>luar</text></svg>"
        '<span data-pagefind-meta="nomor">1</span></article><footer>kaki</footer></body></html>'
    )
    rendition = search_rendition(page)
    assert rendition.startswith('<!DOCTYPE html>\n<html lang="id" class="x"><head><meta charset="utf-8">')
    assert "<title>SOP A</title>" in rendition
    assert "<h1>SOP A</h1><article><p>dalam</p></article>" in rendition  # a nested article stays whole
    assert '<span data-pagefind-meta="nomor">1</span></article></body>' in rendition
    for gone in ("menu", "kaki", "bagan", "luar", "<svg", "<script"):
        assert gone not in rendition
    # No body, two bodies, or one never closed: the page is read as it is.
    assert search_rendition('<html lang="id"><body><p>x</p></body></html>') is None
    two = "<html><body><div data-pagefind-body>a</div><div data-pagefind-body>b</div></body></html>"
    assert search_rendition(two) is None
    assert search_rendition("<html><body><div data-pagefind-body>a</body></html>") is None
    assert search_rendition("<html><body><div data-pagefind-body-x>a</div></body></html>") is None


def test_renditions_give_the_index_of_the_whole_pages(tmp_path):
    """Pagefind given the search renditions writes the same pages' fragments and word index as given the
    built pages themselves (its filter and meta files differ between any two runs, pagefind#638)."""
    import asyncio
    import filecmp

    from bench.generate import generate
    from site_plugins.search import _index

    from .sitebuild import build_site

    generate(tmp_path / "sops", 60, seed=3)
    site = build_site(tmp_path / "p", tmp_path / "sops", search={"glob": "*/*/*/index.html"}).site
    whole = tmp_path / "whole"
    asyncio.run(_index(site, whole, "*/*/*/index.html"))
    for folder in ("fragment", "index"):
        ours, theirs = site / "pagefind" / folder, whole / folder
        names = sorted(p.name for p in theirs.iterdir())
        assert names and names == sorted(p.name for p in ours.iterdir())
        assert all(filecmp.cmp(ours / n, theirs / n, shallow=False) for n in names)
