"""The one way to load a survey: read, validate, and cache the validated frame."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ntmplan.core.errors import InputError, Problem
from ntmplan.core.writers import atomic_write_bytes
from ntmplan.survey.reading import read_input_bytes


def load_survey(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> pd.DataFrame:
    """Read and validate a survey file.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX (see :func:`~ntmplan.survey.reading.read_tables`; several survey
        sheets are merged, see :func:`~ntmplan.survey.survey_file.validate_file`).
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
    from ntmplan.survey.survey_file import validate_file

    typed, problems = validate_file(path, scheme=scheme, params=params)
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
    "survey/survey_file.py",
    "survey/units/*.py",
    "core/errors.py",
)
_SURVEY_MEMORY: dict[str, pd.DataFrame] = {}
#: Surveys kept in memory per process: a run reads its survey, the 2023 one and (07) the
#: further years; the batch's kernels inherit them from the fork server.
_MEMORY_SURVEYS = 3


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


#: Marks a cache file as this function's (a foreign or older file is ignored).
_CACHE_FORMAT = "ntmplan-validated-survey/1"
#: The only column dtypes a cache file may hold, with the Python types of their cells
#: (``str`` cells are missing as NaN); anything else is not cached.
_CACHE_DTYPES = {
    "bool": (bool,),
    "int64": (int,),
    "float64": (float,),
    "str": (str, float),
    "object": (str, int, float, bool, type(None)),
}
#: The only Python types a cached cell or problem field may hold (JSON-exact).
_PLAIN_TYPES = (str, int, float, bool, type(None))
_PROBLEM_FIELDS = ("file", "row", "column", "value", "rule_vi", "rule_en", "severity")


def _plain(values, types: tuple = _PLAIN_TYPES) -> bool:
    if types == _CACHE_DTYPES["str"]:  # text, or NaN for a missing cell
        return all(type(v) is str or (type(v) is float and v != v) for v in values)
    return all(type(v) in types for v in values)


def _encode_survey(survey: pd.DataFrame, key: str) -> bytes | None:
    """The validated survey as JSON with explicit dtypes, or None if it cannot be exact."""
    extra_attrs = set(survey.attrs) - {"problems"}
    if extra_attrs or not isinstance(survey.index, pd.RangeIndex):
        return None
    names = survey.columns.tolist()
    if len(set(names)) != len(names) or not all(type(n) is str for n in names):
        return None
    columns = []
    for i, name in enumerate(names):
        col = survey.iloc[:, i]
        dtype, values = str(col.dtype), col.tolist()
        if dtype not in _CACHE_DTYPES or not _plain(values, _CACHE_DTYPES[dtype]):
            return None
        columns.append({"name": name, "dtype": dtype, "values": values})
    problems = []
    for p in survey.attrs.get("problems", None) or []:
        fields = [getattr(p, f) for f in _PROBLEM_FIELDS]
        if not isinstance(p, Problem) or not _plain(fields):
            return None
        problems.append(dict(zip(_PROBLEM_FIELDS, fields, strict=True)))
    index = survey.index
    doc = {
        "format": _CACHE_FORMAT,
        "key": key,
        "index": [index.start, index.stop, index.step],
        "columns_dtype": str(survey.columns.dtype),
        "columns": columns,
        "problems": problems if "problems" in survey.attrs else None,
    }
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _decode_survey(data: bytes, key: str) -> pd.DataFrame | None:
    """The survey of a cache file written by :func:`_encode_survey` for ``key``, else None.

    The file is data only (JSON): nothing in it is executed. Anything unexpected (not
    JSON, another format or key, a dtype or length that does not match) gives None.
    """
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc["format"] != _CACHE_FORMAT or doc["key"] != key:
            return None
        index = pd.RangeIndex(*(int(v) for v in doc["index"]))
        series = {}
        for col in doc["columns"]:
            name, dtype, values = col["name"], col["dtype"], col["values"]
            if type(name) is not str or dtype not in _CACHE_DTYPES or name in series:
                return None
            if not isinstance(values, list) or len(values) != len(index):
                return None
            if not _plain(values, _CACHE_DTYPES[dtype]):
                return None
            s = pd.Series(values, dtype=dtype, index=index, name=name)
            if str(s.dtype) != dtype:
                return None
            series[name] = s
        survey = pd.DataFrame(series, index=index)
        survey.columns = pd.Index(list(series), dtype=doc["columns_dtype"])
        if doc["problems"] is not None:
            problems = []
            for p in doc["problems"]:
                if set(p) != set(_PROBLEM_FIELDS) or not _plain(p.values()):
                    return None
                problems.append(Problem(**p))
            survey.attrs["problems"] = problems
        return survey
    except Exception:  # noqa: BLE001 - a damaged or foreign cache file is rebuilt, never trusted
        return None


