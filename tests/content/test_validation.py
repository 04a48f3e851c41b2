"""parse_guide and load_guide_file: what they accept, and every way a content file is refused."""

from __future__ import annotations

import copy
import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
from pydantic import ValidationError

from oncology_second_opinion import ContentError, Guide, Problem, load_guide_file, parse_guide
from oncology_second_opinion._fields import supported_schema_versions
from oncology_second_opinion._models import Source


def problems(data: str | bytes | Mapping[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ContentError) as caught:
        parse_guide(data)
    return [(problem.path, problem.message) for problem in caught.value.problems]


def paths(data: str | bytes | Mapping[str, Any]) -> list[str]:
    return [path for path, _ in problems(data)]


# Accepted inputs -------------------------------------------------------------------------------


def test_text_bytes_bom_and_mappings_give_the_same_guide(guide_data: dict[str, Any]) -> None:
    text = json.dumps(guide_data, ensure_ascii=False)
    guides = [
        parse_guide(text),
        parse_guide(text.encode("utf-8")),
        parse_guide(b"\xef\xbb\xbf" + text.encode("utf-8")),
        parse_guide(guide_data),
        parse_guide(MappingProxyType(guide_data)),
    ]
    assert all(isinstance(guide, Guide) for guide in guides)
    assert all(guide == guides[0] for guide in guides)
    assert guides[0].title == guide_data["title"]


def test_load_guide_file_reads_str_and_path_like(
    tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(guide_data), encoding="utf-8")
    assert load_guide_file(path) == load_guide_file(str(path)) == parse_guide(guide_data)


def test_parse_guide_neither_changes_nor_shares_its_input(guide_data: dict[str, Any]) -> None:
    before = copy.deepcopy(guide_data)
    guide = parse_guide(guide_data)
    assert guide_data == before
    guide_data["records"]["items"].clear()
    guide_data["title"] = "changed"
    assert len(guide.records.items) == len(before["records"]["items"])
    assert guide.title == before["title"]


def test_a_refused_mapping_is_left_unchanged(guide_data: dict[str, Any]) -> None:
    guide_data["title"] = ""
    guide_data["\ud800"] = 1  # a key pydantic cannot read, which the loader drops from a copy
    before = copy.deepcopy(guide_data)
    with pytest.raises(ContentError):
        parse_guide(guide_data)
    assert guide_data == before


# ContentError ----------------------------------------------------------------------------------


def test_content_error_is_a_value_error_with_located_problems(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": "1.0"}', encoding="utf-8")
    with pytest.raises(ValueError, match="problems in ") as caught:
        load_guide_file(path)
    error = caught.value
    assert isinstance(error, ContentError)
    assert error.source == str(path)
    assert all(isinstance(problem, Problem) for problem in error.problems)
    assert Problem("$.title", "is required; add it") in error.problems
    assert "  $.title: is required; add it" in str(error).splitlines()
    assert str(Problem("$.a", "b")) == "$.a: b"


def test_every_problem_is_reported_at_once(guide_data: dict[str, Any]) -> None:
    guide_data["title"] = ""
    del guide_data["publisher"]
    guide_data["labels"]["colour"] = "blue"
    guide_data["records"]["items"][2]["id"] = "Lab Results"
    guide_data["sources"]["items"][0]["url"] = "http://www.cancer.org/"
    guide_data["questions"]["items"] = []
    guide_data["review"]["status"] = "reviewed"
    assert sorted(paths(guide_data)) == sorted(
        [
            "$.title",
            "$.publisher",
            "$.labels.colour",
            "$.records.items[2].id",
            "$.sources.items[0].url",
            "$.questions.items",
            "$.review.status",
        ]
    )


# Structure -------------------------------------------------------------------------------------


def test_unknown_keys_are_named_with_their_path(guide_data: dict[str, Any]) -> None:
    guide_data["colour"] = "blue"
    guide_data["records"]["items"][1]["note"] = "x"
    guide_data["labels"]["a key with spaces"] = "x"
    message = "is not a known field; remove it or correct its spelling"
    assert sorted(problems(guide_data)) == [
        ("$.colour", message),
        ('$.labels["a key with spaces"]', message),
        ("$.records.items[1].note", message),
    ]


def test_missing_required_fields_are_named(guide_data: dict[str, Any]) -> None:
    del guide_data["sources"]["items"][0]["url"]
    del guide_data["labels"]
    assert sorted(problems(guide_data)) == [
        ("$.labels", "is required; add it"),
        ("$.sources.items[0].url", "is required; add it"),
    ]


def test_duplicate_ids_point_at_the_first_use(guide_data: dict[str, Any]) -> None:
    guide_data["questions"]["items"][0]["id"] = "pathology-reports"
    assert problems(guide_data) == [
        (
            "$.questions.items[0].id",
            'repeats the id "pathology-reports" already used at $.records.items[0].id; '
            "ids must be unique in a guide",
        )
    ]


def test_duplicate_json_keys_are_refused(guide_data: dict[str, Any]) -> None:
    text = json.dumps(guide_data).replace('"lead": ', '"lead": "x", "lead": ', 1)
    assert problems(text) == [
        ("$.indications.lead", "is written more than once in the same object; keep one")
    ]


@pytest.mark.parametrize(
    ("location", "value", "message"),
    [
        (
            ("title",),
            "",
            "must contain text; it is empty or only whitespace and invisible characters",
        ),
        (
            ("labels", "answer"),
            " \n\u00a0",
            "must contain text; it is empty or only whitespace and invisible characters",
        ),
        (("overview", "paragraphs"), [], "must not be empty"),
        (("records", "items"), [], "must not be empty"),
        (("records", "items"), "pathology", "must be a list"),
        (("title",), 7, "must be a string"),
        (("title",), None, "must be a string"),
        (("review",), [], "must be an object"),
        (("review", "status"), "reviewed", "must be one of"),
        (("locale",), "english", "must be a BCP 47 language tag such as 'en' or 'fr-CA'"),
        (("content_version",), "1.0", "must be a semantic version such as '1.0.0'"),
    ],
)
def test_wrong_values_are_refused_with_their_path(
    guide_data: dict[str, Any], location: tuple[str, ...], value: Any, message: str
) -> None:
    parent = guide_data
    for part in location[:-1]:
        parent = parent[part]
    parent[location[-1]] = value
    [(path, said)] = problems(guide_data)
    assert path == "$." + ".".join(location)
    assert said.startswith(message)


@pytest.mark.parametrize(
    "slug", ["Pathology", "lab--results", "-lab", "lab-", "lab_results", "lab results", "a" * 65]
)
def test_bad_slugs_are_refused(guide_data: dict[str, Any], slug: str) -> None:
    guide_data["records"]["items"][0]["id"] = slug
    [(path, message)] = problems(guide_data)
    assert path == "$.records.items[0].id"
    assert message.startswith("must be a lowercase slug of at most 64 characters")


def test_a_slug_of_64_characters_is_accepted(guide_data: dict[str, Any]) -> None:
    guide_data["records"]["items"][0]["id"] = "a" * 64
    assert parse_guide(guide_data).records.items[0].id == "a" * 64


# URLs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://www.cancer.org/", "must be an absolute URL using https"),
        ("javascript:alert(1)", "must be an absolute URL using https"),
        ("HTTPS://www.cancer.org/", "must be an absolute URL using https (in lowercase)"),
        ("//www.cancer.org/", "must be an absolute URL using https"),
        ("www.cancer.org", "must be an absolute URL using https"),
        ("https:www.cancer.org", "must name a host"),
        ("https://", "must name a host"),
        ("https:///page", "must name a host"),
        ("https://user:secret@www.cancer.org/", "must not contain a user name or password"),
        ("https://www.cancer.org@evil.example/", "must not contain a user name or password"),
        ("https://www.cancer.org:0/", "has an invalid port"),
        ("https://www.cancer.org:65536/", "has an invalid port"),
        ("https://www.cancer.org:https/", "has an invalid port"),
        ("https://www..cancer.org/", "must name a host such as 'example.org'"),
        ("https://-cancer.org/", "must name a host such as 'example.org'"),
        ("https://www.cancer.org/a b", "must not contain spaces or control characters"),
        ("https://www.cancer.org/\t", "must not contain spaces or control characters"),
        ("https://www.cancer.org/\x1b[2J", "must not contain spaces or control characters"),
        ("https://www.cancer.org/\u202e", "must not contain spaces or control characters"),
        ("https://www.cancer.org/caf\u00e9", "must be written in ASCII (U+00E9"),
        ("https://www.cancer.org\\@evil.example/", "must not contain '\\\\' (at character 22)"),
        ("https://[::1]/", "names its host by an IP address in brackets"),
        ("https://[2001:db8::1]:443/", "names its host by an IP address in brackets"),
        ("https://127.0.0.1/", "names the host '127.0.0.1', which ends in a number"),
        ("https://2130706433/", "names the host '2130706433', which ends in a number"),
        ("https://0x7f000001/", "names the host '0x7f000001', which ends in a number"),
        ("https://0177.0.0.1/", "names the host '0177.0.0.1', which ends in a number"),
        ("https://cancer.0x1f/", "names the host 'cancer.0x1f', which ends in a number"),
        ("https://localhost/", "names the single-label host 'localhost', a local name"),
        ("https://intranet:8443/x", "names the single-label host 'intranet', a local name"),
        ("https://www.cancer.org/%zz", "has a '%' that is not followed by two hexadecimal"),
        ("https://www.cancer.org/#a#b", "has more than one '#'"),
        ("https://www.cancer.org/\ud800", "contains a lone surrogate"),
    ],
)
def test_bad_urls_are_refused_with_a_message_that_says_why(
    guide_data: dict[str, Any], url: str, message: str
) -> None:
    guide_data["sources"]["items"][1]["url"] = url
    [(path, said)] = problems(guide_data)
    assert path == "$.sources.items[1].url"
    assert said.startswith(message), said
    assert said.isascii()
    assert said.isprintable()


