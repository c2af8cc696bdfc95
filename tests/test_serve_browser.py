"""The live preview (`mkdocs serve`) while a source is broken: the last good site keeps being served, every
page shows the errors with file:line, and fixing the file clears them. Real `mkdocs serve`, real Chromium."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.request

from .conftest import MINIMAL_SOP, REPO, write_catalogue
from .sitebuild import write_project

MKDOCS_CLI = REPO / ".venv" / "bin" / "mkdocs"
PAGE = "kab-uji/kec-uji/laporan/"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 10) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a local test server
        return response.read()


def _errors(base: str) -> list[str]:
    return json.loads(_get(base + "_katalog/galat.json"))["kesalahan"]


def _wait(condition, what: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def _serving(project):
    """`mkdocs serve` of ``project`` on a free port; yields its address."""
    port = _free_port()
    server = subprocess.Popen(
        [str(MKDOCS_CLI), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


def test_a_broken_source_under_serve_keeps_the_last_good_site_and_shows_the_error(tmp_path, chromium):
    root = write_catalogue(tmp_path / "sops")
    project = tmp_path / "proj"
    write_project(project, root)
    with _serving(project) as base:
        _broken_source_checks(root, base, chromium)


def _broken_source_checks(root, base: str, chromium) -> None:
    source = root / "kab-uji" / "kec-uji" / "laporan.yml"
    _wait(lambda: b"Menyusun laporan" in _get(base + PAGE), "the first build")
    assert _errors(base) == []

    source.write_text(MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: Lurah\n"), encoding="utf-8")
    _wait(lambda: _errors(base), "the rebuild that finds the error")
    (error,) = _errors(base)
    assert ":23:5: error: langkah[2].pelaksana:" in error and "laporan.yml" in error
    html = _get(
        base + PAGE, timeout=5
    )  # answered, not held until the file is fixed (a held request times out)
    assert b"Menyusun laporan" in html
    assert _get(base + "assets/stylesheets/katalog.css", timeout=5)

    page = chromium.new_page()
    try:
        page.goto(base + PAGE)
        box = page.locator("#katalog-galat")
        box.wait_for(state="visible", timeout=10_000)
        assert "laporan.yml:23:5" in box.inner_text() and "langkah[2].pelaksana" in box.inner_text()
        assert page.locator("h1").first.is_visible()  # the last good page is still there beneath

        source.write_text(MINIMAL_SOP.replace("Menyusun laporan", "Menyusun laporan akhir"), encoding="utf-8")
        _wait(lambda: _errors(base) == [] and b"laporan akhir" in _get(base + PAGE), "the fixed rebuild")
        # The live-reload script reloads the open page itself once the site is rebuilt. Polled across that
        # reload, the new document may not have its body yet.
        page.wait_for_function(
            "() => !!document.body && !document.getElementById('katalog-galat')"
            " && document.body.innerText.includes('laporan akhir')",
            timeout=30_000,
        )
    finally:
        page.close()


def _search(page, term: str) -> list[str] | None:
    """The URLs Pagefind (the site's own bundle) finds for ``term``, read fresh from the server; None when
    the live-reload script reloaded the page meanwhile (after a rebuild)."""
    from playwright.sync_api import Error

    try:
        return _search_once(page, term)
    except Error as exc:
        if "context was destroyed" not in str(exc):
            raise
        page.wait_for_load_state()
        return None


def _search_once(page, term: str) -> list[str]:
    return page.evaluate(
        """async term => {
            const pagefind = await import(`/pagefind/pagefind.js?${Date.now()}`);
            await pagefind.options({ basePath: "/pagefind/" });
            await pagefind.init();
            const search = await pagefind.search(term);
            return Promise.all(search.results.map(async r => (await r.data()).url));
        }""",
        term,
    )


def test_new_and_renamed_sops_become_searchable_in_the_live_preview(tmp_path, chromium):
    root = write_catalogue(tmp_path / "sops")
    project = tmp_path / "proj"
    write_project(project, root, search=True)
    with _serving(project) as base:
        _search_checks(root, base, chromium)


def _search_checks(root, base: str, chromium) -> None:
    agency = root / "kab-uji" / "kec-uji"
    page = chromium.new_page()
    try:
        _wait(lambda: b"Menyusun laporan" in _get(base + PAGE), "the first build")
        page.goto(base)
        assert _search(page, "menyusun") == ["/kab-uji/kec-uji/laporan/"]
        assert _search(page, "zamrud") == []

        # A new SOP: its page first, then (in the background) the search index.
        (agency / "arsip.yml").write_text(
            MINIMAL_SOP.replace("001/SOP/2024", "002/SOP/2024").replace(
                "Menyusun laporan", "Menyusun zamrud"
            ),
            encoding="utf-8",
        )
        _wait(lambda: b"zamrud" in _get(base + "kab-uji/kec-uji/arsip/"), "the new SOP's page")
        _wait(lambda: _search(page, "zamrud") == ["/kab-uji/kec-uji/arsip/"], "the new SOP in the search")

        # A renamed SOP: found at its new address only.
        renamed = (agency / "arsip.yml").read_text(encoding="utf-8") + "url_lama: [arsip]\n"
        (agency / "arsip-surat.yml").write_text(renamed, encoding="utf-8")
        (agency / "arsip.yml").unlink()
        _wait(
            lambda: _search(page, "zamrud") == ["/kab-uji/kec-uji/arsip-surat/"],
            "the renamed SOP in the search",
        )
    finally:
        page.close()