def encode_frame(frame: pd.DataFrame, key: str) -> bytes | None:
    """Return a validated frame as cache JSON for ``key`` (see :func:`load_survey_cached`).

    Parameters
    ----------
    frame : pandas.DataFrame
        A frame with a RangeIndex, text column names, the cacheable dtypes and no
        ``attrs`` other than ``problems``.
    key : str
        The cache key stored in the file.

    Returns
    -------
    bytes or None
        None when JSON cannot hold the frame exactly.
    """
    return _encode_survey(frame, key)


def decode_frame(data: bytes, key: str) -> pd.DataFrame | None:
    """Return the frame of cache JSON written by :func:`encode_frame` for ``key``, else None.

    Parameters
    ----------
    data : bytes
        The cache file's bytes (data only: nothing in it is executed).
    key : str
        The key the file must hold.

    Returns
    -------
    pandas.DataFrame or None
        None for a damaged or foreign file, another key or another format.
    """
    return _decode_survey(data, key)


def _max_cache_bytes(data: bytes) -> int:
    """The largest cache file read for a survey of ``data`` (a bigger one is not ours)."""
    return 64 * 2**20 + 50 * len(data)


def load_survey_cached(
    path: str | Path,
    scheme: str = "current",
    params: dict | None = None,
    cache_dir: str | Path | None = None,
) -> pd.DataFrame:
    """Like :func:`load_survey`, cached in memory and on disk across processes.

    Validating the national survey takes about a second and every notebook
    kernel needs it, so the first kernel stores the validated frame in
    ``<cache folder>/surveys/<key>.json`` (written atomically) and the others
    read it in milliseconds. The key is the file's bytes, the scheme, the
    ``survey`` params and the reader's code, so any change revalidates.

    The cache file is plain JSON with each column's dtype (``bool``, ``int64``,
    ``float64``, ``str``, ``object`` of str/None) and the warnings of
    ``attrs["problems"]``: reading it never runs code (a planted file cannot
    execute anything), and a file that is damaged, foreign, for another key or
    does not decode to exactly those dtypes is ignored and the survey validated
    again. A survey that JSON cannot hold exactly is not cached on disk.

    Parameters
    ----------
    path : str or Path
    scheme : str
    params : dict, optional
    cache_dir : str or Path, optional
        The cache folder; default :func:`ntmplan.core.paths.cache_dir`
        (``$NTMPLAN_CACHE_DIR``, which the batch sets to ``<outputs root>/.cache``).

    Returns
    -------
    pandas.DataFrame
        A copy (callers may modify it).

    Raises
    ------
    InputError
        As :func:`load_survey`.
    """
    from ntmplan.core import paths

    path = Path(path)
    data = read_input_bytes(path)
    key = _survey_cache_key(data, scheme, params)
    if key in _SURVEY_MEMORY:
        _SURVEY_MEMORY[key] = _SURVEY_MEMORY.pop(key)  # the most recently used goes last
        return _SURVEY_MEMORY[key].copy()
    cache = Path(cache_dir or paths.cache_dir()) / "surveys" / f"{key}.json"
    survey = None
    try:
        if cache.is_file() and cache.stat().st_size <= _max_cache_bytes(data):
            survey = _decode_survey(cache.read_bytes(), key)
    except OSError:
        survey = None  # an unreadable cache only costs speed
    if survey is None:
        survey = load_survey(path, scheme=scheme, params=params)
        encoded = _encode_survey(survey, key)
        try:
            if encoded is not None:
                atomic_write_bytes(cache, encoded)
        except OSError:
            pass  # a read-only outputs folder only costs speed
    while len(_SURVEY_MEMORY) >= _MEMORY_SURVEYS:  # keep the few most recently used
        _SURVEY_MEMORY.pop(next(iter(_SURVEY_MEMORY)))
    _SURVEY_MEMORY[key] = survey
    return survey.copy()
