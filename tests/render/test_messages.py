"""Chat and SMS: the compact text style, GSM-7 plain forms, SMS segments and the splitter."""

from __future__ import annotations

import math
import re
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from oncology_second_opinion import (
    Guide,
    RenderOptionError,
    build_handout,
    load_guide,
    parse_guide,
    render,
    sms_segments,
    split_messages,
)
from oncology_second_opinion._render import compose
from oncology_second_opinion._sms import GSM7_BASIC, GSM7_EXTENSION, is_gsm7, sms_length
from oncology_second_opinion._writers.text import compact_lines

from .. import strategies
from ..golden import sample_handout
from ..render_parse import REFUSED_CHARACTER

# --- SMS segments -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "segments"),
    [
        ("", 1),
        ("a" * 160, 1),
        ("a" * 161, 2),
        ("a" * 306, 2),
        ("a" * 307, 3),
        ("[" * 80, 1),  # extension characters take two septets
        ("[" * 81, 2),
        ("é" * 160, 1),  # in the GSM-7 alphabet
        ("’" * 70, 1),  # UCS-2
        ("’" * 71, 2),
        ("’" * 134, 2),
        ("’" * 135, 3),
        ("\U0001f600" * 35, 1),  # two UTF-16 code units each
        ("\U0001f600" * 36, 2),
    ],
)
def test_sms_segments_follow_gsm_03_38(message: str, segments: int) -> None:
    assert sms_segments(message) == segments


@given(st.text(st.sampled_from([*sorted(GSM7_BASIC | GSM7_EXTENSION), "’", "☐", "\U0001f600"])))
def test_sms_segments_is_the_size_over_the_part_size(message: str) -> None:
    single, part = (160, 153) if is_gsm7(message) else (70, 67)
    length = sms_length(message)
    assert sms_segments(message) == (1 if length <= single else math.ceil(length / part))


# --- the compact style ---------------------------------------------------------------------------


def test_compact_text_has_a_one_line_header_and_no_underlines_or_blank_lines(guide: Guide) -> None:
    text = render(guide, "text", compact=True, sections=["questions"])
    lines = text.splitlines()
    assert lines[0] == (
        "Seeking a cancer second opinion — Content version: 1.3.0 — Not clinically reviewed."
    )
    assert lines[1] == guide.questions.heading
    assert "" not in lines
    assert not any(re.fullmatch(r"[=~^+.-]+", line) for line in lines)
    assert lines[-2:] == [guide.disclaimer.heading, " ".join(guide.disclaimer.paragraphs)]


def test_gsm7_writes_typography_plainly_in_content_and_labels(guide: Guide) -> None:
    text = render(guide, "text", compact=True, gsm7=True)
    assert is_gsm7(text)
    assert "oncology team's guidance" in text
    assert "[ ] Pathology reports" in text
    assert " - Content version: 1.3.0 - " in text.splitlines()[0]


def test_a_content_file_extends_the_gsm7_table(guide_data: dict[str, Any]) -> None:
    guide_data["gsm7_replacements"] = [
        {"character": "’", "plain": "^"},
        {"character": "—", "plain": "~"},
    ]
    text = render(parse_guide(guide_data), "text", compact=True, gsm7=True)
    assert "oncology team^s guidance" in text
    assert " ~ Content version: 1.3.0 ~ " in text


def test_a_character_with_no_gsm7_form_is_kept(guide_data: dict[str, Any]) -> None:
    guide_data["title"] = "Second opinion \U0001f600"
    text = render(parse_guide(guide_data), "text", gsm7=True, compact=True)
    assert "\U0001f600" in text
    assert not is_gsm7(text)


@pytest.mark.parametrize("name", ["compact", "gsm7"])
def test_compact_and_gsm7_are_yes_or_no(guide: Guide, name: str) -> None:
    with pytest.raises(RenderOptionError, match=f"{name} must be True or False"):
        render(guide, "text", **{name: "yes"})  # type: ignore[arg-type]


# --- the splitter ---------------------------------------------------------------------------------


def _unnumbered(messages: list[str], guide: Guide) -> list[str]:
    numbering = guide.labels.message_number
    if numbering is None or len(messages) == 1:
        return messages
    pattern = re.escape(numbering).replace(r"\{number\}", r"\d+").replace(r"\{total\}", r"\d+")
    plain = [re.sub(f"^{pattern} ", "", message) for message in messages]
    assert all(
        plain_message != message for plain_message, message in zip(plain, messages, strict=True)
    )
    return plain


def _squeezed(text: str) -> str:
    return "".join(text.split())


