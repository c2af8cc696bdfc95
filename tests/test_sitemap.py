"""The sitemap: the protocol's limits (an index of parts past them) and Material's instant navigation, which
makes every first visit download the sitemap, kept for small catalogues only (catalogue/sitemap.py)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from catalogue.shards import count_sources
from catalogue.sitemap import INSTANT_NAVIGATION_MAX_SOPS, entries, instant_navigation, split_sitemap

from .browser import serve
from .conftest import SEEDS
from .sitebuild import build_site

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITE = "https://sop.example.go.id/"


def _sitemap(n: int, lastmod=lambda i: f"2026-01-{1 + i % 28:02d}") -> str:
    items = "".join(
        f"    <url>\n         <loc>{SITE}kab-{i}/sop-{i}/</loc>\n         <lastmod>{lastmod(i)}</lastmod>\n"
        "    </url>\n"
        for i in range(n)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}</urlset>\n'
    )


def test_a_sitemap_within_the_limits_is_published_as_it_is():
    text = _sitemap(7)
    assert split_sitemap(text, SITE, max_urls=7) == {"sitemap.xml": text}
    assert split_sitemap(text, SITE, max_bytes=len(text.encode())) == {"sitemap.xml": text}


def test_past_the_url_limit_the_sitemap_is_an_index_of_parts_holding_every_entry_once_in_order():
    text = _sitemap(7)
    files = split_sitemap(text, SITE + "/", max_urls=3)
    assert list(files) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    index = ET.fromstring(files["sitemap.xml"].encode())
    assert index.tag == f"{NS}sitemapindex"
    locs = [e.findtext(f"{NS}loc") for e in index.findall(f"{NS}sitemap")]
    assert locs == [f"{SITE}sitemap-{n}.xml" for n in (1, 2, 3)]
    # Each part is a whole urlset of at most 3 entries; together they are the original entries in order.
    parts = [ET.fromstring(files[f"sitemap-{n}.xml"].encode()) for n in (1, 2, 3)]
    assert all(p.tag == f"{NS}urlset" for p in parts)
    assert [len(p) for p in parts] == [3, 3, 1]
    assert [loc for n in (1, 2, 3) for loc, _ in entries(files[f"sitemap-{n}.xml"])] == [
        loc for loc, _ in entries(text)
    ]
    # Each part's lastmod in the index is its latest entry's.
    assert [e.findtext(f"{NS}lastmod") for e in index.findall(f"{NS}sitemap")] == [
        "2026-01-03",
        "2026-01-06",
        "2026-01-07",
    ]


def test_past_the_byte_limit_every_part_keeps_within_it():
    text = _sitemap(40)
    limit = len(text.encode()) // 3
    files = split_sitemap(text, SITE, max_bytes=limit)
    assert len(files) > 3
    assert all(len(t.encode()) <= limit for name, t in files.items() if name != "sitemap.xml")
    assert sum(len(entries(t)) for name, t in files.items() if name != "sitemap.xml") == 40
    with pytest.raises(ValueError, match="lebih besar"):
        split_sitemap(text, SITE, max_bytes=200)


def test_entries_without_lastmod_give_an_index_without_it():
    files = split_sitemap(
        _sitemap(4).replace("<lastmod>", "<x>").replace("</lastmod>", "</x>"), SITE, max_urls=2
    )
    assert "<lastmod>" not in files["sitemap.xml"] and files["sitemap.xml"].count("<sitemap>") == 2


def test_instant_navigation_only_up_to_the_limit():
    assert instant_navigation(INSTANT_NAVIGATION_MAX_SOPS)
    assert not instant_navigation(INSTANT_NAVIGATION_MAX_SOPS + 1)
    assert instant_navigation(5, limit=5) and not instant_navigation(6, limit=5)


def _features(html: str) -> list[str]:
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert config, "Material's page configuration is missing"
    return json.loads(config.group(1))["features"]


def _sitemap_requests(chromium, url: str) -> list[str]:
    page = chromium.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "sitemap" in r.url else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    return fetched


SEED_SOPS = sum(count_sources(SEEDS).values())


@pytest.mark.parametrize("limit", [SEED_SOPS, SEED_SOPS - 1])
def test_a_catalogue_past_the_limit_is_published_without_instant_navigation(chromium, tmp_path, limit):
    """A real build of the seeds and Chromium: at the limit, Material's instant navigation is on and the first
    page fetches the sitemap; one SOP past it, the feature is gone from every page and nothing fetches it."""
    with serve(tmp_path / "site") as base:
        site = build_site(
            tmp_path, SEEDS, f"site_url: {base}\n", katalog_options={"navigasi_instan_maks": limit}
        )
        on = limit >= SEED_SOPS
        assert ("navigation.instant" in _features(site.html(""))) is on
        sop = next(url for url in sorted(site.spy.pages) if url.count("/") == 3 and "/peran/" not in url)
        # The page links its change feeds (Material fetches a sitemap beside each link[rel=alternate]).
        assert site.html(sop).count('type="application/atom+xml"') == 2
        assert ("navigation.instant" in _features(site.html(sop))) is on
        assert bool(_sitemap_requests(chromium, base + sop)) is on
