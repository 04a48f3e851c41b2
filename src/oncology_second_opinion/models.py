"""The content model: one frozen pydantic model per concept of the guide.

Field descriptions become descriptions in the published JSON Schema, so they are written for
content editors and for consumers in other languages. They are given with ``Field(description=...)``
rather than as attribute docstrings: reading docstrings back needs the source and a parse of it at
import time, which would cost every program that imports the library. For the same reason the
annotations here are evaluated when the module runs (no ``from __future__ import annotations``):
pydantic would otherwise evaluate each one again from its string.
"""

from collections import Counter
from collections.abc import Callable, Iterator
from itertools import chain
from operator import attrgetter
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from .fields import HttpsUrl, LanguageTag, SchemaVersion, SemVer, Slug, Text

NonEmpty = Field(min_length=1)


class ContentModel(BaseModel):
    """Base for every content model: immutable, strict about unknown keys."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=False,
        validate_default=True,
        # A part of a guide builds its own validator on first use only: reading a guide needs the
        # guide's validator alone, so importing the library does not build eighteen more.
        defer_build=True,
    )

    @property
    def model_fields_set(self) -> set[str]:
        """The fields set at validation, as a fresh set: changing it changes nothing here."""
        return set(self.__pydantic_fields_set__)


Paragraphs = Annotated[tuple[Text, ...], NonEmpty]


class Overview(ContentModel):
    """What a second opinion is and why patients seek one."""

    heading: Text = Field(description="Heading of the overview section.")
    paragraphs: Paragraphs = Field(description="The overview's paragraphs, in reading order.")


class Indication(ContentModel):
    """A situation in which a second opinion may be especially useful."""

    id: Slug = Field(description="Stable identifier of the indication, unique in the guide.")
    text: Text = Field(description="The situation, as one list item.")


class IndicationsSection(ContentModel):
    """When a second opinion may be especially useful."""

    heading: Text = Field(description="Heading of the section.")
    lead: Text = Field(description="The sentence that introduces the list of indications.")
    items: Annotated[tuple[Indication, ...], NonEmpty] = Field(
        description="The indications, in reading order."
    )


class TreatmentGoal(ContentModel):
    """A goal of treatment that a second opinion may help make clear."""

    id: Slug = Field(description="Stable identifier of the treatment goal, unique in the guide.")
    label: Text = Field(description="Short name of the goal, restating the guide's own words.")


class ClarificationTopic(ContentModel):
    """Something a second opinion may review or help identify."""

    id: Slug = Field(description="Stable identifier of the topic, unique in the guide.")
    label: Text = Field(description="Short name of the topic, restating the guide's own words.")


class ClarificationsSection(ContentModel):
    """What a second opinion can clarify."""

    heading: Text = Field(description="Heading of the section.")
    paragraphs: Paragraphs = Field(
        description=(
            "The section's paragraphs, in reading order; they name every topic and treatment goal."
        )
    )
    topics: Annotated[tuple[ClarificationTopic, ...], NonEmpty] = Field(
        description=(
            "The topics the paragraphs name, as structured data, in the order the "
            "paragraphs name them."
        )
    )
    treatment_goals: Annotated[tuple[TreatmentGoal, ...], NonEmpty] = Field(
        description=(
            "The treatment goals the paragraphs name, as structured data, in the order named."
        )
    )


class TimingCaveat(ContentModel):
    """Why timing matters when treatment should start soon."""

    heading: Text = Field(description="Heading of the section.")
    paragraphs: Paragraphs = Field(description="The caveat's paragraphs, in reading order.")


class RecordItem(ContentModel):
    """A record to bring to a second opinion."""

    id: Slug = Field(description="Stable identifier of the record, unique in the guide.")
    label: Text = Field(description="Short name of the record, restating the guide's own words.")


class RecordsSection(ContentModel):
    """The records to bring."""

    heading: Text = Field(description="Heading of the section.")
    lead: Text = Field(description="The sentence that lists the useful records in prose.")
    items: Annotated[tuple[RecordItem, ...], NonEmpty] = Field(
        description="The records as a checklist, in the order the lead names them."
    )


class Question(ContentModel):
    """A question to bring forward to the treating doctor or the second-opinion team."""

    id: Slug = Field(description="Stable identifier of the question, unique in the guide.")
    text: Text = Field(description="The question.")


class QuestionsSection(ContentModel):
    """Questions to bring forward."""

    heading: Text = Field(description="Heading of the section.")
    items: Annotated[tuple[Question, ...], NonEmpty] = Field(
        description="The questions, in reading order."
    )


class HowToUse(ContentModel):
    """What the guide is for and what it is not."""

    heading: Text = Field(description="Heading of the section.")
    paragraphs: Paragraphs = Field(description="The section's paragraphs, in reading order.")


class Disclaimer(ContentModel):
    """The guide's statement that it does not replace medical care."""

    heading: Text = Field(description="Heading of the section.")
    paragraphs: Paragraphs = Field(description="The disclaimer's paragraphs, in reading order.")


