"""The validated catalogue: typed, immutable values built from the source files.

Nothing here parses or checks; :mod:`catalogue.source.files` and :mod:`catalogue.source.load` build these values and
the rule modules read them. Derived views (resolved links, legal index, roles) live in their own modules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from catalogue.rules.durations import Duration

#: The statuses of a follow-up action (the records format's ``tindak_lanjut.status``); every one but done is open.
FOLLOW_UP_NOT_STARTED, FOLLOW_UP_IN_PROGRESS, FOLLOW_UP_DONE = "belum", "dalam proses", "selesai"
FOLLOW_UP_STATUSES = (FOLLOW_UP_NOT_STARTED, FOLLOW_UP_IN_PROGRESS, FOLLOW_UP_DONE)


#: An SOP's life: in force, replaced by a successor, or revoked (the source format's ``status``).
IN_FORCE, REPLACED, REVOKED = "berlaku", "digantikan", "dicabut"
SOP_STATUSES = (IN_FORCE, REPLACED, REVOKED)
#: What a periodic evaluation concludes (the records format's ``hasil``).
CONFORMS, NEEDS_IMPROVEMENT = "sesuai", "perlu perbaikan"
EVALUATION_RESULTS = (CONFORMS, NEEDS_IMPROVEMENT)


@dataclass(frozen=True)
class Signer:
    jabatan: str
    nama: str | None = None
    nip: str | None = None
    pangkat: str | None = None


@dataclass(frozen=True)
class LegalReference:
    """One regulation as parsed from a citation. Identity is jenis + penerbit + nomor + tahun."""

    jenis: str
    nomor: str
    tahun: str
    penerbit: str | None = None
    tentang: str | None = None


@dataclass(frozen=True)
class DasarHukum:
    """One line of the Dasar Hukum box, as written; ``rujukan`` holds a manual parse when the source gives one."""

    teks: str
    rujukan: tuple[LegalReference, ...] | None = None


@dataclass(frozen=True)
class Keterkaitan:
    """One line of the Keterkaitan box; ``target`` is an explicit SOP id (or "-" for "not in catalogue")."""

    teks: str
    target: str | None = None


@dataclass(frozen=True)
class Step:
    no: str
    kegiatan: str
    kind: str  # terminator | proses | keputusan (resolved: never None)
    pelaksana: str | None
    pelaksana_status: str  # tertulis | disimpulkan
    pelaksana_alasan: str | None
    ya: str | None
    tidak: str | None
    kelengkapan: tuple[str, ...]
    waktu: Duration
    output: str | None
    keterangan: str | None
    catatan: str | None
    index: int  # position in the procedure, from 0

    @property
    def is_inferred(self) -> bool:
        return self.pelaksana_status == "disimpulkan"


@dataclass(frozen=True)
class ReviewMark:
    """A value of a source awaiting a person's review (a ``# PERIKSA:`` comment, see
    :mod:`catalogue.source.review_marks`): the key or item it concerns, and what to check."""

    field: tuple[str | int, ...]  # () for the whole file
    message: str
    line: int  # 1-based line of the comment
    column: int = 1


#: Suffixes of a published source document that is only the text extracted from the signed one.
EXTRACTED_TEXT_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Provenance:
    dokumen: str
    jenis_dokumen: str | None = None
    diimpor: dt.date | None = None
    catatan: tuple[str, ...] = ()
    berkas: Path | None = None  # the source document kept in the repository (checked to exist), published

    @property
    def berkas_is_extracted_text(self) -> bool:
        """The kept file is the text extracted from the document, not the document the agency signed."""
        return self.berkas is not None and self.berkas.suffix.lower() in EXTRACTED_TEXT_SUFFIXES


@dataclass(frozen=True)
class Pemda:
    slug: str
    nama: str
    provinsi: str | None
    source: Path


@dataclass(frozen=True)
class RoleDefinition:
    nama: str
    alias: tuple[str, ...] = ()


@dataclass(frozen=True)
class Agency:
    slug: str
    pemda_slug: str
    nama: str
    jenis: str | None
    alamat: str | None
    peran: tuple[RoleDefinition, ...]
    source: Path

    @property
    def id(self) -> str:
        return f"{self.pemda_slug}/{self.slug}"


@dataclass(frozen=True)
class Sop:
    pemda_slug: str
    agency_slug: str
    slug: str
    nomor: str
    nama: str
    tanggal_pembuatan: dt.date | None
    tanggal_revisi: dt.date | None
    tanggal_efektif: dt.date | None
    disahkan_oleh: Signer | None
    topik: str | None
    dasar_hukum: tuple[DasarHukum, ...]
    kualifikasi_pelaksana: tuple[str, ...]
    keterkaitan: tuple[Keterkaitan, ...]
    peralatan_perlengkapan: tuple[str, ...]
    peringatan: tuple[str, ...]
    pencatatan_pendataan: tuple[str, ...]
    pelaksana: tuple[str, ...]
    langkah: tuple[Step, ...]
    sumber: Provenance | None
    url_lama: tuple[str, ...]
    source: Path
    belum_ditinjau: tuple[ReviewMark, ...] = ()  # values awaiting review: shown on the page, in the data
    unit_kerja: str | None = None  # the issuing unit within the agency, as printed on the kop
    draf: bool = False  # a draft not yet signed: published in the internal edition only
    # Its life (catalogue.analysis.lifecycle checks the combinations and the successors).
    status: str = IN_FORCE  # one of SOP_STATUSES
    digantikan_oleh: str | None = None  # the successor as written (an id, or a slug of the same agency)
    tanggal_dicabut: dt.date | None = None
    alasan_dicabut: str | None = None
    tanggal_tinjau: dt.date | None = None  # the next review the agency planned, if written

    @property
    def in_force(self) -> bool:
        return self.status == IN_FORCE

    @property
    def is_replaced(self) -> bool:
        return self.status == REPLACED

    @property
    def is_revoked(self) -> bool:
        return self.status == REVOKED

    @property
    def latest_date(self) -> dt.date | None:
        """The SOP's latest date: its revision, else when it took effect, else when it was made."""
        return self.tanggal_revisi or self.tanggal_efektif or self.tanggal_pembuatan

    # Cached: the cross-reference indexes ask for ids millions of times in a 10,000-SOP build.
    @cached_property
    def id(self) -> str:
        """Stable public identifier and URL path: ``pemda/instansi/slug``."""
        return f"{self.pemda_slug}/{self.agency_slug}/{self.slug}"

    @cached_property
    def agency_id(self) -> str:
        return f"{self.pemda_slug}/{self.agency_slug}"


