"""``oncology-second-opinion handout``, run in-process."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, build_handout, render

from ..conftest import Cli, CliResult
from ..golden import GOLDEN_DIR, HANDOUT_SELECTION, sample_handout

FLAGS = {
    "indications": "--indication",
    "records_on_hand": "--have",
    "questions": "--question",
    "own_questions": "--own-question",
}


def selection_argv() -> list[str]:
    return [
        arg
        for field, values in HANDOUT_SELECTION.items()
        for value in values
        for arg in (FLAGS[field], value)
    ]


@pytest.mark.parametrize(
    ("fmt", "golden"),
    [("markdown", "handout.en.md"), ("html", "handout.en.html"), ("text", "handout.en.txt")],
)
def test_handout_prints_the_golden_handout(cli: Cli, fmt: str, golden: str) -> None:
    result = cli("handout", "--format", fmt, *selection_argv())
    assert (result.status, result.err) == (0, "")
    assert result.out == (GOLDEN_DIR / golden).read_text(encoding="utf-8")


def test_handout_passes_every_option(cli: Cli, guide: Guide, tmp_path: Path) -> None:
    argv = ["handout", "--format", "html", *selection_argv(), "--starts-soon"]
    argv += ["--heading-level", "2", "--document", "--id-prefix", "h-"]
    soon = sample_handout(guide, treatment_starts_soon=True)
    expected = render(soon, "html", heading_level=2, document=True, id_prefix="h-")
    assert cli(*argv) == CliResult(0, expected, "")
    assert cli("handout", "--format", "text", "--width", "none").out == render(
        build_handout(guide), "text", width=None
    )
    target = tmp_path / "handout.txt"
    assert cli("handout", "--format", "text", "--output", str(target)) == CliResult(0, "", "")
    assert target.read_bytes() == render(build_handout(guide), "text").encode("utf-8")


def test_handout_from_own_content_file(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["labels"]["handout_title"] = "Préparer un deuxième avis"
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(guide_data, ensure_ascii=False), encoding="utf-8")
    result = cli("handout", "--format", "markdown", "--content", str(path))
    assert result.status == 0
    assert result.out.startswith("# Préparer un deuxième avis\n")


def test_handout_invalid_content_exits_1(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["labels"]["answer"] = ""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(guide_data), encoding="utf-8")
    result = cli("handout", "--format", "text", "--content", str(path))
    assert (result.status, result.out) == (1, "")
    assert f"{path}: $.labels.answer: must contain text" in result.err
    missing = tmp_path / "missing.json"
    result = cli("handout", "--format", "text", "--content", str(missing))
    assert (result.status, result.out) == (1, "")
    assert f"{missing}: cannot be read" in result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--indication", "cure"],
            "--indication: unknown id 'cure' in indications; valid ids: "
            "hard-to-understand-diagnosis, major-treatment-recommended,",
        ),
        (
            ["--have", "x-rays"],
            "--have: unknown id 'x-rays' in records_on_hand; valid ids: pathology-reports,",
        ),
        (
            ["--question", "decision-right-now", "--question", "decision-right-now"],
            "--question: id 'decision-right-now' is listed more than once in questions",
        ),
        (["--own-question", " "], "--own-question: own question 1 must contain text"),
        (
            ["--own-question", "Why?\u202e"],
            "--own-question: own question 1 contains the invisible character U+202E",
        ),
        (["--own-question", "Why?"] * 11, "--own-question: more than 10 own questions given"),
        (["--locale", "xx"], "no packaged guide for locale 'xx'"),
    ],
)
def test_handout_usage_errors_exit_2(cli: Cli, argv: list[str], message: str) -> None:
    result = cli("handout", "--format", "text", *argv)
    assert (result.status, result.out) == (2, "")
    assert result.err.startswith("oncology-second-opinion handout: ")
    assert message in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--format", "pdf"],
        ["--format", "text", "--section", "timing"],
        ["--format", "text", "--heading-level", "0"],
        ["--format", "text", "--starts-soon", "yes"],
    ],
)
def test_handout_argument_errors_exit_2(cli: Cli, argv: list[str]) -> None:
    result = cli("handout", *argv)
    assert result.status == 2
    assert "usage:" in result.err


def test_hostile_own_question_is_escaped(cli: Cli, guide: Guide) -> None:
    hostile = '<script>alert(1)</script> [x](javascript:alert(1)) "&'
    result = cli("handout", "--format", "html", "--own-question", hostile)
    assert result.status == 0
    assert "<script>" not in result.out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.out
    assert result.out == render(build_handout(guide, own_questions=[hostile]), "html")
