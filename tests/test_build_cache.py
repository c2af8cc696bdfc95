"""The build cache (site_plugins/build_cache.py): a second `mkdocs build` after an edit reuses what the edit
cannot have changed, and its site is byte for byte that of a clean build of the edited catalogue."""

from __future__ import annotations

import dataclasses
import filecmp
import os
import re
import shutil
import time
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from bench.generate import generate
from site_plugins.build_cache import Store

from .sitebuild import big_catalogue_pages, write_project

#: Pagefind writes its filter and meta files with other names on every run, whatever the input
#: (pagefind#638); the pages' fragments and the word index are compared.
PAGEFIND_UNSTABLE = re.compile(
    r"^pagefind/(?:.*/)?(?:filter/|pagefind\.[^/]*\.pf_meta$|pagefind-entry\.json$)"
)


def _build(project: Path):
    _old.build_started = time.time()
    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    return config.plugins["katalog"].preview


def _old(path: Path) -> bool:
    """Whether a file of the site was linked from the build cache (written before this build began)."""
    return path.stat().st_nlink > 1 and path.stat().st_mtime < _old.build_started


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def site_differences(a: Path, b: Path) -> list[str]:
    """Files of one site missing from the other, or with other bytes (Pagefind's unstable files aside)."""
    files_a = {f for f in _files(a) if not PAGEFIND_UNSTABLE.match(f)}
    files_b = {f for f in _files(b) if not PAGEFIND_UNSTABLE.match(f)}
    out = sorted(files_a ^ files_b)
    for name in sorted(files_a & files_b):
        if not filecmp.cmp(a / name, b / name, shallow=False):
            out.append(name)
    return out


@pytest.fixture()
def catalogue(tmp_path) -> Path:
    root = tmp_path / "sops"
    generate(root, 80, seed=5, pemda=1)  # two agencies of one pemda
    return root


