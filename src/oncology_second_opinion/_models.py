"""The content model: frozen pydantic models, one per shape of content, not one per section name.

Field descriptions become descriptions in the published JSON Schema, so they are written for
content editors and for consumers in other languages.
"""

import datetime
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Annotated, Literal, Protocol, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from ._errors import json_path
from ._fields import (
    Fingerprint,
    Gsm7Text,
    HttpsUrl,
    IsoDate,
    LanguageTag,
    MessageNumber,
    NonGsm7Character,
    SchemaVersion,
    SemVer,
    SentenceRef,
    Slug,
    StringPath,
    Text,
    quote,
)

NonEmpty = Field(min_length=1)

#: The edition a guide is unless its content says otherwise: the source wording.
STANDARD = "standard"

SectionId = Literal[
    "key-points",
    "overview",
    "indications",
    "clarifications",
    "timing",
    "records",
    "questions",
    "steps",
    "how-to-use",
    "disclaimer",
    "sources",
]

#: The packaged sections, in the order of a full render, each with the ``Guide`` field that holds
#: it (its id in snake case) and the kind of its items as ``Guide.item_ids`` names them. Stable
#: across releases. Every guide has them all but the two of OPTIONAL_SECTIONS.
PACKAGED_SECTIONS: Mapping[SectionId, tuple[str, str | None]] = MappingProxyType(
    {
        "key-points": ("key_points", "key-point"),
        "overview": ("overview", None),
        "indications": ("indications", "indication"),
        "clarifications": ("clarifications", None),
        "timing": ("timing", None),
        "records": ("records", "record"),
        "questions": ("questions", "question"),
        "steps": ("steps", "step"),
        "how-to-use": ("how_to_use", None),
        "disclaimer": ("disclaimer", None),
        "sources": ("sources", "source"),
    }
)
#: The packaged sections a guide may leave out: the plain-language edition has them, the standard
#: edition (the source, verbatim) has not.
OPTIONAL_SECTIONS: frozenset[SectionId] = frozenset({"key-points", "steps"})
#: Ids no local section may take: the packaged sections', and the anchor of the HTML page's table
#: of contents.
RESERVED_SECTION_IDS = frozenset({*PACKAGED_SECTIONS, "contents"})