@pytest.mark.parametrize(
    "url",
    [
        "https://Example.ORG:8443/a/../b;p?q=1&r=%20#top",
        "https://www.cancer.org",
        "https://xn--bcher-kva.example/caf%C3%A9",
    ],
)
def test_urls_are_kept_exactly_as_written(guide_data: dict[str, Any], url: str) -> None:
    guide_data["sources"]["items"][0]["url"] = url
    assert parse_guide(guide_data).sources.items[0].url == url


# Schema versions -------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2.0", "0.9", "1.5", "10.0"])
def test_an_unsupported_schema_version_says_which_versions_this_release_reads(
    guide_data: dict[str, Any], version: str
) -> None:
    guide_data["schema_version"] = version
    guide_data["title"] = ""  # noise the reader of another format version does not need
    assert problems(guide_data) == [
        (
            "$.schema_version",
            f"schema_version {version} is not supported: this release reads schema_version "
            f"{supported_schema_versions()}; use a release of oncology-second-opinion that reads "
            "it, or convert the file",
        )
    ]


@pytest.mark.parametrize("version", ["1", "01.0", "1.00", "1.0.0", "v1", "", "9" * 5000 + ".0"])
def test_a_malformed_schema_version_is_refused(guide_data: dict[str, Any], version: str) -> None:
    guide_data["schema_version"] = version
    [(path, message)] = problems(guide_data)
    assert path == "$.schema_version"
    assert message == (
        "must be a version such as '1.0'; this release reads schema_version 1.0 to 1.4"
    )


