"""Decision steps (the diamond): their branches, read from the Keterangan and the step sentence.

Agencies write a decision's branches in many ways, in the Keterangan or inside the sentence:

* "Ya: lanjut ke langkah 6; Tidak: kembali ke langkah 4", "Y: lanjut ke 3; T: kembali ke 1";
* branches labelled by outcome: "Lengkap: lanjut ke no. 5 / Tidak lengkap: dikembalikan (no. 3)",
  "Terdaftar: langkah 5; Belum terdaftar: langkah 4", "Disetujui: …; Perbaikan: …; Ditolak: …",
  "Ringan: ke langkah 4; Sedang/Berat: ke langkah 6";
* a branch that ends the procedure: "Tidak layak: pemohon diberi penjelasan, proses selesai", "laporan ditutup";
* a question in the sentence ("Apakah stok mencukupi?") with its branches after it ("Bila tidak, … proses
  selesai"), or in brackets ("(Y: lanjut ke 3; T: kembali ke 1)");
* a branch that sends the case back to a person rather than a step ("Tidak lengkap dikembalikan kepada Kepala
  Desa").

Each clause is read as a label (its polarity: Ya, Tidak, or another outcome) and a target (a step number, the
end of the procedure, or a person). The Ya branch is its target, or the next step when only the Tidak branch
is written (the forward branch every flowchart takes). A branch that ends the procedure is written ``-``. What
is only partly understood (an outcome label read as Ya or Tidak by its order, a third branch the format cannot
hold, a target found through a person) is flagged; a step that reads like a decision but whose branches cannot
be read stays a process step and is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue.rules.numbering import step_key
from catalogue.source.format import BRANCH_ENDS

from .parsed import ParsedSop, ParsedStep
from .performers import sop_role_names
from .role_names import RoleNames

#: A branch that ends the procedure; written so in the source file.
ENDS = BRANCH_ENDS

_POSITIVE = re.compile(
    r"^(?:ya|lengkap|sesuai|disetujui|setuju|diterima|terima|layak|terdaftar|benar|memenuhi(?:\s+syarat)?|"
    r"valid|tersedia|lulus|lolos|cukup|mencukupi|sudah\s+\w+)\b",
    re.IGNORECASE,
)
_NEGATIVE = re.compile(
    r"^(?:tidak|tdk|tak|belum|ditolak|tolak|gagal|penuh|kurang|salah|invalid|batal|menolak)\b", re.IGNORECASE
)
#: Labels too short to be read inside longer words ("No. SK"): they count only as the whole label.
_SHORT_LABELS = {"y": "ya", "yes": "ya", "ok": "ya", "ada": "ya", "t": "tidak", "n": "tidak", "no": "tidak"}
_OTHER = re.compile(
    r"^(?:perbaikan|diperbaiki|revisi|koreksi|dikoreksi|dilengkapi|perlu\s+perbaikan)\b", re.IGNORECASE
)
_CONDITION = re.compile(r"^(?:jika|bila|apabila|kalau|bilamana|dalam\s+hal)\s+", re.IGNORECASE)
_STEP_REF = re.compile(
    r"(?:\b(?:ke\s+)?(?:langkah|no\.?|nomor|kegiatan|butir|step)\s*(?:ke[-\s]?)?\s*|\bke\s+|(?:->|→|⇒)\s*)"
    r"(?P<n>\d{1,3})(?![\d/.,]\d)\b",
    re.IGNORECASE,
)
_ENDS = re.compile(
    r"\b(?:selesai|berakhir|dihentikan|ditutup|tidak\s+dilanjutkan|tidak\s+diproses(?:\s+lebih\s+lanjut)?|"
    r"dibatalkan|diakhiri|stop)\b",
    re.IGNORECASE,
)
_RECIPIENT = re.compile(
    r"\b(?:dikembalikan|kembalikan|diserahkan\s+kembali)\s+(?:\w+\s+){0,2}?(?:kepada|ke)\s+"
    r"(?P<who>[^,;.()]{2,60})",
    re.IGNORECASE,
)
_QUESTION = re.compile(r"\?|\bapakah\b", re.IGNORECASE)
_LABEL = re.compile(r"^(?P<label>[^:：→⇒]{1,40}?)\s*(?:[:：]|(?=→|->|⇒))\s*(?P<rest>.*)$")
_SPLIT = re.compile(r"\s*(?:;|\n|\s/\s|\||,(?=\s*(?:jika|bila|apabila|kalau)\s))\s*", re.IGNORECASE)
#: Where a second labelled branch begins on the same line: "… ke no. 5 Tidak lengkap: …".
_NEXT_LABEL = re.compile(
    r"(?<=[\w)]),?[ \t]+(?=[A-Z][\w/()-]*(?:[ \t]+[\w/()-]+){0,3}[ \t]*(?::[ \t]|→|->|⇒))"
)
_BRACKETS = re.compile(r"\(([^()]*(?:\d|selesai|ya|tidak)[^()]*)\)", re.IGNORECASE)


@dataclass
class Branch:
    label: str  # as written: "Tidak lengkap", "Ya", "Disetujui", "Sedang/Berat"
    polarity: str | None  # "ya", "tidak", "lain" (a further negative outcome) or None (an outcome word)
    target: str | None  # a step number as printed, ENDS, or None
    via: str | None = None  # how the target was found when not written as a number: "kepada <role>"


def _polarity(label: str) -> str | None:
    label = _CONDITION.sub("", label.strip()).strip(" ,.")
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", label).strip().lower()  # "Ya (melanggar)"
    if bare in _SHORT_LABELS:
        return _SHORT_LABELS[bare]
    if _NEGATIVE.match(label):
        return "tidak"
    if _OTHER.match(label):
        return "lain"
    if _POSITIVE.match(label):
        return "ya"
    return None


def _clauses(text: str) -> list[str]:
    out = []
    text = _NEXT_LABEL.sub("\n", text)
    for part in _SPLIT.split(text):
        part = part.strip(" .")
        if part:
            out.append(part)
    return out


def _label_and_rest(clause: str) -> tuple[str, str] | None:
    """A clause's label: "Tidak lengkap: …", "Bila tidak, …", "Tidak lengkap dikembalikan …"."""
    m = _LABEL.match(clause)
    if m and len(m.group("label").split()) <= 5:
        return m.group("label").strip(), m.group("rest").strip()
    m = re.match(
        r"^(?P<label>(?:(?:jika|bila|apabila|kalau)\s+)?[^,]{1,30}?),\s*(?P<rest>.+)$", clause, re.IGNORECASE
    )
    if m and _CONDITION.match(clause) and _polarity(m.group("label")):
        return m.group("label").strip(), m.group("rest").strip()
    m = re.match(
        r"^(?P<label>(?:(?:jika|bila|apabila|kalau)\s+)?(?:tidak|belum|ya)(?:\s+(?!dikembalikan|kembali|"
        r"lanjut|ke\b)\w+)?)\s+(?P<rest>.+)$",
        clause,
        re.IGNORECASE,
    )
    if m:
        return m.group("label").strip(), m.group("rest").strip()
    return None


