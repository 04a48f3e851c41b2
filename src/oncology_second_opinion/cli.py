"""Command-line interface: a thin shell over the public API."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime
import errno
import io
import json
import os
import re
import sys
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO, cast

from . import __version__, _writers
from ._atomic import write_file
from ._diff import Side, diff_guides, diff_json, diff_lines, diff_markdown
from ._errors import (
    ContentError,
    Problem,
    RenderOptionError,
    SelectionError,
    UnknownEditionError,
    UnknownLocaleError,
    printable,
)
from ._fhir import PUBLICATION_STATUSES, to_fhir_questionnaire
from ._fields import LANGUAGE_TAG_PATTERN, SLUG_PATTERN
from ._fingerprint import content_json, fingerprint
from ._handout import MAX_OWN_QUESTIONS, build_handout
from ._ids import id_lines, id_listing
from ._jsonld import script_safe, to_jsonld
from ._loader import (
    available_editions,
    load_guide,
    load_guide_file,
    parse_guide,
    read_content_file,
)
from ._models import OPTIONAL_SECTIONS, PACKAGED_SECTIONS, STANDARD, Guide
from ._outline import SECTION_IDS
from ._render import LAYOUT_OPTIONS, render
from ._schema import generate_schema, guide_schema, schema_checker, schema_text
from ._split import split_messages
from ._stylesheet import stylesheet
from ._translation import check

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
#: Interrupted by the user (Ctrl-C): 128 plus SIGINT's number, as shells report it.
EXIT_INTERRUPTED = 130
PROG = "oncology-second-opinion"


class _OutputFailedError(Exception):
    """Standard output could not be written: closed, or a pipe whose reader has gone."""

    def __init__(self, error: OSError | ValueError) -> None:
        super().__init__(error)
        self.error = error


def _put(out: TextIO, text: str) -> None:
    """Write to standard output (or the stream given for it), now, or fail with
    :class:`_OutputFailedError`."""
    try:
        out.write(text)
        out.flush()
    except (OSError, ValueError) as error:  # ValueError: a closed file
        raise _OutputFailedError(error) from None


def _escaped(line: str, out: object) -> str:
    """``line`` escaped so that it is one line, holds no terminal control sequence, and encodes
    in the stream's encoding whatever the file name or the content."""
    encoding = getattr(out, "encoding", None) or "utf-8"
    line = printable(line)
    try:
        line.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        line = line.encode("ascii", "backslashreplace").decode("ascii")
    return line


def _writer(out: TextIO) -> Callable[[str], None]:
    """Write one line of standard output, escaped (see :func:`_escaped`)."""

    def write(line: str) -> None:
        _put(out, _escaped(line, out) + "\n")

    return write


def _complainer(err: TextIO | None) -> Callable[[str], None]:
    """Write one escaped line to the error stream; with no error stream left to write to (closed
    by the caller), say nothing rather than fail: the exit status still tells."""

    def complain(line: str) -> None:
        if err is None:
            return
        with contextlib.suppress(OSError, ValueError):
            err.write(_escaped(line, err) + "\n")
            err.flush()

    return complain


