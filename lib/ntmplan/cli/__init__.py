"""Command line: ``ntmplan run | validate | template | forms | collect | convert-legacy | provinces``.

Exit codes: 0 success, 1 problems in the input or failed runs, 2 usage errors.
Problems are printed as a table (file, row, column, value, rule in Vietnamese /
English), never as a traceback (set ``NTMPLAN_DEBUG=1`` to see one).

This module wires the subcommands together; each command group lives in its own module
(:mod:`~ntmplan.cli.run`, :mod:`~ntmplan.cli.provinces`, :mod:`~ntmplan.cli.template`,
:mod:`~ntmplan.cli.forms`, :mod:`~ntmplan.cli.collect`,
:mod:`~ntmplan.cli.validate`, :mod:`~ntmplan.cli.convert_legacy`).
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from ntmplan.cli import collect, forms, provinces, run, template
from ntmplan.cli.errors import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, UsageError, print_problems
from ntmplan.cli.provinces import resolve_provinces
from ntmplan.core.errors import InputError

__all__ = [
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "EXIT_USAGE",
    "UsageError",
    "build_parser",
    "main",
    "print_problems",
    "resolve_provinces",
]


def _cmd_validate(args) -> int:
    from ntmplan.cli.validate import run_validate

    return run_validate(args.file, scheme=args.scheme)


def _cmd_convert_legacy(args) -> int:
    from ntmplan.cli.convert_legacy import run_convert_legacy

    return run_convert_legacy(args.input, args.out)


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser (see the module docstring).

    Returns
    -------
    argparse.ArgumentParser
    """
    parser = argparse.ArgumentParser(
        prog="ntmplan",
        description="Sổ tính kế hoạch chuyển đổi số trong xây dựng nông thôn mới / NTM digital-transformation planning workbooks",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run.add_parser(sub)

    p = sub.add_parser("validate", help="kiểm tra tệp khảo sát / validate a survey file")
    p.add_argument("file")
    p.add_argument("--scheme", choices=["current", "legacy"], default="current")
    p.set_defaults(func=_cmd_validate)

    template.add_parser(sub)
    forms.add_parser(sub)
    collect.add_parser(sub)

    p = sub.add_parser(
        "convert-legacy", help="chuyển mã cũ sang đơn vị 2025 / legacy codes → 2025 units"
    )
    p.add_argument("input")
    p.add_argument("--out", required=True)
    p.set_defaults(func=_cmd_convert_legacy)

    provinces.add_parser(sub)
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
    except BrokenPipeError:
        # the reader of the output went away (`ntmplan validate f.csv | head`): stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
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
