"""The ``messages`` command: the splitter on the command line, one JSON string a line."""

from __future__ import annotations

import json
from pathlib import Path

from oncology_second_opinion import load_guide, split_messages

from ..conftest import Cli


def test_messages_prints_the_splitters_messages_as_json_lines(cli: Cli) -> None:
    result = cli("messages", "--max-chars", "160", "--gsm7", "--section", "questions")
    assert (result.status, result.err) == (0, "")
    printed = [json.loads(line) for line in result.out.splitlines()]
    guide = load_guide("en")
    assert printed == split_messages(guide, max_chars=160, sections=["questions"], gsm7=True)


def test_messages_writes_a_file_and_honours_omit_disclaimer(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "messages.jsonl"
    result = cli("messages", "--max-chars", "70", "--omit-disclaimer", "--output", str(target))
    assert result.status == 0
    printed = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert all(len(message) <= 70 for message in printed)
    assert not any("About this article" in message for message in printed)


def test_a_limit_too_small_is_a_usage_error(cli: Cli) -> None:
    result = cli("messages", "--max-chars", "39")
    assert result.status == 2
    assert "--max-chars: max_chars must be an integer of at least 40" in result.err


def test_render_compact_gsm7(cli: Cli) -> None:
    result = cli("render", "--format", "text", "--compact", "--gsm7", "--section", "records")
    assert result.status == 0
    assert result.out.splitlines()[0].endswith(" - Not clinically reviewed.")
    assert "[ ] Pathology reports" in result.out
