"""Generated files are written atomically and only when they change (tests/generated.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..generated import write_generated


def test_a_new_file_is_written_as_utf8(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    assert write_generated(path, "Café\n")
    assert path.read_bytes() == "Café\n".encode()
    assert [entry.name for entry in tmp_path.iterdir()] == ["page.md"]


def test_an_unchanged_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"same\n")
    os.utime(path, ns=(0, 0))
    assert not write_generated(path, "same\n")
    assert path.stat().st_mtime_ns == 0


def test_a_changed_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"old\n")
    assert write_generated(path, "new\n")
    assert path.read_bytes() == b"new\n"
    assert [entry.name for entry in tmp_path.iterdir()] == ["page.md"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"old\n")

    def fail(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        write_generated(path, "new\n")
    assert path.read_bytes() == b"old\n"
    assert [entry.name for entry in tmp_path.iterdir()] == ["page.md"]
