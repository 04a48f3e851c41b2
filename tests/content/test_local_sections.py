"""An edition's own sections: validated, placed, rendered and exported like the packaged ones."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire

from oncology_second_opinion import (
    SECTION_IDS,
    ContentError,
    Guide,
    RenderOptionError,
    build_handout,
    parse_guide,
    render,
    to_fhir_questionnaire,
)

from ..conftest import Cli
from ..fhir_checks import questionnaire_problems, walk_items
from ..render_parse import html_events, markdown_events, parse_html

PROSE: dict[str, Any] = {
    "id": "request-at-our-centre",
    "shape": "prose",
    "after": "questions",
    "heading": "Requesting a second opinion here",
    "paragraphs": ["Call our team on 555-0100.", "Bring the records listed above."],
}
LINKS: dict[str, Any] = {
    "id": "our-pages",
    "shape": "links",
    "after": "request-at-our-centre",
    "heading": "Our pages",
    "items": [
        {
            "id": "our-service",
            "publisher": "Example Centre",
            "title": "Our second-opinion service",
            "url": "https://example.org/second-opinion?from=guide&lang=en",
        }
    ],
}
LIST: dict[str, Any] = {
    "id": "our-clinics",
    "shape": "list",
    "after": "overview",
    "heading": "Where we see patients",
    "lead": "We see patients at:",
    "items": [{"id": "north-clinic", "text": "North clinic"}, {"id": "south", "text": "South"}],
}


def edition(guide_data: dict[str, Any], *sections: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(guide_data)
    data["local_sections"] = [copy.deepcopy(section) for section in sections]
    return data


@pytest.fixture
def local(guide_data: dict[str, Any]) -> Guide:
    return parse_guide(edition(guide_data, PROSE, LINKS, LIST))


def refused(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def test_local_sections_follow_the_section_they_name(local: Guide) -> None:
    assert local.section_ids == (
        "overview",
        "our-clinics",
        *SECTION_IDS[1:6],
        "request-at-our-centre",
        "our-pages",
        *SECTION_IDS[6:],
    )


def test_a_guide_without_local_sections_has_the_packaged_ids(guide: Guide) -> None:
    assert guide.section_ids == SECTION_IDS
    assert guide.local_sections == ()


def test_local_sections_render_in_place_in_every_format(local: Guide) -> None:
    markdown = markdown_events(render(local, "markdown"))
    headings = [event[2] for event in markdown if event[0] == "heading" and event[1] == 2]
    assert headings[1] == "Where we see patients"
    assert headings[7:9] == ["Requesting a second opinion here", "Our pages"]
    assert ("item", "North clinic") in markdown
    url = "https://example.org/second-opinion?from=guide&lang=en"
    assert ("link", url, "Our second-opinion service") in markdown

    root = parse_html(render(local, "html", document=True), fragment=False)
    anchors = [section.get("id") for section in root.iter("section")]
    assert anchors == [f"oso-{section_id}" for section_id in local.section_ids]
    contents = [href for href in (a.get("href") for a in root.iter("a")) if href and "#" in href]
    assert contents == [f"#oso-{section_id}" for section_id in local.section_ids]
    assert ("link", url, "Our second-opinion service") in html_events(root)

    text = render(local, "text", width=None)
    assert "• Example Centre: Our second-opinion service — " + url in text.splitlines()
    assert "Call our team on 555-0100." in text.splitlines()


def test_local_sections_can_be_chosen_alone(local: Guide) -> None:
    output = render(local, "markdown", sections=["our-pages", "request-at-our-centre"])
    headings = [e[2] for e in markdown_events(output) if e[0] == "heading" and e[1] == 2]
    assert headings == ["Our pages", "Requesting a second opinion here", local.disclaimer.heading]


def test_a_local_section_id_of_another_guide_is_refused(guide: Guide) -> None:
    with pytest.raises(RenderOptionError, match="unknown id 'our-pages' in sections") as caught:
        render(guide, "text", sections=["our-pages"])
    assert caught.value.valid == SECTION_IDS


def test_handouts_of_a_local_edition_keep_the_packaged_sections(local: Guide) -> None:
    handout = build_handout(local, questions=["decision-right-now"])
    assert "Our pages" not in render(handout, "text")


def test_local_sections_are_exported_to_fhir_as_display_items(local: Guide) -> None:
    resource = to_fhir_questionnaire(local)
    Questionnaire.model_validate(resource)
    assert questionnaire_problems(resource) == []
    groups = {item["linkId"]: item for item in resource["item"]}
    assert [link_id for link_id in groups if link_id.startswith("section.local.")] == [
        "section.local.request-at-our-centre",
        "section.local.our-pages",
        "section.local.our-clinics",
    ]
    clinics = groups["section.local.our-clinics"]
    assert clinics["text"] == "Where we see patients"
    assert [(item["linkId"], item["text"], item["type"]) for item in clinics["item"]] == [
        ("section.local.our-clinics.lead", "We see patients at:", "display"),
        ("north-clinic", "North clinic", "display"),
        ("south", "South", "display"),
    ]
    [link] = groups["section.local.our-pages"]["item"]
    assert link["text"] == (
        "Example Centre: Our second-opinion service — "
        "https://example.org/second-opinion?from=guide&lang=en"
    )
    link_ids = [item["linkId"] for _, item in walk_items(resource["item"])]
    assert len(link_ids) == len(set(link_ids))


def test_a_local_section_named_review_does_not_collide_in_fhir(guide_data: dict[str, Any]) -> None:
    guide = parse_guide(edition(guide_data, {**PROSE, "id": "review"}))
    link_ids = [item["linkId"] for _, item in walk_items(to_fhir_questionnaire(guide)["item"])]
    assert len(link_ids) == len(set(link_ids))


def test_the_content_json_keeps_local_sections(local: Guide) -> None:
    assert parse_guide(local.model_dump(mode="json")) == local


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"id": "timing"},
            ("$.local_sections[0].id", "'timing' is a packaged section id; choose another id"),
        ),
        (
            {"after": "appendix"},
            (
                "$.local_sections[0].after",
                "names no section before this one ('appendix'); use a section id of this guide "
                "(overview, indications, clarifications, timing, records, questions, how-to-use, "
                "disclaimer, sources) or the id of an earlier local section",
            ),
        ),
        (
            {"after": "request-at-our-centre"},
            ("$.local_sections[0].after", "names no section before this one"),
        ),
    ],
)
def test_misplaced_local_sections_are_refused(
    guide_data: dict[str, Any], change: dict[str, str], expected: tuple[str, str]
) -> None:
    [(path, message)] = refused(edition(guide_data, {**PROSE, **change}))
    assert path == expected[0]
    assert message.startswith(expected[1])


def test_a_local_section_may_not_follow_a_later_one(guide_data: dict[str, Any]) -> None:
    problems = refused(edition(guide_data, {**LINKS, "after": "request-at-our-centre"}, PROSE))
    assert [path for path, _ in problems] == ["$.local_sections[0].after"]


def test_local_ids_are_unique_across_the_guide(guide_data: dict[str, Any]) -> None:
    clash = copy.deepcopy(LIST)
    clash["items"][1]["id"] = "pathology-reports"
    problems = refused(edition(guide_data, PROSE, {**LINKS, "id": "request-at-our-centre"}, clash))
    assert problems == [
        (
            "$.local_sections[1].id",
            'repeats the id "request-at-our-centre" already used at $.local_sections[0].id; ids '
            "must be unique in a guide",
        ),
        (
            "$.local_sections[2].items[1].id",
            'repeats the id "pathology-reports" already used at $.records.items[0].id; ids '
            "must be unique in a guide",
        ),
    ]


def test_fields_of_local_sections_are_checked_like_any_other(guide_data: dict[str, Any]) -> None:
    bad_link = copy.deepcopy(LINKS)
    bad_link["items"][0]["url"] = "http://example.org/"
    problems = refused(
        edition(
            guide_data,
            {**PROSE, "shape": "table"},
            {k: v for k, v in LIST.items() if k != "lead"},
            bad_link,
            {**PROSE, "paragraphs": []},
        )
    )
    # Paths name the keys of the file: never the shape pydantic tells the sections apart by.
    assert problems == [
        ("$.local_sections[0].shape", "must be one of 'prose', 'list', 'links'"),
        ("$.local_sections[1].lead", "is required; add it"),
        (
            "$.local_sections[2].items[0].url",
            "must be an absolute URL using https (in lowercase), such as "
            "'https://example.org/page'",
        ),
        ("$.local_sections[3].paragraphs", "must not be empty"),
    ]


def test_a_local_section_without_a_shape_is_told_to_add_one(guide_data: dict[str, Any]) -> None:
    shapeless = {key: value for key, value in PROSE.items() if key != "shape"}
    assert refused(edition(guide_data, shapeless)) == [
        ("$.local_sections[0].shape", "is required; add it")
    ]


def test_a_local_section_cannot_take_the_table_of_contents_anchor(
    guide_data: dict[str, Any],
) -> None:
    assert refused(edition(guide_data, {**PROSE, "id": "contents"})) == [
        ("$.local_sections[0].id", "'contents' is reserved; choose another id")
    ]


def test_an_unplaceable_local_section_of_an_unvalidated_guide_is_refused(local: Guide) -> None:
    # Validation refuses it; model_construct skips validation, and no render may drop it silently.
    stray = local.local_sections[0].model_copy(update={"after": "nowhere"})
    broken = local.model_copy(update={"local_sections": (stray, *local.local_sections[1:])})
    for fmt in ("markdown", "html", "text"):
        with pytest.raises(ValueError, match="a local section follows no section"):
            render(broken, fmt)


def test_the_command_line_renders_a_local_section(
    cli: Cli, guide_data: dict[str, Any], tmp_path: Path
) -> None:
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(edition(guide_data, PROSE, LINKS)), encoding="utf-8")
    result = cli("render", "--content", str(path), "--format", "text", "--section", "our-pages")
    assert (result.status, result.err) == (0, "")
    assert "Our pages\n---------" in result.out
    unknown = cli("render", "--content", str(path), "--format", "text", "--section", "our-clinics")
    assert unknown.status == 2
    assert "valid ids: overview," in unknown.err
    assert "request-at-our-centre, our-pages, how-to-use" in unknown.err
