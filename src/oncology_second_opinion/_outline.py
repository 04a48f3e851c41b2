"""The format-neutral outline of a guide or a handout: the blocks every writer turns into text.

Which sections appear, in which order, at which heading level, and with which presentation role
are decided here, once; a writer never looks at a section id. Every string in a block comes from
the content data, separators included.
"""

from collections.abc import Callable, Mapping, Sequence
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Literal, NamedTuple, NoReturn, TypeVar, get_args

from ._handout import Handout
from ._jsonld import to_jsonld
from ._models import (
    OPTIONAL_SECTIONS,
    ChecklistSection,
    Guide,
    Labels,
    LinksSection,
    ListSection,
    PointsSection,
    ProseSection,
    QuestionsSection,
    SectionContent,
    SectionId,
    StepsSection,
    section_contents,
)

#: The section ids every guide has, in the default order of a full render. Stable across
#: releases. The plain-language edition adds ``key-points`` (first) and ``steps`` (after
#: ``questions``), and a guide with local sections has its own: see :attr:`Guide.section_ids`.
SECTION_IDS: tuple[SectionId, ...] = tuple(
    section for section in get_args(SectionId) if section not in OPTIONAL_SECTIONS
)

HandoutSectionId = Literal[
    "indications",
    "timing",
    "records-to-gather",
    "records-on-hand",
    "questions",
    "own-questions",
    "disclaimer",
    "sources",
]

#: Every section id of a handout, in its order when treatment does not start soon (otherwise
#: ``timing`` comes first). Sections with nothing in them are left out. Stable across releases.
HANDOUT_SECTION_IDS: tuple[HandoutSectionId, ...] = get_args(HandoutSectionId)

#: Deepest heading level any format has (HTML's h6, Markdown's ######).
MAX_HEADING_LEVEL = 6


def unreachable(value: NoReturn) -> NoReturn:
    """The end of an exhaustive ``match``: mypy reports a block type a writer does not handle."""
    raise AssertionError(f"unhandled {type(value).__name__}")


# --- blocks ------------------------------------------------------------------------------------

_Tuple = TypeVar("_Tuple", bound=tuple[Any, ...])


def _compared_by_type(cls: type[_Tuple]) -> type[_Tuple]:
    """Make a named tuple equal only to values of its own type: as plain tuples, a ``Link`` would
    equal a ``Fact`` holding the same strings. Named tuples rather than frozen dataclasses: they
    are as immutable and far lighter to define, which every program that imports the library
    pays for."""

    def __eq__(self: tuple[Any, ...], other: object) -> bool:
        return type(self) is type(other) and tuple.__eq__(self, other)

    def __ne__(self: tuple[Any, ...], other: object) -> bool:
        return not __eq__(self, other)

    cls.__eq__ = __eq__  # type: ignore[method-assign]
    cls.__ne__ = __ne__  # type: ignore[assignment,method-assign]
    return cls


@_compared_by_type
class Run(NamedTuple):
    """A run of plain text."""

    text: str


@_compared_by_type
class Link(NamedTuple):
    """A run of text that links to a URL. Writers re-check the URL before they emit it.

    ``lang`` is the language of the linked page and of the text (a source's title, kept as
    published), when the content states it, for formats that can mark it.
    """

    text: str
    url: str
    lang: str | None = None


Inline = Run | Link


@_compared_by_type
class Heading(NamedTuple):
    """A heading at ``level`` (1 to 6)."""

    level: int
    text: str


@_compared_by_type
class Paragraph(NamedTuple):
    """A paragraph of prose."""

    inlines: tuple[Inline, ...]


@_compared_by_type
class BulletList(NamedTuple):
    """An unordered list; each item is a run of inlines."""

    items: tuple[tuple[Inline, ...], ...]


@_compared_by_type
class NumberedList(NamedTuple):
    """An ordered list, numbered from 1; each item is a run of inlines."""

    items: tuple[tuple[Inline, ...], ...]


