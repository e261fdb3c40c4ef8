"""The "Giả định & lưu ý" of the progress report: the method in plain Vietnamese, and the params."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.params import params_or_defaults, section_sources


def method_notes(params: dict | None = None) -> list[str]:
    """Return the method of the close-out and the projection as plain Vietnamese sentences.

    Parameters
    ----------
    params : dict, optional
        Resolved params (``progress``).

    Returns
    -------
    list of str
    """
    p = params_or_defaults(params)["progress"]
    return [
        f"Tổng kết so sánh từng mục tiêu năm {p['closeout_year']} của Quyết định số 924/QĐ-TTg "
        f"với năm khảo sát gần nhất không muộn hơn năm {p['closeout_year']}; tỉnh có giá trị "
        "bằng đúng mục tiêu được tính là đạt. Số xã còn thiếu tính như trong đánh giá hiện trạng.",
        f"Xu hướng chỉ tính khi có ít nhất {p['min_trend_years']} năm khảo sát. Tốc độ bình quân "
        "mỗi năm là độ dốc của đường thẳng khớp nhất (bình phương nhỏ nhất) qua giá trị của tỉnh "
        "các năm; dự báo đi tiếp từ giá trị năm khảo sát cuối theo tốc độ đó, không vượt 100%.",
        "Năm đạt là năm tròn đầu tiên giá trị dự báo chạm mục tiêu. Nếu tốc độ bằng 0 hoặc đi "
        "xuống thì mục tiêu không đạt theo xu hướng. Chỉ xét đến năm "
        f"{p['last_projected_year']}.",
        "Khoảng dự báo: mỗi xã có số liệu từ hai năm trở lên có tốc độ riêng; khoảng là tốc độ "
        f"của tỉnh cộng, trừ {fmt.number(float(p['range_z']), 3)} lần sai số chuẩn của bình quân "
        "tốc độ các xã. Tốc độ nhanh cho năm đạt sớm nhất, tốc độ chậm cho năm đạt muộn nhất. "
        "Xã chỉ có một năm số liệu (ví dụ mới có trong khảo sát năm sau) được tính vào giá trị "
        "của tỉnh năm đó nhưng không tính vào khoảng.",
        "Theo kế hoạch có kinh phí: các xã được bố trí kinh phí khắc phục thiếu hụt (sổ tính 03) "
        "mà chưa đạt mục tiêu được giả định đạt vào năm cuối kế hoạch "
        f"(tỷ lệ {fmt.percent(float(p['plan_effect']), 0)}), rải đều qua các năm, cộng thêm vào "
        "xu hướng.",
        f"Tỉnh có nguy cơ không đạt mục tiêu đến năm {p['horizon_year']} khi chưa đạt và theo kế "
        f"hoạch có kinh phí vẫn không đạt trước hoặc trong năm {p['horizon_year']}; tỉnh chỉ có "
        "một năm số liệu và chưa đạt cũng được liệt kê.",
        "Dự báo tuyến tính là ước lượng đơn giản để ưu tiên theo dõi, không thay cho đánh giá "
        "của cơ quan chuyên môn; với dữ liệu minh họa, mọi con số chỉ để minh họa cách dùng.",
    ]


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """List the ``progress`` params with their resolved values and sources or assumptions.

    Parameters
    ----------
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        ``key``, ``value``, ``source`` (as :func:`ntmplan.core.params.section_sources`).

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    return section_sources("progress", params, style="joined")


#: What the report's figures rest on: params key, Vietnamese label, unit ("" plain number, "pct").
PLAIN_ITEMS = (
    ("progress.closeout_year", "Năm tổng kết (năm khảo sát gần nhất không muộn hơn)", ""),
    ("progress.horizon_year", "Năm đích của các mục tiêu giai đoạn 2026–2030", ""),
    ("progress.min_trend_years", "Số năm khảo sát tối thiểu để tính xu hướng", "năm"),
    ("progress.range_z", "Hệ số của khoảng dự báo (số lần sai số chuẩn)", "dec"),
    ("progress.min_communes_for_range", "Số xã tối thiểu để tính khoảng dự báo", "xã"),
    ("progress.plan_effect", "Tỷ lệ xã được bố trí kinh phí đạt mục tiêu vào cuối kế hoạch", "pct"),
    ("progress.last_projected_year", "Năm cuối cùng được xét khi dự báo", ""),
    ("progress.spending_tolerance", "Sai lệch chi so với kế hoạch vẫn coi là đúng kế hoạch", "pct"),
    ("progress.capacity_tolerance", "Mức thiếu so với kế hoạch vẫn coi là hoàn thành", "pct"),
)


def plain_assumptions(params: dict | None = None) -> pd.DataFrame:
    """List what the report's figures rest on, in plain Vietnamese (no params keys).

    Parameters
    ----------
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        Columns ``item_vi``, ``value_text``, ``source`` (the documents cited, in Vietnamese,
        or "Giả định").

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    from ntmplan.core.legal_sources import cited_sources
    from ntmplan.core.param_sources import lookup

    p = params_or_defaults(params)
    table = section_sources("progress", p, style="source")
    sources = dict(zip(table["key"], table["source"], strict=True))
    rows = []
    for key, label, unit in PLAIN_ITEMS:
        value = lookup(p, key)
        if unit == "pct":
            shown = fmt.percent(float(value), 0)
        elif unit == "dec":
            shown = fmt.number(float(value), 3)
        else:
            shown = f"{value} {unit}".strip()
        comment = str(sources.get(key, ""))
        cited = cited_sources(comment.replace("giả định", "assumption"))
        rows.append({"item_vi": label, "value_text": shown, "source": cited})
    return pd.DataFrame(rows, columns=["item_vi", "value_text", "source"])
