"""``oncology-second-opinion handout``, run in-process."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, build_handout, render
from oncology_second_opinion.cli import main

from .golden import GOLDEN_DIR, HANDOUT_SELECTION, sample_handout

FLAGS = {
    "indications": "--indication",
    "records_on_hand": "--have",
    "questions": "--question",
    "own_questions": "--own-question",
}


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


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
def test_handout_prints_the_golden_handout(fmt: str, golden: str) -> None:
    status, out, err = run("handout", "--format", fmt, *selection_argv())
    assert (status, err) == (0, "")
    assert out == (GOLDEN_DIR / golden).read_text(encoding="utf-8")


def test_handout_passes_every_option(guide: Guide, tmp_path: Path) -> None:
    argv = ["handout", "--format", "html", *selection_argv(), "--starts-soon"]
    argv += ["--heading-level", "2", "--document", "--id-prefix", "h-"]
    soon = sample_handout(guide, treatment_starts_soon=True)
    expected = render(soon, "html", heading_level=2, document=True, id_prefix="h-")
    assert run(*argv) == (0, expected, "")
    assert run("handout", "--format", "text", "--width", "none")[1] == render(
        build_handout(guide), "text", width=None
    )
    target = tmp_path / "handout.txt"
    assert run("handout", "--format", "text", "--output", str(target)) == (0, "", "")
    assert target.read_bytes() == render(build_handout(guide), "text").encode("utf-8")


def test_handout_from_own_content_file(tmp_path: Path, guide_data: dict[str, Any]) -> None:
    guide_data["labels"]["handout_title"] = "Préparer un deuxième avis"
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(guide_data, ensure_ascii=False), encoding="utf-8")
    status, out, _ = run("handout", "--format", "markdown", "--content", str(path))
    assert status == 0
    assert out.startswith("# Préparer un deuxième avis\n")


def test_handout_invalid_content_exits_1(tmp_path: Path, guide_data: dict[str, Any]) -> None:
    guide_data["labels"]["answer"] = ""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(guide_data), encoding="utf-8")
    status, out, err = run("handout", "--format", "text", "--content", str(path))
    assert (status, out) == (1, "")
    assert f"{path}: $.labels.answer: must contain text" in err
    missing = tmp_path / "missing.json"
    status, out, err = run("handout", "--format", "text", "--content", str(missing))
    assert (status, out) == (1, "")
    assert f"{missing}: cannot be read" in err


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
        (["--own-question", "Why?"] * 11, "--own-question: 11 own questions given"),
        (["--width", "5"], "--width: width must be None or an integer of at least 20"),
        (["--locale", "xx"], "no packaged guide for locale 'xx'"),
    ],
)
def test_handout_usage_errors_exit_2(argv: list[str], message: str) -> None:
    status, out, err = run("handout", "--format", "text", *argv)
    assert (status, out) == (2, "")
    assert err.startswith("oncology-second-opinion handout: ")
    assert message in err
    assert "Traceback" not in err


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
def test_handout_argument_errors_exit_2(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["handout", *argv]) == 2
    assert "usage:" in capsys.readouterr().err


def test_hostile_own_question_is_escaped(guide: Guide) -> None:
    hostile = '<script>alert(1)</script> [x](javascript:alert(1)) "&'
    status, out, _ = run("handout", "--format", "html", "--own-question", hostile)
    assert status == 0
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert out == render(build_handout(guide, own_questions=[hostile]), "html")
