"""The plain-language edition: what it restates, sentence by sentence, and how easy it is to read.

The map in its ``adapted_from`` is checked both ways: every plain sentence restates sentences of
the standard edition of the same section (key points and steps, which the standard edition lacks,
restate any section), and every standard sentence is restated by at least one plain sentence.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import textstat

from oncology_second_opinion import load_guide
from oncology_second_opinion._models import AdaptedFrom
from oncology_second_opinion._sentences import sentences

from ..plain_language import mapped_sentences, section_bodies, section_of

PLAIN = load_guide("en", "plain")
STANDARD = load_guide("en")
#: Sections of the plain edition alone, which restate the standard edition's other sections.
SUMMARIES = {"key_points", "steps"}

MAX_GRADE = 6.0
MAX_SECTION_GRADE = 8.0
MAX_SMOG = 9.0
MAX_SENTENCE_WORDS = 20


def _map() -> AdaptedFrom:
    assert PLAIN.adapted_from is not None
    return PLAIN.adapted_from


def test_the_map_names_the_standard_edition_as_it_is_now() -> None:
    """A change of the standard wording bumps its content version, and then the map (and the plain
    sentences it pairs) must be reviewed again before this passes."""
    record = _map()
    source = (record.locale, record.edition, record.content_version)
    assert source == (STANDARD.locale, STANDARD.edition, STANDARD.content_version)


def test_every_plain_sentence_is_mapped_once_in_reading_order() -> None:
    mapped = [entry.sentence for entry in _map().sentences]
    assert [ref for ref, count in Counter(mapped).items() if count > 1] == []
    assert mapped == list(mapped_sentences(PLAIN))


def test_every_restated_sentence_exists_in_the_same_section() -> None:
    standard = mapped_sentences(STANDARD)
    for entry in _map().sentences:
        for ref in entry.restates:
            assert ref in standard, f"{entry.sentence} restates {ref}, which the standard lacks"
            if section_of(entry.sentence) not in SUMMARIES:
                assert section_of(ref) == section_of(entry.sentence), (entry.sentence, ref)


def test_every_standard_sentence_is_restated() -> None:
    restated = {ref for entry in _map().sentences for ref in entry.restates}
    assert [ref for ref in mapped_sentences(STANDARD) if ref not in restated] == []


def test_interface_wording_sources_and_publisher_are_the_standard_editions() -> None:
    assert PLAIN.labels == STANDARD.labels
    assert PLAIN.sources == STANDARD.sources
    assert PLAIN.publisher == STANDARD.publisher


def test_the_review_status_says_it_is_an_unreviewed_adaptation() -> None:
    review = PLAIN.review
    assert review.status == "not-clinically-reviewed"
    assert review.clinical_review is None
    assert "plain-language" in review.statement
    assert "not been clinically reviewed" in review.statement


def test_key_points_and_steps_are_short_and_unnumbered() -> None:
    assert PLAIN.key_points is not None
    assert PLAIN.steps is not None
    assert 3 <= len(PLAIN.key_points.items) <= 5
    for step in PLAIN.steps.items:
        assert not re.match(r"\s*[0-9]", step.text), "formats number the steps"


def test_topics_and_goals_are_named_in_the_paragraphs_in_order() -> None:
    """Structured labels restate phrases of the edition's own paragraphs."""
    prose = " ".join(PLAIN.clarifications.paragraphs).casefold()
    for terms in (PLAIN.clarifications.topics, PLAIN.clarifications.treatment_goals):
        positions = {term.label: prose.find(term.label.casefold()) for term in terms}
        assert [label for label, at in positions.items() if at == -1] == []
        assert list(positions.values()) == sorted(positions.values())


#: Openings that stand for the condition or the instruction of the sentence before. Text messages
#: break between sentences (split_messages), so such a sentence could arrive alone: "Do the same
#: for instructions where timing matters" without what to do.
LEANING_OPENINGS = ("if so", "if not", "do the same", "then ", "otherwise", "in that case")


def test_no_condition_or_instruction_leans_on_the_sentence_before() -> None:
    leaning = {
        ref: text
        for ref, text in mapped_sentences(PLAIN).items()
        if text.casefold().startswith(LEANING_OPENINGS)
    }
    assert leaning == {}


def test_no_sentence_is_longer_than_twenty_words() -> None:
    long = {
        ref: len(text.split())
        for ref, text in mapped_sentences(PLAIN).items()
        if len(text.split()) > MAX_SENTENCE_WORDS
    }
    assert long == {}


def test_the_body_reads_at_grade_six() -> None:
    text = " ".join(section_bodies(PLAIN).values())
    textstat.set_lang("en")
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE
    assert textstat.smog_index(text) <= MAX_SMOG


@pytest.mark.parametrize("section", list(section_bodies(PLAIN)))
def test_every_section_reads_at_grade_eight_or_below(section: str) -> None:
    textstat.set_lang("en")
    assert textstat.flesch_kincaid_grade(section_bodies(PLAIN)[section]) <= MAX_SECTION_GRADE


def test_sentences_split_after_sentence_ends_only() -> None:
    assert sentences(" One. Two? Three! Four… Five。六") == [
        "One.",
        "Two?",
        "Three!",
        "Four…",
        "Five。六",
    ]
    assert sentences("A lead: then more, e.g.x") == ["A lead: then more, e.g.x"]
