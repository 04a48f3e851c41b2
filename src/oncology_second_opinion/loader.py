"""Reading guides: the packaged locales (lazily, cached) and integrators' own content files."""

from __future__ import annotations

import contextlib
import functools
import json
import os
from collections import Counter
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from pydantic import ValidationError

from .errors import ContentError, Problem, UnknownLocaleError
from .fields import (
    SLUG_PATTERN,
    check_schema_version,
    check_unicode,
    explain,
    has_lone_surrogate,
    quote,
)
from .models import Guide

#: Largest content file accepted, in bytes. The packaged guide is under 10 KiB.
MAX_CONTENT_BYTES = 2 * 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted. A valid guide nests five levels deep.
MAX_DEPTH = 32

_DATA_PACKAGE = "oncology_second_opinion.data"


def json_path(location: tuple[Any, ...]) -> str:
    """Spell a location as a JSON path: ``("records", "items", 2)`` -> ``$.records.items[2]``.

    Keys that are not plain ASCII identifiers are written as JSON strings with every non-ASCII or
    control character escaped, so a path never carries a raw character from the content file.
    """
    path = "$"
    for part in location:
        if isinstance(part, int):
            path += f"[{part}]"
        elif isinstance(part, str) and part.isidentifier() and part.isascii():
            path += f".{part}"
        else:
            path += f"[{json.dumps(str(part))}]"
    return path


class _JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys the file wrote more than once."""

    duplicate_keys: tuple[str, ...] = ()


class _Objects:
    """The ``object_pairs_hook`` of one decoding: builds objects, notes keys written twice."""

    def __init__(self) -> None:
        self.duplicates = False

    def __call__(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(pairs)
        if len(obj) == len(pairs):
            return obj  # a plain dict: pydantic-core reads it faster than a subclass
        self.duplicates = True
        marked = _JsonObject(pairs)
        counts = Counter(key for key, _ in pairs)
        marked.duplicate_keys = tuple(key for key, count in counts.items() if count > 1)
        return marked


class _NotJsonError(ValueError):
    """Raised while decoding for text Python's decoder reads but JSON does not allow."""


def _reject_constant(name: str) -> Any:
    raise _NotJsonError(f"{name} is not a JSON value")


def _too_big() -> ContentError:
    return ContentError(
        [Problem("$", f"is larger than the {MAX_CONTENT_BYTES // 1024 // 1024} MiB limit")]
    )


def _decode(data: str | bytes) -> tuple[Any, bool]:
    """The decoded document, and whether it wrote any key twice in one object."""
    if isinstance(data, str):
        # A character takes at least one byte: only text that might fit is encoded to count.
        too_big = len(data) > MAX_CONTENT_BYTES or len(data.encode("utf-8", "surrogatepass")) > (
            MAX_CONTENT_BYTES
        )
    else:
        too_big = len(data) > MAX_CONTENT_BYTES
    if too_big:
        raise _too_big()
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ContentError(
                [Problem("$", f"is not valid UTF-8 (byte {error.start}); save the file as UTF-8")]
            ) from None
    try:
        # The format has no numbers: reading them as floats keeps a huge integer literal linear
        # (no int-from-string conversion) and it is reported as a wrong type like any number.
        objects = _Objects()
        document = json.loads(
            data,
            object_pairs_hook=objects,
            parse_int=float,
            parse_constant=_reject_constant,
        )
        return document, objects.duplicates
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}"
    except _NotJsonError as error:
        message = f"is not valid JSON: {error}"
    except ValueError:
        message = "is not valid JSON"
    except RecursionError:
        # The decoder gives up at the interpreter's recursion limit, after work linear in the
        # depth; a guide nests five levels deep.
        message = f"nests arrays and objects deeper than {MAX_DEPTH} levels"
    raise ContentError([Problem("$", message)])


Location = tuple[int | str, ...]
_SCALARS = (str, int, float, type(None))
#: Most values (objects, arrays, strings, numbers, literals) a guide may hold. Each takes at least
#: a byte of JSON, so no file within ``MAX_CONTENT_BYTES`` reaches it; it bounds the work on a
#: Python mapping whose containers are shared many times over.
MAX_VALUES = MAX_CONTENT_BYTES


def _not_json(location: Location, what: str) -> ContentError:
    return ContentError(
        [
            Problem(
                json_path(location),
                f"{what}; a guide holds only JSON values (objects with string keys, "
                "arrays, strings, numbers, true, false, null)",
            )
        ]
    )


