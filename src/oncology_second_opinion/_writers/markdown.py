"""Markdown writer: CommonMark, plus GitHub-flavoured task list items for checklists.

A handout's questions are a loose task list, each item followed by a paragraph with a line of
underscores to write the answer on. Where a renderer shows task list markers literally, an item
still reads as ``[ ] text``, a box to tick.

Text and link destinations are escaped by context, in :mod:`.markdown_escape`.
"""

from __future__ import annotations

from .._fields import safe_link
from .._outline import (
    AnswerList,
    Block,
    BulletList,
    Checklist,
    Facts,
    Heading,
    Inline,
    Link,
    NumberedList,
    Outline,
    Paragraph,
    Run,
    unreachable,
)
from .._writer import NoOptions
from .markdown_escape import destination, escape, fold, inline, line_start

__all__ = ["ANSWER_RULE", "WRITER", "MarkdownWriter", "escape"]

#: Underscores drawn after an answer caption, as a line to write the answer on.
ANSWER_RULE = 32


def _pieces(inlines: tuple[Inline, ...]) -> list[str | Link]:
    """A line's links, and its text between them: adjacent runs joined, whitespace folded, the
    line's ends stripped. Whitespace at the ends of a link's text stays inside its brackets, where
    it still separates the link from the words around it."""
    pieces: list[str | Link] = []
    for item in inlines:
        match item:
            case Link():
                pieces.append(item)
            case Run() if pieces and isinstance(pieces[-1], str):
                pieces[-1] += item.text
            case Run():
                pieces.append(item.text)
            case _:
                unreachable(item)
    pieces = [fold(piece) if isinstance(piece, str) else piece for piece in pieces]
    if pieces and isinstance(pieces[0], str):
        pieces[0] = pieces[0].lstrip()
    if pieces and isinstance(pieces[-1], str):
        pieces[-1] = pieces[-1].rstrip()
    return [piece for piece in pieces if piece != ""]


def _line(inlines: tuple[Inline, ...]) -> str:
    """Inlines as one line of Markdown; links are the only markup."""
    pieces = _pieces(inlines)
    parts: list[str] = []
    for position, piece in enumerate(pieces):
        if isinstance(piece, Link):
            label = inline(fold(piece.text), "[", "]")
            parts.append(f"[{label}]({destination(safe_link(piece.url))})")
        else:
            before = ")" if position else ""
            after = "[" if position + 1 < len(pieces) else ""
            parts.append(inline(piece, before, after))
    return "".join(parts)


def _heading(level: int, text: str) -> str:
    escaped = inline(fold(text).strip())
    if escaped.endswith("#"):  # would be read as the heading's closing sequence
        escaped = escaped[:-1] + "\\#"
    return "#" * level + (" " + escaped if escaped else "")


def _item(text: str) -> str:
    """A task list item's text: after the box, nothing can start a block."""
    return inline(fold(text).strip())


def _block(block: Block) -> str:
    match block:
        case Heading():
            return _heading(block.level, block.text)
        case Paragraph():
            return line_start(_line(block.inlines))
        case BulletList():
            return "\n".join("- " + line_start(_line(item)) for item in block.items)
        case NumberedList():
            return "\n".join(
                f"{number}. " + line_start(_line(item))
                for number, item in enumerate(block.items, 1)
            )
        case Checklist():
            return "\n".join("- [ ] " + _item(item) for item in block.items)
        case AnswerList():
            # A loose task list: each question, then an indented paragraph with a line to write on.
            answer = escape(block.answer + block.separator) + " " + inline("_" * ANSWER_RULE)
            return "\n\n".join(f"- [ ] {_item(item)}\n\n  {answer}" for item in block.items)
        case Facts():
            return "\n\n".join(
                escape(fact.label + block.separator + fact.value) for fact in block.items
            )
        case _:
            return unreachable(block)


class MarkdownWriter:
    """CommonMark with GitHub-flavoured task lists."""

    name = "markdown"
    options = NoOptions

    def write(self, outline: Outline, options: NoOptions, /) -> str:
        return "\n\n".join(_block(block) for block in outline.blocks) + "\n"


WRITER = MarkdownWriter()
