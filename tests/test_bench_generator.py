"""The benchmark's synthetic catalogues: deterministic by seed, and valid sources of the real shapes."""

from __future__ import annotations

from pathlib import Path

from bench.generate import generate
from catalogue import load_catalogue
from catalogue.analysis.facets import role_names


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_catalogue(tmp_path):
    generate(tmp_path / "a", 50, seed=7)
    generate(tmp_path / "b", 50, seed=7)
    generate(tmp_path / "c", 50, seed=8)
    assert tree(tmp_path / "a") == tree(tmp_path / "b")
    assert tree(tmp_path / "a") != tree(tmp_path / "c")


def test_generated_catalogue_loads_without_errors(tmp_path):
    counts = generate(tmp_path / "sops", 50, seed=1)
    catalogue = load_catalogue(tmp_path / "sops")
    assert catalogue.errors == ()
    assert len(catalogue.sops) == 50 == counts["sop"]
    assert len(catalogue.agencies) == counts["instansi"] == 2  # about N/33
    sops = list(catalogue.sops.values())
    assert all(5 <= len(s.langkah) <= 15 for s in sops)
    assert any(step.kind == "keputusan" for s in sops for step in s.langkah)
    assert all(3 <= len(s.dasar_hukum) <= 8 for s in sops)
    assert all(s.keterkaitan for s in sops)
    # Role columns are written with the agency's abbreviations and resolve to its full position names.
    agency = catalogue.agency_of(sops[0])
    assert all(name in {r.nama for r in agency.peran} for name in role_names(sops[0], catalogue))


def test_shared_regulations_are_cited_in_several_spellings(tmp_path):
    generate(tmp_path / "sops", 200, seed=3)
    catalogue = load_catalogue(tmp_path / "sops")
    lines = [
        d.teks for s in catalogue.sops.values() for d in s.dasar_hukum if "52" in d.teks and "2011" in d.teks
    ]
    assert len(set(lines)) >= 3  # Permendagri 52/2011 written more than one way
    titles = {s.nama.lower() for s in catalogue.sops.values()}
    linked = [k.teks for s in catalogue.sops.values() for k in s.keterkaitan]
    assert any(t.lower().removeprefix("sop ").removeprefix("sop/mekanisme ") in titles for t in linked)


def test_the_history_benchmark_revises_real_content(tmp_path):
    """bench/history.py measures revisions the diff sees (a date, a waktu, a Peringatan item), in valid files."""
    from bench.history import make_history
    from catalogue.analysis.history import read_history

    generate(tmp_path / "sops", 40, seed=1)
    made = make_history(tmp_path / "sops", revisions=2, percent=10, seed=1)
    assert made["commits"] == 3 and 4 <= made["sops_revised"] <= 8
    catalogue = load_catalogue(tmp_path / "sops")
    assert catalogue.errors == ()
    history = read_history(catalogue)
    revised = [h for h in history.sops.values() if h.has_page]
    assert len(revised) == made["sops_revised"]
    diff = revised[0].versions[0].diff
    assert diff is not None
    assert "tanggal_revisi" in {c.field for c in diff.identity}
    assert any(c.field == "peringatan" and c.added for c in diff.lists)
    assert any(f.field == "waktu" for s in diff.changed_steps for f in s.fields)
