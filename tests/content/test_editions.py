"""Editions: a packaged guide is a locale and an edition, and every edition of a locale is
interchangeable by id."""

from __future__ import annotations

import json
import pickle
from importlib.resources import files
from typing import Any

import pytest

from oncology_second_opinion import (
    SECTION_IDS,
    ContentError,
    Edition,
    Guide,
    RenderOptionError,
    SelectionError,
    UnknownEditionError,
    UnknownLocaleError,
    available_editions,
    build_handout,
    load_guide,
    parse_guide,
    render,
    to_fhir_questionnaire,
    to_jsonld,
)
from oncology_second_opinion._fields import quote
from oncology_second_opinion._fingerprint import content_json

from ..golden import PACKAGED, packaged_guide
from ..plain_language import body, mapped_sentences, reading_grade

#: The kinds of item every edition of a locale has, with the same ids.
SHARED_KINDS = {
    "indication",
    "clarification-topic",
    "treatment-goal",
    "record",
    "question",
    "source",
}


def _manifest() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (files("oncology_second_opinion.data") / "manifest.json").read_text(encoding="utf-8")
    )
    return data


def test_available_editions_lists_every_packaged_guide() -> None:
    plain = load_guide("en", "plain")
    assert available_editions() == (
        Edition("en", "standard", "Standard", "1.3.0", "not-clinically-reviewed", 11.5),
        Edition(
            "en",
            "plain",
            "Plain language",
            plain.content_version,
            "not-clinically-reviewed",
            5.9,
        ),
        Edition("es", "standard", "Estándar", "1.0.0", "not-clinically-reviewed", None),
    )


def test_the_standard_edition_is_the_default(fresh_caches: object) -> None:
    assert load_guide("en") is load_guide("en", "standard") is load_guide(edition="standard")
    assert load_guide("en").edition == "standard"
    assert load_guide("en", "plain") is load_guide("en", "plain")
    assert load_guide("en", "plain") is not load_guide("en")


@pytest.mark.parametrize("name", PACKAGED)
def test_each_file_says_the_locale_and_edition_the_manifest_lists_it_under(name: str) -> None:
    locale, edition = PACKAGED[name]
    guide = packaged_guide(name)
    assert (guide.locale, guide.edition) == (locale, edition)
    entry = _manifest()["locales"][locale]["editions"][edition]
    assert entry["file"] == f"{name}.json"


@pytest.mark.parametrize("name", PACKAGED)
def test_the_recorded_reading_grade_is_measured(name: str) -> None:
    """The manifest's grade is textstat's Flesch-Kincaid grade of the body text, for English."""
    guide = packaged_guide(name)
    (entry,) = [e for e in available_editions() if (e.locale, e.edition) == PACKAGED[name]]
    expected = reading_grade(body(guide)) if guide.locale == "en" else None
    assert entry.reading_grade == expected


def test_an_unknown_edition_lists_the_locales_editions() -> None:
    with pytest.raises(UnknownEditionError) as caught:
        load_guide("en", "simple")
    error = caught.value
    assert isinstance(error, LookupError)
    assert (error.locale, error.edition, error.available) == ("en", "simple", ("standard", "plain"))
    assert str(error) == (
        "no edition 'simple' of the packaged guide for locale 'en'; available editions: "
        "standard, plain"
    )
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.available) == (type(error), str(error), error.available)
    with pytest.raises(UnknownEditionError) as spanish:
        load_guide("es", "plain")
    assert spanish.value.available == ("standard",)


def test_an_unknown_locale_is_reported_before_the_edition() -> None:
    with pytest.raises(UnknownLocaleError):
        load_guide("fr", "plain")


@pytest.mark.parametrize("edition", [None, 1, b"plain", ["plain"]])
def test_an_edition_that_is_not_a_string_is_a_type_error(edition: object) -> None:
    with pytest.raises(TypeError, match="edition"):
        load_guide("en", edition)  # type: ignore[arg-type]


def _shared_ids(guide: Guide) -> list[tuple[str, str]]:
    return [(kind, item_id) for kind, item_id in guide.item_ids() if kind in SHARED_KINDS]


@pytest.mark.parametrize("name", [name for name in PACKAGED if "." in name])
def test_every_edition_of_a_locale_has_the_same_item_ids(name: str) -> None:
    guide = packaged_guide(name)
    standard = load_guide(guide.locale)
    assert _shared_ids(guide) == _shared_ids(standard)


def test_a_handout_selection_works_in_either_edition() -> None:
    selection: dict[str, Any] = {
        "indications": ("feeling-rushed",),
        "records_on_hand": ("lab-results",),
        "questions": ("decision-right-now",),
    }
    handouts = [build_handout(load_guide("en", e), **selection) for e in ("standard", "plain")]
    assert [h.indications[0].id for h in handouts] == ["feeling-rushed", "feeling-rushed"]
    plain = load_guide("en", "plain")
    assert render(handouts[1], "text").count(plain.indications.items[-1].text) == 1
    with pytest.raises(SelectionError):
        build_handout(plain, indications=("what-it-is",))  # a key point is not a situation


