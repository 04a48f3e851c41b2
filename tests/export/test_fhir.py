"""The FHIR R4 Questionnaire export: valid to an independent FHIR library and to the invariants,
faithful to the content, honest about review, and deterministic."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from hypothesis import given
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

import oncology_second_opinion as package
from oncology_second_opinion import Guide, parse_guide, to_fhir_questionnaire
from oncology_second_opinion._fhir import (
    ITEM_CONTROL_EXTENSION,
    RELATED_ARTIFACT_EXTENSION,
    questionnaire_url,
)
from oncology_second_opinion._writers.markdown import escape as markdown_escape

from ..export_helpers import markdown_text, one_line, string_leaves, with_marked_text
from ..fhir_checks import questionnaire_problems, walk_items
from ..strategies import guide_models, hostile_texts

Item = dict[str, Any]


def _group(resource: dict[str, Any], link_id: str) -> Item:
    groups: list[Item] = [item for item in resource["item"] if item["linkId"] == link_id]
    (group,) = groups
    assert group["type"] == "group"
    return group


def _prompt_text(item: Item) -> str:
    (prompt,) = item["item"]
    assert prompt["type"] == "display"
    (control,) = prompt["extension"]
    assert control["url"] == ITEM_CONTROL_EXTENSION
    assert control["valueCodeableConcept"]["coding"] == [
        {"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "prompt"}
    ]
    text: str = prompt["text"]
    return text


def _assert_valid(resource: dict[str, Any]) -> None:
    assert questionnaire_problems(resource) == []
    parsed = Questionnaire.model_validate(resource)
    # The library reads back every element we wrote: nothing was dropped or reinterpreted.
    assert json.loads(parsed.model_dump_json()) == resource


def test_exports_are_public() -> None:
    assert {"to_fhir_questionnaire", "to_jsonld", "json_for_html_script"} <= set(package.__all__)
    assert package.__all__ == sorted(package.__all__)


def test_packaged_guide_is_a_valid_questionnaire(guide: Guide) -> None:
    _assert_valid(to_fhir_questionnaire(guide))


def test_metadata(guide: Guide) -> None:
    resource = to_fhir_questionnaire(guide)
    assert resource["resourceType"] == "Questionnaire"
    assert resource["url"] == "urn:oncology-second-opinion:questionnaire:en"
    assert resource["url"] == questionnaire_url(guide.locale)
    assert resource["version"] == guide.content_version == "1.1.0"
    assert resource["title"] == guide.title
    assert resource["language"] == guide.locale
    assert resource["publisher"] == guide.publisher
    assert resource["subjectType"] == ["Patient"]
    # Not invented: no dates, approval or review dates the content does not state.
    for absent in ("date", "approvalDate", "lastReviewDate", "experimental", "derivedFrom"):
        assert absent not in resource


def test_unreviewed_content_is_draft(guide: Guide) -> None:
    assert guide.review.status == "not-clinically-reviewed"
    assert to_fhir_questionnaire(guide)["status"] == "draft"


def test_clinically_reviewed_content_is_active(guide_data: dict[str, Any]) -> None:
    guide_data["review"]["status"] = "clinically-reviewed"
    assert to_fhir_questionnaire(parse_guide(guide_data))["status"] == "active"


def test_indications_timing_and_disclaimer_are_display_items(guide: Guide) -> None:
    resource = to_fhir_questionnaire(guide)
    indications = _group(resource, "section.indications")
    assert indications["text"] == guide.indications.heading
    assert [(item["linkId"], item["type"], item["text"]) for item in indications["item"]] == [
        ("section.indications.lead", "display", guide.indications.lead),
        *((item.id, "display", item.text) for item in guide.indications.items),
    ]
    timing = _group(resource, "section.timing")
    assert timing["text"] == guide.timing.heading
    assert [item["text"] for item in timing["item"]] == list(guide.timing.paragraphs)
    disclaimer = _group(resource, "section.disclaimer")
    assert disclaimer["text"] == guide.disclaimer.heading
    assert [item["text"] for item in disclaimer["item"]] == list(guide.disclaimer.paragraphs)
    for item in [*timing["item"], *disclaimer["item"]]:
        assert item["type"] == "display"
        assert set(item) == {"linkId", "text", "type"}


def test_records_are_boolean_items_captioned_i_have_this(guide: Guide) -> None:
    records = _group(to_fhir_questionnaire(guide), "section.records")
    assert records["text"] == guide.labels.records_checklist
    assert [(item["linkId"], item["type"], item["text"]) for item in records["item"]] == [
        (record.id, "boolean", record.label) for record in guide.records.items
    ]
    for item in records["item"]:
        assert _prompt_text(item) == guide.labels.have_this == "I have this"
        assert item["item"][0]["linkId"] == f"{item['linkId']}.have-this"


def test_questions_are_boolean_items_and_a_free_text_item(guide: Guide) -> None:
    questions = _group(to_fhir_questionnaire(guide), "section.questions")
    assert questions["text"] == guide.labels.questions_checklist
    *checkboxes, own = questions["item"]
    assert [(item["linkId"], item["type"], item["text"]) for item in checkboxes] == [
        (question.id, "boolean", question.text) for question in guide.questions.items
    ]
    for item in checkboxes:
        assert _prompt_text(item) == guide.labels.will_ask_this == "I will ask this"
    assert own == {
        "linkId": "section.questions.own-questions",
        "text": guide.labels.own_questions,
        "type": "text",
    }


def test_review_statement_is_shown(guide: Guide) -> None:
    review = _group(to_fhir_questionnaire(guide), "section.review")
    assert review["text"] == guide.labels.review_status
    assert [item["text"] for item in review["item"]] == [guide.review.statement]


def test_items_follow_the_guide_order(guide: Guide) -> None:
    assert [item["linkId"] for item in to_fhir_questionnaire(guide)["item"]] == [
        "section.indications",
        "section.timing",
        "section.records",
        "section.disclaimer",
        "section.questions",
        "section.review",
    ]


def test_link_ids_are_the_content_ids_and_unique(guide: Guide) -> None:
    link_ids = [item["linkId"] for _, item in walk_items(to_fhir_questionnaire(guide)["item"])]
    assert len(link_ids) == len(set(link_ids))
    content_ids = [
        *(item.id for item in guide.indications.items),
        *(item.id for item in guide.records.items),
        *(item.id for item in guide.questions.items),
    ]
    assert [link for link in link_ids if "." not in link] == content_ids


def test_sources_are_related_artifact_citations(guide: Guide) -> None:
    extensions = to_fhir_questionnaire(guide)["extension"]
    assert [extension["url"] for extension in extensions] == [RELATED_ARTIFACT_EXTENSION] * 3
    assert [extension["valueRelatedArtifact"] for extension in extensions] == [
        {
            "type": "citation",
            "label": source.id,
            "display": source.title,
            "citation": source.publisher,
            "url": source.url,
        }
        for source in guide.sources.items
    ]


def test_export_is_deterministic(guide: Guide, guide_data: dict[str, Any]) -> None:
    first = to_fhir_questionnaire(guide)
    second = to_fhir_questionnaire(parse_guide(guide_data))
    assert json.dumps(first, ensure_ascii=False) == json.dumps(second, ensure_ascii=False)


# Strings the export writes that do not come from the content: FHIR codes and URLs only.
MACHINE_STRINGS = {
    "Questionnaire",
    "urn:oncology-second-opinion:questionnaire:en",
    "draft",
    "Patient",
    "group",
    "display",
    "boolean",
    "text",
    "citation",
    "prompt",
    RELATED_ARTIFACT_EXTENSION,
    ITEM_CONTROL_EXTENSION,
    "http://hl7.org/fhir/questionnaire-item-control",
}


def test_every_human_readable_string_comes_from_the_content(guide_data: dict[str, Any]) -> None:
    marked = with_marked_text(guide_data)
    content = {value for _, value in string_leaves(marked)}
    resource = to_fhir_questionnaire(parse_guide(marked))
    link_ids = {item["linkId"] for _, item in walk_items(resource["item"])}
    machine = set()
    for path, value in string_leaves(resource):
        if path.endswith(".citation"):
            assert markdown_text(value) in content, path
        elif value not in content and value not in link_ids:
            machine.add(value)
    assert machine == MACHINE_STRINGS
    assert {link for link in link_ids if link not in content} == {
        link for link in link_ids if "." in link
    }


@pytest.mark.parametrize(
    ("broken", "invariant"),
    [
        ({"linkId": "g", "type": "group"}, "que-1"),
        (
            {
                "linkId": "d",
                "type": "display",
                "text": "x",
                "item": [{"linkId": "e", "type": "display"}],
            },
            "que-1",
        ),
        ({"linkId": "section.timing", "type": "display", "text": "x"}, "que-2"),
        ({"linkId": "d", "type": "display", "code": [{"code": "x"}]}, "que-3"),
        (
            {
                "linkId": "c",
                "type": "choice",
                "answerOption": [{"valueString": "a"}],
                "answerValueSet": "urn:x",
            },
            "que-4",
        ),
        ({"linkId": "b", "type": "boolean", "answerOption": [{"valueString": "a"}]}, "que-5"),
        ({"linkId": "d", "type": "display", "required": False}, "que-6"),
        (
            {
                "linkId": "b",
                "type": "boolean",
                "enableWhen": [{"question": "x", "operator": "exists", "answerString": "y"}],
            },
            "que-7",
        ),
        ({"linkId": "d", "type": "display", "initial": [{"valueString": "x"}]}, "que-8"),
        ({"linkId": "d", "type": "display", "readOnly": True}, "que-9"),
        ({"linkId": "c", "type": "choice", "maxLength": 3}, "que-10"),
        (
            {
                "linkId": "c",
                "type": "string",
                "answerOption": [{"valueString": "a"}],
                "initial": [{"valueString": "a"}],
            },
            "que-11",
        ),
        (
            {
                "linkId": "b",
                "type": "boolean",
                "enableWhen": [{"question": "x", "operator": "exists", "answerBoolean": True}] * 2,
            },
            "que-12",
        ),
        (
            {
                "linkId": "s",
                "type": "string",
                "initial": [{"valueString": "a"}, {"valueString": "b"}],
            },
            "que-13",
        ),
    ],
)
def test_the_invariant_checks_catch_each_violation(
    guide: Guide, broken: Item, invariant: str
) -> None:
    resource = to_fhir_questionnaire(guide)
    resource["item"].append(broken)
    problems = questionnaire_problems(resource)
    assert problems, invariant
    assert all(problem.startswith(f"{invariant}:") for problem in problems), problems


def test_the_checks_catch_codes_outside_their_value_sets(guide: Guide) -> None:
    resource = to_fhir_questionnaire(guide)
    resource["status"] = "published"
    resource["item"][0]["type"] = "checkbox"
    resource["extension"][0]["valueRelatedArtifact"]["type"] = "source"
    assert len(questionnaire_problems(resource)) == 3


@given(guide_models(hostile_texts()))
def test_generated_guides_give_valid_questionnaires(generated: Guide) -> None:
    resource = to_fhir_questionnaire(generated)
    _assert_valid(resource)
    assert resource["status"] == (
        "active" if generated.review.status == "clinically-reviewed" else "draft"
    )
    assert to_fhir_questionnaire(generated) == resource
    link_ids = [item["linkId"] for _, item in walk_items(resource["item"])]
    assert len(link_ids) == len(set(link_ids))
    citations = [extension["valueRelatedArtifact"] for extension in resource["extension"]]
    assert [(c["display"], markdown_text(c["citation"]), c["url"]) for c in citations] == [
        (source.title, one_line(source.publisher).strip(), source.url)
        for source in generated.sources.items
    ]


@given(hostile_texts().filter(lambda text: text == text.strip() and len(text.splitlines()) == 1))
def test_publisher_citations_render_as_plain_text(publisher: str) -> None:
    """Markdown cannot turn a publisher's name into a link, emphasis or HTML."""
    html = MarkdownIt("commonmark").render(markdown_escape(publisher))
    assert html == f"<p>{escapeHtml(one_line(publisher))}</p>\n"
