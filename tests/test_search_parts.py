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
