"""Export a guide as a FHIR R4 Questionnaire, for patient portals and EHR-connected apps.

The Questionnaire holds the guide's checklists as answerable items and its safety text as display
items. Every human-readable string in it comes from the guide; the only other strings are FHIR
codes, extension URLs and link ids built from the guide's stable ids.

Choices, and why:

``url``
    ``urn:oncology-second-opinion:questionnaire:<locale>``. The project has no web domain, so an
    ``http(s)`` address would either be invented or point at a site nobody controls. A URN in the
    namespace the published JSON Schema already uses (``urn:oncology-second-opinion:schema:...``) is
    stable across releases and names the locale, because each language edition is a different
    Questionnaire. ``version`` is the guide's ``content_version``, so ``url|version`` pins wording.
``status``
    ``"active"`` only when ``review.status`` is ``"clinically-reviewed"``; otherwise ``"draft"``.
    FHIR defines ``active`` as "ready for normal use" and ``draft`` as "not yet considered to be
    ready for normal use". Medical guidance that no clinician has reviewed should not be announced
    as ready to systems that select forms by status, so the export follows the review status the
    content itself states (whose statement is also shown, as a display item). ``experimental`` is
    not set: the content is not a test artefact.
Sources
    R4 Questionnaire has no ``relatedArtifact`` element, and ``derivedFrom`` may only point at other
    Questionnaires (our sources are web pages). Each source is therefore one HL7 extension
    ``http://hl7.org/fhir/StructureDefinition/artifact-relatedArtifact`` (FHIR Extensions Pack,
    defined for artifact metadata on definitional resources that lack the element) holding an R4
    ``RelatedArtifact`` of type ``citation``: ``label`` is the source's stable id, ``display`` its
    title, ``citation`` its publisher (Markdown, escaped) and ``url`` its address as written. A
    companion Library was not chosen: it would turn one resource into a Bundle to publish, and the
    sources would sit further from the Questionnaire they support.
Checklist answer captions
    Each record and question is a ``boolean`` item whose ``linkId`` is the content's id and whose
    ``text`` is its label. The answer caption ("I have this", "I will ask this") is a nested
    ``display`` item marked with the standard ``questionnaire-itemControl`` code ``prompt`` (text
    shown next to the input), so the caption comes from the data and the answer's link id stays the
    content's id.
Link ids
    Items that stand for content carry its id (a lowercase slug). Every other link id contains a
    ``.``, which a slug never does, so the two kinds can never collide: groups are
    ``section.<name>``, paragraphs ``section.<name>.<n>`` (from 1), the indications' lead
    ``section.indications.lead``, the review statement ``section.review.statement``, the answer
    captions ``<id>.have-this`` / ``<id>.will-ask-this``, the free-text item
    ``section.questions.own-questions``, and an edition's local section ``<id>`` is the group
    ``section.local.<id>`` (its paragraphs ``section.local.<id>.<n>``, its lead
    ``section.local.<id>.lead``; its list items and links carry their own ids).
"""

from __future__ import annotations

from typing import Any

from ._errors import wrong_type
from ._models import Guide, LocalListSection, LocalProseSection, LocalSection, Source
from ._writers.markdown import escape as markdown

#: Where the Questionnaire's canonical URL lives; the locale is appended.
QUESTIONNAIRE_URL_PREFIX = "urn:oncology-second-opinion:questionnaire:"

RELATED_ARTIFACT_EXTENSION = "http://hl7.org/fhir/StructureDefinition/artifact-relatedArtifact"
ITEM_CONTROL_EXTENSION = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
ITEM_CONTROL_SYSTEM = "http://hl7.org/fhir/questionnaire-item-control"

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


def _prompt(link_id: str, text: str) -> Item:
    return {
        **_display(link_id, text),
        "extension": [
            {
                "url": ITEM_CONTROL_EXTENSION,
                "valueCodeableConcept": {
                    "coding": [{"system": ITEM_CONTROL_SYSTEM, "code": "prompt"}]
                },
            }
        ],
    }


