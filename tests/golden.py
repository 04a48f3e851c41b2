"""Golden files: each format's render of the packaged English guide, committed in tests/golden/.

After a deliberate change to a writer or to the content, regenerate them and review the diff:

    python -m tests.golden
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from oncology_second_opinion import load_guide, render

GOLDEN_DIR = Path(__file__).parent / "golden"

#: File name -> (format, options). The first three are each format's default render.
GOLDEN: dict[str, tuple[str, dict[str, Any]]] = {
    "en.md": ("markdown", {}),
    "en.html": ("html", {}),
    "en.txt": ("text", {}),
    "en.document.html": ("html", {"document": True}),
}


def rendered(name: str) -> str:
    fmt, options = GOLDEN[name]
    return render(load_guide("en"), fmt, **options)  # type: ignore[arg-type]


def main() -> int:
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name in GOLDEN:
        (GOLDEN_DIR / name).write_bytes(rendered(name).encode("utf-8"))
        print(GOLDEN_DIR.name + "/" + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
