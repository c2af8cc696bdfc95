"""The search index's own vocabulary, for "Maksud Anda: …?" when a query finds nothing or little.

After Pagefind has indexed the site, the words of its index (Pagefind's Indonesian stems: "memverifikasi" is
indexed as "verifikasi") are read back with the number of pages holding each, and written beside the index as
small JSON files, one per first letter (``<bundle>/kosakata/v.json``). The search page fetches the file of
each query word's first letter (once per letter; ``katalog-search.js``) and, for a word the index lacks or
holds on far fewer pages than a close word, suggests the most frequent index word within a small edit
distance. The result count alone cannot tell a typo: Pagefind shortens an unknown word until something
matches. A suggestion is always a word of the index, so following it finds pages.

Read from the index rather than from the sources: the index is what a query is matched against (stems, the
parts of the page that are indexed), so no word is suggested that would find nothing.

Format read: Pagefind 1.x word chunks (``index/*.pf_index``): gzip of ``pagefind_dcd`` + CBOR, a list whose
first item lists ``[word, [[page delta, positions, …], …], …]``, one inner item per page. A Pagefind that
changes it makes the reader fail loudly (:class:`VocabularyError`), never publish wrong suggestions.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import cbor2

#: Folder of the vocabulary inside the (first) index bundle.
VOCABULARY_FOLDER = "kosakata"
#: Pagefind's signature before the CBOR of every index file.
SIGNATURE = b"pagefind_dcd"
#: Words worth suggesting: letters only (no numbers, codes or NIPs), at least this long. Shorter words have
#: too many neighbours one letter away to guess from.
MIN_LENGTH = 4
WORD = re.compile(rf"[a-z]{{{MIN_LENGTH},}}")
#: Most words kept per first letter, the most frequent first: bounds what a query with a typo fetches (the
#: tail is mostly OCR slips and names that appear once). 2,000 words of some 10 letters are about 40 KB of
#: JSON, 15 KB gzipped (estimated, not measured on a real national vocabulary): with the 275 KB a query
#: fetches at 10,000 SOPs (bench/results.json), a query with a typo stays under the 300 KB budget.
MAX_WORDS_PER_LETTER = 2000


class VocabularyError(RuntimeError):
    """The Pagefind index is not in the format this reader knows."""


def index_words(bundle: Path) -> Counter[str]:
    """Each word of the Pagefind index in ``bundle`` with the number of pages that hold it."""
    counts: Counter[str] = Counter()
    for chunk in sorted((bundle / "index").glob("*.pf_index")):
        data = gzip.decompress(chunk.read_bytes())
        if not data.startswith(SIGNATURE):
            raise VocabularyError(f"{chunk}: bukan indeks Pagefind yang dikenal")
        try:
            words = cbor2.loads(data[len(SIGNATURE) :])[0]
            for entry in words:
                word, pages = entry[0], entry[1]
                # One item per page holding the word (its first value is the page number as a difference
                # from the previous item's, so numbers repeat and are not counted).
                if not isinstance(word, str) or not isinstance(pages, list):
                    raise TypeError("a word entry is not [word, pages, …]")
                counts[word] += len(pages)
        except (cbor2.CBORDecodeError, IndexError, TypeError, KeyError) as exc:
            raise VocabularyError(f"{chunk}: format indeks Pagefind tidak dikenal ({exc})") from None
    return counts


def vocabulary_shards(counts: Counter[str], limit: int = MAX_WORDS_PER_LETTER) -> dict[str, list[list]]:
    """Suggestable words by first letter, each as ``[word, pages]``, most frequent first (ties by word)."""
    shards: dict[str, list[tuple[str, int]]] = {}
    for word, pages in counts.items():
        if WORD.fullmatch(word):
            shards.setdefault(word[0], []).append((word, pages))
    return {
        letter: [[w, n] for w, n in sorted(words, key=lambda item: (-item[1], item[0]))[:limit]]
        for letter, words in sorted(shards.items())
    }


def merged_counts(bundles: Iterable[Path]) -> Counter[str]:
    """Word counts over every part of an index split in parts (their pages are distinct)."""
    total: Counter[str] = Counter()
    for bundle in bundles:
        total.update(index_words(bundle))
    return total


def write_vocabulary(bundles: list[Path], into: Iterable[Path] = ()) -> int:
    """Write the vocabulary of the index ``bundles`` into the first one's folder (or into each of ``into``);
    returns the word count."""
    shards = vocabulary_shards(merged_counts(bundles))
    for first in list(into) or bundles[:1]:
        _write_shards(first / VOCABULARY_FOLDER, shards)
    return sum(len(words) for words in shards.values())


def _write_shards(folder: Path, shards: dict[str, list[list]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for letter, words in shards.items():
        text = json.dumps(words, ensure_ascii=True, separators=(",", ":"))
        (folder / f"{letter}.json").write_text(text, encoding="ascii")