class ContentModel(BaseModel):
    """Base for every content model: immutable, strict about unknown keys."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        validate_default=True,
        # A part builds its own validator on first use: reading a guide needs the guide's alone,
        # which validates every part within it.
        defer_build=True,
    )

    @property
    def model_fields_set(self) -> set[str]:
        """The fields set at validation, as a fresh set: changing it changes nothing here."""
        return set(self.__pydantic_fields_set__)


Paragraphs = Annotated[tuple[Text, ...], NonEmpty]


# --- items -------------------------------------------------------------------------------------


class Statement(ContentModel):
    """An item said as a sentence or a phrase: a situation, a question."""

    id: Slug = Field(description="Stable identifier of the item, unique in the guide.")
    text: Text = Field(description="The item, as one list entry.")


class Term(ContentModel):
    """An item named by a short label: a record to bring, a topic, a treatment goal."""

    id: Slug = Field(description="Stable identifier of the item, unique in the guide.")
    label: Text = Field(description="Short name of the item, restating the guide's own words.")


class Source(ContentModel):
    """A published source the guide is based on. A reference, not a licence."""

    id: Slug = Field(description="Stable identifier of the source, unique in the guide.")
    publisher: Text = Field(description="Who published the source, as written in the guide.")
    title: Text = Field(description="Title of the source, as written in the guide.")
    url: HttpsUrl = Field(description="Address of the source, exactly as written in the guide.")
    language: LanguageTag | None = Field(
        default=None,
        description=(
            "Language of the source page, and so of its title, as a BCP 47 tag such as 'en'. A "
            "translated guide keeps its sources' titles as published and says here which "
            "language they are in, so that pages and exports can mark it. Since schema 1.3; "
            "without it, the source's language is not stated."
        ),
    )


# --- section shapes ----------------------------------------------------------------------------


class ProseSection(ContentModel):
    """A section of paragraphs."""

    heading: Text = Field(description="Heading of the section.")
    paragraphs: Paragraphs = Field(description="The section's paragraphs, in reading order.")


class ClarificationsSection(ProseSection):
    """Paragraphs that name topics and treatment goals, which are also given as structured data."""

    topics: Annotated[tuple[Term, ...], NonEmpty] = Field(
        description=(
            "The topics the paragraphs name, as structured data, in the order the "
            "paragraphs name them."
        )
    )
    treatment_goals: Annotated[tuple[Term, ...], NonEmpty] = Field(
        description=(
            "The treatment goals the paragraphs name, as structured data, in the order named."
        )
    )


class ListSection(ContentModel):
    """A lead sentence and the list it introduces."""

    heading: Text = Field(description="Heading of the section.")
    lead: Text = Field(description="The sentence that introduces the list.")
    items: Annotated[tuple[Statement, ...], NonEmpty] = Field(
        description="The list's items, in reading order."
    )


class ChecklistSection(ContentModel):
    """A lead sentence, then the things it names as a checklist the reader ticks off."""

    heading: Text = Field(description="Heading of the section.")
    lead: Text = Field(description="The sentence that names the items in prose.")
    items: Annotated[tuple[Term, ...], NonEmpty] = Field(
        description="The items as a checklist, in the order the lead names them."
    )


class QuestionsSection(ContentModel):
    """Questions as a checklist: the reader ticks the ones to ask."""

    heading: Text = Field(description="Heading of the section.")
    items: Annotated[tuple[Statement, ...], NonEmpty] = Field(
        description="The questions, in reading order."
    )


class PointsSection(ContentModel):
    """Short points in a bulleted list, under a heading."""

    heading: Text = Field(description="Heading of the section.")
    items: Annotated[tuple[Statement, ...], NonEmpty] = Field(
        description="The points, in reading order."
    )


class StepsSection(ContentModel):
    """Actions in the order to take them: a numbered list, under a heading."""

    heading: Text = Field(description="Heading of the section.")
    items: Annotated[tuple[Statement, ...], NonEmpty] = Field(
        description=(
            "The steps, in the order to take them; formats number them, so the text does not."
        )
    )


class LinksSection(ContentModel):
    """A list of published pages, each with its publisher."""

    heading: Text = Field(description="Heading of the section.")
    items: Annotated[tuple[Source, ...], NonEmpty] = Field(
        description="The pages, in the order the guide lists them."
    )


# --- an edition's own sections -----------------------------------------------------------------


class _Placed(ContentModel):
    id: Slug = Field(
        description=(
            "Stable identifier of the section, unique in the guide and different from every "
            "packaged section id; its anchor in HTML and its id in render(sections=...)."
        )
    )
    after: Slug = Field(
        description=(
            "Id of the section this one follows: a packaged section or an earlier local one."
        )
    )


class LocalProseSection(ProseSection, _Placed):
    """An edition's own section of paragraphs."""

    shape: Literal["prose"] = Field(description="The section's shape: paragraphs.")


class LocalListSection(ListSection, _Placed):
    """An edition's own section: a lead sentence and a list."""

    shape: Literal["list"] = Field(description="The section's shape: a lead and a list.")


class LocalLinksSection(LinksSection, _Placed):
    """An edition's own section of links to published pages."""

    shape: Literal["links"] = Field(description="The section's shape: a list of links.")


LocalSection = Annotated[
    LocalProseSection | LocalListSection | LocalLinksSection, Field(discriminator="shape")
]
#: The shapes a local section may take, by the value of its ``shape`` key.
LOCAL_SHAPES: tuple[str, ...] = tuple(
    get_args(model.model_fields["shape"].annotation)[0]
    for model in (LocalProseSection, LocalListSection, LocalLinksSection)
)