@_compared_by_type
class Checklist(NamedTuple):
    """A list the reader ticks off on paper. ``caption`` names it for assistive technology."""

    caption: str
    items: tuple[str, ...]


@_compared_by_type
class AnswerList(NamedTuple):
    """Questions to ask, each with a box to tick and room under it to write down the answer.

    ``caption`` names the list for assistive technology; ``answer`` captions each answer space
    and ``separator`` follows it. How much room, and how it is drawn, is up to each format.
    """

    caption: str
    answer: str
    separator: str
    items: tuple[str, ...]


@_compared_by_type
class Fact(NamedTuple):
    """One labelled statement about the guide, such as its content version."""

    label: str
    value: str


@_compared_by_type
class Facts(NamedTuple):
    """The guide's provenance: labelled statements shown under its title, each label followed by
    ``separator`` where a format writes them on one line."""

    separator: str
    items: tuple[Fact, ...]


Block = Heading | Paragraph | BulletList | NumberedList | Checklist | AnswerList | Facts

#: How a section is presented: ``"body"`` as any other, ``"caution"`` set apart (a handout that
#: opens with the timing caveat), ``"compact"`` short items that may share a line or a column,
#: ``"references"`` the sources, in smaller print where a format has print styles.
Role = Literal["body", "caution", "compact", "references"]


@_compared_by_type
class Section(NamedTuple):
    """One section: its id (an anchor for formats that have them), its heading and its body."""

    id: str
    heading: Heading
    body: tuple[Block, ...]
    role: Role = "body"

    @property
    def blocks(self) -> tuple[Block, ...]:
        return (self.heading, *self.body)


@_compared_by_type
class ContentsEntry(NamedTuple):
    """A table-of-contents entry pointing at a section's id."""

    anchor: str
    text: str


@_compared_by_type
class Contents(NamedTuple):
    """A table of contents, for formats whose headings carry anchors."""

    level: int
    caption: str
    entries: tuple[ContentsEntry, ...]


