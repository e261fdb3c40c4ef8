"""The lock on an outputs folder: one batch at a time writes into a given ``--out``.

Two runs into the same folder would mix their results (``summary.json`` combining one
data set's 01 with another's 02). A batch takes an exclusive ``flock`` on
``<out>/.ntmplan.lock`` before anything is written; a second batch stops with a
message naming the run that holds it, or waits for it (``wait=True``). The lock
goes with the process: a batch killed with ``kill -9`` releases it (and its workers,
which die with it, :mod:`ntmplan.batch.lifeline`).

Taking the lock is also the first write into the folder, so a folder that cannot be
written (read-only disk, no permission, a file in the way) is refused here, before
any kernel starts. The lock is re-entrant within a process (the command line takes it
around its checks, the runner again around the batch).
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from ntmplan.core.errors import InputError, Problem

#: Name of the lock file inside the outputs folder.
LOCK_NAME = ".ntmplan.lock"

_held: dict[str, list] = {}  # resolved folder -> [fd, depth] of the locks this process holds


def _problem(folder: Path, vi: str, en: str, value=None) -> InputError:
    return InputError([Problem(str(folder), None, "--out", value, vi, en)])


def not_writable(folder: Path, exc: OSError) -> InputError:
    """Return the error for an outputs folder that cannot be created or written.

    Parameters
    ----------
    folder : Path
    exc : OSError
        What the system said (its reason is quoted).

    Returns
    -------
    InputError
    """
    reason = exc.strerror or type(exc).__name__
    return _problem(
        folder,
        f"Không ghi được vào thư mục kết quả ({reason}); hãy chọn thư mục khác bằng --out",
        f"cannot write into the outputs folder ({reason}); choose another folder with --out",
    )


def _holder(path: Path) -> str:
    """Return who holds the lock, as written in the lock file (pid and start time)."""
    try:
        info = json.loads(path.read_text(encoding="utf-8"))
        return f"PID {int(info['pid'])}, {info['started']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "?"


def _open_lock_file(folder: Path) -> int:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    except FileExistsError as exc:  # a file where the folder should be
        raise _problem(
            folder,
            "Thư mục kết quả đang là một tệp, không phải thư mục",
            "the outputs folder is a file, not a folder",
        ) from exc
    except OSError as exc:
        raise not_writable(folder, exc) from exc


def _acquire(fd: int, folder: Path, wait: bool) -> None:
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError as exc:
        os.close(fd)
        holder = _holder(folder / LOCK_NAME)
        raise _problem(
            folder,
            f"Một lượt chạy khác đang ghi vào thư mục kết quả này ({holder}); chờ nó xong"
            " (hoặc dùng --wait), hoặc chọn thư mục khác bằng --out",
            f"another run is writing into this outputs folder ({holder}); wait for it to"
            " finish (or use --wait), or choose another folder with --out",
            holder,
        ) from exc


def _stamp(fd: int, folder: Path) -> None:
    """Write who holds the lock into the lock file (read by a second run's message)."""
    info = {"pid": os.getpid(), "started": time.strftime("%Y-%m-%d %H:%M:%S")}
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode("utf-8"), 0)
    except OSError as exc:  # the lock file opened but nothing can be written (a full disk)
        os.close(fd)
        raise not_writable(folder, exc) from exc


@contextlib.contextmanager
def output_lock(out_root: Path, wait: bool = False):
    """Hold the exclusive lock on an outputs folder (created if needed) for a batch.

    Parameters
    ----------
    out_root : Path
        The outputs folder (``--out``).
    wait : bool
        Wait for another run holding the lock instead of stopping.

    Yields
    ------
    Path
        The lock file.

    Raises
    ------
    InputError
        The folder cannot be created or written (named with the system's reason), is a
        file, or another run holds the lock (named by its PID and start time).
    """
    folder = Path(out_root).resolve()
    key = str(folder)
    if key in _held:
        _held[key][1] += 1
        try:
            yield folder / LOCK_NAME
        finally:
            _held[key][1] -= 1
        return
    if folder.exists() and not folder.is_dir():
        raise _problem(
            folder,
            "Thư mục kết quả đang là một tệp, không phải thư mục",
            "the outputs folder is a file, not a folder",
        )
    fd = _open_lock_file(folder)
    try:
        import fcntl  # noqa: F401 - POSIX; elsewhere no lock is taken
    except ImportError:  # pragma: no cover - Windows
        os.close(fd)
        yield folder / LOCK_NAME
        return
    _acquire(fd, folder, wait)
    _stamp(fd, folder)
    _held[key] = [fd, 1]
    try:
        yield folder / LOCK_NAME
    finally:
        _held[key][1] -= 1
        if _held[key][1] == 0:
            del _held[key]
            os.close(fd)  # releases the flock
