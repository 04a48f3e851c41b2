"""The Markdown of the packaged guides as its consumers see it.

mdformat (CommonMark, with its GFM plugin for task lists) is the canonical style: it leaves every
render untouched. Python-Markdown, which MkDocs and many static sites use, shows every sentence
with no stray backslash. Hostile text under all these parsers is test_markdown_escaping's and
test_injection's subject.
"""

from __future__ import annotations

import mdformat
import pytest

from oncology_second_opinion import available_locales, build_handout, load_guide, render
from oncology_second_opinion._outline import build_outline

from ..golden import sample_handout
from ..render_parse import (
    expected_events,
    fold,
    parse_html,
    python_markdown_events,
    python_markdown_html,
    text_of,
)

LOCALES = available_locales()


def formatted(markdown: str) -> str:
    return mdformat.text(markdown, options={"wrap": "keep"}, extensions={"gfm"})


@pytest.mark.parametrize("locale", LOCALES)
def test_a_guide_is_a_fixed_point_of_mdformat(locale: str) -> None:
    markdown = render(load_guide(locale), "markdown")
    assert formatted(markdown) == markdown


@pytest.mark.parametrize("locale", LOCALES)
def test_each_section_alone_is_a_fixed_point_of_mdformat(locale: str) -> None:
    guide = load_guide(locale)
    for section in guide.section_ids:
        for heading_level in (1, 3):
            markdown = render(guide, "markdown", sections=[section], heading_level=heading_level)
            assert formatted(markdown) == markdown, section


@pytest.mark.parametrize("locale", LOCALES)
def test_handouts_are_fixed_points_of_mdformat(locale: str) -> None:
    guide = load_guide(locale)
    handouts = [
        sample_handout(guide),
        sample_handout(guide, treatment_starts_soon=True),
        build_handout(guide),
    ]
    for handout in handouts:
        markdown = render(handout, "markdown")
        assert formatted(markdown) == markdown


@pytest.mark.parametrize("locale", LOCALES)
def test_a_guide_needs_no_backslash(locale: str) -> None:
    """None of the packaged content's characters can be markup where it stands."""
    assert "\\" not in render(load_guide(locale), "markdown")


@pytest.mark.parametrize("locale", LOCALES)
def test_python_markdown_shows_every_sentence_and_nothing_else(locale: str) -> None:
    guide = load_guide(locale)
    markdown = render(guide, "markdown")
    assert python_markdown_events(markdown) == expected_events(build_outline(guide), markdown=True)
    shown = fold(text_of(parse_html(python_markdown_html(markdown), fragment=True)))
    assert "\\" not in shown
    for paragraph in guide.overview.paragraphs:
        assert fold(paragraph) in shown
