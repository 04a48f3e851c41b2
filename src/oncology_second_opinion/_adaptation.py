"""An adapted edition's sentence map (``adapted_from``): the sentences it must account for.

Every sentence of the adaptation's title, headings, leads, paragraphs and items is one entry of
the map, once, naming the source sentences it restates. Interface labels, the review statement,
the publisher and the sources restate nothing (they are wording of the interface, provenance, or
published titles), and neither do an edition's own local sections. Whether the restated sentences
exist in the source, and whether together they cover it, needs the source guide: the test suite
checks that of the packaged plain edition.
"""

from __future__ import annotations

from ._errors import Problem, json_path
from ._fields import quote
from ._models import Guide
from ._sentences import sentences
from ._translation import strings

#: Top-level keys of strings that restate nothing.
UNMAPPED = frozenset({"publisher", "labels", "review", "sources", "local_sections"})


def section_of(reference: str) -> str:
    """The top-level key a sentence reference is in: ``overview`` of ``overview.paragraphs.0#1``."""
    return reference.split(".", 1)[0].split("#", 1)[0]


def mapped_sentences(guide: Guide) -> dict[str, str]:
    """Every sentence a map of ``guide`` accounts for, by reference, in reading order."""
    return {
        f"{path}#{number}": sentence
        for path, text in strings(guide).items()
        if section_of(path) not in UNMAPPED
        for number, sentence in enumerate(sentences(text))
    }


def map_problems(guide: Guide) -> list[Problem]:
    """Where the map of an adapted ``guide`` does not account for its own sentences: a reference
    to no sentence of it, a sentence mapped twice, a sentence left out. None without a map."""
    if guide.adapted_from is None:
        return []
    expected = mapped_sentences(guide)
    problems: list[Problem] = []
    first: dict[str, str] = {}
    for index, entry in enumerate(guide.adapted_from.sentences):
        where = json_path(("adapted_from", "sentences", index, "sentence"))
        if entry.sentence not in expected:
            problems.append(
                Problem(
                    where,
                    f"names no sentence of this guide ({quote(entry.sentence)}); a reference is "
                    "the path of a title, heading, lead, paragraph or item, '#' and the "
                    "sentence's number from 0",
                )
            )
        elif entry.sentence in first:
            problems.append(
                Problem(
                    where, f"maps {quote(entry.sentence)} again; it is at {first[entry.sentence]}"
                )
            )
        else:
            first[entry.sentence] = where
    problems.extend(
        Problem(
            json_path(("adapted_from", "sentences")),
            f"leaves out the sentence {quote(reference)} ({quote(text)}); map every sentence "
            "to the source sentences it restates",
        )
        for reference, text in expected.items()
        if reference not in first
    )
    return problems
