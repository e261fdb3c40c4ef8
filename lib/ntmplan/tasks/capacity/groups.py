"""Training target groups of guidance task 4: their sizes and their curriculum."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.checks import check_training_params
from ntmplan.tasks.capacity.rounding import ceil_one
from ntmplan.tasks.capacity.scope import BASE_COLUMNS, in_scope


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
    MissingColumnError
        If a survey column the groups need is missing (an ``InputError``).
    ParamsError
        If the group params are inconsistent.
    """
    params = params_or_defaults(params)
    cfg = params["capacity"]
    check_training_params(cfg)
    needed = list(BASE_COLUMNS) + [c for g in cfg["groups"].values() for c in g["size_columns"]]
    require_columns(survey, needed, "khảo sát / survey")
    scope = in_scope(survey, cfg)
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
                "size": ceil_one(size),
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
    params = params_or_defaults(params)
    cfg = params["capacity"]
    check_training_params(cfg)
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
