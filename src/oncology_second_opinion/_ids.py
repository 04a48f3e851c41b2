"""Ids: the one check behind render's ``sections`` and a handout's selections, and the listing of
a guide's ids."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from typing import Any

from ._models import (
    PACKAGED_SECTIONS,
    ClarificationsSection,
    Guide,
    ProseSection,
    Source,
    Statement,
    Term,
    section_contents,
)


def choose_ids(
    value: object,
    valid: Sequence[str],
    *,
    name: str,
    refuse: Callable[[str, object], Exception],
    ordered: bool = False,
) -> tuple[str, ...]:
    """The ids ``value`` lists, in the order given: a list (not a string) of known ids, each once.

    ``name`` names the argument in messages; ``refuse(message, offending_value)`` builds the
    error to raise, so each caller raises its own documented exception type. With ``ordered``,
    ``value`` must be a sequence: the order of a set differs between processes. At most one item
    more than ``valid`` holds is read, so an endless iterable is refused too.
    """
    listed = ", ".join(valid)
    if (
        isinstance(value, str | bytes)
        or not isinstance(value, Iterable)
        or (ordered and (isinstance(value, Set) or not isinstance(value, Sequence)))
    ):
        kind = "an ordered list" if ordered else "a list"
        raise refuse(
            f"{name} must be {kind} of ids, not {_describe(value)}; valid ids: {listed}", value
        )
    known = set(valid)
    chosen: dict[str, None] = {}  # ordered, with a set's membership test
    for item in value:
        if not isinstance(item, str) or item not in known:
            raise refuse(f"unknown id {item!r} in {name}; valid ids: {listed}", item)
        if item in chosen:
            raise refuse(f"id {item!r} is listed more than once in {name}", item)
        chosen[item] = None
    return tuple(chosen)


def _describe(value: object) -> str:
    if isinstance(value, str | bytes | int | float | type(None)):
        return repr(value)
    return f"a {type(value).__name__}"


def id_listing(guide: Guide) -> list[dict[str, Any]]:
    """Every section of ``guide`` in the order of a full render, with its heading and its
    identified items (kind, id and the item's own wording), as ``oncology-second-opinion ids``
    prints them: what an integrator needs to build a form or store a choice."""
    kinds: dict[str, str | None] = {
        section_id: kind for section_id, (_, kind) in PACKAGED_SECTIONS.items()
    }
    listing = []
    for section_id, content in section_contents(guide).items():
        kind = kinds.get(section_id, "local-item")
        items: list[tuple[str, Statement | Term | Source]] = []
        if isinstance(content, ClarificationsSection):
            items.extend(("clarification-topic", topic) for topic in content.topics)
            items.extend(("treatment-goal", goal) for goal in content.treatment_goals)
        elif not isinstance(content, ProseSection) and kind is not None:
            items.extend((kind, item) for item in content.items)
        listing.append(
            {
                "id": section_id,
                "heading": content.heading,
                "items": [
                    {"kind": kind, "id": item.id, "label": _label(item)} for kind, item in items
                ],
            }
        )
    order = {section_id: index for index, section_id in enumerate(guide.section_ids)}
    return sorted(listing, key=lambda section: order[section["id"]])


def _label(item: Statement | Term | Source) -> str:
    if isinstance(item, Statement):
        return item.text
    if isinstance(item, Term):
        return item.label
    return item.title


def id_lines(listing: Sequence[Mapping[str, Any]]) -> Iterator[str]:
    """``listing`` as text: a section a line, ``id: heading``, then each of its items indented,
    ``kind id: label``."""
    for section in listing:
        yield f"{section['id']}: {section['heading']}"
        for item in section["items"]:
            yield f"  {item['kind']} {item['id']}: {item['label']}"
