"""The project's Jupyter server configuration (``make lab``): workbooks are saved without outputs.

The configuration is the file :data:`CONFIG_FILE` (``notebooks/.jupyter/jupyter_server_config.json``);
it sets ``FileContentsManager.pre_save_hook`` to :func:`ntmplan.notebook.strip.pre_save_hook`, so
saving a workbook of ``notebooks/`` in JupyterLab strips its outputs, execution counts and
transient metadata. JupyterLab reads it through :func:`lab_options`; tests load it with
:func:`server_config`.
"""

from __future__ import annotations

import json
from pathlib import Path

from ntmplan.core.paths import NOTEBOOKS_DIR

#: The project's Jupyter server configuration (JSON, read by traitlets).
CONFIG_FILE: Path = NOTEBOOKS_DIR / ".jupyter" / "jupyter_server_config.json"


def server_config(config_file: str | Path = CONFIG_FILE) -> dict:
    """Return the project's Jupyter server configuration (the JSON file, as a dict).

    Parameters
    ----------
    config_file : str or Path
        Default :data:`CONFIG_FILE`.

    Returns
    -------
    dict
        ``{"FileContentsManager": {"pre_save_hook": "ntmplan.notebook.strip.pre_save_hook"}}``;
        ``traitlets.config.Config(server_config())`` configures a ``FileContentsManager`` as
        the server would.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    json.JSONDecodeError
        If it is not JSON.
    """
    return json.loads(Path(config_file).read_text(encoding="utf-8"))


def lab_options(config_file: str | Path = CONFIG_FILE) -> list[str]:
    """Return the command-line options that make JupyterLab use the project's configuration.

    Parameters
    ----------
    config_file : str or Path
        Default :data:`CONFIG_FILE`.

    Returns
    -------
    list of str
        ``["--config=<file>"]``; the user's own Jupyter configuration is still read.
    """
    return [f"--config={Path(config_file)}"]
