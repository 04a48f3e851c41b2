"""Reading guides: the packaged locales (lazily, cached) and integrators' own content files."""

from __future__ import annotations

import functools
import os
from collections import Counter
from collections.abc import Callable, Mapping
from importlib.resources import files
from operator import attrgetter
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import from_json

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
    import json  # here, not at the top: only a refused file needs it

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


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The ``object_pairs_hook`` of the thorough path: notes keys written twice."""
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj  # a plain dict: pydantic-core reads it faster than a subclass
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


def _is_too_big(data: str | bytes) -> bool:
    if isinstance(data, str):
        # A character takes at least one byte: only text that might fit is encoded to count.
        return len(data) > MAX_CONTENT_BYTES or (
            len(data.encode("utf-8", "surrogatepass")) > MAX_CONTENT_BYTES
        )
    return len(data) > MAX_CONTENT_BYTES


def _decode(data: str | bytes) -> Any:
    """The decoded document; objects that wrote a key twice are :class:`_JsonObject`."""
    import json  # here, not at the top: only the thorough path needs Python's decoder

    if _is_too_big(data):
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
        return json.loads(
            data,
            object_pairs_hook=_object,
            parse_int=float,
            parse_constant=_reject_constant,
        )
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


def _validate(document: Any, source: str | None) -> Guide:
    """Validate a decoded document, reporting every problem with its location."""
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


# How many JSON strings every instance of a model writes (one per key, one per string value, in
# nested objects too), and the lists whose share depends on the instance: a getter of the list, and
# how many strings each item writes, or None when items differ and are counted one by one; each
# list also with its dotted path from the model, to build the getters of enclosing models.
_StringsPlan = tuple[int, tuple[tuple[str, Callable[[Any], Any], int | None], ...]]


@functools.cache
def _strings_plan(model: type[BaseModel]) -> _StringsPlan | None:
    """The plan for ``model``, or None if it has a field this count does not understand (then
    :func:`_accepted_at_once` sends every file to the thorough path, which stays correct)."""
    fixed = 0
    lists: list[tuple[str, int | None]] = []
    for name, field in model.model_fields.items():
        if not field.is_required():
            return None  # the key may be absent: the count would depend on the file
        fixed += 1
        annotation: Any = field.annotation
        many = get_origin(annotation) is tuple
        if many:
            annotation = get_args(annotation)[0]
            while hasattr(annotation, "__metadata__"):  # Annotated[str, ...] inside a tuple
                annotation = get_args(annotation)[0]
        if annotation is str or get_origin(annotation) is Literal:
            if many:
                lists.append((name, 1))
            else:
                fixed += 1
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            plan = _strings_plan(annotation)
            if plan is None:
                return None
            item_fixed, item_lists = plan
            if many:
                lists.append((name, None if item_lists else item_fixed))
            else:  # always present: its strings count as this model's, its lists as lists here
                fixed += item_fixed
                lists.extend((f"{name}.{path}", per_item) for path, _, per_item in item_lists)
        else:
            return None
    return fixed, tuple((path, attrgetter(path), per_item) for path, per_item in lists)


def _strings_in(model: BaseModel) -> int:
    """How many JSON strings a file validated into ``model`` wrote, if it wrote no key twice."""
    plan = _strings_plan(type(model))
    assert plan is not None  # checked for the guide before any count
    count, lists = plan
    for _, getter, per_item in lists:
        items = getter(model)
        count += per_item * len(items) if per_item is not None else sum(map(_strings_in, items))
    return count


def _strings_written(text: str | bytes) -> int:
    """How many strings (keys and values) valid JSON text writes: half its unescaped quotes.

    Outside strings, valid JSON has no backslash; inside them a quote is always escaped, and
    escaped backslashes pair up from the left. With the pairs removed, a backslash left before a
    quote escapes it.
    """
    if isinstance(text, str):
        quotes = text.count('"')
        if "\\" in text:
            quotes -= text.replace("\\\\", "").count('\\"')
    else:
        quotes = text.count(b'"')
        if b"\\" in text:
            quotes -= text.replace(b"\\\\", b"").count(b'\\"')
    return quotes // 2


_GUIDE_VALIDATOR = Guide.__pydantic_validator__


def _accepted_at_once(data: str | bytes) -> Guide | None:
    """The guide, if ``data`` is a valid guide file that writes no key twice; otherwise None, and
    the thorough path decides, locating every problem.

    pydantic-core reads and validates the JSON in one pass, but keeps the last of two values for
    a key written twice. The count of strings catches that: validated strictly (every string
    value from a JSON string, every object a model with no unknown key, every key required), a
    file writes exactly the strings of the guide plus one per key, and a repeated key adds at
    least its own string, which pydantic-core dropped.
    """
    if _is_too_big(data) or _strings_plan(Guide) is None:
        return None
    try:
        guide: Guide = _GUIDE_VALIDATOR.validate_json(data, strict=True)
    except ValidationError:
        return None
    if _strings_written(data) != _strings_in(guide):
        return None
    return guide


def _parse(data: str | bytes | Mapping[str, Any], source: str | None) -> Guide:
    if isinstance(data, str | bytes):
        guide = _accepted_at_once(data)
        if guide is not None:
            return guide
        try:
            document = _decode(data)
        except ContentError as error:
            raise ContentError(error.problems, source) from None
        return _validate(document, source)
    if isinstance(data, Mapping):
        return _validate(data, source)
    raise TypeError(f"expected JSON text, bytes or a mapping, not {type(data).__name__}")


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
    manifest = from_json(_read_resource("manifest.json"))
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