def test_a_schema_version_that_is_not_a_string_is_a_type_error(guide_data: dict[str, Any]) -> None:
    guide_data["schema_version"] = 1.0
    assert problems(guide_data) == [("$.schema_version", "must be a string")]


# Text that is not a JSON object ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{", "is not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ('{"title": "x",}', "is not valid JSON: "),  # the wording depends on the Python version
        ("", "is not valid JSON: Expecting value at line 1 column 1"),
        ('{"title": NaN}', "is not valid JSON: NaN is not a JSON value"),
        ('{"title": -Infinity}', "is not valid JSON: -Infinity is not a JSON value"),
        ("{} {}", "is not valid JSON: Extra data at line 1 column 4"),
        (b"{\xff}", "is not valid UTF-8 (byte 1); save the file as UTF-8"),
        (b'{"title": "\xed\xa0\x80"}', "is not valid UTF-8 (byte 11); save the file as UTF-8"),
        ("[]", "must be a JSON object holding a guide"),
        ('"guide"', "must be a JSON object holding a guide"),
        ("null", "must be a JSON object holding a guide"),
        ("3", "must be a JSON object holding a guide"),
    ],
)
def test_text_that_is_not_a_json_object_is_refused(data: str | bytes, message: str) -> None:
    [(path, said)] = problems(data)
    assert path == "$"
    assert said.startswith(message), said