def _target(rest: str, label: str) -> tuple[str | None, bool]:
    """(step number or None, ends the procedure)."""
    refs = list(_STEP_REF.finditer(rest))
    if refs:
        return refs[-1].group("n"), False
    if _ENDS.search(rest) or _ENDS.search(label):
        return None, True
    return None, False


def read_branches(text: str) -> list[Branch]:
    """The labelled branches written in a Keterangan or in a clause of a step sentence."""
    out: list[Branch] = []
    for clause in _clauses(text):
        split = _label_and_rest(clause)
        if split is None:
            continue
        label, rest = split
        number, ends = _target(rest, label)
        polarity = _polarity(label)
        if number is None and not ends and polarity is None:
            continue
        out.append(Branch(label, polarity, ENDS if ends else number))
    return out


def _sentence_parts(kegiatan: str) -> str:
    """The parts of a step sentence that can hold branches: brackets, and what follows a question."""
    parts = [m.group(1) for m in _BRACKETS.finditer(kegiatan)]
    if "?" in kegiatan:
        parts.append(kegiatan.split("?", 1)[1])
    for clause in re.split(r"(?<=[.;,])\s+", kegiatan):
        clause = clause.strip(" .;,")
        if _CONDITION.match(clause) and _polarity(_CONDITION.sub("", clause)):
            parts.append(clause)
    return "\n".join(parts)


def detect_decisions(sop: ParsedSop, agency_roles: list[tuple[str, tuple[str, ...]]] = ()) -> None:
    """Make each step whose branches the document writes a ``keputusan``; flag what is only partly read."""
    keys = [step_key(s.no) for s in sop.steps]
    names = sop_role_names(sop, agency_roles) if sop.roles else None

    def number(n: str | None, here: int) -> str | None:
        """A branch target only if exactly one other step carries that number."""
        if n is None or n == ENDS:
            return n
        if keys.count(step_key(n)) != 1 or keys.index(step_key(n)) == here:
            return None
        return sop.steps[keys.index(step_key(n))].no

    for i, step in enumerate(sop.steps):
        if step.drawn:
            continue  # a drawn flowchart already stated the step's kind and branches (flowchart_evidence)
        keterangan = "\n".join(step.keterangan_lines) or step.keterangan or ""
        branches = read_branches(keterangan) + read_branches(_sentence_parts(step.kegiatan))
        nxt = sop.steps[i + 1].no if i + 1 < len(sop.steps) else None
        _decide(sop, i, step, branches, number, nxt, names)


