"""Projection of each target to 2030: the year it is reached at the current trend and under the plan.

The method, in one place (explained in Vietnamese in the reports' "Giả định & lưu ý"):

1. **Trend.** For one province and one target, the yearly pace ``b`` is the least-squares
   slope of the province's values over its survey years (at least ``progress.min_trend_years``
   years; with fewer, no trend is computed). The projection starts from the last value
   ``v_last`` in the last survey year ``t_last``: ``v(t) = v_last + b · (t − t_last)``, capped
   at 100%.
2. **Year reached.** A target already met in the last survey year is reached in the first
   survey year whose value meets it. Otherwise, with ``b > 0``, it is reached in the first whole
   year ``t ≥ t_last + (target − v_last) / b``; with ``b ≤ 0`` it is not reached (the trend goes
   the wrong way or stands still). A year after ``progress.last_projected_year`` counts as not
   reached.
3. **Range.** Each commune surveyed in two years or more has its own slope (least squares over
   its own years). The range of the pace is ``b ± z · s / √n`` (``z`` = ``progress.range_z``,
   ``s`` the standard deviation of the communes' slopes, ``n`` their number); the earliest year
   comes from the faster pace, the latest from the slower. A commune surveyed once adds to the
   province's value in its year but not to the range.
4. **Funded plan.** The communes whose gaps the budget funds (03, best use) and that miss a
   target are assumed to meet it by the plan's end year (``progress.plan_effect`` of them),
   spread evenly over the plan years after the last survey: that adds to the trend.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults

#: Tolerance of the comparisons with a target.
EPS = 1e-9
#: Status codes of a projection.
STATUS = ("met", "reached", "not_reached", "no_trend")


def _slopes(frame: pd.DataFrame, keys: list[str], weight: str | None = None) -> pd.DataFrame:
    """Least-squares slope of ``value`` on ``year`` per group, from sums (vectorised)."""
    w = frame[weight].astype(float) if weight else pd.Series(1.0, index=frame.index)
    t = frame["year"].astype(float)
    v = frame["value"].astype(float)
    sums = (
        frame[keys]
        .assign(n=1, t=t, v=v, tt=t * t, tv=t * v)
        .groupby(keys, sort=True)
        .agg(n=("n", "sum"), t=("t", "sum"), v=("v", "sum"), tt=("tt", "sum"), tv=("tv", "sum"))
    )
    den = sums["n"] * sums["tt"] - sums["t"] ** 2
    slope = (sums["n"] * sums["tv"] - sums["t"] * sums["v"]) / den.where(den > EPS)
    out = pd.DataFrame({"n_years": sums["n"].astype("int64"), "slope": slope})
    if weight:
        out["weight"] = frame.assign(_w=w).groupby(keys, sort=True)["_w"].mean()
    return out.reset_index()


def year_reached(last_year: int, last_value: float, slope: float, target: float, stop: int):
    """Return the first whole year a value starting at ``last_value`` reaches ``target``.

    Parameters
    ----------
    last_year : int
        Last survey year.
    last_value : float
        Value in that year (0–1).
    slope : float
        Yearly pace (0–1 a year); NaN when unknown.
    target : float
    stop : int
        Last year looked at; later counts as not reached.

    Returns
    -------
    int or None
        ``last_year`` when already met; None when not reached by ``stop`` (or no pace).
    """
    if last_value >= target - EPS:
        return int(last_year)
    if not (isinstance(slope, float) and math.isfinite(slope)) or slope <= EPS:
        return None
    year = int(math.ceil(last_year + (target - last_value) / slope - EPS))
    return year if year <= stop else None


def trend_projection(
    series: pd.DataFrame, measures: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Project every province and target at the current trend, with a range.

    Parameters
    ----------
    series : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.province_series`.
    measures : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.commune_measures` (for the commune slopes).
    params : dict, optional
        Resolved params (``progress``).

    Returns
    -------
    pandas.DataFrame
        One row per province and target: ``province_code``, ``target_id``, ``target``,
        ``years`` (survey years used), ``first_year``, ``last_year``, ``last_value``,
        ``slope`` (yearly pace; NaN without a trend), ``slope_low``, ``slope_high``,
        ``communes_trend`` (communes with a slope), ``year_met`` (first survey year
        meeting the target, when met), ``status`` (one of :data:`STATUS`), ``year_trend``,
        ``year_early``, ``year_late`` (Int64; empty when not reached by
        ``progress.last_projected_year``).

    Raises
    ------
    MissingColumnError
        If a needed column is missing.
    """
    p = params_or_defaults(params)["progress"]
    require_columns(series, ["province_code", "target_id", "year", "value", "target"], "series")
    keys = ["province_code", "target_id"]
    s = series.dropna(subset=["value"]).sort_values([*keys, "year"])
    g = s.groupby(keys, sort=True)
    base = g.agg(
        target=("target", "first"),
        years=("year", "size"),
        first_year=("year", "min"),
        last_year=("year", "max"),
        last_value=("value", "last"),
    )
    met_rows = s[s["value"] >= s["target"] - EPS]
    base["year_met"] = met_rows.groupby(keys)["year"].min().reindex(base.index)
    base["slope"] = _slopes(s, keys).set_index(keys)["slope"].reindex(base.index)
    base.loc[base["years"] < int(p["min_trend_years"]), "slope"] = np.nan
    spread = _commune_spread(measures, p)
    base = base.join(spread, how="left")
    half = float(p["range_z"]) * base["slope_sd"] / np.sqrt(base["communes_trend"])
    enough = base["communes_trend"] >= int(p["min_communes_for_range"])
    base["slope_low"] = (base["slope"] - half).where(enough)
    base["slope_high"] = (base["slope"] + half).where(enough)
    out = base.reset_index()
    stop = int(p["last_projected_year"])
    reach = lambda col: [  # noqa: E731 - one call per province and target (tens of rows)
        year_reached(int(r.last_year), float(r.last_value), float(r[col]), float(r.target), stop)
        for _, r in out.iterrows()
    ]
    out["year_trend"] = pd.array(reach("slope"), dtype="Int64")
    out["year_early"] = pd.array(reach("slope_high"), dtype="Int64")
    out["year_late"] = pd.array(reach("slope_low"), dtype="Int64")
    met = out["last_value"] >= out["target"] - EPS
    out["status"] = np.select(
        [met, out["slope"].isna(), out["year_trend"].notna()],
        ["met", "no_trend", "reached"],
        default="not_reached",
    )
    out["year_met"] = out["year_met"].astype("Int64")
    for col in ("year_trend", "year_early", "year_late"):
        out[col] = out[col].mask(met, out["year_met"])
    out["communes_trend"] = out["communes_trend"].fillna(0).astype("int64")
    return out[
        [
            *keys,
            "target",
            "years",
            "first_year",
            "last_year",
            "last_value",
            "slope",
            "slope_low",
            "slope_high",
            "communes_trend",
            "year_met",
            "status",
            "year_trend",
            "year_early",
            "year_late",
        ]
    ]


