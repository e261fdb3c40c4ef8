"""Benchmark national runs: plain papermill/nbconvert CLI loop vs ``ntmplan run`` cold and warm,
against the floor (kernel start + library imports).

Usage: ``python benchmarks/bench_run.py [--provinces 01,04,24] [--all] [--jobs N] [--no-extras]``
Writes ``outputs/bench.json`` (``bench_all.json`` with ``--all``) and prints a table with the
ratios against their targets and, per notebook, the run time and the time its cells take.
Run with ``make bench``, which also gets the app's and the forms' figures: this script runs
``benchmarks/bench_app.py`` and ``benchmarks/bench_collect.py`` after its own measures when
they exist (``--no-extras``: not) and adds what they wrote (``outputs/bench_app.json``,
``outputs/bench_collect.json``) to its result.

The machine's speed drifts, so the figures of each ratio are taken around the same moments: the
empty notebook three times before the cold run and three times after it (the floor is their
median), and the cold run once before the loop and once after it (cold is their mean).

Before the first cold run, ``ntmplan run`` is done once for the first province into a folder
of its own (not counted), so that the libraries the empty notebook does not import are read
from disk then and not during the first timed run.

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
import statistics
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


def time_floor(folder: Path, repeats: int = 3, warm_up: bool = True) -> list[float]:
    """Seconds to execute the import-only notebook in a fresh kernel (papermill API,
    in-process), ``repeats`` times, after one run that is not counted when ``warm_up`` (the
    first reads the libraries from disk; the loop and ``ntmplan run`` are timed with them in
    the page cache)."""
    import papermill

    ensure_kernel_path()
    nb = floor_notebook(folder)
    if warm_up:
        papermill.execute_notebook(
            str(nb), str(folder / "floor_warmup.ipynb"), kernel_name="python3", progress_bar=False
        )
    times = []
    for i in range(repeats):
        start = time.perf_counter()
        papermill.execute_notebook(
            str(nb), str(folder / f"floor_{i}.ipynb"), kernel_name="python3", progress_bar=False
        )
        times.append(time.perf_counter() - start)
    return times


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


#: Targets of the batch (issue 19, point 4).
TARGETS = {
    "baseline_over_cold_min": 6.0,
    "cold_over_floor_max": 1.5,
    "warm_max_s": 3.0,
    "peak_rss_mb_max": 500,
}
#: Other benchmarks run after this one when present, and the JSON file each writes.
EXTRAS = {"bench_app.py": "bench_app.json", "bench_collect.py": "bench_collect.json"}


def per_notebook(out: Path) -> dict:
    """Mean run seconds (run log) and cell seconds (papermill's metadata) per notebook id."""
    import nbformat

    log = json.loads((out / "run_log.json").read_text(encoding="utf-8"))
    rows: dict[str, dict] = {}
    for r in log:
        if r["status"] != "ok" or not r.get("ipynb"):
            continue
        nb = nbformat.read(r["ipynb"], as_version=4)
        cells = sum(float(c.metadata.get("papermill", {}).get("duration") or 0) for c in nb.cells)
        row = rows.setdefault(r["notebook"], {"runs": 0, "run_s": 0.0, "cells_s": 0.0})
        row["runs"] += 1
        row["run_s"] += r["seconds"]
        row["cells_s"] += cells
    return {
        k: {
            "runs": v["runs"],
            "run_s": round(v["run_s"] / v["runs"], 2),
            "cells_s": round(v["cells_s"] / v["runs"], 2),
        }
        for k, v in sorted(rows.items())
    }


def run_extras() -> dict:
    """Run the other benchmarks that exist; return what each wrote (or its exit code)."""
    found = {}
    for script, written in EXTRAS.items():
        path = ROOT / "benchmarks" / script
        if not path.is_file():
            continue
        result = paths.OUTPUTS_DIR / written
        result.unlink(missing_ok=True)  # a failed run must not report an earlier run's figures
        proc = subprocess.run([sys.executable, str(path)], cwd=ROOT, text=True, capture_output=True)
        print(proc.stdout.strip()[-2000:])
        if proc.returncode != 0:
            print(f"{script} failed ({proc.returncode}): {proc.stderr.strip()[-1500:]}")
        try:
            found[script] = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            found[script] = {"exit_code": proc.returncode, "stderr": proc.stderr.strip()[-500:]}
    return found


def _ratio(a, b):
    return None if a is None or not b else round(a / b, 2)


def report(result: dict) -> None:
    """Print the result: figures, ratios against targets, per notebook."""
    t = result["targets"]
    checks = [
        (
            "baseline / cold",
            result["ratio_baseline_over_cold"],
            f">= {t['baseline_over_cold_min']}",
        ),
        ("cold / floor", result["ratio_cold_over_floor"], f"<= {t['cold_over_floor_max']}"),
        ("warm (s)", result["warm_s"], f"<= {t['warm_max_s']}"),
        ("peak RSS (MB)", result["peak_rss_mb_any_process"], f"<= {t['peak_rss_mb_max']}"),
    ]
    skip = {"targets", "per_notebook", "extras"}
    width = max(len(k) for k in result)
    for k, v in result.items():
        if k not in skip:
            print(f"{k:<{width}}  {v}")
    print("\nratio               value   target")
    for name, value, target in checks:
        print(f"{name:<18}  {value!s:>6}   {target}")
    print("\nnotebook        runs  run s  cells s  (floor per run: empty notebook)")
    for nb, row in result["per_notebook"].items():
        print(f"{nb:<14} {row['runs']:>5} {row['run_s']:>6} {row['cells_s']:>8}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument(
        "--provinces", default="01,04,24", help="comma-separated codes (default 3 provinces)"
    )
    ap.add_argument("--all", action="store_true", help="all 34 provinces")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--skip-baseline", action="store_true", help="skip the slow CLI loop")
    ap.add_argument("--no-extras", action="store_true", help="do not run the other benchmarks")
    args = ap.parse_args(argv)
    provinces = (
        units.provinces()["province_code"].tolist() if args.all else args.provinces.split(",")
    )
    notebooks = default_notebooks(True)
    n_runs = len(provinces) * len([n for n in notebooks if n != runner.NATIONAL_NOTEBOOK]) + (
        1 if runner.NATIONAL_NOTEBOOK in notebooks else 0
    )
    work = Path(tempfile.mkdtemp(prefix="ntmplan-bench-"))
    # The machine's speed drifts: the floor is measured just before and just after the cold
    # run(s), and the cold run is done before and after the loop, so that each ratio compares
    # figures taken around the same moments.
    try:
        floors = time_floor(work)
        # one province, not counted: reads from disk the libraries the floor notebook does not
        # import (as the floor's own warm-up run does for its own), so that the first cold run
        # is not the only one timed with a cold disk cache
        ntmplan_run(provinces[:1], work / "warm_up", args.jobs, False)
        cold, peak_cold = ntmplan_run(provinces, work / "ntmplan", args.jobs, args.all)
        colds = [cold]
        notebook_times = per_notebook(work / "ntmplan")
        t_base = None if args.skip_baseline else baseline(provinces, notebooks, work / "baseline")
        if t_base is not None:
            colds.append(ntmplan_run(provinces, work / "ntmplan_2", args.jobs, args.all)[0])
        floors += time_floor(work, warm_up=False)
        warm, _ = ntmplan_run(provinces, work / "ntmplan", args.jobs, args.all)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    t_empty = statistics.median(floors)
    floor = n_runs * t_empty / args.jobs
    cold = statistics.mean(colds)
    result = {
        "provinces": len(provinces),
        "notebooks": notebooks,
        "notebook_runs": n_runs,
        "jobs": args.jobs,
        "empty_notebook_s": round(t_empty, 3),
        "empty_notebook_runs_s": [round(t, 3) for t in floors],
        "cold_runs_s": [round(t, 2) for t in colds],
        "floor_s": round(floor, 2),
        "baseline_cli_loop_s": None if t_base is None else round(t_base, 2),
        "cold_s": round(cold, 2),
        "warm_s": round(warm, 2),
        "ratio_baseline_over_cold": _ratio(t_base, cold),
        "ratio_cold_over_floor": _ratio(cold, floor),
        "ratio_cold_over_warm": _ratio(cold, warm),
        "peak_rss_mb_any_process": round(peak_cold, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "targets": TARGETS,
        "per_notebook": notebook_times,
    }
    out = paths.OUTPUTS_DIR / ("bench_all.json" if args.all else "bench.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    if not args.no_extras:
        result["extras"] = run_extras()
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    report(result)
    print(f"→ {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