def _sop_files(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*/*.yml") if not p.name.startswith("_"))


@pytest.mark.parametrize("summaries", [False, True], ids=["lists", "summaries"])
def test_rebuilds_after_edits_equal_clean_builds(catalogue, tmp_path, monkeypatch, summaries):
    if summaries:
        # The forms a big catalogue's pages take, so that the cache is checked on them too.
        big_catalogue_pages(monkeypatch)
    cached, clean = tmp_path / "cached", tmp_path / "clean"
    # The search index in parts (of SOP pages only), each taken from the cache while its pages are unchanged.
    search = {"glob": "*/*/*/index.html", "pages_per_index": 30}
    write_project(cached, catalogue, search=search)
    write_project(clean, catalogue, search=search, katalog_options={"build_cache": ""})
    first = _build(cached)
    assert first.persistent and not first.incremental

    files = _sop_files(catalogue)

    def title(path: Path) -> str:
        return re.search(r"^nama: (.*)$", path.read_text(encoding="utf-8"), re.MULTILINE).group(1)

    def edit(path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert re.search(old, text, re.MULTILINE), (path, old)
        path.write_text(re.sub(old, new, text, count=1, flags=re.MULTILINE), encoding="utf-8")

    def cite(path: Path, number: int) -> None:
        line = f"Peraturan Wali Kota Surakarta Nomor {number} Tahun 2020 tentang Tata Kelola Arsip Dinamis"
        edit(path, r"^dasar_hukum:\n", f'dasar_hukum:\n  - "{line}"\n')

    def rename_performer(path: Path, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        first = re.search(r'^pelaksana:\n  - "([^"]+)"', text, re.MULTILINE).group(1)
        path.write_text(text.replace(f'"{first}"', f'"{new}"'), encoding="utf-8")

    # x and z in one agency, y in another; z refers to x by its title, which y comes to share.
    x = files[0]
    z = next(
        p for p in files if p.parent == x.parent and p != x and "\nketerkaitan:\n" in p.read_text("utf-8")
    )
    y = next(p for p in files if p.parent != x.parent and p.parent.parent == x.parent.parent)
    w = next(p for p in files if p.parent == x.parent and p not in (x, z))
    edits = [
        (
            "two agencies' SOPs with one title, referred to",
            lambda: (
                edit(y, r"^nama: .*$", f"nama: {title(x)}"),
                edit(z, r"^keterkaitan:\n", f"keterkaitan:\n  - {title(x)}\n"),
            ),
        ),
        # z's reference now finds y alone: y's page lists z, though neither y nor its links were edited.
        (
            "the title referred to taken by the other SOP",
            lambda: edit(x, r"^nama: .*$", 'nama: "Judul Baru"'),
        ),
        ("a step's text", lambda: edit(y, r'kegiatan: "', 'kegiatan: "Diubah: ')),
        (
            "a legal basis",
            lambda: edit(
                y, r"^dasar_hukum:\n", 'dasar_hukum:\n  - "Peraturan Pemerintah Nomor 12 Tahun 2017"\n'
            ),
        ),
        # A link to a replaced SOP names its successor: renaming the successor changes the linking page.
        (
            "an SOP replaced by another",
            lambda: edit(z, r"^nama: ", f"status: digantikan\ndigantikan_oleh: {w.stem}\nnama: "),
        ),
        ("the successor renamed", lambda: edit(w, r"^nama: .*$", 'nama: "Pengganti Berganti Nama"')),
        ("a performer renamed", lambda: rename_performer(y, "Petugas Baru")),
        (
            "an SOP added",
            lambda: y.with_name("salinan-baru.yml").write_text(
                re.sub(
                    r"^nomor: .*$", 'nomor: "999/999/UJI/2025"', y.read_text("utf-8"), count=1, flags=re.M
                ),
                encoding="utf-8",
            ),
        ),
        # A regulation page lists every finding naming it: citing one of two look-alike regulations more
        # often changes another SOP's "probable typo" finding, and so a page no edited SOP cites.
        ("two look-alike regulations cited", lambda: (cite(x, 5), cite(z, 6), cite(w, 6))),
        ("one of them cited once more", lambda: cite(y, 6)),
        ("an SOP deleted", lambda: files[-1].unlink()),
    ]
    reused_parts = 0
    for what, change in edits:
        change()
        shutil.rmtree(cached / "site")
        again = _build(cached)
        assert again.incremental, what
        assert again.reused, what  # most pages came from the build cache
        reused_parts += sum(
            1 for part in (cached / "site" / "pagefind").glob("**/pagefind-entry.json") if _old(part)
        )
        shutil.rmtree(clean / "site", ignore_errors=True)
        _build(clean)
        assert site_differences(clean / "site", cached / "site") == [], what

    assert reused_parts > 0  # an edit's pages were in some of the index parts only

    # Nothing changed: every page, the open data and the search index come from the cache.
    shutil.rmtree(cached / "site")
    same = _build(cached)
    assert same.incremental and not same.changed_sops
    assert site_differences(clean / "site", cached / "site") == []


def _built_then_damaged(catalogue: Path, project: Path) -> tuple[Path, bytes]:
    """Build ``project``, then edit one built page in place, as a tool post-processing the site would: the
    stored output linked there changes with it. Returns the page and its good bytes."""
    write_project(project, catalogue)
    _build(project)
    page = next((project / "site").glob("*/*/*/index.html"))
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</body>", b"<!-- diubah -->\n</body>"))
    return page, good


def test_a_damaged_stored_page_is_built_again(catalogue, tmp_path):
    project = tmp_path / "p"
    page, good = _built_then_damaged(catalogue, project)
    shutil.rmtree(project / "site")
    _build(project)
    assert page.read_bytes() == good


def test_the_cache_folder_is_configurable_and_safe_to_delete(catalogue, tmp_path):
    project = tmp_path / "p"
    write_project(project, catalogue, katalog_options={"build_cache": "simpanan"})
    _build(project)
    assert (project / "simpanan" / Store.OBJECTS).is_dir()
    assert not (project / ".cache").exists()
    first = (project / "site").resolve()
    reference = {f: (first / f).read_bytes() for f in _files(first) if f.endswith(".html")}
    shutil.rmtree(project / "simpanan")
    shutil.rmtree(project / "site")
    again = _build(project)
    assert not again.incremental
    assert {f: (first / f).read_bytes() for f in _files(first) if f.endswith(".html")} == reference


