"""``render``: a guide, chosen sections of it, or a handout, in any registered format."""

import dataclasses
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from . import _writers
from ._errors import RenderOptionError
from ._handout import Handout
from ._ids import choose_ids
from ._models import Guide, SectionId
from ._outline import MAX_HEADING_LEVEL, Outline, build_handout_outline, build_outline
from ._writer import Writer, option_error

if TYPE_CHECKING:
    from typing_extensions import Unpack

#: The formats this release ships (``render`` takes any registered format's name).
Format = Literal["markdown", "html", "text"]

#: The output formats, in the order the documentation lists them.
FORMATS: tuple[str, ...] = tuple(_writers.WRITERS)


class RenderOptions(TypedDict, total=False):
    """Options of :func:`render`: the layout options every format takes, then each format's own."""

    sections: Sequence[SectionId | str]
    """Section ids to render, in the order given (default: every section of the guide): a list
    or tuple, not a set, whose order would vary."""
    heading_level: int
    """Level of the top heading, 1 to 6 (default 1); section headings sit one level below it,
    never deeper than 6."""
    omit_disclaimer: bool
    """Leave out the disclaimer, which every render otherwise ends with (default False). Only
    for a caller that shows the reader the same safety information another way, and takes
    responsibility for it."""
    document: bool
    """HTML: a complete page with its own stylesheet and a table of contents instead of a
    fragment (default False)."""
    id_prefix: str
    """HTML: prefix of every id, so anchors do not collide with the host page's (default
    ``"oso-"``). A letter followed by letters, digits, ``-`` or ``_``; or empty."""
    width: int | None
    """Text: wrap lines at this many characters (default 72, at least 20), or None not to wrap."""
    compact: bool
    """Text: for chat and text messages, the header on one line and no underlines, blank lines,
    answer lines or wrapping (default False)."""
    gsm7: bool
    """Text: write typographic characters the plain way the GSM-7 SMS alphabet can carry
    (default False)."""


#: Options every format takes: they shape the outline, not its spelling.
LAYOUT_OPTIONS = ("heading_level", "omit_disclaimer", "sections")
#: Layout options that only apply to a guide: a handout's sections follow from the reader's choice.
GUIDE_ONLY_OPTIONS = ("sections",)


def format_options(writer: Writer[Any]) -> tuple[str, ...]:
    """The names of a format's own options."""
    return tuple(option.name for option in dataclasses.fields(writer.options))


def _writer(format: object) -> Writer[Any]:
    writer = _writers.WRITERS.get(format) if isinstance(format, str) else None
    if writer is None:
        raise option_error(
            "format",
            f"unknown format {format!r}; valid formats: {', '.join(_writers.WRITERS)}",
            tuple(_writers.WRITERS),
        )
    return writer


def _check_names(format: str, options: Mapping[str, Any], handout: bool) -> None:
    layout = [name for name in LAYOUT_OPTIONS if not (handout and name in GUIDE_ONLY_OPTIONS)]
    valid = tuple(sorted([*layout, *format_options(_writers.WRITERS[format])]))
    for name in options:
        if name in valid:
            continue
        known = name in LAYOUT_OPTIONS or any(
            name in format_options(writer) for writer in _writers.WRITERS.values()
        )
        if handout and name in GUIDE_ONLY_OPTIONS:
            problem = f"option {name!r} does not apply to a handout"
        elif known:
            problem = f"option {name!r} does not apply to format {format!r}"
        else:
            problem = f"unknown option {name!r}"
        raise option_error(
            name, f"{problem}; valid options for {format!r}: {', '.join(valid)}", valid
        )


def _sections(value: object, guide: Guide) -> tuple[str, ...]:
    valid = guide.section_ids

    def refuse(message: str, offending: object) -> RenderOptionError:
        return option_error("sections", message, valid)

    chosen = choose_ids(value, valid, name="sections", refuse=refuse, ordered=True)
    if not chosen:
        raise refuse(f"sections must name at least one of: {', '.join(valid)}", value)
    return chosen


def _heading_level(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_HEADING_LEVEL:
        raise option_error(
            "heading_level",
            f"heading_level must be an integer from 1 to {MAX_HEADING_LEVEL}, not {value!r}",
        )
    return value


def _omit_disclaimer(value: object) -> bool:
    if not isinstance(value, bool):
        raise option_error(
            "omit_disclaimer", f"omit_disclaimer must be True or False, not {value!r}"
        )
    return value


def render(guide: Guide | Handout, format: Format | str, **options: "Unpack[RenderOptions]") -> str:
    """Render ``guide`` as ``"markdown"``, ``"html"`` or ``"text"``; the result ends with a newline.

    Every string in the output comes from the guide's content, so a translated guide renders fully
    translated. The header (title, content version, review statement) is always included; the
    ``sections`` option chooses the sections after it, among :attr:`Guide.section_ids`, and the
    disclaimer (the guide does not replace medical care) follows them if they leave it out, unless
    ``omit_disclaimer=True``. Output is deterministic: the same guide and options give the same
    bytes.

    ``guide`` may also be a :class:`Handout` (see :func:`build_handout`); it renders with the same
    options except ``sections``, and holds only the guide's wording and the reader's own questions.

    Raises :class:`RenderOptionError` (a :class:`ValueError`) for an unknown format or option, an
    option the format does not take, or an invalid value, naming what is valid; and
    :class:`ValueError` if a link's URL is not an absolute https URL (possible only for a guide
    built without validation, such as with ``model_construct``).
    """
    writer, outline, writer_options = compose(guide, format, options)
    return writer.write(outline, writer_options)


def compose(
    guide: Guide | Handout, format: Format | str, options: Mapping[str, Any]
) -> tuple[Writer[Any], Outline, Any]:
    """What :func:`render` writes: the format's writer, the laid-out document and the writer's
    options, once every option is checked."""
    if not isinstance(guide, Guide | Handout):
        raise TypeError(f"render() needs a Guide or a Handout, not {type(guide).__name__}")
    writer = _writer(format)
    handout = isinstance(guide, Handout)
    _check_names(writer.name, options, handout)
    level = _heading_level(options.get("heading_level", 1))
    omit_disclaimer = _omit_disclaimer(options.get("omit_disclaimer", False))
    own = {name: value for name, value in options.items() if name not in LAYOUT_OPTIONS}
    writer_options = writer.options(**own)
    if isinstance(guide, Handout):
        outline = build_handout_outline(guide, level, omit_disclaimer)
    else:
        sections = _sections(options["sections"], guide) if "sections" in options else None
        outline = build_outline(guide, sections, level, omit_disclaimer)
    return writer, outline, writer_options
