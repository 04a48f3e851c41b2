"""Every Python example in the README and in docs/ runs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ..conftest import ROOT

FENCE = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = [
    pytest.param(code, id=f"{path.name}:{number}")
    for path in DOCUMENTS
    for number, code in enumerate(FENCE.findall(path.read_text(encoding="utf-8")), start=1)
]


def test_readme_has_examples() -> None:
    assert any("README.md" in str(example.id) for example in EXAMPLES)


@pytest.mark.parametrize("code", EXAMPLES)
def test_example_runs(code: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    exec(compile(code, "<example>", "exec"), {"__name__": "__example__"})


def _console_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```console\n(.*?)^```", readme, re.DOTALL | re.MULTILINE)
    return [line for block in blocks for line in block.splitlines()]


def test_ci_runs_exactly_the_readme_test_command() -> None:
    (test_command,) = [line for line in _console_commands() if "pytest" in line]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines


def test_ci_runs_the_readme_static_checks() -> None:
    (checks,) = [line for line in _console_commands() if "mypy" in line]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    ci_checks = [line for line in ci_lines if line.startswith(("python -m mypy", "python -m ruff"))]
    assert [command.strip() for command in checks.split("&&")] == ci_checks
