"""Reading the summaries the workbooks leave (``summary_<NN_name>.json``), tolerantly.

Every workbook writes its key figures to ``summary_<notebook>.json`` in its output folder;
the batch runner merges a province's files into ``summary.json``. The plan (06), the
national roll-up (00) and the notebook context read them back here: a missing or
unreadable file gives ``None``, never an exception, and values are looked up through
nested mappings without ``KeyError``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

#: The merged summary of a province folder (one entry per notebook).
MERGED_SUMMARY_FILE = "summary.json"


def summary_file_name(notebook: str) -> str:
    """Return the file name of a notebook's summary.

    Parameters
    ----------
    notebook : str
        Notebook id, e.g. ``"02_pilots"``.

    Returns
    -------
    str
        ``summary_<notebook>.json``.
    """
    return f"summary_{notebook}.json"


def read_json(path: str | Path):
    """Read a JSON file; None when it is missing, unreadable or not JSON.

    Parameters
    ----------
    path : str or Path

    Returns
    -------
    object or None
        The parsed value as written (a dict for a well-formed summary; callers check).
    """
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def read_summary(folder: str | Path, notebook: str):
    """Read one notebook's ``summary_<notebook>.json`` in an output folder.

    Parameters
    ----------
    folder : str or Path
        The output folder (province or national).
    notebook : str
        Notebook id.

    Returns
    -------
    object or None
        As :func:`read_json`: None when the notebook has not run (or left an unreadable file).
    """
    return read_json(Path(folder) / summary_file_name(notebook))


def read_summaries(folder: str | Path, notebooks: Iterable[str]) -> dict[str, dict | None]:
    """Read the summaries of several notebooks, falling back on the merged ``summary.json``.

    Parameters
    ----------
    folder : str or Path
        A province output folder (need not exist).
    notebooks : iterable of str
        Notebook ids, in the order wanted.

    Returns
    -------
    dict
        Notebook id → summary dict, or None when neither its own file nor its entry in
        ``summary.json`` is a mapping.
    """
    folder = Path(folder)
    merged = read_json(folder / MERGED_SUMMARY_FILE)
    merged = merged if isinstance(merged, dict) else {}
    out: dict[str, dict | None] = {}
    for nb in notebooks:
        data = read_summary(folder, nb)
        if not isinstance(data, dict):
            data = merged.get(nb)
        out[nb] = data if isinstance(data, dict) else None
    return out


def nested_get(mapping, *keys, default=None):
    """Follow keys through nested dicts.

    Parameters
    ----------
    mapping : object
        Usually a summary or params dict; anything else gives ``default``.
    *keys : str
        The keys to follow, outermost first.
    default : object
        Returned when a level is missing or not a dict, or the value found is None.

    Returns
    -------
    object
    """
    cur = mapping
    for key in keys:
        if not isinstance(cur, dict) or key not in cur:
            return default
        cur = cur[key]
    return cur if cur is not None else default


def chosen_pilots(pilots_summary: dict | None, pilot_type: str) -> list[dict]:
    """Return the chosen pilot communes of one type from a ``02_pilots`` summary.

    Parameters
    ----------
    pilots_summary : dict or None
        The 02 summary (its key ``chosen`` maps a pilot type to a list of communes).
    pilot_type : str
        e.g. ``"smart_commune"``.

    Returns
    -------
    list of dict
        The dict entries of that list; empty when absent or malformed.
    """
    items = nested_get(pilots_summary or {}, "chosen", pilot_type, default=[])
    return [c for c in items if isinstance(c, dict)] if isinstance(items, list) else []


def identity(summaries: Iterable[dict | None]) -> dict:
    """Return who the summaries are about: province, profile, whether the data are illustrative.

    Parameters
    ----------
    summaries : iterable of dict or None
        Summaries of one province (None entries are skipped).

    Returns
    -------
    dict
        ``province_code``, ``province_name``, ``profile`` (text of the first summary that
        has a non-empty value, else None) and ``illustrative`` (True when any summary says so).
    """
    present = [s for s in summaries if s]

    def first(key: str) -> str | None:
        return next((str(s[key]) for s in present if s.get(key)), None)

    return {
        "province_code": first("province_code"),
        "province_name": first("province_name"),
        "profile": first("profile"),
        "illustrative": any(bool(s.get("illustrative")) for s in present),
    }
