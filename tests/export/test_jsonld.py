"""The schema.org JSON-LD export, and its safe embedding in an HTML script element."""

from __future__ import annotations

import json
from typing import Any

import html5lib
import pytest
from hypothesis import given

from oncology_second_opinion import Guide, json_for_html_script, parse_guide, to_jsonld

from ..conftest import WHOLE_GUIDES
from ..export_helpers import string_leaves, with_marked_text
from ..strategies import HOSTILE_FRAGMENTS, guide_models, hostile_texts, json_values

REVIEW_PROPERTIES = ("lastReviewed", "reviewedBy", "dateModified", "datePublished", "review")
RECORDED_REVIEW = ("lastReviewed", "reviewedBy")


def test_packaged_guide_is_a_medical_web_page(guide: Guide) -> None:
    page = to_jsonld(guide)
    assert page["@context"] == "https://schema.org"
    assert page["@type"] == "MedicalWebPage"
    assert page["name"] == guide.title
    assert page["description"] == "\n\n".join(guide.overview.paragraphs)
    assert page["inLanguage"] == "en"
    assert page["version"] == "1.3.0"
    assert page["publisher"] == {"@type": "Organization", "name": guide.publisher}
    assert page["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}


def test_every_source_is_a_citation(guide: Guide) -> None:
    assert to_jsonld(guide)["citation"] == [
        {
            "@type": "CreativeWork",
            "name": source.title,
            "url": source.url,
            "publisher": {"@type": "Organization", "name": source.publisher},
            # The pages are in English, as their titles are.
            "inLanguage": "en",
        }
        for source in guide.sources.items
    ]


def test_unreviewed_content_claims_no_review(guide: Guide) -> None:
    assert guide.review.status == "not-clinically-reviewed"
    page = to_jsonld(guide)
    for name in REVIEW_PROPERTIES:
        assert name not in page


def test_reviewed_content_still_invents_no_reviewer_or_date(guide_data: dict[str, Any]) -> None:
    # The content states a review status but no reviewer and no date: nothing to report.
    guide_data["review"]["status"] = "clinically-reviewed"
    page = to_jsonld(parse_guide(guide_data))
    for name in REVIEW_PROPERTIES:
        assert name not in page


MACHINE_STRINGS = {
    "https://schema.org",
    "MedicalWebPage",
    "Organization",
    "MedicalAudience",
    "Patient",
    "CreativeWork",
    "PropertyValue",
    "urn:oncology-second-opinion:edition",
    "standard",  # the edition, a code
}


def test_every_human_readable_string_comes_from_the_content(guide_data: dict[str, Any]) -> None:
    marked = with_marked_text(guide_data)
    guide = parse_guide(marked)
    content = {value for _, value in string_leaves(marked)}
    page = to_jsonld(guide)
    # The description joins the overview's paragraphs; everything else is content or vocabulary.
    assert page["description"] == "\n\n".join(guide.overview.paragraphs)
    content.add(page["description"])
    assert {value for _, value in string_leaves(page) if value not in content} == MACHINE_STRINGS


def test_export_is_deterministic(guide: Guide, guide_data: dict[str, Any]) -> None:
    assert json.dumps(to_jsonld(guide)) == json.dumps(to_jsonld(parse_guide(guide_data)))


# Embedding ------------------------------------------------------------------------------------


def _page(script_text: str) -> str:
    return (
        "<!DOCTYPE html><html lang=en><head><title>t</title>"
        f'<script type="application/ld+json">{script_text}</script>'
        "</head><body><p>after</p></body></html>"
    )


def _scripts(document: str) -> list[Any]:
    tree = html5lib.parse(document, namespaceHTMLElements=False)
    return list(tree.iter("script"))


def _assert_embeds(value: Any) -> None:
    text = json_for_html_script(value)
    for unsafe in ("<", ">", "&", "\u2028", "\u2029"):
        assert unsafe not in text
    assert json.loads(text) == value
    (script,) = _scripts(_page(text))
    assert script.get("type") == "application/ld+json"
    assert json.loads(script.text or "") == value


@pytest.mark.parametrize("fragment", HOSTILE_FRAGMENTS)
def test_hostile_strings_stay_inside_the_script(fragment: str) -> None:
    _assert_embeds({"name": f"a{fragment}b", fragment: [fragment, {"x": fragment * 2}]})


def test_the_packaged_guide_embeds(guide: Guide) -> None:
    _assert_embeds(to_jsonld(guide))


def test_non_ascii_text_stays_readable() -> None:
    assert json_for_html_script({"name": "Zweitmeinung – équipe’s 😀"}) == (
        '{"name":"Zweitmeinung – équipe’s 😀"}'
    )


def test_characters_a_parser_would_alter_are_escaped() -> None:
    text = json_for_html_script(["\x7f\x85\ud800\ufdd0\U0001fffe\r\x00"])
    assert text == '["\\u007f\\u0085\\ud800\\ufdd0\\ud83f\\udffe\\r\\u0000"]'
    assert text.isascii()


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="JSON"):
        json_for_html_script({"x": float("nan")})


@given(json_values())
def test_any_json_value_embeds_exactly(value: Any) -> None:
    _assert_embeds(value)


@WHOLE_GUIDES
@given(guide_models(hostile_texts()))
def test_generated_guides_embed_exactly(generated: Guide) -> None:
    page = to_jsonld(generated)
    _assert_embeds(page)
    assert page == to_jsonld(generated)
    assert [citation["url"] for citation in page["citation"]] == [
        source.url for source in generated.sources.items
    ]
    # Review properties only from a review the content records.
    for name in REVIEW_PROPERTIES:
        recorded = name in RECORDED_REVIEW and generated.review.clinical_review is not None
        assert (name in page) is recorded