class Source(ContentModel):
    """A published source the guide is based on. A reference, not a licence."""

    id: Slug = Field(description="Stable identifier of the source, unique in the guide.")
    publisher: Text = Field(description="Who published the source, as written in the guide.")
    title: Text = Field(description="Title of the source, as written in the guide.")
    url: HttpsUrl = Field(description="Address of the source, exactly as written in the guide.")


class SourcesSection(ContentModel):
    """The sources the guide is based on."""

    heading: Text = Field(description="Heading of the section.")
    items: Annotated[tuple[Source, ...], NonEmpty] = Field(
        description="The sources, in the order the guide lists them."
    )


class Review(ContentModel):
    """What review the content has had, stated honestly."""

    status: Literal["not-clinically-reviewed", "clinically-reviewed"] = Field(
        description=(
            "Machine-readable review status. Only claim 'clinically-reviewed' when a clinician has."
        )
    )
    statement: Text = Field(
        description="The review status in words, shown to readers with the guide."
    )


class Labels(ContentModel):
    """Interface wording that renderers and exporters need beyond the sections' own headings.

    Renderers hold no wording of their own, so a translated content file translates these too.
    """

    contents: Text = Field(description="Caption of the table of contents.")
    content_version: Text = Field(
        description="Label shown before the content version, such as 'Content version'."
    )
    review_status: Text = Field(
        description="Label shown before the review statement, such as 'Review status'."
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


_ID = attrgetter("id")

Identified = Indication | ClarificationTopic | TreatmentGoal | RecordItem | Question | Source


class Guide(ContentModel):
    """Patient guidance about seeking a cancer second opinion, in one language.

    Two rules of the format cannot be written in JSON Schema, so validators of this schema do not
    check them, while the library does: every id must be unique in the whole guide, and no object
    may write the same key twice.
    """

    model_config = ConfigDict(defer_build=False)  # built at import: every program reads a guide

    schema_version: SchemaVersion = Field(
        description="Version of the content format this file is written in, such as '1.0'."
    )
    locale: LanguageTag = Field(
        description="Language of the content, as a BCP 47 tag such as 'en'."
    )
    content_version: SemVer = Field(
        description="Version of the wording; a change of wording is a new content version."
    )
    title: Text = Field(description="Title of the guide.")
    publisher: Text = Field(description="Who publishes this edition of the guide.")
    review: Review = Field(description="What review the content has had.")
    labels: Labels = Field(description="Interface wording used by renderers and exporters.")
    overview: Overview = Field(description="What a second opinion is.")
    indications: IndicationsSection = Field(
        description="When a second opinion may be especially useful."
    )
    clarifications: ClarificationsSection = Field(description="What a second opinion can clarify.")
    timing: TimingCaveat = Field(description="Why timing matters.")
    records: RecordsSection = Field(description="Records to bring.")
    questions: QuestionsSection = Field(description="Questions to bring forward.")
    how_to_use: HowToUse = Field(description="How to use the guide.")
    disclaimer: Disclaimer = Field(description="The guide does not replace medical care.")
    sources: SourcesSection = Field(description="The sources the guide is based on.")

    @model_validator(mode="after")
    def _ids_are_unique(self) -> "Guide":
        ids = list(map(_ID, chain.from_iterable(_IDENTIFIED_LISTS(self))))
        if len(set(ids)) == len(ids):
            return self
        uses = Counter(ids)
        duplicates = [item_id for item_id, count in uses.items() if count > 1]
        raise PydanticCustomError(
            "duplicate_id",
            "ids must be unique in a guide; used more than once: {duplicates}",
            {"duplicates": ", ".join(duplicates)},
        )

    def item_ids(self) -> Iterator[tuple[str, str]]:
        """Yield ``(kind, id)`` for every identified item, in document order."""
        for kind, items in zip(_IDENTIFIED_KINDS, _IDENTIFIED_LISTS(self), strict=True):
            for item in items:
                yield kind, item.id


# Every list of identified items in a guide, in document order, and the kind of its items.
_IDENTIFIED = {
    "indications.items": "indication",
    "clarifications.topics": "clarification-topic",
    "clarifications.treatment_goals": "treatment-goal",
    "records.items": "record",
    "questions.items": "question",
    "sources.items": "source",
}
_IDENTIFIED_LISTS: Callable[[Guide], tuple[tuple[Identified, ...], ...]] = attrgetter(*_IDENTIFIED)
_IDENTIFIED_KINDS = tuple(_IDENTIFIED.values())
