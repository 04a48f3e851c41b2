"""``validate``: one line per problem, exit 0 or 1, never a traceback, never a write."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oncology_second_opinion import _loader as loader
from oncology_second_opinion._fields import BLANK_TEXT

from .. import strategies
from ..conftest import Cli


def safe(text: str) -> bool:
    return text.isprintable()


def write(path: Path, data: dict[str, Any] | str | bytes) -> Path:
    if isinstance(data, dict):
        data = json.dumps(data, ensure_ascii=False)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_a_valid_file_says_so_and_exits_0(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    path = write(tmp_path / "edition.json", guide_data)
    result = cli("validate", str(path))
    assert (result.status, result.out.splitlines()) == (0, [f"{path}: valid"])


def test_every_problem_is_one_line_file_path_message(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = ""
    guide_data["labels"]["colour"] = "blue"
    guide_data["sources"]["items"][0]["url"] = "http://www.cancer.org/"
    path = write(tmp_path / "edition.json", guide_data)
    result = cli("validate", str(path))
    assert result.status == 1
    assert sorted(result.out.splitlines()) == sorted(
        [
            f"{path}: $.title: must contain text; {BLANK_TEXT}",
            f"{path}: $.labels.colour: is not a known field; remove it or correct its spelling",
            f"{path}: $.sources.items[0].url: must be an absolute URL using https (in lowercase), "
            "such as 'https://example.org/page'",
        ]
    )


def test_several_files_are_each_reported(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    good = write(tmp_path / "good.json", guide_data)
    bad = write(tmp_path / "bad.json", "[]")
    result = cli("validate", str(good), str(bad), str(good))
    assert result.status == 1
    assert result.out.splitlines() == [
        f"{good}: valid",
        f"{bad}: $: must be a JSON object holding a guide",
        f"{good}: valid",
    ]


def test_a_directory_a_missing_file_and_a_bad_name_are_reported(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = cli("validate", str(tmp_path), str(missing), "nul\x00.json")
    assert result.status == 1
    assert result.out.splitlines() == [
        f"{tmp_path}: cannot be read: Is a directory",
        f"{missing}: cannot be read: No such file or directory",
        "nul\\x00.json: cannot be read: not a valid file name",
    ]


def test_a_read_error_is_reported_whoever_runs_the_tests(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "edition.json", guide_data)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(loader, "open", refuse, raising=False)
    result = cli("validate", str(path))
    assert (result.status, result.out.splitlines()) == (
        1,
        [f"{path}: cannot be read: Permission denied"],
    )


def test_hostile_file_names_are_escaped(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    path = write(tmp_path / "a\x1b[2J\u202eb.json", guide_data)
    result = cli("validate", str(path))
    assert result.status == 0
    assert result.out.splitlines() == [f"{tmp_path}/a\\x1b[2J\\u202eb.json: valid"]


def test_a_file_name_that_is_not_utf8_is_escaped(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    name = os.fsdecode(b"edition-\xff.json")  # a lone surrogate, as Python spells such names
    path = write(tmp_path / name, guide_data)
    result = cli("validate", str(path), encoding="utf-8")
    assert (result.status, result.out) == (0, f"{tmp_path}/edition-\\udcff.json: valid\n")


def test_output_fits_an_ascii_terminal(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    path = write(tmp_path / "édition.json", guide_data)
    # The fixture decodes the bytes written as ASCII, strictly: any other byte fails.
    result = cli("validate", str(path), encoding="ascii")
    assert (result.status, result.out) == (0, f"{tmp_path}/\\xe9dition.json: valid\n")


def _snapshot(directory: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every entry under ``directory``: its modification time, and a file's bytes."""
    return {
        str(path.relative_to(directory)): (
            path.stat().st_mtime_ns,
            path.read_bytes() if path.is_file() else None,
        )
        for path in directory.rglob("*")
    }


def test_validate_never_writes(cli: Cli, tmp_path: Path, guide_data: dict[str, Any]) -> None:
    good = write(tmp_path / "good.json", guide_data)
    guide_data["title"] = ""
    bad = write(tmp_path / "bad.json", guide_data)
    before = _snapshot(tmp_path)
    directory_mtime = tmp_path.stat().st_mtime_ns
    result = cli("validate", str(good), str(bad), str(tmp_path), str(tmp_path / "missing.json"))
    assert result.status == 1
    assert _snapshot(tmp_path) == before
    assert tmp_path.stat().st_mtime_ns == directory_mtime
    assert sorted(path.name for path in tmp_path.iterdir()) == ["bad.json", "good.json"]


# Fuzz: whatever the bytes, an answer and an exit status, never a traceback. ---------------------


def _damaged_guides() -> st.SearchStrategy[bytes]:
    return strategies.broken_guides().map(
        lambda broken: json.dumps(broken[1], ensure_ascii=False).encode("utf-8")
    )


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@given(data=st.one_of(st.binary(max_size=500), _damaged_guides(), st.text().map(str.encode)))
def test_validate_answers_any_file_with_exit_0_or_1(cli: Cli, scratch: Path, data: bytes) -> None:
    path = scratch / "fuzz.json"
    path.write_bytes(data)
    result = cli("validate", str(path))
    lines = result.out.splitlines()
    assert result.status in (0, 1)
    assert lines
    assert all(line.startswith(f"{path}: ") and safe(line) for line in lines)
    assert (result.status == 0) == (lines == [f"{path}: valid"])


# --schema: the published JSON Schema as a second judge, from the optional extra. ---------------


def test_schema_option_adds_the_schema_verdict(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    good = write(tmp_path / "good.json", guide_data)
    guide_data["labels"]["colour"] = "blue"
    bad = write(tmp_path / "bad.json", guide_data)
    result = cli("validate", "--schema", str(good), str(bad))
    assert result.status == 1
    assert result.out.splitlines() == [
        f"{good}: valid",
        f"{bad}: $.labels.colour: is not a known field; remove it or correct its spelling",
        f"{bad}: $.labels: JSON Schema: Additional properties are not allowed "
        "('colour' was unexpected)",
    ]


def test_schema_messages_are_cut_and_escaped(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = "\x1b[2J" * 100
    path = write(tmp_path / "edition.json", guide_data)
    result = cli("validate", "--schema", str(path))
    (schema_line,) = [line for line in result.out.splitlines() if "JSON Schema" in line]
    assert schema_line.startswith(f"{path}: $.title: JSON Schema: ")
    assert schema_line.endswith("...")
    assert safe(schema_line)
    assert len(schema_line) < len(f"{path}: $.title: JSON Schema: ") + 300


def test_schema_option_without_the_extra_names_it(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "jsonschema", None)  # what a missing package looks like
    path = write(tmp_path / "edition.json", guide_data)
    result = cli("validate", "--schema", str(path))
    assert (result.status, result.out) == (2, "")
    assert "pip install 'oncology-second-opinion[schema]'" in result.err
    assert cli("validate", str(path)).status == 0  # the models alone need no extra
