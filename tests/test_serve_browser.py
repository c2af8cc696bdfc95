"""The live preview (`mkdocs serve`) while a source is broken: the last good site keeps being served, every
page shows the errors with file:line, and fixing the file clears them. Real `mkdocs serve`, real Chromium."""

from __future__ import annotations

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


def test_a_broken_source_under_serve_keeps_the_last_good_site_and_shows_the_error(tmp_path, chromium):
    root = write_catalogue(tmp_path / "sops")
    project = tmp_path / "proj"
    write_project(project, root)
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen(
        [str(MKDOCS_CLI), "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    source = root / "kab-uji" / "kec-uji" / "laporan.yml"
    try:
        _wait(lambda: b"Menyusun laporan" in _get(base + PAGE), "the first build")
        assert _errors(base) == []

        source.write_text(MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: Lurah\n"), encoding="utf-8")
        _wait(lambda: _errors(base), "the rebuild that finds the error")
        (error,) = _errors(base)
        assert error.startswith(f"{source}:23:5: error: langkah[2].pelaksana:") or "laporan.yml:23:5" in error
        started = time.monotonic()
        html = _get(base + PAGE, timeout=5)  # answered at once, not held until the file is fixed
        assert time.monotonic() - started < 5 and b"Menyusun laporan" in html
        assert _get(base + "assets/stylesheets/katalog.css", timeout=5)

        page = chromium.new_page()
        try:
            page.goto(base + PAGE)
            box = page.locator("#katalog-galat")
            box.wait_for(state="visible", timeout=10_000)
            assert "laporan.yml:23:5" in box.inner_text() and "langkah[2].pelaksana" in box.inner_text()
            assert page.locator("h1").first.is_visible()  # the last good page is still there beneath

            source.write_text(
                MINIMAL_SOP.replace("Menyusun laporan", "Menyusun laporan akhir"), encoding="utf-8"
            )
            _wait(lambda: _errors(base) == [] and b"laporan akhir" in _get(base + PAGE), "the fixed rebuild")
            # The live-reload script reloads the open page itself once the site is rebuilt.
            page.wait_for_function(
                "() => !document.getElementById('katalog-galat') && document.body.innerText.includes('laporan akhir')",
                timeout=30_000,
            )
        finally:
            page.close()
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
