"""Reading YAML source files: fast when they are good, precise when they are not.

Files are parsed with ruamel.yaml's C-backed safe loader (fast enough for ten thousand files). Positions
are only needed to report a problem, so the node tree, which keeps line and column for every node, is
composed only for files that have problems (:func:`locate`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from catalogue.problems import FieldPath

from .yaml_errors import explain

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


def _scalar_or_text(base: type, method: str) -> Any:
    # Some scalars look typed but cannot be built: `2024-02-30` is not on the calendar. ruamel raises a bare
    # ValueError without a position. Keep the text instead: the field's own rule then reports it with its
    # line and column.
    def construct(self: Any, node: Any, *args: Any) -> Any:
        try:
            return getattr(base, method)(self, node, *args)
        except (ValueError, OverflowError):
            return str(node.value)

    return construct


class _SourceConstructor(SafeConstructor):
    pass


def _as_written(self: Any, node: Any) -> str:
    # The format has no numeric field: every value is text kept as the agency wrote it. YAML would read an
    # unquoted `nomor: 067001` as 67001, `no: 1.10` as 1.1 and `.inf` as infinity.
    return str(node.value)


_SourceConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", _scalar_or_text(SafeConstructor, "construct_yaml_timestamp")
)
for _tag in ("int", "float"):
    _SourceConstructor.add_constructor(f"tag:yaml.org,2002:{_tag}", _as_written)


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _SourceConstructor
    yaml.allow_duplicate_keys = False
    return yaml


_SAFE = _safe_yaml()


def forget_documents(yaml: YAML) -> None:
    """ruamel.yaml (0.18+) keeps a record of every document a YAML instance has read (``doc_infos``): one
    shared instance reading ten thousand sources, or an importer drafting hundreds of documents, would grow
    without end. Drop the records after each read."""
    infos = getattr(yaml, "doc_infos", None)
    if infos:
        infos.clear()


def _unreadable(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "berkas tidak dapat dibaca: izin ditolak. Beri izin baca pada berkas ini (mis. `chmod a+r`)."
    return f"berkas tidak dapat dibaca: {exc.strerror or exc}."


def read_text(path: Path) -> str:
    """Read a source file as UTF-8, refusing oversize files and naming the line of a bad byte."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SourceReadError(_unreadable(exc)) from None
    if size > MAX_SOURCE_BYTES:
        raise SourceReadError(
            f"berkas terlalu besar ({size:,} byte; batas {MAX_SOURCE_BYTES:,}). "
            "Satu berkas memuat satu SOP; pisahkan atau periksa isinya."
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceReadError(_unreadable(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceReadError(
            f"bukan teks UTF-8 (byte 0x{raw[exc.start]:02x}). Simpan ulang berkas dengan encoding UTF-8.",
            line,
            column,
        ) from None
    bad = _CONTROL.search(text)
    if bad is not None:
        # YAML refuses control characters, but its reader names no line: find it here.
        line = text.count("\n", 0, bad.start()) + 1
        column = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        raise SourceReadError(
            f"karakter kendali U+{ord(bad.group()):04X} tidak diizinkan dalam teks (sering terbawa dari salinan "
            "dokumen); hapus karakter itu.",
            line,
            column,
        )
    return text


#: Characters YAML does not accept in a document (tab, line feed and carriage return are allowed).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x84\x86-\x9f\ufffe\uffff]")


def _parse_error(exc: YAMLError, source: str) -> SourceReadError:
    explained = explain(exc, source)
    return SourceReadError(explained.message, explained.line, explained.column)


#: Deeper sources are refused before the C parser sees them: it composes recursively and crashes the whole
#: process (no exception) somewhere past 20,000 levels. Real SOPs nest about five levels.
MAX_NESTING_DEPTH = 1_000
_COLLECTION_START = ("SequenceStartEvent", "MappingStartEvent")
_COLLECTION_END = ("SequenceEndEvent", "MappingEndEvent")


#: Where an anchor (&name) or alias (*name) could start: the indicator right before a name, after a space,
#: a line start or a flow/value indicator. Prose such as "Sarana & Prasarana" does not match.
_ANCHOR_LIKE = re.compile(r"(?:^|[\s\[\]{},:])[&*][^\s,\[\]{}]", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """A cheap upper bound of the nesting depth: every level opens with a bracket, an indicator or a line."""
    return sum(text.count(c) for c in "[{-?:\n") + 1


def _refuse_anchors_and_depth(text: str) -> None:
    """Refuse the first anchor or alias, and junk nested too deep, with their positions. Only files that
    look like they hold one, or might be nested too deep, pay for this extra pass over the parser's events
    (the event parser keeps its own stack, so it is safe at any depth)."""
    if _nesting_bound(text) <= MAX_NESTING_DEPTH and not _ANCHOR_LIKE.search(text):
        return
    try:
        _check_events(text)
    finally:
        forget_documents(_SAFE)


def _check_events(text: str) -> None:
    depth = 0
    for event in _SAFE.parse(text):
        name = type(event).__name__
        if getattr(event, "anchor", None) is not None:
            mark = event.start_mark
            raise SourceReadError(
                "anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis isinya secara langsung.",
                mark.line + 1,
                mark.column + 1,
            )
        if name in _COLLECTION_START:
            depth += 1
            if depth > MAX_NESTING_DEPTH:
                mark = event.start_mark
                raise SourceReadError(
                    f"struktur bersarang lebih dari {MAX_NESTING_DEPTH:,} tingkat; sebuah SOP tidak memerlukannya.",
                    mark.line + 1,
                    mark.column + 1,
                )
        elif name in _COLLECTION_END:
            depth -= 1


# --- the fast path -----------------------------------------------------------------------------------------
#
# ruamel.yaml builds its objects in Python; PyYAML's loader over libyaml (MkDocs depends on PyYAML) reads the
# same sources in about 40 % of the time. ruamel stays the one verdict: a file PyYAML cannot read, or reads
# with a duplicate key (PyYAML keeps the last one silently), is read again by ruamel, which accepts it or
# says precisely what is wrong. Where the two YAML versions differ on a value the fast loader is made to
# read as ruamel (YAML 1.2) does: only true/false are booleans (YAML 1.1 also reads yes/no/on/off, and a
# step's `no:` key would become False); numbers stay the text the agency wrote.


class _DuplicateKey(Exception):
    pass


def _fast_loader() -> type | None:
    try:
        import yaml as pyyaml
    except ImportError:  # pragma: no cover - MkDocs depends on PyYAML
        return None
    base = getattr(pyyaml, "CSafeLoader", None)
    if base is None:  # pragma: no cover - a PyYAML without libyaml is no faster than ruamel
        return None

    class FastLoader(base):  # type: ignore[misc, valid-type]
        yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }

        def construct_mapping(self, node: Any, deep: bool = False) -> dict:
            keys = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    duplicate = key in keys
                except TypeError:  # an unhashable key: ruamel explains it
                    raise _DuplicateKey from None
                if duplicate:
                    raise _DuplicateKey
                keys.add(key)
            return super().construct_mapping(node, deep=deep)

    FastLoader.add_implicit_resolver("tag:yaml.org,2002:bool", _YAML12_BOOL, list("tTfF"))
    FastLoader.add_constructor(
        "tag:yaml.org,2002:timestamp",
        _scalar_or_text(pyyaml.constructor.SafeConstructor, "construct_yaml_timestamp"),
    )
    for tag in ("int", "float"):
        FastLoader.add_constructor(f"tag:yaml.org,2002:{tag}", _as_written)
    return FastLoader


_YAML12_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_FAST_LOADER = _fast_loader()


def _fast_load(text: str) -> Any:
    """The document as PyYAML over libyaml reads it, or None when ruamel must read it."""
    if _FAST_LOADER is None:
        return None
    import yaml as pyyaml

    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:  # an empty document: ruamel's answer is the verdict
            return None
        data = loader.construct_document(node)
    except (pyyaml.YAMLError, _DuplicateKey, ValueError, TypeError, RecursionError):
        return None
    finally:
        loader.dispose()
    # Only documents a source can be: anything else (a bare scalar, bytes) is ruamel's to judge.
    return data if isinstance(data, (dict, list)) else None


def parse(path: Path, text: str) -> Any:
    """Parse one YAML document (fast loader first; ruamel when it cannot); raise :class:`SourceReadError`
    on bad YAML."""
    try:
        _refuse_anchors_and_depth(text)
        fast = _fast_load(text)
        if fast is not None:
            return fast
        return _SAFE.load(text)
    except MarkedYAMLError as exc:
        raise _parse_error(exc, text) from None
    except YAMLError as exc:
        raise _parse_error(exc, text) from None
    except RecursionError:
        raise SourceReadError("struktur bersarang terlalu dalam; sebuah SOP tidak memerlukannya.") from None
    finally:
        forget_documents(_SAFE)


def read(path: Path, text: str | None = None) -> SourceText:
    """Read and parse ``path``, or parse ``text`` as its content (an old version, from git)."""
    text = read_text(path) if text is None else text
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
def _node_tree(text: str) -> Any:
    # The C parser's node tree carries the line and column of every key and item: 5-10x faster than the
    # round-trip loader (pure Python), which mattered when a twentieth of 10,000 files had a warning.
    try:
        return _SAFE.compose(text)
    except Exception:  # noqa: BLE001 - positions are best effort; the fast parser already accepted it
        return None
    finally:
        forget_documents(_SAFE)


def compose(text: str) -> Any:
    """The node tree of a source that parses (lines and columns of every key and item); None if it does not."""
    return _node_tree(text)


def locate(text: str, path: FieldPath) -> tuple[int, int]:
    """Line and column (1-based) of the deepest node of ``path`` that exists in the document."""
    node = _node_tree(text)
    line, column = 1, 1
    for part in path:
        if isinstance(node, MappingNode) and isinstance(part, str):
            found = next(
                ((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None
            )
            if found is None:
                break
            key, node = found
            line, column = key.start_mark.line + 1, key.start_mark.column + 1
        elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
            node = node.value[part]
            line, column = node.start_mark.line + 1, node.start_mark.column + 1
        else:
            break
    return line, column
