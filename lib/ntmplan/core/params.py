"""Layered params: defaults ← profile ← province overlay ← file ← overrides.

``params/defaults.yaml`` is both the default values and the schema: a key that
is not in the defaults is rejected, and so is a value whose type differs from
the default's (an ``int`` is accepted where a ``float`` is expected). A mapping
whose default is empty (``{}``) is open: any keys are accepted under it.

This module resolves the layers (:func:`load_params`, :func:`default_params`,
:func:`params_or_defaults`, :func:`apply_overrides`); reading and checking one
layer is :mod:`ntmplan.core.params_layers`, and the parsing of the files' source
comments is :mod:`ntmplan.core.param_sources` (re-exported here, with
:func:`section_sources`, the assumptions table of a section).
"""

from __future__ import annotations

import copy
import functools
import re
from pathlib import Path

import yaml

from ntmplan.core import paths
from ntmplan.core.errors import ParamsError, Problem
from ntmplan.core.param_sources import (
    SOURCE_STYLES,
    lookup,
    param_sources,
    read_params_text,
    section_comments,
)
from ntmplan.core.params_bounds import check_bounds
from ntmplan.core.params_layers import MAX_PARAMS_BYTES, merge, read_yaml

__all__ = [
    "MAX_PARAMS_BYTES",
    "SOURCE_STYLES",
    "apply_overrides",
    "default_params",
    "known_profiles",
    "load_params",
    "lookup",
    "merge",
    "param_sources",
    "params_or_defaults",
    "profile_file",
    "province_file",
    "read_yaml",
    "section_sources",
    "write_resolved",
]


@functools.lru_cache(maxsize=1)
def _defaults_cached() -> dict:
    return read_yaml(paths.DEFAULTS_FILE)


#: What a programme profile name may be: a file name in ``params/profiles/``, never a path.
PROFILE_NAME = re.compile(r"[A-Za-z0-9_]+")


def known_profiles() -> list[str]:
    """Return the names of the programme profiles (``params/profiles/<name>.yaml``), sorted.

    Returns
    -------
    list of str
    """
    return sorted(
        p.stem
        for p in paths.PROFILES_DIR.glob("*.yaml")
        if p.is_file() and PROFILE_NAME.fullmatch(p.stem)
    )


def _profile_problem(profile, source: str | None) -> Problem | None:
    """The problem with a profile name (not a known profile's name), or None."""
    known = known_profiles()
    if isinstance(profile, str) and PROFILE_NAME.fullmatch(profile) and profile in known:
        return None
    listed = ", ".join(known) or "—"
    return Problem(
        source,
        None,
        "programme.profile",
        profile,
        f"Không có hồ sơ chương trình này; chọn một tên trong params/profiles/: {listed}",
        f"unknown programme profile (a name from params/profiles/, not a path): {listed}",
    )


def profile_file(profile: str) -> Path:
    """Return the path of a programme profile file (``params/profiles/<profile>.yaml``).

    Parameters
    ----------
    profile : str
        Profile name, e.g. ``"2026_2030"``: letters, digits and ``_`` only.

    Returns
    -------
    Path
        The file's path inside ``params/profiles/`` (it may not exist).

    Raises
    ------
    ParamsError
        If ``profile`` is not such a name (a path such as ``../x`` never leaves the folder).
    """
    if not (isinstance(profile, str) and PROFILE_NAME.fullmatch(profile)):
        raise ParamsError([_profile_problem(profile, None)])
    return paths.PROFILES_DIR / f"{profile}.yaml"


def province_file(province_code: str) -> Path | None:
    """Return the province overlay ``params/provinces/<code>-<slug>.yaml`` if it exists.

    Parameters
    ----------
    province_code : str
        Two-digit province code.

    Returns
    -------
    Path or None
        The first matching file (sorted), or None.
    """
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
        Listing every unknown key, wrong type, unreadable file or value out of bounds
        (:func:`ntmplan.core.params_bounds.check_bounds`).
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
    source: str | None = None if profile is None else "profile"
    if profile is None:
        profile, source = defaults["programme"]["profile"], str(paths.DEFAULTS_FILE)
        for label, doc in extra_layers:
            chosen = (
                (doc.get("programme") or {}).get("profile")
                if isinstance(doc.get("programme"), dict)
                else None
            )
            if isinstance(chosen, str):
                profile, source = chosen, label
        if overrides and isinstance(overrides.get("programme"), dict):
            if "profile" in overrides["programme"]:
                profile, source = overrides["programme"]["profile"], "overrides"
    problem = _profile_problem(profile, source)
    if problem is not None:
        problems.append(problem)
    else:
        pfile = profile_file(profile)
        layers.append((str(pfile), read_yaml(pfile)))
    layers.extend(extra_layers)
    if overrides:
        layers.append(("overrides", overrides))
    params = defaults
    for label, doc in layers:
        params, found = merge(params, doc, label)
        problems.extend(found)
    schema = _defaults_cached()
    problems.extend(check_bounds(params, schema, [(str(paths.DEFAULTS_FILE), schema), *layers]))
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
    from ntmplan.core.atomic import atomic_write_text

    # libyaml's dumper when present: the same text (checked for every province and profile)
    # in a fifth of the time, 0,05 s of every notebook run
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(params, Dumper=dumper, allow_unicode=True, sort_keys=True)
    return atomic_write_text(Path(path), text)


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
    p = params_or_defaults(params)
    sources: dict[str, str] = {}
    for file in files or [paths.DEFAULTS_FILE]:
        for key, source in section_comments(read_params_text(file), section, style).items():
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
    schema = _defaults_cached()  # read once per process; merge and _apply never modify it
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
