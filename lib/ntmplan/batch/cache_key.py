"""The cache key of a run: a hash of exactly what can change its result.

That is the notebook file and its parameters, the resolved params of its province, the
survey file it reads, the summaries of the notebooks it reads, the code the notebooks run
(:data:`RESULT_PACKAGES`, :data:`RESULT_MODULES`: ``core``, ``survey``, ``tasks``,
``notebook`` and the HTML export) and the version of every runtime dependency declared in
the package metadata. The command line, the app, the kernel fork server and the rest of
the batch runner are left out: a change there cannot change a result and must not rerun
everything.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ntmplan.batch.tasks import NATIONAL_DIR, NATIONAL_NOTEBOOK, RunTask, reads
from ntmplan.core import paths

#: The installed ``ntmplan`` package folder (``lib/ntmplan``): the root of the files hashed.
LIBRARY_ROOT = Path(__file__).resolve().parents[1]
#: Packages under :data:`LIBRARY_ROOT` whose every file enters the key (the notebooks run them).
RESULT_PACKAGES = ("core", "survey", "tasks", "notebook")
#: Single modules under :data:`LIBRARY_ROOT` that enter the key: the package's own
#: ``__init__`` (run by every import) and the HTML export (it writes the report pages).
RESULT_MODULES = ("__init__.py", "batch/html_export.py")
#: The distribution whose declared runtime dependencies enter the key.
DISTRIBUTION = "ntmplan"
#: Notebooks that also read the bundled legacy illustrative survey.
READS_LEGACY_SAMPLE = ("01_status", "05_data", "07_progress", NATIONAL_NOTEBOOK)
#: Notebooks that also read the bundled illustrative survey of further years (2024, 2026).
READS_MORE_YEARS_SAMPLE = ("07_progress",)


def sha_file(path: Path) -> str:
    """Return the SHA-256 of a file's bytes (read in 1 MiB chunks).

    Parameters
    ----------
    path : Path

    Returns
    -------
    str
        Hex digest.
    """
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def result_sources(root: Path | None = None) -> list[Path]:
    """Return the library files whose content can change a notebook's result, sorted.

    Parameters
    ----------
    root : Path, optional
        The ``ntmplan`` package folder; default :data:`LIBRARY_ROOT`.

    Returns
    -------
    list of Path
        Every file of :data:`RESULT_PACKAGES` (not ``__pycache__`` or hidden files) and
        each of :data:`RESULT_MODULES` that exists.
    """
    root = Path(root or LIBRARY_ROOT)
    files = [root / m for m in RESULT_MODULES if (root / m).is_file()]
    for package in RESULT_PACKAGES:
        files.extend(
            f
            for f in (root / package).rglob("*")
            if f.is_file()
            and "__pycache__" not in f.relative_to(root).parts
            and not any(part.startswith(".") for part in f.relative_to(root).parts)
            and f.suffix not in (".pyc", ".pyo")
        )
    return sorted(files, key=lambda f: f.relative_to(root).as_posix())


def requirement_name(requirement: str) -> str | None:
    """Return the distribution name of a PEP 508 requirement (None for an extra's one).

    Parameters
    ----------
    requirement : str
        e.g. ``"pandas>=2.1"`` or ``'pytest>=8.0; extra == "dev"'``.

    Returns
    -------
    str or None
    """
    spec, _, marker = requirement.partition(";")
    if re.search(r"\bextra\b", marker):
        return None
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", spec)
    return match.group(1) if match else None


def _declared_in_pyproject() -> list[str]:
    """Return ``[project] dependencies`` of the project's ``pyproject.toml`` (empty if none)."""
    import tomllib

    try:
        data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("project", {}).get("dependencies", []))


def runtime_dependencies() -> list[str]:
    """Return the names of the runtime dependencies ``ntmplan`` declares (extras left out).

    Read from the installed package metadata (``importlib.metadata.requires``), so a new
    dependency enters the key without anyone listing it here; from ``pyproject.toml`` when
    the package is not installed.

    Returns
    -------
    list of str
        In declaration order, each once.
    """
    from importlib import metadata

    try:
        requirements = metadata.requires(DISTRIBUTION) or []
    except metadata.PackageNotFoundError:
        requirements = _declared_in_pyproject()
    names = (requirement_name(r) for r in requirements)
    return list(dict.fromkeys(n for n in names if n))


