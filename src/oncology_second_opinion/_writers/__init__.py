"""The registry of output formats: one writer module each, listed here once.

Adding a format is a module that provides a :class:`~oncology_second_opinion._writer.Writer` and
one entry below; ``render``, its option checks and the CLI's ``--format`` and option flags all
come from this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from .._writer import Writer
from . import html, markdown, text

#: Every output format by name, in the order the documentation lists them.
WRITERS: Mapping[str, Writer[Any]] = MappingProxyType(
    {writer.name: writer for writer in (markdown.WRITER, html.WRITER, text.WRITER)}
)
