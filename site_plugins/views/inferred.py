"""How the site tells a reader that the catalogue, not the signed document, named a step's performer.

"Disimpulkan" is the data's word (``pelaksana_status``); readers get plain words instead: the performer was
*ditentukan katalog*, because it is *tidak tertulis di dokumen asli*. The reason opens on a tap or from the
keyboard (``<details>``), never only on hover, and is printed as a line of its own (procedure.css).
"""

from __future__ import annotations

from markupsafe import Markup, escape

#: The badge's words, on SOP pages and role pages alike.
INFERRED_LABEL = "pelaksana ditentukan katalog"
#: What the badge means, in one sentence a citizen understands.
INFERRED_MEANING = "Pelaksana ini tidak tertulis di dokumen asli; katalog menentukannya dari uraian kegiatan."


def inferred_performer(role: str, reason: str | None) -> Markup:
    """The badge of one step whose performer ``role`` the catalogue inferred, with its ``reason`` behind it."""
    why = escape(reason) if reason else Markup("alasannya tidak dicatat")
    return Markup(
        '<details class="sop-disimpulkan-info" data-pagefind-ignore>'
        '<summary><span class="sop-disimpulkan">{label}</span></summary>'
        "<p>{role} tidak tertulis sebagai pelaksana di dokumen asli; katalog menentukannya dari uraian "
        "kegiatan. Alasan: {why}.</p></details>"
        '<p class="sop-alasan" data-pagefind-ignore>Pelaksana ({role}) ditentukan katalog: {why}</p>'
    ).format(label=INFERRED_LABEL, role=escape(role), why=why)
