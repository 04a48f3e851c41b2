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

from .._fields import showable

# A run of two or more whitespace characters, or any whitespace other than a plain space.
_WHITESPACE = re.compile(r"[\t\n\r\f\v][ \t\n\r\f\v]*| [ \t\n\r\f\v]+")
_ASCII_PUNCTUATION = r"!-/:-@\[-`{-~"
# What may start a character reference. Python-Markdown passes on any such name, and a numeric
# reference without its semicolon, for the browser to decode; CommonMark decodes fewer.
_REFERENCE = r"&(?=#[0-9]|#[xX][0-9a-fA-F]|[A-Za-z0-9]+;)"

# What may be markup in the middle of a line. Each alternative is a rule: see _replace.
_INLINE = re.compile(
    "|".join(
        [
            rf"\\(?=[{_ASCII_PUNCTUATION}]|\Z)",  # would escape what follows
            r"[*_~]",  # emphasis and strikethrough, depending on the neighbours
            r"[`\[\]{|]",  # code spans; links, images and footnotes; attribute lists; tables
            r"<(?! )",  # raw HTML and autolinks
            _REFERENCE,
            r"!(?=\[)",  # an image
            # Bare addresses, which GitHub and linkify make links: the dot after www and before
            # what could be a top-level domain (two letters or more), an e-mail address's @,
            # and the // of a URL.
            r"(?<=[Ww]{3})\.|(?<=\S)\.(?=[^\W\d_]{2})",
            r"(?<=\S)@(?=\S)",
            r"/(?=/)",
        ]
    )
)
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


def _replace(match: re.Match[str]) -> str:
    char = match.group()
    if char in "*_~":
        # A delimiter between two spaces opens and closes nothing; nor does an underscore
        # inside a word.
        text, position = match.string, match.start()
        before = text[position - 1] if position else ""
        after = text[position + 1 : position + 2]
        if before.isspace() and after.isspace():
            return char
        if char == "_" and before.isalnum() and after.isalnum():
            return char
    return _REFERENCES.get(char) or "\\" + char


def inline(text: str, before: str = "", after: str = "") -> str:
    """Folded ``text`` escaped for a line, between the characters ``before`` and ``after``.

    An empty neighbour is the start or end of the line. Nothing here knows about the start of a
    block: see :func:`line_start`.
    """
    padded = before + text + after
    end = len(before) + len(text)
    parts: list[str] = []
    position = len(before)
    for match in _INLINE.finditer(padded, len(before)):
        if match.start() >= end:
            break
        parts.append(padded[position : match.start()])
        parts.append(_replace(match))
        position = match.end()
    parts.append(padded[position:end])
    return "".join(parts)


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
    angle bracket (see :func:`~oncology_second_opinion._fields.safe_link`): bare, or in angle
    brackets when it holds a parenthesis, as a Markdown formatter writes it."""
    escaped = re.sub(_REFERENCE, r"\\&", url)
    return f"<{escaped}>" if "(" in url or ")" in url else escaped


def escape(text: str) -> str:
    """``text`` as a Markdown paragraph that parses back to itself, whitespace folded and
    stripped."""
    return line_start(inline(fold(text).strip()))
