"""A search index refresh under ``mkdocs serve`` stops when the author saves again (site_plugins/search.py):
indexing with the real Pagefind raises RefreshCancelled once the event is set, no Pagefind process is left
and nothing half-written is left in the site. (That Pagefind is killed mid-work rather than waited for is
not asserted: no timing is.)"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from site_plugins.preview import RefreshCancelled
from site_plugins.search import _index_parts, _run


def _site(root: Path, pages: int) -> list[str]:
    paths = []
    for n in range(pages):
        path = f"kab-uji/kec-uji/sop-{n}/index.html"
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        words = " ".join(f"verifikasi{n % 7} berkas{n} permohonan{k}" for k in range(40))
        target.write_text(
            f"<html><body><main data-pagefind-body><h1>SOP {n}</h1><p>{words}</p></main></body></html>",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _pagefind_children() -> list[int]:
    """Pagefind processes that are children of this one."""
    mine = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == mine and "pagefind" in fields.get("Name", ""):
            found.append(int(entry.name))
    return found


def test_a_cancelled_refresh_ends_pagefind_and_leaves_no_index_behind(tmp_path):
    site = tmp_path / "site"
    paths = _site(site, 300)
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()  # the author saves while Pagefind reads the pages
    with pytest.raises(RefreshCancelled):
        _run(_index_parts(site, site / "pagefind", "**/*.html", paths, 1, cancel))
    assert not (site / "pagefind").exists()
    assert not (site / "pagefind.tmp").exists()
    assert _pagefind_children() == []


def test_the_same_refresh_uncancelled_writes_the_index(tmp_path):
    site = tmp_path / "site"
    paths = _site(site, 300)
    pages = _run(_index_parts(site, site / "pagefind", "**/*.html", paths, 1, threading.Event()))
    assert pages == 300
    assert (site / "pagefind" / "pagefind-entry.json").is_file()
    assert _pagefind_children() == []
