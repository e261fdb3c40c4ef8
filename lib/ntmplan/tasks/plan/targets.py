"""Section III (targets): the profile's commune-level targets against the province (01, 02)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.by_group import describe_by_group, is_by_group
from ntmplan.core.summaries import chosen_pilots, nested_get
from ntmplan.tasks.plan.formatting import fmt_number, fmt_percent
from ntmplan.tasks.plan.labels import NOT_AVAILABLE
from ntmplan.tasks.plan.section import Section, captioned, unavailable_text


def targets_basis(p: dict) -> str:
    """Name the source of the commune-level targets of the profile in force.

    Parameters
    ----------
    p : dict
        Resolved params (``programme.targets_source_vi``).

    Returns
    -------
    str
        e.g. "Quyết định 924/QĐ-TTg (mục tiêu đến năm 2025)".
    """
    return str(nested_get(p, "programme", "targets_source_vi", default="") or "").strip()


#: How the province value of a target is computed (column "Cách tính"), by ``status.targets.<id>.kind``
#: (a ``weighted_mean`` names its weight column).
MEASURE_VI = {
    "": "Tỷ lệ xã đạt",
    "communes_share": "Tỷ lệ xã đạt",
    "weighted_mean": "Bình quân gia quyền",
}
#: Weight columns of a ``weighted_mean`` target, as a planner reads them.
WEIGHT_VI = {"officials": "Gia quyền theo số cán bộ", "households": "Gia quyền theo số hộ"}


def measure_vi(spec: dict) -> str:
    """Name how a target's province value is computed ("tỷ lệ xã đạt" unless its kind says otherwise).

    Parameters
    ----------
    spec : dict
        ``status.targets.<id>`` (``kind``, and ``weight`` for a weighted mean).

    Returns
    -------
    str
    """
    kind = str(spec.get("kind") or "")
    if kind == "weighted_mean" and str(spec.get("weight")) in WEIGHT_VI:
        return WEIGHT_VI[str(spec["weight"])]
    return MEASURE_VI.get(kind, MEASURE_VI[""])


def group_thresholds_vi(spec: dict) -> str:
    """Write the minimums a target sets per commune group ("" when none is set per group).

    Parameters
    ----------
    spec : dict
        ``status.targets.<id>`` (``conditions``: column → one number or one per group).

    Returns
    -------
    str
        e.g. "ngưỡng theo nhóm xã: Nhóm 1: 80%; Nhóm 2: 70%; Nhóm 3: 50%".
    """
    parts = [
        describe_by_group(m, percent=str(c).endswith("share"))
        for c, m in (spec.get("conditions") or {}).items()
        if is_by_group(m)
    ]
    return f"ngưỡng theo nhóm xã: {' | '.join(parts)}" if parts else ""


def _status_target_rows(p: dict, s01: dict | None, key: str = "targets") -> list[dict]:
    targets_p = nested_get(p, "status", key, default={})
    found = nested_get(s01 or {}, key, default={})
    if key == "completion":
        found = nested_get(found or {}, "conditions", default={})
    rows = []
    for tid, spec in targets_p.items():
        t = found.get(tid) if isinstance(found, dict) and isinstance(found.get(tid), dict) else {}
        met = t.get("met")
        rows.append(
            {
                "Chỉ tiêu / target": spec.get("label_vi", tid),
                "Mục tiêu / target": fmt_percent(spec.get("target"), 0),
                "Hiện trạng của tỉnh / province value": fmt_percent(t.get("value")),
                "Cách tính / measure": "; ".join(
                    t for t in (measure_vi(spec), group_thresholds_vi(spec)) if t
                ),
                "Đánh giá / status": NOT_AVAILABLE
                if met is None
                else ("Đạt" if met else "Chưa đạt"),
                "Số xã cần đạt thêm / more communes needed": fmt_number(t.get("communes_needed"))
                if t
                else NOT_AVAILABLE,
            }
        )
    return rows


def _smart_pilot_row(p: dict, s02: dict | None) -> dict:
    number = int(nested_get(p, "pilots", "types", "smart_commune", "number", default=1))
    chosen = chosen_pilots(s02, "smart_commune")
    n_ok = sum(1 for c in chosen if c.get("eligible"))
    return {
        "Chỉ tiêu / target": "Số mô hình xã nông thôn mới thông minh thí điểm của tỉnh",
        "Mục tiêu / target": f"≥ {number} xã",
        "Hiện trạng của tỉnh / province value": (
            f"{len(chosen)} xã được chọn, {n_ok} xã đủ điều kiện"
            if s02 is not None
            else NOT_AVAILABLE
        ),
        "Cách tính / measure": "Số xã",
        "Đánh giá / status": (
            NOT_AVAILABLE
            if s02 is None
            else (
                "Đạt" if nested_get(s02, "smart_target_met", default=n_ok >= number) else "Chưa đạt"
            )
        ),
        "Số xã cần đạt thêm / more communes needed": fmt_number(max(0, number - n_ok))
        if s02 is not None
        else NOT_AVAILABLE,
    }


def completion_table(p: dict, s01: dict | None) -> pd.DataFrame:
    """The conditions for the province to complete the NTM task and where it stands (from 01).

    Parameters
    ----------
    p : dict
        Resolved params (``status.completion``: Decision 51/2025/QĐ-TTg Appendix III).
    s01 : dict or None
        The 01 summary (``completion.conditions``).

    Returns
    -------
    pandas.DataFrame
        Captioned; the columns of the targets table, one row per condition.
    """
    rows = _status_target_rows(p, s01, "completion")
    done = nested_get(s01 or {}, "completion", "complete", default=None)
    verdict = "" if done is None else (" — tỉnh đã đạt" if done else " — tỉnh chưa đạt")
    return captioned(
        pd.DataFrame(rows),
        "Bảng 4b. Điều kiện tỉnh hoàn thành nhiệm vụ xây dựng nông thôn mới "
        f"(Quyết định 51/2025/QĐ-TTg, Phụ lục III){verdict}",
    )


def targets_section(ctx: dict, p: dict) -> Section:
    """Build section III: each target, the province's value, and the smart-commune pilot row.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params (``status.targets``, ``pilots.types.smart_commune.number``).

    Returns
    -------
    Section
        Not available when 01 has not run (the targets from params are still listed).
    """
    s01 = ctx["summaries"]["01_status"]
    s02 = ctx["summaries"]["02_pilots"]
    end_year = nested_get(p, "programme", "end_year", default="")
    sec = Section(
        "targets",
        "III. MỤC TIÊU",
        notebooks=("01_status", "02_pilots"),
        params_used=("status.targets", "status.completion", "pilots.types.smart_commune.number"),
    )
    sec.paragraphs = [
        f"Đến năm {end_year}, tỉnh phấn đấu đạt các mục tiêu của Chương trình ở cấp xã, theo {targets_basis(p)}; "
        "bảng dưới so sánh giá trị hiện tại của tỉnh với từng mục tiêu và số xã cần đạt thêm. "
        "Giá trị của tỉnh ở bảng này là tỷ lệ xã đạt (mỗi xã tính một lần, như cách tính mục tiêu), "
        "khác với bình quân gia quyền theo số hộ ở các bảng hiện trạng."
    ]
    rows = _status_target_rows(p, s01)
    rows.append(_smart_pilot_row(p, s02))
    sec.tables.append(
        captioned(
            pd.DataFrame(rows),
            f"Bảng 4. Mục tiêu đến năm {end_year} và hiện trạng của tỉnh (tỷ lệ xã đạt)",
        )
    )
    if nested_get(p, "status", "completion", default={}):
        sec.tables.append(completion_table(p, s01))
    if s01 is None:
        sec.available = False
        sec.paragraphs.append(unavailable_text(["01_status"]))
    elif s02 is None:
        sec.paragraphs.append(unavailable_text(["02_pilots"]))
    return sec
