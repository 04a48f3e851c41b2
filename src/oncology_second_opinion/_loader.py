"""Reading guides: the packaged locales (lazily, cached) and integrators' own content files.

One path for every input: decode (:mod:`._decode`), validate (the models), explain
(:mod:`._messages`).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import stat
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any, NamedTuple

from pydantic import ValidationError

from ._adaptation import map_problems
from ._decode import MAX_CONTENT_BYTES, decode, inspect
from ._errors import (
    ContentError,
    Problem,
    UnknownEditionError,
    UnknownLocaleError,
    printable,
    wrong_type,
)
from ._fields import check_schema_version
from ._messages import validation_problems
from ._models import STANDARD, Guide

_DATA_PACKAGE = "oncology_second_opinion.data"
# Threads that load the same guide for the first time at once get the one cached object: the
# cache alone would let each of them parse and return its own.
_PACKAGED_LOCK = threading.RLock()


def _validate(document: Any, *, decoded: bool) -> Guide:
    """Validate a document, reporting every problem with its location; one not ``decoded`` from
    text is held to the size limit of a file by measuring it."""
    if not isinstance(document, Mapping):
        raise ContentError([Problem("$", "must be a JSON object holding a guide")])
    problems, document = inspect(document, measure=not decoded)
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
    else:
        problems.extend(map_problems(guide))
    if problems:
        raise ContentError(problems)
    return guide


def _parse(data: str | bytes | Mapping[str, Any], source: str | None) -> Guide:
    if not isinstance(data, str | bytes | Mapping):
        raise wrong_type("parse_guide", "data", "JSON text, UTF-8 bytes or a mapping", data)
    try:
        if isinstance(data, str | bytes):
            return _validate(decode(data), decoded=True)
        return _validate(data, decoded=False)
    except ContentError as error:
        raise ContentError(error.problems, source) from None


def parse_guide(data: str | bytes | Mapping[str, Any]) -> Guide:
    """Validate a guide given as JSON text, UTF-8 bytes or an already decoded mapping.

    The size limit of a content file holds for each: a mapping is refused when, written as
    compact JSON, it would be larger than the limit.

    Raises :class:`ContentError` listing every problem at once, each with its JSON path.
    """
    return _parse(data, None)


def load_guide_file(path: str | os.PathLike[str]) -> Guide:
    """Read and validate a guide from a JSON file (a translation, a local edition).

    Raises :class:`ContentError` for invalid content, :class:`OSError` if the file cannot be read
    or is not a regular file (a folder, a FIFO, a device), :class:`ValueError` for a path holding
    a NUL character, which no file name can hold.
    """
    # An int would be taken as an open file descriptor, and closed after reading.
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        raise wrong_type("load_guide_file", "path", "a str or os.PathLike path", path)
    return _parse(read_content_file(name), name)


def read_content_file(name: str) -> bytes:
    """The bytes of the content file ``name``, read no further than one byte past the size limit.

    Raises :class:`OSError` if it cannot be read or is not a regular file, :class:`ValueError` for
    a name holding a NUL character.
    """
    if "\0" in name:
        raise ValueError(f"load_guide_file() path holds a NUL character: {printable(name)}")
    with open(_open_regular_file(name), "rb") as handle:
        return handle.read(MAX_CONTENT_BYTES + 1)


def _open_regular_file(name: str) -> int:
    """A descriptor open for reading ``name``, refusing anything but a regular file.

    Opened without blocking: a FIFO would otherwise wait for a writer before it could be refused.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # POSIX; Windows has no FIFOs to wait on
    descriptor = os.open(name, os.O_RDONLY | nonblocking | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), name)
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, "not a regular file (a FIFO, a device or a socket)", name)
        if nonblocking:
            os.set_blocking(descriptor, True)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _read_resource(name: str) -> bytes:
    return (files(_DATA_PACKAGE) / name).read_bytes()


@dataclass(frozen=True)
class Edition:
    """One packaged guide: its ``locale`` and ``edition`` (such as ``"en"`` and ``"plain"``),
    the edition's display ``name`` in its own language, its ``content_version`` and
    ``review_status`` (as its content states them), and its measured ``reading_grade``: the
    Flesch-Kincaid grade of its body text, for English editions; None where it is not measured
    (the formula is made for English)."""

    locale: str
    edition: str
    name: str
    content_version: str
    review_status: str
    reading_grade: float | None


class _Packaged(NamedTuple):
    file: str
    name: str
    reading_grade: float | None


@functools.cache
def _manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(_read_resource("manifest.json"))
    return manifest


def _editions(locale: str) -> dict[str, _Packaged]:
    """The packaged editions of ``locale``, in the manifest's order, standard first."""
    locales = _manifest()["locales"]
    if locale not in locales:
        raise UnknownLocaleError(locale, sorted(locales))
    return {
        edition: _Packaged(entry["file"], entry["name"], entry.get("reading_grade"))
        for edition, entry in locales[locale]["editions"].items()
    }


def default_locale() -> str:
    """The locale the manifest names as the default, the one :func:`load_guide` reads unasked."""
    with _PACKAGED_LOCK:
        locale: str = _manifest()["default_locale"]
        return locale


def available_locales() -> tuple[str, ...]:
    """The locales of the packaged guides, sorted."""
    with _PACKAGED_LOCK:
        return tuple(sorted(_manifest()["locales"]))


def available_editions() -> tuple[Edition, ...]:
    """Every packaged guide, by locale (sorted) and then edition (the standard edition first).

    Reads each guide it lists, once: its content version and review status are the content's.
    """
    with _PACKAGED_LOCK:
        return tuple(
            Edition(
                locale=locale,
                edition=edition,
                name=packaged.name,
                content_version=(guide := _load_packaged(locale, edition)).content_version,
                review_status=guide.review.status,
                reading_grade=packaged.reading_grade,
            )
            for locale in available_locales()
            for edition, packaged in _editions(locale).items()
        )


@functools.cache
def _load_packaged(locale: str, edition: str) -> Guide:
    editions = _editions(locale)
    if edition not in editions:
        raise UnknownEditionError(locale, edition, tuple(editions))
    name = editions[edition].file
    return _parse(_read_resource(name), f"packaged {name}")


def load_guide(locale: str = "en", edition: str = STANDARD) -> Guide:
    """Return the packaged guide for ``locale`` in ``edition``, parsed on first use and cached.

    The ``"standard"`` edition (the default) is the guide's source wording; English also has
    ``"plain"``, the plain-language edition. :func:`available_editions` lists them all.

    Guides are immutable, so every caller shares the cached one, threads that ask at the same
    time included; :func:`clear_cache` forgets it. Raises :class:`UnknownLocaleError` naming the
    available locales, or :class:`UnknownEditionError` naming the locale's editions (both
    :class:`LookupError`).
    """
    if not isinstance(locale, str):
        raise wrong_type("load_guide", "locale", "a locale string such as 'en'", locale)
    if not isinstance(edition, str):
        raise wrong_type("load_guide", "edition", "an edition name such as 'plain'", edition)
    with _PACKAGED_LOCK:
        return _load_packaged(locale, edition)


def clear_cache() -> None:
    """Forget every packaged guide read so far; the next :func:`load_guide` reads the data again."""
    with _PACKAGED_LOCK:
        _load_packaged.cache_clear()
        _manifest.cache_clear()
