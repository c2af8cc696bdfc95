"""Where each SOP stands in its life: berlaku (in force, the default), digantikan (replaced by a successor
named in ``digantikan_oleh``) or dicabut (revoked, with the date and the reason or letter).

A replaced or revoked SOP keeps its page and URL; readers are led to the SOP now in force. The rules here are
the only place the combinations are checked, so ``sop check``, the build and ``sop export`` refuse the same
sources: a successor that does not exist, a chain of successors that comes back on itself, an SOP in force
that names a successor, a replaced SOP without one, a revoked SOP without its date or reason, and revocation
details on an SOP that is not revoked.
"""

from __future__ import annotations

from dataclasses import dataclass

from catalogue.model import IN_FORCE, REPLACED, REVOKED, Catalogue, Sop
from catalogue.problems import Problem
from catalogue.rules.sop_reference import did_you_mean, resolve_sop_reference

from .keterkaitan import located_error

BERLAKU, DIGANTIKAN, DICABUT = IN_FORCE, REPLACED, REVOKED
#: How each status is named to readers.
STATUS_LABELS = {BERLAKU: "Berlaku", DIGANTIKAN: "Digantikan", DICABUT: "Dicabut"}


@dataclass(frozen=True)
class LifecycleIndex:
    """Successors and predecessors of every SOP, and the problems of the status fields."""

    successor: dict[str, str]  # replaced SOP id -> the SOP that replaced it (directly)
    predecessors: dict[str, tuple[str, ...]]  # SOP id -> the SOPs it replaced directly
    problems: tuple[Problem, ...]

    def chain(self, sop_id: str) -> list[str]:
        """The successors of ``sop_id`` in order, ending with the last one (an empty list when not replaced)."""
        out: list[str] = []
        seen = {sop_id}
        current = self.successor.get(sop_id)
        while current is not None and current not in seen:
            out.append(current)
            seen.add(current)
            current = self.successor.get(current)
        return out

    def current(self, sop_id: str) -> str | None:
        """The end of the chain of successors of ``sop_id`` (None when it was not replaced)."""
        chain = self.chain(sop_id)
        return chain[-1] if chain else None


def _field_problems(sop: Sop) -> list[Problem]:
    """The combinations one file can get wrong on its own."""
    out: list[Problem] = []
    if sop.digantikan_oleh is not None and sop.status != DIGANTIKAN:
        out.append(
            located_error(
                sop,
                ("digantikan_oleh",),
                f"SOP berstatus '{sop.status}' tidak mempunyai pengganti; tulis `status: digantikan` bila SOP "
                "ini digantikan, atau hapus `digantikan_oleh`.",
            )
        )
    if sop.status == DIGANTIKAN and sop.digantikan_oleh is None:
        out.append(
            located_error(
                sop,
                ("status",),
                "SOP yang digantikan harus menyebut penggantinya: tambahkan `digantikan_oleh: <id SOP pengganti>` "
                "(mis. `pemda/instansi/slug`, atau slug dalam instansi yang sama); bila tidak ada pengganti, "
                "tulis `status: dicabut`.",
            )
        )
    if sop.status != DICABUT:
        for key in ("tanggal_dicabut", "alasan_dicabut"):
            if getattr(sop, key) is not None:
                out.append(
                    located_error(
                        sop,
                        (key,),
                        f"`{key}` hanya untuk `status: dicabut`; SOP ini berstatus '{sop.status}'. "
                        "Tulis `status: dicabut` atau hapus kunci ini.",
                    )
                )
    else:
        if sop.tanggal_dicabut is None:
            out.append(
                located_error(
                    sop,
                    ("tanggal_dicabut",),
                    "SOP yang dicabut harus menyebut `tanggal_dicabut` (mis. 2025-03-01).",
                )
            )
        if sop.alasan_dicabut is None:
            out.append(
                located_error(
                    sop,
                    ("alasan_dicabut",),
                    "SOP yang dicabut harus menyebut `alasan_dicabut`: alasannya, atau surat/keputusan yang "
                    "mencabutnya.",
                )
            )
    return out


def _missing_successor(catalogue: Catalogue, sop: Sop, written: str) -> Problem:
    hint = did_you_mean(catalogue, sop, written)
    return located_error(
        sop,
        ("digantikan_oleh",),
        f"SOP pengganti '{written}' tidak ada di katalog.{hint} Tulis id SOP `pemda/instansi/slug`, atau slug "
        "SOP dalam instansi yang sama; SOP pengganti harus ada di katalog.",
    )


def build_lifecycle(catalogue: Catalogue) -> LifecycleIndex:
    """Resolve every ``digantikan_oleh`` and check every SOP's status fields."""
    problems: list[Problem] = []
    successor: dict[str, str] = {}
    for sop in catalogue.sops.values():
        problems += _field_problems(sop)
        if sop.digantikan_oleh is None or sop.status != DIGANTIKAN:
            continue
        found = resolve_sop_reference(catalogue, sop, sop.digantikan_oleh)
        if found is None:
            problems.append(_missing_successor(catalogue, sop, sop.digantikan_oleh))
        elif found == sop.id:
            problems.append(
                located_error(
                    sop,
                    ("digantikan_oleh",),
                    f"'{sop.digantikan_oleh}' adalah SOP ini sendiri; SOP tidak dapat menggantikan dirinya. "
                    "Tulis id SOP penggantinya.",
                )
            )
        else:
            successor[sop.id] = found
    # A chain of successors that comes back on itself leaves no SOP in force: each member is reported.
    reported: set[str] = set()
    for start in successor:
        path = [start]
        current = successor.get(start)
        while current is not None and current not in path and current not in reported:
            path.append(current)
            current = successor.get(current)
        if current is None or current in reported:
            continue
        cycle = path[path.index(current) :]
        shown = " → ".join([*cycle, cycle[0]])
        for sop_id in cycle:
            reported.add(sop_id)
            problems.append(
                located_error(
                    catalogue.sops[sop_id],
                    ("digantikan_oleh",),
                    f"rantai pengganti berputar ({shown}): tidak ada SOP yang berlaku. SOP yang berlaku "
                    "tidak bertanda `digantikan`; perbaiki `status` atau `digantikan_oleh` salah satunya.",
                )
            )
    for sop_id in reported:
        successor.pop(sop_id, None)
    predecessors: dict[str, list[str]] = {}
    for old, new in successor.items():
        predecessors.setdefault(new, []).append(old)
    return LifecycleIndex(successor, {k: tuple(v) for k, v in predecessors.items()}, tuple(problems))
