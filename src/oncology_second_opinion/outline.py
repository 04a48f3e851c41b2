"""The format-neutral outline of a guide: the blocks every writer turns into text.

Which sections appear, in which order, and at which heading level are decided here, once. Writers
only spell blocks in their format; none of them holds wording of its own. Every string in a block
comes from the content data.
"""

# No ``from __future__ import annotations``: a named tuple would turn each field's annotation back
# from a string by compiling it, a cost every program that imports the library pays.
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from .models import Guide

if TYPE_CHECKING:
    from .handout import Handout

SectionId = Literal[
    "overview",
    "indications",
    "clarifications",
    "timing",
    "records",
    "questions",
    "how-to-use",
    "disclaimer",
    "sources",
]

#: Every section id, in the default order of a full render. Stable across releases.
SECTION_IDS: tuple[SectionId, ...] = (
    "overview",
    "indications",
    "clarifications",
    "timing",
    "records",
    "questions",
    "how-to-use",
    "disclaimer",
    "sources",
)

HandoutSectionId = Literal[
    "timing",
    "indications",
    "records-to-gather",
    "records-on-hand",
    "questions",
    "own-questions",
    "disclaimer",
    "sources",
]

#: Every section id of a handout, in its order when treatment does not start soon (otherwise
#: ``timing`` comes first). Sections with nothing in them are left out. Stable across releases.
HANDOUT_SECTION_IDS: tuple[HandoutSectionId, ...] = (
    "indications",
    "timing",
    "records-to-gather",
    "records-on-hand",
    "questions",
    "own-questions",
    "disclaimer",
    "sources",
)

#: Deepest heading level any format has (HTML's h6, Markdown's ######).
MAX_HEADING_LEVEL = 6

#: Joins a label to its value (``Content version: 1.0.0``) in formats without a definition list.
LABEL_SEPARATOR = ": "


# Blocks are named tuples: immutable, like frozen dataclasses, and far cheaper to define, a cost
# every program that imports the library pays.


class Text(NamedTuple):
    """A run of plain text."""

    text: str


class Link(NamedTuple):
    """A run of text that links to a URL. Writers re-check the URL before they emit it."""

    text: str
    url: str


Inline = Text | Link


class Heading(NamedTuple):
    """A heading; ``anchor`` is a stable id (a section id) that formats with anchors can use."""

    level: int
    text: str
    anchor: str | None = None


class Paragraph(NamedTuple):
    """A paragraph of prose."""

    inlines: tuple[Inline, ...]


class BulletList(NamedTuple):
    """An unordered list; each item is a run of inlines."""

    items: tuple[tuple[Inline, ...], ...]


class Checklist(NamedTuple):
    """A list the reader ticks off on paper. ``caption`` names it for assistive technology."""

    caption: str
    items: tuple[str, ...]


class Fact(NamedTuple):
    """One labelled statement about the guide, such as its content version."""

    label: str
    value: str


class Facts(NamedTuple):
    """The guide's provenance: labelled statements shown under its title."""

    items: tuple[Fact, ...]


class ContentsEntry(NamedTuple):
    """A table-of-contents entry pointing at a section's anchor."""

    anchor: str
    text: str


class Contents(NamedTuple):
    """A table of contents, for formats whose headings carry anchors."""

    level: int
    caption: str
    entries: tuple[ContentsEntry, ...]


class AnswerList(NamedTuple):
    """Questions to ask, each with a box to tick and room under it to write down the answer.

    ``caption`` names the list for assistive technology; ``answer`` captions each answer space.
    How much room, and how it is drawn, is up to each format.
    """

    caption: str
    answer: str
    items: tuple[str, ...]


Block = Heading | Paragraph | BulletList | Checklist | AnswerList | Facts | Contents


class Section(NamedTuple):
    """One section of the guide: its id, its heading and its body."""

    id: SectionId | HandoutSectionId
    heading: Heading
    body: tuple[Block, ...]

    @property
    def blocks(self) -> tuple[Block, ...]:
        return (self.heading, *self.body)


class Outline(NamedTuple):
    """A guide or a handout laid out for rendering: a header (title, provenance, contents) and its
    sections. ``kind`` says which, for formats that mark it (HTML's wrapper class)."""

    lang: str
    title: str
    header: tuple[Block, ...]
    sections: tuple[Section, ...]
    kind: Literal["guide", "handout"] = "guide"

    @property
    def blocks(self) -> tuple[Block, ...]:
        """Every block in reading order."""
        return (*self.header, *(block for section in self.sections for block in section.blocks))


def _paragraphs(texts: Sequence[str]) -> tuple[Paragraph, ...]:
    return tuple(Paragraph((Text(text),)) for text in texts)


