"""``oncology-second-opinion render``, run in-process and as the README's installed command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from oncology_second_opinion import Guide, RenderOptions, load_guide, render
from oncology_second_opinion.cli import _flag

from ..conftest import ROOT, Cli, CliResult
from ..golden import GOLDEN_DIR


@pytest.mark.parametrize(
    ("fmt", "golden"), [("markdown", "en.md"), ("html", "en.html"), ("text", "en.txt")]
)
def test_render_prints_the_default_render(cli: Cli, fmt: str, golden: str) -> None:
    result = cli("render", "--format", fmt)
    assert (result.status, result.err) == (0, "")
    assert result.out == (GOLDEN_DIR / golden).read_text(encoding="utf-8")


def test_render_passes_every_option(cli: Cli, guide: Guide) -> None:
    argv = ["render", "--format", "html", "--section", "questions", "--section", "overview"]
    argv += ["--heading-level", "2", "--document", "--id-prefix", "g-"]
    expected = render(
        guide,
        "html",
        sections=["questions", "overview"],
        heading_level=2,
        document=True,
        id_prefix="g-",
    )
    assert cli(*argv) == CliResult(0, expected, "")
    assert cli("render", "--format", "text", "--width", "none").out == render(
        guide, "text", width=None
    )
    assert cli("render", "--format", "text", "--width", "40").out == render(guide, "text", width=40)


def test_render_writes_utf8_to_a_file(cli: Cli, tmp_path: Path, guide: Guide) -> None:
    target = tmp_path / "guide.txt"
    assert cli("render", "--format", "text", "--output", str(target)) == CliResult(0, "", "")
    assert target.read_bytes() == render(guide, "text").encode("utf-8")


def test_render_own_content_file(cli: Cli, tmp_path: Path, guide_data: dict[str, Any]) -> None:
    guide_data["title"] = "Une édition locale"
    path = tmp_path / "edition.json"
    path.write_text(json.dumps(guide_data, ensure_ascii=False), encoding="utf-8")
    result = cli("render", "--format", "markdown", "--content", str(path))
    assert result.status == 0
    assert result.out.startswith("# Une édition locale\n")


def test_render_invalid_content_lists_problems(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = ""
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(guide_data), encoding="utf-8")
    result = cli("render", "--format", "text", "--content", str(path))
    assert (result.status, result.out) == (1, "")
    assert f"{path}: $.title: must contain text" in result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--format", "markdown", "--document"], "--document: option 'document' does not apply"),
        (
            ["--format", "html", "--id-prefix", "9"],
            "--id-prefix: id_prefix must be empty or a letter",
        ),
        (["--format", "text", "--locale", "xx"], "no packaged guide for locale 'xx'"),
    ],
)
def test_render_usage_errors_exit_2(cli: Cli, argv: list[str], message: str) -> None:
    result = cli("render", *argv)
    assert (result.status, result.out) == (2, "")
    assert message in result.err


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--format", "pdf"],
        ["--format", "text", "--heading-level", "7"],
    ],
)
def test_render_argument_errors_exit_2(cli: Cli, argv: list[str]) -> None:
    result = cli("render", *argv)
    assert result.status == 2
    assert "usage:" in result.err


@pytest.mark.parametrize("width", ["5", "x", "-30", "²", "wide"])
def test_a_refused_width_is_explained_in_command_line_terms(cli: Cli, width: str) -> None:
    result = cli("render", "--format", "text", "--width", width)
    assert (result.status, result.out) == (2, "")
    assert result.err.endswith(
        "oncology-second-opinion render: error: argument --width: must be a number of at least "
        f"20, or 'none' not to wrap; not {width!r}\n"
    )
    assert "None" not in result.err


@pytest.mark.parametrize("command", ["render", "export", "handout", "ids", "messages"])
def test_an_unknown_option_after_a_command_shows_the_commands_usage(cli: Cli, command: str) -> None:
    result = cli(command, "--bogus")
    assert result.status == 2
    assert result.err.startswith(f"usage: oncology-second-opinion {command} ")
    assert f"oncology-second-opinion {command}: error: " in result.err


@pytest.mark.parametrize("command", ["render", "export", "handout", "ids", "messages"])
def test_an_unknown_locale_points_to_the_content_option(cli: Cli, command: str) -> None:
    argv = {"render": ["--format", "text"], "export": ["--format", "json"]}.get(command, [])
    argv += {"handout": ["--format", "text"], "messages": ["--max-chars", "160"]}.get(command, [])
    result = cli(command, *argv, "--locale", "xx")
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        f"oncology-second-opinion {command}: --locale: no packaged guide for locale 'xx'; "
        "available locales: en, es. For your own content file, use --content FILE.\n"
    )


def test_an_unknown_section_exits_2_naming_the_guides_sections(cli: Cli) -> None:
    # Section ids depend on the content file (an edition may add its own): the guide checks them.
    result = cli("render", "--format", "text", "--section", "appendix")
    assert result.status == 2
    assert result.err == (
        "oncology-second-opinion render: --section: unknown id 'appendix' in sections; valid ids: "
        "overview, indications, clarifications, timing, records, questions, how-to-use, "
        "disclaimer, sources\n"
    )


def test_readme_main_command_renders_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python -m pip install . && oncology-second-opinion render --format markdown" in readme
    script = Path(sys.executable).with_name("oncology-second-opinion")
    command = (
        [str(script)] if script.exists() else [sys.executable, "-m", "oncology_second_opinion"]
    )
    result = subprocess.run(
        [*command, "render", "--format", "markdown"], capture_output=True, check=True
    )
    assert result.stdout == render(load_guide(), "markdown").encode("utf-8")


def test_rendering_doc_documents_every_render_option() -> None:
    doc = (ROOT / "docs" / "rendering.md").read_text(encoding="utf-8")
    for option in RenderOptions.__annotations__:
        assert f"| `{option}` |" in doc, option
        assert f"`{_flag(option)}" in doc, _flag(option)
