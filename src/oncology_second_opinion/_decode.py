"""Decoding a content file: size, encoding and JSON, refusing what pydantic would read wrongly.

Python's decoder and pydantic both keep the last value of a key written twice, and pydantic cannot
read a key holding a lone surrogate; so the decoded document is inspected once, iteratively and in
time linear in its size, before any validation.
"""

from __future__ import annotations

import codecs
import json
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from ._errors import ContentError, Problem, json_path
from ._fields import has_lone_surrogate

#: Largest content file accepted, in bytes. The packaged guide is under 10 KiB.
MAX_CONTENT_BYTES = 2 * 1024 * 1024
#: Deepest nesting of JSON arrays and objects accepted. A valid guide nests six levels deep.
MAX_DEPTH = 32

Location = tuple[int | str, ...]
_SCALARS = (str, int, float, type(None))


class _JsonObject(dict[str, Any]):
    """A decoded JSON object that remembers keys the file wrote more than once."""

    duplicate_keys: tuple[str, ...] = ()


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    marked = _JsonObject(pairs)
    counts = Counter(key for key, _ in pairs)
    marked.duplicate_keys = tuple(key for key, count in counts.items() if count > 1)
    return marked


class _NotJsonError(ValueError):
    """Raised while decoding for text Python's decoder reads but JSON does not allow."""


def _reject_constant(name: str) -> Any:
    raise _NotJsonError(f"{name} is not a JSON value")


# The format has no numbers: reading them as floats keeps a huge integer literal linear (no
# int-from-string conversion) and it is reported as a wrong type like any number.
_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_int=float, parse_constant=_reject_constant
)


_TOO_BIG = Problem("$", f"is larger than the {MAX_CONTENT_BYTES // 1024 // 1024} MiB limit")


