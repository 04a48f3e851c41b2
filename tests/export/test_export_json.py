"""The content JSON export round-trips, and the shared strategies build what they promise."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import Guide, parse_guide
from oncology_second_opinion._fields import check_semver, check_slug, check_text, check_url

from ..conftest import WHOLE_GUIDES
from ..strategies import guide_models, guides, hostile_texts, https_urls, semvers, slugs, texts


def test_packaged_guide_round_trips(guide: Guide, guide_data: dict[str, Any]) -> None:
    dump = guide.model_dump(mode="json", exclude_defaults=True)
    assert dump == guide_data
    assert parse_guide(dump) == guide
    assert parse_guide(json.dumps(dump, ensure_ascii=False)) == guide


@WHOLE_GUIDES
@given(st.one_of(guides(), guides(hostile_texts())))
def test_generated_guides_round_trip(document: dict[str, Any]) -> None:
    guide = parse_guide(document)
    dump = guide.model_dump(mode="json", exclude_defaults=True)
    assert dump == document
    assert parse_guide(dump) == guide
    assert parse_guide(json.dumps(dump, ensure_ascii=False).encode("utf-8")) == guide


@given(texts(), hostile_texts(), https_urls(), slugs(), semvers())
def test_strategies_build_valid_values(
    text: str, hostile: str, url: str, slug: str, version: str
) -> None:
    assert check_text(text) == text
    assert check_text(hostile) == hostile
    assert check_url(url) == url
    assert check_slug(slug) == slug
    assert check_semver(version) == version


@WHOLE_GUIDES
@given(guide_models())
def test_generated_guides_have_unique_ids(guide: Guide) -> None:
    ids = [item_id for _, item_id in guide.item_ids()]
    assert len(ids) == len(set(ids))
