"""Checks of the capacity params, and the errors they raise."""

from __future__ import annotations

from ntmplan.core.errors import InputError, ParamsError, Problem


class CapacityError(InputError):
    """The trainer capacity of a year cannot hold its classes (raised when ``capacity.on_overflow`` is ``raise``)."""


def param_problem(key: str, value, vi: str, en: str) -> Problem:
    """A problem found in the params file.

    Parameters
    ----------
    key : str
        Dotted params key.
    value : Any
        The offending value.
    vi, en : str
        The rule broken, in Vietnamese and English.

    Returns
    -------
    Problem
    """
    return Problem("params", None, key, value, vi, en)


def non_negative(item: dict, key: str, where: str) -> float:
    """Read ``item[key]`` as a non-negative number (missing or None = 0).

    Parameters
    ----------
    item : dict
        A params mapping (a channel, a support item, the support policy).
    key : str
        Key read.
    where : str
        Dotted params key of ``item``, for the message.

    Returns
    -------
    float

    Raises
    ------
    ParamsError
        If the value is negative or not a number.
    """
    value = item.get(key, 0.0)
    value = 0.0 if value is None else value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamsError(
            [
                param_problem(
                    f"{where}.{key}", value, "Cần một số không âm", "needs a non-negative number"
                )
            ]
        )
    return float(value)


def check_training_params(cfg: dict) -> None:
    """Collect every problem in the groups/topics/pools params and raise them together.

    Parameters
    ----------
    cfg : dict
        The ``capacity`` section of the resolved params.

    Returns
    -------
    None

    Raises
    ------
    ParamsError
        Listing every problem found.
    """
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
                    param_problem(
                        f"capacity.trainer_pools.{name}.{key}",
                        caps,
                        "Cần 4 số không âm (quý 1–4)",
                        "needs 4 non-negative numbers (Q1–Q4)",
                    )
                )
    if cfg.get("on_overflow") not in ("flag", "raise"):
        problems.append(
            param_problem(
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
                    param_problem(
                        f"{key}.topics",
                        t,
                        "Chủ đề không có trong capacity.topics",
                        "topic not in capacity.topics",
                    )
                )
        if grp["trainer_pool"] not in pools:
            problems.append(
                param_problem(
                    f"{key}.trainer_pool",
                    grp["trainer_pool"],
                    "Không có lực lượng giảng dạy này",
                    "unknown trainer pool",
                )
            )
        if grp["mode"] not in modes:
            problems.append(
                param_problem(
                    f"{key}.mode", grp["mode"], "Không có hình thức này", "unknown delivery mode"
                )
            )
        if int(grp["class_size"]) < 1:
            problems.append(
                param_problem(
                    f"{key}.class_size",
                    grp["class_size"],
                    "Sĩ số lớp phải ≥ 1",
                    "class size must be ≥ 1",
                )
            )
        if float(grp["days_per_class"]) <= 0:
            problems.append(
                param_problem(
                    f"{key}.days_per_class",
                    grp["days_per_class"],
                    "Số ngày mỗi lớp phải > 0",
                    "days per class must be > 0",
                )
            )
        if not 0.0 <= float(grp["min_coverage"]) <= 1.0:
            problems.append(
                param_problem(
                    f"{key}.min_coverage",
                    grp["min_coverage"],
                    "Phải trong khoảng 0–1",
                    "must lie in 0–1",
                )
            )
        shares = [grp["share_per_year"], *grp.get("share_by_year", {}).values()]
        if any(float(s) < 0 for s in shares):
            problems.append(
                param_problem(
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
                    param_problem(
                        f"{key}.{field}", grp[field], "Không được âm", "must not be negative"
                    )
                )
    if problems:
        raise ParamsError(problems)
