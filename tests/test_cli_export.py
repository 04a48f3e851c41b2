"""``oncology-second-opinion export``: run in-process, like every CLI test."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, to_fhir_questionnaire, to_jsonld
from oncology_second_opinion.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def write(tmp_path: Path, data: Any, name: str = "edition.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("export_format", "expected"),
    [
        ("json", lambda guide: guide.model_dump(mode="json", exclude_defaults=True)),
        ("fhir", to_fhir_questionnaire),
        ("jsonld", to_jsonld),
    ],
)
def test_export_prints_the_api_result(guide: Guide, export_format: str, expected: Any) -> None:
    status, output, errors = run("export", "--format", export_format)
    assert (status, errors) == (0, "")
    assert json.loads(output) == expected(guide)
    assert output == json.dumps(expected(guide), ensure_ascii=False, indent=2) + "\n"
    assert "oncology team’s" in output  # UTF-8, not \u escapes


def test_json_export_is_the_packaged_content(guide_data: dict[str, Any]) -> None:
    status, output, _ = run("export", "--format", "json")
    assert status == 0
    assert json.loads(output) == guide_data


def test_export_is_deterministic() -> None:
    for export_format in ("json", "fhir", "jsonld"):
        assert run("export", "--format", export_format) == run(
            "export", "--format", export_format, "--locale", "en"
        )


def test_export_own_content(tmp_path: Path, guide_data: dict[str, Any]) -> None:
    guide_data["title"] = "Une deuxième opinion </script>"
    guide_data["locale"] = "fr"
    status, output, _ = run("export", "--format", "fhir", "--content", write(tmp_path, guide_data))
    assert status == 0
    resource = json.loads(output)
    assert resource["title"] == "Une deuxième opinion </script>"
    assert resource["url"] == "urn:oncology-second-opinion:questionnaire:fr"


def test_export_to_a_file(tmp_path: Path, guide: Guide) -> None:
    target = tmp_path / "questionnaire.json"
    status, output, errors = run("export", "--format", "fhir", "--output", str(target))
    assert (status, output, errors) == (0, "", "")
    assert json.loads(target.read_bytes().decode("utf-8")) == to_fhir_questionnaire(guide)


def test_invalid_content_exits_1_with_every_problem(
    tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = ""
    guide_data["sources"]["items"][0]["url"] = "http://example.org/"
    name = write(tmp_path, guide_data)
    status, output, errors = run("export", "--format", "jsonld", "--content", name)
    assert (status, output) == (1, "")
    lines = errors.splitlines()
    assert f"{name}: $.title: must contain text; it is empty or only whitespace" in lines
    assert any(line.startswith(f"{name}: $.sources.items[0].url: ") for line in lines)
    assert "Traceback" not in errors


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[]"])
def test_broken_files_exit_1(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    status, output, errors = run("export", "--format", "json", "--content", str(path))
    assert (status, output) == (1, "")
    assert errors.startswith(f"{path}: $: ")


def test_unreadable_content_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    status, _, errors = run("export", "--format", "json", "--content", str(missing))
    assert status == 1
    assert errors.startswith(f"{missing}: cannot be read: ")
    status, _, errors = run("export", "--format", "json", "--content", str(tmp_path))
    assert status == 1
    assert errors.startswith(f"{tmp_path}: cannot be read: ")
    status, output, errors = run("export", "--format", "json", "--content", "")
    assert (status, output) == (1, "")
    assert errors.startswith(": cannot be read: ")


def test_unwritable_output_exits_1(tmp_path: Path) -> None:
    target = tmp_path / "no-such-directory" / "out.json"
    status, output, errors = run("export", "--format", "json", "--output", str(target))
    assert (status, output) == (1, "")
    assert errors.startswith(f"{target}: cannot be written: ")


def test_unknown_locale_is_a_usage_error() -> None:
    status, output, errors = run("export", "--format", "json", "--locale", "xx")
    assert (status, output) == (2, "")
    assert "available locales: en" in errors


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", "--format", "xml"],
        ["export", "--format", "json", "--locale", "en", "--content", "x.json"],
        ["export", "--format", "json", "--bogus"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv, out=io.StringIO(), err=io.StringIO()) == 2
    assert "usage:" in capsys.readouterr().err