def test_a_huge_integer_literal_is_only_a_wrong_type(guide_data: dict[str, Any]) -> None:
    text = json.dumps(guide_data).replace('"Answer"', "9" * 100_000, 1)
    assert problems(text) == [("$.labels.answer", "must be a string")]


# Python mappings hold only JSON values ---------------------------------------------------------


def test_python_values_json_cannot_hold_are_refused(guide_data: dict[str, Any]) -> None:
    guide_data["records"]["items"] = {"a", "b"}
    assert problems(guide_data) == [
        (
            "$.records.items",
            "is a Python value of type set; a guide holds only JSON values (objects with string "
            "keys, arrays, strings, numbers, true, false, null)",
        )
    ]
    guide_data["records"]["items"] = b"bytes"
    assert paths(guide_data) == ["$.records.items"]


def test_keys_that_are_not_strings_are_refused(guide_data: dict[str, Any]) -> None:
    guide_data["labels"][1] = "one"
    [(path, message)] = problems(guide_data)
    assert path == "$.labels"
    assert message.startswith("has a int key; a guide holds only JSON values")


def test_a_mapping_that_contains_itself_is_refused(guide_data: dict[str, Any]) -> None:
    loop: dict[str, Any] = {}
    loop["again"] = loop
    guide_data["labels"]["loop"] = loop
    [(path, message)] = problems(guide_data)
    assert path.startswith("$.labels.loop.again.again")
    assert message == "nests arrays and objects deeper than 32 levels"


def test_tuples_in_a_mapping_read_as_arrays(guide_data: dict[str, Any]) -> None:
    guide_data["overview"]["paragraphs"] = tuple(guide_data["overview"]["paragraphs"])
    assert parse_guide(guide_data).overview.paragraphs == guide_data["overview"]["paragraphs"]


# Parts of a guide, built directly ---------------------------------------------------------------


def test_a_part_of_a_guide_validates_when_built_on_its_own() -> None:
    """The parts build their validators on first use; they check as strictly as within a guide."""
    source = Source(id="nci", publisher="NCI", title="Second opinions", url="https://cancer.gov/")
    assert source.url == "https://cancer.gov/"
    with pytest.raises(ValidationError) as refused:
        Source(id="NCI", publisher="\u202e", title="x", url="http://cancer.gov/", extra="x")  # type: ignore[call-arg]
    assert {error["loc"][0] for error in refused.value.errors()} == {
        "id",
        "publisher",
        "url",
        "extra",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "edition.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def load() -> None:
        try:
            load_guide_file(fifo)
        except BaseException as error:
            outcome.append(error)

    reader = threading.Thread(target=load, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():
        os.close(os.open(fifo, os.O_WRONLY))  # let the blocked reader go
        pytest.fail("load_guide_file waited for a writer on a FIFO")
    [error] = outcome
    assert isinstance(error, OSError)
    assert error.strerror == "not a regular file (a FIFO, a device or a socket)"
    assert error.filename == str(fifo)


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        load_guide_file(tmp_path)
