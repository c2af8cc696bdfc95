"""Review precision of an import, by the corpus scorer's own rules: review items on a wrong value / items.

The corpus scorer (``../shared/corpus/score.py``) prints review recall (wrong values flagged / wrong values)
and, for information, the correct fields review items touch. Issue 13 asks for precision too: flags on wrong
values / flags. This counts each review item once (an item in the report and the same one as a ``# PERIKSA``
comment are one item, as the scorer counts them) and calls it "on a wrong value" when any field it concerns,
by the scorer's path rules, is wrong::

    ../shared/corpus/run-import.sh txt --set final --keep /tmp/imp
    .venv/bin/python -m tools.review_precision /tmp/imp/txt --format txt --set final

Also the same per field: wrong fields flagged / fields touched by any item. One simplification: an item
placed on another path that names the label of a field the draft left out (the scorer's "rule C", which
counts for recall) is not counted as on a wrong value here, so the figure errs low. ``--set`` defaults to
dev, like ``run-import.sh``.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def _scorer(corpus: Path):
    spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a --keep folder of one format (holds sops/ and laporan/)")
    parser.add_argument("--format", required=True)
    parser.add_argument("--set", default="dev", choices=("dev", "final", "all"))
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument(
        "--list", action="store_true", help="also each item on a correct value (for dev documents only)"
    )
    args = parser.parse_args(argv)
    score = _scorer(args.corpus)
    reports = sorted((args.folder / "laporan").glob("*.md"))
    result = score.run(args.folder / "sops", args.format, [str(p) for p in reports], which=args.set)
    keys = {k["id"]: k for k in score.KEY}
    report_items = score.read_reports([str(p) for p in reports])
    items_total = items_on_wrong = 0
    for doc_id, doc in result["docs"].items():
        if not doc["produced"]:
            continue
        path = Path(doc["file"])
        items = list(report_items.get(str(path.resolve()), []))
        known = {msg for _, msg in items}
        # A comment repeats a report item after its field's label: "(pelaksana) pelaksana 'X' disimpulkan …".
        items += [
            (p, m)
            for p, m in score.yaml_comment_items(path.read_text(encoding="utf-8"))
            if re.sub(r"^\([^)]*\) ", "", m) not in known
        ]
        names, wrong = set(doc["fields"]), {n for n, ok in doc["fields"].items() if not ok}
        for where, msg in items:
            got = (
                score.fields_of_path(where, names)
                if where
                else score.fields_of_file_item(msg, keys[doc_id], wrong)
            )
            items_total += 1
            items_on_wrong += bool(got & wrong)
            if args.list and not got & wrong:
                print(f"{doc_id}\t{where or '(berkas)'}\t{msg}")
    flagged = result["flagged_wrong"]
    noise = sum(d.get("false_alarms", 0) for d in result["docs"].values())
    share = items_on_wrong / max(items_total, 1)
    print(f"review items: {items_total}, on a wrong value: {items_on_wrong} = {share:.1%}")
    print(
        f"per field: wrong fields flagged {flagged}, correct fields touched {noise}: "
        f"{flagged / max(flagged + noise, 1):.1%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
