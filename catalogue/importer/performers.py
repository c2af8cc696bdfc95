"""Who performs each step: what the document states, and what the importer can only infer.

The source format records ``pelaksana_status: tertulis`` where the document states the performer, and
``disimpulkan`` (with ``pelaksana_alasan``) where it does not. The document states it

* by a mark in one role column: a flowchart symbol (a drawing in a .docx) or the label such a symbol left in
  extracted text ("MULAI", "[]");
* by naming the role as the subject of the step's sentence: "Sekcam memeriksa …", "Kepala Dusun meneliti …"
  under a column "Kadus", "Koordinator posko atau Kepala Desa mengajukan …" under "Posko / Desa",
  "Kasi Pemerintahan selaku verifikator memeriksa …", "Pemohon datang ke loket …" (a verb without object),
  "Camat melalui Kasi PMD meneliti …" (the Camat acts, the Kasi is the channel), or as the agent of a
  passive sentence ("… ditandatangani oleh Camat").

Names are matched to columns by :mod:`.role_names`. A role named elsewhere in the sentence ("Menyampaikan
laporan kepada Camat") is an object, not the performer. A performer named by the document is not a doubt and
is not flagged, unless its column could not be confirmed.

A step whose performer the document does not state gets one by inference, always ``disimpulkan`` with its
reason, from evidence in the document, in this order: a decision that sends the case back "kepada X
(langkah N)" names X as the performer of step N (strong evidence: not flagged); a signing step
("Menandatangani …") and the SOP's signer, when the signer's post is one of the columns; the previous step
handing its result "kepada X"; "mengajukan permohonan …" and the applicant's column (Pemohon); what only
the applicant does (paying, completing their papers, collecting or receiving the result) and the applicant's
column; a step handing the result to the applicant, and whoever received the applicant's papers last (the
front office that returns what it took in); a kind of work and the one column of that rank, by the rank
rule of :mod:`.duties` (the head's approving, disposing, ordering and reporting to the Bupati; field work
and the field team; payments and the cashier; registers, archives, uploads and the clerk); the first step
and the first role column (where a flowchart starts); otherwise the performer of the nearest earlier step
the sentence does not name as its object, who carries on — except where that is another rank's work
(:mod:`.duties`: after the head, the clerk or manager; after the applicant, the front office; drafting after
an outside party, the manager), or where the step just before names one other column, which then takes
over ("Kepala Ruangan menyiapkan ambulans dan perawat pendamping", then "Memeriksa tanda vital pasien": the
Perawat); and with no earlier performer at all, the first column the sentence does
not name. These weaker inferences are flagged for review. The applicant is any member of the public the
service is for (Pemohon, Pelapor, Pasien, Wajib Pajak).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue.rules.numbering import step_key

from . import duties
from .parsed import ParsedSop, ParsedStep
from .role_names import RoleMatch, RoleNames

#: Words that join two subjects, or a subject and who it acts with or through.
_AND = {"dan", "serta", "&", ","}
_OR = {"atau", "/"}
_CAPACITY = {"selaku", "sebagai"}
_COMPANY = {"melalui", "bersama", "beserta", "bersama-sama", "dibantu", "didampingi", "diwakili"}
#: Predicates without a verb prefix: intransitive verbs, modals and adverbs that open a predicate.
_BARE_PREDICATES = {
    "datang",
    "pergi",
    "hadir",
    "tiba",
    "pulang",
    "kembali",
    "masuk",
    "keluar",
    "naik",
    "turun",
    "ikut",
    "tinggal",
    "duduk",
    "setuju",
    "lapor",
    "wajib",
    "harus",
    "dapat",
    "akan",
    "segera",
    "kemudian",
    "lalu",
    "telah",
    "sudah",
    "perlu",
    "bisa",
    "boleh",
    "langsung",
    "selanjutnya",
    "juga",
    "tidak",
    "belum",
    "mohon",
}
#: Words with a verb prefix that are prepositions or adjectives, not predicates.
_NOT_PREDICATES = {
    "melalui",
    "menurut",
    "mengenai",
    "terhadap",
    "tersebut",
    "termasuk",
    "terkait",
    "bersama",
    "beserta",
    "berdasarkan",
    "bersama-sama",
    "terutama",
    "tertentu",
    "tertulis",
    "terhitung",
    "dibantu",
    "didampingi",
    "diwakili",
    "berikut",
    "bersangkutan",
    "terpadu",
    # nouns that look like a prefixed verb
    "dinas",
    "direktur",
    "direktorat",
    "divisi",
    "distrik",
    "berkas",
    "berita",
    "menteri",
    "terminal",
}
_VERB_PREFIX = re.compile(r"^(?:me|ber|ter|di|memper|diper)[a-z-]{3,}$")
#: An active verb (me-, ber-): never part of a role's name, so a name ends before it.
_ACTIVE_VERB = re.compile(
    r"^(?!(?:menteri|mentor|medis|media|bersama|beserta|berdasarkan|melalui)$)"
    r"(?:me[mnlrwy]|meng|meny|ber)[a-z-]{2,}$"
)
_HONORIFICS = {"pak", "bapak", "bu", "ibu", "sdr", "sdri", "saudara", "saudari"}
_SUBORDINATE = {
    "setelah",
    "sesudah",
    "sebelum",
    "apabila",
    "jika",
    "bila",
    "bilamana",
    "selama",
    "sambil",
    "berdasarkan",
    "atas",
}
_SIGNING = re.compile(
    r"^(?:menandatangani|mengesahkan|menetapkan|memberi(?:kan)?\s+tanda\s+tangan)\b", re.IGNORECASE
)
_RETURN = re.compile(
    r"\b(?:dikembalikan|kembalikan|mengembalikan|dikirim\s+kembali|diserahkan\s+kembali|kembali)\s+"
    r"(?:\w+\s+){0,3}?(?:kepada|ke)\s+(?P<who>[^();:.]{2,60}?)\s*[(,]?\s*(?:ke\s+)?(?:langkah|no\.?|nomor)\s*"
    r"(?P<n>\d{1,3})\b",
    re.IGNORECASE,
)
#: "Mengajukan permohonan …": what the applicant does, by the meaning of the word "pemohon".
_APPLYING = re.compile(
    r"^(?:mengajukan|menyampaikan|memasukkan|mendaftarkan|menyerahkan)\s+(?:\w+\s+){0,2}?"
    r"permohonan\b",
    re.IGNORECASE,
)
#: What only the applicant does in a service: paying, completing their own papers, collecting the result.
_APPLICANT_ACTS = re.compile(
    r"^(?:membayar|melunasi|melengkapi\s+(?:\w+\s+){0,1}?(?:berkas|persyaratan|kekurangan|dokumen)|"
    r"mengambil\s+(?:\w+\s+){0,2}?(?:hasil|izin|surat|sertifikat|salinan)|"
    r"menerima\s+(?:\w+\s+){0,2}?(?:salinan|hasil|izin|sertifikat|keputusan)|"
    r"mengunduh\s+(?:\w+\s+){0,1}?(?:hasil|izin|sertifikat|salinan|sk|sppt|surat|dokumen\s+izin)|"
    r"mengisi\s+(?:\w+\s+){0,1}?(?:formulir|survei|survey|kuesioner|blanko))\b",
    re.IGNORECASE,
)
#: Handing a result over ("menyerahkan surat kepada pemohon").
_GIVING = re.compile(r"\b(?:menyerahkan|mengembalikan|memberikan|menyampaikan)\b", re.IGNORECASE)
#: Handing a result on to the next performer; a return ("dikembalikan ke pemohon") is a decision's branch.
_HANDOVER = re.compile(
    r"\b(?:menyerahkan|meneruskan|menyampaikan|mengirimkan|mengirim|memberikan|mendisposisikan|mengajukan|"
    r"melaporkan|diteruskan|disampaikan|diserahkan)\b(?:(?!\bkembali|dikembalikan)[^,;.()])*?\b(?:kepada|ke)\s+"
    r"(?P<who>[^,;.()]{2,60})",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"[^\s,;:()]+|,")
_HEAD_TITLE = re.compile(r"^\s*kepala\s+", re.IGNORECASE)
_REGION = re.compile(r"\s+(?:kabupaten|kab\.?|kota|provinsi|prov\.?)\s+.*$", re.IGNORECASE | re.DOTALL)
_PLT = re.compile(r"^\s*(?:plt|plh|pj|pjs|an|a\.n|u\.b|ub)\.?\s+", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return [t.strip(".").lower() if t != "," else t for t in _TOKEN.findall(text.replace("/", " / "))]


def is_predicate(word: str) -> bool:
    """Does a word open the predicate of a sentence (a prefixed verb, an intransitive verb, a modal)?"""
    word = word.lower().strip(".,;:")
    if word in _NOT_PREDICATES:
        return False
    return word in _BARE_PREDICATES or bool(_VERB_PREFIX.match(word))


@dataclass
class Subject:
    """The roles a sentence names as its subject, and how they are joined."""

    matches: list[RoleMatch]
    joined: str  # "tunggal", "dan", "atau", "selaku"


def _longest(names: RoleNames, tokens: list[str], pos: int) -> tuple[RoleMatch, int] | None:
    """The longest run of words from ``pos`` that names one column (a name stops before a verb, unless the
    column's own name goes on: "Wajib Pajak mengisi …" under a column "Wajib Pajak")."""
    stop = pos
    while (
        stop < len(tokens)
        and stop - pos < 9
        and not _ACTIVE_VERB.match(tokens[stop])
        and tokens[stop] not in _BARE_PREDICATES | _CAPACITY | _COMPANY | {"oleh", "kepada", "ke", "yang"}
    ):
        stop += 1
    # Only a column's own name may run past the word that would stop a name.
    for n in range(min(9, len(tokens) - pos), stop - pos, -1):
        found = names.match(" ".join(tokens[pos : pos + n]))
        if found is not None and found.how in ("sama", "alias"):
            return found, pos + n
    for n in range(stop - pos, 0, -1):
        phrase = tokens[pos : pos + n]
        if phrase[-1] in _AND | _OR or phrase[0] in _AND | _OR or _two_roles(names, phrase):
            continue
        found = names.match(" ".join(phrase))
        if found is not None:
            return found, pos + n
    return None


def _two_roles(names: RoleNames, phrase: list[str]) -> bool:
    """ "Camat dan Sekcam": two columns joined, not one name (as "Kepala Bidang Kedaruratan dan Logistik" is)."""
    for k, word in enumerate(phrase[1:-1], start=1):
        if word in _AND | _OR:
            left, right = names.match(" ".join(phrase[:k])), names.match(" ".join(phrase[k + 1 :]))
            if left is not None and right is not None and left.role != right.role:
                return True
    return False


def sentence_subject(text: str, names: RoleNames) -> Subject | None:
    """The roles named as the subject of a step sentence, when a predicate follows them."""
    tokens = _tokens(text)
    start = 0
    if tokens and tokens[0] in _SUBORDINATE and "," in tokens:
        start = tokens.index(",") + 1  # "Setelah berkas lengkap, Kasi memeriksa …"
    if start < len(tokens) and tokens[start] in _HONORIFICS:
        start += 1  # "Pak Sekcam memeriksa …": the post, addressed politely
    pos = start
    matches: list[RoleMatch] = []
    joined = "tunggal"
    while True:
        hit = _longest(names, tokens, pos)
        if hit is None and not matches:
            hit = _capacity_only(names, tokens, pos)
            joined = "selaku" if hit is not None else joined
        if hit is None:
            return None
        match, pos = hit
        matches.append(match)
        nxt = tokens[pos] if pos < len(tokens) else ""
        if nxt in _CAPACITY:
            # "X selaku Y": the capacity Y names the column when it is one; else the person's post X.
            capacity = _longest(names, tokens, pos + 1)
            if capacity is not None:
                matches = [capacity[0]]
                pos = capacity[1]
            else:
                pos = _next_predicate(tokens, pos + 1)
            joined = "selaku"
            nxt = tokens[pos] if pos < len(tokens) else ""
        if nxt in _COMPANY:
            pos = _next_predicate(tokens, pos + 1)
            nxt = tokens[pos] if pos < len(tokens) else ""
        if nxt in _AND or nxt in _OR:
            if _longest(names, tokens, pos + 1) is None:
                # "Camat dan jajarannya membahas …": the other party is no column.
                pos = _next_predicate(tokens, pos + 1)
                nxt = tokens[pos] if pos < len(tokens) else ""
            else:
                joined = "atau" if nxt in _OR else "dan"
                pos += 1
                continue
        if nxt and is_predicate(nxt):
            return Subject(matches, joined)
        return None


def _capacity_only(names: RoleNames, tokens: list[str], pos: int) -> tuple[RoleMatch, int] | None:
    """ "Staf Kecamatan selaku Petugas Loket mencatat …": a person who is no column, acting as one."""
    end = _next_predicate(tokens, pos)
    for k in range(pos + 1, min(end, pos + 8)):
        if tokens[k] in _CAPACITY:
            return _longest(names, tokens, k + 1)
    return None


def _next_predicate(tokens: list[str], pos: int) -> int:
    while pos < len(tokens) and not is_predicate(tokens[pos]):
        pos += 1
    return pos


def passive_agent(text: str, names: RoleNames) -> RoleMatch | None:
    """ "… ditandatangani oleh Camat": the agent of a passive sentence."""
    tokens = _tokens(text)
    for k, word in enumerate(tokens):
        if word == "oleh":
            hit = _longest(names, tokens, k + 1)
            if hit is not None:
                return hit[0]
    return None


def _signer_role(sop: ParsedSop, names: RoleNames) -> str | None:
    """The column of the SOP's signer, when the signer's post is one of the columns."""
    jabatan = _PLT.sub("", sop.signer.jabatan or "").strip(" ,")
    words = jabatan.split()
    for n in range(len(words), 0, -1):
        found = names.match(" ".join(words[:n]))
        if found is not None and found.sure:
            return found.role
    return None


def sop_role_names(sop: ParsedSop, agency_roles: list[tuple[str, tuple[str, ...]]] = ()) -> RoleNames:
    """The names of one SOP's role columns, with the agency its signer heads ("Kepala DPMPTSP" is the head
    when the signer is the Kepala Dinas Penanaman Modal dan PTSP)."""
    names = RoleNames(sop.roles, list(agency_roles))
    signer = _signer_role(sop, names)
    agency = _REGION.sub("", _HEAD_TITLE.sub("", _PLT.sub("", sop.signer.jabatan or ""))).strip(" ,")
    if signer is not None and agency and agency != (sop.signer.jabatan or "").strip():
        names.know_head(agency, signer)
    return names


def infer_performers(sop: ParsedSop, agency_roles: list[tuple[str, tuple[str, ...]]] = ()) -> None:
    """Record each step's performer: stated where the document states it, else inferred and flagged."""
    if not sop.roles:
        for i, _ in enumerate(sop.steps):
            sop.review(("langkah", i, "pelaksana"), "pelaksana belum ditentukan (kolom peran tidak terbaca).")
        return
    names = sop_role_names(sop, agency_roles)
    for i, step in enumerate(sop.steps):
        if step.pelaksana:
            continue  # stated by the table itself (a column of role names)
        _stated(sop, i, step, names)
    _Inference(sop, names).run()


def _undecided(sop: ParsedSop, i: int) -> bool:
    """A step left open on purpose: the document names several performers, or contradicts itself."""
    return any(r.field == ("langkah", i, "pelaksana") for r in sop.reviews)


def _stated(sop: ParsedSop, i: int, step: ParsedStep, names: RoleNames) -> None:
    here = ("langkah", i, "pelaksana")
    subject = sentence_subject(step.kegiatan, names)
    agent = passive_agent(step.kegiatan, names) if subject is None else None
    candidate: RoleMatch | None = None
    if subject is not None and len({m.role for m in subject.matches}) > 1:
        roles = ", ".join(dict.fromkeys(m.role for m in subject.matches))
        word = "atau" if subject.joined == "atau" else "dan"
        sop.review(
            here,
            f"kalimat langkah menyebut beberapa pelaksana ({roles}, dihubungkan '{word}'); pilih satu "
            "peran atau pecah langkahnya.",
        )
        return
    if subject is not None:
        candidate = subject.matches[0]
    elif agent is not None:
        candidate = agent
    if step.symbol_role:
        what = f"Tanda '{step.symbol_text}'" if step.symbol_text else "Simbol bagan alir"
        seen = f"{what} terbaca pada kolom {step.symbol_role}"
        if candidate and candidate.role != step.symbol_role:
            sop.review(
                here,
                f"kalimat menunjuk {candidate.role}, tetapi {seen[0].lower() + seen[1:]}; "
                "tentukan pelaksana.",
            )
            return
        # The column is where the document states the performer: written, not inferred.
        step.pelaksana, step.pelaksana_status = step.symbol_role, "tertulis"
        step.catatan = f"{seen}."
        if step.symbol_text and candidate is None:
            # A label left by text extraction may have drifted a column; a real drawing cannot.
            sop.review(
                here,
                f"pelaksana '{step.symbol_role}' dibaca dari letak tanda pada kolom peran "
                f"({seen[0].lower() + seen[1:]}). Pastikan.",
            )
        return
    if candidate is None:
        return
    step.pelaksana, step.pelaksana_status = candidate.role, "tertulis"
    if not candidate.sure:
        sop.review(
            here,
            f"kalimat langkah menyebut pelaksananya dengan nama lain; dicocokkan dengan kolom "
            f"'{candidate.role}' karena jabatannya sama, tetapi unitnya tidak dapat dipastikan.",
        )


def _returns(sop: ParsedSop, names: RoleNames) -> dict[int, tuple[str, int]]:
    """Steps a decision sends back "kepada X (langkah N)": step index -> (role X, index of the decision)."""
    index = {step_key(s.no): k for k, s in enumerate(sop.steps)}
    out: dict[int, tuple[str, int]] = {}
    for k, step in enumerate(sop.steps):
        for text in (step.keterangan or "", step.kegiatan):
            for m in _RETURN.finditer(text):
                target = index.get(step_key(m.group("n")))
                who = _longest(names, _tokens(m.group("who")), 0)
                if target is not None and target != k and who is not None and who[0].sure:
                    out.setdefault(target, (who[0].role, k))
    return out


def _handed_to(step: ParsedStep, names: RoleNames) -> str | None:
    """The column a step hands its result to ("… meneruskan berkas kepada Kasi Pemerintahan")."""
    found = None
    for m in _HANDOVER.finditer(step.kegiatan):
        hit = _longest(names, _tokens(m.group("who")), 0)
        if hit is not None and hit[0].sure:
            found = hit[0].role
    return found


class _Inference:
    """The performers the document does not state, step by step, by the rules of the module docstring."""

    def __init__(self, sop: ParsedSop, names: RoleNames):
        self.sop, self.names = sop, names
        self.returns = _returns(sop, names)
        self.signer = _signer_role(sop, names)
        self.applicant = duties.applicant_column(sop.roles)
        self.head = duties.head_column(sop.roles, self.signer)
        self.clerk = duties.clerical_column(sop.roles)
        self.manager = duties.manager_column(sop.roles)
        self.front = duties.front_office_column(sop.roles)
        self.team = duties.team_column(sop.roles)
        self.cashier = duties.cashier_column(sop.roles)
        #: Steps whose performer the document gives (stated, or named by a return or by "permohonan").
        self.evident = {k for k, s in enumerate(sop.steps) if s.pelaksana_status == "tertulis"}

    def run(self) -> None:
        for i, step in enumerate(self.sop.steps):
            if step.pelaksana is None and not _undecided(self.sop, i):
                self.infer(i, step)

    def infer(self, i: int, step: ParsedStep) -> None:
        sop = self.sop
        here = ("langkah", i, "pelaksana")
        objects = self.names.mentioned(step.kegiatan)
        found = self.rule(i, step, objects)
        if found is None:
            hint = (
                f" Kalimat menyebut {', '.join(objects)} sebagai tujuan/objek, bukan pelaksana."
                if objects
                else ""
            )
            sop.review(
                here, "pelaksana belum ditentukan: dokumen tidak menyebut pelaksana langkah ini." + hint
            )
            return
        role, reason, strong = found
        step.pelaksana, step.pelaksana_status = role, "disimpulkan"
        step.pelaksana_alasan = f"Dokumen tidak menyebut pelaksana langkah ini; disimpulkan karena {reason}."
        if not strong:
            # Strong evidence (the document names this step's performer elsewhere) is not a doubt: the status
            # and its reason already tell the reader it was inferred. Weaker evidence is flagged.
            sop.review(
                here, f"pelaksana '{role}' disimpulkan ({reason}); dokumen tidak menyebutnya. Pastikan."
            )

    def rule(self, i: int, step: ParsedStep, objects: list[str]) -> tuple[str, str, bool] | None:
        """(role, reason, strong) from the first rule that applies, or None."""
        sop = self.sop
        previous = sop.steps[i - 1] if i else None
        text = step.kegiatan.strip()
        if i in self.returns:
            role, k = self.returns[i]
            self.evident.add(i)
            return role, f"langkah {sop.steps[k].no} mengembalikan berkas kepada {role} ke langkah ini", True
        if self.signer and _SIGNING.match(text) and self.signer not in objects:
            return (
                self.signer,
                (
                    f"langkah penandatanganan, dan pengesah SOP ini ({sop.signer.jabatan}) adalah "
                    f"kolom {self.signer}"
                ),
                False,
            )
        if previous is not None and (handed := _handed_to(previous, self.names)) and handed not in objects:
            return handed, f"langkah {previous.no} menyerahkan hasilnya kepada {handed}", False
        if self.applicant and _APPLYING.match(text):
            self.evident.add(i)
            return (
                self.applicant,
                f"kalimat '{' '.join(text.split()[:2])} …' menyebut tindakan pemohon",
                False,
            )
        if self.applicant and self.applicant not in objects and _APPLICANT_ACTS.match(text):
            return (
                self.applicant,
                f"kalimat '{' '.join(text.split()[:2])} …' menyebut tindakan yang hanya dilakukan pemohon",
                False,
            )
        if self.applicant and self.applicant in objects and _GIVING.search(text):
            counter = self.counter(i)
            if counter is not None:
                role, k = counter
                return (
                    role,
                    (
                        f"langkah ini menyerahkan hasil kepada {self.applicant}, yang berkasnya diterima "
                        f"{role} pada langkah {sop.steps[k].no}"
                    ),
                    False,
                )
        if self.head and self.head not in objects and (work := duties.head_work(text)):
            return (
                self.head,
                f"'{work}' adalah pekerjaan pimpinan, dan pimpinannya adalah kolom {self.head}",
                False,
            )
        for column, kind, of_kind in (
            (self.team, "pekerjaan lapangan", duties.field_work),
            (self.cashier, "pekerjaan kasir", duties.cashier_work),
            (self.clerk, "pekerjaan administrasi", duties.clerical_work),
        ):
            if column and column not in objects and (work := of_kind(text)):
                return column, f"'{work}' adalah {kind}, dan kolom untuk itu adalah {column}", False
        if i == 0 and (first := next((r for r in sop.roles if r not in objects), None)):
            return first, "langkah pertama, dan bagan alir dimulai pada kolom peran pertama", False
        # Otherwise the performer carries on: the nearest earlier one this sentence does not name as its object.
        for k in range(i - 1, -1, -1):
            role = sop.steps[k].pelaksana
            if not role:
                continue
            if (instead := self.instead_of(role, sop.steps[k].no, text, objects)) is not None:
                return instead
            if k == i - 1 and (joined := self.joined(sop.steps[k], objects)) is not None:
                return joined
            if role not in objects:
                return (
                    role,
                    f"kalimat tidak menyebut pelaksana; diteruskan dari pelaksana langkah {sop.steps[k].no}",
                    False,
                )
        # Nothing to go by: the first role column the sentence does not name as its object.
        role = next((r for r in sop.roles if r not in objects), None)
        if role is not None:
            return (
                role,
                "kolom peran pertama yang tidak disebut sebagai tujuan kalimat (tanpa petunjuk lain)",
                False,
            )
        return None

    def joined(self, previous: ParsedStep, objects: list[str]) -> tuple[str, str, bool] | None:
        """The one other column the previous step's sentence brings in (as whom it serves, prepares or goes
        with), who takes over from it."""
        named = [
            r for r in self.names.mentioned(previous.kegiatan) if r != previous.pelaksana and r not in objects
        ]
        if len(named) != 1:
            return None
        return (
            named[0],
            f"langkah {previous.no.rstrip('.')} menyebut {named[0]}, yang meneruskan pekerjaan sesudahnya",
            False,
        )

    def instead_of(self, role: str, no: str, text: str, objects: list[str]) -> tuple[str, str, bool] | None:
        """Who takes over work that ``role`` (step ``no``'s performer) does not carry on with, by rank."""
        if role == self.head:
            # A head does not carry on with work that is not the head's.
            for other, what in ((self.clerk, "administrasi"), (self.manager, "pejabat struktural")):
                if other and other != role and other not in objects:
                    return (
                        other,
                        f"langkah {no} dikerjakan pimpinan {role}, dan pekerjaan sesudahnya diteruskan oleh kolom "
                        f"{what} satu-satunya, {other}",
                        False,
                    )
            return None
        if role == self.applicant and self.front and self.front not in objects:
            # The applicant does not carry on with the office's work: the front office takes it in.
            return (
                self.front,
                f"langkah {no} dikerjakan {role}, dan pekerjaan kantor sesudahnya diterima {self.front}",
                False,
            )
        # Nor does an outside party or a field officer carry on with drafting.
        manager, work = self.manager, duties.drafting_work(text)
        if (
            work
            and manager
            and manager not in objects
            and role != self.clerk
            and not duties.is_manager_post(role)
        ):
            return (
                manager,
                f"'{work}' adalah pekerjaan pejabat struktural (Kabid/Kasi/Kasubbag), dan kolom itu adalah {manager}",
                False,
            )
        return None

    def counter(self, i: int) -> tuple[str, int] | None:
        """Who received the applicant's papers last before step ``i``: the first other performer after them."""
        sop = self.sop
        last = next(
            (
                k
                for k in range(i - 1, -1, -1)
                if sop.steps[k].pelaksana == self.applicant and k in self.evident
            ),
            None,
        )
        if last is None:
            return None
        for k in range(last + 1, i):
            role = sop.steps[k].pelaksana
            if role and role != self.applicant:
                return role, k
        return None
