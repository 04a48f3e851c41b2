"""Render the guide's HTML document in headless Chromium to a PNG, to look at it as a reader would.

    python -m tests.browser.screenshot guide.png [--print] [--width 900] [--locale en]
        [--content FILE] [--section ID]...

``--print`` emulates print media, as the page looks on paper. The image is for people to inspect;
it is not committed. Needs Chromium, Node.js and ``npm ci --ignore-scripts --prefix tests/browser``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from oncology_second_opinion import SECTION_IDS, load_guide, load_guide_file, render

from .tools import chromium_missing, run_chromium


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.screenshot")
    parser.add_argument("png", type=Path, help="where to write the PNG")
    parser.add_argument("--print", action="store_true", help="emulate print media")
    parser.add_argument("--width", type=int, default=900, help="viewport width in CSS pixels")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--locale", default="en")
    source.add_argument("--content", type=Path)
    parser.add_argument("--section", action="append", choices=SECTION_IDS, dest="sections")
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(f"cannot take a screenshot: {missing}", file=sys.stderr)
        return 1
    guide = load_guide_file(args.content) if args.content else load_guide(args.locale)
    page = render(guide, "html", document=True, sections=args.sections or SECTION_IDS)
    with tempfile.TemporaryDirectory() as directory:
        html_path = Path(directory) / "guide.html"
        html_path.write_text(page, encoding="utf-8")
        shot = {
            "path": str(html_path),
            "png": str(args.png.resolve()),
            "width": args.width,
            "media": "print" if args.print else "screen",
        }
        run_chromium({"screenshots": [shot]})
    print(args.png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
