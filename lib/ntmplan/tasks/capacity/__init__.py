"""Training, communication and support-policy plan (guidance tasks 2, 4 and 6; notebook 04).

Pure functions: survey frame + resolved params (section ``capacity`` and the
programme years) in, DataFrames out. Every size, share, class size, price and
allowance comes from ``params["capacity"]``; the guidance gives no prices, so
every amount is a planner's assumption in million VND (see the comments in
``params/defaults.yaml`` and :func:`assumptions`).

Pipeline::

    target_groups(survey) ─► training_plan(survey) ─► training_calendar(plan)
    curriculum()             communication_plan(survey)    support_policy_costs(survey)
                      └───────────────► budget_lines(plan, comm, policy) ◄──┘

:func:`build` runs all of them; :func:`summary` turns the result into the
JSON-serialisable key figures written to ``summary_04_capacity.json``.

Summary keys (the interface read by the budget notebook 03 and the plan notebook 06)
-------------------------------------------------------------------------------------
``plan_years``
    ``[first, last]`` year of the plan.
``n_communes``
    Communes in scope (unit types ``capacity.scope_unit_types``).
``groups``
    ``{group: {"name_vi", "size", "size_source", "participants", "classes", "class_days", "cost_mvnd"}}``
    (participants = participant-places summed over years, one per person and year).
``participants_total``, ``classes_total``, ``class_days_total``
    Training totals over the plan (classes and class-days summed over topics).
``coverage``
    ``{group: {"size", "trained_once", "share", "target", "met"}}`` for groups with a coverage target.
``officials_all_trained``
    True when every commune official is trained at least once in the period (``coverage.officials.met``).
``calendar_overflow_class_days``
    Class-days that did not fit the trainer capacity (0 when the calendar fits).
``calendar_within_capacity``
    True when no quarter of a limited trainer pool exceeds its capacity and nothing is unscheduled.
``peak_quarter_utilisation``
    Highest share of a limited pool's quarterly capacity used (0–1).
``allowance_members``
    Community technology team members paid an allowance (per year, first plan year).
``training_cost_mvnd``, ``communication_cost_mvnd``, ``support_policy_cost_mvnd``, ``total_mvnd``
    Totals over the plan years, million VND.
``totals_by_activity``
    ``{"training": …, "communication": …, "support_policy": …}`` million VND.
``totals_by_year``
    ``{"2021": …}`` million VND, all three activities.
``budget_lines``
    List of ``{"activity", "year", "cost_mvnd"}`` records, activity one of
    ``training``, ``communication``, ``support_policy`` — the rows of :func:`budget_lines`.
    Their sum per activity equals the plan's totals above.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pandas as pd

from ntmplan.core.errors import InputError, ParamsError, Problem

#: Activities of :func:`budget_lines` (the budget notebook's activity codes) with Vietnamese labels.
ACTIVITIES: dict[str, str] = {
    "training": "Đào tạo, tập huấn / training",
    "communication": "Truyền thông / communication",
    "support_policy": "Chính sách hỗ trợ / support policies",
}

#: English column name → Vietnamese label for every output column of this module.
LABELS: dict[str, str] = {
    "year": "Năm / year",
    "quarter": "Quý / quarter",
    "period": "Kỳ / period",
    "group": "Mã nhóm / group",
    "group_vi": "Nhóm đối tượng / target group",
    "size": "Quy mô nhóm (người) / group size",
    "size_source": "Nguồn số liệu quy mô / size source",
    "source_type": "Loại nguồn / source type",
    "topic": "Mã chủ đề / topic",
    "topic_vi": "Chủ đề / topic",
    "guidance_item": "Nội dung hướng dẫn đáp ứng / guidance item",
    "mode": "Mã hình thức / mode code",
    "mode_vi": "Hình thức / delivery mode",
    "trainer_pool": "Mã lực lượng giảng dạy / trainer pool code",
    "trainer_pool_vi": "Lực lượng giảng dạy / trainer pool",
    "participants_planned": "Học viên theo tỷ lệ năm / participants by yearly share",
    "top_up": "Bổ sung để đạt mục tiêu bao phủ / top-up for coverage",
    "participants": "Số học viên / participants",
    "class_size": "Sĩ số lớp / class size",
    "classes": "Số lớp / classes",
    "days_per_class": "Số ngày mỗi lớp / days per class",
    "days": "Số ngày-lớp / class-days",
    "class_days": "Số ngày-lớp / class-days",
    "total": "Tổng / total",
    "class_cost_mvnd": "Chi phí tổ chức lớp (triệu đồng) / class cost (million VND)",
    "participant_cost_mvnd": "Hỗ trợ học viên (triệu đồng) / participant support (million VND)",
    "materials_mvnd": "Biên soạn tài liệu (triệu đồng) / materials (million VND)",
    "cost_mvnd": "Kinh phí (triệu đồng) / cost (million VND)",
    "scheduled": "Đã xếp lịch / scheduled",
    "capacity_class_days": "Năng lực giảng dạy (ngày-lớp) / capacity (class-days)",
    "utilisation": "Tỷ lệ sử dụng năng lực / utilisation",
    "within_capacity": "Trong năng lực / within capacity",
    "overflow_class_days": "Ngày-lớp vượt năng lực / overflow class-days",
    "trained_once": "Số người được đào tạo ít nhất 1 lần / trained at least once",
    "coverage": "Tỷ lệ bao phủ / coverage",
    "target": "Mục tiêu bao phủ / coverage target",
    "met": "Đạt mục tiêu / target met",
    "channel": "Mã kênh / channel",
    "channel_vi": "Kênh truyền thông / channel",
    "unit_vi": "Đơn vị tính / unit",
    "quantity": "Số lượng / quantity",
    "unit_cost_mvnd": "Đơn giá (triệu đồng) / unit cost (million VND)",
    "reach": "Lượt người tiếp cận ước tính / estimated reach",
    "item": "Mã nội dung / item",
    "item_vi": "Nội dung hỗ trợ / support item",
    "basis": "Cách tính / basis",
    "members": "Số thành viên hưởng phụ cấp / members paid",
    "activity": "Mã hoạt động / activity",
    "activity_vi": "Hoạt động / activity",
    "key": "Tham số / parameter",
    "value": "Giá trị / value",
    "source": "Nguồn, giả định / source or assumption",
}

#: Survey columns used by this module whatever the group definitions say.
_BASE_COLUMNS = ("commune_code", "unit_type", "villages")

_EPS = 1e-9


class CapacityError(InputError):
    """The trainer capacity of a year cannot hold its classes (raised when ``capacity.on_overflow`` is ``raise``)."""


# ---------------------------------------------------------------- helpers


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def _ceil(values):
    """Round up, ignoring float noise (0.2 × 2300 = 460.00000000000006 → 460)."""
    return np.ceil(np.asarray(values, dtype=float) - _EPS).astype("int64")


def _ceil_one(value: float) -> int:
    return int(math.ceil(float(value) - _EPS))


def _problem(key: str, value, vi: str, en: str) -> Problem:
    return Problem("params", None, key, value, vi, en)


def _require_columns(df: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in dict.fromkeys(columns) if c not in df.columns]
    if missing:
        raise InputError(
            [
                Problem(
                    None,
                    None,
                    col,
                    None,
                    f"Thiếu cột '{col}' trong bảng {what}",
                    f"missing column '{col}' in the {what} table",
                )
                for col in missing
            ]
        )


def _scope(survey: pd.DataFrame, cfg: dict) -> pd.DataFrame:
    return survey[survey["unit_type"].isin(cfg["scope_unit_types"])]


def plan_years(params: dict | None = None) -> list[int]:
    """Return the years the plan covers.

    From ``capacity.plan_start_year`` (0 = ``programme.start_year``) to
    ``programme.end_year``.

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    list of int

    Raises
    ------
    ParamsError
        If the plan start lies outside the programme period.
    """
    params = _params(params)
    start, end = int(params["programme"]["start_year"]), int(params["programme"]["end_year"])
    first = int(params["capacity"].get("plan_start_year") or 0) or start
    if not start <= first <= end:
        raise ParamsError(
            [
                _problem(
                    "capacity.plan_start_year",
                    first,
                    f"Năm bắt đầu kế hoạch phải nằm trong giai đoạn {start}–{end}",
                    f"plan start year must lie within the programme period {start}–{end}",
                )
            ]
        )
    return list(range(first, end + 1))


def _check_training_params(cfg: dict) -> None:
    """Collect every problem in the groups/topics/pools params and raise them together."""
    problems: list[Problem] = []
    topics, pools, modes = cfg["topics"], cfg["trainer_pools"], cfg["modes"]
    for name, pool in pools.items():
        for key in ("class_days_per_quarter", "class_days_per_quarter_per_100_communes"):
            caps = pool.get(key, [0, 0, 0, 0])
            ok = isinstance(caps, list) and len(caps) == 4
            if not ok or any(
                isinstance(c, bool) or not isinstance(c, (int, float)) or c < 0 for c in caps
            ):
                problems.append(
                    _problem(
                        f"capacity.trainer_pools.{name}.{key}",
                        caps,
                        "Cần 4 số không âm (quý 1–4)",
                        "needs 4 non-negative numbers (Q1–Q4)",
                    )
                )
    if cfg.get("on_overflow") not in ("flag", "raise"):
        problems.append(
            _problem(
                "capacity.on_overflow",
                cfg.get("on_overflow"),
                "Chỉ nhận 'flag' hoặc 'raise'",
                "must be 'flag' or 'raise'",
            )
        )
    for g, grp in cfg["groups"].items():
        key = f"capacity.groups.{g}"
        for t in grp["topics"]:
            if t not in topics:
                problems.append(
                    _problem(
                        f"{key}.topics",
                        t,
                        "Chủ đề không có trong capacity.topics",
                        "topic not in capacity.topics",
                    )
                )
        if grp["trainer_pool"] not in pools:
            problems.append(
                _problem(
                    f"{key}.trainer_pool",
                    grp["trainer_pool"],
                    "Không có lực lượng giảng dạy này",
                    "unknown trainer pool",
                )
            )
        if grp["mode"] not in modes:
            problems.append(
                _problem(
                    f"{key}.mode", grp["mode"], "Không có hình thức này", "unknown delivery mode"
                )
            )
        if int(grp["class_size"]) < 1:
            problems.append(
                _problem(
                    f"{key}.class_size",
                    grp["class_size"],
                    "Sĩ số lớp phải ≥ 1",
                    "class size must be ≥ 1",
                )
            )
        if float(grp["days_per_class"]) <= 0:
            problems.append(
                _problem(
                    f"{key}.days_per_class",
                    grp["days_per_class"],
                    "Số ngày mỗi lớp phải > 0",
                    "days per class must be > 0",
                )
            )
        if not 0.0 <= float(grp["min_coverage"]) <= 1.0:
            problems.append(
                _problem(
                    f"{key}.min_coverage",
                    grp["min_coverage"],
                    "Phải trong khoảng 0–1",
                    "must lie in 0–1",
                )
            )
        shares = [grp["share_per_year"], *grp.get("share_by_year", {}).values()]
        if any(float(s) < 0 for s in shares):
            problems.append(
                _problem(
                    f"{key}.share_per_year",
                    shares,
                    "Tỷ lệ đào tạo không được âm",
                    "shares must not be negative",
                )
            )
        for field in (
            "cost_per_class_day_mvnd",
            "cost_per_participant_day_mvnd",
            "size_per_commune",
            "size_per_village",
        ):
            if float(grp[field]) < 0:
                problems.append(
                    _problem(f"{key}.{field}", grp[field], "Không được âm", "must not be negative")
                )
    if problems:
        raise ParamsError(problems)


# ---------------------------------------------------------------- target groups


def target_groups(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Size every training target group of guidance task 4 for the communes in scope.

    Size = Σ survey column × persons per unit (``size_columns``) + ``size_per_commune``
    × communes + ``size_per_village`` × villages, rounded up to whole persons.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province (one survey year).
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        One row per group in params order: ``group``, ``group_vi``, ``size`` (int),
        ``size_source`` (Vietnamese text naming the survey columns or the params
        assumption), ``source_type`` (``survey``, ``params`` or ``survey+params``).

    Raises
    ------
    InputError
        If a survey column the groups need is missing.
    ParamsError
        If the group params are inconsistent.
    """
    params = _params(params)
    cfg = params["capacity"]
    _check_training_params(cfg)
    needed = list(_BASE_COLUMNS) + [c for g in cfg["groups"].values() for c in g["size_columns"]]
    _require_columns(survey, needed, "khảo sát / survey")
    scope = _scope(survey, cfg)
    n_communes = len(scope)
    n_villages = float(scope["villages"].sum())
    rows = []
    for g, grp in cfg["groups"].items():
        size = 0.0
        parts, kinds = [], []
        for col, per in grp["size_columns"].items():
            size += float(scope[col].sum()) * float(per)
            parts.append(f"khảo sát: cột {col} × {float(per):g} người / survey column")
            kinds.append("survey")
        if float(grp["size_per_commune"]):
            size += float(grp["size_per_commune"]) * n_communes
            parts.append(
                f"tham số: {float(grp['size_per_commune']):g} người/xã × {n_communes} xã (giả định) / params assumption"
            )
            kinds.append("params")
        if float(grp["size_per_village"]):
            size += float(grp["size_per_village"]) * n_villages
            parts.append(
                f"tham số: {float(grp['size_per_village']):g} người/thôn × {n_villages:g} thôn (giả định) / params assumption"
            )
            kinds.append("params")
        rows.append(
            {
                "group": g,
                "group_vi": grp["name_vi"],
                "size": _ceil_one(size),
                "size_source": "; ".join(parts)
                if parts
                else "không có nguồn (quy mô 0) / no source (size 0)",
                "source_type": "+".join(
                    dict.fromkeys(sorted(kinds, key=["survey", "params"].index))
                )
                or "params",
            }
        )
    return pd.DataFrame(
        rows, columns=["group", "group_vi", "size", "size_source", "source_type"]
    ).astype({"size": "int64"})


