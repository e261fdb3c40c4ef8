"""One params layer: read a YAML file safely, and merge it onto the params with key and type checks.

``params/defaults.yaml`` is both the default values and the schema: a key that
is not in the defaults is rejected, and so is a value whose type differs from
the default's (an ``int`` is accepted where a ``float`` is expected). A mapping
whose default is empty (``{}``) is open: any keys are accepted under it. A threshold or
target (:data:`ntmplan.core.by_group.BY_GROUP_PATTERNS`) may be one number or one number per
commune group (``{group_1, group_2, group_3}``), whichever form the layer below used.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import yaml

from ntmplan.core.by_group import allows_by_group, by_group_problems, is_by_group
from ntmplan.core.errors import ParamsError, Problem

#: Largest params file accepted, in bytes (a guard against huge documents).
MAX_PARAMS_BYTES = 1_000_000


class _NoAliasLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses anchors and aliases (no 'billion laughs')."""

    def compose_node(self, parent, index):  # noqa: D401 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in params files", event.start_mark
            )
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.composer.ComposerError(
                None, None, "anchors (&name) are not allowed in params files", event.start_mark
            )
        return super().compose_node(parent, index)


# YAML 1.1 (PyYAML) reads a float only with a dot and a signed exponent: ``5e3`` and
# ``1.0e308`` would be strings. A planner means numbers: read any decimal with an exponent
# (``5e3``, ``1.0e308``, ``-2E-2``, ``.5e1``) as a float, as YAML 1.2 does.
_NoAliasLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9][0-9_]*)[eE][-+]?[0-9]+$"),
    list("-+0123456789."),
)


def read_yaml(path: str | Path) -> dict:
    """Read one params YAML file safely.

    Parameters
    ----------
    path : str or Path
        The file to read. It is only read, never written.

    Returns
    -------
    dict
        The document (an empty file gives ``{}``).

    Raises
    ------
    ParamsError
        If the file is missing, too large, not UTF-8, not valid YAML, nested
        too deeply, uses anchors/aliases, or is not a mapping at the top.
    """
    path = Path(path)
    name = str(path)

    def fail(vi: str, en: str, value: Any = None) -> ParamsError:
        return ParamsError([Problem(name, None, None, value, vi, en)])

    if not path.is_file():
        raise fail("Không tìm thấy tệp tham số", "params file not found")
    size = path.stat().st_size
    if size > MAX_PARAMS_BYTES:
        raise fail(
            f"Tệp tham số quá lớn ({size} byte, tối đa {MAX_PARAMS_BYTES})",
            f"params file too large ({size} bytes, at most {MAX_PARAMS_BYTES})",
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(
            "Tệp tham số không phải UTF-8", f"params file is not UTF-8 ({exc.reason})"
        ) from None
    try:
        doc = yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - safe loader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" (dòng/line {mark.line + 1})" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise fail(
            f"YAML không hợp lệ{where}: {problem}", f"invalid YAML{where}: {problem}"
        ) from None
    except RecursionError:
        raise fail(
            "YAML lồng quá sâu (quá nhiều cấp [ ] hoặc { } lồng nhau)",
            "YAML nested too deeply (too many levels of [ ] or { })",
        ) from None
    if doc is None:
        return {}
    if not isinstance(doc, dict):
        raise fail(
            "Tệp tham số phải là một bảng khóa: giá trị",
            "params file must be a mapping at the top level",
        )
    return doc


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "mapping"
    if value is None:
        return "null"
    return type(value).__name__


def _compatible(default: Any, value: Any) -> bool:
    if default is None or value is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    if isinstance(default, int):
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    if isinstance(default, str):
        return isinstance(value, str)
    if isinstance(default, list):
        return isinstance(value, list)
    if isinstance(default, dict):
        return isinstance(value, dict)
    return type(default) is type(value)


def merge(base: dict, overlay: dict, file: str, prefix: str = "") -> tuple[dict, list[Problem]]:
    """Merge ``overlay`` into a copy of ``base``, checking keys and types.

    Parameters
    ----------
    base : dict
        The params so far (its structure is the schema).
    overlay : dict
        The layer to apply.
    file : str
        Name of the layer, for messages.
    prefix : str
        Dotted key path of ``base`` (for recursion).

    Returns
    -------
    (dict, list of Problem)
        The merged params and every problem found (the merge skips bad keys).
    """
    out = copy.deepcopy(base)
    problems: list[Problem] = []
    for key, value in overlay.items():
        dotted = f"{prefix}{key}"
        if key not in base:
            if isinstance(base, dict) and base == {} and prefix:
                out[key] = copy.deepcopy(value)
                continue
            near = _closest(str(key), [str(k) for k in base])
            hint_vi = f"; có phải '{near}'?" if near else ""
            hint_en = f"; did you mean '{near}'?" if near else ""
            problems.append(
                Problem(
                    file,
                    None,
                    dotted,
                    value,
                    f"Khóa không có trong tham số mặc định{hint_vi}",
                    f"unknown key{hint_en}",
                )
            )
            continue
        default = base[key]
        if allows_by_group(dotted) and (is_by_group(value) or is_by_group(default)):
            # a threshold or target: one number, or one number per commune group
            found = by_group_problems(value, dotted, file)
            problems.extend(found)
            if not found:
                out[key] = copy.deepcopy(value)
            continue
        if not _compatible(default, value):
            problems.append(
                Problem(
                    file,
                    None,
                    dotted,
                    value,
                    f"Sai kiểu: cần {_type_name(default)}, nhận {_type_name(value)}",
                    f"wrong type: expected {_type_name(default)}, got {_type_name(value)}",
                )
            )
            continue
        if isinstance(default, dict) and isinstance(value, dict):
            if default == {}:
                out[key] = copy.deepcopy(value)
            else:
                merged, sub = merge(default, value, file, dotted + ".")
                out[key] = merged
                problems.extend(sub)
        elif (
            isinstance(default, int) and not isinstance(default, bool) and isinstance(value, float)
        ):
            out[key] = int(value)
        else:
            out[key] = copy.deepcopy(value)
    return out, problems


def _closest(key: str, candidates: list[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(key, candidates, n=1, cutoff=0.75)
    return match[0] if match else None
