"""``ntmplan run``: run notebooks for provinces (checks the inputs before any kernel starts)."""

from __future__ import annotations

import os

from ntmplan.cli.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from ntmplan.cli.provinces import resolve_provinces


def select_notebooks(value: str | None, all_: bool) -> list[str]:
    """Turn ``--notebooks`` into notebook ids (``01`` or ``01_status``), or the default set.

    Parameters
    ----------
    value : str or None
        Comma-separated ids or number prefixes; None: ``runner.notebooks`` in params.
    all_ : bool
        ``--all``: the default set also gets the national roll-up.

    Returns
    -------
    list of str

    Raises
    ------
    UsageError
        For a notebook that does not exist.
    """
    from ntmplan.batch import runner
    from ntmplan.core.params import default_params

    if not value:
        notebooks = [
            n for n in default_params()["runner"]["notebooks"] if runner.notebook_path(n).is_file()
        ]
        if all_ and runner.notebook_path(runner.NATIONAL_NOTEBOOK).is_file():
            notebooks.append(runner.NATIONAL_NOTEBOOK)
        return notebooks
    known = runner.available_notebooks()
    full = []
    for n in (n.strip() for n in value.split(",") if n.strip()):
        match = [k for k in known if k == n or k.split("_")[0] == n]
        if not match:
            raise UsageError(
                f"Không có sổ tính {n!r}; có: {', '.join(known)} / unknown notebook {n!r}"
            )
        full.extend(match)
    return full


def check_inputs(args, provinces: list[str]) -> None:
    """Load ``--params`` and ``--data`` once, so their problems show before any kernel starts.

    The survey is read as the kernels will read it (validated, cached in the run's
    ``<--out>/.cache`` unless ``NTMPLAN_CACHE_DIR`` is set, legacy converted to the 2025
    units), and every province asked for must be in it.

    Parameters
    ----------
    args : argparse.Namespace
    provinces : list of str

    Raises
    ------
    InputError
        The params file or the survey has problems, or the survey holds no row of a
        province asked for (the message names the provinces it does hold).
    """
    from ntmplan.core.params import load_params

    if not (args.params or args.data or getattr(args, "profile", None) or args.year):
        return
    params = load_params(
        provinces[0] if provinces else None,
        profile=getattr(args, "profile", None) or None,
        params_file=args.params or None,
    )
    if args.data:
        from ntmplan.core import paths
        from ntmplan.notebook.context import survey_in_current_units

        previous = os.environ.get(paths.CACHE_ENV)
        if args.out and not previous:
            os.environ[paths.CACHE_ENV] = os.path.join(os.path.abspath(args.out), ".cache")
        try:
            survey = survey_in_current_units(
                args.data, scheme=params["programme"]["scheme"], params=params
            )
        finally:
            if args.out and not previous:
                os.environ.pop(paths.CACHE_ENV, None)
        check_provinces_in_survey(args.data, survey, provinces)
        check_villages(args.data, survey, params)
    if args.year:
        check_year_in_survey(args.data, params, provinces, args.year)


def check_villages(data_file: str, survey, params: dict) -> None:
    """Refuse a survey whose village rows (``thon`` sheet, ``<stem>_thon.csv``) have errors.

    Parameters
    ----------
    data_file : str
        The survey file.
    survey : pandas.DataFrame
        The validated survey (every province and year), the communes the villages belong to.
    params : dict
        Resolved params.

    Returns
    -------
    None

    Raises
    ------
    InputError
        Every error of the village rows, located by file, sheet, row and column.
    """
    from ntmplan.core.errors import InputError
    from ntmplan.survey.villages import village_problems

    errors = [
        p
        for p in village_problems(data_file, communes=survey, params=params)
        if p.severity == "error"
    ]
    if errors:
        raise InputError(errors)


