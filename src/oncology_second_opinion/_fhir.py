"""Export a guide as a FHIR R4 Questionnaire, for patient portals and EHR-connected apps.

The Questionnaire asks what a personal handout needs (see :mod:`._handout`) and shows the guide's
safety text and sources as display items. Every human-readable string in it comes from the guide;
the only other strings are FHIR codes, extension URLs, link ids built from the guide's stable ids,
and the computable ``name``.

Choices, and why:

``url``
    ``urn:oncology-second-opinion:questionnaire:<locale>`` for a standard edition, and
    ``...:<locale>:<edition>`` for another (``...:en:plain``), unless the caller gives one. The
    project has no web domain, so an ``http(s)`` address would either be invented or point at a
    site nobody controls. A URN in the namespace the published JSON Schema already uses
    (``urn:oncology-second-opinion:schema:...``) is stable across releases and names the locale
    and the edition, because each is a different Questionnaire. ``version`` is the guide's
    ``content_version``, so ``url|version`` pins wording. A publisher of their own edition gives
    their own ``url``.
``identifier``, ``derivedFrom``
    The edition the Questionnaire carries is an ``identifier`` in the system
    ``urn:oncology-second-opinion:edition`` (``standard``, ``plain``), stated whatever ``url``
    the caller gives. An adapted edition (the plain-language one) or a translation names the
    Questionnaire of the guide it restates in ``derivedFrom``: that guide's default ``url``,
    ``|`` and its content version, as the content records it.
``status``
    ``"active"`` only when ``review.status`` is ``"clinically-reviewed"``; otherwise ``"draft"``,
    unless the caller gives one. FHIR defines ``active`` as "ready for normal use" and ``draft``
    as "not yet considered to be ready for normal use". Medical guidance that no clinician has
    reviewed should not be announced as ready to systems that select forms by status, so the
    export follows the review status the content itself states (whose statement is also shown,
    as a display item). ``experimental`` is not set: the content is not a test artefact.
``name``, ``description``, ``text``, ``date``
    ``name`` is computed from the title's ASCII letters and digits (FHIR wants a name a program
    can use as an identifier), prefixed ``Questionnaire`` where the title gives no valid one.
    ``description`` is the overview, as Markdown. ``text`` is a narrative generated from the items
    (FHIR's dom-6 asks every resource for one). ``date`` is set only when the caller gives it: the
    content records no publication date, and none is invented.
Questions
    Each list the reader answers from is one repeating ``choice`` item with the standard
    ``check-box`` item control, whose answer options are ``Coding`` values: ``code`` the item's
    stable id (in :data:`ITEM_SYSTEM`), ``display`` its text. Renderers widely support this form
    and show every option's text; the earlier ``boolean`` items with ``prompt`` captions hid the
    captions in some. The item's ``text`` is the handout's heading for that list ("Situations
    that apply to me", ...), so the question is asked in the content's own words. Whether
    treatment should start soon is a ``boolean`` item whose text is
    ``labels.treatment_starts_soon``, asked only when the content has that label; own questions
    are a repeating ``string`` item, limited as a handout limits them.
Clinical review
    When the content records a clinical review, ``lastReviewDate`` is its ``reviewed_on`` and
    ``effectivePeriod`` runs from ``reviewed_on`` to ``next_review_due`` (FHIR: "the period during
    which the questionnaire content was or is planned to be in active use"; after it the content is
    due for review). ``approvalDate`` is not set: FHIR defines it as the publisher's approval, and
    the content records a clinician's review, not that. R4 Questionnaire has no element for a
    reviewer, so the reviewer, with their role and organisation, is a display item under the
    review group (``section.review.reviewed-by``), as the header of every render shows it, with the
    review dates (``section.review.last-reviewed``, ``section.review.next-review-due``).
Sources
    R4 Questionnaire has no ``relatedArtifact`` element, and ``derivedFrom`` may only point at other
    Questionnaires (our sources are web pages). Each source is therefore one HL7 extension
    ``http://hl7.org/fhir/StructureDefinition/artifact-relatedArtifact`` (FHIR Extensions Pack,
    defined for artifact metadata on definitional resources that lack the element) holding an R4
    ``RelatedArtifact`` of type ``citation``: ``label`` is the source's stable id, ``display`` its
    title, ``citation`` its publisher (Markdown, escaped) and ``url`` its address as written.
    Where the content states the source's language, ``document`` is an ``Attachment`` of the
    page (its ``url``) whose ``language`` says it: R4 has no other place for the language of a
    cited work, and its ``language`` extension may not be used on a RelatedArtifact.
    Renderers do not show extensions, so each source is also a display item a reader sees.
Link ids
    Display items that stand for content carry its id (a lowercase slug): sources, and an
    edition's local list items and links. Every other link id contains a ``.``, which a slug never
    does, so the two kinds can never collide: groups are ``section.<name>``, paragraphs
    ``section.<name>.<n>`` (from 1), leads ``section.<name>.lead``, the review statement
    ``section.review.statement``, the questions ``section.indications.apply``,
    ``section.timing.starts-soon``, ``section.records.on-hand``, ``section.questions.will-ask``
    and ``section.questions.own-questions``, and an edition's local section ``<id>`` is the group
    ``section.local.<id>``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any, Literal, get_args

from ._errors import RenderOptionError, wrong_type
from ._handout import MAX_OWN_QUESTION_LENGTH, MAX_OWN_QUESTIONS
from ._models import STANDARD, Guide, LocalListSection, LocalProseSection, LocalSection, Source
from ._outline import review_facts
from ._writers.html import escape as html
from ._writers.markdown import escape as markdown

#: Where the Questionnaire's default canonical URL lives; the locale, and an edition other than
#: the standard one, are appended (see :func:`questionnaire_url`).
QUESTIONNAIRE_URL_PREFIX = "urn:oncology-second-opinion:questionnaire:"
#: The identifier system that names the edition a Questionnaire carries, such as ``plain``.
EDITION_SYSTEM = "urn:oncology-second-opinion:edition"
#: The code system of answer codes: a code is the stable id of a guide's item, in any edition.
ITEM_SYSTEM = "urn:oncology-second-opinion:item"

RELATED_ARTIFACT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/artifact-relatedArtifact"
ITEM_CONTROL_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"
MAX_OCCURS_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs"
XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml"

#: Link ids of the questions, by the :func:`~oncology_second_opinion.build_handout` argument
#: each one answers.
QUESTION_LINK_IDS = {
    "indications": "section.indications.apply",
    "treatment_starts_soon": "section.timing.starts-soon",
    "records_on_hand": "section.records.on-hand",
    "questions": "section.questions.will-ask",
    "own_questions": "section.questions.own-questions",
}

PublicationStatus = Literal["draft", "active", "retired", "unknown"]
PUBLICATION_STATUSES: tuple[str, ...] = get_args(PublicationStatus)

# The R4 patterns of the types of url, id, name and date (uri, id, a computable name, dateTime).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s|]+")
_ID = re.compile(r"[A-Za-z0-9\-.]{1,64}")
_NAME = re.compile(r"[A-Z][A-Za-z0-9_]{0,254}")
_DATE_TIME = re.compile(
    r"(?P<date>[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?)"
    r"(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?"
)

Item = dict[str, Any]


def _display(link_id: str, text: str) -> Item:
    return {"linkId": link_id, "text": text, "type": "display"}


def _paragraphs(section: str, paragraphs: tuple[str, ...]) -> list[Item]:
    return [
        _display(f"section.{section}.{number}", text)
        for number, text in enumerate(paragraphs, start=1)
    ]


def _group(section: str, text: str, items: list[Item]) -> Item:
    return {"linkId": f"section.{section}", "text": text, "type": "group", "item": items}


def _check_boxes(link_id: str, text: str, options: Sequence[tuple[str, str]]) -> Item:
    """A question answered by ticking any of ``options`` (id, text pairs)."""
    return {
        "extension": [
            {
                "url": ITEM_CONTROL_EXTENSION,
                "valueCodeableConcept": {
                    "coding": [{"system": ITEM_CONTROL_SYSTEM, "code": "check-box"}]
                },
            }
        ],
        "linkId": link_id,
        "text": text,
        "type": "choice",
        "repeats": True,
        "answerOption": [
            {"valueCoding": {"system": ITEM_SYSTEM, "code": code, "display": display}}
            for code, display in options
        ],
    }


def _own_questions(text: str) -> Item:
    return {
        "extension": [{"url": MAX_OCCURS_EXTENSION, "valueInteger": MAX_OWN_QUESTIONS}],
        "linkId": QUESTION_LINK_IDS["own_questions"],
        "text": text,
        "type": "string",
        "repeats": True,
        "maxLength": MAX_OWN_QUESTION_LENGTH,
    }


def _citation(source: Source) -> dict[str, Any]:
    artifact: dict[str, Any] = {
        "type": "citation",
        "label": source.id,
        "display": source.title,
        "citation": markdown(source.publisher),
        "url": source.url,
    }
    if source.language is not None:
        artifact["document"] = {"language": source.language, "url": source.url}
    return {"url": RELATED_ARTIFACT_EXTENSION, "valueRelatedArtifact": artifact}


def _link_text(guide: Guide, publisher: str, title: str, url: str) -> str:
    labels = guide.labels
    return f"{publisher}{labels.label_separator}{title}{labels.url_separator}{url}"


def _local(section: LocalSection, guide: Guide) -> Item:
    """An edition's own section, as display items like the guide's own prose."""
    name = f"local.{section.id}"
    items: list[Item]
    if isinstance(section, LocalProseSection):
        items = _paragraphs(name, section.paragraphs)
    elif isinstance(section, LocalListSection):
        lead = _display(f"section.{name}.lead", section.lead)
        items = [lead, *(_display(item.id, item.text) for item in section.items)]
    else:
        items = [
            _display(link.id, _link_text(guide, link.publisher, link.title, link.url))
            for link in section.items
        ]
    return _group(name, section.heading, items)


def questionnaire_url(locale: str, edition: str = STANDARD) -> str:
    """The default canonical URL of the Questionnaire exported for a guide in ``locale`` and
    ``edition``: the locale alone for the standard edition, else ``<locale>:<edition>``."""
    return QUESTIONNAIRE_URL_PREFIX + locale + ("" if edition == STANDARD else f":{edition}")


def _derived_from(guide: Guide) -> list[str]:
    """The default canonical URL and version of the Questionnaire of each guide this one was
    adapted or translated from."""
    return [
        f"{questionnaire_url(origin.locale, origin.edition)}|{origin.content_version}"
        for origin in (guide.adapted_from, guide.translated_from)
        if origin is not None
    ]


def _review_facts(guide: Guide) -> list[Item]:
    """The recorded clinical review as display items, worded as a render's header words it."""
    separator = guide.labels.label_separator
    links = ("reviewed-by", "last-reviewed", "next-review-due")
    return [
        _display(f"section.review.{link}", fact.label + separator + fact.value)
        for link, fact in zip(links, review_facts(guide), strict=False)
    ]


