"""handout_from_questionnaire_response(): a filled form becomes the handout build_handout makes,
and a response that is not an answer to the guide's Questionnaire is refused, never misread."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import (
    Guide,
    Handout,
    RenderOptionError,
    ResponseError,
    SelectionError,
    available_editions,
    build_handout,
    handout_from_questionnaire_response,
    load_guide,
    parse_guide,
    to_fhir_questionnaire,
)
from oncology_second_opinion._fhir import ITEM_SYSTEM
from oncology_second_opinion._handout import MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS
from oncology_second_opinion._response import ACCEPTED_STATUSES

from ..conftest import WHOLE_GUIDES, scaled
from ..strategies import Json, get, guide_models, json_values, locations, replace, texts

Item = dict[str, Any]
Selection = dict[str, Any]

FIELDS = {
    "section.indications.apply": "indications",
    "section.timing.starts-soon": "treatment_starts_soon",
    "section.records.on-hand": "records_on_hand",
    "section.questions.will-ask": "questions",
    "section.questions.own-questions": "own_questions",
}
GUIDE = load_guide()
PACKAGED_GUIDES = [load_guide(entry.locale, entry.edition) for entry in available_editions()]


def response_for(guide: Guide, selection: Selection, *, url: str | None = None) -> dict[str, Any]:
    """A QuestionnaireResponse as a renderer writes it: answered questions under their groups,
    with each question's text and each chosen option's whole Coding."""
    questionnaire = to_fhir_questionnaire(guide, url=url)

    def answers(item: Item) -> list[dict[str, Any]]:
        field = FIELDS.get(item["linkId"])
        value = selection.get(field) if field else None
        if item["type"] == "choice":
            chosen = (
                [
                    option
                    for option in item["answerOption"]
                    if option["valueCoding"]["code"] in value
                ]
                if value
                else []
            )
            # A reader's clicks come in any order: the selection keeps the order it was given.
            by_code = {option["valueCoding"]["code"]: option for option in chosen}
            return [copy.deepcopy(by_code[code]) for code in value or () if code in by_code]
        if item["type"] == "boolean":
            return [] if value is None else [{"valueBoolean": value}]
        if item["type"] == "string":
            return [{"valueString": text} for text in value or ()]
        return []

    def items(definitions: list[Item]) -> list[Item]:
        found = []
        for item in definitions:
            if item["type"] == "group":
                children = items(item["item"])
                if children:
                    found.append({"linkId": item["linkId"], "text": item["text"], "item": children})
            elif given := answers(item):
                found.append({"linkId": item["linkId"], "text": item["text"], "answer": given})
        return found

    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": f"{questionnaire['url']}|{questionnaire['version']}",
        "status": "completed",
        "item": items(questionnaire["item"]),
    }


def expected(guide: Guide, selection: Selection) -> Handout:
    return build_handout(
        guide, **{**selection, "treatment_starts_soon": bool(selection["treatment_starts_soon"])}
    )


@st.composite
def selections(draw: st.DrawFn, guide: Guide) -> Selection:
    """Any combination a reader can tick, in any order, with any own questions."""

    def some(ids: list[str]) -> list[str]:
        return draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []

    return {
        "indications": some([item.id for item in guide.indications.items]),
        "records_on_hand": some([item.id for item in guide.records.items]),
        "questions": some([item.id for item in guide.questions.items]),
        "own_questions": draw(st.lists(texts(), max_size=MAX_OWN_QUESTIONS)),
        "treatment_starts_soon": (
            draw(st.sampled_from([None, False, True]))
            if guide.labels.treatment_starts_soon is not None
            else None
        ),
    }


@st.composite
def guides_and_selections(draw: st.DrawFn) -> tuple[Guide, Selection]:
    guide = draw(st.one_of(st.sampled_from(PACKAGED_GUIDES), guide_models()))
    return guide, draw(selections(guide))


# --- round trip --------------------------------------------------------------------------------


def test_a_filled_form_becomes_the_handout(guide: Guide) -> None:
    selection: Selection = {
        "indications": ["feeling-rushed", "more-than-one-option"],
        "records_on_hand": ["pathology-reports"],
        "questions": ["decision-right-now"],
        "own_questions": ["  How soon do I need to decide?  "],
        "treatment_starts_soon": True,
    }
    handout = handout_from_questionnaire_response(guide, response_for(guide, selection))
    assert handout == build_handout(guide, **selection)
    assert [item.id for item in handout.indications] == ["more-than-one-option", "feeling-rushed"]
    assert handout.own_questions == ("How soon do I need to decide?",)
    assert handout.treatment_starts_soon is True


def test_an_empty_form_is_an_empty_handout(guide: Guide) -> None:
    response = response_for(guide, {})
    assert response["item"] == []
    assert handout_from_questionnaire_response(guide, response) == build_handout(guide)
    del response["item"]
    assert handout_from_questionnaire_response(guide, response) == build_handout(guide)


@WHOLE_GUIDES
@given(guides_and_selections())
def test_every_combination_round_trips(case: tuple[Guide, Selection]) -> None:
    guide, selection = case
    response = response_for(guide, selection)
    assert handout_from_questionnaire_response(guide, response) == expected(guide, selection)


def test_each_edition_reads_its_own_form_only() -> None:
    plain = load_guide("en", "plain")
    selection: Selection = {"indications": ["feeling-rushed"], "questions": ["decision-right-now"]}
    response = response_for(plain, selection)
    assert handout_from_questionnaire_response(plain, response) == build_handout(
        plain, indications=["feeling-rushed"], questions=["decision-right-now"]
    )
    with pytest.raises(ResponseError, match="answers the Questionnaire"):
        handout_from_questionnaire_response(GUIDE, response)


def test_a_response_without_a_version_names_the_url_alone(guide: Guide) -> None:
    response = response_for(guide, {"questions": ["decision-right-now"]})
    response["questionnaire"] = "urn:oncology-second-opinion:questionnaire:en"
    handout = handout_from_questionnaire_response(guide, response)
    assert [item.id for item in handout.questions] == ["decision-right-now"]


def test_a_questionnaire_published_under_its_own_url(guide: Guide) -> None:
    url = "https://portal.example.org/fhir/Questionnaire/second-opinion"
    response = response_for(guide, {"records_on_hand": ["lab-results"]}, url=url)
    handout = handout_from_questionnaire_response(guide, response, url=url)
    assert [item.id for item in handout.records_on_hand] == ["lab-results"]
    with pytest.raises(ResponseError, match="not this guide's"):
        handout_from_questionnaire_response(guide, response)
    with pytest.raises(RenderOptionError):
        handout_from_questionnaire_response(guide, response, url="not a url")


def test_elements_renderers_add_are_accepted(guide: Guide) -> None:
    response = response_for(guide, {"questions": ["decision-right-now"]})
    response.update(
        id="r1",
        meta={"profile": ["http://hl7.org/fhir/4.0/StructureDefinition/QuestionnaireResponse"]},
        authored="2026-11-30T08:15:00Z",
        subject={"reference": "Patient/1"},
        status="in-progress",
    )
    response["item"][0]["item"][0]["answer"][0]["valueCoding"]["userSelected"] = True
    assert handout_from_questionnaire_response(guide, response) == build_handout(
        guide, questions=["decision-right-now"]
    )


def test_a_translated_guide_reads_its_own_form(guide_data: dict[str, Any]) -> None:
    guide_data["locale"] = "fr"
    guide_data["records"]["items"][0]["label"] = "Comptes rendus d’anatomopathologie"
    french = parse_guide(guide_data)
    response = response_for(french, {"records_on_hand": ["pathology-reports"]})
    assert response["questionnaire"].startswith("urn:oncology-second-opinion:questionnaire:fr|")
    handout = handout_from_questionnaire_response(french, response)
    assert handout.records_on_hand[0].label == "Comptes rendus d’anatomopathologie"
    with pytest.raises(ResponseError, match="questionnaire"):
        handout_from_questionnaire_response(load_guide(), response)


# --- refusals ----------------------------------------------------------------------------------

FULL: Selection = {
    "indications": ["feeling-rushed"],
    "records_on_hand": ["pathology-reports", "lab-results"],
    "questions": ["decision-right-now"],
    "own_questions": ["Can I bring someone?"],
    "treatment_starts_soon": False,
}


def _full() -> dict[str, Any]:
    return response_for(GUIDE, FULL)


def _set(location: tuple[str | int, ...], value: Json) -> dict[str, Any]:
    response = _full()
    replace(response, location, value)
    return response


def _without(location: tuple[str | int, ...], key: str) -> dict[str, Any]:
    response = _full()
    del get(response, location)[key]
    return response


def _added(location: tuple[str | int, ...], key: str, value: Json) -> dict[str, Any]:
    response = _full()
    get(response, location)[key] = value
    return response


def _appended(location: tuple[str | int, ...], value: Json) -> dict[str, Any]:
    response = _full()
    get(response, location).append(value)
    return response


# Locations in _full(): groups in the guide's order, each with its answered question.
INDICATIONS = ("item", 0, "item", 0)
TIMING = ("item", 1, "item", 0)
RECORDS = ("item", 2, "item", 0)
QUESTIONS = ("item", 3, "item", 0)
OWN = ("item", 3, "item", 1)
CODING = (*RECORDS, "answer", 0, "valueCoding")

REFUSED: dict[str, tuple[object, str, str]] = {
    "not-an-object": ([], "$", "must be a JSON object, not an array"),
    "another-resource": (
        _set(("resourceType",), "Questionnaire"),
        "$.resourceType",
        "must be 'QuestionnaireResponse'",
    ),
    "no-questionnaire": (_without((), "questionnaire"), "$.questionnaire", "is missing"),
    "questionnaire-not-a-string": (
        _set(("questionnaire",), ["urn:x"]),
        "$.questionnaire",
        "must be a canonical URL string, not an array",
    ),
    "another-url": (
        _set(("questionnaire",), "urn:oncology-second-opinion:questionnaire:fr|1.3.0"),
        "$.questionnaire",
        "answers the Questionnaire 'urn:oncology-second-opinion:questionnaire:fr'",
    ),
    "another-version": (
        _set(("questionnaire",), "urn:oncology-second-opinion:questionnaire:en|1.1.0"),
        "$.questionnaire",
        "answers version '1.1.0' of the Questionnaire, not this guide's '1.3.0'",
    ),
    "entered-in-error": (
        _set(("status",), "entered-in-error"),
        "$.status",
        "'entered-in-error' is not a status whose answers stand",
    ),
    "no-status": (_without((), "status"), "$.status", "null is not a status"),
    "unknown-element": (_added((), "answers", []), "$.answers", "cannot hold 'answers'"),
    "modifier-extension": (
        _added(INDICATIONS, "modifierExtension", [{"url": "urn:x", "valueBoolean": True}]),
        "$.item[0].item[0].modifierExtension",
        "a modifier extension changes what it is attached to",
    ),
    "items-not-a-list": (_set(("item",), {}), "$.item", "must be a JSON array, not an object"),
    "extra-item": (
        _appended(("item",), {"linkId": "section.extra", "item": []}),
        "$.item[4].linkId",
        "the Questionnaire has no item 'section.extra' here",
    ),
    "item-in-the-wrong-group": (
        _appended(("item", 0, "item"), get(_full(), RECORDS)),
        "$.item[0].item[1].linkId",
        "no item 'section.records.on-hand' here",
    ),
    "item-given-twice": (
        _appended(("item", 2, "item"), get(_full(), RECORDS)),
        "$.item[2].item[1].linkId",
        "item 'section.records.on-hand' is given twice",
    ),
    "link-id-not-a-string": (
        _set((*RECORDS, "linkId"), 3),
        "$.item[2].item[0].linkId",
        "linkId must be a string, not a number",
    ),
    "text-not-a-string": (
        _set((*RECORDS, "text"), None),
        "$.item[2].item[0].text",
        "text must be a string",
    ),
    "group-with-an-answer": (
        _added(("item", 0), "answer", [{"valueBoolean": True}]),
        "$.item[0].answer",
        "group item 'section.indications' takes no answer",
    ),
    "display-with-an-answer": (
        _appended(("item", 0, "item"), {"linkId": "section.indications.lead", "answer": []}),
        "$.item[0].item[1].answer",
        "display item 'section.indications.lead' takes no answer",
    ),
    "question-with-items": (
        _added(RECORDS, "item", []),
        "$.item[2].item[0].item",
        "question 'section.records.on-hand' has no nested items",
    ),
    "missing-answer": (
        _without(RECORDS, "answer"),
        "$.item[2].item[0].answer",
        "question 'section.records.on-hand' is given with no answer",
    ),
    "empty-answer": (
        _set((*RECORDS, "answer"), []),
        "$.item[2].item[0].answer",
        "is given with no answer",
    ),
    "two-answers-to-one": (
        _appended((*TIMING, "answer"), {"valueBoolean": True}),
        "$.item[1].item[0].answer",
        "question 'section.timing.starts-soon' takes one answer",
    ),
    "answer-without-value": (
        _set((*RECORDS, "answer", 0), {}),
        "$.item[2].item[0].answer[0]",
        "needs a valueCoding",
    ),
    "answer-of-another-type": (
        _set((*TIMING, "answer", 0), {"valueString": "yes"}),
        "$.item[1].item[0].answer[0].valueString",
        "an answer cannot hold 'valueString'",
    ),
    "boolean-as-a-string": (
        _set((*TIMING, "answer", 0, "valueBoolean"), "true"),
        "$.item[1].item[0].answer[0].valueBoolean",
        "must be true or false, not 'true'",
    ),
    "boolean-as-a-number": (
        _set((*TIMING, "answer", 0, "valueBoolean"), 1),
        "$.item[1].item[0].answer[0].valueBoolean",
        "must be true or false, not a number",
    ),
    "unknown-code": (
        _set((*CODING, "code"), "cure"),
        "$.item[2].item[0].answer[0].valueCoding.code",
        "'cure' is not an answer to 'section.records.on-hand'; valid codes: pathology-reports,",
    ),
    "code-of-another-question": (
        _set((*CODING, "code"), "decision-right-now"),
        "$.item[2].item[0].answer[0].valueCoding.code",
        "'decision-right-now' is not an answer to 'section.records.on-hand'",
    ),
    "another-code-system": (
        _set((*CODING, "system"), "http://loinc.org"),
        "$.item[2].item[0].answer[0].valueCoding.system",
        f"must be {ITEM_SYSTEM!r}",
    ),
    "no-code-system": (
        _without(CODING, "system"),
        "$.item[2].item[0].answer[0].valueCoding.system",
        "not null",
    ),
    "repeated-code": (
        _appended((*RECORDS, "answer"), get(_full(), (*RECORDS, "answer", 0))),
        "$.item[2].item[0].answer",
        "id 'pathology-reports' is listed more than once in records_on_hand",
    ),
    "own-question-too-long": (
        _set((*OWN, "answer", 0, "valueString"), "x" * (MAX_OWN_QUESTION_LENGTH + 1)),
        "$.item[3].item[1].answer",
        f"own question 1 is {MAX_OWN_QUESTION_LENGTH + 1} characters long",
    ),
    "own-question-blank": (
        _set((*OWN, "answer", 0, "valueString"), "   "),
        "$.item[3].item[1].answer",
        "own question 1 must contain text",
    ),
    "own-question-with-a-bidi-override": (
        _set((*OWN, "answer", 0, "valueString"), "Why?\u202e"),
        "$.item[3].item[1].answer",
        "own question 1 contains the invisible character U+202E",
    ),
    "too-many-own-questions": (
        _set((*OWN, "answer"), [{"valueString": "Why?"}] * (MAX_OWN_QUESTIONS + 1)),
        "$.item[3].item[1].answer",
        f"more than {MAX_OWN_QUESTIONS} own questions given",
    ),
}


@pytest.mark.parametrize(("response", "path", "message"), REFUSED.values(), ids=list(REFUSED))
def test_a_response_that_is_not_an_answer_is_refused_saying_where(
    guide: Guide, response: object, path: str, message: str
) -> None:
    with pytest.raises(ResponseError) as caught:
        handout_from_questionnaire_response(guide, response)  # type: ignore[arg-type]
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).isprintable()


def test_the_timing_question_is_refused_where_the_form_does_not_ask_it(
    guide_data: dict[str, Any],
) -> None:
    del guide_data["labels"]["treatment_starts_soon"]
    without = parse_guide(guide_data)
    response = response_for(GUIDE, {"treatment_starts_soon": True})
    response["questionnaire"] = response["questionnaire"].partition("|")[0]
    with pytest.raises(ResponseError, match=r"no item 'section\.timing\.starts-soon' here"):
        handout_from_questionnaire_response(without, response)


def test_the_guide_must_be_a_guide() -> None:
    with pytest.raises(
        TypeError, match=r"handout_from_questionnaire_response\(\) guide must be a Guide"
    ):
        handout_from_questionnaire_response(None, _full())  # type: ignore[arg-type]


# --- untrusted input, generated --------------------------------------------------------------


@given(json_values())
def test_any_json_value_is_refused_as_a_response(value: Json) -> None:
    with pytest.raises(ResponseError):
        handout_from_questionnaire_response(GUIDE, value)


def _json_type(value: Json) -> str:
    return (
        "bool"
        if isinstance(value, bool)
        else "number"
        if isinstance(value, int | float)
        else (type(value).__name__)
    )


@scaled(2)
@given(st.data())
def test_a_value_of_another_type_anywhere_is_refused(data: st.DataObject) -> None:
    response = _full()
    location, original = data.draw(st.sampled_from(locations(response)[1:]))
    value = data.draw(json_values().filter(lambda new: _json_type(new) != _json_type(original)))
    replace(response, location, value)
    with pytest.raises(ResponseError):
        handout_from_questionnaire_response(GUIDE, response)


def _plausible_strings() -> st.SearchStrategy[str]:
    """Strings that are valid somewhere in a response: ids, link ids, statuses, urls."""
    questionnaire = to_fhir_questionnaire(GUIDE)
    known = sorted(
        {
            *(value for _, value in locations(questionnaire) if isinstance(value, str)),
            *ACCEPTED_STATUSES,
            "entered-in-error",
            "QuestionnaireResponse",
            f"{questionnaire['url']}|{questionnaire['version']}",
        }
    )
    strings = json_values().filter(lambda value: isinstance(value, str))
    return st.one_of(st.sampled_from(known), strings)


PLAUSIBLE_STRINGS = _plausible_strings()


def _expected_after(location: tuple[str | int, ...], value: str) -> Handout | None:
    """What an edit of one string of _full() must give: the handout it then asks for, or None
    where it must be refused."""
    response = _full()
    key = location[-1]
    original = get(response, location)
    selection = copy.deepcopy(FULL)
    if value == original or key in {"text", "display"}:
        pass  # the same answers
    elif key == "status":
        if value not in ACCEPTED_STATUSES:
            return None
    elif key == "questionnaire":
        if value != str(original).partition("|")[0]:
            return None
    elif key == "code":
        field = FIELDS[get(response, location[:-4])["linkId"]]
        ids = selection[field]
        ids[ids.index(original)] = value
        valid = {
            "indications": [item.id for item in GUIDE.indications.items],
            "records_on_hand": [item.id for item in GUIDE.records.items],
            "questions": [item.id for item in GUIDE.questions.items],
        }[field]
        if value not in valid:
            return None
    elif key == "valueString":
        selection["own_questions"] = [value]
    else:  # resourceType, linkId, system: only the original value is right
        return None
    try:
        return expected(GUIDE, selection)
    except SelectionError:
        return None


@scaled(2)
@given(st.data())
def test_an_edited_string_gives_the_handout_it_asks_for_or_is_refused(
    data: st.DataObject,
) -> None:
    response = _full()
    strings = [
        (location, value) for location, value in locations(response) if isinstance(value, str)
    ]
    location, _ = data.draw(st.sampled_from(strings))
    value = data.draw(PLAUSIBLE_STRINGS)
    replace(response, location, value)
    want = _expected_after(location, value)
    if want is None:
        with pytest.raises(ResponseError):
            handout_from_questionnaire_response(GUIDE, response)
    else:
        assert handout_from_questionnaire_response(GUIDE, response) == want
