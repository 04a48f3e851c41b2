"""The sentences of a string: where a series of text messages may break, and what the sentence
references of an adapted edition's map count (``overview.paragraphs.0#1`` is the second)."""

from __future__ import annotations

import re

# Where a sentence ends: after its closing punctuation, before the space to the next one.
# Full stops, exclamation and question marks, the ellipsis, and their ideographic and fullwidth
# forms.
SENTENCE_END = re.compile("(?<=[.!?\u2026\u3002\uff01\uff1f])\\s+(?=\\S)")


def sentences(text: str) -> list[str]:
    """``text``'s sentences, in order, without the spaces between them."""
    return SENTENCE_END.split(text.strip())
