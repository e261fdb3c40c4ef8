"""Values set per commune group: one number, or one number for each of the three groups.

Decision 51/2025/QĐ-TTg (29/12/2025) sets every national NTM criterion of 2026–2030
separately for three commune groups (group 1: adjacent to an existing urban area and oriented
to urbanise, agriculture under 10% of the local economy, or designated a new urban area;
group 3: region II and III communes of ethnic-minority and mountainous areas; group 2: the
rest). So any threshold or target in params may be written either as one number, applying to
every commune, or as a mapping with exactly the keys of :data:`GROUP_KEYS`::

    households_internet_smart_share: 0.5
    households_internet_smart_share: {group_1: 0.6, group_2: 0.5, group_3: 0.4}

This module is the one place that reads both forms: it checks them
(:func:`by_group_problems`), aligns them to the communes (:func:`values_by_group`) and
writes them for a report (:func:`describe_by_group`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.core.fmt import number

#: The YAML keys of a per-group value, group 1 to group 3.
GROUP_KEYS = ("group_1", "group_2", "group_3")
#: The group numbers, in the order of :data:`GROUP_KEYS`.
GROUPS = (1, 2, 3)
#: Params keys (``fnmatch`` patterns over dotted keys) whose number may be written per group:
#: thresholds and targets. Elsewhere a mapping where the defaults have a number is a type error.
BY_GROUP_PATTERNS = (
    "pilots.thresholds.*",
    "pilots.extra_types.*.thresholds.*",
    "status.targets.*.target",
    "status.completion.*.target",
)


def allows_by_group(key: str) -> bool:
    """Tell whether the params key ``key`` (dotted) may hold one number per commune group.

    Parameters
    ----------
    key : str
        Dotted params key, e.g. ``"pilots.thresholds.households_internet_smart_share"``.

    Returns
    -------
    bool
        Whether ``key`` matches one of :data:`BY_GROUP_PATTERNS`.
    """
    import fnmatch

    return any(fnmatch.fnmatchcase(key, p) for p in BY_GROUP_PATTERNS)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def is_by_group(value: Any) -> bool:
    """Tell whether ``value`` is written per group (a mapping), not as one number.

    Parameters
    ----------
    value : object
        A params value.

    Returns
    -------
    bool
        ``True`` for any mapping (checked further by :func:`by_group_problems`).
    """
    return isinstance(value, Mapping)


def by_group_problems(value: Any, key: str, source: str | None = None) -> list[Problem]:
    """Check a value that may be one number or one number per commune group.

    Parameters
    ----------
    value : object
        The params value.
    key : str
        Its dotted params key, named in the messages.
    source : str or None
        The params file (layer) that set it.

    Returns
    -------
    list of Problem
        Empty when ``value`` is a number (not a bool) or a mapping with exactly the keys of
        :data:`GROUP_KEYS`, each a number; otherwise one problem per fault.
    """
    if _is_number(value):
        return []
    keys = ", ".join(GROUP_KEYS)
    if not is_by_group(value):
        return [
            Problem(
                source,
                None,
                key,
                value,
                f"Cần một số, hoặc một số cho mỗi nhóm xã ({keys})",
                f"expected a number, or one number per commune group ({keys})",
            )
        ]
    problems: list[Problem] = []
    missing = [k for k in GROUP_KEYS if k not in value]
    unknown = [str(k) for k in value if k not in GROUP_KEYS]
    if missing:
        problems.append(
            Problem(
                source,
                None,
                key,
                dict(value),
                f"Thiếu giá trị cho nhóm: {', '.join(missing)} (cần đủ {keys})",
                f"missing value for group(s): {', '.join(missing)} (all of {keys} are needed)",
            )
        )
    if unknown:
        problems.append(
            Problem(
                source,
                None,
                key,
                dict(value),
                f"Khóa nhóm không hợp lệ: {', '.join(unknown)} (chỉ dùng {keys})",
                f"unknown group key(s): {', '.join(unknown)} (use only {keys})",
            )
        )
    for group_key in GROUP_KEYS:
        if group_key in value and not _is_number(value[group_key]):
            problems.append(
                Problem(
                    source,
                    None,
                    f"{key}.{group_key}",
                    value[group_key],
                    "Giá trị của nhóm phải là một số",
                    "the group's value must be a number",
                )
            )
    return problems


def group_value(value: Any, group: int) -> float:
    """Return the value that applies to one commune group.

    Parameters
    ----------
    value : number or mapping
        One number, or a mapping keyed by :data:`GROUP_KEYS`.
    group : int
        1, 2 or 3.

    Returns
    -------
    float or int
        ``value`` itself when it is one number, else ``value["group_<group>"]``.

    Raises
    ------
    KeyError
        If ``group`` is not 1, 2 or 3, or the mapping lacks its key.
    """
    if not is_by_group(value):
        return value
    if group not in GROUPS:
        raise KeyError(f"commune group must be 1, 2 or 3, got {group!r}")
    return value[f"group_{group}"]


def values_by_group(value: Any, groups: pd.Series) -> pd.Series:
    """Align a (possibly per-group) value to communes.

    Parameters
    ----------
    value : number or mapping
        One number (broadcast to every row), or a mapping keyed by :data:`GROUP_KEYS`.
    groups : pandas.Series
        Each commune's group, integers 1, 2 or 3.

    Returns
    -------
    pandas.Series
        One value per row of ``groups``, same index, float dtype.

    Raises
    ------
    ValueError
        If ``value`` is a mapping and some group is not 1, 2 or 3 (or its key is missing).
    """
    if not is_by_group(value):
        return pd.Series(float(value), index=groups.index, dtype="float64")
    table = {g: float(value[k]) for g, k in zip(GROUPS, GROUP_KEYS, strict=True) if k in value}
    out = pd.to_numeric(groups, errors="coerce").map(table)
    if out.isna().any():
        bad = sorted(set(groups[out.isna()].astype(str)))
        raise ValueError(f"no value for commune group(s) {', '.join(bad)}")
    return out.astype("float64")


def _text(x: Any, percent: bool) -> str:
    if percent:
        return number(100.0 * float(x), 0 if float(100.0 * x).is_integer() else 1) + "%"
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    if isinstance(x, int):
        return number(x)
    return number(x, 2).rstrip("0").rstrip(",")


def describe_by_group(value: Any, percent: bool = False) -> str:
    """Write a (possibly per-group) value for a planner, in Vietnamese.

    Parameters
    ----------
    value : number or mapping
        One number, or a mapping keyed by :data:`GROUP_KEYS`.
    percent : bool
        Write a 0–1 share as a percentage (``0.5`` → ``50%``).

    Returns
    -------
    str
        The one number (``"0,5"``), or ``"Nhóm 1: 0,6; Nhóm 2: 0,5; Nhóm 3: 0,4"``.
    """
    if not is_by_group(value):
        return _text(value, percent)
    return "; ".join(
        f"Nhóm {g}: {_text(value[k], percent)}"
        for g, k in zip(GROUPS, GROUP_KEYS, strict=True)
        if k in value
    )
