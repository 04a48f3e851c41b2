"""Markdown writer: CommonMark, plus GitHub-flavoured task list items for checklists.

A handout's questions are a loose task list, each item followed by a paragraph with a line of
(escaped) underscores to write the answer on.

All text is escaped by :func:`escape`: every ASCII punctuation character gets a backslash, so no
character of the content can become markup, whatever the content file says.
"""

from __future__ import annotations

import re
import string

from ..fields import check_link, showable
from ..outline import (
    LABEL_SEPARATOR,
    AnswerList,
    Block,
    BulletList,
    Checklist,
    Contents,
    Facts,
    Heading,
    Inline,
    Link,
    Outline,
    Paragraph,
)

#: Underscores drawn after an answer caption, as a line to write the answer on.
ANSWER_RULE = 32

_PUNCTUATION = re.compile(f"[{re.escape(string.punctuation)}]")
# Only what needs changing: a run of two or more, or any whitespace other than a plain space. Rare
# in content, so left for ``re`` to compile on first use.
_WHITESPACE = r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+"


def _backslash(match: re.Match[str]) -> str:
    return "\\" + match.group()


def escape(text: str) -> str:
    """Text as Markdown that parses back to itself, with runs of whitespace made one space.

    Whitespace is folded because a line break or indentation inside a block could otherwise end
    it or start a code block. Ends are kept, so runs of inlines can be joined; blocks strip them.
    What text validation refuses is made harmless first (see
    :func:`~oncology_second_opinion.fields.showable`).
    """
    if not text.isprintable() or "  " in text:  # printable text has no whitespace but spaces
        text = re.sub(_WHITESPACE, " ", showable(text))
    return _PUNCTUATION.sub(_backslash, text)


def _destination(url: str) -> str:
    try:
        check_link(url)
    except ValueError as error:
        raise ValueError(f"refusing to write a link to {url!r}: it {error}") from None
    # check_link rules out spaces and backslashes; escape the two characters that end <...>.
    return "<" + url.replace("<", "\\<").replace(">", "\\>") + ">"


def _line(parts: list[str]) -> str:
    """Join escaped runs into one line of a block: no leading, trailing or doubled spaces."""
    line = "".join(parts)
    if "  " in line:  # escaped runs hold no whitespace but single spaces
        line = re.sub(_WHITESPACE, " ", line)
    return line.strip()


def _inlines(inlines: tuple[Inline, ...]) -> str:
    return _line(
        [
            f"[{_line([escape(inline.text)])}]({_destination(inline.url)})"
            if isinstance(inline, Link)
            else escape(inline.text)
            for inline in inlines
        ]
    )


def _heading(level: int, text: str) -> str:
    escaped = _line([escape(text)])
    return "#" * level + (" " + escaped if escaped else "")


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return _heading(block.level, block.text)
    if isinstance(block, Paragraph):
        return _inlines(block.inlines)
    if isinstance(block, BulletList):
        return "\n".join("- " + _inlines(item) for item in block.items)
    if isinstance(block, Checklist):
        return "\n".join("- [ ] " + _line([escape(item)]) for item in block.items)
    if isinstance(block, AnswerList):
        # A loose task list: each question, then an indented paragraph with a line to write on.
        answer = _line([escape(block.answer + LABEL_SEPARATOR)]) + " " + escape("_" * ANSWER_RULE)
        return "\n\n".join(f"- [ ] {_line([escape(item)])}\n\n  {answer}" for item in block.items)
    if isinstance(block, Facts):
        facts = (escape(fact.label + LABEL_SEPARATOR + fact.value) for fact in block.items)
        return "\n\n".join(_line([fact]) for fact in facts)
    if isinstance(block, Contents):
        entries = "\n".join("- " + _line([escape(entry.text)]) for entry in block.entries)
        return _heading(block.level, block.caption) + "\n\n" + entries
    raise TypeError(f"no Markdown for block {type(block).__name__}")


def write(outline: Outline) -> str:
    """The outline as a Markdown document, ending with one newline."""
    return "\n\n".join(_block(block) for block in outline.blocks) + "\n"
