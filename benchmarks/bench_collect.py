"""Benchmark ``ntmplan collect``: 150 returned forms of one province read, validated and merged.

Usage: ``python benchmarks/bench_collect.py [--province 38] [--forms 150] [--repeat 3]``
(run by ``make bench``). The forms are written by ``ntmplan forms`` for the province and filled
as communes would (each with the illustrative survey's figures, another commune's where the
survey lacks it, and two villages) with
openpyxl; setting them up is timed apart. The figure is the median of the collect runs (read
every file, validate, match, merge, returns report, merged survey). Writes
``outputs/bench_collect.json`` and prints one line.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from ntmplan.core import paths  # noqa: E402
from ntmplan.survey.forms.sheets import FIRST_DATA_ROW, NO, YES  # noqa: E402
from ntmplan.survey.forms.writing import write_forms  # noqa: E402
from ntmplan.survey.loading import load_survey  # noqa: E402
from ntmplan.survey.schema import FIELDS  # noqa: E402

SAMPLE = paths.SAMPLE_SURVEY
LOCKED = {"province_code", "commune_code", "commune_name", "unit_type", "year"}


def _cell(value):
    if value is None:
        return None
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return YES if value else NO
    return value.item() if hasattr(value, "item") else value


def fill_forms(forms: list[Path], survey, out: Path) -> list[Path]:
    """Fill each form with the survey's row of its commune and two villages (openpyxl)."""
    import openpyxl

    rows = survey.set_index("commune_code")
    filled = []
    for form in forms:
        wb = openpyxl.load_workbook(form)
        ws = wb["khao_sat"]
        code = ws.cell(row=FIRST_DATA_ROW, column=2).value
        # a commune the illustrative survey lacks answers with another commune's figures
        row = rows.loc[code] if code in rows.index else rows.iloc[len(filled) % len(rows)]
        for j, f in enumerate(FIELDS, start=1):
            if f.name not in LOCKED:
                ws.cell(row=FIRST_DATA_ROW, column=j, value=_cell(row[f.name]))
        villages = wb["thon"]
        for i, name in enumerate(("Thôn Một", "Thôn Hai")):
            r = FIRST_DATA_ROW + i
            for col, value in zip(
                "DEFGHIJKLM", (name, "Thôn", 120, 80, 90, YES, YES, None, 3, 1), strict=True
            ):
                villages[f"{col}{r}"] = value
        path = out / f"tra_ve_{form.name}"
        wb.save(path)
        filled.append(path)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--province", default="38")
    parser.add_argument("--forms", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from ntmplan.cli import main as cli

    survey = load_survey(SAMPLE)
    with tempfile.TemporaryDirectory(prefix="bench_collect_") as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        forms = write_forms(args.province, tmp / "forms", 2026, survey=survey)
        t_forms = time.perf_counter() - t0
        returned = tmp / "returned"
        returned.mkdir()
        filled = fill_forms(forms[: args.forms], survey, returned)
        times, cpu = [], []
        for i in range(args.repeat):
            printed = io.StringIO()
            t, c = time.perf_counter(), time.process_time()
            with contextlib.redirect_stdout(printed):
                rc = cli(
                    ["collect", str(returned), "--out", str(tmp / f"khao_sat_{i}.xlsx"), "--quiet"]
                )
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        result = {
            "province": args.province,
            "forms_written": len(forms),
            "forms_write_seconds": round(t_forms, 2),
            "forms_collected": len(filled),
            "collect_seconds": [round(x, 2) for x in times],
            "collect_median_seconds": round(statistics.median(times), 2),
            "collect_median_cpu_seconds": round(statistics.median(cpu), 2),
            "exit_code": rc,
        }
    out = paths.ROOT / "outputs" / "bench_collect.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(
        f"collect: {result['forms_collected']} phiếu / forms in {result['collect_median_seconds']} s "
        f"({result['collect_median_cpu_seconds']} s CPU) "
        f"(median of {args.repeat}; writing {result['forms_written']} forms took {result['forms_write_seconds']} s) → {out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
