"""The chosen smart villages in the documents an office issues (registration letter, annex).

Guidance 3a lets the province decide its own smart "xã/thôn" models; the registration letter
(:mod:`ntmplan.tasks.pilots.letter`) names them after the communes it registers, and its annex
lists them in a second table. Everything here is Vietnamese, numbers the Vietnamese way.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt

#: Annex columns of the villages: column of ``village_registration`` → Vietnamese header.
VILLAGE_ANNEX_COLUMNS: dict[str, str] = {
    "village_name": "Tên thôn",
    "village_commune_name": "Xã",
    "sector_vi": "Lĩnh vực nổi bật",
    "eligible": "Đủ điều kiện",
    "missing_vi": "Còn thiếu",
    "score": "Điểm (0–100)",
    "share_households_internet": "Tỷ lệ hộ có Internet",
    "share_households_smart_device": "Tỷ lệ hộ có thiết bị thông minh",
    "fixed_broadband": "Cáp quang",
    "mobile_broadband": "4G/5G",
}
_SHARES = ("share_households_internet", "share_households_smart_device")
_FLAGS = ("eligible", "fixed_broadband", "mobile_broadband")


def village_annex_table(villages: pd.DataFrame) -> pd.DataFrame:
    """Return the chosen villages as the annex table: TT, Vietnamese headers and values.

    Parameters
    ----------
    villages : pandas.DataFrame
        Output of :func:`ntmplan.tasks.pilots.village_registration`.

    Returns
    -------
    pandas.DataFrame
        Text cells only ("có"/"không", percentages, score with a decimal comma).
    """
    cols = [c for c in VILLAGE_ANNEX_COLUMNS if c in villages.columns]
    out = villages[cols].copy().reset_index(drop=True)
    for col in _SHARES:
        if col in out.columns:
            out[col] = [fmt.percent(v) if pd.notna(v) else "" for v in out[col]]
    for col in _FLAGS:
        if col in out.columns:
            out[col] = out[col].map({True: "có", False: "không"}).fillna("")
    if "score" in out.columns:
        out["score"] = [fmt.number(v, 1) if pd.notna(v) else "" for v in out["score"]]
    if "missing_vi" in out.columns:
        out["missing_vi"] = out["missing_vi"].fillna("").replace("", "không")
    out.insert(0, "TT", [str(i) for i in range(1, len(out) + 1)])
    return out.rename(columns=VILLAGE_ANNEX_COLUMNS)


def village_sentence(villages: pd.DataFrame, label_vi: str) -> str:
    """Return the letter's sentence naming the province's chosen smart villages.

    Parameters
    ----------
    villages : pandas.DataFrame
        Output of :func:`ntmplan.tasks.pilots.village_registration` (not empty).
    label_vi : str
        Name of the model (``pilots.village.label_vi``).

    Returns
    -------
    str
    """
    names = "; ".join(
        f"{v} ({c[:1].lower() + c[1:]})"
        for v, c in zip(villages["village_name"], villages["village_commune_name"], strict=True)
    )
    model = label_vi[:1].lower() + label_vi[1:]
    return (
        f"- Đồng thời, theo mục 3a của Hướng dẫn, tỉnh chọn {fmt.number(len(villages))} thôn "
        f"xây dựng mô hình {model} của tỉnh: {names} (Bảng 2 của Phụ lục)."
    )
