"""Body text and readability of a guide: what the plain-language edition is held to.

The body text is what textstat measures: every paragraph, lead and item written as a sentence
(situations, questions, key points, steps), each ending as a sentence does, one section after
another. Headings, labels and sources are not body. The sentences a map accounts for, and their
references, are the library's (``_adaptation``).
"""

from __future__ import annotations

from collections.abc import Iterator

import textstat

from oncology_second_opinion import Guide
from oncology_second_opinion._adaptation import mapped_sentences, section_of
from oncology_second_opinion._models import ProseSection, Statement, section_contents

__all__ = ["body", "mapped_sentences", "reading_grade", "section_bodies", "section_of"]


def _parts(guide: Guide, section_id: str) -> Iterator[str]:
    content = section_contents(guide)[section_id]
    if isinstance(content, ProseSection):
        yield from content.paragraphs
    lead = getattr(content, "lead", None)
    if lead is not None:
        yield lead
    for item in getattr(content, "items", ()):
        if isinstance(item, Statement):
            yield item.text


def section_bodies(guide: Guide) -> dict[str, str]:
    """The body text of each section that has one, by section id, in reading order."""
    bodies = {
        section_id: " ".join(
            part if part.endswith((".", "?", ":")) else part + "."
            for part in _parts(guide, section_id)
        )
        for section_id in guide.section_ids
    }
    return {section_id: body for section_id, body in bodies.items() if body}


def body(guide: Guide) -> str:
    return " ".join(section_bodies(guide).values())


def reading_grade(text: str) -> float:
    """The Flesch-Kincaid grade of English ``text``, to one decimal, as the manifest records it."""
    textstat.set_lang("en")
    return round(float(textstat.flesch_kincaid_grade(text)), 1)
