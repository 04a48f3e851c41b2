"""Comparing two guides by stable ids and paths, and checking the change against the versioning
policy (docs/versioning.md), for reviewing an upgrade before it goes live."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from ._fingerprint import content_json, fingerprint
from ._models import Guide

ChangeKind = Literal["added", "removed", "changed", "moved"]
Bump = Literal["none", "patch", "minor", "major"]

#: Paths that are not wording: the versions themselves and the record of a clinical review. They
#: are compared like everything else, but the policy check does not count them as wording.
NOT_WORDING = ("$.content_version", "$.schema_version", "$.review.clinical_review")
_BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
_CORE_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")


class ContentChange(NamedTuple):
    """One difference between two guides: a string added, removed or changed at ``path``, or the
    items of a list put in another order (``moved``: ``old`` and ``new`` list their ids).

    ``path`` is a JSONPath (RFC 9535) into the content JSON that names items by their stable id,
    such as ``$.records.items[?@.id=='pathology-reports'].label``, and other list entries by
    their position (in the new guide; in the old one for a removal).
    """

    kind: ChangeKind
    path: str
    old: str | None
    new: str | None


@dataclass(frozen=True)
class GuideDiff:
    """What changed between two guides, from :func:`diff_guides`."""

    old_version: str
    """The old guide's ``content_version``."""
    new_version: str
    """The new guide's ``content_version``."""
    changes: tuple[ContentChange, ...]
    """Every difference, in the order of the new guide's content."""
    added_items: tuple[str, ...]
    """The path of every identified item (or local section) only the new guide has."""
    removed_items: tuple[str, ...]
    """The path of every identified item (or local section) only the old guide has."""
    required_bump: Bump
    """The least ``content_version`` raise the versioning policy asks of the wording's changes:
    ``major`` for anything removed, ``minor`` for anything added, ``patch`` for changed or moved
    text (which needs ``major`` if its meaning changed: a person decides that)."""
    actual_bump: Bump
    """How ``content_version`` was raised, by its most significant number; ``none`` if it was
    not (or went down, which :attr:`policy_problems` reports)."""
    policy_problems: tuple[str, ...]
    """Where the version change does not match the policy, in words; empty when it does."""
    policy_applies: bool = True
    """Whether the versioning policy applies: both guides are the same edition of the same
    language. Editions and languages each have content versions of their own, so between two of
    them no bump is asked or checked (:attr:`required_bump` and :attr:`actual_bump` are
    ``none``)."""

    @property
    def equal(self) -> bool:
        """Whether the two guides have the same content."""
        return not self.changes


def diff_guides(old: Guide, new: Guide) -> GuideDiff:
    """Compare two guides' content by stable ids and paths, and check the change of
    ``content_version`` against the versioning policy.

    Items and local sections are matched by id wherever they are in their list; paragraphs and
    other lists of text are aligned, so an inserted paragraph is one addition. Any guide compares:
    a packaged one, a content file, or a saved ``export --format json`` snapshot read with
    :func:`load_guide_file`.
    """
    walk = _Walk()
    walk.compare(content_json(old), content_json(new), "$")
    wording = [change for change in walk.changes if not change.path.startswith(NOT_WORDING)]
    required: Bump = "none"
    if any(change.kind == "removed" for change in wording):
        required = "major"
    elif any(change.kind == "added" for change in wording):
        required = "minor"
    elif wording:
        required = "patch"
    applies = (old.locale, old.edition) == (new.locale, new.edition)
    actual: Bump = "none"
    problems: list[str] = []
    if applies:
        actual, problems = _check_versions(old.content_version, new.content_version, required)
    else:
        required = "none"
    return GuideDiff(
        old_version=old.content_version,
        new_version=new.content_version,
        changes=tuple(walk.changes),
        added_items=tuple(walk.added_items),
        removed_items=tuple(walk.removed_items),
        required_bump=required,
        actual_bump=actual,
        policy_problems=tuple(problems),
        policy_applies=applies,
    )


def _core(version: str) -> tuple[int, int, int]:
    match = _CORE_VERSION.match(version)
    if match is None:  # a guide built without validation
        return (0, 0, 0)
    major, minor, patch = (int(number) for number in match.groups())
    return major, minor, patch


