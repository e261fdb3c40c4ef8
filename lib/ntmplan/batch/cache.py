"""Cache records: which runs finished with which key, so an unchanged run is not redone.

One record per run in ``<province folder>/.cache/<notebook>.json``: the key
(:func:`ntmplan.batch.cache_key.task_key`) and the outputs the run wrote. A run is
current when its record holds the same key and every output listed is still there.

The record is also what makes a run's outputs visible: only a summary with a record is
merged into ``summary.json``, only exports a record lists are listed on the index pages.
A record is removed before its run is redone, and the outputs it superseded (summary,
exports) with it, so a run that fails, is interrupted or is killed leaves nothing that
looks current.
"""

from __future__ import annotations

import json
from pathlib import Path

from ntmplan.core import catalogue

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


def export_patterns(notebook: str) -> tuple[str, ...]:
    """Return the names (or glob patterns) of the exports a notebook writes.

    Parameters
    ----------
    notebook : str
        Notebook id (one the catalogue does not know exports nothing).

    Returns
    -------
    tuple of str
    """
    known = catalogue.BY_ID.get(notebook)
    return known.exports if known else ()


def export_files(folder: Path, notebook: str) -> list[Path]:
    """Return the export files of ``notebook`` present in a province folder, sorted.

    Parameters
    ----------
    folder : Path
    notebook : str

    Returns
    -------
    list of Path
    """
    found = {p for pattern in export_patterns(notebook) for p in Path(folder).glob(pattern)}
    return sorted(p for p in found if p.is_file() and not p.name.startswith("."))


def read_record(folder: Path, notebook: str) -> dict | None:
    """Return a run's cache record, or None when it has none (never ran, failed, superseded).

    Parameters
    ----------
    folder : Path
        The province folder.
    notebook : str

    Returns
    -------
    dict or None
        ``key``, ``outputs`` (file names in the folder), ``seconds``.
    """
    record = Path(folder) / CACHE_DIR / f"{notebook}.json"
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("outputs"), list):
        return None
    return data


def recorded_outputs(folder: Path) -> dict[str, list[str]]:
    """Return, for every run of a folder with a success record, the outputs it lists that exist.

    Parameters
    ----------
    folder : Path

    Returns
    -------
    dict of str to list of str
        notebook id -> file names (relative to the folder).
    """
    found = {}
    for record in sorted((Path(folder) / CACHE_DIR).glob("*.json")):
        data = read_record(folder, record.stem)
        if data is not None:
            names = [str(n) for n in data["outputs"]]
            found[record.stem] = [n for n in names if (Path(folder) / n).is_file()]
    return found


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
    outputs += [p.name for p in export_files(out, task.notebook)]
    return write_json(
        cache_record(task), {"key": key, "outputs": outputs, "seconds": result.seconds}
    )


def clear_cache_record(task) -> None:
    """Forget a run's previous result before it is redone: its record, summary and exports.

    A rerun that fails, is interrupted or killed must not leave the old figures looking
    current (they would be merged into ``summary.json`` and read by 03, 06 and 00) nor the
    old exports listed beside a failed report. The executed notebook and its HTML stay:
    they are replaced atomically by the rerun, and a failed run's notebook shows its error.

    Parameters
    ----------
    task : RunTask
    """
    out = Path(task.out_dir)
    superseded = [cache_record(task), out / f"summary_{task.notebook}.json"]
    if out.is_dir():
        superseded += export_files(out, task.notebook)
    for f in superseded:
        try:
            f.unlink(missing_ok=True)
        except OSError:  # e.g. the province folder is a file: the run itself will report it
            pass
