"""FHIR R4 rules that model libraries such as fhir.resources do not check.

Twice, independently: the Questionnaire invariants que-1 to que-13 of the R4 specification
written out in Python with the required value sets of the codes the export uses
(``questionnaire_problems``), and the specification's own FHIRPath expressions of the que-*,
dom-*, ele-1 and ext-1 invariants evaluated by the fhirpath.js engine (``fhirpath_problems``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .browser.tools import run_fhirpath

PUBLICATION_STATUSES = {"draft", "active", "retired", "unknown"}
ITEM_TYPES = {
    "group",
    "display",
    "boolean",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "text",
    "url",
    "choice",
    "open-choice",
    "attachment",
    "reference",
    "quantity",
}
RELATED_ARTIFACT_TYPES = {
    "documentation",
    "justification",
    "citation",
    "predecessor",
    "successor",
    "derived-from",
    "depends-on",
    "composed-of",
}
ENABLE_BEHAVIORS = {"all", "any"}
# que-5: the types that may hold answerValueSet or answerOption.
_OPTION_TYPES = {
    "choice",
    "open-choice",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "quantity",
}
# que-10: the simple question types that may declare maxLength.
_MAX_LENGTH_TYPES = {"boolean", "decimal", "integer", "string", "text", "url", "open-choice"}

Item = dict[str, Any]


def walk_items(items: list[Item], path: str = "item") -> Iterator[tuple[str, Item]]:
    """Every item at any depth, with a readable path, in document order."""
    for index, item in enumerate(items):
        where = f"{path}[{index}]"
        yield where, item
        yield from walk_items(item.get("item", []), f"{where}.item")


def _initial_values(item: Item) -> list[Any]:
    return list(item.get("initial", []))


def questionnaire_problems(resource: dict[str, Any]) -> list[str]:
    """Every broken R4 Questionnaire invariant and required code in ``resource``, as messages."""
    problems: list[str] = []
    if resource.get("resourceType") != "Questionnaire":
        problems.append("resourceType: must be Questionnaire")
    if resource.get("status") not in PUBLICATION_STATUSES:
        problems.append(f"status: {resource.get('status')!r} is not a PublicationStatus")
    for index, extension in enumerate(resource.get("extension", [])):
        artifact = extension.get("valueRelatedArtifact")
        if artifact is not None and artifact.get("type") not in RELATED_ARTIFACT_TYPES:
            problems.append(f"extension[{index}]: related artifact type {artifact.get('type')!r}")

    items = list(walk_items(resource.get("item", [])))
    link_ids = [item.get("linkId") for _, item in items]
    duplicates = sorted({str(link) for link in link_ids if link_ids.count(link) > 1})
    if duplicates:
        problems.append(f"que-2: linkIds must be unique; repeated: {', '.join(duplicates)}")

    for where, item in items:
        kind = item.get("type")
        children = item.get("item", [])
        is_display = kind == "display"
        if not item.get("linkId"):
            problems.append(f"{where}: linkId is required")
        if kind not in ITEM_TYPES:
            problems.append(f"{where}: type {kind!r} is not a QuestionnaireItemType")
        if kind == "group" and not children:
            problems.append(f"que-1: {where}: a group must have nested items")
        if is_display and children:
            problems.append(f"que-1: {where}: a display item cannot have nested items")
        if is_display and item.get("code"):
            problems.append(f"que-3: {where}: a display item cannot have a code")
        if item.get("answerOption") and item.get("answerValueSet"):
            problems.append(f"que-4: {where}: both answerOption and answerValueSet")
        if kind not in _OPTION_TYPES and (item.get("answerOption") or item.get("answerValueSet")):
            problems.append(f"que-5: {where}: {kind} items cannot have answer options")
        if is_display and ("required" in item or "repeats" in item):
            problems.append(f"que-6: {where}: required and repeats are not for display items")
        for condition in item.get("enableWhen", []):
            if condition.get("operator") == "exists" and not isinstance(
                condition.get("answerBoolean"), bool
            ):
                problems.append(f"que-7: {where}: 'exists' must be answered with a boolean")
        if kind in {"group", "display"} and _initial_values(item):
            problems.append(f"que-8: {where}: groups and display items have no initial values")
        if is_display and "readOnly" in item:
            problems.append(f"que-9: {where}: readOnly is not for display items")
        if "maxLength" in item and kind not in _MAX_LENGTH_TYPES:
            problems.append(f"que-10: {where}: maxLength is only for simple question types")
        if item.get("answerOption") and _initial_values(item):
            problems.append(f"que-11: {where}: answerOption and initial together")
        behavior = item.get("enableBehavior")
        if len(item.get("enableWhen", [])) > 1 and behavior not in ENABLE_BEHAVIORS:
            problems.append(f"que-12: {where}: several enableWhen need an enableBehavior")
        if len(_initial_values(item)) > 1 and item.get("repeats") is not True:
            problems.append(f"que-13: {where}: several initial values need repeats")
    return problems


#: The R4 specification's own FHIRPath expressions of the Questionnaire invariants (que-*), the
#: DomainResource invariants (dom-*), and the rules every element (ele-1) and extension (ext-1)
#: follow, each with the nodes it applies to. fhirpath.js evaluates them (``fhirpath_problems``):
#: a second checker that shares no code with ``questionnaire_problems``. The narrative's XHTML,
#: which ele-1 does not describe, is left to the tests that parse it.
FHIRPATH_CONSTRAINTS: list[dict[str, str]] = [
    {"key": key, "context": context, "expression": expression}
    for key, context, expression in [
        ("que-0", "Questionnaire", "name.matches('[A-Z]([A-Za-z0-9_]){0,254}')"),
        (
            "que-1",
            "Questionnaire.repeat(item)",
            "(type='group' implies item.empty().not()) and "
            "(type.trace('type')='display' implies item.trace('item').empty())",
        ),
        ("que-2", "Questionnaire", "descendants().linkId.isDistinct()"),
        ("que-3", "Questionnaire.repeat(item)", "type!='display' or code.empty()"),
        ("que-4", "Questionnaire.repeat(item)", "answerOption.empty() or answerValueSet.empty()"),
        (
            "que-5",
            "Questionnaire.repeat(item)",
            "(type ='choice' or type = 'open-choice' or type = 'decimal' or type = 'integer' or "
            "type = 'date' or type = 'dateTime' or type = 'time' or type = 'string' or "
            "type = 'quantity') or (answerValueSet.empty() and answerOption.empty())",
        ),
        (
            "que-6",
            "Questionnaire.repeat(item)",
            "type!='display' or (required.empty() and repeats.empty())",
        ),
        (
            "que-7",
            "Questionnaire.repeat(item).enableWhen",
            "operator = 'exists' implies (answer is Boolean)",
        ),
        (
            "que-8",
            "Questionnaire.repeat(item)",
            "(type!='group' and type!='display') or initial.empty()",
        ),
        ("que-9", "Questionnaire.repeat(item)", "type!='display' or readOnly.empty()"),
        (
            "que-10",
            "Questionnaire.repeat(item)",
            "(type in ('boolean' | 'decimal' | 'integer' | 'string' | 'text' | 'url' | "
            "'open-choice')) or maxLength.empty()",
        ),
        ("que-11", "Questionnaire.repeat(item)", "answerOption.empty() or initial.empty()"),
        (
            "que-12",
            "Questionnaire.repeat(item)",
            "enableWhen.count() > 2 implies enableBehavior.exists()",
        ),
        ("que-13", "Questionnaire.repeat(item)", "repeats=true or initial.count() <= 1"),
        ("dom-2", "Questionnaire", "contained.contained.empty()"),
        (
            "dom-3",
            "Questionnaire",
            "contained.where((('#'+id in (%resource.descendants().reference | "
            "%resource.descendants().as(canonical) | %resource.descendants().as(uri) | "
            "%resource.descendants().as(url))) or descendants().where(reference = '#').exists() "
            "or descendants().where(as(canonical) = '#').exists() or "
            "descendants().where(as(canonical) = '#').exists()).not()).trace('unmatched', id)"
            ".empty()",
        ),
        (
            "dom-4",
            "Questionnaire",
            "contained.meta.versionId.empty() and contained.meta.lastUpdated.empty()",
        ),
        ("dom-5", "Questionnaire", "contained.meta.security.empty()"),
        ("dom-6", "Questionnaire", "text.`div`.exists()"),
        (
            "ele-1",
            "Questionnaire.descendants().where(($this is xhtml).not())",
            "hasValue() or (children().count() > id.count())",
        ),
        (
            "ext-1",
            "Questionnaire.extension | Questionnaire.repeat(item).extension",
            "extension.exists() != value.exists()",
        ),
    ]
]


def fhirpath_problems(resources: list[dict[str, Any]]) -> list[list[str]]:
    """Per resource, each FHIRPath constraint it breaks, as ``"<key>: <n> nodes"``."""
    return [
        [f"{key}: {count} nodes" for key, count in sorted(failed.items())]
        for failed in run_fhirpath(resources, FHIRPATH_CONSTRAINTS)
    ]
