"""Bounds of the resolved params: finite numbers, ranges, years and sizes, checked at load time.

:func:`check_bounds` runs on the merged params inside :func:`ntmplan.core.params.load_params`,
so the command line's pre-check and every kernel see the same findings before any work
starts. Each finding is a :class:`~ntmplan.core.errors.Problem` naming the layer (file) that
set the value and the dotted key (``budget.envelopes.central.2023``, ``status.quantiles[1]``).

The rules are derived from the schema where possible, and explicit lists are kept short:

- a per-group value (``x.group_1`` …, :mod:`ntmplan.core.by_group`) follows the rules of ``x``;
- every number is finite and at most :data:`MAX_NUMBER` in size, and none is negative (nothing
  in these params — money, counts, weights, years, factors — has a meaning below 0);
- shares are in 0–1: a key whose name ends in ``share``, ``status.targets.*.target``, and the
  patterns of :data:`UNIT_INTERVAL` (splits, share bounds, quantiles, coverage, spread);
  ``*_factor`` and ``weight`` keys are multipliers or relative weights, only ≥ 0;
- a mapping with ``min``/``max`` has min ≤ max; one with ``low``/``high`` has low < high;
  the keys of :data:`POSITIVE` (divisors) are > 0; those of :data:`AT_MOST` have a ceiling;
- ``programme`` and ``survey`` years are in :data:`YEARS`, start ≤ end, and a programme
  spans at most :data:`MAX_PROGRAMME_YEARS` years; other year keys are 0 ("automatic") or in
  :data:`YEARS`, and so are the integer keys of open mappings by year (envelopes, shares);
- open mappings hold at most :data:`MAX_ENTRIES` entries and lists at most :data:`MAX_ITEMS`.
"""

from __future__ import annotations

import fnmatch
import math
from dataclasses import replace
from typing import Any

from ntmplan.core.by_group import GROUP_KEYS
from ntmplan.core.errors import Problem

#: Largest absolute value of any number (a million billion million-VND is beyond any budget).
MAX_NUMBER = 1e12
#: Years a programme, a survey, a phasing or an envelope may name.
YEARS = (2000, 2100)
#: Longest programme, in years (the programmes run 5 years; 15 leaves room for a long phase).
MAX_PROGRAMME_YEARS = 15
#: Most entries of an open mapping (``budget.other_items``, ``budget.envelopes`` …).
MAX_ENTRIES = 500
#: Most items of a list (commune codes to pin or exclude, quantiles, scenarios …).
MAX_ITEMS = 2000
#: Keys (``fnmatch`` patterns over dotted keys; ``[]`` = every item of a list) in 0–1.
UNIT_INTERVAL = (
    "budget.splits.*.*",
    "budget.share_bounds.*.min",
    "budget.share_bounds.*.max",
    "budget.other_items.*.split.*",
    "status.targets.*.target",
    "status.quantiles[]",
    "capacity.groups.*.min_coverage",
    "capacity.groups.*.share_by_year.*",
    "pilots.robustness.spread",
)
#: Keys that divide or scale and must be > 0.
POSITIVE = (
    "status.indicators.*.*.cap",
    "capacity.groups.*.class_size",
    "capacity.groups.*.days_per_class",
)
#: Ceilings of keys whose size drives the running time or has a hard limit.
AT_MOST = {
    "pilots.robustness.draws": 10_000,  # each draw re-ranks every commune
    "pilots.robustness.seed": 2**32 - 1,  # numpy's seed range
    "datashare.export.hash_length": 64,  # hex digits of a SHA-256
    "budget.unit_costs.allowance_months_per_year": 12,
    "capacity.support_policy.months_per_year": 12,
    "budget.scenarios": 50,  # items: every scenario reruns the budget
}
#: Open mappings whose number keys are years (``{2023: 1500}``).
BY_YEAR = ("budget.envelopes.*", "capacity.groups.*.share_by_year")
#: Year keys that must be real years (not 0).
REQUIRED_YEARS = (
    "programme.start_year",
    "programme.end_year",
    "survey.min_year",
    "survey.max_year",
)


def _problem(key: str, value: Any, vi: str, en: str, *also: str) -> tuple[tuple, Problem]:
    """A finding on ``key``; ``also``: other keys whose layers may own it (cross-key rules)."""
    return (key, *also), Problem(None, None, key, value, vi, en)


def _matches(key: str, patterns) -> bool:
    return any(fnmatch.fnmatchcase(key, p) for p in patterns)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_year_key(name: str) -> bool:
    return (name == "year" or name.endswith("_year")) and "per_year" not in name


