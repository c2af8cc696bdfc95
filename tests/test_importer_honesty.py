"""The importer's two honesty promises, on eight SOP texts written without reading its code.

tests/data/import/extra/ holds SOPs whose key says, per step, whether the sentence names its performer. Whatever
the importer's accuracy on them, it must never record as written (``tertulis``) a performer the document does not
name, and every performer it only infers must carry its reason and, unless the document names it elsewhere, a
review item (catalogue/importer/performers.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from catalogue.importer import parse_document

EXTRA = Path(__file__).resolve().parent / "data" / "import" / "extra"
KEY = json.loads((EXTRA / "key.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("doc", KEY, ids=[d["id"] for d in KEY])
def test_no_unnamed_performer_is_called_written_and_every_guess_is_explained(doc):
    sop = parse_document(EXTRA / doc["file"])[0]
    assert len(sop.steps) == len(doc["steps"])
    flagged = {
        r.field[1] for r in sop.reviews if r.field[:1] == ("langkah",) and r.field[2:] == ("pelaksana",)
    }
    for i, (step, truth) in enumerate(zip(sop.steps, doc["steps"], strict=True)):
        if truth["stated"] == "none":
            assert step.pelaksana_status != "tertulis", (doc["id"], truth["no"], step.pelaksana)
        if step.pelaksana_status == "disimpulkan":
            assert step.pelaksana_alasan, (doc["id"], truth["no"])
            assert i in flagged or "mengembalikan berkas" in step.pelaksana_alasan, (doc["id"], truth["no"])
        if step.pelaksana is None:
            assert i in flagged  # undecided: the reviewer is asked
