"""FHIR R4 rules that model libraries such as fhir.resources do not check.

The Questionnaire invariants que-1 to que-13 of the R4 specification (written out in Python, not
FHIRPath), and the required value sets of the codes the export uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
