"""Plain-text writer: for a terminal, an email or an SMS thread.

Headings are underlined, lists carry bullets, checklists an empty box, links are written out as
their URL after the text. Lines wrap at ``width`` without ever breaking a URL or a word; with
``width=None`` every block is one line, for systems that wrap text themselves. A handout's
questions get two lines of underscores under them, the first after the answer caption, to write
the answer on.

``compact`` is for chat and text messages: the header on one line, then each block on a line of
its own, with no underlines, blank lines or answer lines, and no wrapping. ``gsm7`` writes
typographic characters the plain way the GSM-7 SMS alphabet can carry (see :mod:`.._sms`).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

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
    NumberedList,
    Outline,
    Paragraph,
    Run,
    unreachable,
)
from .._sms import GSM7_REPLACEMENTS, plain_for_gsm7
from .._writer import option, option_error

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
#: Underline character of headings of level 1 to 6.
UNDERLINES = "=-~^+."

# A run of two or more whitespace characters, or any whitespace other than a plain space.
# U+2028 and U+2029 are line breaks too: left in, they would start a new line.
_WHITESPACE = r"[\t\n\r\f\v\u2028\u2029][ \t\n\r\f\v\u2028\u2029]*| [ \t\n\r\f\v\u2028\u2029]+"


def escape(text: str) -> str:
    """Plain text needs no escaping; runs of whitespace (line breaks, U+2028 and U+2029 included)
    become one space.

    A line break inside content would otherwise break the layout of lists and headings. Control
    characters (ANSI escape sequences included), bidi controls and lone surrogates, which text
    validation refuses, never reach the output (see
    :func:`~oncology_second_opinion._fields.showable`).
    """
    if text.isprintable() and "  " not in text:  # printable text has no whitespace but spaces
        return text
    return re.sub(_WHITESPACE, " ", showable(text))


def _width_is_valid(width: object) -> bool:
    return width is None or (
        isinstance(width, int) and not isinstance(width, bool) and width >= MIN_WIDTH
    )


def _parse_width(text: str) -> int | None:
    """The command line's ``--width``: a number, or ``none`` (in any case) not to wrap."""
    if text.lower() == "none":
        return None
    width = int(text) if text.isascii() and text.isdigit() else None
    if width is None or not _width_is_valid(width):
        raise ValueError(
            f"must be a number of at least {MIN_WIDTH}, or 'none' not to wrap; not {text!r}"
        )
    return width


@dataclass(frozen=True)
class TextOptions:
    """Options of the plain-text format."""

    width: int | None = option(
        DEFAULT_WIDTH,
        f"wrap lines at N characters (default: {DEFAULT_WIDTH}), or 'none' not to wrap",
        parse=_parse_width,
        metavar="N",
    )

    compact: bool = option(
        False,
        "for chat and text messages: the header on one line, no underlines, blank lines or "
        "answer lines, no wrapping (the width is not used)",
    )
    gsm7: bool = option(
        False,
        "write typographic characters (’ — • ☐) the plain way the GSM-7 SMS alphabet can carry",
    )

    def __post_init__(self) -> None:
        for name in ("compact", "gsm7"):
            if not isinstance(getattr(self, name), bool):
                raise option_error(
                    name, f"{name} must be True or False, not {getattr(self, name)!r}"
                )
        width = self.width
        if not _width_is_valid(width):
            raise option_error(
                "width", f"width must be None or an integer of at least {MIN_WIDTH}, not {width!r}"
            )


class _Wrapper:
    def __init__(self, width: int | None) -> None:
        self.width = width

    def lines(self, text: str, first: str = "", rest: str = "") -> list[str]:
        """``text`` (one space between words) in lines of at most ``width`` characters, the first
        starting with ``first`` and the others with ``rest``, which is as long. A word longer
        than a line (a URL) is kept whole on a line of its own."""
        if self.width is None or not text or len(text) <= self.width - len(first):
            return [first + text]
        # Greedy filling: the longest run of words that fits in ``room``, or else one word.
        room = max(self.width - len(first), 1)
        runs = [
            fits or whole for fits, whole in re.findall(f"(?:(.{{1,{room}}})|([^ ]+))(?: |$)", text)
        ]
        return [first + runs[0], *(rest + run for run in runs[1:])]


def _inline(inline: Inline, url_separator: str) -> str:
    match inline:
        case Run():
            return inline.text
        case Link():
            return f"{inline.text}{url_separator}{safe_link(inline.url)}"
        case _:
            return unreachable(inline)


