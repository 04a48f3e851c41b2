"""The FHIR R4 Questionnaire export: valid to an independent FHIR library and to the invariants,
asking what a handout needs in widely supported forms, faithful to the content, honest about
review, and deterministic."""

from __future__ import annotations

import copy
import datetime
import json
import re
import xml.etree.ElementTree as ET
from importlib.resources import files
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

import oncology_second_opinion as package
from oncology_second_opinion import Guide, RenderOptionError, parse_guide, to_fhir_questionnaire
from oncology_second_opinion._fhir import (
    EDITION_SYSTEM,
    ITEM_CONTROL_EXTENSION,
    ITEM_SYSTEM,
    MAX_OCCURS_EXTENSION,
    RELATED_ARTIFACT_EXTENSION,
    computable_name,
    questionnaire_url,
)
from oncology_second_opinion._fields import NONCHARACTER_CLASS
from oncology_second_opinion._handout import MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS
from oncology_second_opinion._writers.markdown import escape as markdown_escape

from ..browser import tools
from ..conftest import WHOLE_GUIDES
from ..export_helpers import markdown_text, one_line, string_leaves, with_marked_text
from ..fhir_checks import fhirpath_problems, questionnaire_problems, walk_items
from ..golden import PACKAGED, packaged_guide
from ..strategies import guide_models, hostile_texts

Item = dict[str, Any]
XHTML = "{http://www.w3.org/1999/xhtml}"


def _group(resource: dict[str, Any], link_id: str) -> Item:
    groups: list[Item] = [item for item in resource["item"] if item["linkId"] == link_id]
    (group,) = groups
    assert group["type"] == "group"
    return group


def _item(resource: dict[str, Any], link_id: str) -> Item:
    found = [item for _, item in walk_items(resource["item"]) if item["linkId"] == link_id]
    (item,) = found
    return item


def _check_boxes(item: Item) -> list[tuple[str, str]]:
    """The (code, display) options of a repeating check-box choice question."""
    assert item["type"] == "choice"
    assert item["repeats"] is True
    (control,) = item["extension"]
    assert control["url"] == ITEM_CONTROL_EXTENSION
    assert control["valueCodeableConcept"]["coding"] == [
        {"system": "http://hl7.org/fhir/questionnaire-item-control", "code": "check-box"}
    ]
    codings = [option["valueCoding"] for option in item["answerOption"]]
    assert {coding["system"] for coding in codings} == {ITEM_SYSTEM}
    return [(coding["code"], coding["display"]) for coding in codings]


def _assert_valid(resource: dict[str, Any]) -> None:
    assert questionnaire_problems(resource) == []
    parsed = Questionnaire.model_validate(resource)
    # The library reads back every element we wrote: nothing was dropped or reinterpreted.
    assert json.loads(parsed.model_dump_json()) == resource


def test_exports_are_public() -> None:
    assert {"to_fhir_questionnaire", "to_jsonld", "json_for_html_script"} <= set(package.__all__)
    assert package.__all__ == sorted(package.__all__)


@pytest.mark.parametrize("name", PACKAGED)
def test_every_packaged_guide_is_a_valid_questionnaire(name: str) -> None:
    _assert_valid(to_fhir_questionnaire(packaged_guide(name)))


def test_metadata(guide: Guide) -> None:
    resource = to_fhir_questionnaire(guide)
    assert resource["resourceType"] == "Questionnaire"
    assert resource["url"] == "urn:oncology-second-opinion:questionnaire:en"
    assert resource["url"] == questionnaire_url(guide.locale)
    assert resource["version"] == guide.content_version == "1.3.0"
    assert resource["name"] == "SeekingACancerSecondOpinion"
    assert resource["title"] == guide.title
    assert resource["language"] == guide.locale
    assert resource["publisher"] == guide.publisher
    assert resource["subjectType"] == ["Patient"]
    assert markdown_text(resource["description"].split("\n\n")[0]) == guide.overview.paragraphs[0]
    # Not invented: no id, dates, approval or review dates the content does not state.
    for absent in ("id", "date", "approvalDate", "lastReviewDate", "experimental", "derivedFrom"):
        assert absent not in resource


