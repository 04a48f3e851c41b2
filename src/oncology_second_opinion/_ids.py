"""Choosing items by id: the one check behind render's ``sections`` and a handout's selections."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence, Set


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
