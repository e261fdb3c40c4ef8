"""``ntmplan validate FILE``: print every problem of a survey file as a table, and the exit code.

The file is only read (never written). Every problem found in one pass is
printed with its row (as seen in Excel), column, value, severity and rule in
Vietnamese / English. Exit code 1 when there is at least one error; warnings
alone (e.g. an unknown extra column, a file saved as UTF-16) give 0. Collecting
and formatting the problems is :mod:`ntmplan.survey.validate`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ntmplan.cli.errors import EXIT_OK, EXIT_PROBLEMS
from ntmplan.survey.validate import collect_problems, format_problems


def emit(text: str) -> None:
    """Print even on a terminal that cannot show Vietnamese (unknown characters become '?').

    Parameters
    ----------
    text : str
    """
    try:
        print(text)
    except UnicodeEncodeError:
        encoding = getattr(sys.stdout, "encoding", None) or "ascii"
        sys.stdout.buffer.write((text + "\n").encode(encoding, errors="replace"))
        sys.stdout.flush()


def run_validate(path: str | Path, scheme: str = "current", params: dict | None = None) -> int:
    """Validate a survey file, print every problem as a table, and return the exit code.

    Parameters
    ----------
    path : str or Path
        CSV or XLSX; it is only read.
    scheme : str
        ``current`` (2025 units) or ``legacy``.
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    int
        0 when there is no error (warnings may be printed), 1 otherwise.
    """
    problems = collect_problems(path, scheme=scheme, params=params)
    emit(format_problems(problems, str(path)))
    villages = _village_problems(path, scheme, params)
    if villages is not None:
        from ntmplan.survey.villages import village_source

        source, sheet = village_source(path, params)
        emit("\n" + format_problems(villages, f"{path} › {sheet}" if sheet else str(source)))
    problems = problems + (villages or [])
    return EXIT_PROBLEMS if any(p.severity == "error" for p in problems) else EXIT_OK


def _village_problems(path, scheme: str, params: dict | None):
    """The problems of the file's village rows; None when it has none (or a legacy scheme)."""
    from ntmplan.core.errors import InputError
    from ntmplan.survey.villages import named_communes, read_villages, village_problems

    if scheme != "current":
        return None
    try:
        if read_villages(path, params) is None:
            return None
    except InputError as exc:
        return list(exc.problems)
    return village_problems(path, communes=named_communes(path, params), params=params)
