"""Text primitives every rule compares with: slugs and folded words. Defined once here; the rules that
need a stricter comparison (titles, role names, regulation titles) build on these."""

from __future__ import annotations

import re
import unicodedata

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NOT_WORD = re.compile(r"[^\w]+|_")


def ascii_fold(text: str) -> str:
    """Lower-case ASCII: accents dropped ("Kécamatan" → "kecamatan"), other characters kept."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def slugify(text: str, *, max_length: int | None = None, default: str = "") -> str:
    """A URL-safe key: lower-case ASCII words joined by hyphens, cut at a word boundary to ``max_length``;
    ``default`` when nothing of the text is left."""
    slug = _NOT_SLUG.sub("-", ascii_fold(text)).strip("-")
    if max_length is not None and len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug or default


#: Longest slug: a file system takes names of 255 bytes, and a slug also names ``<slug>.json`` and
#: ``<slug>/index.html``; real titles give slugs of 30-90 characters.
MAX_SLUG_LENGTH = 100


def is_slug(text: str) -> bool:
    """Whether a folder or file name can be a URL path segment as it is: lower-case ASCII letters and digits
    in words joined by single hyphens (``pengukuran-kinerja``), at most :data:`MAX_SLUG_LENGTH` long."""
    return len(text) <= MAX_SLUG_LENGTH and bool(_SLUG.match(text))


def fold(text: str) -> str:
    """Comparable words: Unicode-normalised, case-folded, "&" read as "dan", every run of punctuation and
    spacing one space."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("&", " dan ")
    return " ".join(_NOT_WORD.sub(" ", text).split())


def ascii_words(text: str) -> list[str]:
    """The lower-case ASCII words and numbers of a text (accents dropped, punctuation ignored)."""
    return re.findall(r"[a-z0-9]+", ascii_fold(text))


#: Characters XML 1.0 cannot carry (control characters other than tab, newline and carriage return).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 does not allow (a commit message or a cell may hold any)."""
    return _NOT_XML.sub("", value)
