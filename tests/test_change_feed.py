"""The change feed: which versions are announced (catalogue/analysis/history.py: change_entries) and the
Atom documents that carry them (catalogue/export/atom.py), checked with a feed parser and as XML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import feedparser

from catalogue.analysis.history import CatalogueHistory, SopHistory, Version, change_entries
from catalogue.analysis.revision_diff import RevisionDiff, ValueChange
from catalogue.export.atom import FeedInfo, atom_feed
from catalogue.source.load import load_catalogue

from .conftest import MINIMAL_SOP, write_catalogue

WIB = dt.timezone(dt.timedelta(hours=7))


def _version(commit: str, day: int, kind: str, diff: RevisionDiff | None, message: str = "pesan") -> Version:
    return Version(
        commit=commit * 40,
        date=dt.datetime(2024, 5, day, 9, 0, tzinfo=WIB),
        message=message,
        kind=kind,
        path="content/sops/kab-uji/kec-uji/laporan.yml",
        old_path=None,
        tanggal_revisi="",
        status="",
        diff=diff,
    )


def _catalogue(tmp_path):
    return load_catalogue(
        write_catalogue(
            tmp_path / "sops", {"laporan.yml": MINIMAL_SOP, "arsip.yml": MINIMAL_SOP.replace("001/", "002/")}
        )
    )


def _history(**versions: tuple[Version, ...]) -> CatalogueHistory:
    """A history of SOPs of kab-uji/kec-uji, by slug."""
    sop_ids = {slug: f"kab-uji/kec-uji/{slug}" for slug in versions}
    return CatalogueHistory(True, sops={sop_ids[s]: SopHistory(sop_ids[s], v) for s, v in versions.items()})


STATUS = RevisionDiff(identity=(ValueChange("status", "Status", "berlaku", "dicabut"),))
EDIT = RevisionDiff(identity=(ValueChange("nama", "Nama SOP", "Lama", "Baru"),))


def test_new_sops_revisions_and_status_changes_are_announced_newest_first(tmp_path):
    catalogue = _catalogue(tmp_path)
    history = _history(
        laporan=(
            _version("d", 9, "revisi", STATUS, "Dicabut dengan surat 800/12\nbaris kedua"),
            _version("c", 7, "revisi", RevisionDiff()),  # only re-wrapped: nothing to announce
            _version("b", 5, "revisi", EDIT),
            _version("a", 1, "baru", None),
        ),
        arsip=(_version("e", 5, "awal", None),),  # a shallow clone's oldest
    )
    entries = change_entries(catalogue, history)
    assert [(e.kind, e.commit[0]) for e in entries] == [("status", "d"), ("revisi", "b"), ("baru", "a")]
    status = entries[0]
    assert status.title == "Status Penyusunan Laporan Kinerja: berlaku → dicabut"
    assert status.summary.endswith("Catatan perubahan: Dicabut dengan surat 800/12")  # the first line
    assert entries[1].summary.startswith("Diubah: identitas: Nama SOP.")


def test_a_status_that_was_not_known_before_is_no_status_change(tmp_path):
    unknown = RevisionDiff(identity=(ValueChange("status", "Status", "", "berlaku"),))
    history = _history(laporan=(_version("b", 2, "revisi", unknown),))
    (entry,) = change_entries(_catalogue(tmp_path), history)
    assert entry.kind == "revisi"


def test_the_atom_document_is_valid_and_holds_no_character_xml_refuses(tmp_path):
    catalogue = _catalogue(tmp_path)
    history = _history(
        laporan=(
            _version("b", 5, "revisi", EDIT, "Revisi \x07 <b>tebal</b> & \x1b[31m"),
            _version("a", 1, "baru", None),
        )
    )
    entries = change_entries(catalogue, history)
    info = FeedInfo("perubahan.xml", "", "Perubahan Katalog", "SOP baru dan revisi.", "Penerbit <Uji>")
    when_empty = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    data = atom_feed(info, entries, "https://sop.example.go.id/katalog", limit=10, when_empty=when_empty)
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2005/Atom}feed"
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.author == "Penerbit <Uji>"
    assert parsed.feed.id == "https://sop.example.go.id/katalog/perubahan.xml"
    assert parsed.feed.updated == "2024-05-05T09:00:00+07:00"
    first = parsed.entries[0]
    assert "<b>tebal</b> &" in first.summary and "\x07" not in first.summary
    assert first.id == "https://sop.example.go.id/katalog/kab-uji/kec-uji/laporan/riwayat/#versi-" + "b" * 12
    assert parsed.entries[1].link == "https://sop.example.go.id/katalog/kab-uji/kec-uji/laporan/"
    limited = feedparser.parse(atom_feed(info, entries, "https://x.example/", limit=1, when_empty=when_empty))
    assert len(limited.entries) == 1
    empty = feedparser.parse(atom_feed(info, [], "https://x.example/", limit=10, when_empty=when_empty))
    assert not empty.bozo and empty.entries == [] and empty.feed.updated == "2024-01-01T00:00:00+00:00"
    # A feed with entries is dated by its newest entry, never by the build: the same changes give the same bytes.
    later = when_empty + dt.timedelta(days=400)
    assert atom_feed(info, entries, "https://x.example/", limit=10, when_empty=when_empty) == atom_feed(
        info, entries, "https://x.example/", limit=10, when_empty=later
    )
