"""The letterhead (kop) above an SOP: the pemda, the agency, the issuing unit and the office address.

The kop is printed above the identity block, or in a cell beside it, one line each: "PEMERINTAH KABUPATEN
SIGI", "BADAN PENGELOLAAN KEUANGAN DAN ASET DAERAH", "BIDANG PERBENDAHARAAN", "Jl. Poros Palu-Palolo, Bora".
The agency and the pemda are already the catalogue folder; what the record keeps from the kop is the unit
within the agency that issued the SOP (a Bidang, Seksi, Subbagian, UPTD…), written as printed, and the
address, which belongs to the agency's ``_instansi.yml`` (``alamat``). A unit line counts only below an
agency line: a "Sekretariat Daerah" or a UPTD standing alone is the agency itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .items import clean

_PEMDA = re.compile(r"^pemerintah\s+(?:kabupaten|kota|provinsi|kab\.)\b", re.IGNORECASE)
_AGENCY = re.compile(
    r"^(?:dinas|badan|kantor|kecamatan|kelurahan|desa|sekretariat|inspektorat|satuan|rumah\s+sakit|rsud|"
    r"camat|biro|kesatuan|unit\s+pelaksana|uptd?|puskesmas|lembaga)\b",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"^(?:bidang|seksi|sub\s*bagian|subbagian|sub\s*bidang|subbidang|bagian|uptd?|unit\s+pelaksana\s+teknis|"
    r"instalasi|sekretariat|cabang\s+dinas|puskesmas)\b",
    re.IGNORECASE,
)
_ADDRESS = re.compile(
    r"^(?:jl\.?|jln\.?|jalan|alamat|kompleks|komplek|kompl\.|gedung|gd\.|telp|telepon|tlp|fax|faks|kode\s+pos|"
    r"e-?mail|surel|website|laman|situs)\b|\btelp\.?\s*[:(]?\s*\(?\d|\bkode\s+pos\b",
    re.IGNORECASE,
)
_TITLE = re.compile(r"^(?:standar\s+operasional\s+prosedur|sop\b|prosedur\b)", re.IGNORECASE)


@dataclass
class Letterhead:
    pemda: str | None = None
    agency: str | None = None
    units: list[str] = field(default_factory=list)
    address: list[str] = field(default_factory=list)

    @property
    def unit(self) -> str | None:
        return ", ".join(self.units) or None

    @property
    def alamat(self) -> str | None:
        return ", ".join(self.address) or None


def read_letterhead(lines: list[str]) -> Letterhead:
    """Sort the kop's lines into pemda, agency, units and address (each kept once, as written)."""
    head = Letterhead()
    for raw in lines:
        line = clean(raw).strip(" ,")
        if not line or _TITLE.match(line):
            continue
        if _ADDRESS.search(line):
            text = re.sub(r"^alamat\s*[:：]?\s*", "", line, flags=re.IGNORECASE)
            if text and text not in head.address:
                head.address.append(text)
        elif _PEMDA.match(line):
            head.pemda = head.pemda or line
        elif head.agency is not None and _UNIT.match(line) and line != head.agency:
            if line not in head.units:
                head.units.append(line)
        elif _AGENCY.match(line):
            head.agency = head.agency or line
    return head
