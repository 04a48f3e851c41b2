"""``diff_guides``: what changed between two guides, by stable ids, and whether the version change
follows docs/versioning.md."""

from __future__ import annotations

import copy
import functools
import json
from typing import Any, Literal, get_args

import jsonpath_rfc9535 as jsonpath
import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import (
    ContentChange,
    Guide,
    diff_guides,
    fingerprint,
    parse_guide,
)
from oncology_second_opinion._fingerprint import content_json

from .. import strategies
from ..conftest import WHOLE_GUIDES
from .test_review import reviewed

RECORD = "$.records.items[?@.id=='pathology-reports']"


@functools.cache
def query(path: str) -> jsonpath.JSONPathQuery:
    """The RFC 9535 query ``path``, parsed once: generated guides repeat most paths."""
    return jsonpath.compile(path)


def found(path: str, document: Any) -> list[Any]:
    return list(query(path).find(document).values())


def edited(guide_data: dict[str, Any], version: str, **edits: Any) -> Guide:
    data = copy.deepcopy(guide_data)
    data["content_version"] = version
    for edit in edits.values():
        edit(data)
    return parse_guide(data)


def relabel(data: dict[str, Any]) -> None:
    data["records"]["items"][0]["label"] = "Pathology report(s)"


def test_the_same_guide_has_no_changes(guide: Guide) -> None:
    diff = diff_guides(guide, guide)
    assert diff.equal
    assert (diff.changes, diff.required_bump, diff.actual_bump, diff.policy_problems) == (
        (),
        "none",
        "none",
        (),
    )


def test_a_changed_label_is_found_by_the_items_id(guide: Guide, guide_data: dict[str, Any]) -> None:
    diff = diff_guides(guide, edited(guide_data, "1.3.1", edit=relabel))
    assert diff.changes == (
        ContentChange("changed", "$.content_version", "1.3.0", "1.3.1"),
        ContentChange("changed", f"{RECORD}.label", "Pathology reports", "Pathology report(s)"),
    )
    assert (diff.required_bump, diff.actual_bump, diff.policy_problems) == ("patch", "patch", ())


def test_wording_changed_without_a_bump_is_flagged(
    guide: Guide, guide_data: dict[str, Any]
) -> None:
    diff = diff_guides(guide, edited(guide_data, "1.3.0", edit=relabel))
    assert diff.policy_problems == (
        "wording changed but content_version stayed 1.3.0; the policy asks for a patch bump, or "
        "major if the meaning changed",
    )


def test_a_removal_under_a_minor_bump_is_flagged(guide: Guide, guide_data: dict[str, Any]) -> None:
    def remove(data: dict[str, Any]) -> None:
        del data["records"]["items"][0]

    diff = diff_guides(guide, edited(guide_data, "1.4.0", edit=remove))
    assert diff.removed_items == (RECORD,)
    assert ContentChange("removed", f"{RECORD}.label", "Pathology reports", None) in diff.changes
    assert diff.policy_problems == (
        "text or items were removed under a minor bump (1.3.0 to 1.4.0); the policy asks for a "
        "major bump",
    )
    assert diff_guides(guide, edited(guide_data, "2.0.0", edit=remove)).policy_problems == ()


def test_an_added_item_needs_a_minor_bump(guide: Guide, guide_data: dict[str, Any]) -> None:
    def add(data: dict[str, Any]) -> None:
        data["questions"]["items"].append({"id": "new-question", "text": "A new question?"})

    diff = diff_guides(guide, edited(guide_data, "1.4.0", edit=add))
    assert diff.added_items == ("$.questions.items[?@.id=='new-question']",)
    assert (diff.required_bump, diff.actual_bump, diff.policy_problems) == ("minor", "minor", ())
    flagged = diff_guides(guide, edited(guide_data, "1.3.1", edit=add)).policy_problems
    assert flagged == (
        "text or items were added under a patch bump (1.3.0 to 1.3.1); the policy asks for a "
        "minor bump",
    )


def test_an_inserted_paragraph_is_one_addition(guide: Guide, guide_data: dict[str, Any]) -> None:
    def insert(data: dict[str, Any]) -> None:
        data["overview"]["paragraphs"].insert(0, "A new first paragraph.")

    diff = diff_guides(guide, edited(guide_data, "1.4.0", edit=insert))
    assert diff.changes[1:] == (
        ContentChange("added", "$.overview.paragraphs[0]", None, "A new first paragraph."),
    )


