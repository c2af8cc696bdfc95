"""Whose kind of work a step is, when the document does not say who does it: ranks and duties.

An Indonesian office splits its work by rank the same way everywhere, and the importer uses that split
only to guess a performer the document does not state (the guess stays ``disimpulkan`` and flagged):

* **the head** of the unit that issues the SOP signs and approves, disposes ("memberikan disposisi"),
  issues orders ("menerbitkan surat perintah/tugas"), leads ("memimpin"), receives reports, and reports to
  the authority above the agency (Bupati, Wali Kota, Gubernur, Sekretaris Daerah, Menteri, DPRD). The head's
  column is the SOP's signer's column, or else the one column whose post heads an agency, a kecamatan, a
  kelurahan or a desa ("Kepala Dinas", "Camat", "Kepala BKPSDM");
* **middle managers** (Kabid, Kasi, Kasubbag, Koordinator) draft letters, reports and minutes;
* **clerks** (Staf, Petugas, Operator, Pengadministrasi, Arsiparis, a loket or front office) register and
  archive, input, upload and print, type, copy, number and stamp, and document; the **front office** (the
  clerk of the loket, pelayanan, pendaftaran or pengaduan) takes in what the applicant brings;
* **a field team** (Tim …, Anggota Tim, Satgas) does the field work: surveys, site inspections, rapid
  assessments, measurements, interviews, and the minutes of that work;
* **a cashier** (Kasir, Bendahara Penerimaan) takes payments;
* **the applicant** (Pemohon, Pelapor, Pasien, Wajib Pajak, Masyarakat …) applies, pays and collects.

A kind of work goes to the document's one column of that rank; with several, nothing is guessed from rank.
Nobody carries on with another rank's work by default: after the head's step a clerk's or manager's step
goes to the one clerk or manager; after the applicant's, the office's step goes to the front office; an
outside party or a field officer does not carry on with drafting.
"""

from __future__ import annotations

import re

from catalogue.rules.roles import read_role, role_text_key

#: Posts that head an agency or an area (canonical keys of :mod:`catalogue.rules.roles`).
_HEAD_POSTS = frozenset(
    {"kepala-dinas", "kepala-badan", "camat", "lurah", "kepala-desa", "inspektur", "kepala"}
)
#: "Kepala" followed by one of these heads a part of an office, not the office.
_SUB_UNITS = frozenset(
    {
        "bidang",
        "seksi",
        "sub",
        "subbagian",
        "subbidang",
        "bagian",
        "ruangan",
        "ruang",
        "regu",
        "urusan",
        "tim",
    }
    | {"unit", "instalasi", "dusun", "lingkungan", "uptd", "upt", "sekolah", "gudang", "loket", "rt", "rw"}
)
#: Middle managers: the posts that draft, examine and prepare for the head.
_MANAGER_POSTS = frozenset(
    {"kepala-bagian", "kepala-bidang", "kepala-seksi", "kepala-subbagian", "kepala-subbidang"}
    | {"koordinator", "subkoordinator"}
)
#: Clerical posts by canonical key, and by the first word of a name the role rule does not know.
_CLERICAL_POSTS = frozenset({"staf-pelaksana", "operator", "jabatan-fungsional-umum"})
_CLERICAL_WORDS = frozenset(
    {
        "petugas",
        "pengadministrasi",
        "admin",
        "administrator",
        "arsiparis",
        "operator",
        "resepsionis",
        "caraka",
    }
)
_CLERICAL_PLACES = re.compile(r"\b(?:loket|front office|back office|pelayanan terpadu)\b")
#: A front office: the clerk who takes in what the applicant brings.
_FRONT = re.compile(r"\b(?:loket|front office|pelayanan|pendaftaran|pengaduan|penerimaan|informasi)\b")
#: The applicant and other members of the public a service is for.
_APPLICANT_WORDS = frozenset(
    {"pemohon", "pelapor", "pengadu", "pasien", "masyarakat", "warga", "penduduk", "pelanggan"}
)
#: Not "Pengguna Anggaran", the head of a budget.
_APPLICANT_NAMES = re.compile(r"^(?:wajib (?:pajak|retribusi)|calon \w+|pengguna (?:layanan|jasa))")
#: A field team, and a cashier.
_TEAM_POSTS = frozenset({"tim", "anggota-tim"})
_TEAM_WORDS = frozenset({"satgas", "satuan tugas", "surveyor", "juru ukur"})
_CASHIER_WORDS = frozenset({"kasir", "teller"})

