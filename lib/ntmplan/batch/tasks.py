"""Planning a batch: the runs (one notebook for one province, or the national roll-up) and their order.

Which notebooks read which is taken from :mod:`ntmplan.core.catalogue`; a notebook reading
others runs in a later phase than the ones it reads. Notebooks the catalogue does not know
(test notebooks) read nothing and run in the first phase.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ntmplan.core import catalogue, paths
from ntmplan.core.paths import NATIONAL_DIR

#: The national roll-up: runs last, once, after every province.
NATIONAL_NOTEBOOK = catalogue.NATIONAL.id
#: Province code of the national run (its results and index rows).
NATIONAL_CODE = "00"

__all__ = [
    "NATIONAL_CODE",
    "NATIONAL_DIR",
    "NATIONAL_NOTEBOOK",
    "RunTask",
    "available_notebooks",
    "build_tasks",
    "national_task",
    "notebook_path",
    "phases",
    "reads",
]


@dataclass
class RunTask:
    """One notebook run for one province (or the national run)."""

    notebook: str
    province_code: str
    out_dir: str
    parameters: dict
    notebook_path: str
    #: ``"<pid>:<socket>"`` of the batch's kernel fork server (:mod:`ntmplan.batch.kernel_server`);
    #: empty: start the kernel the usual way. Not part of the cache key (same results).
    kernel_server: str = ""

    @property
    def key(self) -> str:
        """Return a short id, e.g. ``01/02_pilots``."""
        return f"{self.province_code}/{self.notebook}"


def notebook_path(notebook: str) -> Path:
    """Return the path of a workbook by id (``01_status`` → ``notebooks/01_status.ipynb``).

    Parameters
    ----------
    notebook : str
        Notebook id.

    Returns
    -------
    Path
    """
    return paths.NOTEBOOKS_DIR / f"{notebook}.ipynb"


def available_notebooks() -> list[str]:
    """Return the ids of the workbooks present in ``notebooks/``, sorted.

    Returns
    -------
    list of str
    """
    return sorted(p.stem for p in paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))


def reads(notebook: str) -> tuple[str, ...]:
    """Return the ids of the provincial notebooks whose summaries ``notebook`` reads.

    Parameters
    ----------
    notebook : str
        Notebook id (unknown ids read nothing).

    Returns
    -------
    tuple of str
    """
    return catalogue.dependencies().get(notebook, ())


def build_tasks(
    provinces: Iterable[str],
    notebooks: Iterable[str],
    out_root: Path,
    params_file: str = "",
    data_file: str = "",
    locate: Callable[[str], Path] | None = None,
    profile: str = "",
    survey_year: int = 0,
) -> list[RunTask]:
    """Build the per-province tasks (not the national one).

    Parameters
    ----------
    provinces : iterable of str
        Validated province codes.
    notebooks : iterable of str
        Notebook ids.
    out_root : Path
        The outputs root.
    params_file, data_file : str
        Passed to every notebook (empty = defaults).
    locate : callable, optional
        ``f(notebook id) -> Path`` of the notebook file; default :func:`notebook_path`.
    profile : str
        Programme profile passed to every notebook (empty = the params' own, not passed).
    survey_year : int
        Survey year passed to every notebook (0 = each province's default, not passed).

    Returns
    -------
    list of RunTask
    """
    from ntmplan.survey import units

    locate = locate or notebook_path
    tasks = []
    for code in provinces:
        out_dir = Path(out_root) / units.province_dir_name(code)
        for nb in notebooks:
            if nb == NATIONAL_NOTEBOOK:
                continue
            tasks.append(
                RunTask(
                    notebook=nb,
                    province_code=code,
                    out_dir=str(out_dir),
                    parameters={
                        "province": code,
                        "params_file": str(params_file or ""),
                        "data_file": str(data_file or ""),
                        "output_dir": str(out_dir),
                        "interactive": False,
                        **({"profile": str(profile)} if profile else {}),
                        **({"survey_year": int(survey_year)} if survey_year else {}),
                    },
                    notebook_path=str(locate(nb)),
                )
            )
    return tasks


def national_task(
    out_root: Path,
    params_file: str = "",
    locate: Callable[[str], Path] | None = None,
    profile: str = "",
) -> RunTask:
    """Build the national roll-up's task (it reads every province folder under ``out_root``).

    Parameters
    ----------
    out_root : Path
        The outputs root.
    params_file : str
        Passed to the notebook (empty = defaults).
    locate : callable, optional
        ``f(notebook id) -> Path``; default :func:`notebook_path`.
    profile : str
        Programme profile (empty = the params' own, not passed).

    Returns
    -------
    RunTask
    """
    locate = locate or notebook_path
    nat_dir = Path(out_root) / NATIONAL_DIR
    return RunTask(
        notebook=NATIONAL_NOTEBOOK,
        province_code=NATIONAL_CODE,
        out_dir=str(nat_dir),
        parameters={
            "outputs_root": str(out_root),
            "output_dir": str(nat_dir),
            "params_file": str(params_file or ""),
            "interactive": False,
            **({"profile": str(profile)} if profile else {}),
        },
        notebook_path=str(locate(NATIONAL_NOTEBOOK)),
    )


def _depth(notebook: str) -> int:
    """Return how many notebooks stand between ``notebook`` and one that reads nothing."""
    upstream = reads(notebook)
    return 1 + max(_depth(nb) for nb in upstream) if upstream else 0


def phases(tasks: list[RunTask], national: RunTask | None = None) -> list[list[RunTask]]:
    """Split tasks into phases: notebooks reading nothing first, then those reading their summaries.

    01, 02, 04, 05 → 03 (reads 02 and 04) → 06 (reads 01–05) → the national roll-up.

    Parameters
    ----------
    tasks : list of RunTask
        The provincial tasks, in the order they should be submitted within a phase.
    national : RunTask, optional
        The national task: a last phase of its own.

    Returns
    -------
    list of list of RunTask
        Non-empty phases, in run order.
    """
    depths = {t.notebook: _depth(t.notebook) for t in tasks}
    ordered = [[t for t in tasks if depths[t.notebook] == d] for d in sorted(set(depths.values()))]
    return ordered + ([[national]] if national else [])