def _checkbox(item_id: str, text: str, caption_suffix: str, caption: str) -> Item:
    return {
        "linkId": item_id,
        "text": text,
        "type": "boolean",
        "item": [_prompt(f"{item_id}.{caption_suffix}", caption)],
    }


def _citation(source: Source) -> dict[str, Any]:
    return {
        "url": RELATED_ARTIFACT_EXTENSION,
        "valueRelatedArtifact": {
            "type": "citation",
            "label": source.id,
            "display": source.title,
            "citation": markdown(source.publisher),
            "url": source.url,
        },
    }


def _local(section: LocalSection, guide: Guide) -> Item:
    """An edition's own section, as display items like the guide's own prose."""
    labels = guide.labels
    name = f"local.{section.id}"
    items: list[Item]
    if isinstance(section, LocalProseSection):
        items = _paragraphs(name, section.paragraphs)
    elif isinstance(section, LocalListSection):
        lead = _display(f"section.{name}.lead", section.lead)
        items = [lead, *(_display(item.id, item.text) for item in section.items)]
    else:
        items = [
            _display(
                link.id,
                f"{link.publisher}{labels.label_separator}{link.title}{labels.url_separator}"
                f"{link.url}",
            )
            for link in section.items
        ]
    return _group(name, section.heading, items)


def questionnaire_url(locale: str) -> str:
    """The canonical URL of the Questionnaire exported for a guide in ``locale``."""
    return QUESTIONNAIRE_URL_PREFIX + locale


def to_fhir_questionnaire(guide: Guide) -> dict[str, Any]:
    """Export ``guide`` as a FHIR R4 Questionnaire resource, as a JSON-able dict.

    Items, in the guide's order: the indications (display items under their lead), the timing
    caveat (display), the records to bring (a group of ``boolean`` items captioned with
    ``labels.have_this``), the disclaimer (display), the questions to bring forward (a group of
    ``boolean`` items captioned with ``labels.will_ask_this`` and a ``text`` item headed
    ``labels.own_questions``), an edition's local sections (display items under a group each:
    paragraphs, a lead and its items, or each link as its publisher, title and address), and the
    review statement (display). ``status`` is ``"draft"``
    unless the content is clinically reviewed; sources are ``artifact-relatedArtifact``
    extensions. The module docstring explains each choice. The result is deterministic: the same
    guide always gives an equal dict, with keys in the same order.
    """
    if not isinstance(guide, Guide):
        raise wrong_type("to_fhir_questionnaire", "guide", "a Guide", guide)
    labels = guide.labels
    indications = _group(
        "indications",
        guide.indications.heading,
        [
            _display("section.indications.lead", guide.indications.lead),
            *(_display(item.id, item.text) for item in guide.indications.items),
        ],
    )
    timing = _group("timing", guide.timing.heading, _paragraphs("timing", guide.timing.paragraphs))
    records = _group(
        "records",
        labels.records_checklist,
        [
            _checkbox(record.id, record.label, "have-this", labels.have_this)
            for record in guide.records.items
        ],
    )
    disclaimer = _group(
        "disclaimer",
        guide.disclaimer.heading,
        _paragraphs("disclaimer", guide.disclaimer.paragraphs),
    )
    questions = _group(
        "questions",
        labels.questions_checklist,
        [
            *(
                _checkbox(question.id, question.text, "will-ask-this", labels.will_ask_this)
                for question in guide.questions.items
            ),
            {
                "linkId": "section.questions.own-questions",
                "text": labels.own_questions,
                "type": "text",
            },
        ],
    )
    review = _group(
        "review",
        labels.review_status,
        [_display("section.review.statement", guide.review.statement)],
    )
    return {
        "resourceType": "Questionnaire",
        "language": guide.locale,
        "extension": [_citation(source) for source in guide.sources.items],
        "url": questionnaire_url(guide.locale),
        "version": guide.content_version,
        "title": guide.title,
        "status": "active" if guide.review.status == "clinically-reviewed" else "draft",
        "subjectType": ["Patient"],
        "publisher": guide.publisher,
        "item": [
            indications,
            timing,
            records,
            disclaimer,
            questions,
            *(_local(section, guide) for section in guide.local_sections),
            review,
        ],
    }
