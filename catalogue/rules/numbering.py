"""Step numbers as printed ("1", "1.", "8") and the gaps and repeats agencies leave in them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_TRAILING = re.compile(r"[\s.)]+$")


def step_key(no: str) -> str:
    """The comparable form of a printed step number: ``"1."`` and ``"1"`` are the same step."""
    return _TRAILING.sub("", no.strip()).lower()


def numbering_findings(numbers: Iterable[str]) -> list[tuple[int, str]]:
    """(index, message) for each repeat, and for each gap when every number is an integer."""
    keys = [step_key(n) for n in numbers]
    findings: list[tuple[int, str]] = []
    counts = Counter(keys)
    seen: set[str] = set()
    for i, key in enumerate(keys):
        if counts[key] > 1 and key in seen:
            findings.append(
                (i, f"nomor langkah '{key}' berulang; rujukan ya/tidak ke nomor ini menjadi ambigu.")
            )
        seen.add(key)
    if all(k.isdigit() for k in keys):
        values = [int(k) for k in keys]
        if values and values[0] != 1:
            findings.append((0, f"penomoran langkah dimulai dari {values[0]}, bukan 1."))
        for i in range(1, len(values)):
            if values[i] > values[i - 1] + 1:
                missing = (
                    f"{values[i - 1] + 1}"
                    if values[i] == values[i - 1] + 2
                    else f"{values[i - 1] + 1}–{values[i] - 1}"
                )
                findings.append(
                    (
                        i,
                        (
                            f"penomoran melompat dari {values[i - 1]} ke {values[i]} (nomor {missing} "
                            "tidak ada). Biarkan bila memang demikian pada dokumen yang disahkan, "
                            "dan catat di sumber.catatan."
                        ),
                    )
                )
            elif values[i] < values[i - 1]:
                findings.append((i, f"penomoran mundur dari {values[i - 1]} ke {values[i]}."))
    return findings
