"""Documentation that is generated or checked against the code."""

from __future__ import annotations

import pytest

from oncology_second_opinion import FORMATS, guide_schema

from .content_model_doc import DOC, render_doc
from .doc_outputs import Shown, evaluate, shown_outputs


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


@pytest.mark.parametrize("shown", shown_outputs(), ids=lambda shown: shown.id)
def test_shown_output_is_the_real_output(shown: Shown) -> None:
    real = evaluate(shown.expression)
    if shown.kind == "output":
        assert shown.body == real, (
            f"{shown.document.name} shows an outdated output of {shown.expression}; "
            "regenerate: python -m tests.doc_outputs"
        )
    else:
        assert shown.body.endswith("\n")
        assert "\n" + shown.body in "\n" + real, (
            f"{shown.document.name}: this excerpt is no longer in {shown.expression}; "
            "update it by hand"
        )


def test_rendering_doc_shows_every_format() -> None:
    expressions = " ".join(shown.expression for shown in shown_outputs())
    for format_ in FORMATS:
        assert f'render(guide, "{format_}"' in expressions, format_
