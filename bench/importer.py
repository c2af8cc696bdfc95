"""Importer speed and memory: seconds per document for a text PDF and a drawn-flowchart PDF, seconds per scanned
page, and the peak memory of one process importing them again and again (it must stay flat over a batch).

    .venv/bin/python -m bench.importer [--repeat N]

The documents are the three development-corpus copies the tests read (tests/data/import/corpus). Targets (issue
13): ≤ 2 s per Word or PDF document, ≤ 30 s per scanned page, memory flat over a batch of 200 documents.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from pathlib import Path

import pypdfium2 as pdfium

from catalogue.importer import parse_document

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent / "tests" / "data" / "import" / "corpus"
DOCUMENTS = {"pdf": "c02.pdf", "bagan": "c03-bagan.pdf", "pindai": "c09-pindai.pdf"}


def _pages(path: Path) -> int:
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(repeat: int, batch: int) -> dict:
    out: dict = {}
    # Memory over a batch, first (a scan's pictures would set the peak): the text PDF again and again, peak
    # RSS after the first tenth and at the end.
    path = CORPUS / DOCUMENTS["pdf"]
    early = None
    for k in range(batch):
        parse_document(path)
        if k == batch // 10:
            early = _rss_mb()
    out["batch"] = {
        "documents": batch,
        "peak_rss_mb_early": round(early or 0, 1),
        "peak_rss_mb_end": round(_rss_mb(), 1),
    }
    for kind, name in DOCUMENTS.items():
        path = CORPUS / name
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            parse_document(path)
            times.append(time.perf_counter() - start)
        per = statistics.median(times)
        pages = _pages(path)
        out[kind] = {
            "document": name,
            "pages": pages,
            "seconds_per_document": round(per, 2),
            "seconds_per_page": round(per / pages, 2),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Importer speed and memory.")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    figures = measure(args.repeat, args.batch)
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    for kind, row in figures.items():
        if kind != "batch":
            print(
                f"{kind:7} {row['seconds_per_document']:6.2f} s/dokumen  {row['seconds_per_page']:6.2f} s/halaman"
            )
    b = figures["batch"]
    print(
        f"batch   {b['documents']} dokumen: RSS puncak {b['peak_rss_mb_early']} MB → {b['peak_rss_mb_end']} MB"
    )


if __name__ == "__main__":
    main()
