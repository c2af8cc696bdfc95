"""The site's sitemap as the sitemap protocol and the reader's browser need it.

Two rules:

* **The protocol's limits.** One sitemap file lists at most 50,000 URLs and is at most 50 MiB uncompressed
  (sitemaps.org). A catalogue past either limit (a national one: 100,000 SOPs make ~160,000 pages) publishes
  its entries in parts, ``sitemap-1.xml`` … beside ``sitemap.xml``, which becomes the index that lists them.
* **What a first visit downloads.** Material's instant navigation fetches the whole ``sitemap.xml`` when any
  page opens, to know which links it may load in place (measured by bench.first_visit: 276 KiB for a catalogue
  of 1,000 SOPs, 2,476 KiB for 10,000, before any compression the web server adds). It saves the reader no bytes
  (each page it loads is the whole HTML page), only the browser's re-reading of the stylesheets and scripts.
  So a catalogue of more than :data:`INSTANT_NAVIGATION_MAX_SOPS` SOPs is published without it: each link is an
  ordinary page load, and no visitor downloads the list of every page. The plugin counts the SOP source files
  of the whole tree (``catalogue.shards.count_sources``), so every shard of a national catalogue decides as
  the national build does.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: sitemaps.org: "no more than 50,000 URLs and must be no larger than 50MB (52,428,800 bytes)" per file.
MAX_URLS = 50_000
MAX_BYTES = 52_428_800

#: Above this many SOPs the site is published without Material's instant navigation (the module docstring).
INSTANT_NAVIGATION_MAX_SOPS = 300
#: Material's instant navigation and the features that only work with it.
INSTANT_FEATURES = (
    "navigation.instant",
    "navigation.instant.prefetch",
    "navigation.instant.progress",
    "navigation.instant.preview",
)

_ENTRY = re.compile(r"[ \t]*<url>\s*<loc>([^<]*)</loc>.*?</url>\n?", re.DOTALL)
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
_INDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'


def entries(text: str) -> list[tuple[str, str]]:
    """The ``<url>`` entries of a sitemap, in order: (the page's address, the entry's text ending in a newline)."""
    return [
        (m.group(1), m.group(0) if m.group(0).endswith("\n") else m.group(0) + "\n")
        for m in _ENTRY.finditer(text)
    ]


def urlset(items: Iterable[str], like: str | None = None) -> str:
    """A sitemap file of the given entry texts (as :func:`entries` gives them); with the head of the sitemap
    ``like`` (its text before the first entry) where given."""
    head = _HEAD + _URLSET
    if like is not None and "<urlset" in like:
        head = like.partition("<url>")[0].rstrip(" \t").partition("</urlset>")[0]
    return head + "".join(items) + "</urlset>\n"


def part_name(number: int) -> str:
    """The file of the sitemap's ``number``-th part (from 1), beside ``sitemap.xml``."""
    return f"sitemap-{number}.xml"


def split_sitemap(
    text: str, site_url: str, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES
) -> dict[str, str]:
    """The sitemap files to publish for ``text`` (a whole ``<urlset>`` sitemap): ``{"sitemap.xml": text}`` when
    it keeps within the protocol's limits; otherwise the parts, each within them, in the entries' order, and
    ``sitemap.xml`` as their index (each part with the latest ``lastmod`` of its entries)."""
    found = entries(text)
    if len(found) <= max_urls and len(text.encode("utf-8")) <= max_bytes:
        return {"sitemap.xml": text}
    frame = len((_HEAD + _URLSET + "</urlset>\n").encode("utf-8"))
    parts: list[list[str]] = [[]]
    size = frame
    for _, entry in found:
        length = len(entry.encode("utf-8"))
        if frame + length > max_bytes:
            raise ValueError(f"satu entri sitemap lebih besar dari {max_bytes} byte.")
        if len(parts[-1]) >= max_urls or size + length > max_bytes:
            parts.append([])
            size = frame
        parts[-1].append(entry)
        size += length
    base = site_url.rstrip("/") + "/"
    files: dict[str, str] = {}
    index = [_HEAD, _INDEX]
    for number, items in enumerate(parts, start=1):
        name = part_name(number)
        files[name] = urlset(items)
        dates = [m.group(1) for item in items for m in _LASTMOD.finditer(item)]
        lastmod = f"\n        <lastmod>{max(dates)}</lastmod>" if dates else ""
        index.append(f"    <sitemap>\n        <loc>{base}{name}</loc>{lastmod}\n    </sitemap>\n")
    index.append("</sitemapindex>\n")
    return {"sitemap.xml": "".join(index), **files}


def instant_navigation(sop_sources: int, limit: int = INSTANT_NAVIGATION_MAX_SOPS) -> bool:
    """Whether a catalogue of ``sop_sources`` SOP files is published with Material's instant navigation."""
    return sop_sources <= limit
