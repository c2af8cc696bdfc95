"""The previous export given to ``sop export --previous``: read and checked before it is trusted.

The guard against vanished public identifiers compares the catalogue with the ``katalog.json`` published
before. A file that is not such a document (truncated, empty, ``null``, another JSON file such as
package.json, or ``{}``) would make the guard pass without comparing anything, so it is checked against the
export's own JSON Schema first, and refused with the place of its first faults. A document of an earlier
release of the same format version, without the keys added since, is accepted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from catalogue.problems import Problem, Severity

from .schema import earlier_json_schema

#: Faults listed before the rest are summed up: a wrong file has thousands of them.
MAX_FAULTS = 5


def read_previous(path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The previous ``katalog.json`` as a document, or None and the problems that make it unusable."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        return None, [
            Problem(Severity.ERROR, path, f"berkas ekspor sebelumnya tidak dapat dibaca: {reason}.")
        ]
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, [
            Problem(
                Severity.ERROR,
                path,
                f"bukan JSON yang utuh ({exc.msg}); berikan katalog.json terbitan sebelumnya yang lengkap.",
                (),
                exc.lineno,
                exc.colno,
            )
        ]
    faults = sorted(
        Draft202012Validator(earlier_json_schema("katalog")).iter_errors(document),
        key=lambda e: [str(p) for p in e.absolute_path],
    )
    if not faults:
        return document, []
    problems = [
        Problem(
            Severity.ERROR,
            path,
            f"bukan katalog.json ekspor katalog ini: {_fault(e)}.",
            tuple(e.absolute_path),
        )
        for e in faults[:MAX_FAULTS]
    ]
    if len(faults) > MAX_FAULTS:
        problems.append(
            Problem(
                Severity.ERROR,
                path,
                f"dan {len(faults) - MAX_FAULTS} ketidaksesuaian lain dengan "
                "skema ekspor (skema/katalog.schema.json).",
            )
        )
    return None, problems


def _fault(error: Any) -> str:
    if error.validator == "required":
        return f"kunci wajib tidak ada ({error.message.split(' ')[0]})"
    if error.validator == "type":
        return f"jenis nilai salah (harus {error.validator_value})"
    if error.validator == "const":
        return f"nilai harus {error.validator_value!r}"
    return error.message[:160]
