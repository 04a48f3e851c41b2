"""A personal handout built from the guide: "prepare for your second opinion".

The reader ticks the situations that apply, the records they already have and the questions they
want to ask, adds questions of their own, and gets a handout to bring, rendered by
:func:`~oncology_second_opinion.render` like the guide. The handout holds only the guide's own
items and wording plus the reader's own questions; it never says whether to seek a second opinion.
"""

import itertools
from collections.abc import Iterable, Sequence
from typing import Annotated, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StrictBool, model_validator
from pydantic_core import PydanticCustomError

from ._errors import SelectionError
from ._fields import Text, check_text
from ._ids import choose_ids
from ._models import Guide, Statement, Term

#: Most own questions a handout takes: a handout is meant to fit on one printed page.
MAX_OWN_QUESTIONS = 10
#: Most characters in one own question, after surrounding whitespace is removed.
MAX_OWN_QUESTION_LENGTH = 300

OwnQuestion = Annotated[Text, Field(max_length=MAX_OWN_QUESTION_LENGTH)]
"""A question in the reader's own words: text, at most :data:`MAX_OWN_QUESTION_LENGTH` long."""

_Item = TypeVar("_Item", Statement, Term)


class Handout(BaseModel):
    """The reader's selection from a guide, ready to render.

    Build it with :func:`build_handout`, which takes ids. Constructed directly, it is validated the
    same way: every chosen item must be an item of ``guide``, listed once, in the guide's order.
    """

    # Built on first use: a program that only renders the guide never needs it.
    model_config = ConfigDict(frozen=True, extra="forbid", validate_default=True, defer_build=True)

    guide: Guide
    """The guide the handout is built from; every wording of the handout comes from it."""
    indications: tuple[Statement, ...] = ()
    """The situations the reader ticked, in the guide's order."""
    records_on_hand: tuple[Term, ...] = ()
    """The records the reader already has, in the guide's order."""
    questions: tuple[Statement, ...] = ()
    """The guide's questions the reader chose to ask, in the guide's order."""
    own_questions: Annotated[tuple[OwnQuestion, ...], Field(max_length=MAX_OWN_QUESTIONS)] = ()
    """Questions in the reader's own words, in the order the reader gave them."""
    treatment_starts_soon: StrictBool = False
    """Whether the reader's treatment should start soon; the timing caveat then comes first."""

    @model_validator(mode="after")
    def _items_are_the_guides(self) -> "Handout":
        _check_chosen("indications", self.indications, self.guide.indications.items)
        _check_chosen("records_on_hand", self.records_on_hand, self.guide.records.items)
        _check_chosen("questions", self.questions, self.guide.questions.items)
        return self

    @property
    def records_to_gather(self) -> tuple[Term, ...]:
        """The guide's records the reader does not have yet, in the guide's order."""
        on_hand = {item.id for item in self.records_on_hand}
        return tuple(item for item in self.guide.records.items if item.id not in on_hand)


def _check_chosen(field: str, chosen: Sequence[_Item], available: Sequence[_Item]) -> None:
    position = {item.id: index for index, item in enumerate(available)}
    positions: list[int] = []
    for item in chosen:
        index = position.get(item.id)
        if index is None or available[index] != item:
            raise PydanticCustomError(
                "not_in_guide",
                "{field}: {id!r} is not an item of this guide",
                {"field": field, "id": item.id},
            )
        positions.append(index)
    if positions != sorted(set(positions)):
        raise PydanticCustomError(
            "not_in_guide_order",
            "{field}: items must be listed once each, in the guide's order",
            {"field": field},
        )


def _choose(field: str, value: object, available: Sequence[_Item]) -> tuple[_Item, ...]:
    """The items ``value`` names by id, in the guide's order whatever the order given."""

    valid = [item.id for item in available]

    def refuse(message: str, offending: object) -> SelectionError:
        return SelectionError(message, field=field, value=offending, valid=valid)

    chosen = set(choose_ids(value, valid, name=field, refuse=refuse))
    return tuple(item for item in available if item.id in chosen)


def _own_questions(value: object) -> tuple[str, ...]:
    field = "own_questions"
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise SelectionError(
            f"own_questions must be a list of questions (strings), not a {type(value).__name__}",
            field=field,
            value=value,
        )
    questions: list[str] = []
    # One more than the most is enough to refuse, and keeps an endless iterable from looping.
    for number, question in enumerate(itertools.islice(value, MAX_OWN_QUESTIONS + 1), start=1):
        if not isinstance(question, str):
            raise SelectionError(
                f"own question {number} must be a string, not {type(question).__name__}",
                field=field,
                value=question,
            )
        try:
            check_text(question)
        except ValueError as error:
            raise SelectionError(f"own question {number} {error}", field=field) from None
        question = question.strip()
        if len(question) > MAX_OWN_QUESTION_LENGTH:
            raise SelectionError(
                f"own question {number} is {len(question)} characters long; the most is "
                f"{MAX_OWN_QUESTION_LENGTH}",
                field=field,
            )
        questions.append(question)
    if len(questions) > MAX_OWN_QUESTIONS:
        raise SelectionError(
            f"more than {MAX_OWN_QUESTIONS} own questions given; the most a handout takes is "
            f"{MAX_OWN_QUESTIONS}",
            field=field,
        )
    return tuple(questions)


def build_handout(
    guide: Guide,
    *,
    indications: Iterable[str] = (),
    records_on_hand: Iterable[str] = (),
    questions: Iterable[str] = (),
    own_questions: Iterable[str] = (),
    treatment_starts_soon: bool = False,
) -> Handout:
    """The reader's handout: what they ticked in ``guide``, and their own questions.

    ``indications``, ``records_on_hand`` and ``questions`` are ids of the guide's indications,
    records and questions; each is kept in the guide's order, whatever the order given. The
    records not on hand are the records still to gather. ``own_questions`` are the reader's own
    words, kept in the order given with surrounding whitespace removed: at most
    :data:`MAX_OWN_QUESTIONS`, each at most :data:`MAX_OWN_QUESTION_LENGTH` characters, with no
    control or bidirectional-override characters. They are untrusted text and every writer escapes
    them like any other text. With ``treatment_starts_soon``, the guide's timing caveat comes first.

    Raises :class:`SelectionError` (a :class:`ValueError`) for an unknown or repeated id, naming
    the valid ids, or for an own question that is not valid.
    """
    if not isinstance(guide, Guide):
        raise TypeError(f"build_handout() needs a Guide, not {type(guide).__name__}")
    if not isinstance(treatment_starts_soon, bool):
        raise SelectionError(
            f"treatment_starts_soon must be True or False, not {treatment_starts_soon!r}",
            field="treatment_starts_soon",
            value=treatment_starts_soon,
        )
    return Handout(
        guide=guide,
        indications=_choose("indications", indications, guide.indications.items),
        records_on_hand=_choose("records_on_hand", records_on_hand, guide.records.items),
        questions=_choose("questions", questions, guide.questions.items),
        own_questions=_own_questions(own_questions),
        treatment_starts_soon=treatment_starts_soon,
    )
