"""Import each extra document into a temporary catalogue and score performers: pelaksana and stated.

    .venv/bin/python tests/data/import/extra/score.py [--explain]

Steps are paired by position; a performer is right when its header matches the key's (case and spacing
aside), stated is right when ``pelaksana_status`` is ``tertulis`` exactly where the key says ``subject``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ruamel.yaml import YAML

HERE = Path(__file__).resolve().parent
SOP = Path(sys.executable).with_name("sop")


def norm(text: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (text or "").casefold()).strip()


def main() -> int:
    explain = "--explain" in sys.argv
    key = json.loads((HERE / "key.json").read_text(encoding="utf-8"))
    totals = {"pelaksana": [0, 0], "stated": [0, 0], "none_pelaksana": [0, 0]}
    with tempfile.TemporaryDirectory() as tmp:
        for doc in key:
            agency = Path(tmp) / "pemda" / doc["id"]
            agency.mkdir(parents=True)
            (agency.parent / "_pemda.yml").write_text("nama: Kab. Uji\n", encoding="utf-8")
            (agency / "_instansi.yml").write_text(f"nama: {doc['agency']}\n", encoding="utf-8")
            run = subprocess.run(
                [str(SOP), "import", str(HERE / doc["file"]), "--instansi", str(agency)],
                capture_output=True,
                text=True,
            )
            files = [p for p in agency.glob("*.yml") if not p.name.startswith("_")]
            if not files:
                print(f"{doc['id']}: not imported\n{run.stdout}{run.stderr}")
                continue
            data = YAML(typ="safe").load(files[0].read_text(encoding="utf-8"))
            steps = data.get("langkah") or []
            right = {"pelaksana": 0, "stated": 0, "none_pelaksana": 0}
            nones = 0
            for i, ks in enumerate(doc["steps"]):
                s = steps[i] if i < len(steps) else {}
                p_ok = norm(s.get("pelaksana")) == norm(ks["pelaksana"])
                stated = ks["stated"] == "subject"
                s_ok = bool(s.get("pelaksana")) and ((s.get("pelaksana_status") == "tertulis") == stated)
                right["pelaksana"] += p_ok
                right["stated"] += s_ok
                if not stated:
                    nones += 1
                    right["none_pelaksana"] += p_ok
                if explain and not (p_ok and s_ok):
                    print(
                        f"  {doc['id']} {ks['no']}: got {s.get('pelaksana')!r} {s.get('pelaksana_status')}, "
                        f"key {ks['pelaksana']!r} {ks['stated']} | {ks['uraian'][:90]}"
                    )
            n = len(doc["steps"])
            for name, count in (("pelaksana", n), ("stated", n), ("none_pelaksana", nones)):
                totals[name][0] += right[name]
                totals[name][1] += count
            print(
                f"{doc['id']}: pelaksana {right['pelaksana']}/{n}, stated {right['stated']}/{n}, "
                f"unstated performer guessed {right['none_pelaksana']}/{nones}"
            )
    for name, (ok, n) in totals.items():
        print(f"{name}: {ok}/{n} = {100 * ok / max(n, 1):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
