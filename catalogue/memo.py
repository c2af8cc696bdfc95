"""Values derived from one immutable object, kept while the very same object is asked about again.

Under ``mkdocs serve`` the file cache hands back the same parsed SOP object for a file that did not change,
so what is derived from that SOP alone (its summary: steps, normal path, duration) need not be computed
again on each rebuild after an edit. The key is the object's identity, not its value: an edited file is
parsed into a new object, whose values are computed afresh, and nothing is ever served for an object that
merely compares equal to an old one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class IdentityMemo:
    """``get(kind, obj, compute)`` computes ``compute(obj)`` once per object and kind. What one round (one
    analysis) did not ask for is forgotten at the end of the next, so values of edited or deleted SOPs do
    not pile up over a long ``mkdocs serve``."""

    def __init__(self) -> None:
        self._used: dict[tuple[str, int], tuple[Any, Any]] = {}  # this round
        self._kept: dict[tuple[str, int], tuple[Any, Any]] = {}  # the last round

    def get(self, kind: str, obj: Any, compute: Callable[[Any], T]) -> T:
        key = (kind, id(obj))
        entry = self._used.get(key) or self._kept.get(key)
        # The object is held in the entry, so its id cannot be reused by another while the entry lives.
        if entry is None or entry[0] is not obj:
            entry = (obj, compute(obj))
        self._used[key] = entry
        return entry[1]

    def new_round(self) -> None:
        """Start a round (a new analysis of the catalogue)."""
        if self._used:
            self._kept, self._used = self._used, {}

    def __len__(self) -> int:
        return len(self._used.keys() | self._kept.keys())
