"""``ntmplan forms --province CODE --out FOLDER [--data SURVEY] [--year YEAR]``: one form per commune."""

from __future__ import annotations

import datetime as _dt

from ntmplan.cli.errors import EXIT_OK, UsageError


def cmd_forms(args) -> int:
    """Write one Excel form per commune of a province into ``--out``.

    Parameters
    ----------
    args : argparse.Namespace
        ``province``, ``out``, ``data`` (optional last survey), ``year``.

    Returns
    -------
    int
        :data:`~ntmplan.cli.errors.EXIT_OK`.

    Raises
    ------
    UsageError
        For an unknown province or an ``--out`` that is a file.
    InputError
        If the survey given with ``--data`` cannot be used.
    """
    from pathlib import Path

    from ntmplan.cli.provinces import resolve_provinces
    from ntmplan.survey.forms.writing import write_forms
    from ntmplan.survey.loading import load_survey
    from ntmplan.survey.reading import require_data_file
    from ntmplan.survey.units import find_province

    (code,) = resolve_provinces([args.province], False)[:1]
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(
            f"--out {args.out!r} là một tệp; cần một thư mục / is a file; give a folder"
        )
    survey = load_survey(require_data_file(args.data)) if args.data else None
    year = args.year if args.year is not None else _dt.date.today().year
    paths = write_forms(code, out, year, survey=survey)
    name = find_province(code)["province_name"]
    print(
        f"Đã ghi {len(paths)} phiếu khảo sát cho {name} (năm {year}) vào {out} / {len(paths)} forms written"
    )
    return EXIT_OK


def add_parser(sub) -> None:
    """Add ``forms`` to the subcommands.

    Parameters
    ----------
    sub : argparse._SubParsersAction
    """
    p = sub.add_parser("forms", help="phiếu khảo sát cho từng xã / one form per commune")
    p.add_argument("--province", required=True, help="mã hoặc tên tỉnh / province code or name")
    p.add_argument("--out", required=True, help="thư mục ghi phiếu / folder for the forms")
    p.add_argument(
        "--data", help="khảo sát kỳ trước để đối chiếu / last survey, shown for reference"
    )
    p.add_argument(
        "--year", type=int, help="năm khảo sát ghi trên phiếu (mặc định: năm nay) / survey year"
    )
    p.set_defaults(func=cmd_forms)
