"""Which role column a name written in a step sentence means.

The role columns of a procedure table carry the agency's short headers ("Kasi Pem.", "Kadus", "Kalaksa",
"Kabid Darlog"); the sentences often write the full title ("Kepala Seksi Pemerintahan", "Kepala Dusun",
"Kepala Pelaksana", "Kepala Bidang Kedaruratan dan Logistik"). A written name is matched to a column, in
order of strength:

* the same words (case, spacing and punctuation aside), or a spelling the agency declares in
  ``_instansi.yml`` (``peran``: ``nama`` and ``alias``);
* the same post by the catalogue's role rule (:func:`catalogue.roles.read_role`: Sekcam = Sekretaris Camat,
  Kadis = Kepala Dinas), with a compatible sub-unit ("Pem." = "Pemerintahan"; "Darlog" abbreviates
  "Kedaruratan dan Logistik"; a name without sub-unit fits the only column of that post);
* an abbreviation of the written name, built the way Indonesian titles are shortened: a piece of each word
  in order, each piece starting at the word's start or at one of its syllables ("Ka-laksa" = "Kepala
  Pelaksana", "Ka-dus" = "Kepala Dusun", "Dan-ru" = "Komandan Regu");
* a column whose words open the name ("Sekretaris" for "Sekretaris Bappeda", "Camat" for "Camat Sembalun");
* a column of two alternatives ("Posko / Desa") for a name of two alternatives ("Koordinator posko atau
  Kepala Desa").

A match is kept only when exactly one column fits. The header as printed is what the draft records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from catalogue.rules.roles import read_role, role_text_key

#: Words an abbreviation leaves out.
_SMALL_WORDS = frozenset({"dan", "atau", "di", "ke", "dari", "pada", "untuk", "serta", "yang", "&", "/"})
_VOWELS = frozenset("aeiou")
#: Words that join two names: a name that goes on with them is two names, not one post and its place.
_JOINING = frozenset({"dan", "atau", "serta", "&", "/", "bersama", "beserta", "melalui", "selaku"})


def _words(text: str) -> list[str]:
    return [w for w in role_text_key(text).split() if w]


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", role_text_key(text))


def _piece_starts(word: str) -> list[int]:
    """Where a piece of an abbreviation may start in a word: its start, or a syllable (consonant + vowel)."""
    out = [0]
    for i in range(1, len(word) - 1):
        if word[i] not in _VOWELS and word[i].isalpha() and word[i + 1] in _VOWELS:
            out.append(i)
    return out


@lru_cache(maxsize=4096)
def is_abbreviation(short: str, long: str, anchored: bool = True) -> bool:
    """Does ``short`` abbreviate ``long``, one piece per content word, in order?

    Each word of ``long`` (small words such as "dan" aside) gives one piece, shorter than the word; a piece
    starts at the word's start or at one of its syllables and takes letters of the word in order, at most two
    letters apart ("ru" from "regu"). "Kalaksa" abbreviates "Kepala Pelaksana", "Darlog" "Kedaruratan dan
    Logistik"; "Kabid" does not abbreviate "Kepala Badan". A title's abbreviation is ``anchored``: its first
    piece opens the first word ("Ka-" of "Kepala") or closes it ("Dan-" of "Komandan"); a sub-unit's need
    not be ("Gak-da" of "Penegakan Perda").
    """
    letters = _letters(short)
    words = [w for w in _words(long) if w not in _SMALL_WORDS]
    if not letters or not words or len(words) > len(letters) or letters == _letters(long):
        return False

    @cache
    def fits(i: int, w: int) -> bool:
        if w == len(words):
            return i == len(letters)
        word = words[w]
        if i >= len(letters):
            return False
        for start in _piece_starts(word):
            if word[start] != letters[i]:
                continue
            if anchored and w == 0 and start > 0 and not letters.startswith(word[start:]):
                continue
            # Take 1..n letters of this word, each at most two letters after the previous one.
            # An abbreviation shortens every word: a piece is never the whole word.
            j, pos, taken = i + 1, start, 1
            if taken < len(word) and fits(j, w + 1):
                return True
            while j < len(letters):
                nxt = word.find(letters[j], pos + 1, pos + 4)
                if nxt < 0:
                    break
                pos, j, taken = nxt, j + 1, taken + 1
                if taken < len(word) and fits(j, w + 1):
                    return True
        return False

    return fits(0, 0)


def shortens_words(short: str, long: str) -> bool:
    """Is ``short`` ``long`` written with some words shortened, word by word?

    Each word of ``short`` is a word of ``long``, the opening of one ("Lab" for "Laboratorium", "Kepeg." for
    "Kepegawaian", at least three letters), or the abbreviation of a run of two or more of its words
    ("Kanreg" for "Kantor Regional"): "Petugas Lab" = "Petugas Laboratorium", "Kanreg BKN" = "Kantor
    Regional BKN". At least one word must be shortened (the same words are matched before this).
    """
    a = [w for w in _words(short) if w not in _SMALL_WORDS]
    b = [w for w in _words(long) if w not in _SMALL_WORDS]
    if len(a) < 2 or len(a) > len(b) or a == b:
        return False  # one word: an abbreviation of the whole name (is_abbreviation), not word by word

    @cache
    def fits(i: int, j: int) -> bool:
        if i == len(a):
            return j == len(b)
        if j >= len(b):
            return False
        word = a[i]
        if (word == b[j] or (len(word) >= 3 and b[j].startswith(word))) and fits(i + 1, j + 1):
            return True
        return any(
            is_abbreviation(word, " ".join(b[j:k]), anchored=False) and fits(i + 1, k)
            for k in range(j + 2, len(b) + 1)
        )

    return fits(0, 0)


@dataclass(frozen=True)
class RoleMatch:
    role: str  # the column header as printed
    how: str  # "sama", "alias", "jabatan", "singkatan", "awalan", "alternatif"
    sure: bool  # False: the post fits, its sub-unit could not be confirmed


def _unit_fits(a: str | None, b: str | None) -> bool | None:
    """True: same sub-unit; None: one side names none; False: different."""
    if not a or not b:
        return None
    ka, kb = role_text_key(a), role_text_key(b)
    if ka == kb or ka.startswith(kb) or kb.startswith(ka):
        return True
    return is_abbreviation(a, b, anchored=False) or is_abbreviation(b, a, anchored=False)


class RoleNames:
    """Matches names written in one SOP's sentences to its role columns."""

    def __init__(self, roles: list[str], agency_roles: list[tuple[str, tuple[str, ...]]] = ()):
        self.roles = list(roles)
        self.readings = {r: read_role(r) for r in self.roles}
        self._head: tuple[str, str] | None = None
        self.forms: dict[str, set[str]] = {}  # normalised spelling -> columns
        for role in self.roles:
            self._add(role, role)
        for nama, aliases in agency_roles:
            names = [nama, *aliases]
            keys = {role_text_key(n) for n in names}
            for role in self.roles:
                if role_text_key(role) in keys or self._same_post(role, nama):
                    for name in names:
                        self._add(name, role)

    def _add(self, name: str, role: str) -> None:
        key = role_text_key(name)
        if key:
            self.forms.setdefault(key, set()).add(role)

    def _same_post(self, role: str, name: str) -> bool:
        a, b = self.readings[role], read_role(name)
        return (
            a.known and b.known and not a.inferred and a.key == b.key and _unit_fits(a.unit, b.unit) is True
        )

    def match(self, name: str) -> RoleMatch | None:
        """The one column ``name`` means, or None (no column, or more than one)."""
        key = role_text_key(name)
        if not key:
            return None
        exact = self.forms.get(key, set())
        if len(exact) == 1:
            role = next(iter(exact))
            return RoleMatch(role, "sama" if role_text_key(role) == key else "alias", True)
        if len(exact) > 1:
            return None
        found = self._by_post(name)
        if found is not None:
            return found
        short = [r for r in self.roles if is_abbreviation(r, name)]
        if len(short) == 1:
            return RoleMatch(short[0], "singkatan", True)
        short = [r for r in self.roles if shortens_words(r, name)]
        if len(short) == 1:
            return RoleMatch(short[0], "singkatan", True)
        # "Sekretaris Bappeda", "Camat Sembalun" under a column "Sekretaris", "Camat": the post and its place.
        words = _words(name)
        prefix = [
            r
            for r in self.roles
            if len(_words(r)) < len(words)
            and words[: len(_words(r))] == _words(r)
            and not set(words[len(_words(r)) :]) & _JOINING
        ]
        if len(prefix) == 1:
            return RoleMatch(prefix[0], "awalan", True)
        return self._alternatives(name) or self._weak(name)

    def know_head(self, agency: str, column: str) -> None:
        """The agency's name as its head's title gives it ("Dinas Penanaman Modal dan PTSP", from the signer
        "Kepala Dinas Penanaman Modal dan PTSP Kota Kendari"), and the head's column."""
        self._head = (agency, column)

    def _weak(self, name: str) -> RoleMatch | None:
        """ "Kepala" and the agency's name, or its short form, for the head's column ("Kepala DPMPTSP" under
        "Kadis", when the signer is the Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu)."""
        head = self._head
        words = _words(name)
        # A post the role rule knows ("Kepala Dinas") was matched, or found ambiguous, by post.
        if head is None or len(words) < 2 or words[0] != "kepala" or read_role(name).known:
            return None
        agency, column = head
        rest = " ".join(words[1:])
        if rest == role_text_key(agency) or (
            len(words) == 2 and is_abbreviation(rest, agency, anchored=False)
        ):
            # The signer's title spells the agency out; the sentence shortens it. Likely, so flagged.
            return RoleMatch(column, "jabatan", False)
        return None

    def _by_post(self, name: str) -> RoleMatch | None:
        reading = read_role(name)
        if not reading.known or reading.inferred:
            return None
        same_post = [
            r
            for r in self.roles
            if self.readings[r].known
            and not self.readings[r].inferred
            and self.readings[r].key == reading.key
        ]
        if not same_post:
            return None
        fitting = [r for r in same_post if _unit_fits(self.readings[r].unit, reading.unit) is not False]
        confirmed = [r for r in fitting if _unit_fits(self.readings[r].unit, reading.unit) is True]
        if len(confirmed) == 1:
            return RoleMatch(confirmed[0], "jabatan", True)
        if len(fitting) == 1:
            return RoleMatch(fitting[0], "jabatan", True)
        if len(same_post) == 1:
            # The only column of this post, under another sub-unit name: likely, not certain.
            return RoleMatch(same_post[0], "jabatan", False)
        return None

    def _alternatives(self, name: str) -> RoleMatch | None:
        parts = [p.strip() for p in re.split(r"\s+atau\s+|/", name) if p.strip()]
        if len(parts) < 2:
            return None
        found = []
        for role in self.roles:
            cols = [c.strip() for c in role.split("/") if c.strip()]
            if len(cols) != len(parts):
                continue
            if all(set(_words(c)) <= set(_words(p)) for c, p in zip(cols, parts, strict=False)):
                found.append(role)
        return RoleMatch(found[0], "alternatif", True) if len(found) == 1 else None

    def mentioned(self, text: str) -> list[str]:
        """Columns whose name (or the agency's spelling of it) appears anywhere in ``text``."""
        norm = f" {role_text_key(re.sub(r'[()]', ' ', text))} "  # a bracket is part of the sentence here
        out: list[str] = []
        for form in sorted(self.forms, key=len, reverse=True):
            roles = self.forms[form]
            if len(roles) == 1 and f" {form} " in norm:
                role = next(iter(roles))
                if role not in out:
                    out.append(role)
                norm = norm.replace(f" {form} ", " ")
        return out
