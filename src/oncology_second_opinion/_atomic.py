"""Writing an output file whole or not at all.

A render written in place and cut short (a full disk, a signal) would destroy the previous file
and leave a page without its end, the disclaimer included. The text goes to a temporary file in
the same folder, which then replaces the target in one rename.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile


def write_file(path: str, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path``: the whole text, or on failure nothing and the previous
    file as it was.

    A path that exists and is not a regular file (``/dev/stdout``, a FIFO) is written to
    directly: it cannot be replaced, and holds no previous content to keep. A new file gets the
    permissions the user's umask gives; a replaced file keeps its own; a symbolic link stays one,
    and the file it names is replaced.
    """
    path = os.path.realpath(path)  # through a symbolic link, the file it names is replaced
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return
    folder = os.path.dirname(path) or "."
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=".oncology-second-opinion-")
    try:
        with open(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(mode) if mode is not None else _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _new_file_mode() -> int:
    """The permissions ``open`` would give a new file: read and write for all, less the umask."""
    umask = os.umask(0)  # the only way to read it is to set it
    os.umask(umask)
    return 0o666 & ~umask