def test_the_plain_editions_sections_come_in_their_order_and_can_be_chosen() -> None:
    plain = load_guide("en", "plain")
    assert plain.section_ids == (
        "key-points",
        *SECTION_IDS[:6],
        "steps",
        *SECTION_IDS[6:],
    )
    assert plain.key_points is not None
    assert plain.steps is not None
    text = render(plain, "markdown", sections=["steps", "key-points"], omit_disclaimer=True)
    steps = [f"{n}. {step.text}" for n, step in enumerate(plain.steps.items, 1)]
    points = [f"- {point.text}" for point in plain.key_points.items]
    assert text.index(steps[-1]) < text.index(points[0])
    for line in (*steps, *points):
        assert line in text.splitlines()
    with pytest.raises(RenderOptionError, match="unknown id 'key-points' in sections"):
        render(load_guide("en"), "markdown", sections=["key-points"])


def test_exports_name_their_edition_and_what_it_restates() -> None:
    standard, plain = load_guide("en"), load_guide("en", "plain")
    edition = "urn:oncology-second-opinion:edition"
    questionnaire = to_fhir_questionnaire(plain)
    assert questionnaire["url"] == "urn:oncology-second-opinion:questionnaire:en:plain"
    assert questionnaire["identifier"] == [{"system": edition, "value": "plain"}]
    assert questionnaire["derivedFrom"] == [
        f"urn:oncology-second-opinion:questionnaire:en|{standard.content_version}"
    ]
    assert to_fhir_questionnaire(plain, url="https://example.org/q")["identifier"] == [
        {"system": edition, "value": "plain"}
    ]
    assert "derivedFrom" not in to_fhir_questionnaire(standard)
    page = to_jsonld(plain)
    assert page["identifier"] == {"@type": "PropertyValue", "propertyID": edition, "value": "plain"}
    assert page["isBasedOn"] == {
        "@type": "MedicalWebPage",
        "inLanguage": "en",
        "version": standard.content_version,
        "identifier": {"@type": "PropertyValue", "propertyID": edition, "value": "standard"},
    }
    assert to_jsonld(load_guide("es"))["translationOfWork"]["version"] == "1.3.0"


def test_a_translated_adaptation_names_both_origins() -> None:
    spanish = load_guide("es")
    document = content_json(load_guide("en", "plain"))
    document["locale"] = "es"
    document["translated_from"] = content_json(spanish)["translated_from"]
    document["translated_from"]["edition"] = "plain"
    translated = document["translated_from"]
    guide = parse_guide(document)
    assert to_fhir_questionnaire(guide)["derivedFrom"] == [
        "urn:oncology-second-opinion:questionnaire:en|1.3.0",
        f"urn:oncology-second-opinion:questionnaire:en:plain|{translated['content_version']}",
    ]
    page = to_jsonld(guide)
    assert page["isBasedOn"]["identifier"]["value"] == "standard"
    assert page["translationOfWork"]["identifier"]["value"] == "plain"


def test_an_adaptation_cannot_restate_its_own_edition() -> None:
    document = content_json(load_guide("en", "plain"))
    document["edition"] = "standard"
    with pytest.raises(ContentError) as caught:
        parse_guide(document)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        (
            "$.adapted_from.edition",
            "names this guide's own edition ('standard' in 'en'); an adaptation restates another "
            "edition: give this guide an edition of its own, such as 'plain'",
        )
    ]


def _problems(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ContentError) as caught:
        parse_guide(document)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_an_adaptations_map_accounts_for_each_of_its_sentences_once() -> None:
    document = content_json(load_guide("en", "plain"))
    entries = document["adapted_from"]["sentences"]
    dropped = entries.pop(3)["sentence"]
    entries[0] = {"sentence": "overview.paragraphs.0#9", "restates": ["title#0"]}
    entries.append(dict(entries[1]))
    repeated = entries[1]["sentence"]
    left_out = "; map every sentence to the source sentences it restates"
    assert _problems(document) == [
        (
            "$.adapted_from.sentences[0].sentence",
            'names no sentence of this guide ("overview.paragraphs.0#9"); a reference is the '
            "path of a title, heading, lead, paragraph or item, '#' and the sentence's number "
            "from 0",
        ),
        (
            f"$.adapted_from.sentences[{len(entries) - 1}].sentence",
            f'maps "{repeated}" again; it is at $.adapted_from.sentences[1].sentence',
        ),
        (
            "$.adapted_from.sentences",
            f'leaves out the sentence "title#0" ({quote(document["title"])}){left_out}',
        ),
        (
            "$.adapted_from.sentences",
            f'leaves out the sentence "{dropped}" ({quote(_text_of(dropped))}){left_out}',
        ),
    ]


def _text_of(reference: str) -> str:
    return mapped_sentences(load_guide("en", "plain"))[reference]


def test_a_changed_sentence_count_is_found_without_the_source() -> None:
    """Splitting a sentence of the adaptation in two leaves the new one unmapped."""
    document = content_json(load_guide("en", "plain"))
    document["timing"]["paragraphs"][0] += " It is safe."
    problems = _problems(document)
    assert [path for path, _ in problems] == ["$.adapted_from.sentences"]
    assert '"timing.paragraphs.0#3"' in problems[0][1]
