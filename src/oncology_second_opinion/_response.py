"""A filled form back as a handout: a FHIR R4 QuestionnaireResponse to the exported Questionnaire.

A response is untrusted input. It is read against the Questionnaire that
:func:`~oncology_second_opinion.to_fhir_questionnaire` exports for the same guide, so the export is
the one home of the form's structure: every item must be one of that Questionnaire's, where it
stands there, and every answer of the item's type and among its options. Anything else is refused
with a :class:`ResponseError` naming where, never skipped: a skipped answer would be a silently
wrong handout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ._errors import ResponseError, SelectionError, json_path, wrong_type
from ._fhir import ITEM_SYSTEM, QUESTION_LINK_IDS, to_fhir_questionnaire
from ._handout import Handout, build_handout
from ._models import Guide

#: QuestionnaireResponse statuses whose answers stand; ``entered-in-error`` is refused.
ACCEPTED_STATUSES = ("in-progress", "completed", "amended", "stopped")

# The elements R4 defines, so that a misspelt or foreign key is refused, not ignored.
# modifierExtension is left out: it may change the meaning of what holds it, and nothing here
# knows any.
_RESPONSE_KEYS = frozenset(
    {
        "resourceType",
        "id",
        "meta",
        "implicitRules",
        "language",
        "text",
        "contained",
        "extension",
        "identifier",
        "basedOn",
        "partOf",
        "questionnaire",
        "status",
        "subject",
        "encounter",
        "authored",
        "author",
        "source",
        "item",
    }
)
_ITEM_KEYS = frozenset({"id", "extension", "linkId", "definition", "text", "answer", "item"})
_ANSWER_KEYS = frozenset({"id", "extension"})
_CODING_KEYS = frozenset(
    {"id", "extension", "system", "version", "code", "display", "userSelected"}
)
_VALUE_KEYS = {"choice": "valueCoding", "boolean": "valueBoolean", "string": "valueString"}

Location = tuple[str | int, ...]
Item = dict[str, Any]


_JSON_TYPES = {dict: "an object", list: "an array", bool: "a boolean", type(None): "null"}


def _shown(value: object) -> str:
    """A value for a message: a short, escaped string, or what kind of JSON value it is."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:60] + "…")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return _JSON_TYPES.get(type(value), f"a {type(value).__name__}")


def _refuse(location: Location, message: str) -> ResponseError:
    return ResponseError(message, path=json_path(location))


def _object(
    value: object, location: Location, what: str, keys: frozenset[str]
) -> Mapping[Any, Any]:
    if not isinstance(value, Mapping):
        raise _refuse(location, f"{what} must be a JSON object, not {_shown(value)}")
    for key in value:
        if key not in keys:
            hint = (
                "; a modifier extension changes what it is attached to and none is understood here"
                if key == "modifierExtension"
                else ""
            )
            raise _refuse((*location, str(key)), f"{what} cannot hold {_shown(key)}{hint}")
    return value


