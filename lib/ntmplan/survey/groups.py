"""The commune group of the 2026–2030 national NTM criteria (Decision 51/2025/QĐ-TTg).

Decision 51/2025/QĐ-TTg (29/12/2025) sets every criterion separately for three groups:

- **group 1** — communes adjacent to an existing urban area and oriented to urbanise,
  communes whose agriculture is under 10% of the local economy, and communes designated
  as a new urban area;
- **group 3** — region II and III communes of ethnic-minority and mountainous areas;
- **group 2** — all other communes.

:func:`commune_groups` applies that rule to the survey's optional columns
(``commune_group``, ``ethnic_region``, ``urban_oriented``, ``agriculture_share``); its
figures (the 10% line, the regions of group 3, which group wins when two apply, the group
of a commune without information) are read from ``survey.groups`` in the params.

Precedence (giả định, ``survey.groups.precedence``): a commune that is both a region II/III
commune and, say, peri-urban is put in group 3 by default — the decision's text on such
overlaps was not available to us, and region II/III is the more targeted status.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import ParamsError, Problem
from ntmplan.core.params import params_or_defaults

#: Group → its short Vietnamese description (for reports).
GROUP_LABELS_VI = {
    1: "Nhóm 1 — xã ven đô thị, định hướng đô thị hóa, nông nghiệp dưới 10% hoặc quy hoạch đô thị mới",
    2: "Nhóm 2 — các xã còn lại",
    3: "Nhóm 3 — xã khu vực II, III vùng đồng bào dân tộc thiểu số và miền núi",
}
#: Survey columns the rule reads (all optional; a missing column counts as empty).
GROUP_COLUMNS = ("commune_group", "ethnic_region", "urban_oriented", "agriculture_share")


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """Return a numeric view of an optional column (NaN where empty or absent)."""
    if name not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype="float64")
    return pd.to_numeric(frame[name], errors="coerce").astype("float64")


def _group_params(params: dict | None) -> dict:
    gp = params_or_defaults(params).get("survey", {}).get("groups")
    if not isinstance(gp, dict):
        raise ParamsError(
            [
                Problem(
                    None,
                    None,
                    "survey.groups",
                    None,
                    "Thiếu mục tham số 'survey.groups' (quy tắc nhóm xã)",
                    "params have no 'survey.groups' section (the commune-group rule)",
                )
            ]
        )
    order = [int(g) for g in gp.get("precedence", [3, 1])]
    if sorted(order) != [1, 3]:
        raise ParamsError(
            [
                Problem(
                    None,
                    None,
                    "survey.groups.precedence",
                    gp.get("precedence"),
                    "Thứ tự ưu tiên phải gồm đúng hai nhóm 1 và 3 (ví dụ [3, 1])",
                    "precedence must list exactly groups 1 and 3 (e.g. [3, 1])",
                )
            ]
        )
    return gp


def commune_groups(frame: pd.DataFrame, params: dict | None = None) -> pd.Series:
    """Return each commune's group (1, 2 or 3) under Decision 51/2025/QĐ-TTg.

    The rule, row by row (vectorised):

    1. a ``commune_group`` given directly (1–3) wins;
    2. otherwise the groups of ``survey.groups.precedence`` are tried in order (default
       ``[3, 1]``): group 3 when ``ethnic_region`` is one of
       ``survey.groups.group_3_ethnic_regions`` (default II and III); group 1 when
       ``urban_oriented`` is yes or ``agriculture_share`` is strictly below
       ``survey.groups.agriculture_share_below`` (0.10: exactly 10% is *not* under 10%);
    3. otherwise ``survey.groups.default_group`` (2), also when no column gives any
       information.

    Parameters
    ----------
    frame : pandas.DataFrame
        Survey rows; the columns of :data:`GROUP_COLUMNS` are all optional (absent or
        empty cells count as "no information"; ``ethnic_region`` 0 = not in such an area).
    params : dict, optional
        Resolved params (``survey.groups``); ``None`` means the defaults.

    Returns
    -------
    pandas.Series
        int64 values 1, 2 or 3, named ``commune_group``, same index as ``frame``.

    Raises
    ------
    ParamsError
        If ``survey.groups`` is missing or its precedence does not list groups 1 and 3.
    """
    gp = _group_params(params)
    direct = _column(frame, "commune_group")
    region = _column(frame, "ethnic_region")
    urban = _column(frame, "urban_oriented")
    agri = _column(frame, "agriculture_share")
    tests = {
        3: region.isin([float(r) for r in gp["group_3_ethnic_regions"]]).to_numpy(),
        1: ((urban == 1.0) | (agri < float(gp["agriculture_share_below"]))).to_numpy(),
    }
    out = np.full(len(frame), int(gp["default_group"]), dtype=np.int64)
    decided = np.zeros(len(frame), dtype=bool)
    for group in [int(g) for g in gp["precedence"]]:
        hit = tests[group] & ~decided
        out[hit] = group
        decided |= hit
    given = direct.isin([1.0, 2.0, 3.0]).to_numpy()
    out[given] = direct.to_numpy()[given].astype(np.int64)
    return pd.Series(out, index=frame.index, name="commune_group")
