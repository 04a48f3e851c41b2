"""The JSON Schema of the content format: generated from the models, shipped as a file."""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from ._decode import decode
from ._errors import ContentError, Problem, json_path
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


#: The optional extra that installs what :func:`schema_problems` needs.
SCHEMA_EXTRA = "schema"
#: Longest message of the schema validator quoted in a problem: it may repeat a whole value.
MESSAGE_LIMIT = 200


def schema_checker() -> Callable[[bytes | str], list[Problem]]:
    """A function listing every place a content file breaks the published JSON Schema, as
    python-jsonschema reports it with format checks on, sorted by path: what a consumer in another
    language sees. A file that is not JSON at all gives no problem there (the models report it).

    Needs the ``schema`` extra; without it, raises :class:`ModuleNotFoundError` saying how to
    install it.
    """
    try:
        import jsonschema
    except ImportError:
        raise ModuleNotFoundError(
            "validating with the JSON Schema needs jsonschema, which the "
            f"'{SCHEMA_EXTRA}' extra installs: "
            f"python -m pip install 'oncology-second-opinion[{SCHEMA_EXTRA}]'",
            name="jsonschema",
        ) from None
    validator = jsonschema.Draft202012Validator(
        guide_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )

    def problems(data: bytes | str) -> list[Problem]:
        try:
            document = decode(data)
        except ContentError:
            return []
        found = []
        for error in validator.iter_errors(document):
            message = error.message
            if len(message) > MESSAGE_LIMIT:
                message = message[:MESSAGE_LIMIT] + "..."
            found.append(Problem(json_path(tuple(error.absolute_path)), f"JSON Schema: {message}"))
        return sorted(found)

    return problems
