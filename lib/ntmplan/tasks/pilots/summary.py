"""The whole pilot run of one province and its key figures for ``summary.json``.

Summary keys (``summary()``; read by notebooks 03, 06 and 00)
--------------------------------------------------------------
``communes`` (int)
    Units in the survey frame given.
``rural_communes`` (int)
    Units passing ``gate_rural``.
``communes_without_sector`` (int)
    Rural units without a listed prominent sector (cannot be brought into eligibility).
``pilot_types`` (list of str)
    Pilot types evaluated, e.g. ``["smart_commune", "ecommerce_commune"]``.
``eligible_count`` (dict type → int)
    Eligible communes per pilot type.
``has_eligible`` (dict type → bool)
    Whether at least one commune is eligible, per type.
``funnel`` (dict type → list of dict)
    In condition order, ``{"condition": gate column (first "all"), "passing": int}``:
    communes passing all conditions up to and including that gate.
``target`` (dict type → int)
    Number of pilots to choose per type (params ``types.<type>.number``).
``chosen`` (dict type → list of dict)
    Chosen communes, each ``{"commune_code", "commune_name", "prominent_sector",
    "eligible", "basis", "score", "gap_mvnd", "missing_vi"}``; ``basis`` is ``pinned``,
    ``eligible`` or ``cheapest_path``; ``gap_mvnd`` is 0.0 for an eligible commune.
``chosen_smart_codes`` (list of str)
    Commune codes of the chosen smart-commune pilots.
``smart_pilots_gap_mvnd`` (float)
    Total cost (million VND) of bringing the chosen smart pilots over every condition;
    0.0 when all of them are eligible.
``smart_target_met`` (bool)
    At least ``types.smart_commune.number`` eligible smart pilots were chosen.
``cheapest_path`` (dict type → list of dict)
    For a type with no eligible commune: the cheapest attainable communes, each
    ``{"commune_code", "commune_name", "prominent_sector", "total_gap_mvnd",
    "missing_vi"}``; an empty list when the type has an eligible commune.
``robustness`` (list of dict)
    For the top smart candidates: ``{"commune_code", "rank", "share_top_k"}``.
``robustness_k`` (int)
    The k of ``share_top_k``.
``ineligible_pins`` (dict type → list of dict)
    Pinned communes that do not meet the type's conditions, each ``{"commune_code",
    "commune_name", "missing_vi"}`` (a pin goes through the conditions like any commune).
``pins_not_found`` (list of str)
    Pinned codes that are not in the survey frame.
``statement_vi`` (str)
    One Vietnamese sentence on the result (eligible count or the path to the target).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ntmplan.core.fmt import number
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.pilots.choice import choose_pilots
from ntmplan.tasks.pilots.config import pilot_params, pilot_types, type_pins
from ntmplan.tasks.pilots.eligibility import check_eligibility
from ntmplan.tasks.pilots.frames import sector_present
from ntmplan.tasks.pilots.gaps import cheapest_path
from ntmplan.tasks.pilots.robustness import robustness
from ntmplan.tasks.pilots.scoring import rank_candidates
from ntmplan.tasks.pilots.tables import funnel

#: Fields of each chosen commune in ``summary()["chosen"]``.
CHOSEN_FIELDS = [
    "commune_code",
    "commune_name",
    "prominent_sector",
    "eligible",
    "basis",
    "score",
    "gap_mvnd",
    "missing_vi",
]
#: Fields of each commune in ``summary()["cheapest_path"]``.
CHEAPEST_FIELDS = [
    "commune_code",
    "commune_name",
    "prominent_sector",
    "total_gap_mvnd",
    "missing_vi",
]


def evaluate(
    survey: pd.DataFrame, params: dict | None = None
) -> dict[str, dict[str, pd.DataFrame]]:
    """Run eligibility, ranking, choice and gaps for every pilot type in params.

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict
        ``{pilot_type: {"eligibility", "ranked", "chosen", "funnel", "cheapest"}}`` (frames).

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    """
    params = params_or_defaults(params)
    pp = pilot_params(params)
    results = {}
    for pilot_type in pilot_types(pp):
        elig = check_eligibility(survey, params, pilot_type)
        ranked = rank_candidates(survey, elig, params)
        results[pilot_type] = {
            "eligibility": elig,
            "ranked": ranked,
            "chosen": choose_pilots(ranked, params),
            "funnel": funnel(elig),
            "cheapest": cheapest_path(survey, elig, params),
        }
    return results


def records(frame: pd.DataFrame, cols: list[str]) -> list[dict]:
    """Return rows of ``frame`` as JSON-ready dicts (NaN → None, floats to 3 places).

    Parameters
    ----------
    frame : DataFrame
        Any frame.
    cols : list of str
        Columns kept, in this order.

    Returns
    -------
    list of dict
    """
    recs = []
    for row in frame[cols].to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, (np.bool_, bool)):
                clean[key] = bool(value)
            elif isinstance(value, (np.integer, int)):
                clean[key] = int(value)
            elif isinstance(value, (np.floating, float)):
                clean[key] = None if np.isnan(value) else round(float(value), 3)
            elif value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
                clean[key] = None
            else:
                clean[key] = str(value) if not isinstance(value, str) else value
        recs.append(clean)
    return recs


def _unit_counts(survey: pd.DataFrame, pp: dict, results: dict) -> dict[str, int]:
    """``rural_communes`` and ``communes_without_sector``."""
    types = list(results)
    first = results[types[0]]["eligibility"] if types else None
    if first is not None and "gate_rural" in first.columns:
        rural = first["gate_rural"].to_numpy(dtype=bool)
    else:
        rural = survey["unit_type"].isin(list(pp["rural_unit_types"])).to_numpy(dtype=bool)
    sector_ok = sector_present(survey) & survey["prominent_sector"].isin(
        list(pp["eligible_sectors"])
    ).to_numpy(dtype=bool)
    return {
        "rural_communes": int(rural.sum()),
        "communes_without_sector": int((rural & ~sector_ok).sum()),
    }


def _funnel_figures(results: dict) -> dict[str, list[dict]]:
    """``funnel``: per type, the communes passing every condition up to each gate."""
    return {
        t: [
            {"condition": str(c), "passing": int(v)}
            for c, v in zip(
                r["funnel"]["condition"], r["funnel"]["passing_cumulative"], strict=True
            )
        ]
        for t, r in results.items()
    }


def _smart_figures(results: dict, target: dict[str, int]) -> dict[str, Any]:
    """``chosen_smart_codes``, ``smart_pilots_gap_mvnd`` and ``smart_target_met``."""
    smart = results.get("smart_commune")
    if smart is None:
        return {"chosen_smart_codes": [], "smart_pilots_gap_mvnd": 0.0, "smart_target_met": False}
    ch = smart["chosen"]
    return {
        "chosen_smart_codes": [str(c) for c in ch["commune_code"]],
        "smart_pilots_gap_mvnd": round(float(ch["gap_mvnd"].sum()), 3),
        "smart_target_met": bool(ch["eligible"].sum() >= target["smart_commune"]),
    }


def _robustness_figures(survey: pd.DataFrame, params: dict, results: dict, out: dict) -> list:
    """``robustness``: the top smart candidates (empty without an eligible smart commune)."""
    k = int(pilot_params(params)["robustness"]["k"])
    smart = results.get("smart_commune")
    if smart is not None and out["has_eligible"].get("smart_commune"):
        rob = robustness(survey, smart["eligibility"], params)
        return records(rob.head(max(k, 5)), ["commune_code", "rank", "share_top_k"])
    return []


def summary(survey: pd.DataFrame, params: dict | None = None, results: dict | None = None) -> dict:
    """Key figures for ``summary.json`` (keys documented in the module docstring).

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    results : dict, optional
        Output of :func:`evaluate` for the same survey and params (recomputed if None).

    Returns
    -------
    dict
        JSON-serialisable key figures.

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    """
    params = params_or_defaults(params)
    pp = pilot_params(params)
    results = evaluate(survey, params) if results is None else results
    types = list(results)
    out: dict[str, Any] = {"communes": int(len(survey)), "pilot_types": types}
    out.update(_unit_counts(survey, pp, results))
    out["eligible_count"] = {t: int(r["eligibility"]["eligible"].sum()) for t, r in results.items()}
    out["has_eligible"] = {t: c > 0 for t, c in out["eligible_count"].items()}
    out["funnel"] = _funnel_figures(results)
    out["target"] = {t: int(pilot_types(pp)[t]["number"]) for t in types}
    out["chosen"] = {t: records(r["chosen"], CHOSEN_FIELDS) for t, r in results.items()}
    out.update(_smart_figures(results, out["target"]))
    out["cheapest_path"] = {
        t: ([] if out["has_eligible"][t] else records(r["cheapest"], CHEAPEST_FIELDS))
        for t, r in results.items()
    }
    out["robustness_k"] = int(pp["robustness"]["k"])
    out["robustness"] = _robustness_figures(survey, params, results, out)
    codes = set(survey["commune_code"].astype(str)) if "commune_code" in survey.columns else set()
    pins = [c for t in types for c in type_pins(pp, t)]
    out["pins_not_found"] = sorted({c for c in pins if c not in codes})
    out["ineligible_pins"] = {
        t: records(
            r["chosen"][r["chosen"]["pinned"] & ~r["chosen"]["eligible"].astype(bool)],
            ["commune_code", "commune_name", "missing_vi"],
        )
        for t, r in results.items()
    }
    out["statement_vi"] = statement_vi(out, params)
    return out


def statement_vi(figures: dict, params: dict | None = None) -> str:
    """One Vietnamese sentence on the result for the smart-commune target.

    Parameters
    ----------
    figures : dict
        Output of :func:`summary` (without ``statement_vi``).
    params : dict, optional
        Resolved params (for the pilot-type labels); ``None`` means the defaults.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If ``figures`` lacks ``eligible_count``.
    """
    pp = pilot_params(params)
    parts = []
    for t, count in figures["eligible_count"].items():
        label = pilot_types(pp).get(t, {}).get("label_vi", t)
        parts.append(f"{label}: {count} xã đủ điều kiện")
    text = "; ".join(parts) + "."
    outside = int(figures.get("communes", 0)) - int(figures.get("rural_communes", 0))
    if outside > 0:
        kinds = ", ".join(pp["rural_unit_types"])
        text += f" {outside} đơn vị là phường, không thuộc phạm vi thí điểm (chỉ xét: {kinds})."
    for t, pins in (figures.get("ineligible_pins") or {}).items():
        label = pilot_types(pp).get(t, {}).get("label_vi", t)
        for pin in pins:
            text += (
                f" {pin['commune_name']} ({pin['commune_code']}) được tỉnh ghim cho mô hình "
                f"{label} nhưng chưa đủ điều kiện: {pin['missing_vi']}."
            )
    if (
        "smart_commune" in figures["eligible_count"]
        and not figures["has_eligible"]["smart_commune"]
    ):
        path = figures.get("cheapest_path", {}).get("smart_commune", [])
        if path:
            best = path[0]
            text += (
                f" Chưa có xã nào đủ điều kiện xây dựng mô hình xã nông thôn mới thông minh; lộ trình "
                f"chi phí thấp nhất: {best['commune_name']} ({best['commune_code']}), cần khoảng "
                f"{number(float(best['total_gap_mvnd']), 0)} triệu đồng để đạt mọi điều kiện."
            )
        else:
            text += (
                " Chưa có xã nào đủ điều kiện và không xã nào có thể bù thiếu hụt bằng kinh phí "
                "(thiếu lĩnh vực nổi bật hoặc thiếu dữ liệu)."
            )
    return text