def test_description_is_the_overview_as_markdown(guide: Guide) -> None:
    description = to_fhir_questionnaire(guide)["description"]
    paragraphs = description.split("\n\n")
    assert [markdown_text(paragraph) for paragraph in paragraphs] == list(guide.overview.paragraphs)


def test_parameters_set_their_elements(guide: Guide) -> None:
    resource = to_fhir_questionnaire(
        guide,
        url="https://portal.example.org/fhir/Questionnaire/second-opinion",
        id="second-opinion-en",
        name="SecondOpinionPreparation",
        date="2026-11-30",
        status="active",
    )
    _assert_valid(resource)
    assert resource["url"] == "https://portal.example.org/fhir/Questionnaire/second-opinion"
    assert resource["id"] == "second-opinion-en"
    assert resource["name"] == "SecondOpinionPreparation"
    assert resource["date"] == "2026-11-30"
    assert resource["status"] == "active"
    # Everything else is what the defaults give.
    default = to_fhir_questionnaire(guide)
    changed = {"url", "id", "name", "date", "status"}
    assert {k: v for k, v in resource.items() if k not in changed} == {
        k: v for k, v in default.items() if k not in changed
    }


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2026", "2026"),
        ("2026-11", "2026-11"),
        ("2026-11-30T08:15:00+01:00", "2026-11-30T08:15:00+01:00"),
        (datetime.date(2026, 11, 30), "2026-11-30"),
        (
            datetime.datetime(2026, 11, 30, 8, 15, tzinfo=datetime.timezone.utc),
            "2026-11-30T08:15:00+00:00",
        ),
    ],
)
def test_dates_are_fhir_date_times(guide: Guide, date: str | datetime.date, expected: str) -> None:
    resource = to_fhir_questionnaire(guide, date=date)
    assert resource["date"] == expected
    Questionnaire.model_validate(resource)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("url", "questionnaire"),
        ("url", "https://example.org/a b"),
        ("url", "https://example.org/q|1.0"),
        ("url", ""),
        ("id", "a_b"),
        ("id", "x" * 65),
        ("name", "secondOpinion"),
        ("name", "Second Opinion"),
        ("date", "30/11/2026"),
        ("date", "2026-02-30"),
        ("date", "2026-11-30T08:15"),
        ("date", datetime.datetime(2026, 11, 30, 8, 15)),
        ("status", "published"),
    ],
)
def test_invalid_parameters_are_refused_naming_the_option(
    guide: Guide, option: str, value: object
) -> None:
    options: dict[str, Any] = {option: value}
    with pytest.raises(RenderOptionError) as caught:
        to_fhir_questionnaire(guide, **options)
    assert caught.value.option == option


@pytest.mark.parametrize("option", ["url", "id", "name", "date"])
def test_parameters_of_the_wrong_type_are_type_errors(guide: Guide, option: str) -> None:
    options: dict[str, Any] = {option: 42}
    with pytest.raises(TypeError, match=f"to_fhir_questionnaire\\(\\) {option} must be"):
        to_fhir_questionnaire(guide, **options)


@given(st.text())
def test_computed_names_are_computable(title: str) -> None:
    assert re.fullmatch(r"[A-Z][A-Za-z0-9_]{0,254}", computable_name(title))


def test_unreviewed_content_is_draft(guide: Guide) -> None:
    assert guide.review.status == "not-clinically-reviewed"
    assert to_fhir_questionnaire(guide)["status"] == "draft"


def test_clinically_reviewed_content_is_active(guide_data: dict[str, Any]) -> None:
    guide_data["review"]["status"] = "clinically-reviewed"
    assert to_fhir_questionnaire(parse_guide(guide_data))["status"] == "active"


