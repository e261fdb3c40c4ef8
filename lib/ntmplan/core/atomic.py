"""Atomic file writes: a temporary file in the same folder, then a rename.

The lowest writer, with no project imports, so that any module (``core.params`` too) can
write atomically; :mod:`ntmplan.core.writers` re-exports both functions.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

#: The process umask (read once; new files get 0666 minus it, like open() would give).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write bytes to ``path`` via a temporary file in the same folder and a rename.

    Parameters
    ----------
    path : Path
    data : bytes

    Returns
    -------
    Path
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    """Write UTF-8 text atomically (see :func:`atomic_write_bytes`)."""
    return atomic_write_bytes(path, text.encode("utf-8"))
