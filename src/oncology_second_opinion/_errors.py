"""Exceptions that keep their data: every problem with its JSON path, every lookup with its key."""

import json
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple, TypeVar

_Error = TypeVar("_Error", bound=BaseException)


def printable(text: str) -> str:
    """``text`` safe for a terminal or a log line: every character that is not printable (controls,
    escape sequences, line breaks, bidi controls, lone surrogates) written as a backslash escape."""
    if text.isprintable():
        return text
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape", "backslashreplace").decode()
        for char in text
    )


def wrong_type(function: str, parameter: str, expected: str, value: object) -> TypeError:
    """The error for an argument of the wrong type, naming the parameter and what it accepts."""
    return TypeError(f"{function}() {parameter} must be {expected}, not {type(value).__name__}")


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


class Problem(NamedTuple):
    """One problem in a content file: where it is, and what to do about it.

    Immutable, and ordered by path then message; it unpacks as ``path, message``.
    """

    path: str
    """JSON path of the offending value, such as ``$.records.items[2].label``."""
    message: str
    """What is wrong, written for a content editor."""

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _restore(cls: type[_Error], args: tuple[Any, ...], state: dict[str, Any]) -> _Error:
    """An exception rebuilt from its message and attributes, without calling ``__init__``."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class _KeepsAttributes(Exception):
    """Pickled and copied with its attributes: the default rebuilds an exception by calling it
    with its message alone, which fails for one whose constructor takes more, and a
    :mod:`multiprocessing` pool then waits forever for the worker's result."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class ContentError(_KeepsAttributes, ValueError):
    """A content file is not a valid guide. ``problems`` lists every problem found, at once: every
    field's, or, once every field is valid, every break of the rules across a guide (ids unique,
    local sections placed)."""

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.source = source
        count = len(self.problems)
        where = f" in {printable(source)}" if source else ""
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun}{where}:\n{lines}")


class UnknownLocaleError(_KeepsAttributes, LookupError):
    """No packaged guide exists for the requested locale."""

    def __init__(self, locale: str, available: Sequence[str]) -> None:
        self.locale = locale
        self.available: tuple[str, ...] = tuple(available)
        super().__init__(
            f"no packaged guide for locale {locale!r}; available locales: "
            f"{', '.join(self.available)}. For your own content, use load_guide_file(path)."
        )

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownEditionError(_KeepsAttributes, LookupError):
    """The packaged guides of a locale have no edition of the requested name. ``available``
    lists the editions that locale has."""

    def __init__(self, locale: str, edition: str, available: Sequence[str]) -> None:
        self.locale = locale
        self.edition = edition
        self.available: tuple[str, ...] = tuple(available)
        super().__init__(
            f"no edition {edition!r} of the packaged guide for locale {locale!r}; available "
            f"editions: {', '.join(self.available)}"
        )

    def __str__(self) -> str:
        return str(self.args[0])


class RenderOptionError(_KeepsAttributes, ValueError):
    """A render format or option is unknown, or an option's value is not valid; also an option of
    an export such as :func:`~oncology_second_opinion.to_fhir_questionnaire`'s ``url``.

    ``option`` names the offending option (``"format"`` for the format itself) and ``valid`` lists
    the accepted names or values, where there is a fixed list.
    """

    def __init__(self, message: str, *, option: str, valid: Sequence[str] = ()) -> None:
        self.option = option
        self.valid: tuple[str, ...] = tuple(valid)
        super().__init__(message)


class SelectionError(_KeepsAttributes, ValueError):
    """A handout selection names an unknown or repeated id, or an own question is not valid.

    ``field`` names the offending argument of :func:`~oncology_second_opinion.build_handout`
    (``"indications"``, ``"records_on_hand"``, ``"questions"``, ``"own_questions"`` or
    ``"treatment_starts_soon"``), ``value`` is the offending value, and ``valid`` lists the
    accepted ids where there is a fixed list.
    """

    def __init__(
        self, message: str, *, field: str, value: object = None, valid: Sequence[str] = ()
    ) -> None:
        self.field = field
        self.value = value
        self.valid: tuple[str, ...] = tuple(valid)
        super().__init__(message)


class ResponseError(_KeepsAttributes, ValueError):
    """A FHIR QuestionnaireResponse is not an answer to the guide's Questionnaire, so it cannot
    become a handout.

    ``path`` is the JSON path of the offending part of the response, such as
    ``$.item[2].item[1].answer[0].valueCoding.code``; the message starts with it.
    """

    def __init__(self, message: str, *, path: str) -> None:
        self.path = path
        super().__init__(f"{path}: {message}")
