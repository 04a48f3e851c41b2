"""A guide or a handout as a series of text messages that each fit a length limit."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ._handout import Handout
from ._models import Guide, SectionId
from ._render import compose
from ._sentences import sentences
from ._sms import plain_for_gsm7, sms_length
from ._writer import option_error
from ._writers.text import TextOptions, compact_lines, gsm7_replacements

#: Fewest characters a message may hold: room for its number and a few words.
MIN_MAX_CHARS = 40

# The number that starts an item of a numbered list ("1. "): its full stop ends no sentence.
_ITEM_NUMBER = re.compile(r"[0-9]+\.\s+")


@dataclass(frozen=True)
class _Unit:
    """Text that stays in one message, and what joins it to the text before it."""

    text: str
    joiner: str


def _units(lines: list[tuple[str, bool]]) -> list[_Unit]:
    """The compact text's lines cut at sentence ends; a heading kept with what follows it."""
    units: list[_Unit] = []
    pending_heading: str | None = None
    for line, heading in lines:
        if heading:
            pending_heading = line if pending_heading is None else pending_heading + "\n" + line
            continue
        number = _ITEM_NUMBER.match(line)
        start = number.end() if number else 0
        parts = sentences(line[start:])
        parts[0] = line[:start] + parts[0]
        for index, sentence in enumerate(parts):
            joiner = "\n" if index == 0 else " "
            if pending_heading is not None:
                sentence, pending_heading = pending_heading + "\n" + sentence, None
            units.append(_Unit(sentence, joiner))
    if pending_heading is not None:
        units.append(_Unit(pending_heading, "\n"))
    return units


def _pieces(text: str, room: int, length: Callable[[str], int]) -> list[str]:
    """``text`` cut at word boundaries into pieces that fit ``room``; a word too long for a
    piece of its own is cut between characters."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = word if not current else current + " " + word
        if length(candidate) <= room:
            current = candidate
            continue
        if current:
            pieces.append(current)
        current = ""
        while length(word) > room:
            # At least one character, so a piece is never empty.
            cut = max([1, *(end for end in range(1, len(word) + 1) if length(word[:end]) <= room)])
            pieces.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        pieces.append(current)
    return pieces


def _pack(units: list[_Unit], room: int, length: Callable[[str], int]) -> list[str]:
    messages: list[str] = []
    current = ""
    for unit in units:
        candidate = unit.text if not current else current + unit.joiner + unit.text
        if length(candidate) <= room:
            current = candidate
            continue
        if current:
            messages.append(current)
        current = ""
        if length(unit.text) <= room:
            current = unit.text
            continue
        *whole, last = _pieces(unit.text, room, length)
        messages.extend(whole)
        current = last
    if current:
        messages.append(current)
    return messages


def split_messages(
    document: Guide | Handout,
    *,
    max_chars: int,
    sections: list[SectionId | str] | tuple[SectionId | str, ...] | None = None,
    gsm7: bool = False,
    omit_disclaimer: bool = False,
) -> list[str]:
    """``document`` in the compact text style, as messages of at most ``max_chars`` each.

    The first message starts with the one-line header (title, content version, review status);
    the disclaimer ends the series unless ``omit_disclaimer=True`` (see :func:`render`).
    Messages break between sentences, a heading never ends a message, and a sentence longer than
    a message is cut between words (a word longer than a message, between characters). With
    more than one message and the content's ``labels.message_number``, each message starts with
    its number, such as ``1/3``. ``max_chars`` counts characters; with ``gsm7=True``, which
    writes typographic characters the plain GSM-7 way, it counts as an SMS does (see
    :func:`sms_segments`), so 160 means one segment when every character is GSM-7.

    Raises :class:`RenderOptionError` for a limit under 40 or another invalid option.
    """
    if isinstance(max_chars, bool) or not isinstance(max_chars, int) or max_chars < MIN_MAX_CHARS:
        raise option_error(
            "max_chars",
            f"max_chars must be an integer of at least {MIN_MAX_CHARS}, not {max_chars!r}",
        )
    options: dict[str, object] = {"compact": True, "gsm7": gsm7, "omit_disclaimer": omit_disclaimer}
    if sections is not None:
        options["sections"] = sections
    _, outline, text_options = compose(document, "text", options)
    assert isinstance(text_options, TextOptions)
    units = _units(compact_lines(outline, text_options))
    length: Callable[[str], int] = sms_length if gsm7 else len
    guide = document.guide if isinstance(document, Handout) else document
    numbering = guide.labels.message_number
    messages = _pack(units, max_chars, length)
    if numbering is None or len(messages) == 1:
        return messages
    # Number the messages; numbers take room, so pack again until the count holds still.
    replacements = gsm7_replacements(outline)

    def number(index: int, total: int) -> str:
        label = numbering.replace("{number}", str(index)).replace("{total}", str(total)) + " "
        return plain_for_gsm7(label, replacements) if gsm7 else label

    # Numbers take room: pack again, for as many messages as the numbers allow for, until the
    # count fits them (it only grows, so this ends).
    total = len(messages)
    while True:
        room = max_chars - length(number(total, total))
        if room < MIN_MAX_CHARS // 2:
            raise option_error(
                "max_chars",
                f"max_chars {max_chars} leaves too little room after the message number "
                f"{number(total, total).strip()!r}",
            )
        packed = _pack(units, room, length)
        if len(packed) <= total:
            count = len(packed)
            return [number(index, count) + text for index, text in enumerate(packed, 1)]
        total = len(packed)
