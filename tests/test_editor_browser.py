"""The form editor at /admin/ (Decap CMS) against its local backend (decap-server), driven by Chromium.

Real parts throughout: the site built by MkDocs with the editor on, Decap's bundle from node_modules, the
decap-server of package.json writing into a project folder, `sop check`, and a second real build that must
show the new SOP. The edit of one value must change the file only there: its comments, quotes, blank lines
and key order stay (the `katalog-yml` format of site_plugins/editor/katalog-editor.js).
"""

from __future__ import annotations

import contextlib
import difflib
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from catalogue.cli import main

from .browser import ConsoleLog, serve
from .conftest import REPO, write_catalogue
from .sitebuild import build_site

DECAP_SERVER = REPO / "node_modules" / ".bin" / "decap-server"
COLLECTION = "sop--kab-uji--kec-uji"

#: An SOP written by a person, with the comments, quotes and blank lines the editor must keep.
COMMENTED_SOP = """\
# SOP Kecamatan Uji: pelayanan surat pindah.
nomor: "003/SOP/2024"          # dari buku register
nama: Pelayanan Surat Pindah
tanggal_pembuatan: 2024-01-02
tanggal_revisi: "-"
tanggal_efektif: 2 Januari 2024
disahkan_oleh: Camat

dasar_hukum:
  - Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah
pelaksana: [Camat, Sekcam]

# Langkah sesuai lembar yang ditandatangani.
langkah:
  - no: 1
    kegiatan: Menerima berkas
    pelaksana: Sekcam
    waktu: 15 menit   # mutu baku
    output: Berkas
  - no: 2
    kegiatan: 'Menandatangani surat'
    pelaksana: Camat
    waktu: "1 hari"
    output: Surat pindah
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def _decap_server(project: Path, port: int):
    assert DECAP_SERVER.exists(), "decap-server missing: run `npm ci --ignore-scripts` (make test does)"
    env = {**os.environ, "PORT": str(port), "GIT_REPO_DIRECTORY": str(project), "MODE": "fs"}
    server = subprocess.Popen(
        [str(DECAP_SERVER)], cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1",
                    data=json.dumps({"action": "info"}).encode(),
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=5):  # noqa: S310 - a local test server
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError("decap-server did not start") from None
                time.sleep(0.3)
        yield
    finally:
        server.terminate()
        try:
            server.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def _build(project: Path, root: Path, port: int):
    return build_site(
        project,
        root,
        katalog_options={"editor": True, "editor_local_backend": f"http://localhost:{port}/api/v1"},
    )


def _open_editor(page, base: str, route: str) -> None:
    page.goto(base + "admin/")
    page.get_by_role("button", name="Masuk").click()
    page.get_by_text("Kecamatan Uji").first.wait_for()
    page.goto(base + "admin/#/collections/" + route)


def _field(scope, name: str, index: int = 0):
    return scope.locator(f"[id^='{name}-field-']").nth(index)


def _choose(page, scope, name: str, index: int, option: str) -> None:
    """Decap's select widget (react-select): open it, pick the option."""
    _field(scope, name, index).click()
    page.get_by_role("option", name=option, exact=True).click()


def _save(page) -> None:
    page.get_by_role("button", name="Simpan", exact=True).first.click()
    page.get_by_text("Simpan sekarang").click()
    page.get_by_text("Perubahan tersimpan").wait_for(timeout=30_000)