def _check_versions(old: str, new: str, required: Bump) -> tuple[Bump, list[str]]:
    before, after = _core(old), _core(new)
    if after < before:
        return "none", [f"content_version went down, from {old} to {new}"]
    significant: tuple[Bump, ...] = ("major", "minor", "patch")
    changed = (
        bump for bump, was, is_ in zip(significant, before, after, strict=True) if is_ != was
    )
    actual: Bump = next(changed, "none")
    if _BUMPS.index(actual) >= _BUMPS.index(required):
        return actual, []
    what = {
        "major": "text or items were removed",
        "minor": "text or items were added",
        "patch": "wording changed",
    }[required]
    if actual == "none":
        problem = f"{what} but content_version stayed {new}; the policy asks for a {required} bump"
    else:
        problem = (
            f"{what} under a {actual} bump ({old} to {new}); the policy asks for a {required} bump"
        )
    if required == "patch":
        problem += ", or major if the meaning changed"
    return actual, [problem]


def _by_id(value: list[Any]) -> dict[str, Any] | None:
    """A list of identified objects as a mapping from id to object (empty for an empty list), or
    None for another list."""
    if not all(isinstance(entry, Mapping) and "id" in entry for entry in value):
        return None
    return {entry["id"]: entry for entry in value}


class _Missing:
    """The side of a comparison that lacks a value."""


_MISSING = _Missing()


def _container(value: Any, like: Any) -> Any:
    """``value``, or an empty container of the kind of ``like`` where ``value`` is missing (or, in
    a guide built without validation, of another kind)."""
    if isinstance(like, Mapping) and not isinstance(value, Mapping):
        return {}
    if isinstance(like, list) and not isinstance(value, list):
        return []
    return value


class _Walk:
    def __init__(self) -> None:
        self.changes: list[ContentChange] = []
        self.added_items: list[str] = []
        self.removed_items: list[str] = []

    def compare(self, old: Any, new: Any, path: str) -> None:
        if isinstance(old, Mapping | list) or isinstance(new, Mapping | list):
            old, new = _container(old, new), _container(new, old)
        if isinstance(old, Mapping) and isinstance(new, Mapping):
            for key in new:
                self.compare(old.get(key, _MISSING), new[key], f"{path}.{key}")
            for key in old:
                if key not in new:
                    self.compare(old[key], _MISSING, f"{path}.{key}")
        elif isinstance(old, list) and isinstance(new, list):
            self.compare_lists(old, new, path)
        elif old is _MISSING:
            self.changes.append(ContentChange("added", path, None, str(new)))
        elif new is _MISSING:
            self.changes.append(ContentChange("removed", path, str(old), None))
        elif old != new:
            self.changes.append(ContentChange("changed", path, str(old), str(new)))

    def compare_lists(self, old: list[Any], new: list[Any], path: str) -> None:
        old_ids, new_ids = _by_id(old), _by_id(new)
        if old_ids is not None and new_ids is not None:
            self.compare_items(old_ids, new_ids, path)
        elif all(isinstance(entry, str) for entry in (*old, *new)):
            self.compare_texts(old, new, path)
        else:
            for index in range(max(len(old), len(new))):
                self.compare(
                    old[index] if index < len(old) else _MISSING,
                    new[index] if index < len(new) else _MISSING,
                    f"{path}[{index}]",
                )

    def compare_items(self, old: Mapping[str, Any], new: Mapping[str, Any], path: str) -> None:
        common_old = [item_id for item_id in old if item_id in new]
        common_new = [item_id for item_id in new if item_id in old]
        if common_old != common_new:
            self.changes.append(
                ContentChange("moved", path, ", ".join(common_old), ", ".join(common_new))
            )
        for item_id, item in new.items():
            where = f"{path}[?@.id=='{item_id}']"
            if item_id not in old:
                self.added_items.append(where)
            self.compare(old.get(item_id, _MISSING), item, where)
        for item_id, item in old.items():
            if item_id not in new:
                where = f"{path}[?@.id=='{item_id}']"
                self.removed_items.append(where)
                self.compare(item, _MISSING, where)

    def compare_texts(self, old: Sequence[str], new: Sequence[str], path: str) -> None:
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
            if operation == "equal":
                continue
            paired = min(old_end - old_start, new_end - new_start)
            for offset in range(paired):
                self.changes.append(
                    ContentChange(
                        "changed",
                        f"{path}[{new_start + offset}]",
                        old[old_start + offset],
                        new[new_start + offset],
                    )
                )
            for index in range(new_start + paired, new_end):
                self.changes.append(ContentChange("added", f"{path}[{index}]", None, new[index]))
            for index in range(old_start + paired, old_end):
                self.changes.append(ContentChange("removed", f"{path}[{index}]", old[index], None))