def _decide(
    sop: ParsedSop,
    i: int,
    step: ParsedStep,
    branches: list[Branch],
    number,
    nxt: str | None,
    names: RoleNames | None,
) -> None:
    here = ("langkah", i)
    question = bool(_QUESTION.search(step.kegiatan))
    notes: list[str] = []
    for b in branches:
        if b.target not in (None, ENDS):
            found = number(b.target, i)
            if found is None:
                notes.append(
                    f"cabang '{b.label}' menuju langkah {b.target} yang tidak ada (atau nomornya berulang)"
                )
            b.target = found
    for b in branches:
        if b.target is None and b.polarity in ("tidak", "lain") and names is not None:
            _target_by_person(sop, i, step, b, names)
    yes = [b for b in branches if b.polarity == "ya"]
    no = [b for b in branches if b.polarity == "tidak"]
    other = [b for b in branches if b.polarity == "lain"]
    unknown = [b for b in branches if b.polarity is None and b.target is not None]
    if unknown and len(unknown) + len(yes) + len(no) + len(other) >= 2:
        # Outcome words without a Ya/Tidak sense ("Ringan", "Sedang/Berat"): in the order written.
        for b in unknown:
            if not yes:
                b.polarity = "ya"
                yes.append(b)
            elif not no:
                b.polarity = "tidak"
                no.append(b)
            else:
                b.polarity = "lain"
                other.append(b)
        labels = "', '".join(b.label for b in unknown)
        notes.append(
            f"cabang berlabel hasil ('{labels}') dibaca sebagai Ya/Tidak menurut urutan penulisannya"
        )
    negatives = [b for b in no + other if b.target is not None]
    if not negatives:
        if branches or question:
            sop.review(
                here + ("jenis",),
                "langkah ini tampaknya keputusan, tetapi tujuan cabang Ya/Tidak tidak "
                "tertulis dengan jelas; bila benar keputusan, isi `jenis: keputusan`, "
                "`ya` dan `tidak` (`-` bila cabangnya mengakhiri prosedur).",
            )
        return
    # The Tidak branch: a loop back to a step before an ending (it keeps the flowchart joined), a written
    # "Tidak" before another negative outcome.
    ranked = sorted(negatives, key=lambda b: (b.target == ENDS, b.polarity != "tidak"))
    tidak = ranked[0]
    for extra in ranked[1:]:
        where = "mengakhiri prosedur" if extra.target == ENDS else f"menuju langkah {extra.target}"
        notes.append(
            f"cabang ketiga '{extra.label}' ({where}) tidak dapat dicatat pada format ya/tidak; "
            "tuliskan di keterangan"
        )
    ya_branch = next((b for b in yes if b.target is not None), None)
    ya = ya_branch.target if ya_branch else None
    if ya is None:
        ya = number(nxt, i)
        if ya is None:
            sop.review(
                here + ("jenis",),
                "langkah ini tampaknya keputusan, tetapi cabang Ya tidak dapat "
                "ditentukan; isi `jenis`, `ya` dan `tidak`.",
            )
            return
    if ya == ENDS and tidak.target == ENDS:
        sop.review(here + ("jenis",), "kedua cabang keputusan tampak mengakhiri prosedur; periksa kembali.")
        return
    if tidak.via:
        notes.append(tidak.via)
    step.jenis, step.ya, step.tidak = "keputusan", ya, tidak.target
    for note in notes:
        sop.review(here + ("tidak",), note[0].upper() + note[1:] + ". Pastikan.")


def _target_by_person(sop: ParsedSop, i: int, step: ParsedStep, branch: Branch, names: RoleNames) -> None:
    """ "Dikembalikan kepada Kepala Desa": the latest earlier step that person performs."""
    text = " ".join(x for x in (step.keterangan or "", step.kegiatan) if x)
    for m in _RECIPIENT.finditer(text):
        found = None
        words = m.group("who").split()
        for n in range(min(len(words), 8), 0, -1):
            found = names.match(" ".join(words[:n]))
            if found is not None:
                break
        if found is None:
            continue
        earlier = [k for k in range(i - 1, -1, -1) if sop.steps[k].pelaksana == found.role]
        if earlier:
            k = earlier[0]
            branch.target = sop.steps[k].no
            branch.via = (
                f"tujuan cabang '{branch.label}' tidak bernomor; diisi langkah {branch.target}, langkah "
                f'terakhir sebelumnya yang dilaksanakan {found.role} ("dikembalikan kepada '
                f'{m.group("who").strip()}")'
            )
            return
