"""Parsed sources kept on disk for the next process (catalogue/source/parse_cache.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from catalogue.source import load
from catalogue.source.load import FileCache, load_catalogue
from catalogue.source.parse_cache import ParseStore

from .conftest import MINIMAL_SOP, REPO, write_catalogue


def _fresh(store_dir) -> FileCache:
    """A new process's cache (nothing in memory), over the store folder."""
    return FileCache(store=ParseStore(store_dir))


@pytest.mark.parametrize("workers", [False, True], ids=["in-process", "worker-processes"])
def test_a_second_process_reads_parses_back_and_gets_the_same_catalogue(tmp_path, monkeypatch, workers):
    if workers:  # the catalogue is read by worker processes from this many files on
        monkeypatch.setattr(load, "PARALLEL_MIN_FILES", 1)
    root = tmp_path / "sops"
    shutil.copytree(REPO / "content" / "sops", root)
    first = load_catalogue(root, _fresh(tmp_path / "store"))
    cache = _fresh(tmp_path / "store")
    again = load_catalogue(root, cache)
    assert cache.store.loaded >= len(first.sops) + len(first.agencies) + len(first.pemdas)
    # Each file's digest is kept for the build, which then needs not hash it again.
    assert all(cache.digest_of(sop.source) for sop in again.sops.values())
    assert again.sops == first.sops and again.agencies == first.agencies and again.problems == first.problems


def _loaded_then_edited(tmp_path) -> Path:
    """A one-SOP catalogue read once with the store, then its title edited; returns its folder."""
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": MINIMAL_SOP})
    load_catalogue(root, _fresh(tmp_path / "store"))
    source = root / "kab-uji" / "kec-uji" / "laporan.yml"
    source.write_text(MINIMAL_SOP.replace("nama: ", "nama: Baru ", 1), encoding="utf-8")
    return root


def test_an_edited_file_is_parsed_again(tmp_path):
    root = _loaded_then_edited(tmp_path)
    cache = _fresh(tmp_path / "store")
    sop = next(iter(load_catalogue(root, cache).sops.values()))
    assert sop.nama.startswith("Baru ")


def test_a_parse_is_not_used_once_a_file_it_depends_on_changed(tmp_path):
    text = (
        MINIMAL_SOP + "sumber:\n  dokumen: Laporan.pdf\n  jenis_dokumen: pdf\n  berkas: dokumen/laporan.pdf\n"
    )
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": text})
    assert any(p.field == ("sumber", "berkas") for p in load_catalogue(root, _fresh(tmp_path / "s")).errors)
    document = root / "kab-uji" / "kec-uji" / "dokumen" / "laporan.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(b"%PDF-1.4\n")
    assert not load_catalogue(root, _fresh(tmp_path / "s")).errors  # the YAML is unchanged


def test_a_damaged_store_is_parsed_again_and_can_be_deleted(tmp_path):
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": MINIMAL_SOP})
    expected = load_catalogue(root, _fresh(tmp_path / "store")).sops
    for entry in (tmp_path / "store").rglob("*.pickle"):
        entry.write_bytes(b"rusak")
    cache = _fresh(tmp_path / "store")
    assert load_catalogue(root, cache).sops == expected and cache.store.loaded == 0
    shutil.rmtree(tmp_path / "store")
    assert load_catalogue(root, _fresh(tmp_path / "store")).sops == expected


def test_prune_keeps_what_this_process_used(tmp_path):
    root = _loaded_then_edited(tmp_path)
    cache = _fresh(tmp_path / "store")
    load_catalogue(root, cache)
    before = len(list((tmp_path / "store").rglob("*.pickle")))
    assert cache.store.prune() == 1  # the parse of the file as it was
    assert len(list((tmp_path / "store").rglob("*.pickle"))) == before - 1


def test_a_parse_is_kept_for_its_date(tmp_path, monkeypatch):
    # Records are checked against the reference date (a date after it is reported): another date, another parse.
    root = write_catalogue(tmp_path / "sops", {"laporan.yml": MINIMAL_SOP})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    load_catalogue(root, _fresh(tmp_path / "store"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")
    cache = _fresh(tmp_path / "store")
    load_catalogue(root, cache)
    assert cache.store.loaded == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    cache = _fresh(tmp_path / "store")
    load_catalogue(root, cache)
    assert cache.store.loaded > 0
