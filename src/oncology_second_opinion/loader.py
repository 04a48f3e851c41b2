"""Reading guides: the packaged locales (lazily, cached) and integrators' own content files."""

from __future__ import annotations

import functools
import json
import os
from collections import Counter
from collections.abc import Iterator, Mapping
from importlib.resources import files
from typing import Any

from pydantic import ValidationError

from .errors import ContentError, Problem, UnknownLocaleError
from .fields import check_schema_version
from .models import Guide

#: Largest content file accepted, in bytes. The packaged guide is under 10 KiB.
MAX_CONTENT_BYTES = 2 * 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted. A valid guide nests five levels deep.
MAX_DEPTH = 32

_DATA_PACKAGE = "oncology_second_opinion.data"


def json_path(location: tuple[int | str, ...]) -> str:
    """Spell a location as a JSON path: ``("records", "items", 2)`` -> ``$.records.items[2]``."""
    path = "$"
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part.isidentifier() and part.isascii():
            path += f".{part}"
        else:
            path += f"[{json.dumps(part)}]"
    return path


class _JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys the file wrote more than once."""

    duplicate_keys: tuple[str, ...] = ()


def _object_pairs(pairs: list[tuple[str, Any]]) -> _JsonObject:
    obj = _JsonObject(pairs)
    if len(obj) != len(pairs):
        counts = Counter(key for key, _ in pairs)
        obj.duplicate_keys = tuple(key for key, count in counts.items() if count > 1)
    return obj


def _decode(data: str | bytes) -> Any:
    if isinstance(data, str):
        too_big = len(data) > MAX_CONTENT_BYTES or len(data.encode("utf-8", "surrogatepass")) > (
            MAX_CONTENT_BYTES
        )
    else:
        too_big = len(data) > MAX_CONTENT_BYTES
    if too_big:
        raise ContentError(
            [Problem("$", f"is larger than the {MAX_CONTENT_BYTES // 1024 // 1024} MiB limit")]
        )
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ContentError(
                [Problem("$", f"is not valid UTF-8 (byte {error.start}); save the file as UTF-8")]
            ) from None
    if _nesting_depth(data) > MAX_DEPTH:
        raise ContentError(
            [Problem("$", f"nests arrays and objects deeper than {MAX_DEPTH} levels")]
        )
    try:
        return json.loads(data, object_pairs_hook=_object_pairs)
    except json.JSONDecodeError as error:
        raise ContentError(
            [
                Problem(
                    "$",
                    f"is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}",
                )
            ]
        ) from None


def _nesting_depth(text: str) -> int:
    """Bracket depth outside strings, found in one pass before the decoder recurses."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return 0
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


Location = tuple[int | str, ...]


def _walk(value: Any, location: Location = ()) -> Iterator[tuple[Location, Any]]:
    yield location, value
    if isinstance(value, Mapping):
        for key, child in value.items():
            yield from _walk(child, (*location, key))
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from _walk(child, (*location, index))


def _structural_problems(document: Any) -> list[Problem]:
    """Problems pydantic cannot locate precisely: repeated keys and ids used twice."""
    problems: list[Problem] = []
    first_use: dict[str, str] = {}
    for location, value in _walk(document):
        if isinstance(value, _JsonObject):
            for key in value.duplicate_keys:
                problems.append(
                    Problem(
                        json_path((*location, key)),
                        "is written more than once in the same object; keep one",
                    )
                )
        if isinstance(value, Mapping) and isinstance(value.get("id"), str):
            path = json_path((*location, "id"))
            item_id = value["id"]
            if item_id in first_use:
                problems.append(
                    Problem(
                        path,
                        f"repeats the id {item_id!r} already used at {first_use[item_id]}; "
                        "ids must be unique in a guide",
                    )
                )
            else:
                first_use[item_id] = path
    return problems