def _leaf_rules(key: str, name: str, value: Any, pattern_key: str) -> list[tuple[tuple, Problem]]:
    """Rules of one number; ``pattern_key`` is ``key`` with list indices written ``[]``."""
    if isinstance(value, float) and not math.isfinite(value):
        return [
            _problem(
                key,
                value,
                "Giá trị phải là một số hữu hạn (không phải nan/inf)",
                "must be a finite number (not nan/inf)",
            )
        ]
    found = []
    if abs(value) > MAX_NUMBER:
        found.append(
            _problem(
                key,
                value,
                f"Giá trị quá lớn (tối đa {MAX_NUMBER:g})",
                f"value too large (at most {MAX_NUMBER:g})",
            )
        )
    if value < 0:
        return found + [_problem(key, value, "Giá trị phải ≥ 0", "must be at least 0")]
    if (name.endswith("share") or _matches(pattern_key, UNIT_INTERVAL)) and value > 1:
        found.append(
            _problem(
                key,
                value,
                "Tỷ lệ phải nằm trong khoảng 0–1 (ví dụ 0,6 cho 60%)",
                "share must be between 0 and 1 (e.g. 0.6 for 60%)",
            )
        )
    if _matches(pattern_key, POSITIVE) and value <= 0:
        found.append(_problem(key, value, "Giá trị phải > 0", "must be greater than 0"))
    limit = AT_MOST.get(key)
    if limit is not None and value > limit:
        found.append(_problem(key, value, f"Giá trị tối đa {limit}", f"at most {limit}"))
    if _is_year_key(name) and isinstance(value, int):
        required = key in REQUIRED_YEARS
        if not (YEARS[0] <= value <= YEARS[1]) and (required or value != 0):
            zero_vi, zero_en = ("", "") if required else (" (hoặc 0)", " (or 0)")
            found.append(
                _problem(
                    key,
                    value,
                    f"Năm phải trong khoảng {YEARS[0]}–{YEARS[1]}{zero_vi}",
                    f"year must be within {YEARS[0]}–{YEARS[1]}{zero_en}",
                )
            )
    return found


def _walk(node: Any, key: str, pattern_key: str, open_map: bool, out: list) -> None:
    name = key.rsplit(".", 1)[-1]
    if name in GROUP_KEYS and "." in key:  # one value of a per-group threshold: rules of its key
        pattern_key = pattern_key.rsplit(".", 1)[0]
        name = pattern_key.rsplit(".", 1)[-1]
    if isinstance(node, dict):
        if open_map and len(node) > MAX_ENTRIES:
            out.append(
                _problem(
                    key,
                    f"{len(node)} mục",
                    f"Quá nhiều mục ({len(node)}, tối đa {MAX_ENTRIES})",
                    f"too many entries ({len(node)}, at most {MAX_ENTRIES})",
                )
            )
            return
        _pair_rules(node, key, out)
        for k, v in node.items():
            if _matches(pattern_key, BY_YEAR) and _is_number(k) and not (YEARS[0] <= k <= YEARS[1]):
                sub = f"{key}.{k}"
                out.append(
                    _problem(
                        sub,
                        k,
                        f"Năm phải trong khoảng {YEARS[0]}–{YEARS[1]}",
                        f"year must be within {YEARS[0]}–{YEARS[1]}",
                    )
                )
                continue
            _walk(
                v,
                f"{key}.{k}" if key else str(k),
                f"{pattern_key}.{k}" if key else str(k),
                open_map,
                out,
            )
    elif isinstance(node, list):
        limit = min(MAX_ITEMS, AT_MOST.get(key, MAX_ITEMS))
        if len(node) > limit:
            out.append(
                _problem(
                    key,
                    f"{len(node)} mục",
                    f"Danh sách quá dài ({len(node)}, tối đa {limit})",
                    f"list too long ({len(node)} items, at most {limit})",
                )
            )
            return
        for i, v in enumerate(node):
            _walk(v, f"{key}[{i}]", f"{pattern_key}[]", True, out)
    elif _is_number(node):
        out.extend(_leaf_rules(key, name, node, pattern_key))


def _pair_rules(node: dict, key: str, out: list) -> None:
    for low, high, strict in (("min", "max", False), ("low", "high", True)):
        a, b = node.get(low), node.get(high)
        if not (_is_number(a) and _is_number(b) and math.isfinite(a) and math.isfinite(b)):
            continue
        if a > b or (strict and a == b):
            sign = "<" if strict else "≤"
            out.append(
                _problem(
                    f"{key}.{low}",
                    a,
                    f"'{low}' ({a}) phải {sign} '{high}' ({b})",
                    f"'{low}' ({a}) must {'be below' if strict else 'not be above'} '{high}' ({b})",
                    f"{key}.{high}",
                )
            )