#: The head's work: approving, disposing, ordering, leading, receiving reports.
_HEAD_WORK = re.compile(
    r"\b(?:memberi(?:kan)?\s+disposisi|mendisposisi(?:kan)?|menerbitkan\s+surat\s+(?:perintah|tugas)|"
    r"menyetujui|memimpin|"
    r"menerima\s+laporan(?!\s*/?\s*(?:pengaduan|masyarakat|warga|dari\s+(?:masyarakat|warga|pelapor))))\b",
    re.IGNORECASE,
)
#: Reporting or sending up to the authority above the agency.
_UPWARD = re.compile(
    r"\b(?:menyampaikan|melaporkan|mengirimkan|mengajukan|menyerahkan|menyampaikannya|melaporkannya)\b"
    r"[^.;]{0,200}?\b(?:kepada|ke)\s+(?P<who>bupati|wakil\s+bupati|wali\s*kota|gubernur|sekretaris\s+daerah|sekda|"
    r"menteri|dprd)\b",
    re.IGNORECASE,
)
#: A clerk's work: registers, archives, data entry, uploads, printing, typing, copies, numbers and stamps.
_CLERICAL_WORK = re.compile(
    r"\b(?:mengarsipkan|mengagendakan|meregistrasi|meregister|menginput|menginputkan|mengentri|mengunggah|"
    r"mengetik|mencetak|menggandakan|mendokumentasikan|"
    r"mencatat(?:kan|nya)?\b[^.;]{0,60}?\b(?:register|agenda|buku)|"
    r"(?:memberi(?:kan)?|membubuhkan)\s+(?:\w+\s+)?(?:nomor|stempel|cap))\b",
    re.IGNORECASE,
)
#: Drafting: the middle manager's work of preparing a letter, a report or minutes for the head.
_DRAFTING = re.compile(
    r"^(?:menyiapkan|menyusun|membuat|merumuskan|mengonsep|mengkonsep)\s+(?:\w+\s+){0,2}?"
    r"(?:konsep|draf|draft|rancangan|surat|laporan|berita\s+acara|kerangka\s+acuan|telaahan|nota)\b",
    re.IGNORECASE,
)
#: Field work: a doing verb opens the sentence, and the work is on site; or the minutes of site work.
_FIELD_VERBS = re.compile(
    r"^(?:melakukan|melaksanakan|mengadakan|mensurvei|meninjau|mengukur|mengecek|mengumpulkan|mendatangi|"
    r"mengunjungi)\b",
    re.IGNORECASE,
)
_ON_SITE = re.compile(
    r"\b(?:lapangan|lokasi|survei(?!\s+kepuasan)|survey|kaji\s+cepat|(?:pemeriksaan|pengecekan)\s+fisik|"
    r"wawancara)\b",
    re.IGNORECASE,
)
_SITE_MINUTES = re.compile(
    r"^(?:menyusun|membuat|menyiapkan)\s+(?:\w+\s+){0,2}?(?:berita\s+acara|laporan)\b[^.;]*?"
    r"\b(?:lapangan|survei|survey|peninjauan\s+lokasi)\b",
    re.IGNORECASE,
)
#: A cashier's work.
_CASHIER_WORK = re.compile(
    r"\b(?:menerima\s+(?:\w+\s+){0,1}?pembayaran|menyetor(?:kan)?|menerbitkan\s+(?:kuitansi|karcis))\b",
    re.IGNORECASE,
)


def _first_words(role: str) -> list[str]:
    return role_text_key(role).split()


def is_head_post(role: str) -> bool:
    """Does the column's post head an agency or an area (Kepala Dinas, Camat, Kades, "Kepala BKPSDM")?"""
    reading = read_role(role)
    if reading.key in _HEAD_POSTS:
        return True
    words = _first_words(role)
    return not reading.known and len(words) >= 2 and words[0] == "kepala" and words[1] not in _SUB_UNITS


