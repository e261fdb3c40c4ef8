"""What the programme phase asks of the province: its targets in words, commune groups, completion.

- :func:`targets_text` — the profile's targets as a planner reads them (source, each target's
  share and, when set per commune group, each group's minimum);
- :func:`group_table` — how many communes in scope fall in each commune group of Decision
  51/2025/QĐ-TTg (group 1, 2, 3), with the rule's source;
- :func:`completion_check` — the conditions for a province to complete the NTM task
  (``status.completion``, Decision 51/2025/QĐ-TTg Appendix III), each as a row of
  :func:`~ntmplan.tasks.status.targets.target_progress`; :func:`completion_summary` for
  ``summary_01_status.json``.
"""

from __future__ import annotations

import copy

import pandas as pd

from ntmplan.core.fmt import percent
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.status.scope import scope_mask
from ntmplan.tasks.status.targets import target_progress, thresholds_text

#: Names of the survey columns and indicators a target's minimum is set on, as a planner reads them.
CONDITION_NAMES = {
    "households_internet_smart_share": "tỷ lệ hộ có kết nối Internet và thiết bị thông minh",
    "files_online_share": "tỷ lệ hồ sơ công việc xử lý trên môi trường mạng",
    "digital_services": "số dịch vụ thiết yếu trên nền tảng số",
    "satisfaction_online": "lấy ý kiến hài lòng của người dân trực tuyến (có = 1)",
    "criterion_8_4": "đạt chỉ tiêu 8.4 (có = 1)",
    "cooperatives": "số hợp tác xã",
}


def _conditions_vi(spec: dict) -> str:
    text = thresholds_text(spec)
    for column, name in CONDITION_NAMES.items():
        text = text.replace(f"{column} ≥", f"{name} ≥")
    return text


def targets_text(params: dict | None = None) -> str:
    """Write the profile's targets for the report (Markdown list, Vietnamese).

    Parameters
    ----------
    params : dict, optional
        Resolved params (``programme.targets_source_vi``, ``status.targets``).

    Returns
    -------
    str
        The scope line (:func:`scope_text`), a line naming the source, then one bullet per
        target: its label, the share to reach and, when set, the commune's minimum (per group
        when set per group).
    """
    p = params_or_defaults(params)
    source = str(p["programme"].get("targets_source_vi") or "").strip()
    lines = [
        scope_text(p),
        "",
        f"**Mục tiêu của giai đoạn:** {source}." if source else "**Mục tiêu của giai đoạn:**",
    ]
    for spec in (p["status"].get("targets") or {}).values():
        cond = _conditions_vi(spec)
        tail = f" — xã đạt khi {cond}" if cond else ""
        lines.append(f"- {spec['label_vi']}: **{percent(float(spec['target']), 0)}**{tail}")
    return "\n".join(lines)


def scope_text(params: dict | None = None) -> str:
    """Say which units the review and the targets count, and how a province changes it.

    Parameters
    ----------
    params : dict, optional
        Resolved params (``status.scope_unit_types``).

    Returns
    -------
    str
        One Markdown line, e.g. "**Phạm vi đánh giá:** xã, đặc khu (phường …)".
    """
    kinds = list(params_or_defaults(params)["status"]["scope_unit_types"])
    zones = (
        "đặc khu được tính cùng các xã (tỉnh không tính đặc khu thì ghi "
        '`status.scope_unit_types: ["xã"]` trong tệp tham số của tỉnh)'
        if "đặc khu" in kinds
        else "đặc khu không được tính (theo tệp tham số của tỉnh)"
    )
    return (
        f"**Phạm vi đánh giá:** {', '.join(kinds)}; phường là đơn vị đô thị, không thuộc phạm vi "
        f"nông thôn mới; {zones}."
    )


