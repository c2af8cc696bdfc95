"""A small declarative description of source files, used three ways from one definition.

The same spec checks a parsed YAML document (field by field, with messages in Indonesian that say how to
fix the file), emits the published JSON Schema (so editors autocomplete and validate), and renders the
reference documentation of every key. Keeping one definition is what keeps the three in sync.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from catalogue.problems import FieldPath

Report = Callable[[FieldPath, str], None]


class Kind:
    """A value type: checks and normalises a value, and describes itself as JSON Schema."""

    label = "nilai"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "angka"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pemetaan (kunci: nilai)"
    if isinstance(value, (dt.date, dt.datetime)):
        return "tanggal"
    if value is None:
        return "kosong"
    return type(value).__name__


@dataclass(frozen=True)
class Text(Kind):
    """A line of text. Unquoted numbers are text as written (``no: 1.10`` → ``"1.10"``, ``067001`` →
    ``"067001"``): the reader never turns them into numbers (:mod:`catalogue.source.yaml_reader`)."""

    allow_empty: bool = False
    label: str = "teks"
    #: The value is one of the values of another key of the same document (an editor offers them as
    #: choices): ``"pelaksana"`` (a list) or ``"langkah.no"`` (a key of each item of a list).
    choices_from: str | None = None
    #: Values allowed besides those of ``choices_from`` (e.g. ``-`` for a branch that ends the procedure).
    extra_choices: tuple[str, ...] = ()

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        # Anything but a scalar (lists, mappings, and tagged oddities such as !!binary or !!set) is refused.
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            error(path, f"harus berupa teks, bukan {_type_name(value)}.")
            return None
        if isinstance(value, (dt.date, dt.datetime)):
            error(path, "harus berupa teks; beri tanda kutip agar tidak dibaca sebagai tanggal.")
            return None
        text = str(value).strip()
        if not text and not self.allow_empty:
            error(path, "tidak boleh kosong.")
            return None
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "number"], **({} if self.allow_empty else {"minLength": 1})}


@dataclass(frozen=True)
class TextList(Kind):
    """A numbered box of the form: a list of lines. A single line may be written without the list."""

    label: str = "daftar teks"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        if value is None:
            return []
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            error(path, f"harus berupa daftar teks (baris diawali '- '), bukan {_type_name(value)}.")
            return None
        out = []
        for i, item in enumerate(value):
            text = Text().check(item, path + (i,), error)
            if text is not None:
                out.append(text)
        return out

    def schema(self) -> dict[str, Any]:
        return {
            "oneOf": [
                {"type": "array", "items": {"type": ["string", "number"], "minLength": 1}},
                {"type": "string"},
                {"type": "null"},
            ]
        }


@dataclass(frozen=True)
class Enum(Kind):
    values: tuple[str, ...] = ()
    label: str = "pilihan"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        if not isinstance(value, str) or value.strip().lower() not in self.values:
            error(path, f"nilai {value!r} tidak dikenal; pilih salah satu: {', '.join(self.values)}.")
            return None
        return value.strip().lower()

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class Count(Kind):
    """A whole number within bounds (``3``)."""

    minimum: int = 1
    maximum: int = 100
    label: str = "bilangan bulat"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        # The reader keeps unquoted numbers as written text (yaml_reader), so "3" is a number here.
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        if text is None or not text.isdigit() or not self.minimum <= int(text) <= self.maximum:
            error(path, f"harus berupa bilangan bulat {self.minimum} sampai {self.maximum}, bukan {value!r}.")
            return None
        return int(text)

    def schema(self) -> dict[str, Any]:
        return {
            "anyOf": [
                {"type": "integer", "minimum": self.minimum, "maximum": self.maximum},
                {"type": "string", "pattern": r"^\s*\d+\s*$"},
            ]
        }


@dataclass(frozen=True)
class DateValue(Kind):
    """A date: ``2024-01-02`` or as printed, ``2 Januari 2024``; ``-`` or empty where the form says none."""

    nullable: bool = False
    label: str = "tanggal"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        from catalogue.rules.dates import parse_date

        if value is None or (isinstance(value, str) and value.strip() in ("", "-")):
            if self.nullable:
                return None
            error(path, "tanggal wajib diisi (format 2024-01-02 atau '2 Januari 2024').")
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            parsed = parse_date(value)
            if parsed is not None:
                return parsed
        error(
            path,
            f"tanggal {value!r} tidak valid; tulis sebagai 2024-01-02 atau '2 Januari 2024'"
            " dan periksa hari dan bulannya.",
        )
        return None

    def schema(self) -> dict[str, Any]:
        types: list[dict[str, Any]] = [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": r"^\s*\d{1,2}\s+\S+\s+\d{4}\s*$"},
        ]
        if self.nullable:
            types += [{"type": "null"}, {"const": "-"}]
        return {"anyOf": types}


@dataclass(frozen=True)
class Bool(Kind):
    """Yes or no, written ``true`` / ``false``."""

    label: str = "true/false"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        if not isinstance(value, bool):
            error(path, f"harus berupa true atau false, bukan {_type_name(value)}.")
            return None
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


#: What the reference documentation adds to the meaning of a key published only in the internal edition.
INTERNAL_NOTE = "*Internal: hanya pada edisi internal.*"


@dataclass(frozen=True)
class Field:
    key: str
    kind: Kind
    doc: str
    required: bool = False
    example: Any = None
    #: Published only in the internal edition of the site (never in the public edition or its open data).
    internal: bool = False

    @property
    def described(self) -> str:
        """The meaning of the key as the JSON Schema and the reference state it."""
        return f"{self.doc} {INTERNAL_NOTE}" if self.internal else self.doc

    #: The field's name for people (form labels); default: the key in words (``tanggal_efektif`` →
    #: "Tanggal efektif").
    label: str = ""

    @property
    def title(self) -> str:
        return self.label or self.key.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Obj(Kind):
    """A mapping with known keys. ``shorthand`` names the key a bare scalar stands for."""

    fields: tuple[Field, ...] = ()
    shorthand: str | None = None
    title: str = ""
    label: str = "pemetaan"

    def field_map(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        if self.shorthand and (isinstance(value, (str, int, float)) and not isinstance(value, bool)):
            value = {self.shorthand: value}
        if not isinstance(value, dict):
            hint = f" atau teks untuk '{self.shorthand}'" if self.shorthand else ""
            error(path, f"harus berupa pemetaan kunci: nilai{hint}, bukan {_type_name(value)}.")
            return None
        known = self.field_map()
        out: dict[str, Any] = {}
        for key, item in value.items():
            if not isinstance(key, str) or key not in known:
                close = difflib.get_close_matches(str(key), list(known), n=1, cutoff=0.6)
                hint = f" Maksud Anda '{close[0]}'?" if close else f" Kunci yang dikenal: {', '.join(known)}."
                error(path + (str(key),), f"kunci '{key}' tidak dikenal.{hint}")
                continue
            if (
                item is None
                and not known[key].required
                and not isinstance(known[key].kind, (DateValue, TextList))
            ):
                continue
            checked = known[key].kind.check(item, path + (key,), error)
            if checked is not None:
                out[key] = checked
        for f in self.fields:
            if f.required and f.key not in value:
                error(path + (f.key,), f"kunci wajib '{f.key}' tidak ada. {f.doc.split('.')[0]}.")
        return out

    def schema(self) -> dict[str, Any]:
        obj: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": {},
        }
        if self.title:
            obj["title"] = self.title
        for f in self.fields:
            prop = f.kind.schema()
            prop = {"description": f.described, **prop}
            if f.example is not None:
                prop["examples"] = [f.example]
            obj["properties"][f.key] = prop
        required = [f.key for f in self.fields if f.required]
        if required:
            obj["required"] = required
        if self.shorthand:
            return {"oneOf": [obj, {"type": ["string", "number"]}]}
        return obj


@dataclass(frozen=True)
class ListOf(Kind):
    item: Kind = field(default_factory=Text)
    min_items: int = 0
    label: str = "daftar"

    def check(self, value: Any, path: FieldPath, error: Report) -> Any:
        if value is None:
            value = []
        if not isinstance(value, list):
            error(path, f"harus berupa daftar (baris diawali '- '), bukan {_type_name(value)}.")
            return None
        if len(value) < self.min_items:
            error(path, f"harus berisi sedikitnya {self.min_items} butir.")
        out = []
        for i, item in enumerate(value):
            checked = self.item.check(item, path + (i,), error)
            out.append(checked)
        return out

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            out["minItems"] = self.min_items
        return out


def describe_kind(kind: Kind) -> str:
    if isinstance(kind, Enum):
        return "salah satu: " + ", ".join(f"`{v}`" for v in kind.values)
    if isinstance(kind, ListOf):
        inner = kind.item
        if isinstance(inner, Obj):
            return f"daftar {inner.title or 'pemetaan'}"
        return "daftar " + describe_kind(inner)
    if isinstance(kind, Obj):
        return (kind.title or "pemetaan") + (
            f" (atau teks untuk `{kind.shorthand}`)" if kind.shorthand else ""
        )
    return kind.label


def render_reference(obj: Obj, heading: str, level: int = 2) -> list[str]:
    """Markdown reference of every key of ``obj`` and of the mappings nested in it."""
    lines = [f"{'#' * level} {heading}", "", "| kunci | wajib | jenis | arti |", "|---|---|---|---|"]
    # A mapping shared by several keys (the six criteria of an evaluation) is described once.
    nested: dict[int, tuple[list[str], Obj]] = {}
    for f in obj.fields:
        doc = f.described.replace("|", "\\|").replace("\n", " ")
        lines.append(f"| `{f.key}` | {'ya' if f.required else ''} | {describe_kind(f.kind)} | {doc} |")
        inner = f.kind.item if isinstance(f.kind, ListOf) else f.kind
        if isinstance(inner, Obj):
            nested.setdefault(id(inner), ([], inner))[0].append(f"`{f.key}`")
    lines.append("")
    for keys, inner in nested.values():
        lines += render_reference(inner, f"{', '.join(keys)}: {inner.title}", level + 1)
    return lines


def _inner_obj(kind: Kind) -> Obj | None:
    inner = kind.item if isinstance(kind, ListOf) else kind
    return inner if isinstance(inner, Obj) else None


def redact(obj: Obj, value: Any) -> Any:
    """A checked value of ``obj`` without the keys the spec marks internal, at any depth (the public edition)."""
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        f = obj.field_map().get(key)
        if f is None or f.internal:
            continue
        inner = _inner_obj(f.kind)
        if inner is None:
            out[key] = item
        elif isinstance(f.kind, ListOf):
            out[key] = [redact(inner, i) for i in item]
        else:
            out[key] = redact(inner, item)
    return out


def internal_fields(obj: Obj, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The key paths (list items left out) of every field marked internal in ``obj`` and below."""
    found: list[tuple[str, ...]] = []
    for f in obj.fields:
        if f.internal:
            found.append((*prefix, f.key))
        elif (inner := _inner_obj(f.kind)) is not None:
            found += internal_fields(inner, (*prefix, f.key))
    return found
