"""Who performs a step, when the document only says it in words.

In extracted text the role columns are empty (the flowchart symbol was a drawing). A performer is proposed
only from evidence in the document itself. A role named in the sentence is marked ``disimpulkan`` with the
reason, because the importer, not a person, read the sentence:

* the step sentence opens with a role of this SOP as its subject ("Sekcam memeriksa …");
* a passive sentence names the agent ("… ditandatangani oleh Camat");

and, as what the document itself states (``tertulis``, with a ``catatan``): a symbol (a drawing in a .docx, or
the label of one such as "MULAI" left in extracted text) sitting in exactly one role column.

A role named anywhere else in the sentence ("Menyampaikan … kepada Camat", "Memerintahkan Kasubbag …") is an
object, not the performer, and nothing is proposed: the step is left for review. Roles are recognised by their
own words, by the agency's aliases in ``_instansi.yml``, and by the common abbreviations of Indonesian
position titles. Nothing is inferred from hierarchy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .parsed import ParsedSop

#: Common abbreviations of position titles (full form first). Extended by the agency's own aliases.
GENERIC_TITLES: tuple[tuple[str, ...], ...] = (
    ("Sekretaris Camat", "Sekcam", "Sekretaris Kecamatan"),
    ("Kepala Subbagian", "Kasubbag", "Kasubag", "Kepala Sub Bagian", "Kepala Sub Bag", "Ka Subbag"),
    ("Kepala Seksi", "Kasi", "Kasie", "Kasi."),
    ("Kepala Bidang", "Kabid"),
    ("Kepala Subbidang", "Kasubbid", "Kepala Sub Bidang"),
    ("Kepala Dinas", "Kadis"),
    ("Kepala Badan", "Kaban"),
    ("Kepala Kantor", "Kakan"),
    ("Kepala Bagian", "Kabag"),
    ("Sekretaris Dinas", "Sekdis"),
    ("Sekretaris Daerah", "Sekda"),
    ("Sekretaris Desa", "Sekdes"),
    ("Kepala Desa", "Kades"),
    ("Inspektur Pembantu", "Irban", "Inspektur Pembantu Wilayah"),
    ("Kepala Unit Pelaksana Teknis", "Kepala UPT", "Ka UPT", "KaUPT"),
    ("Jabatan Fungsional Tertentu", "JFT"),
    ("Jabatan Fungsional Umum", "JFU"),
    ("Staf", "Staff"),
)

_VERB = re.compile(
    r"^(?:me|mem|men|meng|meny|ber|mel|mer|mew)\w*$|^(?:melakukan|membuat|mengirim)$", re.IGNORECASE
)
_AGENT = re.compile(r"\boleh\s+(?P<rest>.+)$", re.IGNORECASE)
_WORD = re.compile(r"[\w/.-]+")


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w/ ]+", " ", text.lower()).split())


@dataclass(frozen=True)
class RoleForms:
    """The spellings under which each role of one SOP may appear in its step sentences."""

    forms: tuple[tuple[str, str], ...]  # (normalised form, role as written in the SOP), longest first

    def at_start(self, text: str) -> list[tuple[str, str]]:
        """Roles the sentence opens with, with the words after them; "A dan B …" gives both."""
        norm = _norm(text)
        found: list[tuple[str, str]] = []
        rest = norm
        while True:
            hit = next(((f, r) for f, r in self.forms if rest == f or rest.startswith(f + " ")), None)
            if hit is None:
                return found if found else []
            form, role = hit
            found.append((role, rest[len(form) :].strip()))
            rest = rest[len(form) :].strip()
            conj = re.match(r"^(?:dan|bersama|bersama-sama dengan|serta|&|/|,)\s+", rest)
            if not conj:
                return found
            rest = rest[conj.end() :]

    def named(self, text: str) -> list[str]:
        norm = " " + _norm(text) + " "
        out: list[str] = []
        for form, role in self.forms:
            if f" {form} " in norm and role not in out:
                out.append(role)
                norm = norm.replace(f" {form} ", " ")
        return out


def role_forms(roles: list[str], agency_roles: list[tuple[str, tuple[str, ...]]] = ()) -> RoleForms:
    """Build the spellings of every role, dropping any spelling shared by two roles (ambiguous)."""
    by_form: dict[str, set[str]] = {}

    def add(form: str, role: str) -> None:
        f = _norm(form)
        if f:
            by_form.setdefault(f, set()).add(role)

    groups = [tuple(g) for g in GENERIC_TITLES]
    for nama, aliases in agency_roles:
        groups.append((nama, *aliases))
    for role in roles:
        add(role, role)
        norm_role = _norm(role)
        for group in groups:
            for variant in group:
                v = _norm(variant)
                if norm_role == v or norm_role.startswith(v + " "):
                    tail = norm_role[len(v) :].strip()
                    for other in group:
                        add(f"{other} {tail}".strip(), role)
                        if tail:
                            add(other, role)  # the bare title, kept only if no other role shares it
    unique = [(f, next(iter(rs))) for f, rs in by_form.items() if len(rs) == 1]
    unique.sort(key=lambda x: -len(x[0]))
    return RoleForms(tuple(unique))


def infer_performers(sop: ParsedSop, agency_roles: list[tuple[str, tuple[str, ...]]] = ()) -> None:
    """Propose a performer for each step from the evidence described in the module docstring."""
    if not sop.roles:
        for i, _ in enumerate(sop.steps):
            sop.review(("langkah", i, "pelaksana"), "pelaksana belum ditentukan (kolom peran tidak terbaca).")
        return
    forms = role_forms(sop.roles, agency_roles)
    for i, step in enumerate(sop.steps):
        if step.pelaksana:
            continue  # stated by the table itself
        here = ("langkah", i, "pelaksana")
        text = step.kegiatan
        subjects = forms.at_start(text)
        candidate = reason = None
        if len(subjects) == 1 and _VERB.match((subjects[0][1].split() or [""])[0]):
            candidate = subjects[0][0]
            reason = f"kalimat langkah diawali '{_lead(text, subjects[0][1])}' sebagai subjek"
        elif len(subjects) > 1:
            names = ", ".join(r for r, _ in subjects)
            sop.review(
                here,
                f"kalimat langkah menyebut beberapa pelaksana ({names}); pilih satu peran atau "
                "pecah langkahnya.",
            )
            continue
        else:
            agent = _AGENT.search(text)
            if agent:
                named = forms.at_start(agent.group("rest"))
                if len(named) == 1:
                    candidate = named[0][0]
                    reason = f"kalimat langkah menyebut 'oleh {_lead(agent.group('rest'), named[0][1])}'"
        if step.symbol_role:
            what = f"Tanda '{step.symbol_text}'" if step.symbol_text else "Simbol bagan alir"
            seen = f"{what} terbaca pada kolom {step.symbol_role}"
            if candidate and candidate != step.symbol_role:
                sop.review(
                    here,
                    f"kalimat menunjuk {candidate}, tetapi {seen[0].lower() + seen[1:]}; tentukan pelaksana.",
                )
                continue
            # The column is where the document states the performer: written, not inferred.
            step.pelaksana = step.symbol_role
            step.pelaksana_status = "tertulis"
            step.catatan = f"{seen}."
            if step.symbol_text:
                # A label left by text extraction may have drifted a column; a real drawing cannot.
                sop.review(
                    here,
                    f"pelaksana '{step.symbol_role}' dibaca dari letak tanda pada kolom peran "
                    f"({seen[0].lower() + seen[1:]}). Pastikan.",
                )
            continue
        if candidate:
            step.pelaksana = candidate
            step.pelaksana_status = "disimpulkan"
            step.pelaksana_alasan = reason[0].upper() + reason[1:] + "."
            sop.review(
                here,
                f"pelaksana '{candidate}' disimpulkan: {reason}. Bila benar, boleh diubah menjadi "
                "`pelaksana_status: tertulis`.",
            )
            continue
        mentioned = forms.named(text)
        hint = (
            f" Kalimat menyebut {', '.join(mentioned)} sebagai tujuan/objek, bukan pelaksana."
            if mentioned
            else ""
        )
        sop.review(here, "pelaksana belum ditentukan: kolom peran kosong pada teks dokumen." + hint)


def _lead(text: str, rest_norm: str) -> str:
    """The words of ``text`` before the part whose normalised form is ``rest_norm``."""
    words = _WORD.findall(text)
    n = len(words) - len(rest_norm.split()) if rest_norm else len(words)
    return " ".join(words[: max(n, 1)])
