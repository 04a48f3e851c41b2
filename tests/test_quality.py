"""Static checks are part of the suite: mypy --strict and ruff over the source and the tests."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["mypy", "--strict"],
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
    ],
    ids=["mypy", "ruff-check", "ruff-format"],
)
def test_static_check_is_clean(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
