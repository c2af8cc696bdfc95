"""The form editor's configuration comes from the source format (catalogue/source/editor_config.py)."""

from __future__ import annotations

import json

from catalogue.source import format as source_format
from catalogue.source.editor_config import (
    CHOICE_WIDGET,
    EditorAgency,
    editor_config,
    editor_config_text,
    widget,
)
from catalogue.source.spec import Field, Obj, Text

AGENCIES = [
    EditorAgency("kab-uji/kec-uji", "Kecamatan Uji", "Kabupaten Uji", "content/sops/kab-uji/kec-uji"),
    EditorAgency(
        "kab-uji/inspektorat",
        "Inspektorat Kabupaten Uji",
        "Kabupaten Uji",
        "content/sops/kab-uji/inspektorat",
    ),
]


def _fields(fields: list[dict]) -> dict[str, dict]:
    return {f["name"]: f for f in fields}


def _sop_fields() -> dict[str, dict]:
    return _fields(editor_config(AGENCIES)["collections"][0]["fields"])


def test_one_collection_per_agency_folder_and_one_for_the_agency_files():
    config = editor_config(AGENCIES)
    sops = [c for c in config["collections"] if "folder" in c]
    assert [c["folder"] for c in sops] == [a.folder for a in AGENCIES]
    assert [c["label"] for c in sops] == ["Kecamatan Uji (Kabupaten Uji)", "Inspektorat Kabupaten Uji"]
    assert all(c["create"] and c["extension"] == "yml" for c in sops)
    (agency_files,) = [c for c in config["collections"] if "files" in c]
    assert [f["file"] for f in agency_files["files"]] == [f"{a.folder}/_instansi.yml" for a in AGENCIES]
    assert [f["name"] for f in agency_files["files"][0]["fields"]] == [
        f.key for f in source_format.AGENCY.fields
    ]
    assert config["load_config_file"] is False and config["locale"] == "id"
    assert json.loads(editor_config_text(AGENCIES)) == config


def test_every_key_of_the_format_is_a_field_with_its_label_and_help_in_the_formats_order():
    def walk(obj: Obj, fields: list[dict]) -> None:
        assert [f["name"] for f in fields] == [f.key for f in obj.fields]
        for spec_field, field in zip(obj.fields, fields, strict=True):
            assert field["label"] == spec_field.title and field["label"][0].isupper()
            assert field["hint"] == spec_field.doc
            inner = getattr(spec_field.kind, "item", spec_field.kind)
            if isinstance(inner, Obj):
                walk(inner, field["fields"])

    walk(source_format.SOP, editor_config(AGENCIES)["collections"][0]["fields"])
    fields = _sop_fields()
    assert fields["nomor"]["required"] and fields["langkah"]["required"] and not fields["topik"]["required"]
    assert fields["tanggal_efektif"]["label"] == "Tanggal efektif"


def test_steps_are_a_list_whose_performer_and_branches_are_chosen_from_the_sop():
    steps = _sop_fields()["langkah"]
    assert steps["widget"] == "list" and steps["min"] == 1
    step = _fields(steps["fields"])
    assert step["pelaksana"]["widget"] == CHOICE_WIDGET and step["pelaksana"]["choices_from"] == "pelaksana"
    for branch in ("ya", "tidak"):
        assert step[branch]["widget"] == CHOICE_WIDGET
        assert step[branch]["choices_from"] == "langkah.no" and step[branch]["extra_choices"] == ["-"]
    assert step["jenis"] == {
        **step["jenis"],
        "widget": "select",
        "options": ["terminator", "proses", "keputusan"],
    }
    assert step["no"]["required"] and step["kegiatan"]["required"]


def test_the_six_boxes_are_lists():
    fields = _sop_fields()
    for box in (
        "dasar_hukum",
        "kualifikasi_pelaksana",
        "keterkaitan",
        "peralatan_perlengkapan",
        "peringatan",
        "pencatatan_pendataan",
    ):
        assert fields[box]["widget"] == "list", box
    # A box of plain lines, and a box whose line may carry more (the short form is kept in the file).
    assert fields["peringatan"]["field"]["widget"] == "string"
    assert fields["keterkaitan"]["katalog_singkat"] == "teks"
    assert fields["disahkan_oleh"]["katalog_singkat"] == "jabatan"


def test_an_optional_mapping_does_not_force_its_keys_in_the_form():
    signer = _fields(_sop_fields()["disahkan_oleh"]["fields"])
    assert signer and not any(f["required"] for f in signer.values())


def test_a_key_added_to_the_format_appears_in_the_form():
    added = Field("status", Text(), "Status SOP.", label="Status")
    assert widget(added) == {
        "name": "status",
        "label": "Status",
        "hint": "Status SOP.",
        "widget": "string",
        "required": False,
    }


def test_dates_accept_what_the_validator_accepts():
    import re

    pattern = re.compile(_sop_fields()["tanggal_revisi"]["pattern"][0])
    for good in ("2024-01-02", "2 Januari 2024", "-", ""):
        assert pattern.match(good), good
    assert not pattern.match("kemarin")


def test_a_hosted_backend_replaces_the_local_one():
    backend = {"name": "github", "repo": "pemkab/katalog-sop", "branch": "main"}
    config = editor_config(AGENCIES, backend, "https://sop.example.go.id/")
    assert config["backend"] == backend and config["site_url"] == "https://sop.example.go.id/"
