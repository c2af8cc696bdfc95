"""The vocabulary of "Maksud Anda" suggestions (site_plugins/vocabulary.py): which index words are kept, in
what order, and the reader of Pagefind's index on a real index of the seed catalogue."""

from __future__ import annotations

import gzip
import json
from collections import Counter

import pytest

from site_plugins.vocabulary import (
    SIGNATURE,
    VOCABULARY_FOLDER,
    VocabularyError,
    index_words,
    vocabulary_shards,
)

from .conftest import SEEDS
from .sitebuild import build_site


def test_shards_keep_words_by_first_letter_most_frequent_first():
    counts = Counter({"verifikasi": 3, "validasi": 5, "vaksin": 5, "camat": 2, "001": 9, "ke": 4, "2024a": 1})
    shards = vocabulary_shards(counts)
    assert shards == {"c": [["camat", 2]], "v": [["vaksin", 5], ["validasi", 5], ["verifikasi", 3]]}


def test_shards_are_capped_to_the_most_frequent_words():
    counts = Counter({f"kata{chr(97 + i)}": i for i in range(10)})
    shards = vocabulary_shards(counts, limit=3)
    assert [w for w, _ in shards["k"]] == ["kataj", "katai", "katah"]


@pytest.fixture(scope="module")
def seed_bundle(tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("vocabulary"), SEEDS, search=True).site / "pagefind"


def test_index_words_are_pagefind_stems_with_their_page_counts(seed_bundle):
    counts = index_words(seed_bundle)
    assert counts["verifikasi"] >= 1  # "Memverifikasi" and "Terverifikasi", indexed by their stem
    assert "memverifikasi" not in counts
    assert counts["kinerja"] == 5  # every seed SOP
    written = json.loads((seed_bundle / VOCABULARY_FOLDER / "v.json").read_text(encoding="ascii"))
    assert ["verifikasi", counts["verifikasi"]] in written
    # Words from page chrome, breadcrumbs and labels are not in the index, so never suggested.
    for boilerplate in ("beranda", "identitas", "uraian"):
        assert boilerplate not in counts, boilerplate


def test_an_unknown_index_format_is_refused(tmp_path):
    (tmp_path / "index").mkdir()
    (tmp_path / "index" / "x.pf_index").write_bytes(gzip.compress(b"something else"))
    with pytest.raises(VocabularyError):
        index_words(tmp_path)
    (tmp_path / "index" / "x.pf_index").write_bytes(gzip.compress(SIGNATURE + b"\xa1\x01\x02"))
    with pytest.raises(VocabularyError):
        index_words(tmp_path)
