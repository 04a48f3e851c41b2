"""Writing the committed files the regenerators make (see tests/regenerate.py)."""

from __future__ import annotations

import os
from pathlib import Path


def write_generated(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` as UTF-8 if it differs from what is there; return whether it did.

    The write is atomic: a temporary file in the same directory is renamed over ``path``, so an
    interrupted run leaves the old file or the new one, never a part of it.
    """
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with temporary.open("xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return True
