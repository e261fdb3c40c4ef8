"""The tables a planner reads in the progress report: Vietnamese labels, no codes."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.progress.labels import PILOT_TYPE_LABELS, STATUS_LABELS


def closeout_view(closeout: pd.DataFrame) -> pd.DataFrame:
    """Return the close-out of one province for reading (no codes).

    Parameters
    ----------
    closeout : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.closeout_targets`.

    Returns
    -------
    pandas.DataFrame
    """
    cols = ["label_vi", "year", "value", "target", "met", "margin", "communes", "communes_short"]
    return closeout[cols].reset_index(drop=True)


def _year_text(years: pd.Series, stop: int) -> pd.Series:
    """A projected year as text: ``"2031"``, or ``"sau 2040"`` when not reached by ``stop``."""
    text = years.astype("Int64").astype(str)
    return text.where(years.notna(), f"sau {stop}")


def projection_view(projection: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Return the projection of one province for reading (years as text, range in one cell).

    Parameters
    ----------
    projection : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.build` (with ``label_vi`` and ``at_risk``).
    params : dict, optional
        Resolved params (``progress.last_projected_year``).

    Returns
    -------
    pandas.DataFrame
        ``label_vi``, ``last_year``, ``last_value``, ``target``, ``slope``, ``status_vi``,
        ``year_trend_text``, ``year_range``, ``year_plan_text``, ``at_risk``.
    """
    stop = int(params_or_defaults(params)["progress"]["last_projected_year"])
    no_trend = projection["status"] == "no_trend"
    early = _year_text(projection["year_early"], stop)
    late = _year_text(projection["year_late"], stop)
    out = projection.assign(
        status_vi=projection["status"].map(STATUS_LABELS),
        year_trend_text=_year_text(projection["year_trend"], stop).mask(no_trend, "—"),
        year_range=(early + " – " + late).where(early != late, early).mask(no_trend, "—"),
        year_plan_text=_year_text(projection["year_plan"], stop).mask(no_trend, "—"),
    )
    no_range = projection["slope_low"].isna() & ~(projection["status"] == "met")
    out["year_range"] = out["year_range"].mask(no_range & ~no_trend, "—")
    cols = [
        "label_vi",
        "last_year",
        "last_value",
        "target",
        "slope",
        "status_vi",
        "year_trend_text",
        "year_range",
        "year_plan_text",
        "at_risk",
    ]
    return out[cols].reset_index(drop=True)


def series_view(series: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Return the province's value of each target by year, one column per year.

    Parameters
    ----------
    series : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.province_series` (one province).
    labels : dict
        Target id → Vietnamese label.

    Returns
    -------
    pandas.DataFrame
        ``label_vi``, ``target``, then one column per survey year (``"2023"`` …), shares.
    """
    wide = series.pivot_table(index="target_id", columns="year", values="value", aggfunc="first")
    wide.columns = [str(int(c)) for c in wide.columns]
    target = series.groupby("target_id")["target"].first()
    order = [t for t in labels if t in wide.index]
    out = wide.reindex(order)
    out.insert(0, "target", target.reindex(order))
    out.insert(0, "label_vi", [labels[t] for t in order])
    return out.reset_index(drop=True)


def pilots_view(chosen: list[dict], central: pd.DataFrame) -> pd.DataFrame:
    """Return the pilots of a province: those chosen in its plan (02) and its central pilots.

    Parameters
    ----------
    chosen : list of dict
        ``{pilot_type, commune_name}`` of the chosen pilots (from the 02 summary).
    central : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.province_pilots`.

    Returns
    -------
    pandas.DataFrame
        ``pilot_type_vi``, ``pilot`` ("do tỉnh chọn" / "Trung ương phê duyệt, đợt …"),
        ``legacy_unit``, ``unit_2025``, ``note``.
    """
    rows = [
        {
            "pilot_type_vi": PILOT_TYPE_LABELS.get(c.get("pilot_type", ""), ""),
            "pilot": "Do tỉnh chọn trong kế hoạch",
            "legacy_unit": "",
            "unit_2025": str(c.get("commune_name", "")),
            "note": "",
        }
        for c in chosen
    ]
    for r in central.itertuples(index=False):  # a few rows (the approved list)
        ward = " — nay thuộc phường, cần xử lý riêng" if r.in_ward else ""
        rows.append(
            {
                "pilot_type_vi": PILOT_TYPE_LABELS.get(r.pilot_type, r.pilot_type),
                "pilot": f"Trung ương phê duyệt, đợt {r.batch}",
                "legacy_unit": f"{r.legacy_commune_name}, {r.legacy_district_name}, "
                f"{r.legacy_province_name}",
                "unit_2025": f"{r.commune_name}{ward}",
                "note": r.note,
            }
        )
    return pd.DataFrame(
        rows, columns=["pilot_type_vi", "pilot", "legacy_unit", "unit_2025", "note"]
    )


def money_view(money: pd.DataFrame, activity_labels: dict[str, str]) -> pd.DataFrame:
    """Return money planned and spent with the activities' Vietnamese names.

    Parameters
    ----------
    money : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.money_table`.
    activity_labels : dict
        Activity code → label (``budget.activities``, "vi / en" allowed).

    Returns
    -------
    pandas.DataFrame
    """
    names = {k: vietnamese_part(str(v)) for k, v in activity_labels.items()}
    out = money.assign(activity_vi=money["activity"].map(names).fillna(money["activity"]))
    return out[["activity_vi", "planned_mvnd", "actual_mvnd", "spent_share", "on_plan"]]


def capacity_view(capacity: pd.DataFrame, item_labels: dict[str, str]) -> pd.DataFrame:
    """Return training and communication planned and done with Vietnamese names.

    Parameters
    ----------
    capacity : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.capacity_table`.
    item_labels : dict
        Item code → label.

    Returns
    -------
    pandas.DataFrame
    """
    names = {k: vietnamese_part(str(v)) for k, v in item_labels.items()}
    out = capacity.assign(item_vi=capacity["item"].map(names).fillna(capacity["item"]))
    return out[["item_vi", "planned", "done", "done_share", "achieved"]]


def change_view(change: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Return the change between two years per target, in the targets' order, for reading.

    Parameters
    ----------
    change : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.changes` (one province).
    labels : dict
        Target id → Vietnamese label, in the order to show.

    Returns
    -------
    pandas.DataFrame
        ``label_vi``, ``value_from``, ``value_to``, ``change``.
    """
    order = [t for t in labels if t in set(change["target_id"])]
    out = change.set_index("target_id").reindex(order).reset_index()
    out["label_vi"] = [labels[t] for t in order]
    return out[["label_vi", "value_from", "value_to", "change"]]
