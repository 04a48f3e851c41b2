"""Nothing is lost or shared by accident: the cached guide cannot be changed, failed loads cache
nothing.

Python cannot stop code that means to get around immutability (``object.__setattr__``, writing to
``__dict__``); these tests hold every ordinary way of changing a guide to failure.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from oncology_second_opinion import (
    ContentError,
    Guide,
    UnknownLocaleError,
    load_guide,
    parse_guide,
)
from oncology_second_opinion import (
    _loader as loader,
)


def models(value: object) -> Iterator[BaseModel]:
    """Every model in a guide's tree, the guide first."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from models(getattr(value, name))
    elif isinstance(value, tuple):
        for item in value:
            yield from models(item)


def containers(value: object) -> Iterator[tuple[object, ...]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from containers(getattr(value, name))
    elif isinstance(value, tuple):
        yield value
        for item in value:
            yield from containers(item)


def test_the_walk_sees_the_whole_guide(guide: Guide) -> None:
    found = list(models(guide))
    assert len(found) == 12 + sum(  # the guide and its eleven sections, and their items
        len(items)
        for items in (
            guide.indications.items,
            guide.clarifications.topics,
            guide.clarifications.treatment_goals,
            guide.records.items,
            guide.questions.items,
            guide.sources.items,
        )
    )
    # five lists of paragraphs, six of items, and the (empty) GSM-7 replacements and local
    # sections
    assert len(list(containers(guide))) == 13


def test_every_value_is_an_immutable_type(guide: Guide) -> None:
    for model in models(guide):
        for name in type(model).model_fields:
            value = getattr(model, name)
            # None: an optional part the guide does not use.
            assert isinstance(value, str | tuple | BaseModel | datetime.date | None), (
                type(model).__name__,
                name,
            )
    for container in containers(guide):
        assert type(container) is tuple


def test_no_model_attribute_can_be_set_or_deleted(guide: Guide) -> None:
    attempts = 0
    for model in models(guide):
        for name in type(model).model_fields:
            before = getattr(model, name)
            with pytest.raises(ValidationError, match="frozen"):
                setattr(model, name, "changed")
            with pytest.raises((ValidationError, AttributeError, TypeError)):
                delattr(model, name)
            assert getattr(model, name) is before
            attempts += 2
        with pytest.raises((ValidationError, AttributeError)):
            model.injected = "x"  # type: ignore[attr-defined]
        assert not hasattr(model, "injected")
    assert attempts > 100


def test_no_container_can_be_changed(guide: Guide) -> None:
    for container in containers(guide):
        size = len(container)
        with pytest.raises(TypeError):
            container[0] = "changed"  # type: ignore[index]
        with pytest.raises(TypeError):
            del container[0]  # type: ignore[attr-defined]
        for method in ("append", "extend", "insert", "pop", "remove", "clear", "sort"):
            assert not hasattr(container, method)
        assert len(container) == size


def test_the_fields_set_is_a_copy(guide: Guide) -> None:
    guide.model_fields_set.clear()
    assert guide.model_fields_set == set(Guide.model_fields) - {
        "local_sections",
        "gsm7_replacements",
        "translated_from",
        "edition",
        "key_points",
        "steps",
        "adapted_from",
    }
    assert guide.model_dump(exclude_unset=True)["title"] == guide.title


def test_dumps_and_copies_do_not_reach_the_cached_guide(guide: Guide) -> None:
    dumped = guide.model_dump()
    dumped["records"]["items"][0]["label"] = "changed"
    dumped["title"] = "changed"
    copied = guide.model_copy(update={"title": "changed"})
    assert copied.title == "changed"
    assert load_guide("en") is guide
    assert guide.title != "changed"
    assert guide.records.items[0].label != "changed"


def test_after_every_attempt_the_cache_still_equals_a_fresh_parse(
    guide: Guide, guide_data: dict[str, Any]
) -> None:
    for model in models(guide):
        for name in type(model).model_fields:
            with pytest.raises(ValidationError):
                setattr(model, name, "changed")
    assert load_guide("en") is guide
    assert guide == parse_guide(guide_data)


# Failed loads change no cache ------------------------------------------------------------------


def _cached() -> int:
    return loader._load_packaged.cache_info().currsize


def test_an_unknown_locale_leaves_the_cache_as_it_was(fresh_caches: Callable[[], None]) -> None:
    guide = load_guide("en")
    with pytest.raises(UnknownLocaleError):
        load_guide("xx")
    assert _cached() == 1
    assert load_guide("en") is guide


def test_a_corrupted_resource_is_not_cached_and_leaves_the_cache_as_it_was(
    fresh_caches: Callable[[], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_read = loader._read_resource
    english = load_guide("en")
    manifest = json.loads(real_read("manifest.json"))
    manifest["locales"]["fr"] = {
        "name": "Français",
        "editions": {"standard": {"file": "fr.json", "name": "Standard"}},
    }
    served = {"manifest.json": json.dumps(manifest).encode(), "fr.json": b'{"title": '}
    monkeypatch.setattr(loader, "_read_resource", lambda name: served.get(name) or real_read(name))
    loader._manifest.cache_clear()

    with pytest.raises(ContentError) as caught:
        load_guide("fr")
    assert caught.value.source == "packaged fr.json"
    assert _cached() == 1
    assert load_guide("en") is english

    served["fr.json"] = real_read("en.json")  # repaired: read again, not a remembered failure
    assert load_guide("fr") == english
    assert _cached() == 2


def test_parsing_content_files_never_touches_the_cache(
    fresh_caches: Callable[[], None], guide_data: dict[str, Any]
) -> None:
    english = load_guide("en")
    guide_data["title"] = "Another edition"
    assert parse_guide(guide_data).title == "Another edition"
    guide_data["title"] = ""
    with pytest.raises(ContentError):
        parse_guide(guide_data)
    assert _cached() == 1
    assert load_guide("en") is english
    assert english.title != "Another edition"
