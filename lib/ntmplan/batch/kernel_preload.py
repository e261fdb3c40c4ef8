"""What the kernel fork server loads before it forks kernels, and how it loads one step.

Steps are names: ``"module"`` is imported, ``"module:function"`` is imported and called
(cached reference tables, one-off warm-ups). ``ntmplan`` steps name the modules the
notebooks themselves import (``ntmplan.tasks.budget``, ``ntmplan.tasks.budget.charts``, …)
and the ones the notebook context loads in their first cells (reading and checking the
survey). ``tests/batch/test_kernel_preload.py`` checks that every step can be done and
that every module a notebook imports is here, so a package split that renames or adds one
is noticed (a step that fails is skipped by the server, costing only time).
"""

from __future__ import annotations

import os
import tempfile

#: Done before the server serves the first kernel, in order: what every notebook needs in
#: its first cells (kernel, pandas, matplotlib, Excel, units).
CORE = (
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",  # debugpy: ≈ 0.4 s of every kernel's start-up
    "jupyter_client.localinterfaces:local_ips",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "openpyxl",
    "yaml",
    "ntmplan.survey.reading",
    "ntmplan.survey.loading",
    "ntmplan.core.writers",
    "ntmplan.survey.schema",
    "ntmplan.core.params",
    "ntmplan.notebook.context",
    "ntmplan.notebook.display",
    "ntmplan.notebook.widgets",
    "ntmplan.notebook.panels",
    "ntmplan.notebook.app_mode",
    "ntmplan.core.fmt",
    "ntmplan.survey.units",
    "ntmplan.tasks.status",
    "ntmplan.tasks.status.charts",
    "ntmplan.tasks.status.villages",
    "ntmplan.core.charts",
    "ntmplan.core.outlines:load_outlines",  # the province outlines of the maps: ≈ 0.17 s once
    "ntmplan.tasks.pilots",
    "ntmplan.tasks.pilots.charts",
    "ntmplan.tasks.capacity",
    "ntmplan.tasks.capacity.charts",
    "ntmplan.survey.units:current_units",
    "ntmplan.survey.units:provinces",
    "ntmplan.core.params:default_params",  # params/defaults.yaml: ≈ 0.28 s of every kernel
    "ntmplan.survey.units:legacy_units",  # 01 compares with the 2023 survey in every province
    "ntmplan.survey.units:legacy_crosswalk",  # ≈ 0.26 s of every kernel of 01
    "docx",  # 02 writes its registration letter in every province: ≈ 0.19 s of each kernel
)

#: Done between requests once serving: what only some notebooks need (03: scipy's MILP;
#: 05: Frictionless; 06: Word). Kernels forked earlier import these themselves if needed.
LATER = (
    "scipy.optimize",
    "ntmplan.tasks.budget",
    "ntmplan.tasks.budget.charts",
    "frictionless",
    "ntmplan.tasks.datashare",
    "ntmplan.batch.kernel_preload:warm_data_package",
    "ntmplan.tasks.plan.docx",
    "ntmplan.tasks.pilots.letter",
    "ntmplan.tasks.plan",
    "ntmplan.tasks.national",
    "ntmplan.tasks.progress",
    "ntmplan.tasks.progress.charts",
)

#: The backend ipykernel sets for a kernel when the environment names none; set before
#: matplotlib is imported in the server so forked kernels start as fresh ones do.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def warm_data_package() -> None:
    """Export and validate a three-row data package once, in a temporary folder.

    Frictionless does ≈ 3.5 s of one-off work (plugins, JSON schemas) on its
    first validation, which notebook 05 would otherwise repeat in every kernel.
    Uses the bundled illustrative survey; does nothing if it is missing.
    """
    import shutil

    from ntmplan.core import paths
    from ntmplan.core.params import default_params
    from ntmplan.survey.loading import load_survey_cached
    from ntmplan.tasks import datashare

    if not paths.SAMPLE_SURVEY.is_file():
        return
    params = default_params()
    rows = load_survey_cached(paths.SAMPLE_SURVEY, scheme=params["programme"]["scheme"]).head(3)
    folder = tempfile.mkdtemp(prefix="ntmplan-warm-")
    try:
        datashare.validate_package(datashare.export_package(rows, folder, "warm", params))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


class KernelShell:
    """What import-time checks for "am I in a Jupyter kernel?" look at (``get_ipython()``)."""

    kernel = None
    config = {"IPKernelApp": {}}


def prepare(step: str) -> None:
    """Do one preparation step (import a module, or import and call ``module:function``).

    Some libraries look at their surroundings once, when imported: pandas sets
    ``display.max_columns`` to 20 inside a kernel but to "fit the terminal"
    outside one. During the step ``get_ipython()`` therefore answers like the
    kernel the children will become.

    Parameters
    ----------
    step : str
        ``"module"`` or ``"module:function"``.

    Raises
    ------
    ImportError
        The module cannot be imported.
    AttributeError
        The module has no such function.
    """
    import builtins
    import importlib

    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    # debugpy warns on import about frozen stdlib modules (kernels here are never debugged);
    # the server's environment does not reach the kernels (each gets its manager's env).
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    module, _, func = step.partition(":")
    builtins.get_ipython = KernelShell
    try:
        loaded = importlib.import_module(module)
    finally:
        del builtins.get_ipython
    if func:
        getattr(loaded, func)()
