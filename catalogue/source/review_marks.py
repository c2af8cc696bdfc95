"""Review marks: ``# PERIKSA: …`` comments on values a person has not yet confirmed.

``sop import`` writes one above every value it is unsure of, and ``sop new`` above every placeholder; a
person deletes the comment once the value is right. Until then the value is "belum ditinjau": ``sop check``
reports it (a warning, an error under ``--strict``), a strict build (``make site``) refuses it, and the SOP
page and its open data say so. Nothing unreviewed is published silently.

A mark concerns the key or list item on the first line below it (or on its own line, written after a value).
A mark separated from the next key by a blank line concerns the whole file. A message may start with the
key it names inside that item: ``# PERIKSA: (pelaksana) …`` above ``- no: 2`` concerns
``langkah[2].pelaksana``.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from catalogue.model import ReviewMark
from catalogue.problems import FieldPath, Problem, Severity

from .yaml_reader import compose

REVIEW_MARK = "PERIKSA"
_MARK = re.compile(rf"(?:^|\s)#\s*{REVIEW_MARK}\s*:\s*(?P<message>.*?)\s*$")
_HINT = re.compile(r"^\((?P<key>[A-Za-z_][\w]*)\)\s*")


def review_comment(message: str, indent: str = "") -> str:
    """The comment that marks a value for review (what ``sop new`` and ``sop import`` write)."""
    return f"{indent}# {REVIEW_MARK}: {' '.join(message.split())}"


def review_problems(path: Path, marks: tuple[ReviewMark, ...]) -> list[Problem]:
    """The "belum ditinjau" problem of each mark of a source file (an SOP or a record)."""
    return [
        Problem(
            Severity.REVIEW,
            path,
            f"belum ditinjau: {m.message} Hapus komentar '# PERIKSA' ini setelah nilainya diperiksa.",
            m.field,
            m.line,
            m.column,
        )
        for m in marks
    ]


def review_marks(text: str) -> tuple[ReviewMark, ...]:
    """Every review mark of a source text, anchored to the key or item it concerns."""
    if REVIEW_MARK not in text:
        return ()
    lines = text.splitlines()
    root = compose(text)
    inside_values = _scalar_spans(root)
    found: list[tuple[int, int, str, bool]] = []  # (line index, column, message, written after a value)
    for i, line in enumerate(lines):
        match = _MARK.search(line)
        if match is None:
            continue
        hash_at = line.index("#", match.start())
        if any(start <= (i, hash_at) < end for start, end in inside_values):
            continue  # "# PERIKSA:" quoted inside a value is text, not a comment
        found.append((i, hash_at + 1, match.group("message"), bool(line[:hash_at].strip())))
    if not found:
        return ()
    starts = _node_starts(root)
    out = []
    for i, column, message, trailing in found:
        path: FieldPath = ()
        target = i if trailing else _next_content_line(lines, i)
        if target is not None and target in starts:
            path = starts[target]
        hint = _HINT.match(message)
        if hint is not None and path:
            path = (*path, hint.group("key"))
            message = message[hint.end() :]
        out.append(ReviewMark(path, message, i + 1, column))
    return tuple(out)


def _next_content_line(lines: list[str], i: int) -> int | None:
    """The next line holding a key or item, or None when a blank line comes first (a mark on the file)."""
    for j in range(i + 1, len(lines)):
        stripped = lines[j].strip()
        if not stripped:
            return None
        if not stripped.startswith("#"):
            return j
    return None


def _node_starts(root: Node | None) -> dict[int, FieldPath]:
    """Line index -> the path of the shallowest key or list item that starts on that line."""
    starts: dict[int, FieldPath] = {}
    stack: list[tuple[Node, FieldPath]] = [(root, ())] if root is not None else []
    while stack:
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    child = (*path, key.value)
                    _claim(starts, key.start_mark.line, child)
                    stack.append((value, child))
        elif isinstance(node, SequenceNode):
            for n, item in enumerate(node.value):
                child = (*path, n)
                _claim(starts, item.start_mark.line, child)
                stack.append((item, child))
    return starts


def _scalar_spans(root: Node | None) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) as (line, column) of every value: a comment never starts inside one."""
    spans = []
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            spans.append(
                ((node.start_mark.line, node.start_mark.column), (node.end_mark.line, node.end_mark.column))
            )
        elif isinstance(node, MappingNode):
            stack.extend(n for pair in node.value for n in pair)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return spans


def _claim(starts: dict[int, FieldPath], line: int, path: FieldPath) -> None:
    if line not in starts or len(path) < len(starts[line]):
        starts[line] = path
