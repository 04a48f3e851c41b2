"""Each writer's escape function equals its plain definition, on any string.

Markdown escapes by context, which has no shorter definition than its own: its rules are pinned
and proven by parsers in test_markdown_escaping. Its whitespace folding has one, here.

The writers skip work for text that is printable (most content): every character their cleaning
changes is unprintable. These properties hold the shortcuts to the plain definitions, written here
with the standard library and the regular expressions the documentation describes.
"""

from __future__ import annotations

import functools
import html
import re
import string

from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion._fields import showable
from oncology_second_opinion._outline import Heading, Outline, Paragraph, Run, Section
from oncology_second_opinion._writer import NoOptions
from oncology_second_opinion._writers import html as html_writer
from oncology_second_opinion._writers import markdown, markdown_escape, text
from oncology_second_opinion._writers.text import TextOptions

from ..conftest import scaled

# Characters the writers treat specially, mixed with any character at all.
_SPECIAL = st.sampled_from(
    [
        *string.punctuation,
        *string.whitespace,
        *("  ", "\x00", "\x1b", "\x85", "\xa0", "\u2028", "\u2029", "\u202e", "\u2066", "\ud800"),
        *("\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff", "\ue000", "\u0378"),
    ]
)
TEXTS = st.lists(st.one_of(_SPECIAL, st.characters())).map("".join)
# One string through one function: cheap enough for five times the profile's examples.
EVERY = scaled(5)

_NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    + "]"
)


@EVERY
@given(TEXTS)
def test_html_escape_is_showable_text_without_noncharacters_through_html_escape(value: str) -> None:
    expected = html.escape(_NONCHARACTER.sub("\ufffd", showable(value)), quote=True)
    assert html_writer.escape(value) == expected


@EVERY
@given(TEXTS)
def test_markdown_folds_whitespace_to_single_spaces(value: str) -> None:
    expected = re.sub(r"[ \t\n\r\f\v]{2,}|[\t\n\r\f\v]", " ", showable(value))
    assert markdown_escape.fold(value) == expected


@EVERY
@given(TEXTS)
def test_text_escape_folds_whitespace_and_line_separators(value: str) -> None:
    expected = re.sub(
        "[ \t\n\r\f\v\u2028\u2029]{2,}|[\t\n\r\f\v\u2028\u2029]", " ", showable(value)
    )
    assert text.escape(value) == expected


def _one_paragraph(runs: list[str]) -> Outline:
    body = (Paragraph(tuple(Run(run) for run in runs)),)
    section = Section("overview", Heading(2, "Overview"), body)
    return Outline("en", "Title", (), (section,), url_separator=" — ")


def _markdown(outline: Outline) -> str:
    return markdown.WRITER.write(outline, NoOptions())


def _text(outline: Outline, width: int | None = text.DEFAULT_WIDTH) -> str:
    return text.WRITER.write(outline, TextOptions(width=width))


@EVERY
@given(st.lists(TEXTS, min_size=1, max_size=4))
def test_a_paragraph_of_several_runs_is_one_line_without_doubled_or_outer_spaces(
    runs: list[str],
) -> None:
    # Runs are escaped one by one: where one ends with a space and the next starts with one, the
    # writer must still join them with a single space.
    for write in (_markdown, functools.partial(_text, width=None)):
        paragraph = write(_one_paragraph(runs)).split("\n\n")[-1].removesuffix("\n")
        assert "\n" not in paragraph
        assert "  " not in paragraph
        assert paragraph == paragraph.strip(" ")


def test_runs_that_meet_at_spaces_are_joined_by_one() -> None:
    outline = _one_paragraph(["before ", " after"])
    assert _markdown(outline).endswith("\n\nbefore after\n")
    assert _text(outline).endswith("\n\nbefore after\n")
