"""Values derived from one SOP alone are kept across analyses while the SOP object is the same
(catalogue/memo.py), as under ``mkdocs serve`` where the file cache hands back unchanged SOPs."""

from __future__ import annotations

import shutil
from pathlib import Path

from catalogue.analysis import Sources, analyse_sources
from catalogue.memo import IdentityMemo
from catalogue.source.load import FileCache

SEEDS = Path(__file__).resolve().parents[1] / "content" / "sops"


class Thing:
    def __init__(self, value: int) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Thing) and other.value == self.value

    __hash__ = None  # type: ignore[assignment]


def test_a_value_is_computed_once_per_object_and_kind():
    memo, calls = IdentityMemo(), []

    def compute(thing: Thing) -> int:
        calls.append(thing)
        return thing.value * 2

    a = Thing(1)
    assert memo.get("double", a, compute) == 2
    assert memo.get("double", a, compute) == 2
    assert memo.get("other", a, lambda t: t.value + 10) == 11
    assert calls == [a]


def test_an_equal_but_new_object_is_computed_afresh():
    memo, calls = IdentityMemo(), []
    memo.get("double", Thing(1), lambda t: calls.append(t) or 1)
    memo.get("double", Thing(1), lambda t: calls.append(t) or 1)
    assert len(calls) == 2


def test_what_a_round_did_not_ask_for_is_forgotten_after_the_next():
    memo = IdentityMemo()
    kept, dropped = Thing(1), Thing(2)
    memo.get("k", kept, lambda t: t.value)
    memo.get("k", dropped, lambda t: t.value)
    memo.new_round()
    memo.get("k", kept, lambda t: t.value)  # asked again: carried on
    memo.new_round()
    assert len(memo) == 1
    calls = []
    memo.get("k", kept, lambda t: calls.append(t) or t.value)
    assert calls == []


def test_an_analysis_reuses_the_summaries_of_unchanged_sops_and_recomputes_an_edited_one(tmp_path):
    root = tmp_path / "sops"
    shutil.copytree(SEEDS, root)
    cache = FileCache()
    first = analyse_sources(Sources.at(root), cache)
    before = dict(first.summaries)
    assert before
    edited_id, edited = next(iter(first.catalogue.sops.items()))
    text = edited.source.read_text(encoding="utf-8")
    edited.source.write_text(text + "\n", encoding="utf-8")  # a new mtime and size: parsed again
    second = analyse_sources(Sources.at(root), cache)
    for sop_id, summary in second.summaries.items():
        if sop_id == edited_id:
            assert summary is not before[sop_id]
            assert summary == before[sop_id]  # same content, computed afresh from the new object
        else:
            assert summary is before[sop_id]
