"""The exported Questionnaire in a real form renderer: the National Library of Medicine's
LHC-Forms (npm ``lforms``, pinned in tests/browser) in headless Chromium. Every text of the form
is visible, a reader's clicks come back as a QuestionnaireResponse, and the response becomes the
handout build_handout makes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import (
    Guide,
    build_handout,
    handout_from_questionnaire_response,
    json_for_html_script,
    to_fhir_questionnaire,
)
from oncology_second_opinion._fhir import ITEM_CONTROL_EXTENSION, ITEM_CONTROL_SYSTEM

from ..browser import tools
from ..fhir_checks import walk_items
from ..golden import packaged_guide

LFORMS = tools.NODE_MODULES / "lforms" / "dist" / "lforms"
# Classic scripts at the end of the body, as LHC-Forms' README lists them, loaded from files.
SCRIPTS = (
    LFORMS / "webcomponent" / "assets" / "lib" / "zone.min.js",
    LFORMS / "webcomponent" / "lhc-forms.js",
    LFORMS / "fhir" / "R4" / "lformsFHIR.min.js",
)

#: What the reader does: ticks, by the texts they see.
SELECTION: dict[str, Any] = {
    "indications": ["more-than-one-option", "feeling-rushed"],
    "records_on_hand": ["pathology-reports", "lab-results"],
    "questions": ["what-would-change-recommendation"],
    "own_questions": ["How soon do I need to decide?", "Can I bring <b>my daughter</b>?"],
    "treatment_starts_soon": True,
}


def _page(questionnaire: dict[str, Any]) -> str:
    scripts = "".join(f'<script src="{path.as_uri()}"></script>\n' for path in SCRIPTS)
    styles = (LFORMS / "webcomponent" / "styles.css").as_uri()
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<title>Form</title>\n<link rel="stylesheet" href="{styles}">\n</head>\n<body>\n'
        '<div id="form"></div>\n<script type="application/json" id="questionnaire">'
        f"{json_for_html_script(questionnaire)}</script>\n{scripts}</body>\n</html>\n"
    )


def _shown_texts(questionnaire: dict[str, Any]) -> list[str]:
    """Every text the form must show: title, items' texts and answer options' displays."""
    texts = [questionnaire["title"]]
    for _, item in walk_items(questionnaire["item"]):
        texts.append(item["text"])
        texts.extend(option["valueCoding"]["display"] for option in item.get("answerOption", []))
    return texts


#: The guides whose forms LHC-Forms fills in: the English editions, as the steps click LHC-Forms'
#: own controls, which it labels in English.
FORM_GUIDES = ("en", "en.plain")


def _sessions(guide: Guide, directory: Path) -> list[dict[str, Any]]:
    """The browser sessions for ``guide``'s form: filling it in, and the control that sees a
    hidden caption."""
    questionnaire = to_fhir_questionnaire(guide)
    page = directory / "form.html"
    page.write_text(_page(questionnaire), encoding="utf-8")
    labels = guide.labels
    clicks = [
        *(item.text for item in guide.indications.items if item.id in SELECTION["indications"]),
        *(item.label for item in guide.records.items if item.id in SELECTION["records_on_hand"]),
        *(item.text for item in guide.questions.items if item.id in SELECTION["questions"]),
    ]
    first, second = SELECTION["own_questions"]
    steps: list[dict[str, Any]] = [
        {
            "evaluate": "LForms.Util.addFormToPage(JSON.parse(document.getElementById("
            "'questionnaire').textContent), 'form', {fhirVersion: 'R4'}).then(() => true)"
        },
        {"wait": guide.review.statement},
        {"hidden": _shown_texts(questionnaire)},
        *({"click": text} for text in clicks),
        # LHC-Forms' own control for a boolean answer.
        {"click": "Yes"},
        {"fill": {"label": labels.own_questions, "value": first}},
        # A repeating item's "add another" button carries the item's text.
        {"click": f"+ {labels.own_questions}"},
        {"fill": {"label": labels.own_questions, "value": second}},
        {
            "evaluate": "LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', "
            "document.getElementById('form'))"
        },
    ]
    # The check sees what a reader cannot: a caption as the earlier export wrote it, a display
    # item with the "prompt" item control, which LHC-Forms hides behind a "?" button.
    prompted = copy.deepcopy(questionnaire)
    records = next(item for item in prompted["item"] if item["linkId"] == "section.records")
    records["item"][-1]["item"] = [
        {
            "linkId": "section.records.on-hand.have-this",
            "text": labels.have_this,
            "type": "display",
            "extension": [
                {
                    "url": ITEM_CONTROL_EXTENSION,
                    "valueCodeableConcept": {
                        "coding": [{"system": ITEM_CONTROL_SYSTEM, "code": "prompt"}]
                    },
                }
            ],
        }
    ]
    hidden_page = page.with_name("prompt.html")
    hidden_page.write_text(_page(prompted), encoding="utf-8")
    return [
        {"name": "form", "path": str(page), "steps": steps},
        {
            "name": "prompt",
            "path": str(hidden_page),
            "steps": [
                *steps[:2],
                {"hidden": [labels.have_this, labels.handout_records_on_hand]},
            ],
        },
    ]


@pytest.fixture(scope="module")
def every_session(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """One browser run for every form: each session by guide name and session name."""
    missing = tools.chromium_missing() or tools.node_package_missing("lforms")
    if missing:
        tools.unavailable(missing)
    sessions = [
        {**spec, "name": f"{name} {spec['name']}"}
        for name in FORM_GUIDES
        for spec in _sessions(packaged_guide(name), tmp_path_factory.mktemp("lhc-forms"))
    ]
    outcome: dict[str, Any] = tools.run_chromium({"sessions": sessions})["sessions"]
    return outcome


@pytest.fixture(params=FORM_GUIDES)
def form_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def form_guide(form_name: str) -> Guide:
    return packaged_guide(form_name)


@pytest.fixture
def session(every_session: dict[str, Any], form_name: str) -> dict[str, Any]:
    return {kind: every_session[f"{form_name} {kind}"] for kind in ("form", "prompt")}


def test_lhc_forms_loads_the_questionnaire_without_errors(session: dict[str, Any]) -> None:
    loaded, *_ = session["form"]["results"]
    assert loaded is True
    assert session["form"]["errors"] == []


def test_the_visibility_check_sees_a_hidden_caption(
    session: dict[str, Any], form_guide: Guide
) -> None:
    _, hidden = session["prompt"]["results"]
    assert hidden == [form_guide.labels.have_this]


def test_every_caption_option_and_source_is_visible(
    session: dict[str, Any], form_guide: Guide
) -> None:
    guide = form_guide
    _, hidden, _ = session["form"]["results"]
    assert hidden == []
    # The checked list holds what the issue found hidden or missing before.
    questionnaire = to_fhir_questionnaire(guide)
    shown = _shown_texts(questionnaire)
    assert guide.labels.handout_records_on_hand in shown
    assert guide.records.items[0].label in shown
    assert guide.disclaimer.paragraphs[0] in shown
    separator, url_separator = guide.labels.label_separator, guide.labels.url_separator
    for source in guide.sources.items:
        assert f"{source.publisher}{separator}{source.title}{url_separator}{source.url}" in shown


def test_the_response_of_lhc_forms_becomes_the_handout(
    session: dict[str, Any], form_guide: Guide
) -> None:
    guide = form_guide
    *_, response = session["form"]["results"]
    assert response["resourceType"] == "QuestionnaireResponse"
    handout = handout_from_questionnaire_response(guide, response)
    assert handout == build_handout(guide, **SELECTION)
    assert handout.own_questions == tuple(SELECTION["own_questions"])
