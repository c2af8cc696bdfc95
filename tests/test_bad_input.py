"""A corpus of broken sources, and one verdict on each: `sop check`, the site build and `sop export` agree.

Each case gives its intended ``file:line:col: error: field: message``. For every case the three are run on
the same project (``content/sops``, ``content/peraturan.yml``, ``content/katalog.yml`` beside ``mkdocs.yml``):
the check's exit code, the build's outcome and the export's outcome must agree, each must report the same
errors, none may print a traceback, and a refused build or export writes nothing. They agree by
construction (all three read :class:`catalogue.analysis.Analysis`); this proves it case by case.

Each case in ``tests/data/bad/<case>/`` holds only the files that differ from the small valid catalogue of
:func:`tests.conftest.write_catalogue`; they are copied over it. Cases too big or too hostile to commit (a 10 MB
file, an alias bomb, brackets nested 400,000 deep, symbolic links) are generated into tmp_path.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from mkdocs.exceptions import Abort, PluginError

from catalogue.cli import main

from .conftest import MINIMAL_SOP, REPO, run_without_file_permission_override, write_catalogue
from .sitebuild import REGISTRY, build_site, write_project

BAD = Path(__file__).resolve().parent / "data" / "bad"
SOP_CLI = REPO / ".venv" / "bin" / "sop"
MKDOCS_CLI = REPO / ".venv" / "bin" / "mkdocs"
LAPORAN = "kab-uji/kec-uji/laporan.yml"
META = "nama: Katalog Uji\npenerbit: Pemkab Uji\nlisensi: CC-BY-4.0\n"
#: Where each reported problem starts: ``file:line:col: error: field:``.
ERROR_PREFIX = re.compile(r"(\S+:\d+:\d+: error: \S+): ")


@dataclass(frozen=True)
class Expected:
    """One reported problem: where, which field, and a fragment of the message."""

    file: str
    line: int
    column: int
    field: str
    fragment: str
    severity: str = "error"

    @property
    def prefix(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.field}: "


EVALUASI = "kab-uji/kec-uji/_monev/laporan.evaluasi.yml"

CASES: dict[str, list[Expected]] = {
    # Monitoring and evaluation records (catalogue/source/records.py) share the SOPs' verdict.
    "evaluation_record": [
        Expected(EVALUASI, 6, 7, "evaluasi[1].kriteria.mudah_dipahami.nilai", "nilai 'mungkin' tidak dikenal")
    ],
    "evaluation_rules": [
        Expected(EVALUASI, 12, 5, "evaluasi[2].periode", "periode 2025 sudah dievaluasi pada butir 1"),
        Expected(EVALUASI, 12, 5, "evaluasi[2].rekomendasi", "hasil 'perlu perbaikan' tanpa rekomendasi"),
    ],
    "record_without_sop": [
        Expected(
            "kab-uji/kec-uji/_monev/lapran.monitoring.yml",
            1,
            1,
            "(berkas)",
            "catatan monitoring untuk SOP 'lapran' yang tidak ada di kec-uji/.",
        )
    ],
    "malformed_yaml": [
        Expected(LAPORAN, 3, 18, "(berkas)", "YAML tidak valid: kurung siku '[' tidak ditutup dengan ']'"),
        Expected(LAPORAN, 3, 18, "(berkas)", "kurung dibuka pada baris 2"),
    ],
    "tab_indentation": [Expected(LAPORAN, 22, 1, "(berkas)", "Ada karakter tab: YAML memakai spasi")],
    "duplicate_key": [Expected(LAPORAN, 25, 5, "(berkas)", 'kunci ganda "waktu"')],
    "wrong_type": [
        Expected(LAPORAN, 14, 1, "pelaksana", "harus berupa daftar (baris diawali '- ')"),
        Expected(LAPORAN, 29, 5, "langkah[3].waktu", "harus berupa teks, bukan daftar"),
    ],
    "missing_required": [
        Expected(LAPORAN, 1, 1, "nama", "kunci wajib 'nama' tidak ada"),
        Expected(LAPORAN, 20, 5, "langkah[2].kegiatan", "kunci wajib 'kegiatan' tidak ada"),
    ],
    "unknown_performer": [
        Expected(
            LAPORAN,
            23,
            5,
            "langkah[2].pelaksana",
            "pelaksana 'Sekretaris Camat' bukan salah satu kolom peran SOP ini",
        )
    ],
    "decision_without_branches": [
        Expected(LAPORAN, 21, 5, "langkah[2].ya", "langkah keputusan harus punya cabang 'ya'"),
        Expected(LAPORAN, 21, 5, "langkah[2].tidak", "langkah keputusan harus punya cabang 'tidak'"),
    ],
    "branch_to_nowhere": [
        Expected(LAPORAN, 25, 5, "langkah[2].tidak", "cabang 'tidak' menuju langkah '9' yang tidak ada")
    ],
    "duplicate_slug": [Expected(LAPORAN, 1, 1, "(berkas)", "slug 'laporan' sudah dipakai oleh laporan.yaml")],
    "duplicate_nomor": [
        Expected(
            "kab-uji/kec-uji/laporan-lain.yml",
            1,
            1,
            "nomor",
            "nomor SOP '001/SOP/2024' sudah dipakai oleh laporan-kinerja.yml",
        )
    ],
    "impossible_dates": [
        Expected(LAPORAN, 3, 1, "tanggal_pembuatan", "tanggal '2024-02-30' tidak valid"),
        Expected(LAPORAN, 5, 1, "tanggal_efektif", "tanggal '31 Juni 2024' tidak valid"),
    ],
    "non_utf8": [Expected(LAPORAN, 22, 32, "(berkas)", "bukan teks UTF-8 (byte 0xff)")],
    "deeply_nested": [Expected(LAPORAN, 7, 1007, "(berkas)", "struktur bersarang lebih dari")],
    "yaml_alias": [Expected(LAPORAN, 14, 12, "(berkas)", "anchor/alias YAML (&nama, *nama) tidak diizinkan")],
    "multiple_documents": [
        Expected(LAPORAN, 31, 1, "(berkas)", "YAML tidak valid: berkas berisi lebih dari satu dokumen YAML")
    ],
    "python_tag": [Expected(LAPORAN, 6, 16, "(berkas)", "tag YAML '!!python/")],
    "binary_tag": [Expected(LAPORAN, 6, 1, "disahkan_oleh", "bukan bytes")],
    "empty_file": [Expected(LAPORAN, 1, 1, "(berkas)", "berkas kosong")],
    "not_a_mapping": [
        Expected(LAPORAN, 1, 1, "(berkas)", "harus berupa pemetaan kunci: nilai, bukan daftar")
    ],
    "unknown_key": [
        Expected(LAPORAN, 12, 1, "pengetan", "kunci 'pengetan' tidak dikenal. Maksud Anda 'peringatan'?")
    ],
    "bad_agency": [
        Expected("kab-uji/kec-uji/_instansi.yml", 4, 5, "peran[1].alias", "harus berupa daftar teks")
    ],
    "bad_pemda": [Expected("kab-uji/_pemda.yml", 1, 1, "nama", "kunci wajib 'nama' tidak ada")],
    "bad_file_name": [
        Expected(
            "kab-uji/kec-uji/Laporan Kinerja.yml",
            1,
            1,
            "(berkas)",
            "nama berkas 'Laporan Kinerja' tidak dapat menjadi alamat halaman",
        )
    ],
    "sop_outside_agency": [
        Expected(
            "kab-uji/laporan.yml",
            1,
            1,
            "(berkas)",
            "berkas SOP harus berada di content/sops/<pemda>/<instansi>/",
        )
    ],
}


def _symlink_out(project: Path) -> None:
    outside = project / "di-luar.yml"
    outside.write_text(MINIMAL_SOP.replace("001/SOP/2024", "009/SOP/2024"), encoding="utf-8")
    (project / "content" / "sops" / "kab-uji" / "kec-uji" / "tautan.yml").symlink_to(outside)


def _symlink_loop(project: Path) -> None:
    folder = project / "content" / "sops" / "kab-uji" / "kec-uji"
    (folder / "a.yml").symlink_to(folder / "b.yml")
    (folder / "b.yml").symlink_to(folder / "a.yml")


def _duplicate_url_lama(project: Path) -> None:
    folder = project / "content" / "sops" / "kab-uji" / "kec-uji"
    (folder / "laporan.yml").write_text(MINIMAL_SOP + "url_lama: [laporan-lama]\n", encoding="utf-8")
    (folder / "laporan-kedua.yml").write_text(
        MINIMAL_SOP.replace("001/SOP/2024", "002/SOP/2024") + "url_lama: [laporan-lama]\n", encoding="utf-8"
    )


def _bad_target(project: Path) -> None:
    (project / "content" / "sops" / LAPORAN).write_text(
        MINIMAL_SOP.replace(
            "keterkaitan: [SOP Perjanjian Kinerja]",
            "keterkaitan:\n  - teks: SOP Perjanjian Kinerja\n    target: perjanjian-kinerja",
        ),
        encoding="utf-8",
    )


def _successor_cycle(project: Path) -> None:
    folder = project / "content" / "sops" / "kab-uji" / "kec-uji"
    (folder / "laporan.yml").write_text(
        MINIMAL_SOP + "status: digantikan\ndigantikan_oleh: laporan-baru\n", encoding="utf-8"
    )
    (folder / "laporan-baru.yml").write_text(
        MINIMAL_SOP.replace("001/SOP/2024", "002/SOP/2024")
        + "status: digantikan\ndigantikan_oleh: laporan\n",
        encoding="utf-8",
    )


def _bad_registry(project: Path) -> None:
    (project / "content" / "peraturan.yml").write_text(
        "peraturan:\n  - jenis: Peraturan Pemerintah\n    nomor: '12'\n    tahun: '2019'\n    status: dicabut\n",
        encoding="utf-8",
    )


def _bad_meta(project: Path) -> None:
    (project / "content" / "katalog.yml").write_text(
        "nama: X\npenerbit: Y\nlisensi: {id: Bebas}\n", encoding="utf-8"
    )


def _dots_only_name(project: Path) -> None:
    (project / "content" / "sops" / "kab-uji" / "kec-uji" / "..yml").write_text(MINIMAL_SOP, encoding="utf-8")


def _folder_named_yml(project: Path) -> None:
    folder = project / "content" / "sops" / "kab-uji" / "kec-uji" / "arsip.yml"
    folder.mkdir()
    (folder / "laporan-lama.yml").write_text(MINIMAL_SOP, encoding="utf-8")


#: 227 characters: a file system takes it, but not <slug>.json beside it or a URL path of it.
LONG_NAME = "penyusunan-" * 20 + "laporan.yml"


def _long_file_name(project: Path) -> None:
    name = LONG_NAME
    (project / "content" / "sops" / "kab-uji" / "kec-uji" / name).write_text(
        MINIMAL_SOP.replace("001/SOP", "005/SOP"), encoding="utf-8"
    )


def _licence_url_script(project: Path) -> None:
    (project / "content" / "katalog.yml").write_text(
        "nama: X\npenerbit: Y\nlisensi:\n  id: Lisensi-Sendiri\n  url: javascript:alert(document.cookie)\n",
        encoding="utf-8",
    )


#: Cases made in the project by code: (what to do, what must be reported; paths relative to the project).
PROJECT_CASES: dict[str, tuple[Callable[[Path], None], list[Expected]]] = {
    "file_name_of_dots_only": (
        _dots_only_name,
        [Expected("kab-uji/kec-uji/..yml", 1, 1, "(berkas)", "tidak dapat menjadi alamat halaman")],
    ),
    "folder_named_like_a_source": (
        _folder_named_yml,
        [Expected("kab-uji/kec-uji/arsip.yml", 1, 1, "(berkas)", "adalah folder, bukan berkas SOP")],
    ),
    "file_name_too_long": (
        _long_file_name,
        [Expected(f"kab-uji/kec-uji/{LONG_NAME}", 1, 1, "(berkas)", "paling panjang 100 karakter")],
    ),
    "licence_url_script": (
        _licence_url_script,
        [Expected("content/katalog.yml", 5, 3, "lisensi.url", "tidak dapat dijadikan tautan")],
    ),
    "symlink_out_of_the_catalogue": (
        _symlink_out,
        [Expected("kab-uji/kec-uji/tautan.yml", 1, 1, "(berkas)", "menunjuk ke luar folder katalog")],
    ),
    "symlink_loop": (
        _symlink_loop,
        [Expected("kab-uji/kec-uji/a.yml", 1, 1, "(berkas)", "rusak atau berputar")],
    ),
    "url_lama_claimed_twice": (
        _duplicate_url_lama,
        [
            Expected(
                "kab-uji/kec-uji/laporan.yml", 31, 12, "url_lama[1]", "sudah diklaim oleh laporan-kedua.yml"
            )
        ],
    ),
    "keterkaitan_target_missing": (
        _bad_target,
        [
            Expected(
                LAPORAN, 12, 5, "keterkaitan[1].target", "target keterkaitan 'perjanjian-kinerja' tidak ada"
            )
        ],
    ),
    "successor_cycle": (
        _successor_cycle,
        [
            Expected(
                "kab-uji/kec-uji/laporan-baru.yml", 32, 1, "digantikan_oleh", "rantai pengganti berputar"
            ),
            Expected(LAPORAN, 32, 1, "digantikan_oleh", "rantai pengganti berputar"),
        ],
    ),
    "registry_entry_without_source": (
        _bad_registry,
        [Expected("content/peraturan.yml", 5, 5, "peraturan[1].status", "memerlukan `dicabut_oleh`")],
    ),
    "katalog_yml_unknown_licence": (
        _bad_meta,
        [Expected("content/katalog.yml", 3, 11, "lisensi.id", "lisensi 'Bebas' tidak dikenal")],
    ),
}

#: Cases every one of the three must accept: a catalogue with warnings only is published.
ACCEPTED = {
    "valid": lambda project: (project / "content" / "sops" / LAPORAN).write_text(
        MINIMAL_SOP, encoding="utf-8"
    ),
    "warnings_only": lambda project: shutil.copytree(
        BAD.parent / "warn" / "unparseable_waktu", project / "content" / "sops", dirs_exist_ok=True
    ),
}


def _alias_bomb() -> str:
    """The billion-laughs document: nine levels of nine aliases each (10^9 strings if expanded)."""
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


GENERATED: dict[str, tuple[object, list[Expected]]] = {
    # 10 MB of otherwise valid YAML: refused by size before anything parses it.
    "ten_megabytes": (
        lambda: MINIMAL_SOP + "peringatan:\n" + "  - Laporan terlambat sekali\n" * 380_000,
        [Expected(LAPORAN, 1, 1, "(berkas)", "berkas terlalu besar")],
    ),
    "alias_bomb": (_alias_bomb, [Expected(LAPORAN, 1, 4, "(berkas)", "anchor/alias YAML")]),
    # Within the size limit, deep enough to crash the C parser (a segfault, not an exception) if it saw it.
    "brackets_400k_deep": (
        lambda: "nomor: " + "[" * 400_000 + "]" * 400_000 + "\n",
        [Expected(LAPORAN, 1, 1007, "(berkas)", "struktur bersarang lebih dari")],
    ),
    "alias_of_scalar": (
        lambda: MINIMAL_SOP.replace("disahkan_oleh: Camat", "disahkan_oleh: &c Camat\ntopik: *c"),
        [Expected(LAPORAN, 6, 16, "(berkas)", "anchor/alias YAML")],
    ),
    # Control characters copied in from a document: named at their line and column, not at 1:1.
    "nul_byte": (
        lambda: MINIMAL_SOP.replace("Menyusun laporan", "Menyusun \x00laporan"),
        [Expected(LAPORAN, 22, 24, "(berkas)", "karakter kendali U+0000")],
    ),
    "esc_byte": (
        lambda: MINIMAL_SOP.replace("output: Disposisi", "output: Dis\x1bposisi"),
        [Expected(LAPORAN, 20, 16, "(berkas)", "karakter kendali U+001B")],
    ),
    # An old slug that is a path, not a slug: no redirect could be made for it.
    "url_lama_path": (
        lambda: MINIMAL_SOP + "url_lama: [../../index, peran/camat, /etc/passwd]\n",
        [
            Expected(LAPORAN, 31, 12, "url_lama[1]", "bukan nama berkas lama yang sah"),
            Expected(LAPORAN, 31, 25, "url_lama[2]", "bukan nama berkas lama yang sah"),
            Expected(LAPORAN, 31, 38, "url_lama[3]", "bukan nama berkas lama yang sah"),
        ],
    ),
    # Status: a successor that is not in the catalogue; an SOP in force that names a successor.
    "successor_missing": (
        lambda: MINIMAL_SOP + "status: digantikan\ndigantikan_oleh: laporan-baru\n",
        [Expected(LAPORAN, 32, 1, "digantikan_oleh", "SOP pengganti 'laporan-baru' tidak ada di katalog")],
    ),
    "in_force_with_successor": (
        lambda: MINIMAL_SOP + "status: berlaku\ndigantikan_oleh: laporan-baru\n",
        [Expected(LAPORAN, 32, 1, "digantikan_oleh", "SOP berstatus 'berlaku' tidak mempunyai pengganti")],
    ),
    "revoked_without_reason": (
        lambda: MINIMAL_SOP + "status: dicabut\ntanggal_dicabut: 2025-01-02\n",
        [Expected(LAPORAN, 1, 1, "alasan_dicabut", "SOP yang dicabut harus menyebut `alasan_dicabut`")],
    ),
    # Longer than a file system takes for one name (255 bytes) once written as <slug>/index.html.
    "url_lama_too_long": (
        lambda: MINIMAL_SOP + f"url_lama: [{'a' * 300}]\n",
        [Expected(LAPORAN, 31, 12, "url_lama[1]", "paling panjang 100 karakter")],
    ),
    # A source document written as a script address would become a link on the SOP page.
    "source_document_script": (
        lambda: MINIMAL_SOP + "sumber:\n  dokumen: javascript:alert(1)\n",
        [Expected(LAPORAN, 32, 3, "sumber.dokumen", "tidak dapat dijadikan tautan")],
    ),
}

ALL_CASES = sorted(CASES) + sorted(GENERATED) + sorted(PROJECT_CASES)


def make_project(case: str, project: Path) -> tuple[Path, list[Expected]]:
    """A project laid out like the repository with the case written into it; returns the sources folder and
    what must be reported."""
    root = project / "content" / "sops"
    write_catalogue(root, {})
    shutil.copy(REGISTRY, project / "content" / "peraturan.yml")
    (project / "content" / "katalog.yml").write_text(META, encoding="utf-8")
    expected: list[Expected] = []
    if case in CASES:
        shutil.copytree(BAD / case, root, dirs_exist_ok=True)
        expected = CASES[case]
    elif case in GENERATED:
        make_text, expected = GENERATED[case]
        (root / LAPORAN).write_text(make_text(), encoding="utf-8")
    elif case in PROJECT_CASES:
        make, expected = PROJECT_CASES[case]
        make(project)
    else:
        ACCEPTED[case](project)
    return root, expected


@dataclass
class Verdicts:
    check_exit: int
    check_output: str
    built: bool
    build_output: str
    export_exit: int
    export_output: str
    site_written: bool = field(default=False)
    export_written: bool = field(default=False)

    def errors(self, output: str) -> set[str]:
        return {m.group(1) for m in ERROR_PREFIX.finditer(output)}


def judge(project: Path, root: Path, caplog) -> Verdicts:
    """Run `sop check`, a real MkDocs build and `sop export` on the same project."""
    if not SOP_CLI.exists():
        pytest.fail(f"{SOP_CLI} is missing: run `make test` (it installs the project into .venv).")
    check = subprocess.run(
        [str(SOP_CLI), "check", "content/sops"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    caplog.clear()
    try:
        build_site(project, root, registry=None)
        built, build_output = True, caplog.text
    except (PluginError, Abort) as exc:  # MkDocs logs the plugin's error, then aborts
        built, build_output = False, str(exc) + "\n" + caplog.text
    cwd = Path.cwd()
    os.chdir(project)
    try:
        export = CliRunner().invoke(main, ["export", "content/sops", "--out", "ekspor"])
    finally:
        os.chdir(cwd)
    return Verdicts(
        check.returncode,
        check.stdout + check.stderr,
        built,
        build_output,
        export.exit_code,
        export.output + (repr(export.exception) if export.exception and export.exit_code != 1 else ""),
        (project / "site").exists(),
        (project / "ekspor").exists(),
    )


def run_sop_check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(SOP_CLI), "check", *args, str(root)],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )


def assert_reported(output: str, expected: list[Expected]) -> None:
    lines = output.splitlines()
    for exp in expected:
        found = [line for line in lines if exp.prefix in line]
        assert found, f"no line with {exp.prefix!r} in:\n{output}"
        assert any(exp.fragment in line.split(exp.prefix, 1)[1] for line in found), (
            f"{exp.prefix!r} found but without {exp.fragment!r}:\n" + "\n".join(found)
        )


def test_every_committed_case_is_in_the_table():
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(CASES)


@pytest.mark.parametrize("case", ALL_CASES)
def test_one_verdict_on_bad_input(case, tmp_path, caplog):
    """Check, build and export all refuse, each naming the same errors, and publish nothing."""
    project = tmp_path / "proj"
    root, expected = make_project(case, project)
    v = judge(project, root, caplog)
    for output in (v.check_output, v.build_output, v.export_output):
        assert "Traceback" not in output and "Fatal Python error" not in output, output
    assert (v.check_exit, v.built, v.export_exit) == (1, False, 1), (v.check_output, v.export_output)
    for output in (v.check_output, v.build_output, v.export_output):
        assert_reported(output, expected)
    assert v.errors(v.check_output) == v.errors(v.build_output) == v.errors(v.export_output)
    assert v.check_output.rstrip().splitlines()[-1].endswith("peringatan."), (
        "the summary line closes the report"
    )
    assert not v.site_written, "a failed build must not create site/"
    assert not v.export_written, "a refused export must not create its folder"


@pytest.mark.parametrize("case", sorted(ACCEPTED))
def test_one_verdict_on_good_input(case, tmp_path, caplog):
    """A catalogue without errors (with or without warnings) is checked, built and exported alike."""
    project = tmp_path / "proj"
    root, _ = make_project(case, project)
    v = judge(project, root, caplog)
    assert (v.check_exit, v.built, v.export_exit) == (0, True, 0), (v.check_output, v.export_output)
    assert v.site_written and v.export_written


@pytest.mark.parametrize("case", ["duplicate_key", "non_utf8", "brackets_400k_deep"])
def test_mkdocs_command_fails_cleanly(case, tmp_path):
    """The command authors and CI run: exit 1, the problem line, no traceback."""
    project = tmp_path / "proj"
    root, expected = make_project(case, project)
    write_project(project, root, registry=None)
    result = subprocess.run(
        [str(MKDOCS_CLI), "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output, output
    assert all(exp.prefix in output for exp in expected), output
    assert not (project / "site").exists()


def test_warnings_about_the_signed_document_never_stop_a_build(tmp_path):
    """A warning is a note about what the agency signed ("secepatnya" cannot be added up): reported, published,
    and no reason to refuse, even under --strict (which refuses values awaiting review, below)."""
    project = tmp_path / "proj"
    root, _ = make_project("warnings_only", project)
    expected = [
        Expected(
            LAPORAN, 24, 5, "langkah[2].waktu", "waktu 'secepatnya' tidak dapat dihitung", severity="warning"
        )
    ]
    for args in ((), ("--strict",)):
        result = run_sop_check(root, *args)
        assert result.returncode == 0, result.stdout + result.stderr
        assert_reported(result.stdout, expected)
    site = build_site(project, root, "strict: true\n", registry=None)
    html = site.html("kab-uji/kec-uji/laporan")
    assert "secepatnya" in html  # the raw text the agency signed is kept and shown


#: A draft as `sop import` leaves it: values marked for review with '# PERIKSA:' comments.
UNREVIEWED = MINIMAL_SOP.replace(
    "  - no: 2\n", "  # PERIKSA: (pelaksana) pelaksana disimpulkan dari langkah sebelumnya.\n  - no: 2\n"
).replace("nomor: ", "# PERIKSA: nomor tidak terbaca jelas pada pindaian.\nnomor: ")


def test_values_awaiting_review_are_warnings_but_refused_by_a_strict_check_and_build(tmp_path, caplog):
    project = tmp_path / "proj"
    root, _ = make_project("valid", project)
    (root / LAPORAN).write_text(UNREVIEWED, encoding="utf-8")
    expected = [
        Expected(LAPORAN, 1, 1, "nomor", "belum ditinjau: nomor tidak terbaca jelas", severity="warning"),
        Expected(
            LAPORAN,
            22,
            3,
            "langkah[2].pelaksana",
            "belum ditinjau: pelaksana disimpulkan",
            severity="warning",
        ),
    ]
    relaxed = run_sop_check(root)
    assert relaxed.returncode == 0 and "(2 belum ditinjau)" in relaxed.stdout, relaxed.stdout
    assert_reported(relaxed.stdout, expected)
    strict = run_sop_check(root, "--strict")
    assert strict.returncode == 1 and "Traceback" not in strict.stdout + strict.stderr
    assert_reported(strict.stdout, expected)

    # A build shows them on the page; a strict build (make site) refuses them, as the strict check does.
    site = build_site(project, root, registry=None)
    html = site.html("kab-uji/kec-uji/laporan")
    assert "Belum ditinjau" in html and "langkah[2].pelaksana" in html and "nomor tidak terbaca jelas" in html
    doc = json.loads((site.site / "data/sop/kab-uji/kec-uji/laporan.json").read_text(encoding="utf-8"))
    assert [m["bidang"] for m in doc["belum_ditinjau"]] == ["nomor", "langkah[2].pelaksana"]
    caplog.clear()
    with pytest.raises(Abort, match="strict mode"):
        build_site(tmp_path / "strict", root, "strict: true\n", registry=None)
    assert "belum ditinjau" in caplog.text


def _make_site(project: Path, **kwargs) -> subprocess.Popen:
    """`make site` in a project, with the repository's Makefile and venv."""
    if shutil.which("make") is None:
        pytest.fail("`make` is required (Debian package make).")
    venv = REPO / ".venv"
    # -o: treat the venv and npm stamps as up to date; these tests must not reinstall the project (and their
    # projects leave the form editor, which needs node_modules, off).
    return subprocess.Popen(
        [
            "make",
            "-f",
            str(REPO / "Makefile"),
            f"VENV={venv}",
            "-o",
            f"{venv}/.installed",
            "-o",
            "node_modules/.installed",
            "site",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        **kwargs,
    )


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith((".site.new", ".site.old")))


