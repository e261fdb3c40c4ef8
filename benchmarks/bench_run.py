"""Benchmark national runs: plain papermill/nbconvert CLI loop vs ``ntmplan run`` cold and warm,
against the floor (kernel start + library imports).

Usage: ``python benchmarks/bench_run.py [--provinces 01,04,24] [--all] [--jobs N]``
Writes ``outputs/bench.json`` (``bench_all.json`` with ``--all``) and prints a table.
Run with ``make bench``.

The floor is measured the way the issue defines it: an empty notebook that only imports
the libraries, in a kernel started the usual way (papermill, fresh process). ``ntmplan run``
forks its kernels from a server that has done those imports once per batch
(:mod:`ntmplan.batch.kernel_server`), which is why its cold run can come in under the floor.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "lib"))

from ntmplan.batch import runner  # noqa: E402
from ntmplan.batch.execute import ensure_kernel_path  # noqa: E402
from ntmplan.core import paths  # noqa: E402
from ntmplan.survey import units  # noqa: E402

FLOOR_SOURCE = (
    "import pandas, numpy, matplotlib\n"
    "matplotlib.use('Agg')\n"
    "import matplotlib.pyplot\n"
    "import ntmplan.notebook.context, ntmplan.tasks.status, ntmplan.core.charts\n"
)


def _run(cmd: list[str], env=None) -> float:
    start = time.perf_counter()
    subprocess.run(
        cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    return time.perf_counter() - start


def floor_notebook(folder: Path) -> Path:
    """Write a notebook with the standard parameters cell that only imports the libraries."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    params = new_code_cell(
        'province = "01"\nparams_file = ""\ndata_file = ""\noutput_dir = ""\ninteractive = True',
        metadata={"tags": ["parameters"]},
    )
    nb = new_notebook(cells=[params, new_code_cell(FLOOR_SOURCE)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "floor.ipynb"
    nbformat.write(nb, str(path))
    return path


def time_floor(folder: Path, repeats: int = 3) -> float:
    """Mean seconds to execute the import-only notebook in a fresh kernel (papermill API, in-process)."""
    import papermill

    ensure_kernel_path()
    nb = floor_notebook(folder)
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        papermill.execute_notebook(
            str(nb), str(folder / f"floor_{i}.ipynb"), kernel_name="python3", progress_bar=False
        )
        times.append(time.perf_counter() - start)
    return sum(times) / len(times)


def _cli_pair(notebook: Path, executed: Path, params: dict, env: dict) -> None:
    """What a user would script by hand: the papermill CLI, then the nbconvert CLI."""
    # -r passes text as is (papermill's -p would turn the code "01" into the number 1)
    flags = [
        x for k, v in params.items() for x in ("-p" if isinstance(v, bool) else "-r", k, str(v))
    ]
    _run(
        [
            str(BIN / "papermill"),
            str(notebook),
            str(executed),
            *flags,
            "-k",
            "python3",
            "--no-progress-bar",
        ],
        env=env,
    )
    _run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], env=env)


def baseline(provinces: list[str], notebooks: list[str], out: Path) -> float:
    """Sequential loop of the papermill CLI then the nbconvert CLI per notebook."""
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    start = time.perf_counter()
    for code in provinces:
        folder = out / units.province_dir_name(code)
        folder.mkdir(parents=True, exist_ok=True)
        for nb in notebooks:
            if nb != runner.NATIONAL_NOTEBOOK:
                params = {"province": code, "output_dir": folder, "interactive": False}
                _cli_pair(runner.notebook_path(nb), folder / f"{nb}.ipynb", params, env)
    if runner.NATIONAL_NOTEBOOK in notebooks:
        folder = out / runner.NATIONAL_DIR
        folder.mkdir(parents=True, exist_ok=True)
        params = {"outputs_root": out, "output_dir": folder, "interactive": False}
        nb = runner.NATIONAL_NOTEBOOK
        _cli_pair(runner.notebook_path(nb), folder / f"{nb}.ipynb", params, env)
    return time.perf_counter() - start


def ntmplan_run(provinces: list[str], out: Path, jobs: int, all_: bool) -> tuple[float, float]:
    """Run ``ntmplan run`` in a subprocess; return (seconds, peak RSS in MB of any process it started)."""
    args = ["--all"] if all_ else ["--province", ",".join(provinces)]
    if not all_ and (paths.NOTEBOOKS_DIR / f"{runner.NATIONAL_NOTEBOOK}.ipynb").is_file():
        args += ["--notebooks", ",".join(default_notebooks(True))]
    cmd = [str(BIN / "ntmplan"), "run", *args, "--out", str(out), "--jobs", str(jobs), "--quiet"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        print(proc.stdout[-3000:])
        raise SystemExit(f"ntmplan run failed ({proc.returncode})")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak


def default_notebooks(with_national: bool) -> list[str]:
    from ntmplan.core.params import load_params

    nbs = [n for n in load_params()["runner"]["notebooks"] if runner.notebook_path(n).is_file()]
    if with_national and runner.notebook_path(runner.NATIONAL_NOTEBOOK).is_file():
        nbs.append(runner.NATIONAL_NOTEBOOK)
    return nbs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--provinces", default="01,04,24", help="comma-separated codes (default 3 provinces)"
    )
    ap.add_argument("--all", action="store_true", help="all 34 provinces")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-baseline", action="store_true", help="skip the slow CLI loop")
    args = ap.parse_args(argv)
    provinces = (
        units.provinces()["province_code"].tolist() if args.all else args.provinces.split(",")
    )
    notebooks = default_notebooks(True)
    n_runs = len(provinces) * len([n for n in notebooks if n != runner.NATIONAL_NOTEBOOK]) + (
        1 if runner.NATIONAL_NOTEBOOK in notebooks else 0
    )
    work = Path(tempfile.mkdtemp(prefix="ntmplan-bench-"))
    try:
        t_empty = time_floor(work)
        floor = n_runs * t_empty / args.jobs
        t_base = None if args.skip_baseline else baseline(provinces, notebooks, work / "baseline")
        cold, peak_cold = ntmplan_run(provinces, work / "ntmplan", args.jobs, args.all)
        warm, _ = ntmplan_run(provinces, work / "ntmplan", args.jobs, args.all)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    result = {
        "provinces": len(provinces),
        "notebooks": notebooks,
        "notebook_runs": n_runs,
        "jobs": args.jobs,
        "empty_notebook_s": round(t_empty, 3),
        "floor_s": round(floor, 2),
        "baseline_cli_loop_s": None if t_base is None else round(t_base, 2),
        "cold_s": round(cold, 2),
        "warm_s": round(warm, 2),
        "ratio_baseline_over_cold": None if t_base is None else round(t_base / cold, 2),
        "ratio_cold_over_floor": round(cold / floor, 2),
        "ratio_cold_over_warm": round(cold / warm, 2),
        "peak_rss_mb_any_process": round(peak_cold, 1),
        "targets": {
            "cold_over_floor_max": 1.3,
            "baseline_over_cold_min": 5.0,
            "warm_all_provinces_max_s": 3.0,
            "peak_rss_mb_max": 500,
        },
    }
    out = paths.OUTPUTS_DIR / ("bench_all.json" if args.all else "bench.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    width = max(len(k) for k in result)
    for k, v in result.items():
        if k != "targets":
            print(f"{k:<{width}}  {v}")
    print(f"→ {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