# --- the guide ---------------------------------------------------------------------------------


Location = tuple[str | int, ...]

#: The labels a guide needs when it records a clinical review: renders show the review with them.
CLINICAL_REVIEW_LABELS = ("reviewed_by", "last_reviewed", "next_review_due", "list_separator")


# In JSON Schema: a review whose clinical_review is given and not null. The models read a null
# optional field as a field left out.
_RECORDS_A_CLINICAL_REVIEW: JsonDict = {
    "required": ["clinical_review"],
    "properties": {"clinical_review": {"not": {"type": "null"}}},
}


def _rule_broken(problems: list[tuple[Location, str]]) -> PydanticCustomError:
    """The error of a rule across fields, each problem located within the model checked."""
    return PydanticCustomError(
        "guide_rules",
        "{summary}",
        {
            "summary": "; ".join(f"{json_path(where)}: {message}" for where, message in problems),
            "problems": problems,
        },
    )


class ClinicalReview(ContentModel):
    """A clinical review the content has had, recorded by whoever had it reviewed. The packaged
    guides have none."""

    reviewer: Text = Field(
        description="Name of the clinician who reviewed the content, as they wish to be named."
    )
    role: Text = Field(
        description=("The reviewer's role or credentials, such as 'Consultant medical oncologist'.")
    )
    organization: Text | None = Field(
        default=None, description="The organisation the reviewer reviewed the content for."
    )
    reviewed_on: IsoDate = Field(
        description="The date of the review, written YYYY-MM-DD, such as '2026-11-30'."
    )
    next_review_due: IsoDate = Field(
        description=(
            "The date by which the content is to be reviewed again, written YYYY-MM-DD; after "
            "reviewed_on. After it, the review is overdue."
        )
    )

    @model_validator(mode="after")
    def _next_review_follows_the_review(self) -> "ClinicalReview":
        if self.next_review_due <= self.reviewed_on:
            raise _rule_broken(
                [
                    (
                        ("next_review_due",),
                        f"must be after reviewed_on ({self.reviewed_on.isoformat()})",
                    )
                ]
            )
        return self


class Review(ContentModel):
    """What review the content has had, stated honestly."""

    model_config = ConfigDict(
        json_schema_extra={
            "if": _RECORDS_A_CLINICAL_REVIEW,
            "then": {"properties": {"status": {"const": "clinically-reviewed"}}},
        }
    )

    status: Literal["not-clinically-reviewed", "clinically-reviewed"] = Field(
        description=(
            "Machine-readable review status. Only claim 'clinically-reviewed' when a clinician has."
        )
    )
    statement: Text = Field(
        description="The review status in words, shown to readers with the guide."
    )
    short_statement: Text | None = Field(
        default=None,
        description=(
            "The statement in a few words, for one-line headers such as a text message's, such "
            "as 'Not clinically reviewed.' It restates the statement and adds nothing. Since "
            "schema 1.1; without it, one-line headers carry the statement."
        ),
    )
    clinical_review: ClinicalReview | None = Field(
        default=None,
        description=(
            "The clinical review the content has had: who reviewed it, when, and when it is due "
            "again. Only with status 'clinically-reviewed', and only for a review that took "
            "place. A guide that records one needs the labels reviewed_by, last_reviewed, "
            "next_review_due and list_separator. Since schema 1.2."
        ),
    )

    @model_validator(mode="after")
    def _records_only_a_claimed_review(self) -> "Review":
        if self.clinical_review is not None and self.status != "clinically-reviewed":
            raise _rule_broken(
                [(("status",), "must be 'clinically-reviewed' when a clinical review is recorded")]
            )
        return self

    def is_overdue(self, on: datetime.date) -> bool:
        """Whether the recorded clinical review is overdue on the date ``on``: the date is after
        its ``next_review_due``. Content that records no clinical review is never overdue."""
        review = self.clinical_review
        return review is not None and on > review.next_review_due