def pemda_of_id(sop_id: str) -> str:
    """The pemda slug of a SOP's (or an agency's) id, ``pemda/instansi[/slug]`` (:attr:`Sop.id`)."""
    return sop_id.split("/", 1)[0]


@dataclass(frozen=True)
class MonitoringEntry:
    """One observation of how an SOP is carried out (PermenPAN-RB 35/2012, Tabel 7). Keys the records format
    marks internal are None (or empty) in the public edition."""

    tanggal: dt.date
    penilaian: str  # berjalan dengan baik | tidak berjalan dengan baik
    metode: str | None = None
    penilai: str | None = None
    catatan: tuple[str, ...] = ()
    tindakan: tuple[str, ...] = ()

    @property
    def berjalan_baik(self) -> bool:
        return self.penilaian == "berjalan dengan baik"


@dataclass(frozen=True)
class CriterionScore:
    key: str  # one of catalogue.source.records_format.CRITERIA
    nilai: str  # ya | tidak
    catatan: str | None = None


@dataclass(frozen=True)
class FollowUp:
    uraian: str
    penanggung_jawab: str  # a position, never a person's name
    batas_waktu: dt.date
    status: str  # one of FOLLOW_UP_STATUSES
    catatan: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status != FOLLOW_UP_DONE


@dataclass(frozen=True)
class Evaluation:
    """One periodic evaluation of an SOP."""

    periode: str
    tanggal: dt.date
    kriteria: tuple[CriterionScore, ...]
    hasil: str  # one of EVALUATION_RESULTS
    rekomendasi: tuple[str, ...] = ()
    tindak_lanjut: tuple[FollowUp, ...] = ()
    tim_penilai: tuple[str, ...] = ()
    index: int = 0  # position in the record file, from 0

    @property
    def conforms(self) -> bool:
        """Whether the evaluation found the SOP as it should be (no improvement needed)."""
        return self.hasil == CONFORMS

    @property
    def open_follow_ups(self) -> tuple[FollowUp, ...]:
        return tuple(f for f in self.tindak_lanjut if f.is_open)


@dataclass(frozen=True)
class SopRecords:
    """The monitoring and evaluation records of one SOP, evaluations oldest first."""

    sop_id: str
    monitoring: tuple[MonitoringEntry, ...] = ()
    evaluasi: tuple[Evaluation, ...] = ()
    monitoring_source: Path | None = None
    evaluasi_source: Path | None = None
    #: kind -> the checked data the records were built from; the public edition rebuilds them without the
    #: internal keys (catalogue.source.records.public_records). Empty in a public edition.
    checked: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def latest(self) -> Evaluation | None:
        return self.evaluasi[-1] if self.evaluasi else None


@dataclass(frozen=True)
class Catalogue:
    """Everything that validated, plus every problem found (warnings, and errors of files left out)."""

    root: Path
    pemdas: dict[str, Pemda]
    agencies: dict[str, Agency]  # by agency id
    sops: dict[str, Sop]  # by SOP id, in a stable order
    problems: tuple = field(default=())
    records: dict[str, SopRecords] = field(default_factory=dict)  # monitoring and evaluation, by SOP id

    @property
    def errors(self):
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self):
        return tuple(p for p in self.problems if not p.is_error)

    def agency_of(self, sop: Sop) -> Agency:
        return self.agencies[sop.agency_id]

    def pemda_of(self, sop_or_agency: Sop | Agency) -> Pemda:
        return self.pemdas[sop_or_agency.pemda_slug]

    def sops_of(self, agency: Agency) -> list[Sop]:
        return list(self._sops_by_agency.get(agency.id, ()))

    @cached_property
    def _sops_by_agency(self) -> dict[str, list[Sop]]:
        # Built once: scanning every SOP for each agency made the site build quadratic (10,000 SOPs over 300
        # agencies: 3 million comparisons per caller).
        by_agency: dict[str, list[Sop]] = {}
        for sop in self.sops.values():
            by_agency.setdefault(sop.agency_id, []).append(sop)
        return by_agency
