"""Each writer's escape function equals its plain definition, on any string.

The writers skip work for text that is printable (most content): every character their cleaning
changes is unprintable. These properties hold the shortcuts to the plain definitions, written here
with the standard library and the regular expressions the documentation describes.
"""

from __future__ import annotations

import html
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from oncology_second_opinion.fields import showable
from oncology_second_opinion.writers import html as html_writer
from oncology_second_opinion.writers import markdown, text

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
EVERY = settings(max_examples=1000, deadline=None)

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
def test_markdown_escape_folds_whitespace_and_backslashes_every_ascii_punctuation(
    value: str,
) -> None:
    folded = re.sub(r"[ \t\n\r\f\v]{2,}|[\t\n\r\f\v]", " ", showable(value))
    expected = re.sub(f"([{re.escape(string.punctuation)}])", r"\\\1", folded)
    assert markdown.escape(value) == expected


@EVERY
@given(TEXTS)
def test_text_escape_folds_whitespace_and_line_separators(value: str) -> None:
    expected = re.sub(
        "[ \t\n\r\f\v\u2028\u2029]{2,}|[\t\n\r\f\v\u2028\u2029]", " ", showable(value)
    )
    assert text.escape(value) == expected
