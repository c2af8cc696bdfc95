"""Revision history from git (catalogue/source/git_history.py, catalogue/analysis/history.py), on real
repositories made in tmp_path: versions, renames, the cache, shallow clones, no repository, no git."""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

from catalogue.analysis.history import read_history
from catalogue.source.git_history import NO_GIT, NO_REPOSITORY, SHALLOW, parse_log, read_git_history
from catalogue.source.load import load_catalogue

from .conftest import MINIMAL_SOP, write_catalogue
from .gitrepo import GitRepo

SOPS = "content/sops"
LAPORAN = f"{SOPS}/kab-uji/kec-uji/laporan.yml"


def _repo(tmp_path: Path) -> GitRepo:
    """A catalogue with three versions of one SOP (added, revised, renamed) and one SOP added once."""
    repo = GitRepo(tmp_path / "repo")
    write_catalogue(
        repo.root / SOPS, {"laporan.yml": MINIMAL_SOP, "arsip.yml": MINIMAL_SOP.replace("001/", "002/")}
    )
    repo.commit("Tambah SOP laporan dan arsip", "2024-01-02T09:00:00+07:00")
    repo.write(
        LAPORAN,
        MINIMAL_SOP.replace('tanggal_revisi: "-"', "tanggal_revisi: 2024-06-01").replace(
            "waktu: 1 hari", "waktu: 2 hari"
        ),
    )
    repo.commit("Revisi waktu penyusunan <laporan> & draf", "2024-06-03T10:00:00+07:00")
    repo.git("mv", LAPORAN, f"{SOPS}/kab-uji/kec-uji/laporan-kinerja.yml")
    repo.commit("Ganti nama berkas", "2024-07-01T08:00:00+07:00")
    return repo


def test_every_commit_that_changed_a_source_is_a_version_newest_first(tmp_path):
    repo = _repo(tmp_path)
    catalogue = load_catalogue(repo.root / SOPS)
    history = read_history(catalogue, tmp_path / "cache")
    assert history.available and history.note is None and not history.shallow
    laporan = history.of("kab-uji/kec-uji/laporan-kinerja")
    assert [v.kind for v in laporan.versions] == ["dipindahkan", "revisi", "baru"]
    assert [v.message for v in laporan.versions] == [
        "Ganti nama berkas",
        "Revisi waktu penyusunan <laporan> & draf",
        "Tambah SOP laporan dan arsip",
    ]
    assert [v.date.isoformat() for v in laporan.versions] == [
        "2024-07-01T08:00:00+07:00",
        "2024-06-03T10:00:00+07:00",
        "2024-01-02T09:00:00+07:00",
    ]
    assert [v.tanggal_revisi for v in laporan.versions] == ["1 Juni 2024", "1 Juni 2024", ""]
    renamed, revised, added = laporan.versions
    assert renamed.old_path == LAPORAN and renamed.diff is not None and renamed.diff.is_empty
    assert revised.diff is not None
    assert [(c.field, c.old, c.new) for c in revised.diff.identity] == [("tanggal_revisi", "", "1 Juni 2024")]
    ((step, field_change),) = [(s, f) for s in revised.diff.changed_steps for f in s.fields]
    assert (step.new_no, field_change.field, field_change.old, field_change.new) == (
        "2",
        "waktu",
        "1 hari",
        "2 hari",
    )
    assert added.diff is None
    assert laporan.has_page and not laporan.uncommitted
    arsip = history.of("kab-uji/kec-uji/arsip")
    assert [v.kind for v in arsip.versions] == ["baru"] and not arsip.has_page


def test_a_rebuild_parses_nothing_again_and_the_cache_is_safe_to_delete(tmp_path):
    repo = _repo(tmp_path)
    catalogue = load_catalogue(repo.root / SOPS)
    first = read_history(catalogue, tmp_path / "cache")
    # The two newer versions are the file itself (a rename keeps the content); the first is parsed, once.
    assert first.parsed == 1
    cached = json.loads((tmp_path / "cache" / "riwayat-versi.json").read_text(encoding="utf-8"))
    assert len(cached["blob"]) == 1
    second = read_history(catalogue, tmp_path / "cache")
    assert second.parsed == 0 and second == first
    (tmp_path / "cache" / "riwayat-versi.json").write_text("{rusak", encoding="utf-8")
    third = read_history(catalogue, tmp_path / "cache")
    assert third.parsed == 1 and third == first


def test_uncommitted_edits_are_noted(tmp_path):
    repo = _repo(tmp_path)
    path = repo.root / SOPS / "kab-uji/kec-uji/laporan-kinerja.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("10 menit", "20 menit"), encoding="utf-8")
    history = read_history(load_catalogue(repo.root / SOPS))
    assert history.of("kab-uji/kec-uji/laporan-kinerja").uncommitted
    assert not history.of("kab-uji/kec-uji/arsip").uncommitted


