"""The committed JSON Schema is the models' schema, valid Draft 2020-12, and the data meets it."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from oncology_second_opinion import guide_schema
from oncology_second_opinion._schema import DIALECT, generate_schema, schema_text

from ..conftest import ROOT
from ..golden import PACKAGED

COMMITTED = ROOT / "schemas" / "guide.schema.json"
REGENERATE = "python -m tests.regenerate"


def test_committed_schema_matches_the_models() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(generate_schema()), (
        f"schemas/guide.schema.json is out of date; regenerate it with: {REGENERATE}"
    )


def test_packaged_schema_is_the_committed_one() -> None:
    assert guide_schema() == json.loads(COMMITTED.read_text(encoding="utf-8"))


def test_guide_schema_returns_a_fresh_copy() -> None:
    schema = guide_schema()
    schema["title"] = "changed"
    assert guide_schema()["title"] != "changed"


def test_schema_declares_dialect_and_id() -> None:
    schema = guide_schema()
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:oncology-second-opinion:schema:guide:")


def test_schema_passes_the_meta_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(guide_schema())


@pytest.mark.parametrize("name", PACKAGED)
def test_packaged_data_validates_against_the_schema(name: str) -> None:
    validator = jsonschema.Draft202012Validator(
        guide_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    data = json.loads((ROOT / "data" / f"{name}.json").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []


def test_schema_rejects_unknown_keys_and_missing_fields(guide_data: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(guide_schema())
    guide_data["surprise"] = True
    del guide_data["records"]["items"][0]["label"]
    messages = sorted(error.message for error in validator.iter_errors(guide_data))
    assert any("'surprise' was unexpected" in message for message in messages)
    assert any("'label' is a required property" in message for message in messages)


def test_field_docstrings_flow_into_the_schema() -> None:
    schema = guide_schema()
    record = schema["$defs"]["Term"]
    assert record["description"] == (
        "An item named by a short label: a record to bring, a topic, a treatment goal."
    )
    assert "Stable identifier" in record["properties"]["id"]["description"]


@pytest.mark.parametrize(
    "version",
    ["1.0"],
)
def test_schema_accepts_the_versions_this_release_reads(
    guide_data: dict[str, Any], version: str
) -> None:
    guide_data["schema_version"] = version
    jsonschema.validate(guide_data, guide_schema(), cls=jsonschema.Draft202012Validator)
