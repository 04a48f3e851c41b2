"""``render``: a guide, chosen sections of it, or a handout, as Markdown, HTML or plain text."""

# No ``from __future__ import annotations``: a TypedDict would turn each annotation back from a
# string by compiling it, a cost every program that imports the library pays.
import threading
import weakref
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from .errors import RenderOptionError
from .models import Guide
from .outline import (
    MAX_HEADING_LEVEL,
    SECTION_IDS,
    SectionId,
    build_handout_outline,
    build_outline,
)
from .writers import html, markdown, text

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .handout import Handout

Format = Literal["markdown", "html", "text"]

#: The output formats, in the order the documentation lists them.
FORMATS: tuple[Format, ...] = ("markdown", "html", "text")


class RenderOptions(TypedDict, total=False):
    """Options of :func:`render`. Each format accepts the ones listed in :data:`FORMAT_OPTIONS`."""

    sections: Iterable[SectionId]
    """Section ids to render, in the order given (default: all of :data:`SECTION_IDS`)."""
    heading_level: int
    """Level of the top heading, 1 to 6 (default 1); section headings sit one level below it,
    never deeper than 6."""
    document: bool
    """HTML: a complete page with its own stylesheet instead of a fragment (default False)."""
    id_prefix: str
    """HTML: prefix of every id, so anchors do not collide with the host page's (default
    ``"oso-"``). A letter followed by letters, digits, ``-`` or ``_``; or empty."""
    width: int | None
    """Text: wrap lines at this many characters (default 72, at least 20), or None not to wrap."""


#: The options each format accepts.
FORMAT_OPTIONS: Mapping[Format, tuple[str, ...]] = {
    "markdown": ("heading_level", "sections"),
    "html": ("document", "heading_level", "id_prefix", "sections"),
    "text": ("heading_level", "sections", "width"),
}


def _error(option: str, message: str, valid: Iterable[str] = ()) -> RenderOptionError:
    return RenderOptionError(message, option=option, valid=tuple(valid))


#: Options that only apply to a guide: a handout's sections follow from the reader's selection.
GUIDE_ONLY_OPTIONS = ("sections",)


def _check_names(format: Format, options: Mapping[str, Any], handout: bool) -> None:
    valid = FORMAT_OPTIONS[format]
    if handout:
        valid = tuple(name for name in valid if name not in GUIDE_ONLY_OPTIONS)
    for name in options:
        if name in valid:
            continue
        known = any(name in names for names in FORMAT_OPTIONS.values())
        if handout and name in GUIDE_ONLY_OPTIONS:
            problem = f"option {name!r} does not apply to a handout"
        elif known:
            problem = f"option {name!r} does not apply to format {format!r}"
        else:
            problem = f"unknown option {name!r}"
        raise _error(
            name, f"{problem}; valid options for {format!r}: {', '.join(valid)}", valid=valid
        )


def _sections(value: object) -> tuple[SectionId, ...]:
    valid = ", ".join(SECTION_IDS)
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise _error(
            "sections",
            f"sections must be a list of section ids such as ['overview', 'records'], "
            f"not {value!r}; valid ids: {valid}",
            SECTION_IDS,
        )
    chosen: list[SectionId] = []
    for item in value:
        if item not in SECTION_IDS:
            raise _error("sections", f"unknown section {item!r}; valid ids: {valid}", SECTION_IDS)
        if item in chosen:
            raise _error("sections", f"section {item!r} is listed more than once", SECTION_IDS)
        chosen.append(item)
    if not chosen:
        raise _error("sections", f"sections must name at least one of: {valid}", SECTION_IDS)
    return tuple(chosen)


