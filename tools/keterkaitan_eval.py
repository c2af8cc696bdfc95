"""Precision and recall of Keterkaitan resolution, on the labelled set and on the catalogue's seeds.

``python -m tools.keterkaitan_eval [labelled.yml] [content/sops]`` prints both figures and every wrong
or missed link; ``--sweep`` also prints the figures under other thresholds and policies, the data behind the
choices documented in :mod:`catalogue.analysis.keterkaitan`. Precision is the share of links made that are right
(what the public sees); recall is the share of true links that were made.

The labelled set (``tests/data/keterkaitan_labelled.yml``) describes a catalogue in one file; this module
builds it in memory, without source files.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from catalogue.analysis import keterkaitan as ket
from catalogue.analysis.keterkaitan import DEFAULT_POLICY, KeterkaitanIndex, MatchPolicy, resolve_keterkaitan
from catalogue.model import Agency, Catalogue, Keterkaitan, Pemda, Sop, Step
from catalogue.problems import FieldPath
from catalogue.rules import titles
from catalogue.rules.durations import parse_duration

REPO = Path(__file__).resolve().parent.parent
LABELLED = REPO / "tests" / "data" / "keterkaitan_labelled.yml"
SEEDS = REPO / "content" / "sops"

#: The truth for the seeds: (source pemda, entry text) -> (target pemda, target SOP nama); every other
#: Keterkaitan line of the seeds names an SOP that is not in the catalogue.
SEED_LINKS: dict[tuple[str, str], tuple[str, str]] = {
    ("kabupaten-balangan", "SOP PENGUMPULAN DATA KINERJA"): (
        "kabupaten-balangan",
        "Pengumpulan Data Kinerja",
    ),
}

Labels = dict[tuple[str, FieldPath], str | None]  # (source id, field) -> true target id


@dataclass
class Evaluation:
    entries: int = 0
    positives: int = 0  # entries whose true target is in the catalogue
    resolved: int = 0
    correct: int = 0
    wrong: list[tuple[str, str, str | None, str | None]] = field(default_factory=list)  # src, text, got, true
    missed: list[tuple[str, str, str | None]] = field(default_factory=list)  # src, text, true

    @property
    def precision(self) -> float | None:
        return self.correct / self.resolved if self.resolved else None

    @property
    def recall(self) -> float | None:
        return self.correct / self.positives if self.positives else None

    def summary(self) -> str:
        def pct(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.3f}"

        return (
            f"{self.entries} entries, {self.positives} with a target in the catalogue, {self.resolved} "
            f"resolved, {self.correct} correct: precision {pct(self.precision)}, recall {pct(self.recall)}"
        )


def evaluate(index: KeterkaitanIndex, labels: Labels) -> Evaluation:
    """Compare resolved entries with the true targets; entries without a label are not counted."""
    result = Evaluation()
    for entry in index.all_entries():
        key = (entry.source_id, entry.field)
        if key not in labels:
            continue
        truth = labels[key]
        result.entries += 1
        result.positives += truth is not None
        if entry.target_id is not None:
            result.resolved += 1
            if entry.target_id == truth:
                result.correct += 1
            else:
                result.wrong.append((entry.source_id, entry.teks, entry.target_id, truth))
        elif truth is not None:
            result.missed.append((entry.source_id, entry.teks, truth))
    return result


def _absolute(target: str | None, pemda: str, agency: str) -> str | None:
    if target is None:
        return None
    parts = target.split("/")
    if len(parts) == 1:
        return f"{pemda}/{agency}/{target}"
    if len(parts) == 2:
        return f"{pemda}/{target}"
    return target


def _entry(raw: Any) -> tuple[str, str | None, str | None]:
    """(text, explicit target, true target) of one labelled line."""
    if isinstance(raw, dict):
        return raw["teks"], raw.get("target"), raw.get("benar")
    text, truth = raw
    return text, None, truth


def load_labelled(path: Path = LABELLED) -> tuple[Catalogue, Labels]:
    """Build the catalogue the labelled file describes, and its labels."""
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    pemdas: dict[str, Pemda] = {}
    agencies: dict[str, Agency] = {}
    sops: dict[str, Sop] = {}
    labels: Labels = {}
    for pemda_slug, pemda in data["pemda"].items():
        pemdas[pemda_slug] = Pemda(pemda_slug, pemda["nama"], None, path)
        for agency_slug, agency in pemda["instansi"].items():
            a = Agency(agency_slug, pemda_slug, agency["nama"], agency.get("jenis"), None, (), path)
            agencies[a.id] = a
            for sop_slug, sop in agency["sop"].items():
                sop_id = f"{pemda_slug}/{agency_slug}/{sop_slug}"
                keterkaitan = []
                for i, raw in enumerate(sop.get("keterkaitan", [])):
                    text, target, truth = _entry(raw)
                    keterkaitan.append(Keterkaitan(text, target))
                    labels[(sop_id, ("keterkaitan", i))] = _absolute(truth, pemda_slug, agency_slug)
                steps = []
                for i, raw in enumerate(sop.get("lihat", [])):
                    text, _, truth = _entry(raw)
                    steps.append(_step(i, keterangan=text))
                    labels[(sop_id, ("langkah", i, "keterangan"))] = _absolute(truth, pemda_slug, agency_slug)
                sops[sop_id] = _sop(
                    pemda_slug,
                    agency_slug,
                    sop_slug,
                    str(sop["nomor"]),
                    sop["nama"],
                    tuple(keterkaitan),
                    tuple(steps) or (_step(0),),
                    path,
                )
    return Catalogue(path.parent, pemdas, agencies, dict(sorted(sops.items()))), labels


def _step(i: int, keterangan: str | None = None) -> Step:
    return Step(
        no=str(i + 1),
        kegiatan="Kegiatan",
        kind="proses",
        pelaksana="Pelaksana",
        pelaksana_status="tertulis",
        pelaksana_alasan=None,
        ya=None,
        tidak=None,
        kelengkapan=(),
        waktu=parse_duration("1 jam"),
        output=None,
        keterangan=keterangan,
        catatan=None,
        index=i,
    )


def _sop(
    pemda: str,
    agency: str,
    slug: str,
    nomor: str,
    nama: str,
    keterkaitan: tuple[Keterkaitan, ...],
    steps: tuple[Step, ...],
    source: Path,
) -> Sop:
    return Sop(
        pemda_slug=pemda,
        agency_slug=agency,
        slug=slug,
        nomor=nomor,
        nama=nama,
        tanggal_pembuatan=None,
        tanggal_revisi=None,
        tanggal_efektif=None,
        disahkan_oleh=None,
        topik=None,
        dasar_hukum=(),
        kualifikasi_pelaksana=(),
        keterkaitan=keterkaitan,
        peralatan_perlengkapan=(),
        peringatan=(),
        pencatatan_pendataan=(),
        pelaksana=("Pelaksana",),
        langkah=steps,
        sumber=None,
        url_lama=(),
        source=source,
    )


def seed_labels(catalogue: Catalogue) -> Labels:
    """Labels for the seed catalogue from :data:`SEED_LINKS`."""
    labels: Labels = {}
    for sop in catalogue.sops.values():
        for i, k in enumerate(sop.keterkaitan):
            truth = None
            target = SEED_LINKS.get((sop.pemda_slug, k.teks))
            if target is not None:
                truth = next(
                    (
                        s.id
                        for s in catalogue.sops.values()
                        if s.pemda_slug == target[0] and s.nama == target[1]
                    ),
                    None,
                )
            labels[(sop.id, ("keterkaitan", i))] = truth
    return labels


def evaluate_labelled(path: Path = LABELLED, policy: MatchPolicy = DEFAULT_POLICY) -> Evaluation:
    catalogue, labels = load_labelled(path)
    return evaluate(resolve_keterkaitan(catalogue, policy), labels)


def evaluate_seeds(root: Path = SEEDS, policy: MatchPolicy = DEFAULT_POLICY) -> Evaluation:
    from catalogue.source.load import load_catalogue

    catalogue = load_catalogue(root)
    return evaluate(resolve_keterkaitan(catalogue, policy), seed_labels(catalogue))


#: The importer's development corpus (shared/corpus): 14 SOPs of 11 pemdas whose Keterkaitan lines carry a
#: labelled target (key.json ``cross_references``). The resolver was never shaped on it: a held-out check.
CORPUS_KEY = REPO.parent / "shared" / "corpus" / "key.json"


def load_corpus(path: Path = CORPUS_KEY) -> tuple[Catalogue, Labels]:
    """The catalogue of the corpus key (agencies, titles, Keterkaitan lines) and its labels."""
    import json

    key = json.loads(path.read_text(encoding="utf-8"))
    pemdas: dict[str, Pemda] = {}
    agencies: dict[str, Agency] = {}
    sops: dict[str, Sop] = {}
    ids = {doc["id"]: f"{doc['pemda_slug']}/{doc['agency_slug']}/{doc['id']}" for doc in key}
    labels: Labels = {}
    for doc in key:
        pemda_slug, agency_slug = doc["pemda_slug"], doc["agency_slug"]
        pemdas.setdefault(pemda_slug, Pemda(pemda_slug, doc["pemda"], doc.get("provinsi"), path))
        agency = Agency(agency_slug, pemda_slug, doc["agency"], doc.get("agency_type"), None, (), path)
        agencies.setdefault(agency.id, agency)
        sop_id = ids[doc["id"]]
        entries = doc["cross_references"]
        for i, entry in enumerate(entries):
            labels[(sop_id, ("keterkaitan", i))] = ids.get(entry["target"]) if entry["target"] else None
        keterkaitan = tuple(Keterkaitan(entry["text"]) for entry in entries)
        sops[sop_id] = _sop(
            pemda_slug, agency_slug, doc["id"], doc["nomor"], doc["nama"], keterkaitan, (_step(0),), path
        )
    return Catalogue(path.parent, pemdas, agencies, dict(sorted(sops.items()))), labels


def evaluate_corpus(path: Path = CORPUS_KEY, policy: MatchPolicy = DEFAULT_POLICY) -> Evaluation:
    catalogue, labels = load_corpus(path)
    return evaluate(resolve_keterkaitan(catalogue, policy), labels)


@contextmanager
def _patched(**values: Any) -> Iterator[None]:
    """Temporarily change module-level settings of the title rule and the resolver (a name is patched in
    each of the two modules that has it: the resolver imports some of the title rule's names)."""
    old = [
        (module, name, getattr(module, name))
        for module in (titles, ket)
        for name in values
        if hasattr(module, name)
    ]
    assert {name for _, name, _ in old} == set(values), f"unknown setting in {sorted(values)}"
    for module, name, _ in old:
        setattr(module, name, values[name])
    try:
        yield
    finally:
        for module, name, value in old:
            setattr(module, name, value)


def _words_ignored(entry: tuple[str, ...], title: tuple[str, ...], known: Any) -> bool:
    return True


@contextmanager
def _whole_title_only(score: float) -> Iterator[None]:
    """Matching by whole-title similarity alone: every title is a candidate, no word rule."""
    forms_for = ket._Resolver._forms_for
    ket._Resolver._forms_for = lambda self, words: self.keys  # type: ignore[method-assign]
    try:
        with _patched(words_pair_up=_words_ignored, FUZZY_MIN_SCORE=score):
            yield
    finally:
        ket._Resolver._forms_for = forms_for  # type: ignore[method-assign]


def sweep(path: Path = LABELLED) -> list[tuple[str, Evaluation]]:
    """The labelled set under other thresholds and policies than the chosen ones."""
    catalogue, labels = load_labelled(path)

    def run(policy: MatchPolicy = DEFAULT_POLICY) -> Evaluation:
        return evaluate(resolve_keterkaitan(catalogue, policy), labels)

    rows = [("chosen settings", run())]
    for score in (70, 80, 85, 95, 98):
        with _patched(FUZZY_MIN_SCORE=float(score)):
            rows.append((f"FUZZY_MIN_SCORE={score}", run()))
    with _patched(EDITS_MEDIUM=0, EDITS_LONG=0):
        rows.append(("no typo tolerance (exact titles only)", run()))
    with _patched(EDITS_MEDIUM=2, EDITS_LONG=3):
        rows.append(("edit budget 2/3", run()))
    with _patched(KNOWN_WORDS=frozenset()):
        rows.append(("no built-in KNOWN_WORDS", run()))
    for score in (85, 90, 95):
        with _whole_title_only(float(score)):
            rows.append((f"whole-title token_sort_ratio>={score} only (no word rule)", run()))
    rows.append(("policy: territorial units reachable", run(MatchPolicy(territorial_units=True))))
    rows.append(("policy: other agencies' internal routines", run(MatchPolicy(internal_routines=True))))
    rows.append(("policy: other pemdas reachable", run(MatchPolicy(other_pemdas=True))))
    rows.append(("policy: all three", run(MatchPolicy(True, True, True))))
    return rows


def _report(name: str, result: Evaluation) -> None:
    print(f"{name}: {result.summary()}")
    for src, text, got, truth in result.wrong:
        print(f"  WRONG  {src}: {text!r} -> {got} (true: {truth})")
    for src, text, truth in result.missed:
        print(f"  missed {src}: {text!r} (true: {truth})")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    show_sweep = "--sweep" in argv
    argv = [a for a in argv if a != "--sweep"]
    labelled = Path(argv[0]) if argv else LABELLED
    seeds = Path(argv[1]) if len(argv) > 1 else SEEDS
    _report(f"labelled set ({labelled.name})", evaluate_labelled(labelled))
    if seeds.is_dir():
        _report(f"seeds ({seeds})", evaluate_seeds(seeds))
    if CORPUS_KEY.is_file():
        _report("held-out corpus (shared/corpus/key.json)", evaluate_corpus())
    if show_sweep:
        print("\nsweep on the labelled set:")
        for name, result in sweep(labelled):
            print(f"  {name:58} {result.summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
