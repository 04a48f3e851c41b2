"""Golden files: each format's render of each packaged guide (every edition of every locale), and of
a handout built from it with :data:`HANDOUT_SELECTION` (the own questions in the guide's language),
committed in tests/golden/.

After a deliberate change to a writer or to the content, regenerate them with every other
generated file (``python -m tests.regenerate``) and review the diff. ``python -m tests.golden``
regenerates only these.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from oncology_second_opinion import (
    Guide,
    Handout,
    available_editions,
    build_handout,
    load_guide,
    render,
)

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


#: The reader's own questions of :data:`HANDOUT_SELECTION`, in each packaged guide's language.
OWN_QUESTIONS: dict[str, tuple[str, ...]] = {
    "en": HANDOUT_SELECTION["own_questions"],
    "es": (
        "¿Cuánto tiempo tengo para decidir?",
        "¿Puede acompañarme alguien a la cita?",
    ),
}


def sample_handout(guide: Guide, **changes: Any) -> Handout:
    own = {"own_questions": OWN_QUESTIONS.get(guide.locale, HANDOUT_SELECTION["own_questions"])}
    return build_handout(guide, **{**HANDOUT_SELECTION, **own, **changes})


_FORMATS: dict[str, tuple[str, dict[str, Any]]] = {
    "md": ("markdown", {}),
    "html": ("html", {}),
    "txt": ("text", {}),
    "document.html": ("html", {"document": True}),
}


def guide_name(locale: str, edition: str) -> str:
    """How test files name a packaged guide: its locale, then its edition unless standard
    (``en``, ``en.plain``)."""
    return locale if edition == "standard" else f"{locale}.{edition}"


#: Every packaged guide by its name (:func:`guide_name`): its locale and edition.
PACKAGED: dict[str, tuple[str, str]] = {
    guide_name(entry.locale, entry.edition): (entry.locale, entry.edition)
    for entry in available_editions()
}


def packaged_guide(name: str) -> Guide:
    return load_guide(*PACKAGED[name])


#: File name -> (guide name, format, options): each format's default render of each packaged
#: guide (``en.md``, ``en.plain.md``), and of its :func:`sample_handout` (``handout.en.md``).
GOLDEN: dict[str, tuple[str, str, dict[str, Any]]] = {
    f"{prefix}{name}.{suffix}": (name, fmt, options)
    for prefix in ("", "handout.")
    for name in PACKAGED
    for suffix, (fmt, options) in _FORMATS.items()
}


def rendered(name: str) -> str:
    guide_name_, fmt, options = GOLDEN[name]
    guide = packaged_guide(guide_name_)
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
