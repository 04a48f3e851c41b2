"""Reading guides: the packaged locales (lazily, cached) and integrators' own content files.

One path for every input: decode (:mod:`._decode`), validate (the models), explain
(:mod:`._messages`).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Mapping
from importlib.resources import files
from typing import Any

from pydantic import ValidationError

from ._decode import MAX_CONTENT_BYTES, decode, inspect
from ._errors import ContentError, Problem, UnknownLocaleError
from ._fields import check_schema_version
from ._messages import validation_problems
from ._models import Guide

_DATA_PACKAGE = "oncology_second_opinion.data"


def _validate(document: Any) -> Guide:
    """Validate a decoded document, reporting every problem with its location."""
    if not isinstance(document, Mapping):
        raise ContentError([Problem("$", "must be a JSON object holding a guide")])
    problems, document = inspect(document)
    version = document.get("schema_version")
    if isinstance(version, str):
        try:
            check_schema_version(version)
        except ValueError as error:
            # Other problems in a file of another format version would only be noise.
            raise ContentError([Problem("$.schema_version", str(error))]) from None
    try:
        guide = Guide.model_validate(document)
    except ValidationError as error:
        problems.extend(validation_problems(error))
        if not problems:  # every error echoed another, which cannot be shown alone
            problems.append(Problem("$", "is not a valid guide"))
    if problems:
        raise ContentError(problems)
    return guide


def _parse(data: str | bytes | Mapping[str, Any], source: str | None) -> Guide:
    if not isinstance(data, str | bytes | Mapping):
        raise TypeError(f"expected JSON text, bytes or a mapping, not {type(data).__name__}")
    try:
        return _validate(decode(data) if isinstance(data, str | bytes) else data)
    except ContentError as error:
        raise ContentError(error.problems, source) from None


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
    manifest = json.loads(_read_resource("manifest.json"))
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

    Guides are immutable, so every caller shares the cached one; :func:`clear_cache` forgets it.
    Raises :class:`UnknownLocaleError` (a :class:`LookupError`) naming the available locales.
    """
    return _load_packaged(locale)


def clear_cache() -> None:
    """Forget every packaged guide read so far; the next :func:`load_guide` reads the data again."""
    _load_packaged.cache_clear()
    _manifest.cache_clear()
