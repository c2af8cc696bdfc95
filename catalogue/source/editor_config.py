"""The form editor's configuration (Decap CMS), generated from the source format.

The same declaration that makes the validator, the JSON Schema and ``docs/format-sumber.md``
(:mod:`catalogue.source.format`) makes the form: one widget per key, labelled with the key's name for
people and its documentation as help text, required where the format requires it. Nothing here repeats a
key: a key added to the format appears in the form on the next build.

- One collection per agency folder (``content/sops/<pemda>/<instansi>``), listing its SOP files; the agency
  files themselves (``_instansi.yml``, whose ``peran`` fill a new SOP's roles) in one more collection.
- A text whose value must be one of another key's values (``choices_from``: a step's performer from the
  SOP's ``pelaksana``, a decision's Ya/Tidak from the step numbers) gets the ``katalog-pilihan`` widget,
  which offers those values and refuses any other (``site_plugins/editor/katalog-editor.js``).
- Lists of text (the six boxes, ``kelengkapan``) are lists; mappings are objects; choices are selects.

The browser side reads and writes the files itself (the ``katalog-yml`` format of ``katalog-editor.js``),
so that an edit changes only the edited values of a file and keeps its comments and key order.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import format as source_format
from .spec import Bool, Count, DateValue, Enum, Field, Kind, ListOf, Obj, Text, TextList

#: The widget of a text chosen from another key's values (registered by katalog-editor.js).
CHOICE_WIDGET = "katalog-pilihan"
#: The file format registered by katalog-editor.js (YAML, written back with the least change).
FILE_FORMAT = "katalog-yml"
#: What a date field accepts (the format's DateValue): ISO, as printed, or "-" where it may be empty.
DATE_PATTERN = r"^\s*(-|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\S+\s+\d{4})?\s*$"
#: On a mapping (or a list of mappings) the format lets write as one text (``disahkan_oleh: Camat``): the
#: key that text stands for. The form shows the mapping; the file keeps the short form where it had it.
SHORTHAND = "katalog_singkat"
#: Set by the file format on SOP files (not on _instansi.yml in the same folder): the collection filter.
KIND_KEY = "__katalog_jenis"
#: The local backend `make edit` starts (decap-server's default port).
LOCAL_BACKEND_URL = "http://localhost:8081/api/v1"


@dataclass(frozen=True)
class EditorAgency:
    """An agency folder the editor lists: its id (``pemda/instansi``), name and folder in the repository."""

    id: str
    nama: str
    pemda: str
    folder: str  # relative to the repository root, with forward slashes


def widget(field: Field) -> dict[str, Any]:
    """The Decap field of one key of the format."""
    out: dict[str, Any] = {"name": field.key, "label": field.title, "hint": field.doc}
    out.update(_kind(field.kind))
    out["required"] = field.required
    return out


def _kind(kind: Kind) -> dict[str, Any]:
    if isinstance(kind, Text):
        if kind.choices_from:
            return {
                "widget": CHOICE_WIDGET,
                "choices_from": kind.choices_from,
                "extra_choices": list(kind.extra_choices),
            }
        return {"widget": "string"}
    if isinstance(kind, TextList):
        return {
            "widget": "list",
            "field": {"name": "butir", "label": "Butir", "widget": "string"},
            "collapsed": False,
        }
    if isinstance(kind, Enum):
        return {"widget": "select", "options": list(kind.values)}
    if isinstance(kind, Bool):
        return {"widget": "boolean"}
    if isinstance(kind, Count):
        return {"widget": "number", "value_type": "int", "min": kind.minimum, "max": kind.maximum}
    if isinstance(kind, DateValue):
        hint = "tanggal 2024-01-02 atau '2 Januari 2024'" + ("; '-' bila tidak ada" if kind.nullable else "")
        return {"widget": "string", "pattern": [DATE_PATTERN, f"Tulis {hint}."]}
    if isinstance(kind, ListOf):
        item = kind.item
        # Every item open: the form reads like the signed table.
        out: dict[str, Any] = {"widget": "list", "collapsed": False}
        if isinstance(item, Obj):
            out["fields"] = [widget(f) for f in item.fields]
            out["summary"] = _summary(item)
            out["label_singular"] = item.title
            if item.shorthand:
                out[SHORTHAND] = item.shorthand
        else:
            out["field"] = {"name": "butir", "label": "Butir", **_kind(item)}
        if kind.min_items:
            out["min"] = kind.min_items
        return out
    if isinstance(kind, Obj):
        # Decap would require the keys of an optional mapping even when the mapping is left empty: in the
        # form they are optional, and `sop check` still asks for them once the mapping is filled in.
        out = {"widget": "object", "fields": [_optional(widget(f)) for f in kind.fields], "collapsed": False}
        if kind.shorthand:
            out[SHORTHAND] = kind.shorthand
        return out
    raise TypeError(f"no editor widget for {type(kind).__name__}")  # a new Kind needs its widget here


def _optional(out: dict[str, Any]) -> dict[str, Any]:
    return {**out, "required": False}


def _agency_label(agency: EditorAgency) -> str:
    return agency.nama if agency.pemda.lower() in agency.nama.lower() else f"{agency.nama} ({agency.pemda})"


def _summary(obj: Obj) -> str:
    keys = [f.key for f in obj.fields if f.required][:2] or [obj.fields[0].key]
    return " — ".join("{{fields." + key + "}}" for key in keys)


def editor_config(
    agencies: list[EditorAgency],
    backend: dict[str, Any] | None = None,
    site_url: str | None = None,
    local_url: str = LOCAL_BACKEND_URL,
) -> dict[str, Any]:
    """The whole Decap configuration (``CMS.init({config})``; ``load_config_file`` is off)."""
    sop_fields = [widget(f) for f in source_format.SOP.fields]
    collections: list[dict[str, Any]] = []
    for agency in agencies:
        collections.append(
            {
                "name": "sop--" + agency.id.replace("/", "--"),
                "label": _agency_label(agency),
                "label_singular": "SOP",
                "description": f"SOP {agency.nama}: satu berkas per SOP di {agency.folder}/.",
                "folder": agency.folder,
                "extension": "yml",
                "format": FILE_FORMAT,
                "create": True,
                "delete": False,
                "identifier_field": "nama",
                "slug": "{{slug}}",
                "summary": "{{nomor}} — {{nama}}",
                # _instansi.yml lies in the same folder; the file format marks SOP files.
                "filter": {"field": KIND_KEY, "value": "sop"},
                "sortable_fields": ["nomor", "nama"],
                "fields": sop_fields,
            }
        )
    if agencies:
        collections.append(
            {
                "name": "instansi",
                "label": "Data instansi (_instansi.yml)",
                "label_singular": "Instansi",
                "description": "Nama, alamat dan jabatan setiap instansi; jabatannya mengisi kolom peran SOP baru.",
                "format": FILE_FORMAT,
                "files": [
                    {
                        "name": agency.id.replace("/", "--"),
                        "label": _agency_label(agency),
                        "file": f"{agency.folder}/_instansi.yml",
                        "fields": [widget(f) for f in source_format.AGENCY.fields],
                    }
                    for agency in agencies
                ],
            }
        )
    config: dict[str, Any] = {
        "load_config_file": False,
        "backend": backend or {"name": "proxy", "proxy_url": local_url, "branch": "main"},
        "local_backend": {"url": local_url},
        "locale": "id",
        "media_folder": "content/lampiran",
        "publish_mode": "simple",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    return config


def editor_config_text(*args: Any, **kwargs: Any) -> str:
    return json.dumps(editor_config(*args, **kwargs), ensure_ascii=False, indent=1) + "\n"
