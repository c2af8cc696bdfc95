"""Words OCR misread, put right from the language's vocabulary and the document's own words.

Tesseract reads a blurred scan letter by letter and now and then makes a word no one wrote: "udak" for
"tidak", "luran" for "iuran", "Safuan" for "Satuan". Two vocabularies tell such a word apart from a real one:

- the Indonesian word list inside Tesseract's own ``ind`` model (the package ``tesseract-ocr-ind`` the project
  installs), unpacked with Tesseract's ``combine_tessdata`` and ``dawg2wordlist``;
- the document itself: a word read with high confidence elsewhere on the same scan is a word of this document
  (its agency names, its terms), whatever the general list says.

A word is put right only when it is in neither and exactly one of OCR's usual letter confusions undone
("rn" read for "m", "f" for "t" …) turns it into a word of either; failing that, when exactly one of the
document's own sure words is one edit away (any letter changed, added or lost: "Petfgas" where the document
reads "Petugas" elsewhere) and Tesseract doubted the word. The language's list is not used for such edits:
it lacks too many words agencies write ("terparaf", "Sekcam"), which one edit would turn into another word.
A word Tesseract was hardly sure of at all, which the reader would otherwise drop as a speck, is kept when it
is such a word, or when one letter changed makes it a word this document has. Nothing else is guessed; every
value read by OCR goes to review anyway (:mod:`.ocr_review`), and a corrected word keeps Tesseract's
confidence and what it read, for that review.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

from rapidfuzz.distance import Levenshtein

#: Letter confusions of OCR as (what it read, what was written): "rn" read for "m" is ("rn", "m").
CONFUSIONS = (
    ("n", "ri"),
    ("ni", "ri"),
    ("ri", "n"),
    ("rn", "m"),
    ("m", "rn"),
    ("m", "in"),
    ("l", "i"),
    ("1", "i"),
    ("i", "l"),
    ("cl", "d"),
    ("u", "ii"),
    ("u", "it"),
    ("u", "ti"),
    ("e", "c"),
    ("c", "e"),
    ("t", "f"),
    ("f", "t"),
    ("m", "n"),
    ("n", "m"),
    ("v", "y"),
    ("t", "r"),
    ("r", "t"),
)

#: Words read with at least this confidence are the document's own vocabulary. Tesseract gives its
#: misreadings of a clean scan 85-93 ("luran" 91), and most words it reads right 93-97.
SURE = 95.0
#: Words shorter than this are left as read: short words are too alike for a one-letter change to be safe.
MIN_LENGTH = 4

#: Below this confidence Tesseract doubted a word enough for an arbitrary one-letter edit towards a word of
#: the document ("Petfgas" 60); above it a word one letter from another is as likely written so ("Kadus" 92,
#: where the document also has "Kades").
DOUBTFUL = 85.0
#: Words at least this long, doubted and one edit from no word of the document, may be two edits from one
#: ("Logigik" where the document reads "Logistik" elsewhere): long words are far apart.
MIN_TWICE_EDITED = 7
#: Below this confidence Tesseract hardly believed a word: one edit from exactly one word of the language's
#: list, it is that word ("aplskasi" 68: "aplikasi"), even when this document has it nowhere else.
VERY_DOUBTFUL = 70.0
#: Words shorter than this are not changed by an arbitrary one-letter edit (only by a usual confusion): the
#: short titles of posts differ by one letter ("Kadus", "Kades").
MIN_EDITED = 6

_PREFIXES = (
    "memper",
    "diper",
    "per",
    "pen",
    "pem",
    "peng",
    "pe",
    "men",
    "mem",
    "meng",
    "me",
    "ber",
    "ter",
    "di",
    "ke",
    "se",
)
_SUFFIXES = ("kan", "an", "nya")  # not "-i": "pendatari" would pass as pen- + datar + -i
_CORE = re.compile(r"^([^A-Za-z]*)([A-Za-z]+)([^A-Za-z]*)$")
_REDUPLICATED = re.compile(r"^([^A-Za-z]*)([A-Za-z]{3,})-([A-Za-z]{3,})([^A-Za-z]*)$")


def variants(word: str) -> set[str]:
    """``word`` with one of OCR's letter confusions undone, anywhere in it."""
    out = set()
    for wrong, right in CONFUSIONS:
        start = word.find(wrong)
        while start >= 0:
            out.add(word[:start] + right + word[start + len(wrong) :])
            start = word.find(wrong, start + 1)
    return out


def _model_dir() -> Path | None:
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    listing = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False).stdout
    m = re.search(r'"([^"]+)"', listing)
    return Path(m.group(1)) if m else None


@functools.cache
def tesseract_words(language: str = "ind") -> frozenset[str]:
    """The word list of Tesseract's model for ``language``, in lower case; empty when the model or the tools
    to unpack it are missing (the document's own words are then the only vocabulary)."""
    where = _model_dir()
    model = where / f"{language}.traineddata" if where else None
    combine, unpack = shutil.which("combine_tessdata"), shutil.which("dawg2wordlist")
    if model is None or not model.is_file() or combine is None or unpack is None:
        return frozenset()
    with tempfile.TemporaryDirectory(prefix="sop-leksikon-") as tmp:
        dawg, charset, listing = (
            Path(tmp) / n for n in ("x.lstm-word-dawg", "x.lstm-unicharset", "kata.txt")
        )
        subprocess.run([combine, "-e", str(model), str(dawg), str(charset)], capture_output=True, check=False)
        if not dawg.is_file() or not charset.is_file():
            return frozenset()
        subprocess.run([unpack, str(charset), str(dawg), str(listing)], capture_output=True, check=False)
        if not listing.is_file():
            return frozenset()
        return frozenset(
            w.strip().lower() for w in listing.read_text("utf-8", "replace").split() if w.strip()
        )


