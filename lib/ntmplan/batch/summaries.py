"""Merging a province's per-notebook summaries (``summary_<nb>.json``) into ``summary.json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def merge_summaries(out_dir: Path) -> Path | None:
    """Merge a province's ``summary_<nb>.json`` files into ``summary.json``.

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
    from ntmplan.core.writers import write_json

    parts = {}
    for f in sorted(Path(out_dir).glob("summary_*.json")):
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
