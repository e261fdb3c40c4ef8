"""The national close-out of 2021–2025, from each province's progress summary (notebook 07)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.summaries import read_summary
from ntmplan.tasks.national.folders import province_folders

#: Summary of the progress workbook.
PROGRESS_NOTEBOOK = "07_progress"


def read_progress(outputs_root: str | Path) -> dict[str, dict]:
    """Read the progress summary of every province folder that has one.

    Parameters
    ----------
    outputs_root : str or Path

    Returns
    -------
    dict of str to dict
        Province code → ``summary_07_progress.json`` (provinces without one left out).
    """
    out = {}
    for code, folder in province_folders(outputs_root):
        s = read_summary(folder, PROGRESS_NOTEBOOK)
        if s:
            out[code] = s
    return out


def closeout_table(progress: dict[str, dict]) -> pd.DataFrame:
    """One row per province: targets met of the 2025 close-out, those missed, communes short.

    Sorted so the provinces needing attention come first (fewest targets met, then most
    communes short, then code).

    Parameters
    ----------
    progress : dict of str to dict
        From :func:`read_progress`.

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province_name``, ``year``, ``targets_met``, ``targets_total``,
        ``targets_missed`` (labels, "; "-separated), ``communes_short`` (sum over targets).
    """
    rows = []
    for code, s in progress.items():
        closeout = s.get("closeout") or {}
        missed = [v.get("label_vi", k) for k, v in closeout.items() if not v.get("met")]
        years = [v.get("year") for v in closeout.values() if v.get("year") is not None]
        rows.append(
            {
                "province_code": code,
                "province_name": s.get("province_name", code),
                "year": max(years) if years else None,
                "targets_met": int(s.get("targets_met", 0)),
                "targets_total": int(s.get("targets_total", 0)),
                "targets_missed": "; ".join(missed),
                "communes_short": int(
                    sum(int(v.get("communes_short", 0)) for v in closeout.values())
                ),
            }
        )
    cols = [
        "province_code",
        "province_name",
        "year",
        "targets_met",
        "targets_total",
        "targets_missed",
        "communes_short",
    ]
    out = pd.DataFrame(rows, columns=cols)
    out["missed_n"] = out["targets_total"] - out["targets_met"]
    out = out.sort_values(
        ["missed_n", "communes_short", "province_code"], ascending=[False, False, True]
    )
    return out.drop(columns="missed_n").reset_index(drop=True)


def closeout_counts(progress: dict[str, dict]) -> pd.DataFrame:
    """Per 2025 target: how many provinces met it and how many did not.

    Parameters
    ----------
    progress : dict of str to dict
        From :func:`read_progress`.

    Returns
    -------
    pandas.DataFrame
        ``label_vi``, ``target``, ``provinces``, ``provinces_met``, ``provinces_not_met``,
        ``communes_short`` (sum), in the order the targets first appear.
    """
    rows = [
        {
            "target_id": tid,
            "label_vi": v.get("label_vi", tid),
            "target": v.get("target"),
            "met": bool(v.get("met")),
            "communes_short": int(v.get("communes_short", 0)),
        }
        for s in progress.values()
        for tid, v in (s.get("closeout") or {}).items()
    ]
    if not rows:
        return pd.DataFrame(
            columns=[
                "label_vi",
                "target",
                "provinces",
                "provinces_met",
                "provinces_not_met",
                "communes_short",
            ]
        )
    frame = pd.DataFrame(rows)
    g = frame.groupby("target_id", sort=False)
    out = g.agg(
        label_vi=("label_vi", "first"),
        target=("target", "first"),
        provinces=("met", "size"),
        provinces_met=("met", "sum"),
        communes_short=("communes_short", "sum"),
    ).reset_index(drop=True)
    out["provinces_not_met"] = out["provinces"] - out["provinces_met"]
    return out[
        ["label_vi", "target", "provinces", "provinces_met", "provinces_not_met", "communes_short"]
    ].astype({"provinces_met": "int64", "provinces_not_met": "int64"})


#: Vietnamese labels of the close-out and at-risk tables of the national page.
PROGRESS_LABELS: dict[str, str] = {
    "province_name": "Tỉnh/thành phố",
    "year": "Năm khảo sát",
    "targets_met": "Số mục tiêu đạt",
    "targets_total": "Số mục tiêu",
    "targets_missed": "Mục tiêu chưa đạt",
    "communes_short": "Số xã còn thiếu",
    "label_vi": "Mục tiêu",
    "target": "Mức mục tiêu",
    "provinces": "Số tỉnh có số liệu",
    "provinces_met": "Số tỉnh đạt",
    "provinces_not_met": "Số tỉnh chưa đạt",
    "provinces_at_risk": "Số tỉnh có nguy cơ không đạt",
    "last_value": "Giá trị năm khảo sát cuối",
    "gap": "Còn cách mục tiêu",
    "status_vi": "Đánh giá theo xu hướng",
    "year_plan_text": "Năm đạt theo kế hoạch có kinh phí",
    "targets_at_risk": "Số mục tiêu có nguy cơ của tỉnh",
}
#: Columns of those tables holding 0–1 shares.
PROGRESS_KINDS: dict[str, str] = {"target": "share", "last_value": "share", "gap": "share"}