class Gsm7Replacement(ContentModel):
    """A character written another way where a text message keeps to the GSM-7 alphabet."""

    character: NonGsm7Character = Field(
        description="One character that GSM-7 does not have, as the content writes it."
    )
    plain: Gsm7Text = Field(description="What to write instead, in GSM-7 characters only.")


class Labels(ContentModel):
    """Interface wording that renderers and exporters need beyond the sections' own headings.

    Renderers hold no wording of their own, not even punctuation, so a translated content file
    translates these too.
    """

    contents: Text = Field(description="Caption of the table of contents.")
    content_version: Text = Field(
        description="Label shown before the content version, such as 'Content version'."
    )
    review_status: Text = Field(
        description="Label shown before the review statement, such as 'Review status'."
    )
    label_separator: Text = Field(
        description=(
            "Written between a label and what it labels, such as ': ' in 'Content version: 1.0.0' "
            "or between a source's publisher and its title."
        )
    )
    url_separator: Text = Field(
        description=(
            "Written between a link's text and its address where a format spells links out, "
            "such as ' — ' in plain text."
        )
    )
    records_checklist: Text = Field(
        description="Accessible caption of the checklist of records to bring."
    )
    questions_checklist: Text = Field(
        description="Accessible caption of the checklist of questions to bring forward."
    )
    have_this: Text = Field(
        description="Answer option for a record the reader already has, such as 'I have this'."
    )
    will_ask_this: Text = Field(
        description="Answer option for a question the reader will ask, such as 'I will ask this'."
    )
    own_questions: Text = Field(description="Heading for the reader's own questions.")
    answer: Text = Field(description="Caption of the space left for writing down an answer.")
    handout_title: Text = Field(description="Title of the personal handout.")
    handout_indications: Text = Field(
        description="Handout heading for the situations the reader ticked."
    )
    handout_records_to_gather: Text = Field(
        description="Handout heading for the records the reader still has to gather."
    )
    handout_records_on_hand: Text = Field(
        description="Handout heading for the records the reader already has."
    )
    handout_questions: Text = Field(
        description="Handout heading for the questions the reader chose."
    )
    treatment_starts_soon: Text | None = Field(
        default=None,
        description=(
            "What a reader ticks when their oncologist says treatment should start soon, such as "
            "'My oncologist says treatment should start soon'; it asks the question in the FHIR "
            "Questionnaire. Since schema 1.2; without it, the Questionnaire does not ask it."
        ),
    )
    reviewed_by: Text | None = Field(
        default=None,
        description=(
            "Label shown before the clinical reviewer, such as 'Reviewed by'. Since schema 1.2; "
            "required when the guide records a clinical review."
        ),
    )
    last_reviewed: Text | None = Field(
        default=None,
        description=(
            "Label shown before the date of the clinical review, such as 'Last reviewed'. Since "
            "schema 1.2; required when the guide records a clinical review."
        ),
    )
    next_review_due: Text | None = Field(
        default=None,
        description=(
            "Label shown before the date the next review is due, such as 'Next review due'. "
            "Since schema 1.2; required when the guide records a clinical review."
        ),
    )
    list_separator: Text | None = Field(
        default=None,
        description=(
            "Written between the parts of a list on one line, such as ', ' between a reviewer's "
            "name, role and organisation. Since schema 1.2; required when the guide records a "
            "clinical review."
        ),
    )
    message_number: MessageNumber | None = Field(
        default=None,
        description=(
            "How each message of a series split for text messaging is numbered, with {number} "
            "and {total}, such as '{number}/{total}'. Since schema 1.1; without it, messages are "
            "not numbered."
        ),
    )


