"""Close-out of 2021–2025: each Decision 924 target against the last survey year up to 2025.

Per province and target: the value, met or not (a value exactly at the target counts as
met), by how much (``margin``, value − target) and how many communes short. The communes
short follow the review of the current state (01): for a target counted in communes,
``⌈target × n⌉ − met``; for work files online (weighted by officials), the fewest communes
now below the target that must reach it, largest gain first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults

#: Tolerance of the comparisons with a target.
EPS = 1e-9
#: The kind of target measured as a weighted mean of commune shares (the others count communes).
WEIGHTED = "weighted_mean"


def closeout_year_rows(measures: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Keep, per province, the rows of its last survey year up to ``progress.closeout_year``.

    Parameters
    ----------
    measures : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.commune_measures`.
    params : dict, optional
        Resolved params (``progress.closeout_year``).

    Returns
    -------
    pandas.DataFrame
        The same columns; empty when no province has a year up to the close-out year.
    """
    year = int(params_or_defaults(params)["progress"]["closeout_year"])
    early = measures[measures["year"] <= year]
    last = early.groupby("province_code")["year"].transform("max")
    return early[early["year"] == last]


def closeout_targets(
    measures: pd.DataFrame, params: dict | None = None, targets: dict | None = None
) -> pd.DataFrame:
    """Measure every province against every target in its last survey year up to the close-out.

    Parameters
    ----------
    measures : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.commune_measures`, any number of years.
    params : dict, optional
        Resolved params (``progress.closeout_year``; ``status.targets`` labels when
        ``targets`` is None).
    targets : dict, optional
        The targets measured (their ``label_vi``), e.g. the 2021–2025 profile's.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``target_id``, ``label_vi``, ``year``, ``value``, ``target``,
        ``met`` (bool), ``margin`` (value − target), ``communes``, ``communes_met``,
        ``communes_short`` (int).

    Raises
    ------
    MissingColumnError
        If a column of :func:`commune_measures` is missing.
    """
    p = params_or_defaults(params)
    require_columns(
        measures,
        ["province_code", "commune_code", "year", "target_id", "kind", "value", "weight", "target"],
        "measures",
    )
    rows = closeout_year_rows(measures, p)
    m = rows.assign(wv=rows["value"] * rows["weight"], ok=rows["value"] >= rows["target"] - EPS)
    keys = ["province_code", "target_id"]
    out = m.groupby(keys, sort=True).agg(
        year=("year", "max"),
        wv=("wv", "sum"),
        w=("weight", "sum"),
        target=("target", "first"),
        communes=("commune_code", "size"),
        communes_met=("ok", "sum"),
    )
    out["value"] = out["wv"] / out["w"].where(out["w"] > 0)
    out["met"] = out["value"] >= out["target"] - EPS
    out["margin"] = out["value"] - out["target"]
    counted = np.maximum(
        0, np.ceil(out["target"] * out["communes"] - out["communes_met"] - EPS)
    ).astype("int64")
    weighted = _weighted_short(m, out)
    kinds = m.groupby(keys, sort=True)["kind"].first().reindex(out.index)
    is_weighted = (kinds == WEIGHTED).to_numpy()
    out["communes_short"] = np.where(is_weighted, weighted.reindex(out.index).fillna(0), counted)
    out = out.reset_index()
    targets = p["status"]["targets"] if targets is None else targets
    labels = {k: v["label_vi"] for k, v in targets.items()}
    out["label_vi"] = out["target_id"].map(labels).fillna(out["target_id"])
    return out.astype({"communes_short": "int64", "communes_met": "int64", "met": bool})[
        [
            *keys,
            "label_vi",
            "year",
            "value",
            "target",
            "met",
            "margin",
            "communes",
            "communes_met",
            "communes_short",
        ]
    ]


def _weighted_short(m: pd.DataFrame, agg: pd.DataFrame) -> pd.Series:
    """Fewest communes below the target that must reach it, largest gain first (vectorised)."""
    keys = ["province_code", "target_id"]
    w = m[m["kind"] == WEIGHTED]
    gain = (w["weight"] * (w["target"] - w["value"])).where(w["value"] < w["target"] - EPS, 0.0)
    w = w.assign(gain=gain).sort_values([*keys, "gain"], ascending=[True, True, False])
    w = w.assign(cum_before=w.groupby(keys)["gain"].cumsum() - w["gain"])
    deficit = (agg["target"] * agg["w"] - agg["wv"]).rename("deficit")
    w = w.join(deficit, on=keys)
    take = (w["gain"] > 0) & (w["deficit"] > EPS) & (w["cum_before"] < w["deficit"] - EPS)
    return take.groupby([w["province_code"], w["target_id"]]).sum().astype("int64")
