"""Which version of an SOP a page or a printout shows: the identifier a printed QR code carries and the page
compares with its own (``?versi=…``).

Today the version is the SOP's latest date (revision, else effective, else creation) and a short hash of
its source file's bytes: a printout made before any later edit of the source no longer matches. When the
catalogue knows the commit that last changed a source (the revision history), that commit can take the
hash's place here, in this one function.
"""

from __future__ import annotations

import hashlib

from catalogue.model import Sop

#: Hex digits of the content hash kept in the version (8: one chance in four billion that two edits collide).
HASH_LENGTH = 8


def sop_version(sop: Sop, source: bytes | None = None) -> str:
    """``2024-05-01-1a2b3c4d``: the SOP's latest date and the hash of its source bytes (either may be
    missing: ``tanpa-tanggal-1a2b3c4d``, ``2024-05-01``)."""
    latest = sop.latest_date
    parts = [latest.isoformat() if latest else "tanpa-tanggal"]
    if source is not None:
        parts.append(hashlib.sha256(source).hexdigest()[:HASH_LENGTH])
    return "-".join(parts)
