"""Plain-text writer: for a terminal, an email or an SMS thread.

Headings are underlined, lists carry bullets, checklists an empty box, links are written out as
their URL after the text. Lines wrap at ``width`` without ever breaking a URL or a word; with
``width=None`` every block is one line, for systems that wrap text themselves.
"""

from __future__ import annotations

import re
import textwrap

from ..fields import check_url, showable
from ..outline import (
    LABEL_SEPARATOR,
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

#: Narrowest wrap width accepted: room for a list marker and a word.
MIN_WIDTH = 20
#: Default wrap width: comfortable in a terminal and in a plain-text email.
DEFAULT_WIDTH = 72

BULLET = "• "
BOX = "☐ "
#: Written between a link's text and its URL, as the guide's own source list does.
URL_SEPARATOR = " — "
#: Underline character of headings of level 1 to 6.
UNDERLINES = "=-~^+."

# ASCII whitespace and Unicode's line and paragraph separators, which many readers break lines at.
_WHITESPACE = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def escape(text: str) -> str:
    """Plain text needs no escaping; runs of whitespace (line breaks, U+2028 and U+2029 included)
    become one space.

    A line break inside content would otherwise break the layout of lists and headings. Control
    characters (ANSI escape sequences included), bidi controls and lone surrogates, which text
    validation refuses, never reach the output (see
    :func:`~oncology_second_opinion.fields.showable`).
    """
    return _WHITESPACE.sub(" ", showable(text))


def _link(link: Link) -> str:
    try:
        check_url(link.url)
    except ValueError as error:
        raise ValueError(f"refusing to write a link to {link.url!r}: it {error}") from None
    return f"{link.text}{URL_SEPARATOR}{link.url}"


def _inlines(inlines: tuple[Inline, ...]) -> str:
    text = "".join(_link(inline) if isinstance(inline, Link) else inline.text for inline in inlines)
    return escape(text).strip()


class _Wrapper:
    def __init__(self, width: int | None) -> None:
        self.width = width

    def lines(self, text: str, first: str = "", rest: str = "") -> list[str]:
        if self.width is None or not text:
            return [first + text]
        return textwrap.wrap(
            text,
            width=self.width,
            initial_indent=first,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        )


def _heading(level: int, text: str, wrap: _Wrapper) -> list[str]:
    lines = wrap.lines(escape(text).strip())
    underline = UNDERLINES[min(level, len(UNDERLINES)) - 1]
    return [*lines, underline * max(len(line) for line in lines)]


def _items(items: list[str], marker: str, wrap: _Wrapper) -> list[str]:
    indent = " " * len(marker)
    return [line for item in items for line in wrap.lines(item, marker, indent)]


def _block(block: Block, wrap: _Wrapper) -> list[str]:
    if isinstance(block, Heading):
        return _heading(block.level, block.text, wrap)
    if isinstance(block, Paragraph):
        return wrap.lines(_inlines(block.inlines))
    if isinstance(block, BulletList):
        return _items([_inlines(item) for item in block.items], BULLET, wrap)
    if isinstance(block, Checklist):
        return _items([escape(item).strip() for item in block.items], BOX, wrap)
    if isinstance(block, Facts):
        facts = [escape(fact.label + LABEL_SEPARATOR + fact.value).strip() for fact in block.items]
        return [line for fact in facts for line in wrap.lines(fact)]
    if isinstance(block, Contents):
        entries = [escape(entry.text).strip() for entry in block.entries]
        return [*_heading(block.level, block.caption, wrap), "", *_items(entries, BULLET, wrap)]
    raise TypeError(f"no plain text for block {type(block).__name__}")


def write(outline: Outline, width: int | None = DEFAULT_WIDTH) -> str:
    """The outline as plain text wrapped at ``width`` (or not at all), ending with one newline."""
    wrap = _Wrapper(width)
    return "\n\n".join("\n".join(_block(block, wrap)) for block in outline.blocks) + "\n"
