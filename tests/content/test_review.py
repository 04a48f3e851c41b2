"""A recorded clinical review: validated, shown in every render's header, exported, and checked
for being overdue."""

from __future__ import annotations

import copy
import datetime
import json
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import (
    ContentError,
    Guide,
    available_locales,
    build_handout,
    load_guide,
    parse_guide,
    render,
    to_fhir_questionnaire,
    to_jsonld,
)

from .. import strategies
from ..conftest import Cli
from ..fhir_checks import questionnaire_problems
from ..render_parse import parse_html, text_of

REVIEW = {
    "reviewer": "Dr A. Example",
    "role": "Consultant medical oncologist",
    "organization": "Example Hospital",
    "reviewed_on": "2026-01-15",
    "next_review_due": "2027-01-15",
}
LABELS = {
    "reviewed_by": "Reviewed by",
    "last_reviewed": "Last reviewed",
    "next_review_due": "Next review due",
    "list_separator": ", ",
}
PACKAGED = json.loads((files("oncology_second_opinion.data") / "en.json").read_bytes())
FACTS = [
    "Reviewed by: Dr A. Example, Consultant medical oncologist, Example Hospital",
    "Last reviewed: 2026-01-15",
    "Next review due: 2027-01-15",
]


def reviewed(guide_data: dict[str, Any], **review: Any) -> dict[str, Any]:
    guide_data["schema_version"] = "1.2"
    guide_data["review"]["status"] = "clinically-reviewed"
    guide_data["review"]["statement"] = "Reviewed for Example Hospital."
    guide_data["review"]["clinical_review"] = {**REVIEW, **review}
    guide_data["labels"].update(LABELS)
    return guide_data


@pytest.fixture
def edition(guide_data: dict[str, Any]) -> Guide:
    return parse_guide(reviewed(guide_data))


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_the_packaged_guides_record_no_review() -> None:
    for locale in available_locales():
        review = load_guide(locale).review
        assert (review.status, review.clinical_review) == ("not-clinically-reviewed", None)


def test_a_recorded_review_is_read_as_dates(edition: Guide) -> None:
    review = edition.review.clinical_review
    assert review is not None
    assert (review.reviewed_on, review.next_review_due) == (
        datetime.date(2026, 1, 15),
        datetime.date(2027, 1, 15),
    )
    assert edition.model_dump(mode="json")["review"]["clinical_review"] == {**REVIEW}


