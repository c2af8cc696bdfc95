"""Reading YAML source files: fast when they are good, precise when they are not.

Files are parsed with ruamel.yaml's C-backed safe loader (fast enough for ten thousand files). Positions
are only needed to report a problem, so the round-trip parser, which keeps line and column for every node,
runs only for files that have problems (:func:`locate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .problems import FieldPath

#: Larger sources are refused: no real SOP comes near it, and parsing a huge file would stall a build.
MAX_SOURCE_BYTES = 1_000_000


class SourceReadError(Exception):
    """A file that cannot be read as YAML at all; carries a position when the parser gave one."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


@dataclass(frozen=True)
class SourceText:
    path: Path
    text: str
    data: Any


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    return yaml


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


_SAFE = _safe_yaml()


def read_text(path: Path) -> str:
    """Read a source file as UTF-8, refusing oversize files and naming the line of a bad byte."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceReadError(f"tidak dapat dibaca: {exc.strerror}") from None
    if size > MAX_SOURCE_BYTES:
        raise SourceReadError(
            f"berkas terlalu besar ({size:,} byte; batas {MAX_SOURCE_BYTES:,}). "
            "Satu berkas memuat satu SOP; pisahkan atau periksa isinya."
        )
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceReadError(
            f"bukan teks UTF-8 (byte 0x{raw[exc.start]:02x}). Simpan ulang berkas dengan encoding UTF-8.",
            line,
            column,
        ) from None


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 <= line < len(lines) and 0 <= column < len(lines[line]):
        return lines[line][column]
    return ""


def _parse_error(exc: YAMLError, source: str) -> SourceReadError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"YAML tidak valid: {problem}"
    if context:
        message += f" ({context})"
    if mark is not None and _char_at(source, mark.line, mark.column) == "\t":
        message += ". Ada karakter tab: YAML memakai spasi, bukan tab, untuk indentasi."
    if "duplicate key" in str(exc):
        message = f"kunci ganda: {problem}. Setiap kunci hanya boleh muncul sekali; hapus salah satunya."
    if mark is not None:
        return SourceReadError(message, mark.line + 1, mark.column + 1)
    return SourceReadError(message)


def parse(path: Path, text: str) -> Any:
    """Parse one YAML document with the fast loader; raise :class:`SourceReadError` on bad YAML."""
    try:
        return _SAFE.load(text)
    except MarkedYAMLError as exc:
        raise _parse_error(exc, text) from None
    except YAMLError as exc:
        raise _parse_error(exc, text) from None
    except RecursionError:
        raise SourceReadError("struktur bersarang terlalu dalam; sebuah SOP tidak memerlukannya.") from None


def read(path: Path) -> SourceText:
    text = read_text(path)
    data = parse(path, text)
    find_shared_nodes(data)
    return SourceText(path, text, data)


def find_shared_nodes(data: Any) -> None:
    """Refuse YAML anchors/aliases: sources never need them and alias bombs expand exponentially."""
    seen: set[int] = set()
    stack = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        if id(node) in seen:
            raise SourceReadError(
                "anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis isinya secara langsung."
            )
        seen.add(id(node))
        stack.extend(children)


@lru_cache(maxsize=64)
def _round_trip(text: str) -> Any:
    try:
        return _round_trip_yaml().load(text)
    except Exception:  # noqa: BLE001 - positions are best effort; the fast parser already accepted it
        return None


def locate(text: str, path: FieldPath) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of ``path`` that exists in the document."""
    node = _round_trip(text)
    line, column = 1, 1
    for part in path:
        if isinstance(node, CommentedMap) and isinstance(part, str) and part in node:
            kl, kc = node.lc.key(part)
            line, column = kl + 1, kc + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            il, ic = node.lc.item(part)
            line, column = il + 1, ic + 1
            node = node[part]
        else:
            break
    return line, column
