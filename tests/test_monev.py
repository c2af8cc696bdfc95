"""Monitoring and evaluation records without MkDocs: the format, the rules, the editions, the dashboard
figures, the chart geometry and `sop new`'s skeletons. The fixture catalogue is tests/data/monev/sops."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from catalogue.analysis import Sources, analyse_sources
from catalogue.analysis.edition import INTERNAL, PUBLIC, edition_from, public_catalogue
from catalogue.cli import main
from catalogue.export.open_data import export_evaluations
from catalogue.export.schema import json_schema
from catalogue.layout.charts import BAR_WIDTH, share_bars, stacked_bar
from catalogue.source.format import json_schema as source_schema
from catalogue.source.load import load_catalogue
from catalogue.source.records_format import CRITERIA, RECORD_KINDS
from catalogue.source.spec import internal_fields, redact
from catalogue.source.yaml_reader import read

from .conftest import REPO, write_catalogue

FIXTURE = Path(__file__).resolve().parent / "data" / "monev" / "sops"
KEC = "kab-uji/kec-uji"
LAPORAN = f"{KEC}/laporan"
#: The fixture's date of reference: 2026-06-01 (follow-up due 2026-03-31 is overdue, 2099-12-31 is not).
EPOCH = "1780272000"


def internal_markers() -> list[str]:
    """One marker per key the records format marks internal (the fixture writes each into its value)."""
    return [
        "RAHASIA-" + "-".join((kind, *path))
        for kind, spec in RECORD_KINDS.items()
        for path in internal_fields(spec)
    ] + ["RAHASIA-draf"]


@pytest.fixture(autouse=True)
def reference_date(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_the_fixture_holds_a_marker_for_every_internal_key():
    text = "".join(p.read_text(encoding="utf-8") for p in FIXTURE.rglob("*.yml"))
    markers = internal_markers()
    assert len(markers) == 3 + 6 + 2 + 1  # monitoring: 3; evaluation: 6 criteria, team, follow-up; the draft
    assert [m for m in markers if m not in text] == []


def test_internal_keys_are_the_decided_ones():
    assert sorted(internal_fields(RECORD_KINDS["monitoring"])) == [
        ("monitoring", "catatan"),
        ("monitoring", "penilai"),
        ("monitoring", "tindakan"),
    ]
    evaluation = internal_fields(RECORD_KINDS["evaluasi"])
    assert ("evaluasi", "tim_penilai") in evaluation
    assert ("evaluasi", "tindak_lanjut", "catatan") in evaluation
    assert {("evaluasi", "kriteria", key, "catatan") for key in CRITERIA} <= set(evaluation)
    for public in ("hasil", "rekomendasi", "periode", "tanggal"):
        assert ("evaluasi", public) not in evaluation


def test_records_load_beside_the_sops_of_their_agency():
    catalogue = load_catalogue(FIXTURE)
    assert not catalogue.errors, [p.format() for p in catalogue.errors]
    assert sorted(catalogue.records) == [LAPORAN, f"{KEC}/surat-keluar"]
    records = catalogue.records[LAPORAN]
    assert [ev.periode for ev in records.evaluasi] == ["2024", "2025"]
    assert records.latest.hasil == "perlu perbaikan"
    assert [c.nilai for c in records.latest.kriteria] == ["ya", "tidak", "ya", "ya", "ya", "ya"]
    assert len(records.monitoring) == 2 and not records.monitoring[1].berjalan_baik
    assert catalogue.sops[f"{KEC}/rancangan"].draf


def test_the_public_edition_drops_drafts_and_every_internal_key():
    catalogue = load_catalogue(FIXTURE)
    public = public_catalogue(catalogue)
    assert f"{KEC}/rancangan" not in public.sops and f"{KEC}/rancangan" in catalogue.sops
    text = repr(public.records)
    assert "RAHASIA" not in text
    latest = public.records[LAPORAN].latest
    assert latest.tim_penilai == () and all(c.catatan is None for c in latest.kriteria)
    assert latest.rekomendasi and latest.tindak_lanjut[0].uraian == "Merevisi uraian langkah 1"
    assert all(m.penilai is None and m.catatan == () for m in public.records[LAPORAN].monitoring)
    # The public edition of a public edition is itself: records read back from a site keep their values.
    assert public_catalogue(public).records == public.records
    assert public.records[LAPORAN].evaluasi and public.records[LAPORAN].monitoring


def test_redact_removes_internal_keys_at_any_depth():
    data = read(FIXTURE / KEC / "_monev" / "laporan.evaluasi.yml").data
    checked = RECORD_KINDS["evaluasi"].check(data, (), lambda *a: pytest.fail(str(a)))
    assert "RAHASIA" in json.dumps(checked, default=str)
    assert "RAHASIA" not in json.dumps(redact(RECORD_KINDS["evaluasi"], checked), default=str)


def test_one_verdict_in_both_editions():
    public = analyse_sources(Sources.at(FIXTURE))
    internal = analyse_sources(Sources.at(FIXTURE), edition=INTERNAL)
    assert public.edition == PUBLIC and internal.edition == INTERNAL
    assert public.problems == internal.problems
    assert len(internal.catalogue.sops) == len(public.catalogue.sops) + 1
    assert public.withheld == {FIXTURE / KEC / "rancangan.yml"} and internal.withheld == frozenset()


def test_public_edition_shares_the_sop_indexes_only_when_it_holds_the_same_sops(tmp_path):
    # With a draft left out, the public edition's links are its own: the draft is not among them.
    public = analyse_sources(Sources.at(FIXTURE))
    assert public.links is not public.whole.links and public.lifecycle is not public.whole.lifecycle
    # Without drafts the indexes made from the SOPs alone are the whole's, computed once for the verdict.
    sources = tmp_path / "sops"
    shutil.copytree(FIXTURE, sources)
    (sources / KEC / "rancangan.yml").unlink()
    public = analyse_sources(Sources.at(sources))
    assert public.catalogue is not public.whole.catalogue  # the records still lose their internal keys
    assert public.links is public.whole.links and public.lifecycle is public.whole.lifecycle


def test_edition_names():
    assert edition_from(None) == PUBLIC and edition_from(" Internal ") == INTERNAL
    with pytest.raises(ValueError, match="tidak dikenal"):
        edition_from("rahasia")


def test_dashboard_figures_of_the_last_period():
    monev = analyse_sources(Sources.at(FIXTURE)).monev
    assert monev.period == "2025"
    kec = monev.agencies[KEC]
    assert (kec.total, kec.evaluated, kec.coverage_percent) == (2, 1, 50)  # the draft is not counted
    assert kec.results == {"sesuai": 0, "perlu perbaikan": 1, "belum dievaluasi": 1}
    assert kec.follow_ups == {"belum": 1, "dalam proses": 0, "selesai": 1, "terlambat": 1}
    assert [f.uraian for _, f in kec.open_follow_ups] == [
        "Merevisi uraian langkah 1",
        "Sosialisasi SOP kepada pelaksana",
    ]
    assert monev.sops[f"{KEC}/surat-keluar"].result == "belum dievaluasi"  # evaluated in 2024 only
    assert monev.agencies["kab-uji/dinas-uji"].results["belum dievaluasi"] == 1
    assert monev.catalogue.total == 3 and monev.pemdas["kab-uji"].evaluated == 1


def test_a_catalogue_without_records_is_not_evaluated(tmp_path):
    monev = analyse_sources(Sources.at(write_catalogue(tmp_path / "sops"))).monev
    assert monev.period == "2026" and not monev.has_records
    assert monev.catalogue.results["belum dievaluasi"] == 1 and monev.catalogue.coverage_percent == 0


def _catalogue_with(tmp_path: Path, name: str, text: str) -> Path:
    root = write_catalogue(tmp_path / "sops")
    (root / KEC / "_monev").mkdir()
    (root / KEC / "_monev" / name).write_text(text, encoding="utf-8")
    return root


EVALUATION = """\
evaluasi:
  - periode: "{periode}"
    tanggal: 2025-11-20
    kriteria:
      mendorong_kinerja: ya
      mudah_dipahami: {dipahami}
      mudah_dilaksanakan: ya
      menjalankan_peran: ya
      mengatasi_permasalahan: ya
      menjawab_kebutuhan: ya
    hasil: {hasil}
