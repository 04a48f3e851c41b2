"""SMS: what a message costs (GSM 03.38 segments), and typography made plain for GSM-7.

A message whose every character is in the GSM-7 alphabet is sent in 7-bit septets: 160 in a
single segment, 153 in each segment of a longer one, the extension characters taking two. Any
other character makes the whole message UCS-2: 70 UTF-16 code units in one segment, 67 in each of
a longer one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from types import MappingProxyType

from ._errors import wrong_type

#: The GSM 03.38 default alphabet, as text characters (the escape to the extension table aside).
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: The extension table: each character takes two septets (an escape, then the character).
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

#: Typographic characters written the plain way GSM-7 can carry. A content file's
#: ``gsm7_replacements`` extends or overrides this table for its language.
GSM7_REPLACEMENTS: Mapping[str, str] = MappingProxyType(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark
        "\u201a": "'",  # single low-9 quotation mark
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u2033": '"',  # double prime
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2026": "...",  # horizontal ellipsis
        "\u2022": "-",  # bullet
        "\u2610": "[ ]",  # ballot box
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
    }
)


def is_gsm7(text: str) -> bool:
    """Whether every character of ``text`` is in the GSM-7 alphabet or its extension table."""
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def sms_length(text: str) -> int:
    """How long ``text`` is as an SMS counts it: septets if it is GSM-7 (extension characters
    count twice), else UTF-16 code units."""
    if is_gsm7(text):
        return len(text) + sum(char in GSM7_EXTENSION for char in text)
    return len(text.encode("utf-16-le")) // 2


def sms_segments(message: str) -> int:
    """How many SMS segments ``message`` is billed as.

    GSM-7 (every character in the GSM 03.38 alphabet or its extension table): one segment up to
    160 septets, else one per 153, extension characters (``[]{}|~^\\€`` and form feed) counting
    twice. Otherwise UCS-2: one segment up to 70 UTF-16 code units, else one per 67. An empty
    message is one segment.
    """
    if not isinstance(message, str):
        raise wrong_type("sms_segments", "message", "a str", message)
    single, part = (160, 153) if is_gsm7(message) else (70, 67)
    length = sms_length(message)
    return 1 if length <= single else math.ceil(length / part)


def plain_for_gsm7(text: str, replacements: Mapping[str, str]) -> str:
    """``text`` with each character that ``replacements`` names replaced; the rest kept, so a
    character with no GSM-7 form makes the message UCS-2 rather than disappear."""
    return "".join(replacements.get(char, char) for char in text)
