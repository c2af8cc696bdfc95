"""What a reader wants to know about a procedure at a glance: steps, roles, honest duration."""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.model import Sop
from catalogue.rules.durations import ASSUMPTIONS, DurationTotal, format_total, total
from catalogue.rules.flow import normal_path, transitions


@dataclass(frozen=True)
class ProcedureSummary:
    step_count: int
    roles_involved: tuple[str, ...]  # in column order, only roles that perform a step
    normal_path: tuple[str, ...]  # step numbers on the normal path
    path_indexes: tuple[int, ...]  # the same steps by position (printed numbers can repeat)
    duration: DurationTotal
    duration_text: str
    inferred_steps: tuple[str, ...]  # step numbers whose performer the catalogue inferred
    unassigned_steps: tuple[str, ...]  # step numbers with no performer yet
    has_loops: bool
    assumptions: tuple[str, ...] = ASSUMPTIONS


def summarise(sop: Sop) -> ProcedureSummary:
    path = normal_path(sop.langkah)
    steps = sop.langkah
    duration = total([(steps[i].no, steps[i].waktu) for i in path])
    used = {s.pelaksana for s in steps if s.pelaksana}
    return ProcedureSummary(
        step_count=len(steps),
        roles_involved=tuple(r for r in sop.pelaksana if r in used),
        normal_path=tuple(steps[i].no for i in path),
        path_indexes=tuple(path),
        duration=duration,
        duration_text=format_total(duration),
        inferred_steps=tuple(s.no for s in steps if s.pelaksana and s.is_inferred),
        unassigned_steps=tuple(s.no for s in steps if not s.pelaksana),
        has_loops=any(t.is_back for t in transitions(steps)),
    )