def group_table(
    survey: pd.DataFrame, groups: pd.Series, params: dict | None = None
) -> pd.DataFrame:
    """Count the communes in scope of each commune group (1, 2, 3).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province.
    groups : pandas.Series
        Each row's group (:func:`ntmplan.survey.groups.commune_groups`), same index.
    params : dict, optional
        Resolved params (``status.scope_unit_types``).

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` ("Nhóm 1" …), ``communes`` (int), ``share`` (0–1 of the communes in
        scope), one row per group 1–3 (0 when none).

    Raises
    ------
    ValueError
        If ``groups`` does not share the survey's index.
    """
    p = params_or_defaults(params)
    if not groups.index.equals(survey.index):
        raise ValueError("groups must share the survey's index / nhóm xã phải cùng chỉ mục")
    in_scope = groups[scope_mask(survey, p["status"])]
    counts = in_scope.value_counts().reindex([1, 2, 3], fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "group": [f"Nhóm {g}" for g in counts.index],
            "communes": counts.to_numpy().astype("int64"),
            "share": counts.to_numpy() / total if total else [float("nan")] * 3,
        }
    )


def completion_check(
    survey: pd.DataFrame, params: dict | None = None, groups: pd.Series | None = None
) -> pd.DataFrame:
    """Check the conditions for the province to complete the NTM task (``status.completion``).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province.
    params : dict, optional
        Resolved params; ``status.completion`` has the form of ``status.targets``.
    groups : pandas.Series, optional
        Commune groups (as :func:`target_progress`).

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`target_progress`, one row per condition; empty when the profile
        sets no condition.

    Raises
    ------
    MissingColumnError, ValueError
        As :func:`target_progress`.
    """
    p = params_or_defaults(params)
    conditions = p["status"].get("completion") or {}
    if not conditions:
        return target_progress(survey, {**p, "status": {**p["status"], "targets": {}}})
    q = copy.deepcopy(p)
    q["status"]["targets"] = conditions
    return target_progress(survey, q, groups=groups)


def completion_summary(check: pd.DataFrame) -> dict | None:
    """Key figures of the completion check for ``summary_01_status.json``.

    Parameters
    ----------
    check : pandas.DataFrame
        Output of :func:`completion_check`.

    Returns
    -------
    dict or None
        ``complete`` (bool: every condition met), ``conditions_met``, ``conditions_total``
        and ``conditions`` (id → ``label_vi``, ``value``, ``target``, ``met``,
        ``communes_needed``); None when there is no condition.
    """
    if check is None or check.empty:
        return None
    rows = {
        str(r["target_id"]): {
            "label_vi": str(r["label_vi"]),
            "value": None if pd.isna(r["value"]) else round(float(r["value"]), 4),
            "target": float(r["target"]),
            "met": bool(r["met"]),
            "communes_needed": int(r["communes_needed"]),
        }
        for r in check.to_dict("records")
    }
    return {
        "complete": bool(check["met"].all()),
        "conditions_met": int(check["met"].sum()),
        "conditions_total": int(len(check)),
        "conditions": rows,
    }


def uses_groups(params: dict | None = None) -> bool:
    """Tell whether a target or completion condition of the profile is set per commune group.

    Parameters
    ----------
    params : dict, optional
        Resolved params.

    Returns
    -------
    bool
    """
    from ntmplan.core.by_group import is_by_group

    sp = params_or_defaults(params)["status"]
    specs = [*(sp.get("targets") or {}).values(), *(sp.get("completion") or {}).values()]
    return any(is_by_group(m) for s in specs for m in (s.get("conditions") or {}).values())


def groups_of(survey: pd.DataFrame, params: dict | None = None) -> pd.Series:
    """Each commune's group (1, 2, 3) by the rule of Decision 51/2025/QĐ-TTg.

    Parameters
    ----------
    survey : pandas.DataFrame
    params : dict, optional
        Resolved params (``survey.groups``).

    Returns
    -------
    pandas.Series
        As :func:`ntmplan.survey.groups.commune_groups`.

    Raises
    ------
    ParamsError, InputError
        As :func:`ntmplan.survey.groups.commune_groups`.
    """
    from ntmplan.survey.groups import commune_groups

    return commune_groups(survey, params)
