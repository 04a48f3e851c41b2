"""The Markdown of the packaged guides as its consumers see it.

mdformat (CommonMark, with its GFM plugin for task lists, numbering ordered lists) is the canonical
style: it leaves every render untouched. Python-Markdown, which MkDocs and many static sites use,
shows every sentence with no stray backslash. Hostile text under all these parsers is
test_markdown_escaping's and test_injection's subject.
"""

from __future__ import annotations

import mdformat
import pytest

from oncology_second_opinion import build_handout, render
from oncology_second_opinion._outline import build_outline

from ..golden import PACKAGED, packaged_guide, sample_handout
from ..render_parse import (
    expected_events,
    fold,
    parse_html,
    python_markdown_events,
    python_markdown_html,
    text_of,
)

GUIDES = tuple(PACKAGED)


def formatted(markdown: str) -> str:
    # number: ordered lists keep their numbers 1, 2, 3 (mdformat's default writes 1. on every
    # item, which reads worse as plain text and renders the same).
    return mdformat.text(markdown, options={"wrap": "keep", "number": True}, extensions={"gfm"})


@pytest.mark.parametrize("name", GUIDES)
def test_a_guide_is_a_fixed_point_of_mdformat(name: str) -> None:
    markdown = render(packaged_guide(name), "markdown")
    assert formatted(markdown) == markdown


@pytest.mark.parametrize("name", GUIDES)
def test_each_section_alone_is_a_fixed_point_of_mdformat(name: str) -> None:
    guide = packaged_guide(name)
    for section in guide.section_ids:
        for heading_level in (1, 3):
            markdown = render(guide, "markdown", sections=[section], heading_level=heading_level)
            assert formatted(markdown) == markdown, section


@pytest.mark.parametrize("name", GUIDES)
def test_handouts_are_fixed_points_of_mdformat(name: str) -> None:
    guide = packaged_guide(name)
    handouts = [
        sample_handout(guide),
        sample_handout(guide, treatment_starts_soon=True),
        build_handout(guide),
    ]
    for handout in handouts:
        markdown = render(handout, "markdown")
        assert formatted(markdown) == markdown


@pytest.mark.parametrize("name", GUIDES)
def test_a_guide_needs_no_backslash(name: str) -> None:
    """None of the packaged content's characters can be markup where it stands."""
    assert "\\" not in render(packaged_guide(name), "markdown")


@pytest.mark.parametrize("name", GUIDES)
def test_python_markdown_shows_every_sentence_and_nothing_else(name: str) -> None:
    guide = packaged_guide(name)
    markdown = render(guide, "markdown")
    assert python_markdown_events(markdown) == expected_events(build_outline(guide), markdown=True)
    shown = fold(text_of(parse_html(python_markdown_html(markdown), fragment=True)))
    assert "\\" not in shown
    for paragraph in guide.overview.paragraphs:
        assert fold(paragraph) in shown