def computable_name(title: str) -> str:
    """A FHIR computable name from ``title``: its ASCII words, each capitalised, run together."""
    name = "".join(word[0].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", title))
    return name[:255] if _NAME.fullmatch(name[:255]) else f"Questionnaire{name}"[:255]


def _items(guide: Guide) -> list[Item]:
    labels = guide.labels
    indications = _group(
        "indications",
        guide.indications.heading,
        [
            _display("section.indications.lead", guide.indications.lead),
            _check_boxes(
                QUESTION_LINK_IDS["indications"],
                labels.handout_indications,
                [(item.id, item.text) for item in guide.indications.items],
            ),
        ],
    )
    timing_items = _paragraphs("timing", guide.timing.paragraphs)
    if labels.treatment_starts_soon is not None:
        timing_items.append(
            {
                "linkId": QUESTION_LINK_IDS["treatment_starts_soon"],
                "text": labels.treatment_starts_soon,
                "type": "boolean",
            }
        )
    records = _group(
        "records",
        guide.records.heading,
        [
            _display("section.records.lead", guide.records.lead),
            _check_boxes(
                QUESTION_LINK_IDS["records_on_hand"],
                labels.handout_records_on_hand,
                [(item.id, item.label) for item in guide.records.items],
            ),
        ],
    )
    questions = _group(
        "questions",
        guide.questions.heading,
        [
            _check_boxes(
                QUESTION_LINK_IDS["questions"],
                labels.handout_questions,
                [(item.id, item.text) for item in guide.questions.items],
            ),
            _own_questions(labels.own_questions),
        ],
    )
    sources = _group(
        "sources",
        guide.sources.heading,
        [
            _display(source.id, _link_text(guide, source.publisher, source.title, source.url))
            for source in guide.sources.items
        ],
    )
    return [
        indications,
        _group("timing", guide.timing.heading, timing_items),
        records,
        questions,
        *(_local(section, guide) for section in guide.local_sections),
        _group(
            "disclaimer",
            guide.disclaimer.heading,
            _paragraphs("disclaimer", guide.disclaimer.paragraphs),
        ),
        sources,
        _group(
            "review",
            labels.review_status,
            [_display("section.review.statement", guide.review.statement), *_review_facts(guide)],
        ),
    ]


def _narrative_items(items: list[Item], level: int) -> str:
    parts: list[str] = []
    for item in items:
        text = html(item["text"])
        if item["type"] == "group":
            parts.append(f"<h{level}>{text}</h{level}>")
            parts.append(_narrative_items(item["item"], min(level + 1, 6)))
        else:
            parts.append(f"<p>{text}</p>")
        if "answerOption" in item:
            options = (html(option["valueCoding"]["display"]) for option in item["answerOption"])
            parts.append("<ul>" + "".join(f"<li>{option}</li>" for option in options) + "</ul>")
    return "".join(parts)


def _narrative(title: str, items: list[Item]) -> dict[str, str]:
    """The form as XHTML for people reading the resource: its title, groups, texts and options."""
    body = f"<h1>{html(title)}</h1>{_narrative_items(items, 2)}"
    return {"status": "generated", "div": f'<div xmlns="{XHTML_NAMESPACE}">{body}</div>'}


def _option(function: str, option: str, value: object, pattern: re.Pattern[str], what: str) -> str:
    if not isinstance(value, str):
        raise wrong_type(function, option, what, value)
    if not pattern.fullmatch(value):
        raise RenderOptionError(
            f"{option} {value!r} is not valid: it must be {what}", option=option
        )
    return value


def _date(value: object) -> str:
    """A FHIR dateTime from a date, a datetime with its time zone, or a FHIR dateTime string."""
    function = "to_fhir_questionnaire"
    what = "a FHIR dateTime such as '2026-11-30', a date, or a datetime with a time zone"
    if isinstance(value, datetime.datetime):
        if value.utcoffset() is None:
            raise RenderOptionError(
                "date: a datetime needs a time zone, which FHIR requires with a time",
                option="date",
            )
        return value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = _option(function, "date", value, _DATE_TIME, what)
    day = _DATE_TIME.fullmatch(text)
    try:
        if day and len(day["date"]) == 10:
            datetime.date.fromisoformat(day["date"])
    except ValueError:
        raise RenderOptionError(
            f"date {text!r} is not a day of the calendar", option="date"
        ) from None
    return text


def to_fhir_questionnaire(
    guide: Guide,
    *,
    url: str | None = None,
    id: str | None = None,
    name: str | None = None,
    date: str | datetime.date | None = None,
    status: PublicationStatus | None = None,
) -> dict[str, Any]:
    """Export ``guide`` as a FHIR R4 Questionnaire resource, as a JSON-able dict.

    The Questionnaire asks what :func:`~oncology_second_opinion.build_handout` takes, so that
    :func:`~oncology_second_opinion.handout_from_questionnaire_response` turns a filled form
    into the handout. Items, in the guide's order: the indications (their lead, then a check-box
    question "which situations apply", whose answer codes are the indications' ids), the timing
    caveat and the question whether treatment should start soon (when the content has
    ``labels.treatment_starts_soon``), the records (their lead, then a check-box question "which
    records I already have"), the questions to bring forward (a check-box question "which I
    will ask", then a repeating text item for the reader's own questions), an edition's local
    sections (display items under a group each), the disclaimer, the sources (display items, and
    ``artifact-relatedArtifact`` citations) and the review statement.

    ``url`` (an absolute URI; default ``urn:oncology-second-opinion:questionnaire:<locale>``,
    and ``...:<locale>:<edition>`` for an edition other than ``standard``),
    ``id`` (a FHIR id), ``name`` (a computable name; default computed from the title), ``date``
    (a FHIR dateTime string, a date, or a datetime with a time zone; default none) and
    ``status`` (default ``"draft"`` unless the content is clinically reviewed) set those
    elements. A value that is not valid raises :class:`RenderOptionError` naming the option. The
    module docstring explains each choice. The result is deterministic: the same guide and
    arguments always give an equal dict, with keys in the same order.
    """
    function = "to_fhir_questionnaire"
    if not isinstance(guide, Guide):
        raise wrong_type(function, "guide", "a Guide", guide)
    resource: dict[str, Any] = {"resourceType": "Questionnaire"}
    if id is not None:
        resource["id"] = _option(function, "id", id, _ID, "a FHIR id (1 to 64 of A-Z a-z 0-9 - .)")
    items = _items(guide)
    resource["text"] = _narrative(guide.title, items)
    resource["language"] = guide.locale
    resource["extension"] = [_citation(source) for source in guide.sources.items]
    resource["url"] = (
        questionnaire_url(guide.locale, guide.edition)
        if url is None
        else _option(function, "url", url, _URI, "an absolute URI without spaces or '|'")
    )
    resource["identifier"] = [{"system": EDITION_SYSTEM, "value": guide.edition}]
    resource["version"] = guide.content_version
    resource["name"] = (
        computable_name(guide.title)
        if name is None
        else _option(
            function, "name", name, _NAME, "a computable name: a capital A-Z, then A-Z a-z 0-9 _"
        )
    )
    resource["title"] = guide.title
    if derived_from := _derived_from(guide):
        resource["derivedFrom"] = derived_from
    if status is None:
        status = "active" if guide.review.status == "clinically-reviewed" else "draft"
    elif status not in PUBLICATION_STATUSES:
        raise RenderOptionError(
            f"unknown status {status!r}; valid statuses: {', '.join(PUBLICATION_STATUSES)}",
            option="status",
            valid=PUBLICATION_STATUSES,
        )
    resource["status"] = status
    resource["subjectType"] = ["Patient"]
    if date is not None:
        resource["date"] = _date(date)
    resource["publisher"] = guide.publisher
    clinical_review = guide.review.clinical_review
    if clinical_review is not None:
        reviewed_on = str(clinical_review.reviewed_on)
        resource["lastReviewDate"] = reviewed_on
        resource["effectivePeriod"] = {
            "start": reviewed_on,
            "end": str(clinical_review.next_review_due),
        }
    resource["description"] = "\n\n".join(markdown(text) for text in guide.overview.paragraphs)
    resource["item"] = items
    return resource
