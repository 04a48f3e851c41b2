"""``diff OLD NEW``: text, Markdown and JSON reports, exit 0, 1 or 2 like diff."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from oncology_second_opinion import Guide, fingerprint, parse_guide

from ..conftest import Cli

LABEL = "$.records.items[?@.id=='pathology-reports'].label"


def write(path: Path, data: dict[str, Any]) -> str:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.fixture
def upgraded(tmp_path: Path, guide_data: dict[str, Any]) -> str:
    guide_data["content_version"] = "1.3.1"
    guide_data["records"]["items"][0]["label"] = "Pathology *reports* <b>"
    return write(tmp_path / "new.json", guide_data)


def test_a_guide_equals_itself_and_its_snapshot(cli: Cli, tmp_path: Path, guide: Guide) -> None:
    snapshot = tmp_path / "approved.json"
    assert cli("export", "--format", "json", "--output", str(snapshot)).status == 0
    result = cli("diff", "en", str(snapshot))
    assert (result.status, result.err) == (0, "")
    assert result.out.splitlines() == [
        f"--- en (content 1.3.0, {fingerprint(guide)})",
        f"+++ {snapshot} (content 1.3.0, {fingerprint(guide)})",
        "the content is the same",
    ]


def test_text_lists_each_change_with_old_and_new_text(cli: Cli, upgraded: str) -> None:
    result = cli("diff", "en", upgraded)
    assert result.status == 1
    assert result.out.splitlines()[2:] == [
        "version policy: ok: the wording's changes ask for at least a patch bump, and "
        "content_version 1.3.0 to 1.3.1 is a patch bump",
        "changed $.content_version",
        "  - 1.3.0",
        "  + 1.3.1",
        f"changed {LABEL}",
        "  - Pathology reports",
        "  + Pathology *reports* <b>",
    ]


def test_json_report(cli: Cli, upgraded: str, guide: Guide) -> None:
    result = cli("diff", "en", upgraded, "--format", "json")
    report = json.loads(result.out)
    new = parse_guide(Path(upgraded).read_bytes())
    assert result.status == 1
    assert report["old"] == {
        "name": "en",
        "content_version": "1.3.0",
        "fingerprint": fingerprint(guide),
    }
    assert report["new"]["fingerprint"] == fingerprint(new)
    assert report["equal"] is False
    assert report["policy"] == {
        "applies": True,
        "required_bump": "patch",
        "actual_bump": "patch",
        "problems": [],
    }
    assert report["changes"][1] == {
        "kind": "changed",
        "path": LABEL,
        "old": "Pathology reports",
        "new": "Pathology *reports* <b>",
    }


def test_markdown_report_shows_content_as_written(cli: Cli, upgraded: str) -> None:
    result = cli("diff", "en", upgraded, "--format", "markdown")
    assert result.status == 1
    tokens = MarkdownIt("commonmark").parse(result.out)
    inline = [token for token in tokens if token.type == "inline"]
    texts = ["".join(child.content for child in token.children or []) for token in inline]
    assert "new: Pathology *reports* <b>" in texts
    assert not any(
        token.type in ("em_open", "html_inline") for t in inline for token in t.children or []
    )
    headings = [
        "".join(child.content for child in tokens[index + 1].children or [])
        for index, token in enumerate(tokens)
        if token.type == "heading_open"
    ]
    assert headings == [f"Content changes: en to {upgraded}", "Version policy", "Changes"]


def test_a_policy_problem_is_reported(cli: Cli, tmp_path: Path, guide_data: dict[str, Any]) -> None:
    del guide_data["questions"]["items"][0]
    guide_data["content_version"] = "1.4.0"
    result = cli("diff", "en", write(tmp_path / "new.json", guide_data))
    assert result.status == 1
    assert result.out.splitlines()[2] == (
        "version policy: problem: text or items were removed under a minor bump (1.3.0 to 1.4.0); "
        "the policy asks for a major bump"
    )
    assert "removed item $.questions.items[?@.id=" in result.out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["en", "xx"],
            "no packaged guide for locale 'xx'; available locales: en, es. For a file, ",
        ),
        (["en", "missing.json"], "missing.json: cannot be read: No such file or directory"),
        (["en"], "the following arguments are required: NEW"),
    ],
)
def test_trouble_exits_2(cli: Cli, argv: list[str], message: str) -> None:
    result = cli("diff", *argv)
    assert (result.status, result.out) == (2, "")
    assert message in result.err


def test_an_invalid_side_exits_2_with_its_problems(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["title"] = ""
    path = write(tmp_path / "bad.json", guide_data)
    result = cli("diff", path, "en")
    assert (result.status, result.out) == (2, "")
    assert result.err == (
        f"{path}: $.title: must contain text; it is empty or only whitespace and invisible "
        "characters\n"
    )


def test_text_output_escapes_what_a_terminal_would_obey(
    cli: Cli, tmp_path: Path, guide_data: dict[str, Any]
) -> None:
    guide_data["overview"]["paragraphs"][0] = "Line one\nline two\u2028"
    result = cli("diff", "en", write(tmp_path / "new.json", guide_data))
    assert "  + Line one\\nline two\\u2028" in result.out.splitlines()