def _inspect(document: Mapping[str, Any]) -> tuple[list[Problem], bool]:
    """One iterative pass over a decoded document, linear in its size.

    Refuses at once (raising :class:`ContentError`) what is not JSON at all: a Python value JSON
    cannot hold, a key that is not a string, nesting deeper than ``MAX_DEPTH`` or into itself.
    Returns the problems pydantic cannot locate precisely (keys written twice in one object, ids
    used twice, keys holding a lone surrogate) and whether such keys must be dropped before
    pydantic sees the document: pydantic-core cannot read them and would report nothing else.
    """
    problems: list[Problem] = []
    first_use: dict[str, str] = {}
    surrogate_keys = False
    values = 1
    stack: list[tuple[Location, Any, int]] = [((), document, 1)]
    while stack:
        location, value, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ContentError(
                [
                    Problem(
                        json_path(location),
                        f"nests arrays and objects deeper than {MAX_DEPTH} levels",
                    )
                ]
            )
        children: list[tuple[int | str, Any]]
        if isinstance(value, Mapping):
            children = []
            for key, child in value.items():
                if not isinstance(key, str):
                    raise _not_json(location, f"has a {type(key).__name__} key")
                if has_lone_surrogate(key):
                    surrogate_keys = True
                    problems.append(
                        Problem(
                            json_path((*location, key)),
                            "is not a known field (its name holds a lone surrogate, which is "
                            "not valid Unicode); remove it",
                        )
                    )
                else:
                    children.append((key, child))
            if isinstance(value, _JsonObject):
                problems.extend(
                    Problem(
                        json_path((*location, key)),
                        "is written more than once in the same object; keep one",
                    )
                    for key in value.duplicate_keys
                )
            item_id = value.get("id")
            if isinstance(item_id, str):
                path = json_path((*location, "id"))
                if item_id in first_use:
                    problems.append(
                        Problem(
                            path,
                            f"repeats the id {quote(item_id)} already used at "
                            f"{first_use[item_id]}; ids must be unique in a guide",
                        )
                    )
                else:
                    first_use[item_id] = path
        elif isinstance(value, list | tuple):
            children = list(enumerate(value))
        else:
            raise _not_json(location, f"is a Python value of type {type(value).__name__}")
        values += len(children)
        if values > MAX_VALUES:
            raise ContentError([Problem("$", f"holds more than {MAX_VALUES} values")])
        for key, child in reversed(children):
            if not isinstance(child, _SCALARS):
                stack.append(((*location, key), child, depth + 1))
    return problems, surrogate_keys


def _without_surrogate_keys(value: Any) -> Any:
    """A copy without the keys :func:`_inspect` reported; depth is already bounded."""
    if isinstance(value, Mapping):
        return {
            key: _without_surrogate_keys(child)
            for key, child in value.items()
            if not has_lone_surrogate(key)
        }
    if isinstance(value, list | tuple):
        return [_without_surrogate_keys(child) for child in value]
    return value


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
    if kind == "string_unicode" and isinstance(error.get("input"), str):
        try:
            check_unicode(error["input"])
        except ValueError as problem:
            return str(problem)
    if kind in ("string_pattern_mismatch", "string_too_long") and isinstance(
        error.get("input"), str
    ):
        pattern = context.get("pattern", SLUG_PATTERN)
        return explain(pattern, error["input"]) or "does not have the required form"
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


def _validate(document: Any, source: str | None, *, plain_json: bool = False) -> Guide:
    """Validate a decoded document. ``plain_json``: it came from JSON text with no key written
    twice, so it holds only JSON values and pydantic alone can accept it."""
    if plain_json:
        # Most files are valid: accept them in one pass through pydantic-core. Anything it
        # refuses goes through the thorough path, which locates every problem.
        with contextlib.suppress(ValidationError):
            return Guide.model_validate(document)
    if not isinstance(document, Mapping):
        raise ContentError([Problem("$", "must be a JSON object holding a guide")], source)
    try:
        problems, surrogate_keys = _inspect(document)
    except ContentError as error:
        raise ContentError(error.problems, source) from None
    version = document.get("schema_version")
    if isinstance(version, str):
        try:
            check_schema_version(version)
        except ValueError as error:
            # Other problems in a file of another format version would only be noise.
            raise ContentError([Problem("$.schema_version", str(error))], source) from None
    if surrogate_keys:
        document = _without_surrogate_keys(document)
    try:
        guide = Guide.model_validate(document)
    except ValidationError as error:
        problems.extend(_validation_problems(error))
        guide = None
    if guide is None and not problems:  # every error echoed one already reported
        problems.append(Problem("$", "is not a valid guide"))
    if problems or guide is None:
        raise ContentError(problems, source)
    return guide


def _parse(data: str | bytes | Mapping[str, Any], source: str | None) -> Guide:
    if isinstance(data, str | bytes):
        try:
            document, duplicate_keys = _decode(data)
        except ContentError as error:
            raise ContentError(error.problems, source) from None
        return _validate(document, source, plain_json=not duplicate_keys)
    if isinstance(data, Mapping):
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