def test_make_site_keeps_the_previous_site_when_the_build_fails(tmp_path):
    """`make site` builds into a temporary folder and swaps it in only on success."""
    root = write_catalogue(tmp_path / "sops")
    project = tmp_path / "proj"
    write_project(project, root)

    def make_site() -> subprocess.CompletedProcess:
        process = _make_site(project)
        output, _ = process.communicate(timeout=300)
        return subprocess.CompletedProcess(process.args, process.returncode, output, "")

    first = make_site()
    assert first.returncode == 0, first.stdout + first.stderr
    before = _snapshot(project / "site")
    assert "kab-uji/kec-uji/laporan/index.html" in before

    (root / LAPORAN).write_text(
        MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: X\n"), encoding="utf-8"
    )
    failed = make_site()
    assert failed.returncode != 0
    assert "langkah[2].pelaksana" in failed.stdout + failed.stderr
    assert _snapshot(project / "site") == before, "a failed build changed the published site/"
    assert _leftovers(project) == []

    (root / LAPORAN).write_text(
        MINIMAL_SOP.replace("Menyusun laporan", "Menyusun laporan akhir"), encoding="utf-8"
    )
    fixed = make_site()
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "Menyusun laporan akhir" in (project / "site" / "kab-uji/kec-uji/laporan/index.html").read_text()