def test_an_old_version_that_no_longer_parses_says_so(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    write_catalogue(repo.root / SOPS, {"laporan.yml": MINIMAL_SOP.replace("nomor:", "kunci_lama: x\nnomor:")})
    repo.commit("Format lama", "2023-01-02T09:00:00+07:00")
    repo.write(LAPORAN, MINIMAL_SOP)
    repo.commit("Format baru", "2024-01-02T09:00:00+07:00")
    history = read_history(load_catalogue(repo.root / SOPS))
    new, old = history.of("kab-uji/kec-uji/laporan").versions
    assert new.diff is None and new.unreadable is not None
    assert new.unreadable.startswith("Versi sebelumnya tidak dapat dibaca dengan format sumber saat ini")
    assert "kunci_lama" in new.unreadable
    assert old.unreadable is not None and old.unreadable.startswith("Versi ini tidak dapat dibaca")
    assert old.tanggal_revisi is None


def test_a_shallow_clone_says_its_history_is_incomplete(tmp_path):
    repo = _repo(tmp_path)
    clone = repo.shallow_clone(tmp_path / "clone", depth=1)
    history = read_history(load_catalogue(clone / SOPS))
    assert history.available and history.shallow and history.note == SHALLOW
    (only,) = history.of("kab-uji/kec-uji/laporan-kinerja").versions
    assert only.kind == "awal"  # not "baru": the clone does not know when the SOP was added


def test_outside_a_repository_and_without_git_the_history_is_a_note(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    catalogue = load_catalogue(root)
    history = read_history(catalogue, git="git")
    assert not history.available and history.note == NO_REPOSITORY and not history.sops
    missing = read_history(catalogue, git=str(tmp_path / "no-such-git"))
    assert not missing.available and missing.note == NO_GIT


def test_a_repository_without_commits(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    write_catalogue(repo.root / SOPS)
    history = read_git_history(repo.root / SOPS)
    assert not history.available and history.note == "repositori git belum memiliki commit"


def test_renames_are_followed_through_a_chain_and_a_deleted_file_leaves_no_history(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    write_catalogue(
        repo.root / SOPS, {"a.yml": MINIMAL_SOP, "hapus.yml": MINIMAL_SOP.replace("001/", "009/")}
    )
    repo.commit("a", "2024-01-01T00:00:00+00:00")
    repo.git("mv", f"{SOPS}/kab-uji/kec-uji/a.yml", f"{SOPS}/kab-uji/kec-uji/b.yml")
    repo.commit("a -> b", "2024-01-02T00:00:00+00:00")
    repo.git("mv", f"{SOPS}/kab-uji/kec-uji/b.yml", f"{SOPS}/kab-uji/kec-uji/c.yml")
    repo.git("rm", "-q", f"{SOPS}/kab-uji/kec-uji/hapus.yml")
    repo.commit("b -> c", "2024-01-03T00:00:00+00:00")
    # A new file at a's old path is a new SOP: a's history is c's.
    repo.write(f"{SOPS}/kab-uji/kec-uji/a.yml", MINIMAL_SOP.replace("001/", "003/"))
    repo.commit("a baru", "2024-01-04T00:00:00+00:00")
    log = read_git_history(repo.root / SOPS)
    c = log.of(repo.root / SOPS / "kab-uji/kec-uji/c.yml")
    assert [ch.message for ch in c] == ["b -> c", "a -> b", "a"]
    a = log.of(repo.root / SOPS / "kab-uji/kec-uji/a.yml")
    assert [ch.message for ch in a] == ["a baru"]
    assert not log.of(repo.root / SOPS / "kab-uji/kec-uji/hapus.yml")


def test_the_log_parser_reads_odd_paths_and_multi_line_messages():
    blob = "a" * 40
    text = (
        f"\x1e{'1' * 40}\x1f\x1f2024-01-02T03:04:05+07:00\x1fJudul\n\nIsi pesan\n\x1f\x00\n"
        f":000000 100644 {'0' * 40} {blob} A\x00dir/spasi dan ü.yml\x00"
    )
    (change,) = parse_log(text)
    assert change.path == "dir/spasi dan ü.yml" and change.message == "Judul\n\nIsi pesan"
    assert change.parent_blob is None and change.blob == blob


def _history_in_fresh_process(root: Path, results) -> None:
    """Serial and parallel history of the catalogue at ``root``, in a spawned interpreter: the session's other
    threads (a browser driver's) would rightly keep the parallel path from running here."""
    import concurrent.futures

    from catalogue import forking
    from catalogue.analysis import history as history_module
    from catalogue.forking import why_not_fork

    pooled: list[int] = []  # chunks the worker pool returned (none when it fell back to this process)

    class RecordingPool(concurrent.futures.ProcessPoolExecutor):
        def map(self, *args, **kwargs):
            out = list(super().map(*args, **kwargs))
            pooled.append(len(out))
            return out

    concurrent.futures.ProcessPoolExecutor = RecordingPool  # this spawned interpreter only
    # The worker path on any machine (a fork works on one core too).
    forking.cores = history_module.cores = lambda: 2
    catalogue = load_catalogue(root)
    serial = read_history(catalogue)
    assert not pooled
    history_module.PARALLEL_MIN_VERSIONS = 1
    parallel = read_history(catalogue)
    results.put((bool(pooled), why_not_fork(), serial, parallel))


def test_old_versions_parsed_in_worker_processes_give_the_same_history(tmp_path):
    repo = _repo(tmp_path)
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    process = context.Process(target=_history_in_fresh_process, args=(repo.root / SOPS, results))
    process.start()
    pooled, why_not, serial, parallel = results.get(timeout=120)
    process.join()
    assert pooled, why_not  # the old versions were parsed by the worker processes
    assert parallel.parsed == serial.parsed == 1 and parallel == serial
