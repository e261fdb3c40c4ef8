"""Exact threshold arithmetic of the eligibility gates (share and minimum thresholds).

A share threshold ``t`` (e.g. 0.5) is read as the exact decimal fraction it is written
as (``Fraction("0.5") = 1/2``). A commune passes when ``count >= ceil(t × total)``,
computed in integer arithmetic: 500 of 1,000 households passes 0.5, 499 does not; 37 of
37 officials passes 1.0. The shortfall is ``max(ceil(t × total) − count, 0)``.

A threshold may also be one number per commune group (``{group_1: …, group_2: …,
group_3: …}``, Decision 51/2025/QĐ-TTg groups, :mod:`ntmplan.core.by_group`):
:func:`share_fractions` and :func:`minimum_counts` give each commune the value of its group.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ntmplan.core.by_group import GROUP_KEYS, GROUPS, by_group_problems, is_by_group
from ntmplan.core.errors import ParamsError
from ntmplan.tasks.pilots.config import param_problem


def share_fraction(value: Any, key: str) -> Fraction:
    """Return the exact fraction of a share threshold in [0, 1], read as written (0.6 → 3/5).

    Parameters
    ----------
    value : Any
        The threshold from ``pilots.thresholds``.
    key : str
        Its key in ``pilots.thresholds`` (for the message).

    Returns
    -------
    fractions.Fraction
        Denominator at most 10⁹ (keeps ``numerator × count`` inside int64).

    Raises
    ------
    ParamsError
        If ``value`` is not a number in 0–1.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value <= 1):
        raise ParamsError(
            [
                param_problem(
                    f"pilots.thresholds.{key}",
                    value,
                    "Ngưỡng tỷ lệ phải là số trong khoảng 0–1",
                    "share threshold must be a number in 0–1",
                )
            ]
        )
    frac = Fraction(repr(float(value)))
    if frac.denominator > 10**9:  # keeps num × count inside int64
        frac = frac.limit_denominator(10**9)
    return frac


def minimum_count(value: Any, key: str) -> int:
    """Return a minimum threshold as an integer (rounded up).

    Parameters
    ----------
    value : Any
        The threshold from ``pilots.thresholds``.
    key : str
        Its key in ``pilots.thresholds`` (for the message).

    Returns
    -------
    int

    Raises
    ------
    ParamsError
        If ``value`` is not a number ≥ 0.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamsError(
            [
                param_problem(
                    f"pilots.thresholds.{key}",
                    value,
                    "Ngưỡng tối thiểu phải là số ≥ 0",
                    "minimum threshold must be a number ≥ 0",
                )
            ]
        )
    return int(np.ceil(value))


def _checked_groups(value: Any, key: str) -> None:
    problems = by_group_problems(value, f"pilots.thresholds.{key}")
    if problems:
        raise ParamsError(problems)


def share_fractions(value: Any, key: str, groups: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return each commune's share threshold as an exact fraction (numerators, denominators).

    Parameters
    ----------
    value : number or mapping
        The threshold: one number in 0–1, or one per commune group.
    key : str
        Its key in ``pilots.thresholds`` (for the message).
    groups : numpy.ndarray
        Each commune's group (1, 2 or 3).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        int64 numerators and denominators, one per commune (see :func:`share_fraction`).

    Raises
    ------
    ParamsError
        If a value is not a number in 0–1, or a per-group mapping is incomplete.
    """
    n = len(groups)
    if not is_by_group(value):
        frac = share_fraction(value, key)
        return np.full(n, frac.numerator, dtype=np.int64), np.full(n, frac.denominator, np.int64)
    _checked_groups(value, key)
    p, q = np.zeros(n, dtype=np.int64), np.ones(n, dtype=np.int64)
    for group, group_key in zip(GROUPS, GROUP_KEYS, strict=True):
        frac = share_fraction(value[group_key], f"{key}.{group_key}")
        p[groups == group], q[groups == group] = frac.numerator, frac.denominator
    return p, q


def minimum_counts(value: Any, key: str, groups: np.ndarray) -> np.ndarray:
    """Return each commune's minimum threshold (rounded up), by its group when per group.

    Parameters
    ----------
    value : number or mapping
        The threshold: one number ≥ 0, or one per commune group.
    key : str
        Its key in ``pilots.thresholds`` (for the message).
    groups : numpy.ndarray
        Each commune's group (1, 2 or 3).

    Returns
    -------
    numpy.ndarray
        int64, one per commune.

    Raises
    ------
    ParamsError
        If a value is not a number ≥ 0, or a per-group mapping is incomplete.
    """
    if not is_by_group(value):
        return np.full(len(groups), minimum_count(value, key), dtype=np.int64)
    _checked_groups(value, key)
    out = np.zeros(len(groups), dtype=np.int64)
    for group, group_key in zip(GROUPS, GROUP_KEYS, strict=True):
        out[groups == group] = minimum_count(value[group_key], f"{key}.{group_key}")
    return out


def ratio_gate(
    num: np.ndarray, num_miss: np.ndarray, den: np.ndarray, den_miss: np.ndarray, frac: Fraction
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact gate ``num / den >= frac`` in integer arithmetic.

    Parameters
    ----------
    num, den : numpy.ndarray
        int64 numerator and denominator counts.
    num_miss, den_miss : numpy.ndarray
        Their missing masks.
    frac : fractions.Fraction or (numpy.ndarray, numpy.ndarray)
        The threshold (see :func:`share_fraction`), or per-commune numerators and
        denominators (see :func:`share_fractions`).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        ``passed`` (bool), ``shortfall`` (int64; 0 without data) and ``no_data`` (the
        denominator is missing or below 1).
    """
    p, q = (frac.numerator, frac.denominator) if isinstance(frac, Fraction) else frac
    no_data = den_miss | (den < 1)
    required = -((-p * den) // q)  # ceil(p·den / q), exact integer arithmetic
    shortfall = np.where(no_data, 0, np.maximum(required - num, 0))
    passed = ~no_data & ~num_miss & (num >= required)
    return passed, shortfall.astype(np.int64), no_data


def min_gate(value: np.ndarray, miss: np.ndarray, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    """Gate ``value >= minimum``.

    Parameters
    ----------
    value : numpy.ndarray
        int64 counts.
    miss : numpy.ndarray
        Their missing mask (a missing count fails).
    minimum : int or numpy.ndarray
        The threshold (see :func:`minimum_count`), or one per commune
        (see :func:`minimum_counts`).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``passed`` (bool) and ``shortfall`` (int64).
    """
    passed = ~miss & (value >= minimum)
    return passed, np.maximum(minimum - value, 0).astype(np.int64)