def test_indications_are_asked_as_check_boxes(guide: Guide) -> None:
    indications = _group(to_fhir_questionnaire(guide), "section.indications")
    assert indications["text"] == guide.indications.heading
    lead, question = indications["item"]
    assert lead == {
        "linkId": "section.indications.lead",
        "text": guide.indications.lead,
        "type": "display",
    }
    assert question["linkId"] == "section.indications.apply"
    assert question["text"] == guide.labels.handout_indications == "Situations that apply to me"
    assert _check_boxes(question) == [(item.id, item.text) for item in guide.indications.items]


def test_records_on_hand_are_asked_as_check_boxes(guide: Guide) -> None:
    records = _group(to_fhir_questionnaire(guide), "section.records")
    assert records["text"] == guide.records.heading
    lead, question = records["item"]
    assert (lead["type"], lead["text"]) == ("display", guide.records.lead)
    assert question["linkId"] == "section.records.on-hand"
    assert question["text"] == guide.labels.handout_records_on_hand == "Records I already have"
    assert _check_boxes(question) == [(item.id, item.label) for item in guide.records.items]


def test_questions_are_check_boxes_and_own_questions_a_repeating_string(guide: Guide) -> None:
    questions = _group(to_fhir_questionnaire(guide), "section.questions")
    assert questions["text"] == guide.questions.heading
    chosen, own = questions["item"]
    assert chosen["linkId"] == "section.questions.will-ask"
    assert chosen["text"] == guide.labels.handout_questions == "Questions I will ask"
    assert _check_boxes(chosen) == [(item.id, item.text) for item in guide.questions.items]
    # A handout takes at most MAX_OWN_QUESTIONS of at most MAX_OWN_QUESTION_LENGTH characters.
    assert own == {
        "extension": [{"url": MAX_OCCURS_EXTENSION, "valueInteger": MAX_OWN_QUESTIONS}],
        "linkId": "section.questions.own-questions",
        "text": guide.labels.own_questions,
        "type": "string",
        "repeats": True,
        "maxLength": MAX_OWN_QUESTION_LENGTH,
    }


def test_whether_treatment_starts_soon_is_asked_after_the_timing_caveat(guide: Guide) -> None:
    timing = _group(to_fhir_questionnaire(guide), "section.timing")
    assert timing["text"] == guide.timing.heading
    *paragraphs, question = timing["item"]
    assert [item["text"] for item in paragraphs] == list(guide.timing.paragraphs)
    assert question == {
        "linkId": "section.timing.starts-soon",
        "text": guide.labels.treatment_starts_soon,
        "type": "boolean",
    }
    assert guide.labels.treatment_starts_soon == "My oncologist says treatment should start soon"


def test_without_its_label_the_timing_question_is_not_asked(guide_data: dict[str, Any]) -> None:
    del guide_data["labels"]["treatment_starts_soon"]
    resource = to_fhir_questionnaire(parse_guide(guide_data))
    _assert_valid(resource)
    timing = _group(resource, "section.timing")
    assert {item["type"] for item in timing["item"]} == {"display"}


def test_disclaimer_sources_and_review_are_visible_display_items(guide: Guide) -> None:
    resource = to_fhir_questionnaire(guide)
    disclaimer = _group(resource, "section.disclaimer")
    assert disclaimer["text"] == guide.disclaimer.heading
    assert [item["text"] for item in disclaimer["item"]] == list(guide.disclaimer.paragraphs)
    sources = _group(resource, "section.sources")
    assert sources["text"] == guide.sources.heading
    separator, url_separator = guide.labels.label_separator, guide.labels.url_separator
    assert [(item["linkId"], item["text"]) for item in sources["item"]] == [
        (source.id, f"{source.publisher}{separator}{source.title}{url_separator}{source.url}")
        for source in guide.sources.items
    ]
    assert sources["item"][0]["text"] == (
        "American Cancer Society: Getting a second opinion — "
        "https://www.cancer.org/latest-news/getting-a-second-opinion.html"
    )
    review = _group(resource, "section.review")
    assert review["text"] == guide.labels.review_status
    assert [item["text"] for item in review["item"]] == [guide.review.statement]
    for group in (disclaimer, sources, review):
        assert {item["type"] for item in group["item"]} == {"display"}


