"""What-if runs: params overrides from the notebook's controls and the scenarios of ``budget.scenarios``."""

from __future__ import annotations

import copy
import math
from typing import Any

import pandas as pd

from ntmplan.core.params import apply_overrides, params_or_defaults
from ntmplan.tasks.budget.codes import UNFUNDED
from ntmplan.tasks.budget.pipeline import build


def control_overrides(
    params: dict | None = None,
    envelopes: dict | None = None,
    socialised_factor: float | None = None,
    smart_count: int | None = None,
    ecommerce_count: int | None = None,
) -> dict:
    """Build a params override from the notebook's interactive controls.

    Parameters
    ----------
    params : dict, optional
        Resolved params; its ``budget.envelopes`` are kept for the sources
        not set here (an override replaces the whole open mapping).
    envelopes : dict, optional
        ``{source: yearly ceiling in million VND}``; a blank/None value keeps
        the params' envelope for that source.
    socialised_factor : float, optional
        ``budget.socialised_factor``.
    smart_count, ecommerce_count : int, optional
        ``budget.pilots.smart_count`` / ``ecommerce_count``.

    Returns
    -------
    dict
        ``{"budget": {...}}`` with only the values given; ``{}`` if none.

    Raises
    ------
    ValueError
        A ceiling that is not a number ≥ 0.
    """
    b: dict[str, Any] = {}
    env = {}
    for source, value in (envelopes or {}).items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            v = (
                float(str(value).replace(" ", "").replace(",", "."))
                if isinstance(value, str)
                else float(value)
            )
        except ValueError:
            raise ValueError(
                f"Trần vốn {source}: cần số / envelope must be a number, got {value!r}"
            ) from None
        if v < 0 or not math.isfinite(v):
            raise ValueError(f"Trần vốn {source} phải ≥ 0 / envelope must be ≥ 0")
        env[source] = v
    if env:
        b["envelopes"] = {**copy.deepcopy(params_or_defaults(params)["budget"]["envelopes"]), **env}
    if socialised_factor is not None:
        b["socialised_factor"] = float(socialised_factor)
    pilots = {}
    if smart_count is not None:
        pilots["smart_count"] = int(smart_count)
    if ecommerce_count is not None:
        pilots["ecommerce_count"] = int(ecommerce_count)
    if pilots:
        b["pilots"] = pilots
    return {"budget": b} if b else {}


def scenarios(inputs: dict, params: dict | None = None, scheme: str | None = None) -> pd.DataFrame:
    """Run every scenario of ``budget.scenarios`` and compare them side by side.

    Parameters
    ----------
    inputs : dict
        See :func:`activity_costs`.
    params : dict, optional
        ``budget.scenarios``: list of ``{name, label, overrides}``; each
        ``overrides`` is merged on top of ``params``.
    scheme : str, optional

    Returns
    -------
    pandas.DataFrame
        One row per scenario: scenario, label, total_mvnd, funded_mvnd,
        unfunded_mvnd, socialised_share, then one ``<source>_mvnd`` column per
        source of ``budget.sources``.

    Raises
    ------
    ValueError
        A malformed scenario entry or duplicate names.
    ntmplan.core.errors.ParamsError
        Bad override keys.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    rows = []
    seen = set()
    for i, sc in enumerate(b["scenarios"]):  # a handful of scenarios
        if (
            not isinstance(sc, dict)
            or not isinstance(sc.get("name"), str)
            or not isinstance(sc.get("overrides", {}), dict)
        ):
            raise ValueError(
                f"budget.scenarios[{i}]: cần {{name, label, overrides}} / needs name, label, overrides"
            )
        if sc["name"] in seen:
            raise ValueError(f"budget.scenarios: trùng tên / duplicate name {sc['name']!r}")
        seen.add(sc["name"])
        ps = apply_overrides(p, sc.get("overrides") or {}, f"budget.scenarios[{sc['name']}]")
        res = build(inputs, ps, scheme)
        tidy = res["tidy"]
        by = tidy.groupby("source")["amount_mvnd"].sum()
        total = float(tidy["amount_mvnd"].sum())
        unfunded = float(by.get(UNFUNDED, 0.0))
        funded = total - unfunded
        soc = float(by.reindex(ps["budget"]["socialised_sources"], fill_value=0.0).sum())
        row = {
            "scenario": sc["name"],
            "label": str(sc.get("label") or sc["name"]),
            "total_mvnd": total,
            "funded_mvnd": funded,
            "unfunded_mvnd": unfunded,
            "socialised_share": soc / funded if funded > 0 else 0.0,
        }
        row.update({f"{s}_mvnd": float(by.get(s, 0.0)) for s in b["sources"]})
        rows.append(row)
    return pd.DataFrame(rows)
