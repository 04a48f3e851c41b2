"""Helpers shared by the export tests."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any

from markdown_it import MarkdownIt

# Fields whose strings are not reader-facing text: kept as they are when text is replaced.
_NOT_TEXT = {
    "schema_version",
    "locale",
    "language",
    "content_version",
    "status",
    "id",
    "url",
    "message_number",
    "gsm7_replacements",
}


def string_leaves(value: Any, path: str = "$") -> Iterator[tuple[str, str]]:
    """Every string in a JSON value, keys excluded, with its JSON path."""
    if isinstance(value, dict):
        for key, child in value.items():
            yield from string_leaves(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from string_leaves(child, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def with_marked_text(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of a guide document whose every text field is a distinct marker like '«12»'."""
    marked = copy.deepcopy(document)
    counter = iter(range(10_000))

    def mark(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: child if key in _NOT_TEXT else mark(child) for key, child in node.items()}
        if isinstance(node, list):
            return [mark(child) for child in node]
        return f"«{next(counter)}»" if isinstance(node, str) else node

    return {key: value if key in _NOT_TEXT else mark(value) for key, value in marked.items()}


def markdown_text(source: str) -> str:
    """The text a CommonMark reader finds in Markdown that should be one paragraph of text."""
    tokens = MarkdownIt("commonmark").parse(source)
    assert [token.type for token in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {child.type for child in children} <= {"text"}, children
    return "".join(child.content for child in children)


def one_line(text: str) -> str:
    """Valid text as Markdown keeps it in one paragraph: each run of spaces and line feeds that
    is more than one plain space made one space."""
    return re.sub(r"\n[ \n]*| [ \n]+", " ", text)
