from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from oncology_second_opinion import Guide, load_guide
from oncology_second_opinion.loader import clear_caches

from .browser.tools import in_ci

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEED = TESTS / "fixtures" / "seed.txt"

# Hypothesis profiles. Property tests take their number of examples from the profile: `dev`, the
# default, is quick; `ci` is thorough and is what .ci/run uses (where CI=true, see in_ci).
# HYPOTHESIS_PROFILE names a profile explicitly: HYPOTHESIS_PROFILE=ci python -m pytest.
# No deadline: timing a single example says nothing on a busy machine.
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci() else "dev")
settings.load_profile(PROFILE)


def scaled(weight: int) -> settings:
    """The loaded profile with ``weight`` times its examples, for a property so cheap per example
    that it deserves many more than a whole-guide one in the same time."""
    return settings(max_examples=weight * settings().max_examples)


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
    clear_caches()
    yield clear_caches
    clear_caches()