@pytest.mark.parametrize(
    ("review", "expected"),
    [
        (
            {"reviewed_on": "2026-02-30"},
            [
                (
                    "$.review.clinical_review.reviewed_on",
                    "is not a date in the calendar (\"2026-02-30\"); such as '2026-11-30'",
                )
            ],
        ),
        (
            {"next_review_due": "15/01/2027"},
            [
                (
                    "$.review.clinical_review.next_review_due",
                    "must be a date written as YYYY-MM-DD, such as '2026-11-30'",
                )
            ],
        ),
        (
            {"next_review_due": "2026-01-15"},
            [
                (
                    "$.review.clinical_review.next_review_due",
                    "must be after reviewed_on (2026-01-15)",
                )
            ],
        ),
        (
            {"reviewer": " "},
            [
                (
                    "$.review.clinical_review.reviewer",
                    "must contain text; it is empty or only whitespace and invisible characters",
                )
            ],
        ),
    ],
)
def test_a_review_is_validated(
    guide_data: dict[str, Any], review: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    assert problems(reviewed(guide_data, **review)) == expected


def test_a_review_needs_the_status_that_claims_it(guide_data: dict[str, Any]) -> None:
    data = reviewed(guide_data)
    data["review"]["status"] = "not-clinically-reviewed"
    assert problems(data) == [
        ("$.review.status", "must be 'clinically-reviewed' when a clinical review is recorded")
    ]


def test_a_review_needs_the_labels_that_show_it(guide_data: dict[str, Any]) -> None:
    data = reviewed(guide_data)
    del data["labels"]["last_reviewed"], data["labels"]["list_separator"]
    message = "is required when the guide records a clinical review; add it"
    assert problems(data) == [
        ("$.labels.last_reviewed", message),
        ("$.labels.list_separator", message),
    ]


def test_an_older_schema_version_cannot_record_a_review_it_does_not_know(
    guide_data: dict[str, Any],
) -> None:
    data = reviewed(guide_data)
    data["schema_version"] = "1.1"
    # The file declares a format without the field, but a reader of 1.2 reads it: like every
    # optional field, a newer field is accepted in a file of an older minor version.
    assert parse_guide(data).review.clinical_review is not None


@given(
    strategies.clinical_reviews(),
    st.integers(-400, 400),
)
def test_a_review_is_overdue_after_its_due_date_only(review: dict[str, Any], offset: int) -> None:
    due = datetime.date.fromisoformat(review["next_review_due"])
    try:
        day = due + datetime.timedelta(days=offset)
    except OverflowError:
        return
    data = reviewed(copy.deepcopy(PACKAGED), **review)
    assert parse_guide(data).review.is_overdue(day) is (offset > 0)


def test_content_without_a_review_is_never_overdue(guide: Guide) -> None:
    assert not guide.review.is_overdue(datetime.date.max)


# Renders and exports ------------------------------------------------------------------------------


def test_every_render_shows_the_review_in_its_header(edition: Guide) -> None:
    text = render(edition, "text", width=None)
    header = text.split("\n\n")[1].splitlines()
    assert header[-3:] == FACTS
    markdown = render(edition, "markdown").split("\n\n")
    assert markdown[3:6] == FACTS
    root = parse_html(render(edition, "html"), fragment=True)
    (facts,) = [element for element in root.iter() if element.get("class") == "oso-provenance"]
    shown = [text_of(entry) for entry in facts]
    assert shown[2:] == FACTS


def test_a_handout_shows_the_review_too(edition: Guide) -> None:
    text = render(build_handout(edition), "text", width=None)
    assert all(fact in text.splitlines() for fact in FACTS)


def test_without_an_organisation_the_reviewer_is_name_and_role(guide_data: dict[str, Any]) -> None:
    data = reviewed(guide_data)
    del data["review"]["clinical_review"]["organization"]
    text = render(parse_guide(data), "text", width=None)
    assert "Reviewed by: Dr A. Example, Consultant medical oncologist" in text.splitlines()


def test_fhir_carries_the_review_dates_and_is_active(edition: Guide) -> None:
    questionnaire = to_fhir_questionnaire(edition)
    assert questionnaire["status"] == "active"
    assert questionnaire["lastReviewDate"] == "2026-01-15"
    assert questionnaire["effectivePeriod"] == {"start": "2026-01-15", "end": "2027-01-15"}
    assert "approvalDate" not in questionnaire
    (review,) = [item for item in questionnaire["item"] if item["linkId"] == "section.review"]
    assert [item["text"] for item in review["item"][1:]] == FACTS
    assert questionnaire_problems(questionnaire) == []
    Questionnaire.model_validate(questionnaire)  # the R4B model, with its own checks


def test_unreviewed_fhir_has_no_review_dates(guide: Guide) -> None:
    questionnaire = to_fhir_questionnaire(guide)
    assert questionnaire["status"] == "draft"
    assert not {"lastReviewDate", "effectivePeriod", "approvalDate"} & set(questionnaire)


def test_jsonld_names_the_reviewer_and_the_date(edition: Guide) -> None:
    page = to_jsonld(edition)
    assert page["lastReviewed"] == "2026-01-15"
    assert page["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr A. Example",
        "jobTitle": "Consultant medical oncologist",
        "affiliation": {"@type": "Organization", "name": "Example Hospital"},
    }


# validate ----------------------------------------------------------------------------------------


def _file(tmp_path: Path, guide_data: dict[str, Any], due: datetime.date) -> Path:
    data = reviewed(guide_data, reviewed_on="2020-01-01", next_review_due=due.isoformat())
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_validate_warns_about_an_overdue_review(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    today = datetime.date.today()
    path = _file(tmp_path, guide_data, today - datetime.timedelta(days=1))
    overdue = (
        f"$.review.clinical_review.next_review_due: the clinical review was due again on "
        f"{today - datetime.timedelta(days=1)} and is overdue (today is {today}); have the "
        "content reviewed and record the review"
    )
    result = cli("validate", str(path))
    assert (result.status, result.out.splitlines()) == (
        0,
        [f"{path}: {overdue.replace(': ', ': warning: ', 1)}", f"{path}: valid"],
    )
    result = cli("validate", "--fail-overdue", str(path))
    assert (result.status, result.out.splitlines()) == (1, [f"{path}: {overdue}"])


def test_a_review_due_today_is_not_overdue(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    path = _file(tmp_path, guide_data, datetime.date.today())
    result = cli("validate", "--fail-overdue", str(path))
    assert (result.status, result.out) == (0, f"{path}: valid\n")
