"""Layered params: defaults ← profile ← province overlay ← file ← overrides.

``params/defaults.yaml`` is both the default values and the schema: a key that
is not in the defaults is rejected, and so is a value whose type differs from
the default's (an ``int`` is accepted where a ``float`` is expected). A mapping
whose default is empty (``{}``) is open: any keys are accepted under it.
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ntmplan.core import paths
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


@functools.lru_cache(maxsize=1)
def _defaults_cached() -> dict:
    return read_yaml(paths.DEFAULTS_FILE)


def profile_file(profile: str) -> Path:
    """Return the path of a programme profile file (``params/profiles/<profile>.yaml``)."""
    return paths.PROFILES_DIR / f"{profile}.yaml"


def province_file(province_code: str) -> Path | None:
    """Return the province overlay ``params/provinces/<code>-<slug>.yaml`` if it exists."""
    matches = sorted(paths.PROVINCE_PARAMS_DIR.glob(f"{province_code}-*.yaml"))
    return matches[0] if matches else None


def load_params(
    province_code: str | None = None,
    profile: str | None = None,
    params_file: str | Path | None = None,
    overrides: dict | None = None,
) -> dict:
    """Resolve params for one run.

    Parameters
    ----------
    province_code : str, optional
        Two-digit province code; its overlay in ``params/provinces`` is applied if present.
    profile : str, optional
        Programme profile name (``2021_2025``, ``2026_2030``). Defaults to the
        ``programme.profile`` key after the province overlay and params file.
    params_file : str or Path, optional
        An extra overlay file (the CLI's ``--params``).
    overrides : dict, optional
        Run-time overrides, applied last.

    Returns
    -------
    dict
        The resolved params.

    Raises
    ------
    ParamsError
        Listing every unknown key, wrong type or unreadable file.
    """
    defaults = copy.deepcopy(_defaults_cached())
    layers: list[tuple[str, dict]] = []
    problems: list[Problem] = []
    prov_path = province_file(province_code) if province_code else None
    extra_layers: list[tuple[str, dict]] = []
    for label, path in ((str(prov_path), prov_path), (str(params_file), params_file)):
        if path is None:
            continue
        try:
            extra_layers.append((label, read_yaml(path)))
        except ParamsError as exc:
            problems.extend(exc.problems)
    if profile is None:
        profile = defaults["programme"]["profile"]
        for _, doc in extra_layers:
            chosen = (
                (doc.get("programme") or {}).get("profile")
                if isinstance(doc.get("programme"), dict)
                else None
            )
            if isinstance(chosen, str):
                profile = chosen
        if overrides and isinstance(overrides.get("programme"), dict):
            profile = overrides["programme"].get("profile", profile)
    pfile = profile_file(str(profile))
    if not pfile.is_file():
        problems.append(
            Problem(
                str(pfile),
                None,
                "programme.profile",
                profile,
                "Không có hồ sơ chương trình này",
                "unknown programme profile",
            )
        )
    else:
        layers.append((str(pfile), read_yaml(pfile)))
    layers.extend(extra_layers)
    if overrides:
        layers.append(("overrides", overrides))
    params = defaults
    for label, doc in layers:
        params, found = merge(params, doc, label)
        problems.extend(found)
    if problems:
        raise ParamsError(problems)
    params["programme"]["profile"] = profile
    return params


@functools.lru_cache(maxsize=1)
def _default_params_cached() -> dict:
    return load_params()


def default_params() -> dict:
    """Return the defaults merged with the default profile (a fresh copy).

    Returns
    -------
    dict
    """
    return copy.deepcopy(_default_params_cached())


def params_or_defaults(params: dict | None) -> dict:
    """Return ``params``, or the default params when it is None (the one such fallback).

    Parameters
    ----------
    params : dict or None
        Resolved params, or None for the defaults with the default profile.

    Returns
    -------
    dict
        ``params`` itself (not copied) or a fresh copy of the defaults.
    """
    return default_params() if params is None else params


def write_resolved(params: dict, path: str | Path) -> Path:
    """Write resolved params as YAML (sorted keys, UTF-8) atomically.

    Parameters
    ----------
    params : dict
    path : str or Path

    Returns
    -------
    Path
    """
    from ntmplan.core.writers import atomic_write_text

    text = yaml.safe_dump(params, allow_unicode=True, sort_keys=True)
    return atomic_write_text(Path(path), text)


# ----------------------------------------------------------------- source comments of params files


def _split_comment(text: str) -> tuple[str, str]:
    """Split ``value  # comment`` at the first ``#`` outside quotes that follows a space."""
    quote = ""
    for i, ch in enumerate(text):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t"):
            return text[:i].rstrip(), text[i + 1 :].strip()
    return text.rstrip(), ""


_KEY_RE = re.compile(r"^([A-Za-z0-9_\-]+|\"[^\"]+\"|'[^']+'):(?:\s+(.*))?$")


def _comment_records(text: str) -> list[dict]:
    """Every key line of a params YAML text, in file order, with its comments.

    Each record has ``key`` (dotted; block-list items as ``key[i]``), ``value`` (as written;
    "" for a mapping opened on the next lines), ``leaf`` (bool), ``comment`` (end-of-line
    comment), ``above`` (full-line comments just above, joined; a blank line ends a block) and
    ``source``: for a leaf its comment, else the block above, else the nearest parent's
    source; for a mapping its comment, else the block above.
    """
    records: list[dict] = []
    stack: list[tuple[int, str, str]] = []  # (indent, key, source passed to children)
    list_counts: dict[str, int] = {}
    above: list[str] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#"):
            above.append(stripped.lstrip("#").strip())
            continue
        if not stripped or stripped in ("---", "..."):
            above = []
            continue
        block, above = " ".join(a for a in above if a), []
        indent = len(raw) - len(raw.lstrip(" "))
        if stripped.startswith("- "):
            while stack and stack[-1][0] > indent:
                stack.pop()
            if not stack:
                continue
            parent = ".".join(k for _, k, _ in stack)
            i = list_counts.get(parent, 0)
            list_counts[parent] = i + 1
            key, leaf = f"{parent}[{i}]", True
            value, comment = _split_comment(stripped[2:])
        else:
            body, comment = _split_comment(stripped)
            match = _KEY_RE.match(body)
            if not match:
                continue
            name = match.group(1).strip("\"'")
            value = (match.group(2) or "").strip()
            while stack and stack[-1][0] >= indent:
                stack.pop()
            key, leaf = ".".join([k for _, k, _ in stack] + [name]), bool(value)
        inherited = next((c for _, _, c in reversed(stack) if c), "") if leaf else ""
        source = comment or block or inherited
        records.append(
            {
                "key": key,
                "value": value,
                "leaf": leaf,
                "comment": comment,
                "above": block,
                "source": source,
            }
        )
        if not leaf:
            stack.append((indent, name, source))
    return records


def _read_text(path: str | Path | None) -> str:
    return Path(path or paths.DEFAULTS_FILE).read_text(encoding="utf-8-sig")


def param_sources(path: str | Path | None = None, text: str | None = None):
    """Parse the ``key: value  # source`` lines of a params YAML file into a table.

    Only leaves are listed (lines with a value after the colon, including flow mappings and
    lists such as ``{weight: 0.35, cap: 1.0}``); the dotted key follows the indentation.
    Items of a block list (``- {...}  # comment``) are listed as ``key[i]``. The comment is
    the source (everything after the first ``#`` outside quotes that follows a space); a leaf
    without one takes the comment lines written just above it (a blank line ends such a
    block), else the comment of its nearest parent key (inline or above); otherwise the
    source is empty.

    Parameters
    ----------
    path : str or Path, optional
        The YAML file (default ``params/defaults.yaml``). Only read.
    text : str, optional
        YAML text to parse instead of a file.

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (as written), ``source``, in file order.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist (and no ``text`` is given).
    """
    import pandas as pd

    if text is None:
        text = _read_text(path)
    rows = [r for r in _comment_records(text) if r["leaf"]]
    return pd.DataFrame(
        [(r["key"], r["value"], r["source"]) for r in rows], columns=["key", "value", "source"]
    )


_INDEX_RE = re.compile(r"^(.*)\[(\d+)\]$")


def lookup(params: dict, dotted: str):
    """Return the value of a dotted params key (``a.b.c`` or ``a.b[2]``), or None if absent.

    Parameters
    ----------
    params : dict
        Resolved params (or any nested mapping).
    dotted : str
        Dotted key as listed by :func:`param_sources`.

    Returns
    -------
    object or None
        The value; None when a part of the key is missing or an index is out of range.

    Raises
    ------
    None
    """
    cur = params
    for part in dotted.split("."):
        m = _INDEX_RE.match(part)
        name, index = (m.group(1), int(m.group(2))) if m else (part, None)
        if not isinstance(cur, dict) or name not in cur:
            return None
        cur = cur[name]
        if index is not None:
            if not isinstance(cur, list) or index >= len(cur):
                return None
            cur = cur[index]
    return cur


#: How :func:`section_sources` picks keys and their source text.
SOURCE_STYLES = ("source", "inline", "joined")


def _section_comments(text: str, section: str, style: str) -> dict[str, str]:
    """Dotted key → source text for the keys of one top-level ``section`` (see :func:`section_sources`)."""
    out: dict[str, str] = {}
    for r in _comment_records(text):
        if not r["key"].startswith((f"{section}.", f"{section}[")):
            continue
        if style == "source":
            if r["leaf"]:
                out[r["key"]] = r["source"]
        elif style == "inline":
            if r["comment"]:
                out[r["key"]] = r["comment"]
        else:
            joined = " — ".join(t for t in (r["above"], r["comment"]) if t)
            if joined:
                out[r["key"]] = joined
    return out


def section_sources(
    section: str,
    params: dict | None = None,
    files: list[str | Path] | None = None,
    style: str = "source",
):
    """List the keys of one params section with their resolved values and source comments.

    The table behind every notebook's "Giả định & lưu ý" (assumptions) section.

    Parameters
    ----------
    section : str
        Top-level section of the params (``"status"``, ``"budget"``, …).
    params : dict, optional
        Resolved params the values are taken from; ``default_params()`` when None.
    files : list of str or Path, optional
        Params files whose comments are read, in merge order (default: only
        ``params/defaults.yaml``). A later file's source replaces an earlier one's for the
        same key; keys found only in a later file are appended.
    style : {"source", "inline", "joined"}
        ``"source"``: every leaf, with its source as in :func:`param_sources` (may be "").
        ``"inline"``: every key (leaf or mapping) that has an end-of-line comment, with it.
        ``"joined"``: every key (leaf or mapping) with a comment, the block of comment lines
        just above it and its end-of-line comment joined by " — ".

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (resolved; JSON for lists and mappings, ``str``
        otherwise, ``"None"`` when absent from ``params``), ``source``, in file order.

    Raises
    ------
    ValueError
        If ``style`` is not one of :data:`SOURCE_STYLES`.
    FileNotFoundError
        If one of ``files`` does not exist.
    """
    import json

    import pandas as pd

    if style not in SOURCE_STYLES:
        raise ValueError(f"style must be one of {SOURCE_STYLES}, got {style!r}")
    p = default_params() if params is None else params
    sources: dict[str, str] = {}
    for file in files or [paths.DEFAULTS_FILE]:
        for key, source in _section_comments(_read_text(file), section, style).items():
            if source or key not in sources:  # an empty source never replaces a known one
                sources[key] = source

    def text(key: str) -> str:
        node = lookup(p, key)
        return json.dumps(node, ensure_ascii=False) if isinstance(node, (dict, list)) else str(node)

    return pd.DataFrame(
        [(key, text(key), source) for key, source in sources.items()],
        columns=["key", "value", "source"],
    )


def apply_overrides(params: dict, overrides: dict, label: str = "overrides") -> dict:
    """Return params with ``overrides`` applied on top (same key and type checks as params files).

    Keys and types are checked against ``params/defaults.yaml`` (the schema),
    so an open mapping such as ``budget.envelopes`` accepts any keys even when
    a province overlay already filled it; like a params layer, an open mapping
    or a list in ``overrides`` replaces the value, other mappings merge.

    Parameters
    ----------
    params : dict
        Resolved params (not modified).
    overrides : dict
        e.g. ``{"budget": {"socialised_factor": 0.5}}``.
    label : str
        Name used in error messages.

    Returns
    -------
    dict

    Raises
    ------
    ParamsError
        Unknown keys or wrong types in ``overrides``.
    """
    schema = read_yaml(paths.DEFAULTS_FILE)
    _, problems = merge(schema, overrides or {}, label)
    if problems:
        raise ParamsError(problems)
    return _apply(copy.deepcopy(params), overrides or {}, schema)


def _apply(target: dict, overlay: dict, schema: dict) -> dict:
    """Apply ``overlay`` onto ``target`` following ``schema`` (open mappings and lists replace)."""
    for key, value in overlay.items():
        sub = schema.get(key) if isinstance(schema, dict) else None
        if (
            isinstance(value, dict)
            and isinstance(sub, dict)
            and sub
            and isinstance(target.get(key), dict)
        ):
            target[key] = _apply(target[key], value, sub)
        else:
            target[key] = copy.deepcopy(value)
    return target
