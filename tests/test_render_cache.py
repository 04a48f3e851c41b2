"""``render`` remembers recent results per guide object, and only while that object lives."""

from __future__ import annotations

import gc

from oncology_second_opinion import Guide, build_handout, load_guide_file, render
from oncology_second_opinion.render import _results, clear_cache

from .conftest import ROOT


def test_the_same_guide_and_options_give_the_same_string(guide: Guide) -> None:
    clear_cache()
    first = render(guide, "html", heading_level=2)
    assert render(guide, "html", heading_level=2) is first
    assert render(guide, "html", heading_level=3) != first
    assert render(guide, "text", width=None) != render(guide, "text")


def test_a_remembered_result_equals_a_fresh_one(guide: Guide) -> None:
    remembered = [
        render(guide, "html", document=True),
        render(guide, "markdown", sections=["records", "disclaimer"]),
    ]
    clear_cache()
    assert [
        render(guide, "html", document=True),
        render(guide, "markdown", sections=["records", "disclaimer"]),
    ] == remembered


def test_results_are_forgotten_with_their_guide() -> None:
    clear_cache()
    edition = load_guide_file(ROOT / "data" / "en.json")
    handout = build_handout(edition, questions=["decision-right-now"])
    render(edition, "markdown")
    render(handout, "markdown")
    assert len(_results) == 2
    del edition, handout
    gc.collect()
    assert _results == {}


def test_an_equal_but_distinct_guide_is_rendered_for_itself(guide: Guide) -> None:
    copy = guide.model_copy(update={"title": "Another title"})
    assert "Another title" in render(copy, "text")
    assert "Another title" not in render(guide, "text")
