"""The command line, run in-process and as ``python -m``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import guide_schema
from oncology_second_opinion._fields import BLANK_TEXT

from ..conftest import Cli


def write(tmp_path: Path, name: str, data: Any) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_validate_valid_file(cli: Cli, tmp_path: Path, guide_data: dict[str, Any]) -> None:
    name = write(tmp_path, "ok.json", guide_data)
    result = cli("validate", name)
    assert (result.status, result.out) == (0, f"{name}: valid\n")


def test_validate_prints_every_problem_and_exits_1(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    good = write(tmp_path, "good.json", guide_data)
    guide_data["questions"]["items"][0]["id"] = "pathology-reports"
    repeated = write(tmp_path, "repeated.json", guide_data)
    guide_data["title"] = ""
    guide_data["sources"]["items"][1]["url"] = "http://example.org/page"
    bad = write(tmp_path, "bad.json", guide_data)
    result = cli("validate", bad, repeated, good)
    assert result.status == 1
    lines = result.out.splitlines()
    assert f"{bad}: $.title: must contain text; {BLANK_TEXT}" in lines
    assert any(line.startswith(f"{bad}: $.sources.items[1].url: ") for line in lines)
    # The rules across a guide (unique ids) are checked once every field is valid.
    assert lines[-2] == (
        f'{repeated}: $.questions.items[0].id: repeats the id "pathology-reports" already used at '
        "$.records.items[0].id; ids must be unique in a guide"
    )
    assert lines[-1] == f"{good}: valid"


def test_validate_missing_file(cli: Cli, tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.json")
    result = cli("validate", missing)
    assert result.status == 1
    assert result.out.startswith(f"{missing}: cannot be read: ")


@pytest.mark.parametrize("argv", [[], ["validate"], ["frobnicate"], ["schema", "--bogus"]])
def test_usage_errors_exit_2(cli: Cli, argv: list[str]) -> None:
    result = cli(*argv)
    assert result.status == 2
    assert "usage:" in result.err


def test_schema_prints_the_packaged_schema(cli: Cli) -> None:
    result = cli("schema")
    assert result.status == 0
    assert json.loads(result.out) == guide_schema()


def test_schema_from_models_equals_packaged(cli: Cli) -> None:
    assert cli("schema", "--from-models") == cli("schema")


def test_python_dash_m(tmp_path: Path, guide_data: dict[str, Any]) -> None:
    name = write(tmp_path, "ok.json", guide_data)
    result = subprocess.run(
        [sys.executable, "-m", "oncology_second_opinion", "validate", name],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, f"{name}: valid\n")
