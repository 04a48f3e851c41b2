"""Messages for content editors: every validation error as a located :class:`Problem`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from ._errors import Problem, json_path
from ._fields import SLUG_PATTERN, check_unicode, explain
from ._models import LOCAL_SHAPES


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
    if kind == "union_tag_invalid":
        return f"must be one of {context.get('expected_tags', '')}"
    if kind == "union_tag_not_found":
        return "is required; add it"
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
    """A list reported as too short because its items failed, although it is not empty."""
    if detail["type"] == "too_short":
        given = detail.get("input")
        minimum = (detail.get("ctx") or {}).get("min_length", 1)
        return isinstance(given, list | tuple) and len(given) >= minimum
    return False


def _location(detail: Mapping[str, Any]) -> tuple[Any, ...]:
    """Where the file holds the offending value. pydantic names a local section's shape in the
    location (``local_sections.0.prose.heading``); the file has no such key."""
    location = tuple(detail["loc"])
    if location[:1] == ("local_sections",) and len(location) >= 2:
        if detail["type"] in ("union_tag_invalid", "union_tag_not_found"):
            return (*location[:2], "shape")
        if len(location) >= 3 and location[2] in LOCAL_SHAPES:
            return (*location[:2], *location[3:])
    return location


def _problems(detail: Mapping[str, Any]) -> Iterator[Problem]:
    location = _location(detail)
    if detail["type"] == "guide_rules":
        # The guide's own rules (unique ids, placed sections) say where each problem is.
        for where, message in detail["ctx"]["problems"]:
            yield Problem(json_path((*location, *where)), message)
        return
    if not _is_echo(detail):
        yield Problem(json_path(location), _message(detail))


def validation_problems(error: ValidationError) -> list[Problem]:
    """Every problem pydantic found, located, in the order found."""
    return [problem for detail in error.errors(include_url=False) for problem in _problems(detail)]
