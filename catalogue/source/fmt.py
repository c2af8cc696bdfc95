"""Canonical order and style of source files, used by ``sop fmt`` and by the importer's drafts.

Style comes from one ruamel.yaml round-trip configuration (block style, two-space mappings, sequences indented
under their key, no line folding, quotes kept as written); a short list of scalars inside a step or a role
(``kelengkapan: ["Disposisi"]``, ``alias: [Sekcam]``) stays on one line. Order is the order of fields in
:mod:`catalogue.source.format`; unknown keys keep their relative order after the known ones (``sop check``
reports them). Keys are reordered on the text, span by span, so every comment travels with the key it sits
above or beside — ruamel alone would attach a full-line comment to the key *before* it.

The result is accepted only if it parses to exactly the same data as the input; otherwise the caller gets a
:class:`FormatError` and nothing is written.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from . import format as source_format
from .spec import ListOf, Obj
from .yaml_reader import SourceReadError, find_shared_nodes, parse


class FormatError(Exception):
    """A file that cannot be formatted safely; the message says why, in Indonesian."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 1_000_000  # never fold an agency's long sentence
    yaml.preserve_quotes = True
    yaml.allow_duplicate_keys = False
    return yaml


def spec_for(path: Path) -> Obj:
    """The spec whose field order applies to a source file, by its name."""
    if path.name == "_instansi.yml":
        return source_format.AGENCY
    if path.name == "_pemda.yml":
        return source_format.PEMDA
    return source_format.SOP


#: A nested list of short scalars (``kelengkapan``, ``alias``) is written inline when it fits this width.
INLINE_WIDTH = 100


def _apply_style(node: Any, depth: int = 0, indent: int = 0, key: str = "") -> None:
    """Block style everywhere, except short scalar lists below the top level, which stay on one line."""
    if isinstance(node, CommentedSeq):
        scalars = all(isinstance(x, (str, int, float)) and "\n" not in str(x) for x in node)
        inline = len(node) and indent + len(key) + sum(len(str(x)) + 4 for x in node) + 4 <= INLINE_WIDTH
        if depth >= 2 and scalars and inline and not node.ca.items:
            node.fa.set_flow_style()
            return
        node.fa.set_block_style()
        for child in node:
            _apply_style(child, depth + 1, indent + 4)
    elif isinstance(node, CommentedMap):
        node.fa.set_block_style()
        for k, child in node.items():
            _apply_style(child, depth + 1, indent + 2, str(k))


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def _load_rt(text: str) -> Any:
    return _yaml().load(text)


