"""docs/cli.md documents the command line this branch actually has.

The tests read ``cli.build_parser()``, not a list of flags, so they stay true when commands and
options are added: every command, option, positional argument and named choice of the parser must
be in the command's section of docs/cli.md, and every option a section's table lists must exist.
"""

from __future__ import annotations

import argparse
import re

import pytest

from oncology_second_opinion.cli import build_parser

from ..conftest import ROOT

CLI_DOC = ROOT / "docs" / "cli.md"
SECTION = re.compile(r"^## `([a-z-]+)`\n(.*?)(?=^## |\Z)", re.DOTALL | re.MULTILINE)
# A flag in the first cell of a table row: | `--width N` | ... or | `--help`, `-h` | ...
TABLE_FLAG = re.compile(r"^\| [^|]*?`(--[a-z][a-z0-9-]*)", re.MULTILINE)


def _commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    (subparsers,) = [
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    ]
    commands: dict[str, argparse.ArgumentParser] = subparsers._name_parser_map
    return commands


def _sections() -> dict[str, str]:
    return dict(SECTION.findall(CLI_DOC.read_text(encoding="utf-8")))


def _documented_arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [action for action in parser._actions if not isinstance(action, argparse._HelpAction)]


def test_every_command_has_a_section() -> None:
    assert set(_commands()) <= set(_sections())


@pytest.mark.parametrize("command", sorted(_commands()))
def test_every_argument_of_the_command_is_documented(command: str) -> None:
    section = _sections()[command]
    for action in _documented_arguments(_commands()[command]):
        if action.option_strings:
            for flag in action.option_strings:
                assert f"`{flag}" in section, f"{command} {flag} is not in docs/cli.md"
        else:
            assert f"`{action.metavar or action.dest}`" in section, (command, action.dest)
        for choice in action.choices or ():
            if isinstance(choice, str):
                assert choice in section, f"{command}: choice {choice!r} of {action.dest}"


@pytest.mark.parametrize("command", sorted(_commands()))
def test_the_section_lists_only_options_the_command_has(command: str) -> None:
    flags = {flag for action in _commands()[command]._actions for flag in action.option_strings}
    listed = TABLE_FLAG.findall(_sections()[command])
    assert set(listed) <= flags, f"docs/cli.md lists options {command} does not have"


def test_global_options_are_documented() -> None:
    text = CLI_DOC.read_text(encoding="utf-8")
    preamble = text[: text.index("\n## ")]
    for action in build_parser()._actions:
        for flag in action.option_strings:
            assert f"`{flag}`" in preamble, flag


def test_every_documented_command_exists() -> None:
    assert set(_sections()) <= set(_commands()), "docs/cli.md documents a command that is not there"
