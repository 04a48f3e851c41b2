"""Markdown text that reads as plain text and parses back to itself.

A character is escaped only where a parser could read it as markup there, so ordinary prose comes
out as written. The parsers that must read the output as the intended text are CommonMark,
GitHub-flavoured Markdown with bare addresses turned into links, and Python-Markdown (MkDocs) with
the extensions named in docs/integrations.md; the tests run all of them.

Each line this library writes is a block of its own (a heading, a paragraph, a list item), with
whitespace folded to single spaces. So a setext underline, an indented code block or a hard line
break cannot form, and the rules below need only look at one line. Tables are the exception:
Python-Markdown reads a table in the lines of a list, so every ``|`` is escaped.

Python-Markdown reads a backslash as an escape only before ``\\`*_{}[]()>#+-.!``. Where a
character outside that set must be neutralised, the escape is a character reference, which every
parser decodes: ``<`` as ``&lt;``, ``&`` as ``&amp;``, ``~`` as ``&#126;``, ``|`` as ``&vert;``,
and in an address ``@`` as ``&commat;`` and ``/`` as ``&sol;``.
"""

from __future__ import annotations

import re
import string

from .._fields import showable

# A run of two or more whitespace characters, or any whitespace other than a plain space.
_WHITESPACE = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")
# Characters that may be markup somewhere in a line: _is_markup decides each by its neighbours.
_CANDIDATE = re.compile(r"[\\*_~`\[\]{|<&!.@/]")
# The & of a character reference. Python-Markdown passes on any such name, and a numeric reference
# without its semicolon, for the browser to decode; CommonMark decodes fewer.
_REFERENCE = re.compile(r"&(?=#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z0-9]+;)")
# What may follow the dot before a top-level domain.
_TOP_LEVEL_DOMAIN = re.compile(r"[^\W\d_]{2}")
_REFERENCES = {
    "<": "&lt;",
    "&": "&amp;",
    "~": "&#126;",
    "|": "&vert;",
    "@": "&commat;",
    "/": "&sol;",
}

# What may start a block at the beginning of a line, after the inline escapes: an ATX heading
# (Python-Markdown needs no space after the #), a block quote, a bullet or ordered list item, a
# thematic break, a Python-Markdown admonition.
_BLOCK_START = re.compile(r"[#>]|[-+](?= |$)|-(?=[- ]*$)|!!!|[0-9]+(?=[.)]( |$))")


def fold(text: str) -> str:
    """``text`` with runs of whitespace made one space, ends kept.

    A line break or indentation inside a block could end it or start a code block. What text
    validation refuses is made harmless first (see
    :func:`~oncology_second_opinion._fields.showable`).
    """
    if not text.isprintable() or "  " in text:  # printable text has no whitespace but spaces
        return _WHITESPACE.sub(" ", showable(text))
    return text


def _is_markup(line: str, position: int) -> bool:
    """Whether the character at ``position`` could be read as markup there (or, for ``\\``,
    make what follows it be read as something else)."""
    char = line[position]
    before = line[position - 1 : position]
    after = line[position + 1 : position + 2]
    between_spaces = before.isspace() and after.isspace()
    if char in "*~":  # emphasis, strikethrough: not between two spaces
        return not between_spaces
    if char == "_":  # nor inside a word
        return not (between_spaces or (before.isalnum() and after.isalnum()))
    if char == "\\":  # an escape of the next character
        return after == "" or after in string.punctuation
    if char == "<":  # raw HTML or an autolink
        return after != " "
    if char == "&":
        return _REFERENCE.match(line, position) is not None
    if char == "!":  # an image
        return after == "["
    # Bare addresses, which GitHub and linkify make links: the dot after www or before what could
    # be a top-level domain, the @ of an e-mail address, the // of a URL.
    if char == ".":
        after_www = line[max(position - 3, 0) : position].lower() == "www"
        domain = _TOP_LEVEL_DOMAIN.match(line, position + 1) is not None
        return after_www or (before.strip() != "" and domain)
    if char == "@":
        return before.strip() != "" and after.strip() != ""
    if char == "/":
        return after == "/"
    return True  # ` [ ] { |: code spans; links, images and footnotes; attribute lists; tables


def inline(text: str, before: str = "", after: str = "") -> str:
    """Folded ``text`` escaped for a line, between the characters ``before`` and ``after``.

    An empty neighbour is the start or end of the line. Nothing here knows about the start of a
    block: see :func:`line_start`.
    """
    line = before + text + after
    end = len(before) + len(text)

    def escaped(match: re.Match[str]) -> str:
        char, position = match.group(), match.start()
        if not len(before) <= position < end or not _is_markup(line, position):
            return char
        return _REFERENCES.get(char) or "\\" + char

    result = _CANDIDATE.sub(escaped, line)
    return result[len(before) : len(result) - len(after)]


def line_start(line: str) -> str:
    """An escaped line that starts a paragraph or a list item's content, kept from starting any
    other block."""
    match = _BLOCK_START.match(line)
    if match is None:
        return line
    if match.group().isdigit():  # escape the ordered list item's delimiter
        return line[: match.end()] + "\\" + line[match.end() :]
    return "\\" + line


def destination(url: str) -> str:
    """A link destination that parses back to ``url``, which has no space, control, backslash or
    angle bracket (see :func:`~oncology_second_opinion._fields.safe_link`).

    Bare, as a Markdown formatter writes it, or in angle brackets when it holds a parenthesis,
    which could end it, or an apostrophe, which Python-Markdown takes for the start of a title.
    """
    escaped = _REFERENCE.sub(r"\\&", url)
    return f"<{escaped}>" if "(" in url or ")" in url or "'" in url else escaped


def escape(text: str) -> str:
    """``text`` as a Markdown paragraph that parses back to itself, whitespace folded and
    stripped."""
    return line_start(inline(fold(text).strip()))