def check_year_in_survey(data_file: str | None, params: dict, provinces: list[str], year: int):
    """Refuse a ``--year`` that a province asked for has no row of (before any kernel).

    Parameters
    ----------
    data_file : str or None
        The survey file (None: the bundled illustrative survey).
    params : dict
        Resolved params (the survey's scheme).
    provinces : list of str
    year : int

    Raises
    ------
    InputError
        Naming the years the file has for the province.
    """
    from ntmplan.core import paths
    from ntmplan.notebook.context import survey_in_current_units
    from ntmplan.survey.years import choose_year

    source = data_file or paths.SAMPLE_SURVEY
    survey = survey_in_current_units(source, scheme=params["programme"]["scheme"], params=params)
    for code in provinces:
        choose_year(survey[survey["province_code"] == code], year, str(source))


def check_provinces_in_survey(data_file: str, survey, provinces: list[str]) -> None:
    """Refuse provinces the survey has no row for (a run would fail or report nothing).

    Parameters
    ----------
    data_file : str
        The survey file (named in the message).
    survey : pandas.DataFrame
        The validated survey in the 2025 units.
    provinces : list of str
        Province codes asked for.

    Raises
    ------
    InputError
        One problem per missing province, naming the provinces the file holds.
    """
    from ntmplan.core.errors import InputError, Problem
    from ntmplan.survey import units

    present = sorted(set(survey["province_code"].dropna().astype(str)))
    missing = [code for code in provinces if code not in present]
    if not missing:
        return
    names = units.provinces("current").set_index("province_code")["province_name"].to_dict()
    held = ", ".join(f"{c} {names.get(c, '')}".strip() for c in present) or "—"
    raise InputError(
        [
            Problem(
                str(data_file),
                None,
                "province_code",
                f"{code} {names.get(code, '')}".strip(),
                f"Tệp khảo sát không có dòng nào của tỉnh này; tệp chỉ có: {held}",
                f"the survey file has no row for this province; it holds only: {held}",
            )
            for code in missing
        ]
    )


def cmd_run(args) -> int:
    """Run the selected notebooks and print the results table and the index page's path.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    int
        :data:`~ntmplan.cli.errors.EXIT_PROBLEMS` when a run failed, else ``EXIT_OK``.
    """
    from ntmplan.batch import runner
    from ntmplan.batch.lock import output_lock
    from ntmplan.core.paths import OUTPUTS_DIR

    provinces = resolve_provinces(args.province, args.all)
    notebooks = select_notebooks(args.notebooks, args.all)
    # the inputs are checked first, reading only (bad params or a bad survey create nothing);
    # then the lock is the first write into --out: a folder that cannot be written, or one
    # another run is writing into, is refused there, before any kernel starts
    check_inputs(args, provinces)
    with output_lock(args.out or OUTPUTS_DIR, wait=args.wait):
        results = _checked_run(args, provinces, notebooks)
    print(runner.summary_table(results))
    for line in year_lines(results):
        print(line)
    index = os.path.join(args.out or OUTPUTS_DIR, "index.html")
    print(f"\nTrang tổng hợp / index: {os.path.abspath(index)}")
    return EXIT_PROBLEMS if any(r.status == "failed" for r in results) else EXIT_OK


def _checked_run(args, provinces: list[str], notebooks: list[str]) -> list:
    """Run the batch on checked inputs (the outputs folder is locked)."""
    from ntmplan.batch import runner

    return runner.run(
        provinces,
        notebooks,
        out_root=args.out,
        params_file=os.path.abspath(args.params) if args.params else "",
        data_file=os.path.abspath(args.data) if args.data else "",
        jobs=args.jobs,
        force=args.force,
        progress=not args.quiet,
        scheduler=args.scheduler,
        fork_kernels=not args.fresh_kernels,
        profile=args.profile or "",
        wait=args.wait,
        survey_year=args.year or 0,
    )