def test_items_follow_the_guide_order(guide: Guide) -> None:
    assert [item["linkId"] for item in to_fhir_questionnaire(guide)["item"]] == [
        "section.indications",
        "section.timing",
        "section.records",
        "section.questions",
        "section.disclaimer",
        "section.sources",
        "section.review",
    ]


def test_link_ids_are_unique_and_content_ids_only_for_content(guide: Guide) -> None:
    link_ids = [item["linkId"] for _, item in walk_items(to_fhir_questionnaire(guide)["item"])]
    assert len(link_ids) == len(set(link_ids))
    assert [link for link in link_ids if "." not in link] == [
        source.id for source in guide.sources.items
    ]


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
            # The page's language, where R4 lets a citation say it.
            "document": {"language": "en", "url": source.url},
        }
        for source in guide.sources.items
    ]


def _narrative_texts(resource: dict[str, Any]) -> list[str]:
    """The text of each element of the narrative, parsed as XHTML."""
    narrative = resource["text"]
    assert narrative["status"] == "generated"
    root = ET.fromstring(narrative["div"])
    assert root.tag == f"{XHTML}div"
    allowed = {f"{XHTML}{tag}" for tag in ("h1", "h2", "h3", "p", "ul", "li")}
    assert {element.tag for element in root.iter()} - {root.tag} <= allowed
    return [element.text or "" for element in root.iter() if element is not root]


def _shown_texts(resource: dict[str, Any]) -> list[str]:
    """The texts a reader sees in the form, in document order: items' and options'."""
    texts = [resource["title"]]
    for _, item in walk_items(resource["item"]):
        texts.append(item["text"])
        texts.extend(option["valueCoding"]["display"] for option in item.get("answerOption", []))
    return texts


def test_the_narrative_shows_the_form(guide: Guide) -> None:
    resource = to_fhir_questionnaire(guide)
    texts = [text for text in _narrative_texts(resource) if text]
    assert texts == _shown_texts(resource)
    assert guide.labels.treatment_starts_soon in texts
    assert guide.indications.items[0].text in texts


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
    "choice",
    "string",
    "citation",
    "check-box",
    "generated",
    ITEM_SYSTEM,
    RELATED_ARTIFACT_EXTENSION,
    ITEM_CONTROL_EXTENSION,
    MAX_OCCURS_EXTENSION,
    "http://hl7.org/fhir/questionnaire-item-control",
    EDITION_SYSTEM,
    "standard",  # the edition, a code
}


def test_every_human_readable_string_comes_from_the_content(guide_data: dict[str, Any]) -> None:
    marked = with_marked_text(guide_data)
    labels = marked["labels"]
    # A source is shown as its publisher, title and address, joined by the content's separators.
    content = {value for _, value in string_leaves(marked)} | {
        f"{source['publisher']}{labels['label_separator']}{source['title']}"
        f"{labels['url_separator']}{source['url']}"
        for source in marked["sources"]["items"]
    }
    resource = to_fhir_questionnaire(parse_guide(marked))
    link_ids = {item["linkId"] for _, item in walk_items(resource["item"])}
    machine = set()
    for path, value in string_leaves(resource):
        if path.endswith((".citation", ".description")):
            assert all(markdown_text(part) in content for part in value.split("\n\n")), path
        elif path == "$.text.div":
            assert set(_narrative_texts(resource)) - {""} <= content
        elif path == "$.name":
            assert value == computable_name(marked["title"])
        elif value not in content and value not in link_ids:
            machine.add(value)
    assert machine == MACHINE_STRINGS
    assert {link for link in link_ids if link not in content} == {
        link for link in link_ids if "." in link
    }