def package_versions() -> list[str]:
    """Return ``name==version`` of every runtime dependency (``name==absent`` if not installed).

    Returns
    -------
    list of str
    """
    from importlib import metadata

    out = []
    for name in runtime_dependencies():
        try:
            out.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            out.append(f"{name}==absent")
    return out


def source_fingerprint() -> str:
    """Return a hash of the library code notebooks run and of the runtime dependencies' versions.

    Computed once per batch; see the module docstring for what is in it and what is not.

    Returns
    -------
    str
    """
    h = hashlib.sha256()
    for f in result_sources():
        h.update(f.relative_to(LIBRARY_ROOT).as_posix().encode())
        h.update(f.read_bytes())
    for pin in package_versions():
        h.update(pin.encode())
    return h.hexdigest()


def upstream_summaries(task: RunTask) -> list[Path]:
    """Return the summary files a run reads (03 and 06: their province's; 00: every province's).

    Parameters
    ----------
    task : RunTask

    Returns
    -------
    list of Path
    """
    out = Path(task.out_dir)
    if task.notebook == NATIONAL_NOTEBOOK:
        root = Path(task.parameters.get("outputs_root") or out.parent)
        return sorted(f for f in root.glob("*/summary_*.json") if f.parent.name != NATIONAL_DIR)
    return [out / f"summary_{nb}.json" for nb in reads(task.notebook)]


def _memo_sha(memo: dict, key, path: Path) -> bytes:
    if key not in memo:
        memo[key] = sha_file(path).encode()
    return memo[key]


def task_key(task: RunTask, common: str, memo: dict | None = None) -> str:
    """Return the content hash of everything a run's result depends on.

    The notebook file, the resolved params for its province, the input data
    file, the library code and package versions (``common``), and the
    summaries of the notebooks it reads (03, 06 and 00).

    Parameters
    ----------
    task : RunTask
    common : str
        :func:`source_fingerprint` (computed once per batch).
    memo : dict, optional
        Resolved params and file hashes shared by the tasks of one batch.

    Returns
    -------
    str
    """
    from ntmplan.core.params import load_params
    from ntmplan.survey.villages import village_source

    h = hashlib.sha256(common.encode())
    h.update(sha_file(Path(task.notebook_path)).encode())
    h.update(json.dumps(task.parameters, sort_keys=True).encode())
    code = task.province_code if task.province_code != "00" else None
    memo = {} if memo is None else memo
    pkey = ("params", code, task.parameters.get("params_file") or "")
    if pkey not in memo:
        resolved = load_params(code, params_file=task.parameters.get("params_file") or None)
        memo[pkey] = json.dumps(resolved, sort_keys=True, default=str).encode()
    h.update(memo[pkey])
    data = task.parameters.get("data_file") or ""
    data_path = Path(data) if data else paths.SAMPLE_SURVEY
    if data_path.is_file():
        h.update(_memo_sha(memo, ("sha", str(data_path)), data_path))
        if data_path.suffix.lower() == ".csv":  # its village rows live in a file beside it
            vkey = ("villages", str(data_path))
            if vkey not in memo:  # the same for every run of the batch
                memo[vkey] = village_source(data_path)
            found = memo[vkey]
            if found is not None:
                h.update(_memo_sha(memo, ("sha", str(found[0])), found[0]))
    if task.notebook in READS_LEGACY_SAMPLE and paths.SAMPLE_LEGACY_SURVEY.is_file():
        h.update(_memo_sha(memo, "legacy", paths.SAMPLE_LEGACY_SURVEY))
    if task.notebook in READS_MORE_YEARS_SAMPLE and paths.SAMPLE_MORE_YEARS_SURVEY.is_file():
        h.update(_memo_sha(memo, "more_years", paths.SAMPLE_MORE_YEARS_SURVEY))
    if paths.CENTRAL_PILOTS_FILE.is_file():  # read by the legacy conversion and by 07
        h.update(_memo_sha(memo, "central_pilots", paths.CENTRAL_PILOTS_FILE))
    for f in upstream_summaries(task):
        h.update(f.name.encode())
        h.update(sha_file(f).encode() if f.is_file() else b"missing")
    return h.hexdigest()
