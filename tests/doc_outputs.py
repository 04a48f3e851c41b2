"""Rendered output shown in the documentation, checked against the real renderers.

A fenced block in README.md or docs/*.md preceded by a comment

    <!-- output: render(guide, "text", sections=["questions"], width=None) -->

must be exactly what that expression returns; after ``<!-- excerpt: EXPRESSION -->`` the block
must be a run of whole, consecutive lines of it. Expressions see ``guide`` (the packaged English
guide) and every public name of the package. ``tests/project/test_docs.py`` checks them;
regenerate the ``output`` blocks after a deliberate change with every other generated file
(excerpts are kept short by hand), then review the diff:

    python -m tests.regenerate

``python -m tests.doc_outputs`` regenerates only these blocks.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import oncology_second_opinion

from .conftest import ROOT
from .generated import write_generated

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

SHOWN = re.compile(
    r"^<!-- (?P<kind>output|excerpt): (?P<expression>.+?) -->\n"
    r"(?P<fence>```[a-z]*\n)(?P<body>.*?)^```$",
    re.DOTALL | re.MULTILINE,
)


@dataclass(frozen=True)
class Shown:
    """One block of output shown in a document."""

    document: Path
    kind: str
    expression: str
    body: str

    @property
    def id(self) -> str:
        return f"{self.document.name}: {self.expression}"


def shown_outputs() -> list[Shown]:
    return [
        Shown(path, match["kind"], match["expression"], match["body"])
        for path in DOCUMENTS
        for match in SHOWN.finditer(path.read_text(encoding="utf-8"))
    ]


def evaluate(expression: str) -> str:
    namespace: dict[str, Any] = {
        name: getattr(oncology_second_opinion, name) for name in oncology_second_opinion.__all__
    }
    namespace["guide"] = oncology_second_opinion.load_guide("en")
    result = eval(expression, namespace)
    assert isinstance(result, str), f"{expression} returned {type(result).__name__}, not a str"
    return result


def main() -> int:
    for path in DOCUMENTS:
        text = path.read_text(encoding="utf-8")

        def refresh(match: re.Match[str]) -> str:
            if match["kind"] != "output":
                return match[0]
            body = evaluate(match["expression"])
            return f"<!-- output: {match['expression']} -->\n{match['fence']}{body}```"

        if write_generated(path, SHOWN.sub(refresh, text)):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
