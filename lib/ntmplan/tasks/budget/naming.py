"""Names shown for budget codes: column labels, activity and source labels, the number format."""

from __future__ import annotations

from ntmplan.core import fmt
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.codes import UNFUNDED

#: Vietnamese (then English) labels of output columns.
LABELS: dict[str, str] = {
    "activity": "Hoạt động / Activity",
    "activity_label": "Hoạt động / Activity",
    "item": "Khoản mục / Item",
    "year": "Năm / Year",
    "source": "Nguồn vốn / Funding source",
    "source_label": "Nguồn vốn / Funding source",
    "cost_mvnd": "Chi phí (triệu đồng) / Cost (million VND)",
    "amount_mvnd": "Số tiền (triệu đồng) / Amount (million VND)",
    "basis": "Căn cứ tính / Basis",
    "share": "Tỷ lệ / Share",
    "requirement_mvnd": "Nhu cầu (triệu đồng) / Requirement (million VND)",
    "envelope_mvnd": "Trần vốn (triệu đồng) / Envelope (million VND)",
    "overflow_mvnd": "Vượt trần (triệu đồng) / Over envelope (million VND)",
    "moved_to": "Chuyển sang nguồn / Moved to",
    "unfunded_mvnd": "Chưa có nguồn (triệu đồng) / Unfunded (million VND)",
    "check": "Kiểm tra / Check",
    "subject": "Đối tượng / Subject",
    "value": "Giá trị / Value",
    "bound": "Ngưỡng / Bound",
    "ok": "Đạt / OK",
    "message": "Ghi chú / Message",
    "scenario": "Kịch bản / Scenario",
    "label": "Tên / Name",
    "total_mvnd": "Tổng nhu cầu (triệu đồng) / Total (million VND)",
    "funded_mvnd": "Đã có nguồn (triệu đồng) / Funded (million VND)",
    "socialised_share": "Tỷ lệ xã hội hóa / Socialised share",
    "commune_code": "Mã xã / Commune code",
    "commune_name": "Tên xã / Commune",
    "unit_type": "Loại đơn vị / Unit type",
    "commune_category": "Phân loại xã / Category",
    "category_applied": "Phân loại áp dụng / Category applied",
    "weight": "Hệ số / Weight",
    "gap_cost_mvnd": "Chi phí khắc phục thiếu hụt (triệu đồng) / Gap-closing cost (million VND)",
    "can_meet_all": "Có thể đạt đủ điều kiện / Can meet all conditions",
    "already_meets": "Đã đạt đủ điều kiện / Already meets all",
    "funded": "Được bố trí vốn / Funded",
    "meets_after": "Đạt đủ điều kiện sau hỗ trợ / Meets all after funding",
    "priority_value": "Giá trị ưu tiên / Priority value",
    "key": "Tham số / Parameter",
    "reference": "Căn cứ / Source or assumption",
}


def label_of_activity(activity: str, b: dict) -> str:
    """Return the Vietnamese label of an activity code, given the ``budget`` params section.

    Parameters
    ----------
    activity : str
        A standard activity or a key of ``budget.other_items``.
    b : dict
        ``params["budget"]``.

    Returns
    -------
    str
        ``budget.activities[activity]``, else the other item's ``label``, else the code itself.
    """
    if activity in b["activities"]:
        return b["activities"][activity]
    item = (b.get("other_items") or {}).get(activity)
    if isinstance(item, dict) and item.get("label"):
        return str(item["label"])
    return activity


def label_of_source(source: str, b: dict) -> str:
    """Return the Vietnamese label of a funding source code, given the ``budget`` params section.

    Parameters
    ----------
    source : str
        A key of ``budget.sources`` or :data:`~ntmplan.tasks.budget.codes.UNFUNDED`.
    b : dict
        ``params["budget"]``.

    Returns
    -------
    str
        ``budget.unfunded_label`` for unfunded, else ``budget.sources[source]``, else the code.
    """
    if source == UNFUNDED:
        return b["unfunded_label"]
    return b["sources"].get(source, source)


def activity_label(activity: str, params: dict | None = None) -> str:
    """Return the Vietnamese label of an activity code (other items: their ``label``).

    Parameters
    ----------
    activity : str
    params : dict, optional

    Returns
    -------
    str
    """
    return label_of_activity(activity, params_or_defaults(params)["budget"])


def source_label(source: str, params: dict | None = None) -> str:
    """Return the Vietnamese label of a funding source code (or of ``unfunded``).

    Parameters
    ----------
    source : str
    params : dict, optional

    Returns
    -------
    str
    """
    return label_of_source(source, params_or_defaults(params)["budget"])


def format_number(x: float, digits: int = 1) -> str:
    """Format a number the Vietnamese way (``1.234,5``), always with ``digits`` decimals.

    Unlike :func:`ntmplan.core.fmt.number`, a Python ``int`` is written with
    decimals too (``format_number(100)`` is ``"100,0"``, ``fmt.number(100)`` is
    ``"100"``): unit costs from params files may be ints, and the basis texts
    of the cost lines have always shown them with decimals.

    Parameters
    ----------
    x : float
    digits : int

    Returns
    -------
    str
    """
    return fmt.number(float(x), digits)


def labels(params: dict | None = None) -> dict[str, str]:
    """Return :data:`LABELS` plus a label for every ``<source>_mvnd`` column (scenario table).

    Parameters
    ----------
    params : dict, optional

    Returns
    -------
    dict
    """
    b = params_or_defaults(params)["budget"]
    return LABELS | {f"{s}_mvnd": f"{label_of_source(s, b)} (triệu đồng)" for s in b["sources"]}
