"""Markdown escaping by context: text reads as written, and parsers read it back as text.

Three parsers read every case: CommonMark and GitHub-like Markdown with linkify (markdown-it-py),
and Python-Markdown with the extensions MkDocs sites use. Each must find exactly the blocks the
writer made, with the text as it went in (whitespace folded) and no other markup.

The cases in ``fixtures/markdown_escape.json`` pin the exact bytes for each context a character
can be markup in, and every failure hypothesis has found.
"""

from __future__ import annotations

import json
import string
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from oncology_second_opinion._outline import (
    Block,
    BulletList,
    Checklist,
    Heading,
    Link,
    Outline,
    Paragraph,
    Run,
    Section,
)
from oncology_second_opinion._writer import NoOptions
from oncology_second_opinion._writers import markdown

from .. import strategies
from ..conftest import TESTS, scaled
from ..render_parse import (
    GFM,
    MARKDOWN,
    assert_python_markdown_reads,
    expected_events,
    markdown_events,
)

FIXTURES = TESTS / "fixtures" / "markdown_escape.json"
CONTEXTS = (
    "paragraph",
    "item",
    "items",
    "task",
    "tasks",
    "heading",
    "link",
    "before-link",
    "after-link",
)


def block_of(context: str, text: str) -> Block:
    """A block holding ``text`` in ``context``: where a character may mean something else."""
    if context == "paragraph":
        return Paragraph((Run(text),))
    if context == "item":
        return BulletList(((Run(text),),))
    if context == "items":  # lines of one list, where Python-Markdown finds tables
        return BulletList(((Run(text),), (Run(text),)))
    if context == "task":
        return Checklist("Records", (text,))
    if context == "tasks":
        return Checklist("Records", (text, text))
    if context == "heading":
        return Heading(3, text)
    if context == "link":
        return Paragraph((Run("See "), Link(text, "https://example.org/"), Run(" now.")))
    if context == "before-link":
        return Paragraph((Run(text), Link("here", "https://example.org/")))
    if context == "after-link":
        return Paragraph((Link("here", "https://example.org/"), Run(text)))
    raise AssertionError(context)


def outline_of(block: Block) -> Outline:
    section = Section("overview", Heading(2, "Overview"), (block,))
    return Outline("en", "Title", (), (section,), url_separator=" — ")


def written(context: str, text: str) -> str:
    """The Markdown the writer makes of ``text`` in ``context``: its block, alone."""
    output = markdown.WRITER.write(outline_of(block_of(context, text)), NoOptions())
    head = "## Overview\n\n"
    assert output.startswith(head)
    return output.removeprefix(head).removesuffix("\n")


def assert_read_as_written(context: str, text: str) -> None:
    outline = outline_of(block_of(context, text))
    output = markdown.WRITER.write(outline, NoOptions())
    expected = expected_events(outline, markdown=True)
    for parser in (MARKDOWN, GFM):
        assert markdown_events(output, parser) == expected, (parser, output)
    assert_python_markdown_reads(output, expected)


def _cases() -> list[Any]:
    cases = json.loads(FIXTURES.read_text(encoding="utf-8"))
    return [
        pytest.param(case["context"], case["text"], case["markdown"], id=case["why"])
        for case in cases
    ]


CASES = _cases()


def test_the_fixtures_cover_every_context() -> None:
    assert {case.values[0] for case in CASES} == set(CONTEXTS)


@pytest.mark.parametrize(("context", "text", "expected"), CASES)
def test_pinned_case_is_written_as_pinned(context: str, text: str, expected: str) -> None:
    assert written(context, text) == expected


@pytest.mark.parametrize(("context", "text", "expected"), CASES)
def test_pinned_case_is_read_back_as_text(context: str, text: str, expected: str) -> None:
    assert_read_as_written(context, text)


# Text made of what can be markup somewhere: fragments of Markdown, ASCII punctuation and a few
# plain characters to put them in and between words.
_PIECE = st.one_of(
    st.sampled_from(strategies.MARKUP),
    st.sampled_from(string.punctuation),
    st.sampled_from(["a", "B", "1", "é", " ", "  ", "\u00a0", "\U0001f600", ".org", "www."]),
)
MARKDOWN_TEXTS = (
    st.lists(_PIECE, min_size=1, max_size=8)
    .map("".join)
    .filter(lambda text: strategies.is_text(text) and text.strip() != "")
)


@pytest.mark.parametrize("context", CONTEXTS)
@scaled(2)
@given(text=MARKDOWN_TEXTS)
def test_any_text_is_read_back_as_text(context: str, text: str) -> None:
    assert_read_as_written(context, text)


@pytest.mark.parametrize("context", CONTEXTS)
@given(text=strategies.markup_texts().filter(lambda text: text.strip() != ""))
def test_any_valid_text_is_read_back_as_text(context: str, text: str) -> None:
    assert_read_as_written(context, text)


def test_plain_prose_is_written_as_is() -> None:
    prose = (
        "Ask: is there time (2-3 weeks) to wait? Bring 1.0 copies, e.g. scans; 50% of people "
        "don't — and that's fine! Costs $10 + tax = less. A * B _ C ~ D > E < F"
    )
    for context in ("paragraph", "item", "task", "heading"):
        assert written(context, prose).endswith(prose)


# markdown-it's link normalization drops a host name longer than 255 characters.
@example("https://" + ".".join(["a" * 60] * 5) + "/")
@example("https://example.org/?q=a&amp;b")
@example("https://example.org/?q=a&copy;b&lt;c")
@example("https://example.org/(a)b")
@example("https://example.org/a)")
@example("https://example.org/'a'")
@example("https://example.org/*a*_b_~c~")
@given(strategies.https_urls())
def test_a_link_destination_is_read_back_exactly(url: str) -> None:
    outline = outline_of(Paragraph((Link("here", url),)))
    output = markdown.WRITER.write(outline, NoOptions())
    for parser in (MARKDOWN, GFM):
        links = [event for event in markdown_events(output, parser) if event[0] == "link"]
        assert links == [("link", MARKDOWN.normalizeLink(url), "here")]
    assert_python_markdown_reads(output, expected_events(outline, markdown=True))


def test_a_task_reads_as_a_box_to_tick_where_task_lists_are_not_rendered() -> None:
    output = markdown.WRITER.write(
        outline_of(Checklist("Records", ("Pathology reports",))), NoOptions()
    )
    assert output.endswith("\n\n- [ ] Pathology reports\n")
    assert "<li>[ ] Pathology reports</li>" in MarkdownIt("commonmark").render(output)
