"""Reading the ``pilots`` section of the params: the section, one pilot type, and overrides."""

from __future__ import annotations

from typing import Any

from ntmplan.core.errors import ParamsError, Problem
from ntmplan.core.params import apply_overrides, params_or_defaults
from ntmplan.tasks.pilots.conditions import CONDITIONS


def param_problem(column: str | None, value: Any, rule_vi: str, rule_en: str) -> Problem:
    """Return a problem not tied to a file row (a params key).

    Parameters
    ----------
    column : str or None
        Dotted params key concerned.
    value : Any
        The offending value.
    rule_vi, rule_en : str
        The rule broken, in Vietnamese and English.

    Returns
    -------
    Problem
    """
    return Problem(None, None, column, value, rule_vi, rule_en)


def pilot_params(params: dict | None) -> dict:
    """Return the ``pilots`` section of the params.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict
        ``params["pilots"]`` (not copied).

    Raises
    ------
    ParamsError
        If the params have no ``pilots`` section.
    """
    params = params_or_defaults(params)
    try:
        return params["pilots"]
    except (KeyError, TypeError):
        raise ParamsError(
            [
                param_problem(
                    "pilots",
                    None,
                    "Thiếu mục tham số 'pilots'",
                    "params have no 'pilots' section",
                )
            ]
        ) from None


def pilot_types(pp: dict) -> dict:
    """Return every pilot type in force: ``pilots.types`` then ``pilots.extra_types``.

    ``extra_types`` is the open mapping where a programme profile adds a type of its own
    period (the modern NTM commune of ``profiles/2026_2030.yaml``), so that the defaults — and
    the reports of the other profile — never carry it.

    Parameters
    ----------
    pp : dict
        The ``pilots`` section (see :func:`pilot_params`).

    Returns
    -------
    dict
        Pilot type → its params, in params order.
    """
    return {**pp.get("types", {}), **(pp.get("extra_types") or {})}


def type_thresholds(pp: dict, conf: dict) -> dict:
    """Return the thresholds of one pilot type: ``pilots.thresholds`` updated by the type's own.

    Parameters
    ----------
    pp : dict
        The ``pilots`` section.
    conf : dict
        The params of one pilot type (its optional ``thresholds`` mapping wins).

    Returns
    -------
    dict
        Threshold key → one number, or one number per commune group
        (:mod:`ntmplan.core.by_group`).
    """
    return {**pp.get("thresholds", {}), **(conf.get("thresholds") or {})}


def type_pins(pp: dict, pilot_type: str) -> list[str]:
    """Return the commune codes pinned for one pilot type.

    ``pilots.pin.<type>``, or for a type of ``pilots.extra_types`` its own ``pin`` list.

    Parameters
    ----------
    pp : dict
        The ``pilots`` section.
    pilot_type : str
        A pilot type.

    Returns
    -------
    list of str
    """
    pins = (pp.get("pin") or {}).get(pilot_type)
    if pins is None:
        pins = (pilot_types(pp).get(pilot_type) or {}).get("pin", [])
    return [str(c) for c in pins or []]


def type_conf(pp: dict, pilot_type: str) -> dict:
    """Return the params of one pilot type, checking its name and its condition names.

    Parameters
    ----------
    pp : dict
        The ``pilots`` section (see :func:`pilot_params`).
    pilot_type : str
        A key of ``pilots.types``.

    Returns
    -------
    dict
        ``pp["types"][pilot_type]``.

    Raises
    ------
    ParamsError
        If the pilot type is unknown or lists an unknown condition.
    """
    types = pilot_types(pp)
    if pilot_type not in types:
        raise ParamsError(
            [
                param_problem(
                    "pilots.types",
                    pilot_type,
                    f"Loại mô hình không có trong tham số (có: {', '.join(types)})",
                    f"unknown pilot type (known: {', '.join(types)})",
                )
            ]
        )
    conf = types[pilot_type]
    if not isinstance(conf, dict) or not isinstance(conf.get("conditions"), list):
        raise ParamsError(
            [
                param_problem(
                    f"pilots.types.{pilot_type}",
                    conf,
                    "Loại mô hình cần label_vi, conditions (danh sách) và number",
                    "a pilot type needs label_vi, conditions (a list) and number",
                )
            ]
        )
    unknown = [c for c in conf.get("conditions", []) if c not in CONDITIONS]
    if unknown:
        raise ParamsError(
            [
                param_problem(
                    f"pilots.types.{pilot_type}.conditions",
                    c,
                    f"Điều kiện không xác định (có: {', '.join(CONDITIONS)})",
                    f"unknown condition (known: {', '.join(CONDITIONS)})",
                )
                for c in unknown
            ]
        )
    return conf


class OverrideError(ParamsError, KeyError):
    """Overrides of :func:`with_overrides` that cannot be applied (unknown key or wrong type).

    A :class:`~ntmplan.core.errors.ParamsError` (one problem per bad key) and also a
    ``KeyError``, so that callers catching the ``KeyError`` of an unknown key keep working.
    """

    def __str__(self) -> str:  # KeyError would add quotes
        return Exception.__str__(self)


def nested_overrides(overrides: dict) -> dict:
    """Turn dotted keys relative to ``pilots`` into a nested overrides mapping.

    Parameters
    ----------
    overrides : dict
        ``{"thresholds.households_internet_smart_share": 0.4, "types.smart_commune.number": 2}``.

    Returns
    -------
    dict
        ``{"pilots": {"thresholds": {...}, "types": {"smart_commune": {"number": 2}}}}``; when a
        key is both a value and the parent of a later key, the later key wins.
    """
    tree: dict = {}
    for dotted, value in overrides.items():
        node = tree
        *parents, leaf = str(dotted).split(".")
        for key in parents:
            child = node.get(key)
            if not isinstance(child, dict):
                child = node[key] = {}
            node = child
        node[leaf] = value
    return {"pilots": tree}


def with_overrides(params: dict | None, overrides: dict) -> dict:
    """Return a deep copy of ``params`` with dotted ``pilots`` keys replaced (for widgets).

    Applied with :func:`ntmplan.core.params.apply_overrides` (the one overrides merge), so
    keys and value types are checked against ``params/defaults.yaml``.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    overrides : dict
        ``{"thresholds.households_internet_smart_share": 0.4, "weights.dx_demand": 3.0,
        "types.smart_commune.number": 2}`` (keys relative to ``pilots``).

    Returns
    -------
    dict
        A new params dict; the input is not modified.

    Raises
    ------
    OverrideError
        A :class:`~ntmplan.core.errors.ParamsError` that is also a ``KeyError``: a dotted key
        does not exist in ``pilots``, or a value has the wrong type.
    """
    try:
        return apply_overrides(
            params_or_defaults(params), nested_overrides(overrides), "pilots overrides"
        )
    except ParamsError as exc:
        raise OverrideError(exc.problems) from None