def _section_body(guide: Guide, section_id: SectionId) -> tuple[str, tuple[Block, ...]]:
    """The heading text and body blocks of one section, in the order the guide's text gives."""
    labels = guide.labels
    if section_id == "overview":
        return guide.overview.heading, _paragraphs(guide.overview.paragraphs)
    if section_id == "indications":
        indications = guide.indications
        items: tuple[tuple[Inline, ...], ...] = tuple(
            (Text(item.text),) for item in indications.items
        )
        return indications.heading, (Paragraph((Text(indications.lead),)), BulletList(items))
    if section_id == "clarifications":
        # The topics and treatment goals restate phrases of these paragraphs as structured data;
        # rendering them as well would say the same thing twice.
        return guide.clarifications.heading, _paragraphs(guide.clarifications.paragraphs)
    if section_id == "timing":
        return guide.timing.heading, _paragraphs(guide.timing.paragraphs)
    if section_id == "records":
        records = guide.records
        checklist = Checklist(labels.records_checklist, tuple(item.label for item in records.items))
        return records.heading, (Paragraph((Text(records.lead),)), checklist)
    if section_id == "questions":
        questions = guide.questions
        checklist = Checklist(labels.questions_checklist, tuple(q.text for q in questions.items))
        return questions.heading, (checklist,)
    if section_id == "how-to-use":
        return guide.how_to_use.heading, _paragraphs(guide.how_to_use.paragraphs)
    if section_id == "disclaimer":
        return guide.disclaimer.heading, _paragraphs(guide.disclaimer.paragraphs)
    sources = guide.sources
    links: tuple[tuple[Inline, ...], ...] = tuple(
        (Text(f"{source.publisher}{LABEL_SEPARATOR}"), Link(source.title, source.url))
        for source in sources.items
    )
    return sources.heading, (BulletList(links),)


def _provenance(guide: Guide) -> Facts:
    labels = guide.labels
    return Facts(
        (
            Fact(labels.content_version, guide.content_version),
            Fact(labels.review_status, guide.review.statement),
        )
    )


def build_outline(
    guide: Guide,
    sections: Sequence[SectionId] = SECTION_IDS,
    heading_level: int = 1,
    contents: bool = False,
) -> Outline:
    """Lay out ``guide``: its title at ``heading_level``, then ``sections`` in the order given.

    Section headings sit one level below the title, never deeper than level 6. The header always
    carries the title, the content version and the review statement, so no render hides what
    review the content has had. ``contents`` adds a table of contents (for a page whose headings
    carry anchors) when more than one section is shown. Arguments are assumed valid:
    :func:`~oncology_second_opinion.render` checks them.
    """
    section_level = min(heading_level + 1, MAX_HEADING_LEVEL)
    labels = guide.labels
    laid_out: list[Section] = []
    for section_id in sections:
        heading, body = _section_body(guide, section_id)
        laid_out.append(Section(section_id, Heading(section_level, heading, section_id), body))
    header: list[Block] = [Heading(heading_level, guide.title), _provenance(guide)]
    if contents and len(laid_out) > 1:
        entries = tuple(ContentsEntry(s.id, s.heading.text) for s in laid_out)
        header.append(Contents(section_level, labels.contents, entries))
    return Outline(guide.locale, guide.title, tuple(header), tuple(laid_out))


def _handout_section(
    handout: "Handout", section_id: HandoutSectionId
) -> tuple[str, tuple[Block, ...]]:
    """The heading text and body of one handout section; an empty body leaves the section out."""
    guide = handout.guide
    labels = guide.labels
    if section_id == "indications":
        # The ticked situations only, without the guide's lead ("A second opinion may help
        # when:"): next to the reader's own choices it would read as advice to seek one.
        items: tuple[tuple[Inline, ...], ...] = tuple(
            (Text(item.text),) for item in handout.indications
        )
        return labels.handout_indications, (BulletList(items),) if items else ()
    if section_id == "timing":
        return _section_body(guide, "timing")
    if section_id == "records-to-gather":
        labels_ = tuple(item.label for item in handout.records_to_gather)
        caption = labels.handout_records_to_gather
        return caption, (Checklist(caption, labels_),) if labels_ else ()
    if section_id == "records-on-hand":
        on_hand: tuple[tuple[Inline, ...], ...] = tuple(
            (Text(item.label),) for item in handout.records_on_hand
        )
        return labels.handout_records_on_hand, (BulletList(on_hand),) if on_hand else ()
    if section_id == "questions":
        texts = tuple(question.text for question in handout.questions)
        caption = labels.handout_questions
        return caption, (AnswerList(caption, labels.answer, texts),) if texts else ()
    if section_id == "own-questions":
        own = handout.own_questions
        caption = labels.own_questions
        return caption, (AnswerList(caption, labels.answer, own),) if own else ()
    return _section_body(guide, section_id)


def build_handout_outline(handout: "Handout", heading_level: int = 1) -> Outline:
    """Lay out ``handout``: its title at ``heading_level`` over the guide's content version and
    review statement, then its sections one level below, in :data:`HANDOUT_SECTION_IDS` order
    with ``timing`` first when treatment starts soon. Sections with nothing chosen are left out.
    """
    section_level = min(heading_level + 1, MAX_HEADING_LEVEL)
    order = HANDOUT_SECTION_IDS
    if handout.treatment_starts_soon:
        order = ("timing", *(section for section in order if section != "timing"))
    laid_out: list[Section] = []
    for section_id in order:
        heading, body = _handout_section(handout, section_id)
        if body:
            laid_out.append(Section(section_id, Heading(section_level, heading, section_id), body))
    guide = handout.guide
    title = guide.labels.handout_title
    header: tuple[Block, ...] = (Heading(heading_level, title), _provenance(guide))
    return Outline(guide.locale, title, header, tuple(laid_out), kind="handout")
