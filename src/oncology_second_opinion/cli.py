"""Command-line interface: a thin shell over the public API."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from . import __version__
from .errors import ContentError, UnknownLocaleError
from .fhir import to_fhir_questionnaire
from .jsonld import to_jsonld
from .loader import load_guide, load_guide_file
from .models import Guide
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


def _content_json(guide: Guide) -> dict[str, Any]:
    return guide.model_dump(mode="json")


#: Export formats of ``oncology-second-opinion export``, each a function of the public API.
EXPORTERS: dict[str, Callable[[Guide], dict[str, Any]]] = {
    "json": _content_json,
    "fhir": to_fhir_questionnaire,
    "jsonld": to_jsonld,
}


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    locale = args.locale or "en"
    from_file = args.content is not None
    source = args.content if from_file else f"locale {locale}"
    try:
        guide = load_guide_file(args.content) if from_file else load_guide(locale)
    except UnknownLocaleError as error:
        err.write(f"oncology-second-opinion export: {error}\n")
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            err.write(f"{source}: {problem.path}: {problem.message}\n")
        return EXIT_INVALID
    except OSError as error:
        err.write(f"{source}: cannot be read: {error.strerror or error}\n")
        return EXIT_INVALID
    exported = EXPORTERS[args.format](guide)
    text = json.dumps(exported, ensure_ascii=False, indent=2) + "\n"
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

    export = commands.add_parser(
        "export",
        help="export the guide as content JSON, a FHIR R4 Questionnaire or schema.org JSON-LD",
        description=(
            "Export the guide as its content JSON (json), a FHIR R4 Questionnaire (fhir) or a "
            "schema.org MedicalWebPage in JSON-LD (jsonld), written as UTF-8 JSON."
        ),
    )
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS), help="export format")
    source = export.add_mutually_exclusive_group()
    # No argparse default: argparse cannot tell '--locale en' from the default 'en' and would let
    # it pass together with --content.
    source.add_argument("--locale", help="a packaged locale (default: en)")
    source.add_argument(
        "--content", metavar="FILE", help="export your own content file (JSON) instead"
    )
    export.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
    )
    return parser


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status instead of exiting."""
    if out is None:
        out = sys.stdout
        # Exports are UTF-8 text (typographic apostrophes, any language); write them as such
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
    if args.command == "export":
        return _export(args, out, err)
    return _schema(args.from_models, out)