def is_manager_post(role: str) -> bool:
    """Is the column a middle manager's post (Kabid, Kasi, Kasubbag, Koordinator …)?"""
    return read_role(role).key in _MANAGER_POSTS


def is_clerical(role: str) -> bool:
    """Is the column a clerical post (Staf, Petugas, Operator, a loket …)? A head or a manager of a loket
    ("Koordinator Front Office") is not."""
    if is_head_post(role) or is_manager_post(role):
        return False
    if read_role(role).key in _CLERICAL_POSTS:
        return True
    words = _first_words(role)
    return bool(words) and (words[0] in _CLERICAL_WORDS or bool(_CLERICAL_PLACES.search(" ".join(words))))


def is_applicant(role: str) -> bool:
    """Is the column the applicant or another member of the public (Pemohon, Pelapor, Wajib Pajak …)?"""
    if read_role(role).key == "pemohon":
        return True
    words = _first_words(role)
    return bool(words) and (words[0] in _APPLICANT_WORDS or bool(_APPLICANT_NAMES.match(" ".join(words))))


def is_field_team(role: str) -> bool:
    """Is the column a team that works in the field (Tim Teknis, Anggota Tim, Satgas …)?"""
    key = role_text_key(role)
    return read_role(role).key in _TEAM_POSTS or any(key.startswith(w) for w in _TEAM_WORDS)


def is_cashier(role: str) -> bool:
    words = _first_words(role)
    return bool(words) and (words[0] in _CASHIER_WORDS or words[:2] == ["bendahara", "penerimaan"])


def _one(roles: list[str], test) -> str | None:
    found = [r for r in roles if test(r)]
    return found[0] if len(found) == 1 else None


def head_column(roles: list[str], signer: str | None) -> str | None:
    """The head's column: the signer's, or the one column of a heading post."""
    return signer if signer is not None else _one(roles, is_head_post)


def manager_column(roles: list[str]) -> str | None:
    """The document's one middle manager's column (Kabid, Kasi, Kasubbag …), if it has exactly one."""
    return _one(roles, is_manager_post)


def clerical_column(roles: list[str]) -> str | None:
    """The document's one clerical column, if it has exactly one."""
    return _one(roles, is_clerical)


def front_office_column(roles: list[str]) -> str | None:
    """The clerk who takes in the applicant's papers: the one loket/pelayanan clerk, or the one clerk."""
    front = _one(roles, lambda r: is_clerical(r) and bool(_FRONT.search(role_text_key(r))))
    return front or clerical_column(roles)


def applicant_column(roles: list[str]) -> str | None:
    return _one(roles, is_applicant)


def team_column(roles: list[str]) -> str | None:
    return _one(roles, is_field_team)


def cashier_column(roles: list[str]) -> str | None:
    return _one(roles, is_cashier)


def _found(pattern: re.Pattern[str], text: str, anchored: bool = False) -> str | None:
    m = pattern.match(text.strip()) if anchored else pattern.search(text)
    return " ".join(m.group(0).split()) if m else None


def head_work(text: str) -> str | None:
    """What in ``text`` is the head's kind of work ("memberikan disposisi", "menyampaikan … kepada Bupati")."""
    return _found(_HEAD_WORK, text) or _found(_UPWARD, text)


def clerical_work(text: str) -> str | None:
    """What in ``text`` is a clerk's kind of work ("mengarsipkan", "membubuhkan nomor dan stempel")."""
    return _found(_CLERICAL_WORK, text)


def drafting_work(text: str) -> str | None:
    """Does ``text`` open with drafting ("Menyiapkan konsep surat", "Menyusun laporan")?"""
    return _found(_DRAFTING, text, anchored=True)


def field_work(text: str) -> str | None:
    """Is ``text`` field work ("Melakukan survei lapangan", "Mengumpulkan dokumen … di lapangan", "Menyusun
    berita acara pemeriksaan lapangan")? A sentence that orders, schedules or reviews it is not."""
    text = text.strip()
    if _SITE_MINUTES.match(text):
        return _found(_SITE_MINUTES, text, anchored=True)
    verb, site = _FIELD_VERBS.match(text), _ON_SITE.search(text)
    return f"{verb.group(0)} … {site.group(0)}" if verb and site else None


def cashier_work(text: str) -> str | None:
    return _found(_CASHIER_WORK, text)