def _heading(level: int, text: str, wrap: _Wrapper) -> list[str]:
    lines = wrap.lines(escape(text).strip())
    underline = UNDERLINES[min(level, len(UNDERLINES)) - 1]
    return [*lines, underline * max(len(line) for line in lines)]


def _items(items: list[str], marker: str, wrap: _Wrapper) -> list[str]:
    indent = " " * len(marker)
    return [line for item in items for line in wrap.lines(item, marker, indent)]


def _numbered(items: list[str], wrap: _Wrapper) -> list[str]:
    """Items numbered from 1, their text aligned after the widest number."""
    width = len(f"{len(items)}. ")
    return [
        line
        for number, item in enumerate(items, 1)
        for line in wrap.lines(item, f"{number}. ".ljust(width), " " * width)
    ]


def _answers(block: AnswerList, wrap: _Wrapper) -> list[str]:
    """Each question after a box, then its caption with lines to write the answer on."""
    indent = " " * len(BOX)
    width = UNWRAPPED_RULE + len(indent) if wrap.width is None else wrap.width
    lines: list[str] = []
    for item in block.items:
        lines.extend(wrap.lines(escape(item).strip(), BOX, indent))
        caption = wrap.lines(escape(block.answer + block.separator).strip(), indent, indent)
        room = width - len(caption[-1]) - 1
        if room >= MIN_RULE:
            caption[-1] += " " + RULE * room
        else:
            caption.append(indent + RULE * (width - len(indent)))
        lines.extend([*caption, indent + RULE * (width - len(indent))])
    return lines


class _Blocks:
    def __init__(self, outline: Outline, options: TextOptions) -> None:
        self.compact = options.compact
        self.wrap = _Wrapper(None if options.compact else options.width)
        self.url_separator = outline.url_separator

    def inlines(self, inlines: tuple[Inline, ...]) -> str:
        return escape("".join(_inline(inline, self.url_separator) for inline in inlines)).strip()

    def lines(self, block: Block) -> list[str]:
        wrap = self.wrap
        match block:
            case Heading() if self.compact:
                return [escape(block.text).strip()]
            case Heading():
                return _heading(block.level, block.text, wrap)
            case Paragraph():
                return wrap.lines(self.inlines(block.inlines))
            case BulletList():
                return _items([self.inlines(item) for item in block.items], BULLET, wrap)
            case NumberedList():
                return _numbered([self.inlines(item) for item in block.items], wrap)
            case Checklist():
                return _items([escape(item).strip() for item in block.items], BOX, wrap)
            case AnswerList() if self.compact:
                return _items([escape(item).strip() for item in block.items], BOX, wrap)
            case AnswerList():
                return _answers(block, wrap)
            case Facts():
                facts = [
                    escape(fact.label + block.separator + fact.value).strip()
                    for fact in block.items
                ]
                return [line for fact in facts for line in wrap.lines(fact)]
            case _:
                return unreachable(block)


class TextWriter:
    """Plain text, wrapped or one line per block."""

    name = "text"
    options = TextOptions

    def write(self, outline: Outline, options: TextOptions, /) -> str:
        if options.compact:
            return "".join(line + "\n" for line, _ in compact_lines(outline, options))
        blocks = _Blocks(outline, options)
        text = "\n\n".join("\n".join(blocks.lines(block)) for block in outline.blocks)
        return _plain(text, outline, options) + "\n"


def gsm7_replacements(outline: Outline) -> dict[str, str]:
    """The library's GSM-7 replacements, extended and overridden by the content's own."""
    return {**GSM7_REPLACEMENTS, **dict(outline.plain_forms)}


def _plain(text: str, outline: Outline, options: TextOptions) -> str:
    return plain_for_gsm7(text, gsm7_replacements(outline)) if options.gsm7 else text


def compact_lines(outline: Outline, options: TextOptions) -> list[tuple[str, bool]]:
    """The lines of the compact text, each with whether it is a heading: the header on one line
    (the title and the provenance are the outline's header blocks), then each block's lines."""
    blocks = _Blocks(outline, dataclasses.replace(options, compact=True))
    header = escape(outline.url_separator.join(outline.short_header)).strip()
    lines = [(header, False)]
    for block in outline.blocks[len(outline.header) :]:
        heading = isinstance(block, Heading)
        lines.extend((line, heading) for line in blocks.lines(block))
    if not options.gsm7:
        return lines
    replacements = gsm7_replacements(outline)
    return [(plain_for_gsm7(line, replacements), heading) for line, heading in lines]


WRITER = TextWriter()
