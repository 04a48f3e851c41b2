from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, clear_cache, load_guide

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEED = TESTS / "fixtures" / "seed.txt"


@pytest.fixture
def guide() -> Guide:
    return load_guide("en")


@pytest.fixture
def guide_data() -> dict[str, Any]:
    """A fresh, mutable copy of the packaged English guide as decoded JSON."""
    text = (files("oncology_second_opinion.data") / "en.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return copy.deepcopy(data)


@pytest.fixture
def fresh_caches() -> Iterator[Callable[[], None]]:
    clear_cache()
    yield clear_cache
    clear_cache()
