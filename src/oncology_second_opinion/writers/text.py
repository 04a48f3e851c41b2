"""Plain-text writer: for a terminal, an email or an SMS thread.

Headings are underlined, lists carry bullets, checklists an empty box, links are written out as
their URL after the text. Lines wrap at ``width`` without ever breaking a URL or a word; with
``width=None`` every block is one line, for systems that wrap text themselves. A handout's
questions get two lines of underscores under them, the first after the answer caption, to write
the answer on.
"""

from __future__ import annotations

import functools
import re

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

#: Narrowest wrap width accepted: room for a list marker and a word.
MIN_WIDTH = 20
#: Default wrap width: comfortable in a terminal and in a plain-text email.
DEFAULT_WIDTH = 72

BULLET = "• "
BOX = "☐ "
#: Drawn after an answer caption, and as a second line under it, to write the answer on.
RULE = "_"
#: Length of an answer line when text is not wrapped (``width=None``).
UNWRAPPED_RULE = 40
#: Fewest underscores worth drawing after an answer caption on the same line.
MIN_RULE = 8
#: Written between a link's text and its URL, as the guide's own source list does.
URL_SEPARATOR = " — "
#: Underline character of headings of level 1 to 6.
UNDERLINES = "=-~^+."

# Only what needs changing: a run of two or more, or any whitespace other than a plain space.
# U+2028 and U+2029 are line breaks too: left in, they would start a new line. Rare in content,
# so left for ``re`` to compile on first use.
_WHITESPACE = r"[\t\n\r\f\v\u2028\u2029][ \t\n\r\f\v\u2028\u2029]*| [ \t\n\r\f\v\u2028\u2029]+"


def escape(text: str) -> str:
    """Plain text needs no escaping; runs of whitespace (line breaks, U+2028 and U+2029 included)
    become one space.

    A line break inside content would otherwise break the layout of lists and headings. Control
    characters (ANSI escape sequences included), bidi controls and lone surrogates, which text
    validation refuses, never reach the output (see
    :func:`~oncology_second_opinion.fields.showable`).
    """
    if text.isprintable() and "  " not in text:  # printable text has no whitespace but spaces
        return text
    return re.sub(_WHITESPACE, " ", showable(text))


def _link(link: Link) -> str:
    try:
        check_link(link.url)
    except ValueError as error:
        raise ValueError(f"refusing to write a link to {link.url!r}: it {error}") from None
    return f"{link.text}{URL_SEPARATOR}{link.url}"


def _inlines(inlines: tuple[Inline, ...]) -> str:
    text = "".join(_link(inline) if isinstance(inline, Link) else inline.text for inline in inlines)
    return escape(text).strip()


@functools.lru_cache(maxsize=16)
def _line_pattern(room: int) -> re.Pattern[str]:
    """Greedy filling as one regular expression: the longest run of words that fits in ``room``
    characters, or else one word longer than that (a URL), kept whole."""
    return re.compile(f"(?:(.{{1,{room}}})|([^ ]+))(?: |$)")


class _Wrapper:
    def __init__(self, width: int | None) -> None:
        self.width = width

    def lines(self, text: str, first: str = "", rest: str = "") -> list[str]:
        """``text`` (one space between words) in lines of at most ``width`` characters, the first
        starting with ``first`` and the others with ``rest``, which is as long."""
        if self.width is None or not text or len(text) <= self.width - len(first):
            return [first + text]
        pattern = _line_pattern(max(self.width - len(first), 1))
        runs = [fits or whole for fits, whole in pattern.findall(text)]
        return [first + runs[0], *(rest + run for run in runs[1:])]


def _heading(level: int, text: str, wrap: _Wrapper) -> list[str]:
    lines = wrap.lines(escape(text).strip())
    underline = UNDERLINES[min(level, len(UNDERLINES)) - 1]
    return [*lines, underline * max(len(line) for line in lines)]


def _items(items: list[str], marker: str, wrap: _Wrapper) -> list[str]:
    indent = " " * len(marker)
    return [line for item in items for line in wrap.lines(item, marker, indent)]


def _answers(block: AnswerList, wrap: _Wrapper) -> list[str]:
    """Each question after a box, then its caption with lines to write the answer on."""
    indent = " " * len(BOX)
    lines: list[str] = []
    for item in block.items:
        lines.extend(wrap.lines(escape(item).strip(), BOX, indent))
        caption = wrap.lines(escape(block.answer + LABEL_SEPARATOR).strip(), indent, indent)
        width = UNWRAPPED_RULE + len(indent) if wrap.width is None else wrap.width
        room = width - len(caption[-1]) - 1
        if room >= MIN_RULE:
            caption[-1] += " " + RULE * room
        else:
            caption.append(indent + RULE * (width - len(indent)))
        lines.extend([*caption, indent + RULE * (width - len(indent))])
    return lines


def _block(block: Block, wrap: _Wrapper) -> list[str]:
    if isinstance(block, Heading):
        return _heading(block.level, block.text, wrap)
    if isinstance(block, Paragraph):
        return wrap.lines(_inlines(block.inlines))
    if isinstance(block, BulletList):
        return _items([_inlines(item) for item in block.items], BULLET, wrap)
    if isinstance(block, Checklist):
        return _items([escape(item).strip() for item in block.items], BOX, wrap)
    if isinstance(block, AnswerList):
        return _answers(block, wrap)
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