def _json_size(value: object) -> int:
    """Bytes ``value``, a string or another JSON scalar, takes in compact UTF-8 JSON; a number
    counts as one, since a guide holds none and its digits would cost more to count."""
    if isinstance(value, str):
        return len(json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass"))
    if value is None or value is True:
        return 4
    return 5 if value is False else 1


def _too_big(data: str | bytes) -> bool:
    if isinstance(data, bytes) or len(data) * 4 <= MAX_CONTENT_BYTES:
        # A character takes one to four bytes in UTF-8: only text that might not fit is encoded.
        return len(data) > MAX_CONTENT_BYTES
    return len(data.encode("utf-8", "surrogatepass")) > MAX_CONTENT_BYTES


def decode(data: str | bytes) -> Any:
    """The decoded JSON document; an object that wrote a key twice remembers it.

    Raises :class:`ContentError` for a file over ``MAX_CONTENT_BYTES``, bytes that are not UTF-8,
    text that is not JSON, or nesting beyond the interpreter's recursion limit.
    """
    if _too_big(data):
        raise ContentError([_TOO_BIG])
    if isinstance(data, bytes):
        # The offset in a message counts from the start of the file, byte order mark included.
        start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
        try:
            data = data[start:].decode("utf-8")
        except UnicodeDecodeError as error:
            offset = start + error.start
            raise ContentError(
                [Problem("$", f"is not valid UTF-8 (byte {offset}); save the file as UTF-8")]
            ) from None
    if data.startswith("\ufeff"):
        data = data[1:]  # a byte order mark, read as text; line and column count without it
    try:
        return _DECODER.decode(data)
    except json.JSONDecodeError as error:
        # Some of the decoder's messages end with "at", such as "Unterminated string starting
        # at": the place completes them.
        joint = " " if error.msg.endswith(" at") else " at "
        place = f"line {error.lineno} column {error.colno}"
        message = f"is not valid JSON: {error.msg}{joint}{place}"
    except _NotJsonError as error:
        message = f"is not valid JSON: {error}"
    except ValueError:
        message = "is not valid JSON"
    except RecursionError:
        # The decoder gives up at the interpreter's recursion limit, after work linear in the
        # depth; a guide nests six levels deep.
        message = f"nests arrays and objects deeper than {MAX_DEPTH} levels"
    raise ContentError([Problem("$", message)])


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


def inspect(
    document: Mapping[str, Any], *, measure: bool = False
) -> tuple[list[Problem], Mapping[str, Any]]:
    """Check the structure of a decoded document before validation.

    Raises :class:`ContentError` at once for what is not JSON at all: a Python value JSON cannot
    hold, a key that is not a string, nesting deeper than ``MAX_DEPTH`` or into itself. Returns
    the problems validation cannot see (keys written twice in one object, keys holding a lone
    surrogate) and the document to validate: without keys holding a lone surrogate, which
    pydantic cannot read and which would hide every other problem.

    With ``measure``, for a document that was not decoded from text, it is also refused when
    written as compact JSON it would be larger than ``MAX_CONTENT_BYTES``: the limit of a file.
    A container the document holds many times over counts each time, so the walk is bounded by
    the limit too.
    """
    inspection = _Inspection(measure)
    inspection.visit(document, (), 1)
    if inspection.surrogate_keys:
        document = _without_surrogate_keys(document)
    return inspection.problems, document


class _Inspection:
    """One walk over a decoded document, in document order; its depth is bounded, so is the
    recursion."""

    def __init__(self, measure: bool) -> None:
        self.problems: list[Problem] = []
        self.surrogate_keys = False
        self.measure = measure
        self.size = 0

    def add_size(self, values: Collection[Any], keys: Iterable[str] = ()) -> None:
        """Add what an array of ``values``, or an object of ``keys`` and ``values``, takes as
        compact JSON, its nested containers' contents aside."""
        # Brackets, commas, and for an object every key, its quotes and its colon.
        size = 2 + max(len(values) - 1, 0) + sum(_json_size(key) + 1 for key in keys)
        size += sum(_json_size(value) for value in values if isinstance(value, _SCALARS))
        self.size += size
        if self.size > MAX_CONTENT_BYTES:
            raise ContentError([_TOO_BIG])

    def visit(self, value: Any, location: Location, depth: int) -> None:
        if depth > MAX_DEPTH:
            message = f"nests arrays and objects deeper than {MAX_DEPTH} levels"
            raise ContentError([Problem(json_path(location), message)])
        if isinstance(value, list | tuple):
            if self.measure:
                self.add_size(value)
            for index, child in enumerate(value):
                if not isinstance(child, _SCALARS):
                    self.visit(child, (*location, index), depth + 1)
        elif isinstance(value, dict | Mapping):
            if self.measure:
                self.add_size(value.values(), value.keys())
            for key, child in value.items():
                if not isinstance(key, str):
                    raise _not_json(location, f"has a {type(key).__name__} key")
                if not key.isascii() and has_lone_surrogate(key):
                    self.surrogate_keys = True
                    self.problems.append(
                        Problem(
                            json_path((*location, key)),
                            "is not a known field (its name holds a lone surrogate, which is "
                            "not valid Unicode); remove it",
                        )
                    )
                elif not isinstance(child, _SCALARS):
                    self.visit(child, (*location, key), depth + 1)
            if isinstance(value, _JsonObject):
                self.problems.extend(
                    Problem(
                        json_path((*location, key)),
                        "is written more than once in the same object; keep one",
                    )
                    for key in value.duplicate_keys
                )
        else:
            raise _not_json(location, f"is a Python value of type {type(value).__name__}")


def _without_surrogate_keys(value: Any) -> Any:
    """A copy without the keys :func:`inspect` reported; its depth is already bounded."""
    if isinstance(value, Mapping):
        return {
            key: _without_surrogate_keys(child)
            for key, child in value.items()
            if not has_lone_surrogate(key)
        }
    if isinstance(value, list | tuple):
        return [_without_surrogate_keys(child) for child in value]
    return value
