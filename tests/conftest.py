from __future__ import annotations

import contextlib
import copy
import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol, TextIO

import pytest
from hypothesis import settings

from oncology_second_opinion import Guide, clear_cache, load_guide
from oncology_second_opinion.cli import main

from .browser.tools import in_ci

TESTS = Path(__file__).parent
ROOT = TESTS.parent
SEED = TESTS / "fixtures" / "seed.txt"

# Hypothesis profiles. Property tests take their number of examples from the profile: `dev`, the
# default, is quick; `ci` is thorough and derandomized, so CI gives the same verdict on the same
# code, and is what .ci/run uses (where CI=true, see in_ci); `explore` is as thorough with fresh
# random examples, to look for new failures (pin each one found as an @example).
# HYPOTHESIS_PROFILE names a profile explicitly: HYPOTHESIS_PROFILE=explore python -m pytest.
# No deadline: timing a single example says nothing on a busy machine.
settings.register_profile("dev", max_examples=25, deadline=None)
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, database=None)
settings.register_profile("explore", max_examples=200, deadline=None)
# Long runs of the fuzz targets (tests/fuzz): HYPOTHESIS_PROFILE=fuzz python -m pytest tests/fuzz
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if in_ci() else "dev")
settings.load_profile(PROFILE)


def scaled(weight: int) -> settings:
    """The loaded profile with ``weight`` times its examples, for a property so cheap per example
    that it deserves many more than a whole-guide one in the same time."""
    return settings(max_examples=weight * settings().max_examples)


#: For a property whose every example is a whole generated guide, rendered, exported or read back
#: several times: ``dev`` tries 10 of them, the thorough profiles their usual number.
WHOLE_GUIDES = settings(max_examples=10) if PROFILE == "dev" else settings()


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


@dataclass(frozen=True)
class CliResult:
    """One run of the command line: its exit status and what it wrote to each stream."""

    status: int
    out: str
    err: str


class Cli(Protocol):
    def __call__(self, *argv: str, encoding: str | None = None) -> CliResult: ...


def _run_cli(*argv: str, encoding: str | None = None) -> CliResult:
    """``main(argv)`` in-process. ``out`` and ``err`` hold everything written to each stream,
    argparse's usage and help included (argparse writes to ``sys.stdout`` and ``sys.stderr``).
    With ``encoding``, standard output is a byte stream of that encoding, as a terminal's is."""
    buffer = io.BytesIO()
    out: TextIO = io.StringIO() if encoding is None else io.TextIOWrapper(buffer, encoding=encoding)
    err = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(list(argv), out=out, err=err)
    out.flush()
    written = (
        out.getvalue() if isinstance(out, io.StringIO) else buffer.getvalue().decode(out.encoding)
    )
    return CliResult(status, written, err.getvalue())


@pytest.fixture(scope="session")
def cli() -> Cli:
    """Run the command line in-process: ``cli("render", "--format", "text").out``. Stateless, so
    one for the session (and usable in hypothesis tests)."""
    return _run_cli