class _Parser(argparse.ArgumentParser):
    """argparse, with its own messages escaped like every other message (they quote the command
    line: file names, values), and silent rather than failing when the stream is closed."""

    def error(self, message: str) -> NoReturn:
        # argparse's own, except that a closed error stream sends the usage nowhere rather than
        # to standard output, where it would pass for the command's output.
        self._print_message(self.format_usage(), sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {printable(message)}\n")

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        # A command refuses an argument it does not know itself, with its own usage, instead of
        # leaving it to the top-level parser, whose usage names no option of the command.
        parsed, unknown = super().parse_known_args(args, namespace)
        if unknown:
            self.error(f"unrecognized arguments: {' '.join(unknown)}")
        return parsed, unknown

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        if not message:
            return
        stream = file if file is not None else sys.stderr
        if stream is None:
            return
        text = "\n".join(_escaped(line, stream) for line in message.split("\n"))
        with contextlib.suppress(OSError, ValueError):
            stream.write(text)
            getattr(stream, "flush", lambda: None)()


def _io_problem(error: OSError | ValueError) -> str:
    """Why a file could not be opened, read or written, without echoing the file's name."""
    if isinstance(error, OSError):
        return error.strerror or type(error).__name__
    return "not a valid file name"  # the operating system refuses it, such as one holding a NUL


def _overdue(guide: Guide, today: datetime.date) -> Problem | None:
    """The problem of a clinical review that is overdue ``today``, if it is."""
    review = guide.review.clinical_review
    if review is None or not guide.review.is_overdue(today):
        return None
    return Problem(
        "$.review.clinical_review.next_review_due",
        f"the clinical review was due again on {review.next_review_due.isoformat()} and is "
        f"overdue (today is {today.isoformat()}); have the content reviewed and record the review",
    )


def _validate(
    files: Sequence[str],
    out: TextIO,
    err: TextIO | None,
    *,
    with_schema: bool,
    fail_overdue: bool,
) -> int:
    """Check each file; never writes anywhere but ``out`` and ``err``."""
    write = _writer(out)
    schema_problems: Callable[[bytes], list[Problem]] | None = None
    if with_schema:
        try:
            schema_problems = schema_checker()
        except ModuleNotFoundError as error:
            _complainer(err)(f"{PROG} validate: --schema: {error}")
            return EXIT_USAGE
    status = EXIT_OK
    for name in files:
        try:
            data = read_content_file(name)
        except (OSError, ValueError) as error:
            status = EXIT_INVALID
            write(f"{name}: cannot be read: {_io_problem(error)}")
            continue
        problems: list[Problem] = []
        try:
            overdue = _overdue(parse_guide(data), datetime.date.today())
        except ContentError as error:
            problems.extend(error.problems)
            overdue = None
        if schema_problems is not None:
            problems.extend(schema_problems(data))
        if overdue is not None and fail_overdue:
            problems.append(overdue)
        elif overdue is not None:
            write(f"{name}: {overdue.path}: warning: {overdue.message}")
        for problem in problems:
            write(f"{name}: {problem.path}: {problem.message}")
        if problems:
            status = EXIT_INVALID
        else:
            write(f"{name}: valid")
    return status


def _schema(from_models: bool, out: TextIO) -> int:
    _put(out, schema_text(generate_schema() if from_models else guide_schema()))
    return EXIT_OK


def _command_line_value(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """``parse`` with its :class:`ValueError` turned into argparse's own usage error."""

    def convert(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None

    return convert


def _flag(option: str) -> str:
    return "--" + option.replace("_", "-") if option != "sections" else "--section"


#: The handout's selection flags: flag, argument of build_handout, metavar, help.
_HANDOUT_SELECTION = (
    ("--indication", "indications", "ID", "a situation that applies (an indication id)"),
    ("--have", "records_on_hand", "ID", "a record you already have (a record id)"),
    ("--question", "questions", "ID", "a question of the guide you will ask (a question id)"),
    (
        "--own-question",
        "own_questions",
        "TEXT",
        f"a question in your own words (at most {MAX_OWN_QUESTIONS})",
    ),
)
#: The flag of each argument of build_handout, for error messages.
_HANDOUT_FLAGS = {
    **{dest: flag for flag, dest, _, _ in _HANDOUT_SELECTION},
    "treatment_starts_soon": "--starts-soon",
}


def _format_options() -> dict[str, tuple[dataclasses.Field[Any], list[str]]]:
    """Every option of the registered formats, with the formats that take it."""
    options: dict[str, tuple[dataclasses.Field[Any], list[str]]] = {}
    for writer in _writers.WRITERS.values():
        for option in dataclasses.fields(writer.options):
            options.setdefault(option.name, (option, []))[1].append(writer.name)
    return options


#: Export formats of ``oncology-second-opinion export``, each a function of the public API.
EXPORTERS: Mapping[str, Callable[[Guide], dict[str, Any]]] = MappingProxyType(
    {
        "json": content_json,
        "fhir": to_fhir_questionnaire,
        "jsonld": to_jsonld,
    }
)


#: Options of ``export --format fhir``: the keyword arguments of ``to_fhir_questionnaire``.
FHIR_OPTIONS = MappingProxyType(
    {
        "url": "the Questionnaire's canonical URL (default: urn:oncology-second-opinion:"
        "questionnaire:LOCALE, and :LOCALE:EDITION for an edition other than standard); give "
        "your own edition its own",
        "id": "the resource id (default: none)",
        "name": "the computable name (default: computed from the title)",
        "date": "the publication date, a FHIR dateTime such as 2026-11-30 (default: none)",
        "status": "the publication status (default: draft unless the content is clinically "
        "reviewed)",
    }
)

_UNSET = object()


def _render_options(args: argparse.Namespace) -> dict[str, Any]:
    """The render options the command line gave: only those given, so defaults stay the API's."""
    options: dict[str, Any] = {}
    for name in (*LAYOUT_OPTIONS, *_format_options()):
        value = getattr(args, name, _UNSET)
        if value is not _UNSET:
            options[name] = value
    return options


def _produce(args: argparse.Namespace, guide: Guide) -> str:
    """The text a guide-producing command writes: the one place the commands differ."""
    if args.command == "export":
        fhir = {
            name: getattr(args, name) for name in FHIR_OPTIONS if getattr(args, name) is not None
        }
        if args.format == "fhir":
            exported = to_fhir_questionnaire(guide, **fhir)
        elif fhir:
            option = next(iter(fhir))
            raise RenderOptionError("only with --format fhir", option=option)
        else:
            exported = EXPORTERS[args.format](guide)
        text = _json_text(exported)
        # JSON-LD's home is a script element in a page: written so that it can be pasted there.
        return script_safe(text) if args.format == "jsonld" else text
    if args.command == "fingerprint":
        return fingerprint(guide) + "\n"
    if args.command == "ids":
        listing = id_listing(guide)
        if args.format == "json":
            return json.dumps(listing, ensure_ascii=False, indent=2) + "\n"
        return "".join(printable(line) + "\n" for line in id_lines(listing))
    if args.command == "messages":
        messages = split_messages(
            guide,
            max_chars=args.max_chars,
            sections=getattr(args, "sections", None),
            gsm7=args.gsm7,
            omit_disclaimer=args.omit_disclaimer,
        )
        return "".join(json.dumps(message, ensure_ascii=False) + "\n" for message in messages)
    options = _render_options(args)
    if args.command == "handout":
        handout = build_handout(
            guide,
            indications=args.indications,
            records_on_hand=args.records_on_hand,
            questions=args.questions,
            own_questions=args.own_questions,
            treatment_starts_soon=args.starts_soon,
        )
        return render(handout, args.format, **options)
    return render(guide, args.format, **options)


def _packaged_name(locale: str, edition: str) -> str:
    """How messages name a packaged guide: ``locale en``, ``locale en, edition plain``."""
    return f"locale {locale}" + ("" if edition == STANDARD else f", edition {edition}")


#: A packaged guide as one argument of ``diff``: its locale, and after a colon its edition.
_PACKAGED_SPEC = re.compile(
    f"(?P<locale>{LANGUAGE_TAG_PATTERN[1:-1]})(?::(?P<edition>{SLUG_PATTERN[1:-1]}))?"
)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO | None) -> int:
    """Load the guide named by --locale or --content, produce the command's text, write it."""
    complain = _complainer(err)
    prog = f"{PROG} {args.command}"
    locale = args.locale or "en"
    edition = STANDARD if args.edition is None else args.edition
    if args.content is not None and args.edition is not None:
        complain(f"{prog}: --edition: only for a packaged guide, not with --content")
        return EXIT_USAGE
    source = args.content if args.content is not None else _packaged_name(locale, edition)
    try:
        guide = (
            load_guide_file(args.content)
            if args.content is not None
            else load_guide(locale, edition)
        )
    except UnknownLocaleError as error:
        complain(
            f"{prog}: --locale: no packaged guide for locale {error.locale!r}; available "
            f"locales: {', '.join(error.available)}. For your own content file, use --content FILE."
        )
        return EXIT_USAGE
    except UnknownEditionError as error:
        complain(f"{prog}: --edition: {error}")
        return EXIT_USAGE
    except ContentError as error:
        for problem in error.problems:
            complain(f"{source}: {problem.path}: {problem.message}")
        return EXIT_INVALID
    except (OSError, ValueError) as error:
        complain(f"{source}: cannot be read: {_io_problem(error)}")
        return EXIT_INVALID
    try:
        text = _produce(args, guide)
    except SelectionError as error:
        complain(f"{prog}: {_HANDOUT_FLAGS.get(error.field, error.field)}: {error}")
        return EXIT_USAGE
    except RenderOptionError as error:
        complain(f"{prog}: {_flag(error.option)}: {error}")
        return EXIT_USAGE
    except ValueError as error:  # a link refused by a writer, in a guide built unvalidated
        complain(f"{source}: cannot be rendered: {error}")
        return EXIT_INVALID
    return _emit(text, args.output, out, err)


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO | None) -> int:
    """Compare two guides; exit 0 when equal, 1 when different, 2 on trouble, like diff."""
    complain = _complainer(err)
    sides = []
    for spec in (args.old, args.new):
        packaged = _PACKAGED_SPEC.fullmatch(spec)
        try:
            guide = (
                load_guide(packaged["locale"], packaged["edition"] or STANDARD)
                if packaged
                else load_guide_file(spec)
            )
            sides.append(Side(spec, guide))
        except UnknownLocaleError as error:
            complain(
                f"{PROG} diff: no packaged guide for locale {error.locale!r}; "
                f"available locales: {', '.join(error.available)}. For a file, give its path "
                f"(such as ./{spec})."
            )
            return EXIT_USAGE
        except UnknownEditionError as error:
            complain(f"{PROG} diff: {error}. For a file, give its path (such as ./{spec}).")
            return EXIT_USAGE
        except ContentError as error:
            for problem in error.problems:
                complain(f"{spec}: {problem.path}: {problem.message}")
            return EXIT_USAGE
        except (OSError, ValueError) as error:
            complain(f"{spec}: cannot be read: {_io_problem(error)}")
            return EXIT_USAGE
    old, new = sides
    diff = diff_guides(old.guide, new.guide)
    if args.format == "json":
        text = json.dumps(diff_json(diff, old, new), ensure_ascii=False, indent=2) + "\n"
    elif args.format == "markdown":
        text = diff_markdown(diff, old, new)
    else:
        text = "".join(printable(line) + "\n" for line in diff_lines(diff, old, new))
    if _emit(text, args.output, out, err) != EXIT_OK:
        return EXIT_USAGE
    return EXIT_OK if diff.equal else EXIT_INVALID


def _emit(text: str, output: str | None, out: TextIO, err: TextIO | None) -> int:
    """Write ``text`` to the file ``output`` (UTF-8), or to ``out`` if there is none."""
    if output is None:
        _put(out, text)
        return EXIT_OK
    try:
        write_file(output, text)
    except (OSError, ValueError) as error:
        _complainer(err)(f"{output}: cannot be written: {_io_problem(error)}")
        return EXIT_INVALID
    return EXIT_OK


#: What ``translate check`` says of each kind of finding.
_FINDINGS = {
    "untranslated": "untranslated",
    "stale": "stale: its source changed after it was translated",
    "obsolete": "obsolete: its source no longer has it",
}


class _TranslateError(Exception):
    """A ``translate`` step cannot go on: the lines to say, and the exit status."""

    def __init__(self, status: int, *lines: str) -> None:
        super().__init__(*lines)
        self.status = status
        self.lines = lines


def _read_guide(name: str | None, locale: str, edition: str, status: int) -> Guide:
    """The guide in the file ``name``, or else the packaged guide of ``locale`` in ``edition``."""
    source = name if name is not None else _packaged_name(locale, edition)
    try:
        return load_guide_file(name) if name is not None else load_guide(locale, edition)
    except UnknownLocaleError as error:
        raise _TranslateError(
            EXIT_USAGE,
            f"no packaged guide for locale {error.locale!r}; available locales: "
            f"{', '.join(error.available)}; give its file with --source",
        ) from None
    except UnknownEditionError as error:
        raise _TranslateError(EXIT_USAGE, f"{error}; give its file with --source") from None
    except ContentError as error:
        lines = (f"{source}: {problem.path}: {problem.message}" for problem in error.problems)
        raise _TranslateError(status, *lines) from None
    except (OSError, ValueError) as error:
        raise _TranslateError(status, f"{source}: cannot be read: {_io_problem(error)}") from None


def _translate_check(args: argparse.Namespace, out: TextIO) -> int:
    """0 when complete and fresh, 1 listing what is not, 2 when it cannot tell."""
    translation = _read_guide(args.file, "", STANDARD, EXIT_USAGE)
    record = translation.translated_from
    if record is None:
        raise _TranslateError(
            EXIT_USAGE, f"{args.file}: records no translation (translated_from): nothing to check"
        )
    source = _read_guide(args.source, record.locale, record.edition, EXIT_USAGE)
    findings = check(translation, source)
    write = _writer(out)
    for finding in findings:
        write(f"{args.file}: {finding.path}: {_FINDINGS[finding.state]}")
    if findings:
        return EXIT_INVALID
    write(f"{args.file}: complete and fresh")
    return EXIT_OK


def _translate(args: argparse.Namespace, out: TextIO, err: TextIO | None) -> int:
    from . import _po  # reads and writes PO files with the optional polib

    try:
        if args.step == "check":
            return _translate_check(args, out)
        if args.step == "extract":
            if args.source is not None and args.edition is not None:
                raise _TranslateError(
                    EXIT_USAGE, "--edition: only for the packaged source, not with --source"
                )
            edition = STANDARD if args.edition is None else args.edition
            source = _read_guide(args.source, "en", edition, EXIT_INVALID)
            if not re.fullmatch(LANGUAGE_TAG_PATTERN, args.locale):
                raise _TranslateError(
                    EXIT_USAGE, f"--locale must be a language tag such as 'es', not {args.locale!r}"
                )
            translation = None
            packaged = {(entry.locale, entry.edition) for entry in available_editions()}
            if args.translation is not None or (args.locale, edition) in packaged:
                translation = _read_guide(args.translation, args.locale, edition, EXIT_INVALID)
            return _emit(_po.extract(source, args.locale, translation), args.output, out, err)
        try:
            with open(args.po, encoding="utf-8") as handle:
                po_text = handle.read()
        except (OSError, ValueError) as error:
            raise _TranslateError(
                EXIT_INVALID, f"{args.po}: cannot be read: {_io_problem(error)}"
            ) from None
        source_locale, source_edition = _po.source_of(po_text)
        source = _read_guide(args.source, source_locale, source_edition, EXIT_INVALID)
        try:
            guide = _po.build(po_text, source)
        except ContentError as error:
            lines = (f"{args.po}: {problem.path}: {problem.message}" for problem in error.problems)
            raise _TranslateError(EXIT_INVALID, *lines) from None
        return _emit(_json_text(content_json(guide)), args.output, out, err)
    except ModuleNotFoundError as error:
        _complainer(err)(f"{PROG} translate: {error}")
        return EXIT_USAGE
    except _TranslateError as error:
        complain = _complainer(err)
        for line in error.lines:
            complain(f"{PROG} translate {args.step}: {line}")
        return error.status


def _json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _add_translate_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    translate = commands.add_parser(
        "translate",
        help="translate the guide with gettext PO files, and check a translation",
        description=(
            "Translate the guide in the tools translators use: extract a PO file, translate it, "
            "build a content file from it; check that a translated content file is complete and "
            "that none of its strings went stale when the source changed. extract and build need "
            'the optional polib: pip install "oncology-second-opinion[translate]".'
        ),
    )
    steps = translate.add_subparsers(dest="step", required=True, metavar="STEP")
    source_help = (
        "the guide to translate, a content file (default: the packaged English guide; for "
        "build, the packaged guide and edition the PO file says it translates)"
    )
    extract = steps.add_parser(
        "extract",
        help="write a PO file of every string to translate",
        description=(
            "Write a PO file: one entry per string of the guide (msgctxt its path, msgid the "
            "source text, msgstr the current translation, fuzzy where the source changed since)."
        ),
    )
    extract.add_argument(
        "--locale", required=True, help="the language to translate into, such as es"
    )
    extract.add_argument(
        "--edition",
        help=(
            "the edition to translate, of the packaged English guide and of the packaged "
            "translation (default: standard)"
        ),
    )
    extract.add_argument(
        "--translation",
        metavar="FILE",
        help="the current translation (default: the packaged guide of --locale, if there is one)",
    )
    build = steps.add_parser(
        "build",
        help="turn a translated PO file into a validated content file",
        description=(
            "Turn a PO file into a content file (JSON) of the translated guide, validated. Like "
            "msgfmt, fuzzy and empty entries are left in the source language, and recorded as "
            "untranslated."
        ),
    )
    build.add_argument("po", metavar="PO", help="the translated PO file")
    for step in (extract, build):
        step.add_argument("--source", metavar="FILE", help=source_help)
        step.add_argument(
            "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
        )
    check_ = steps.add_parser(
        "check",
        help="list every untranslated and stale string of a translated content file",
        description=(
            "List every string of a translated content file that is untranslated, stale (its "
            "source changed after it was translated) or obsolete, by path. Exit status 0 when "
            "the translation is complete and fresh, 1 when it is not, 2 on error."
        ),
    )
    check_.add_argument("file", metavar="FILE", help="a translated content file (JSON)")
    check_.add_argument(
        "--source",
        metavar="FILE",
        help="the source guide (default: the packaged guide it was translated from)",
    )


def _add_source_and_output(command: argparse.ArgumentParser, what: str) -> None:
    source = command.add_mutually_exclusive_group()
    # No argparse default: argparse could not tell '--locale en' from the default and would let
    # it pass together with --content.
    source.add_argument("--locale", help="a packaged locale (default: en)")
    source.add_argument("--content", metavar="FILE", help=f"{what} your own content file (JSON)")
    command.add_argument(
        "--edition",
        help="an edition of the packaged guide, such as plain (default: standard)",
    )
    command.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
    )


