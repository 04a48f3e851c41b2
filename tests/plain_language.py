"""Sentences, body text and readability of a guide: what the plain-language edition is held to.

A sentence reference (``adapted_from``) is a string's path, ``#`` and the sentence's number in the
string, whose sentences the library's own rule finds (``_sentences``, the rule text messages break
at too). The body text is what textstat measures: every
paragraph, lead and item written as a sentence (situations, questions, key points, steps), each
ending as a sentence does, one section after another. Headings, labels and sources are not body.
"""

from __future__ import annotations

from collections.abc import Iterator

import textstat

from oncology_second_opinion import Guide
from oncology_second_opinion._models import ProseSection, Statement, section_contents
from oncology_second_opinion._sentences import sentences
from oncology_second_opinion._translation import strings

#: Top-level keys of strings that restate nothing: interface wording, provenance, published
#: sources, and an edition's own sections.
UNMAPPED = frozenset({"publisher", "labels", "review", "sources", "local_sections"})


def section_of(reference: str) -> str:
    """The top-level key a sentence reference is in: ``overview`` of ``overview.paragraphs.0#1``."""
    return reference.split(".", 1)[0].split("#", 1)[0]


def mapped_sentences(guide: Guide) -> dict[str, str]:
    """Every sentence a plain edition's map covers, by reference, in reading order of the file."""
    return {
        f"{path}#{number}": sentence
        for path, text in strings(guide).items()
        if section_of(path) not in UNMAPPED
        for number, sentence in enumerate(sentences(text))
    }


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
