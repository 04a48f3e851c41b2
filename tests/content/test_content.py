"""The packaged English guide is its source text, verbatim, with true provenance and stable ids."""

from __future__ import annotations

import re
from typing import Any

from oncology_second_opinion import Guide

from ..seed import HEADINGS, seed_sentences, seed_sources

# Renaming or removing an id breaks integrators who stored it: do it deliberately, in a major
# release, with a CHANGELOG entry, and update this list in the same commit.
PINNED_IDS = [
    ("indication", "hard-to-understand-diagnosis"),
    ("indication", "major-treatment-recommended"),
    ("indication", "more-than-one-option"),
    ("indication", "unclear-results"),
    ("indication", "conflicting-recommendations"),
    ("indication", "clinical-trials"),
    ("indication", "feeling-rushed"),
    ("clarification-topic", "specific-decision"),
    ("clarification-topic", "diagnosis-and-stage"),
    ("clarification-topic", "treatment-goal"),
    ("clarification-topic", "alternatives"),
    ("clarification-topic", "missing-records"),
    ("clarification-topic", "additional-tests"),
    ("clarification-topic", "first-recommendation"),
    ("treatment-goal", "cure"),
    ("treatment-goal", "control"),
    ("treatment-goal", "symptom-relief"),
    ("treatment-goal", "monitoring"),
    ("record", "pathology-reports"),
    ("record", "imaging-reports-and-images"),
    ("record", "lab-results"),
    ("record", "staging-information"),
    ("record", "biomarker-or-genetic-testing"),
    ("record", "current-treatment-recommendations"),
    ("record", "medication-lists"),
    ("record", "key-questions"),
    ("question", "decision-right-now"),
    ("question", "records-supporting-recommendation"),
    ("question", "benefits-risks-alternatives"),
    ("question", "what-would-change-recommendation"),
    ("source", "acs-getting-a-second-opinion"),
    ("source", "acs-making-treatment-decisions"),
    ("source", "mayo-clinic-connect-second-opinion-tips"),
]


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for child in value.values() for text in _strings(child)]
    if isinstance(value, list):
        return [text for child in value for text in _strings(child)]
    return [value] if isinstance(value, str) else []


def _prose(guide: Guide) -> list[str]:
    """The guide's reading text in document order of the source."""
    return [
        *guide.overview.paragraphs,
        guide.indications.heading,
        guide.indications.lead,
        *(item.text for item in guide.indications.items),
        guide.clarifications.heading,
        *guide.clarifications.paragraphs,
        guide.timing.heading,
        *guide.timing.paragraphs,
        guide.records.heading,
        guide.records.lead,
        *guide.disclaimer.paragraphs,
        guide.sources.heading,
        guide.how_to_use.heading,
        *guide.how_to_use.paragraphs,
        guide.questions.heading,
        *(item.text for item in guide.questions.items),
    ]


def test_every_seed_sentence_is_in_the_data_verbatim_and_in_order(guide: Guide) -> None:
    text = "\n".join(_prose(guide))
    position = 0
    for sentence in seed_sentences():
        found = text.find(sentence, position)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        position = found + len(sentence)


def test_the_data_holds_no_prose_the_seed_does_not_have(guide: Guide) -> None:
    sentences = set(seed_sentences())
    for paragraph in _prose(guide):
        for sentence in re.split(r"(?<=[.?:])\s+", paragraph):
            assert sentence in sentences, sentence


def test_typographic_apostrophes_are_kept(guide: Guide) -> None:
    assert "oncology team’s review" in guide.overview.paragraphs[0]
    assert "oncology team’s guidance" in guide.disclaimer.paragraphs[0]
    assert "'" not in "".join(_prose(guide))


def test_headings_are_the_seeds(guide: Guide) -> None:
    headings = {
        guide.indications.heading,
        guide.clarifications.heading,
        guide.timing.heading,
        guide.records.heading,
        guide.sources.heading,
        guide.how_to_use.heading,
        guide.questions.heading,
    }
    assert headings == set(HEADINGS)


def test_sources_are_exactly_as_written(guide: Guide) -> None:
    assert [(s.publisher, s.title, s.url) for s in guide.sources.items] == [
        (s.publisher, s.title, s.url) for s in seed_sources()
    ]


def test_structured_labels_restate_seed_phrases(guide: Guide) -> None:
    seed = " ".join(seed_sentences()).lower()
    labels = [
        *(topic.label for topic in guide.clarifications.topics),
        *(goal.label for goal in guide.clarifications.treatment_goals),
        *(record.label for record in guide.records.items),
    ]
    for label in labels:
        phrase = label.lower()
        for article in ("the ", "your "):
            if phrase.startswith(article) and phrase not in seed:
                phrase = phrase.removeprefix(article)
        assert phrase in seed, label


def test_the_timing_question_restates_the_seed_in_the_readers_words(guide: Guide) -> None:
    # Like the handout's headings ("Records I already have"), the reader speaks: "my" for the
    # seed's "your".
    label = guide.labels.treatment_starts_soon
    assert label is not None
    assert label.startswith("My ")
    assert "your " + label.removeprefix("My ").lower() in " ".join(seed_sentences()).lower()


def test_treatment_goals_are_the_four_the_seed_names(guide: Guide) -> None:
    assert [goal.id for goal in guide.clarifications.treatment_goals] == [
        "cure",
        "control",
        "symptom-relief",
        "monitoring",
    ]
    assert "cure, control, symptom relief, or monitoring" in guide.clarifications.paragraphs[0]


def test_records_checklist_follows_the_lead_sentence(guide: Guide) -> None:
    lead = guide.records.lead.lower()
    positions = [lead.find(record.label.lower()) for record in guide.records.items]
    assert all(position >= 0 for position in positions)
    assert positions == sorted(positions)


def test_ids_are_pinned(guide: Guide) -> None:
    assert list(guide.item_ids()) == PINNED_IDS


def test_provenance_is_present_and_honest(guide: Guide) -> None:
    assert guide.schema_version == "1.3"
    assert guide.content_version == "1.3.0"
    assert guide.locale == "en"
    # No clinician has reviewed this edition; the data must not claim otherwise.
    assert guide.review.status == "not-clinically-reviewed"
    assert "not been clinically reviewed" in guide.review.statement


def test_no_invented_dates_reviewers_or_statistics(guide_data: dict[str, Any]) -> None:
    for text in _strings(guide_data):
        assert not re.search(r"\b(19|20)\d\d\b", text), text
        assert "%" not in text, text
        assert "Dr." not in text, text
        assert "MD" not in text.split(), text
    assert "reviewer" not in str(guide_data).lower()
