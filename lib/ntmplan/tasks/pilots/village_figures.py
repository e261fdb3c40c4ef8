"""Key figures of the smart-village models for the 02 summary (key ``villages``).

Keys of :func:`village_summary`: ``label_vi``, ``villages``, ``communes``,
``eligible_count``, ``target``, ``funnel``, ``chosen``, ``gap_mvnd``, ``pins_not_found``,
``statement_vi`` (read by the budget, 03, and the plan, 06).
"""

from __future__ import annotations

from ntmplan.core.errors import require_columns
from ntmplan.core.fmt import number
from ntmplan.tasks.pilots.summary import records
from ntmplan.tasks.pilots.village_view import PARENT_CODE, PARENT_NAME, village_conf
from ntmplan.tasks.pilots.villages import OFFICIAL_COSTS, chosen_villages


def chosen_gap_mvnd(result: dict | None) -> float:
    """Cost of bringing the chosen villages over every condition, officials counted once.

    A village's gap includes its commune's officials' shortfalls; two chosen villages of one
    commune share those, so the total counts them once per commune.

    Parameters
    ----------
    result : dict or None
        Output of :func:`evaluate_villages`.

    Returns
    -------
    float
        Million VND, rounded to 3 decimals (0.0 without villages or when all are eligible).

    Raises
    ------
    MissingColumnError
        If the gap frame lacks ``total_gap_mvnd``.
    """
    if result is None or not len(result["chosen"]):
        return 0.0
    gaps = result["gaps"].loc[result["chosen"].index]
    require_columns(gaps, ["total_gap_mvnd"], "gaps")
    eligible = gaps["eligible"].to_numpy(dtype=bool)
    official_cols = [c for c in OFFICIAL_COSTS if c in gaps.columns]
    officials = gaps[official_cols].sum(axis=1).where(~eligible, 0.0)
    own = gaps["total_gap_mvnd"] - officials
    parent = result["units"].loc[gaps.index, PARENT_CODE]
    once = officials.groupby(parent.to_numpy()).max().sum()
    return round(float(own.sum() + once), 3)


def village_summary(result: dict | None, params: dict | None = None) -> dict | None:
    """Key figures of the smart-village models for ``summary_02_pilots.json`` (key ``villages``).

    Parameters
    ----------
    result : dict or None
        Output of :func:`evaluate_villages`.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict or None
        ``label_vi``, ``villages`` (units checked), ``communes`` (communes with village
        rows), ``eligible_count``, ``target``, ``funnel`` (``{"condition", "passing"}`` in
        order), ``chosen`` (each ``{"village_key", "commune_code", "commune_name",
        "village_name", "prominent_sector", "eligible", "basis", "score", "gap_mvnd",
        "missing_vi"}``), ``gap_mvnd`` (:func:`chosen_gap_mvnd`), ``pins_not_found`` and
        ``statement_vi``; None without villages.
    """
    if result is None:
        return None
    conf = village_conf(params)
    ch = chosen_villages(result, params)
    chosen = ch.rename(columns={PARENT_CODE: "commune_code", PARENT_NAME: "commune_name"})
    fields = ["village_key", "commune_code", "commune_name", "village_name", "prominent_sector"]
    fields += ["eligible", "basis", "score", "gap_mvnd", "missing_vi"]
    fun = result["funnel"]
    keys = set(result["units"]["commune_code"].astype(str))
    out = {
        "label_vi": str(conf["label_vi"]),
        "villages": int(len(result["units"])),
        "communes": int(result["units"][PARENT_CODE].nunique()),
        "eligible_count": int(result["eligibility"]["eligible"].sum()),
        "target": int(conf["number"]),
        "funnel": [
            {"condition": str(c), "passing": int(v)}
            for c, v in zip(fun["condition"], fun["passing_cumulative"], strict=True)
        ],
        "chosen": records(chosen, fields),
        "gap_mvnd": chosen_gap_mvnd(result),
        "pins_not_found": sorted({str(k) for k in conf.get("pin", [])} - keys),
    }
    out["statement_vi"] = village_statement_vi(out)
    return out


def village_statement_vi(figures: dict) -> str:
    """One Vietnamese sentence on the smart-village result.

    Parameters
    ----------
    figures : dict
        Output of :func:`village_summary` (without ``statement_vi``).

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If a figure used is missing.
    """
    n_ok = sum(1 for c in figures["chosen"] if c["eligible"])
    text = (
        f"{figures['label_vi']}: {number(figures['eligible_count'])} trong "
        f"{number(figures['villages'])} thôn có số liệu ({number(figures['communes'])} xã) "
        f"đủ điều kiện"
    )
    if figures["chosen"]:
        names = "; ".join(f"{c['village_name']} ({c['commune_name']})" for c in figures["chosen"])
        text += f"; đề xuất {number(len(figures['chosen']))} thôn: {names}"
    if n_ok < figures["target"]:
        text += f" — chưa đủ {number(figures['target'])} thôn theo mục tiêu của tỉnh"
    return text + "."
