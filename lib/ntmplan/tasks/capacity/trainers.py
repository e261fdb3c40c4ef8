"""Trainer capacity: class-days each trainer pool can deliver per quarter."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.checks import check_training_params


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
    params = params_or_defaults(params)
    cfg = params["capacity"]
    check_training_params(cfg)
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


def capacity_arrays(params: dict, n_communes: int | None) -> dict[str, np.ndarray]:
    """Quarterly capacity of each trainer pool as an array (Q1–Q4; NaN for unlimited pools).

    Parameters
    ----------
    params : dict
        Resolved params.
    n_communes : int or None
        Communes in scope (see :func:`trainer_capacity`).

    Returns
    -------
    dict of str → numpy.ndarray

    Raises
    ------
    ParamsError, ValueError
        As :func:`trainer_capacity`.
    """
    cap = trainer_capacity(params, n_communes)
    return {
        p: g.sort_values("quarter")["capacity_class_days"].to_numpy()
        for p, g in cap.groupby("trainer_pool")
    }
