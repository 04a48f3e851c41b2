"""Arguments of the wrong type: a TypeError or the function's own documented error, naming the
parameter and what it accepts; never an AttributeError or an error about hashing from deep inside.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import (
    RenderOptionError,
    SelectionError,
    build_handout,
    load_guide,
    load_guide_file,
    parse_guide,
    render,
    sms_segments,
    split_messages,
    to_fhir_questionnaire,
    to_jsonld,
)

GUIDE = load_guide()

# (call, error type, what the message must say)
WRONG: dict[str, tuple[Callable[[], object], type[Exception], str]] = {
    "parse_guide-int": (
        lambda: parse_guide(42),  # type: ignore[arg-type]
        TypeError,
        "parse_guide() data must be JSON text, UTF-8 bytes or a mapping, not int",
    ),
    "load_guide-list": (
        lambda: load_guide(["en"]),  # type: ignore[arg-type]
        TypeError,
        "load_guide() locale must be a locale string such as 'en', not list",
    ),
    "load_guide-none": (
        lambda: load_guide(None),  # type: ignore[arg-type]
        TypeError,
        "load_guide() locale must be a locale string such as 'en', not NoneType",
    ),
    "load_guide_file-bool": (
        lambda: load_guide_file(True),  # type: ignore[arg-type]
        TypeError,
        "load_guide_file() path must be a str or os.PathLike path, not bool",
    ),
    "load_guide_file-descriptor": (
        lambda: load_guide_file(0),  # type: ignore[arg-type]
        TypeError,
        "load_guide_file() path must be a str or os.PathLike path, not int",
    ),
    "load_guide_file-bytes": (
        lambda: load_guide_file(b"edition.json"),  # type: ignore[arg-type]
        TypeError,
        "load_guide_file() path must be a str or os.PathLike path, not bytes",
    ),
    "load_guide_file-nul": (
        lambda: load_guide_file("edition\x00.json"),
        ValueError,
        "load_guide_file() path holds a NUL character: edition\\x00.json",
    ),
    "render-none": (
        lambda: render(None, "html"),  # type: ignore[arg-type]
        TypeError,
        "render() needs a Guide or a Handout, not NoneType",
    ),
    "render-format-list": (
        lambda: render(GUIDE, ["html"]),  # type: ignore[arg-type]
        RenderOptionError,
        "unknown format ['html']; valid formats: markdown, html, text",
    ),
    "render-sections-set": (
        lambda: render(GUIDE, "html", sections={"records", "questions"}),  # type: ignore[arg-type]
        RenderOptionError,
        "sections must be an ordered list of ids, not a set",
    ),
    "render-sections-generator": (
        lambda: render(GUIDE, "html", sections=(s for s in ["records"])),  # type: ignore[arg-type]
        RenderOptionError,
        "sections must be an ordered list of ids, not a generator",
    ),
    "split_messages-sections-set": (
        lambda: split_messages(GUIDE, max_chars=160, sections={"records"}),  # type: ignore[arg-type]
        RenderOptionError,
        "sections must be an ordered list of ids, not a set",
    ),
    "to_fhir_questionnaire-none": (
        lambda: to_fhir_questionnaire(None),  # type: ignore[arg-type]
        TypeError,
        "to_fhir_questionnaire() guide must be a Guide, not NoneType",
    ),
    "to_jsonld-none": (
        lambda: to_jsonld(None),  # type: ignore[arg-type]
        TypeError,
        "to_jsonld() guide must be a Guide, not NoneType",
    ),
    "to_jsonld-dict": (
        lambda: to_jsonld({"title": "x"}),  # type: ignore[arg-type]
        TypeError,
        "to_jsonld() guide must be a Guide, not dict",
    ),
    "sms_segments-none": (
        lambda: sms_segments(None),  # type: ignore[arg-type]
        TypeError,
        "sms_segments() message must be a str, not NoneType",
    ),
    "build_handout-none": (
        lambda: build_handout(None),  # type: ignore[arg-type]
        TypeError,
        "build_handout() needs a Guide, not NoneType",
    ),
    "build_handout-string-ids": (
        lambda: build_handout(GUIDE, records_on_hand="pathology-reports"),
        SelectionError,
        "records_on_hand must be a list of ids, not 'pathology-reports'",
    ),
}


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_argument_type_is_named(name: str) -> None:
    call, error, message = WRONG[name]
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value).startswith(message)


def test_a_file_descriptor_is_never_read_or_closed(tmp_path: Path) -> None:
    path = tmp_path / "edition.json"
    path.write_text("{}", encoding="utf-8")
    descriptor = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(TypeError):
            load_guide_file(descriptor)  # type: ignore[arg-type]
        assert os.read(descriptor, 2) == b"{}"  # still open, still at the start
    finally:
        os.close(descriptor)


ENDLESS: dict[str, Callable[[], Any]] = {
    "own_questions": lambda: build_handout(GUIDE, own_questions=itertools.repeat("Why?")),
    "questions": lambda: build_handout(GUIDE, questions=itertools.repeat("decision-right-now")),
    "records_on_hand": lambda: build_handout(
        GUIDE, records_on_hand=(f"record-{n}" for n in itertools.count())
    ),
    "indications": lambda: build_handout(GUIDE, indications=itertools.cycle(["x"])),
}


@pytest.mark.parametrize("name", sorted(ENDLESS))
def test_an_endless_iterable_is_refused(name: str) -> None:
    with pytest.raises(SelectionError) as caught:
        ENDLESS[name]()
    assert caught.value.field == name
