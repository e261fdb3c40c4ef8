"""The command lines that serve the workbooks: Voilà (the no-code app) and JupyterLab."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ntmplan.app.servers import APP_PORT, HOST, LAB_PORT
from ntmplan.core import paths
from ntmplan.core.catalogue import APP_IDS
from ntmplan.notebook import jupyter_config

#: Voilà template of the app's workbook pages (``ntmplan/app/jupyter/voila/templates/ntmplan``).
TEMPLATE = "ntmplan"
#: Workbooks offered by the app (the interactive ones). The others stay reachable in JupyterLab.
APP_NOTEBOOKS = APP_IDS


def hidden_globs(notebooks: tuple[str, ...]) -> list[str]:
    """Return globs hiding from the app's file list every notebook not in ``notebooks`` and the build scripts.

    Parameters
    ----------
    notebooks : tuple of str
        Notebook ids that stay listed.

    Returns
    -------
    list of str
    """
    others = sorted(
        p.stem for p in paths.NOTEBOOKS_DIR.glob("*.ipynb") if p.stem not in set(notebooks)
    )
    return [
        "__pycache__",
        "*.pyc",
        "*.pyo",
        ".*",
        *[f"{stem}.ipynb" for stem in others],
    ]


def voila_command(
    target: str | Path | None = None,
    port: int = APP_PORT,
    open_browser: bool = False,
    notebooks: tuple[str, ...] = APP_NOTEBOOKS,
    python: str | None = None,
    preheat: bool = True,
) -> list[str]:
    """Build the command line of the app's server (:mod:`ntmplan.app.voila_app`: Voilà with the
    landing page, code hidden, widgets live).

    Parameters
    ----------
    target : str or Path, optional
        A notebook file or a folder; default the project's ``notebooks/`` folder, where the
        planner picks a workbook from a list.
    port : int
        Port on 127.0.0.1.
    open_browser : bool
        Let Voilà open the default browser.
    notebooks : tuple of str
        Notebook ids listed in folder mode (the others are hidden).
    python : str, optional
        Interpreter; default the running one (the project's venv).
    preheat : bool
        Keep one kernel per workbook ready (Voilà's preheated kernels; folder mode only).

    Returns
    -------
    list of str

    Raises
    ------
    FileNotFoundError
        If ``target`` does not exist.
    """
    target = Path(target) if target else paths.NOTEBOOKS_DIR
    if not target.exists():
        raise FileNotFoundError(f"Không có / not found: {target}")
    cmd = [
        python or sys.executable,
        "-m",
        "ntmplan.app.voila_app",
        str(target),
        f"--port={int(port)}",
        f"--Voila.ip={HOST}",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--theme=light",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    if target.is_dir():  # one option per glob: traitlets reads a repeated option as a list
        cmd.extend(f"--ContentsManager.hide_globs={g}" for g in hidden_globs(tuple(notebooks)))
        if preheat:  # one kernel per workbook kept ready (imports and bundled survey loaded)
            cmd += [
                "--VoilaConfiguration.preheat_kernel=True",
                "--VoilaConfiguration.default_pool_size=1",
            ]
            cmd.extend(
                f"--VoilaKernelManager.preheat_denylist={stem}"
                for stem in hidden_globs(tuple(notebooks))
                if stem.endswith(".ipynb")
            )
    return cmd


def lab_command(
    port: int = LAB_PORT,
    open_browser: bool = True,
    python: str | None = None,
    token: str | None = None,
    settings_dir: str | Path | None = None,
) -> list[str]:
    """Build the command line of JupyterLab on the project, opening the notebooks folder.

    The root is the project folder (so ``params/`` and ``data/`` can be opened too) and the
    first page is ``notebooks/``. The notebooks' kernel ``python3`` is the interpreter that
    runs the server, i.e. the project's venv with ``ntmplan`` installed.

    Parameters
    ----------
    port : int
        Port on 127.0.0.1.
    open_browser : bool
        Open the default browser.
    python : str, optional
        Interpreter; default the running one.
    token : str, optional
        The access token (printed in the address); default JupyterLab's own choice.
    settings_dir : str or Path, optional
        Application settings folder (``overrides.json``); default the project's
        (:func:`ntmplan.app.lab_settings.lab_settings_dir`), never the virtual environment's.

    Returns
    -------
    list of str
    """
    from ntmplan.app.lab_settings import lab_settings_dir

    cmd = [
        python or sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={int(port)}",
        f"--ServerApp.root_dir={paths.ROOT}",
        "--ServerApp.default_url=/lab/tree/notebooks",
        f"--LabApp.app_settings_dir={settings_dir or lab_settings_dir()}",
        *jupyter_config.lab_options(),
    ]
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if not open_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")  # containers and CI run as root; JupyterLab refuses otherwise
    return cmd