def test_two_make_site_runs_at_once_leave_one_complete_site(tmp_path):
    """Two builds in one checkout take turns: each in its own folder, swapped in under a lock."""
    root = write_catalogue(tmp_path / "sops")
    project = tmp_path / "proj"
    write_project(project, root, search=True)
    runs = [_make_site(project) for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    site = project / "site"
    assert (site / "kab-uji/kec-uji/laporan/index.html").is_file() and (site / "index.html").is_file()
    assert (site / "data" / "katalog.json").is_file() and any((site / "pagefind").iterdir())
    assert _leftovers(project) == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_an_unreadable_source_is_a_problem_at_its_file_not_a_traceback(tmp_path):
    """chmod 000 for an ordinary user (root's override of file permissions is dropped for the command)."""
    project = tmp_path / "proj"
    root, _ = make_project("valid", project)
    laporan = root / LAPORAN
    laporan.chmod(0)
    try:
        result = run_without_file_permission_override([str(SOP_CLI), "check", "content/sops"], cwd=project)
    finally:
        laporan.chmod(0o644)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    assert f"{LAPORAN}:1:1: error: (berkas): berkas tidak dapat dibaca: izin ditolak" in output


def test_a_script_url_in_mkdocs_yml_stops_the_build(tmp_path, caplog):
    project = tmp_path / "proj"
    root, _ = make_project("valid", project)
    with pytest.raises((PluginError, Abort)):
        # MkDocs takes any URL with a scheme and a host as repo_url; a browser runs this one.
        build_site(project, root, "repo_url: javascript://example.go.id/%0Aalert(1)\n", registry=None)
    assert re.search(r"mkdocs.yml:\d+: error: repo_url: alamat 'javascript://", caplog.text), caplog.text
    assert not (project / "site").exists()
