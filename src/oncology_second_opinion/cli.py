"""Command-line interface: a thin shell over the public API."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from . import __version__
from .errors import ContentError, printable
from .loader import load_guide_file
from .schema import generate_schema, guide_schema, schema_text

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def _writer(out: TextIO) -> Callable[[str], None]:
    """Write one line, escaped so that it is one line, holds no terminal control sequence, and
    encodes in the stream's encoding whatever the file name or the content."""
    encoding = getattr(out, "encoding", None) or "utf-8"

    def write(line: str) -> None:
        line = printable(line)
        try:
            line.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            line = line.encode("ascii", "backslashreplace").decode("ascii")
        out.write(line + "\n")

    return write


def _validate(files: Sequence[str], out: TextIO) -> int:
    """Check each file; never writes anywhere but ``out``."""
    write = _writer(out)
    status = EXIT_OK
    for name in files:
        try:
            load_guide_file(name)
        except ContentError as error:
            status = EXIT_INVALID
            for problem in error.problems:
                write(f"{name}: {problem.path}: {problem.message}")
        except OSError as error:
            status = EXIT_INVALID
            write(f"{name}: cannot be read: {error.strerror or type(error).__name__}")
        except ValueError:  # a path the operating system refuses, such as one holding a NUL
            status = EXIT_INVALID
            write(f"{name}: cannot be read: not a valid file name")
        else:
            write(f"{name}: valid")
    return status


def _schema(from_models: bool, out: TextIO) -> int:
    out.write(schema_text(generate_schema() if from_models else guide_schema()))
    return EXIT_OK


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
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    out = out if out is not None else sys.stdout
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    if args.command == "validate":
        return _validate(args.files, out)
    return _schema(args.from_models, out)