def test_a_second_build_holding_the_cache_builds_without_it(catalogue, tmp_path):
    project = tmp_path / "p"
    write_project(project, catalogue)
    _build(project)
    holder = Store(project / ".cache" / "katalog" / "bangun")
    assert holder.acquire()
    try:
        preview = _build(project)
        assert not preview.incremental and not preview.persistent
    finally:
        holder.release()


def test_the_state_compares_the_same_in_every_process():
    """A set of strings is listed in another order by a process with another string hashing: the state a
    build saves must not depend on it, or the next build would find every SOP changed."""
    import subprocess
    import sys

    from site_plugins.preview import _stable

    @dataclasses.dataclass(frozen=True)
    class Fact:
        ids: frozenset
        names: dict

    one = Fact(frozenset(["b", "a", "c"]), {"y": 1, "x": {2, 1}})
    two = Fact(frozenset(["c", "b", "a"]), {"x": {1, 2}, "y": 1})
    assert repr(_stable(one)) == repr(_stable(two))
    assert repr(_stable(one)) != repr(_stable(Fact(frozenset(["a"]), {})))

    code = (
        "import sys; from site_plugins.preview import _stable; "
        "ids = frozenset(f'sop-{n}' for n in range(40)); "
        "print(repr(_stable(ids)) if sys.argv[1] == 'stable' else repr(ids))"
    )

    def listed(seed: int, how: str) -> str:
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        done = subprocess.run([sys.executable, "-c", code, how], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert listed(1, "plain") != listed(2, "plain")  # what the test guards against does happen
    assert listed(1, "stable") == listed(2, "stable")


def test_a_checkout_moved_elsewhere_keeps_its_cache(tmp_path):
    # As a CI runner restoring the cache into another workspace: mkdocs.yml names the sources relatively.
    first = tmp_path / "a"
    generate(first / "sops", 30, seed=2)
    write_project(first, first / "sops", katalog_options={"sources": "sops"})
    _build(first)
    moved = tmp_path / "b"
    shutil.copytree(first, moved)
    shutil.rmtree(moved / "site")
    preview = _build(moved)
    assert preview.incremental and not preview.changed_sops and preview.reused
    assert site_differences(first / "site", moved / "site") == []


def test_a_file_saved_again_after_it_was_parsed_is_not_taken_as_built(tmp_path):
    """The pages of a build are made from the bytes it parsed; a save after that must make the next build
    render the SOP again, not record the new bytes as built."""
    from site_plugins.preview import PreviewCache

    source = tmp_path / "sop.yml"
    source.write_text("nama: A\n", encoding="utf-8")
    parsed = (source.stat().st_mtime_ns - 1, source.stat().st_size)  # as read before the save
    preview = PreviewCache()
    preview.parsed = lambda path: (parsed, None)
    first, second = preview._file_digest(source), preview._file_digest(source)
    assert first != second  # never the digest of the bytes on disk, so never "unchanged" later
    preview.parsed = lambda path: ((source.stat().st_mtime_ns, source.stat().st_size), None)
    assert preview._file_digest(source) == preview._file_digest(source)
    # The digest the parse took of the same bytes is used, not taken again.
    preview.parsed = lambda path: ((source.stat().st_mtime_ns, source.stat().st_size), "dari-pembacaan")
    assert preview._file_digest(source) == "dari-pembacaan"


def test_settings_from_the_command_line_count(catalogue, tmp_path):
    project = tmp_path / "p"
    write_project(project, catalogue)
    _build(project)
    config = load_config(str(project / "mkdocs.yml"), use_directory_urls=False)  # as --no-directory-urls
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    config.plugins.on_shutdown()
    assert not config.plugins["katalog"].preview.incremental


def test_a_stored_copy_written_over_in_place_is_replaced_when_built_again(catalogue, tmp_path):
    project = tmp_path / "p"
    page, good = _built_then_damaged(catalogue, project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# berubah\n", encoding="utf-8")
    shutil.rmtree(project / "site")
    assert not _build(project).incremental  # everything built: the page comes out as its good bytes
    shutil.rmtree(project / "site")
    assert _build(project).incremental
    assert page.read_bytes() == good
