"""``oncology-second-opinion export``: run in-process, like every CLI test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, to_fhir_questionnaire, to_jsonld
from oncology_second_opinion._fields import BLANK_TEXT

from ..conftest import Cli


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
def test_export_prints_the_api_result(
    cli: Cli, guide: Guide, export_format: str, expected: Any
) -> None:
    result = cli("export", "--format", export_format)
    assert (result.status, result.err) == (0, "")
    assert json.loads(result.out) == expected(guide)
    assert result.out == json.dumps(expected(guide), ensure_ascii=False, indent=2) + "\n"
    assert "oncology team’s" in result.out  # UTF-8, not \u escapes


def test_json_export_is_the_packaged_content(cli: Cli, guide_data: dict[str, Any]) -> None:
    result = cli("export", "--format", "json")
    assert result.status == 0
    assert json.loads(result.out) == guide_data


def test_export_is_deterministic(cli: Cli) -> None:
    for export_format in ("json", "fhir", "jsonld"):
        assert cli("export", "--format", export_format) == cli(
            "export", "--format", export_format, "--locale", "en"
        )


def test_export_own_content(cli: Cli, tmp_path: Path, guide_data: dict[str, Any]) -> None:
    guide_data["title"] = "Une deuxième opinion </script>"
    guide_data["locale"] = "fr"
    result = cli("export", "--format", "fhir", "--content", write(tmp_path, guide_data))
    assert result.status == 0
    resource = json.loads(result.out)
    assert resource["title"] == "Une deuxième opinion </script>"
    assert resource["url"] == "urn:oncology-second-opinion:questionnaire:fr"


def test_export_to_a_file(cli: Cli, tmp_path: Path, guide: Guide) -> None:
    target = tmp_path / "questionnaire.json"
    result = cli("export", "--format", "fhir", "--output", str(target))
    assert (result.status, result.out, result.err) == (0, "", "")
    assert json.loads(target.read_bytes().decode("utf-8")) == to_fhir_questionnaire(guide)


def test_invalid_content_exits_1_with_every_problem(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = ""
    guide_data["sources"]["items"][0]["url"] = "http://example.org/"
    name = write(tmp_path, guide_data)
    result = cli("export", "--format", "jsonld", "--content", name)
    assert (result.status, result.out) == (1, "")
    lines = result.err.splitlines()
    assert f"{name}: $.title: must contain text; {BLANK_TEXT}" in lines
    assert any(line.startswith(f"{name}: $.sources.items[0].url: ") for line in lines)
    assert "Traceback" not in result.err


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe", b"[]"])
def test_broken_files_exit_1(cli: Cli, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.json"
    path.write_bytes(content)
    result = cli("export", "--format", "json", "--content", str(path))
    assert (result.status, result.out) == (1, "")
    assert result.err.startswith(f"{path}: $: ")


def test_unreadable_content_exits_1(cli: Cli, tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    result = cli("export", "--format", "json", "--content", str(missing))
    assert result.status == 1
    assert result.err.startswith(f"{missing}: cannot be read: ")
    result = cli("export", "--format", "json", "--content", str(tmp_path))
    assert result.status == 1
    assert result.err.startswith(f"{tmp_path}: cannot be read: ")
    result = cli("export", "--format", "json", "--content", "")
    assert (result.status, result.out) == (1, "")
    assert result.err.startswith(": cannot be read: ")


def test_unwritable_output_exits_1(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "no-such-directory" / "out.json"
    result = cli("export", "--format", "json", "--output", str(target))
    assert (result.status, result.out) == (1, "")
    assert result.err.startswith(f"{target}: cannot be written: ")


def test_unknown_locale_is_a_usage_error(cli: Cli) -> None:
    result = cli("export", "--format", "json", "--locale", "xx")
    assert (result.status, result.out) == (2, "")
    assert "available locales: en, es" in result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["export"],
        ["export", "--format", "xml"],
        ["export", "--format", "json", "--locale", "en", "--content", "x.json"],
        ["export", "--format", "json", "--bogus"],
    ],
)
def test_usage_errors_exit_2(cli: Cli, argv: list[str]) -> None:
    result = cli(*argv)
    assert result.status == 2
    assert "usage:" in result.err


def test_jsonld_export_can_be_pasted_into_a_script_element(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = "Second opinions </script><script>alert(1)</script> <!-- & more"
    guide_data["overview"]["paragraphs"][0] += " \u2028 </SCRIPT >"
    result = cli("export", "--format", "jsonld", "--content", write(tmp_path, guide_data))
    assert (result.status, result.err) == (0, "")
    assert not any(character in result.out for character in "<>&\u2028")
    assert json.loads(result.out) == to_jsonld(Guide.model_validate(guide_data))
    assert "oncology team’s" in result.out  # still UTF-8 where nothing needs escaping


def test_fhir_options_set_the_questionnaire_elements(cli: Cli, guide: Guide) -> None:
    result = cli(
        "export",
        "--format",
        "fhir",
        "--url",
        "https://portal.example.org/Questionnaire/second-opinion",
        "--id",
        "second-opinion",
        "--name",
        "SecondOpinion",
        "--date",
        "2026-11-30",
        "--status",
        "active",
    )
    assert result.status == 0, result.err
    assert json.loads(result.out) == to_fhir_questionnaire(
        guide,
        url="https://portal.example.org/Questionnaire/second-opinion",
        id="second-opinion",
        name="SecondOpinion",
        date="2026-11-30",
        status="active",
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--format", "fhir", "--date", "2026-02-30"], "--date: date '2026-02-30' is not a day"),
        (["--format", "fhir", "--name", "lower"], "--name: name 'lower' is not valid"),
        (
            ["--format", "jsonld", "--url", "https://example.org/q"],
            "--url: only with --format fhir",
        ),
    ],
)
def test_invalid_fhir_options_are_usage_errors(
    cli: Cli, arguments: list[str], message: str
) -> None:
    result = cli("export", *arguments)
    assert (result.status, result.out) == (2, "")
    assert message in result.err


def test_an_unknown_fhir_status_is_a_usage_error(cli: Cli) -> None:
    result = cli("export", "--format", "fhir", "--status", "published")
    assert result.status == 2
    assert "invalid choice: 'published'" in result.err
