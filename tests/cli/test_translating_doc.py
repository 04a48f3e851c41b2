"""Every command of docs/translating.md runs, in the order shown, with the exit status shown."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest

from ..conftest import ROOT, Cli

DOC = ROOT / "docs" / "translating.md"
COMMAND = "oncology-second-opinion"


def commands() -> list[tuple[list[str], int]]:
    """Each command line of the page's console blocks, with the exit status its comment gives
    (``# exit status 1``), else 0. The install line is pip's, not the library's."""
    text = DOC.read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"^```console\n(.*?)^```", text, re.DOTALL | re.MULTILINE):
        for line in block.splitlines():
            if not line.startswith(COMMAND):
                continue
            status = re.search(r"# exit status (\d)", line)
            found.append((shlex.split(line, comments=True)[1:], int(status[1]) if status else 0))
    return found


def test_the_page_shows_each_step() -> None:
    steps = [argv[:2] for argv, _ in commands()]
    for step in ("extract", "build", "check"):
        assert ["translate", step] in steps


def test_every_command_runs_as_shown(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    for argv, status in commands():
        result = cli(*argv)
        assert result.status == status, (argv, result.out, result.err)
    # The packaged Spanish guide is what its PO file builds.
    assert (tmp_path / "es.json").read_bytes() == (ROOT / "data" / "es.json").read_bytes()