def year_lines(results: list) -> list[str]:
    """Return the run summary's lines on the survey year each province analysed.

    One line when every province analysed all its units in one year; otherwise one line per
    province whose year left units or rows out (read from the merged ``summary.json``).

    Parameters
    ----------
    results : list of RunResult

    Returns
    -------
    list of str
    """
    import json
    from pathlib import Path

    from ntmplan.survey.years import YearChoice, year_line

    choices = {}
    for folder in sorted({Path(r.out_dir) for r in results if r.province_code != "00"}):
        try:
            merged = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        found = [
            v["survey_year"] for v in merged.values() if isinstance(v, dict) and "survey_year" in v
        ]
        if found:
            y = found[0]
            choices[folder.name] = YearChoice(
                y["year"],
                y["chosen_by"],
                y["units_analysed"],
                y["units_in_file"],
                {int(k): v for k, v in y["other_years"].items()},
                tuple(y["missing_units"]),
            )
    if not choices:
        return []
    years = {c.year for c in choices.values()}
    if all(c.complete for c in choices.values()) and len(years) == 1:
        return [
            f"Năm khảo sát phân tích / survey year analysed: {years.pop()} — đủ mọi đơn vị của"
            f" {len(choices)} tỉnh / every unit of {len(choices)} province(s)"
        ]
    return [
        f"{name}: {year_line(c)} / survey year {c.year}: {c.units_analysed} of"
        f" {c.units_in_file} units analysed"
        for name, c in choices.items()
        if not c.complete or len(years) > 1
    ]


def add_parser(sub) -> None:
    """Add ``run`` and its options to the subcommands.

    Parameters
    ----------
    sub : argparse._SubParsersAction
    """
    p = sub.add_parser("run", help="chạy sổ tính cho các tỉnh / run notebooks for provinces")
    p.add_argument(
        "--province",
        action="append",
        help="mã hoặc tên tỉnh (lặp lại được) / province code or name",
    )
    p.add_argument("--all", action="store_true", help="cả 34 tỉnh, thành phố / all 34 provinces")
    p.add_argument("--notebooks", help="ví dụ / e.g. 01,02")
    p.add_argument("--params", help="tệp tham số bổ sung / extra params YAML")
    p.add_argument("--data", help="tệp khảo sát / survey file (CSV/XLSX)")
    from ntmplan.core.params import known_profiles

    p.add_argument(
        "--profile",
        choices=known_profiles(),
        default=None,
        help=(
            "hồ sơ chương trình (giai đoạn); mặc định 2021_2025 / programme profile (phase);"
            " default 2021_2025"
        ),
    )
    p.add_argument(
        "--year",
        type=int,
        default=None,
        help=(
            "năm khảo sát phân tích; mặc định năm gần nhất có nhiều đơn vị của tỉnh nhất /"
            " survey year to analyse; default the latest year holding most of the province's units"
        ),
    )
    p.add_argument("--out", help="thư mục kết quả / outputs folder")
    p.add_argument("--jobs", type=int, default=None, help="số tiến trình / worker processes")
    p.add_argument(
        "--force", action="store_true", help="chạy lại cả khi không đổi / rerun even if unchanged"
    )
    p.add_argument(
        "--quiet", action="store_true", help="không hiện thanh tiến độ / no progress bar"
    )
    p.add_argument(
        "--scheduler", help="địa chỉ Dask scheduler / Dask scheduler address (tcp://host:8786)"
    )
    p.add_argument(
        "--wait",
        action="store_true",
        help=(
            "chờ nếu một lượt chạy khác đang ghi vào cùng thư mục kết quả / wait when another"
            " run is writing into the same outputs folder"
        ),
    )
    p.add_argument(
        "--fresh-kernels",
        action="store_true",
        help=(
            "khởi động từng kernel theo cách thông thường, không tách từ tiến trình đã nạp sẵn"
            " thư viện / start every kernel the usual way (no pre-imported fork server)"
        ),
    )
    p.set_defaults(func=cmd_run)
