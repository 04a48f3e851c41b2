"""Command-line interface: a thin shell over the public API."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__
from .errors import ContentError, RenderOptionError, SelectionError, UnknownLocaleError
from .handout import MAX_OWN_QUESTIONS, build_handout
from .loader import load_guide, load_guide_file
from .outline import SECTION_IDS
from .render import FORMATS, RenderOptions, render
from .schema import generate_schema, guide_schema, schema_text

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _validate(files: Sequence[str], out: TextIO) -> int:
    status = EXIT_OK
    for name in files:
        try:
            load_guide_file(name)
        except ContentError as error:
            status = EXIT_INVALID
            for problem in error.problems:
                out.write(f"{name}: {problem.path}: {problem.message}\n")
        except OSError as error:
            status = EXIT_INVALID
            out.write(f"{name}: cannot be read: {error.strerror or error}\n")
        else:
            out.write(f"{name}: valid\n")
    return status


def _schema(from_models: bool, out: TextIO) -> int:
    out.write(schema_text(generate_schema() if from_models else guide_schema()))
    return EXIT_OK


def _width(value: str) -> int | str:
    if value.lower() == "none":
        return "none"
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number or 'none', not {value!r}") from None


def _render(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    options: RenderOptions = {}
    if args.sections:
        options["sections"] = args.sections
    if args.heading_level is not None:
        options["heading_level"] = args.heading_level
    if args.document:
        options["document"] = True
    if args.id_prefix is not None:
        options["id_prefix"] = args.id_prefix
    if args.width is not None:
        options["width"] = None if args.width == "none" else args.width
    source = args.content or f"locale {args.locale}"
    try:
        guide = load_guide_file(args.content) if args.content else load_guide(args.locale)
        text = render(guide, args.format, **options)
    except RenderOptionError as error:
        err.write(f"oncology-second-opinion render: {_flag(error.option)}: {error}\n")
        return EXIT_USAGE
    except UnknownLocaleError as error:
        err.write(f"oncology-second-opinion render: {error}\n")
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            err.write(f"{source}: {problem.path}: {problem.message}\n")
        return EXIT_INVALID
    except OSError as error:
        err.write(f"{source}: cannot be read: {error.strerror or error}\n")
        return EXIT_INVALID
    except ValueError as error:
        err.write(f"{source}: cannot be rendered: {error}\n")
        return EXIT_INVALID
    if args.output is None:
        out.write(text)
        return EXIT_OK
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        err.write(f"{args.output}: cannot be written: {error.strerror or error}\n")
        return EXIT_INVALID
    return EXIT_OK


def _flag(option: str) -> str:
    return "--" + option.replace("_", "-") if option != "sections" else "--section"


#: The handout flag of each argument of build_handout, for error messages.
_HANDOUT_FLAGS = {
    "indications": "--indication",
    "records_on_hand": "--have",
    "questions": "--question",
    "own_questions": "--own-question",
    "treatment_starts_soon": "--starts-soon",
}


def _handout(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    prog = "oncology-second-opinion handout"
    options: RenderOptions = {}
    if args.heading_level is not None:
        options["heading_level"] = args.heading_level
    if args.document:
        options["document"] = True
    if args.id_prefix is not None:
        options["id_prefix"] = args.id_prefix
    if args.width is not None:
        options["width"] = None if args.width == "none" else args.width
    source = args.content or f"locale {args.locale}"
    try:
        guide = load_guide_file(args.content) if args.content else load_guide(args.locale)
        handout = build_handout(
            guide,
            indications=args.indications,
            records_on_hand=args.records_on_hand,
            questions=args.questions,
            own_questions=args.own_questions,
            treatment_starts_soon=args.starts_soon,
        )
        text = render(handout, args.format, **options)
    except SelectionError as error:
        err.write(f"{prog}: {_HANDOUT_FLAGS.get(error.field, error.field)}: {error}\n")
        return EXIT_USAGE
    except RenderOptionError as error:
        err.write(f"{prog}: {_flag(error.option)}: {error}\n")
        return EXIT_USAGE
    except UnknownLocaleError as error:
        err.write(f"{prog}: {error}\n")
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            err.write(f"{source}: {problem.path}: {problem.message}\n")
        return EXIT_INVALID
    except OSError as error:
        err.write(f"{source}: cannot be read: {error.strerror or error}\n")
        return EXIT_INVALID
    except ValueError as error:
        err.write(f"{source}: cannot be rendered: {error}\n")
        return EXIT_INVALID
    if args.output is None:
        out.write(text)
        return EXIT_OK
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        err.write(f"{args.output}: cannot be written: {error.strerror or error}\n")
        return EXIT_INVALID
    return EXIT_OK


def _add_handout_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    handout = commands.add_parser(
        "handout",
        help="a personal handout: the situations, records and questions you choose",
        description=(
            "Build a personal handout to bring to the treating doctor or a second-opinion team "
            "from the items of the guide you choose (by id), plus questions of your own, and "
            "render it as Markdown, HTML or plain text. Unknown ids are refused, naming the "
            "valid ones."
        ),
    )
    handout.add_argument("--format", required=True, choices=FORMATS, help="output format")
    source = handout.add_mutually_exclusive_group()
    source.add_argument("--locale", default="en", help="a packaged locale (default: en)")
    source.add_argument("--content", metavar="FILE", help="use your own content file (JSON)")
    selection = [
        ("--indication", "indications", "ID", "a situation that applies (an indication id)"),
        ("--have", "records_on_hand", "ID", "a record you already have (a record id)"),
        ("--question", "questions", "ID", "a question of the guide you will ask (a question id)"),
        (
            "--own-question",
            "own_questions",
            "TEXT",
            f"a question in your own words (at most {MAX_OWN_QUESTIONS})",
        ),
    ]
    for flag, dest, metavar, help_ in selection:
        handout.add_argument(
            flag, action="append", dest=dest, default=[], metavar=metavar, help=help_ + "; repeat"
        )
    handout.add_argument(
        "--starts-soon",
        action="store_true",
        help="treatment should start soon: put the guide's timing caveat first",
    )
    handout.add_argument(
        "--heading-level",
        type=int,
        choices=range(1, 7),
        metavar="N",
        help="level of the top heading, 1 to 6 (default: 1)",
    )
    handout.add_argument(
        "--document",
        action="store_true",
        help="html: a complete printable page instead of a fragment",
    )
    handout.add_argument(
        "--id-prefix", metavar="PREFIX", help="html: prefix of every id (default: oso-)"
    )
    handout.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="text: wrap lines at N characters (default: 72), or 'none' not to wrap",
    )
    handout.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, exposed so documentation can be checked against it."""
    parser = argparse.ArgumentParser(
        prog="oncology-second-opinion",
        description="Patient guidance about seeking a cancer second opinion.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check content files; print every problem as FILE: $.path: message"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a guide content file (JSON)")

    schema = commands.add_parser("schema", help="print the JSON Schema of a guide content file")
    schema.add_argument(
        "--from-models",
        action="store_true",
        help="generate it from this version's models (maintainers regenerate schemas/ with this)",
    )

    render_ = commands.add_parser(
        "render",
        help="render the guide as Markdown, HTML or plain text",
        description="Render the guide, or chosen sections of it, as Markdown, HTML or plain text.",
    )
    render_.add_argument("--format", required=True, choices=FORMATS, help="output format")
    source = render_.add_mutually_exclusive_group()
    source.add_argument("--locale", default="en", help="a packaged locale (default: en)")
    source.add_argument(
        "--content", metavar="FILE", help="render your own content file (JSON) instead"
    )
    render_.add_argument(
        "--section",
        action="append",
        dest="sections",
        choices=SECTION_IDS,
        metavar="ID",
        help=f"render only this section; repeat to add more, in order ({', '.join(SECTION_IDS)})",
    )
    render_.add_argument(
        "--heading-level",
        type=int,
        choices=range(1, 7),
        metavar="N",
        help="level of the top heading, 1 to 6 (default: 1)",
    )
    render_.add_argument(
        "--document",
        action="store_true",
        help="html: a complete page with a print-friendly stylesheet instead of a fragment",
    )
    render_.add_argument(
        "--id-prefix", metavar="PREFIX", help="html: prefix of every id (default: oso-)"
    )
    render_.add_argument(
        "--width",
        type=_width,
        metavar="N",
        help="text: wrap lines at N characters (default: 72), or 'none' not to wrap",
    )
    render_.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
    )
    _add_handout_parser(commands)
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status instead of exiting."""
    if out is None:
        out = sys.stdout
        # The guide is UTF-8 text (typographic apostrophes, checkbox glyphs); write it as such
        # even where the console's default encoding is narrower.
        reconfigure = getattr(out, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    err = err if err is not None else sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    if args.command == "validate":
        return _validate(args.files, out)
    if args.command == "render":
        return _render(args, out, err)
    if args.command == "handout":
        return _handout(args, out, err)
    return _schema(args.from_models, out)