#: The packaged sections only some guides have, in render order.
_OPTIONAL = tuple(section for section in PACKAGED_SECTIONS if section in OPTIONAL_SECTIONS)


def _add_section_option(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument(
        "--section",
        action="append",
        dest="sections",
        default=argparse.SUPPRESS,
        metavar="ID",
        help=(
            f"{what} only this section; repeat to add more, in order (sections of every guide: "
            f"{', '.join(SECTION_IDS)}; the plain edition adds {' and '.join(_OPTIONAL)}, a "
            "content file may add its own)"
        ),
    )


def _add_render_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", required=True, choices=tuple(_writers.WRITERS), help="output format"
    )
    command.add_argument(
        "--heading-level",
        type=int,
        choices=range(1, 7),
        metavar="N",
        default=argparse.SUPPRESS,
        help="level of the top heading, 1 to 6 (default: 1)",
    )
    command.add_argument(
        "--omit-disclaimer",
        action="store_true",
        default=argparse.SUPPRESS,
        help=(
            "leave out the disclaimer, which every render otherwise ends with; only if you show "
            "the reader the same safety information another way, on your own responsibility"
        ),
    )
    # Each format's own options, from the registry: a flag for a yes/no option, else a value.
    for name, (option, formats) in _format_options().items():
        help_ = f"{', '.join(formats)}: {option.metadata['help']}"
        parse = option.metadata["parse"]
        if parse is None:
            command.add_argument(
                _flag(name), action="store_true", default=argparse.SUPPRESS, help=help_
            )
        else:
            command.add_argument(
                _flag(name),
                type=_command_line_value(parse),
                metavar=option.metadata["metavar"],
                default=argparse.SUPPRESS,
                help=help_,
            )


