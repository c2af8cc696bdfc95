"""Every validation rule, each case reported as file:line:col: field: message."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalogue.problems import CatalogueError
from catalogue.source.load import load_catalogue

from .conftest import MINIMAL_SOP, write_catalogue


def _problems(tmp_path: Path, text: str, name: str = "laporan.yml", extra: dict[str, str] | None = None):
    root = write_catalogue(tmp_path / "sops", {name: text, **(extra or {})})
    catalogue = load_catalogue(root)
    return catalogue, [p.format(root) for p in catalogue.problems]


def _one_error(tmp_path, text, **kw):
    catalogue, lines = _problems(tmp_path, text, **kw)
    errors = [p for p in catalogue.problems if p.is_error]
    assert errors, lines
    return errors, [p.format(catalogue.root) for p in errors]


def test_minimal_sop_is_valid(tmp_path):
    catalogue, lines = _problems(tmp_path, MINIMAL_SOP)
    assert not catalogue.errors, lines
    sop = catalogue.sops["kab-uji/kec-uji/laporan"]
    assert [s.kind for s in sop.langkah] == ["terminator", "proses", "terminator"]
    assert sop.langkah[1].waktu.work_min == 450
    assert sop.disahkan_oleh.jabatan == "Camat"
    assert sop.tanggal_revisi is None


def test_yaml_syntax_error_names_line(tmp_path):
    errors, lines = _one_error(tmp_path, "nomor: '1\nnama: [a\n")
    assert lines[0].startswith("kab-uji/kec-uji/laporan.yml:")
    assert "YAML tidak valid" in lines[0]
    assert errors[0].line is not None and errors[0].line >= 1


def test_tab_indentation_is_explained(tmp_path):
    errors, lines = _one_error(tmp_path, "nomor: x\nlangkah:\n\t- no: 1\n")
    assert errors[0].line == 3
    assert "tab" in lines[0].lower()


def test_duplicate_key_is_an_error_not_an_overwrite(tmp_path):
    errors, lines = _one_error(tmp_path, MINIMAL_SOP + "nama: Lagi\n")
    assert "kunci ganda" in lines[0]
    assert errors[0].line == MINIMAL_SOP.count("\n") + 1


def test_missing_required_field(tmp_path):
    text = MINIMAL_SOP.replace('nomor: "001/SOP/2024"\n', "")
    _errors, lines = _one_error(tmp_path, text)
    assert any(": nomor: kunci wajib 'nomor' tidak ada" in line for line in lines), lines


def test_wrong_type_points_at_the_field(tmp_path):
    text = MINIMAL_SOP.replace("pelaksana: [Camat, Sekcam]", "pelaksana: {a: 1}")
    errors, _lines = _one_error(tmp_path, text)
    assert errors[0].field == ("pelaksana",)
    assert errors[0].line == text.splitlines().index("pelaksana: {a: 1}") + 1
    assert "harus berupa daftar" in errors[0].message


def test_unknown_key_suggests_the_right_one(tmp_path):
    text = MINIMAL_SOP.replace("tanggal_efektif:", "tanggal_efektip:")
    _errors, lines = _one_error(tmp_path, text)
    assert "Maksud Anda 'tanggal_efektif'?" in lines[0]


def test_performer_not_in_roles(tmp_path):
    text = MINIMAL_SOP.replace("pelaksana: Sekcam\n", "pelaksana: Lurah\n")
    errors, lines = _one_error(tmp_path, text)
    assert errors[0].field == ("langkah", 1, "pelaksana")
    assert lines[0].startswith(
        f"kab-uji/kec-uji/laporan.yml:{text.splitlines().index('    pelaksana: Lurah') + 1}:5:"
    )
    assert "bukan salah satu kolom peran" in lines[0]


def test_decision_without_both_branches(tmp_path):
    text = MINIMAL_SOP.replace(
        "    pelaksana: Sekcam\n", "    pelaksana: Sekcam\n    jenis: keputusan\n    ya: 3\n"
    )
    _errors, lines = _one_error(tmp_path, text)
    assert any("langkah[2].tidak: langkah keputusan harus punya cabang 'tidak'" in line for line in lines), (
        lines
    )


def test_branch_to_missing_step(tmp_path):
    text = MINIMAL_SOP.replace(
        "    pelaksana: Sekcam\n", "    pelaksana: Sekcam\n    jenis: keputusan\n    ya: 3\n    tidak: 7\n"
    )
    errors, lines = _one_error(tmp_path, text)
    assert any("langkah[2].tidak: cabang 'tidak' menuju langkah '7' yang tidak ada" in line for line in lines)
    assert errors[0].line == text.splitlines().index("    tidak: 7") + 1


def test_a_branch_that_ends_the_procedure_is_written_dash(tmp_path):
    text = MINIMAL_SOP.replace(
        "    pelaksana: Sekcam\n", '    pelaksana: Sekcam\n    jenis: keputusan\n    ya: 3\n    tidak: "-"\n'
    )
    catalogue, lines = _problems(tmp_path, text)
    assert not catalogue.errors, lines
    step = catalogue.sops["kab-uji/kec-uji/laporan"].langkah[1]
    assert (step.kind, step.ya, step.tidak) == ("keputusan", "3", "-")
    both = text.replace("    ya: 3\n", '    ya: "-"\n')
    _errors, lines = _one_error(tmp_path / "both", both)
    assert any("kedua cabang keputusan mengakhiri prosedur" in line for line in lines), lines


def test_branch_keys_on_a_process_step(tmp_path):
    text = MINIMAL_SOP.replace("    pelaksana: Sekcam\n", "    pelaksana: Sekcam\n    ya: 3\n")
    _errors, lines = _one_error(tmp_path, text)
    assert "hanya berlaku untuk langkah `jenis: keputusan`" in lines[0]


def test_invalid_date(tmp_path):
    text = MINIMAL_SOP.replace("tanggal_efektif: 2024-01-02", "tanggal_efektif: 31 Februari 2024")
    errors, lines = _one_error(tmp_path, text)
    assert errors[0].field == ("tanggal_efektif",)
    assert "tidak valid" in lines[0]


def test_duplicate_nomor_within_agency(tmp_path):
    errors, lines = _one_error(tmp_path, MINIMAL_SOP, extra={"laporan-lain.yml": MINIMAL_SOP})
    assert len(errors) == 1
    assert "nomor SOP '001/SOP/2024' sudah dipakai" in lines[0]
    assert lines[0].startswith("kab-uji/kec-uji/laporan.yml:1:1:") or lines[0].startswith(
        "kab-uji/kec-uji/laporan-lain"
    )


def test_duplicate_slug(tmp_path):
    other = MINIMAL_SOP.replace("001/SOP/2024", "002/SOP/2024")
    _errors, lines = _one_error(tmp_path, MINIMAL_SOP, extra={"laporan.yaml": other})
    assert any("slug 'laporan' sudah dipakai" in line for line in lines)


def test_same_nomor_in_two_agencies_is_fine(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    other = root / "kab-uji" / "kec-lain"
    other.mkdir()
    (other / "_instansi.yml").write_text("nama: Kecamatan Lain\n")
    (other / "laporan.yml").write_text(MINIMAL_SOP)
    assert not load_catalogue(root).errors


def test_bad_slug_file_name(tmp_path):
    _errors, lines = _one_error(tmp_path, MINIMAL_SOP, name="Laporan Kinerja.yml")
    assert "tidak dapat menjadi alamat halaman" in lines[0]


def test_missing_agency_file(tmp_path):
    root = write_catalogue(tmp_path / "sops")
    (root / "kab-uji" / "kec-uji" / "_instansi.yml").unlink()
    catalogue = load_catalogue(root)
    assert any("_instansi.yml" in p.message for p in catalogue.errors)
    assert not catalogue.sops


def test_warnings_numbering_gap_unparsed_waktu_empty_box_and_dates(tmp_path):
    text = (
        MINIMAL_SOP.replace("  - no: 2\n", "  - no: 4\n")
        .replace("    waktu: 1 hari\n", "    waktu: tentatif\n")
        .replace("pencatatan_pendataan: [Arsip]", "pencatatan_pendataan: []")
        .replace('tanggal_revisi: "-"', "tanggal_revisi: 2023-01-01")
    )
    catalogue, lines = _problems(tmp_path, text)
    assert not catalogue.errors
    messages = "\n".join(lines)
    assert "penomoran melompat dari 1 ke 4" in messages
    assert "waktu 'tentatif' tidak dapat dihitung" in messages
    assert "kotak Pencatatan dan Pendataan kosong" in messages
    assert "tanggal revisi lebih awal" in messages
    assert all(": warning: " in line for line in lines)


def test_missing_performer_is_a_warning(tmp_path):
    text = MINIMAL_SOP.replace("    pelaksana: Sekcam\n", "")
    catalogue, lines = _problems(tmp_path, text)
    assert not catalogue.errors
    assert any("langkah[2].pelaksana: pelaksana belum ditentukan" in line for line in lines)


def test_non_utf8_names_the_line(tmp_path):
    root = write_catalogue(tmp_path / "sops", {})
    (root / "kab-uji" / "kec-uji" / "rusak.yml").write_bytes(b"nomor: x\nnama: Caf\xe9\n")
    errors = load_catalogue(root).errors
    assert errors[0].line == 2 and "UTF-8" in errors[0].message


def test_alias_bomb_is_refused(tmp_path):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nnomor: *c\n"
    _errors, lines = _one_error(tmp_path, bomb)
    assert "anchor/alias" in lines[0]


def test_problems_never_raise_but_load_or_raise_does(tmp_path):
    from catalogue.source.load import load_or_raise

    root = write_catalogue(tmp_path / "sops", {"laporan.yml": "nomor: [\n"})
    with pytest.raises(CatalogueError) as info:
        load_or_raise(root)
    assert "laporan.yml" in str(info.value)


def test_unquoted_numbers_are_kept_as_written(tmp_path):
    """The format keeps text as the agency wrote it: YAML must not read 067001 as 67001, 1.10 as 1.1 or .inf
    as infinity."""
    text = (
        MINIMAL_SOP.replace('nomor: "001/SOP/2024"', "nomor: 067001")
        .replace("  - no: 2\n", "  - no: 1.10\n")
        .replace("output: Laporan\n", "output: .inf\n")
    )
    catalogue = load_catalogue(write_catalogue(tmp_path / "sops", {"laporan.yml": text}))
    assert not catalogue.errors, catalogue.errors
    sop = catalogue.sops["kab-uji/kec-uji/laporan"]
    assert sop.nomor == "067001"
    assert [s.no for s in sop.langkah] == ["1", "1.10", "3"]
    assert sop.langkah[2].output == ".inf"


def test_reading_many_sources_keeps_no_record_of_each(tmp_path):
    """ruamel.yaml records every document a YAML instance reads; the shared reader drops the records, so
    memory does not grow with the catalogue (10,000 sources) or an import batch."""
    from catalogue.source.yaml_reader import _SAFE, locate, parse

    for i in range(200):
        text = f"nomor: {i}\nnama: SOP {i}\n"
        parse(tmp_path / "x.yml", text)
        locate(text, ("nama",))
    assert len(getattr(_SAFE, "doc_infos", [])) == 0