def _list(value: object, location: Location, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise _refuse(location, f"{what} must be a JSON array, not {_shown(value)}")
    return value


class _Reader:
    """Reads a response's items against the Questionnaire's, collecting answers by link id."""

    def __init__(self) -> None:
        self.answers: dict[str, list[Any]] = {}
        self.where: dict[str, Location] = {}

    def items(self, value: object, definitions: list[Item], location: Location) -> None:
        by_link = {item["linkId"]: item for item in definitions}
        seen: set[str] = set()
        for index, entry in enumerate(_list(value, location, "item")):
            here = (*location, index)
            entry = _object(entry, here, "an item", _ITEM_KEYS)
            link_id = entry.get("linkId")
            if not isinstance(link_id, str):
                raise _refuse((*here, "linkId"), f"linkId must be a string, not {_shown(link_id)}")
            definition = by_link.get(link_id)
            if definition is None:
                raise _refuse(
                    (*here, "linkId"),
                    f"the Questionnaire has no item {_shown(link_id)} here; valid link ids: "
                    f"{', '.join(by_link)}",
                )
            for key in ("text", "definition"):
                if key in entry and not isinstance(entry[key], str):
                    raise _refuse((*here, key), f"{key} must be a string, not {_shown(entry[key])}")
            if link_id in seen:
                raise _refuse((*here, "linkId"), f"item {_shown(link_id)} is given twice")
            seen.add(link_id)
            self.item(entry, definition, here)

    def item(self, entry: Mapping[Any, Any], definition: Item, location: Location) -> None:
        kind = definition["type"]
        link_id = definition["linkId"]
        if kind in {"group", "display"}:
            if "answer" in entry:
                raise _refuse((*location, "answer"), f"{kind} item {link_id!r} takes no answer")
            if kind == "group":
                self.items(entry.get("item", []), definition["item"], (*location, "item"))
            elif "item" in entry:
                raise _refuse((*location, "item"), f"display item {link_id!r} has no items")
            return
        if "item" in entry:
            raise _refuse((*location, "item"), f"question {link_id!r} has no nested items")
        answers = _list(
            entry.get("answer", []), (*location, "answer"), f"the answer to {link_id!r}"
        )
        if not answers:
            raise _refuse((*location, "answer"), f"question {link_id!r} is given with no answer")
        if len(answers) > 1 and not definition.get("repeats"):
            raise _refuse((*location, "answer"), f"question {link_id!r} takes one answer")
        key = _VALUE_KEYS[kind]
        values = []
        for index, answer in enumerate(answers):
            here = (*location, "answer", index)
            answer = _object(answer, here, "an answer", _ANSWER_KEYS | {key})
            if key not in answer:
                raise _refuse(here, f"the answer to {link_id!r} needs a {key}")
            values.append(self.value(answer[key], definition, (*here, key)))
        self.answers[link_id] = values
        self.where[link_id] = location

    def value(self, value: object, definition: Item, location: Location) -> object:
        kind = definition["type"]
        if kind == "boolean":
            if not isinstance(value, bool):
                raise _refuse(location, f"must be true or false, not {_shown(value)}")
            return value
        if kind == "string":
            if not isinstance(value, str):
                raise _refuse(location, f"must be a string, not {_shown(value)}")
            return value
        coding = _object(value, location, "a Coding", _CODING_KEYS)
        if coding.get("system") != ITEM_SYSTEM:
            raise _refuse(
                (*location, "system"),
                f"must be {ITEM_SYSTEM!r}, the system of this Questionnaire's answer codes, not "
                f"{_shown(coding.get('system'))}",
            )
        if "display" in coding and not isinstance(coding["display"], str):
            raise _refuse(
                (*location, "display"), f"must be a string, not {_shown(coding['display'])}"
            )
        codes = [option["valueCoding"]["code"] for option in definition["answerOption"]]
        code = coding.get("code")
        if not isinstance(code, str) or code not in codes:
            raise _refuse(
                (*location, "code"),
                f"{_shown(code)} is not an answer to {definition['linkId']!r}; valid codes: "
                f"{', '.join(codes)}",
            )
        return code


def _canonical(value: object, questionnaire: Mapping[str, Any]) -> None:
    location: Location = ("questionnaire",)
    url, version = questionnaire["url"], questionnaire["version"]
    if value is None:
        raise _refuse(location, f"is missing; it must name this Questionnaire, {url}|{version}")
    if not isinstance(value, str):
        raise _refuse(location, f"must be a canonical URL string, not {_shown(value)}")
    given_url, bar, given_version = value.partition("|")
    if given_url != url:
        raise _refuse(
            location,
            f"answers the Questionnaire {_shown(given_url)}, not this guide's {url!r}; pass the "
            "url it was exported with, or the guide it was exported from",
        )
    if bar and given_version != version:
        raise _refuse(
            location,
            f"answers version {_shown(given_version)} of the Questionnaire, not this guide's "
            f"{version!r}; read it with the guide of that content version",
        )


def handout_from_questionnaire_response(
    guide: Guide, response: Mapping[str, Any], *, url: str | None = None
) -> Handout:
    """The handout a filled form asks for: a FHIR R4 QuestionnaireResponse to the Questionnaire
    that :func:`to_fhir_questionnaire` exports for ``guide``, as a JSON-like mapping.

    It gives the same handout as :func:`build_handout` with the ticked ids, the own questions and
    whether treatment should start soon; questions left unanswered choose nothing. Pass the
    ``url`` the Questionnaire was exported with, if not the default. The response's
    ``questionnaire`` must be that url, with ``|`` and the guide's ``content_version`` if it names
    a version.

    The response is untrusted input. Raises :class:`ResponseError` (a :class:`ValueError`),
    whose ``path`` is the JSON path of the offending part, for anything that is not an answer to
    that Questionnaire: another resource type, url or version, an ``entered-in-error`` or unknown
    status, an item the Questionnaire does not have or has elsewhere, an item given twice, a
    question without an answer or with several where it takes one, an answer of the wrong type,
    an unknown code or code system, a modifier extension, an element R4 does not define, or an
    answer :func:`build_handout` refuses (a repeated code, an own question that is not valid).
    """
    function = "handout_from_questionnaire_response"
    if not isinstance(guide, Guide):
        raise wrong_type(function, "guide", "a Guide", guide)
    questionnaire = to_fhir_questionnaire(guide, url=url)
    response = _object(response, (), "a QuestionnaireResponse", _RESPONSE_KEYS)
    kind = response.get("resourceType")
    if kind != "QuestionnaireResponse":
        raise _refuse(("resourceType",), f"must be 'QuestionnaireResponse', not {_shown(kind)}")
    _canonical(response.get("questionnaire"), questionnaire)
    status = response.get("status")
    if status not in ACCEPTED_STATUSES:
        raise _refuse(
            ("status",),
            f"{_shown(status)} is not a status whose answers stand; accepted: "
            f"{', '.join(ACCEPTED_STATUSES)}",
        )
    reader = _Reader()
    reader.items(response.get("item", []), questionnaire["item"], ("item",))

    def given(field: str) -> list[Any]:
        return reader.answers.get(QUESTION_LINK_IDS[field], [])

    starts_soon = given("treatment_starts_soon")
    try:
        return build_handout(
            guide,
            indications=given("indications"),
            records_on_hand=given("records_on_hand"),
            questions=given("questions"),
            own_questions=given("own_questions"),
            treatment_starts_soon=bool(starts_soon and starts_soon[0]),
        )
    except SelectionError as error:
        location = reader.where.get(QUESTION_LINK_IDS[error.field], ("item",))
        raise _refuse((*location, "answer"), str(error)) from None