def _message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if kind == "missing":
        return "is required; add it"
    if kind == "extra_forbidden":
        return "is not a known field; remove it or correct its spelling"
    if kind == "string_type":
        return "must be a string"
    if kind in ("tuple_type", "list_type"):
        return "must be a list"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "must be an object"
    if kind == "too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"must be one of {context.get('expected', '')}"
    if kind == "value_error" and "error" in context:
        return str(context["error"])
    return str(error["msg"])


def _is_echo(detail: Mapping[str, Any]) -> bool:
    """Errors that only repeat another: duplicate ids (located by the structural pass) and a
    list reported as too short because its items failed, although it is not empty."""
    if detail["type"] == "duplicate_id":
        return True
    if detail["type"] == "too_short":
        given = detail.get("input")
        minimum = (detail.get("ctx") or {}).get("min_length", 1)
        return isinstance(given, list | tuple) and len(given) >= minimum
    return False


def _validation_problems(error: ValidationError) -> list[Problem]:
    return [
        Problem(json_path(tuple(detail["loc"])), _message(detail))
        for detail in error.errors(include_url=False)
        if not _is_echo(detail)
    ]


def _validate(document: Any, source: str | None) -> Guide:
    if not isinstance(document, Mapping):
        raise ContentError([Problem("$", "must be a JSON object holding a guide")], source)
    version = document.get("schema_version")
    if isinstance(version, str):
        try:
            check_schema_version(version)
        except ValueError as error:
            # Other problems in a file of another format version would only be noise.
            raise ContentError([Problem("$.schema_version", str(error))], source) from None
    problems = _structural_problems(document)
    try:
        guide = Guide.model_validate(document)
    except ValidationError as error:
        problems.extend(_validation_problems(error))
        guide = None
    if problems or guide is None:
        raise ContentError(problems, source)
    return guide


def _parse(data: str | bytes | Mapping[str, Any], source: str | None) -> Guide:
    if isinstance(data, str | bytes):
        try:
            document = _decode(data)
        except ContentError as error:
            raise ContentError(error.problems, source) from None
    elif isinstance(data, Mapping):
        document = data
    else:
        raise TypeError(f"expected JSON text, bytes or a mapping, not {type(data).__name__}")
    return _validate(document, source)


def parse_guide(data: str | bytes | Mapping[str, Any]) -> Guide:
    """Validate a guide given as JSON text, UTF-8 bytes or an already decoded mapping.

    Raises :class:`ContentError` listing every problem at once, each with its JSON path.
    """
    return _parse(data, None)


def load_guide_file(path: str | os.PathLike[str]) -> Guide:
    """Read and validate a guide from a JSON file (a translation, a local edition).

    Raises :class:`ContentError` for invalid content, :class:`OSError` if the file cannot be read.
    """
    with open(path, "rb") as handle:
        data = handle.read(MAX_CONTENT_BYTES + 1)
    return _parse(data, os.fspath(path))


def _read_resource(name: str) -> bytes:
    return (files(_DATA_PACKAGE) / name).read_bytes()


@functools.cache
def _manifest() -> dict[str, str]:
    """Map each packaged locale to its data file."""
    manifest = json.loads(_read_resource("manifest.json").decode("utf-8"))
    return {locale: entry["file"] for locale, entry in manifest["locales"].items()}


def available_locales() -> tuple[str, ...]:
    """The locales of the packaged guides, sorted."""
    return tuple(sorted(_manifest()))


@functools.cache
def _load_packaged(locale: str) -> Guide:
    manifest = _manifest()
    if locale not in manifest:
        raise UnknownLocaleError(locale, available_locales())
    name = manifest[locale]
    return _parse(_read_resource(name), f"packaged {name}")


def load_guide(locale: str = "en") -> Guide:
    """Return the packaged guide for ``locale``, parsed on first use and cached.

    Raises :class:`UnknownLocaleError` (a :class:`LookupError`) naming the available locales.
    """
    return _load_packaged(locale)


def clear_caches() -> None:
    """Forget every packaged guide read so far; the next call reads the data again."""
    _load_packaged.cache_clear()
    _manifest.cache_clear()
