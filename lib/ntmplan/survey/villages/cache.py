"""The validated village rows, cached on disk across kernels (:func:`load_villages_cached`).

Every kernel of 01 and 02 reads and validates the same village rows (≈ 0.2 s each); the
first one stores them as checked JSON (the codec of :mod:`ntmplan.survey.loading`) in
``<cache folder>/villages/<key>.json`` and the others read them back. Never pickled.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.core.writers import atomic_write_bytes
from ntmplan.survey.loading import decode_frame, encode_frame
from ntmplan.survey.reading import read_input_bytes
from ntmplan.survey.villages.reading import load_villages, village_source

#: Code that decides what validated village rows look like (part of the cache key).
VILLAGE_CODE = (
    "survey/villages/*.py",
    "survey/reading/*.py",
    "survey/schema/*.py",
    "survey/units/*.py",
    "survey/loading.py",
    "core/errors.py",
)


def communes_digest(communes: pd.DataFrame | None) -> bytes:
    """Return a digest of the commune table the villages are checked against.

    Parameters
    ----------
    communes : pandas.DataFrame or None

    Returns
    -------
    bytes
        The same for equal tables (values, index, column names and dtypes).
    """
    if communes is None:
        return b"none"
    h = hashlib.sha256(json.dumps([[str(c), str(t)] for c, t in communes.dtypes.items()]).encode())
    h.update(pd.util.hash_pandas_object(communes, index=True).to_numpy().tobytes())
    return h.digest()


def villages_cache_key(
    survey_path: Path, source: tuple[Path, str | None], communes_hash: bytes, params: dict
) -> str:
    """Return the cache key of a survey's village rows.

    Parameters
    ----------
    survey_path : Path
        The commune survey (its name appears in the rows' problems).
    source : (Path, str or None)
        Where the village rows are (:func:`~ntmplan.survey.villages.reading.village_source`).
    communes_hash : bytes
        :func:`communes_digest` of the commune table.
    params : dict
        Resolved params (their ``survey`` section is part of the key).

    Returns
    -------
    str
        32 hexadecimal digits; any change of input bytes, params or code changes it.

    Raises
    ------
    InputError
        If the village file cannot be read.
    """
    path, sheet = source
    h = hashlib.sha256(b"ntmplan-villages/1")
    for part in (str(survey_path), str(path), str(sheet)):
        h.update(part.encode("utf-8") + b"\0")
    h.update(read_input_bytes(path))
    h.update(communes_hash)
    h.update(json.dumps(params["survey"], sort_keys=True, ensure_ascii=False).encode())
    here = Path(__file__).resolve().parents[2]
    for pattern in VILLAGE_CODE:
        for f in sorted(here.glob(pattern)):
            h.update(f.read_bytes())
    return h.hexdigest()[:32]


def load_villages_cached(
    survey_path: str | Path,
    *,
    communes: pd.DataFrame | None = None,
    params: dict | None = None,
    cache_dir: str | Path | None = None,
) -> pd.DataFrame | None:
    """Like :func:`~ntmplan.survey.villages.reading.load_villages`, cached on disk.

    Only rows without any warning are stored (a cached warning would lose its sheet); a
    damaged, foreign or stale cache file is ignored and the rows read again.

    Parameters
    ----------
    survey_path : str or Path
    communes : pandas.DataFrame, optional
    params : dict, optional
    cache_dir : str or Path, optional
        Default :func:`ntmplan.core.paths.cache_dir`.

    Returns
    -------
    pandas.DataFrame or None
        As :func:`~ntmplan.survey.villages.reading.load_villages`.

    Raises
    ------
    InputError
        As :func:`~ntmplan.survey.villages.reading.load_villages`.
    """
    from ntmplan.core import paths

    params = params_or_defaults(params)
    survey_path = Path(survey_path)
    source = village_source(survey_path, params)
    if source is None:
        return None
    key = villages_cache_key(survey_path, source, communes_digest(communes), params)
    cache = Path(cache_dir or paths.cache_dir()) / "villages" / f"{key}.json"
    try:
        rows = decode_frame(cache.read_bytes(), key) if cache.is_file() else None
    except OSError:
        rows = None  # an unreadable cache only costs speed
    if rows is not None:
        return rows
    rows = load_villages(survey_path, communes=communes, params=params)
    encoded = None if rows is None or rows.attrs["problems"] else encode_frame(rows, key)
    if encoded is not None:
        try:
            atomic_write_bytes(cache, encoded)
        except OSError:
            pass  # a read-only outputs folder only costs speed
    return rows
