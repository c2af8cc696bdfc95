"""More development scans: the corpus's dev documents that have no scan, scanned by the corpus's own renderer.

The development corpus (``../shared/corpus``) has scans of only three dev documents (c06, c09, c10), too few
to tell a rule from luck. This copies the corpus to OUT, scans every other dev document from its printed
flowchart (``bagan``) or, without one, its PDF, with the corpus's renderer (``_build/render_scan.py``: 150 dpi,
slight rotation, paper tone, grain, specks, blur, JPEG; seeded by the document's id + "-ext", so the pictures
differ from any the corpus holds), and writes the key's ``pindai`` entries (the performer evidence of the
source print). The held-out documents (c11-c14) are not touched. Then score with the copy's own script::

    python -m tools.corpus_scans /tmp/corpus-ext       # needs img2pdf (pip install img2pdf)
    /tmp/corpus-ext/run-import.sh pindai
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    out = Path(argv[0])
    if out.exists():
        print(f"{out} sudah ada; pilih folder baru.", file=sys.stderr)
        return 1
    shutil.copytree(CORPUS, out)
    sys.path.insert(0, str(out / "_build"))
    from render_scan import scan_pdf  # the corpus's own renderer

    key_path = out / "key.json"
    key = json.loads(key_path.read_text(encoding="utf-8"))
    for doc in key:
        if doc["split"] != "dev" or "pindai" in doc["formats"]:
            continue
        source = "bagan" if "bagan" in doc["formats"] else "pdf"
        name = f"pindai/{doc['id']}-pindai.pdf"
        pages = scan_pdf(str(out / doc["formats"][source]), str(out / name), doc["id"] + "-ext")
        doc["formats"]["pindai"] = name
        doc["pindai_source"] = source
        for step in doc["steps"]:
            step["performer_evidence"]["pindai"] = step["performer_evidence"][source]
        print(f"{doc['id']}: {pages} halaman, dipindai dari {source}")
    key_path.write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
