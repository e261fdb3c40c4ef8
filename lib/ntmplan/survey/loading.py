"""The one way to load a survey: read, validate, and cache the validated frame."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ntmplan.core.errors import InputError
from ntmplan.core.writers import atomic_write_bytes
from ntmplan.survey.reading import read_input_bytes, read_table


def load_survey(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Read and validate a survey file.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX (see :func:`read_table`).
    scheme : str
        ``current`` (2025 units) or ``legacy``.
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    pandas.DataFrame
        The typed survey (see :func:`ntmplan.survey.schema.validate_survey`). Warnings,
        if any, are in ``attrs["problems"]``.

    Raises
    ------
    InputError
        If the file cannot be read or any row has an error; ``.problems``
        lists every problem (errors and warnings).
    """
    from ntmplan.survey.schema import validate_survey

    raw = read_table(path)
    typed, problems = validate_survey(raw, scheme=scheme, file=str(path), params=params)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    if problems:
        typed.attrs["problems"] = problems
    return typed


#: Modules whose code decides what a validated survey looks like (part of the disk-cache key).
_SURVEY_CODE = (
    "survey/schema/*.py",
    "survey/reading/*.py",
    "survey/loading.py",
    "survey/units/*.py",
    "core/errors.py",
)
_SURVEY_MEMORY: dict[str, pd.DataFrame] = {}


def _survey_cache_key(data: bytes, scheme: str, params: dict | None) -> str:
    import hashlib

    from ntmplan.core.params import default_params

    survey_params = (params or default_params())["survey"]
    h = hashlib.sha256(scheme.encode())
    h.update(data)
    h.update(json.dumps(survey_params, sort_keys=True, ensure_ascii=False).encode())
    here = Path(__file__).resolve().parents[1]
    for pattern in _SURVEY_CODE:
        for f in sorted(here.glob(pattern)):
            h.update(f.read_bytes())
    return h.hexdigest()[:32]


def load_survey_cached(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Like :func:`load_survey`, cached in memory and on disk across processes.

    Validating the national survey takes about a second and every notebook
    kernel needs it, so the first kernel stores the validated frame in
    ``paths.CACHE_DIR/surveys/`` (pickle, written atomically) and the others
    read it in milliseconds. The key is the file's bytes, the scheme, the
    ``survey`` params and the reader's code, so any change revalidates. Only
    files this function wrote are unpickled.

    Parameters
    ----------
    path : str or Path
    scheme : str
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        A copy (callers may modify it).

    Raises
    ------
    InputError
        As :func:`load_survey`.
    """
    import pickle

    from ntmplan.core import paths

    path = Path(path)
    data = read_input_bytes(path)
    key = _survey_cache_key(data, scheme, params)
    if key in _SURVEY_MEMORY:
        return _SURVEY_MEMORY[key].copy()
    cache = paths.CACHE_DIR / "surveys" / f"{key}.pkl"
    survey = None
    if cache.is_file():
        try:
            survey = pickle.loads(cache.read_bytes())  # noqa: S301 - our own cache file
        except Exception:  # noqa: BLE001 - a damaged cache is rebuilt
            cache.unlink(missing_ok=True)
    if survey is None:
        survey = load_survey(path, scheme=scheme, params=params)
        try:
            atomic_write_bytes(cache, pickle.dumps(survey, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass  # a read-only outputs folder only costs speed
    _SURVEY_MEMORY.clear()  # keep one survey per process
    _SURVEY_MEMORY[key] = survey
    return survey.copy()