def check_messages(document: Any, limit: int, gsm7: bool, **options: Any) -> list[str]:
    guide = document.guide if hasattr(document, "guide") else document
    messages = split_messages(document, max_chars=limit, gsm7=gsm7, **options)
    compact = render(document, "text", compact=True, gsm7=gsm7, **options)
    length = sms_length if gsm7 else len
    for message in messages:
        assert 0 < length(message) <= limit, message
        assert not REFUSED_CHARACTER.search(message)
    # Joined back, the messages are the compact render (numbers and whitespace at joins aside).
    assert _squeezed("".join(_unnumbered(messages, guide))) == _squeezed(compact)
    if len(messages) > 1 and guide.labels.message_number == "{number}/{total}":
        assert [m.split(" ", 1)[0] for m in messages] == [
            f"{n}/{len(messages)}" for n in range(1, len(messages) + 1)
        ]
    return messages


def _compact_lines(document: Any, gsm7: bool, **options: Any) -> list[tuple[str, bool]]:
    """The compact text's lines, each with whether it is a heading."""
    _, outline, text_options = compose(document, "text", {"compact": True, "gsm7": gsm7, **options})
    return compact_lines(outline, text_options)


def _heading_lines(document: Any, gsm7: bool, **options: Any) -> set[str]:
    return {line for line, heading in _compact_lines(document, gsm7, **options) if heading}


@pytest.mark.parametrize("gsm7", [False, True])
@pytest.mark.parametrize("limit", [70, 160, 320, 1600])
def test_the_packaged_guide_splits_without_breaking_sentences_or_orphaning_headings(
    guide: Guide, limit: int, gsm7: bool
) -> None:
    messages = check_messages(guide, limit, gsm7)
    headings = _heading_lines(guide, gsm7)
    for message in messages:
        assert message.splitlines()[-1] not in headings, message
    sentences = [s for p in guide.overview.paragraphs for s in re.split(r"(?<=\.) ", p)]
    joined = "\n".join(messages)
    for sentence in sentences:
        if (sms_length if gsm7 else len)(sentence) < limit - 10:
            assert sentence.replace("’", "'" if gsm7 else "’") in joined


@pytest.mark.parametrize("limit", [70, 160, 320])
def test_a_steps_number_stays_with_its_step(limit: int) -> None:
    plain = load_guide("en", "plain")
    assert plain.steps is not None
    messages = check_messages(plain, limit, False)
    lines = [line for message in messages for line in message.splitlines()]
    assert [line for line in lines if re.fullmatch(r"(?:\S+ )?[0-9]+\.", line)] == []
    if limit < 160:
        return  # the heading and the first step's first sentence are cut between words
    joined = "\n".join(messages)
    for number, step in enumerate(plain.steps.items, 1):
        first = re.split(r"(?<=\.) ", step.text)[0]
        assert f"{number}. {first}" in joined


def test_every_message_set_starts_with_the_header_and_ends_with_the_disclaimer(
    guide: Guide,
) -> None:
    messages = split_messages(guide, max_chars=160, sections=["questions"])
    assert "Not clinically reviewed." in messages[0]
    assert messages[-1].endswith("follow your oncology team’s guidance.")
    omitted = split_messages(guide, max_chars=160, sections=["questions"], omit_disclaimer=True)
    assert not any(guide.disclaimer.heading in message for message in omitted)


def test_a_handout_splits_too(guide: Guide) -> None:
    check_messages(sample_handout(guide), 160, True)
    check_messages(build_handout(guide), 70, False)


@pytest.mark.parametrize("limit", [0, 39, 160.0, True, "160"])
def test_a_limit_under_40_or_not_a_number_is_refused(guide: Guide, limit: Any) -> None:
    with pytest.raises(RenderOptionError, match="max_chars must be an integer of at least 40"):
        split_messages(guide, max_chars=limit)


@example(document=None, limit=70, gsm7=True)
@given(
    document=st.one_of(st.none(), strategies.guides(pool=strategies.markup_texts(), pool_size=8)),
    limit=st.integers(70, 1600),
    gsm7=st.booleans(),
)
def test_any_guide_splits_into_messages_that_fit(
    document: dict[str, Any] | None, limit: int, gsm7: bool
) -> None:
    guide = load_guide("en") if document is None else parse_guide(document)
    messages = check_messages(guide, limit, gsm7)
    # No message ends with a heading: only text that is nothing but a heading is checked, since
    # generated text may repeat a heading's words elsewhere.
    lines = _compact_lines(guide, gsm7)
    other_text = "\n".join(line for line, heading in lines if not heading)
    only_headings = {line for line, heading in lines if heading and line not in other_text}
    for message in messages:
        assert message.splitlines()[-1] not in only_headings, message


def test_a_numbering_too_long_for_the_limit_is_refused(guide_data: dict[str, Any]) -> None:
    guide_data["labels"]["message_number"] = "message {number} of {total}, " + "x" * 30
    guide = parse_guide(guide_data)
    with pytest.raises(RenderOptionError, match="leaves too little room after the message number"):
        split_messages(guide, max_chars=40)
    assert len(split_messages(guide, max_chars=400)) > 1