def test_reordered_items_are_a_move(guide: Guide, guide_data: dict[str, Any]) -> None:
    def swap(data: dict[str, Any]) -> None:
        items = data["sources"]["items"]
        items[0], items[1] = items[1], items[0]

    diff = diff_guides(guide, edited(guide_data, "1.3.1", edit=swap))
    ids = [source.id for source in guide.sources.items]
    assert diff.changes[1:] == (
        ContentChange(
            "moved", "$.sources.items", ", ".join(ids), ", ".join([*ids[1::-1], *ids[2:]])
        ),
    )


def test_a_version_that_goes_down_is_flagged(guide: Guide, guide_data: dict[str, Any]) -> None:
    diff = diff_guides(guide, edited(guide_data, "1.2.9"))
    assert diff.policy_problems == ("content_version went down, from 1.3.0 to 1.2.9",)


def test_a_recorded_review_is_not_wording(guide_data: dict[str, Any]) -> None:
    before = parse_guide(reviewed(copy.deepcopy(guide_data), next_review_due="2027-01-01"))
    after = parse_guide(reviewed(copy.deepcopy(guide_data), next_review_due="2027-06-01"))
    diff = diff_guides(before, after)
    assert [change.path for change in diff.changes] == ["$.review.clinical_review.next_review_due"]
    assert (diff.required_bump, diff.policy_problems) == ("none", ())


Edit = Literal["text", "remove", "reverse", "add", "paragraph"]


@st.composite
def upgrades(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """A generated guide, and a copy with a few edits of the kinds an upgrade makes: text changed,
    items removed, reordered or added, paragraphs inserted."""
    first = draw(strategies.guides())
    second = copy.deepcopy(first)
    for number, edit in enumerate(draw(st.lists(st.sampled_from(get_args(Edit)), max_size=4))):
        found_here = strategies.locations(second)
        lists = [where for where, value in found_here if isinstance(value, list) and value]
        items = [where for where in lists if isinstance(strategies.get(second, where)[0], dict)]
        if edit == "text":
            texts = [
                where
                for where, value in found_here
                if isinstance(value, str) and not set(where) & strategies.FIXED_FORM_KEYS
            ]
            where = draw(st.sampled_from(texts))
            strategies.replace(second, where, strategies.get(second, where) + " more")
        elif edit in ("remove", "reverse"):
            # Not the local sections: one may follow another, which must stay before it.
            longer = [
                where
                for where in items
                if len(strategies.get(second, where)) > 1 and where != ("local_sections",)
            ]
            if longer:
                entries = strategies.get(second, draw(st.sampled_from(longer)))
                if edit == "reverse":
                    entries.reverse()
                else:
                    del entries[draw(st.integers(0, len(entries) - 1))]
        elif edit == "add":
            flat = [where for where in items if where[-1] == "items"]
            entries = strategies.get(second, draw(st.sampled_from(flat)))
            entries.insert(
                draw(st.integers(0, len(entries))), {**entries[0], "id": f"x{number}-new"}
            )
        else:
            paragraphs = [where for where in lists if where[-1] == "paragraphs"]
            entries = strategies.get(second, draw(st.sampled_from(paragraphs)))
            entries.insert(draw(st.integers(0, len(entries))), f"Inserted paragraph {number}.")
    return first, second


@WHOLE_GUIDES
@given(upgrades())
def test_every_change_is_found_at_its_path(pair: tuple[dict[str, Any], dict[str, Any]]) -> None:
    old, new = (parse_guide(json.dumps(document)) for document in pair)
    diff = diff_guides(old, new)
    assert diff.equal is (fingerprint(old) == fingerprint(new))
    assert diff_guides(new, new).equal
    old_json, new_json = content_json(old), content_json(new)
    for change in diff.changes:
        if change.kind == "moved":
            (listed,) = found(change.path, new_json)
            moved = str(change.old).split(", ")
            assert [entry["id"] for entry in listed if entry["id"] in moved] == (
                str(change.new).split(", ")
            )
            continue
        if change.kind in ("changed", "added"):
            assert found(change.path, new_json) == [change.new], change
        if change.kind == "removed":
            assert found(change.path, old_json) == [change.old], change
    for path in diff.added_items:
        assert len(found(path, new_json)) == 1
        assert found(path, old_json) == []
    for path in diff.removed_items:
        assert len(found(path, old_json)) == 1
        assert found(path, new_json) == []


@pytest.mark.parametrize("version", ["1.3.0", "1.3.1", "2.0.0"])
def test_the_policy_check_reads_only_the_core_version(guide: Guide, version: str) -> None:
    data = content_json(guide)
    data["content_version"] = version + "-rc.1"
    diff = diff_guides(guide, parse_guide(data))
    assert diff.actual_bump == {"1.3.0": "none", "1.3.1": "patch", "2.0.0": "major"}[version]
