"""Cache records: which runs finished with which key, so an unchanged run is not redone.

One record per run in ``<province folder>/.cache/<notebook>.json``: the key
(:func:`ntmplan.batch.cache_key.task_key`) and the outputs the run wrote. A run is
current when its record holds the same key and every output listed is still there.
"""

from __future__ import annotations

import json
from pathlib import Path

#: Folder of the cache records inside a province folder.
CACHE_DIR = ".cache"


def cache_record(task) -> Path:
    """Return the path of a run's cache record.

    Parameters
    ----------
    task : RunTask

    Returns
    -------
    Path
    """
    return Path(task.out_dir) / CACHE_DIR / f"{task.notebook}.json"


def is_fresh(task, key: str) -> bool:
    """Tell whether a run finished successfully with this key and its outputs are complete.

    Parameters
    ----------
    task : RunTask
    key : str

    Returns
    -------
    bool
    """
    record = cache_record(task)
    if not record.is_file():
        return False
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if data.get("key") != key:
        return False
    return all((Path(task.out_dir) / name).is_file() for name in data.get("outputs", []))


def write_cache_record(task, key: str, result) -> Path:
    """Record a successful run: its key and the outputs it wrote.

    Parameters
    ----------
    task : RunTask
    key : str
    result : RunResult

    Returns
    -------
    Path
        The record.
    """
    from ntmplan.core.writers import write_json

    out = Path(task.out_dir)
    outputs = [f"{task.notebook}.ipynb", f"{task.notebook}.html"]
    if (out / f"summary_{task.notebook}.json").is_file():
        outputs.append(f"summary_{task.notebook}.json")
    return write_json(
        cache_record(task), {"key": key, "outputs": outputs, "seconds": result.seconds}
    )


def clear_cache_record(task) -> None:
    """Forget a run's previous result before it is redone: its cache record and its summary.

    A rerun that fails or is interrupted must not leave the old figures
    looking current (they would be merged into ``summary.json`` and read by
    03, 06 and 00).

    Parameters
    ----------
    task : RunTask
    """
    for f in (cache_record(task), Path(task.out_dir) / f"summary_{task.notebook}.json"):
        try:
            f.unlink(missing_ok=True)
        except OSError:  # e.g. the province folder is a file: the run itself will report it
            pass
