"""Messages proofread: no word written twice, and byte offsets that count from the start of the
file, byte order mark included."""

from __future__ import annotations

import json
import re
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from oncology_second_opinion import ContentError, parse_guide

from .. import strategies
from ..conftest import WHOLE_GUIDES, scaled

# A quoted value or path can hold anything, a doubled word included: only the wording around it
# is proofread.
_QUOTED = re.compile(r"'[^']*'|\"(?:[^\"\\]|\\.)*\"|\$\S*")
_DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)

BROKEN_JSON = (
    '{"title": "unterminated',
    '{"title": "a" "b"}',
    '{"title": "a",}',
    '{"title" "a"}',
    "{'title': 'a'}",
    '{"title": NaN}',
    '{"title": "\\x"}',
    '{"title": "a\tb"}',
    '{"title": "a"} extra',
    '{"title": [1, 2',
    "",
    "   ",
    "[",
    '{"title": tru}',
    '{"a": "\\ud800"',
    '{"a": "\\u12"}',
)


def _wording(message: str) -> str:
    return _QUOTED.sub("…", message)


def _messages(data: str | bytes | dict[str, Any]) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return [str(caught.value), *(problem.message for problem in caught.value.problems)]


def _problems(data: str | bytes) -> list[str]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return [problem.message for problem in caught.value.problems]


def _assert_proofread(messages: list[str]) -> None:
    for message in messages:
        doubled = _DOUBLED.search(_wording(message))
        assert doubled is None, f"{doubled.group()!r} in {message!r}"


@pytest.mark.parametrize("text", BROKEN_JSON)
def test_json_messages_write_no_word_twice(text: str) -> None:
    _assert_proofread(_messages(text))


def test_the_unterminated_string_message_reads_as_a_sentence() -> None:
    [problem] = _problems('{"title": "abc')
    assert problem == "is not valid JSON: Unterminated string starting at line 1 column 11"


PACKAGED = (files("oncology_second_opinion.data") / "en.json").read_text(encoding="utf-8")


@scaled(4)
@given(st.integers(0, len(PACKAGED) - 2))
def test_every_truncated_guide_is_explained_without_a_doubled_word(cut: int) -> None:
    _assert_proofread(_messages(PACKAGED[:cut]))


@WHOLE_GUIDES
@given(strategies.broken_guides())
def test_validation_messages_write_no_word_twice(broken: tuple[str, dict[str, Any]]) -> None:
    _, document = broken
    _assert_proofread(_messages(document))


@scaled(4)
@given(prefix=st.text(max_size=30), bad=st.sampled_from([b"\xff", b"\xc3(", b"\xe2\x82", b"\x80"]))
@example(prefix="", bad=b"\xff")
@example(prefix="\u00e9\U0001f600", bad=b"\xc3(")
def test_a_byte_offset_counts_from_the_start_of_the_file(prefix: str, bad: bytes) -> None:
    head = ('{"title": ' + json.dumps(prefix, ensure_ascii=False)[:-1]).encode("utf-8")
    body = head + bad + b'"}'
    for bom in (b"", b"\xef\xbb\xbf"):
        [problem] = _problems(bom + body)
        assert problem == (
            f"is not valid UTF-8 (byte {len(bom) + len(head)}); save the file as UTF-8"
        )


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_line_and_column_ignore_a_byte_order_mark(bom: str) -> None:
    text = bom + '{\n  "title": "a",\n  "locale" "en"\n}'
    for data in (text, text.encode("utf-8")):
        assert _problems(data) == ["is not valid JSON: Expecting ':' delimiter at line 3 column 12"]