"""


@pytest.mark.parametrize(
    ("values", "error", "where", "fragment"),
    [
        (
            {"periode": "2025", "dipahami": "tidak", "hasil": "sesuai"},
            False,
            "evaluasi[1].hasil",
            "bernilai 'tidak'",
        ),
        (
            {"periode": "2025", "dipahami": "ya", "hasil": "perlu perbaikan"},
            True,
            "evaluasi[1].rekomendasi",
            "",
        ),
        (
            {"periode": "tahun lalu", "dipahami": "ya", "hasil": "sesuai"},
            True,
            "evaluasi[1].periode",
            "bukan tahun",
        ),
        ({"periode": "2026", "dipahami": "ya", "hasil": "sesuai"}, False, "evaluasi[1].tanggal", "sebelum"),
        ({"periode": "2025", "dipahami": "ya", "hasil": "bagus"}, True, "evaluasi[1].hasil", "tidak dikenal"),
    ],
)
def test_evaluation_rules(tmp_path, values, error, where, fragment):
    root = _catalogue_with(tmp_path, "laporan.evaluasi.yml", EVALUATION.format(**values))
    problems = [p for p in load_catalogue(root).problems if p.file.parent.name == "_monev"]
    assert [(p.is_error, p.field_name) for p in problems] == [(error, where)]
    assert fragment in problems[0].message and problems[0].line is not None


def test_a_file_in_the_records_folder_must_be_a_record(tmp_path):
    root = _catalogue_with(tmp_path, "catatan.txt", "apa saja")
    (problem,) = [p for p in load_catalogue(root).errors]
    assert "bukan catatan monitoring atau evaluasi" in problem.message


def test_a_record_of_an_sop_with_errors_reports_only_the_sop(tmp_path):
    root = _catalogue_with(
        tmp_path, "laporan.evaluasi.yml", EVALUATION.format(periode="2025", dipahami="ya", hasil="sesuai")
    )
    (root / KEC / "laporan.yml").write_text("nama: tanpa nomor\n", encoding="utf-8")
    errors = load_catalogue(root).errors
    assert errors and all(p.file.name == "laporan.yml" for p in errors)


def test_monitoring_without_notes_of_a_bad_observation_is_a_warning(tmp_path):
    text = "monitoring:\n  - tanggal: 2025-06-10\n    penilai: A\n    penilaian: tidak berjalan dengan baik\n"
    root = _catalogue_with(tmp_path, "laporan.monitoring.yml", text)
    (problem,) = [
        p for p in load_catalogue(root).problems if p.file.suffix == ".yml" and "_monev" in str(p.file)
    ]
    assert not problem.is_error and problem.field_name == "monitoring[1].catatan" and problem.line == 2


def test_the_schemas_accept_the_fixture_records():
    for kind in RECORD_KINDS:
        paths = list(FIXTURE.rglob(f"*.{kind}.yml"))
        assert paths, kind
        for path in paths:
            data = json.loads(json.dumps(read(path).data, default=str))
            jsonschema.validate(data, source_schema(kind))


def test_the_evaluation_export_is_public_and_valid():
    document = export_evaluations(analyse_sources(Sources.at(FIXTURE)))
    jsonschema.validate(document, json_schema("evaluasi"))
    assert "RAHASIA" not in json.dumps(document)
    assert [(e["sop_id"], e["periode"]) for e in document["evaluasi"]] == [
        (LAPORAN, "2024"),
        (LAPORAN, "2025"),
        (f"{KEC}/surat-keluar", "2024"),
    ]
    assert [f["terlambat"] for f in document["evaluasi"][1]["tindak_lanjut"]] == [True, False, False]


def test_stacked_bar_geometry_and_description():
    chart = stacked_bar(
        "Hasil", [("sesuai", 1, "ok"), ("perlu perbaikan", 3, "perbaikan"), ("belum", 0, "belum")], "SOP"
    )
    assert [s.width for s in chart.segments] == [BAR_WIDTH / 4, 3 * BAR_WIDTH / 4, 0]
    assert chart.segments[1].x == BAR_WIDTH / 4
    assert chart.description == "Hasil. Dari 4 SOP: sesuai: 1; perlu perbaikan: 3; belum: 0."
    empty = stacked_bar("Hasil", [("sesuai", 0, "ok")], "SOP")
    assert empty.total == 0 and empty.segments[0].width == 0 and "Belum ada SOP" in empty.description


def test_share_bars():
    chart = share_bars("Cakupan", [("A", 1, 4), ("B", 0, 0)], "SOP")
    assert [b.width for b in chart.bars] == [BAR_WIDTH / 4, 0]
    assert [b.percent for b in chart.bars] == [25, 0]
    assert "A: 1 dari 4 SOP (25%)" in chart.description


@pytest.mark.parametrize("kind", sorted(RECORD_KINDS))
def test_sop_new_writes_a_record_skeleton_that_a_strict_check_refuses(tmp_path, kind):
    root = write_catalogue(tmp_path / "sops")
    runner = CliRunner()
    result = runner.invoke(main, ["new", str(root / KEC), "--jenis", kind, "--slug", "laporan"])
    assert result.exit_code == 0, result.output
    written = root / KEC / "_monev" / f"laporan.{kind}.yml"
    assert written.is_file() and "# PERIKSA:" in written.read_text(encoding="utf-8")
    check = runner.invoke(main, ["check", str(root)])
    assert check.exit_code == 0 and "belum ditinjau" in check.output
    assert runner.invoke(main, ["check", "--strict", str(root)]).exit_code == 1
    again = runner.invoke(main, ["new", str(root / KEC), "--jenis", kind, "--slug", "laporan"])
    assert again.exit_code == 1 and "tidak ditimpa" in again.output
    missing = runner.invoke(main, ["new", str(root / KEC), "--jenis", kind, "--slug", "tidak-ada"])
    assert missing.exit_code == 1 and "tidak ada" in missing.output
    # Filled in and reviewed, the skeleton is a valid record.
    text = written.read_text(encoding="utf-8").replace("# PERIKSA:", "#")
    written.write_text(text, encoding="utf-8")
    assert runner.invoke(main, ["check", "--strict", str(root)]).exit_code == 0


def test_sop_check_counts_drafts(tmp_path):
    root = tmp_path / "sops"
    shutil.copytree(FIXTURE, root)
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 0 and result.output.splitlines()[-1].startswith("4 SOP diperiksa")


def test_drafts_are_not_counted_in_the_internal_dashboards():
    monev = analyse_sources(Sources.at(FIXTURE), edition=INTERNAL).monev
    assert monev.agencies[KEC].total == 2 and f"{KEC}/rancangan" not in monev.agencies[KEC].sop_ids
    assert monev.sops[f"{KEC}/rancangan"].result == "belum dievaluasi"


WORKERS_SCRIPT = """
import sys
from pathlib import Path
from catalogue import forking
from catalogue.source import load
forking.cores = load.cores = lambda: 2  # the worker path on any machine (a fork works on one core too)
root = Path(sys.argv[1])
serial = load.load_catalogue(root, load.FileCache())
load.PARALLEL_MIN_FILES = 1
cache = load.FileCache()
load._prefetch_sops(root, cache)
assert load.can_fork(), load.why_not_fork() if hasattr(load, "why_not_fork") else "no fork"
read = sum(1 for path in cache.entries if path.parent.name == "_monev")
parallel = load.load_catalogue(root, cache)
print(read, parallel.records == serial.records, parallel.problems == serial.problems)
"""


def test_records_read_by_worker_processes_equal_records_read_in_process():
    # In a fresh process: forked workers are used only while the process has one thread.
    result = subprocess.run(
        [sys.executable, "-c", WORKERS_SCRIPT, str(FIXTURE)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    assert result.stdout.split() == ["3", "True", "True"], result.stderr
