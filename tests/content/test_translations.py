"""The packaged Spanish guide: a complete, fresh translation of the English one, Spanish in every
format and export, and honest about what it is."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from oncology_second_opinion import (
    Guide,
    available_locales,
    build_handout,
    load_guide,
    render,
    split_messages,
    to_fhir_questionnaire,
    to_jsonld,
)
from oncology_second_opinion._translation import check, strings

from ..golden import sample_handout
from ..render_parse import parse_html

ENGLISH = load_guide("en")
SPANISH = load_guide("es")

#: English strings a Spanish render may hold: what the sources are called as published (their
#: publishers, titles and addresses), the punctuation both languages write alike, and the one
#: treatment goal spelled the same in both.
ALLOWED_ENGLISH = frozenset(
    {
        *(source.publisher for source in ENGLISH.sources.items),
        *(source.title for source in ENGLISH.sources.items),
        *(source.url for source in ENGLISH.sources.items),
        ENGLISH.labels.label_separator,
        ENGLISH.labels.url_separator,
        ENGLISH.labels.message_number or "",
        "Control",
    }
)


def test_spanish_is_packaged() -> None:
    assert "es" in available_locales()
    assert SPANISH.locale == "es"


def test_the_translation_is_complete_and_fresh() -> None:
    assert SPANISH.translated_from is not None
    assert (SPANISH.translated_from.locale, SPANISH.translated_from.edition) == ("en", "standard")
    assert SPANISH.translated_from.content_version == ENGLISH.content_version
    assert check(SPANISH, ENGLISH) == []


def test_every_edition_has_the_same_items_and_strings() -> None:
    assert list(SPANISH.item_ids()) == list(ENGLISH.item_ids())
    assert list(strings(SPANISH)) == list(strings(ENGLISH))


def test_the_review_status_claims_no_review() -> None:
    assert SPANISH.review.status == "not-clinically-reviewed"
    # It says it is the project's translation, in the reader's language.
    assert "traducción" in SPANISH.review.statement.lower()
    assert "oncology-second-opinion" in SPANISH.review.statement
    assert SPANISH.review.short_statement is not None
    assert "Traducción" in SPANISH.review.short_statement


def test_sources_stay_as_published_and_say_their_language() -> None:
    assert SPANISH.sources.items == ENGLISH.sources.items
    assert {source.language for source in SPANISH.sources.items} == {"en"}


def test_spanish_typography() -> None:
    for question in SPANISH.questions.items:
        assert re.fullmatch(r"¿[^¿?]+\?", question.text), question.text
    for path, text in strings(SPANISH).items():
        # Spanish writes no apostrophe, and the English typographic one would be a leftover.
        assert not set(text) & {"'", "’", '"'}, path


def _handouts(guide: Guide) -> Iterator[Any]:
    yield sample_handout(guide)
    everything = build_handout(
        guide,
        indications=[item.id for item in guide.indications.items],
        records_on_hand=[guide.records.items[0].id],
        questions=[item.id for item in guide.questions.items],
        treatment_starts_soon=True,
    )
    yield everything


def _spanish_outputs() -> Iterator[tuple[str, str]]:
    """Every render and export of the Spanish guide and its handouts, as text."""
    for number, subject in enumerate((SPANISH, *_handouts(SPANISH))):
        kind = f"{type(subject).__name__} {number}"
        yield f"{kind} markdown", render(subject, "markdown")
        yield f"{kind} html", render(subject, "html")
        yield f"{kind} html document", render(subject, "html", document=True)
        yield f"{kind} text", render(subject, "text", width=None)
        yield f"{kind} compact", render(subject, "text", compact=True)
        yield f"{kind} gsm7", render(subject, "text", compact=True, gsm7=True)
        yield f"{kind} messages", "\n".join(split_messages(subject, max_chars=160))
    yield "json", json.dumps(SPANISH.model_dump(mode="json", exclude={"translated_from"}))
    yield "fhir", json.dumps(to_fhir_questionnaire(SPANISH), ensure_ascii=False)
    yield "json-ld", json.dumps(to_jsonld(SPANISH), ensure_ascii=False)


def test_no_english_string_appears_in_any_spanish_output() -> None:
    english = set(strings(ENGLISH).values()) - ALLOWED_ENGLISH
    assert ENGLISH.title in english
    outputs = dict(_spanish_outputs())
    assert len(outputs) == 3 * 7 + 3
    leftovers = {
        (name, text) for name, output in outputs.items() for text in english if text in output
    }
    assert not leftovers


def test_the_check_sees_an_english_leftover() -> None:
    # The test above would find a label left in English.
    labels = SPANISH.labels.model_copy(update={"answer": ENGLISH.labels.answer})
    handout = sample_handout(SPANISH.model_copy(update={"labels": labels}))
    assert ENGLISH.labels.answer in render(handout, "text")


@pytest.mark.parametrize("document", [False, True])
def test_html_is_spanish_with_english_source_titles(document: bool) -> None:
    for subject in (SPANISH, *_handouts(SPANISH)):
        root = parse_html(render(subject, "html", document=document), fragment=not document)
        langs = {element.get("lang") for element in root.iter() if element.get("lang")}
        assert langs == {"es", "en"}
        marked = [element for element in root.iter() if element.get("lang") == "en"]
        assert [(a.tag, a.text, a.get("hreflang")) for a in marked] == [
            ("a", source.title, "en") for source in SPANISH.sources.items
        ]


def test_exports_say_spanish() -> None:
    resource = to_fhir_questionnaire(SPANISH)
    Questionnaire.model_validate(resource)
    assert resource["language"] == "es"
    assert resource["url"].endswith(":es")
    citations = [extension["valueRelatedArtifact"] for extension in resource["extension"]]
    assert {citation["document"]["language"] for citation in citations} == {"en"}
    page = to_jsonld(SPANISH)
    assert page["inLanguage"] == "es"
    assert {citation["inLanguage"] for citation in page["citation"]} == {"en"}
