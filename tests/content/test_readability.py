"""The readability figures in docs/translating.md are textstat's, on each packaged guide's body."""

from __future__ import annotations

from collections.abc import Iterator

import textstat

from oncology_second_opinion import load_guide

from ..conftest import ROOT
from ..plain_language import body

DOC = ROOT / "docs" / "translating.md"


def _rows() -> Iterator[str]:
    for locale, indices in (
        ("en", (("Flesch reading ease", "flesch_reading_ease"),)),
        (
            "es",
            (
                ("Fernández-Huerta", "fernandez_huerta"),
                ("Szigriszt-Pazos (INFLESZ)", "szigriszt_pazos"),
            ),
        ),
    ):
        text = body(load_guide(locale))
        textstat.set_lang(locale)
        try:
            words, sentences = textstat.lexicon_count(text), textstat.sentence_count(text)
            grade = f"{textstat.flesch_kincaid_grade(text):.1f}" if locale == "en" else "–"
            for name, function in indices:
                score = getattr(textstat, function)(text)
                yield f"| `{locale}` | {words} | {sentences} | {name} | {score:.1f} | {grade} |"
        finally:
            textstat.set_lang("en")


def readability_table() -> str:
    header = (
        "| guide | words | sentences | index | score | Flesch-Kincaid grade |\n"
        "| --- | --- | --- | --- | --- | --- |\n"
    )
    return header + "".join(row + "\n" for row in _rows())


def test_the_documented_figures_are_textstats() -> None:
    table = readability_table()
    assert table in DOC.read_text(encoding="utf-8"), f"docs/translating.md should show:\n{table}"
