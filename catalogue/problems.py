"""The one error type of the catalogue: a problem found in a source file.

Every rule that inspects a source file reports through :class:`Problem`. A problem names the file, the
line and column (1-based, as editors count), the field as a dotted path (``langkah[3].pelaksana``) and a
message in plain words that says what to change. Errors stop a file from being published; warnings are
published but reported.
"""

from __future__ import annotations

import contextlib
import enum
import os
import re
from dataclasses import dataclass, field
from pathlib import Path


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    #: A value awaiting a person's review (a ``# PERIKSA:`` mark): reported as a warning, an error under
    #: ``--strict`` and in a strict build. Plain warnings are notes about what the agency signed; they never
    #: stop a build.
    REVIEW = "review"


FieldPath = tuple[str | int, ...]


def format_field_path(path: FieldPath) -> str:
    """Render ``("langkah", 2, "pelaksana")`` as ``langkah[3].pelaksana`` (list items counted from 1)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return out or "(berkas)"


def parse_field_path(text: str) -> FieldPath:
    """The inverse of :func:`format_field_path`: ``langkah[3].pelaksana`` -> ``("langkah", 2, "pelaksana")``."""
    if text == "(berkas)":
        return ()
    out: list[str | int] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", text):
        out.append(int(index) - 1 if index else name)
    return tuple(out)


@dataclass(frozen=True)
class Problem:
    """One finding about one place in one source file."""

    severity: Severity
    file: Path
    message: str
    field: FieldPath = ()
    line: int | None = None
    column: int | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def is_review(self) -> bool:
        return self.severity is Severity.REVIEW

    @property
    def field_name(self) -> str:
        return format_field_path(self.field)

    def format(self, relative_to: Path | None = None) -> str:
        """``file:line:col: severity: field: message`` — the form editors and CI logs link to."""
        path = self.file
        if relative_to is not None:
            # Lexically, not through resolve(): the file may be a symbolic link (to be named as the link the
            # author sees), a broken one, or a loop of links.
            with contextlib.suppress(ValueError):
                path = Path(os.path.abspath(path)).relative_to(os.path.abspath(relative_to))
        where = f"{path}:{self.line or 1}:{self.column or 1}"
        label = "error" if self.is_error else "warning"
        return f"{where}: {label}: {self.field_name}: {self.message}"

    def __str__(self) -> str:
        return self.format()


class CatalogueError(Exception):
    """Raised when a catalogue cannot be published; carries every problem found, errors first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (not p.is_error, str(p.file), p.line or 0))
        errors = [p for p in self.problems if p.is_error]
        head = f"{len(errors)} error(s) in the SOP sources"
        super().__init__(head + ":\n" + "\n".join(p.format() for p in errors[:50]))


@dataclass
class ProblemLog:
    """Collects problems while a file is read; positions are filled in later, only when needed."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, file: Path, path: FieldPath, message: str) -> None:
        self.problems.append(Problem(Severity.ERROR, file, message, tuple(path)))

    def warning(self, file: Path, path: FieldPath, message: str) -> None:
        self.problems.append(Problem(Severity.WARNING, file, message, tuple(path)))

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)