# ---------------------------------------------------------------- training plan


def _yearly_participants(size: int, grp: dict, years: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Share-based participants per year and the top-up that meets the coverage target."""
    by_year = {int(k): float(v) for k, v in (grp.get("share_by_year") or {}).items()}
    shares = np.array([by_year.get(y, float(grp["share_per_year"])) for y in years])
    planned = _ceil(size * shares) if size else np.zeros(len(years), dtype="int64")
    required = _ceil_one(size * float(grp["min_coverage"]))
    shortfall = max(0, required - int(planned.sum()))
    base, extra = divmod(shortfall, len(years))
    top_up = np.full(len(years), base, dtype="int64")
    top_up[:extra] += 1  # remainder to the earliest years
    return planned, top_up


def training_plan(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Plan the yearly courses of every target group and topic, with their cost.

    For each plan year: participants = ⌈size × share of the year⌉; if the group
    has a coverage target (``min_coverage``, 1.0 for officials: every official
    trained at least once in the period) and the yearly shares fall short, the
    missing people are added evenly over the plan years (remainder to the
    earliest). Every participant of a year takes each topic of the group, so for
    each topic: classes = ⌈participants / class_size⌉ (a partial class is a
    class), class-days = classes × days_per_class, cost = class-days ×
    cost_per_class_day_mvnd + participants × days_per_class ×
    cost_per_participant_day_mvnd + the topic's materials cost in the first plan
    year the group takes it.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        One row per year × group × topic: ``year``, ``group``, ``group_vi``,
        ``topic``, ``topic_vi``, ``mode``, ``mode_vi``, ``trainer_pool``, ``size``,
        ``participants_planned``, ``top_up``, ``participants``, ``class_size``,
        ``classes``, ``days_per_class``, ``days`` (class-days),
        ``class_cost_mvnd``, ``participant_cost_mvnd``, ``materials_mvnd``, ``cost_mvnd``.

    Raises
    ------
    InputError
        If a survey column is missing.
    ParamsError
        If the params are inconsistent or the plan start lies outside the programme.
    """
    params = _params(params)
    cfg = params["capacity"]
    years = plan_years(params)
    groups = target_groups(survey, params)
    frames = []
    for g, size in zip(groups["group"], groups["size"], strict=True):
        grp = cfg["groups"][g]
        planned, top_up = _yearly_participants(int(size), grp, years)
        participants = planned + top_up
        n_topics = len(grp["topics"])
        block = pd.DataFrame(
            {
                "year": np.repeat(years, n_topics),
                "group": g,
                "group_vi": grp["name_vi"],
                "topic": grp["topics"] * len(years),
                "mode": grp["mode"],
                "mode_vi": cfg["modes"][grp["mode"]],
                "trainer_pool": grp["trainer_pool"],
                "size": int(size),
                "participants_planned": np.repeat(planned, n_topics),
                "top_up": np.repeat(top_up, n_topics),
                "participants": np.repeat(participants, n_topics),
                "class_size": int(grp["class_size"]),
                "days_per_class": float(grp["days_per_class"]),
                "cost_per_class_day": float(grp["cost_per_class_day_mvnd"]),
                "cost_per_participant_day": float(grp["cost_per_participant_day_mvnd"]),
            }
        )
        frames.append(block)
    cols = [
        "year", "group", "group_vi", "topic", "topic_vi", "mode", "mode_vi", "trainer_pool", "size",
        "participants_planned", "top_up", "participants", "class_size", "classes", "days_per_class", "days",
        "class_cost_mvnd", "participant_cost_mvnd", "materials_mvnd", "cost_mvnd",
    ]  # fmt: skip
    if not frames:
        return pd.DataFrame(columns=cols)
    plan = pd.concat(frames, ignore_index=True)
    plan["topic_vi"] = plan["topic"].map({k: v["name_vi"] for k, v in cfg["topics"].items()})
    plan["classes"] = _ceil(plan["participants"] / plan["class_size"])
    plan["days"] = plan["classes"] * plan["days_per_class"]
    plan["class_cost_mvnd"] = plan["days"] * plan["cost_per_class_day"]
    plan["participant_cost_mvnd"] = (
        plan["participants"] * plan["days_per_class"] * plan["cost_per_participant_day"]
    )
    # materials: once per group × topic, in the first year with at least one class
    active = plan[plan["classes"] > 0]
    first = active.groupby(["group", "topic"], sort=False)["year"].transform("min")
    is_first = pd.Series(False, index=plan.index)
    is_first.loc[active.index] = active["year"].eq(first)
    materials = plan["topic"].map({k: float(v["materials_mvnd"]) for k, v in cfg["topics"].items()})
    plan["materials_mvnd"] = materials.where(is_first, 0.0)
    plan["cost_mvnd"] = (
        plan["class_cost_mvnd"] + plan["participant_cost_mvnd"] + plan["materials_mvnd"]
    )
    return plan[cols].reset_index(drop=True)


def coverage(plan: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Check each group's coverage target: people trained at least once in the period.

    People are counted once per year (not per topic); a person is assumed not to
    repeat a course before everyone in the group has taken it, so trained at
    least once = min(Σ yearly participants, size).

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`training_plan`.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``group_vi``, ``size``, ``trained_once``, ``coverage`` (0–1),
        ``target`` (``min_coverage``), ``met`` (bool).

    Raises
    ------
    InputError
        If a plan column is missing.
    """
    params = _params(params)
    _require_columns(
        plan,
        ["year", "group", "group_vi", "size", "participants"],
        "kế hoạch đào tạo / training plan",
    )
    per_year = plan.drop_duplicates(["year", "group"])
    out = per_year.groupby(["group", "group_vi", "size"], sort=False, as_index=False)[
        "participants"
    ].sum()
    out["trained_once"] = np.minimum(out["participants"], out["size"]).astype("int64")
    out["coverage"] = np.where(
        out["size"] > 0, out["trained_once"] / out["size"].where(out["size"] > 0, 1), 1.0
    )
    out["target"] = out["group"].map(
        lambda g: float(params["capacity"]["groups"].get(g, {}).get("min_coverage", 0.0))
    )
    out["met"] = out["trained_once"] >= _ceil(out["size"] * out["target"])
    return out[["group", "group_vi", "size", "trained_once", "coverage", "target", "met"]]


# ---------------------------------------------------------------- calendar


def _place(classes: np.ndarray, days: np.ndarray, cap: np.ndarray, limited: bool) -> np.ndarray:
    """Place the classes of one year and trainer pool; returns a rows × 5 array (Q1–Q4, overflow).

    Unlimited pool: each row (in order) split evenly, the remainder going to the
    least-loaded quarters (ties → earliest). Limited pool: classes are taken in
    proportional round-robin order — the k-th of a row's n classes has rank
    (k + ½) / n, ties in row order — so that when capacity runs short every row
    keeps about the same share of its classes; each goes to the quarter with the
    lowest utilisation after placement among those where it fits (ties →
    earliest); a class that fits nowhere is overflow.
    """
    placed = np.zeros((len(classes), 5), dtype="int64")
    load = np.zeros(4)
    if not limited:
        for i, (n, d) in enumerate(zip(classes, days, strict=True)):
            base, extra = divmod(int(n), 4)
            placed[i, :4] = base
            placed[i, np.argsort(load, kind="stable")[:extra]] += 1
            load += placed[i, :4] * d
        return placed
    row = np.repeat(np.arange(len(classes)), classes)
    k = np.arange(len(row)) - np.repeat(np.cumsum(classes) - classes, classes)
    order = np.lexsort((row, (k + 0.5) / np.repeat(classes, classes)))
    scale = np.where(cap > 0, cap, 1.0)
    smallest = float(days[classes > 0].min()) if (classes > 0).any() else 0.0
    for j, i in enumerate(row[order]):
        if (cap - load).max() + _EPS < smallest:  # nothing fits any more: the rest overflows
            np.add.at(placed[:, 4], row[order][j:], 1)
            break
        fits = load + days[i] <= cap + _EPS
        if not fits.any():
            placed[i, 4] += 1
            continue
        q = int(np.argmin(np.where(fits, (load + days[i]) / scale, np.inf)))
        load[q] += days[i]
        placed[i, q] += 1
    return placed


def trainer_capacity(params: dict | None = None, n_communes: int | None = None) -> pd.DataFrame:
    """Class-days each trainer pool can deliver per quarter.

    Capacity = ``class_days_per_quarter`` + ``class_days_per_quarter_per_100_communes``
    × n_communes / 100 for limited pools; unlimited pools have no capacity (NaN).

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.
    n_communes : int, optional
        Communes in scope; needed when a limited pool has a per-commune part.

    Returns
    -------
    pandas.DataFrame
        ``trainer_pool``, ``trainer_pool_vi``, ``quarter`` (1–4), ``capacity_class_days``.

    Raises
    ------
    ParamsError
        If a capacity list is not 4 non-negative numbers.
    ValueError
        If ``n_communes`` is None but a limited pool scales with the number of communes.
    """
    params = _params(params)
    cfg = params["capacity"]
    _check_training_params(cfg)
    rows = []
    for name, pool in cfg["trainer_pools"].items():
        fixed = np.array(pool["class_days_per_quarter"], dtype=float)
        per100 = np.array(
            pool.get("class_days_per_quarter_per_100_communes", [0, 0, 0, 0]), dtype=float
        )
        if pool["limited"] and per100.any() and n_communes is None:
            raise ValueError(
                f"n_communes cần cho lực lượng '{name}' (năng lực theo số xã) / "
                f"n_communes is needed: pool '{name}' scales with the number of communes"
            )
        cap = fixed + per100 * (n_communes or 0) / 100.0 if pool["limited"] else np.full(4, np.nan)
        rows.extend(
            {
                "trainer_pool": name,
                "trainer_pool_vi": pool["name_vi"],
                "quarter": q + 1,
                "capacity_class_days": cap[q],
            }
            for q in range(4)
        )
    return pd.DataFrame(
        rows, columns=["trainer_pool", "trainer_pool_vi", "quarter", "capacity_class_days"]
    )


def _capacity_arrays(params: dict, n_communes: int | None) -> dict[str, np.ndarray]:
    cap = trainer_capacity(params, n_communes)
    return {
        p: g.sort_values("quarter")["capacity_class_days"].to_numpy()
        for p, g in cap.groupby("trainer_pool")
    }


def training_calendar(
    plan: pd.DataFrame, params: dict | None = None, n_communes: int | None = None
) -> pd.DataFrame:
    """Spread each year's classes over its four quarters within the trainer capacity.

    Deterministic greedy placement, per year and trainer pool. Limited pools:
    classes are taken in proportional round-robin order over the plan rows (so
    that when capacity runs short every group and topic keeps about the same
    share of its classes, rather than the first groups taking everything), each
    into the quarter whose utilisation after placement is lowest (ties → earliest
    quarter) among the quarters where it still fits the pool's capacity
    (:func:`trainer_capacity`). Pools with ``limited: false`` have no cap: each
    row's classes are split evenly over the quarters, the remainder going to the
    least-loaded quarters. A class that fits no
    quarter of its year is **not** moved to another year: with
    ``capacity.on_overflow: flag`` (default) it is kept as an unscheduled row
    (``quarter`` empty, ``scheduled`` False) so the overflow shows in every
    table and in :func:`summary`; with ``raise`` a :class:`CapacityError`
    lists the shortfall per year and pool. A quarter of a limited pool is never
    loaded beyond its capacity.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`training_plan` (needs ``year``, ``group``, ``topic``,
        ``trainer_pool``, ``classes``, ``days_per_class``; ``group_vi`` and
        ``topic_vi`` are carried when present).
    params : dict, optional
        Resolved params; defaults when None.
    n_communes : int, optional
        Communes in scope, for pools whose capacity scales with them.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``quarter`` (Int64, 1–4, empty when unscheduled), ``period``
        (``"2023-Q2"`` or ``"2023-chưa xếp"``), ``group``, ``group_vi``, ``topic``,
        ``topic_vi``, ``trainer_pool``, ``classes``, ``class_days``, ``scheduled``;
        only rows with classes.

    Raises
    ------
    InputError
        If a plan column is missing.
    CapacityError
        If ``capacity.on_overflow`` is ``raise`` and some classes do not fit.
    ParamsError
        If the pool params are inconsistent.
    ValueError
        If ``n_communes`` is needed and missing (see :func:`trainer_capacity`).
    """
    params = _params(params)
    cfg = params["capacity"]
    caps = _capacity_arrays(params, n_communes)
    _require_columns(
        plan,
        ["year", "group", "topic", "trainer_pool", "classes", "days_per_class"],
        "kế hoạch đào tạo / training plan",
    )
    unknown = sorted(set(plan["trainer_pool"]) - set(cfg["trainer_pools"]))
    if unknown:
        raise ParamsError(
            [
                _problem(
                    "capacity.trainer_pools",
                    unknown,
                    "Không có lực lượng giảng dạy này",
                    "unknown trainer pool",
                )
            ]
        )
    work = plan[plan["classes"] > 0].copy()
    for col in ("group_vi", "topic_vi"):
        if col not in work.columns:
            work[col] = work[col.removesuffix("_vi")]
    records = []
    for (year, pool), rows in work.groupby(["year", "trainer_pool"], sort=True):
        rows = rows.reset_index(drop=True)
        placed = _place(
            rows["classes"].to_numpy(dtype="int64"),
            rows["days_per_class"].to_numpy(dtype=float),
            caps[pool],
            bool(cfg["trainer_pools"][pool]["limited"]),
        )
        for i, row in enumerate(rows.itertuples(index=False)):
            for q in np.flatnonzero(placed[i]):
                records.append(
                    {
                        "year": int(year),
                        "quarter": int(q) + 1 if q < 4 else pd.NA,
                        "group": row.group,
                        "group_vi": row.group_vi,
                        "topic": row.topic,
                        "topic_vi": row.topic_vi,
                        "trainer_pool": pool,
                        "classes": int(placed[i, q]),
                        "class_days": float(placed[i, q] * row.days_per_class),
                        "scheduled": bool(q < 4),
                    }
                )
    cols = [
        "year",
        "quarter",
        "period",
        "group",
        "group_vi",
        "topic",
        "topic_vi",
        "trainer_pool",
        "classes",
        "class_days",
        "scheduled",
    ]
    cal = pd.DataFrame(records, columns=[c for c in cols if c != "period"])
    cal["quarter"] = cal["quarter"].astype("Int64")
    cal["period"] = cal["year"].astype(str) + np.where(
        cal["scheduled"], "-Q" + cal["quarter"].astype(str), "-chưa xếp"
    )
    cal = cal[cols].astype(
        {"year": "int64", "classes": "int64", "class_days": "float64", "scheduled": "bool"}
    )
    over = cal[~cal["scheduled"]]
    if len(over) and cfg["on_overflow"] == "raise":
        lost = over.groupby(["year", "trainer_pool"])["class_days"].sum()
        raise CapacityError(
            [
                _problem(
                    f"capacity.trainer_pools.{pool}",
                    [float(c) for c in caps[pool]],
                    f"Năm {year}: thiếu năng lực giảng dạy cho {days:g} ngày-lớp",
                    f"year {year}: trainer capacity short by {days:g} class-days",
                )
                for (year, pool), days in lost.items()
            ]
        )
    return cal.reset_index(drop=True)


def calendar_load(
    calendar: pd.DataFrame, params: dict | None = None, n_communes: int | None = None
) -> pd.DataFrame:
    """Class-days per year, quarter and trainer pool against the pool's capacity.

    Parameters
    ----------
    calendar : pandas.DataFrame
        Output of :func:`training_calendar`.
    params : dict, optional
        Resolved params; defaults when None.
    n_communes : int, optional
        Communes in scope, for pools whose capacity scales with them.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``quarter``, ``trainer_pool``, ``trainer_pool_vi``,
        ``class_days``, ``capacity_class_days`` (NaN for unlimited pools),
        ``utilisation`` (NaN when unlimited), ``within_capacity`` (bool),
        ``overflow_class_days`` (unscheduled class-days of the year, on every
        quarter row of that year and pool).

    Raises
    ------
    InputError
        If a calendar column is missing.
    ValueError
        If ``n_communes`` is needed and missing (see :func:`trainer_capacity`).
    """
    params = _params(params)
    pools = params["capacity"]["trainer_pools"]
    caps = _capacity_arrays(params, n_communes)
    _require_columns(
        calendar,
        ["year", "quarter", "trainer_pool", "class_days", "scheduled"],
        "lịch đào tạo / calendar",
    )
    cols = [
        "year", "quarter", "trainer_pool", "trainer_pool_vi", "class_days", "capacity_class_days",
        "utilisation", "within_capacity", "overflow_class_days",
    ]  # fmt: skip
    if calendar.empty:
        return pd.DataFrame(columns=cols)
    keys = calendar[["year", "trainer_pool"]].drop_duplicates()
    grid = keys.merge(pd.DataFrame({"quarter": [1, 2, 3, 4]}), how="cross")
    sched = calendar[calendar["scheduled"]].astype({"quarter": "int64"})
    load = sched.groupby(["year", "quarter", "trainer_pool"], as_index=False)["class_days"].sum()
    out = grid.merge(load, on=["year", "quarter", "trainer_pool"], how="left").fillna(
        {"class_days": 0.0}
    )
    over = (
        calendar[~calendar["scheduled"]]
        .groupby(["year", "trainer_pool"], as_index=False)["class_days"]
        .sum()
    )
    out = out.merge(
        over.rename(columns={"class_days": "overflow_class_days"}),
        on=["year", "trainer_pool"],
        how="left",
    )
    out["overflow_class_days"] = out["overflow_class_days"].fillna(0.0)
    out["trainer_pool_vi"] = out["trainer_pool"].map({k: v["name_vi"] for k, v in pools.items()})
    limited = out["trainer_pool"].map({k: bool(v["limited"]) for k, v in pools.items()})
    out["capacity_class_days"] = [
        float(caps[p][q - 1]) for p, q in zip(out["trainer_pool"], out["quarter"], strict=True)
    ]
    out["utilisation"] = out["class_days"] / out["capacity_class_days"].where(
        out["capacity_class_days"] > 0
    )
    out["within_capacity"] = (
        ~limited | (out["class_days"] <= out["capacity_class_days"] + _EPS)
    ) & (out["overflow_class_days"] == 0)
    return out[cols].sort_values(["trainer_pool", "year", "quarter"]).reset_index(drop=True)


# ---------------------------------------------------------------- curriculum


def curriculum(params: dict | None = None) -> pd.DataFrame:
    """List, per target group, the topics taught and the guidance item each answers.

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``group_vi``, ``topic``, ``topic_vi``, ``guidance_item``,
        ``mode_vi``, ``days_per_class``, ``class_size``, ``trainer_pool_vi``.

    Raises
    ------
    ParamsError
        If a group names an unknown topic, mode or trainer pool.
    """
    params = _params(params)
    cfg = params["capacity"]
    _check_training_params(cfg)
    rows = [
        {
            "group": g,
            "group_vi": grp["name_vi"],
            "topic": t,
            "topic_vi": cfg["topics"][t]["name_vi"],
            "guidance_item": cfg["topics"][t]["guidance_item"],
            "mode_vi": cfg["modes"][grp["mode"]],
            "days_per_class": float(grp["days_per_class"]),
            "class_size": int(grp["class_size"]),
            "trainer_pool_vi": cfg["trainer_pools"][grp["trainer_pool"]]["name_vi"],
        }
        for g, grp in cfg["groups"].items()
        for t in grp["topics"]
    ]
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- communication and support policies


def _num(item: dict, key: str, where: str) -> float:
    value = item.get(key, 0.0)
    value = 0.0 if value is None else value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamsError(
            [
                _problem(
                    f"{where}.{key}", value, "Cần một số không âm", "needs a non-negative number"
                )
            ]
        )
    return float(value)


def communication_plan(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Yearly quantity, cost and estimated reach of each communication channel (guidance task 2).

    Quantity = quantity_per_year + quantity_per_commune × communes +
    quantity_per_village × villages, rounded up to whole units; cost = quantity
    × unit_cost_mvnd. Reach = reach_population_share × population in scope when
    given, else quantity × reach_per_unit when given, else empty.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        One row per year × channel: ``year``, ``channel``, ``channel_vi``,
        ``unit_vi``, ``quantity`` (int), ``unit_cost_mvnd``, ``cost_mvnd``, ``reach`` (float, NaN if not estimated).

    Raises
    ------
    InputError
        If a survey column is missing.
    ParamsError
        If a channel has a negative or non-numeric quantity or price.
    """
    params = _params(params)
    cfg = params["capacity"]
    _require_columns(survey, [*_BASE_COLUMNS, "population"], "khảo sát / survey")
    years = plan_years(params)
    scope = _scope(survey, cfg)
    n_communes, n_villages, population = (
        len(scope),
        float(scope["villages"].sum()),
        float(scope["population"].sum()),
    )
    rows = []
    for code, ch in cfg["communication"]["channels"].items():
        where = f"capacity.communication.channels.{code}"
        qty = _ceil_one(
            _num(ch, "quantity_per_year", where)
            + _num(ch, "quantity_per_commune", where) * n_communes
            + _num(ch, "quantity_per_village", where) * n_villages
        )
        share, per_unit = ch.get("reach_population_share"), ch.get("reach_per_unit")
        if share is not None:
            reach = _num(ch, "reach_population_share", where) * population
        elif per_unit is not None:
            reach = _num(ch, "reach_per_unit", where) * qty
        else:
            reach = np.nan
        unit_cost = _num(ch, "unit_cost_mvnd", where)
        rows.append(
            {
                "channel": code,
                "channel_vi": ch["name_vi"],
                "unit_vi": ch["unit_vi"],
                "quantity": qty,
                "unit_cost_mvnd": unit_cost,
                "reach": reach,
            }
        )
    per_channel = pd.DataFrame(
        rows, columns=["channel", "channel_vi", "unit_vi", "quantity", "unit_cost_mvnd", "reach"]
    )
    out = pd.DataFrame({"year": years}).merge(per_channel, how="cross")
    out["cost_mvnd"] = out["quantity"] * out["unit_cost_mvnd"]
    cols = [
        "year",
        "channel",
        "channel_vi",
        "unit_vi",
        "quantity",
        "unit_cost_mvnd",
        "cost_mvnd",
        "reach",
    ]
    return out[cols].astype({"year": "int64", "quantity": "int64", "reach": "float64"})


def team_members(survey: pd.DataFrame, params: dict | None = None) -> int:
    """Community technology team members paid the allowance, by ``support_policy.members_basis``.

    ``survey``: Σ community_tech_members; ``target``: Σ (team_size_per_commune +
    team_size_per_village × villages); ``max``: Σ per commune of the larger of the two.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    int
        Members, rounded up to whole persons.

    Raises
    ------
    InputError
        If a survey column is missing.
    ParamsError
        If ``members_basis`` is not survey, target or max.
    """
    params = _params(params)
    cfg = params["capacity"]
    pol = cfg["support_policy"]
    basis = pol["members_basis"]
    if basis not in ("survey", "target", "max"):
        raise ParamsError(
            [
                _problem(
                    "capacity.support_policy.members_basis",
                    basis,
                    "Chỉ nhận survey, target hoặc max",
                    "must be survey, target or max",
                )
            ]
        )
    _require_columns(survey, [*_BASE_COLUMNS, "community_tech_members"], "khảo sát / survey")
    scope = _scope(survey, cfg)
    target = float(pol["team_size_per_commune"]) + float(pol["team_size_per_village"]) * scope[
        "villages"
    ].astype(float)
    surveyed = scope["community_tech_members"].astype(float)
    members = {"survey": surveyed, "target": target, "max": np.maximum(surveyed, target)}[basis]
    return _ceil_one(float(members.sum()))


def support_policy_costs(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Yearly cost of the support policies of guidance task 6.

    The community technology team allowance is members × months_per_year ×
    monthly_allowance_mvnd for each plan year from ``support_policy.start_year``
    (0 = the plan's first year); each item a province lists under
    ``support_policy.items`` costs ⌈quantity_per_year + quantity_per_commune ×
    communes + quantity_per_village × villages + quantity_per_member × members⌉ ×
    unit_cost_mvnd every plan year.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``item`` (``allowance`` or the item's key), ``item_vi``, ``basis``,
        ``members``, ``unit_vi``, ``quantity`` (for the allowance: member-months),
        ``unit_cost_mvnd``, ``cost_mvnd``.

    Raises
    ------
    InputError
        If a survey column is missing.
    ParamsError
        If an amount is negative or not a number, or an item lacks ``name_vi``.
    """
    params = _params(params)
    cfg = params["capacity"]
    pol = cfg["support_policy"]
    years = plan_years(params)
    members = team_members(survey, params)
    scope = _scope(survey, cfg)
    n_communes, n_villages = len(scope), float(scope["villages"].sum())
    where = "capacity.support_policy"
    months = _num(pol, "months_per_year", where)
    allowance = _num(pol, "monthly_allowance_mvnd", where)
    start = int(pol.get("start_year") or 0) or years[0]
    basis_vi = {
        "survey": "số thành viên theo khảo sát / members from the survey",
        "target": (
            f"quy mô mục tiêu {float(pol['team_size_per_commune']):g} người/xã + "
            f"{float(pol['team_size_per_village']):g} người/thôn / target team size"
        ),
        "max": "lớn hơn giữa khảo sát và quy mô mục tiêu, từng xã / larger of survey and target, per commune",
    }[pol["members_basis"]]
    rows = [
        {
            "year": y,
            "item": "allowance",
            "item_vi": "Phụ cấp thành viên Tổ công nghệ số cộng đồng / community technology team allowance",
            "basis": f"{members} người × {months:g} tháng; {basis_vi}",
            "members": members,
            "unit_vi": "người·tháng / member-month",
            "quantity": _ceil_one(members * months),
            "unit_cost_mvnd": allowance,
        }
        for y in years
        if y >= start
    ]
    for code, item in (pol.get("items") or {}).items():
        iw = f"{where}.items.{code}"
        if not isinstance(item, dict) or not item.get("name_vi"):
            raise ParamsError(
                [
                    _problem(
                        iw,
                        item,
                        "Mỗi nội dung hỗ trợ cần name_vi",
                        "each support item needs name_vi",
                    )
                ]
            )
        qty = _ceil_one(
            _num(item, "quantity_per_year", iw)
            + _num(item, "quantity_per_commune", iw) * n_communes
            + _num(item, "quantity_per_village", iw) * n_villages
            + _num(item, "quantity_per_member", iw) * members
        )
        rows.extend(
            {
                "year": y,
                "item": code,
                "item_vi": item["name_vi"],
                "basis": "tỉnh khai báo / listed by the province",
                "members": members,
                "unit_vi": item.get("unit_vi", ""),
                "quantity": qty,
                "unit_cost_mvnd": _num(item, "unit_cost_mvnd", iw),
            }
            for y in years
        )
    cols = [
        "year",
        "item",
        "item_vi",
        "basis",
        "members",
        "unit_vi",
        "quantity",
        "unit_cost_mvnd",
        "cost_mvnd",
    ]
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "cost_mvnd"])
    out["cost_mvnd"] = out["quantity"] * out["unit_cost_mvnd"].astype(float)
    return out[cols].astype(
        {"year": "int64", "members": "int64", "quantity": "int64", "cost_mvnd": "float64"}
    )


# ---------------------------------------------------------------- budget interface


def budget_lines(plan: pd.DataFrame, comm: pd.DataFrame, policy: pd.DataFrame) -> pd.DataFrame:
    """Yearly cost per activity — the interface read by the budget notebook (03).

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`training_plan` (``year``, ``cost_mvnd``).
    comm : pandas.DataFrame
        Output of :func:`communication_plan` (``year``, ``cost_mvnd``).
    policy : pandas.DataFrame
        Output of :func:`support_policy_costs` (``year``, ``cost_mvnd``).

    Returns
    -------
    pandas.DataFrame
        ``activity`` (``training``, ``communication``, ``support_policy``),
        ``activity_vi``, ``year``, ``cost_mvnd``; one row per activity and year
        present in its input, in that activity order. Each activity's sum equals
        the cost total of its input.

    Raises
    ------
    InputError
        If an input lacks ``year`` or ``cost_mvnd``.
    """
    parts = []
    for activity, frame in (
        ("training", plan),
        ("communication", comm),
        ("support_policy", policy),
    ):
        _require_columns(frame, ["year", "cost_mvnd"], activity)
        agg = frame.groupby("year", as_index=False)["cost_mvnd"].sum()
        agg.insert(0, "activity", activity)
        parts.append(agg)
    out = pd.concat(parts, ignore_index=True)
    out["activity_vi"] = out["activity"].map(ACTIVITIES)
    return out[["activity", "activity_vi", "year", "cost_mvnd"]].astype(
        {"year": "int64", "cost_mvnd": "float64"}
    )


# ---------------------------------------------------------------- tables for display

#: Label of the total row and column of :func:`wide_by_year`.
TOTAL = "Tổng / total"


def wide_by_year(df: pd.DataFrame, row: str, value: str = "cost_mvnd") -> pd.DataFrame:
    """Pivot a long frame to rows × years (sum of ``value``) with a total column and a total row.

    Parameters
    ----------
    df : pandas.DataFrame
        Needs ``year``, ``row`` and ``value``.
    row : str
        Column whose values become the rows, in order of first appearance.
    value : str
        Column summed.

    Returns
    -------
    pandas.DataFrame
        Index ``row``; one column per year (as text) and :data:`TOTAL`; last row :data:`TOTAL`.

    Raises
    ------
    InputError
        If a column is missing.
    """
    _require_columns(df, ["year", row, value], row)
    wide = df.pivot_table(
        index=row, columns="year", values=value, aggfunc="sum", sort=False
    ).fillna(0)
    wide = wide.reindex(list(dict.fromkeys(df[row])))
    wide.columns = [str(int(c)) for c in wide.columns]
    wide[TOTAL] = wide.sum(axis=1)
    wide.loc[TOTAL] = wide.sum(axis=0)
    wide.index.name = LABELS.get(row, row)
    return wide


def by_group_year(plan: pd.DataFrame, value: str = "participants") -> pd.DataFrame:
    """Target groups × years table of participants (people, counted once over topics) or of a summed column.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`training_plan`.
    value : str
        ``participants`` (people per year; each takes every topic of the group),
        or ``classes``, ``days``, ``cost_mvnd`` (summed over topics).

    Returns
    -------
    pandas.DataFrame
        As :func:`wide_by_year`, rows = ``group_vi``.

    Raises
    ------
    InputError
        If a column is missing.
    """
    _require_columns(plan, ["year", "group", "group_vi", value], "kế hoạch đào tạo / training plan")
    frame = plan.drop_duplicates(["year", "group"]) if value == "participants" else plan
    return wide_by_year(frame, "group_vi", value)


# ---------------------------------------------------------------- whole plan, summary, exports


def build(survey: pd.DataFrame, params: dict | None = None) -> dict:
    """Run every step of the capacity plan for one province.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    dict
        DataFrames ``groups``, ``plan``, ``coverage``, ``curriculum``, ``calendar``,
        ``load``, ``communication``, ``policy``, ``budget_lines``, and the int
        ``n_communes`` (communes in scope).

    Raises
    ------
    InputError, ParamsError, CapacityError
        As the individual steps.
    """
    params = _params(params)
    n_communes = len(_scope(survey, params["capacity"]))
    plan = training_plan(survey, params)
    calendar = training_calendar(plan, params, n_communes)
    comm = communication_plan(survey, params)
    policy = support_policy_costs(survey, params)
    return {
        "groups": target_groups(survey, params),
        "plan": plan,
        "coverage": coverage(plan, params),
        "curriculum": curriculum(params),
        "calendar": calendar,
        "load": calendar_load(calendar, params, n_communes),
        "communication": comm,
        "policy": policy,
        "budget_lines": budget_lines(plan, comm, policy),
        "n_communes": n_communes,
    }


def summary(result: dict, params: dict | None = None) -> dict:
    """Key figures of the capacity plan, JSON-serialisable (keys listed in the module docstring).

    Parameters
    ----------
    result : dict
        Output of :func:`build`.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    dict

    Raises
    ------
    KeyError
        If ``result`` lacks one of the frames of :func:`build`.
    """
    params = _params(params)
    plan, groups, cov = result["plan"], result["groups"], result["coverage"]
    calendar, load, lines = result["calendar"], result["load"], result["budget_lines"]
    years = plan_years(params)
    by_group = plan.groupby("group", sort=False).agg(
        classes=("classes", "sum"), class_days=("days", "sum"), cost_mvnd=("cost_mvnd", "sum")
    )
    people = (
        plan.drop_duplicates(["year", "group"]).groupby("group", sort=False)["participants"].sum()
    )
    group_info = {
        r.group: {
            "name_vi": r.group_vi,
            "size": int(r.size),
            "size_source": r.size_source,
            "participants": int(people.get(r.group, 0)),
            "classes": int(by_group["classes"].get(r.group, 0)),
            "class_days": float(by_group["class_days"].get(r.group, 0.0)),
            "cost_mvnd": round(float(by_group["cost_mvnd"].get(r.group, 0.0)), 3),
        }
        for r in groups.itertuples(index=False)
    }
    cov_info = {
        r.group: {
            "size": int(r.size),
            "trained_once": int(r.trained_once),
            "share": round(float(r.coverage), 4),
            "target": float(r.target),
            "met": bool(r.met),
        }
        for r in cov.itertuples(index=False)
        if r.target > 0
    }
    totals = lines.groupby("activity", sort=False)["cost_mvnd"].sum()
    by_activity = {a: round(float(totals.get(a, 0.0)), 3) for a in ACTIVITIES}
    by_year = lines.groupby("year")["cost_mvnd"].sum()
    overflow = (
        float(calendar.loc[~calendar["scheduled"], "class_days"].sum()) if len(calendar) else 0.0
    )
    util = load["utilisation"].dropna() if len(load) else pd.Series(dtype=float)
    policy = result["policy"]
    allowance = policy[policy["item"] == "allowance"]
    officials = cov_info.get("officials")
    return {
        "plan_years": [years[0], years[-1]],
        "n_communes": int(result["n_communes"]),
        "groups": group_info,
        "participants_total": int(people.sum()),
        "classes_total": int(plan["classes"].sum()),
        "class_days_total": float(plan["days"].sum()),
        "coverage": cov_info,
        "officials_all_trained": bool(officials["met"] and officials["share"] >= 1.0)
        if officials
        else None,
        "calendar_overflow_class_days": overflow,
        "calendar_within_capacity": bool(
            overflow == 0 and (load["within_capacity"].all() if len(load) else True)
        ),
        "peak_quarter_utilisation": round(float(util.max()), 4) if len(util) else None,
        "allowance_members": int(allowance["members"].iloc[0]) if len(allowance) else 0,
        "training_cost_mvnd": by_activity["training"],
        "communication_cost_mvnd": by_activity["communication"],
        "support_policy_cost_mvnd": by_activity["support_policy"],
        "total_mvnd": round(float(lines["cost_mvnd"].sum()), 3),
        "totals_by_activity": by_activity,
        "totals_by_year": {str(int(y)): round(float(v), 3) for y, v in by_year.items()},
        "budget_lines": [
            {"activity": r.activity, "year": int(r.year), "cost_mvnd": round(float(r.cost_mvnd), 3)}
            for r in lines.itertuples(index=False)
        ],
    }


def with_controls(
    params: dict,
    class_sizes: dict[str, int] | None = None,
    shares: dict[str, float] | None = None,
    monthly_allowance_mvnd: float | None = None,
) -> dict:
    """Return a copy of params with the notebook's interactive choices applied.

    Parameters
    ----------
    params : dict
        Resolved params (not modified).
    class_sizes : dict, optional
        ``{group: class size}``.
    shares : dict, optional
        ``{group: share trained per year}`` (replaces ``share_per_year``; year-specific shares are kept).
    monthly_allowance_mvnd : float, optional
        Allowance per team member per month, million VND.

    Returns
    -------
    dict

    Raises
    ------
    KeyError
        If a group is unknown.
    """
    out = copy.deepcopy(params)
    groups = out["capacity"]["groups"]
    for g, n in (class_sizes or {}).items():
        groups[g]["class_size"] = int(n)
    for g, s in (shares or {}).items():
        groups[g]["share_per_year"] = float(s)
    if monthly_allowance_mvnd is not None:
        out["capacity"]["support_policy"]["monthly_allowance_mvnd"] = float(monthly_allowance_mvnd)
    return out


#: Sheet name (Vietnamese, ≤ 31 characters) → key of :func:`build` exported to ``capacity.xlsx``.
EXCEL_SHEETS: dict[str, str] = {
    "Kế hoạch đào tạo": "plan",
    "Chương trình đào tạo": "curriculum",
    "Lịch theo quý": "calendar",
    "Năng lực giảng dạy": "load",
    "Nhóm đối tượng": "groups",
    "Truyền thông": "communication",
    "Chính sách hỗ trợ": "policy",
    "Tổng hợp kinh phí": "budget_lines",
}


def excel_sheets(result: dict) -> dict[str, pd.DataFrame]:
    """Frames to write to ``capacity.xlsx``, keyed by Vietnamese sheet name.

    Parameters
    ----------
    result : dict
        Output of :func:`build`.

    Returns
    -------
    dict of str → pandas.DataFrame
        Headers stay English here; pass :data:`LABELS` to ``ntmplan.core.writers.write_excel``.

    Raises
    ------
    KeyError
        If ``result`` lacks a frame.
    """
    return {sheet: result[key] for sheet, key in EXCEL_SHEETS.items()}


#: Last key parts of params that are labels or texts, not assumptions (left out of :func:`assumptions` by default).
_LABEL_KEYS = ("name_vi", "guidance_item", "unit_vi")


def assumptions(params: dict | None = None, include_labels: bool = False) -> pd.DataFrame:
    """The params this notebook uses, with their resolved values and their source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (section ``capacity``);
    support items a province adds are marked as listed by the province.

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.
    include_labels : bool
        Also list label texts (``name_vi``, ``guidance_item``, ``unit_vi``, ``modes``).

    Returns
    -------
    pandas.DataFrame
        ``key`` (dotted), ``value`` (text), ``source``.

    Raises
    ------
    KeyError
        If a commented key of defaults.yaml is missing from params.
    """
    import json

    from ntmplan.core.params import section_sources

    params = _params(params)
    table = section_sources("capacity", params, style="inline")
    if not include_labels:
        label = table["key"].str.rsplit(".", n=1).str[-1].isin(_LABEL_KEYS)
        table = table[~(label | table["key"].str.startswith("capacity.modes."))]
    rows = table.to_dict("records")
    for code, item in (params["capacity"]["support_policy"].get("items") or {}).items():
        rows.append(
            {
                "key": f"capacity.support_policy.items.{code}",
                "value": json.dumps(item, ensure_ascii=False),
                "source": "tỉnh khai báo (giả định của tỉnh) / listed by the province overlay",
            }
        )
    for key in ("start_year", "end_year"):
        rows.append(
            {
                "key": f"programme.{key}",
                "value": str(params["programme"][key]),
                "source": f"{params['programme']['decision']} — giai đoạn chương trình / programme period",
            }
        )
    return pd.DataFrame(rows, columns=["key", "value", "source"])