def _add_handout_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
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
    _add_render_options(handout)
    _add_source_and_output(handout, "use")
    for flag, dest, metavar, help_ in _HANDOUT_SELECTION:
        handout.add_argument(
            flag, action="append", dest=dest, default=[], metavar=metavar, help=help_ + "; repeat"
        )
    handout.add_argument(
        "--starts-soon",
        action="store_true",
        help="treatment should start soon: put the guide's timing caveat first",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, exposed so documentation can be checked against it."""
    parser = _Parser(
        prog=PROG,
        description="Patient guidance about seeking a cancer second opinion.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

    validate = commands.add_parser(
        "validate", help="check content files; print every problem as FILE: $.path: message"
    )
    validate.add_argument("files", nargs="+", metavar="FILE", help="a guide content file (JSON)")
    validate.add_argument(
        "--schema",
        action="store_true",
        help=(
            "also validate with the published JSON Schema, as consumers in other languages do "
            "(needs the 'schema' extra: pip install 'oncology-second-opinion[schema]')"
        ),
    )
    validate.add_argument(
        "--fail-overdue",
        action="store_true",
        help=(
            "treat a clinical review that is overdue today as a problem (exit 1) instead of a "
            "warning, for CI"
        ),
    )

    schema = commands.add_parser("schema", help="print the JSON Schema of a guide content file")
    schema.add_argument(
        "--from-models",
        action="store_true",
        help="generate it from this version's models (maintainers regenerate schemas/ with this)",
    )

    stylesheet_ = commands.add_parser(
        "stylesheet",
        help="print the stylesheet of the HTML fragments",
        description=(
            "Print the stylesheet to include in a page that embeds an HTML fragment of the guide "
            "or a handout. It styles the fragments only."
        ),
    )
    stylesheet_.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
    )

    render_ = commands.add_parser(
        "render",
        help="render the guide as Markdown, HTML or plain text",
        description="Render the guide, or chosen sections of it, as Markdown, HTML or plain text.",
    )
    _add_render_options(render_)
    _add_source_and_output(render_, "render")
    _add_section_option(render_, "render")

    messages = commands.add_parser(
        "messages",
        help="split the guide into text messages of at most N characters, one JSON string a line",
        description=(
            "Split the guide, or chosen sections of it, into text messages in the compact text "
            "style, each at most N characters, numbered; print each as a JSON string on a line "
            "of its own (JSON Lines)."
        ),
    )
    messages.add_argument(
        "--max-chars", type=int, required=True, metavar="N", help="longest message (at least 40)"
    )
    messages.add_argument(
        "--gsm7",
        action="store_true",
        help="keep to the GSM-7 SMS alphabet where typography allows; N then counts as an SMS does",
    )
    _add_section_option(messages, "split")
    messages.add_argument(
        "--omit-disclaimer",
        action="store_true",
        help="leave out the disclaimer, on your own responsibility (see render --help)",
    )
    _add_source_and_output(messages, "split")

    export = commands.add_parser(
        "export",
        help="export the guide as content JSON, a FHIR R4 Questionnaire or schema.org JSON-LD",
        description=(
            "Export the guide as its content JSON (json), a FHIR R4 Questionnaire (fhir) or a "
            "schema.org MedicalWebPage in JSON-LD (jsonld), written as UTF-8 JSON."
        ),
    )
    export.add_argument("--format", required=True, choices=sorted(EXPORTERS), help="export format")
    for option, help_ in FHIR_OPTIONS.items():
        export.add_argument(
            _flag(option),
            **(
                {"choices": PUBLICATION_STATUSES}
                if option == "status"
                else {"metavar": option.upper()}
            ),
            help=f"with --format fhir: {help_}",
        )
    _add_source_and_output(export, "export")
    _add_handout_parser(commands)

    ids = commands.add_parser(
        "ids",
        help="list the guide's section and item ids with their headings and wording",
        description=(
            "List every section id of the guide in the order of a full render, with its heading, "
            "and under each section the ids of its items (indications, clarification topics and "
            "treatment goals, records, questions, sources, a content file's own items) with the "
            "item's wording: the ids render --section, handout and a form of your own take."
        ),
    )
    ids.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: a line per section and per item (default); json: a list of sections",
    )
    _add_source_and_output(ids, "list")

    fingerprint_ = commands.add_parser(
        "fingerprint",
        help="print the fingerprint of the guide's content, to pin the wording you approved",
        description=(
            "Print the fingerprint of the guide's content: 'sha256:' and the SHA-256 of its "
            "canonical JSON (keys sorted, no whitespace, UTF-8, optional parts left out when they "
            "hold their default). Equal content gives an equal fingerprint; any change of "
            "wording, ids, order, versions or review gives another."
        ),
    )
    _add_source_and_output(fingerprint_, "fingerprint")

    diff = commands.add_parser(
        "diff",
        help="compare two guides' content by stable ids, and check the version change",
        description=(
            "Compare two guides by stable ids and paths: items added and removed, and every "
            "string added, removed or changed with its old and new text; and say whether the "
            "change of content_version matches the versioning policy. Each side is a packaged "
            "locale (such as en) or the path of a content file or of a saved 'export --format "
            "json' snapshot. Exit status: 0 when the content is the same, 1 when it differs, "
            "2 on trouble."
        ),
    )
    diff.add_argument("old", metavar="OLD", help="the approved guide: a locale or a file")
    diff.add_argument("new", metavar="NEW", help="the guide to review: a locale or a file")
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text (default), markdown (for a review ticket) or json",
    )
    diff.add_argument(
        "--output", metavar="FILE", help="write to FILE (UTF-8) instead of standard output"
    )
    _add_translate_parser(commands)
    return parser


class _ClosedStream(io.TextIOBase):
    """Standard output when the process was started with it closed."""

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; return the exit status instead of exiting.

    Ctrl-C ends it with status 130 and one line; output that cannot be written (a closed
    standard output, a pipe whose reader has gone) with status 1, and no traceback either way.
    """
    real_stdout = out is None
    if out is None:
        out = sys.stdout if sys.stdout is not None else cast(TextIO, _ClosedStream())
        # The guide is UTF-8 text (typographic apostrophes, checkbox glyphs); write it as such
        # even where the console's default encoding is narrower.
        reconfigure = getattr(out, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(OSError, ValueError):
                reconfigure(encoding="utf-8")
    err = err if err is not None else sys.stderr
    try:
        return _main(argv, out, err)
    except KeyboardInterrupt:
        _complainer(err)(f"{PROG}: interrupted")
        return EXIT_INTERRUPTED
    except _OutputFailedError as failure:
        if isinstance(failure.error, BrokenPipeError):
            # The reader has gone (``| head``): nothing to say, and nothing left for the
            # interpreter to flush into the broken pipe at exit.
            if real_stdout:
                _discard_stdout()
        else:
            problem = _io_problem(failure.error)
            _complainer(err)(f"{PROG}: cannot write to standard output: {problem}")
        return EXIT_INVALID


def _discard_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _main(argv: Sequence[str] | None, out: TextIO, err: TextIO | None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    if args.command == "validate":
        return _validate(
            args.files, out, err, with_schema=args.schema, fail_overdue=args.fail_overdue
        )
    if args.command == "schema":
        return _schema(args.from_models, out)
    if args.command == "diff":
        return _diff(args, out, err)
    if args.command == "stylesheet":
        return _emit(stylesheet(), args.output, out, err)
    if args.command == "translate":
        return _translate(args, out, err)
    return _run(args, out, err)
