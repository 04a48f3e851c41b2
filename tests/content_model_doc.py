"""Generate docs/content-model.md from the published JSON Schema.

Regenerate it after changing the models, with the schema it is made from and every other
generated file: ``python -m tests.regenerate``. ``python -m tests.content_model_doc`` regenerates
only this page, from the committed schema.
"""

from __future__ import annotations

import sys
from typing import Any

from oncology_second_opinion import guide_schema
from oncology_second_opinion._fields import (
    DATE_PATTERN,
    FINGERPRINT_PATTERN,
    LANGUAGE_TAG_PATTERN,
    SEMVER_PATTERN,
    SLUG_PATTERN,
    STRING_PATH_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    schema_version_pattern,
    supported_schema_versions,
)

from .conftest import ROOT
from .generated import write_generated

DOC = ROOT / "docs" / "content-model.md"
PATTERN_NAMES = {
    TEXT_PATTERN: "text",
    SLUG_PATTERN: "id",
    URL_PATTERN: "https URL",
    LANGUAGE_TAG_PATTERN: "language tag",
    SEMVER_PATTERN: "semantic version",
    schema_version_pattern(): "schema version",
    DATE_PATTERN: "date",
    STRING_PATH_PATTERN: "string path",
    FINGERPRINT_PATTERN: "fingerprint",
}
INTRO = f"""\
# Content model

A guide file is one JSON object per locale. This page is generated from the published JSON Schema
(`schemas/guide.schema.json`, Draft 2020-12); `tests/project/test_docs.py` fails when the two
differ.

Kinds of value:

- **text**: a string shown to readers. It must contain a non-space character and must not contain
  control characters (other than line feed) or bidirectional embedding, override or isolate
  characters.
- **id**: a stable identifier: lowercase ASCII words joined by single hyphens, at most 64
  characters, unique in the guide (uniqueness is checked by the library, not expressible in the
  schema).
- **https URL**: an absolute `https` URL with a host and no user name or password, kept exactly as
  written.
- **language tag**: a BCP 47 tag such as `en` or `fr-CA`.
- **semantic version**: such as `1.0.0`.
- **string path**: where a string is in a guide: field names and item ids joined by dots, such
  as `indications.items.feeling-rushed.text` or `overview.paragraphs.0`.
- **fingerprint**: the first 16 hexadecimal digits of the SHA-256 of a string's UTF-8 bytes.
- **schema version**: `MAJOR.MINOR` of the content format; this release reads
  `{supported_schema_versions()}`.
- **date**: a calendar date written `YYYY-MM-DD`, such as `2026-11-30`.

Every object rejects keys it does not define, and every list must hold at least one item.
"""


def _anchor(name: str) -> str:
    return name.lower()


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "enum" in schema:
        return "one of " + ", ".join(f"`{value}`" for value in schema["enum"])
    if "const" in schema:
        return f"`{schema['const']}`"
    if "oneOf" in schema:
        return " or ".join(_type(choice) for choice in schema["oneOf"])
    if "anyOf" in schema:  # an optional field: its kind, or null
        return " or ".join(
            _type(choice) for choice in schema["anyOf"] if choice.get("type") != "null"
        )
    if schema.get("type") == "array":
        return f"list of {_type(schema['items'])}"
    pattern = schema.get("pattern")
    if pattern in PATTERN_NAMES:
        return PATTERN_NAMES[pattern]
    if pattern:
        return f"string matching `{pattern}`"
    return str(schema.get("type", "value"))


def _description(spec: dict[str, Any], definitions: dict[str, Any]) -> str:
    # pydantic leaves out a field's description when it equals its model's own.
    text = spec.get("description")
    if text is None and "$ref" in spec:
        text = definitions[spec["$ref"].rsplit("/", 1)[-1]].get("description", "")
    return " ".join((text or "").split()).replace("|", "\\|")


def _model(name: str, schema: dict[str, Any], definitions: dict[str, Any]) -> list[str]:
    lines = [f"## {name}", "", schema.get("description", "").strip(), ""]
    lines += ["| field | kind | required | description |", "| --- | --- | --- | --- |"]
    required = set(schema.get("required", ()))
    for field, spec in schema["properties"].items():
        needed = "yes" if field in required else "no"
        description = _description(spec, definitions)
        lines.append(f"| `{field}` | {_type(spec)} | {needed} | {description} |")
    return [*lines, ""]


def render_doc() -> str:
    schema = guide_schema()
    definitions = schema["$defs"]
    lines = [INTRO, *_model("Guide", schema, definitions)]
    for name, definition in sorted(definitions.items()):
        lines += _model(name, definition, definitions)
    return "\n".join(lines).rstrip("\n") + "\n"


def main() -> int:
    if write_generated(DOC, render_doc()):
        print(DOC.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
