"""``ntmplan template``: write the Excel survey form."""

from __future__ import annotations

import os

from ntmplan.cli.errors import EXIT_OK, UsageError


def cmd_template(args) -> int:
    """Write the survey template to ``--out``.

    Parameters
    ----------
    args : argparse.Namespace

    Returns
    -------
    int
        :data:`~ntmplan.cli.errors.EXIT_OK`.

    Raises
    ------
    UsageError
        ``--out`` is a folder.
    """
    from ntmplan.survey.template import write_template

    if os.path.isdir(args.out):
        raise UsageError(
            f"--out {args.out!r} là một thư mục; cần tên tệp .xlsx / is a folder; give an .xlsx file name"
        )
    path = write_template(args.out)
    print(f"Đã ghi mẫu phiếu khảo sát / survey template written: {path}")
    return EXIT_OK


def add_parser(sub) -> None:
    """Add ``template`` to the subcommands.

    Parameters
    ----------
    sub : argparse._SubParsersAction
    """
    p = sub.add_parser("template", help="mẫu phiếu khảo sát Excel / Excel survey template")
    p.add_argument("--out", default="mau_khao_sat_ntm.xlsx")
    p.set_defaults(func=cmd_template)
