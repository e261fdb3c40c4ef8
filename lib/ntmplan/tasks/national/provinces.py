"""One row per province folder, built from its summaries and executed notebooks."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.core.summaries import chosen_pilots, identity, nested_get, read_summaries
from ntmplan.tasks.national.folders import province_folders, run_status
from ntmplan.tasks.national.labels import PILOT_TYPES, STATUS_NOTEBOOKS


def as_float(value) -> float:
    """Return a finite number as float, anything else (None, bool, text, NaN) as NaN.

    Parameters
    ----------
    value : object

    Returns
    -------
    float
    """
    return (
        float(value)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
        else np.nan
    )


def _status_fields(s01: dict, target_ids: list[str]) -> dict:
    row = {
        "n_communes": as_float(s01.get("n_communes")),
        "readiness": as_float(s01.get("readiness_overall", s01.get("readiness_overall_weighted"))),
        "readiness_mean": as_float(s01.get("readiness_overall_mean")),
        "targets_met": as_float(s01.get("targets_met")),
        "targets_total": as_float(s01.get("targets_total")),
    }
    targets = s01.get("targets") if isinstance(s01.get("targets"), dict) else {}
    for tid in target_ids:
        t = targets.get(tid) if isinstance(targets.get(tid), dict) else {}
        row[f"{tid}_value"] = as_float(t.get("value"))
        row[f"{tid}_met"] = t.get("met") if isinstance(t.get("met"), bool) else None
        row[f"{tid}_communes_met"] = as_float(t.get("communes_met"))
        row[f"{tid}_communes_total"] = as_float(t.get("communes_total"))
    done = s01.get("completion") if isinstance(s01.get("completion"), dict) else {}
    row["completion_met"] = as_float(done.get("conditions_met"))
    row["completion_total"] = as_float(done.get("conditions_total"))
    complete = done.get("complete")
    row["completion_complete"] = complete if isinstance(complete, bool) else None
    return row


def _pilot_fields(s02: dict | None) -> dict:
    row: dict = {"pilots_available": s02 is not None}
    s02 = s02 or {}
    eligible = s02.get("eligible_count") if isinstance(s02.get("eligible_count"), dict) else {}
    for ptype in PILOT_TYPES:
        row[f"eligible_{ptype}"] = as_float(eligible.get(ptype))
        row[f"chosen_{ptype}"] = float(len(chosen_pilots(s02, ptype))) if s02 else np.nan
    row["target_smart_commune"] = as_float(nested_get(s02, "target", "smart_commune"))
    chosen = chosen_pilots(s02, "smart_commune")
    row["chosen_smart_names"] = ", ".join(str(c.get("commune_name", "")) for c in chosen)
    row["chosen_smart_codes"] = [
        str(c.get("commune_code")) for c in chosen if c.get("commune_code") is not None
    ]
    gap = s02.get("smart_pilots_gap_mvnd")
    if not isinstance(gap, (int, float)) and chosen:
        gap = float(np.nansum([as_float(c.get("gap_mvnd")) for c in chosen]))
    row["smart_gap_mvnd"] = as_float(gap)
    return row


def _budget_fields(s03: dict, sources: list[str]) -> dict:
    row = {
        "budget_total_mvnd": as_float(s03.get("total_mvnd")),
        "budget_funded_mvnd": as_float(s03.get("funded_mvnd")),
        "budget_gap_mvnd": as_float(s03.get("gap_mvnd")),
    }
    by_source = s03.get("by_source_mvnd") if isinstance(s03.get("by_source_mvnd"), dict) else {}
    for src in sources:
        row[f"budget_{src}_mvnd"] = as_float(by_source.get(src)) if s03 else np.nan
    return row


def province_columns(target_ids: list[str], sources: list[str]) -> list[str]:
    """Return the columns of :func:`collect_provinces`, in order.

    Parameters
    ----------
    target_ids : list of str
        Keys of ``status.targets``.
    sources : list of str
        Keys of ``budget.sources``.

    Returns
    -------
    list of str
    """
    return (
        [
            "province_code",
            "province_name",
            "folder",
            "illustrative",
            "n_communes",
            "readiness",
            "readiness_mean",
            "targets_met",
            "targets_total",
        ]
        + [
            f"{t}_{k}"
            for t in target_ids
            for k in ("value", "met", "communes_met", "communes_total")
        ]
        + ["completion_met", "completion_total", "completion_complete"]
        + ["pilots_available"]
        + [f"{k}_{t}" for t in PILOT_TYPES for k in ("eligible", "chosen")]
        + ["target_smart_commune", "chosen_smart_names", "chosen_smart_codes", "smart_gap_mvnd"]
        + ["budget_total_mvnd", "budget_funded_mvnd", "budget_gap_mvnd"]
        + [f"budget_{s}_mvnd" for s in sources]
        + [f"status_{nb}" for nb in STATUS_NOTEBOOKS]
    )


def collect_provinces(outputs_root: str | Path, params: dict | None = None) -> pd.DataFrame:
    """Build one row per province folder from its summaries and executed notebooks.

    Missing summaries or keys give NaN / empty values, never an error.

    Parameters
    ----------
    outputs_root : str or Path
        The outputs root (holding ``<code>-<slug>`` folders).
    params : dict, optional
        Resolved params (target ids of ``status.targets``, sources of ``budget.sources``).

    Returns
    -------
    pandas.DataFrame
        Columns ``province_code``, ``province_name``, ``folder``, ``illustrative``,
        ``n_communes``, ``readiness``, ``readiness_mean``, ``targets_met``, ``targets_total``,
        per target id ``<id>_value`` / ``<id>_met`` / ``<id>_communes_met`` /
        ``<id>_communes_total``, ``completion_met`` / ``completion_total`` /
        ``completion_complete`` (the province-completion check, None without one),
        ``pilots_available``, per pilot type ``eligible_<type>`` /
        ``chosen_<type>``, ``target_smart_commune``, ``chosen_smart_names``,
        ``chosen_smart_codes`` (list), ``smart_gap_mvnd``, ``budget_total_mvnd``,
        ``budget_funded_mvnd``, ``budget_gap_mvnd``, per source ``budget_<source>_mvnd``,
        per notebook ``status_<notebook>`` (``ok`` / ``failed`` / ``not_run``). Sorted by code.
    """
    from ntmplan.survey import units

    p = params_or_defaults(params)
    target_ids = list(nested_get(p, "status", "targets", default={}))
    sources = list(nested_get(p, "budget", "sources", default={}))
    names = units.provinces("current").set_index("province_code")["province_name"]
    rows = []
    for code, folder in province_folders(outputs_root):
        s = read_summaries(folder, STATUS_NOTEBOOKS)
        who = identity(s.values())
        row: dict = {
            "province_code": code,
            "province_name": names.get(code, who["province_name"] or code),
            "folder": folder.name,
            "illustrative": bool(who["illustrative"]),
        }
        row.update(_status_fields(s["01_status"] or {}, target_ids))
        row.update(_pilot_fields(s["02_pilots"]))
        row.update(_budget_fields(s["03_budget"] or {}, sources))
        for nb in STATUS_NOTEBOOKS:
            row[f"status_{nb}"] = run_status(folder, nb, s.get(nb) is not None)
        rows.append(row)
    return pd.DataFrame(rows, columns=province_columns(target_ids, sources))