def _commune_spread(measures: pd.DataFrame, p: dict) -> pd.DataFrame:
    """Per province and target: standard deviation and number of the commune slopes."""
    keys = ["province_code", "target_id", "commune_code"]
    slopes = _slopes(measures, keys)
    slopes = slopes[slopes["n_years"] >= int(p["min_trend_years"])].dropna(subset=["slope"])
    g = slopes.groupby(["province_code", "target_id"])["slope"]
    return pd.DataFrame({"slope_sd": g.std(ddof=1), "communes_trend": g.size()})


def plan_projection(
    trend: pd.DataFrame, funded_communes: int, plan_end: int, params: dict | None = None
) -> pd.DataFrame:
    """Add the year each target is reached under the funded plan.

    The plan's uplift on a target is ``plan_effect × funded × (1 − last_value)`` communes'
    worth of the province's share (``funded`` communes out of ``communes``: a funded commune
    that misses the target meets it), spread evenly from the last survey year to
    ``plan_end``; it is added to the trend (or to a standing value when there is no trend).

    Parameters
    ----------
    trend : pandas.DataFrame
        From :func:`trend_projection`, plus a ``communes`` column (communes in the last year).
    funded_communes : int
        Communes whose gaps the budget funds (03 ``best_use.funded``); 0 for none.
    plan_end : int
        Last year of the plan.
    params : dict, optional
        Resolved params (``progress``).

    Returns
    -------
    pandas.DataFrame
        ``trend`` with ``uplift`` (0–1, added by ``plan_end``), ``plan_slope`` (pace until
        ``plan_end``) and ``year_plan`` (Int64; empty when not reached).

    Raises
    ------
    MissingColumnError
        If ``communes`` or a column of :func:`trend_projection` is missing.
    """
    p = params_or_defaults(params)["progress"]
    require_columns(trend, ["last_year", "last_value", "slope", "target", "communes"], "trend")
    out = trend.copy()
    share_funded = (float(funded_communes) / out["communes"].where(out["communes"] > 0)).clip(0, 1)
    uplift = float(p["plan_effect"]) * share_funded * (1.0 - out["last_value"]).clip(lower=0)
    span = (int(plan_end) - out["last_year"]).clip(lower=1)
    out["uplift"] = uplift.fillna(0.0).where(out["last_year"] < int(plan_end), 0.0)
    out["plan_slope"] = out["slope"].fillna(0.0) + out["uplift"] / span
    stop = int(p["last_projected_year"])
    years = [
        _year_with_plan(r, int(plan_end), stop) for r in out.itertuples(index=False)
    ]  # one call per province and target (tens of rows)
    out["year_plan"] = pd.array(years, dtype="Int64")
    return out


def _year_with_plan(r, plan_end: int, stop: int):
    """Year reached: the plan's faster pace until ``plan_end``, then the trend alone."""
    if r.last_value >= r.target - EPS:
        return r.year_met if not pd.isna(r.year_met) else int(r.last_year)
    at_end = min(1.0, r.last_value + r.plan_slope * max(0, plan_end - r.last_year))
    if at_end >= r.target - EPS:
        return year_reached(
            int(r.last_year), float(r.last_value), float(r.plan_slope), r.target, stop
        )
    slope = r.slope if isinstance(r.slope, float) and math.isfinite(r.slope) else float("nan")
    return year_reached(max(plan_end, int(r.last_year)), at_end, slope, float(r.target), stop)