def _heading_level(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_HEADING_LEVEL:
        raise _error(
            "heading_level", f"heading_level must be an integer from 1 to 6, not {value!r}"
        )
    return value


def _document(value: object) -> bool:
    if not isinstance(value, bool):
        raise _error("document", f"document must be True or False, not {value!r}")
    return value


def _id_prefix(value: object) -> str:
    if not isinstance(value, str) or not html.ID_PREFIX_PATTERN.fullmatch(value):
        raise _error(
            "id_prefix",
            "id_prefix must be empty or a letter followed by letters, digits, '-' or '_', "
            f"such as 'guide-'; not {value!r}",
        )
    return value


def _width(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < text.MIN_WIDTH:
        raise _error(
            "width", f"width must be None or an integer of at least {text.MIN_WIDTH}, not {value!r}"
        )
    return value


def render(guide: "Guide | Handout", format: Format, **options: "Unpack[RenderOptions]") -> str:
    """Render ``guide`` as ``"markdown"``, ``"html"`` or ``"text"``; the result ends with a newline.

    Every string in the output comes from the guide's content, so a translated guide renders fully
    translated. The header (title, content version, review statement) is always included; the
    ``sections`` option chooses the sections after it. Output is deterministic: the same guide and
    options give the same bytes.

    ``guide`` may also be a :class:`Handout` (see :func:`build_handout`); it renders with the same
    options except ``sections``, and holds only the guide's wording and the reader's own questions.

    Raises :class:`RenderOptionError` (a :class:`ValueError`) for an unknown format or option, an
    option the format does not take, or an invalid value, naming what is valid; and
    :class:`ValueError` if a link's URL is not an absolute https URL (possible only for a guide
    built without validation, such as with ``model_construct``).
    """
    handout = not isinstance(guide, Guide)
    if handout:
        # Imported here, not at the top: programs that never build a handout do not load it.
        from .handout import Handout

        if not isinstance(guide, Handout):
            raise TypeError(f"render() needs a Guide or a Handout, not {type(guide).__name__}")
    if format not in FORMAT_OPTIONS:
        raise _error(
            "format", f"unknown format {format!r}; valid formats: {', '.join(FORMATS)}", FORMATS
        )
    _check_names(format, options, handout)
    sections = _sections(options["sections"]) if "sections" in options else SECTION_IDS
    level = _heading_level(options.get("heading_level", 1))
    document = _document(options.get("document", False))

    id_prefix = (
        _id_prefix(options.get("id_prefix", html.DEFAULT_ID_PREFIX)) if format == "html" else ""
    )
    width = _width(options.get("width", text.DEFAULT_WIDTH)) if format == "text" else None
    key = (format, sections, level, document, id_prefix, width)
    cached = _recalled(guide, key)
    if cached is None:
        cached = _remembered(
            guide, key, _write(guide, format, sections, level, document, id_prefix, width)
        )
    return cached


def _write(
    guide: "Guide | Handout",
    format: Format,
    sections: tuple[SectionId, ...],
    level: int,
    document: bool,
    id_prefix: str,
    width: int | None,
) -> str:
    if isinstance(guide, Guide):
        # Only a complete page gets a table of contents: in a fragment, the host page navigates.
        outline = build_outline(guide, sections, level, contents=document)
    else:
        outline = build_handout_outline(guide, level)
    if format == "markdown":
        return markdown.write(outline)
    if format == "text":
        return text.write(outline, width=width)
    # A complete page of the guide tells search engines what it is; a handout is personal.
    metadata = None
    if document and isinstance(guide, Guide):
        from .jsonld import json_for_html_script, to_jsonld

        metadata = json_for_html_script(to_jsonld(guide))
    return html.write(outline, document=document, id_prefix=id_prefix, metadata=metadata)


# Rendering is a pure function of an immutable guide (or handout) and the options, and integrators
# render the same guide on every page view: the last few results are kept per guide object, for as
# long as that object lives. Keyed by identity, since hashing a guide costs more than a lookup.
_RESULTS_PER_GUIDE = 16
_results: dict[int, tuple[weakref.ref[Any], dict[tuple[object, ...], str]]] = {}
_results_lock = threading.RLock()  # reentrant: a weakref callback may run inside it


def _recalled(guide: "Guide | Handout", key: tuple[object, ...]) -> str | None:
    with _results_lock:
        entry = _results.get(id(guide))
        if entry is None or entry[0]() is not guide:
            return None
        return entry[1].get(key)


def _remembered(guide: "Guide | Handout", key: tuple[object, ...], result: str) -> str:
    identity = id(guide)

    def forget(reference: weakref.ref[Any]) -> None:
        with _results_lock:
            if identity in _results and _results[identity][0] is reference:
                del _results[identity]

    with _results_lock:
        entry = _results.get(identity)
        if entry is None or entry[0]() is not guide:
            entry = (weakref.ref(guide, forget), {})
            _results[identity] = entry
        if len(entry[1]) >= _RESULTS_PER_GUIDE:
            entry[1].clear()
        entry[1][key] = result
    return result


def clear_cache() -> None:
    """Forget every remembered render (for tests and benchmarks that time rendering itself)."""
    with _results_lock:
        _results.clear()
