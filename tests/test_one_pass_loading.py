"""Guide files are read in one pass by pydantic-core when they are valid. That pass keeps the last
of two values for a key written twice, so the loader counts strings to notice; these tests hold the
one pass to the verdicts of the thorough path, which decodes with Python and locates problems."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import ContentError, Problem, load_guide, loader, parse_guide
from oncology_second_opinion.fields import has_lone_surrogate
from oncology_second_opinion.loader import json_path
from tests import strategies

Json = Any
DUPLICATE = "is written more than once in the same object; keep one"

# Quotes, backslashes and colons in text: what the count of strings has to read past.
_TRICKY = st.text(st.sampled_from('ab \\"/:{}[],\u00e9\u2028'), min_size=1, max_size=12).filter(
    strategies.is_text
)


class _Pairs(list[tuple[str, Json]]):
    """A JSON object as written in a file: its keys in order, repeats allowed."""


def _as_pairs(value: Json) -> Json:
    if isinstance(value, dict):
        return _Pairs((key, _as_pairs(child)) for key, child in value.items())
    if isinstance(value, list):
        return [_as_pairs(child) for child in value]
    return value


def _write(value: Json, *, ascii_only: bool, spaced: bool) -> str:
    """JSON text for ``value``, writing every pair of a :class:`_Pairs`, repeats included."""
    colon, comma = (" : ", ",\n ") if spaced else (":", ",")
    if isinstance(value, _Pairs):
        return (
            "{"
            + comma.join(
                json.dumps(key, ensure_ascii=ascii_only)
                + colon
                + _write(child, ascii_only=ascii_only, spaced=spaced)
                for key, child in value
            )
            + "}"
        )
    if isinstance(value, list):
        return (
            "[" + comma.join(_write(v, ascii_only=ascii_only, spaced=spaced) for v in value) + "]"
        )
    return json.dumps(value, ensure_ascii=ascii_only)


def _objects(value: Json, location: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Json]]:
    found = []
    if isinstance(value, _Pairs):
        found.append((location, value))
        for key, child in value:
            found += _objects(child, (*location, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _objects(child, (*location, index))
    return found


def _strings(value: Json) -> int:
    if isinstance(value, dict):
        return sum(1 + _strings(child) for child in value.values())
    if isinstance(value, list):
        return sum(_strings(child) for child in value)
    return isinstance(value, str)


@given(
    strategies.guides(pool=st.one_of(strategies.texts(), _TRICKY)),
    st.booleans(),
    st.booleans(),
    st.data(),
)
def test_a_key_written_twice_is_refused_wherever_it_is(
    document: dict[str, Json], ascii_only: bool, spaced: bool, data: st.DataObject
) -> None:
    pairs = _as_pairs(document)
    location, obj = data.draw(st.sampled_from(_objects(pairs)), label="object")
    key, kept = data.draw(st.sampled_from(obj), label="key")
    # The other value is often the same one, so that nothing but the repeat is wrong.
    other = data.draw(st.one_of(st.just(kept), strategies.json_values()), label="other value")
    if (*location, key) == ("schema_version",):
        other = kept  # another version is reported alone, as the other problems would be noise
    position = data.draw(st.integers(0, len(obj)), label="position")
    obj.insert(position, (key, other))
    text = _write(pairs, ascii_only=ascii_only, spaced=spaced)
    given: list[str | bytes] = [text]
    if not has_lone_surrogate(text):  # such bytes are refused as UTF-8 first
        given.append(text.encode("utf-8"))
    for given_as in given:
        with pytest.raises(ContentError) as refused:
            parse_guide(given_as)
        assert Problem(json_path((*location, key)), DUPLICATE) in refused.value.problems


@given(
    strategies.guides(pool=st.one_of(strategies.texts(), _TRICKY)),
    st.booleans(),
    st.booleans(),
)
def test_the_one_pass_accepts_what_the_thorough_path_accepts(
    document: dict[str, Json], ascii_only: bool, spaced: bool
) -> None:
    text = _write(_as_pairs(document), ascii_only=ascii_only, spaced=spaced)
    thorough = loader._validate(json.loads(text), None)
    for given_as in (text, text.encode("utf-8")):
        at_once = loader._accepted_at_once(given_as)
        assert at_once is not None, "a valid file should not need the thorough path"
        assert at_once == thorough
        assert parse_guide(given_as) == thorough


@given(strategies.json_values(), st.booleans())
def test_the_strings_of_any_json_text_are_counted(value: Json, ascii_only: bool) -> None:
    text = json.dumps(value, ensure_ascii=ascii_only)
    assert loader._strings_written(text) == _strings(value)
    assert loader._strings_written(text.encode("utf-8", "surrogatepass")) == _strings(value)


@pytest.mark.parametrize(
    "text",
    [
        r'{"a\\": "\\"}',
        r'{"\"": "\\\""}',
        r'["\\\\", "\\\\\"", "\u005c"]',
        '{"k": "\\"\\\\\\":"}',
    ],
)
def test_escaped_quotes_and_backslashes_are_read_as_json_reads_them(text: str) -> None:
    assert loader._strings_written(text) == _strings(json.loads(text))


def test_the_packaged_guide_is_read_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_thorough_path(data: object) -> None:
        raise AssertionError("the packaged guide went through the thorough path")

    monkeypatch.setattr(loader, "_decode", no_thorough_path)
    data = (files("oncology_second_opinion.data") / "en.json").read_bytes()
    assert parse_guide(data) == parse_guide(json.loads(data))
    loader.clear_caches()
    assert load_guide().locale == "en"


def test_a_model_the_count_does_not_understand_sends_files_to_the_thorough_path(
    monkeypatch: pytest.MonkeyPatch, guide_data: dict[str, Json]
) -> None:
    monkeypatch.setattr(loader, "_strings_plan", lambda model: None)
    text = json.dumps(guide_data)
    assert loader._accepted_at_once(text) is None
    assert parse_guide(text) == parse_guide(guide_data)
