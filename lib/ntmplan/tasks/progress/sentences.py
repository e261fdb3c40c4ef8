"""The sentences of the close-out report (Vietnamese), from the key figures."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.params import params_or_defaults


def _names(items: list[str]) -> str:
    return "; ".join(items) if items else "không có"


def report_sentences(
    key_figures: dict, closeout: pd.DataFrame, funded: int, plan_end: int, params=None
) -> dict[str, list[str]]:
    """Write the report's paragraphs: close-out, pilots, money, projection.

    Parameters
    ----------
    key_figures : dict
        From :func:`ntmplan.tasks.progress.summary`.
    closeout : pandas.DataFrame
        From :func:`ntmplan.tasks.progress.closeout_targets`.
    funded : int
        Communes whose gaps the budget funds (03).
    plan_end : int
        Last year of the funded plan.
    params : dict, optional

    Returns
    -------
    dict of str to list of str
        ``closeout``, ``pilots``, ``money``, ``projection``.
    """
    p = params_or_defaults(params)["progress"]
    missed = closeout[~closeout["met"]]
    missed_text = [
        f"{r.label_vi} ({fmt.percent(r.value)} so với mục tiêu {fmt.percent(r.target, 0)}, "
        f"còn thiếu {r.communes_short} xã)"
        for r in missed.itertuples(index=False)
    ]
    year = int(closeout["year"].max()) if len(closeout) else p["closeout_year"]
    out = {
        "closeout": [
            f"Theo số liệu khảo sát năm {year}, tỉnh đạt {key_figures['targets_met']}/"
            f"{key_figures['targets_total']} mục tiêu năm {p['closeout_year']} của Quyết định "
            "số 924/QĐ-TTg. Một tỉnh có giá trị bằng đúng mục tiêu được tính là đạt.",
            f"Các mục tiêu chưa đạt: {_names(missed_text)}.",
        ],
        "pilots": [
            "Bảng dưới liệt kê các xã thí điểm do tỉnh chọn trong kế hoạch và các xã thí điểm do "
            "Trung ương chỉ đạo thuộc địa bàn tỉnh (theo đơn vị hành chính từ 01/7/2025)."
        ],
        "money": [
            "Số kế hoạch lấy từ kế hoạch kinh phí của tỉnh; số thực chi và số đã đào tạo do Văn "
            "phòng Điều phối cung cấp (chưa có thì để trống)."
        ],
    }
    risk = [v["label_vi"] for v in key_figures["projection"].values() if v["at_risk"]]
    plan_note = (
        f"Kế hoạch có kinh phí bố trí khắc phục thiếu hụt cho {funded} xã đến năm {plan_end}."
        if funded and plan_end > max(key_figures["survey_years"] or [0])
        else "Kế hoạch có kinh phí đã kết thúc hoặc chưa có: dự báo theo kế hoạch bằng dự báo theo "
        "xu hướng."
    )
    out["projection"] = [
        f"Dự báo dựa trên {len(key_figures['survey_years'])} năm khảo sát "
        f"({'; '.join(str(y) for y in key_figures['survey_years'])}). {plan_note}",
        f"Số mục tiêu đến năm {p['horizon_year']} có nguy cơ không đạt: {len(risk)} "
        f"({_names(risk)}).",
    ]
    return out
