"""Whose kind of work a step is, when the document does not say who does it: the head's or the clerks'.

An Indonesian office splits its paperwork by rank the same way everywhere, and the importer uses that split
only to guess a performer the document does not state (the guess stays ``disimpulkan`` and flagged):

* **the head** of the unit that issues the SOP signs and approves, disposes ("memberikan disposisi"),
  issues orders ("menerbitkan surat perintah/tugas"), leads ("memimpin"), receives reports, and reports to
  the authority above the agency (Bupati, Wali Kota, Gubernur, Sekretaris Daerah, Menteri, DPRD). The head's
  column is the SOP's signer's column, or else the one column whose post heads an agency, a kecamatan, a
  kelurahan or a desa;
* **the clerks** (Staf, Petugas, Operator, Pengadministrasi, Arsiparis, a loket or front office) register
  and archive, input and upload, type, copy, number and stamp, and document. A clerical step goes to the
  document's one clerical column; with several, nothing is guessed from rank.

Drafting (a letter, a report, minutes) is the middle manager's work (Kabid, Kasi, Kasubbag). A head does not
carry on with a clerk's or a manager's work, and an outside party or a field officer does not carry on with
drafting: after their step, such work goes to the one clerk or the one manager, not to them by default.
"""

from __future__ import annotations

import re

from catalogue.rules.roles import read_role, role_text_key

#: Posts that head an agency or an area (canonical keys of :mod:`catalogue.rules.roles`).
_HEAD_POSTS = frozenset(
    {"kepala-dinas", "kepala-badan", "camat", "lurah", "kepala-desa", "inspektur", "kepala"}
)
#: Clerical posts by canonical key, and by the first word of a name the role rule does not know.
#: Middle managers: the posts that draft, examine and prepare for the head.
_MANAGER_POSTS = frozenset(
    {
        "kepala-bagian",
        "kepala-bidang",
        "kepala-seksi",
        "kepala-subbagian",
        "kepala-subbidang",
        "koordinator",
        "subkoordinator",
    }
)
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
_CLERICAL_PLACES = re.compile(r"\b(?:loket|front office|pelayanan terpadu)\b")

#: The head's work: approving, disposing, ordering, leading.
_HEAD_WORK = re.compile(
    r"\b(?:memberi(?:kan)?\s+disposisi|mendisposisi(?:kan)?|menerbitkan\s+surat\s+(?:perintah|tugas)|"
    r"menyetujui|memimpin|menerima\s+laporan)\b",
    re.IGNORECASE,
)
#: Reporting or sending up to the authority above the agency.
_UPWARD = re.compile(
    r"\b(?:menyampaikan|melaporkan|mengirimkan|mengajukan|menyerahkan|menyampaikannya|melaporkannya)\b"
    r"[^.;]*?\b(?:kepada|ke)\s+(?P<who>bupati|wakil\s+bupati|wali\s*kota|gubernur|sekretaris\s+daerah|sekda|"
    r"menteri|dprd)\b",
    re.IGNORECASE,
)
#: A clerk's work: registers, archives, data entry, typing, copies, numbers and stamps, documentation.
_CLERICAL_WORK = re.compile(
    r"\b(?:mengarsipkan|mengagendakan|meregistrasi|meregister|menginput|menginputkan|mengentri|mengunggah|"
    r"mengetik|menggandakan|mendokumentasikan|"
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


def is_head_post(role: str) -> bool:
    """Does the column's post head an agency or an area (Kepala Dinas, Camat, Kades …)?"""
    return read_role(role).key in _HEAD_POSTS


def is_clerical(role: str) -> bool:
    """Is the column a clerical post (Staf, Petugas, Operator, a loket …)?"""
    if read_role(role).key in _CLERICAL_POSTS:
        return True
    words = role_text_key(role).split()
    return bool(words) and (words[0] in _CLERICAL_WORDS or bool(_CLERICAL_PLACES.search(" ".join(words))))


def head_column(roles: list[str], signer: str | None) -> str | None:
    """The head's column: the signer's, or the one column of a heading post."""
    if signer is not None:
        return signer
    heads = [r for r in roles if is_head_post(r)]
    return heads[0] if len(heads) == 1 else None


def clerical_column(roles: list[str]) -> str | None:
    """The document's one clerical column, if it has exactly one."""
    clerks = [r for r in roles if is_clerical(r)]
    return clerks[0] if len(clerks) == 1 else None


def manager_column(roles: list[str]) -> str | None:
    """The document's one middle manager's column (Kabid, Kasi, Kasubbag …), if it has exactly one."""
    found = [r for r in roles if is_manager_post(r)]
    return found[0] if len(found) == 1 else None


def head_work(text: str) -> str | None:
    """What in ``text`` is the head's kind of work ("memberikan disposisi", "menyampaikan … kepada Bupati")."""
    m = _HEAD_WORK.search(text) or _UPWARD.search(text)
    return " ".join(m.group(0).split()) if m else None


def drafting_work(text: str) -> str | None:
    """Does ``text`` open with drafting ("Menyiapkan konsep surat", "Menyusun laporan")?"""
    m = _DRAFTING.match(text.strip())
    return " ".join(m.group(0).split()) if m else None


def is_manager_post(role: str) -> bool:
    """Is the column a middle manager's post (Kabid, Kasi, Kasubbag, Koordinator …)?"""
    return read_role(role).key in _MANAGER_POSTS


def clerical_work(text: str) -> str | None:
    """What in ``text`` is a clerk's kind of work ("mengarsipkan", "membubuhkan nomor dan stempel")."""
    m = _CLERICAL_WORK.search(text)
    return " ".join(m.group(0).split()) if m else None
