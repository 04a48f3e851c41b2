"""Documentation that is generated or checked against the code."""

from __future__ import annotations

from oncology_second_opinion import guide_schema

from .content_model_doc import DOC, render_doc


def test_content_model_doc_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render_doc(), (
        "docs/content-model.md is out of date; regenerate: python -m tests.content_model_doc"
    )


def test_content_model_doc_names_every_field() -> None:
    text = DOC.read_text(encoding="utf-8")
    schema = guide_schema()
    for definition in [schema, *schema["$defs"].values()]:
        for field in definition["properties"]:
            assert f"| `{field}` |" in text, field