class SourceString(ContentModel):
    """One string of the source guide as it was when translated."""

    path: StringPath = Field(
        description=(
            "Where the string is, in both guides: field names, and an item's id for a list of "
            "identified items, such as 'indications.items.feeling-rushed.text' or "
            "'overview.paragraphs.0'."
        )
    )
    fingerprint: Fingerprint = Field(
        description=(
            "Fingerprint of the source string that this translation restates: the first 16 "
            "hexadecimal digits of the SHA-256 of its UTF-8 bytes. When the source string "
            "changes, its fingerprint no longer matches and the translation is stale."
        )
    )


class TranslatedFrom(ContentModel):
    """What a translated guide was translated from, string by string."""

    locale: LanguageTag = Field(description="Language of the source guide, such as 'en'.")
    edition: Slug = Field(
        description="Edition of the source guide; the packaged guides are the 'standard' edition."
    )
    content_version: SemVer = Field(
        description="Content version of the source guide the translation was made from."
    )
    strings: tuple[SourceString, ...] = Field(
        description=(
            "Every translated string, with the fingerprint of the source string it restates. A "
            "string of the source missing here has not been translated."
        )
    )


class RestatedSentence(ContentModel):
    """One sentence of an adapted guide, with the sentences of the source guide it restates."""

    sentence: SentenceRef = Field(
        description=(
            "A sentence of this guide: the path of its string, '#', and its number in the "
            "string from 0, such as 'overview.paragraphs.0#1'. A string's sentences are what "
            "is left between the spaces that follow a '.', '?', '!' or '…' (or an ideographic "
            "or fullwidth full stop, question or exclamation mark)."
        )
    )
    restates: Annotated[tuple[SentenceRef, ...], NonEmpty] = Field(
        description=(
            "The sentences of the source guide this sentence restates, written the same way. "
            "It adds nothing they do not state."
        )
    )


class AdaptedFrom(ContentModel):
    """What an adapted edition (such as the plain-language one) restates, sentence by sentence."""

    locale: LanguageTag = Field(description="Language of the source guide, such as 'en'.")
    edition: Slug = Field(description="Edition of the source guide, such as 'standard'.")
    content_version: SemVer = Field(
        description="Content version of the source guide the adaptation restates."
    )
    sentences: Annotated[tuple[RestatedSentence, ...], NonEmpty] = Field(
        description=(
            "Every sentence of the adaptation's title, headings, leads, paragraphs and items, "
            "in reading order, each with the source sentences it restates; together they "
            "restate every such sentence of the source. A clinical reviewer checks the "
            "adaptation against its source with this map."
        )
    )


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