def _root_known(word: str, lexicon: frozenset[str] | set[str]) -> bool:
    """Is ``word`` a known root with one of Indonesian's usual prefixes and suffixes ("pelindungan": pe- +
    lindung + -an)? The list has most roots but not every derived form."""
    for prefix in ("", *_PREFIXES):
        if not word.startswith(prefix):
            continue
        rest = word[len(prefix) :]
        for suffix in ("", *_SUFFIXES):
            if (prefix or suffix) and rest.endswith(suffix):
                root = rest[: len(rest) - len(suffix)] if suffix else rest
                if len(root) >= MIN_LENGTH and root in lexicon:
                    return True
    return False


def _cased_like(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


class Vocabulary:
    """What counts as a word when a scan is read: the language's list and this document's sure words."""

    def __init__(self, lexicon: Iterable[str], document: Iterable[str] = ()):
        self.lexicon = lexicon if isinstance(lexicon, frozenset) else frozenset(lexicon)
        self.document = {w.lower() for w in document}

    def knows(self, word: str) -> bool:
        w = word.lower()
        return w in self.lexicon or w in self.document

    def _plausible(self, word: str) -> bool:
        return self.knows(word) or _root_known(word, self.lexicon)

    def mend(self, text: str, faint: bool = False, conf: float | None = None) -> str | None:
        """The word ``text`` was meant to be, or None when nothing says so. ``faint``: Tesseract was hardly
        sure of it; then a word of this document one letter away also counts, and None means drop it."""
        twin = _REDUPLICATED.match(text)
        if twin:
            return self._mend_reduplication(twin) or (None if faint else text)
        m = _CORE.match(text)
        if not m or len(m.group(2)) < MIN_LENGTH:
            return None if faint else text
        lead, core, tail = m.groups()
        if core.isupper() and not faint:
            return text  # an abbreviation ("LKIP") is no word of the list, and no misreading of one
        low = core.lower()
        if self.knows(low) or (not faint and _root_known(low, self.lexicon)):
            return text
        found = {v for v in variants(low) if self._plausible(v)}
        if not found and faint:
            found = {w for w in self.document if Levenshtein.distance(low, w) == 1}
        elif not found and self.lexicon and len(low) >= MIN_EDITED and conf is not None and conf < DOUBTFUL:
            # (Without the language's list nothing tells a real word from a misread one: no such edit.)
            # Any one letter changed, added or lost, when exactly one word this document has results.
            found = self.neighbours(low)
            if not found and len(low) >= MIN_TWICE_EDITED:
                found = self.neighbours(low, 2)
            if not found and conf < VERY_DOUBTFUL:
                found = self.language_neighbours(low)
        if len(found) != 1:
            return None if faint else text
        return lead + _cased_like(core, found.pop()) + tail

    def neighbours(self, word: str, edits: int = 1) -> set[str]:
        """The document's sure words ``edits`` edits from ``word`` (and none nearer). Not the language's
        list: it lacks too many words an agency writes ("terparaf", "Sekcam", "Pertek"), which one edit
        would turn into another."""
        near = {w for w in self.document if len(w) >= MIN_EDITED and Levenshtein.distance(word, w) < edits}
        if near:
            return set()
        return {w for w in self.document if len(w) >= MIN_EDITED and Levenshtein.distance(word, w) == edits}

    def language_neighbours(self, word: str) -> set[str]:
        """The language's words one edit inside ``word`` from it (for a word Tesseract hardly believed). Not
        at either end: a word's first and last letters make other words ("terparaf", written, is one letter
        from "terparah"; "melalu" from "melalui"), a letter inside a long word rarely does."""
        return {
            w
            for w in self.lexicon
            if abs(len(w) - len(word)) <= 1
            and len(w) >= MIN_EDITED
            and Levenshtein.distance(word, w, score_cutoff=1) == 1
            and all(0 < op.src_pos < len(word) - 1 for op in Levenshtein.editops(word, w))
        }

    def _mend_reduplication(self, m: re.Match) -> str | None:
        """A reduplicated word ("Undang-Undang") whose halves OCR read one letter apart ("Jndang-Undang"):
        both halves are the half that is a word."""
        lead, a, b, tail = m.groups()
        if a.lower() == b.lower() or Levenshtein.distance(a.lower(), b.lower()) != 1:
            return None
        known = [h for h in (a, b) if self._plausible(h.lower())]
        if len(known) != 1:
            return None
        word = known[0].lower()
        return f"{lead}{_cased_like(a, word)}-{_cased_like(b, word)}{tail}"


_REVIEW_MARK = "# PERIKSA"


def reviewed_words(texts: Iterable[str]) -> frozenset[str]:
    """The words (lower case, letters only, long enough) of source files a person has reviewed: a file that
    still has an open review mark may hold a misread word, and comments are no content."""
    out: set[str] = set()
    for text in texts:
        if _REVIEW_MARK in text:
            continue
        for line in text.splitlines():
            content = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
            out.update(w.lower() for w in re.findall(r"[A-Za-z]+", content) if len(w) >= MIN_LENGTH)
    return frozenset(out)


def document_words(texts_and_confidences: Iterable[tuple[str, float]]) -> set[str]:
    """The words of a document read with high confidence (lower case, letters only, long enough)."""
    out = set()
    for text, conf in texts_and_confidences:
        m = _CORE.match(text)
        if m and conf >= SURE and len(m.group(2)) >= MIN_LENGTH:
            out.add(m.group(2).lower())
    return out
