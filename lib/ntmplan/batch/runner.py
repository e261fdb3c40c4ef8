"""Batch runner: execute notebooks per province with papermill in worker processes.

Phases: 01–05 for every selected province run in parallel; then each province's
06 (it reads the summaries of 01–05); then 00 (national, reads all provinces).
Each run writes its executed notebook and an HTML export with code hidden into
the province folder; a failed run keeps papermill's notebook (with the error)
and is reported, and the other runs go on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import sys
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import BrokenExecutor, Executor, ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ntmplan.batch import forkserver
from ntmplan.core import paths
from ntmplan.core.errors import InputError, Problem

#: Notebooks run once per province, in this order within a province.
PROVINCE_NOTEBOOKS = ("01_status", "02_pilots", "03_budget", "04_capacity", "05_data", "06_plan")
#: Notebooks that read other notebooks' summaries and so run after them.
DEPENDENT_NOTEBOOKS = {
    "03_budget": ("02_pilots", "04_capacity"),
    "06_plan": ("01_status", "02_pilots", "03_budget", "04_capacity", "05_data"),
}
NATIONAL_NOTEBOOK = "00_national"
NATIONAL_DIR = "00-toan-quoc"
KERNEL_NAME = "python3"


@dataclass
class RunTask:
    """One notebook run for one province (or the national run)."""

    notebook: str
    province_code: str
    out_dir: str
    parameters: dict
    notebook_path: str
    #: ``"<pid>:<socket>"`` of the batch's kernel fork server (:mod:`ntmplan.batch.forkserver`);
    #: empty: start the kernel the usual way. Not part of the cache key (same results).
    kernel_server: str = ""

    @property
    def key(self) -> str:
        """Return a short id, e.g. ``01/02_pilots``."""
        return f"{self.province_code}/{self.notebook}"


@dataclass
class RunResult:
    """What happened to one run."""

    notebook: str
    province_code: str
    status: str  # ok | failed | skipped
    seconds: float
    out_dir: str
    error: str = ""
    html: str = ""
    ipynb: str = ""
    extra: dict = field(default_factory=dict)


def notebook_path(notebook: str) -> Path:
    """Return the path of a workbook by id (``01_status`` → ``notebooks/01_status.ipynb``)."""
    return paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"


def available_notebooks() -> list[str]:
    """Return the ids of the workbooks present in ``notebooks/``, sorted."""
    return sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def check_parameters(nb_path: Path, parameters: dict) -> list[Problem]:
    """Check run parameters against the notebook's ``parameters`` cell before a kernel starts.

    Parameters
    ----------
    nb_path : Path
        The notebook.
    parameters : dict
        Values to inject.

    Returns
    -------
    list of Problem
        Unknown names, and values whose type differs from the declared default's.
    """
    declared = declared_parameters(nb_path)
    problems: list[Problem] = []
    if not declared:
        return [
            Problem(
                str(nb_path),
                None,
                None,
                None,
                "Sổ tính không có ô 'parameters'",
                "notebook has no 'parameters' cell",
            )
        ]
    for name, value in parameters.items():
        if name not in declared:
            problems.append(
                Problem(
                    str(nb_path),
                    None,
                    name,
                    value,
                    "Tham số không có trong ô 'parameters' của sổ tính",
                    "unknown notebook parameter",
                )
            )
            continue
        declared_type = declared[name]
        expected = {"str": str, "bool": bool, "int": int, "float": (int, float)}.get(declared_type)
        if expected is None:
            continue
        ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
        if not ok:
            problems.append(
                Problem(
                    str(nb_path),
                    None,
                    name,
                    value,
                    f"Sai kiểu tham số: cần {declared_type}",
                    f"wrong parameter type: expected {declared_type}, got {type(value).__name__}",
                )
            )
    return problems


def declared_parameters(nb_path: Path) -> dict[str, str]:
    """Return the names and literal types declared in a notebook's ``parameters`` cell.

    Reads the notebook as JSON and the cell with :mod:`ast` (no kernel, and none
    of papermill's heavy imports: the check runs before every batch).

    Parameters
    ----------
    nb_path : Path

    Returns
    -------
    dict
        name → type name of its default (``str``, ``bool``, ``int``, ``float``,
        or ``none`` when not a plain literal); empty when there is no such cell.
    """
    import ast

    nb = json.loads(Path(nb_path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code" or "parameters" not in cell.get("metadata", {}).get(
            "tags", []
        ):
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        declared = {}
        for node in ast.parse(source).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                try:
                    value = ast.literal_eval(node.value)
                    kind = type(value).__name__ if value is not None else "none"
                except ValueError:
                    kind = "none"
                for target in targets:
                    if isinstance(target, ast.Name):
                        declared[target.id] = kind
        return declared
    return {}


_EXTERNAL_SCRIPT = re.compile(
    r'<script[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>\s*', re.IGNORECASE
)


def export_html(nb_file: Path, html_file: Path, title: str = "") -> Path:
    """Export an executed notebook to HTML with code cells and prompts hidden.

    The page must work offline (reviewers open it from disk): the reports hold
    no widgets or formulas, so the template's external require.js and MathJax
    script tags are removed. Images are already embedded in the outputs.

    Parameters
    ----------
    nb_file : Path
    html_file : Path
    title : str
        Page title (e.g. the notebook title and province name).

    Returns
    -------
    Path

    Notes
    -----
    Markdown outputs (``display(Markdown(...))``) may carry data or params
    text, e.g. a commune name holding ``<script>``; nbconvert would copy raw
    HTML in them into the page, so every ``<`` in them is written as ``&lt;``
    (shown as text, never run). Tables are escaped by pandas. Markdown link
    syntax in such text (``[x](javascript:…)``) would still make a live link,
    so links and sources that would run code are disarmed (:func:`disarm_urls`).
    """
    import nbformat
    from nbconvert import HTMLExporter

    from ntmplan.core.writers import atomic_write_text

    nb = nbformat.read(str(nb_file), as_version=4)
    for cell in nb.cells:
        if "injected-parameters" in cell.get("metadata", {}).get("tags", []):
            cell["id"] = "injected-parameters"  # papermill gives it a random id: keep pages stable
        for output in cell.get("outputs", []):
            md = output.get("data", {}).get("text/markdown")
            if md is not None:
                output["data"]["text/markdown"] = "".join(md).replace("<", "&lt;")
    exporter = HTMLExporter(
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True
    )
    body, _ = exporter.from_notebook_node(
        nb, resources={"metadata": {"name": title or nb_file.stem}}
    )
    return atomic_write_text(html_file, disarm_urls(_EXTERNAL_SCRIPT.sub("", body)))


_URL_ATTR = re.compile(
    r"""(\s(?:href|src|action|formaction)\s*=\s*)(["'])(.*?)\2""", re.IGNORECASE | re.DOTALL
)


def disarm_urls(page: str) -> str:
    """Replace link and source URLs that would run code (``javascript:``, ``vbscript:``,
    ``data:`` other than an image source) by ``#``.

    Parameters
    ----------
    page : str
        An HTML page.

    Returns
    -------
    str
    """
    import html

    def fix(m: re.Match) -> str:
        url = re.sub(r"[\x00-\x20]", "", html.unescape(m.group(3))).lower()
        image = m.group(1).strip().lower().startswith("src") and url.startswith("data:image/")
        if url.startswith(("javascript:", "vbscript:")) or (url.startswith("data:") and not image):
            return f"{m.group(1)}{m.group(2)}#{m.group(2)}"
        return m.group(0)

    return _URL_ATTR.sub(fix, page)


def _title(task: RunTask) -> str:
    from ntmplan.batch.index_pages import NOTEBOOK_TITLES
    from ntmplan.survey import units

    name = NOTEBOOK_TITLES.get(task.notebook, task.notebook)
    if task.province_code == "00":
        return name
    found = units.find_province(task.province_code)
    return f"{name} — {found['province_name']}" if found else name


def _ensure_kernel_path() -> None:
    """Make the kernel use this interpreter (the project venv), whatever PATH says."""
    bindir = str(Path(sys.executable).parent)
    if not os.environ.get("PATH", "").startswith(bindir + os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


#: Attempts for a run whose kernel failed for a reason other than a cell error (e.g. two
#: kernels starting at the same moment picked the same free TCP port). Cell errors are
#: deterministic and never retried.
KERNEL_ATTEMPTS = 2


def _execute_with_retry(papermill, task: RunTask, target: Path) -> None:
    """Execute a notebook with papermill; retry once in a fresh kernel if the kernel itself failed.

    With ``task.kernel_server`` set, the kernel is forked from that server (imports done);
    the retry starts the kernel the usual way.
    """
    from papermill.exceptions import PapermillExecutionError

    for attempt in range(1, KERNEL_ATTEMPTS + 1):
        server = forkserver.parse_server(task.kernel_server) if attempt == 1 else None
        extra = {"kernel_manager_class": forkserver.kernel_manager_class(server)} if server else {}
        try:
            papermill.execute_notebook(
                task.notebook_path,
                str(target),
                parameters=task.parameters,
                kernel_name=KERNEL_NAME,
                progress_bar=False,
                cwd=str(paths.ROOT),
                extra_arguments=["--log-level=CRITICAL"],  # quiet kernels in the batch log
                **extra,
            )
            return
        except PapermillExecutionError:
            raise
        except Exception:
            if attempt == KERNEL_ATTEMPTS:
                raise


def execute_task(task: RunTask) -> RunResult:
    """Execute one notebook run (in a worker process) and export its HTML.

    Parameters
    ----------
    task : RunTask

    Returns
    -------
    RunResult
        ``ok`` or ``failed`` with the reason; never raises for notebook errors.
    """
    import papermill

    _ensure_kernel_path()
    start = time.perf_counter()
    out_dir = Path(task.out_dir)
    ipynb = out_dir / f"{task.notebook}.ipynb"
    html = out_dir / f"{task.notebook}.html"
    error = ""
    status = "ok"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        tmp_nb = out_dir / f".{task.notebook}.running.ipynb"
        try:
            _execute_with_retry(papermill, task, tmp_nb)
        finally:
            if tmp_nb.exists():
                os.replace(tmp_nb, ipynb)
        export_html(ipynb, html, _title(task))
    except Exception as exc:  # noqa: BLE001 - a failed run is a result, not a crash
        status = "failed"
        error = _short_error(exc)
        try:
            if ipynb.exists():
                export_html(ipynb, html, _title(task))
        except Exception:  # noqa: BLE001
            pass
    return RunResult(
        notebook=task.notebook,
        province_code=task.province_code,
        status=status,
        seconds=round(time.perf_counter() - start, 2),
        out_dir=str(out_dir),
        error=error,
        html=str(html) if html.exists() else "",
        ipynb=str(ipynb) if ipynb.exists() else "",
    )


def _short_error(exc: BaseException) -> str:
    """Return a one-line reason for a failure (the notebook error's name and message)."""
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"[:500]
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text.splitlines()[-1][:500] if text else type(exc).__name__


def merge_summaries(out_dir: Path) -> Path | None:
    """Merge a province's ``summary_<nb>.json`` files into ``summary.json``.

    Parameters
    ----------
    out_dir : Path

    Returns
    -------
    Path or None
        The merged file, or None when there was nothing to merge (an older
        ``summary.json`` is then removed: it no longer matches any result).
    """
    from ntmplan.core.writers import write_json

    parts = {}
    for f in sorted(Path(out_dir).glob("summary_*.json")):
        try:
            parts[f.stem.removeprefix("summary_")] = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    if not parts:
        try:
            (Path(out_dir) / "summary.json").unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return write_json(Path(out_dir) / "summary.json", parts)


#: Packages whose versions enter the cache key (a change reruns everything).
KEY_PACKAGES = (
    "pandas",
    "numpy",
    "matplotlib",
    "papermill",
    "nbconvert",
    "nbformat",
    "pandera",
    "openpyxl",
    "scipy",
    "vietnamadminunits",
)
CACHE_DIR = ".cache"
#: Modules of ``ntmplan`` that neither notebooks nor the HTML export use (left out of the cache key).
NOT_IN_NOTEBOOKS = ("cli.py", "app.py", "__main__.py")


def _sha_file(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def source_fingerprint() -> str:
    """Return a hash of the ``ntmplan`` source files and the versions of key packages.

    The command line and the app launcher (:data:`NOT_IN_NOTEBOOKS`) are left
    out: neither notebooks nor the HTML export use them, so a change there
    cannot change a result and must not rerun everything.

    Returns
    -------
    str
    """
    import hashlib
    from importlib import metadata

    h = hashlib.sha256()
    for f in sorted(Path(__file__).resolve().parents[1].rglob("*.py")):
        if f.name in NOT_IN_NOTEBOOKS:
            continue
        h.update(f.relative_to(Path(__file__).resolve().parents[1]).as_posix().encode())
        h.update(f.read_bytes())
    for pkg in KEY_PACKAGES:
        try:
            h.update(f"{pkg}=={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}==absent".encode())
    return h.hexdigest()


def _upstream_summaries(task: RunTask) -> list[Path]:
    out = Path(task.out_dir)
    if task.notebook == NATIONAL_NOTEBOOK:
        root = Path(task.parameters.get("outputs_root") or out.parent)
        return sorted(f for f in root.glob("*/summary_*.json") if f.parent.name != NATIONAL_DIR)
    return [out / f"summary_{nb}.json" for nb in DEPENDENT_NOTEBOOKS.get(task.notebook, ())]


def task_key(task: RunTask, common: str, memo: dict | None = None) -> str:
    """Return the content hash of everything a run's result depends on.

    The notebook file, the resolved params for its province, the input data
    file, the ``ntmplan`` source and key package versions (``common``), and the
    summaries of the notebooks it reads (03, 06 and 00).

    Parameters
    ----------
    task : RunTask
    common : str
        :func:`source_fingerprint` (computed once per batch).

    Returns
    -------
    str
    """
    import hashlib

    from ntmplan.core.params import load_params

    h = hashlib.sha256(common.encode())
    h.update(_sha_file(Path(task.notebook_path)).encode())
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
        if ("sha", str(data_path)) not in memo:
            memo[("sha", str(data_path))] = _sha_file(data_path).encode()
        h.update(memo[("sha", str(data_path))])
    if (
        task.notebook in ("01_status", "05_data", NATIONAL_NOTEBOOK)
        and paths.SAMPLE_LEGACY_SURVEY.is_file()
    ):
        if "legacy" not in memo:
            memo["legacy"] = _sha_file(paths.SAMPLE_LEGACY_SURVEY).encode()
        h.update(memo["legacy"])
    for f in _upstream_summaries(task):
        h.update(f.name.encode())
        h.update(_sha_file(f).encode() if f.is_file() else b"missing")
    return h.hexdigest()


def _cache_record(task: RunTask) -> Path:
    return Path(task.out_dir) / CACHE_DIR / f"{task.notebook}.json"


def is_fresh(task: RunTask, key: str) -> bool:
    """Tell whether a run finished successfully with this key and its outputs are complete.

    Parameters
    ----------
    task : RunTask
    key : str

    Returns
    -------
    bool
    """
    record = _cache_record(task)
    if not record.is_file():
        return False
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if data.get("key") != key:
        return False
    return all((Path(task.out_dir) / name).is_file() for name in data.get("outputs", []))


def _write_cache_record(task: RunTask, key: str, result: RunResult) -> None:
    from ntmplan.core.writers import write_json

    out = Path(task.out_dir)
    outputs = [f"{task.notebook}.ipynb", f"{task.notebook}.html"]
    if (out / f"summary_{task.notebook}.json").is_file():
        outputs.append(f"summary_{task.notebook}.json")
    write_json(_cache_record(task), {"key": key, "outputs": outputs, "seconds": result.seconds})


def _clear_cache_record(task: RunTask) -> None:
    """Forget a run's previous result before it is redone: its cache record and its summary.

    A rerun that fails or is interrupted must not leave the old figures
    looking current (they would be merged into ``summary.json`` and read by
    03, 06 and 00).
    """
    for f in (_cache_record(task), Path(task.out_dir) / f"summary_{task.notebook}.json"):
        try:
            f.unlink(missing_ok=True)
        except OSError:  # e.g. the province folder is a file: the run itself will report it
            pass


#: Reason given for a run whose worker process died (killed, out of memory).
WORKER_DIED = (
    "Tiến trình chạy sổ tính bị dừng đột ngột (bị kết thúc hoặc hết bộ nhớ) / "
    "the worker process running this notebook died (killed or out of memory)"
)


def _run_alone(task: RunTask, factory: Callable[[int], Executor]) -> RunResult:
    """Run one task in a fresh one-worker executor (after a worker died and took others with it)."""
    try:
        with factory(1) as solo:
            return solo.submit(execute_task, task).result()
    except BrokenExecutor:
        error = WORKER_DIED
    except Exception as exc:  # noqa: BLE001 - a failed run is a result
        error = _short_error(exc)
    return RunResult(task.notebook, task.province_code, "failed", 0.0, task.out_dir, error=error)


def build_tasks(
    provinces: Iterable[str],
    notebooks: Iterable[str],
    out_root: Path,
    params_file: str = "",
    data_file: str = "",
) -> list[RunTask]:
    """Build the per-province tasks (not the national one).

    Parameters
    ----------
    provinces : iterable of str
        Validated province codes.
    notebooks : iterable of str
        Notebook ids.
    out_root : Path
        The outputs root.
    params_file, data_file : str
        Passed to every notebook (empty = defaults).

    Returns
    -------
    list of RunTask
    """
    from ntmplan.survey import units

    tasks = []
    for code in provinces:
        out_dir = Path(out_root) / units.province_dir_name(code)
        for nb in notebooks:
            if nb == NATIONAL_NOTEBOOK:
                continue
            tasks.append(
                RunTask(
                    notebook=nb,
                    province_code=code,
                    out_dir=str(out_dir),
                    parameters={
                        "province": code,
                        "params_file": str(params_file or ""),
                        "data_file": str(data_file or ""),
                        "output_dir": str(out_dir),
                        "interactive": False,
                    },
                    notebook_path=str(notebook_path(nb)),
                )
            )
    return tasks


def _phases(tasks: list[RunTask]) -> list[list[RunTask]]:
    """Split tasks into phases: independent notebooks first, then those reading their summaries."""
    first = [t for t in tasks if t.notebook not in DEPENDENT_NOTEBOOKS]
    second = [t for t in tasks if t.notebook in DEPENDENT_NOTEBOOKS and t.notebook != "06_plan"]
    third = [t for t in tasks if t.notebook == "06_plan"]
    return [p for p in (first, second, third) if p]


def run(
    provinces: list[str],
    notebooks: list[str],
    out_root: Path | None = None,
    params_file: str = "",
    data_file: str = "",
    jobs: int | None = None,
    executor_factory: Callable[[int], Executor] | None = None,
    progress: bool = True,
    force: bool = False,
    scheduler: str | None = None,
    fork_kernels: bool = True,
) -> list[RunResult]:
    """Run the selected notebooks for the selected provinces.

    Parameters
    ----------
    provinces : list of str
        Validated province codes.
    notebooks : list of str
        Notebook ids; ``00_national`` runs last, once, when included.
    out_root : Path, optional
        Outputs root (default ``outputs/``).
    params_file, data_file : str
        Passed to the notebooks.
    jobs : int, optional
        Worker processes (default: CPU count).
    executor_factory : callable, optional
        ``f(jobs) -> Executor``; default a process pool.
    progress : bool
        Show a progress bar.
    force : bool
        Rerun even when inputs are unchanged.
    scheduler : str, optional
        Address of a Dask distributed scheduler; runs are submitted to its
        workers instead of a local process pool (``--out`` must be a path
        every worker can write).
    fork_kernels : bool
        Fork each kernel from a server that has done the imports once
        (:mod:`ntmplan.batch.forkserver`; started only when something must run). Not
        used with ``scheduler`` (the workers may be other machines). False:
        start every kernel the usual way.

    Returns
    -------
    list of RunResult

    Raises
    ------
    InputError
        A notebook is missing or a parameter does not match its parameters cell.
    """
    from tqdm.auto import tqdm

    from ntmplan.batch.index_pages import write_index

    out_root = Path(out_root or paths.OUTPUTS_DIR)
    jobs = max(1, jobs or os.cpu_count() or 1)
    problems: list[Problem] = []
    for nb in notebooks:
        if not notebook_path(nb).is_file():
            problems.append(
                Problem(
                    str(notebook_path(nb)),
                    None,
                    "--notebooks",
                    nb,
                    "Không có sổ tính này",
                    "no such notebook",
                )
            )
    if out_root.exists() and not out_root.is_dir():
        problems.append(
            Problem(
                str(out_root),
                None,
                "--out",
                None,
                "Thư mục kết quả đang là một tệp, không phải thư mục",
                "the outputs folder is a file, not a folder",
            )
        )
    if problems:
        raise InputError(problems)
    tasks = build_tasks(provinces, notebooks, out_root, params_file, data_file)
    national = None
    if NATIONAL_NOTEBOOK in notebooks:
        nat_dir = out_root / NATIONAL_DIR
        national = RunTask(
            notebook=NATIONAL_NOTEBOOK,
            province_code="00",
            out_dir=str(nat_dir),
            parameters={
                "outputs_root": str(out_root),
                "output_dir": str(nat_dir),
                "params_file": str(params_file or ""),
                "interactive": False,
            },
            notebook_path=str(notebook_path(NATIONAL_NOTEBOOK)),
        )
    checked: dict[str, list[Problem]] = {}
    for t in tasks + ([national] if national else []):
        if t.notebook not in checked:
            checked[t.notebook] = check_parameters(Path(t.notebook_path), t.parameters)
            problems.extend(checked[t.notebook])
    if problems:
        raise InputError(problems)

    _ensure_kernel_path()
    common = source_fingerprint()
    memo: dict = {}  # resolved params and data-file hashes, shared by the tasks of this batch
    results: list[RunResult] = []
    phases = _phases(tasks) + ([[national]] if national else [])
    total = sum(len(p) for p in phases)
    factory = executor_factory or (lambda n: ProcessPoolExecutor(max_workers=n))
    if scheduler:
        factory = dask_executor_factory(scheduler)
    bar = tqdm(total=total, desc="ntmplan run", unit="sổ", disable=not progress)

    def finish(task: RunTask, res: RunResult, key: str) -> None:
        if res.status == "ok":
            _write_cache_record(task, key, res)
        else:
            _clear_cache_record(task)  # a failed run's summary is not a result
        results.append(res)
        bar.update(1)
        bar.set_postfix_str(f"{task.key} {res.status}")

    servers = contextlib.ExitStack()  # the kernel fork server, started on the first run to do
    kernel_server = None
    stack = contextlib.ExitStack()
    pool = None
    try:
        for number, phase in enumerate(phases):
            if phase[0].notebook == NATIONAL_NOTEBOOK:
                for d in {Path(r.out_dir) for r in results}:
                    merge_summaries(d)
                write_index(out_root, results)
            keys = {t.key: task_key(t, common, memo) for t in phase}
            todo = []
            for t in phase:
                if not force and is_fresh(t, keys[t.key]):
                    results.append(_skipped_result(t))
                    bar.update(1)
                else:
                    _clear_cache_record(t)
                    todo.append(t)
            if not todo:
                continue
            if kernel_server is None:
                later = sum(len(p) for p in phases[number + 1 :])
                use_fork = use_fork_server(fork_kernels, scheduler, len(todo) + later, jobs)
                kernel_server = (
                    servers.enter_context(forkserver.kernel_server()) if use_fork else ""
                )
            if pool is None:
                if executor_factory is None and not scheduler:
                    _import_worker_libraries()  # forked workers inherit them: imported once
                pool = stack.enter_context(factory(jobs))
            todo = [dataclasses.replace(t, kernel_server=kernel_server) for t in todo]
            futures = {pool.submit(execute_task, t): t for t in todo}
            lost: list[RunTask] = []
            for fut in as_completed(futures):
                task = futures[fut]
                try:
                    res = fut.result()
                except BrokenExecutor:
                    lost.append(task)
                    continue
                except Exception as exc:  # noqa: BLE001 - a dead worker is a failed run
                    res = RunResult(
                        task.notebook,
                        task.province_code,
                        "failed",
                        0.0,
                        task.out_dir,
                        error=_short_error(exc),
                    )
                finish(task, res, keys[task.key])
            if lost:
                # A worker process died: the pool is unusable and every unfinished run was lost
                # with it. Redo each alone in a fresh worker, so only the culprit fails.
                stack.close()
                for task in sorted(lost, key=lambda t: t.key):
                    finish(task, _run_alone(task, factory), keys[task.key])
                stack = contextlib.ExitStack()
                pool = stack.enter_context(factory(jobs))
    finally:
        stack.close()
        servers.close()
    bar.close()
    for d in {Path(r.out_dir) for r in results if r.notebook != NATIONAL_NOTEBOOK}:
        merge_summaries(d)
    write_index(out_root, results)
    _write_run_log(out_root, results)
    return sorted(results, key=lambda r: (r.province_code, r.notebook))


def _import_worker_libraries() -> None:
    """Import what every worker needs (papermill, nbconvert and its HTML templates) once.

    Worker processes are forked from this one, so they start with these loaded
    instead of each importing them (≈ 4 s of CPU per worker on 2 cores).
    """
    import nbconvert
    import papermill  # noqa: F401

    _ = nbconvert.HTMLExporter(exclude_input=True).environment  # builds the template environment


def use_fork_server(fork_kernels: bool, scheduler: str | None, runs: int, jobs: int) -> bool:
    """Decide whether a batch starts the kernel fork server.

    The server costs one import of the libraries (≈ 4 s on 2 cores) before the
    first kernel, and saves about as much on every later one; it pays off once a
    worker runs more than one notebook. Dask workers may be other machines.

    Parameters
    ----------
    fork_kernels : bool
        The user's choice (``--fresh-kernels`` turns it off).
    scheduler : str or None
        Dask scheduler address, if any.
    runs : int
        Runs still to do in the batch (an upper bound is fine).
    jobs : int
        Worker processes.

    Returns
    -------
    bool
    """
    return bool(fork_kernels) and not scheduler and forkserver.available() and runs > jobs


def dask_executor_factory(address: str) -> Callable[[int], Executor]:
    """Return an executor factory that submits runs to a Dask distributed cluster.

    Parameters
    ----------
    address : str
        Scheduler address, e.g. ``tcp://10.0.0.5:8786``.

    Returns
    -------
    callable
        ``f(jobs) -> Executor`` whose shutdown also closes the client.
    """
    import contextlib

    def factory(_jobs: int):
        from distributed import Client

        @contextlib.contextmanager
        def managed():
            client = Client(address)
            try:
                with client.get_executor(pure=False) as executor:
                    yield executor
            finally:
                client.close()

        return managed()

    return factory


def _skipped_result(task: RunTask) -> RunResult:
    out = Path(task.out_dir)
    html = out / f"{task.notebook}.html"
    ipynb = out / f"{task.notebook}.ipynb"
    return RunResult(
        task.notebook,
        task.province_code,
        "skipped",
        0.0,
        str(out),
        html=str(html),
        ipynb=str(ipynb),
    )


def _write_run_log(out_root: Path, results: list[RunResult]) -> None:
    from ntmplan.core.writers import write_json

    write_json(
        Path(out_root) / "run_log.json",
        [asdict(r) for r in sorted(results, key=lambda r: (r.province_code, r.notebook))],
    )


def summary_table(results: list[RunResult]) -> str:
    """Return a plain-text table of results (province, notebook, status, seconds, error).

    Parameters
    ----------
    results : list of RunResult

    Returns
    -------
    str
    """
    lines = [f"{'Tỉnh':<5} {'Sổ tính':<13} {'Kết quả':<9} {'Giây':>6}  Lỗi / error"]
    for r in sorted(results, key=lambda r: (r.province_code, r.notebook)):
        status = {"ok": "ok", "failed": "LỖI", "skipped": "bỏ qua"}.get(r.status, r.status)
        error = "".join(ch if ch.isprintable() else " " for ch in r.error)  # no terminal escapes
        lines.append(
            f"{r.province_code:<5} {r.notebook:<13} {status:<9} {r.seconds:>6.1f}  {error}"
        )
    n_fail = sum(r.status == "failed" for r in results)
    lines.append(f"{len(results)} lượt chạy / runs, {n_fail} lỗi / failed")
    return "\n".join(lines)
