"""The procedure as a flowchart: which step follows which, and the normal path through it.

A process or terminator step flows to the next step in order; a decision flows to its Ya and Tidak targets.
The normal path (used for the honest total duration) starts at the first step and takes, at every decision,
the branch that goes forward — a "Tidak" that loops back for correction is the exception, not the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .numbering import step_key


@dataclass(frozen=True)
class Transition:
    source: int  # step index
    target: int
    label: str | None  # "Ya" / "Tidak" for decision exits, None for plain flow

    @property
    def is_back(self) -> bool:
        return self.target <= self.source


def index_by_number(numbers: Sequence[str]) -> dict[str, int]:
    """Step key -> index, for keys that occur once (repeats are ambiguous and left out)."""
    counts: dict[str, int] = {}
    for n in numbers:
        counts[step_key(n)] = counts.get(step_key(n), 0) + 1
    return {step_key(n): i for i, n in enumerate(numbers) if counts[step_key(n)] == 1}


def transitions(steps: Sequence) -> list[Transition]:
    """Every arrow of the flowchart, in step order; assumes branch targets were validated."""
    index = index_by_number([s.no for s in steps])
    out: list[Transition] = []
    for i, step in enumerate(steps):
        if step.kind == "keputusan":
            for label, target in (("Ya", step.ya), ("Tidak", step.tidak)):
                if target is not None and step_key(target) in index:
                    out.append(Transition(i, index[step_key(target)], label))
        elif i + 1 < len(steps):
            out.append(Transition(i, i + 1, None))
    return out


def normal_path(steps: Sequence) -> list[int]:
    """Indexes of the steps on the normal path, in order, each visited at most once."""
    if not steps:
        return []
    outgoing: dict[int, list[Transition]] = {}
    for t in transitions(steps):
        outgoing.setdefault(t.source, []).append(t)
    path = [0]
    seen = {0}
    current = 0
    while True:
        exits = outgoing.get(current, [])
        forward = [t for t in exits if not t.is_back]
        if not forward:
            break
        # Prefer the "Ya" exit when both go forward (the usual approval path), else the nearest forward one.
        chosen = next((t for t in forward if t.label == "Ya"), min(forward, key=lambda t: t.target))
        if chosen.target in seen:
            break
        path.append(chosen.target)
        seen.add(chosen.target)
        current = chosen.target
    return path
