"""Markdown writer: CommonMark, plus GitHub-flavoured task list items for checklists.

A handout's questions are a loose task list, each item followed by a paragraph with a line of
(escaped) underscores to write the answer on.

All text is escaped by :func:`escape`: every ASCII punctuation character gets a backslash, so no
character of the content can become markup, whatever the content file says.
"""

from __future__ import annotations

import re
import string

from .._fields import safe_link, showable
from .._outline import (
    AnswerList,
    Block,
    BulletList,
    Checklist,
    Facts,
    Heading,
    Inline,
    Link,
    Outline,
    Paragraph,
    Run,
    unreachable,
)
from .._writer import NoOptions

#: Underscores drawn after an answer caption, as a line to write the answer on.
ANSWER_RULE = 32

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
# A run of two or more whitespace characters, or any whitespace other than a plain space.
_WHITESPACE = r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+"


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def escape(text: str) -> str:
    """Text as Markdown that parses back to itself, with runs of whitespace made one space.

    Whitespace is folded because a line break or indentation inside a block could otherwise end
    it or start a code block. Ends are kept, so runs of inlines can be joined; blocks strip them.
    What text validation refuses is made harmless first (see
    :func:`~oncology_second_opinion._fields.showable`).
    """
    if not text.isprintable() or "  " in text:  # printable text has no whitespace but spaces
        text = re.sub(_WHITESPACE, " ", showable(text))
    return _PUNCTUATION.sub(_backslash, text)


def _destination(url: str) -> str:
    # safe_link rules out spaces and backslashes; escape the two characters that end <...>, and
    # the ampersand, which would otherwise start an entity reference.
    destination = safe_link(url).replace("&", "\\&").replace("<", "\\<").replace(">", "\\>")
    return f"<{destination}>"


def _line(parts: list[str]) -> str:
    """Join escaped runs into one line of a block: no leading, trailing or doubled spaces."""
    line = "".join(parts)
    if "  " in line:  # escaped runs hold no whitespace but single spaces
        line = re.sub(_WHITESPACE, " ", line)
    return line.strip()


def _inline(inline: Inline) -> str:
    match inline:
        case Run():
            return escape(inline.text)
        case Link():
            # Whitespace at the ends of the link text stays inside the brackets, where it still
            # separates the link from the words around it.
            return f"[{escape(inline.text)}]({_destination(inline.url)})"
        case _:
            return unreachable(inline)


def _inlines(inlines: tuple[Inline, ...]) -> str:
    return _line([_inline(inline) for inline in inlines])


def _heading(level: int, text: str) -> str:
    escaped = _line([escape(text)])
    return "#" * level + (" " + escaped if escaped else "")


def _block(block: Block) -> str:
    match block:
        case Heading():
            return _heading(block.level, block.text)
        case Paragraph():
            return _inlines(block.inlines)
        case BulletList():
            return "\n".join("- " + _inlines(item) for item in block.items)
        case Checklist():
            return "\n".join("- [ ] " + _line([escape(item)]) for item in block.items)
        case AnswerList():
            # A loose task list: each question, then an indented paragraph with a line to write on.
            answer = (
                _line([escape(block.answer + block.separator)]) + " " + escape("_" * ANSWER_RULE)
            )
            return "\n\n".join(
                f"- [ ] {_line([escape(item)])}\n\n  {answer}" for item in block.items
            )
        case Facts():
            return "\n\n".join(
                _line([escape(fact.label + block.separator + fact.value)]) for fact in block.items
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
