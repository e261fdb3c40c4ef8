"""Assumptions table: the params the capacity notebook uses, with their source or assumption."""

from __future__ import annotations

import json

import pandas as pd

from ntmplan.core.params import params_or_defaults, section_sources

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
    params = params_or_defaults(params)
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