#: An item breaking each invariant, appended to a valid Questionnaire.
BROKEN_ITEMS: list[tuple[Item, str]] = [
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
            "enableWhen": [{"question": "x", "operator": "=", "answerBoolean": True}] * 3,
        },
        "que-12",
    ),
    (
        {
            "linkId": "s",
            "type": "string",
            "repeats": False,
            "initial": [{"valueString": "a"}, {"valueString": "b"}],
        },
        "que-13",
    ),
]


@pytest.mark.parametrize(("broken", "invariant"), BROKEN_ITEMS)
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


@WHOLE_GUIDES
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
    # Hostile text stays text in the narrative: it parses, and shows each text as written
    # (noncharacters as U+FFFD, as in all the library's HTML).
    assert [text for text in _narrative_texts(resource) if text] == [
        re.sub(f"[{NONCHARACTER_CLASS}]", "\ufffd", text) for text in _shown_texts(resource)
    ]
    assert _check_boxes(_item(resource, "section.records.on-hand")) == [
        (item.id, item.label) for item in generated.records.items
    ]


@given(hostile_texts().filter(lambda text: text == text.strip() and len(text.splitlines()) == 1))
def test_publisher_citations_render_as_plain_text(publisher: str) -> None:
    """Markdown cannot turn a publisher's name into a link, emphasis or HTML."""
    html = MarkdownIt("commonmark").render(markdown_escape(publisher))
    assert html == f"<p>{escapeHtml(one_line(publisher))}</p>\n"


# --- fhirpath.js: the specification's FHIRPath invariants -------------------------------------


def _exports(guide_data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    guide = parse_guide(guide_data)
    reviewed = copy.deepcopy(guide_data)
    reviewed["review"]["status"] = "clinically-reviewed"
    without_label = copy.deepcopy(guide_data)
    del without_label["labels"]["treatment_starts_soon"]
    return {
        "packaged": to_fhir_questionnaire(guide),
        "every-option": to_fhir_questionnaire(
            guide,
            url="https://portal.example.org/Questionnaire/second-opinion",
            id="second-opinion",
            name="SecondOpinion",
            date="2026-11-30T08:15:00Z",
            status="retired",
        ),
        "reviewed": to_fhir_questionnaire(parse_guide(reviewed)),
        "without-timing-label": to_fhir_questionnaire(parse_guide(without_label)),
        "marked-text": to_fhir_questionnaire(parse_guide(with_marked_text(guide_data))),
    }


@pytest.fixture(scope="module")
def fhirpath_verdicts() -> dict[str, list[str]]:
    """One fhirpath.js run: every export, and every broken Questionnaire, by name."""
    missing = tools.node_package_missing("fhirpath")
    if missing:
        tools.unavailable(missing)
    guide_data = json.loads(
        (files("oncology_second_opinion.data") / "en.json").read_text(encoding="utf-8")
    )
    resources = _exports(guide_data)
    resources.update(
        (f"packaged-{name}", to_fhir_questionnaire(packaged_guide(name))) for name in PACKAGED
    )
    for broken, invariant in BROKEN_ITEMS:
        resource = to_fhir_questionnaire(parse_guide(guide_data))
        resource["item"].append(broken)
        resources[f"broken {invariant} {len(resources)}"] = resource
    return dict(zip(resources, fhirpath_problems(list(resources.values())), strict=True))


@pytest.mark.parametrize(
    "name",
    [
        "packaged",
        "every-option",
        "reviewed",
        "without-timing-label",
        "marked-text",
        *(f"packaged-{name}" for name in PACKAGED),
    ],
)
def test_fhirpath_finds_every_invariant_held(
    fhirpath_verdicts: dict[str, list[str]], name: str
) -> None:
    assert fhirpath_verdicts[name] == []


def test_fhirpath_catches_each_violation(fhirpath_verdicts: dict[str, list[str]]) -> None:
    broken = {name: verdict for name, verdict in fhirpath_verdicts.items() if " " in name}
    assert len(broken) == len(BROKEN_ITEMS)
    for name, verdict in broken.items():
        invariant = name.split()[1]
        assert verdict, name
        assert all(problem.startswith(f"{invariant}:") for problem in verdict), (name, verdict)
