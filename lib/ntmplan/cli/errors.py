"""Exit codes, the usage error, and how the command line prints problems."""

from __future__ import annotations

import sys

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
