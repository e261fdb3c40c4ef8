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
from pathlib import Path

#: Done before the server serves the first kernel, in order: what every notebook needs in
#: its first cells (kernel, pandas, matplotlib, Excel, units).
CORE = (
    "numpy",
    "pandas",
    "yaml",
    "ntmplan.survey.reading",
    "ntmplan.survey.loading",
    "ntmplan.survey.schema",
    "ntmplan.core.params",
    # a forked helper validates the batch's surveys on the other core while the server
    # imports the rest (:func:`start_batch_surveys`; collected by :func:`load_batch_surveys`)
    "ntmplan.batch.kernel_preload:start_batch_surveys",
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",  # debugpy: ≈ 0.4 s of every kernel's start-up
    "jupyter_client.localinterfaces:local_ips",
    "matplotlib",
    "matplotlib.pyplot",
    "openpyxl",
    "ntmplan.core.writers",
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
    # the batch's survey and the 2023 one, validated once (≈ 0.7 s each kernel otherwise read
    # or validated again); kernels find them in memory (:func:`load_batch_surveys`)
    "ntmplan.batch.kernel_preload:load_batch_surveys",
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
    "ntmplan.batch.kernel_preload:load_more_years",  # 07's further survey years
)

#: Environment variable of the fork server: the batch's survey as JSON (:func:`surveys_spec`).
SURVEYS_ENV = "NTMPLAN_PRELOAD_SURVEYS"

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


def surveys_spec(parameters: dict) -> str:
    """The value of :data:`SURVEYS_ENV` for a batch whose runs have these notebook parameters.

    Parameters
    ----------
    parameters : dict
        A provincial run's parameters (``province``, ``params_file``, ``data_file``,
        ``profile``): the batch's survey and params are the same for every run.

    Returns
    -------
    str
        JSON.
    """
    import json

    keys = ("province", "params_file", "data_file", "profile")
    return json.dumps({k: str(parameters.get(k) or "") for k in keys})


def _spec() -> dict:
    """The batch's survey spec of :data:`SURVEYS_ENV` (empty when unset)."""
    import json

    return json.loads(os.environ.get(SURVEYS_ENV) or "{}")


def _batch_surveys() -> tuple[dict, Path, bool] | None:
    """The batch's resolved params, survey file and whether it is illustrative, or None."""
    from ntmplan.core import paths
    from ntmplan.core.params import load_params
    from ntmplan.notebook.context import is_illustrative

    spec = _spec()
    if not spec.get("province"):
        return None
    params = load_params(
        spec["province"],
        profile=spec.get("profile") or None,
        params_file=spec.get("params_file") or None,
    )
    data = Path(spec["data_file"]) if spec.get("data_file") else paths.SAMPLE_SURVEY
    return params, data, is_illustrative(data)


#: Pid of the helper :func:`start_batch_surveys` forked (0: none running).
_survey_helper = 0


def start_batch_surveys() -> None:
    """Fork a helper that validates the batch's surveys into the disk cache, and return at once.

    The helper does :func:`load_batch_surveys` (the validation, about a second per survey,
    and the cache files) on the machine's other core while the server imports the kernel's
    libraries; :func:`load_batch_surveys` then waits for it and reads both frames from the
    cache in milliseconds. It dies with the server. Nothing when :data:`SURVEYS_ENV` is unset
    or the platform cannot fork; a helper that fails only costs that time (the server then
    validates the surveys itself).
    """
    global _survey_helper
    if not hasattr(os, "fork") or _survey_helper or not _spec().get("province"):
        return
    server = os.getpid()
    pid = os.fork()
    if pid:
        _survey_helper = pid
        return
    code = 1
    try:  # the helper: never returns into the server's code
        import signal

        from ntmplan.batch.lifeline import bind_to_parent

        bind_to_parent(server, signal.SIGKILL)
        load_batch_surveys()
        code = 0
    except BaseException:  # noqa: BLE001 - the server validates again and reports
        pass
    finally:
        os._exit(code)


def _wait_for_helper() -> None:
    """Wait for the helper of :func:`start_batch_surveys`, if one runs."""
    global _survey_helper
    if _survey_helper:
        import contextlib

        with contextlib.suppress(ChildProcessError):
            os.waitpid(_survey_helper, 0)
        _survey_helper = 0


def load_batch_surveys() -> None:
    """Validate the batch's survey and its 2023 (legacy-coded) survey into the survey cache.

    Reads :data:`SURVEYS_ENV`; nothing when it is unset. Kernels forked afterwards find
    both frames in memory (:func:`ntmplan.survey.loading.load_survey_cached` with the same
    key: file bytes, scheme, ``survey`` params), and the disk cache is written for the
    others. When :func:`start_batch_surveys` forked a helper, waits for it first: the
    frames are then read from the cache files it wrote. A survey that fails validation is
    left to the kernels, which report it.
    """
    _wait_for_helper()
    found = _batch_surveys()
    if found is None:
        return
    from ntmplan.notebook.context import survey_in_current_units
    from ntmplan.survey import legacy
    from ntmplan.survey.loading import load_survey_cached

    params, data, illustrative = found
    scheme = params["programme"]["scheme"]
    survey_in_current_units(data, scheme=scheme, params=params)
    source = legacy.legacy_source(data, scheme, illustrative)
    if source is not None and Path(source) != data:
        load_survey_cached(source, scheme="legacy", params=params)


def load_more_years() -> None:
    """Validate the further survey years notebook 07 reads by default (see :func:`load_batch_surveys`)."""
    found = _batch_surveys()
    if found is None:
        return
    from ntmplan.notebook.context import survey_in_current_units
    from ntmplan.tasks.progress.inputs import more_survey_files

    params, _data, illustrative = found
    for path in more_survey_files("", illustrative):
        survey_in_current_units(path, params=params)


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
