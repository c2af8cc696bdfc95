"""Atom feeds (RFC 4287) of the catalogue's changes: one for the whole catalogue, one per agency.

Entries come from :func:`catalogue.analysis.history.change_entries`; this module only writes them. Every
identifier and date is taken from the history (the SOP's page and the commit; the commit date), so the same
sources and history give the same bytes. Atom identifiers must be absolute IRIs: the feeds need the site's
address and are not written without one.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from catalogue import urls
from catalogue.analysis.history import ChangeEntry
from catalogue.text import xml_text

ATOM = "http://www.w3.org/2005/Atom"
#: Entries per feed: readers poll the newest; the history pages keep everything.
CATALOGUE_FEED_ENTRIES = 100
AGENCY_FEED_ENTRIES = 50


@dataclass(frozen=True)
class FeedInfo:
    """What names one feed: its path on the site, the page it describes, its title and author."""

    path: str  # site path of the feed file, e.g. "perubahan.xml"
    page: str  # site path of the page the feed is about
    title: str
    subtitle: str
    author: str


def _text(value: str) -> str:
    return xml_text(value)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = _text(text)
    return element


def _timestamp(value: dt.datetime) -> str:
    """RFC 3339, as Atom requires: with seconds and the offset (UTC when the date carries none)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat(timespec="seconds")


def atom_feed(
    info: FeedInfo, entries: Sequence[ChangeEntry], site_url: str, *, limit: int, when_empty: dt.datetime
) -> bytes:
    """The feed document. ``when_empty`` is its date when it has no entry (else the newest entry's)."""
    base = site_url.rstrip("/") + "/"
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "id"})
    _sub(feed, "id", base + info.path)
    _sub(feed, "title", info.title)
    _sub(feed, "subtitle", info.subtitle)
    shown = list(entries[:limit])
    _sub(feed, "updated", _timestamp(shown[0].date if shown else when_empty))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=base + info.path)
    _sub(feed, "link", rel="alternate", type="text/html", href=base + info.page)
    author = _sub(feed, "author")
    _sub(author, "name", info.author)
    _sub(feed, "generator", "Katalog SOP")
    for entry in shown:
        history_url = base + urls.sop_history(entry.sop_id) + "#" + entry.anchor
        page_url = base + urls.sop(entry.sop_id)
        item = _sub(feed, "entry")
        _sub(item, "id", history_url)
        _sub(item, "title", entry.title)
        _sub(item, "updated", _timestamp(entry.date))
        _sub(item, "published", _timestamp(entry.date))
        _sub(
            item,
            "link",
            rel="alternate",
            type="text/html",
            href=page_url if entry.kind == "baru" else history_url,
        )
        _sub(item, "category", term=entry.kind, label=entry.label)
        _sub(item, "summary", entry.summary, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