class Guide(ContentModel):
    """Patient guidance about seeking a cancer second opinion, in one language.

    Some rules of the format cannot be written in JSON Schema, so validators of this schema do
    not check them, while the library does: every id must be unique in the whole guide, no object
    may write the same key twice, and a clinical review's next_review_due must be after its
    reviewed_on. A local section must also follow a section that exists, and an adaptation must
    restate an edition other than its own and map each of its own sentences once.
    """

    model_config = ConfigDict(
        defer_build=False,
        json_schema_extra={
            "if": {"properties": {"review": _RECORDS_A_CLINICAL_REVIEW}},
            "then": {
                "properties": {
                    "labels": {
                        "required": list(CLINICAL_REVIEW_LABELS),
                        "properties": {name: {"type": "string"} for name in CLINICAL_REVIEW_LABELS},
                    }
                }
            },
        },
    )

    schema_version: SchemaVersion = Field(
        description="Version of the content format this file is written in, such as '1.0'."
    )
    locale: LanguageTag = Field(
        description="Language of the content, as a BCP 47 tag such as 'en'."
    )
    edition: Slug = Field(
        default=STANDARD,
        description=(
            "Which edition of the guide in its language this is: 'standard', the source "
            "wording (the default), or another, such as 'plain', the plain-language edition. "
            "Every edition of a language has the same item ids. Since schema 1.4."
        ),
    )
    content_version: SemVer = Field(
        description=(
            "Version of the wording of this edition; a change of wording is a new content "
            "version. Each edition has its own."
        )
    )
    title: Text = Field(description="Title of the guide.")
    publisher: Text = Field(description="Who publishes this edition of the guide.")
    review: Review = Field(description="What review the content has had.")
    labels: Labels = Field(description="Interface wording used by renderers and exporters.")
    key_points: PointsSection | None = Field(
        default=None,
        description=(
            "The main message in a few short points, first in a full render, each restating "
            "the guide. Section id 'key-points'. The plain-language edition has it. Since "
            "schema 1.4."
        ),
    )
    overview: ProseSection = Field(description="What a second opinion is.")
    indications: ListSection = Field(description="When a second opinion may be especially useful.")
    clarifications: ClarificationsSection = Field(description="What a second opinion can clarify.")
    timing: ProseSection = Field(description="Why timing matters.")
    records: ChecklistSection = Field(description="Records to bring.")
    questions: QuestionsSection = Field(description="Questions to bring forward.")
    steps: StepsSection | None = Field(
        default=None,
        description=(
            "The actions the guide asks of the reader, as numbered steps, each restating the "
            "guide. Section id 'steps'. The plain-language edition has it. Since schema 1.4."
        ),
    )
    how_to_use: ProseSection = Field(description="How to use the guide.")
    disclaimer: ProseSection = Field(description="The guide does not replace medical care.")
    sources: LinksSection = Field(description="The sources the guide is based on.")
    gsm7_replacements: tuple[Gsm7Replacement, ...] = Field(
        default=(),
        description=(
            "Characters of this language to write another way where a text message keeps to the "
            "GSM-7 alphabet, extending or overriding the library's table of typographic "
            "characters (’ as ', — as -, ☐ as [ ]). A later entry for a character wins. Since "
            "schema 1.1."
        ),
    )
    translated_from: TranslatedFrom | None = Field(
        default=None,
        description=(
            "For a translation: the guide it was translated from, and each translated string's "
            "source, so that a string whose source has changed since is found stale. Since "
            "schema 1.3; the English guides have none."
        ),
    )
    adapted_from: AdaptedFrom | None = Field(
        default=None,
        description=(
            "For an adaptation of another edition, such as the plain-language edition of the "
            "standard one: that edition, and which of its sentences each sentence restates. "
            "Since schema 1.4."
        ),
    )
    local_sections: tuple[LocalSection, ...] = Field(
        default=(),
        description=(
            "Sections of this edition's own, such as how to request a second opinion at a "
            "particular centre, each placed after another section. The packaged guides have none."
        ),
    )

    @model_validator(mode="after")
    def _follows_the_rules_of_a_guide(self) -> "Guide":
        problems = [
            *self._repeated_ids(),
            *self._misplaced_sections(),
            *self._missing_review_labels(),
            *self._adapted_from_itself(),
        ]
        if problems:
            raise _rule_broken(problems)
        return self

    def _adapted_from_itself(self) -> Iterator[tuple[Location, str]]:
        origin = self.adapted_from
        if origin is not None and (origin.locale, origin.edition) == (self.locale, self.edition):
            yield (
                ("adapted_from", "edition"),
                (
                    f"names this guide's own edition ({origin.edition!r} in {origin.locale!r}); "
                    "an adaptation restates another edition: give this guide an edition of its "
                    "own, such as 'plain'"
                ),
            )

    def _missing_review_labels(self) -> Iterator[tuple[Location, str]]:
        if self.review.clinical_review is None:
            return
        for name in CLINICAL_REVIEW_LABELS:
            if getattr(self.labels, name) is None:
                yield (
                    ("labels", name),
                    "is required when the guide records a clinical review; add it",
                )

    def _identified(self) -> list[tuple[str, Location, Sequence[_Identified]]]:
        """Every list of identified things: the kind of its items, its location and its items.
        The local sections' ids come first, then their items', section by section."""
        lists: list[tuple[str, Location, Sequence[_Identified]]] = []
        for field, kind in PACKAGED_SECTIONS.values():
            content = getattr(self, field)
            if content is None:
                continue
            if kind is not None:
                lists.append((kind, (field, "items"), content.items))
            if isinstance(content, ClarificationsSection):
                lists.append(("clarification-topic", (field, "topics"), content.topics))
                lists.append(
                    ("treatment-goal", (field, "treatment_goals"), content.treatment_goals)
                )
        lists.append(("local-section", ("local_sections",), self.local_sections))
        for index, section in enumerate(self.local_sections):
            if not isinstance(section, LocalProseSection):
                lists.append(("local-item", ("local_sections", index, "items"), section.items))
        return lists

    def _repeated_ids(self) -> Iterator[tuple[Location, str]]:
        first_use: dict[str, Location] = {}
        for _, parent, items in self._identified():
            for index, item in enumerate(items):
                if item.id not in first_use:
                    first_use[item.id] = (*parent, index, "id")
                    continue
                yield (
                    (*parent, index, "id"),
                    (
                        f"repeats the id {quote(item.id)} already used at "
                        f"{json_path(first_use[item.id])}; ids must be unique in a guide"
                    ),
                )

    def _misplaced_sections(self) -> Iterator[tuple[Location, str]]:
        packaged = self._packaged_section_ids()
        known: set[str] = set(packaged)
        for index, section in enumerate(self.local_sections):
            if section.id in RESERVED_SECTION_IDS:
                what = "a packaged section id" if section.id in PACKAGED_SECTIONS else "reserved"
                yield (
                    ("local_sections", index, "id"),
                    (f"{section.id!r} is {what}; choose another id"),
                )
            if section.after not in known:
                yield (
                    ("local_sections", index, "after"),
                    (
                        f"names no section before this one ({section.after!r}); use a "
                        f"section id of this guide ({', '.join(packaged)}) or the id of an "
                        "earlier local section"
                    ),
                )
            known.add(section.id)

    def _packaged_section_ids(self) -> tuple[str, ...]:
        return tuple(
            section_id
            for section_id, (field, _) in PACKAGED_SECTIONS.items()
            if getattr(self, field) is not None
        )

    @property
    def section_ids(self) -> tuple[str, ...]:
        """Every section id of this guide in the order of a full render: the packaged sections,
        each followed by the local sections placed after it."""
        following: dict[str, list[str]] = {}
        for local in self.local_sections:
            following.setdefault(local.after, []).append(local.id)
        packaged = self._packaged_section_ids()
        order: dict[str, None] = {}  # ordered, with a set's membership test
        pending: list[str] = list(reversed(packaged))
        while pending:
            section_id = pending.pop()
            if section_id not in order:
                order[section_id] = None
                pending.extend(reversed(following.get(section_id, ())))
        if len(order) != len(packaged) + len(self.local_sections):
            # Validation refuses such a guide; one built with model_construct may hold it.
            raise ValueError(
                "a local section follows no section, or repeats a section id; validate the guide"
            )
        return tuple(order)

    def item_ids(self) -> Iterator[tuple[str, str]]:
        """Yield ``(kind, id)`` for every identified item: the packaged sections' items in reading
        order, then the local sections' ids, then their items'."""
        for kind, _, items in self._identified():
            for item in items:
                yield kind, item.id


SectionContent = (
    ProseSection
    | ListSection
    | ChecklistSection
    | QuestionsSection
    | PointsSection
    | StepsSection
    | LinksSection
)


def section_contents(guide: Guide) -> dict[str, SectionContent]:
    """The content of every section by id: the packaged sections the guide has, then its local
    sections."""
    contents: dict[str, SectionContent] = {
        section_id: content
        for section_id, (field, _) in PACKAGED_SECTIONS.items()
        if (content := getattr(guide, field)) is not None
    }
    contents.update((local.id, local) for local in guide.local_sections)
    return contents
