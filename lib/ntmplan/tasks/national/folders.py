"""The province folders under an outputs root and how each notebook ran there."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ntmplan.core.paths import NATIONAL_DIR


def province_folders(outputs_root: str | Path) -> list[tuple[str, Path]]:
    """List the province output folders (``<code>-<slug>``) under an outputs root.

    Only folders whose name is exactly the validated folder name of a known province
    (:func:`ntmplan.survey.units.province_dir_name`) are listed; the national folder and anything
    else are ignored.

    Parameters
    ----------
    outputs_root : str or Path

    Returns
    -------
    list of (code, Path)
        Sorted by code.
    """
    from ntmplan.survey import units

    root = Path(outputs_root)
    if not root.is_dir():
        return []
    out = []
    for folder in sorted(root.iterdir()):
        match = re.match(r"^(\d{2})-", folder.name)
        if not folder.is_dir() or not match or folder.name == NATIONAL_DIR:
            continue
        code = match.group(1)
        try:
            if units.province_dir_name(code) != folder.name:
                continue
        except (KeyError, ValueError):
            continue
        out.append((code, folder))
    return out


def papermill_meta(ipynb: Path, tail_bytes: int = 65536) -> dict | None:
    """Return the papermill metadata of an executed notebook (None if absent/unreadable).

    The notebook metadata is written after the cells, so the end of the file is read first
    (executed notebooks with charts weigh megabytes); the whole file only as a fallback.

    Parameters
    ----------
    ipynb : Path
        The executed notebook.
    tail_bytes : int
        How much of the end of the file to search first.

    Returns
    -------
    dict or None
        ``metadata.papermill`` ({} when the notebook has none); None when the file is
        missing or unreadable.
    """
    if not ipynb.is_file():
        return None
    try:
        with ipynb.open("rb") as fh:
            size = fh.seek(0, 2)
            fh.seek(max(0, size - tail_bytes))
            tail = fh.read().decode("utf-8", errors="replace")
        at = tail.rfind('"papermill": {')
        if at >= 0:
            meta, _ = json.JSONDecoder().raw_decode(tail, at + len('"papermill": '))
            return meta if isinstance(meta, dict) else {}
        nb = json.loads(ipynb.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None
    meta = nb.get("metadata", {}).get("papermill") if isinstance(nb, dict) else None
    return meta if isinstance(meta, dict) else {}


def run_status(folder: str | Path, notebook: str, has_summary: bool) -> str:
    """Tell how a notebook ran for a province, from the files it left.

    Parameters
    ----------
    folder : str or Path
        Province output folder.
    notebook : str
        Notebook id.
    has_summary : bool
        Whether its summary exists.

    Returns
    -------
    str
        ``failed`` when the executed notebook's papermill metadata records an exception,
        ``ok`` when it ran (or its summary exists), ``not_run`` otherwise.
    """
    meta = papermill_meta(Path(folder) / f"{notebook}.ipynb")
    if meta is not None and meta.get("exception"):
        return "failed"
    if meta is not None or has_summary:
        return "ok"
    return "not_run"
