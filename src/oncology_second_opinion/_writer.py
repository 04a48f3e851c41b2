"""The writer protocol: what a module must provide to add an output format.

A writer has a ``name`` (the format ``render`` and the CLI's ``--format`` take), an ``options``
type (a frozen dataclass whose fields are the format's own options, each with a default, that
checks its values when built) and ``write(outline, options)``. ``render`` lays out the guide or
handout (sections, heading level) and hands the outline to the writer; the registry in
:mod:`._writers` is the one place formats are listed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from ._errors import RenderOptionError
from ._outline import Outline

OptionsT = TypeVar("OptionsT")


class Writer(Protocol[OptionsT]):
    """One output format."""

    @property
    def name(self) -> str:
        """The format's name, such as ``"html"``."""
        ...

    @property
    def options(self) -> type[OptionsT]:
        """The format's options: a frozen dataclass, built from keyword arguments, that checks
        their values (raising :class:`RenderOptionError`). Its fields are made with
        :func:`option`."""
        ...

    def write(self, outline: Outline, options: OptionsT, /) -> str:
        """The outline in this format, ending with one newline."""
        ...


def option_error(option: str, message: str, valid: Sequence[str] = ()) -> RenderOptionError:
    """The error for a refused option value."""
    return RenderOptionError(message, option=option, valid=tuple(valid))


def option(
    default: Any, help: str, parse: Callable[[str], Any] | None = None, metavar: str = "VALUE"
) -> Any:
    """A field of an options dataclass: its default, its help on the command line, and how the
    command line turns the flag's text (shown as ``metavar``) into a value; ``parse`` is None for
    a yes/no option, a flag that takes no value."""
    return field(default=default, metadata={"help": help, "parse": parse, "metavar": metavar})


@dataclass(frozen=True)
class NoOptions:
    """The options of a format that has none of its own."""
