"""Cost lines of the smart-village models chosen in 02 (guidance 3a, "xã/thôn").

Read from the ``villages`` key of the 02 summary (present only when the survey had village
rows): one package per chosen village (``budget.unit_costs.smart_village_package_mvnd``) and
the cost of closing the chosen villages' shortfalls as 02 computed it (the commune
officials' part counted once per commune). Without that key nothing is added, so a province
without village data is costed as before.
"""

from __future__ import annotations

from collections.abc import Callable

from ntmplan.tasks.budget.naming import format_number


def chosen_villages(pilots_summary: dict | None) -> list[dict]:
    """Return the chosen smart villages of the 02 summary (empty without village data).

    Parameters
    ----------
    pilots_summary : dict or None
        ``ctx.read_summary("02_pilots")``.

    Returns
    -------
    list of dict
        ``villages.chosen`` of the summary, in choice order.

    Raises
    ------
    ValueError
        If ``villages.chosen`` is not a list of mappings with a village name.
    """
    villages = (pilots_summary or {}).get("villages") or {}
    chosen = villages.get("chosen") or []
    if not isinstance(chosen, list) or not all(
        isinstance(c, dict) and c.get("village_name") for c in chosen
    ):
        raise ValueError(
            "02_pilots villages.chosen: cần danh sách thôn có tên / must be a list of villages with names"
        )
    return chosen


def village_rows(pilots_summary: dict | None, b: dict, add: Callable[..., None]) -> None:
    """Add the package and gap-closing lines of the chosen smart villages.

    Parameters
    ----------
    pilots_summary : dict or None
        The 02 summary.
    b : dict
        The ``budget`` params (``unit_costs.smart_village_package_mvnd``).
    add : callable
        ``add(activity, item, cost, basis)`` of the cost lines being collected.

    Returns
    -------
    None

    Raises
    ------
    ValueError
        If the summary's village list is malformed or its gap is negative.
    """
    chosen = chosen_villages(pilots_summary)
    if not chosen:
        return
    n = len(chosen)
    package = float(b["unit_costs"]["smart_village_package_mvnd"])
    add(
        "pilots",
        "Gói hỗ trợ mô hình thôn nông thôn mới thông minh",
        package * n,
        f"{format_number(package)} tr.đ/thôn × {n} thôn đã chọn ở 02_pilots "
        "(budget.unit_costs.smart_village_package_mvnd)",
    )
    gap = float(pilots_summary["villages"].get("gap_mvnd") or 0.0)
    if gap < 0:
        raise ValueError("02_pilots villages.gap_mvnd: cần số ≥ 0 / must be ≥ 0")
    if gap > 0:
        names = ", ".join(f"{c['village_name']} ({c.get('commune_name', '')})" for c in chosen)
        add(
            "pilots",
            "Khắc phục thiếu hụt điều kiện — thôn nông thôn mới thông minh",
            gap,
            f"Chi phí khắc phục thiếu hụt của {n} thôn đã chọn ở 02_pilots (pilots.unit_costs_mvnd; "
            f"phần cán bộ xã tính một lần mỗi xã): {names}",
        )
