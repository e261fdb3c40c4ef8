"""The rules in words: conditions with their thresholds, and the ``pilots`` params with sources."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults, section_sources
from ntmplan.tasks.pilots.conditions import CONDITIONS
from ntmplan.tasks.pilots.config import pilot_params


def _pct(value: float) -> str:
    """A 0–1 share as a short percentage (``0.5`` → ``50%``)."""
    return f"{float(value) * 100:g}%"


def conditions_table(params: dict | None = None) -> pd.DataFrame:
    """The conditions of every pilot type with their thresholds, in words (for reports).

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        One row per condition: ``condition`` (gate column), ``condition_vi``, ``rule_vi``
        (the threshold in words) and one ✓/— column per pilot type (its ``label_vi``).

    Raises
    ------
    KeyError
        If a threshold key is missing from ``pilots.thresholds``.
    """
    pp = pilot_params(params)
    th = pp["thresholds"]
    rules = {
        "rural": "loại đơn vị: "
        + ", ".join(pp["rural_unit_types"])
        + " (phường không thuộc phạm vi)",
        "infrastructure": f"thôn có cáp quang ≥ {_pct(th['villages_fiber_share'])} và thôn có 4G/5G ≥ "
        f"{_pct(th['villages_4g_share'])} số thôn",
        "sector": f"có lĩnh vực nổi bật trong danh mục ({len(pp['eligible_sectors'])} lĩnh vực)"
        + (
            f", nhu cầu CĐS ≥ {th['sector_min_dx_demand']}"
            if th["sector_min_dx_demand"] > 1
            else ""
        ),
        "households": f"hộ có Internet và thiết bị thông minh ≥ {_pct(th['households_internet_smart_share'])} số hộ",
        "officials_computer": f"cán bộ có máy tính nối mạng ≥ {_pct(th['officials_computer_share'])}",
        "officials_email_eoffice": f"cán bộ dùng thư điện tử công vụ ≥ {_pct(th['officials_email_share'])} "
        f"và văn phòng điện tử ≥ {_pct(th['officials_eoffice_share'])}",
        "providers": f"doanh nghiệp dịch vụ số huy động được ≥ {th['digital_providers_min']}",
        "ocop_online": f"sản phẩm OCOP bán trực tuyến ≥ {th['ocop_products_online_min']}",
        "selling_online": f"hộ bán hàng trực tuyến ≥ {_pct(th['households_selling_online_share'])} số hộ",
    }
    used = [c for c in CONDITIONS if any(c in t["conditions"] for t in pp["types"].values())]
    out = pd.DataFrame(
        {
            "condition": [CONDITIONS[c]["gate"] for c in used],
            "condition_vi": [CONDITIONS[c]["label_vi"] for c in used],
            "rule_vi": [rules[c] for c in used],
        }
    )
    for t, conf in pp["types"].items():
        out[conf.get("label_vi", t)] = ["✓" if c in conf["conditions"] else "—" for c in used]
    return out


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """The ``pilots`` params in use, each with its source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (via
    :func:`ntmplan.core.params.section_sources`); values are the resolved ones.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        Columns ``key`` (dotted), ``value`` (resolved, as text), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    return section_sources("pilots", params_or_defaults(params))
