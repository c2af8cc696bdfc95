"""Roles (pelaksana) across the catalogue: every agency's posts with the tasks its SOPs give them, and every
canonical role across agencies. How a written role name is read is :mod:`catalogue.rules.roles`."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from catalogue.model import Agency, Catalogue, Sop
from catalogue.rules.roles import RoleReading, key_slug, map_role, read_role, role_text_key

# --------------------------------------------------------------------------------------------------
# The index
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Task:
    """One step a role performs."""

    sop_id: str
    sop_nama: str
    step_no: str
    step_index: int
    kegiatan: str
    waktu: str  # raw, as signed
    output: str | None
    pelaksana_inferred: bool  # the SOP's performer of this step was inferred by the catalogue
    written: str  # the role as written in that SOP


@dataclass
class AgencyRole:
    """A post of one agency, with every task the catalogue's SOPs give it."""

    agency_id: str
    key: str  # URL-safe, unique within the agency
    nama: str  # display: the agency's peran nama, else its most common wording in the SOPs
    reading: RoleReading  # canonical reading of the post
    declared: bool  # found in the agency's peran list
    written_forms: list[str] = field(default_factory=list)
    form_readings: dict[str, RoleReading] = field(default_factory=dict)  # how each written form was read
    tasks: list[Task] = field(default_factory=list)
    sop_ids: list[str] = field(default_factory=list)  # SOPs with this role column, in catalogue order

    @property
    def canonical_key(self) -> str:
        return self.reading.key

    @property
    def inferred(self) -> bool:
        """Some SOP's wording of this role is read by inference (a bare "Sekretaris"): see :attr:`reasons`."""
        return any(r.inferred for r in self.form_readings.values()) or self.reading.inferred

    @property
    def reasons(self) -> list[str]:
        """Why the readings are inferences, in Indonesian, once each."""
        found = [r.reason for r in (*self.form_readings.values(), self.reading) if r.inferred and r.reason]
        return list(dict.fromkeys(found))


@dataclass
class CanonicalRole:
    """One canonical role across agencies."""

    key: str
    nama: str
    roles: list[AgencyRole] = field(default_factory=list)

    @property
    def agencies(self) -> list[str]:
        return list(dict.fromkeys(r.agency_id for r in self.roles))

    @property
    def tasks(self) -> list[tuple[str, Task]]:
        return [(r.agency_id, t) for r in self.roles for t in r.tasks]


@dataclass
class RoleIndex:
    by_agency: dict[str, dict[str, AgencyRole]]  # agency id -> role key -> role
    canonical: dict[str, CanonicalRole]  # canonical key -> role across agencies, by display name
    by_column: dict[tuple[str, str], AgencyRole]  # (sop id, written role) -> agency role

    def role_of(self, sop_id: str, written: str) -> AgencyRole | None:
        return self.by_column.get((sop_id, written))

    def reading_of(self, sop_id: str, written: str) -> RoleReading | None:
        """How one SOP's role column was read (canonical key, unit, inference)."""
        role = self.by_column.get((sop_id, written))
        return role.form_readings.get(written) if role is not None else None

    def roles_of_sop(self, sop: Sop) -> list[AgencyRole]:
        """The agency roles of an SOP's columns, in column order."""
        return [self.by_column[(sop.id, r)] for r in sop.pelaksana if (sop.id, r) in self.by_column]


def _identity(reading: RoleReading) -> tuple[str, str | None]:
    return reading.key, reading.unit_key


class _AgencyRoles:
    """Builds the roles of one agency: declared posts first, so other spellings of the same post join them."""

    def __init__(self, agency: Agency):
        self.agency = agency
        self.roles: dict[str, AgencyRole] = {}
        self.by_identity: dict[tuple[str, str | None], AgencyRole] = {}
        self.by_text: dict[str, AgencyRole] = {}
        self.spellings: dict[str, Counter] = {}
        for definition in agency.peran:
            reading = read_role(definition.nama, agency.jenis or agency.nama)
            role = self._new(definition.nama, definition.nama, reading, True)
            if reading.known:
                self.by_identity.setdefault(_identity(reading), role)
            for name in (definition.nama, *definition.alias):
                self.by_text.setdefault(role_text_key(name), role)

    def _new(self, key: str, nama: str, reading: RoleReading, declared: bool) -> AgencyRole:
        base = unique = key_slug(key)
        n = 2
        while unique in self.roles:
            unique, n = f"{base}-{n}", n + 1
        role = AgencyRole(self.agency.id, unique, nama, reading, declared)
        self.roles[unique] = role
        return role

    def column(self, sop: Sop, written: str) -> AgencyRole:
        """The agency role of one role column of an SOP."""
        text = role_text_key(written)
        role = self.by_text.get(text)
        reading, _ = map_role(written, self.agency)
        if role is None:
            role = self.by_identity.get(_identity(reading)) if reading.known else None
            if role is None:
                role = self._new(
                    reading.label if reading.known else written, " ".join(written.split()), reading, False
                )
                if reading.known:
                    self.by_identity[_identity(reading)] = role
            self.by_text[text] = role
        if written not in role.written_forms:
            role.written_forms.append(written)
            role.form_readings[written] = reading
        if sop.id not in role.sop_ids:
            role.sop_ids.append(sop.id)
        self.spellings.setdefault(role.key, Counter())[" ".join(written.split())] += 1
        return role

    def finish(self) -> dict[str, AgencyRole]:
        for key, role in self.roles.items():
            if not role.declared and key in self.spellings:
                role.nama = self.spellings[key].most_common(1)[0][0]
        # Declared posts that no SOP uses have no tasks to show.
        return {k: r for k, r in self.roles.items() if r.sop_ids}


def build_role_index(catalogue: Catalogue) -> RoleIndex:
    """Every agency's roles with their tasks, and every canonical role across agencies."""
    by_agency: dict[str, dict[str, AgencyRole]] = {}
    by_column: dict[tuple[str, str], AgencyRole] = {}
    for agency in catalogue.agencies.values():
        builder = _AgencyRoles(agency)
        for sop in catalogue.sops_of(agency):
            for written in sop.pelaksana:
                by_column[(sop.id, written)] = builder.column(sop, written)
            for step in sop.langkah:
                role = by_column.get((sop.id, step.pelaksana)) if step.pelaksana is not None else None
                if role is not None:
                    role.tasks.append(
                        Task(
                            sop.id,
                            sop.nama,
                            step.no,
                            step.index,
                            step.kegiatan,
                            step.waktu.raw,
                            step.output,
                            step.is_inferred,
                            step.pelaksana,
                        )
                    )
        by_agency[agency.id] = builder.finish()

    canonical: dict[str, CanonicalRole] = {}
    for roles in by_agency.values():
        for role in roles.values():
            group = canonical.setdefault(role.reading.key, CanonicalRole(role.reading.key, role.reading.nama))
            group.roles.append(role)
    canonical = dict(sorted(canonical.items(), key=lambda kv: kv[1].nama.casefold()))
    return RoleIndex(by_agency, canonical, by_column)
