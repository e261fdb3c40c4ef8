"""Merging a province's per-notebook summaries (``summary_<nb>.json``) into ``summary.json``.

Only the summaries of runs that succeeded are merged: a summary counts when the run's
cache record lists it (:func:`ntmplan.batch.cache.recorded_outputs`). A summary left by a
run that failed, was interrupted (Ctrl+C) or killed has no record and is ignored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def merge_summaries(out_dir: Path) -> Path | None:
    """Merge the ``summary_<nb>.json`` files of a folder's successful runs into ``summary.json``.

    Parameters
    ----------
    out_dir : Path
        A province (or national) folder.

    Returns
    -------
    Path or None
        The merged file, or None when there was nothing to merge (an older
        ``summary.json`` is then removed: it no longer matches any result).
    """
    from ntmplan.batch.cache import recorded_outputs
    from ntmplan.core.writers import write_json

    listed = {name for names in recorded_outputs(out_dir).values() for name in names}
    parts = {}
    for f in sorted(Path(out_dir).glob("summary_*.json")):
        if f.name not in listed:
            continue
        try:
            parts[f.stem.removeprefix("summary_")] = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    if not parts:
        try:
            (Path(out_dir) / "summary.json").unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return write_json(Path(out_dir) / "summary.json", parts)


def merge_folders(results: Iterable, skip_notebook: str | None = None) -> None:
    """Merge the summaries of every folder that holds one of ``results``.

    Parameters
    ----------
    results : iterable of RunResult
    skip_notebook : str, optional
        Results of this notebook are left out (the national roll-up's folder).
    """
    for folder in {Path(r.out_dir) for r in results if r.notebook != skip_notebook}:
        merge_summaries(folder)


def drop_orphan_summaries(out_dir: Path) -> list[str]:
    """Remove the ``summary_<nb>.json`` files no success record lists (left by a killed run).

    Called only while the batch holds the folder's lock and no run of the folder is in
    progress, so every summary without a record is one that no run will finish: the
    national roll-up, which reads the per-notebook files, then never sees one.

    Parameters
    ----------
    out_dir : Path
        A province folder.

    Returns
    -------
    list of str
        The names removed.
    """
    from ntmplan.batch.cache import recorded_outputs

    listed = {name for names in recorded_outputs(out_dir).values() for name in names}
    removed = []
    for f in sorted(Path(out_dir).glob("summary_*.json")):
        if f.name not in listed:
            try:
                f.unlink()
                removed.append(f.name)
            except OSError:
                continue
    return removed


def province_results(out_root: Path) -> list[Path]:
    """Return the province folders under an outputs root that hold a successful run's summary.

    Parameters
    ----------
    out_root : Path

    Returns
    -------
    list of Path
    """
    from ntmplan.batch.cache import recorded_outputs
    from ntmplan.tasks.national import province_folders

    root = Path(out_root)
    if not root.is_dir():
        return []
    return [
        folder
        for _code, folder in province_folders(root)
        if any(n.startswith("summary_") for ns in recorded_outputs(folder).values() for n in ns)
    ]
