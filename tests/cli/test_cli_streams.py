"""The command line at the edges of its streams and files: output files written whole or not at
all, Ctrl-C, closed and broken streams, and argparse's own messages escaped."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from oncology_second_opinion import cli as cli_module

from ..conftest import Cli

POSIX = pytest.mark.skipif(
    os.name != "posix", reason="closes and pipes standard streams the POSIX way"
)


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.startswith("."))


def test_a_failed_write_keeps_the_previous_file_whole(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "guide.html"
    assert cli("render", "--format", "html", "--output", str(output)).status == 0
    before = output.read_bytes()

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = cli("render", "--format", "text", "--output", str(output))
    assert (result.status, result.err) == (
        1,
        f"{output}: cannot be written: No space left on device\n",
    )
    assert output.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(
    cli: Cli, tmp_path: Path
) -> None:
    kept = tmp_path / "kept.md"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    assert cli("render", "--format", "markdown", "--output", str(kept)).status == 0
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert kept.read_text(encoding="utf-8").startswith("# Seeking a cancer second opinion")

    umask = os.umask(0o027)
    try:
        new = tmp_path / "new.md"
        assert cli("render", "--format", "markdown", "--output", str(new)).status == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@POSIX
def test_through_a_symbolic_link_the_file_it_names_is_written(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "target.txt"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert cli("render", "--format", "text", "--output", str(link)).status == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith("Seeking a cancer second opinion")


@POSIX
def test_an_output_that_is_not_a_regular_file_is_written_in_place(tmp_path: Path) -> None:
    fifo = tmp_path / "out"
    os.mkfifo(fifo)
    command = [sys.executable, "-m", "oncology_second_opinion", "stylesheet", "--output", str(fifo)]
    process = subprocess.Popen(command, stderr=subprocess.PIPE)
    with fifo.open("rb") as reader:
        written = reader.read()
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, b"")
    assert written.startswith(b"/*")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_ctrl_c_exits_130_with_one_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "_main", interrupted)
    result = cli("render", "--format", "text")
    assert (result.status, result.out, result.err) == (
        130,
        "",
        "oncology-second-opinion: interrupted\n",
    )


def _run(
    *argv: str, close: int | None = None, **options: object
) -> subprocess.CompletedProcess[bytes]:
    def close_stream() -> None:
        if close is not None:
            os.close(close)

    result: subprocess.CompletedProcess[bytes] = subprocess.run(
        [sys.executable, "-m", "oncology_second_opinion", *argv],
        capture_output=close is None or close == 0,
        preexec_fn=close_stream,
        timeout=120,
        check=False,
        **options,  # type: ignore[call-overload]
    )
    return result


@POSIX
def test_a_closed_standard_output_is_reported_in_one_line(tmp_path: Path) -> None:
    err = tmp_path / "err"
    with err.open("wb") as handle:
        result = _run("render", "--format", "text", close=1, stderr=handle)
    assert result.returncode == 1
    assert err.read_text(encoding="utf-8") == (
        "oncology-second-opinion: cannot write to standard output: standard output is closed\n"
    )


@POSIX
def test_a_usage_error_with_standard_error_closed_still_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with out.open("wb") as handle:
        result = _run("render", "--formt", "text", close=2, stdout=handle)
    assert result.returncode == 2
    assert out.read_bytes() == b""


@POSIX
def test_a_reader_that_goes_away_ends_the_command_quietly() -> None:
    # The reader closes the pipe before the command writes: its first write breaks the pipe.
    command = [sys.executable, "-m", "oncology_second_opinion", "render", "--format", "html"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.close()
        _, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (1, b"")


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "--bogus", "x\x1b]0;owned\x07"],
        ["render", "--format", "pdf\x1b[2J"],
        ["render", "--format", "text", "--width", "\u202eevil"],
        ["nothing\x1b[31m"],
        ["handout", "--format", "text", "stray\r\nforged: line"],
    ],
)
def test_argparse_messages_are_escaped(cli: Cli, argv: list[str]) -> None:
    result = cli(*argv)
    assert result.status == 2
    lines = result.err.split("\n")
    assert lines[-1] == ""
    assert all(line.isprintable() for line in lines)
    assert "forged: line" not in [line.strip() for line in lines]
