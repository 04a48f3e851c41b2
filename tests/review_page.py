"""The side-by-side review page of the plain-language edition, docs/plain-language-review.md.

Generated from the sentence map the plain edition records (``adapted_from``): section by section,
each plain sentence beside the standard sentences it restates, with the readability of both
editions. ``python -m tests.regenerate`` writes it with every other generated file;
``python -m tests.review_page`` writes it alone.
"""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from importlib.metadata import version

import textstat

from oncology_second_opinion import Guide, load_guide
from oncology_second_opinion._models import PACKAGED_SECTIONS
from oncology_second_opinion._writers.markdown_escape import escape

from .conftest import ROOT
from .generated import write_generated
from .plain_language import mapped_sentences, section_bodies, section_of

DOC = ROOT / "docs" / "plain-language-review.md"
TEXTSTAT = f"textstat {version('textstat')}"
#: The section id of each top-level key of a sentence reference (``title`` is the title's).
_SECTION_IDS = {field: section_id for section_id, (field, _) in PACKAGED_SECTIONS.items()}


def _cell(text: str) -> str:
    """Text as it reads in a table cell: escaped as Markdown, with the column separator too."""
    return escape(text).replace("|", "\\|")


def _figures(guide: Guide) -> dict[str, str]:
    bodies = section_bodies(guide)
    text = " ".join(bodies.values())
    textstat.set_lang("en")
    longest = max(len(sentence.split()) for sentence in mapped_sentences(guide).values())
    return {
        "Flesch-Kincaid grade": f"{textstat.flesch_kincaid_grade(text):.1f}",
        "SMOG grade": f"{textstat.smog_index(text):.1f}",
        "Flesch reading ease": f"{textstat.flesch_reading_ease(text):.1f}",
        "words in the body": str(textstat.lexicon_count(text)),
        "words in the longest sentence": str(longest),
    }


def readability_table() -> str:
    """The readability of both English editions side by side, as docs/editions.md shows it."""
    standard, plain = _figures(load_guide("en")), _figures(load_guide("en", "plain"))
    rows = [
        f"| measure ({TEXTSTAT}, body text) | standard | plain |",
        "| --- | --- | --- |",
        *(f"| {name} | {value} | {plain[name]} |" for name, value in standard.items()),
    ]
    return "".join(row + "\n" for row in rows)


def _readability(standard: Guide, plain: Guide) -> Iterator[str]:
    yield from readability_table().splitlines()
    yield ""
    yield "| section: Flesch-Kincaid grade | standard | plain |"
    yield "| --- | --- | --- |"
    textstat.set_lang("en")
    standard_bodies = section_bodies(standard)
    for section, text in section_bodies(plain).items():
        before = standard_bodies.get(section)
        was = "–" if before is None else f"{textstat.flesch_kincaid_grade(before):.1f}"
        yield f"| `{section}` | {was} | {textstat.flesch_kincaid_grade(text):.1f} |"


def _pairs(standard: Guide, plain: Guide) -> Iterator[str]:
    assert plain.adapted_from is not None
    source = mapped_sentences(standard)
    restated = mapped_sentences(plain)
    section = None
    for entry in plain.adapted_from.sentences:
        if section_of(entry.sentence) != section:
            section = section_of(entry.sentence)
            yield ""
            yield f"### `{_SECTION_IDS.get(section, section)}`"
            yield ""
            yield "| standard | plain |"
            yield "| --- | --- |"
        left = "<br>".join(f"{_cell(source[ref])} `{ref}`" for ref in entry.restates)
        yield f"| {left} | {_cell(restated[entry.sentence])} `{entry.sentence}` |"


def _wrapped(text: str) -> str:
    return textwrap.fill(text, width=100, break_long_words=False, break_on_hyphens=False)


def render_doc() -> str:
    standard, plain = load_guide("en"), load_guide("en", "plain")
    assert plain.adapted_from is not None
    introduction = (
        f"The plain-language English edition (content version {plain.content_version}) "
        f"restates the standard edition (content version {plain.adapted_from.content_version}) "
        "sentence by sentence. This page is for a clinical reviewer: each row pairs a sentence "
        "of the plain edition (right) with the sentences of the standard edition it restates "
        "(left), section by section, each with its reference (the string's path, `#` and the "
        "sentence's number from 0). The test suite checks that every plain sentence is listed "
        "once, that each restates sentences of the same section (key points and steps, which "
        "the standard edition lacks, restate any), and that every standard sentence is "
        "restated. What the map cannot check is meaning: that a plain sentence adds no claim, "
        "advice, number or definition. That is the reviewer's to confirm."
    )
    measured = (
        "Measured on the body text (paragraphs, leads, and items written as sentences; not "
        "headings, labels or sources) by the test suite, which holds the plain edition to a "
        "Flesch-Kincaid grade of 6.0 or less overall and 8.0 or less in each section, a SMOG "
        "grade of 9.0 or less, and no sentence longer than 20 words. The standard edition's "
        "records lead names every record in one long sentence; the plain edition's only "
        "introduces the checklist that names them, so their grades for that section measure "
        "different texts."
    )
    lines = [
        "# The plain-language edition beside the standard edition",
        "",
        "<!-- Generated by `python -m tests.regenerate` from the map in data/en.plain.json; do not",
        "edit by hand. -->",
        "",
        _wrapped(introduction),
        "",
        _wrapped(f"Review status of the plain edition: {_cell(plain.review.statement)}"),
        "",
        "## Readability",
        "",
        _wrapped(measured),
        "",
        *_readability(standard, plain),
        "",
        "## Sentence by sentence",
        *_pairs(standard, plain),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    if write_generated(DOC, render_doc()):
        print(DOC.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
