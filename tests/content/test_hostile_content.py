"""Hostile strings: controls, bidi overrides, lone surrogates; and messages that never echo them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import ContentError, Problem, parse_guide

from .. import strategies

HOSTILE = [
    "\x00",
    "\x07",
    "\x08",
    "\t",
    "\r",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\x9b",
    "\x9f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
]


def refused(data: str | bytes | Mapping[str, Any]) -> tuple[Problem, ...]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return caught.value.problems


def problems_if_any(data: str | bytes | Mapping[str, Any]) -> tuple[Problem, ...]:
    """The problems found, or none if ``data`` is a valid guide; anything else raised escapes."""
    try:
        parse_guide(data)
    except ContentError as error:
        found = error.problems
    else:
        return ()
    assert found
    return found


def safe(text: str) -> bool:
    """Printable ASCII only: nothing a terminal, a log or a page could take as a control."""
    return all(" " <= char <= "~" for char in text)


def test_hostile_characters_are_exactly_the_forbidden_ones() -> None:
    assert set(HOSTILE) <= set(strategies.FORBIDDEN_CHARACTERS)
    # C0 but line feed, DEL, C1, embeddings and overrides; U+2061-U+206F (invisible operators,
    # isolates, deprecated format characters), U+FEFF, U+FFF0-U+FFFB; shorthand and musical
    # format controls; tag characters and the reserved default-ignorable code points after them.
    assert len(strategies.FORBIDDEN_CHARACTERS) == (
        31 + 1 + 32 + 5 + 15 + 1 + 12 + 4 + 8 + 0x100 + (0xE1000 - 0xE01F0)
    )


@pytest.mark.parametrize("char", HOSTILE)
@pytest.mark.parametrize("form", ["mapping", "text", "escaped-text", "bytes"])
def test_control_and_bidi_characters_are_refused_with_their_path(
    guide_data: dict[str, Any], char: str, form: str
) -> None:
    guide_data["records"]["items"][3]["label"] = f"Staging{char} information"
    data: str | bytes | dict[str, Any] = guide_data
    if form == "text":
        data = json.dumps(guide_data, ensure_ascii=False)
    elif form == "escaped-text":
        data = json.dumps(guide_data)
    elif form == "bytes":
        data = json.dumps(guide_data, ensure_ascii=False).encode("utf-8")
    [problem] = refused(data)
    assert problem.path == "$.records.items[3].label"
    assert problem.message.startswith(f"contains the invisible character U+{ord(char):04X}")
    assert problem.message.endswith("at character 7; remove it")
    assert safe(problem.message)


@pytest.mark.parametrize(
    "text", ["Line one\nline two", "\u05e9\u05dc\u05d5\u05dd\u200f.", "\U0001f9ec"]
)
def test_line_feeds_bidi_marks_and_astral_characters_are_kept(
    guide_data: dict[str, Any], text: str
) -> None:
    guide_data["overview"]["paragraphs"][0] = text
    assert parse_guide(guide_data).overview.paragraphs[0] == text


@pytest.mark.parametrize("blank", [" ", "\n", "\u00a0", "\u200b", "\u2060", "\u2028", "\u3000 "])
def test_blank_text_is_refused(guide_data: dict[str, Any], blank: str) -> None:
    guide_data["labels"]["answer"] = blank
    assert refused(guide_data) == (
        Problem(
            "$.labels.answer",
            "must contain text; it is empty or only whitespace and invisible characters",
        ),
    )


# Lone surrogates, through every door -----------------------------------------------------------


def _with_escaped_surrogate(guide_data: dict[str, Any]) -> str:
    return json.dumps(guide_data).replace('"Answer"', '"An\\udc00swer"', 1)


@pytest.mark.parametrize("form", ["mapping", "escaped-text", "escaped-bytes", "raw-text"])
def test_a_lone_surrogate_in_a_value_is_refused_with_its_path(
    guide_data: dict[str, Any], form: str
) -> None:
    data: str | bytes | dict[str, Any]
    if form == "escaped-text":
        data = _with_escaped_surrogate(guide_data)
    elif form == "escaped-bytes":
        data = _with_escaped_surrogate(guide_data).encode("ascii")
    elif form == "raw-text":
        data = json.dumps(guide_data, ensure_ascii=False).replace("Answer", "An\udc00swer", 1)
    else:
        guide_data["labels"]["answer"] = "An\udc00swer"
        data = guide_data
    assert refused(data) == (
        Problem(
            "$.labels.answer",
            "contains a lone surrogate at character 2; save the file as valid UTF-8",
        ),
    )


def test_a_surrogate_encoded_as_utf8_bytes_is_not_utf8(guide_data: dict[str, Any]) -> None:
    text = json.dumps(guide_data, ensure_ascii=False).replace("Answer", "An\udc00swer", 1)
    data = text.encode("utf-8", "surrogatepass")
    [problem] = refused(data)
    assert problem.path == "$"
    assert problem.message.startswith("is not valid UTF-8 (byte ")


@pytest.mark.parametrize(
    "location", [("review", "status"), ("locale",), ("records", "items", 0, "id")]
)
def test_a_lone_surrogate_in_a_constrained_value_is_located(
    guide_data: dict[str, Any], location: tuple[str | int, ...]
) -> None:
    strategies.replace(guide_data, location, "\ud83d")
    [problem] = refused(guide_data)
    assert problem.path == strategies_path(location)


def strategies_path(location: tuple[str | int, ...]) -> str:
    return "$" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in location)


@pytest.mark.parametrize("form", ["mapping", "escaped-text"])
def test_a_lone_surrogate_in_a_key_is_located_and_other_problems_still_reported(
    guide_data: dict[str, Any], form: str
) -> None:
    guide_data["title"] = ""
    data: str | dict[str, Any]
    if form == "mapping":
        guide_data["labels"]["\ud800\x1b[2J"] = "x"
        data = guide_data
    else:
        data = json.dumps(guide_data).replace('"answer":', '"\\ud800\\u001b[2J": "x", "answer":')
    assert sorted(refused(data)) == [
        Problem('$.labels["\\ud800\\u001b[2J"]', _SURROGATE_KEY),
        Problem(
            "$.title", "must contain text; it is empty or only whitespace and invisible characters"
        ),
    ]


_SURROGATE_KEY = (
    "is not a known field (its name holds a lone surrogate, which is not valid Unicode); remove it"
)


# Messages never carry what the file wrote ------------------------------------------------------


def test_an_unknown_key_with_escape_sequences_is_shown_escaped(guide_data: dict[str, Any]) -> None:
    guide_data["labels"]["\x1b]0;pwned\x07\u202e<b>"] = "x"
    [problem] = refused(guide_data)
    assert problem.path == '$.labels["\\u001b]0;pwned\\u0007\\u202e<b>"]'
    assert safe(str(problem))


def test_a_repeated_hostile_id_is_refused_at_each_use_without_echoing_it(
    guide_data: dict[str, Any],
) -> None:
    hostile = "\x1b[2J\u202e" + "x" * 500
    guide_data["records"]["items"][0]["id"] = hostile
    guide_data["records"]["items"][1]["id"] = hostile
    found = refused(guide_data)
    assert [problem.path for problem in found] == [
        "$.records.items[0].id",
        "$.records.items[1].id",
    ]
    assert all(problem.message.startswith("must be a lowercase slug") for problem in found)
    assert all(safe(str(problem)) and "xxx" not in str(problem) for problem in found)


def _hostile_strings() -> st.SearchStrategy[str]:
    return st.text(
        st.one_of(
            st.sampled_from([*HOSTILE, "\ud800", "\udfff", "\\", '"', "\n", "\u2028"]),
            st.characters(),
        ),
        max_size=30,
    )


@st.composite
def _hostile_documents(draw: st.DrawFn) -> dict[str, Any]:
    document = draw(strategies.guides())
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.sampled_from(strategies.locations(document)))
        location, value = where
        if isinstance(value, dict) and draw(st.booleans()):
            value[draw(_hostile_strings())] = draw(_hostile_strings())
        elif location:
            strategies.replace(document, location, draw(_hostile_strings()))
    return document


@given(_hostile_documents(), st.sampled_from(["mapping", "text", "bytes"]))
def test_problems_are_located_printable_ascii_whatever_the_content(
    document: dict[str, Any], form: str
) -> None:
    data: str | bytes | dict[str, Any] = document
    if form == "text":
        data = json.dumps(document)
    elif form == "bytes":
        data = json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")
    for problem in problems_if_any(data):
        assert problem.path.startswith("$")
        assert safe(problem.path)
        assert safe(problem.message)
        assert len(problem.message) < 300


@given(st.one_of(st.binary(max_size=300), st.text(max_size=300)))
def test_any_text_or_bytes_gives_a_guide_or_a_content_error(data: str | bytes) -> None:
    with pytest.raises(ContentError):
        parse_guide(data)


@given(st.data())
def test_damaged_packaged_bytes_give_a_guide_or_a_content_error(data: st.DataObject) -> None:
    original = (files("oncology_second_opinion.data") / "en.json").read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 5))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    assert all(safe(str(problem)) for problem in problems_if_any(bytes(damaged)))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | _hostile_strings(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(_hostile_strings(), children, max_size=4)
    ),
    max_leaves=20,
)


@given(st.dictionaries(st.sampled_from(["schema_version", "title", "labels", "x"]), _JSON_VALUES))
def test_any_json_shaped_mapping_gives_a_content_error(document: dict[str, Any]) -> None:
    with pytest.raises(ContentError) as caught:
        parse_guide(document)
    assert all(safe(str(problem)) for problem in caught.value.problems)