# --- reports ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Side:
    """One side of a comparison as a report names it."""

    name: str
    guide: Guide


def diff_json(diff: GuideDiff, old: Side, new: Side) -> dict[str, Any]:
    """The comparison as JSON, as ``oncology-second-opinion diff --format json`` writes it."""

    def side(named: Side) -> dict[str, str]:
        return {
            "name": named.name,
            "content_version": named.guide.content_version,
            "fingerprint": fingerprint(named.guide),
        }

    return {
        "old": side(old),
        "new": side(new),
        "equal": diff.equal,
        "policy": {
            "applies": diff.policy_applies,
            "required_bump": diff.required_bump,
            "actual_bump": diff.actual_bump,
            "problems": list(diff.policy_problems),
        },
        "added_items": list(diff.added_items),
        "removed_items": list(diff.removed_items),
        "changes": [change._asdict() for change in diff.changes],
    }


def _policy_verdict(diff: GuideDiff) -> str:
    if not diff.policy_applies:
        return (
            "the guides are different editions or languages, each with content versions of its own"
        )
    if diff.policy_problems:
        return "; ".join(diff.policy_problems)
    if diff.required_bump == "none":
        return f"no wording changed; content_version {diff.old_version} to {diff.new_version}"
    return (
        f"the wording's changes ask for at least a {diff.required_bump} bump, and "
        f"content_version {diff.old_version} to {diff.new_version} is a {diff.actual_bump} bump"
    )


def _verdict_word(diff: GuideDiff) -> str:
    if not diff.policy_applies:
        return "not applicable"
    return "problem" if diff.policy_problems else "ok"


def diff_lines(diff: GuideDiff, old: Side, new: Side) -> Iterator[str]:
    """The comparison as lines of text, as ``oncology-second-opinion diff`` prints it."""
    data = diff_json(diff, old, new)
    for mark, side in (("---", data["old"]), ("+++", data["new"])):
        yield f"{mark} {side['name']} (content {side['content_version']}, {side['fingerprint']})"
    if diff.equal:
        yield "the content is the same"
        return
    yield f"version policy: {_verdict_word(diff)}: {_policy_verdict(diff)}"
    yield from (f"added item {path}" for path in diff.added_items)
    yield from (f"removed item {path}" for path in diff.removed_items)
    for change in diff.changes:
        yield f"{change.kind} {change.path}"
        if change.old is not None:
            yield f"  - {change.old}"
        if change.new is not None:
            yield f"  + {change.new}"


def diff_markdown(diff: GuideDiff, old: Side, new: Side) -> str:
    """The comparison as Markdown, for a review ticket: content text is escaped so that it reads
    as written."""
    from ._writers.markdown import escape

    data = diff_json(diff, old, new)
    lines = [f"# Content changes: {escape(old.name)} to {escape(new.name)}", ""]
    for label, side in (("Old", data["old"]), ("New", data["new"])):
        lines.append(
            f"- {label}: {escape(side['name'])}, content version {side['content_version']}, "
            f"fingerprint `{side['fingerprint']}`"
        )
    lines.append("")
    if diff.equal:
        return "\n".join([*lines, "The content is the same.", ""])
    verdict = {"problem": "**Problem**", "ok": "OK"}.get(_verdict_word(diff), "Not applicable")
    lines += ["## Version policy", "", f"{verdict}: {escape(_policy_verdict(diff))}", ""]
    for title, paths in (("Added items", diff.added_items), ("Removed items", diff.removed_items)):
        if paths:
            lines += [f"## {title}", "", *(f"- `{path}`" for path in paths), ""]
    lines += ["## Changes", ""]
    for change in diff.changes:
        lines.append(f"- {change.kind} `{change.path}`")
        if change.old is not None:
            lines.append(f"  - old: {escape(change.old)}")
        if change.new is not None:
            lines.append(f"  - new: {escape(change.new)}")
    return "\n".join([*lines, ""])