def _is_filler(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _spans(lines: list[str], starts: list[int], end: int) -> list[tuple[int, int]]:
    """Split [starts[0], end) into one span per node; comment lines above a node belong to it."""
    bounds = []
    for n, line_no in enumerate(starts):
        if n == 0:
            bounds.append(line_no)
            continue
        s = line_no
        while s - 1 > starts[n - 1] and _is_filler(lines[s - 1]):
            s -= 1
        bounds.append(s)
    return [(bounds[n], bounds[n + 1] if n + 1 < len(bounds) else end) for n in range(len(bounds))]


def _nested(spec: Obj | None, key: Any) -> tuple[Obj | None, Obj | None]:
    """(spec of a mapping value, spec of the items of a list value) for ``key``."""
    if spec is None or not isinstance(key, str):
        return None, None
    field = spec.field_map().get(key)
    if field is None:
        return None, None
    kind = field.kind
    if isinstance(kind, Obj):
        return kind, None
    if isinstance(kind, ListOf) and isinstance(kind.item, Obj):
        return None, kind.item
    return None, None


def _reorder_map(lines: list[str], start: int, end: int, node: CommentedMap, spec: Obj | None) -> list[str]:
    keys = list(node.keys())
    if not keys:
        return lines[start:end]
    key_lines = [node.lc.key(k)[0] for k in keys]
    if key_lines != sorted(key_lines) or key_lines[0] < start:
        return lines[start:end]
    spans = _spans(lines, key_lines, end)
    head = lines[start : spans[0][0]]
    rendered: dict[Any, list[str]] = {}
    for k, line_no, (s, e) in zip(keys, key_lines, spans, strict=True):
        value = node[k]
        map_spec, item_spec = _nested(spec, k)
        body_start = line_no + 1
        if isinstance(value, CommentedMap) and map_spec is not None and body_start < e:
            rendered[k] = lines[s:body_start] + _reorder_map(lines, body_start, e, value, map_spec)
        elif isinstance(value, CommentedSeq) and item_spec is not None and body_start < e:
            rendered[k] = lines[s:body_start] + _reorder_seq(lines, body_start, e, value, item_spec)
        else:
            rendered[k] = lines[s:e]
    order = [f.key for f in spec.fields] if spec is not None else []
    known = [k for k in order if k in rendered]
    unknown = [k for k in keys if k not in order]
    out = list(head)
    for k in known + unknown:
        out += rendered[k]
    return out


def _reorder_seq(lines: list[str], start: int, end: int, node: CommentedSeq, item_spec: Obj) -> list[str]:
    if not len(node):
        return lines[start:end]
    item_lines = [node.lc.item(i)[0] for i in range(len(node))]
    if item_lines != sorted(item_lines) or item_lines[0] < start:
        return lines[start:end]
    spans = _spans(lines, item_lines, end)
    out = list(lines[start : spans[0][0]])
    for i, (s, e) in enumerate(spans):
        item = node[i]
        if not isinstance(item, CommentedMap) or not len(item):
            out += lines[s:e]
            continue
        line_no, col = node.lc.item(i)
        dash = lines[line_no].rfind("-", 0, col)
        if dash < 0 or lines[line_no][dash + 1 : col].strip():
            out += lines[s:e]
            continue
        work = list(lines)
        work[line_no] = work[line_no][:dash] + " " + work[line_no][dash + 1 :]
        body = _reorder_map(work, line_no, e, item, item_spec)
        first = next(n for n, x in enumerate(body) if not _is_filler(x))
        body[first] = body[first][:dash] + "-" + body[first][dash + 1 :]
        out += lines[s:line_no] + body
    return out


def format_text(text: str, spec: Obj = source_format.SOP) -> str:
    """The canonical form of one source text; raises :class:`FormatError` rather than change its data. A
    file written with Windows line endings keeps them."""
    if "\r" in text:
        crlf = text.count("\r\n") * 2 > text.count("\n")
        formatted = format_text(text.replace("\r\n", "\n").replace("\r", "\n"), spec)
        return formatted.replace("\n", "\r\n") if crlf else formatted
    try:
        original = parse(Path("-"), text)
        find_shared_nodes(original)
    except SourceReadError as exc:
        where = f" (baris {exc.line})" if exc.line else ""
        raise FormatError(f"tidak dapat dibaca sebagai YAML{where}: {exc.message}") from None
    if original is None:
        return text
    data = _load_rt(text)
    _apply_style(data)
    current = _dump(data)
    for _ in range(4):
        data = _load_rt(current)
        if not isinstance(data, CommentedMap):
            break
        lines = current.splitlines(keepends=True)
        reordered = "".join(_reorder_map(lines, 0, len(lines), data, spec))
        if reordered == current:
            break
        current = _dump(_load_rt(reordered))  # moved spans get the canonical indentation
    else:
        raise FormatError("bentuk kanonik tidak stabil; berkas dibiarkan apa adanya.")
    try:
        result = parse(Path("-"), current)
    except SourceReadError as exc:  # pragma: no cover - a ruamel bug; refuse rather than corrupt
        raise FormatError(f"hasil format tidak dapat dibaca ulang: {exc.message}") from None
    if result != original:
        raise FormatError("hasil format mengubah isi data; berkas dibiarkan apa adanya.")
    return current
