"""Decision steps (the diamond): recognised only when the document names where each branch goes.

A step is made a ``keputusan`` when its text or Keterangan names the "Tidak" target explicitly ("Tidak: kembali
ke langkah 2", "jika tidak lengkap dikembalikan ke langkah 2"). The "Ya" branch is then the named target, or the
next step (the forward branch every flowchart takes), which is said in a review note. A step that reads like a
decision but names no target stays a process step and is listed for review.
"""

from __future__ import annotations

import re

from catalogue.rules.numbering import step_key

from .parsed import ParsedSop

_REF = (r"(?:(?:ke\s+)?(?:langkah|no\.?|nomor|kegiatan)\s*(?:ke\s*)?|\s*(?:[:=]|->|→|⇒|>)\s*(?:ke\s+)?)"
        r"(?P<n>\d{1,3})\b")
_NO = re.compile(rf"\btidak\b[^.;]*?(?:kembali\s+)?{_REF}", re.IGNORECASE)
_YES = re.compile(rf"(?<!tidak )(?<!belum )\b(?:ya|lengkap|sesuai|disetujui|setuju|benar)\b\s*(?:lanjut\s+)?{_REF}", re.IGNORECASE)
_LOOKS = re.compile(r"\?\s*$|\b(?:apabila|jika|bila)\b.*\b(?:tidak|belum)\b|\bya\s*/\s*tidak\b", re.IGNORECASE)


def detect_decisions(sop: ParsedSop) -> None:
    keys = [step_key(s.no) for s in sop.steps]

    def target(n: str | None, here: int) -> str | None:
        """A branch target only if exactly one other step carries that number."""
        if n is None or keys.count(step_key(n)) != 1 or keys.index(step_key(n)) == here:
            return None
        return sop.steps[keys.index(step_key(n))].no

    for i, step in enumerate(sop.steps):
        if step.drawn:
            continue  # a drawn flowchart already stated the step's kind and branches (flowchart_evidence)
        text = " ".join(x for x in (step.kegiatan, step.keterangan or "") if x)
        no = _NO.search(text)
        tidak = target(no.group("n") if no else None, i)
        if tidak is not None:
            yes = _YES.search(text)
            ya = target(yes.group("n") if yes else None, i)
            if ya is None and i + 1 < len(sop.steps):
                ya = target(sop.steps[i + 1].no, i)
                if ya is not None:
                    sop.review(("langkah", i, "ya"), f"cabang Ya tidak tertulis; diisi langkah berikutnya ({ya}). "
                                                     "Pastikan.")
            if ya is not None:
                step.jenis, step.ya, step.tidak = "keputusan", ya, tidak
                continue
            sop.review(("langkah", i, "jenis"), "langkah ini tampaknya keputusan, tetapi cabang Ya tidak dapat "
                                                "ditentukan; isi `jenis`, `ya` dan `tidak`.")
            continue
        if _LOOKS.search(text) or (step.symbol_text or "").strip().lower() in ("ya", "tidak", "ya/tidak") or no:
            sop.review(("langkah", i, "jenis"), "langkah ini tampaknya keputusan, tetapi tujuan cabang Ya/Tidak "
                                                "tidak tertulis dengan jelas; bila benar keputusan, isi "
                                                "`jenis: keputusan`, `ya` dan `tidak`.")
