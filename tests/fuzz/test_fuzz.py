"""Fuzz targets: the loader, each writer, each export, the handout and the message splitter, fed
generated input, each with the promise it keeps whatever the input.

The suite runs each target briefly, with the loaded hypothesis profile's examples. To fuzz for
longer, load the ``fuzz`` profile (many more examples, fresh random ones each run):

    HYPOTHESIS_PROFILE=fuzz python -m pytest tests/fuzz

A failure prints the smallest input hypothesis found; pin it as an ``@example`` where it belongs.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oncology_second_opinion import (
    FORMATS,
    ContentError,
    Guide,
    RenderOptionError,
    SelectionError,
    build_handout,
    json_for_html_script,
    parse_guide,
    render,
    split_messages,
    to_fhir_questionnaire,
    to_jsonld,
)

from .. import strategies
from ..conftest import PROFILE
from ..render_parse import REFUSED_CHARACTER

# Each target takes whole guides: in the quick local profile, a few examples each keep the suite
# fast; CI's profile and the fuzz profile run them in full.
BRIEF = settings(max_examples=5) if PROFILE == "dev" else settings()


def _damaged(document: dict[str, Any], cut: int, insert: str) -> str:
    text = json.dumps(document, ensure_ascii=False)
    at = cut % (len(text) + 1)
    return text[:at] + insert + text[at:]


LOADER_INPUTS = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000),
    strategies.json_values(),
    st.builds(
        _damaged,
        strategies.guides(),
        st.integers(0),
        st.sampled_from(["", "{", "]", '"', "\\", ",", "\x00"]),
    ),
    strategies.broken_guides().map(lambda broken: broken[1]),
)


@BRIEF
@given(LOADER_INPUTS)
def test_the_loader_returns_a_guide_or_explains(data: Any) -> None:
    """Any input: a Guide, or ContentError with located, printable problems; never anything else.
    (A value that is not text, bytes or a mapping is a TypeError, the documented misuse.)"""
    if not isinstance(data, str | bytes | dict):
        with pytest.raises(TypeError):
            parse_guide(data)
        return
    try:
        guide = parse_guide(data)
    except ContentError as error:
        problems = error.problems
    else:
        assert isinstance(guide, Guide)
        return
    assert problems
    assert all(problem.path.startswith("$") for problem in problems)
    assert all(problem.message.isprintable() for problem in problems)


GUIDES = strategies.guide_models(strategies.hostile_texts(6))
LEVELS = st.integers(1, 6)


@BRIEF
@given(GUIDES, st.sampled_from(FORMATS), LEVELS, st.booleans())
def test_every_writer_renders_any_valid_guide(
    guide: Guide, fmt: str, level: int, omit_disclaimer: bool
) -> None:
    """Any valid guide, any layout: output that ends with a line feed and holds no character
    validation refuses; never an exception."""
    output = render(guide, fmt, heading_level=level, omit_disclaimer=omit_disclaimer)
    assert output.endswith("\n")
    assert REFUSED_CHARACTER.search(output) is None


@BRIEF
@given(GUIDES)
def test_every_export_is_json_and_script_safe(guide: Guide) -> None:
    for export in (to_fhir_questionnaire(guide), to_jsonld(guide)):
        text = json.dumps(export, ensure_ascii=False)
        assert json.loads(text) == export
        embedded = json_for_html_script(export)
        assert "<" not in embedded
        assert json.loads(embedded) == export


_IDS = st.lists(st.sampled_from(["decision-right-now", "pathology-reports", "x", "", "A"]))


@BRIEF
@given(
    strategies.guide_models(),
    _IDS,
    _IDS,
    _IDS,
    st.lists(strategies.hostile_texts(4), max_size=11),
    st.booleans(),
)
def test_a_handout_is_built_and_rendered_or_refused(
    guide: Guide,
    indications: list[str],
    records: list[str],
    questions: list[str],
    own: list[str],
    soon: bool,
) -> None:
    ids = {
        "indications": [item.id for item in guide.indications.items][:2] + indications,
        "records_on_hand": [item.id for item in guide.records.items][:2] + records,
        "questions": [item.id for item in guide.questions.items][:2] + questions,
    }
    try:
        handout = build_handout(guide, **ids, own_questions=own, treatment_starts_soon=soon)
    except SelectionError as error:
        field = error.field
    else:
        for fmt in FORMATS:
            assert render(handout, fmt).endswith("\n")
        return
    assert field in (*ids, "own_questions")


@BRIEF
@given(GUIDES, st.integers(-5, 400), st.booleans())
def test_messages_fit_or_the_limit_is_refused(guide: Guide, max_chars: int, gsm7: bool) -> None:
    try:
        messages = split_messages(guide, max_chars=max_chars, gsm7=gsm7)
    except RenderOptionError as error:
        refused = error
    else:
        assert messages
        assert all(message.strip() for message in messages)
        if not gsm7:
            assert all(len(message) <= max_chars for message in messages)
        return
    assert refused.option == "max_chars"