@_compared_by_type
class Outline(NamedTuple):
    """A guide or a handout laid out for rendering.

    ``header`` holds the title and the provenance (every format writes it); ``sections`` follow.
    ``contents`` is a table of contents, for a format that writes a navigable page, when more
    than one section is shown. ``kind`` says whether this is a guide or a handout, for formats
    that mark it; ``metadata`` is the guide's schema.org JSON-LD, for formats that carry it (a
    handout is personal and has none). ``url_separator`` goes between a link's text and its
    address where a format spells links out. ``short_header`` is the header in short form (title,
    content version, review status in a few words), for a format that writes it on one line;
    ``plain_forms`` are the content's own additions to the GSM-7 replacements.
    """

    lang: str
    title: str
    header: tuple[Block, ...]
    sections: tuple[Section, ...]
    url_separator: str
    kind: Literal["guide", "handout"] = "guide"
    contents: Contents | None = None
    metadata: Mapping[str, Any] | None = None
    short_header: tuple[str, ...] = ()
    plain_forms: tuple[tuple[str, str], ...] = ()

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every block in reading order (the table of contents is not one)."""
        return (*self.header, *(block for section in self.sections for block in section.blocks))


# --- the table of sections ---------------------------------------------------------------------


#: The caption of each packaged section drawn as a checklist, from the guide's labels.
_CHECKLIST_CAPTIONS: Mapping[str, Callable[[Labels], str]] = MappingProxyType(
    {
        "records": attrgetter("records_checklist"),
        "questions": attrgetter("questions_checklist"),
    }
)


def _paragraph(text: str) -> Paragraph:
    return Paragraph((Run(text),))


def _body(guide: Guide, section_id: str, content: SectionContent) -> tuple[Block, ...]:
    """The blocks of one section, from the shape of its content."""
    labels = guide.labels
    match content:
        case ProseSection():
            # A section's structured data (the clarifications' topics and goals) restates phrases
            # of its paragraphs; rendering both would say the same thing twice.
            return tuple(_paragraph(text) for text in content.paragraphs)
        case ListSection():
            items = tuple((Run(item.text),) for item in content.items)
            return _paragraph(content.lead), BulletList(items)
        case ChecklistSection():
            caption = _CHECKLIST_CAPTIONS[section_id](labels)
            checklist = Checklist(caption, tuple(item.label for item in content.items))
            return _paragraph(content.lead), checklist
        case QuestionsSection():
            caption = _CHECKLIST_CAPTIONS[section_id](labels)
            return (Checklist(caption, tuple(item.text for item in content.items)),)
        case PointsSection():
            return (BulletList(tuple((Run(item.text),) for item in content.items)),)
        case StepsSection():
            return (NumberedList(tuple((Run(item.text),) for item in content.items)),)
        case LinksSection():
            links = tuple(
                (
                    Run(source.publisher + labels.label_separator),
                    Link(source.title, source.url, source.language),
                )
                for source in content.items
            )
            return (BulletList(links),)
        case _:
            return unreachable(content)


def _section(
    guide: Guide, section_id: str, content: SectionContent, level: int, role: Role = "body"
) -> Section:
    return Section(
        section_id, Heading(level, content.heading), _body(guide, section_id, content), role
    )


def review_facts(guide: Guide) -> tuple[Fact, ...]:
    """The recorded clinical review as labelled statements: the reviewer (name, role and
    organisation), the date reviewed and the date the next review is due; none without one."""
    labels, review = guide.labels, guide.review.clinical_review
    reviewed_by, separator = labels.reviewed_by, labels.list_separator
    last_reviewed, next_review_due = labels.last_reviewed, labels.next_review_due
    # Validation requires the labels with a clinical review; a guide built without validation
    # that lacks one shows only the review statement.
    if review is None or not (reviewed_by and separator and last_reviewed and next_review_due):
        return ()
    reviewer = (review.reviewer, review.role, review.organization)
    return (
        Fact(reviewed_by, separator.join(part for part in reviewer if part is not None)),
        # str: YYYY-MM-DD, and whatever a guide built without validation holds instead.
        Fact(last_reviewed, str(review.reviewed_on)),
        Fact(next_review_due, str(review.next_review_due)),
    )


def _provenance(guide: Guide) -> Facts:
    labels = guide.labels
    return Facts(
        labels.label_separator,
        (
            Fact(labels.content_version, guide.content_version),
            Fact(labels.review_status, guide.review.statement),
            *review_facts(guide),
        ),
    )


def _short_header(guide: Guide, title: str) -> tuple[str, ...]:
    labels = guide.labels
    version = labels.content_version + labels.label_separator + guide.content_version
    return (title, version, guide.review.short_statement or guide.review.statement)


def _plain_forms(guide: Guide) -> tuple[tuple[str, str], ...]:
    return tuple((entry.character, entry.plain) for entry in guide.gsm7_replacements)


def _section_level(heading_level: int) -> int:
    return min(heading_level + 1, MAX_HEADING_LEVEL)


def build_outline(
    guide: Guide,
    sections: Sequence[str] | None = None,
    heading_level: int = 1,
    omit_disclaimer: bool = False,
) -> Outline:
    """Lay out ``guide``: its title at ``heading_level``, then ``sections`` (default: every
    section of the guide) in the order given, then the disclaimer if they leave it out.

    Section headings sit one level below the title, never deeper than level 6. The header always
    carries the title, the content version and the review statement, so no render hides what
    review the content has had; the disclaimer (the guide does not replace medical care) ends
    every layout unless ``omit_disclaimer``. Arguments are assumed valid: ``render`` checks them.
    """
    level = _section_level(heading_level)
    chosen = [*(guide.section_ids if sections is None else sections)]
    if omit_disclaimer:
        chosen = [section for section in chosen if section != "disclaimer"]
    elif "disclaimer" not in chosen:
        chosen.append("disclaimer")
    content = section_contents(guide)
    laid_out = tuple(
        _section(guide, section_id, content[section_id], level) for section_id in chosen
    )
    contents = None
    if len(laid_out) > 1:
        entries = tuple(ContentsEntry(s.id, s.heading.text) for s in laid_out)
        contents = Contents(level, guide.labels.contents, entries)
    return Outline(
        lang=guide.locale,
        title=guide.title,
        header=(Heading(heading_level, guide.title), _provenance(guide)),
        sections=laid_out,
        url_separator=guide.labels.url_separator,
        contents=contents,
        metadata=to_jsonld(guide),
        short_header=_short_header(guide, guide.title),
        plain_forms=_plain_forms(guide),
    )


def _handout_section(handout: Handout, section_id: HandoutSectionId, level: int) -> Section | None:
    """One section of a handout, or None when the reader chose nothing for it."""
    guide = handout.guide
    labels = guide.labels
    heading: str
    body: tuple[Block, ...]
    role: Role = "body"
    match section_id:
        case "indications":
            # The ticked situations only, without the guide's lead ("A second opinion may help
            # when:"): next to the reader's own choices it would read as advice to seek one.
            heading = labels.handout_indications
            items = tuple((Run(item.text),) for item in handout.indications)
            body = (BulletList(items),) if items else ()
        case "timing":
            role = "caution" if handout.treatment_starts_soon else "body"
            return _section(guide, section_id, guide.timing, level, role)
        case "records-to-gather":
            heading = labels.handout_records_to_gather
            labels_ = tuple(item.label for item in handout.records_to_gather)
            body = (Checklist(heading, labels_),) if labels_ else ()
            role = "compact"
        case "records-on-hand":
            heading = labels.handout_records_on_hand
            on_hand = tuple((Run(item.label),) for item in handout.records_on_hand)
            body = (BulletList(on_hand),) if on_hand else ()
            role = "compact"
        case "questions" | "own-questions":
            if section_id == "questions":
                heading = labels.handout_questions
                texts = tuple(question.text for question in handout.questions)
            else:
                heading, texts = labels.own_questions, handout.own_questions
            answers = AnswerList(heading, labels.answer, labels.label_separator, texts)
            body = (answers,) if texts else ()
        case "disclaimer" | "sources":
            if section_id == "sources":
                return _section(guide, section_id, guide.sources, level, "references")
            return _section(guide, section_id, guide.disclaimer, level)
        case _:
            return unreachable(section_id)
    if not body:
        return None
    return Section(section_id, Heading(level, heading), body, role)


def build_handout_outline(
    handout: Handout, heading_level: int = 1, omit_disclaimer: bool = False
) -> Outline:
    """Lay out ``handout``: its title at ``heading_level`` over the guide's content version and
    review statement, then its sections one level below, in :data:`HANDOUT_SECTION_IDS` order
    with ``timing`` first, set apart, when treatment starts soon. Sections with nothing chosen
    are left out, and the disclaimer with ``omit_disclaimer``.
    """
    level = _section_level(heading_level)
    order: tuple[HandoutSectionId, ...] = HANDOUT_SECTION_IDS
    if handout.treatment_starts_soon:
        order = ("timing", *(section for section in order if section != "timing"))
    if omit_disclaimer:
        order = tuple(section for section in order if section != "disclaimer")
    sections = tuple(
        section
        for section_id in order
        if (section := _handout_section(handout, section_id, level)) is not None
    )
    guide = handout.guide
    title = guide.labels.handout_title
    return Outline(
        lang=guide.locale,
        title=title,
        header=(Heading(heading_level, title), _provenance(guide)),
        sections=sections,
        url_separator=guide.labels.url_separator,
        kind="handout",
        short_header=_short_header(guide, title),
        plain_forms=_plain_forms(guide),
    )