def test_editor_creates_an_sop_that_checks_and_builds(tmp_path, chromium):
    project = tmp_path / "proj"
    root = write_catalogue(project / "content" / "sops", {"surat-pindah.yml": COMMENTED_SOP})
    agency = root / "kab-uji" / "kec-uji"
    port = _free_port()
    built = _build(project, root, port)
    assert (built.site / "admin" / "decap-cms.js").is_file()
    config = json.loads((built.site / "admin" / "config.json").read_text())
    assert [c["name"] for c in config["collections"]] == [COLLECTION, "instansi"]

    with _decap_server(project, port), serve(built.site) as base:
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        console = ConsoleLog(page)
        try:
            _open_editor(page, base, f"{COLLECTION}/new")
            form = page
            _field(form, "nomor").fill("002/SOP/2024")
            _field(form, "nama").fill("Pelayanan Surat Keterangan")
            for _ in range(2):
                page.get_by_role("button", name="Tambah pelaksana (kolom peran)").click()
            roles = _field(form, "pelaksana").locator("input")
            roles.nth(0).fill("Camat")
            roles.nth(1).fill("Sekretaris Camat")
            for _ in range(3):
                page.get_by_role("button", name="Tambah langkah").click()
            steps = _field(form, "langkah")
            rows = [
                ("1", "Menerima permohonan", "Sekretaris Camat", "15 menit"),
                ("2", "Memeriksa kelengkapan", "Sekretaris Camat", "30 menit"),
                ("3", "Menandatangani surat", "Camat", "10 menit"),
            ]
            for i, (no, kegiatan, performer, waktu) in enumerate(rows):
                _field(steps, "no", i).fill(no)
                _field(steps, "kegiatan", i).fill(kegiatan)
                performer_choice = _field(steps, "pelaksana", i)
                performer_choice.focus()
                # The performer is chosen from the SOP's own roles, nothing else.
                assert performer_choice.locator("option").all_inner_texts() == [
                    "— pilih —",
                    "Camat",
                    "Sekretaris Camat",
                ]
                performer_choice.select_option(performer)
                _field(steps, "waktu", i).fill(waktu)
            _choose(page, steps, "jenis", 1, "keputusan")
            branch = _field(steps, "ya", 1)
            branch.focus()  # as a person opening the list: the choices are those of the SOP now
            assert branch.locator("option").all_inner_texts() == [
                "— pilih —",
                "1",
                "2",
                "3",
                "- (prosedur selesai)",
            ]
            branch.select_option("3")
            _field(steps, "tidak", 1).select_option("1")
            _save(page)
        finally:
            page.close()
        assert not [e for e in console.errors if e.startswith("uncaught")], console.errors

        written = agency / "pelayanan-surat-keterangan.yml"
        assert written.is_file(), sorted(p.name for p in agency.iterdir())
        check = CliRunner().invoke(main, ["check", str(root)])
        assert check.exit_code == 0 and "0 kesalahan" in check.output, check.output + written.read_text()

        # The new SOP on the built site, with its decision.
        rebuilt = _build(project, root, port)
        html = (
            rebuilt.site / "kab-uji" / "kec-uji" / "pelayanan-surat-keterangan" / "index.html"
        ).read_text()
        assert "Pelayanan Surat Keterangan" in html and "Memeriksa kelengkapan" in html

        # Edit one waktu of a commented file: only that value changes.
        source = agency / "surat-pindah.yml"
        before = source.read_text()
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        try:
            _open_editor(page, base, f"{COLLECTION}/entries/surat-pindah")
            waktu = _field(_field(page, "langkah"), "waktu", 1)
            waktu.wait_for()
            assert waktu.input_value() == "1 hari"
            waktu.fill("2 hari")
            _save(page)
        finally:
            page.close()
        after = source.read_text()
        changed = [
            line
            for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line.startswith(("+", "-")) and not line.startswith(("+++", "---"))
        ]
        assert changed == ['-    waktu: "1 hari"', '+    waktu: "2 hari"'], "\n".join(changed)

        # Add an item (a structural edit): the document is re-serialised by the yaml library. Every comment
        # and the key order stay; measure what else changes.
        before = after
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        try:
            _open_editor(page, base, f"{COLLECTION}/entries/surat-pindah")
            steps = _field(page, "langkah")
            steps.get_by_role("button", name="Tambah kelengkapan (mutu baku)").first.click()
            _field(steps, "kelengkapan", 0).locator("input").first.fill("Formulir F-1")
            _save(page)
        finally:
            page.close()
        after = source.read_text()

        def squeezed(text: str) -> list[str]:
            return ["".join(line.split()) for line in text.splitlines()]

        # Apart from the new lines, only spaces differ (measured: the gap before an end-of-line comment
        # becomes one space, a flow list gets spaces inside its brackets); comments, blank lines, quotes
        # and the key order are kept, and the new key goes where the format's order puts it.
        added = [
            line for line in difflib.ndiff(squeezed(before), squeezed(after)) if line.startswith(("+ ", "- "))
        ]
        assert added == ["+ kelengkapan:", "+ -FormulirF-1"], added
        assert after.index("kelengkapan:") < after.index("waktu: 15 menit")
        assert CliRunner().invoke(main, ["check", str(root)]).exit_code == 0

        # A performer that is not one of the SOP's roles (a role renamed in `pelaksana` only) is refused.
        before = after
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        try:
            _open_editor(page, base, f"{COLLECTION}/entries/surat-pindah")
            roles = _field(page, "pelaksana").locator("input")
            roles.nth(1).wait_for()
            assert roles.nth(1).input_value() == "Sekcam"
            roles.nth(1).fill("Sekretaris Camat")
            performer = _field(_field(page, "langkah"), "pelaksana", 0)
            performer.focus()
            assert "Sekcam (tidak ada dalam daftar)" in performer.locator("option").all_inner_texts()
            page.get_by_role("button", name="Simpan", exact=True).first.click()
            page.get_by_text("Simpan sekarang").click()
            page.get_by_text("'Sekcam' bukan salah satu nilai 'pelaksana' SOP ini").first.wait_for()
        finally:
            page.close()
        assert source.read_text() == before
