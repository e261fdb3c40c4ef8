"""Several survey years: the target measures per commune and year, province series, changes.

A survey may hold any number of years (one row per commune and year). The measures follow
the targets of a programme profile (``status.targets``), in the form the review of the
current state (01) reads them: a ``weighted_mean`` target is a share column weighted by
another (work files online by officials); a ``communes_share`` target counts the communes
meeting every condition (``conditions``: column → minimum, one number or one per commune
group; ``levels``: column → values that count; ``among``: the communes counted; ``optional``:
columns that may be absent). Only units in ``status.scope_unit_types`` count.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.by_group import is_by_group, values_by_group
from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults

#: Columns every measure needs.
KEYS = ("province_code", "commune_code", "unit_type", "year")
#: Denominator of a derived share ``<count>_share`` by the count's first word (survey columns).
SHARE_DENOMINATORS = {"households": "households", "officials": "officials", "villages": "villages"}
#: Tolerance of the comparisons with a minimum or a target.
EPS = 1e-9


def _column(frame: pd.DataFrame, name: str) -> pd.Series | None:
    """A survey column, or a share derived from one (``households_internet_smart_share``)."""
    if name in frame.columns:
        return frame[name]
    base = name.removesuffix("_share")
    denominator = SHARE_DENOMINATORS.get(base.split("_")[0])
    if base != name and base in frame.columns and denominator in frame.columns:
        total = frame[denominator].astype(float)
        return frame[base].astype(float) / total.where(total > 0)
    return None


def _levels(frame: pd.DataFrame, levels: dict, target_id: str) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, values in (levels or {}).items():
        require_columns(frame, [column], f"status.targets.{target_id}")
        mask &= frame[column].astype(str).isin([str(v) for v in values])
    return mask


def _groups(frame: pd.DataFrame, spec: dict, params: dict) -> pd.Series | None:
    """Commune groups when a minimum is set per group (Decision 51/2025/QĐ-TTg), else None."""
    if not any(is_by_group(m) for m in (spec.get("conditions") or {}).values()):
        return None
    from ntmplan.survey.groups import commune_groups

    return commune_groups(frame, params)


def target_flags(frame: pd.DataFrame, target_id: str, spec: dict, params: dict) -> pd.DataFrame:
    """Return each commune-year's value and weight for one target.

    Parameters
    ----------
    frame : pandas.DataFrame
        Survey rows in scope, any number of years.
    target_id : str
    spec : dict
        One ``status.targets`` entry (``kind``, ``target`` and the fields of its kind).
    params : dict
        Resolved params (``survey.groups`` when a minimum is set per group).

    Returns
    -------
    pandas.DataFrame
        ``value`` (share 0–1 for ``weighted_mean``, 1/0 for ``communes_share``) and
        ``weight`` on the rows counted (``among``); same index as ``frame`` for them.

    Raises
    ------
    MissingColumnError
        If a column that is not optional is missing.
    ValueError
        If ``kind`` is neither ``weighted_mean`` nor ``communes_share``.
    """
    kind = spec.get("kind")
    if kind == "weighted_mean":
        require_columns(frame, [spec["column"], spec["weight"]], f"status.targets.{target_id}")
        return pd.DataFrame(
            {
                "value": frame[spec["column"]].astype(float),
                "weight": frame[spec["weight"]].astype(float),
            }
        )
    if kind != "communes_share":
        raise ValueError(
            f"status.targets.{target_id}.kind = {kind!r}: cần weighted_mean hoặc communes_share / "
            "must be weighted_mean or communes_share"
        )
    optional = set(spec.get("optional") or [])
    met = _levels(frame, spec.get("levels") or {}, target_id)
    groups = _groups(frame, spec, params)
    for column, minimum in (spec.get("conditions") or {}).items():
        values = _column(frame, column)
        if values is None and column in optional:
            continue
        if values is None:
            require_columns(frame, [column], f"status.targets.{target_id}")
        threshold = values_by_group(minimum, groups) if is_by_group(minimum) else float(minimum)
        values = values.astype(float)
        met &= values.notna() & (values >= threshold - EPS)
    among = _levels(frame, spec.get("among") or {}, target_id)
    out = pd.DataFrame({"value": met.astype(float), "weight": 1.0}, index=frame.index)
    return out[among]


def commune_measures(
    survey: pd.DataFrame, params: dict | None = None, targets: dict | None = None
) -> pd.DataFrame:
    """Return one row per commune, year and target: the commune's value and its weight.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows, any number of years.
    params : dict, optional
        Resolved params (``status.scope_unit_types``; ``status.targets`` when ``targets`` is
        None).
    targets : dict, optional
        The targets to measure (``status.targets`` of another profile, e.g. the 2030 ones).

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``commune_code``, ``year``, ``target_id``, ``kind``, ``value``,
        ``weight``, ``target`` (0–1); units out of scope left out.

    Raises
    ------
    MissingColumnError
        If a needed column is missing.
    ValueError
        If a target's kind is unknown.
    """
    p = params_or_defaults(params)
    require_columns(survey, KEYS, "survey")
    targets = p["status"]["targets"] if targets is None else targets
    rural = survey[survey["unit_type"].isin(p["status"]["scope_unit_types"])]
    keys = rural[["province_code", "commune_code", "year"]]
    frames = [
        keys.join(target_flags(rural, tid, spec, p), how="inner").assign(
            target_id=tid, kind=str(spec["kind"]), target=float(spec["target"])
        )
        for tid, spec in targets.items()
    ]
    cols = [
        "province_code",
        "commune_code",
        "year",
        "target_id",
        "kind",
        "value",
        "weight",
        "target",
    ]
    if not frames:
        return pd.DataFrame(columns=cols)
    out = pd.concat(frames, ignore_index=True)[cols]
    return out.astype({"year": "int64", "value": float, "weight": float})


def province_series(measures: pd.DataFrame) -> pd.DataFrame:
    """Return each province's value of each target in each survey year.

    Parameters
    ----------
    measures : pandas.DataFrame
        From :func:`commune_measures`.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``target_id``, ``year``, ``value`` (weighted mean of the
        communes surveyed that year), ``target``, ``communes`` (surveyed), ``communes_met``
        (whose own value reaches the target), sorted.

    Raises
    ------
    MissingColumnError
        If a column of :func:`commune_measures` is missing.
    """
    require_columns(
        measures,
        ["province_code", "commune_code", "year", "target_id", "value", "weight", "target"],
        "measures",
    )
    m = measures.assign(
        wv=measures["value"] * measures["weight"],
        met=(measures["value"] >= measures["target"] - 1e-9).astype("int64"),
    )
    g = m.groupby(["province_code", "target_id", "year"], sort=True)
    out = g.agg(
        wv=("wv", "sum"),
        w=("weight", "sum"),
        target=("target", "first"),
        communes=("commune_code", "size"),
        communes_met=("met", "sum"),
    ).reset_index()
    out["value"] = out["wv"] / out["w"].where(out["w"] > 0)
    return out[
        ["province_code", "target_id", "year", "value", "target", "communes", "communes_met"]
    ]


def changes(series: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """Return the change of each province's value between two survey years.

    Parameters
    ----------
    series : pandas.DataFrame
        From :func:`province_series`.
    year_from, year_to : int
        The two years; a province without one of them gets an empty value.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``target_id``, ``value_from``, ``value_to``, ``change``
        (``value_to − value_from``, percentage points as a 0–1 difference).
    """
    wide = series.pivot_table(
        index=["province_code", "target_id"], columns="year", values="value", aggfunc="first"
    )

    def column(year: int) -> pd.Series:
        return wide[year] if year in wide.columns else pd.Series(np.nan, index=wide.index)

    out = pd.DataFrame(
        {"value_from": column(year_from), "value_to": column(year_to)}, index=wide.index
    ).reset_index()
    out["change"] = out["value_to"] - out["value_from"]
    return out


def _years_text(mask: pd.DataFrame) -> pd.Series:
    """Join the years (columns) that are True in each row: ``"2024; 2026"`` (a loop over years)."""
    text = pd.Series("", index=mask.index)
    for year in mask.columns:
        text = text + np.where(mask[year].to_numpy(), f"{year}; ", "")
    return text.str.removesuffix("; ")


def survey_years(survey: pd.DataFrame, province_code: str) -> pd.DataFrame:
    """Return, per commune of a province, the years it was surveyed and the years it is missing.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows, any number of years (``province_code``, ``commune_code``,
        ``commune_name``, ``year``).
    province_code : str

    Returns
    -------
    pandas.DataFrame
        ``commune_code``, ``commune_name`` (latest), ``years`` and ``missing_years``
        (text, "; "-separated, empty when none), ``n_years``; only communes missing at
        least one of the province's survey years, sorted by code.

    Raises
    ------
    MissingColumnError
        If a needed column is missing.
    """
    require_columns(survey, ["province_code", "commune_code", "commune_name", "year"], "survey")
    mine = survey[survey["province_code"] == province_code]
    all_years = sorted(int(y) for y in mine["year"].unique())
    present = pd.crosstab(mine["commune_code"], mine["year"]).reindex(columns=all_years) > 0
    names = mine.sort_values("year").groupby("commune_code")["commune_name"].last()
    out = pd.DataFrame(
        {
            "commune_name": names.reindex(present.index),
            "years": _years_text(present),
            "missing_years": _years_text(~present),
            "n_years": present.sum(axis=1).astype("int64"),
        }
    )
    out = out[out["n_years"] < len(all_years)].reset_index()
    return out[["commune_code", "commune_name", "years", "missing_years", "n_years"]]
