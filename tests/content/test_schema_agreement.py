"""The published JSON Schema and the models reach the same verdict on every document.

Three judges: the models (``parse_guide`` on the JSON text), python-jsonschema and jsonschema-rs,
both as Draft 2020-12 with format checking on. Known, deliberate differences, which JSON Schema
cannot express and which the models alone check: ids used twice, keys written twice, and lone
surrogates (which are not valid Unicode and which jsonschema-rs cannot even receive).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError

from oncology_second_opinion import ContentError, guide_schema, parse_guide
from oncology_second_opinion._fields import (
    SLUG_PATTERN,
    TEXT_PATTERN,
    URL_PATTERN,
    HttpsUrl,
    IsoDate,
    LanguageTag,
    SchemaVersion,
    SemVer,
    Slug,
    Text,
    check_url,
    safe_link,
)
from oncology_second_opinion._schema import generate_schema

from .. import strategies
from ..conftest import WHOLE_GUIDES, scaled
from .test_review import reviewed

SCHEMA = guide_schema()
PY_VALIDATOR = Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER)
RS_VALIDATOR = jsonschema_rs.Draft202012Validator(SCHEMA, validate_formats=True)


def models_accept(document: Any) -> bool:
    try:
        parse_guide(json.dumps(document))
    except ContentError:
        return False
    return True


def verdicts(document: Any) -> tuple[bool, bool, bool]:
    return (
        models_accept(document),
        PY_VALIDATOR.is_valid(document),
        RS_VALIDATOR.is_valid(document),
    )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert jsonschema_rs.meta.is_valid(SCHEMA)


def test_the_packaged_guide_is_valid_for_every_judge(guide_data: dict[str, Any]) -> None:
    assert verdicts(guide_data) == (True, True, True)


@WHOLE_GUIDES
@given(strategies.guides())
def test_generated_valid_guides_are_valid_for_every_judge(document: dict[str, Any]) -> None:
    assert verdicts(document) == (True, True, True)


@WHOLE_GUIDES
@given(strategies.broken_guides())
def test_broken_guides_are_invalid_for_every_judge(
    broken: tuple[strategies.Mutation, dict[str, Any]],
) -> None:
    kind, document = broken
    event(kind)
    assert verdicts(document) == (False, False, False)


@WHOLE_GUIDES
@given(strategies.guides_with_any_string())
def test_every_judge_agrees_on_any_string_anywhere(document: dict[str, Any]) -> None:
    accepted = verdicts(document)
    event("valid" if accepted[0] else "invalid")
    assert accepted in ((True, True, True), (False, False, False))


# Field by field: many more examples, at a fraction of the cost of whole documents.
FIELDS = scaled(3)


def _field_schema(definition: str, name: str) -> dict[str, Any]:
    field = copy.deepcopy(SCHEMA["$defs"][definition]["properties"][name])
    return {"$schema": SCHEMA["$schema"], **field}


def _judges(definition: str, name: str, annotation: Any) -> Callable[[str], tuple[bool, ...]]:
    schema = _field_schema(definition, name) if definition else _top_level(name)
    py = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    rs = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
    adapter: TypeAdapter[str] = TypeAdapter(annotation)

    def judge(value: str) -> tuple[bool, ...]:
        try:
            adapter.validate_python(value)
            model = True
        except ValidationError:
            model = False
        return model, py.is_valid(value), rs.is_valid(value)

    return judge


def _top_level(name: str) -> dict[str, Any]:
    return {"$schema": SCHEMA["$schema"], **copy.deepcopy(SCHEMA["properties"][name])}


TEXT = _judges("Source", "title", Text)
SLUG = _judges("Source", "id", Slug)
URL = _judges("Source", "url", HttpsUrl)
LOCALE = _judges("", "locale", LanguageTag)
VERSION = _judges("", "content_version", SemVer)
SCHEMA_VERSION = _judges("", "schema_version", SchemaVersion)
DATE = _judges("ClinicalReview", "reviewed_on", IsoDate)

_ANY = st.characters(codec="utf-8")
_URLISH = st.one_of(
    st.sampled_from("aZ09-._~:/?#[]@!$&'()*+,;=%\\ \"<>^`{|}\n\t\x00\x7f\u00e9\u202e"), _ANY
)


def _edits(valid: st.SearchStrategy[str], alphabet: st.SearchStrategy[str]) -> Any:
    """Valid values with a character inserted, deleted or replaced somewhere."""

    @st.composite
    def edit(draw: st.DrawFn) -> str:
        value = draw(valid)
        at = draw(st.integers(0, len(value)))
        how = draw(st.sampled_from(["insert", "delete", "replace", "append"]))
        char = draw(alphabet)
        if how == "insert":
            return value[:at] + char + value[at:]
        if how == "delete":
            return value[:at] + value[at + 1 :]
        if how == "replace":
            return value[:at] + char + value[at + 1 :]
        return value + char

    return edit()


def _agree(judge: Callable[[str], tuple[bool, ...]], value: str) -> None:
    verdict = judge(value)
    event("valid" if verdict[0] else "invalid")
    assert verdict in ((True, True, True), (False, False, False)), value


@FIELDS
@given(st.one_of(st.text(_ANY), strategies.texts(), _edits(strategies.texts(), _ANY)))
def test_text_fields_agree(value: str) -> None:
    _agree(TEXT, value)


@FIELDS
@given(st.one_of(strategies.slugs(), _edits(strategies.slugs(), _URLISH), st.text(_URLISH)))
def test_slugs_agree(value: str) -> None:
    _agree(SLUG, value)


@FIELDS
@given(
    st.one_of(
        strategies.https_urls(),
        _edits(strategies.https_urls(), _URLISH),
        st.sampled_from(strategies.BROKEN_URLS),
        st.text(_URLISH).map(lambda rest: "https://" + rest),
    )
)
def test_urls_agree(value: str) -> None:
    _agree(URL, value)


@FIELDS
@given(
    st.one_of(
        _edits(strategies.language_tags(), _URLISH),
        _edits(strategies.semvers(), _URLISH),
        _edits(strategies.schema_versions(), st.sampled_from("0123456789.\n -")),
    )
)
def test_locales_and_versions_agree(value: str) -> None:
    for judge in (LOCALE, VERSION, SCHEMA_VERSION):
        _agree(judge, value)


_ISO_DATES = st.dates().map(lambda day: day.isoformat())


@FIELDS
@given(st.one_of(_ISO_DATES, _edits(_ISO_DATES, st.sampled_from("0123456789-T:Z W\n\u0663"))))
def test_dates_agree(value: str) -> None:
    _agree(DATE, value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-02-29", True),
        ("1000-01-01", True),
        ("9999-12-31", True),
        ("2026-02-29", False),
        ("2026-04-31", False),
        ("2026-13-01", False),
        ("2026-00-10", False),
        ("0999-01-01", False),
        ("2026-1-1", False),
        ("20261130", False),
        ("2026-11-30T00:00:00", False),
        ("2026-W48-1", False),
        ("2026-334", False),
        ("2026-11-30\n", False),
    ],
)
def test_every_judge_reads_a_date_alike(value: str, valid: bool) -> None:
    assert DATE(value) == (valid, valid, valid)


@FIELDS
@given(
    st.one_of(
        _edits(strategies.https_urls(), _URLISH),
        st.sampled_from(strategies.BROKEN_URLS),
        st.text(_URLISH).map(lambda rest: "https://" + rest),
    )
)
def test_links_are_accepted_by_the_pattern_and_refused_with_a_reason(value: str) -> None:
    # Writers re-check every link with safe_link: it accepts what the pattern accepts, and
    # check_url spells out why a value is refused, in words a person can act on.
    if re.fullmatch(URL_PATTERN, value):
        assert safe_link(value) == check_url(value) == value
    else:
        with pytest.raises(ValueError, match=r"\A(?!is not a valid https URL\Z)"):
            check_url(value)
        with pytest.raises(ValueError, match=r"\Arefusing to write a link to .*: it (?!is not a)"):
            safe_link(value)


@pytest.mark.parametrize("value", strategies.BROKEN_URLS)
def test_every_broken_url_is_refused_by_every_judge(value: str) -> None:
    assert URL(value) == (False, False, False)


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org",
        "https://example.org/",
        "https://Example.ORG:8443/a/../b;p=1?q=1&r=%20#frag/?",
        "https://www.cancer.org/latest-news/getting-a-second-opinion.html",
        "https://xn--bcher-kva.example/caf%C3%A9",
        "https://a.b/@user/'quoted'(1)*!$,=:~",
        "https://example.org:65535/?",
        "https://example.org#",
    ],
)
def test_valid_urls_are_accepted_by_every_judge(value: str) -> None:
    assert URL(value) == (True, True, True)


@pytest.mark.parametrize(
    ("judge", "value"),
    [
        (SLUG, "pathology-reports\n"),
        (URL, "https://example.org/\n"),
        (LOCALE, "en\n"),
        (VERSION, "1.0.0\n"),
        (SCHEMA_VERSION, "1.0\n"),
    ],
)
def test_a_trailing_line_feed_is_refused_although_python_dollar_accepts_it(
    judge: Callable[[str], tuple[bool, ...]], value: str
) -> None:
    # Python's re (which python-jsonschema uses) lets "$" match before a final line feed; the
    # schema's "not" keeps single-line fields single-line for every engine.
    assert re.search(SLUG_PATTERN, "pathology-reports\n")
    assert judge(value) == (False, False, False)


@pytest.mark.parametrize(
    "value", ["\u2800", "\u200b", "\u00a0", "\u3000", "\n", " \u2028 ", "\u00ad", "\u3164"]
)
def test_blank_is_the_same_set_of_characters_everywhere(value: str) -> None:
    # "\s" means different things in Python, ECMA-262 and Rust; the schema spells the set out.
    assert "\\s" not in TEXT_PATTERN
    assert TEXT(value) == (False, False, False)
    assert TEXT(value + "x") == (True, True, True)


def test_patterns_avoid_syntax_engines_disagree_on() -> None:
    for pattern in (TEXT_PATTERN, SLUG_PATTERN, URL_PATTERN):
        assert "\\s" not in pattern
        assert "\\w" not in pattern
        assert "(?=" not in pattern
        assert "(?!" not in pattern


# The known, deliberate difference. ----------------------------------------------------------------


def test_duplicate_ids_are_refused_by_the_models_only(guide_data: dict[str, Any]) -> None:
    guide_data["records"]["items"][1]["id"] = guide_data["records"]["items"][0]["id"]
    assert verdicts(guide_data) == (False, True, True)


def test_a_next_review_before_the_review_is_refused_by_the_models_only(
    guide_data: dict[str, Any],
) -> None:
    reviewed(guide_data, reviewed_on="2026-11-30", next_review_due="2026-11-30")
    assert verdicts(guide_data) == (False, True, True)
    guide_data["review"]["clinical_review"]["next_review_due"] = "2026-12-01"
    assert verdicts(guide_data) == (True, True, True)


@pytest.mark.parametrize("broken", ["status", "label", "null-label"])
def test_the_rules_of_a_recorded_review_are_in_the_schema(
    guide_data: dict[str, Any], broken: str
) -> None:
    reviewed(guide_data)
    assert verdicts(guide_data) == (True, True, True)
    if broken == "status":
        guide_data["review"]["status"] = "not-clinically-reviewed"
    elif broken == "label":
        del guide_data["labels"]["last_reviewed"]
    else:
        guide_data["labels"]["last_reviewed"] = None
    assert verdicts(guide_data) == (False, False, False)
    guide_data["review"]["clinical_review"] = None  # null: no review recorded, no rule applies
    assert verdicts(guide_data) == (True, True, True)


def test_duplicate_keys_are_refused_by_the_models_only(guide_data: dict[str, Any]) -> None:
    text = json.dumps(guide_data)
    doubled = text.replace('"title": ', '"title": "Another title", "title": ', 1)
    with pytest.raises(ContentError):
        parse_guide(doubled)
    decoded = json.loads(doubled)  # a JSON Schema validator sees only the last value
    assert PY_VALIDATOR.is_valid(decoded)
    assert RS_VALIDATOR.is_valid(decoded)


def test_the_schema_tells_consumers_what_it_cannot_check() -> None:
    description = SCHEMA["description"]
    assert "id must be unique" in description
    assert "same key twice" in description
    assert "unique in the guide" in SCHEMA["$defs"]["Term"]["properties"]["id"]["description"]


def test_the_committed_schema_is_the_one_the_models_generate() -> None:
    # Regenerate with: python -m tests.regenerate
    assert generate_schema() == SCHEMA
