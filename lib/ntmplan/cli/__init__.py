"""Command line: ``ntmplan run | validate | template | convert-legacy | provinces``.

Exit codes: 0 success, 1 problems in the input or failed runs, 2 usage errors.
Problems are printed as a table (file, row, column, value, rule in Vietnamese /
English), never as a traceback (set ``NTMPLAN_DEBUG=1`` to see one).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from ntmplan.core.errors import InputError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command-line argument that cannot be used."""


def print_problems(problems, stream=None) -> None:
    """Print problems as aligned text tables, one per file (the layout of ``ntmplan validate``).

    Values are shown safely: control characters (terminal escapes) become
    ``?`` and long values are cut.

    Parameters
    ----------
    problems : list of Problem
    stream : file, optional
        Default ``sys.stderr``.
    """
    from ntmplan.survey.validate import format_problems

    stream = stream or sys.stderr
    files = list(dict.fromkeys(p.file or "" for p in problems))
    for i, file in enumerate(files):
        mine = [p for p in problems if (p.file or "") == file]
        print(("\n" if i else "") + format_problems(mine, file), file=stream)


def resolve_provinces(values: list[str] | None, all_: bool) -> list[str]:
    """Turn ``--province`` values into validated province codes.

    Parameters
    ----------
    values : list of str or None
        Codes or names; a value may hold several separated by commas.
    all_ : bool
        ``--all``: every province of the current scheme.

    Returns
    -------
    list of str
        Sorted, unique codes.

    Raises
    ------
    UsageError
        For an unknown province or when neither option is given.
    """
    from ntmplan.survey import units

    if all_:
        return units.provinces("current")["province_code"].tolist()
    if not values:
        raise UsageError("Cần --province MÃ hoặc --all / need --province CODE or --all")
    codes = []
    for value in values:
        for part in str(value).split(","):
            part = part.strip()
            if not part:
                continue
            try:
                found = units.find_province(part, scheme="current")
            except ValueError as exc:
                raise UsageError(
                    f"Tên tỉnh chưa rõ / ambiguous province: {part!r} ({exc})"
                ) from None
            if found is None:
                raise UsageError(
                    f"Không có tỉnh/thành phố {part!r} (xem `ntmplan provinces`) / unknown province {part!r} (see `ntmplan provinces`)"
                )
            codes.append(found["province_code"])
    return sorted(set(codes))


def _cmd_provinces(args) -> int:
    from ntmplan.survey import units

    print(units.provinces_table_text(args.scheme))
    return EXIT_OK


def _cmd_validate(args) -> int:
    from ntmplan.survey.validate import run_validate

    return run_validate(args.file, scheme=args.scheme)


def _cmd_template(args) -> int:
    from ntmplan.survey.template import write_template

    if os.path.isdir(args.out):
        raise UsageError(
            f"--out {args.out!r} là một thư mục; cần tên tệp .xlsx / is a folder; give an .xlsx file name"
        )
    path = write_template(args.out)
    print(f"Đã ghi mẫu phiếu khảo sát / survey template written: {path}")
    return EXIT_OK


def _cmd_convert_legacy(args) -> int:
    from ntmplan.tasks.datashare import run_convert_legacy

    return run_convert_legacy(args.input, args.out)


def _cmd_run(args) -> int:
    from ntmplan.batch import runner
    from ntmplan.core.params import load_params

    provinces = resolve_provinces(args.province, args.all)
    if args.notebooks:
        notebooks = [n.strip() for n in args.notebooks.split(",") if n.strip()]
        known = runner.available_notebooks()
        full = []
        for n in notebooks:
            match = [k for k in known if k == n or k.split("_")[0] == n]
            if not match:
                raise UsageError(
                    f"Không có sổ tính {n!r}; có: {', '.join(known)} / unknown notebook {n!r}"
                )
            full.extend(match)
        notebooks = full
    else:
        notebooks = [
            n for n in load_params()["runner"]["notebooks"] if runner.notebook_path(n).is_file()
        ]
        if args.all and runner.notebook_path(runner.NATIONAL_NOTEBOOK).is_file():
            notebooks.append(runner.NATIONAL_NOTEBOOK)
    if args.params:
        load_params(
            provinces[0] if provinces else None, params_file=args.params
        )  # fail early, before kernels
    if args.data:
        from ntmplan.notebook.context import load_survey_cached

        load_survey_cached(
            args.data, scheme=load_params(params_file=args.params or None)["programme"]["scheme"]
        )
    results = runner.run(
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
    )
    print(runner.summary_table(results))
    from ntmplan.core.paths import OUTPUTS_DIR

    index = os.path.join(args.out or OUTPUTS_DIR, "index.html")
    print(f"\nTrang tổng hợp / index: {os.path.abspath(index)}")
    return EXIT_PROBLEMS if any(r.status == "failed" for r in results) else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="ntmplan",
        description="Sổ tính kế hoạch chuyển đổi số trong xây dựng nông thôn mới / NTM digital-transformation planning workbooks",
    )
    sub = parser.add_subparsers(dest="command", required=True)

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
        "--fresh-kernels",
        action="store_true",
        help=(
            "khởi động từng kernel theo cách thông thường, không tách từ tiến trình đã nạp sẵn"
            " thư viện / start every kernel the usual way (no pre-imported fork server)"
        ),
    )
    p.set_defaults(func=_cmd_run)

    p = sub.add_parser("validate", help="kiểm tra tệp khảo sát / validate a survey file")
    p.add_argument("file")
    p.add_argument("--scheme", choices=["current", "legacy"], default="current")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("template", help="mẫu phiếu khảo sát Excel / Excel survey template")
    p.add_argument("--out", default="mau_khao_sat_ntm.xlsx")
    p.set_defaults(func=_cmd_template)

    p = sub.add_parser(
        "convert-legacy", help="chuyển mã cũ sang đơn vị 2025 / legacy codes → 2025 units"
    )
    p.add_argument("input")
    p.add_argument("--out", required=True)
    p.set_defaults(func=_cmd_convert_legacy)

    p = sub.add_parser("provinces", help="danh sách tỉnh, thành phố / list provinces")
    p.add_argument("--scheme", choices=["current", "legacy"], default="current")
    p.set_defaults(func=_cmd_provinces)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``ntmplan`` console script.

    Parameters
    ----------
    argv : list of str, optional

    Returns
    -------
    int
        The exit code (also passed to ``sys.exit`` by the console script).
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"ntmplan: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InputError as exc:
        print_problems(exc.problems)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("ntmplan: đã dừng / interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - never show a traceback to a planner
        if os.environ.get("NTMPLAN_DEBUG"):
            traceback.print_exc()
        print(
            f"ntmplan: lỗi không mong đợi / unexpected error: {type(exc).__name__}: {exc}\n"
            "(đặt NTMPLAN_DEBUG=1 để xem chi tiết / set NTMPLAN_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


if __name__ == "__main__":
    sys.exit(main())
