"""Golden files: each format's render of the packaged English guide, and of a handout built from
it with :data:`HANDOUT_SELECTION`, committed in tests/golden/.

After a deliberate change to a writer or to the content, regenerate them with every other
generated file (``python -m tests.regenerate``) and review the diff. ``python -m tests.golden``
regenerates only these.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from oncology_second_opinion import Guide, Handout, build_handout, load_guide, render

from .generated import write_generated

GOLDEN_DIR = Path(__file__).parent / "golden"

#: The handout of the golden files and the screenshot script: a typical selection, ids given out
#: of the guide's order on purpose, and the reader's own questions.
HANDOUT_SELECTION: dict[str, Any] = {
    "indications": ("feeling-rushed", "more-than-one-option"),
    "records_on_hand": ("lab-results", "pathology-reports"),
    "questions": ("benefits-risks-alternatives", "decision-right-now"),
    "own_questions": (
        "How soon do I need to decide?",
        "Can someone come with me to the appointment?",
    ),
}


def sample_handout(guide: Guide, **changes: Any) -> Handout:
    return build_handout(guide, **{**HANDOUT_SELECTION, **changes})


#: File name -> (format, options). The first three are each format's default render; files
#: named handout.* render :func:`sample_handout`.
GOLDEN: dict[str, tuple[str, dict[str, Any]]] = {
    "en.md": ("markdown", {}),
    "en.html": ("html", {}),
    "en.txt": ("text", {}),
    "en.document.html": ("html", {"document": True}),
    "handout.en.md": ("markdown", {}),
    "handout.en.html": ("html", {}),
    "handout.en.txt": ("text", {}),
    "handout.en.document.html": ("html", {"document": True}),
}


def rendered(name: str) -> str:
    fmt, options = GOLDEN[name]
    guide = load_guide("en")
    subject = sample_handout(guide) if name.startswith("handout.") else guide
    return render(subject, fmt, **options)


def main() -> int:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name in GOLDEN:
        if write_generated(GOLDEN_DIR / name, rendered(name)):
            print(f"tests/{GOLDEN_DIR.name}/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
