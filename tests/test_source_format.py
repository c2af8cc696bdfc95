"""The published JSON Schemas and the format reference stay in sync with the spec the loader uses."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from ruamel.yaml import YAML

from catalogue.model import Sop, Step
from catalogue.source import format as source_format
from catalogue.source.format import SCHEMAS, json_schema_text, reference_markdown

from .conftest import MINIMAL_SOP, REPO, SEEDS


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_committed_schema_is_generated_from_the_spec(name):
    committed = (REPO / "schema" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(name), "run `sop schema --write` and commit the result"


def test_committed_reference_doc_is_generated_from_the_spec():
    assert (REPO / "docs" / "format-sumber.md").read_text(encoding="utf-8") == reference_markdown()


def test_every_model_field_has_a_source_key():
    """A model field with no source key (or the reverse) means the format and the model drifted apart."""
    # belum_ditinjau comes from the review-mark comments, not from a key.
    derived = {"pemda_slug", "agency_slug", "slug", "source", "langkah", "kind", "index", "belum_ditinjau"}
    sop_keys = {f.key for f in source_format.SOP.fields}
    assert {f for f in Sop.__dataclass_fields__} - derived == sop_keys - {"langkah"}
    step_keys = {f.key for f in source_format.STEP.fields} | {"kind"}
    assert {f for f in Step.__dataclass_fields__} - {"index"} == (step_keys - {"jenis"})


def _validator(name: str):
    schema = json.loads(json_schema_text(name))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def _load(path: Path):
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    # JSON Schema knows no dates: YAML dates become ISO strings as an editor's validator sees them.
    return json.loads(json.dumps(data, default=str))


def test_seed_sources_validate_against_the_published_schema():
    files = sorted(SEEDS.rglob("*.yml"))
    assert len([f for f in files if not f.name.startswith("_")]) >= 5
    for path in files:
        name = "pemda" if path.name == "_pemda.yml" else "instansi" if path.name == "_instansi.yml" else "sop"
        errors = list(_validator(name).iter_errors(_load(path)))
        assert not errors, f"{path}: {errors[0].message}"


def test_schema_rejects_what_the_loader_rejects(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text(MINIMAL_SOP.replace("nomor:", "nomer:"), encoding="utf-8")
    assert list(_validator("sop").iter_errors(_load(path)))
