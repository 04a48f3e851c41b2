"""The JSON Schema of the content format: generated from the models, shipped as a file."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from ._fields import SCHEMA_VERSION
from ._models import Guide

SCHEMA_FILE = "guide.schema.json"
SCHEMA_ID = f"urn:oncology-second-opinion:schema:guide:{SCHEMA_VERSION[0]}"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def generate_schema() -> dict[str, Any]:
    """Build the JSON Schema (Draft 2020-12) from the models, as committed in ``schemas/``."""
    generated = Guide.model_json_schema(mode="validation")
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **generated}


def schema_text(schema: dict[str, Any]) -> str:
    """Serialise a schema the way the committed file is written."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def guide_schema() -> dict[str, Any]:
    """Return the published JSON Schema of a guide file (a fresh copy on every call)."""
    text = (files("oncology_second_opinion.schemas") / SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
