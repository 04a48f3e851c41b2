"""Render the guide's HTML document, or a handout, in headless Chromium to a PNG, to look at it as
a reader would.

    python -m tests.browser.screenshot guide.png [--print | --paper A4] [--width 900]
        [--locale en] [--content FILE] [--section ID]...
    python -m tests.browser.screenshot handout.png --handout [--starts-soon] [--paper Letter]
        [--embedded LEVEL]
        [--indication ID]... [--have ID]... [--question ID]... [--own-question TEXT]...

``--print`` emulates print media, as the page looks on paper. ``--paper`` does too, at the width
the paper leaves inside the page's margins, and reports how many pages the page prints on.
``--handout`` renders a handout: the selection of the golden files unless ids are given.
``--embedded LEVEL`` shows the fragment, at that heading level and with the library's stylesheet,
inside a host page whose own stylesheet is hostile (``tests/browser/host.py``). The image
is for people to inspect; it is not committed. Needs Chromium, Node.js and
``npm ci --ignore-scripts --prefix tests/browser``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from oncology_second_opinion import (
    SECTION_IDS,
    Guide,
    Handout,
    RenderOptions,
    build_handout,
    load_guide,
    load_guide_file,
    render,
    stylesheet,
)

from ..golden import sample_handout
from .host import host_page
from .tools import chromium_missing, run_chromium

#: Paper widths in millimetres, and the side margins of the stylesheet's @page rules.
PAPER_WIDTHS = {"A4": 210.0, "Letter": 215.9}
GUIDE_MARGIN, HANDOUT_MARGIN = 20.0, 15.0


def paper_width(paper: str, margin: float) -> int:
    """Width in CSS pixels (96 per inch) that ``paper`` leaves inside side margins of ``margin``."""
    return round((PAPER_WIDTHS[paper] - 2 * margin) / 25.4 * 96)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.browser.screenshot")
    parser.add_argument("png", type=Path, help="where to write the PNG")
    parser.add_argument("--print", action="store_true", help="emulate print media")
    parser.add_argument(
        "--paper", choices=sorted(PAPER_WIDTHS), help="print media at this paper's width"
    )
    parser.add_argument("--width", type=int, default=900, help="viewport width in CSS pixels")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--locale", default="en")
    source.add_argument("--content", type=Path)
    parser.add_argument("--section", action="append", choices=SECTION_IDS, dest="sections")
    handout = parser.add_argument_group("handout")
    handout.add_argument("--handout", action="store_true", help="render a handout")
    handout.add_argument("--indication", action="append", default=[], metavar="ID")
    handout.add_argument("--have", action="append", default=[], metavar="ID")
    handout.add_argument("--question", action="append", default=[], metavar="ID")
    handout.add_argument("--own-question", action="append", default=[], metavar="TEXT")
    handout.add_argument("--starts-soon", action="store_true")
    parser.add_argument(
        "--embedded",
        type=int,
        choices=range(1, 7),
        metavar="LEVEL",
        help="the fragment at this heading level in a host page with a hostile stylesheet",
    )
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(f"cannot take a screenshot: {missing}", file=sys.stderr)
        return 1
    guide = load_guide_file(args.content) if args.content else load_guide(args.locale)
    subject: Guide | Handout = guide
    options: RenderOptions = {} if args.handout else {"sections": args.sections or SECTION_IDS}
    if args.handout:
        chosen = args.indication or args.have or args.question or args.own_question
        subject = (
            build_handout(
                guide,
                indications=args.indication,
                records_on_hand=args.have,
                questions=args.question,
                own_questions=args.own_question,
                treatment_starts_soon=args.starts_soon,
            )
            if chosen
            else sample_handout(guide, treatment_starts_soon=args.starts_soon)
        )
    if args.embedded:
        options["heading_level"] = args.embedded
        fragment = render(subject, "html", **options)
        page = host_page(fragment, stylesheet=stylesheet(), level=args.embedded)
    else:
        options["document"] = True
        page = render(subject, "html", **options)
    with tempfile.TemporaryDirectory() as directory:
        html_path = Path(directory) / "page.html"
        html_path.write_text(page, encoding="utf-8")
        shot = {
            "path": str(html_path),
            "png": str(args.png.resolve()),
            "width": (
                paper_width(args.paper, HANDOUT_MARGIN if args.handout else GUIDE_MARGIN)
                if args.paper
                else args.width
            ),
            "media": "print" if args.print or args.paper else "screen",
        }
        request = {"screenshots": [shot]}
        if args.paper:
            request["pdfs"] = [{"name": "page", "path": str(html_path), "format": args.paper}]
        result = run_chromium(request)
    print(args.png)
    if args.paper:
        print(f"prints on {result['pdfs']['page']['pages']} page(s) of {args.paper}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