def _year_rules(params: dict, out: list) -> None:
    for section, lo, hi in (
        ("programme", "start_year", "end_year"),
        ("survey", "min_year", "max_year"),
    ):
        node = params.get(section) or {}
        a, b = node.get(lo), node.get(hi)
        if not (isinstance(a, int) and isinstance(b, int)):
            continue
        if a > b:
            out.append(
                _problem(
                    f"{section}.{lo}",
                    a,
                    f"{lo} ({a}) không được sau {hi} ({b})",
                    f"{lo} ({a}) must not be after {hi} ({b})",
                    f"{section}.{hi}",
                )
            )
        elif (
            section == "programme"
            and b - a + 1 > MAX_PROGRAMME_YEARS
            and a >= YEARS[0]
            and b <= YEARS[1]
        ):
            out.append(
                _problem(
                    f"{section}.{hi}",
                    b,
                    f"Chương trình quá dài ({b - a + 1} năm, tối đa {MAX_PROGRAMME_YEARS})",
                    f"programme too long ({b - a + 1} years, at most {MAX_PROGRAMME_YEARS})",
                    f"{section}.{lo}",
                )
            )


def _is_open(schema: Any, path: list) -> bool:
    node = schema
    for part in path:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return node == {}


def _sets(doc: Any, key: str) -> bool:
    """Whether the layer ``doc`` sets ``key`` (a dotted key; list indices count as the list)."""
    node: Any = doc
    for part in key.split("[", 1)[0].split("."):
        if not isinstance(node, dict):
            return True  # inside a value the layer set (a list)
        hit = next((k for k in node if str(k) == part), None)
        if hit is None:
            return False
        node = node[hit]
    return True


def _owner(keys: tuple, layers: list[tuple[str, dict]]) -> str:
    """The last layer that sets one of ``keys`` (or a parent), else the first layer."""
    for label, doc in reversed(layers[1:]):
        if any(_sets(doc, key) for key in keys):
            return label
    return layers[0][0] if layers else ""


def check_bounds(params: dict, schema: dict, layers: list[tuple[str, dict]]) -> list[Problem]:
    """Check the bounds of resolved params; every finding names its layer and dotted key.

    Parameters
    ----------
    params : dict
        The merged params.
    schema : dict
        ``params/defaults.yaml`` as read (its empty mappings are the open ones).
    layers : list of (str, dict)
        The layers merged, in order, first the defaults: a finding is attributed to the last
        layer that sets its key.

    Returns
    -------
    list of Problem
        Empty when every value is within bounds.
    """
    found = _findings(params, schema)
    scenarios = (params.get("budget") or {}).get("scenarios")
    if isinstance(scenarios, list) and len(scenarios) <= AT_MOST["budget.scenarios"]:
        for i, scenario in enumerate(scenarios):
            over = scenario.get("overrides") if isinstance(scenario, dict) else None
            if not isinstance(over, dict) or not over:
                continue
            for keys, p in _findings(_overlay(params, over, schema), schema):
                if any(_sets(over, key) for key in keys):
                    column = f"budget.scenarios[{i}].overrides.{p.column}"
                    found.append(((column,), replace(p, column=column)))
    out: dict[tuple, Problem] = {}
    for keys, p in found:
        owned = replace(p, file=_owner(keys, layers))
        out.setdefault((owned.column, owned.rule_en), owned)
    return list(out.values())


def _findings(params: dict, schema: dict) -> list[tuple[tuple, Problem]]:
    found: list[tuple[tuple, Problem]] = []
    for section, node in params.items():
        _walk_section(node, str(section), schema, found)
    _year_rules(params, found)
    return found


def _overlay(params: Any, over: Any, schema: Any) -> Any:
    """``params`` with a scenario's ``over`` on top (open mappings and lists replace)."""
    if not (isinstance(params, dict) and isinstance(over, dict)) or schema == {}:
        return over
    merged = dict(params)
    for key, value in over.items():
        sub = schema.get(key) if isinstance(schema, dict) else None
        merged[key] = _overlay(params.get(key), value, sub) if isinstance(sub, dict) else value
    return merged


def _walk_section(node: Any, key: str, schema: dict, out: list) -> None:
    """Walk the schema's part of the tree; below an open mapping or a list, walk freely."""
    path = key.split(".")
    if isinstance(node, dict) and not _is_open(schema, path):
        _pair_rules(node, key, out)
        for k, v in node.items():
            _walk_section(v, f"{key}.{k}", schema, out)
        return
    _walk(node, key, key, _is_open(schema, path) or isinstance(node, list), out)
